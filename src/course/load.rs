//! Loads and checks a bundle: `course.toml`, then every item it lists. Every problem is
//! collected, so an author sees them all in one run of `hatua validate`.

use std::collections::HashMap;

use super::diagnostic::Diagnostics;
use super::fields::{Fields, TomlSource};
use super::gift::settings::{self as gift_settings, SettingsTable};
use super::source::{BundleSource, is_safe_path};
use super::{Completion, Course, Diagnostic, FORMAT_VERSION, ID_HINT, Item, Module, is_valid_id};
use super::{gift, lesson_file, quiz_file};
use crate::sanitize::clean_line;

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

/// The files the course uses, and whether the author's checks run.
struct Used {
    files: std::collections::HashSet<String>,
    authoring: bool,
}

/// The largest lesson, quiz or course.toml accepted: a 2 MiB lesson is already a book.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// Written by `hatua pack`; part of the bundle, listed in nothing.
const MANIFEST: &str = "MANIFEST.toml";

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
];
const COMPLETION_KEYS: &[&str] = &["lessons", "quizzes"];
const MODULE_KEYS: &[&str] = &["id", "title", "items"];

/// Loads the bundle with every check an author needs, warnings included; see [`Loaded`].
pub fn load(source: &dyn BundleSource) -> Loaded {
    load_with(source, true)
}

/// Loads the bundle to play it: every error is still found, but the author's warnings
/// (links to missing assets, unused files) are not looked for. Start-up loads every
/// installed course, and a learner cannot act on those warnings anyway.
pub fn load_for_play(source: &dyn BundleSource) -> Loaded {
    load_with(source, false)
}

fn load_with(source: &dyn BundleSource, authoring: bool) -> Loaded {
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
        };
        let modules = load_modules(
            source,
            &text,
            head.modules,
            &head.quizzes,
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
        if authoring {
            check_unused(source, &used.files, &mut d);
        }
        Some(Course {
            modules,
            ..head.course
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
            quiz_file::parse(path, &text, &mut d)
        } else if path.ends_with(".gift") {
            // A GIFT quiz's settings are in course.toml.
            let course_text = read_text(source, "course.toml", &mut d)?;
            let head = parse_course_toml(&course_text, &mut d)?;
            gift::item(
                path,
                &text,
                head.quizzes.get(path),
                &course_text,
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

/// A module and its item paths, each with its byte span in course.toml.
type PendingModule = (Module, Vec<(String, std::ops::Range<usize>)>);

/// `course.toml` before its items are loaded.
struct Head {
    course: Course,
    /// The quiz ids `[completion]` names, with their spans, checked once the quizzes load.
    completion_quizzes: Vec<toml::Spanned<String>>,
    /// Per module: the module and its item paths with their byte spans in course.toml.
    modules: Vec<PendingModule>,
    /// `[quizzes."….gift"]`: the settings of GIFT quizzes.
    quizzes: SettingsTable,
}

fn parse_course_toml(text: &str, d: &mut Diagnostics) -> Option<Head> {
    let src = TomlSource {
        file: "course.toml",
        text,
    };
    let root = src.parse(d);
    let f = Fields::new(src, &root, COURSE_KEYS, "course.toml");

    // The format version comes first: a newer bundle's other fields may mean something else.
    match f.opt_int(d, "format", 0..=i64::from(u16::MAX)) {
        Some(v) if *v.get_ref() > FORMAT_VERSION => {
            d.error_at(
                src.file,
                text,
                v.span(),
                format!(
                    "unsupported format version {}: this Hatua reads bundle format {FORMAT_VERSION}",
                    v.get_ref()
                ),
                Some("install a newer Hatua, or ask the author for a format 1 bundle".to_string()),
            );
            return None;
        }
        Some(v) if *v.get_ref() < 1 => {
            d.error_at(
                src.file,
                text,
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

    let id = f.string(d, "id", "\"gender-equality-basics\"");
    if let Some(id) = &id
        && !is_valid_id(id.get_ref())
    {
        d.error_at(
            src.file,
            text,
            id.span(),
            format!("`{}` is not a valid course id", id.get_ref()),
            Some(ID_HINT.to_string()),
        );
    }
    let version = f.string(d, "version", "\"1.0.0\"");
    if let Some(v) = &version
        && !is_semver(v.get_ref())
    {
        d.error_at(
            src.file,
            text,
            v.span(),
            format!("`{}` is not a version like 1.2.0", v.get_ref()),
            Some("use three numbers, major.minor.patch; raise it for each release".to_string()),
        );
    }
    let title = f.string(d, "title", "\"Gender equality: key concepts\"");
    let language = f.opt_string(d, "language");
    let summary = f.opt_string(d, "summary");
    let authors = f.opt_string_list(d, "authors").unwrap_or_default();
    let license = f.opt_string(d, "license");
    let minutes = f.opt_int(d, "minutes", 0..=100_000);

    let mut modules = Vec::new();
    match f.tables(d, "modules", MODULE_KEYS, |n| format!("module {n}")) {
        None if !f.has("modules") => d.error_at(
            src.file,
            text,
            f.span(),
            "the course has no modules",
            Some("add a `[[modules]]` table with `id`, `title` and `items`".to_string()),
        ),
        None => {}
        Some(tables) => {
            let mut seen: HashMap<String, ()> = HashMap::new();
            for mut m in tables {
                let mid = m.string(d, "id", "\"concepts\"");
                if let Some(mid) = &mid {
                    m.rename(format!("module `{}`", mid.get_ref()));
                    if !is_valid_id(mid.get_ref()) {
                        d.error_at(
                            src.file,
                            text,
                            mid.span(),
                            format!("`{}` is not a valid module id", mid.get_ref()),
                            Some(ID_HINT.to_string()),
                        );
                    } else if seen.insert(mid.get_ref().clone(), ()).is_some() {
                        d.error_at(
                            src.file,
                            text,
                            mid.span(),
                            format!("duplicate module id `{}`", mid.get_ref()),
                            Some("every module needs its own id".to_string()),
                        );
                    }
                }
                let mtitle = m.string(d, "title", "\"Key concepts\"");
                let items = m.opt_string_list(d, "items");
                let items = match items {
                    None if !m.has("items") => {
                        d.error_at(
                            src.file,
                            text,
                            m.span(),
                            format!("{} has no `items`", m.what()),
                            Some(
                                "list its lessons and quizzes: `items = [\"lessons/intro.md\"]`"
                                    .to_string(),
                            ),
                        );
                        Vec::new()
                    }
                    None => Vec::new(),
                    Some(list) if list.is_empty() => {
                        d.error_at(
                            src.file,
                            text,
                            m.value_span("items"),
                            format!("{} is empty", m.what()),
                            Some(
                                "add at least one lesson or quiz to it, or remove the module"
                                    .to_string(),
                            ),
                        );
                        Vec::new()
                    }
                    Some(list) => list
                        .into_iter()
                        .map(|s| (s.get_ref().clone(), s.span()))
                        .collect(),
                };
                let module = Module {
                    id: mid.map(|s| s.into_inner()).unwrap_or_default(),
                    title: mtitle.map(|s| clean_line(s.get_ref())).unwrap_or_default(),
                    items: Vec::new(),
                };
                m.finish(d);
                modules.push((module, items));
            }
        }
    }
    let completion = f
        .table(d, "completion", COMPLETION_KEYS, "[completion]")
        .map(|c| {
            let lessons = match c.opt_string(d, "lessons") {
                Some(v) if v.get_ref() == "all" => true,
                Some(v) if v.get_ref() == "none" => false,
                Some(v) => {
                    d.error_at(
                        src.file,
                        text,
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
        });
    let quizzes = gift_settings::read(&f, d);
    f.finish(d);

    Some(Head {
        course: Course {
            id: id.map(|s| s.into_inner()).unwrap_or_default(),
            version: version.map(|s| s.into_inner()).unwrap_or_default(),
            title: title.map(|s| clean_line(s.get_ref())).unwrap_or_default(),
            language: language.map_or_else(|| "en".to_string(), |s| clean_line(s.get_ref())),
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
    })
}

fn load_modules(
    source: &dyn BundleSource,
    course_text: &str,
    modules: Vec<PendingModule>,
    quizzes: &SettingsTable,
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
            let item = if path.ends_with(".md") {
                match read_item(source, &path, d, course_text, &span) {
                    Some(text) => {
                        if used.authoring {
                            check_links(source, &path, &text, &mut used.files, d);
                        }
                        lesson_file::parse(&path, &text, d)
                    }
                    None => continue,
                }
            } else if path.ends_with(".toml") {
                match read_item(source, &path, d, course_text, &span) {
                    Some(text) => quiz_file::parse(&path, &text, d),
                    None => continue,
                }
            } else if path.ends_with(".gift") {
                match read_item(source, &path, d, course_text, &span) {
                    Some(text) => gift::item(
                        &path,
                        &text,
                        quizzes.get(&path),
                        course_text,
                        used.authoring,
                        d,
                    ),
                    None => continue,
                }
            } else {
                at(
                    d,
                    format!("`{path}` is neither a lesson (.md) nor a quiz (.toml or .gift)"),
                    "list only lessons and quizzes in `items`; put other files under assets/",
                );
                continue;
            };
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

/// Warns about links from a lesson to files the bundle does not have, and records the
/// files it does link to as used.
fn check_links(
    source: &dyn BundleSource,
    path: &str,
    text: &str,
    used: &mut std::collections::HashSet<String>,
    d: &mut Diagnostics,
) {
    for (target, span) in lesson_file::local_links(text) {
        match resolve(path, &target) {
            Some(file) if matches!(source.exists(&file), Ok(true)) => {
                used.insert(file);
            }
            Some(file) => d.warning_at(
                path,
                text,
                span,
                format!("this links to `{file}`, which is not in the bundle"),
                Some("put the file under assets/, or fix the link".to_string()),
            ),
            None => d.warning_at(
                path,
                text,
                span,
                format!("the link `{target}` points outside the bundle"),
                Some(
                    "link only to files inside the course folder, such as ../assets/chart.png"
                        .to_string(),
                ),
            ),
        }
    }
}

/// A link target relative to the lesson at `from`, as a path inside the bundle.
fn resolve(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("");
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    is_safe_path(&joined).then_some(joined)
}

/// Warns about files that nothing in the course uses, and refuses links in the folder.
fn check_unused(
    source: &dyn BundleSource,
    used: &std::collections::HashSet<String>,
    d: &mut Diagnostics,
) {
    let Some(all) = source.list() else { return };
    // Used files were read already; a link among them was refused then. The others are
    // only looked at, never read: an unused 4 GiB file costs nothing.
    for file in all.into_iter().filter(|f| !used.contains(f)) {
        if let Err(e) = source.exists(&file) {
            d.file_error(
                &file,
                format!("cannot read this file: {e}"),
                Some("replace the link with the file itself".to_string()),
            );
            continue;
        }
        let hint = if file.starts_with("assets/") {
            "link to it from a lesson, or delete it"
        } else {
            "add it to a module's `items` in course.toml, or delete it"
        };
        d.push_warning(
            &file,
            "nothing in the course uses this file",
            Some(hint.to_string()),
        );
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
    fn links_resolve_inside_the_bundle_only() {
        assert_eq!(
            resolve("lessons/a.md", "../assets/x.png").as_deref(),
            Some("assets/x.png")
        );
        assert_eq!(
            resolve("lessons/a.md", "b.md#part").as_deref(),
            Some("lessons/b.md")
        );
        assert_eq!(resolve("lessons/a.md", "../../etc/passwd"), None);
        assert_eq!(resolve("lessons/a.md", "/etc/passwd"), None);
    }

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
