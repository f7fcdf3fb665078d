//! A data folder's records as every start finds them: the player, and each command that
//! opens them. What lies at `hatua.db` is looked at before SQLite opens it: a damaged file
//! is set aside (renamed, never written) rather than opened, a -wal written for another
//! database is kept from being replayed onto this one, and the first start of a day checks
//! the whole file and makes the day's backup. A backup that fails is said once; the work
//! goes on.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use time::OffsetDateTime;

use crate::paths::DATABASE_FILE;
use crate::store::backup::{self, BackupError, BackupFile, Why};
use crate::store::health::{self, Checked, Depth, Kind, Wal};
use crate::store::restore::{self, RestoreError};
use crate::store::{Store, StoreError};

/// The longest a start spends checking the file, except on the first start of a day, which
/// checks all of it. A desk's records (a few MB) are checked whole well within it; a hub of
/// 200,000 answers (76 MB) is checked in part, and whole once a day (docs/performance.md).
pub const QUICK_BUDGET: Duration = Duration::from_millis(25);

/// The database file's stem, which backups are named after.
const STEM: &str = "hatua";

/// The records, open, and what the start has to say about them.
#[derive(Debug)]
pub struct Desk {
    pub store: Store,
    /// Sentences to say once: a backup that failed, a -wal set aside.
    pub notices: Vec<Notice>,
    /// The day's backup is still to be made (when the caller said it would make it).
    pub daily_due: bool,
}

/// Something a start says once, and goes on.
#[derive(Debug)]
pub enum Notice {
    /// A -wal of another database was beside the records; it was renamed to `aside`.
    ForeignWal { aside: PathBuf },
    /// A backup could not be made.
    Backup(BackupError),
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::ForeignWal { aside } => write!(
                f,
                "the file of recent changes beside the records (hatua.db-wal) belongs to \
                 another database, perhaps copied from another computer, so it was not \
                 applied; it is kept as {}. The records are as they were last written to \
                 hatua.db",
                aside.display()
            ),
            Notice::Backup(e) => write!(
                f,
                "a backup of the records could not be made: {e}. Everything else goes on"
            ),
        }
    }
}

/// The records file is damaged, and was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// Where the records file belongs.
    pub path: PathBuf,
    /// What it is called now.
    pub aside: PathBuf,
    /// What SQLite found; `None` when it was set aside at an earlier start and nothing has
    /// taken its place since.
    pub reason: Option<String>,
    /// The newest backup that passes a check, to offer.
    pub backup: Option<BackupFile>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("{}", damage_sentence(.0))]
    Damaged(Box<Damage>),

    #[error(
        "{} is a folder, not Hatua's records file. Hatua left it as it is: move or rename it, \
         and the next start begins new records{}",
        path.display(),
        backup.as_ref().map(|b| format!(
            "; or put the newest backup back with `hatua restore {}` (made {}), which sets \
             the folder aside", b.path.display(), when(b.taken))).unwrap_or_default()
    )]
    Folder {
        path: PathBuf,
        backup: Option<BackupFile>,
    },

    #[error(
        "the data folder {} cannot be written ({reason}), so no answer could be saved there. \
         Make it writable (a drive's lock switch, the folder's permissions), or start Hatua \
         with --data-dir pointing at a folder that is",
        dir.display()
    )]
    ReadOnly { dir: PathBuf, reason: String },

    #[error(transparent)]
    Store(#[from] StoreError),
}

fn damage_sentence(d: &Damage) -> String {
    let what = match &d.reason {
        Some(reason) => format!(
            "the records file {} is damaged ({reason}). Hatua did not change it: it is set \
             aside as {}",
            d.path.display(),
            d.aside.display()
        ),
        None => format!(
            "the records file {} was set aside as damaged ({}), and nothing has taken its \
             place yet",
            d.path.display(),
            d.aside.display()
        ),
    };
    let offer = match &d.backup {
        Some(b) => format!(
            "The newest good backup is {}, made {}: put it back with `hatua restore {}`; \
             what was recorded after {} is not in it. Or start with empty records: `hatua \
             restore --empty`",
            b.path.display(),
            when(b.taken),
            b.path.display(),
            when(b.taken)
        ),
        None => format!(
            "No backup of the records was found. Start with empty records with `hatua \
             restore --empty`, and keep {} for a specialist, who may recover part of it",
            d.aside.display()
        ),
    };
    format!("{what}. {offer}")
}

/// A backup's time as a person reads it: `2026-11-28 09:30 UTC`.
pub fn when(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{}-{:02}-{:02} {:02}:{:02} UTC",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// Who makes the day's backup, when one is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Daily {
    /// This call, before it returns (the commands).
    Now,
    /// The caller, after it has shown its first screen (the player); see [`daily_backup`].
    Later,
}

/// Looks at the records of `data_dir`, sets a damaged file aside, opens them, and (on the
/// first start of a day) checks them in full and backs them up.
pub fn open(data_dir: &Path, daily: Daily) -> Result<Desk, DeskError> {
    let db = data_dir.join(DATABASE_FILE);
    let backups = data_dir.join(backup::BACKUPS_DIR);
    let now = OffsetDateTime::now_utc();
    let first_today = backup::due_today(&backups, STEM, now);
    let mut notices = Vec::new();
    let kind = health::kind(&db).unwrap_or(Kind::Other);
    let damaged = |reason: Option<String>, aside: PathBuf| {
        DeskError::Damaged(Box::new(Damage {
            path: db.clone(),
            aside,
            reason,
            backup: backup::newest_good(&backups, STEM),
        }))
    };
    let set_aside = |reason: String| match health::set_aside(&db, "damaged", now) {
        Ok(aside) => damaged(Some(reason), aside),
        Err(e) => DeskError::ReadOnly {
            dir: data_dir.to_path_buf(),
            reason: e.to_string(),
        },
    };
    match kind {
        Kind::Folder => {
            return Err(DeskError::Folder {
                path: db.clone(),
                backup: backup::newest_good(&backups, STEM),
            });
        }
        Kind::Nothing if db.exists() && !backup::list(&backups, STEM).is_empty() => {
            // Emptied, as some file systems leave a file they were writing when the power
            // went: there were records, since there are backups of them.
            return Err(set_aside("the file is empty".to_string()));
        }
        Kind::Nothing if !db.exists() => {
            if let Some(aside) = health::newest_damaged(&db) {
                return Err(damaged(None, aside));
            }
        }
        Kind::Hatua => {
            if let Wal::Foreign { .. } = health::wal(&db) {
                let aside = health::set_wal_aside(&db, now).map_err(|e| DeskError::ReadOnly {
                    dir: data_dir.to_path_buf(),
                    reason: e.to_string(),
                })?;
                notices.push(Notice::ForeignWal { aside });
            }
            let budget = (!first_today).then_some(QUICK_BUDGET);
            if let Checked::Damaged(reason) = health::check(&db, Depth::Quick(budget)) {
                return Err(set_aside(reason));
            }
        }
        Kind::Nothing | Kind::Other => {}
    }
    let existed = kind == Kind::Hatua;
    let mut store = match Store::open(&db) {
        Ok(store) => store,
        Err(e) => return Err(open_failed(e, data_dir, existed, &set_aside)),
    };
    if let Some(Err(e)) = store.take_migration_backup() {
        notices.push(Notice::Backup(e));
    }
    let mut daily_due = existed && first_today;
    if daily_due && daily == Daily::Now {
        daily_due = false;
        if let Some(Err(e)) = store.backup_beside(Why::Daily) {
            notices.push(Notice::Backup(e));
        }
    }
    Ok(Desk {
        store,
        notices,
        daily_due,
    })
}

/// Why opening failed, in the terms of a start: a read-only folder, or a file SQLite found
/// damaged after all (set aside).
fn open_failed(
    e: StoreError,
    data_dir: &Path,
    existed: bool,
    set_aside: &dyn Fn(String) -> DeskError,
) -> DeskError {
    if let StoreError::CannotOpen { source, .. } = &e {
        use rusqlite::ErrorCode;
        match source.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) if existed => {
                return set_aside(health::reason(source));
            }
            Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly) => {
                if let Some(reason) = unwritable(data_dir) {
                    return DeskError::ReadOnly {
                        dir: data_dir.to_path_buf(),
                        reason,
                    };
                }
            }
            _ => {}
        }
    }
    DeskError::Store(e)
}

/// Why nothing can be written in `dir`, if nothing can.
fn unwritable(dir: &Path) -> Option<String> {
    let probe = dir.join(format!(".hatua-write-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) => Some(e.to_string()),
    }
}

/// The day's backup of the records of `data_dir`, made by the player once its first screen
/// is up: a backup of a large file takes a second or more.
pub fn daily_backup(data_dir: &Path) -> Result<backup::Backup, BackupError> {
    let db = data_dir.join(DATABASE_FILE);
    let store = Store::open(&db).map_err(|e| BackupError::Unopened(e.to_string()))?;
    store
        .backup_beside(Why::Daily)
        .unwrap_or(Err(BackupError::InMemory))
}

/// After a damaged file was set aside: puts `backup` back (or, with `None`, starts empty
/// records) and opens the records.
pub fn recover(data_dir: &Path, backup: Option<&Path>) -> Result<Store, RecoverError> {
    let db = data_dir.join(DATABASE_FILE);
    if let Some(file) = backup {
        restore::restore(file, &db)?;
    } else if db.exists() {
        restore::start_empty(&db)?;
    }
    Ok(Store::open(&db)?)
}

#[derive(Debug, thiserror::Error)]
pub enum RecoverError {
    #[error(transparent)]
    Restore(#[from] RestoreError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
