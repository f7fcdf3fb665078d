//! `hatua restore FILE`: a backup put back in place of the records, once checked and
//! confirmed; `--empty` starts empty records instead. The current file is set aside with
//! the time, never deleted.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use crate::store::restore::{self, Held};

/// `hatua restore FILE [--yes]`.
pub fn run(data_dir: Option<&Path>, file: &Path, yes: bool) -> anyhow::Result<ExitCode> {
    let dir = super::data_folder(data_dir)?;
    let live = dir.join(crate::paths::DATABASE_FILE);
    let candidate = restore::inspect(file, &live)?;
    let mut out = crate::sanitize::stdout();
    writeln!(
        out,
        "The backup {} (schema {}) holds {}.",
        candidate.path.display(),
        candidate.schema,
        holds(&candidate.held)
    )?;
    match restore::held_in(&live, None) {
        Some(now) => {
            writeln!(out, "The records {} hold {}.", live.display(), holds(&now))?;
            let since = candidate.held.newest.as_deref().unwrap_or("");
            if let Some(newer) =
                restore::held_in(&live, Some(since)).filter(|n| n.learners + n.answers > 0)
            {
                writeln!(
                    out,
                    "Recorded after the backup's newest record: {} and {}; they stay in the \
                     file set aside, not in the records put back.",
                    count(newer.learners, "learner"),
                    count(newer.answers, "answer")
                )?;
            }
        }
        None if live.exists() => writeln!(
            out,
            "The file at {} cannot be read as records; it is set aside as it is.",
            live.display()
        )?,
        None => {}
    }
    if !yes && !confirm("Put this backup in place of the records? [y/N] ")? {
        writeln!(out, "Nothing was changed.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let done = restore::restore(file, &live)?;
    writeln!(
        out,
        "The records are now those of the backup{}.",
        kept_as(&done)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `hatua restore --empty [--yes]`.
pub fn empty(data_dir: Option<&Path>, yes: bool) -> anyhow::Result<ExitCode> {
    let dir = super::data_folder(data_dir)?;
    let live = dir.join(crate::paths::DATABASE_FILE);
    let mut out = crate::sanitize::stdout();
    if let Some(now) = restore::held_in(&live, None) {
        writeln!(out, "The records {} hold {}.", live.display(), holds(&now))?;
    }
    if live.exists() && !yes && !confirm("Set them aside and start empty records? [y/N] ")? {
        writeln!(out, "Nothing was changed.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let done = restore::start_empty(&live)?;
    crate::store::Store::open(&live)?;
    writeln!(
        out,
        "Empty records begin in {}{}.",
        live.display(),
        kept_as(&done)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Where the records that were in place went, as the end of a sentence.
fn kept_as(done: &restore::Restored) -> String {
    match &done.aside {
        Some(aside) => format!(
            "; the records that were there are kept as {}",
            aside.display()
        ),
        None => String::new(),
    }
}

fn holds(held: &Held) -> String {
    format!(
        "{} and {}{}",
        count(held.learners, "learner"),
        count(held.answers, "answer"),
        match &held.newest {
            Some(at) => format!(", the newest record from {}", shown_time(at)),
            None => String::new(),
        }
    )
}

/// A stored time as `2026-11-28 09:30 UTC`.
fn shown_time(stored: &str) -> String {
    crate::store::parse_time(stored).map_or_else(|| stored.to_string(), crate::desk::when)
}

fn count(n: i64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Asks a yes/no question on the terminal; without one, a script must say --yes.
fn confirm(question: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!(
            "restoring replaces the records, so it asks first: run it in a terminal, or add --yes"
        );
    }
    write!(crate::sanitize::stderr(), "{question}")?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
