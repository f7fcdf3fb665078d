//! Installing course bundles into the data dir: find them on a drive, check and verify them,
//! and put each in place atomically, so a drive pulled out half-way leaves the installed
//! version untouched. Also removing a course (records are kept) and verifying an installed
//! course before it is opened.

mod atomic;

use std::path::{Path, PathBuf};

pub use atomic::{clear_previews, recover, remove};

use crate::bundle::{
    self, BundleError, Flush, Limits, MANIFEST_FILE, Manifest, MemorySource, Standing, TrustStore,
    Unpacked,
};
use crate::course::{self, Course, DirSource};
use crate::library::Library;
use crate::paths::COURSES_DIR;

use super::find::{Search, find_bundles};
use super::policy::{self, InPlace, Incoming, InstallPolicy, Note, Verdict, with_standing};
use crate::i18n::Message;
use atomic::{PREVIEW_PREFIX, Staging, install};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Installed,
    Updated { from: String },
    Skipped,
    Refused,
}

/// What happened to one bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub source: PathBuf,
    pub course_id: Option<String>,
    pub title: Option<String>,
    /// The title in each language the course has (see [`Titles`]).
    pub titles: Titles,
    pub version: Option<String>,
    pub outcome: Outcome,
    /// Why it was skipped or refused, or the trust standing of an installed one.
    pub reason: Message,
    pub standing: Option<Standing>,
}

impl ImportRow {
    /// A bundle that was there when the drive was looked at and is not any more.
    pub fn gone(path: &Path) -> ImportRow {
        ImportRow {
            source: path.to_path_buf(),
            course_id: None,
            title: None,
            titles: Titles::default(),
            version: None,
            outcome: Outcome::Refused,
            reason: Message::new("import.gone"),
            standing: None,
        }
    }
}

/// A bundle unpacked and checked: the folder that was verified and validated is the very
/// folder that gets installed, and the course is its outline, without any lesson's text.
struct Checked {
    unpacked: Unpacked,
    manifest: Option<Manifest>,
    course: Course,
}

/// Why a bundle was refused, with its id and version when the manifest names them.
struct Refusal {
    reason: Message,
    named: Option<(String, String)>,
}

impl From<BundleError> for Refusal {
    fn from(e: BundleError) -> Self {
        Refusal {
            reason: e.message(),
            named: None,
        }
    }
}

/// Unpacks the bundle at `path` into the new folder `dest`, hashing each file as it is
/// written, verifies the hashes against the manifest and validates the course from `dest`,
/// keeping only its outline: a bundle of any size is checked without being held in memory.
/// On a refusal `dest` is gone.
fn check(
    path: &Path,
    dest: &Path,
    flush: Flush,
    trust: &TrustStore,
) -> Result<(Checked, Standing), Refusal> {
    let unpacked = bundle::unpack(path, dest, &Limits::default(), flush)?;
    let manifest = unpacked.manifest()?;
    let named = manifest
        .as_ref()
        .map(|m| (m.course_id.clone(), m.version.clone()));
    // Files first: a bundle altered on its way must be called altered, not badly written.
    let standing =
        bundle::verify_hashes(unpacked.hashes(), manifest.as_ref(), trust).map_err(|e| {
            Refusal {
                reason: e.message(),
                named: named.clone(),
            }
        })?;
    // Hatua wrote every file of `dest` itself, as a regular file: no link to look for.
    let loaded = course::load::load_outline(&DirSource::installed(unpacked.folder()));
    let Some(course) = loaded.course else {
        let first = loaded
            .errors()
            .next()
            .map_or_else(String::new, |d| d.headline());
        return Err(Refusal {
            reason: Message::new("import.course_errors").with("first", first),
            named,
        });
    };
    Ok((
        Checked {
            unpacked,
            manifest,
            course,
        },
        standing,
    ))
}

/// How an import goes: the site's rule and whether `--force` was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    pub policy: InstallPolicy,
    /// Let an older or equal version in, or another publisher's copy replace a signed one.
    pub force: bool,
}

/// Imports every bundle found under `paths`. `progress(done, total)` is called as bundles
/// are handled. The search (how far it looked) comes back with the rows.
pub fn import(
    data_dir: &Path,
    paths: &[PathBuf],
    options: ImportOptions,
    trust: &TrustStore,
    progress: &mut dyn FnMut(usize, usize),
) -> (Vec<ImportRow>, Search) {
    let search = find_bundles(paths);
    let total = search.bundles.len();
    let mut rows = Vec::new();
    for (n, path) in search.bundles.iter().enumerate() {
        progress(n, total);
        let row = import_one(data_dir, path, options, trust);
        tracing::info!(
            bundle = %path.display(),
            course = row.course_id.as_deref().unwrap_or("-"),
            version = row.version.as_deref().unwrap_or("-"),
            outcome = ?row.outcome,
            reason = %row.reason,
            "import"
        );
        rows.push(row);
    }
    progress(total, total);
    (rows, search)
}

/// The facts about the copy of `course_id` installed in `data_dir`, if there is one.
pub fn in_place(data_dir: &Path, course_id: &str, trust: &TrustStore) -> Option<InPlace> {
    let here = data_dir.join(COURSES_DIR).join(course_id);
    let version = installed_version(&here)?;
    let manifest = std::fs::read_to_string(here.join(MANIFEST_FILE))
        .ok()
        .and_then(|t| Manifest::parse(&t).ok());
    let key = manifest
        .as_ref()
        .and_then(|m| m.signature.as_ref())
        .map(|s| s.public_key.clone());
    let standing = manifest
        .as_ref()
        .and_then(|m| bundle::standing_of(m, trust).ok())
        .unwrap_or(Standing::Unsigned);
    Some(InPlace {
        version,
        standing,
        key,
    })
}

/// What installing a checked bundle would do, without doing it.
fn verdict(
    data_dir: &Path,
    checked: &Checked,
    standing: &Standing,
    options: ImportOptions,
    trust: &TrustStore,
) -> Verdict {
    let key = checked
        .manifest
        .as_ref()
        .and_then(|m| m.signature.as_ref())
        .map(|s| s.public_key.as_str());
    let new = Incoming {
        version: &checked.course.version,
        standing,
        key,
    };
    let old = in_place(data_dir, &checked.course.id, trust);
    policy::decide(&new, old.as_ref(), options.policy, options.force)
}

fn import_one(
    data_dir: &Path,
    path: &Path,
    options: ImportOptions,
    trust: &TrustStore,
) -> ImportRow {
    let mut row = ImportRow {
        source: path.to_path_buf(),
        course_id: None,
        title: None,
        titles: Titles::default(),
        version: None,
        outcome: Outcome::Refused,
        reason: Message::other(""),
        standing: None,
    };
    let staging = match Staging::open(data_dir) {
        Ok(staging) => staging,
        Err(e) => {
            row.reason = e.message();
            return row;
        }
    };
    let (checked, standing) = match check(path, staging.incoming(), Flush::Synced, trust) {
        Ok(ok) => ok,
        Err(refusal) => {
            row.reason = refusal.reason;
            if let Some((id, version)) = refusal.named {
                row.course_id = Some(id);
                row.version = Some(version);
            }
            return row;
        }
    };
    let course = &checked.course;
    row.course_id = Some(course.id.clone());
    row.title = Some(course.title.clone());
    row.titles = Titles::of(course);
    row.version = Some(course.version.clone());
    row.standing = Some(standing.clone());
    let (from, note) = match verdict(data_dir, &checked, &standing, options, trust) {
        Verdict::Skip(reason) => {
            row.outcome = Outcome::Skipped;
            row.reason = reason;
            return row;
        }
        Verdict::Refuse(reason) => {
            row.reason = reason;
            return row;
        }
        Verdict::Install { from, note } => (from, note),
    };
    match install(staging, checked) {
        Ok(()) => {
            row.outcome = match from {
                Some(from) => Outcome::Updated { from },
                None => Outcome::Installed,
            };
            row.reason = match note {
                Some(Note::Unsigned) => Message::new("import.row_unsigned"),
                Some(Note::Replaces(old)) => {
                    let m = with_standing(Message::new("import.row_replaces"), "new", &standing);
                    with_standing(m, "old", &old)
                }
                None => with_standing(Message::new("import.row_standing"), "new", &standing),
            };
        }
        Err(e) => row.reason = e.message(),
    }
    row
}

/// The version of the course installed in `dir`, read from its course.toml alone.
fn installed_version(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("course.toml")).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table.get("version")?.as_str().map(str::to_string)
}

/// Checks an installed course's files against its manifest before a learner opens it: in
/// full once per installed version, then from the files' metadata (see `verified`).
pub fn verify_installed(dir: &Path, trust: &TrustStore) -> Result<Standing, BundleError> {
    super::verified::verify(dir, trust)
}

/// Reads one lesson or quiz of the course installed in `dir`, when a learner opens it: the
/// file (and course.toml, for a GIFT quiz's settings) checked against the manifest as it is
/// read, so what is shown is what was verified, whatever happened since the course opened.
pub fn open_item(dir: &Path, path: &str) -> Result<course::Item, Message> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| BundleError::io(&manifest_path, e))
        .and_then(|t| Manifest::parse(&t))
        .map_err(|e| e.message())?;
    let limits = Limits::default();
    let mut files = Vec::new();
    for wanted in ["course.toml", path] {
        let full = dir.join(wanted);
        let read = std::fs::File::open(&full).and_then(|f| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(f, limits.max_text + 1), &mut bytes)
                .map(|_| bytes)
        });
        let bytes = read.map_err(|e| BundleError::io(&full, e).message())?;
        if manifest.files.get(wanted) != Some(&bundle::hash_bytes(&bytes)) {
            return Err(BundleError::Tampered {
                file: wanted.to_string(),
                change: bundle::Change::Modified,
            }
            .message());
        }
        files.push((wanted.to_string(), bytes));
    }
    course::load::load_item(&MemorySource::new(dir.display().to_string(), files), path)
        .map_err(|d| Message::other(d.headline()))
}

/// A course's title in each of its languages, so the import screen names a bundle in the
/// reader's language when the course has it, as the course list does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Titles(Vec<(String, String)>);

impl Titles {
    fn of(course: &Course) -> Titles {
        Titles(
            course
                .renditions
                .all
                .iter()
                .map(|r| (r.language.clone(), r.title.clone()))
                .collect(),
        )
    }

    /// The title in `language`, when the course has that language.
    pub fn get(&self, language: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(l, _)| l == language)
            .map(|(_, t)| t.as_str())
    }
}

/// A bundle found on a drive, as the import screen lists it before anything is installed.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub path: PathBuf,
    pub course_id: Option<String>,
    pub title: Option<String>,
    /// The title in each language the course has (see [`Titles`]).
    pub titles: Titles,
    pub version: Option<String>,
    /// Who signed it, when it passed its checks.
    pub standing: Option<Standing>,
    /// The version installed here now, if any.
    pub installed: Option<String>,
    /// Why it cannot be installed, if it cannot.
    pub problem: Option<Message>,
    /// Why installing it would change nothing (this version is installed).
    pub skip: Option<Message>,
    /// What a facilitator should know before installing it.
    pub note: Option<Note>,
}

impl Candidate {
    /// Whether a person should confirm before it is installed: it is unsigned, or signed by
    /// a key nobody here trusts.
    pub fn needs_confirmation(&self) -> bool {
        self.problem.is_none()
            && self.skip.is_none()
            && self
                .standing
                .as_ref()
                .is_some_and(policy::needs_confirmation)
    }
}

/// Reads, validates and verifies a bundle, and says what installing it would do, without
/// installing it.
pub fn inspect(
    path: &Path,
    data_dir: &Path,
    installed: &Library,
    options: ImportOptions,
    trust: &TrustStore,
) -> Candidate {
    // Unpacked beside the data, not on the drive nor in the courses folder, and removed
    // when the preview is made (see `clear_previews` for one a crash left).
    let scratch = data_dir.join(format!("{PREVIEW_PREFIX}{}", uuid::Uuid::new_v4().simple()));
    match check(path, &scratch, Flush::Scratch, trust) {
        Ok((checked, standing)) => {
            let verdict = verdict(data_dir, &checked, &standing, options, trust);
            let c = &checked.course;
            let (problem, skip, note) = match verdict {
                Verdict::Refuse(r) => (Some(r), None, None),
                Verdict::Skip(r) => (None, Some(r), None),
                Verdict::Install { note, .. } => (None, None, note),
            };
            Candidate {
                path: path.to_path_buf(),
                course_id: Some(c.id.clone()),
                title: Some(c.title.clone()),
                titles: Titles::of(c),
                version: Some(c.version.clone()),
                standing: Some(standing),
                installed: installed.course(&c.id).map(|i| i.version.clone()),
                problem,
                skip,
                note,
            }
        }
        Err(refusal) => Candidate {
            path: path.to_path_buf(),
            course_id: refusal.named.as_ref().map(|(id, _)| id.clone()),
            title: None,
            titles: Titles::default(),
            version: refusal.named.map(|(_, v)| v),
            standing: None,
            installed: None,
            problem: Some(refusal.reason),
            skip: None,
            note: None,
        },
    }
}

#[cfg(test)]
mod tests;
