//! The lessons and quizzes course.toml lists, each read and parsed by its kind, with the
//! outline's own rules: paths inside the bundle, each listed once, ids unique across the
//! course. Apart from course.toml, which is read before any of them.

use std::collections::HashMap;

use super::course_toml::PendingModule;
use super::files::check_links;
use super::{Used, decode};
use crate::course::diagnostic::Diagnostics;
use crate::course::gift::settings::SettingsTable;
use crate::course::source::{BundleSource, is_safe_path};
use crate::course::{Item, Module};
use crate::course::{gift, lesson_file, quiz_file};

pub(super) fn load_modules(
    source: &dyn BundleSource,
    course_text: &str,
    modules: Vec<PendingModule>,
    quizzes: &SettingsTable,
    language: &str,
    used: &mut Used,
    d: &mut Diagnostics,
) -> Vec<Module> {
    // Item ids share one namespace across the course: progress is keyed on (course, item).
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut paths: HashMap<String, ()> = HashMap::new();
    let mut out = Vec::new();
    for (mut module, items) in modules {
        for (path, span) in items {
            let at = |d: &mut Diagnostics, msg: String, hint: &str| {
                d.error_at(
                    "course.toml",
                    course_text,
                    span.clone(),
                    msg,
                    Some(hint.to_string()),
                );
            };
            if !is_safe_path(&path) {
                at(
                    d,
                    format!("`{path}` is not a path inside the bundle"),
                    "write paths relative to course.toml with `/`, without `..`, e.g. `lessons/intro.md`",
                );
                continue;
            }
            used.files.insert(path.clone());
            if paths.insert(path.clone(), ()).is_some() {
                at(
                    d,
                    format!("`{path}` is listed twice"),
                    "each lesson or quiz appears once in the outline",
                );
                continue;
            }
            let listed = Listed {
                path: &path,
                span: &span,
                quizzes,
                language,
            };
            let item = load_listed(source, course_text, &listed, used, d);
            let Some(item) = item else { continue };
            if let Some(first) = ids.insert(item.id.clone(), path.clone()) {
                at(
                    d,
                    format!(
                        "duplicate id `{}`: `{path}` has the same id as `{first}`",
                        item.id
                    ),
                    "give one of them another `id` (in its front matter or quiz file)",
                );
                continue;
            }
            module.items.push(item);
        }
        out.push(module);
    }
    out
}

/// An item as the outline lists it, with what reading it needs from course.toml.
struct Listed<'a> {
    path: &'a str,
    span: &'a std::ops::Range<usize>,
    quizzes: &'a SettingsTable,
    /// The course's language, whose articles typed answers may leave out.
    language: &'a str,
}

/// Reads and parses one listed item by its kind, told by its extension. `None` when it is
/// missing, unreadable, of no known kind, or has errors; they are in `d`.
fn load_listed(
    source: &dyn BundleSource,
    course_text: &str,
    listed: &Listed<'_>,
    used: &mut Used,
    d: &mut Diagnostics,
) -> Option<Item> {
    let (path, span) = (listed.path, listed.span);
    if path.ends_with(".md") {
        let text = read_item(source, path, d, course_text, span)?;
        if used.authoring {
            check_links(source, path, &text, &mut used.files, d);
        }
        lesson_file::parse(path, &text, d).map(|item| used.keep(item))
    } else if path.ends_with(".toml") {
        let text = read_item(source, path, d, course_text, span)?;
        quiz_file::parse(path, &text, listed.language, d)
    } else if path.ends_with(".gift") {
        let text = read_item(source, path, d, course_text, span)?;
        gift::item(
            path,
            &text,
            listed.quizzes.get(path),
            course_text,
            listed.language,
            used.authoring,
            d,
        )
    } else {
        d.error_at(
            "course.toml",
            course_text,
            span.clone(),
            format!("`{path}` is neither a lesson (.md) nor a quiz (.toml or .gift)"),
            Some(
                "list only lessons and quizzes in `items`; put other files under assets/"
                    .to_string(),
            ),
        );
        None
    }
}

fn read_item(
    source: &dyn BundleSource,
    path: &str,
    d: &mut Diagnostics,
    course_text: &str,
    span: &std::ops::Range<usize>,
) -> Option<String> {
    // Read once: a second read of every lesson doubled the cost of start-up.
    match source.read(path) {
        Ok(None) => {
            d.error_at(
                "course.toml",
                course_text,
                span.clone(),
                format!("missing file `{path}`"),
                Some(
                    "check the spelling, or create the file; paths are relative to course.toml"
                        .to_string(),
                ),
            );
            None
        }
        read => decode(source, path, read, d),
    }
}
