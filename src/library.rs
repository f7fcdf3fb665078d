//! The courses a learner can open: the ones built into the binary and the ones installed in
//! the data dir. A broken course is listed as unavailable with its first error; the others
//! keep working.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};

pub mod catalog;
pub mod find;
pub mod index;
pub mod install;
pub mod policy;
pub mod verified;

use crate::bundle::{
    BundleError, MANIFEST_FILE, Manifest, Standing, TRUST_FILE, TrustStore, standing_of,
};
use crate::course::{self, BundleSource, Course, Diagnostic, DirSource, EmbeddedSource};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/courses");

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Installed(PathBuf),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Ready {
        course: Arc<Course>,
        origin: Origin,
        /// Who signed an installed course; `None` for a built-in one.
        standing: Option<Standing>,
    },
    Unavailable {
        name: String,
        origin: Origin,
        error: Diagnostic,
    },
}

impl Entry {
    pub fn origin(&self) -> &Origin {
        match self {
            Entry::Ready { origin, .. } | Entry::Unavailable { origin, .. } => origin,
        }
    }

    /// Who signed the course, when it is ready and installed.
    pub fn standing(&self) -> Option<&Standing> {
        match self {
            Entry::Ready { standing, .. } => standing.as_ref(),
            Entry::Unavailable { .. } => None,
        }
    }

    pub fn course(&self) -> Option<&Arc<Course>> {
        match self {
            Entry::Ready { course, .. } => Some(course),
            Entry::Unavailable { .. } => None,
        }
    }

    /// The course title, or the bundle's folder name when it could not be read.
    pub fn title(&self) -> &str {
        match self {
            Entry::Ready { course, .. } => &course.title,
            Entry::Unavailable { name, .. } => name,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// The publishers this workstation trusts, to name who signed a course.
    pub trust: TrustStore,
}

impl Library {
    /// Built-in courses, then those installed under `data_dir/courses`. When both hold the
    /// same course id, the higher version wins, and an installed copy wins a tie.
    pub fn load(data_dir: Option<&Path>) -> Library {
        Library::load_with(data_dir, true)
    }

    /// Starts [`Library::load`] of `data_dir` on a thread; [`Loading::wait`] takes the result.
    pub fn load_behind(data_dir: &Path) -> Loading {
        let dir = data_dir.to_path_buf();
        Loading {
            handle: std::thread::spawn(move || Library::load(Some(&dir))),
            data_dir: data_dir.to_path_buf(),
        }
    }

    /// [`Library::load`] that writes nothing, not even the catalog or a course's index when
    /// they are out of date: for `hatua doctor`, which promises to change nothing.
    pub fn load_without_writing(data_dir: &Path) -> Library {
        Library::load_with(Some(data_dir), false)
    }

    fn load_with(data_dir: Option<&Path>, write: bool) -> Library {
        let none = TrustStore::default();
        let mut trust = TrustStore::default();
        let mut entries: Vec<Entry> = on_every_core(&built_in_sources(), |src| {
            entry(src, Origin::BuiltIn, &none)
        });
        if let Some(dir) = data_dir {
            // A damaged trust file shows every course as signed by an unknown key, not lost.
            trust = TrustStore::load(&dir.join(TRUST_FILE)).unwrap_or_default();
            let courses = dir.join(crate::paths::COURSES_DIR);
            install::recover(&courses);
            if write {
                install::clear_previews(dir);
            }
            for new in installed(&courses, &trust, write) {
                add(&mut entries, new);
            }
        }
        entries.sort_by_key(|e| crate::quiz::text::normalize(e.title()));
        Library { entries, trust }
    }

    pub fn course(&self, id: &str) -> Option<&Arc<Course>> {
        self.entries
            .iter()
            .filter_map(Entry::course)
            .find(|c| c.id == id)
    }

    /// Shows every course in `language` where it has that language, in its own otherwise
    /// (see [`Course::in_language`]), in the order of their titles in it.
    pub fn show_in(&mut self, language: &str) {
        let mut changed = false;
        for entry in &mut self.entries {
            if let Entry::Ready { course, .. } = entry
                && !course.renditions.all.is_empty()
            {
                // Only a course whose shown language changes is made again.
                if course.language_for(language) != course.shown_language {
                    *course = Arc::new(course.in_language(language));
                    changed = true;
                }
            }
        }
        if changed {
            self.entries
                .sort_by_key(|e| crate::quiz::text::normalize(e.title()));
        }
    }

    /// Replaces a course that failed its check with an unavailable entry saying why.
    pub fn refuse(&mut self, course_id: &str, reason: &str) {
        if let Some(e) = self
            .entries
            .iter_mut()
            .find(|e| e.course().is_some_and(|c| c.id == course_id))
        {
            let name = e.title().to_string();
            let origin = e.origin().clone();
            *e = Entry::Unavailable {
                name,
                origin,
                error: Diagnostic::about_file(MANIFEST_FILE, reason, None),
            };
        }
    }

    pub fn ready(&self) -> impl Iterator<Item = &Arc<Course>> {
        self.entries.iter().filter_map(Entry::course)
    }
}

/// The library being loaded on a thread of its own, so the player's first screen (the
/// learners, no course) is drawn meanwhile; see [`Library::load_behind`].
pub struct Loading {
    handle: std::thread::JoinHandle<Library>,
    data_dir: PathBuf,
}

impl Loading {
    /// The loaded library; loaded here again should the thread have failed.
    pub fn wait(self) -> Library {
        self.handle
            .join()
            .unwrap_or_else(|_| Library::load(Some(&self.data_dir)))
    }
}

/// The sample courses compiled in from `courses/`.
pub fn built_in_sources() -> Vec<EmbeddedSource> {
    BUILT_IN.dirs().map(EmbeddedSource::new).collect()
}

/// `load` of each of `items`, on every core, in their order: at start-up a site with fifty
/// courses reads thousands of files (and the built-in courses their translations too), and
/// the learner is waiting for the first screen.
fn on_every_core<T: Sync, R: Send>(items: &[T], load: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads <= 1 || items.len() < 2 {
        return items.iter().map(load).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let load = &load;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(load).collect::<Vec<_>>()))
            .collect();
        // Joined in order, so the result does not depend on which thread finished first.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// The courses installed in `courses`: from the catalog for each course whose manifest is
/// as the catalog saw it, read for the others (which then go into the catalog).
fn installed(courses: &Path, trust: &TrustStore, write: bool) -> Vec<Entry> {
    let mut shelves = catalog::Shelves::read(courses);
    let mut fresh = Vec::new();
    let mut stale = Vec::new();
    for folder in installed_folders(courses) {
        match shelves.take_fresh(&folder) {
            Some(shelved) => fresh.push((folder, shelved)),
            None => stale.push(folder),
        }
    }
    let changed = write && (!stale.is_empty() || shelves.has_leftovers());
    let read = on_every_core(&stale, |f| installed_entry(f.clone(), trust, write));
    let mut keep = Vec::new();
    let mut entries = Vec::with_capacity(fresh.len() + read.len());
    for (folder, shelved) in fresh {
        if changed {
            keep.push(shelved.clone());
        }
        entries.push(shelved_entry(folder, shelved, trust));
    }
    for (entry, shelved) in read {
        keep.extend(shelved);
        entries.push(entry);
    }
    if changed {
        catalog::write(courses, keep);
    }
    entries
}

/// An installed course read from its folder: its outline from its own index when that is
/// fresh, else in full (a course copied in by hand, or installed by an older Hatua). With
/// what the catalog keeps of it, when it is ready and has a manifest.
fn installed_entry(
    folder: PathBuf,
    trust: &TrustStore,
    write: bool,
) -> (Entry, Option<catalog::Shelved>) {
    match catalog::shelve(&folder) {
        Ok(Some(shelved)) => (shelved_entry(folder, shelved.clone(), trust), Some(shelved)),
        Ok(None) => read_in_full(folder, trust, write),
        Err(e) => (
            Entry::Unavailable {
                name: folder_name(&Origin::Installed(folder.clone())),
                origin: Origin::Installed(folder),
                error: Diagnostic::about_file(MANIFEST_FILE, e.to_string(), None),
            },
            None,
        ),
    }
}

/// A course as the catalog keeps it: its outline, signed by whom this workstation's trust
/// says.
fn shelved_entry(folder: PathBuf, shelved: catalog::Shelved, trust: &TrustStore) -> Entry {
    Entry::Ready {
        course: Arc::new(shelved.outline.into_course()),
        origin: Origin::Installed(folder),
        standing: Some(crate::bundle::standing_by(shelved.signer, trust)),
    }
}

/// An installed course without a fresh index of its own, read and checked in full; its
/// index is written again so the next start is quick.
fn read_in_full(
    folder: PathBuf,
    trust: &TrustStore,
    write: bool,
) -> (Entry, Option<catalog::Shelved>) {
    // Taken before anything is read: a change while reading shows as a change next time.
    let stamp = catalog::manifest_stamp(&folder);
    let entry = entry(
        &DirSource::installed(&folder),
        Origin::Installed(folder.clone()),
        trust,
    );
    let Entry::Ready { course, .. } = &entry else {
        return (entry, None);
    };
    let Ok(manifest) = std::fs::read(folder.join(MANIFEST_FILE)) else {
        return (entry, None);
    };
    if write {
        let _ = std::fs::write(
            folder.join(index::INDEX_FILE),
            index::render(course, &manifest),
        );
    }
    let outline = index::Index::of(course, crate::bundle::hash_bytes(&manifest));
    let shelved = stamp.and_then(|s| catalog::Shelved::of(&folder, s, &manifest, outline).ok());
    (entry, shelved)
}

fn entry(src: &dyn BundleSource, origin: Origin, trust: &TrustStore) -> Entry {
    let loaded = course::load_for_play(src);
    let standing = match &origin {
        Origin::BuiltIn => Ok(None),
        Origin::Installed(dir) => installed_standing(dir, trust).map(Some),
    };
    let first_error = loaded.errors().next().cloned();
    match (loaded.course, standing) {
        (Some(course), Ok(standing)) => Entry::Ready {
            course: Arc::new(course),
            origin,
            standing,
        },
        (Some(_), Err(e)) => Entry::Unavailable {
            name: folder_name(&origin),
            origin,
            error: Diagnostic::about_file(MANIFEST_FILE, e.to_string(), None),
        },
        (None, _) => {
            let error = first_error.unwrap_or_else(|| {
                Diagnostic::about_file("course.toml", "the course could not be read", None)
            });
            let name = match &origin {
                Origin::Installed(_) => folder_name(&origin),
                Origin::BuiltIn => src.name(),
            };
            Entry::Unavailable {
                name,
                origin,
                error,
            }
        }
    }
}

/// An installed course's folder name, to name it when its course.toml cannot be read.
fn folder_name(origin: &Origin) -> String {
    let name = match origin {
        Origin::Installed(p) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        Origin::BuiltIn => String::new(),
    };
    crate::sanitize::clean_line(&name)
}

/// The signature on an installed course's manifest, checked without hashing its files (that
/// happens when a learner opens it): cheap enough for start-up.
fn installed_standing(dir: &Path, trust: &TrustStore) -> Result<Standing, BundleError> {
    match std::fs::read_to_string(dir.join(MANIFEST_FILE)) {
        Ok(text) => standing_of(&Manifest::parse(&text)?, trust),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Standing::NoManifest),
        Err(source) => Err(BundleError::Io {
            path: dir.join(MANIFEST_FILE),
            source,
        }),
    }
}

fn add(entries: &mut Vec<Entry>, new: Entry) {
    if let Some(new_course) = new.course()
        && let Some(pos) = entries
            .iter()
            .position(|e| e.course().is_some_and(|c| c.id == new_course.id))
    {
        let old = entries[pos]
            .course()
            .expect("position found a ready course");
        if compare_versions(&new_course.version, &old.version).is_ge() {
            entries[pos] = new;
        }
        return;
    }
    entries.push(new);
}

/// Orders course versions as semantic versioning does: `1.10.0` after `1.9.0`, and a
/// pre-release (`2.0.0-beta`) before its release. Versions are checked as semver when a
/// course loads; anything else sorts first, so it never replaces a real version.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    match (semver::Version::parse(a), semver::Version::parse(b)) {
        (Ok(a), Ok(b)) => a.cmp_precedence(&b),
        (Ok(_), Err(_)) => std::cmp::Ordering::Greater,
        (Err(_), Ok(_)) => std::cmp::Ordering::Less,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

fn installed_folders(root: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        // Hidden folders are installs in progress or left by a crash (see install::recover).
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    dirs.sort();
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn courses_are_listed_by_title_in_the_readers_language_accents_aside() {
        let mut lib = Library::load(None);
        let titles = |lib: &Library| {
            lib.entries
                .iter()
                .map(|e| e.title().to_string())
                .collect::<Vec<_>>()
        };
        lib.show_in("fr");
        let french = titles(&lib);
        // "Égalité" sorts with the e's, not after the z's.
        let egalite = french
            .iter()
            .position(|t| t.starts_with("Égalité"))
            .unwrap();
        let les = french
            .iter()
            .position(|t| t.starts_with("Les femmes"))
            .unwrap();
        assert!(egalite < les, "{french:?}");
        lib.show_in("en");
        assert!(titles(&lib).iter().all(|t| !t.starts_with("Égalité")));
    }

    #[test]
    fn the_built_in_courses_load_without_errors() {
        let lib = Library::load(None);
        assert!(!lib.entries.is_empty());
        for e in &lib.entries {
            if let Entry::Unavailable { error, name, .. } = e {
                panic!("built-in course {name} is broken: {error}");
            }
        }
    }

    #[test]
    fn versions_compare_numerically() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_versions("1.10.0", "1.9.3"), Greater);
        assert_eq!(compare_versions("2.0.0-beta", "2.0.0"), Less);
        assert_eq!(compare_versions("2.0.0-beta.2", "2.0.0-beta.10"), Less);
        assert_eq!(compare_versions("1.0.0+build.5", "1.0.0"), Equal);
        assert_eq!(compare_versions("1.0.0", "not-a-version"), Greater);
    }

    #[test]
    fn a_broken_installed_course_is_listed_unavailable_and_the_rest_still_load() {
        let data = tempfile::tempdir().unwrap();
        let broken = data.path().join("courses/broken");
        std::fs::create_dir_all(&broken).unwrap();
        std::fs::write(broken.join("course.toml"), "format = 1\nid = \"broken\"\n").unwrap();
        let lib = Library::load(Some(data.path()));
        let unavailable: Vec<_> = lib
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Unavailable { name, error, .. } => Some((name.clone(), error.headline())),
                Entry::Ready { .. } => None,
            })
            .collect();
        assert_eq!(unavailable.len(), 1);
        assert_eq!(unavailable[0].0, "broken");
        assert!(
            unavailable[0]
                .1
                .starts_with("course.toml: course.toml has no `version`"),
            "{}",
            unavailable[0].1
        );
        assert!(lib.ready().count() >= 1);
    }
}
