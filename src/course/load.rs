//! Loads and checks a bundle: `course.toml`, then every item it lists. Every problem is
//! collected, so an author sees them all in one run of `hatua validate`.

mod course_toml;
mod files;
mod items;
pub mod translations;

use super::diagnostic::Diagnostics;
use super::gift::settings as gift_settings;
use super::source::BundleSource;
use super::translation::{path_language, source_path};
use super::{Course, Diagnostic, Item};
use super::{gift, lesson_file, quiz_file};
use course_toml::parse_course_toml;
use files::check_unused;
use items::load_modules;

/// The result of loading a bundle: the course when it has no errors, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    pub course: Option<Course>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// The files the course uses, whether the author's checks run, and what a lesson keeps.
struct Used {
    files: std::collections::HashSet<String>,
    authoring: bool,
    lessons: Lessons,
}

/// What a loaded lesson keeps of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lessons {
    /// Its text, to be read.
    Text,
    /// Its hash and minutes alone (see [`super::Lesson::outline`]), dropped as soon as it
    /// is parsed and checked.
    Outline,
}

impl Used {
    /// `item` as this load keeps it.
    fn keep(&self, item: Item) -> Item {
        match (self.lessons, item.kind) {
            (Lessons::Outline, super::ItemKind::Lesson(lesson)) => Item {
                kind: super::ItemKind::Lesson(super::Lesson::outline(
                    lesson.content_hash(),
                    lesson.minutes,
                )),
                ..item
            },
            (_, kind) => Item { kind, ..item },
        }
    }
}

/// The largest lesson, quiz or course.toml accepted: a 2 MiB lesson is already a book.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// Written by `hatua pack`; part of the bundle, listed in nothing.
const MANIFEST: &str = "MANIFEST.toml";

/// Loads the bundle with every check an author needs, warnings included; see [`Loaded`].
pub fn load(source: &dyn BundleSource) -> Loaded {
    load_with(source, true, Lessons::Text)
}

/// Loads the bundle to play it: every error is still found, but the author's warnings
/// (links to missing assets, unused files) are not looked for. Start-up loads every
/// installed course, and a learner cannot act on those warnings anyway.
pub fn load_for_play(source: &dyn BundleSource) -> Loaded {
    load_with(source, false, Lessons::Text)
}

/// Loads the bundle to install it: every error [`load_for_play`] finds, but each lesson
/// keeps only its hash and minutes once it is parsed and checked, so a course of thousands
/// of lessons is checked without holding their text. That outline is all an install needs
/// (the index, the decision on versions); quizzes are kept whole, for the translations'
/// checks. The course says `outline_only`: its lessons are read from disk when opened.
pub fn load_outline(source: &dyn BundleSource) -> Loaded {
    load_with(source, false, Lessons::Outline)
}

fn load_with(source: &dyn BundleSource, authoring: bool, lessons: Lessons) -> Loaded {
    let mut d = Diagnostics::new();
    let course = read_text(source, "course.toml", &mut d).and_then(|text| {
        let head = parse_course_toml(&text, &mut d)?;
        let outline = head
            .modules
            .iter()
            .flat_map(|(_, items)| items.iter().map(|(path, _)| path.clone()))
            .collect();
        gift_settings::check_paths(&head.quizzes, &outline, &text, &mut d);
        let mut used = Used {
            files: ["course.toml", MANIFEST]
                .iter()
                .map(ToString::to_string)
                .collect(),
            authoring,
            lessons,
        };
        let modules = load_modules(
            source,
            &text,
            head.modules,
            &head.quizzes,
            &head.course.language,
            &mut used,
            &mut d,
        );
        for q in &head.completion_quizzes {
            let is_quiz = modules
                .iter()
                .flat_map(|m| &m.items)
                .any(|i| i.is_quiz() && i.id == *q.get_ref());
            if !is_quiz {
                d.error_at(
                    "course.toml",
                    &text,
                    q.span(),
                    format!(
                        "`[completion]` names the quiz `{}`, which the course does not have",
                        q.get_ref()
                    ),
                    Some("use the `id` of a quiz listed in a module".to_string()),
                );
            }
        }
        let course = Course {
            modules,
            ..head.course
        };
        let cx = translations::Context {
            source,
            course_text: &text,
            course: &course,
            quizzes: &head.quizzes,
        };
        let renditions = translations::load(&cx, &head.translations, &mut used, &mut d);
        if authoring {
            check_unused(source, &used.files, &mut d);
        }
        Some(Course {
            renditions: std::sync::Arc::new(renditions),
            outline_only: lessons == Lessons::Outline,
            ..course
        })
    });
    let course = if d.has_errors() { None } else { course };
    Loaded {
        course,
        diagnostics: d.into_sorted(),
    }
}

/// One item of a course, read and parsed on its own: an installed course's lessons and
/// quizzes are read when a learner opens them, not all at once (a course can hold thousands).
/// The course was validated whole when it was installed; its files are checked against the
/// manifest as they are read (see `library::install::open_item`).
pub fn load_item(source: &dyn BundleSource, path: &str) -> Result<Item, Box<Diagnostic>> {
    let mut d = Diagnostics::new();
    let item = read_text(source, path, &mut d).and_then(|text| {
        if path.ends_with(".md") {
            lesson_file::parse(path, &text, &mut d)
        } else if path.ends_with(".toml") {
            // Typed answers are compared with the articles of the file's language.
            let course_text = read_text(source, "course.toml", &mut d)?;
            let head = parse_course_toml(&course_text, &mut d)?;
            let language = path_language(path).unwrap_or(&head.course.language);
            quiz_file::parse(path, &text, language, &mut d)
        } else if path.ends_with(".gift") {
            // A GIFT quiz's settings are in course.toml.
            let course_text = read_text(source, "course.toml", &mut d)?;
            let head = parse_course_toml(&course_text, &mut d)?;
            // A translation has its source's settings.
            let source_path = source_path(path);
            gift::item(
                path,
                &text,
                head.quizzes.get(&source_path),
                &course_text,
                path_language(path).unwrap_or(&head.course.language),
                false,
                &mut d,
            )
        } else {
            None
        }
    });
    let first_error = d.first_error().cloned();
    match (item, first_error) {
        (Some(item), None) => Ok(item),
        (_, Some(e)) => Err(Box::new(e)),
        (None, None) => Err(Box::new(Diagnostic::about_file(
            path,
            "this file is neither a lesson nor a quiz",
            None,
        ))),
    }
}

/// Reads a text file of the bundle; a missing, unreadable or non-UTF-8 file is an error.
pub(super) fn read_text(
    source: &dyn BundleSource,
    path: &str,
    d: &mut Diagnostics,
) -> Option<String> {
    decode(source, path, source.read(path), d)
}

/// The text of a file already read; see [`read_text`].
fn decode(
    source: &dyn BundleSource,
    path: &str,
    read: std::io::Result<Option<Vec<u8>>>,
    d: &mut Diagnostics,
) -> Option<String> {
    match read {
        Ok(Some(bytes)) if bytes.len() > MAX_TEXT_BYTES => {
            d.file_error(
                path,
                format!(
                    "this file is {} KiB; a lesson or quiz may be at most {} KiB",
                    bytes.len() / 1024,
                    MAX_TEXT_BYTES / 1024
                ),
                Some("split it into several lessons".to_string()),
            );
            None
        }
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                d.error_at(
                    path,
                    &prefix,
                    valid..valid,
                    "this file is not UTF-8 text: the byte here is not part of any UTF-8 character",
                    Some("open it in your editor and save it with the UTF-8 encoding".to_string()),
                );
                None
            }
        },
        Ok(None) if path == "course.toml" => {
            d.file_error(
                path,
                format!("no course.toml in {}", source.name()),
                Some(
                    "a bundle is a folder with course.toml at its root; `hatua new DIR` makes one"
                        .to_string(),
                ),
            );
            None
        }
        Ok(None) => None,
        Err(e) => {
            d.file_error(path, format!("cannot read this file: {e}"), None);
            None
        }
    }
}

/// `1.2.0`: three numbers, optionally followed by `-prerelease` or `+build`, as semantic
/// versioning defines them (the `semver` crate is what compares them too).
pub fn is_semver(v: &str) -> bool {
    v.len() <= 64 && semver::Version::parse(v).is_ok()
}

/// Parsed from a simple `key = value` course item for ids in the file stem.
pub(super) fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().unwrap_or(name)
}

/// An item ready for the outline, for lesson_file and quiz_file.
pub(super) fn item(id: String, path: &str, title: String, kind: super::ItemKind) -> Item {
    Item {
        id,
        path: path.to_string(),
        title,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_semver() {
        assert!(is_semver("1.2.0"));
        assert!(is_semver("10.0.3-beta.1"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("v1.2.0"));
        assert!(!is_semver("1..0"));
    }

    #[test]
    fn stems_become_default_ids() {
        assert_eq!(file_stem("lessons/sex-and-gender.md"), "sex-and-gender");
        assert_eq!(file_stem("lessons/sex-and-gender.fr.md"), "sex-and-gender");
    }
}
