//! Records files in the states a desk finds them in after something went wrong: cut short,
//! overwritten in the middle, beside another database's -wal; and small file systems that
//! fill up or turn read-only.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use hatua::store::Store;

/// A data folder's records with these learners, closed (the -wal folded in).
pub fn records_with(data: &Path, names: &[&str]) -> PathBuf {
    let db = data.join("hatua.db");
    let mut store = Store::open(&db).expect("the records open");
    for name in names {
        store.add_learner(name, None).expect("a learner is added");
    }
    db
}

/// A data folder's records with `n` learners, `Learner 000` to `Learner <n-1>`: large
/// enough (a few hundred KB) to damage in the middle, or to fill a small disk.
pub fn records_of(data: &Path, n: usize) -> PathBuf {
    let names: Vec<String> = (0..n).map(|i| format!("Learner {i:03}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    records_with(data, &names)
}

/// The learners' names in a records file, read without changing it.
pub fn names_in(db: &Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the file opens read-only");
    let mut stmt = conn
        .prepare("SELECT name FROM learners ORDER BY name")
        .expect("learners are readable");
    stmt.query_map([], |row| row.get(0))
        .expect("learners are readable")
        .collect::<Result<_, _>>()
        .expect("learners are readable")
}

/// Cuts the file to half its length, as a copy interrupted half-way leaves it.
pub fn cut_in_half(path: &Path) {
    let len = fs::metadata(path).expect("the file exists").len();
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_len(len / 2))
        .expect("the file is cut");
}

/// Writes 8 KiB of garbage over the middle of the file, on a page boundary.
pub fn garbage_in_the_middle(path: &Path) {
    let mut bytes = fs::read(path).expect("the file is read");
    let at = bytes.len() / 2 / 4096 * 4096;
    assert!(
        bytes.len() >= at + 8192,
        "the file is large enough to damage"
    );
    for (i, b) in bytes[at..at + 8192].iter_mut().enumerate() {
        *b = (i * 7 + 3) as u8;
    }
    fs::write(path, bytes).expect("the file is written");
}

/// Names that `dir` holds, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| {
                    e.expect("an entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A tmpfs mounted on a folder for as long as this lives. Mounting needs root (CI runs as
/// root); elsewhere [`Mount::tmpfs`] says so and gives `None`.
pub struct Mount {
    pub path: PathBuf,
}

impl Mount {
    pub fn tmpfs(path: &Path, size: &str) -> Option<Mount> {
        fs::create_dir_all(path).expect("the mount point is made");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(path)
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("skipped: mounting a tmpfs needs root");
            return None;
        }
        Some(Mount {
            path: path.to_path_buf(),
        })
    }

    /// Makes the file system read-only, as a drive's lock switch would.
    pub fn read_only(&self) {
        let done = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.path)
            .status()
            .expect("mount runs");
        assert!(done.success(), "the tmpfs is remounted read-only");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}
