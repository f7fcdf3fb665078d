//! `hatua backup`: a checked copy of the records now, into the data folder's `backups/` or
//! to a drive; `--list` shows the rolling set.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::desk::{self, Daily};
use crate::store::backup::{self, Why};

/// `hatua backup [--to DIR]`.
pub fn make(data_dir: Option<&Path>, to: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dir = super::data_folder(data_dir)?;
    if !dir.join(crate::paths::DATABASE_FILE).exists() {
        anyhow::bail!(
            "there are no records to back up in {} yet: they begin with the first learner",
            dir.display()
        );
    }
    // This copy is the day's backup too: no second one.
    let (store, dir) = super::open_records(Some(&dir), Daily::Later)?;
    let made = match to {
        Some(target) => store.backup_into(target, Why::OnDemand),
        None => store
            .backup_beside(Why::OnDemand)
            .unwrap_or(Err(backup::BackupError::InMemory)),
    }
    .map_err(|e| anyhow::anyhow!("no backup was made: {e}"))?;
    writeln!(
        crate::sanitize::stdout(),
        "Backed up the records of {} to {} ({}, checked in full).",
        dir.display(),
        made.path.display(),
        size(made.bytes)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `hatua backup --list`: the backups kept in `backups/`, newest first.
pub fn list(data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dir = super::data_folder(data_dir)?.join(backup::BACKUPS_DIR);
    let found = backup::list(&dir, "hatua");
    let mut out = crate::sanitize::stdout();
    if found.is_empty() {
        writeln!(
            out,
            "No backups in {} yet. `hatua backup` makes one; the first start of each day \
             makes one too.",
            dir.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{:<21} {:<15} {:>9}  FILE", "MADE", "WHY", "SIZE")?;
    for b in found {
        writeln!(
            out,
            "{:<21} {:<15} {:>9}  {}",
            desk::when(b.taken),
            b.why.word(),
            size(b.bytes),
            b.path.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A size as people read it: `812 KB`, `74.6 MB`, `41.2 GB`.
pub(super) fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else if bytes < 1_000_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{:.1} GB", bytes as f64 / 1_000_000_000.0)
    }
}
