//! Grading: what a response is worth, and which feedback it earns. Documented for authors in
//! `docs/bundle-format.md`.

use super::matcher::{Matching, best_match};
use super::{Choice, NumberAnswer, Points, Question, QuestionKind, TextAnswer};

/// What a learner answered. Indices are positions in the quiz file, whatever order things
/// were shown in, so a recorded answer means the same thing in every review.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Choice(usize),
    Choices(Vec<usize>),
    Bool(bool),
    Text(String),
    Number(f64),
    /// The items (by position in the file) in the order the learner put them.
    Order(Vec<usize>),
    /// For each left item, the right option chosen (by position in
    /// [`QuestionKind::match_options`]), or none.
    Match(Vec<Option<usize>>),
}

/// What an answer earned, out of what it could earn: both finite, by their type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grade {
    pub score: Points,
    pub max: Points,
}

impl Grade {
    /// Full marks.
    pub fn is_correct(&self) -> bool {
        self.max.get() > 0.0 && (self.score.get() - self.max.get()).abs() < 1e-9
    }

    /// Some credit, but not all of it.
    pub fn is_partial(&self) -> bool {
        self.score.get() > 1e-9 && !self.is_correct()
    }
}

/// Grades a response. A response of the wrong shape for the question scores zero.
///
/// - `single`, `true-false`: all the points for the right answer, none otherwise.
/// - `multiple`: with weights on the choices, the weights of the picked choices added up (in
///   percent of the points); without, each right choice picked earns `points / R` and each
///   wrong one picked takes `points / R` away (R = number of right choices). Never below 0.
/// - `text`: the closest accepted answer, ignoring case, spaces and accents, and unless the
///   question is `exact`, punctuation at the ends, a leading article and typing slips in
///   long words (see [`super::matcher`]).
/// - `number`: the best-weighted range that holds the number.
/// - `order`: `points / N` for each of the N items in its right place.
/// - `match`: `points / N` for each of the N pairs matched rightly.
pub fn grade(question: &Question, response: &Response) -> Grade {
    let max = question.points;
    let fraction = match (&question.kind, response) {
        (QuestionKind::Single { choices }, Response::Choice(i)) => {
            f64::from(u8::from(choices.get(*i).is_some_and(|c| c.correct)))
        }
        (QuestionKind::TrueFalse { answer, .. }, Response::Bool(b)) => {
            f64::from(u8::from(answer == b))
        }
        (QuestionKind::Multiple { choices }, Response::Choices(picked)) => {
            multiple_fraction(choices, picked)
        }
        (QuestionKind::Text { answers, matching }, Response::Text(t)) => {
            matching_text(answers, *matching, t).map_or(0.0, |a| a.weight / 100.0)
        }
        (QuestionKind::Number { answers }, Response::Number(n)) => {
            matching_number(answers, *n).map_or(0.0, |a| a.weight / 100.0)
        }
        (QuestionKind::Order { items }, Response::Order(order)) if !items.is_empty() => {
            let right = order
                .iter()
                .enumerate()
                .filter(|(place, item)| place == *item)
                .count();
            right as f64 / items.len() as f64
        }
        (QuestionKind::Match { pairs, .. }, Response::Match(chosen)) if !pairs.is_empty() => {
            let right = (0..pairs.len())
                .filter(|&i| chosen.get(i) == Some(&Some(i)))
                .count();
            right as f64 / pairs.len() as f64
        }
        _ => 0.0,
    };
    Grade {
        score: max.share(fraction),
        max,
    }
}

fn multiple_fraction(choices: &[Choice], picked: &[usize]) -> f64 {
    let mut picked: Vec<usize> = picked
        .iter()
        .copied()
        .filter(|&i| i < choices.len())
        .collect();
    picked.sort_unstable();
    picked.dedup();
    if choices.iter().any(|c| c.weight.is_some()) {
        let sum: f64 = picked
            .iter()
            .map(|&i| choices[i].weight.unwrap_or(0.0))
            .sum();
        return sum / 100.0;
    }
    let right = choices.iter().filter(|c| c.correct).count();
    if right == 0 {
        return 0.0;
    }
    let net: f64 = picked
        .iter()
        .map(|&i| if choices[i].correct { 1.0 } else { -1.0 })
        .sum();
    net / right as f64
}

/// The typed answer that `typed` matches, compared as the question says: the closest one
/// (see [`best_match`]).
pub fn matching_text<'q>(
    answers: &'q [TextAnswer],
    matching: Matching,
    typed: &str,
) -> Option<&'q TextAnswer> {
    best_match(answers, matching, typed)
}

/// The range holding `n`, the best-weighted one if several do.
pub fn matching_number(answers: &[NumberAnswer], n: f64) -> Option<&NumberAnswer> {
    answers
        .iter()
        .filter(|a| a.min - 1e-9 <= n && n <= a.max + 1e-9)
        .max_by(|a, b| a.weight.total_cmp(&b.weight))
}

/// The feedback an author wrote for what the learner answered.
pub fn feedback<'q>(question: &'q Question, response: &Response) -> Vec<&'q str> {
    match (&question.kind, response) {
        (QuestionKind::Single { choices }, Response::Choice(i)) => choices
            .get(*i)
            .and_then(|c| c.feedback.as_deref())
            .into_iter()
            .collect(),
        (QuestionKind::Multiple { choices }, Response::Choices(picked)) => choices
            .iter()
            .enumerate()
            .filter(|(i, _)| picked.contains(i))
            .filter_map(|(_, c)| c.feedback.as_deref())
            .collect(),
        (
            QuestionKind::TrueFalse {
                feedback_true,
                feedback_false,
                ..
            },
            Response::Bool(b),
        ) => if *b { feedback_true } else { feedback_false }
            .as_deref()
            .into_iter()
            .collect(),
        (QuestionKind::Text { answers, matching }, Response::Text(t)) => {
            matching_text(answers, *matching, t)
                .and_then(|a| a.feedback.as_deref())
                .into_iter()
                .collect()
        }
        (QuestionKind::Number { answers }, Response::Number(n)) => matching_number(answers, *n)
            .and_then(|a| a.feedback.as_deref())
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

impl Response {
    /// The text kept in the database: `choice:2`, `choices:0,3`, `bool:true`, `text:…`,
    /// `number:1979`, `order:2,0,1`, `match:1,-,0`.
    pub fn to_record(&self) -> String {
        let list = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
        match self {
            Response::Choice(i) => format!("choice:{i}"),
            Response::Choices(v) => format!("choices:{}", list(v)),
            Response::Bool(b) => format!("bool:{b}"),
            Response::Text(t) => format!("text:{t}"),
            Response::Number(n) => format!("number:{n}"),
            Response::Order(v) => format!("order:{}", list(v)),
            Response::Match(v) => {
                let parts: Vec<String> = v
                    .iter()
                    .map(|c| c.map_or("-".to_string(), |i| i.to_string()))
                    .collect();
                format!("match:{}", parts.join(","))
            }
        }
    }

    pub fn from_record(text: &str) -> Option<Response> {
        let (kind, value) = text.split_once(':')?;
        let list = |v: &str| -> Option<Vec<usize>> {
            if v.is_empty() {
                return Some(Vec::new());
            }
            v.split(',').map(|s| s.parse().ok()).collect()
        };
        match kind {
            "choice" => value.parse().ok().map(Response::Choice),
            "choices" => list(value).map(Response::Choices),
            "bool" => value.parse().ok().map(Response::Bool),
            "text" => Some(Response::Text(value.to_string())),
            "number" => value.parse().ok().map(Response::Number),
            "order" => list(value).map(Response::Order),
            "match" if value.is_empty() => Some(Response::Match(Vec::new())),
            "match" => value
                .split(',')
                .map(|s| {
                    if s == "-" {
                        Some(None)
                    } else {
                        s.parse().ok().map(Some)
                    }
                })
                .collect::<Option<Vec<_>>>()
                .map(Response::Match),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(text: &str, correct: bool) -> Choice {
        Choice {
            text: text.into(),
            correct,
            feedback: Some(format!("about {text}")),
            weight: None,
        }
    }

    fn question(kind: QuestionKind, points: f64) -> Question {
        Question {
            id: "q".into(),
            prompt: "?".into(),
            points: Points::new(points).unwrap(),
            explanation: None,
            hints: Vec::new(),
            kind,
        }
    }

    fn multiple() -> Question {
        question(
            QuestionKind::Multiple {
                choices: vec![
                    choice("a", true),
                    choice("b", true),
                    choice("c", false),
                    choice("d", false),
                ],
            },
            2.0,
        )
    }

    #[test]
    fn single_scores_all_or_nothing() {
        let q = question(
            QuestionKind::Single {
                choices: vec![choice("a", false), choice("b", true)],
            },
            3.0,
        );
        assert_eq!(grade(&q, &Response::Choice(1)).score, 3.0);
        assert!(grade(&q, &Response::Choice(1)).is_correct());
        assert_eq!(grade(&q, &Response::Choice(0)).score, 0.0);
        assert_eq!(grade(&q, &Response::Choice(7)).score, 0.0);
        assert_eq!(grade(&q, &Response::Bool(true)).score, 0.0);
    }

    #[test]
    fn multiple_gives_partial_credit_and_takes_it_back_for_wrong_picks() {
        let q = multiple();
        let g = |picked: &[usize]| grade(&q, &Response::Choices(picked.to_vec()));
        assert!(g(&[0, 1]).is_correct());
        assert_eq!(g(&[0]).score, 1.0);
        assert!(g(&[0]).is_partial());
        assert_eq!(g(&[0, 2]).score, 0.0);
        assert_eq!(g(&[0, 1, 2]).score, 1.0);
        // Never below zero, and picking everything earns nothing here.
        assert_eq!(g(&[2, 3]).score, 0.0);
        assert_eq!(g(&[0, 1, 2, 3]).score, 0.0);
        // Duplicates and out-of-range indices cannot inflate a score.
        assert_eq!(g(&[0, 0, 9]).score, 1.0);
    }

    #[test]
    fn true_false_compares_the_value() {
        let q = question(
            QuestionKind::TrueFalse {
                answer: false,
                feedback_true: Some("no: ...".into()),
                feedback_false: Some("yes: ...".into()),
            },
            1.0,
        );
        assert!(grade(&q, &Response::Bool(false)).is_correct());
        assert_eq!(grade(&q, &Response::Bool(true)).score, 0.0);
        assert_eq!(feedback(&q, &Response::Bool(true)), ["no: ..."]);
    }

    #[test]
    fn multiple_with_weights_adds_them_up_and_never_goes_below_zero() {
        let mut q = multiple();
        if let QuestionKind::Multiple { choices } = &mut q.kind {
            for (c, w) in choices.iter_mut().zip([50.0, 50.0, -100.0, -100.0]) {
                c.weight = Some(w);
            }
        }
        let g = |picked: &[usize]| grade(&q, &Response::Choices(picked.to_vec()));
        assert!(g(&[0, 1]).is_correct());
        assert_eq!(g(&[1]).score, 1.0);
        assert_eq!(g(&[0, 2]).score, 0.0);
    }

    #[test]
    fn typed_answers_ignore_case_spaces_and_accents_and_can_earn_part() {
        let answer = |text: &str, weight: f64| TextAnswer {
            text: text.into(),
            weight,
            feedback: Some(format!("fb {text}")),
        };
        let q = question(
            QuestionKind::Text {
                answers: vec![
                    answer("Beijing", 100.0),
                    answer("Peking", 50.0),
                    answer("Nairobi", 0.0),
                ],
                matching: Default::default(),
            },
            2.0,
        );
        let g = |t: &str| grade(&q, &Response::Text(t.into()));
        assert!(g("  BÉIJING ").is_correct());
        assert_eq!(g("peking").score, 1.0);
        assert_eq!(g("Nairobi").score, 0.0);
        assert_eq!(g("Mexico City").score, 0.0);
        assert_eq!(
            feedback(&q, &Response::Text("nairobi".into())),
            ["fb Nairobi"]
        );
    }

    #[test]
    fn numbers_are_right_within_their_range() {
        let q = question(
            QuestionKind::Number {
                answers: vec![
                    NumberAnswer {
                        min: 1979.0,
                        max: 1979.0,
                        weight: 100.0,
                        feedback: None,
                    },
                    NumberAnswer {
                        min: 1975.0,
                        max: 1985.0,
                        weight: 50.0,
                        feedback: Some("close".into()),
                    },
                ],
            },
            1.0,
        );
        assert!(grade(&q, &Response::Number(1979.0)).is_correct());
        assert_eq!(grade(&q, &Response::Number(1981.0)).score, 0.5);
        assert_eq!(feedback(&q, &Response::Number(1981.0)), ["close"]);
        assert_eq!(grade(&q, &Response::Number(1995.0)).score, 0.0);
    }

    #[test]
    fn order_and_match_earn_a_share_for_each_item_in_place() {
        let order = question(
            QuestionKind::Order {
                items: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            },
            4.0,
        );
        assert!(grade(&order, &Response::Order(vec![0, 1, 2, 3])).is_correct());
        assert_eq!(grade(&order, &Response::Order(vec![1, 0, 2, 3])).score, 2.0);
        assert_eq!(grade(&order, &Response::Order(vec![3, 2, 1, 0])).score, 0.0);
        let pairs = vec![
            ("CEDAW".into(), "1979".into()),
            ("Beijing".into(), "1995".into()),
        ];
        let m = question(
            QuestionKind::Match {
                pairs,
                distractors: vec!["2000".into()],
            },
            2.0,
        );
        assert!(grade(&m, &Response::Match(vec![Some(0), Some(1)])).is_correct());
        assert_eq!(
            grade(&m, &Response::Match(vec![Some(0), Some(2)])).score,
            1.0
        );
        assert_eq!(grade(&m, &Response::Match(vec![None, None])).score, 0.0);
    }

    #[test]
    fn feedback_follows_the_picked_choices() {
        let q = multiple();
        assert_eq!(
            feedback(&q, &Response::Choices(vec![3, 0])),
            ["about a", "about d"]
        );
    }

    #[test]
    fn responses_round_trip_through_their_record() {
        for r in [
            Response::Choice(2),
            Response::Choices(vec![0, 3]),
            Response::Choices(vec![]),
            Response::Bool(true),
        ] {
            assert_eq!(Response::from_record(&r.to_record()), Some(r));
        }
        for r in [
            Response::Text("Égalité, des chances: 1:2".into()),
            Response::Number(0.25),
            Response::Order(vec![2, 0, 1]),
            Response::Match(vec![Some(1), None, Some(0)]),
        ] {
            assert_eq!(Response::from_record(&r.to_record()), Some(r));
        }
        assert_eq!(Response::from_record("choice:x"), None);
        assert_eq!(Response::from_record("essay:hello"), None);
    }
}
