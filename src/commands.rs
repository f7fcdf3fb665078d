//! The non-interactive commands: what they print and their exit codes.

pub mod author;
pub mod backup;
pub mod bundles;
pub mod certificates;
pub mod courses;
pub mod doctor;
pub mod generated;
pub mod gift;
pub mod learners;
pub mod records;
pub mod report;
pub mod restore;
pub mod support;
pub mod sync;
pub mod translation;
pub mod validate;

pub use courses::courses;
pub use validate::validate;

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::desk::Daily;
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

/// `1 attempt`, `2 attempts`: an English count in the commands' output.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
