//! A player whose terminal goes away while it survives the hang-up signal (a launcher that
//! ignores SIGHUP, a traced process) must not spin on end-of-file: it saves what the learner
//! had, as a quick exit does, and exits.
//!
//! The pseudo-terminal is made here rather than with portable-pty, whose reader holds a
//! copy of the master end: the terminal only hangs up when every copy is closed. Timeouts are
//! hang guards, not performance assertions.

#![cfg(unix)]

mod common;

use std::num::NonZeroU16;
use std::os::fd::OwnedFd;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::HATUA;
use hatua::store::{ItemStatus, Store};
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};

const GUARD: Duration = Duration::from_secs(20);

struct Terminal {
    master: Option<OwnedFd>,
    screen: vt100::Parser,
}

impl Terminal {
    /// Starts `hatua` on a new 80x24 pseudo-terminal, with SIGHUP ignored as a launcher
    /// would (`trap '' HUP` survives the `exec`).
    fn start(data: &std::path::Path) -> (Terminal, Child) {
        // CLOEXEC: a copy of the master end in the child would keep the terminal from hanging up.
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("a pseudo-terminal");
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap();
        rustix::termios::tcsetwinsize(
            &slave,
            rustix::termios::Winsize {
                ws_row: 24,
                ws_col: 80,
                ws_xpixel: 0,
                ws_ypixel: 0,
            },
        )
        .unwrap();
        let fd = |f: &std::fs::File| Stdio::from(OwnedFd::from(f.try_clone().unwrap()));
        let child = Command::new("sh")
            .args(["-c", "trap '' HUP; exec \"$0\" --data-dir \"$1\"", HATUA])
            .arg(data)
            .env("TERM", "xterm-256color")
            .env_remove("HATUA_DATA_DIR")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .stdin(fd(&slave))
            .stdout(fd(&slave))
            .stderr(fd(&slave))
            .spawn()
            .expect("start hatua");
        drop(slave);
        let screen = vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        );
        (
            Terminal {
                master: Some(master),
                screen,
            },
            child,
        )
    }

    fn master(&self) -> &OwnedFd {
        self.master.as_ref().expect("the terminal is open")
    }

    /// Reads what the player wrote until `text` is on screen.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + GUARD;
        while !self.screen.screen().contents().contains(text) {
            assert!(
                Instant::now() < deadline,
                "`{text}` did not appear; the screen:\n{}",
                self.screen.screen().contents()
            );
            let mut fds = [PollFd::new(self.master(), PollFlags::IN)];
            let step = Timespec {
                tv_sec: 0,
                tv_nsec: 50_000_000,
            };
            if poll(&mut fds, Some(&step)).unwrap_or(0) == 0 {
                continue;
            }
            let mut buf = [0u8; 8192];
            match rustix::io::read(self.master(), &mut buf) {
                Ok(n) if n > 0 => self.screen.process(&buf[..n]),
                _ => panic!("the terminal closed before `{text}` appeared"),
            }
        }
    }

    fn press(&self, keys: &str) {
        rustix::io::write(self.master(), keys.as_bytes()).unwrap();
    }

    /// Closes the terminal: the window is gone.
    fn hang_up(&mut self) {
        self.master = None;
    }
}

/// The user and system CPU time the process has used so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |n: usize| {
        fields
            .get(n)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

#[test]
fn a_closed_terminal_ends_the_player_and_keeps_the_learners_place() {
    let data = tempfile::tempdir().unwrap();
    let (mut term, mut child) = Terminal::start(data.path());
    term.wait_for("Who is learning?");
    term.press("Amina\r");
    term.wait_for("Welcome, Amina!");
    term.press("\r");
    term.wait_for("Courses");
    // The first course's first lesson, scrolled down a few lines.
    term.press("\r");
    term.wait_for("lesson · not started");
    term.press("\r");
    term.wait_for("%)");
    for _ in 0..4 {
        term.press("\x1b[B");
    }
    term.wait_for("5–");
    let pid = child.id();
    term.hang_up();

    let deadline = Instant::now() + GUARD;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the player is still running {GUARD:?} after its terminal closed, having used {} ticks of CPU",
            cpu_ticks(pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.code().is_some(), "it exited, not killed: {status:?}");

    let store = Store::open(&data.path().join("hatua.db")).unwrap();
    let amina = store.find_learner("Amina").unwrap().unwrap();
    let place = store
        .last_place(&amina.id)
        .unwrap()
        .expect("a place to resume");
    let progress = store.item_progress(&amina.id, &place.course_id).unwrap();
    let lesson = &progress[&place.item_id];
    assert_eq!(lesson.status, ItemStatus::InProgress);
    assert_eq!(
        lesson.position, 4,
        "the line the learner had reached was saved"
    );
}
