//! Questions as xAPI `cmi.interaction`s: the ids responses name options by, the learner's
//! response in xAPI's format, and a question's definition with its right answers. Apart
//! from the statements, whose shape is the same for every question, because this part
//! grows a case with each new question kind.

use serde_json::{Value, json};

use crate::quiz::grade::Response;
use crate::quiz::{Question, QuestionKind};

/// The ids xAPI responses name options by: `choice-1` is the file's first choice.
fn choice_id(i: usize) -> String {
    format!("choice-{}", i + 1)
}

fn item_id(i: usize) -> String {
    format!("item-{}", i + 1)
}

fn source_id(i: usize) -> String {
    format!("left-{}", i + 1)
}

fn target_id(i: usize) -> String {
    format!("right-{}", i + 1)
}

/// The learner's response in xAPI's format for its interaction type.
pub fn response_text(r: &Response) -> String {
    match r {
        Response::Choice(i) => choice_id(*i),
        Response::Choices(v) => v
            .iter()
            .map(|i| choice_id(*i))
            .collect::<Vec<_>>()
            .join("[,]"),
        Response::Bool(b) => b.to_string(),
        Response::Text(t) => t.clone(),
        Response::Number(n) => number(*n),
        Response::Order(v) => v
            .iter()
            .map(|i| item_id(*i))
            .collect::<Vec<_>>()
            .join("[,]"),
        Response::Match(v) => v
            .iter()
            .enumerate()
            .filter_map(|(l, r)| r.map(|r| format!("{}[.]{}", source_id(l), target_id(r))))
            .collect::<Vec<_>>()
            .join("[,]"),
    }
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The interaction's definition: its type, and what the course says of it (prompt, options,
/// right answers) when the course is here.
pub(super) fn definition(
    question: Option<&Question>,
    response: Option<&Response>,
    lang: &str,
) -> Value {
    let Some(kind) = interaction_type(question, response) else {
        return json!({});
    };
    let mut d = json!({
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        "interactionType": kind,
    });
    let Some(q) = question else {
        return d;
    };
    d["description"] = json!({ lang: q.prompt.as_str() });
    add_options(&mut d, &q.kind, lang);
    d["correctResponsesPattern"] = correct_responses(&q.kind);
    d
}

/// xAPI's interaction type: the question's when the course is here, else the response's;
/// `None` when there is neither.
fn interaction_type(
    question: Option<&Question>,
    response: Option<&Response>,
) -> Option<&'static str> {
    Some(match (question.map(|q| &q.kind), response) {
        (Some(QuestionKind::Single { .. } | QuestionKind::Multiple { .. }), _)
        | (None, Some(Response::Choice(_) | Response::Choices(_))) => "choice",
        (Some(QuestionKind::TrueFalse { .. }), _) | (None, Some(Response::Bool(_))) => "true-false",
        (Some(QuestionKind::Text { .. }), _) | (None, Some(Response::Text(_))) => "fill-in",
        (Some(QuestionKind::Number { .. }), _) | (None, Some(Response::Number(_))) => "numeric",
        (Some(QuestionKind::Order { .. }), _) | (None, Some(Response::Order(_))) => "sequencing",
        (Some(QuestionKind::Match { .. }), _) | (None, Some(Response::Match(_))) => "matching",
        (None, None) => return None,
    })
}

/// The options a response names by id (`choices`, or `source` and `target` for matching),
/// each with its text; kinds answered in the learner's own words have none.
fn add_options(d: &mut Value, kind: &QuestionKind, lang: &str) {
    let text = |s: &str| json!({ lang: s });
    let components = |ids: Vec<String>, texts: Vec<&str>| -> Value {
        ids.into_iter()
            .zip(texts)
            .map(|(id, t)| json!({ "id": id, "description": text(t) }))
            .collect()
    };
    match kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
            d["choices"] = components(
                (0..choices.len()).map(choice_id).collect(),
                choices.iter().map(|c| c.text.as_str()).collect(),
            );
        }
        QuestionKind::Order { items } => {
            d["choices"] = components(
                (0..items.len()).map(item_id).collect(),
                items.iter().map(String::as_str).collect(),
            );
        }
        QuestionKind::Match { pairs, distractors } => {
            d["source"] = components(
                (0..pairs.len()).map(source_id).collect(),
                pairs.iter().map(|(l, _)| l.as_str()).collect(),
            );
            let rights: Vec<&str> = pairs
                .iter()
                .map(|(_, r)| r.as_str())
                .chain(distractors.iter().map(String::as_str))
                .collect();
            d["target"] = components((0..rights.len()).map(target_id).collect(), rights);
        }
        QuestionKind::TrueFalse { .. }
        | QuestionKind::Text { .. }
        | QuestionKind::Number { .. } => {}
    }
}

/// The responses that are right, in the format [`response_text`] writes a learner's.
fn correct_responses(kind: &QuestionKind) -> Value {
    match kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
            let right: Vec<String> = (0..choices.len())
                .filter(|&i| choices[i].correct)
                .map(choice_id)
                .collect();
            json!([right.join("[,]")])
        }
        QuestionKind::TrueFalse { answer, .. } => json!([answer.to_string()]),
        QuestionKind::Text { answers, .. } => {
            let right: Vec<String> = answers
                .iter()
                .filter(|a| a.weight >= 100.0)
                .map(|a| format!("{{case_matters=false}}{}", a.text))
                .collect();
            json!(right)
        }
        QuestionKind::Number { answers } => {
            let right: Vec<String> = answers
                .iter()
                .filter(|a| a.weight >= 100.0)
                .map(|a| {
                    if a.min == a.max {
                        number(a.min)
                    } else {
                        format!("{}[:]{}", number(a.min), number(a.max))
                    }
                })
                .collect();
            json!(right)
        }
        QuestionKind::Order { items } => {
            let right: Vec<String> = (0..items.len()).map(item_id).collect();
            json!([right.join("[,]")])
        }
        QuestionKind::Match { pairs, .. } => {
            let right: Vec<String> = (0..pairs.len())
                .map(|i| format!("{}[.]{}", source_id(i), target_id(i)))
                .collect();
            json!([right.join("[,]")])
        }
    }
}
