//! The rolling set of backups in a data folder's `backups/`: which are there, which to keep,
//! and the newest one that is still sound.
//!
//! What is kept (documented in the README):
//! - daily, before-export and before-merge copies: the newest of each of the last 7 days
//!   that have one, then the newest of each of the 4 weeks before those;
//! - before-upgrade copies: the 2 newest, however old (the way back to an older Hatua);
//! - on-demand copies (`hatua backup`): all; whoever asked for them decides.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use time::OffsetDateTime;

use super::{Why, parse_name};

const DAYS_KEPT: usize = 7;
const WEEKS_KEPT: usize = 4;
const UPGRADES_KEPT: usize = 2;

/// A partial copy this old belongs to a process that was killed: no copy takes an hour.
const STALE_PARTIAL: Duration = Duration::from_secs(3600);

/// A backup in the set, as its name describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub taken: OffsetDateTime,
    pub why: Why,
    pub bytes: u64,
}

/// The backups of the database `stem` in `dir`, newest first. Files of other names,
/// partial copies and folders are not backups.
pub fn list(dir: &Path, stem: &str) -> Vec<BackupFile> {
    let mut found: Vec<BackupFile> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let meta = entry.metadata().ok().filter(|m| m.is_file())?;
            let name = entry.file_name();
            let (taken, why) = parse_name(name.to_str()?, stem)?;
            Some(BackupFile {
                path: entry.path(),
                taken,
                why,
                bytes: meta.len(),
            })
        })
        .collect();
    found.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.path.cmp(&a.path)));
    found
}

/// Whether no backup of any kind was made today (UTC): the first start of a day makes one.
pub fn due_today(dir: &Path, stem: &str, now: OffsetDateTime) -> bool {
    !list(dir, stem)
        .iter()
        .any(|b| b.taken.date() == now.to_offset(time::UtcOffset::UTC).date())
}

/// The newest backup that opens and passes `PRAGMA quick_check`: the one to offer when the
/// records file is damaged.
pub fn newest_good(dir: &Path, stem: &str) -> Option<BackupFile> {
    list(dir, stem).into_iter().find(|b| sound(&b.path))
}

fn sound(path: &Path) -> bool {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| super::check(&conn, "quick_check"))
        .is_ok_and(|r| r.is_ok())
}

/// Deletes the backups the set no longer keeps (never `made`, the one just written), and
/// partial copies left by killed processes. Returns what was deleted.
pub fn prune(
    dir: &Path,
    stem: &str,
    now: OffsetDateTime,
    made: Option<&Path>,
) -> std::io::Result<Vec<PathBuf>> {
    let mut files = list(dir, stem);
    // The copy just made is the newest, even against another made in the same second.
    if let Some(at) = made.and_then(|m| files.iter().position(|b| b.path == m)) {
        let newest = files.remove(at);
        files.insert(0, newest);
    }
    let mut gone = Vec::new();
    for b in expired(&files) {
        fs::remove_file(&b.path)?;
        gone.push(b.path.clone());
    }
    let now = SystemTime::from(now);
    for entry in fs::read_dir(dir)?.flatten() {
        let name = entry.file_name();
        let is_partial = name
            .to_str()
            .is_some_and(|n| n.starts_with(stem) && n.contains(".db.partial-"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|at| now.duration_since(at).is_ok_and(|age| age > STALE_PARTIAL));
        if is_partial && old {
            fs::remove_file(entry.path())?;
            gone.push(entry.path());
        }
    }
    Ok(gone)
}

/// The backups among `files` (newest first) that the set no longer keeps.
pub fn expired(files: &[BackupFile]) -> Vec<&BackupFile> {
    let mut days = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    let mut upgrades = 0;
    let mut out = Vec::new();
    for b in files {
        let keep = match b.why {
            Why::OnDemand => true,
            Why::Migration => {
                upgrades += 1;
                upgrades <= UPGRADES_KEPT
            }
            Why::Daily | Why::Export | Why::Merge => {
                let day = b.taken.date();
                let (year, week, _) = day.to_iso_week_date();
                if days.len() < DAYS_KEPT {
                    days.insert(day)
                } else if days.contains(&day) {
                    false
                } else if weeks.len() < WEEKS_KEPT {
                    weeks.insert((year, week))
                } else {
                    false
                }
            }
        };
        if !keep {
            out.push(b);
        }
    }
    out
}
