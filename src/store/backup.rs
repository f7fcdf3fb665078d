//! Copies of the database that can be trusted. SQLite's online backup API copies every page
//! of one consistent snapshot (writers go on meanwhile: WAL lets them) into a file with a
//! temporary name; that file is synced, checked in full with `PRAGMA integrity_check`, and
//! only then renamed to a name that looks like a backup. A kill or a full disk leaves at
//! most a `.partial-…` file that nothing takes for a backup; a copy that fails its check is
//! deleted and reported, never kept.

mod set;

pub use set::{BackupFile, due_today, list, newest_good, prune};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::StepResult;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use time::OffsetDateTime;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use super::Store;

/// The folder of the data folder that holds the rolling set of backups.
pub const BACKUPS_DIR: &str = "backups";

/// How a backup's time is written in its name: UTC, to the second, sortable as text.
const NAME_TIME: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// Why a backup was made: the last part of its name, and what the pruning keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The first start of a day.
    Daily,
    /// Just before an upgrade of the schema: the way back to the version that wrote it.
    Migration,
    Export,
    Merge,
    /// Asked for with `hatua backup`: never pruned.
    OnDemand,
}

impl Why {
    const ALL: [Why; 5] = [
        Why::Daily,
        Why::Migration,
        Why::Export,
        Why::Merge,
        Why::OnDemand,
    ];

    /// The word in the file name.
    pub fn word(self) -> &'static str {
        match self {
            Why::Daily => "daily",
            Why::Migration => "before-upgrade",
            Why::Export => "before-export",
            Why::Merge => "before-merge",
            Why::OnDemand => "on-demand",
        }
    }

    fn from_word(word: &str) -> Option<Why> {
        Why::ALL.into_iter().find(|w| w.word() == word)
    }
}

/// A backup written and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Why a backup could not be made. Said once; the learner's work goes on.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("there is not enough room on the disk for a copy of the records in {}", dir.display())]
    NoRoom { dir: PathBuf },

    #[error("the folder {} cannot be written ({source})", dir.display())]
    Folder { dir: PathBuf, source: io::Error },

    #[error("the copy {} could not be written ({source})", path.display())]
    Copy {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error(
        "the copy did not pass its check ({report}), so it was deleted; the records file \
         itself may be damaged, and `hatua doctor` checks it"
    )]
    BadCopy { report: String },

    #[error("the records are kept in memory only, so there is no file to copy")]
    InMemory,

    #[error("the records could not be opened to copy them: {0}")]
    Unopened(String),
}

impl BackupError {
    /// Whether the disk was full: the one cause a person can fix by making room.
    pub fn is_no_room(&self) -> bool {
        matches!(self, BackupError::NoRoom { .. })
    }
}

impl Store {
    /// A checked copy of the database in the `backups` folder beside it, made for `why`;
    /// then the old copies the rolling set no longer keeps are deleted. `None` for a store
    /// in memory.
    pub fn backup_beside(&self, why: Why) -> Option<Result<Backup, BackupError>> {
        let dir = self.path()?.parent()?.join(BACKUPS_DIR);
        let made = self.backup_into(&dir, why);
        if let Ok(backup) = &made {
            // Pruning is housekeeping: a file that will not go away stays for next time.
            let _ = prune(
                &dir,
                self.stem(),
                OffsetDateTime::now_utc(),
                Some(&backup.path),
            );
        }
        Some(made)
    }

    /// A checked copy of the database in `dir` (made if needed), named for now and `why`.
    pub fn backup_into(&self, dir: &Path, why: Why) -> Result<Backup, BackupError> {
        if self.path().is_none() {
            return Err(BackupError::InMemory);
        }
        fs::create_dir_all(dir).map_err(|source| folder_error(dir, source))?;
        let target = dir.join(file_name(self.stem(), OffsetDateTime::now_utc(), why));
        let bytes = copy_checked(&self.conn, &target)?;
        Ok(Backup {
            path: target,
            bytes,
        })
    }

    /// The database file's name without its extension: `hatua`, `preview`.
    fn stem(&self) -> &str {
        self.path()
            .and_then(|p| p.file_stem())
            .and_then(|s| s.to_str())
            .unwrap_or("hatua")
    }
}

/// `<stem>-<UTC time>-<why>.db`.
pub fn file_name(stem: &str, at: OffsetDateTime, why: Why) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    let time = at.format(NAME_TIME).unwrap_or_default();
    format!("{stem}-{time}-{}.db", why.word())
}

/// The time and the reason in a name made by [`file_name`] for `stem`.
fn parse_name(name: &str, stem: &str) -> Option<(OffsetDateTime, Why)> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let (time, why) = rest.split_once('-')?;
    let at = time::PrimitiveDateTime::parse(time, NAME_TIME)
        .ok()?
        .assume_utc();
    Some((at, Why::from_word(why)?))
}

/// The temporary name a copy is written under: it does not end in `.db`, and carries the
/// process id so that two processes never write the same file.
fn partial_name(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    target.with_file_name(name)
}

/// How long a copy waits for a database another process is recovering.
const BUSY_WAIT: Duration = Duration::from_secs(5);

/// Copies the database of `from` to `target` through a temporary file: synced, checked in
/// full, then renamed. Returns the copy's size. On any failure the temporary file is gone.
pub(crate) fn copy_checked(from: &Connection, target: &Path) -> Result<u64, BackupError> {
    let partial = partial_name(target);
    let result = write_copy(from, &partial).and_then(|()| {
        let bytes = fs::metadata(&partial)
            .map_err(|source| io_error(&partial, source))?
            .len();
        fs::rename(&partial, target).map_err(|source| io_error(target, source))?;
        sync_dir(target);
        Ok(bytes)
    });
    if result.is_err() {
        let _ = fs::remove_file(&partial);
        // SQLite may have made a journal beside it before failing.
        let _ = fs::remove_file(sibling(&partial, "-journal"));
    }
    result
}

fn write_copy(from: &Connection, partial: &Path) -> Result<(), BackupError> {
    // A leftover of this same process id (from a process long gone) is not ours to keep.
    let _ = fs::remove_file(partial);
    let copy_error = |source: rusqlite::Error| sqlite_error(partial, source);
    {
        let mut to = Connection::open(partial).map_err(copy_error)?;
        {
            let backup = rusqlite::backup::Backup::new(from, &mut to).map_err(copy_error)?;
            let deadline = Instant::now() + BUSY_WAIT;
            // One step copies every page under one read lock: one consistent snapshot.
            loop {
                match backup.step(-1).map_err(copy_error)? {
                    StepResult::Done => break,
                    _ if Instant::now() > deadline => {
                        return Err(copy_error(rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                            None,
                        )));
                    }
                    _ => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        }
        // The pages say WAL, as the source's did; a copy on a drive must open on its own,
        // without a -wal or -shm beside it, even read-only.
        to.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))
            .map_err(copy_error)?;
        to.close().map_err(|(_, e)| copy_error(e))?;
    }
    fs::File::open(partial)
        .and_then(|f| f.sync_all())
        .map_err(|source| io_error(partial, source))?;
    match integrity(partial) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(report)) => Err(BackupError::BadCopy { report }),
        Err(source) => Err(copy_error(source)),
    }
}

/// `PRAGMA integrity_check` of the database file at `path`, opened read-only: `Ok(Ok(()))`
/// when it is sound, `Ok(Err(first problems))` when not.
pub fn integrity(path: &Path) -> rusqlite::Result<Result<(), String>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    check(&conn, "integrity_check")
}

/// Runs `PRAGMA <pragma>(5)` (`integrity_check` or `quick_check`) on `conn`.
pub(crate) fn check(conn: &Connection, pragma: &str) -> rusqlite::Result<Result<(), String>> {
    let sql = match pragma {
        "quick_check" => "PRAGMA quick_check(5)",
        _ => "PRAGMA integrity_check(5)",
    };
    let mut stmt = conn.prepare(sql)?;
    let lines: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if lines == ["ok"] {
        return Ok(Ok(()));
    }
    // One line of SQLite's findings, without the heading it puts before them.
    let findings: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.lines())
        .filter(|l| !l.starts_with("***"))
        .collect();
    Ok(Err(findings.join("; ")))
}

/// `path` with `suffix` added to its name (`hatua.db` → `hatua.db-wal`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Makes a rename in `path`'s folder durable. Not every system can sync a folder; where it
/// cannot, the rename is as durable as the system makes it.
pub(crate) fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

fn folder_error(dir: &Path, source: io::Error) -> BackupError {
    if is_full(&source) {
        BackupError::NoRoom {
            dir: dir.to_path_buf(),
        }
    } else {
        BackupError::Folder {
            dir: dir.to_path_buf(),
            source,
        }
    }
}

fn io_error(path: &Path, source: io::Error) -> BackupError {
    folder_error(path.parent().unwrap_or(path), source)
}

fn sqlite_error(path: &Path, source: rusqlite::Error) -> BackupError {
    let dir = path.parent().unwrap_or(path).to_path_buf();
    match source.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => BackupError::NoRoom { dir },
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            BackupError::Folder {
                dir,
                source: io::Error::new(io::ErrorKind::PermissionDenied, source.to_string()),
            }
        }
        _ => BackupError::Copy {
            path: path.to_path_buf(),
            source,
        },
    }
}

fn is_full(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::StorageFull || e.kind() == io::ErrorKind::QuotaExceeded
}

#[cfg(test)]
mod tests;
