//! The real binary in a real pseudo-terminal, read as a screen: for what only a terminal
//! shows (raw bytes, the alternate screen) and what only a process can do (be killed, lose
//! its terminal).
//!
//! Timeouts here are hang guards, not performance assertions: each step normally takes
//! milliseconds.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use super::HATUA;

pub const TIMEOUT: Duration = Duration::from_secs(20);
pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;

pub const ENTER: &str = "\r";
pub const DOWN: &str = "\x1b[B";

/// Everything the player wrote to the terminal, raw and as a screen.
pub struct Output {
    pub screen: Mutex<vt100::Parser>,
    pub raw: Mutex<Vec<u8>>,
    /// Set once the terminal's other end is closed (the player exited or was killed).
    pub closed: AtomicBool,
}

impl Output {
    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    pub fn raw_len(&self) -> usize {
        self.raw.lock().expect("raw lock").len()
    }
}

/// Polls the parsed screen until `text` is on it. Fails with the screen printed if it does
/// not appear within `timeout`, or if the terminal closes first.
pub fn wait_for(output: &Output, text: &str, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    loop {
        // Read `closed` before the screen: output that arrived before the close is in it.
        let closed = output.closed.load(Ordering::SeqCst);
        let contents = output.contents();
        if contents.contains(text) {
            return;
        }
        if closed {
            panic!(
                "the player's terminal closed before `{text}` appeared; the screen:\n{contents}"
            );
        }
        if Instant::now() > deadline {
            panic!("`{text}` did not appear within {timeout:?}; the screen:\n{contents}");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Fails, showing some of them, if any byte the player wrote is beyond ASCII: what the Linux
/// console without a UTF-8 locale must get.
#[allow(dead_code)]
pub fn assert_ascii(raw: &[u8]) {
    let foreign = raw.iter().filter(|b| **b >= 0x80).count();
    assert!(
        foreign == 0,
        "{foreign} bytes beyond ASCII, e.g. {:?}",
        String::from_utf8_lossy(raw)
            .chars()
            .filter(|c| !c.is_ascii())
            .take(10)
            .collect::<String>()
    );
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The player running in an 80x24 pseudo-terminal. Dropping it kills the player if it is
/// still running, so a failing test leaves no process behind.
pub struct Player {
    pub child: Box<dyn Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub output: Arc<Output>,
    pub master: Option<Box<dyn MasterPty + Send>>,
}

impl Player {
    pub fn start(data_dir: &Path) -> Player {
        Player::start_with(data_dir, &[])
    }

    /// [`Player::start`] with these environment variables set (or, empty, removed) over
    /// the usual ones: another terminal type, another locale, NO_COLOR.
    pub fn start_with(data_dir: &Path, env: &[(&str, &str)]) -> Player {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(HATUA);
        cmd.env("HATUA_DATA_DIR", data_dir);
        cmd.env("TERM", "xterm-256color");
        // A UTF-8 terminal speaking English, whatever the machine running the tests is set
        // to: the locale chooses the language and whether Unicode marks are drawn.
        cmd.env("LANG", "C.UTF-8");
        for var in ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        // Sizes come from the terminal itself, as on a learner's machine.
        cmd.env_remove("COLUMNS");
        cmd.env_remove("LINES");
        cmd.env_remove("RUST_BACKTRACE");
        for (name, value) in env {
            if value.is_empty() {
                cmd.env_remove(name);
            } else {
                cmd.env(name, value);
            }
        }
        cmd.cwd(data_dir);
        let child = pair.slave.spawn_command(cmd).expect("start hatua");
        // Only the player holds the terminal's slave end now, so reading from the master
        // ends when the player does.
        drop(pair.slave);

        let output = Arc::new(Output {
            screen: Mutex::new(vt100::Parser::new(
                NonZeroU16::new(ROWS).expect("rows"),
                NonZeroU16::new(COLS).expect("columns"),
                0,
            )),
            raw: Mutex::new(Vec::new()),
            closed: AtomicBool::new(false),
        });
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        sink.raw
                            .lock()
                            .expect("raw lock")
                            .extend_from_slice(&buf[..n]);
                        sink.screen.lock().expect("screen lock").process(&buf[..n]);
                    }
                }
            }
            sink.closed.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().expect("a writer");
        Player {
            child,
            writer,
            output,
            master: Some(pair.master),
        }
    }

    pub fn press(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("write keys to the terminal");
    }

    /// Presses Down until the library's selected row (`▶`) is the course titled `title`.
    pub fn select(&mut self, title: &str) {
        let wanted = format!("▶ {title}");
        for _ in 0..20 {
            if self.screen().contains(&wanted) {
                return;
            }
            self.press(DOWN);
            std::thread::sleep(Duration::from_millis(50));
        }
        self.wait_for(&wanted);
    }

    pub fn wait_for(&self, text: &str) {
        wait_for(&self.output, text, TIMEOUT);
    }

    pub fn screen(&self) -> String {
        self.output.contents()
    }

    /// Polls until the screen holds one of `texts`, and says which (the first in `texts`
    /// order when several are there). A frame can arrive in several reads, so a screen
    /// counts once it has stayed the same for a moment: half of one frame over the last
    /// would otherwise be taken for a screen of its own.
    pub fn wait_any(&self, texts: &[&str]) -> usize {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if let Some(i) = texts.iter().position(|t| screen.contains(t)) {
                thread::sleep(Duration::from_millis(15));
                if self.screen() == screen {
                    return i;
                }
                continue;
            }
            assert!(
                Instant::now() < deadline,
                "none of {texts:?} appeared within {TIMEOUT:?}; the screen:\n{screen}"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Polls until a line of the screen satisfies `line`, and returns that line; `what`
    /// names it for the failure message.
    #[allow(dead_code)]
    pub fn wait_line(&self, what: &str, line: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if let Some(found) = screen.lines().find(|l| line(l)) {
                return found.to_string();
            }
            assert!(
                Instant::now() < deadline,
                "no line with {what} appeared within {TIMEOUT:?}; the screen:\n{screen}"
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the picker's chosen row (`▶`) is the learner `name`, whether or not a
    /// picture stands between the marker and the name.
    #[allow(dead_code)]
    pub fn wait_chosen(&self, name: &str) {
        self.wait_line(&format!("`{name}` chosen"), |l| {
            let l = l.trim();
            l.starts_with('▶') && (l.ends_with(&format!(" {name}")))
        });
    }

    /// Waits until the screen has not changed for a quarter of a second: a frame can arrive
    /// in several reads, and its first words are not the whole of it (nor is the cursor,
    /// placed after the cells).
    pub fn settle(&self) {
        let deadline = Instant::now() + TIMEOUT;
        let state = |p: &Player| {
            let parser = p.output.screen.lock().expect("screen lock");
            let s = parser.screen();
            (s.contents(), s.cursor_position(), s.hide_cursor())
        };
        let mut last = state(self);
        let mut since = Instant::now();
        while since.elapsed() < Duration::from_millis(250) {
            assert!(Instant::now() < deadline, "the screen never settled");
            thread::sleep(Duration::from_millis(10));
            let now = state(self);
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// Presses `keys` and waits until the screen is no longer what it was.
    pub fn press_and_wait(&mut self, keys: &str) {
        let before = self.screen();
        self.press(keys);
        let deadline = Instant::now() + TIMEOUT;
        while self.screen() == before {
            assert!(
                Instant::now() < deadline,
                "nothing changed after {keys:?}:\n{before}"
            );
            thread::sleep(Duration::from_millis(2));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the player's process id")
    }

    /// SIGKILL, as a power cut would: no handler runs, nothing is flushed or restored.
    /// (portable-pty's `Child::kill` sends SIGHUP first, which a process may handle.)
    pub fn kill_9(&mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-9", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -9 failed: {status:?}");
        self.wait_exit()
    }

    /// Waits for the player to exit, then for the last of its output.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the player") {
                break status;
            }
            if Instant::now() > deadline {
                panic!(
                    "the player did not exit within {TIMEOUT:?}; the screen:\n{}",
                    self.screen()
                );
            }
            thread::sleep(Duration::from_millis(10));
        };
        while !self.output.closed.load(Ordering::SeqCst) {
            if Instant::now() > deadline {
                panic!("the player's terminal stayed open after it exited");
            }
            thread::sleep(Duration::from_millis(10));
        }
        status
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            if let Some(pid) = self.child.process_id() {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            }
            let _ = self.child.wait();
        }
    }
}
