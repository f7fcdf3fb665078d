//! powercutfs (`.ci/powercut/`) from the tests: a FUSE file system that holds every write
//! not yet synced in memory and throws it away at a "power cut", leaving on its backing
//! folder exactly what a disk would hold after one.
//!
//! It runs where a test may mount file systems: as root, with `/dev/fuse`, and with the
//! Python environment `.ci/powercut/setup.sh` makes named by `HATUA_POWERCUT_VENV`. Elsewhere
//! a test says it is skipped and why; `HATUA_REQUIRE_POWERCUT=1` (CI) makes that a failure.
//!
//! Timeouts here are hang guards, not performance assertions.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The venv's Python, or why the power-cut tests cannot run here. A skip is a failure
/// where `HATUA_REQUIRE_POWERCUT=1`.
pub fn python_or_skip(test: &str) -> Option<PathBuf> {
    super::or_skip(test, "HATUA_REQUIRE_POWERCUT", python())
}

fn python() -> Result<PathBuf, String> {
    if !super::is_root() {
        return Err("mounting a FUSE file system needs root".into());
    }
    if !Path::new("/dev/fuse").exists() {
        return Err("there is no /dev/fuse".into());
    }
    let venv = std::env::var_os("HATUA_POWERCUT_VENV")
        .ok_or("HATUA_POWERCUT_VENV is not set (.ci/powercut/setup.sh makes the venv)")?;
    let python = Path::new(&venv).join("bin/python");
    if !python.is_file() {
        return Err(format!("{} does not exist", python.display()));
    }
    Ok(python)
}

/// `.ci/powercut/powercutfs.py`.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/powercut/powercutfs.py")
}

/// One mount of powercutfs. Dropping it unmounts (lazily if need be) and stops it.
pub struct PowerCutFs {
    pub mount: PathBuf,
    pub backing: PathBuf,
    control: PathBuf,
    log: PathBuf,
    child: Child,
}

impl PowerCutFs {
    /// Mounts `backing` at `mount` (both folders must exist). With `torn`, a cut keeps a
    /// random half of the pages written since each file's last sync, from that seed.
    pub fn mount(python: &Path, backing: &Path, mount: &Path, torn: Option<u64>) -> PowerCutFs {
        let control = mount.with_extension("control");
        let log = mount.with_extension("log");
        let _ = std::fs::remove_file(&control);
        let mut cmd = Command::new(python);
        cmd.arg(script())
            .arg(backing)
            .arg(mount)
            .arg("--control")
            .arg(&control)
            .arg("--log")
            .arg(&log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(seed) = torn {
            cmd.arg("--torn").arg(seed.to_string());
        }
        let child = cmd.spawn().expect("start powercutfs");
        let mut fs = PowerCutFs {
            mount: mount.to_path_buf(),
            backing: backing.to_path_buf(),
            control,
            log,
            child,
        };
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if fs
                .try_control("status")
                .is_some_and(|s| s.contains("mounted=1"))
            {
                return fs;
            }
            if let Ok(Some(status)) = fs.child.try_wait() {
                panic!(
                    "powercutfs exited with {status} before mounting:\n{}",
                    fs.log()
                );
            }
            assert!(
                Instant::now() < deadline,
                "powercutfs did not mount:\n{}",
                fs.log()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn try_control(&self, command: &str) -> Option<String> {
        let mut stream = UnixStream::connect(&self.control).ok()?;
        stream.set_read_timeout(Some(TIMEOUT)).ok()?;
        stream.write_all(format!("{command}\n").as_bytes()).ok()?;
        let mut line = String::new();
        BufReader::new(stream).read_line(&mut line).ok()?;
        Some(line.trim().to_string())
    }

    pub fn control(&self, command: &str) -> String {
        let answer = self
            .try_control(command)
            .unwrap_or_else(|| panic!("powercutfs did not answer `{command}`:\n{}", self.log()));
        assert!(answer.starts_with("ok"), "`{command}`: {answer}");
        answer
    }

    /// Cuts the power now; from here on every operation on the mount fails. Says what was
    /// lost (`ok cut lost=FILES:BYTES entries=N`).
    pub fn cut(&self) -> String {
        self.control("cut")
    }

    /// Cuts the power right after the `n`th operation that changes something from now.
    pub fn cut_after(&self, n: u64) {
        self.control(&format!("cut-after {n}"));
    }

    pub fn is_cut(&self) -> bool {
        self.control("status").contains("dead=1")
    }

    /// Operations that changed something since the mount.
    pub fn ops(&self) -> u64 {
        let status = self.control("status");
        status
            .split_whitespace()
            .find_map(|w| w.strip_prefix("ops="))
            .and_then(|n| n.parse().ok())
            .expect("ops= in the status")
    }

    /// Unmounts and waits for the file system to stop. After a cut, the backing folder then
    /// holds what survived it; without one, everything (a clean shutdown).
    pub fn unmount(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if self.child.try_wait().ok().flatten().is_some() {
            return;
        }
        // Busy while a killed process's last file is being let go of: try again a while.
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let status = Command::new("umount")
                .arg(&self.mount)
                .stderr(Stdio::null())
                .status()
                .expect("run umount");
            if status.success() {
                break;
            }
            if Instant::now() > deadline {
                let _ = Command::new("umount").arg("-l").arg(&self.mount).status();
                break;
            }
            thread::sleep(Duration::from_millis(50));
        }
        let deadline = Instant::now() + TIMEOUT;
        while self.child.try_wait().ok().flatten().is_none() {
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("powercutfs did not stop after the unmount:\n{}", self.log());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for PowerCutFs {
    fn drop(&mut self) {
        if !thread::panicking() {
            self.stop();
            return;
        }
        // A failing test: never hang, never leave a mount behind.
        let _ = Command::new("umount").arg("-l").arg(&self.mount).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A small, seeded random number source (splitmix64): the seed is printed, so a failing
/// run can be repeated with `HATUA_POWERCUT_SEED`.
pub struct Dice(u64);

impl Dice {
    pub fn from_env() -> Dice {
        let seed = std::env::var("HATUA_POWERCUT_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
        eprintln!("power cuts seeded with HATUA_POWERCUT_SEED={seed}");
        Dice(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}
