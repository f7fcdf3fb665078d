//! The translations course.toml names in `translations`: each language's `course.LANG.toml`
//! and the translated files beside the source ones. A translation changes words only: a
//! lesson keeps its id, a quiz its ids, settings, points and right answers, in the same
//! order, so records are one across languages. For an author, it also says which files
//! are missing a translation and which changed since they were translated.

use std::collections::HashMap;

use toml::Spanned;

use super::files::check_links;
use super::{Used, decode};
use crate::bundle::hash_bytes;
use crate::course::diagnostic::Diagnostics;
use crate::course::fields::{Fields, TomlSource};
use crate::course::gift::settings::SettingsTable;
use crate::course::source::BundleSource;
use crate::course::translation::{
    Followed, Rendition, Renditions, is_language_code, translated_path,
};
use crate::course::{Course, Item, ItemKind, gift, lesson_file, quiz_file};
use crate::quiz::{Question, QuestionKind, Quiz};
use crate::sanitize::clean_line;

const KEYS: &[&str] = &["title", "summary", "modules", "follows"];

/// How many hex digits of a source file's SHA-256 `[follows]` keeps: enough to notice a
/// change, short enough to read.
pub const FOLLOWS_DIGITS: usize = 16;

/// What reading the translations needs from the rest of the bundle.
pub(super) struct Context<'a> {
    pub(super) source: &'a dyn BundleSource,
    pub(super) course_text: &'a str,
    pub(super) course: &'a Course,
    pub(super) quizzes: &'a SettingsTable,
}

/// Every language of the course, its own first; empty when course.toml names none.
pub(super) fn load(
    cx: &Context<'_>,
    languages: &[Spanned<String>],
    used: &mut Used,
    d: &mut Diagnostics,
) -> Renditions {
    if languages.is_empty() {
        return Renditions::default();
    }
    let course = cx.course;
    let mut all = vec![Rendition::own(course)];
    for language in languages {
        let code = language.get_ref();
        let refused = if !is_language_code(code) {
            Some(format!("`{code}` is not a language code"))
        } else if *code == course.language {
            Some(format!("`{code}` is the course's own language"))
        } else if all.iter().any(|r| r.language == *code) {
            Some(format!("`{code}` is listed twice"))
        } else {
            None
        };
        if let Some(message) = refused {
            d.error_at(
                "course.toml",
                cx.course_text,
                language.span(),
                message,
                Some(
                    "list the languages of the translations, e.g. `translations = [\"fr\", \"es\"]`; the course's own is `language`"
                        .to_string(),
                ),
            );
            continue;
        }
        if let Some(rendition) = load_language(cx, language, used, d) {
            all.push(rendition);
        }
    }
    Renditions { all }
}

/// One language: `course.LANG.toml` and the translated items.
fn load_language(
    cx: &Context<'_>,
    language: &Spanned<String>,
    used: &mut Used,
    d: &mut Diagnostics,
) -> Option<Rendition> {
    let code = language.get_ref();
    let head_path = format!("course.{code}.toml");
    used.files.insert(head_path.clone());
    let text = match cx.source.read(&head_path) {
        Ok(None) => {
            d.error_at(
                "course.toml",
                cx.course_text,
                language.span(),
                format!("`{code}` is listed in `translations`, but there is no {head_path}"),
                Some(format!(
                    "create {head_path} with the course's `title`, `summary` and `[modules]` titles in that language (docs/translating.md)"
                )),
            );
            return None;
        }
        read => decode(cx.source, &head_path, read, d)?,
    };
    let head = read_head(cx.course, &head_path, &text, d)?;
    let mut items = Vec::new();
    let mut followed = Vec::new();
    for item in cx.course.items() {
        let path = translated_path(&item.path, code);
        let read = cx.source.read(&path);
        let Ok(Some(_)) = &read else {
            if used.authoring {
                d.push_warning(
                    &item.path,
                    format!("has no translation into `{code}` ({path}): a reader of `{code}` sees it in `{}`", cx.course.language),
                    Some(format!("translate it into {path}, beside it")),
                );
                followed.push(Followed::Missing);
            }
            items.push(None);
            continue;
        };
        used.files.insert(path.clone());
        let translated = decode(cx.source, &path, read, d)
            .and_then(|text| load_item(cx, item, &path, code, &text, used, d));
        if let Some(t) = &translated {
            same_as_source(item, t, d);
        }
        if used.authoring {
            let state = follows_state(cx, item, head.follows.get(&item.path));
            if let Followed::Stale(_) = state {
                d.push_warning(
                    &path,
                    format!(
                        "{} changed since this translation was made from it: a reader of `{code}` may miss what changed",
                        item.path
                    ),
                    Some(format!(
                        "bring the translation up to date, then run `hatua translation stamp <course folder> {code} {}`",
                        item.path
                    )),
                );
            }
            followed.push(state);
        }
        items.push(translated);
    }
    let unstamped = followed
        .iter()
        .filter(|f| **f == Followed::Unstamped)
        .count();
    if unstamped > 0 {
        d.push_warning(
            &head_path,
            format!(
                "does not say which text of the source {unstamped} translated file(s) follow, so a later change to the source cannot be noticed"
            ),
            Some(format!(
                "once the translations are checked, run `hatua translation stamp <course folder> {code}`"
            )),
        );
    }
    if used.authoring {
        for (path, span) in &head.follows_spans {
            if !cx.course.items().any(|i| i.path == *path) {
                d.warning_at(
                    &head_path,
                    &text,
                    span.clone(),
                    format!("`[follows]` names `{path}`, which the course does not list"),
                    Some("remove the line".to_string()),
                );
            }
        }
    }
    Some(Rendition {
        language: code.clone(),
        title: head.title,
        summary: head.summary,
        modules: head.modules,
        items,
        followed,
    })
}

/// `course.LANG.toml` read.
struct Head {
    title: String,
    summary: String,
    modules: Vec<Option<String>>,
    /// Source path → the start of the SHA-256 of the source text the translation follows.
    follows: HashMap<String, String>,
    follows_spans: Vec<(String, std::ops::Range<usize>)>,
}

fn read_head(course: &Course, path: &str, text: &str, d: &mut Diagnostics) -> Option<Head> {
    let src = TomlSource { file: path, text };
    let root = src.parse(d);
    let f = Fields::new(src, &root, KEYS, path);
    let title = f.string(d, "title", "\"Égalité des sexes : notions clés\"");
    let summary = f.opt_string(d, "summary");
    let mut modules: Vec<Option<String>> = vec![None; course.modules.len()];
    for (id, title) in f.string_map(d, "modules").unwrap_or_default() {
        match course.modules.iter().position(|m| m.id == *id.get_ref()) {
            Some(m) => modules[m] = Some(clean_line(title.get_ref())),
            None => d.error_at(
                path,
                text,
                id.span(),
                format!("the course has no module `{}`", id.get_ref()),
                Some(
                    "use the module ids of course.toml, e.g. `the-convention = \"…\"`".to_string(),
                ),
            ),
        }
    }
    let follows_list = f.string_map(d, "follows").unwrap_or_default();
    f.finish(d);
    let follows_spans = follows_list
        .iter()
        .map(|(k, _)| (k.get_ref().clone(), k.span()))
        .collect();
    Some(Head {
        title: clean_line(title?.get_ref()),
        summary: summary
            .map(|s| clean_line(s.get_ref()))
            .unwrap_or_else(|| course.summary.clone()),
        modules,
        follows: follows_list
            .into_iter()
            .map(|(k, v)| (k.into_inner(), v.into_inner()))
            .collect(),
        follows_spans,
    })
}

/// A translated file parsed by its kind, in its own language.
fn load_item(
    cx: &Context<'_>,
    source_item: &Item,
    path: &str,
    language: &str,
    text: &str,
    used: &mut Used,
    d: &mut Diagnostics,
) -> Option<Item> {
    if path.ends_with(".md") {
        if used.authoring {
            check_links(cx.source, path, text, &mut used.files, d);
        }
        lesson_file::parse(path, text, d).map(|item| used.keep(item))
    } else if path.ends_with(".toml") {
        quiz_file::parse(path, text, language, d)
    } else {
        gift::item(
            path,
            text,
            cx.quizzes.get(&source_item.path),
            cx.course_text,
            language,
            used.authoring,
            d,
        )
    }
}

/// A translation keeps its source's ids and, for a quiz, every setting, point and right
/// answer; the first difference is an error.
fn same_as_source(source: &Item, translated: &Item, d: &mut Diagnostics) {
    let difference = if source.id != translated.id {
        Some(format!(
            "its id is `{}`, but {} has `{}`: a translation keeps the id",
            translated.id, source.path, source.id
        ))
    } else {
        match (&source.kind, &translated.kind) {
            (ItemKind::Quiz(s), ItemKind::Quiz(t)) => quiz_difference(s, t, &source.path),
            (ItemKind::Lesson(_), ItemKind::Lesson(_)) => None,
            _ => Some(format!(
                "it is not the same kind of item as {}",
                source.path
            )),
        }
    };
    if let Some(message) = difference {
        d.file_error(
            &translated.path,
            message,
            Some(format!(
                "a translation changes only the words: copy {} again and translate its texts",
                source.path
            )),
        );
    }
}

/// The first way `t` differs from `s` beyond its words.
fn quiz_difference(s: &Quiz, t: &Quiz, source_path: &str) -> Option<String> {
    let settings = [
        ("pass_mark", s.pass_mark as u32, t.pass_mark as u32),
        ("max_attempts", s.max_attempts, t.max_attempts),
        ("draw", s.draw, t.draw),
        ("shuffle", s.shuffle as u32, t.shuffle as u32),
    ];
    for (key, ours, theirs) in settings {
        if ours != theirs {
            return Some(format!(
                "`{key}` differs from {source_path}: settings are the source quiz's alone"
            ));
        }
    }
    if s.questions.len() != t.questions.len() {
        return Some(format!(
            "it has {} questions; {source_path} has {}",
            t.questions.len(),
            s.questions.len()
        ));
    }
    s.questions
        .iter()
        .zip(&t.questions)
        .enumerate()
        .find_map(|(n, (sq, tq))| question_difference(n + 1, sq, tq, source_path))
}

fn question_difference(n: usize, s: &Question, t: &Question, source_path: &str) -> Option<String> {
    if s.id != t.id {
        return Some(format!(
            "question {n} is `{}`; in {source_path} it is `{}` (same questions, same order)",
            t.id, s.id
        ));
    }
    let at = |what: &str| {
        Some(format!(
            "question `{}`: {what} differs from {source_path}",
            s.id
        ))
    };
    let differs = |different: bool, what: &str| if different { at(what) } else { None };
    if s.kind.name() != t.kind.name() {
        return at("its `type`");
    }
    if s.points != t.points {
        return at("`points`");
    }
    match (&s.kind, &t.kind) {
        (QuestionKind::Single { choices: a }, QuestionKind::Single { choices: b })
        | (QuestionKind::Multiple { choices: a }, QuestionKind::Multiple { choices: b }) => {
            let keys = |c: &[crate::quiz::Choice]| {
                c.iter()
                    .map(|c| (c.correct, c.weight.map(f64::to_bits)))
                    .collect::<Vec<_>>()
            };
            if a.len() != b.len() {
                return at("the number of choices");
            }
            differs(
                keys(a) != keys(b),
                "which choices are right (or their `weight`): choices keep their order",
            )
        }
        (QuestionKind::TrueFalse { answer: a, .. }, QuestionKind::TrueFalse { answer: b, .. }) => {
            differs(a != b, "`answer`")
        }
        (QuestionKind::Number { answers: a }, QuestionKind::Number { answers: b }) => {
            let keys = |v: &[crate::quiz::NumberAnswer]| {
                v.iter()
                    .map(|x| (x.min.to_bits(), x.max.to_bits(), x.weight.to_bits()))
                    .collect::<Vec<_>>()
            };
            differs(keys(a) != keys(b), "the numbers accepted")
        }
        (QuestionKind::Order { items: a }, QuestionKind::Order { items: b }) => {
            differs(a.len() != b.len(), "the number of items")
        }
        (
            QuestionKind::Match {
                pairs: a,
                distractors: x,
            },
            QuestionKind::Match {
                pairs: b,
                distractors: y,
            },
        ) => differs(
            a.len() != b.len() || x.len() != y.len(),
            "the number of pairs or extra answers",
        ),
        // Typed answers are the language's own: a translation may accept other words.
        _ => None,
    }
}

/// Where a translated item stands against its source, given what `[follows]` records.
fn follows_state(cx: &Context<'_>, item: &Item, recorded: Option<&String>) -> Followed {
    let Some(recorded) = recorded else {
        return Followed::Unstamped;
    };
    let now = match cx.source.read(&item.path) {
        Ok(Some(bytes)) => source_digest(&bytes),
        _ => String::new(),
    };
    if now == *recorded {
        Followed::Current(recorded.clone())
    } else {
        Followed::Stale(recorded.clone())
    }
}

/// What `[follows]` records of a source file: the start of its SHA-256.
pub fn source_digest(bytes: &[u8]) -> String {
    let mut hash = hash_bytes(bytes);
    hash.truncate(FOLLOWS_DIGITS);
    hash
}
