//! The courses a learner can open: the ones built into the binary and the ones installed in
//! the data dir. A broken course is listed as unavailable with its first error; the others
//! keep working.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};

use crate::course::{self, BundleSource, Course, Diagnostic, DirSource, EmbeddedSource};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/courses");

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Installed(PathBuf),
}

#[derive(Debug, Clone)]
pub enum Entry {
    Ready {
        course: Arc<Course>,
        origin: Origin,
    },
    Unavailable {
        name: String,
        origin: Origin,
        error: Diagnostic,
    },
}

impl Entry {
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

#[derive(Debug, Clone, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
}

impl Library {
    /// Built-in courses, then those installed under `data_dir/courses`. When both hold the
    /// same course id, the higher version wins, and an installed copy wins a tie.
    pub fn load(data_dir: Option<&Path>) -> Library {
        let mut entries: Vec<Entry> = built_in_sources()
            .into_iter()
            .map(|src| entry(&src, Origin::BuiltIn))
            .collect();
        if let Some(dir) = data_dir {
            let folders = installed_folders(&dir.join(crate::paths::COURSES_DIR));
            for new in load_parallel(folders) {
                add(&mut entries, new);
            }
        }
        entries.sort_by_key(|e| e.title().to_lowercase());
        Library { entries }
    }

    pub fn course(&self, id: &str) -> Option<&Arc<Course>> {
        self.entries
            .iter()
            .filter_map(Entry::course)
            .find(|c| c.id == id)
    }

    pub fn ready(&self) -> impl Iterator<Item = &Arc<Course>> {
        self.entries.iter().filter_map(Entry::course)
    }
}

/// The sample courses compiled in from `courses/`.
pub fn built_in_sources() -> Vec<EmbeddedSource> {
    BUILT_IN.dirs().map(EmbeddedSource::new).collect()
}

/// Loads installed courses on every core: at start-up a site with fifty courses reads
/// thousands of files, and the learner is waiting for the first screen.
fn load_parallel(folders: Vec<PathBuf>) -> Vec<Entry> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads <= 1 || folders.len() < 2 {
        return folders
            .into_iter()
            .map(|f| entry(&DirSource::new(&f), Origin::Installed(f)))
            .collect();
    }
    let chunk = folders.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = folders
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|f| entry(&DirSource::new(f), Origin::Installed(f.clone())))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // Joined in order, so the result does not depend on which thread finished first.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

fn entry(src: &dyn BundleSource, origin: Origin) -> Entry {
    let loaded = course::load(src);
    match loaded.course {
        Some(course) => Entry::Ready {
            course: Arc::new(course),
            origin,
        },
        None => {
            let error = loaded.errors().next().cloned().unwrap_or_else(|| {
                Diagnostic::about_file("course.toml", "the course could not be read", None)
            });
            let name = match &origin {
                Origin::Installed(p) => p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                Origin::BuiltIn => src.name(),
            };
            Entry::Unavailable {
                name: crate::sanitize::clean_line(&name),
                origin,
                error,
            }
        }
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
        if version_key(&new_course.version) >= version_key(&old.version) {
            entries[pos] = new;
        }
        return;
    }
    entries.push(new);
}

/// Orders `1.10.0` after `1.9.0`; pre-release tags are ignored for ordering.
pub fn version_key(v: &str) -> Vec<u64> {
    v.split(['-', '+'])
        .next()
        .unwrap_or("")
        .split('.')
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

fn installed_folders(root: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(version_key("1.10.0") > version_key("1.9.3"));
        assert!(version_key("2.0.0-beta") == version_key("2.0.0"));
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
                .starts_with("course.toml:1:1: course.toml has no `version`"),
            "{}",
            unavailable[0].1
        );
        assert!(lib.ready().count() >= 1);
    }
}
