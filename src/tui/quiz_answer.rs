//! Answering one question, whatever its kind: picking choices, typing a word or a number,
//! putting items in order, matching pairs. Keys change this state; [`Answering::response`]
//! turns it into the answer the quiz file's terms understand.

use crate::quiz::plan::PlannedQuestion;
use crate::quiz::text::parse_number;
use crate::quiz::{Question, QuestionKind, Response};

use super::action::Action;
use super::input::Input;

/// How the current question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Single, multiple, true/false: pick among options.
    Choose,
    /// Text or number: type.
    Type,
    /// Order: move items up and down.
    Arrange,
    /// Match: choose a right-hand item for each left-hand one.
    Pair,
}

pub fn mode(question: &Question) -> Mode {
    match question.kind {
        QuestionKind::Single { .. }
        | QuestionKind::Multiple { .. }
        | QuestionKind::TrueFalse { .. } => Mode::Choose,
        QuestionKind::Text { .. } | QuestionKind::Number { .. } => Mode::Type,
        QuestionKind::Order { .. } => Mode::Arrange,
        QuestionKind::Match { .. } => Mode::Pair,
    }
}

#[derive(Debug, Clone, Default)]
pub struct Answering {
    /// The option, item or row under the cursor, in display order.
    pub cursor: usize,
    /// Options picked, in display order (choose).
    pub picked: Vec<usize>,
    /// What was typed (type).
    pub input: Input,
    /// The items, by position in the file, in the order the learner has put them (arrange).
    pub arrangement: Vec<usize>,
    /// The item under the cursor moves with it (arrange).
    pub held: bool,
    /// For each left-hand item, the right-hand option chosen, in display order (pair).
    pub matches: Vec<Option<usize>>,
    /// How many of the question's hints are open.
    pub hints_shown: usize,
}

impl Answering {
    pub fn new(question: &Question, planned: &PlannedQuestion) -> Answering {
        let input = match question.kind {
            QuestionKind::Number { .. } => Input::text(40),
            _ => Input::text(200),
        };
        let matches = match &question.kind {
            QuestionKind::Match { pairs, .. } => vec![None; pairs.len()],
            _ => Vec::new(),
        };
        Answering {
            input,
            arrangement: planned.option_order.clone(),
            matches,
            ..Answering::default()
        }
    }

    /// Handles a key before the answer is submitted. `Confirm` is left to the caller.
    pub fn key(&mut self, question: &Question, planned: &PlannedQuestion, action: &Action) {
        if *action == Action::Hint {
            self.hints_shown = (self.hints_shown + 1).min(question.hints.len());
            return;
        }
        let options = question.kind.option_count();
        match mode(question) {
            Mode::Choose => {
                let multiple = matches!(question.kind, QuestionKind::Multiple { .. });
                match *action {
                    Action::Up => self.cursor = self.cursor.saturating_sub(1),
                    Action::Down => self.cursor = (self.cursor + 1).min(options.saturating_sub(1)),
                    Action::Pick(n) if n < options => {
                        self.cursor = n;
                        self.toggle(multiple);
                    }
                    Action::Toggle => self.toggle(multiple),
                    _ => {}
                }
            }
            Mode::Type => match action {
                Action::Type(c) => self.input.push(*c),
                Action::Erase => self.input.pop(),
                _ => {}
            },
            Mode::Arrange => {
                let last = self.arrangement.len().saturating_sub(1);
                match *action {
                    Action::Toggle | Action::Pick(_) => self.held = !self.held,
                    Action::Up if self.cursor > 0 => {
                        if self.held {
                            self.arrangement.swap(self.cursor, self.cursor - 1);
                        }
                        self.cursor -= 1;
                    }
                    Action::Down if self.cursor < last => {
                        if self.held {
                            self.arrangement.swap(self.cursor, self.cursor + 1);
                        }
                        self.cursor += 1;
                    }
                    _ => {}
                }
            }
            Mode::Pair => {
                let rows = self.matches.len();
                let cycle = |current: Option<usize>, step: isize| -> Option<usize> {
                    // Options, then "none", round again.
                    let n = options as isize + 1;
                    let at = current.map_or(options as isize, |c| c as isize);
                    let next = (at + step).rem_euclid(n) as usize;
                    (next < options).then_some(next)
                };
                match *action {
                    Action::Up => self.cursor = self.cursor.saturating_sub(1),
                    Action::Down => self.cursor = (self.cursor + 1).min(rows.saturating_sub(1)),
                    Action::Right | Action::Toggle => {
                        self.matches[self.cursor] = cycle(self.matches[self.cursor], 1);
                    }
                    Action::Left => {
                        self.matches[self.cursor] = cycle(self.matches[self.cursor], -1)
                    }
                    Action::Pick(n) if n < options => {
                        self.matches[self.cursor] = Some(n);
                        self.cursor = (self.cursor + 1).min(rows.saturating_sub(1));
                    }
                    _ => {}
                }
            }
        }
        let _ = planned;
    }

    fn toggle(&mut self, multiple: bool) {
        if multiple {
            if let Some(pos) = self.picked.iter().position(|&p| p == self.cursor) {
                self.picked.remove(pos);
            } else {
                self.picked.push(self.cursor);
            }
        } else {
            self.picked = vec![self.cursor];
        }
    }

    /// The answer in the quiz file's terms, or the catalog key of what is still missing.
    pub fn response(
        &mut self,
        question: &Question,
        planned: &PlannedQuestion,
    ) -> Result<Response, &'static str> {
        let order = &planned.option_order;
        let original = |d: usize| order.get(d).copied().unwrap_or(d);
        match &question.kind {
            QuestionKind::Single { .. } | QuestionKind::TrueFalse { .. } => {
                // Enter on an option chooses it.
                self.picked = vec![self.cursor];
                Ok(match question.kind {
                    QuestionKind::TrueFalse { .. } => Response::Bool(original(self.cursor) == 0),
                    _ => Response::Choice(original(self.cursor)),
                })
            }
            QuestionKind::Multiple { .. } if self.picked.is_empty() => Err("quiz.pick_first"),
            QuestionKind::Multiple { .. } => {
                let mut v: Vec<usize> = self.picked.iter().map(|&d| original(d)).collect();
                v.sort_unstable();
                Ok(Response::Choices(v))
            }
            QuestionKind::Text { .. } if self.input.text.trim().is_empty() => {
                Err("quiz.type_first")
            }
            QuestionKind::Text { .. } => Ok(Response::Text(self.input.text.trim().to_string())),
            QuestionKind::Number { .. } => parse_number(&self.input.text)
                .map(Response::Number)
                .ok_or("quiz.type_number"),
            QuestionKind::Order { .. } => Ok(Response::Order(self.arrangement.clone())),
            QuestionKind::Match { .. } if self.matches.iter().any(Option::is_none) => {
                Err("quiz.match_all")
            }
            QuestionKind::Match { .. } => Ok(Response::Match(
                self.matches.iter().map(|m| m.map(original)).collect(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::plan::PlannedQuestion;

    fn question(kind: QuestionKind) -> Question {
        Question {
            id: "q".into(),
            prompt: String::new(),
            points: crate::quiz::Points::new(1.0).unwrap(),
            explanation: None,
            hints: vec!["one".into(), "two".into()],
            kind,
        }
    }

    #[test]
    fn arranging_moves_the_held_item_and_only_it() {
        let q = question(QuestionKind::Order {
            items: vec!["a".into(), "b".into(), "c".into()],
        });
        let planned = PlannedQuestion {
            id: "q".into(),
            option_order: vec![2, 0, 1],
        };
        let mut a = Answering::new(&q, &planned);
        // Move "c" (shown first) to the bottom: hold it, go down twice, drop it.
        for act in [
            Action::Toggle,
            Action::Down,
            Action::Down,
            Action::Toggle,
            Action::Up,
        ] {
            a.key(&q, &planned, &act);
        }
        assert_eq!(a.response(&q, &planned), Ok(Response::Order(vec![0, 1, 2])));
    }

    #[test]
    fn pairing_cycles_through_the_options_and_none_and_needs_every_row() {
        let q = question(QuestionKind::Match {
            pairs: vec![("x".into(), "1".into()), ("y".into(), "2".into())],
            distractors: vec![],
        });
        let planned = PlannedQuestion {
            id: "q".into(),
            option_order: vec![1, 0],
        };
        let mut a = Answering::new(&q, &planned);
        a.key(&q, &planned, &Action::Right);
        assert_eq!(a.matches, [Some(0), None]);
        assert_eq!(a.response(&q, &planned), Err("quiz.match_all"));
        a.key(&q, &planned, &Action::Left);
        assert_eq!(
            a.matches,
            [None, None],
            "left from the first option is none"
        );
        // Digits pick the shown option and go on to the next row.
        a.key(&q, &planned, &Action::Pick(1));
        a.key(&q, &planned, &Action::Pick(0));
        // Shown option 1 is the file's right-hand item 0 ("1"), which pairs with x.
        assert_eq!(
            a.response(&q, &planned),
            Ok(Response::Match(vec![Some(0), Some(1)]))
        );
    }

    #[test]
    fn typed_numbers_must_be_numbers_and_hints_open_one_at_a_time() {
        let q = question(QuestionKind::Number { answers: vec![] });
        let planned = PlannedQuestion {
            id: "q".into(),
            option_order: vec![],
        };
        let mut a = Answering::new(&q, &planned);
        for c in "19x".chars() {
            a.key(&q, &planned, &Action::Type(c));
        }
        assert_eq!(a.response(&q, &planned), Err("quiz.type_number"));
        a.key(&q, &planned, &Action::Erase);
        a.key(&q, &planned, &Action::Type('7'));
        assert_eq!(a.response(&q, &planned), Ok(Response::Number(197.0)));
        for _ in 0..3 {
            a.key(&q, &planned, &Action::Hint);
        }
        assert_eq!(a.hints_shown, 2);
    }
}
