//! The records file looked at before it is opened: what is there, whether it is Hatua's,
//! whether the -wal beside it belongs to it, and whether it is sound. Nothing here writes to
//! the database: checks read through read-only connections (which never checkpoint), and a
//! damaged file is only ever renamed, byte for byte as it was, with its -wal and -shm, so
//! that a specialist can still recover what is in it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use time::OffsetDateTime;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use super::APPLICATION_ID;
use super::backup::sibling;

/// What lies where the records file should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Nothing, or an empty file: a new database starts there.
    Nothing,
    /// A folder: not Hatua's to move.
    Folder,
    /// Carries Hatua's mark (its application id, or its tables' definitions).
    Hatua,
    /// Something else: another program's database, or a file that is no database at all.
    /// Opening refuses it and leaves it untouched.
    Other,
}

/// The SQLite file header's first 16 bytes.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How far into a file whose header is gone Hatua looks for its own tables' definitions.
const MARK_SEARCH: u64 = 1 << 20;

/// Definitions only Hatua's schema holds: the schema table keeps each `CREATE` as written.
const TABLE_MARKS: [&[u8]; 2] = [b"CREATE TABLE attempt_results", b"CREATE TABLE learners ("];

/// What is at `path`. An error reading it (no permission) is left for opening to report.
pub fn kind(path: &Path) -> std::io::Result<Kind> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Kind::Nothing),
        Err(e) => return Err(e),
    };
    if meta.is_dir() {
        return Ok(Kind::Folder);
    }
    if meta.len() == 0 {
        return Ok(Kind::Nothing);
    }
    let mut head = [0u8; 100];
    let mut file = fs::File::open(path)?;
    let read = read_up_to(&mut file, &mut head)?;
    let app_id = (read >= 72)
        .then(|| i64::from(u32::from_be_bytes([head[68], head[69], head[70], head[71]])));
    if app_id == Some(APPLICATION_ID) {
        return Ok(Kind::Hatua);
    }
    if read == head.len() && head.starts_with(MAGIC) {
        // An SQLite file without Hatua's id: someone else's, or a new one (id 0) that
        // opening recognises as such.
        return Ok(Kind::Other);
    }
    // No SQLite header: Hatua's only if its own tables are written further in.
    let mut start = Vec::new();
    fs::File::open(path)?
        .take(MARK_SEARCH)
        .read_to_end(&mut start)?;
    let marked = TABLE_MARKS
        .iter()
        .all(|mark| start.windows(mark.len()).any(|w| w == *mark));
    Ok(if marked { Kind::Hatua } else { Kind::Other })
}

/// [`kind`], with the -wal beside the file read too: a new records file whose writer was
/// stopped before its first checkpoint has all of Hatua's in its -wal and a bare header in
/// the file, which [`kind`] alone takes for someone else's. Opening the records reads it
/// this way; `hatua doctor` must too.
pub fn kind_with_wal(path: &Path) -> std::io::Result<Kind> {
    let alone = kind(path)?;
    if alone != Kind::Other || !fs::metadata(sibling(path, "-wal")).is_ok_and(|m| m.len() > 0) {
        return Ok(alone);
    }
    let id = open_read_only(path, false).and_then(|conn| {
        conn.pragma_query_value(None, "application_id", |row| row.get::<_, i64>(0))
    });
    Ok(if id.is_ok_and(|id| id == APPLICATION_ID) {
        Kind::Hatua
    } else {
        Kind::Other
    })
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Whether the -wal beside a database belongs to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wal {
    /// No -wal, or one without a single frame.
    None,
    /// Its frames carry this database's id, or nothing tells them apart.
    Fits,
    /// Its frames carry another database's id: replaying it would lay another database's
    /// pages over this one.
    Foreign { ours: String, theirs: String },
}

/// A -wal's header alone is 32 bytes: anything longer holds frames SQLite would replay.
const WAL_HEADER: u64 = 32;

/// Compares the database's id as the file alone holds it with the id the file and its
/// -wal hold together (see migrations/009_identity.sql).
pub fn wal(path: &Path) -> Wal {
    let frames = fs::metadata(sibling(path, "-wal")).is_ok_and(|m| m.len() > WAL_HEADER);
    if !frames {
        return Wal::None;
    }
    // `immutable` reads the file alone: no locks, no -wal.
    let alone = file_uri(path, "immutable=1")
        .and_then(|uri| open_read_only(Path::new(&uri), true).ok())
        .and_then(|conn| database_id(&conn).ok().flatten());
    let with_wal = open_read_only(path, false)
        .ok()
        .and_then(|conn| database_id(&conn).ok().flatten());
    match (alone, with_wal) {
        (Some(ours), Some(theirs)) if ours != theirs => Wal::Foreign { ours, theirs },
        // A -wal whose pages cannot be read at all is for the check below to judge.
        _ => Wal::Fits,
    }
}

fn database_id(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let has_identity: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'identity'",
        [],
        |row| row.get(0),
    )?;
    if !has_identity {
        return Ok(None);
    }
    conn.query_row("SELECT id FROM identity", [], |row| row.get(0))
        .optional()
}

/// A read-only connection that can change nothing: it neither writes nor checkpoints.
fn open_read_only(path: &Path, uri: bool) -> rusqlite::Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if uri {
        flags |= OpenFlags::SQLITE_OPEN_URI;
    }
    Connection::open_with_flags(path, flags)
}

/// `file:` URI of `path` with `query`, every byte that could be read as URI syntax escaped.
pub(crate) fn file_uri(path: &Path, query: &str) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?;
    let mut uri = String::from("file:");
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char);
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    Some(format!("{uri}?{query}"))
}

/// How thoroughly to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// `PRAGMA quick_check`, stopped (and counted as passed) after this long, if given:
    /// every page's structure and every row's constraints, not index contents.
    Quick(Option<Duration>),
    /// `PRAGMA integrity_check`: all of the above, and every index against its table.
    Full,
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    Sound,
    /// The time allowed ran out first; nothing wrong was seen in what was read.
    Unfinished,
    /// The file is damaged: what SQLite said.
    Damaged(String),
    /// The file could not be read at all (no permission, a read-only folder without the
    /// -shm SQLite needs, a lock): that says nothing about the file, and opening reports it.
    Unreadable(String),
}

/// Checks the database at `path` (with its -wal) through a read-only connection.
pub fn check(path: &Path, depth: Depth) -> Checked {
    checked(open_read_only(path, false), depth)
}

/// Checks the database file at `path` alone, as if there were no -wal beside it.
pub fn check_alone(path: &Path, depth: Depth) -> Checked {
    let uri = file_uri(path, "immutable=1").unwrap_or_default();
    checked(open_read_only(Path::new(&uri), true), depth)
}

fn checked(conn: rusqlite::Result<Connection>, depth: Depth) -> Checked {
    let outcome = conn.and_then(|mut conn| {
        if let Depth::Quick(Some(budget)) = depth {
            let start = Instant::now();
            conn.progress_handler(1000, Some(move || start.elapsed() > budget))?;
        }
        let pragma = match depth {
            Depth::Quick(_) => "quick_check",
            Depth::Full => "integrity_check",
        };
        super::backup::check(&conn, pragma)
    });
    match outcome {
        Ok(Ok(())) => Checked::Sound,
        Ok(Err(report)) => Checked::Damaged(report),
        Err(e) => match e.sqlite_error_code() {
            Some(ErrorCode::OperationInterrupted) => Checked::Unfinished,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Checked::Damaged(reason(&e))
            }
            _ => Checked::Unreadable(reason(&e)),
        },
    }
}

/// SQLite's own words for an error, without rusqlite's wrapping.
pub fn reason(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        other => other.to_string(),
    }
}

/// How a set-aside file's time is written: UTC, to the second.
const ASIDE_TIME: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// `hatua.db` → `hatua.db.<label>-<UTC time>`.
pub fn aside_name(path: &Path, label: &str, at: OffsetDateTime) -> PathBuf {
    let at = at.to_offset(time::UtcOffset::UTC);
    sibling(
        path,
        &format!(".{label}-{}", at.format(ASIDE_TIME).unwrap_or_default()),
    )
}

/// Renames the database at `path`, and its -wal and -shm, to `hatua.db.<label>-<time>`
/// (`…-wal`, `…-shm`): the three stay a set SQLite would open together. Returns the new
/// name of the database.
pub fn set_aside(path: &Path, label: &str, at: OffsetDateTime) -> std::io::Result<PathBuf> {
    let aside = free_name(aside_name(path, label, at));
    // The -wal first: were the database to go first, a -wal left behind would be replayed
    // onto whatever next takes its name.
    for suffix in ["-wal", "-shm"] {
        rename_if_there(&sibling(path, suffix), &sibling(&aside, suffix))?;
    }
    fs::rename(path, &aside)?;
    super::backup::sync_dir(path);
    Ok(aside)
}

/// Renames a -wal that belongs to another database (and its -shm) to
/// `hatua.db-wal.foreign-<time>`, leaving the database itself as it is.
pub fn set_wal_aside(path: &Path, at: OffsetDateTime) -> std::io::Result<PathBuf> {
    let wal = sibling(path, "-wal");
    let aside = free_name(aside_name(&wal, "foreign", at));
    rename_if_there(
        &sibling(path, "-shm"),
        &aside_name(&sibling(path, "-shm"), "foreign", at),
    )?;
    fs::rename(&wal, &aside)?;
    super::backup::sync_dir(path);
    Ok(aside)
}

fn rename_if_there(from: &Path, to: &Path) -> std::io::Result<()> {
    match fs::rename(from, to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// `name`, or `name.2`, `name.3`… if something has that name already: nothing set aside
/// ever replaces something set aside before.
fn free_name(name: PathBuf) -> PathBuf {
    if fs::symlink_metadata(&name).is_err() {
        return name;
    }
    (2..)
        .map(|n| sibling(&name, &format!(".{n}")))
        .find(|candidate| fs::symlink_metadata(candidate).is_err())
        .unwrap_or(name)
}

/// The newest file set aside as damaged beside `path` (`hatua.db.damaged-…`), if any.
pub fn newest_damaged(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    let prefix = format!("{}.damaged-", path.file_name()?.to_str()?);
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let name = name.to_str()?;
            (name.starts_with(&prefix) && !name.ends_with("-wal") && !name.ends_with("-shm"))
                .then(|| e.path())
        })
        .collect();
    found.sort();
    found.pop()
}

#[cfg(test)]
mod tests;
