//! Previewing a course folder: its own records, and a reload whenever a file changes, so an
//! author can edit in one window and look in another.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use crate::course::{self, DirSource};
use crate::library::{Entry, Library, Origin};

/// Preview records live in their own file, never among real learners'.
pub const DATABASE_FILE: &str = "preview.db";
/// The one learner of a preview.
pub const LEARNER: &str = "Preview";
/// How often the folder is checked for changes.
pub const POLL: Duration = Duration::from_millis(500);

/// The folder as a one-course library; an error when it does not load.
pub fn library(dir: &Path) -> anyhow::Result<Library> {
    let loaded = course::load_for_play(&DirSource::new(dir));
    match loaded.course {
        Some(course) => Ok(Library {
            entries: vec![Entry::Ready {
                course: Arc::new(course),
                origin: Origin::Installed(dir.to_path_buf()),
                standing: None,
            }],
            ..Library::default()
        }),
        None => {
            let first = loaded
                .errors()
                .next()
                .map_or_else(|| "the course cannot be read".to_string(), |d| d.headline());
            anyhow::bail!(
                "{} has errors, so it cannot be previewed ({first}); `hatua validate {}` lists them all",
                dir.display(),
                dir.display()
            )
        }
    }
}

/// Notices when any file in a folder is added, removed or changed.
pub struct Watch {
    dir: PathBuf,
    stamp: u64,
}

impl Watch {
    pub fn new(dir: &Path) -> Watch {
        Watch {
            dir: dir.to_path_buf(),
            stamp: fingerprint(dir),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the folder changed since the last call.
    pub fn changed(&mut self) -> bool {
        let now = fingerprint(&self.dir);
        let changed = now != self.stamp;
        self.stamp = now;
        changed
    }
}

/// Names, sizes and modification times of every file: cheap, and enough to see an edit.
fn fingerprint(dir: &Path) -> u64 {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                files.push((e.path(), meta.len(), modified));
            }
        }
    }
    files.sort();
    let mut h = DefaultHasher::new();
    files.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watch_sees_an_edit_an_addition_and_a_removal() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one").unwrap();
        let mut w = Watch::new(dir.path());
        assert!(!w.changed());
        std::fs::write(dir.path().join("a.md"), "one more").unwrap();
        assert!(w.changed());
        assert!(!w.changed(), "one change is reported once");
        std::fs::write(dir.path().join("b.md"), "two").unwrap();
        assert!(w.changed());
        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        assert!(w.changed());
    }

    #[test]
    fn a_broken_folder_cannot_be_previewed_and_says_why() {
        let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/missing-file");
        let err = library(&broken).unwrap_err().to_string();
        assert!(
            err.contains("missing file `lessons/absent.md`") && err.contains("hatua validate"),
            "{err}"
        );
    }
}
