//! The log: `hatua.log` in the data folder, for whoever helps a site from afar. Starts and
//! stops, imports, exports, syncs, errors and panics, each with its context (the command,
//! the folder, the file). Never a PIN, a password, an answer or a learner's name: the log is
//! read aloud over the phone.
//!
//! Two files at most, of [`MAX_BYTES`] each: when `hatua.log` is full it becomes
//! `hatua.log.1` (replacing the older one) and a new `hatua.log` begins.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The log's name in the data folder.
pub const LOG_FILE: &str = "hatua.log";

/// The most one log file holds before it is turned over.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The log file, turned over when full.
struct Rotating {
    path: PathBuf,
    file: Mutex<Option<(File, u64)>>,
}

impl Rotating {
    /// Opens the log to append to it; only a plain file will do. A data folder travels on
    /// sticks, and a `hatua.log` planted there as a link to another file must not have
    /// lines added to that file, nor a pipe in its place hold up every command.
    fn open(path: &Path) -> std::io::Result<(File, u64)> {
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        {
            use rustix::fs::OFlags;
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32);
        }
        let file = options.open(path)?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(std::io::Error::other("the log is not a plain file"));
        }
        Ok((file, meta.len()))
    }

    fn write(&self, buf: &[u8]) -> std::io::Result<()> {
        let mut guard = self.file.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(Rotating::open(&self.path)?);
        }
        if guard
            .as_ref()
            .is_some_and(|(_, len)| *len > 0 && len + buf.len() as u64 > MAX_BYTES)
        {
            *guard = None;
            std::fs::rename(&self.path, self.path.with_extension("log.1"))?;
            *guard = Some(Rotating::open(&self.path)?);
        }
        let (file, len) = guard.as_mut().expect("opened above");
        file.write_all(buf)?;
        *len += buf.len() as u64;
        Ok(())
    }
}

/// One event's line on its way to the file: written whole when the event is done, so a
/// line is never split between two files.
struct Line<'a> {
    to: &'a Rotating,
    buf: Vec<u8>,
}

impl Write for Line<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Line<'_> {
    fn drop(&mut self) {
        // A log that cannot be written (a full disk, a read-only stick) must not stop a
        // learner: the event is lost, nothing else.
        let _ = self.to.write(&self.buf);
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Rotating {
    type Writer = Line<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        Line {
            to: self,
            buf: Vec::new(),
        }
    }
}

/// Where this process logs, once [`start`] has been called.
static PATH: OnceLock<PathBuf> = OnceLock::new();

/// Starts logging to `hatua.log` in `data_dir`. Nothing is written until the first event,
/// and an event finds the file only if the folder exists by then: a command that changes
/// nothing and meets no error leaves no log behind. Once per process: a second call
/// changes nothing.
pub fn start(data_dir: &Path) {
    let path = data_dir.join(LOG_FILE);
    if PATH.set(path.clone()).is_err() {
        return;
    }
    let writer = Rotating {
        path,
        file: Mutex::new(None),
    };
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _ = tracing::subscriber::set_global_default(subscriber);
}

/// The log file, if this process logs and the file is there to be read.
pub fn path() -> Option<&'static Path> {
    PATH.get().map(PathBuf::as_path).filter(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_log_turns_over_and_two_files_at_most_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let log = Rotating {
            path: dir.path().join(LOG_FILE),
            file: Mutex::new(None),
        };
        let line = vec![b'x'; 1000];
        for _ in 0..(3 * MAX_BYTES / 1000) {
            log.write(&line).unwrap();
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["hatua.log", "hatua.log.1"]);
        for name in names {
            let len = std::fs::metadata(dir.path().join(name)).unwrap().len();
            assert!(len <= MAX_BYTES, "{len}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_log_planted_as_a_link_or_a_pipe_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious\n").unwrap();
        let path = dir.path().join(LOG_FILE);
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        let log = Rotating {
            path: path.clone(),
            file: Mutex::new(None),
        };
        assert!(log.write(b"a line\n").is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");

        // A pipe nobody reads: refused at once, not waited on.
        std::fs::remove_file(&path).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(log.write(b"a line\n").is_err());
        }
    }
}
