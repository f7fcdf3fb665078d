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
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| BundleError::io(dir, e))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
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
    fn a_failed_write_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no-such-folder/trust.toml");
        let err = write_atomic(&target, b"x").unwrap_err();
        assert!(err.to_string().contains("no-such-folder"), "{err}");
    }
}

/// A writer that, once a write has failed, takes every later byte and drops it. A zip writer
/// dropped after an error tries to finish its archive and prints its own failure to the
/// terminal; over this, that last attempt goes quietly nowhere, and the first error, which
/// the caller reports in a sentence, is the only one. The half-written file is deleted.
/// It keeps the position the zip writer expects, as if the bytes had gone in.
pub(crate) struct QuietAfterError<W> {
    inner: W,
    failed: bool,
    position: u64,
}

impl<W> QuietAfterError<W> {
    pub(crate) fn new(inner: W) -> Self {
        QuietAfterError {
            inner,
            failed: false,
            position: 0,
        }
    }

    pub(crate) fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for QuietAfterError<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = if self.failed {
            buf.len()
        } else {
            self.inner.write(buf).inspect_err(|_| self.failed = true)?
        };
        self.position += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.inner.flush().inspect_err(|_| self.failed = true)
    }
}

impl<W: std::io::Seek> std::io::Seek for QuietAfterError<W> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        use std::io::SeekFrom;
        if !self.failed {
            self.position = self.inner.seek(pos).inspect_err(|_| self.failed = true)?;
            return Ok(self.position);
        }
        self.position = match pos {
            SeekFrom::Start(n) => n,
            SeekFrom::Current(d) | SeekFrom::End(d) => self.position.saturating_add_signed(d),
        };
        Ok(self.position)
    }
}

#[cfg(test)]
mod quiet_tests {
    use std::io::{Seek, SeekFrom, Write};

    use super::QuietAfterError;

    /// Takes 10 bytes, then fails as a full disk does.
    struct Small(Vec<u8>);

    impl Write for Small {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0.len() + buf.len() > 10 {
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            self.0.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Small {
        fn seek(&mut self, _: SeekFrom) -> std::io::Result<u64> {
            Ok(self.0.len() as u64)
        }
    }

    #[test]
    fn the_first_error_is_returned_and_the_rest_goes_nowhere() {
        let mut w = QuietAfterError::new(Small(Vec::new()));
        w.write_all(b"12345678").unwrap();
        let e = w.write_all(b"9abc").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull);
        w.write_all(b"later").unwrap();
        assert_eq!(w.stream_position().unwrap(), 13);
        assert_eq!(w.into_inner().0, b"12345678");
    }

    /// A disk of `limit` bytes.
    struct Disk {
        bytes: std::io::Cursor<Vec<u8>>,
        limit: u64,
    }

    impl Write for Disk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.bytes.position() + buf.len() as u64 > self.limit {
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            self.bytes.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Disk {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            self.bytes.seek(pos)
        }
    }

    #[test]
    fn a_zip_cut_short_by_a_full_disk_says_so_once_and_drops_quietly() {
        let disk = Disk {
            bytes: std::io::Cursor::new(Vec::new()),
            limit: 300,
        };
        let mut zip = zip::ZipWriter::new(QuietAfterError::new(disk));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("a", options).unwrap();
        let e = zip.write_all(&[1; 1000]).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull);
        // Dropping it finishes the archive into nothing: no panic (the zip crate asserts on
        // positions), no second error.
        drop(zip);
    }
}
