//! Writes that survive a power cut: a file is written beside its target, flushed to the disk,
//! then renamed over it, and the folder holding it is flushed too, so after a crash there is
//! either the old file or the new one, never half of one.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::BundleError;

/// A name beside `target` for writing it: hidden (so a half-written file is never taken for a
/// bundle, nor packed) and unique to this process.
pub(crate) fn temp_beside(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Replaces `target` with `bytes` atomically.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), BundleError> {
    let temp = temp_beside(target);
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(BundleError::io(&temp, e));
    }
    rename_into_place(&temp, target)
}

/// Renames a finished, synced `temp` over `target`, then flushes the folder so the rename
/// itself is on disk.
pub(crate) fn rename_into_place(temp: &Path, target: &Path) -> Result<(), BundleError> {
    if let Err(e) = fs::rename(temp, target) {
        let _ = fs::remove_file(temp);
        return Err(BundleError::io(target, e));
    }
    sync_parent(target)
}

/// Flushes the folder holding `path`.
pub(crate) fn sync_parent(path: &Path) -> Result<(), BundleError> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => sync_dir(parent),
        _ => sync_dir(Path::new(".")),
    }
}

/// Flushes a folder's list of names. Only Unix can open a folder to flush it; Windows' NTFS
/// journals renames itself.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), BundleError> {
    flush_dir(dir).map_err(|e| BundleError::io(dir, e))
}

fn flush_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir).and_then(|d| d.sync_all())
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Creates `dir` and the folders above it that are missing, and flushes the folder that
/// holds each new one. `fs::create_dir_all` alone leaves the new names in memory: after a
/// power cut the folder is gone, and with it every file later synced inside it (an export
/// the database already counts as written, the first course installed).
pub fn create_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut missing = Vec::new();
    let mut at = dir;
    while !at.is_dir() {
        missing.push(at);
        match at.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => at = parent,
            _ => break,
        }
    }
    fs::create_dir_all(dir)?;
    for new in missing.iter().rev() {
        match new.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => flush_dir(parent)?,
            _ => flush_dir(Path::new("."))?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("trust.toml");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn create_dir_all_makes_every_missing_folder_and_accepts_existing_ones() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("drive/results/2026");
        create_dir_all(&deep).unwrap();
        assert!(deep.is_dir());
        create_dir_all(&deep).unwrap();
        let file = dir.path().join("drive/file");
        fs::write(&file, "x").unwrap();
        assert!(create_dir_all(&file.join("below")).is_err());
    }

    #[test]
    fn a_failed_write_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no-such-folder/trust.toml");
        let err = write_atomic(&target, b"x").unwrap_err();
        assert!(err.to_string().contains("no-such-folder"), "{err}");
    }
}
