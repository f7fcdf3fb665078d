//! The learner records database: one SQLite file, opened and upgraded here, read and written
//! through [`Store`] by the table modules below.

mod attempts;
pub mod backup;
mod certificates;
mod grants;
pub mod harvest;
pub mod health;
mod learners;
mod merge;
mod pictures;
mod pins;
mod progress;
pub mod restore;
mod settings;
pub mod synced;
pub mod tally;
#[cfg(test)]
mod tests;

use std::ffi::c_int;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

pub use attempts::{Answer, Attempt, AttemptId, AttemptResult};
pub use certificates::{CertificateRecord, RetiredCertificate};
pub use learners::{Learner, LearnerId, PinChange, ProfileChange, name_key};
pub use pins::{NewPin, PinCheck};
pub use progress::{ItemProgress, ItemStatus, Place};
pub use settings::MIN_PASSWORD_CHARS;

use crate::pin::PinError;

/// Schema migrations in order; migration `n` (1-based) takes `user_version` from `n - 1` to
/// `n`. Append only: a shipped migration never changes.
const MIGRATIONS: &[&str] = &[
    include_str!("store/migrations/001_initial.sql"),
    include_str!("store/migrations/002_shared_desk.sql"),
    include_str!("store/migrations/003_lesson_versions.sql"),
    include_str!("store/migrations/004_certificates.sql"),
    include_str!("store/migrations/005_profiles.sql"),
    include_str!("store/migrations/006_plans_as_json.sql"),
    include_str!("store/migrations/007_sites.sql"),
    include_str!("store/migrations/008_synced.sql"),
    include_str!("store/migrations/009_identity.sql"),
    include_str!("store/migrations/010_item_times.sql"),
    include_str!("store/migrations/011_pictures.sql"),
];

/// The schema version this build writes, and the newest it can read.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Marks the file as Hatua's (`PRAGMA application_id`, set by the first migration).
const APPLICATION_ID: i64 = 0x4841_5455;

/// Long enough that another process's commit (a few fsyncs) always finishes first, short
/// enough that a process stuck holding the lock is reported instead of hanging the screen.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What can go wrong with the records. Each message is a sentence a learner or coordinator
/// can act on: what happened, where, and what to do next.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "Hatua could not create or write the folder {}: {source}. Check that the drive is \
         plugged in and writable, or start Hatua with --data-dir pointing elsewhere.",
        path.display()
    )]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "Hatua could not open its database {}: {source}. Check that the file and its folder \
         are writable, or start Hatua with --data-dir pointing elsewhere.",
        path.display()
    )]
    CannotOpen {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error(
        "{} is not a Hatua database (not an SQLite file). It was left untouched; move it away \
         or start Hatua with --data-dir pointing elsewhere.",
        path.display()
    )]
    NotADatabase { path: PathBuf },

    #[error(
        "{} is an SQLite database, but not one of Hatua's. It was left untouched; move it \
         away or start Hatua with --data-dir pointing elsewhere.",
        path.display()
    )]
    ForeignDatabase { path: PathBuf },

    #[error(
        "The database {} was written by a newer version of Hatua (schema {found}; this \
         version reads up to schema {supported}). It was left untouched; install the newer \
         Hatua, or start this one with --data-dir pointing elsewhere.",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("A learner needs a name. Type at least one letter, then try again.")]
    EmptyName,

    #[error(
        "There is already a learner called “{0}” on this computer (perhaps an archived \
         profile); names that differ only in capitals or accents count as the same. If that \
         is you, choose it from the list; otherwise add a family name or an initial."
    )]
    NameTaken(String),

    #[error("A learner cannot be merged with their own profile. Choose two different learners.")]
    MergeSame,

    #[error(
        "Several learners are called “{0}” (profiles made before names had to differ). \
         Choose the learner by id instead, or rename one of them."
    )]
    SameName(String),

    #[error("A PIN is 4 to 8 digits. Type only the numbers 0 to 9, then try again.")]
    BadPin,

    #[error(
        "The facilitator password needs at least {MIN_PASSWORD_CHARS} characters. Choose a \
         longer one, then try again."
    )]
    WeakPassword,

    #[error(transparent)]
    Secret(#[from] PinError),

    #[error("No learner is chosen. Go back to “Who is learning?” and pick your name.")]
    NoLearner,

    #[error("No learner with id {} is on this computer. Choose a learner from the list.", .0.0)]
    LearnerNotFound(LearnerId),

    #[error(
        "The quiz attempt {} does not exist for this learner. Start the quiz again; earlier \
         answers are kept.",
        .0.0
    )]
    AttemptNotFound(AttemptId),

    #[error(
        "The quiz attempt {} is already finished, so it takes no more answers. Start a new \
         attempt to answer again.",
        .0.0
    )]
    AttemptFinished(AttemptId),

    #[error(
        "Question {question_id} was already answered in quiz attempt {}; the first answer \
         is kept. Go on to the next question.",
        attempt.0
    )]
    AlreadyAnswered {
        attempt: AttemptId,
        question_id: String,
    },

    #[error(
        "The computer's clock gives a time Hatua cannot record ({0}). Set the date and time, \
         then try again."
    )]
    Clock(#[from] time::error::Format),

    /// A change its caller gave up before committing it (see
    /// [`Store::merge_harvest_if`]): nothing was written.
    #[error("The change was given up before it was saved; nothing was written.")]
    GivenUp,

    #[error(
        "The records database reported an error: {0}. Any change in progress was rolled back \
         and earlier records are kept; try again, and if it keeps happening, copy the data \
         folder somewhere safe and report the problem."
    )]
    Sqlite(#[from] rusqlite::Error),
}

/// The only owner of the database connection. One per process (or per thread): SQLite's
/// locking, not this type, keeps several of them on one file consistent.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// The database file; `None` in memory.
    path: Option<PathBuf>,
    /// The copy made before this open upgraded the schema, or why it could not be made.
    migration_backup: Option<Result<backup::Backup, backup::BackupError>>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and upgrades its schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::bundle::durable::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        Self::prepare(conn, Some(path))
    }

    /// A fresh, empty database that lives as long as the `Store`; for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = Path::new(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| open_error(path, e))?;
        Self::prepare(conn, None)
    }

    fn prepare(conn: Connection, file: Option<&Path>) -> Result<Store, StoreError> {
        let path = file.unwrap_or(Path::new(":memory:"));
        let fail = |e| open_error(path, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        // Only reads until the file is known to be ours: a file we refuse stays byte for
        // byte as it was.
        let version = check_ours(&conn, path)?;
        enable_wal(&conn).map_err(fail)?;
        // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on a power cut,
        // and the screen has already said "saved" for them.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(fail)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(fail)?;
        let mut store = Store {
            conn,
            path: file.map(Path::to_path_buf),
            migration_backup: None,
        };
        // Most opens find the schema current and need no write lock at all.
        if version < SCHEMA_VERSION {
            // A new file has nothing to keep; an older one is copied first, so that going
            // back to the version that wrote it stays possible. A copy that fails does not
            // stop the upgrade: the caller says so and the learner goes on.
            if version > 0 {
                store.migration_backup = store.backup_beside(backup::Why::Migration);
            }
            migrate(&mut store.conn, path, MIGRATIONS)?;
        }
        Ok(store)
    }

    /// The database file, or `None` for one in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What became of the copy made before this open upgraded the schema: `None` when
    /// there was nothing to upgrade.
    pub fn take_migration_backup(&mut self) -> Option<Result<backup::Backup, backup::BackupError>> {
        self.migration_backup.take()
    }

    /// Runs `f` in one write transaction: committed before this returns `Ok`, rolled back
    /// (nothing written) when `f` fails.
    pub fn transact<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // IMMEDIATE takes the write lock at BEGIN, where the busy timeout can wait for it;
        // a deferred transaction that later upgrades can fail with SQLITE_BUSY at once.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?; // dropping `tx` rolls it back
        // The page with the database's id goes into every commit: the -wal then always says
        // which database it belongs to (see migrations/009_identity.sql).
        tx.prepare_cached("UPDATE identity SET commits = commits + 1")?
            .execute([])?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` on one snapshot of the database, so that reads spanning several queries
    /// never see half of another process's commit.
    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // Sound here because `transact` needs `&mut self`, so no transaction is open.
        let tx = self.conn.unchecked_transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

fn open_error(path: &Path, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => StoreError::CannotOpen {
            path: path.to_path_buf(),
            source: error,
        },
    }
}

/// Refuses a file that is not a Hatua database of a schema this build reads; returns its
/// schema version.
fn check_ours(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    let fail = |e| open_error(path, e);
    // One snapshot for all three reads: another process may migrate the file in between,
    // and a new version with old tables would look like someone else's database.
    let snapshot = conn.unchecked_transaction().map_err(fail)?;
    // The first read of the header is where SQLite notices a file that is not a database.
    let application_id: i64 = snapshot
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(fail)?;
    let version: i64 = snapshot
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(fail)?;
    let foreign = StoreError::ForeignDatabase {
        path: path.to_path_buf(),
    };
    if application_id != 0 && application_id != APPLICATION_ID {
        return Err(foreign);
    }
    check_version(version, SCHEMA_VERSION, path)?;
    if version == 0 {
        // Version 0 is a brand-new file, unless someone else's tables are already in it.
        let tables: i64 = snapshot
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
            .map_err(fail)?;
        if tables > 0 {
            return Err(foreign);
        }
    }
    Ok(version)
}

/// WAL lets a reader and a writer work at once, and a commit costs one fsync.
fn enable_wal(conn: &Connection) -> rusqlite::Result<()> {
    // Turning a new file into WAL needs every other connection out of the way, and SQLite
    // does not apply the busy timeout to that (it holds a read lock while it asks), so two
    // processes creating the file at once would fail here without this wait.
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        // The resulting mode is not checked: where WAL is impossible SQLite keeps a
        // rollback journal, slower but just as durable with synchronous=FULL.
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(())) {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                thread::sleep(Duration::from_millis(5));
            }
            done => return done,
        }
    }
}

fn check_version(found: i64, supported: i64, path: &Path) -> Result<(), StoreError> {
    // A negative version was not written by any Hatua; refusing it like a newer one keeps
    // the file untouched.
    if !(0..=supported).contains(&found) {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    Ok(())
}

/// Applies the migrations this file lacks, each in its own transaction together with its
/// `user_version` bump. The version is read again under the write lock, so two processes
/// opening a new file at once apply each migration exactly once.
fn migrate(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<(), StoreError> {
    let supported = migrations.len() as i64;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        check_version(version, supported, path)?;
        let Some(sql) = migrations.get(version as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// How every time is stored: UTC RFC 3339 with milliseconds and a `Z`. Fixed width, so
/// text order is time order.
const TIMESTAMP: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// The current time as the records store times: for files that sit beside them.
pub fn timestamp_now() -> Result<String, StoreError> {
    now()
}

/// The current UTC time as stored.
fn now() -> Result<String, StoreError> {
    timestamp(OffsetDateTime::now_utc())
}

/// `at` as stored; the part below a millisecond is dropped.
fn timestamp(at: OffsetDateTime) -> Result<String, StoreError> {
    Ok(at.to_offset(UtcOffset::UTC).format(TIMESTAMP)?)
}

/// A time as the records store it, read back; `None` for anything else.
pub fn parse_time(text: &str) -> Option<OffsetDateTime> {
    parse_timestamp(text)
}

/// Reads a time written by [`timestamp`]; `None` for any other text.
fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    PrimitiveDateTime::parse(text, TIMESTAMP)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Whether `error` is the constraint failure with SQLite extended code `code`.
fn is_constraint(error: &rusqlite::Error, code: c_int) -> bool {
    error
        .sqlite_error()
        .is_some_and(|e| e.extended_code == code)
}
