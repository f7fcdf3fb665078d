//! `course.toml` read into a [`Head`]: the course's own fields, its modules with the paths
//! they list, `[completion]` and the GIFT settings. Apart from loading the items, which
//! needs the bundle's other files; this needs course.toml alone.

use std::collections::HashMap;

use toml::Spanned;

use super::is_semver;
use crate::course::diagnostic::Diagnostics;
use crate::course::fields::{Fields, TomlSource};
use crate::course::gift::settings::{self as gift_settings, SettingsTable};
use crate::course::{Completion, Course, FORMAT_VERSION, ID_HINT, Module, is_valid_id};
use crate::sanitize::clean_line;

const COURSE_KEYS: &[&str] = &[
    "format",
    "id",
    "version",
    "title",
    "language",
    "summary",
    "authors",
    "license",
    "minutes",
    "modules",
    "completion",
    "quizzes",
    "translations",
];
const COMPLETION_KEYS: &[&str] = &["lessons", "quizzes"];
const MODULE_KEYS: &[&str] = &["id", "title", "items"];

/// A module and its item paths, each with its byte span in course.toml.
pub(super) type PendingModule = (Module, Vec<(String, std::ops::Range<usize>)>);

/// `course.toml` before its items are loaded.
pub(super) struct Head {
    pub(super) course: Course,
    /// The quiz ids `[completion]` names, with their spans, checked once the quizzes load.
    pub(super) completion_quizzes: Vec<Spanned<String>>,
    /// Per module: the module and its item paths with their byte spans in course.toml.
    pub(super) modules: Vec<PendingModule>,
    /// `[quizzes."….gift"]`: the settings of GIFT quizzes.
    pub(super) quizzes: SettingsTable,
    /// `translations`: the languages of the course's translations, with their spans.
    pub(super) translations: Vec<Spanned<String>>,
}

/// `[completion]`: whether every lesson must be read, and the quizzes that must be passed.
type CompletionFields = (bool, Option<Vec<Spanned<String>>>);

pub(super) fn parse_course_toml(text: &str, d: &mut Diagnostics) -> Option<Head> {
    let src = TomlSource {
        file: "course.toml",
        text,
    };
    let root = src.parse(d);
    let f = Fields::new(src, &root, COURSE_KEYS, "course.toml");

    // The format version comes first: a newer bundle's other fields may mean something else.
    if !check_format(&f, d) {
        return None;
    }

    let id = checked_string(
        &f,
        d,
        ("id", "\"gender-equality-basics\""),
        is_valid_id,
        "not a valid course id",
        ID_HINT,
    );
    let version = checked_string(
        &f,
        d,
        ("version", "\"1.0.0\""),
        is_semver,
        "not a version like 1.2.0",
        "use three numbers, major.minor.patch; raise it for each release",
    );
    let title = f.string(d, "title", "\"Gender equality: key concepts\"");
    let language = f.opt_string(d, "language");
    let summary = f.opt_string(d, "summary");
    let authors = f.opt_string_list(d, "authors").unwrap_or_default();
    let license = f.opt_string(d, "license");
    let minutes = f.opt_int(d, "minutes", 0..=100_000);

    let modules = read_modules(&f, d);
    let completion = read_completion(&f, d);
    let quizzes = gift_settings::read(&f, d);
    let translations = f.opt_string_list(d, "translations").unwrap_or_default();
    f.finish(d);
    let language = language.map_or_else(|| "en".to_string(), |s| clean_line(s.get_ref()));

    Some(Head {
        course: Course {
            id: id.map(|s| s.into_inner()).unwrap_or_default(),
            version: version.map(|s| s.into_inner()).unwrap_or_default(),
            title: title.map(|s| clean_line(s.get_ref())).unwrap_or_default(),
            shown_language: language.clone(),
            language,
            renditions: Default::default(),
            summary: summary.map(|s| clean_line(s.get_ref())).unwrap_or_default(),
            authors: authors.iter().map(|s| clean_line(s.get_ref())).collect(),
            license: license.map(|s| clean_line(s.get_ref())),
            minutes: minutes.map_or(0, |m| *m.get_ref() as u32),
            modules: Vec::new(),
            outline_only: false,
            completion: Completion {
                lessons: completion.as_ref().is_none_or(|(l, _)| *l),
                quizzes: completion
                    .as_ref()
                    .and_then(|(_, q)| q.as_ref())
                    .map(|q| q.iter().map(|s| s.get_ref().clone()).collect()),
            },
        },
        completion_quizzes: completion.and_then(|(_, q)| q).unwrap_or_default(),
        modules,
        quizzes,
        translations,
    })
}

/// Checks `format`; `false` when the bundle is newer than this Hatua reads, and nothing
/// else in it should be read.
fn check_format(f: &Fields<'_, '_>, d: &mut Diagnostics) -> bool {
    let src = f.source();
    match f.opt_int(d, "format", 0..=i64::from(u16::MAX)) {
        Some(v) if *v.get_ref() > FORMAT_VERSION => {
            d.error_at(
                src.file,
                src.text,
                v.span(),
                format!(
                    "unsupported format version {}: this Hatua reads bundle format {FORMAT_VERSION}",
                    v.get_ref()
                ),
                Some("install a newer Hatua, or ask the author for a format 1 bundle".to_string()),
            );
            return false;
        }
        Some(v) if *v.get_ref() < 1 => {
            d.error_at(
                src.file,
                src.text,
                v.span(),
                "the format version starts at 1",
                Some("write `format = 1`".to_string()),
            );
        }
        Some(_) => {}
        None if !f.has("format") => {
            d.file_error(
                src.file,
                "course.toml has no `format`",
                Some("add `format = 1` as the first line".to_string()),
            );
        }
        None => {}
    }
    true
}

/// A required string, reported where it is written as "`value` is {refused}" when `valid`
/// refuses it: the course id and version.
fn checked_string(
    f: &Fields<'_, '_>,
    d: &mut Diagnostics,
    (key, example): (&str, &str),
    valid: fn(&str) -> bool,
    refused: &str,
    hint: &str,
) -> Option<Spanned<String>> {
    let src = f.source();
    let value = f.string(d, key, example);
    if let Some(v) = &value
        && !valid(v.get_ref())
    {
        d.error_at(
            src.file,
            src.text,
            v.span(),
            format!("`{}` is {refused}", v.get_ref()),
            Some(hint.to_string()),
        );
    }
    value
}

/// `[[modules]]`, each with the paths of its items; their files are read later.
fn read_modules(f: &Fields<'_, '_>, d: &mut Diagnostics) -> Vec<PendingModule> {
    let src = f.source();
    let mut modules = Vec::new();
    match f.tables(d, "modules", MODULE_KEYS, |n| format!("module {n}")) {
        None if !f.has("modules") => d.error_at(
            src.file,
            src.text,
            f.span(),
            "the course has no modules",
            Some("add a `[[modules]]` table with `id`, `title` and `items`".to_string()),
        ),
        None => {}
        Some(tables) => {
            let mut seen: HashMap<String, ()> = HashMap::new();
            for m in tables {
                modules.push(read_module(m, &mut seen, d));
            }
        }
    }
    modules
}

/// One `[[modules]]` table; `seen` holds the module ids before it, which it must not repeat.
fn read_module(
    mut m: Fields<'_, '_>,
    seen: &mut HashMap<String, ()>,
    d: &mut Diagnostics,
) -> PendingModule {
    let src = m.source();
    let mid = m.string(d, "id", "\"concepts\"");
    if let Some(mid) = &mid {
        m.rename(format!("module `{}`", mid.get_ref()));
        if !is_valid_id(mid.get_ref()) {
            d.error_at(
                src.file,
                src.text,
                mid.span(),
                format!("`{}` is not a valid module id", mid.get_ref()),
                Some(ID_HINT.to_string()),
            );
        } else if seen.insert(mid.get_ref().clone(), ()).is_some() {
            d.error_at(
                src.file,
                src.text,
                mid.span(),
                format!("duplicate module id `{}`", mid.get_ref()),
                Some("every module needs its own id".to_string()),
            );
        }
    }
    let mtitle = m.string(d, "title", "\"Key concepts\"");
    let items = module_items(&m, d);
    let module = Module {
        id: mid.map(|s| s.into_inner()).unwrap_or_default(),
        title: mtitle.map(|s| clean_line(s.get_ref())).unwrap_or_default(),
        items: Vec::new(),
    };
    m.finish(d);
    (module, items)
}

/// A module's `items`: the paths it lists, each with its span; a missing or empty list is an
/// error.
fn module_items(m: &Fields<'_, '_>, d: &mut Diagnostics) -> Vec<(String, std::ops::Range<usize>)> {
    let src = m.source();
    let items = m.opt_string_list(d, "items");
    match items {
        None if !m.has("items") => {
            d.error_at(
                src.file,
                src.text,
                m.span(),
                format!("{} has no `items`", m.what()),
                Some("list its lessons and quizzes: `items = [\"lessons/intro.md\"]`".to_string()),
            );
            Vec::new()
        }
        None => Vec::new(),
        Some(list) if list.is_empty() => {
            d.error_at(
                src.file,
                src.text,
                m.value_span("items"),
                format!("{} is empty", m.what()),
                Some("add at least one lesson or quiz to it, or remove the module".to_string()),
            );
            Vec::new()
        }
        Some(list) => list
            .into_iter()
            .map(|s| (s.get_ref().clone(), s.span()))
            .collect(),
    }
}

/// `[completion]`, if the course has one.
fn read_completion(f: &Fields<'_, '_>, d: &mut Diagnostics) -> Option<CompletionFields> {
    let src = f.source();
    f.table(d, "completion", COMPLETION_KEYS, "[completion]")
        .map(|c| {
            let lessons = match c.opt_string(d, "lessons") {
                Some(v) if v.get_ref() == "all" => true,
                Some(v) if v.get_ref() == "none" => false,
                Some(v) => {
                    d.error_at(
                        src.file,
                        src.text,
                        v.span(),
                        format!("`lessons` is `{}`", v.get_ref()),
                        Some(
                            "write `lessons = \"all\"` (every lesson read) or `lessons = \"none\"`"
                                .to_string(),
                        ),
                    );
                    true
                }
                None => true,
            };
            let quizzes = c.opt_string_list(d, "quizzes");
            c.finish(d);
            (lessons, quizzes)
        })
}
