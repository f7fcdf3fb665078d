//! Item analysis, as Moodle's quiz statistics report does it: for each question, how many
//! got it right (facility), the wrong answer given most, and whether it separates learners
//! who did well on the quiz from those who did not (discrimination: the correlation between
//! the score on the question and the score on the rest of the quiz). A question that is
//! confusing or keyed wrong shows a low or negative discrimination.

use std::collections::HashMap;

use serde::Serialize;

use crate::course::{Course, ItemKind};
use crate::quiz::grade::Response;
use crate::quiz::{Question, QuestionKind};
use crate::store::tally::{Learners, ScoredAnswer};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionReport {
    pub question_id: String,
    /// The prompt's first line.
    pub prompt: String,
    /// Answers in finished attempts.
    pub answers: usize,
    /// The mean share of the question's points earned, 0–1.
    pub facility: Option<f64>,
    /// The wrong answer given most, and how many times.
    pub most_picked_wrong: Option<(String, usize)>,
    /// −1 to 1; `None` with fewer than two attempts or no spread.
    pub discrimination: Option<f64>,
}

/// The item analysis of one quiz of `course`.
pub fn question_reports(
    store: &Store,
    who: &Learners,
    course: &Course,
    quiz_id: &str,
) -> Result<Vec<QuestionReport>, StoreError> {
    let Some(ItemKind::Quiz(quiz)) = course.items().find(|i| i.id == quiz_id).map(|i| &i.kind)
    else {
        return Ok(Vec::new());
    };
    let answers = store.quiz_answers(who, &course.id, quiz_id)?;
    Ok(analyse(&quiz.questions, &answers))
}

/// The analysis of `questions` from their answers.
pub fn analyse(questions: &[Question], answers: &[ScoredAnswer]) -> Vec<QuestionReport> {
    // Each attempt's total, to take the rest of the quiz from.
    let mut totals: HashMap<&str, (f64, f64)> = HashMap::new();
    for a in answers {
        let t = totals.entry(a.attempt_id.as_str()).or_default();
        t.0 += a.score;
        t.1 += a.max_score;
    }
    questions
        .iter()
        .map(|q| {
            let mine: Vec<&ScoredAnswer> =
                answers.iter().filter(|a| a.question_id == q.id).collect();
            let share = |a: &ScoredAnswer| {
                if a.max_score > 0.0 {
                    a.score / a.max_score
                } else {
                    0.0
                }
            };
            let facility = (!mine.is_empty())
                .then(|| mine.iter().map(|a| share(a)).sum::<f64>() / mine.len() as f64);
            let pairs: Vec<(f64, f64)> = mine
                .iter()
                .filter_map(|a| {
                    let (score, max) = totals.get(a.attempt_id.as_str())?;
                    let rest_max = max - a.max_score;
                    (rest_max > 0.0).then(|| (share(a), (score - a.score) / rest_max))
                })
                .collect();
            QuestionReport {
                question_id: q.id.clone(),
                prompt: first_line(&q.prompt),
                answers: mine.len(),
                facility,
                most_picked_wrong: most_wrong(q, &mine),
                discrimination: correlation(&pairs),
            }
        })
        .collect()
}

/// Pearson's correlation of the pairs; `None` when it is not defined.
fn correlation(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return None;
    }
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    (sxx > 1e-12 && syy > 1e-12).then(|| sxy / (sxx * syy).sqrt())
}

/// The wrong answer given most: for choices, the wrong option picked most; otherwise the
/// wrong response given most.
fn most_wrong(q: &Question, answers: &[&ScoredAnswer]) -> Option<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for a in answers.iter().filter(|a| !a.correct) {
        let Some(r) = Response::from_record(&a.response) else {
            continue;
        };
        for label in wrong_parts(q, &r) {
            *counts.entry(label).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
}

/// The wrong parts of a response, as words: each wrong choice picked, or the response.
fn wrong_parts(q: &Question, r: &Response) -> Vec<String> {
    match (&q.kind, r) {
        (QuestionKind::Single { choices } | QuestionKind::Multiple { choices }, _) => {
            let picked: Vec<usize> = match r {
                Response::Choice(i) => vec![*i],
                Response::Choices(v) => v.clone(),
                _ => Vec::new(),
            };
            picked
                .into_iter()
                .filter_map(|i| choices.get(i))
                .filter(|c| !c.correct)
                .map(|c| first_line(&c.text))
                .collect()
        }
        (QuestionKind::TrueFalse { .. }, Response::Bool(b)) => vec![b.to_string()],
        (QuestionKind::Text { .. }, Response::Text(t)) => vec![crate::quiz::text::normalize(t)],
        (QuestionKind::Number { .. }, Response::Number(n)) => vec![n.to_string()],
        (QuestionKind::Order { items }, Response::Order(v)) => vec![
            v.iter()
                .map(|i| items.get(*i).map_or("?", String::as_str))
                .collect::<Vec<_>>()
                .join(" → "),
        ],
        (QuestionKind::Match { pairs, .. }, Response::Match(v)) => {
            let options = q.kind.match_options();
            pairs
                .iter()
                .zip(v)
                .enumerate()
                .filter(|(i, (_, m))| **m != Some(*i))
                .map(|(_, ((left, _), m))| {
                    let right = m.and_then(|m| options.get(m).copied()).unwrap_or("—");
                    format!("{left} → {right}")
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The first line of Markdown text, plain and short.
fn first_line(markdown: &str) -> String {
    let line = markdown
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let plain: String = line
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#'))
        .collect();
    let plain = plain.trim();
    if plain.chars().count() > 70 {
        format!("{}…", plain.chars().take(69).collect::<String>())
    } else {
        plain.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(attempt: &str, q: &str, score: f64, response: &str) -> ScoredAnswer {
        ScoredAnswer {
            attempt_id: attempt.into(),
            question_id: q.into(),
            response: response.into(),
            score,
            max_score: 1.0,
            correct: score >= 1.0,
        }
    }

    #[test]
    fn a_question_the_strong_get_right_discriminates_and_a_miskeyed_one_does_not() {
        let q = |id: &str| Question {
            id: id.into(),
            prompt: format!("Question {id}"),
            points: crate::quiz::Points::new(1.0).unwrap(),
            explanation: None,
            hints: vec![],
            kind: QuestionKind::Text {
                answers: vec![],
                matching: Default::default(),
            },
        };
        let questions = [q("good"), q("keyed-wrong"), q("a"), q("b")];
        let mut answers = Vec::new();
        // Four strong attempts (a and b right) and four weak ones (a and b wrong).
        for (n, strong) in [
            (1, true),
            (2, true),
            (3, true),
            (4, true),
            (5, false),
            (6, false),
            (7, false),
            (8, false),
        ] {
            let s = if strong { 1.0 } else { 0.0 };
            let id = format!("t{n}");
            answers.push(answer(&id, "a", s, "{\"text\":\"x\"}"));
            answers.push(answer(&id, "b", s, "{\"text\":\"x\"}"));
            // The good question follows the rest; the one keyed wrong goes against it.
            answers.push(answer(&id, "good", s, "{\"text\":\"x\"}"));
            answers.push(answer(&id, "keyed-wrong", 1.0 - s, "{\"text\":\"x\"}"));
        }
        let r = analyse(&questions, &answers);
        let by = |id: &str| r.iter().find(|q| q.question_id == id).unwrap();
        assert!(by("good").discrimination.unwrap() > 0.9, "{:?}", by("good"));
        assert!(by("keyed-wrong").discrimination.unwrap() < -0.9);
        assert_eq!(by("good").facility, Some(0.5));
        assert_eq!(by("good").answers, 8);
    }
}
