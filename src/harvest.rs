//! Records that travel: a site's records exported to a drive as one signed file (xAPI
//! statements for a Learning Record Store, CSV tables for spreadsheets), and many sites'
//! exports merged at a hub. docs/xapi.md describes the file; DESIGN.md, the journey.

pub mod export;
pub mod manifest;
pub mod merge;
pub mod statements;
pub mod tables;

use std::path::{Path, PathBuf};

pub use export::{Planned, Written, plan, write};
pub use merge::{MergeError, Merged, merge_bytes, merge_file};

/// The statements, one JSON object a line.
pub const STATEMENTS_FILE: &str = "statements.jsonl";
/// Who wrote the export and what it holds.
pub const SITE_FILE: &str = "site.toml";

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(
        "cannot write {}: {message}. Check that the drive is plugged in, has space and is not \
         read-only; nothing was marked as exported, so the next export holds these records again",
        path.display()
    )]
    Write { path: PathBuf, message: String },
}

impl ExportError {
    pub fn io(path: &Path, e: std::io::Error) -> ExportError {
        ExportError::Write {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}
