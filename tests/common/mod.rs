//! Helpers shared by the integration tests: where the fixtures are, copying a course folder,
//! running the binary.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of the helpers"
)]

pub mod damage;
pub mod lrs;
pub mod powercut;
pub mod pty;
pub mod records;
pub mod run;
pub mod tmpfs;

use std::fs;
use std::path::{Path, PathBuf};

/// `found`, or `None` having said on stderr why `test` is skipped here. Where the
/// environment variable `require` is `1` (as CI sets it), a skip is a failure instead.
pub fn or_skip<T>(test: &str, require: &str, found: Result<T, String>) -> Option<T> {
    match found {
        Ok(found) => Some(found),
        Err(why) => {
            assert!(
                std::env::var(require).as_deref() != Ok("1"),
                "{test}: {require}=1 but it cannot run here: {why}"
            );
            eprintln!("SKIPPED {test}: {why}");
            None
        }
    }
}

/// Whether the tests run as root (mounting, chroot and dpkg need it).
pub fn is_root() -> bool {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        == Some("0")
}

/// The built binary under test.
pub const HATUA: &str = env!("CARGO_BIN_EXE_hatua");

/// Points for a test's literal score.
pub fn pts(value: f64) -> hatua::quiz::Points {
    hatua::quiz::Points::new(value).expect("a test's points are finite")
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies the folder `from` (recursively) to `to`, creating `to` and its parents.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries =
        fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("cannot copy {}: {e}", entry.path().display()));
        }
    }
}

/// Installs the fixture `name` into `<data_dir>/courses/<folder>`, as `hatua import` would.
pub fn install_fixture(name: &str, data_dir: &Path, folder: &str) {
    copy_dir(&fixture(name), &data_dir.join("courses").join(folder));
}
