//! Putting a backup back in place of the records file. The file given is checked first (a
//! Hatua database, sound by `PRAGMA integrity_check`, of a schema this build reads); then
//! copied beside the records under a temporary name and checked again; the current file is
//! set aside with a timestamp, whole (its -wal folded in when it opens, or kept beside it
//! when not), never deleted; and only then does the copy take its name.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use time::OffsetDateTime;

use super::backup::{self, BackupError, sibling};
use super::health::{self, Checked, Depth, Kind, Wal};
use super::{APPLICATION_ID, SCHEMA_VERSION};

/// A backup that passed every check, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub schema: i64,
    pub held: Held,
}

/// What a database holds, in the words a person compares two of them by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    pub learners: i64,
    pub answers: i64,
    /// The time of the newest record (a learner made, an attempt, an answer, a completion).
    pub newest: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("{} does not exist. Give a backup's file; `hatua backup --list` shows them", path.display())]
    Missing { path: PathBuf },

    #[error("{} is a folder, not a backup file. Give a backup's file; `hatua backup --list` shows them", path.display())]
    NotAFile { path: PathBuf },

    #[error("{} is not a Hatua backup: it is not an SQLite database. Nothing was changed", path.display())]
    NotSqlite { path: PathBuf },

    #[error("{} is an SQLite database, but not one of Hatua's. Nothing was changed", path.display())]
    Foreign { path: PathBuf },

    #[error(
        "{} was written by a newer version of Hatua (schema {found}; this version reads up \
         to schema {supported}). Nothing was changed; put it back with that newer Hatua",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(
        "{} is damaged ({report}), so it cannot be put back. Nothing was changed; choose \
         another backup (`hatua backup --list` shows them)",
        path.display()
    )]
    Damaged { path: PathBuf, report: String },

    #[error("{} is the records file in use, not a backup of it. Nothing was changed", path.display())]
    Same { path: PathBuf },

    #[error(
        "the records file {} is open in another Hatua (a player or a command using this data \
         folder). Close it, then try again. Nothing was changed",
        path.display()
    )]
    InUse { path: PathBuf },

    #[error("the backup could not be copied beside the records: {0}. Nothing was changed")]
    Copy(BackupError),

    #[error("{} could not be set aside ({source}). Nothing was changed", path.display())]
    SetAside {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("the backup could not take the records file's place at {} ({source}); the records that were there are kept as {}", path.display(), aside.display())]
    Replace {
        path: PathBuf,
        aside: PathBuf,
        source: std::io::Error,
    },
}

/// Checks that `file` can replace the records file `live`, and says what it holds.
pub fn inspect(file: &Path, live: &Path) -> Result<Candidate, RestoreError> {
    let path = file.to_path_buf();
    let meta = fs::metadata(file).map_err(|_| RestoreError::Missing { path: path.clone() })?;
    if meta.is_dir() {
        return Err(RestoreError::NotAFile { path });
    }
    if same_file(file, live) {
        return Err(RestoreError::Same { path });
    }
    let not_sqlite = || RestoreError::NotSqlite { path: path.clone() };
    match health::kind(file) {
        Ok(Kind::Hatua) => {}
        Ok(Kind::Other) if is_sqlite(file) => return Err(RestoreError::Foreign { path }),
        _ => return Err(not_sqlite()),
    }
    let conn = open_backup(file).map_err(|e| read_error(&path, &e))?;
    let header = |pragma: &str| -> rusqlite::Result<i64> {
        conn.pragma_query_value(None, pragma, |row| row.get(0))
    };
    let app_id = header("application_id").map_err(|e| read_error(&path, &e))?;
    let schema = header("user_version").map_err(|e| read_error(&path, &e))?;
    if app_id != APPLICATION_ID || schema < 1 {
        return Err(RestoreError::Foreign { path });
    }
    if schema > SCHEMA_VERSION {
        return Err(RestoreError::TooNew {
            path,
            found: schema,
            supported: SCHEMA_VERSION,
        });
    }
    match backup::check(&conn, "integrity_check") {
        Ok(Ok(())) => {}
        Ok(Err(report)) => return Err(RestoreError::Damaged { path, report }),
        Err(e) => return Err(read_error(&path, &e)),
    }
    let held = held(&conn, None).map_err(|e| read_error(&path, &e))?;
    Ok(Candidate { path, schema, held })
}

/// The schema version (`user_version`) of the Hatua records file at `live`, read without
/// changing it.
pub fn schema_of(live: &Path) -> Option<i64> {
    if health::kind_with_wal(live).ok()? != Kind::Hatua {
        return None;
    }
    let conn = Connection::open_with_flags(live, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .ok()
}

/// What the records file at `live` holds, all of it or only what is newer than `since`;
/// `None` when it cannot be read.
pub fn held_in(live: &Path, since: Option<&str>) -> Option<Held> {
    if health::kind_with_wal(live).ok()? != Kind::Hatua {
        return None;
    }
    let conn = Connection::open_with_flags(live, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    held(&conn, since).ok()
}

fn held(conn: &Connection, since: Option<&str>) -> rusqlite::Result<Held> {
    // An empty text is older than every stored time.
    let since = since.unwrap_or("");
    conn.query_row(
        "SELECT (SELECT count(*) FROM learners WHERE created_at > ?1),
                (SELECT count(*) FROM answers WHERE answered_at > ?1),
                (SELECT max(at) FROM (
                    SELECT max(created_at) AS at FROM learners
                    UNION ALL SELECT max(started_at) FROM attempts
                    UNION ALL SELECT max(answered_at) FROM answers
                    UNION ALL SELECT max(recorded_at) FROM completions))",
        [since],
        |row| {
            Ok(Held {
                learners: row.get(0)?,
                answers: row.get(1)?,
                newest: row.get(2)?,
            })
        },
    )
}

/// The records file set aside by a restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// What was at the records file's place before, under its new name.
    pub aside: Option<PathBuf>,
}

/// Puts the backup `file` in place of the records file `live`, after checking it again.
pub fn restore(file: &Path, live: &Path) -> Result<Restored, RestoreError> {
    let candidate = inspect(file, live)?;
    let staging = sibling(live, ".restoring");
    let conn = open_backup(&candidate.path).map_err(|e| read_error(&candidate.path, &e))?;
    backup::copy_checked(&conn, &staging).map_err(RestoreError::Copy)?;
    drop(conn);
    let aside = match set_current_aside(live, true) {
        Ok(aside) => aside,
        Err(e) => {
            let _ = fs::remove_file(&staging);
            return Err(e);
        }
    };
    if let Err(source) = fs::rename(&staging, live) {
        let _ = fs::remove_file(&staging);
        return Err(RestoreError::Replace {
            path: live.to_path_buf(),
            aside: aside.unwrap_or_default(),
            source,
        });
    }
    backup::sync_dir(live);
    Ok(Restored { aside })
}

/// Sets the records file aside and puts nothing in its place: the next start begins with
/// empty records.
pub fn start_empty(live: &Path) -> Result<Restored, RestoreError> {
    Ok(Restored {
        aside: set_current_aside(live, false)?,
    })
}

/// How long a restore waits to be the only one with the records open.
const ALONE_WAIT: Duration = Duration::from_millis(500);

/// Sets whatever is at `live` aside as `hatua.db.before-restore-<time>`. A Hatua database
/// that opens has its -wal folded into it first, so the file set aside is whole; one that
/// does not open is renamed together with its -wal and -shm. With `keep_name`, the file
/// keeps its name too (a second link) until the copy replaces it in one rename, so the
/// records file is never missing.
fn set_current_aside(live: &Path, keep_name: bool) -> Result<Option<PathBuf>, RestoreError> {
    let aside_error = |source| RestoreError::SetAside {
        path: live.to_path_buf(),
        source,
    };
    let kind = match health::kind(live) {
        Ok(kind) => kind,
        Err(source) => return Err(aside_error(source)),
    };
    if !live.exists() {
        return Ok(None);
    }
    if kind == Kind::Hatua {
        fold_wal(live)?;
    }
    let now = OffsetDateTime::now_utc();
    if kind == Kind::Folder || !keep_name {
        return health::set_aside(live, "before-restore", now)
            .map(Some)
            .map_err(aside_error);
    }
    let aside = health::aside_name(live, "before-restore", now);
    for suffix in ["-wal", "-shm"] {
        match fs::rename(sibling(live, suffix), sibling(&aside, suffix)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(aside_error(e)),
            _ => {}
        }
    }
    // Where a second link is impossible (a FAT drive), a rename: the records file is then
    // missing for the moment until the copy takes its name.
    if fs::hard_link(live, &aside).is_err() {
        fs::rename(live, &aside).map_err(aside_error)?;
    }
    backup::sync_dir(live);
    Ok(Some(aside))
}

/// Makes sure nobody else has the records open, and folds a -wal that belongs to them into
/// the file. A damaged file, or one whose -wal is another database's, is left exactly as
/// it is.
fn fold_wal(live: &Path) -> Result<(), RestoreError> {
    let foreign = matches!(health::wal(live), Wal::Foreign { .. });
    let sound = matches!(
        health::check(live, Depth::Quick(Some(Duration::from_millis(200)))),
        Checked::Sound | Checked::Unfinished
    );
    if foreign || !sound {
        return Ok(());
    }
    let in_use = || RestoreError::InUse {
        path: live.to_path_buf(),
    };
    let Ok(conn) = Connection::open(live) else {
        return Ok(());
    };
    let _ = conn.busy_timeout(ALONE_WAIT);
    // Leaving WAL mode needs every other connection gone (SQLite takes the file's exclusive
    // lock for it), and folds the -wal into the file on the way: the file set aside then
    // stands alone.
    let mode = conn.pragma_update_and_check(None, "journal_mode", "DELETE", |row| {
        row.get::<_, String>(0)
    });
    match mode {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(()),
        Ok(_) => Err(in_use()),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) => Err(in_use()),
        Err(_) => Ok(()),
    }
}

/// A backup opened read-only; one in WAL mode on a read-only drive, where SQLite cannot make
/// its -shm, is read as it is on disk.
fn open_backup(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(())) {
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::CannotOpen) => {
            let uri = health::file_uri(path, "immutable=1").unwrap_or_default();
            Connection::open_with_flags(
                uri,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )
        }
        _ => Ok(conn),
    }
}

fn read_error(path: &Path, e: &rusqlite::Error) -> RestoreError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => RestoreError::NotSqlite { path },
        _ => RestoreError::Damaged {
            path,
            report: health::reason(e),
        },
    }
}

fn is_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
