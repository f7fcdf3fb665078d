//! Where Hatua keeps its data: `--data-dir`, then `HATUA_DATA_DIR` (both through clap), then
//! portable mode, then the platform's data directory.

use std::path::{Path, PathBuf};

/// A file with this name beside the executable keeps all data beside it (run from a USB drive).
pub const PORTABLE_MARKER: &str = "hatua-portable";

/// The database file's name inside the data dir.
pub const DATABASE_FILE: &str = "hatua.db";

/// Installed courses live in this folder of the data dir, one folder per course.
pub const COURSES_DIR: &str = "courses";

/// Resolves the data directory. `explicit` is `--data-dir` or `HATUA_DATA_DIR`.
pub fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = portable_dir() {
        return Some(dir);
    }
    directories::ProjectDirs::from("org", "Hatua", "hatua").map(|p| p.data_dir().to_path_buf())
}

/// `hatua-data` beside the executable, when the portable marker is there.
pub fn portable_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let beside = exe.parent()?;
    beside
        .join(PORTABLE_MARKER)
        .exists()
        .then(|| beside.join("hatua-data"))
}
