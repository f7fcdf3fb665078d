//! The library's catalog: one file holding the outline of every installed course, so that
//! loading the library reads one file and looks at each course's manifest's metadata, instead
//! of reading two files and checking a signature per course (500 courses took a quarter of a
//! second).
//!
//! Each entry remembers the stamp (size, times, inode) of the course's MANIFEST.toml when the
//! entry was made, and the key whose signature on it held. A course whose manifest changed in
//! any way, or that is not in the catalog (installed by hand or by an older Hatua), is read
//! as before and the catalog written again. It is only ever a faster way to the same outline:
//! a damaged or missing catalog is made again, and a course is still checked in full against
//! its manifest when a learner opens it.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::index::Index;
use crate::bundle::{BundleError, MANIFEST_FILE, Manifest, signer_of};

/// Hidden, like every file Hatua keeps beside the courses, so no folder scan counts it.
pub const CATALOG_FILE: &str = ".hatua-library.json";
/// Raised whenever an entry's shape changes: an older catalog is then made again.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Catalog {
    format: u32,
    courses: Vec<Shelved>,
}

/// One installed course as the catalog keeps it.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Shelved {
    /// The course's folder name under `courses/`.
    pub folder: String,
    /// The stamp of its MANIFEST.toml when this entry was made.
    pub stamp: String,
    /// The key (hex) whose signature on the manifest held; `None` when it is unsigned.
    pub signer: Option<String>,
    pub outline: Index,
}

/// The catalog as read: its entries by folder name.
#[derive(Default)]
pub(crate) struct Shelves {
    by_folder: HashMap<String, Shelved>,
}

impl Shelves {
    /// The catalog in `courses`, or none when it is missing, damaged or of another format.
    pub fn read(courses: &Path) -> Shelves {
        let Ok(bytes) = std::fs::read(courses.join(CATALOG_FILE)) else {
            return Shelves::default();
        };
        match serde_json::from_slice::<Catalog>(&bytes) {
            Ok(c) if c.format == FORMAT => Shelves {
                by_folder: c
                    .courses
                    .into_iter()
                    .map(|s| (s.folder.clone(), s))
                    .collect(),
            },
            _ => Shelves::default(),
        }
    }

    /// The entry for the course in `folder`, when its manifest is as it was when the entry
    /// was made.
    pub fn take_fresh(&mut self, folder: &Path) -> Option<Shelved> {
        let name = folder.file_name()?.to_str()?;
        let shelved = self.by_folder.remove(name)?;
        (manifest_stamp(folder)? == shelved.stamp).then_some(shelved)
    }

    /// Whether entries remain that `take_fresh` did not take: courses removed since.
    pub fn has_leftovers(&self) -> bool {
        !self.by_folder.is_empty()
    }

    fn write(self, courses: &Path) {
        write(courses, self.by_folder.into_values().collect());
    }
}

impl Shelved {
    /// The entry for the course in `folder`: `outline`, with `manifest` (the bytes of its
    /// MANIFEST.toml, whose file has `stamp`). `Err` when the manifest cannot be read as one
    /// or its signature does not hold.
    pub(crate) fn of(
        folder: &Path,
        stamp: String,
        manifest: &[u8],
        outline: Index,
    ) -> Result<Shelved, BundleError> {
        let signer = signer_of(&Manifest::parse(&String::from_utf8_lossy(manifest))?)?;
        Ok(Shelved {
            folder: folder_name(folder),
            stamp,
            signer,
            outline,
        })
    }
}

/// What the catalog keeps of the course in `folder`, from its own outline index: `Ok(None)`
/// when it has no index fitting its manifest (it is then read in full), `Err` when its
/// manifest cannot be read as one or its signature does not hold.
pub(crate) fn shelve(folder: &Path) -> Result<Option<Shelved>, BundleError> {
    // Taken before anything is read: a change while reading shows as a change next time.
    let Some(stamp) = manifest_stamp(folder) else {
        return Ok(None);
    };
    let Some((outline, manifest)) = super::index::read_index(folder) else {
        return Ok(None);
    };
    Shelved::of(folder, stamp, &manifest, outline).map(Some)
}

/// Puts the course just installed in `folder` into the catalog of `courses`: `course`, as
/// checked, with `manifest`, the bytes of its MANIFEST.toml. Taken out instead when its
/// manifest does not hold (the next load then reads it in full and says why).
pub(crate) fn put(courses: &Path, folder: &Path, course: &crate::course::Course, manifest: &[u8]) {
    let mut shelves = Shelves::read(courses);
    let outline = Index::of(course, crate::bundle::hash_bytes(manifest));
    let shelved =
        manifest_stamp(folder).and_then(|stamp| Shelved::of(folder, stamp, manifest, outline).ok());
    let name = folder_name(folder);
    match shelved {
        Some(shelved) => shelves.by_folder.insert(name, shelved),
        None => shelves.by_folder.remove(&name),
    };
    shelves.write(courses);
}

/// Takes the course once in `folder` out of the catalog of `courses`.
pub(crate) fn forget(courses: &Path, folder: &str) {
    let mut shelves = Shelves::read(courses);
    if shelves.by_folder.remove(folder).is_some() {
        shelves.write(courses);
    }
}

fn folder_name(folder: &Path) -> String {
    folder
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The stamp of the MANIFEST.toml in `folder`; `None` when it has none.
pub(crate) fn manifest_stamp(folder: &Path) -> Option<String> {
    std::fs::metadata(folder.join(MANIFEST_FILE))
        .ok()
        .map(|m| super::verified::stamp(&m))
}

/// Whether `entry` of the courses folder is a catalog being written that nobody finished:
/// a temporary file over a minute old (writing one takes milliseconds), left by a crash.
pub(crate) fn is_left_over(entry: &std::fs::DirEntry) -> bool {
    let name = entry.file_name();
    let temp = name
        .to_str()
        .is_some_and(|n| n.starts_with(&format!("{CATALOG_FILE}.tmp-")));
    temp && entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(60))
}

/// Writes the catalog of `courses` with `shelved`, by folder, whole or not at all (a new
/// file renamed over the old). Failing to write it only costs the next start its speed.
pub(crate) fn write(courses: &Path, mut shelved: Vec<Shelved>) {
    shelved.sort_by(|a, b| a.folder.cmp(&b.folder));
    let catalog = Catalog {
        format: FORMAT,
        courses: shelved,
    };
    let Ok(bytes) = serde_json::to_vec(&catalog) else {
        return;
    };
    let temp = courses.join(format!(
        "{CATALOG_FILE}.tmp-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let written = std::fs::write(&temp, bytes)
        .and_then(|()| std::fs::rename(&temp, courses.join(CATALOG_FILE)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::bundle::{PublisherKey, Standing, TRUST_FILE, TrustStore};
    use crate::library::{Entry, Library, install};

    /// A data folder with `fixture` packed, signed with `key`, and imported.
    fn installed(fixture: &str, key: &PublisherKey) -> (tempfile::TempDir, PathBuf) {
        let data = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        let zip = data.path().join(format!("{fixture}.zip"));
        crate::bundle::pack(&from, &zip, Some(key)).unwrap();
        let (rows, _) = install::import(
            data.path(),
            std::slice::from_ref(&zip),
            Default::default(),
            &TrustStore::default(),
            &mut |_, _| {},
        );
        assert_eq!(rows[0].outcome, install::Outcome::Installed);
        let courses = data.path().join(crate::paths::COURSES_DIR);
        (data, courses)
    }

    fn installed_titles(lib: &Library) -> Vec<(String, Option<Standing>)> {
        lib.entries
            .iter()
            .filter(|e| matches!(e.origin(), super::super::Origin::Installed(_)))
            .map(|e| (e.title().to_string(), e.standing().cloned()))
            .collect()
    }

    #[test]
    fn the_library_is_the_same_from_the_catalog_and_it_names_a_newly_trusted_signer() {
        let key = PublisherKey::generate().unwrap();
        let (data, courses) = installed("minimal", &key);
        // The import put the course in the catalog itself, as the course's own index has it.
        assert!(Shelves::read(&courses).by_folder.contains_key("minimal"));
        let from_import = Library::load(Some(data.path()));
        let _ = std::fs::remove_file(courses.join(CATALOG_FILE));
        let untouched = Library::load_without_writing(data.path());
        assert!(
            !courses.join(CATALOG_FILE).exists(),
            "doctor's load writes nothing"
        );
        let first = Library::load(Some(data.path()));
        assert_eq!(installed_titles(&untouched), installed_titles(&first));
        assert!(
            courses.join(CATALOG_FILE).is_file(),
            "the first load writes the catalog"
        );
        // The course's own files are no longer needed to list it: the catalog holds it.
        std::fs::remove_file(
            courses
                .join("minimal")
                .join(super::super::index::INDEX_FILE),
        )
        .unwrap();
        let again = Library::load(Some(data.path()));
        assert_eq!(installed_titles(&again), installed_titles(&first));
        let course = |l: &Library| l.course("minimal").map(|c| (**c).clone());
        assert_eq!(course(&again), course(&first));
        assert_eq!(course(&from_import), course(&first));
        assert!(matches!(
            installed_titles(&again)[0].1,
            Some(Standing::UnknownSigner { .. })
        ));
        // Trust is looked up at every load, not kept in the catalog.
        let mut trust = TrustStore::load(&data.path().join(TRUST_FILE)).unwrap();
        trust.add(&key.public_hex(), "Regional office").unwrap();
        let trusted = Library::load(Some(data.path()));
        assert_eq!(
            installed_titles(&trusted)[0].1,
            Some(Standing::SignedBy {
                name: "Regional office".into()
            })
        );
    }

    #[test]
    fn a_translated_course_is_the_same_from_the_imports_catalog_entry_and_its_own_index() {
        let key = PublisherKey::generate().unwrap();
        let (data, courses) = installed("translated", &key);
        let mut from_catalog = Library::load(Some(data.path()));
        std::fs::remove_file(courses.join(CATALOG_FILE)).unwrap();
        let mut from_index = Library::load(Some(data.path()));
        for lang in ["en", "fr"] {
            from_catalog.show_in(lang);
            from_index.show_in(lang);
            let course = |l: &Library| l.course("translated").map(|c| (**c).clone());
            assert!(course(&from_catalog).is_some());
            assert_eq!(course(&from_catalog), course(&from_index), "in {lang}");
        }
    }

    #[test]
    fn a_changed_manifest_a_removed_course_and_a_damaged_catalog_are_all_seen() {
        let key = PublisherKey::generate().unwrap();
        let (data, courses) = installed("minimal", &key);
        Library::load(Some(data.path()));
        // A manifest altered in place, even to the same size: its signature no longer holds,
        // and the course is listed as unavailable rather than from the catalog.
        let manifest = courses.join("minimal").join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&manifest).unwrap();
        std::fs::write(&manifest, text.replacen("1.0.0", "1.0.1", 1)).unwrap();
        let lib = Library::load(Some(data.path()));
        assert!(
            lib.entries
                .iter()
                .any(|e| matches!(e, Entry::Unavailable { name, .. } if name == "minimal")),
            "{:?}",
            installed_titles(&lib)
        );
        std::fs::write(&manifest, text).unwrap();
        assert!(Library::load(Some(data.path())).course("minimal").is_some());

        // A damaged catalog is made again, and nothing is lost meanwhile.
        std::fs::write(courses.join(CATALOG_FILE), b"{\"format\": 1, \"cour").unwrap();
        assert!(Library::load(Some(data.path())).course("minimal").is_some());
        assert!(Shelves::read(&courses).by_folder.contains_key("minimal"));

        // A course removed is gone from the catalog at once, and from the list.
        install::remove(data.path(), "minimal").unwrap();
        assert!(Shelves::read(&courses).by_folder.is_empty());
        assert!(Library::load(Some(data.path())).course("minimal").is_none());
        let leftovers: Vec<_> = std::fs::read_dir(&courses)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_catalog_left_half_written_by_a_crash_is_cleared_at_start_up_and_a_fresh_one_kept() {
        let key = PublisherKey::generate().unwrap();
        let (data, courses) = installed("minimal", &key);
        let old = courses.join(format!("{CATALOG_FILE}.tmp-crashed"));
        let new = courses.join(format!("{CATALOG_FILE}.tmp-writing"));
        std::fs::write(&old, b"{\"format\": 1, \"cou").unwrap();
        std::fs::write(&new, b"{\"format\": 1, \"cou").unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        assert!(Library::load(Some(data.path())).course("minimal").is_some());
        assert!(!old.exists(), "a crash's leftover is cleared");
        assert!(new.exists(), "one being written now is left alone");
    }
}
