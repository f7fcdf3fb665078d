//! Checking an installed course against its manifest once per installed version, not at
//! every opening: a 107 MB course took 270 ms to hash again each time it was opened.
//!
//! After a full check, a small hidden file remembers the manifest's hash and, per file, its
//! size, modification and change times and inode. The next opening compares those from the
//! file system's metadata alone; any difference (a file edited, replaced, added or removed,
//! a new manifest) means a full check again. The change time cannot be set back by ordinary
//! tools, so an edit that restores the modification time is caught as well. Each lesson and
//! quiz is also checked against the manifest when it is read (see `install::open_item`).

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bundle::{
    self, BundleError, Limits, MANIFEST_FILE, Manifest, Standing, TrustStore, hash_bytes,
};

/// Hidden, so the bundle checks never count it as part of the course.
pub const VERIFIED_FILE: &str = ".hatua-verified.toml";

/// What is remembered: the manifest's hash and one digest of every file's stamp, so the
/// file stays a few lines whatever the course's size.
#[derive(Serialize, Deserialize, PartialEq)]
struct Record {
    /// SHA-256 of the MANIFEST.toml that was checked.
    manifest: String,
    /// SHA-256 of the stamps (path, size, times, inode) of every file, in path order.
    files: String,
}

/// Checks the course installed in `dir` against its manifest: in full the first time (and
/// whenever anything about its files changed), from metadata alone after that. Returns who
/// signed it; the signature is checked every time (it is cheap, and trust can change).
pub fn verify(dir: &Path, trust: &TrustStore) -> Result<Standing, BundleError> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest_bytes = match fs::read(&manifest_path) {
        Ok(bytes) => bytes,
        // A course folder copied in by hand, never packed: nothing to check it against.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Standing::NoManifest),
        Err(e) => return Err(BundleError::io(&manifest_path, e)),
    };
    let manifest = Manifest::parse(&String::from_utf8_lossy(&manifest_bytes))?;
    let record = stamps(dir).map(|files| Record {
        manifest: hash_bytes(&manifest_bytes),
        files,
    });
    if let Some(record) = &record
        && remembered(dir).is_some_and(|r| r == *record)
    {
        return bundle::standing_of(&manifest, trust);
    }
    let standing = verify_in_full(dir, &manifest, trust)?;
    // Remembered only once the check passed, with the stamps taken before it: a change
    // during the check shows as a change next time. A data folder that cannot be written is
    // checked in full each time, which is slower but as safe.
    if let Some(text) = record.and_then(|r| toml::to_string(&r).ok()) {
        let temp = dir.join(format!(".{VERIFIED_FILE}.tmp-{}", std::process::id()));
        if fs::write(&temp, text).is_ok() {
            let _ = fs::rename(&temp, dir.join(VERIFIED_FILE));
        }
    }
    Ok(standing)
}

/// Checks the course installed in `dir` against its manifest in full, whatever was
/// remembered, and remembers nothing: for `hatua doctor`, which changes nothing.
pub fn verify_fully(dir: &Path, trust: &TrustStore) -> Result<Standing, BundleError> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let manifest = match fs::read(&manifest_path) {
        Ok(bytes) => Manifest::parse(&String::from_utf8_lossy(&bytes))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Standing::NoManifest),
        Err(e) => return Err(BundleError::io(&manifest_path, e)),
    };
    verify_in_full(dir, &manifest, trust)
}

/// Every file hashed and compared with the manifest, with the limits a bundle has.
fn verify_in_full(
    dir: &Path,
    manifest: &Manifest,
    trust: &TrustStore,
) -> Result<Standing, BundleError> {
    let limits = Limits::default();
    let files = bundle::scan_folder(dir, &limits)?;
    let hashes = bundle::hash_files(dir, &files, &limits)?;
    bundle::verify_hashes(hashes, Some(manifest), trust)
}

fn remembered(dir: &Path) -> Option<Record> {
    let text = fs::read_to_string(dir.join(VERIFIED_FILE)).ok()?;
    toml::from_str(&text).ok()
}

/// The digest of what the file system says of every file of the course (hidden ones
/// aside, as the bundle checks leave them out), without reading any: its path, size,
/// modification and change times and inode. `None` when the folder cannot be walked (the
/// full check then says why).
fn stamps(dir: &Path) -> Option<String> {
    let mut found = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = stack.pop() {
        for entry in fs::read_dir(&folder).ok()? {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            if name.starts_with('.') {
                continue;
            }
            let meta = entry.metadata().ok()?;
            let rel = format!("{prefix}{name}");
            if meta.is_dir() {
                stack.push((entry.path(), format!("{rel}/")));
            } else {
                found.push(format!("{rel}\0{}", stamp(&meta)));
            }
        }
    }
    found.sort();
    Some(hash_bytes(found.join("\n").as_bytes()))
}

/// A file's size, times and inode in one line: any change to the file changes it.
pub(crate) fn stamp(meta: &fs::Metadata) -> String {
    let nanos = |t: std::io::Result<std::time::SystemTime>| -> u128 {
        t.ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos())
    };
    #[cfg(unix)]
    let (changed, inode) = {
        use std::os::unix::fs::MetadataExt;
        (
            format!("{}.{}", meta.ctime(), meta.ctime_nsec()),
            meta.ino(),
        )
    };
    #[cfg(not(unix))]
    let (changed, inode) = (String::new(), 0);
    format!(
        "{} {} {changed} {inode} {}",
        meta.len(),
        nanos(meta.modified()),
        meta.file_type().is_symlink()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn installed() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let files = bundle::folder_files(&fixture, &Limits::default()).unwrap();
        let manifest = Manifest::for_files(
            "minimal",
            "1.0.0",
            files.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
        );
        let root = dir.path().join("c");
        bundle::write_tree(&root, &files).unwrap();
        fs::write(root.join(MANIFEST_FILE), manifest.to_toml()).unwrap();
        dir
    }

    #[test]
    fn a_course_is_hashed_once_and_any_change_is_still_caught() {
        let dir = installed();
        let root = dir.path().join("c");
        let trust = TrustStore::default();
        assert_eq!(verify(&root, &trust).unwrap(), Standing::Unsigned);
        assert!(
            root.join(VERIFIED_FILE).is_file(),
            "the check is remembered"
        );
        assert_eq!(verify(&root, &trust).unwrap(), Standing::Unsigned);

        // Same size, same modification time, other bytes: the change time gives it away.
        let lesson = root.join("lessons/first.md");
        let text = fs::read_to_string(&lesson).unwrap();
        let modified = fs::metadata(&lesson).unwrap().modified().unwrap();
        fs::write(&lesson, text.replacen('a', "e", 1)).unwrap();
        fs::File::options()
            .write(true)
            .open(&lesson)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let err = verify(&root, &trust).unwrap_err();
        assert!(
            err.to_string().contains("`lessons/first.md` was changed"),
            "{err}"
        );
    }

    #[test]
    fn a_file_added_after_the_check_is_caught() {
        let dir = installed();
        let root = dir.path().join("c");
        let trust = TrustStore::default();
        verify(&root, &trust).unwrap();
        fs::write(root.join("lessons/extra.md"), "# Extra\n").unwrap();
        let err = verify(&root, &trust).unwrap_err();
        assert!(err.to_string().contains("was added"), "{err}");
    }
}
