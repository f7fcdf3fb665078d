//! Grading: what a response is worth, and which feedback it earns. Documented for authors in
//! `docs/bundle-format.md`.

use super::{Choice, Question, QuestionKind};

/// What a learner answered. Choice indices are positions in the quiz file, whatever order the
/// choices were shown in, so a recorded answer means the same thing in every review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    Choice(usize),
    Choices(Vec<usize>),
    Bool(bool),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grade {
    pub score: f64,
    pub max: f64,
}

impl Grade {
    /// Full marks.
    pub fn is_correct(&self) -> bool {
        self.max > 0.0 && (self.score - self.max).abs() < 1e-9
    }

    /// Some credit, but not all of it.
    pub fn is_partial(&self) -> bool {
        self.score > 1e-9 && !self.is_correct()
    }
}

/// Grades a response. A response of the wrong shape for the question scores zero.
///
/// - `single`: all the points for the right choice, none otherwise.
/// - `true-false`: all the points for the right value.
/// - `multiple`: each right choice picked earns `points / R` and each wrong choice picked
///   takes `points / R` away (R = number of right choices); never below zero. Picking
///   everything therefore earns nothing unless every choice is right.
pub fn grade(question: &Question, response: &Response) -> Grade {
    let max = question.points;
    let score = match (&question.kind, response) {
        (QuestionKind::Single { choices }, Response::Choice(i))
            if choices.get(*i).is_some_and(|c| c.correct) =>
        {
            max
        }
        (QuestionKind::TrueFalse { answer, .. }, Response::Bool(b)) if answer == b => max,
        (QuestionKind::Multiple { choices }, Response::Choices(picked)) => {
            multiple_score(choices, picked, max)
        }
        _ => 0.0,
    };
    Grade { score, max }
}

fn multiple_score(choices: &[Choice], picked: &[usize], max: f64) -> f64 {
    let right = choices.iter().filter(|c| c.correct).count();
    if right == 0 {
        return 0.0;
    }
    let share = max / right as f64;
    let mut picked: Vec<usize> = picked
        .iter()
        .copied()
        .filter(|&i| i < choices.len())
        .collect();
    picked.sort_unstable();
    picked.dedup();
    let net: f64 = picked
        .iter()
        .map(|&i| if choices[i].correct { share } else { -share })
        .sum();
    net.clamp(0.0, max)
}

/// The feedback an author wrote for what the learner picked, in the order of the choices.
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
        _ => Vec::new(),
    }
}

impl Response {
    /// The text kept in the database: `choice:2`, `choices:0,3`, `bool:true`.
    pub fn to_record(&self) -> String {
        match self {
            Response::Choice(i) => format!("choice:{i}"),
            Response::Choices(v) => {
                let list: Vec<String> = v.iter().map(usize::to_string).collect();
                format!("choices:{}", list.join(","))
            }
            Response::Bool(b) => format!("bool:{b}"),
        }
    }

    pub fn from_record(text: &str) -> Option<Response> {
        let (kind, value) = text.split_once(':')?;
        match kind {
            "choice" => value.parse().ok().map(Response::Choice),
            "choices" if value.is_empty() => Some(Response::Choices(Vec::new())),
            "choices" => value
                .split(',')
                .map(|s| s.parse().ok())
                .collect::<Option<Vec<usize>>>()
                .map(Response::Choices),
            "bool" => value.parse().ok().map(Response::Bool),
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
        }
    }

    fn question(kind: QuestionKind, points: f64) -> Question {
        Question {
            id: "q".into(),
            prompt: "?".into(),
            points,
            explanation: None,
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
        assert_eq!(Response::from_record("choice:x"), None);
        assert_eq!(Response::from_record("essay:hello"), None);
    }
}
