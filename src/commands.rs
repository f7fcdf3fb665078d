//! The non-interactive commands: what they print and their exit codes.

pub mod author;
pub mod backup;
pub mod bundles;
pub mod certificates;
pub mod doctor;
pub mod gift;
pub mod learners;
pub mod records;
pub mod report;
pub mod restore;
pub mod support;
pub mod sync;
pub mod translation;
pub mod validate;

pub use validate::validate;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::desk::Daily;
use crate::library::{Entry, Library, Origin};
use crate::store::Store;

/// The data folder: `--data-dir`, `HATUA_DATA_DIR`, portable mode or the system's.
pub fn data_folder(data_dir: Option<&Path>) -> anyhow::Result<PathBuf> {
    crate::paths::data_dir(data_dir).context(
        "cannot find a folder for Hatua's data on this system; give one with --data-dir DIR",
    )
}

/// The records of the data folder, opened as every start opens them (`desk`): checked, a
/// damaged file set aside, the day's backup made (unless `daily` says the command makes its
/// own). What the start has to say goes to standard error, once; the command goes on.
pub fn open_records(data_dir: Option<&Path>, daily: Daily) -> anyhow::Result<(Store, PathBuf)> {
    let dir = data_folder(data_dir)?;
    let desk = crate::desk::open(&dir, daily)?;
    let mut err = crate::sanitize::stderr();
    for notice in &desk.notices {
        writeln!(err, "hatua: {notice}.")?;
    }
    Ok((desk.store, dir))
}

/// A backup made before a command changes the records in bulk (an export, a merge): a
/// failure is said, and the command goes on.
pub fn backup_before(store: &Store, why: crate::store::backup::Why) -> anyhow::Result<()> {
    if let Some(Err(e)) = store.backup_beside(why) {
        let notice = crate::desk::Notice::Backup(e);
        writeln!(crate::sanitize::stderr(), "hatua: {notice}.")?;
    }
    Ok(())
}

/// `hatua courses`: one line per course, unavailable ones with their first error.
pub fn courses(data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dir = crate::paths::data_dir(data_dir);
    let mut library = Library::load(dir.as_deref());
    // Start-up checks only signatures; a coordinator asking what is installed gets what a
    // learner would meet: a course whose files changed since install is unavailable.
    let installed: Vec<(String, std::path::PathBuf)> = library
        .entries
        .iter()
        .filter_map(|e| match (e.course(), e.origin()) {
            (Some(c), Origin::Installed(dir)) => Some((c.id.clone(), dir.clone())),
            _ => None,
        })
        .collect();
    for (id, folder) in installed {
        if let Err(e) = crate::library::install::verify_installed(&folder, &library.trust) {
            library.refuse(&id, &e.to_string());
        }
    }
    let mut out = crate::sanitize::stdout();
    writeln!(out, "{:<34} {:<9} {:>5}  TITLE", "ID", "VERSION", "ITEMS")
        .context("cannot write to standard output")?;
    for e in &library.entries {
        match e {
            Entry::Ready {
                course,
                origin,
                standing,
            } => writeln!(
                out,
                "{:<34} {:<9} {:>5}  {} ({})",
                course.id,
                course.version,
                course.item_count(),
                course.title,
                match (origin, standing) {
                    (Origin::BuiltIn, _) => "built-in".to_string(),
                    (_, Some(s)) => crate::library::policy::standing_words(s),
                    (_, None) => "unsigned".to_string(),
                }
            )?,
            Entry::Unavailable { name, error, .. } => writeln!(
                out,
                "{:<34} {:<9} {:>5}  unavailable: {}",
                name,
                "-",
                "-",
                error.headline()
            )?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `1 attempt`, `2 attempts`: an English count in the commands' output.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
