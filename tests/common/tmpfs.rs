//! A small file system of its own for a test: a tmpfs of a given size, mounted on a fresh
//! folder and unmounted when dropped, so a disk can be filled without touching the real
//! one. Mounting needs root (as CI runs); elsewhere the tests that need it say they are
//! skipped, unless HATUA_REQUIRE_TMPFS=1, where a skip is a failure.

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// A tmpfs of `kib` KiB for `test`, or `None` (having said why) where none can be made.
    pub fn mount(test: &str, kib: u64) -> Option<Tmpfs> {
        Tmpfs::mount_with(test, &format!("size={kib}k"))
    }

    /// A tmpfs mounted with `options` (`size=512m,noexec`), or `None` having said why.
    pub fn mount_with(test: &str, options: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = match Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .output()
        {
            Ok(o) if o.status.success() => Ok(Tmpfs { dir }),
            Ok(o) => Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
            Err(e) => Err(e.to_string()),
        }
        .map_err(|why| format!("cannot mount a tmpfs with {options} (needs root): {why}"));
        super::or_skip(test, "HATUA_REQUIRE_TMPFS", mounted)
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system with one file until it takes no more, and returns that file:
    /// removing it gives the space back.
    pub fn fill(&self) -> PathBuf {
        self.fill_leaving(0)
    }

    /// Fills the file system but for about `kib` KiB.
    pub fn fill_leaving(&self, kib: u64) -> PathBuf {
        let path = self.path().join(format!(
            "filler-{}",
            fs::read_dir(self.path()).unwrap().count()
        ));
        let mut f = File::create(&path).unwrap();
        let chunk = vec![0xa5u8; 4096];
        loop {
            match f.write_all(&chunk) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::StorageFull => break,
                Err(e) => panic!("filling the tmpfs: {e}"),
            }
        }
        let _ = f.sync_all();
        if kib > 0 {
            let len = f.metadata().unwrap().len();
            f.set_len(len.saturating_sub(kib * 1024)).unwrap();
        }
        path
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}
