//! The fields of each kind of question in a quiz file, checked: choices, a truth value,
//! typed answers, numbers, items to order and pairs to match.

use super::diagnostic::Diagnostics;
use super::fields::Fields;
use std::ops::Range;

use crate::quiz::matcher::{Articles, Matching, clashes};
use crate::quiz::{Choice, NumberAnswer, QuestionKind, TextAnswer};
use crate::sanitize::clean;

const CHOICE_KEYS: &[&str] = &["text", "correct", "feedback", "weight"];

pub(super) fn choices(
    q: &Fields<'_, '_>,
    d: &mut Diagnostics,
    single: bool,
) -> Option<QuestionKind> {
    let src = q.source();
    let (path, text) = (src.file, src.text);
    let Some(tables) = q.tables(d, "choices", CHOICE_KEYS, |n| format!("choice {n}")) else {
        if !q.has("choices") {
            d.error_at(
                path,
                text,
                q.span(),
                format!("{} has no choices", q.what()),
                Some("add `[[questions.choices]]` tables with `text` and `correct`".to_string()),
            );
        }
        return None;
    };
    let mut choices = Vec::new();
    for c in tables {
        choices.extend(choice(q, c, d, single));
    }
    let right = choices.iter().filter(|c| c.correct).count();
    let span = q.value_span("choices");
    if choices.len() < 2 {
        d.error_at(
            path,
            text,
            span.clone(),
            format!("{} needs at least two choices", q.what()),
            None,
        );
    }
    if right == 0 {
        d.error_at(
            path,
            text,
            q.value_span("id"),
            format!("{} has no correct answer", q.what()),
            Some("mark the right choice with `correct = true`".to_string()),
        );
    } else if single && right > 1 {
        d.error_at(
            path,
            text,
            span,
            format!("{} is `single` but has {right} correct choices", q.what()),
            Some("use `type = \"multiple\"`, or keep one `correct = true`".to_string()),
        );
    }
    Some(if single {
        QuestionKind::Single { choices }
    } else {
        QuestionKind::Multiple { choices }
    })
}

/// One `[[questions.choices]]` table; `None` when it has no `text`.
fn choice(
    q: &Fields<'_, '_>,
    c: Fields<'_, '_>,
    d: &mut Diagnostics,
    single: bool,
) -> Option<Choice> {
    let src = q.source();
    let t = c.string(d, "text", "\"...\"");
    let correct = c.opt_bool(d, "correct").is_some_and(|v| *v.get_ref());
    let feedback = c.opt_string(d, "feedback").map(|f| clean(f.get_ref()));
    let weight = c.opt_number_in(d, "weight", -100.0..=100.0);
    // Partial credit belongs to `multiple`; on a `single` question a weight would
    // quietly make a choice right, so it is refused where it is written.
    let weight = match weight {
        Some(w) if single => {
            d.error_at(
                src.file,
                src.text,
                w.span(),
                format!("`weight` gives partial credit, which {} cannot: it is `single`", q.what()),
                Some("mark the one right choice with `correct = true` and remove `weight`, or make the question `type = \"multiple\"`".to_string()),
            );
            None
        }
        w => w.map(|w| *w.get_ref()),
    };
    c.finish(d);
    Some(Choice {
        text: clean(t?.get_ref()),
        correct: correct || weight.is_some_and(|w| w > 0.0),
        feedback,
        weight,
    })
}

pub(super) fn true_false(q: &Fields<'_, '_>, d: &mut Diagnostics) -> Option<QuestionKind> {
    let src = q.source();
    let answer = match q.opt_bool(d, "answer") {
        Some(a) => *a.get_ref(),
        None => {
            if !q.has("answer") {
                d.error_at(
                    src.file,
                    src.text,
                    q.span(),
                    format!("{} has no correct answer", q.what()),
                    Some("add `answer = true` or `answer = false`".to_string()),
                );
            }
            return None;
        }
    };
    Some(QuestionKind::TrueFalse {
        answer,
        feedback_true: q.opt_string(d, "feedback_true").map(|f| clean(f.get_ref())),
        feedback_false: q
            .opt_string(d, "feedback_false")
            .map(|f| clean(f.get_ref())),
    })
}

const ANSWER_KEYS: &[&str] = &[
    "text",
    "value",
    "tolerance",
    "min",
    "max",
    "weight",
    "feedback",
];
const PAIR_KEYS: &[&str] = &["left", "right"];

/// Keys that only some kinds of question take: the key, the kinds, and how to name them.
const OWNED_KEYS: &[(&str, &[&str], &str)] = &[
    ("choices", &["single", "multiple"], "single and multiple"),
    ("answer", &["true-false", "number"], "true-false and number"),
    ("feedback_true", &["true-false"], "true-false"),
    ("feedback_false", &["true-false"], "true-false"),
    ("answers", &["text", "number"], "text and number"),
    ("exact", &["text"], "text"),
    ("tolerance", &["number"], "number"),
    ("min", &["number"], "number"),
    ("max", &["number"], "number"),
    ("items", &["order"], "order"),
    ("pairs", &["match"], "match"),
    ("distractors", &["match"], "match"),
];

/// Refuses every key that belongs to other kinds of question than `kind`, naming the kinds
/// it belongs to: an author who wrote `choices` on a true-false question learns where they go.
pub(super) fn refuse_foreign_keys(q: &Fields<'_, '_>, d: &mut Diagnostics, kind: &str) {
    // An unknown kind is reported as such; its keys would only add noise.
    if !OWNED_KEYS.iter().any(|(_, kinds, _)| kinds.contains(&kind)) {
        return;
    }
    let src = q.source();
    for (key, kinds, belongs) in OWNED_KEYS {
        if q.has(key) && !kinds.contains(&kind) {
            d.error_at(
                src.file,
                src.text,
                q.value_span(key),
                format!(
                    "`{key}` belongs to {belongs} questions, not to {}",
                    q.what()
                ),
                Some(format!(
                    "{} is a `{kind}` question; see docs/bundle-format.md for its fields",
                    q.what()
                )),
            );
        }
    }
}

fn no_full_marks(q: &Fields<'_, '_>, d: &mut Diagnostics, key: &str, hint: &str) {
    let src = q.source();
    d.error_at(
        src.file,
        src.text,
        q.value_span(key),
        format!("{} has no correct answer", q.what()),
        Some(hint.to_string()),
    );
}

/// `text`: `answers = ["…", "…"]`, or `[[questions.answers]]` with `text`, `weight`,
/// `feedback`; `exact = true` turns forgiveness off. Answers the comparison cannot tell
/// apart are warned about (see [`warn_clashes`]).
pub(super) fn text(
    q: &Fields<'_, '_>,
    d: &mut Diagnostics,
    articles: Articles,
) -> Option<QuestionKind> {
    let mut answers = Vec::new();
    let mut spans = Vec::new();
    if let Some(tables) = table_list(q, d, "answers") {
        for a in tables {
            let text = a.string(d, "text", "\"Beijing\"");
            let weight = weight(&a, d);
            let feedback = a.opt_string(d, "feedback").map(|f| clean(f.get_ref()));
            a.finish(d);
            if let Some(t) = text {
                spans.push(t.span());
                answers.push(TextAnswer {
                    text: clean(t.get_ref()),
                    weight,
                    feedback,
                });
            }
        }
    } else if let Some(list) = q.opt_string_list(d, "answers") {
        spans = list.iter().map(|t| t.span()).collect();
        answers = list
            .iter()
            .map(|t| TextAnswer {
                text: clean(t.get_ref()),
                weight: 100.0,
                feedback: None,
            })
            .collect();
    } else if !q.has("answers") {
        let src = q.source();
        d.error_at(
            src.file,
            src.text,
            q.span(),
            format!("{} has no `answers`", q.what()),
            Some("add `answers = [\"the answer\", \"another accepted spelling\"]`".to_string()),
        );
        return None;
    }
    if !answers.iter().any(|a| a.weight >= 100.0) {
        no_full_marks(
            q,
            d,
            "answers",
            "give at least one answer full marks (no weight, or weight = 100)",
        );
    }
    let exact = q.opt_bool(d, "exact").is_some_and(|v| *v.get_ref());
    let matching = if exact {
        Matching::Exact
    } else {
        Matching::Forgiving(articles)
    };
    warn_clashes(q, d, &answers, &spans, matching);
    Some(QuestionKind::Text { answers, matching })
}

/// Warns about two answers that the comparison cannot tell apart: one adds nothing, or a
/// full stop, an article or a slip decides which marks a learner gets.
fn warn_clashes(
    q: &Fields<'_, '_>,
    d: &mut Diagnostics,
    answers: &[TextAnswer],
    spans: &[Range<usize>],
    matching: Matching,
) {
    let src = q.source();
    for clash in clashes(answers, matching) {
        let (at, message) = clash.describe(answers);
        let message = format!("{}: {message}", q.what());
        let hint = clash.hint();
        let span = spans.get(at).cloned().unwrap_or_else(|| q.span());
        d.warning_at(src.file, src.text, span, message, Some(hint.to_string()));
    }
}

/// `number`: `answer` with an optional `tolerance`, or `min` and `max`, or
/// `[[questions.answers]]` each with one of those, a `weight` and `feedback`.
pub(super) fn number(q: &Fields<'_, '_>, d: &mut Diagnostics) -> Option<QuestionKind> {
    let mut answers = Vec::new();
    if let Some(tables) = table_list(q, d, "answers") {
        for a in tables {
            let weight = weight(&a, d);
            // An answer with no range at all stands for any other number: it carries the
            // feedback for a wrong number (GIFT's `~#…`), so it earns nothing.
            let any = !a.has("value") && !a.has("min") && !a.has("max") && weight == 0.0;
            let range = if any {
                Some((f64::NEG_INFINITY, f64::INFINITY))
            } else {
                range(&a, d, "value")
            };
            let feedback = a.opt_string(d, "feedback").map(|f| clean(f.get_ref()));
            a.finish(d);
            if let Some((min, max)) = range {
                answers.push(NumberAnswer {
                    min,
                    max,
                    weight,
                    feedback,
                });
            }
        }
    } else if let Some((min, max)) = range(q, d, "answer") {
        answers.push(NumberAnswer {
            min,
            max,
            weight: 100.0,
            feedback: None,
        });
    } else {
        return None;
    }
    if !answers.iter().any(|a| a.weight >= 100.0) {
        no_full_marks(
            q,
            d,
            "answers",
            "give at least one range full marks (no weight, or weight = 100)",
        );
    }
    Some(QuestionKind::Number { answers })
}

/// `answer` (or `value`) with an optional `tolerance`, or `min` and `max`.
fn range(f: &Fields<'_, '_>, d: &mut Diagnostics, value_key: &str) -> Option<(f64, f64)> {
    let src = f.source();
    let value = f.opt_number(d, value_key).map(|v| *v.get_ref());
    let tolerance = f.opt_number(d, "tolerance").map_or(0.0, |t| *t.get_ref());
    let min = f.opt_number(d, "min").map(|v| *v.get_ref());
    let max = f.opt_number(d, "max").map(|v| *v.get_ref());
    // A value that is there but unusable was reported where it is written.
    let unusable = |key: &str, v: Option<f64>| f.has(key) && v.is_none();
    if unusable(value_key, value) || unusable("min", min) || unusable("max", max) {
        return None;
    }
    match (value, min, max) {
        (Some(v), None, None) if tolerance >= 0.0 => Some((v - tolerance, v + tolerance)),
        (Some(_), None, None) => {
            d.error_at(
                src.file,
                src.text,
                f.value_span("tolerance"),
                "`tolerance` cannot be negative",
                None,
            );
            None
        }
        (None, Some(lo), Some(hi)) if lo <= hi => Some((lo, hi)),
        (None, Some(_), Some(_)) => {
            d.error_at(
                src.file,
                src.text,
                f.value_span("min"),
                "`min` is more than `max`",
                None,
            );
            None
        }
        _ => {
            d.error_at(
                src.file,
                src.text,
                f.span(),
                format!("{} needs either `{value_key}` (with an optional `tolerance`) or both `min` and `max`", f.what()),
                Some(format!("for example `{value_key} = 1979`, or `min = 185` and `max = 190`; an answer with `weight = 0` and no range stands for any other number")),
            );
            None
        }
    }
}

/// A weight in percent, 100 when not given.
fn weight(f: &Fields<'_, '_>, d: &mut Diagnostics) -> f64 {
    match f.opt_number(d, "weight") {
        Some(w) if (-100.0..=100.0).contains(w.get_ref()) => *w.get_ref(),
        Some(w) => {
            let src = f.source();
            d.error_at(
                src.file,
                src.text,
                w.span(),
                "`weight` is a percent between -100 and 100",
                None,
            );
            0.0
        }
        None => 100.0,
    }
}

/// `key` as an array of tables, when it is one (a list of strings is not).
fn table_list<'t, 'i>(
    q: &Fields<'t, 'i>,
    d: &mut Diagnostics,
    key: &str,
) -> Option<Vec<Fields<'t, 'i>>> {
    if !q.is_table_list(key) {
        return None;
    }
    q.tables(d, key, ANSWER_KEYS, |n| format!("answer {n}"))
}

/// `order`: `items`, written in the right order; they are shown shuffled.
pub(super) fn order(q: &Fields<'_, '_>, d: &mut Diagnostics) -> Option<QuestionKind> {
    let src = q.source();
    let items: Vec<String> = q
        .opt_string_list(d, "items")
        .unwrap_or_default()
        .iter()
        .map(|i| clean(i.get_ref()))
        .collect();
    if items.len() < 2 {
        d.error_at(
            src.file,
            src.text,
            q.value_span("items"),
            format!("{} needs at least two `items`", q.what()),
            Some(
                "list them in the right order: `items = [\"first\", \"second\", \"third\"]`"
                    .to_string(),
            ),
        );
        return None;
    }
    Some(QuestionKind::Order { items })
}

/// `match`: `[[questions.pairs]]` with `left` and `right`, and optional `distractors`.
pub(super) fn matching(q: &Fields<'_, '_>, d: &mut Diagnostics) -> Option<QuestionKind> {
    let src = q.source();
    let mut pairs = Vec::new();
    for p in q
        .tables(d, "pairs", PAIR_KEYS, |n| format!("pair {n}"))
        .unwrap_or_default()
    {
        let left = p.string(d, "left", "\"CEDAW\"");
        let right = p.string(d, "right", "\"1979\"");
        p.finish(d);
        if let (Some(l), Some(r)) = (left, right) {
            pairs.push((clean(l.get_ref()), clean(r.get_ref())));
        }
    }
    if pairs.len() < 2 {
        d.error_at(
            src.file,
            src.text,
            q.value_span("pairs"),
            format!("{} needs at least two pairs", q.what()),
            Some("add `[[questions.pairs]]` tables with `left` and `right`".to_string()),
        );
        return None;
    }
    let distractors = q
        .opt_string_list(d, "distractors")
        .unwrap_or_default()
        .iter()
        .map(|x| clean(x.get_ref()))
        .collect();
    Some(QuestionKind::Match { pairs, distractors })
}
