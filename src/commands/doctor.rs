//! `hatua doctor`: everything a trainer on the phone asks a site about, said plainly and
//! in an order that can be read out: versions, the folders and files in use and why, the
//! config file and its mistakes, the log, free space, the records file checked in full
//! (`PRAGMA integrity_check`, its -wal compared with it, its backups counted), every
//! installed course checked in full against its manifest, the trusted keys and the
//! terminal. Last, each problem with what to do; exit 1 when there is one.
//!
//! It changes nothing: a problem found is for the next start, `hatua restore` or an import
//! to act on.

mod courses;
mod setup;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::desk;
use crate::store::backup::{self, sibling};
use crate::store::health::{self, Checked, Depth, Kind, Wal};
use crate::store::restore;

/// The problems found, each with what to do about it.
#[derive(Default)]
pub struct Problems(Vec<(String, String)>);

impl Problems {
    fn add(&mut self, what: impl Into<String>, todo: impl Into<String>) {
        self.0.push((what.into(), todo.into()));
    }
}

pub fn run(data_dir: Option<&Path>, config: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dir = super::data_folder(data_dir)?;
    let mut out = crate::sanitize::stdout();
    let mut problems = Problems::default();
    setup::versions(&mut out, &dir, &mut problems)?;
    setup::data_folder(&mut out, data_dir, &dir, &mut problems)?;
    let config = setup::config(&mut out, config, &mut problems)?;
    setup::log(&mut out, &dir)?;
    setup::free_space(&mut out, &dir, &mut problems)?;
    records_and_backups(&mut out, &dir, &mut problems)?;
    courses::courses(&mut out, &dir, &mut problems)?;
    courses::trusted_keys(&mut out, &dir, &mut problems)?;
    setup::terminal(&mut out, &config, &mut problems)?;
    // The site's support contacts: said, but no part of whether the records are sound.
    writeln!(out, "{}", super::support::doctor_line(&dir))?;
    writeln!(out)?;
    if problems.0.is_empty() {
        writeln!(out, "No problems found.")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} found:", super::plural(problems.0.len(), "problem"))?;
    for (n, (what, todo)) in problems.0.iter().enumerate() {
        writeln!(out, "{}. {what}", n + 1)?;
        writeln!(out, "   What to do: {todo}")?;
    }
    Ok(ExitCode::FAILURE)
}

/// The records file and its backups.
fn records_and_backups(
    out: &mut impl Write,
    dir: &Path,
    problems: &mut Problems,
) -> anyhow::Result<()> {
    let db = dir.join(crate::paths::DATABASE_FILE);
    let backups = dir.join(backup::BACKUPS_DIR);
    let newest = backup::newest_good(&backups, "hatua");
    let offer = || match &newest {
        Some(b) => format!(
            "The newest good backup is {}, made {}: `hatua restore {}` puts it back (what was \
             recorded after that time is not in it).",
            b.path.display(),
            desk::when(b.taken),
            b.path.display()
        ),
        None => "No good backup was found in the backups folder; keep the file as it is and \
                 call the trainer."
            .to_string(),
    };
    let mut sound = true;
    match health::kind_with_wal(&db) {
        Ok(Kind::Nothing) if !db.exists() => {
            writeln!(
                out,
                "No records file yet in {}: nothing to check.",
                dir.display()
            )?;
        }
        Ok(Kind::Nothing) => {
            sound = backup::list(&backups, "hatua").is_empty();
            writeln!(
                out,
                "{} is empty{}",
                db.display(),
                if sound {
                    ": new records start there."
                } else {
                    ", yet there are backups of records: it was emptied (a power cut?)."
                }
            )?;
        }
        Ok(Kind::Folder) => {
            sound = false;
            writeln!(out, "{} is a folder, not a records file.", db.display())?;
        }
        Ok(Kind::Other) => {
            sound = false;
            writeln!(
                out,
                "{} is not a Hatua records file (another program's, or no database at all).",
                db.display()
            )?;
        }
        Err(e) => {
            sound = false;
            writeln!(out, "{} cannot be read: {e}.", db.display())?;
        }
        Ok(Kind::Hatua) => sound = records(&db, out)?,
    }
    match backup::list(&backups, "hatua").first() {
        Some(b) => writeln!(
            out,
            "Backups: {} in {}, the newest made {} ({}).",
            backup::list(&backups, "hatua").len(),
            backups.display(),
            desk::when(b.taken),
            b.why.word()
        )?,
        None => writeln!(out, "Backups: none yet in {}.", backups.display())?,
    }
    if !sound {
        problems.add(
            format!(
                "The records file {} is not sound (see above).",
                db.display()
            ),
            offer(),
        );
    }
    Ok(())
}

/// Checks a file that is Hatua's; whether it is sound.
fn records(db: &Path, out: &mut impl Write) -> anyhow::Result<bool> {
    let bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    writeln!(
        out,
        "Records file: {} ({}).",
        db.display(),
        super::backup::size(bytes)
    )?;
    let mut sound = true;
    let wal_bytes = std::fs::metadata(sibling(db, "-wal")).map_or(0, |m| m.len());
    let wal = health::wal(db);
    match wal {
        Wal::None => {}
        Wal::Fits => writeln!(
            out,
            "Recent changes not yet in the file (hatua.db-wal): {}, this database's own.",
            super::backup::size(wal_bytes)
        )?,
        Wal::Foreign { .. } => {
            sound = false;
            writeln!(
                out,
                "The file of recent changes beside it (hatua.db-wal, {}) belongs to another \
                 database; the next start sets it aside instead of applying it.",
                super::backup::size(wal_bytes)
            )?;
        }
    }
    // With a foreign -wal, the file alone is what the next start will open.
    let checked = if matches!(wal, Wal::Foreign { .. }) {
        health::check_alone(db, Depth::Full)
    } else {
        health::check(db, Depth::Full)
    };
    match checked {
        Checked::Sound => writeln!(out, "Full check (integrity_check): ok.")?,
        Checked::Damaged(report) => {
            sound = false;
            writeln!(out, "Full check (integrity_check) found damage: {report}.")?;
            writeln!(
                out,
                "The next start sets the file aside, unchanged, as hatua.db.damaged-<time>."
            )?;
        }
        Checked::Unreadable(why) => {
            sound = false;
            writeln!(out, "The file could not be read to check it: {why}.")?;
        }
        // A full check has no time limit.
        Checked::Unfinished => {}
    }
    if let Some(held) = restore::held_in(db, None) {
        writeln!(
            out,
            "It holds {} and {}{}.",
            super::plural(held.learners as usize, "learner"),
            super::plural(held.answers as usize, "answer"),
            held.newest
                .as_deref()
                .and_then(crate::store::parse_time)
                .map(|t| format!(", the newest record from {}", desk::when(t)))
                .unwrap_or_default()
        )?;
    }
    Ok(sound)
}
