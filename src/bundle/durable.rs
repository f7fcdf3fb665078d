//! Writes that survive a power cut: a file is written beside its target, flushed to the disk,
//! then renamed over it, and the folder holding it is flushed too, so after a crash there is
//! either the old file or the new one, never half of one.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

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

/// Flushes written files to the disk on a few threads while the next ones are written. One
/// file's flush waits for the disk, most of it for the journal's commit, and the journal
/// takes the flushes that wait together in one commit: flushed one after another, the
/// files of a 4,909-lesson course took 1.7 s of a 2.6 s import (release build); 16 at a
/// time, beside the unpacking, the whole import takes 1.6–2.0 s (docs/performance.md). One
/// `syncfs` of the disk would be quicker still, but it is Linux's alone, and before Linux
/// 5.8 it does not report a write that failed.
pub(crate) struct Syncer {
    sender: Option<mpsc::SyncSender<(File, PathBuf)>>,
    workers: Vec<std::thread::JoinHandle<()>>,
    /// The first flush that failed, with the file's path.
    failed: Arc<Mutex<Option<BundleError>>>,
}

/// How many files are flushed at once.
const SYNC_THREADS: usize = 16;

impl Syncer {
    pub(crate) fn new() -> Syncer {
        // A few files wait their turn beyond those being flushed: the open files stay few.
        let (sender, receiver) = mpsc::sync_channel::<(File, PathBuf)>(4 * SYNC_THREADS);
        let receiver = Arc::new(Mutex::new(receiver));
        let failed = Arc::new(Mutex::new(None));
        let workers = (0..SYNC_THREADS)
            .filter_map(|_| {
                let receiver = Arc::clone(&receiver);
                let failed = Arc::clone(&failed);
                std::thread::Builder::new()
                    .name("hatua-sync".into())
                    .stack_size(64 * 1024)
                    .spawn(move || flush_files(&receiver, &failed))
                    .ok()
            })
            .collect();
        Syncer {
            sender: Some(sender),
            workers,
            failed,
        }
    }

    /// Flushes `file` (at `at`, for the message should it fail) and closes it, soon. An
    /// earlier flush that failed is returned here, so the caller stops writing.
    pub(crate) fn flush(&mut self, file: File, at: PathBuf) -> Result<(), BundleError> {
        self.check()?;
        match &self.sender {
            // Without a thread to flush it (none could start), it is flushed here.
            Some(sender) if !self.workers.is_empty() => {
                if let Err(mpsc::SendError((file, at))) = sender.send((file, at)) {
                    file.sync_all().map_err(|e| BundleError::io(&at, e))?;
                }
                Ok(())
            }
            _ => file.sync_all().map_err(|e| BundleError::io(&at, e)),
        }
    }

    /// Waits for every flush; the first that failed is the error.
    pub(crate) fn finish(mut self) -> Result<(), BundleError> {
        self.stop();
        self.check()
    }

    fn stop(&mut self) {
        self.sender = None;
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }

    fn check(&self) -> Result<(), BundleError> {
        match self.failed.lock().map(|mut f| f.take()) {
            Ok(Some(e)) => Err(e),
            _ => Ok(()),
        }
    }
}

impl Drop for Syncer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One flushing thread: takes files until the sender is gone.
fn flush_files(
    receiver: &Mutex<mpsc::Receiver<(File, PathBuf)>>,
    failed: &Mutex<Option<BundleError>>,
) {
    loop {
        let next = match receiver.lock() {
            Ok(r) => r.recv(),
            Err(_) => return,
        };
        let Ok((file, at)) = next else {
            return;
        };
        if let Err(e) = file.sync_all()
            && let Ok(mut first) = failed.lock()
        {
            first.get_or_insert(BundleError::io(&at, e));
        }
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

    #[cfg(target_os = "linux")]
    #[test]
    fn a_flush_that_fails_on_a_thread_is_reported_with_its_path() {
        // A character device cannot be flushed: the failure a dying disk would give.
        let mut syncer = Syncer::new();
        let device = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        syncer.flush(device, PathBuf::from("/dev/full")).unwrap();
        let err = syncer.finish().unwrap_err();
        assert!(err.to_string().contains("/dev/full"), "{err}");
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
    /// Where the writer is, and how far the file reaches, as the zip writer believes.
    position: u64,
    end: u64,
}

impl<W> QuietAfterError<W> {
    pub(crate) fn new(inner: W) -> Self {
        QuietAfterError {
            inner,
            failed: false,
            position: 0,
            end: 0,
        }
    }

    pub(crate) fn into_inner(self) -> W {
        self.inner
    }

    /// From the first failure on, the writer stands at the end of what was written: where
    /// the zip writer, finishing on its drop, expects the file's data to end.
    fn fail(&mut self) {
        self.failed = true;
        self.position = self.end;
    }

    fn moved(&mut self, to: u64) -> u64 {
        self.position = to;
        self.end = self.end.max(to);
        to
    }
}

impl<W: Write> Write for QuietAfterError<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = if self.failed {
            buf.len()
        } else {
            self.inner.write(buf).inspect_err(|_| self.fail())?
        };
        self.moved(self.position + n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.inner.flush().inspect_err(|_| self.fail())
    }
}

impl<W: std::io::Seek> std::io::Seek for QuietAfterError<W> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        use std::io::SeekFrom;
        // Where a file that never fails would now be.
        let target = match pos {
            SeekFrom::Start(n) => n,
            SeekFrom::Current(d) => self.position.saturating_add_signed(d),
            SeekFrom::End(d) => self.end.saturating_add_signed(d),
        };
        if self.failed {
            return Ok(self.moved(target));
        }
        match self.inner.seek(pos) {
            Ok(at) => Ok(self.moved(at)),
            Err(e) => {
                self.fail();
                Err(e)
            }
        }
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

    /// A disk of `limit` bytes, whose seeks fail after `seeks` of them (as every call
    /// fails once the power has gone).
    struct Disk {
        bytes: std::io::Cursor<Vec<u8>>,
        limit: u64,
        seeks: usize,
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
            if self.seeks == 0 {
                return Err(std::io::ErrorKind::Other.into());
            }
            self.seeks -= 1;
            self.bytes.seek(pos)
        }
    }

    #[test]
    fn a_zip_cut_short_by_a_full_disk_says_so_once_and_drops_quietly() {
        let disk = Disk {
            bytes: std::io::Cursor::new(Vec::new()),
            limit: 300,
            seeks: usize::MAX,
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

    #[test]
    fn a_zip_whose_disk_fails_at_any_seek_or_write_drops_quietly() {
        // Wherever the failure lands (the header's position, the update of a finished
        // file's sizes, the central directory), dropping the writer neither panics (the zip
        // crate checks its positions) nor reports a second error.
        let seek_failures = (0..40).map(|seeks| (u64::MAX, seeks));
        let write_failures = (0..16_000).step_by(97).map(|limit| (limit, usize::MAX));
        for (limit, seeks) in seek_failures.chain(write_failures) {
            let disk = Disk {
                bytes: std::io::Cursor::new(Vec::new()),
                limit,
                seeks,
            };
            let mut zip = zip::ZipWriter::new(QuietAfterError::new(disk));
            let options = zip::write::SimpleFileOptions::default();
            let _ = (|| -> zip::result::ZipResult<()> {
                for name in ["a", "b", "c"] {
                    zip.start_file(name, options)?;
                    zip.write_all(&[7; 5000])?;
                }
                Ok(())
            })();
            drop(zip);
        }
    }
}
