//! The launcher for a USB stick mounted `noexec` (`scripts/launcher/hatua.sh`), on a real
//! `noexec` mount: a small tmpfs, as FAT32 sticks are often mounted. There the binary itself
//! fails with "Permission denied"; through the launcher, a command works, its arguments and
//! exit code pass through, the data folder and the stick's config are the ones beside the
//! launcher, and the temporary copy is gone afterwards, also when the terminal hangs up.
//!
//! Mounting needs root (as CI runs); elsewhere the tests say they are skipped, unless
//! HATUA_REQUIRE_TMPFS=1, where a skip is a failure. Timeouts are hang guards.

#![cfg(unix)]

mod common;

use std::fs;
use std::io::{ErrorKind, Read};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::HATUA;
use common::run::{Run, run};
use common::tmpfs::Tmpfs;

const GUARD: Duration = Duration::from_secs(60);

/// A stick as docs/install.md lays it out: `hatua` and `hatua.sh` side by side. Plus the
/// machine around it: an empty `TMPDIR`, to see the launcher's copy come and go, and an
/// empty `HOME`, to see that no data lands in the system's folders.
struct Stick {
    drive: Tmpfs,
    tmp: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Stick {
    fn new(test: &str) -> Option<Stick> {
        // Big enough for the unoptimised binary.
        let drive = Tmpfs::mount_with(test, "size=512m,noexec,nosuid,nodev")?;
        fs::copy(HATUA, drive.path().join("hatua")).expect("copy the binary onto the drive");
        fs::set_permissions(
            drive.path().join("hatua"),
            fs::Permissions::from_mode(0o755),
        )
        .unwrap();
        let launcher = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/launcher/hatua.sh");
        fs::copy(&launcher, drive.path().join("hatua.sh")).expect("copy the launcher");
        Some(Stick {
            drive,
            tmp: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        })
    }

    fn data(&self) -> PathBuf {
        self.drive.path().join("hatua-data")
    }

    /// `sh /the/stick/hatua.sh args…`, as a site types it: a script on a noexec drive can
    /// still be read by sh. Nothing of this machine's Hatua set-up reaches it.
    fn launcher(&self, args: &[&str]) -> Command {
        let mut command = Command::new("sh");
        self.launch_with(&mut command, args);
        command
    }

    /// [`Stick::launcher`] as a terminal starts it, with the default action for the
    /// signals it sends. A shell ignores a signal that was ignored when it started (as
    /// under `nohup`, or a background job's INT), and can then never trap it.
    fn launcher_in_a_terminal(&self, args: &[&str]) -> Command {
        let mut command = Command::new("env");
        command.args(["--default-signal=HUP,INT,TERM", "sh"]);
        self.launch_with(&mut command, args);
        command
    }

    fn launch_with(&self, command: &mut Command, args: &[&str]) {
        command
            .arg(self.drive.path().join("hatua.sh"))
            .args(args)
            .env("TMPDIR", self.tmp.path())
            .env("HOME", self.home.path())
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("HATUA_DATA_DIR")
            .env_remove("HATUA_PLAIN")
            .env("LANG", "C.UTF-8")
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
    }

    fn run(&self, args: &[&str]) -> Run {
        let ran = run(self.launcher(args), "");
        self.assert_no_copy_left(&ran.dump());
        ran
    }

    /// The launcher's temporary folder is gone.
    fn assert_no_copy_left(&self, context: &str) {
        let left: Vec<_> = fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert!(
            left.is_empty(),
            "the launcher left {left:?} in TMPDIR\n{context}"
        );
    }
}

#[test]
fn a_stick_mounted_noexec_runs_hatua_through_the_launcher() {
    let test = "launcher, noexec drive";
    let Some(stick) = Stick::new(test) else {
        return;
    };

    // The binary on the drive cannot be started: what a site sees without the launcher.
    let direct = Command::new(stick.drive.path().join("hatua"))
        .arg("--version")
        .stdin(Stdio::null())
        .output();
    match direct {
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::PermissionDenied, "{e}");
            assert!(e.to_string().contains("Permission denied"), "{e}");
        }
        Ok(o) => panic!("the binary ran from a noexec drive: {o:?}"),
    }

    let courses = stick.run(&["courses"]);
    courses.assert_ok();
    for id in ["cedaw", "gender-equality-key-concepts"] {
        assert!(courses.stdout.contains(id), "{}", courses.dump());
    }

    // A name with a space arrives as one argument, and the records land on the stick.
    stick.run(&["learners", "add", "Amina Diallo"]).assert_ok();
    assert!(stick.data().join("hatua.db").is_file());
    let list = stick.run(&["learners", "list"]);
    list.assert_ok();
    assert!(list.stdout.contains("Amina Diallo"), "{}", list.dump());
    let home: Vec<_> = fs::read_dir(stick.home.path()).unwrap().collect();
    assert!(home.is_empty(), "data landed in HOME: {home:?}");

    // Hatua's exit code and words come through unchanged.
    let missing = stick.drive.path().join("no-such-course");
    let missing = missing.to_str().unwrap();
    let through = stick.run(&["validate", missing]);
    let mut plain = Command::new(HATUA);
    plain
        .args([
            "--data-dir",
            stick.data().to_str().unwrap(),
            "validate",
            missing,
        ])
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL");
    let direct = run(plain, "");
    assert_ne!(direct.code(), Some(0), "{}", direct.dump());
    assert_eq!(through.code(), direct.code(), "{}", through.dump());
    assert_eq!(through.stderr, direct.stderr);
}

#[test]
fn the_launcher_reads_the_sticks_config_unless_told_otherwise() {
    let test = "launcher, the stick's config";
    let Some(stick) = Stick::new(test) else {
        return;
    };
    fs::create_dir_all(stick.data()).unwrap();
    fs::write(stick.data().join("config.toml"), "install = \"signed\"\n").unwrap();
    let course = Path::new(env!("CARGO_MANIFEST_DIR")).join("courses/cedaw");
    let course = course.to_str().unwrap();

    // The stick's site accepts only signed courses, as portable mode would read it.
    let on_stick = stick.run(&["validate", course]);
    on_stick.assert_ok();
    assert!(
        on_stick.stdout.contains("would refuse it"),
        "{}",
        on_stick.dump()
    );

    // Another data folder, given by the user, brings no stick settings with it.
    let elsewhere = tempfile::tempdir().unwrap();
    let other = stick.run(&[
        "--data-dir",
        elsewhere.path().to_str().unwrap(),
        "validate",
        course,
    ]);
    other.assert_ok();
    assert!(
        other.stdout.contains("would install it"),
        "{}",
        other.dump()
    );
}

#[test]
fn the_launchers_copy_is_removed_when_its_terminal_goes_away() {
    let test = "launcher, signals";
    let Some(stick) = Stick::new(test) else {
        return;
    };
    // What closing the window (HUP), Ctrl-C (INT) or a shutdown (TERM) sends to the whole
    // foreground process group: the launcher and Hatua both.
    for (signal, code) in [("HUP", 129), ("INT", 130), ("TERM", 143)] {
        let mut command = stick.launcher_in_a_terminal(&["--plain"]);
        let mut child = command
            .process_group(0)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("sh starts");
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });

        // The player waits for a name, run from the copy in TMPDIR.
        let deadline = Instant::now() + GUARD;
        let mut seen = Vec::new();
        while !String::from_utf8_lossy(&seen).contains("Your name") {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(chunk) => seen.extend(chunk),
                Err(_) => {
                    child.kill().ok();
                    panic!(
                        "{signal}: the player did not ask for a name:\n{}",
                        String::from_utf8_lossy(&seen)
                    );
                }
            }
        }
        assert_eq!(fs::read_dir(stick.tmp.path()).unwrap().count(), 1);

        let group = format!("-{}", child.id());
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), "--", &group])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{signal} -- {group}");
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                child.kill().ok();
                panic!("{signal}: the launcher did not end");
            }
            thread::sleep(Duration::from_millis(10));
        };
        drop(stdin);
        assert_eq!(status.code(), Some(code), "{signal}");
        stick.assert_no_copy_left(signal);
    }
}
