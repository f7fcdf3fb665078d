//! A native quiz file (`quizzes/*.toml`): settings and `[[questions]]`.

use std::collections::HashSet;

use super::diagnostic::Diagnostics;
use super::fields::{Fields, TomlSource};
use super::load::{file_stem, item};
use super::quiz_kinds as kinds;
use super::{ID_HINT, Item, ItemKind, is_valid_id};
use crate::quiz::matcher::Articles;
use crate::quiz::{Points, Question, QuestionKind, Quiz};
use crate::sanitize::{clean, clean_line};

const QUIZ_KEYS: &[&str] = &[
    "id",
    "title",
    "pass_mark",
    "max_attempts",
    "shuffle",
    "draw",
    "questions",
];
const QUESTION_KEYS: &[&str] = &[
    "id",
    "type",
    "prompt",
    "points",
    "explanation",
    "choices",
    "answer",
    "feedback_true",
    "feedback_false",
    "hints",
    "answers",
    "tolerance",
    "min",
    "max",
    "items",
    "pairs",
    "distractors",
    "exact",
];
/// The most a question may be worth: far above any real quiz, and far below where sums of
/// points would lose precision.
pub const MAX_POINTS: f64 = 1000.0;

/// The pass mark when a quiz does not set one.
pub const DEFAULT_PASS_MARK: u8 = 70;

/// Reads a quiz file of a course written in `language`, whose articles typed answers may
/// leave out (see [`crate::quiz::matcher`]).
pub(super) fn parse(path: &str, text: &str, language: &str, d: &mut Diagnostics) -> Option<Item> {
    let src = TomlSource { file: path, text };
    let root = src.parse(d);
    let f = Fields::new(src, &root, QUIZ_KEYS, path);
    let errors_before = d.len();

    let id = read_id(&f, d);
    let title = f
        .string(d, "title", "\"Check your understanding\"")
        .map(|t| clean_line(t.get_ref()));
    let pass_mark = f
        .opt_int(d, "pass_mark", 0..=100)
        .map_or(DEFAULT_PASS_MARK, |v| *v.get_ref() as u8);
    let max_attempts = f
        .opt_int(d, "max_attempts", 0..=1000)
        .map_or(0, |v| *v.get_ref() as u32);
    let shuffle = f.opt_bool(d, "shuffle").is_some_and(|v| *v.get_ref());
    let draw = f.opt_int(d, "draw", 0..=10_000);

    let questions = read_questions(&f, d, Articles::for_language(language));
    if let Some(draw) = &draw
        && *draw.get_ref() as usize > questions.len()
    {
        d.error_at(
            path,
            text,
            draw.span(),
            format!(
                "`draw` asks for {} questions but the quiz has {}",
                draw.get_ref(),
                questions.len()
            ),
            Some("lower `draw`, or set it to 0 to ask every question".to_string()),
        );
    }
    f.finish(d);

    let has_new_errors = d.len() > errors_before && d.has_errors();
    let title = title?;
    if has_new_errors {
        return None;
    }
    Some(item(
        id.clone(),
        path,
        title.clone(),
        ItemKind::Quiz(Quiz {
            id,
            title,
            pass_mark,
            max_attempts,
            shuffle,
            draw: draw.map_or(0, |v| *v.get_ref() as u32),
            questions,
        }),
    ))
}

/// The quiz id: `id` if it is valid, else the file's name without `.toml`.
fn read_id(f: &Fields<'_, '_>, d: &mut Diagnostics) -> String {
    let src = f.source();
    let (path, text) = (src.file, src.text);
    match f.opt_string(d, "id") {
        Some(v) if is_valid_id(v.get_ref()) => v.into_inner(),
        Some(v) => {
            d.error_at(
                path,
                text,
                v.span(),
                format!("`{}` is not a valid quiz id", v.get_ref()),
                Some(ID_HINT.to_string()),
            );
            String::new()
        }
        None => file_stem(path).to_string(),
    }
}

/// `[[questions]]`, each read by its type; question ids are unique within the quiz.
fn read_questions(f: &Fields<'_, '_>, d: &mut Diagnostics, articles: Articles) -> Vec<Question> {
    let src = f.source();
    let (path, text) = (src.file, src.text);
    let mut questions = Vec::new();
    match f.tables(d, "questions", QUESTION_KEYS, |n| format!("question {n}")) {
        None if !f.has("questions") => d.error_at(
            path,
            text,
            0..0,
            "this quiz has no questions",
            Some("add `[[questions]]` tables (see docs/bundle-format.md)".to_string()),
        ),
        None => {}
        Some(tables) => {
            let mut seen = HashSet::new();
            for mut q in tables {
                if let Some(question) = parse_question(&mut q, d, articles) {
                    if !seen.insert(question.id.clone()) {
                        d.error_at(
                            path,
                            text,
                            q.value_span("id"),
                            format!("duplicate question id `{}`", question.id),
                            Some("every question in a quiz needs its own id".to_string()),
                        );
                    }
                    questions.push(question);
                }
                q.finish(d);
            }
        }
    }
    questions
}

fn parse_question(
    q: &mut Fields<'_, '_>,
    d: &mut Diagnostics,
    articles: Articles,
) -> Option<Question> {
    let src = q.source();
    let (path, text) = (src.file, src.text);
    let id = q.string(d, "id", "\"q1\"")?;
    q.rename(format!("question `{}`", id.get_ref()));
    if !is_valid_id(id.get_ref()) {
        d.error_at(
            path,
            text,
            id.span(),
            format!("`{}` is not a valid question id", id.get_ref()),
            Some(ID_HINT.to_string()),
        );
    }
    let kind_name = q.string(d, "type", "\"single\"");
    let prompt = q.string(d, "prompt", "\"What does gender refer to?\"");
    if let Some(p) = &prompt
        && p.get_ref().trim().is_empty()
    {
        d.error_at(
            path,
            text,
            p.span(),
            format!("{} has an empty prompt", q.what()),
            Some("write the question the learner will read".to_string()),
        );
    }
    let points = read_points(q, d);
    let explanation = q.opt_string(d, "explanation").map(|e| clean(e.get_ref()));

    let hints = q
        .opt_string_list(d, "hints")
        .unwrap_or_default()
        .iter()
        .map(|h| clean(h.get_ref()))
        .collect();
    if let Some(k) = &kind_name {
        kinds::refuse_foreign_keys(q, d, k.get_ref());
    }
    let kind_name = kind_name.as_ref().map(|k| k.get_ref().as_str());
    let kind = read_kind(q, d, kind_name, articles)?;
    Some(Question {
        id: id.into_inner(),
        prompt: clean(prompt?.get_ref()),
        points,
        explanation,
        hints,
        kind,
    })
}

/// `points`: 1 when left out; more than 0 and at most [`MAX_POINTS`].
fn read_points(q: &Fields<'_, '_>, d: &mut Diagnostics) -> Points {
    let src = q.source();
    let (path, text) = (src.file, src.text);
    match q.opt_number_in(d, "points", 0.0..=MAX_POINTS) {
        Some(p) if *p.get_ref() <= 0.0 => {
            d.error_at(
                path,
                text,
                p.span(),
                "`points` must be more than 0",
                Some(
                    "a question worth nothing cannot be graded; leave `points` out for 1"
                        .to_string(),
                ),
            );
            Points::ZERO
        }
        Some(p) => Points::new(*p.get_ref()).unwrap_or_default(),
        None => Points::new(1.0).unwrap_or_default(),
    }
}

/// The fields of the question's `type`, read by that type's reader in `quiz_kinds`.
fn read_kind(
    q: &Fields<'_, '_>,
    d: &mut Diagnostics,
    kind_name: Option<&str>,
    articles: Articles,
) -> Option<QuestionKind> {
    match kind_name {
        Some("single") => kinds::choices(q, d, true),
        Some("multiple") => kinds::choices(q, d, false),
        Some("true-false") => kinds::true_false(q, d),
        Some("text") => kinds::text(q, d, articles),
        Some("number") => kinds::number(q, d),
        Some("order") => kinds::order(q, d),
        Some("match") => kinds::matching(q, d),
        Some(other) => {
            let src = q.source();
            d.error_at(
                src.file,
                src.text,
                q.value_span("type"),
                format!("unknown question type `{other}`"),
                Some(
                    "the types are single, multiple, true-false, text, number, order and match"
                        .to_string(),
                ),
            );
            None
        }
        None => None,
    }
}

#[cfg(test)]
mod tests;
