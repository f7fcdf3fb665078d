//! Opening a very large installed course in the real binary: how long until its outline is
//! on screen, the second time too, and how much memory the player holds while a lesson of it
//! is read. Driven in an 80x24 pseudo-terminal as a learner would.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The player in a pseudo-terminal, its screen kept up to date by a reader thread.
struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(data_dir: &Path) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hatua"));
        cmd.env("HATUA_DATA_DIR", data_dir);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            writer: pair.master.take_writer().unwrap(),
            child,
            screen,
            _master: pair.master,
        }
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until `text` is on screen; returns how long that took.
    fn wait_for(&self, text: &str) -> Duration {
        let start = Instant::now();
        loop {
            if self
                .screen
                .lock()
                .unwrap()
                .screen()
                .contents()
                .contains(text)
            {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "`{text}` did not appear:\n{}",
                self.screen.lock().unwrap().screen().contents()
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Resident and peak resident memory, in MB, from /proc.
    fn memory(&self) -> (f64, f64) {
        let pid = self.child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let kb = |key: &str| -> f64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Generates a course of 4,909 lessons of about 22 KB and one quiz (4,910 items, about
/// 107 MB), installs it as `hatua import` would, then opens it twice and reads a lesson.
pub fn run(tmp: &Path) {
    let course = tmp.join("huge");
    super::generate_course(&course, "huge", 4_909, 21_800);
    let data = tmp.join("huge-data");
    let (rows, _) = hatua::library::install::import(
        &data,
        std::slice::from_ref(&course),
        Default::default(),
        &hatua::bundle::TrustStore::default(),
        &mut |_, _| {},
    );
    assert_eq!(
        rows[0].outcome,
        hatua::library::install::Outcome::Installed,
        "{:?}",
        rows[0].reason
    );
    let mut s = Session::start(&data);
    s.wait_for("Who is learning?");
    s.press("Bench\r");
    s.wait_for("Welcome, Bench!");
    s.press("\r");
    s.wait_for("Courses");
    // Titles sort "CEDAW…", "Course huge", …: the second row.
    s.press("\x1b[B");
    s.wait_for("▶ Course huge");
    s.press("\r");
    let open = s.wait_for("Module 0");
    let (rss_open, peak_open) = s.memory();
    s.press("q");
    s.wait_for("▶ Course huge");
    s.press("\r");
    let reopen = s.wait_for("Module 0");
    s.press("\r");
    s.wait_for("Lesson 0");
    let (rss_lesson, peak) = s.memory();
    println!(
        "open a 4,910-item, 107 MB course    {:>10}   (first time: check every file)",
        super::ms(open)
    );
    println!(
        "open it again                       {:>10}",
        super::ms(reopen)
    );
    println!("memory with its outline open        {rss_open:>7.1} MB   (peak {peak_open:.1} MB)");
    println!(
        "memory reading one of its lessons   {rss_lesson:>7.1} MB   (peak {peak:.1} MB; target < 30 MB)"
    );
}
