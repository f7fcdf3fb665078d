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
    #[error(
        "the drive is full: {} could not be written. Free some space on it, or use another \
         drive; nothing was marked as exported, so the next export holds these records again",
        path.display()
    )]
    Full { path: PathBuf },
}

impl ExportError {
    pub fn io(path: &Path, e: std::io::Error) -> ExportError {
        if e.kind() == std::io::ErrorKind::StorageFull {
            return ExportError::Full {
                path: path.to_path_buf(),
            };
        }
        ExportError::Write {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }
}

/// The export files among `paths`: files as given, folders searched one level down.
pub fn export_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|f| {
                    f.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(".hatua-records.zip") && !n.starts_with('.'))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    files
}
