//! A busy day on one desk, compressed: two players in real terminals answering quizzes as
//! 200 learners take turns at them, while a coordinator's script adds learners in a loop
//! and backups are taken (the day's first, and one now and then with `hatua backup`). Nobody meets "database is locked", every answer shown as saved
//! is kept, the players' memory does not grow, and the WAL is checkpointed rather than
//! growing without bound.
//!
//! HATUA_SOAK_ANSWERS sets the size (10,000 in `.ci/run`; 240 by default, so `cargo test`
//! stays quick). Timeouts are hang guards.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use common::pty::{DOWN, ENTER, Player};
use common::run::{run, with_data_dir};

const LEARNERS: usize = 200;
const CTRL_X: &str = "\x18";

fn answers_wanted() -> usize {
    std::env::var("HATUA_SOAK_ANSWERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(240)
}

fn name(n: usize) -> String {
    format!("Learner {n:03}")
}

/// Resident memory of `pid`, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn wal_size(data: &Path) -> u64 {
    std::fs::metadata(data.join("hatua.db-wal")).map_or(0, |m| m.len())
}

/// What one player did: answers shown as saved, memory halfway and at the end.
struct Shift {
    saved: usize,
    rss_warm: u64,
    rss_end: u64,
}

/// A player that serves `learners` in turn, each for `attempts` attempts, until `quota`
/// answers are saved.
fn shift(data: PathBuf, learners: Vec<usize>, attempts: usize, quota: usize) -> Shift {
    let mut p = Player::start(&data);
    let mut saved = 0;
    let mut rss_warm = 0;
    'learners: for n in learners.into_iter().cycle() {
        let who = name(n);
        p.wait_for("Who is learning?");
        p.press(&who);
        p.wait_chosen(&who);
        p.press_and_wait(ENTER);
        let mut done = 0;
        loop {
            let at = p.wait_any(&[
                "unfinished attempt",
                "Press Enter to start",
                "Question ",
                "r try again",
                "The only module",
                "Courses",
            ]);
            match at {
                0 | 1 => p.press_and_wait(ENTER),
                2 => {
                    let screen = p.screen();
                    assert!(!screen.contains("locked"), "{screen}");
                    p.press("1");
                    p.wait_any(&["(•)", "[x]"]);
                    p.press(ENTER);
                    let ok = p.wait_any(&["Answer saved", "nothing was saved"]);
                    assert_eq!(ok, 0, "an answer was not saved:\n{}", p.screen());
                    saved += 1;
                    p.press_and_wait(ENTER);
                }
                3 => {
                    done += 1;
                    if saved >= quota {
                        break 'learners;
                    }
                    if done == attempts {
                        // The next learner's turn: quick exit back to the picker.
                        p.press(CTRL_X);
                        continue 'learners;
                    }
                    p.press_and_wait("r");
                }
                4 => {
                    // The quiz is the third item.
                    p.press(DOWN);
                    p.press(DOWN);
                    p.wait_any(&["▶ ○ Check", "▶ ◐ Check", "▶ ✓ Check", "▶ ✗ Check"]);
                    p.press_and_wait(ENTER);
                }
                _ => {
                    p.select("A minimal course");
                    p.press_and_wait(ENTER);
                }
            }
            // Halfway: the screens' layouts long since made; from here on only the store's
            // page cache, up to its bound, or a leak could make the player grow.
            if rss_warm == 0 && saved >= quota / 2 {
                rss_warm = rss_kib(p.pid());
            }
        }
    }
    let rss_end = rss_kib(p.pid());
    p.press("\x03");
    p.wait_exit();
    Shift {
        saved,
        rss_warm,
        rss_end,
    }
}

#[test]
fn a_busy_desk_loses_nothing_locks_no_one_and_stays_small() {
    let data = tempfile::tempdir().unwrap();
    common::install_fixture("minimal", data.path(), "minimal");
    let quiz = data.path().join("courses/minimal/quizzes/check.toml");
    let text = std::fs::read_to_string(&quiz).unwrap();
    std::fs::write(&quiz, text.replace("max_attempts = 2", "max_attempts = 0")).unwrap();
    {
        let mut store = hatua::store::Store::open(&data.path().join("hatua.db")).unwrap();
        for n in 0..LEARNERS {
            store.add_learner(&name(n), None).unwrap();
        }
    }
    let wanted = answers_wanted();
    // Every learner gets a turn: 200 turns of whole attempts (3 answers each).
    let attempts = (wanted / 3).div_ceil(LEARNERS).max(1);
    let quota = wanted.div_ceil(2);

    // A coordinator's script adds learners all along; a watcher notes the WAL's size.
    let stop = Arc::new(AtomicBool::new(false));
    let added = Arc::new(AtomicUsize::new(0));
    let backups = Arc::new(AtomicUsize::new(0));
    let script = {
        let (data, stop, added) = (data.path().to_path_buf(), stop.clone(), added.clone());
        let backups = backups.clone();
        thread::spawn(move || {
            let mut wal_most = 0;
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                // A coordinator's day: a profile added, then removed again as a mistake, so
                // the desk keeps its size however long the soak runs.
                let name = format!("Added {}", n / 2);
                let args: &[&str] = if n % 2 == 0 {
                    &["learners", "add", &name]
                } else {
                    &["learners", "remove", "--yes", &name]
                };
                let r = run(with_data_dir(&data, args), "");
                assert_eq!(r.code(), Some(0), "{}", r.dump());
                assert!(!r.stderr.contains("locked"), "{}", r.dump());
                // And now and then a backup, as a trainer takes one to her drive.
                if n % 40 == 39 {
                    let b = run(with_data_dir(&data, &["backup"]), "");
                    assert_eq!(b.code(), Some(0), "{}", b.dump());
                    backups.fetch_add(1, Ordering::SeqCst);
                }
                n += 1;
                added.store(n, Ordering::SeqCst);
                wal_most = wal_most.max(wal_size(&data));
                thread::sleep(Duration::from_millis(50));
            }
            wal_most
        })
    };
    let players: Vec<_> = [0..LEARNERS / 2, LEARNERS / 2..LEARNERS]
        .into_iter()
        .map(|range| {
            let data = data.path().to_path_buf();
            let learners: Vec<usize> = range.collect();
            thread::spawn(move || shift(data, learners, attempts, quota))
        })
        .collect();
    let shifts: Vec<Shift> = players.into_iter().map(|t| t.join().unwrap()).collect();
    stop.store(true, Ordering::SeqCst);
    let wal_most = script.join().unwrap();

    let saved: usize = shifts.iter().map(|s| s.saved).sum();
    let conn = rusqlite::Connection::open(data.path().join("hatua.db")).unwrap();
    let kept: i64 = conn
        .query_row("SELECT COUNT(*) FROM answers", [], |r| r.get(0))
        .unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let learners: i64 = conn
        .query_row("SELECT COUNT(*) FROM learners", [], |r| r.get(0))
        .unwrap();
    let wal_end = wal_size(data.path());
    let commands = added.load(Ordering::SeqCst);
    let figures = format!(
        "soak: {saved} answers shown as saved, {kept} kept; {commands} learners added or \
         removed and {} backups taken meanwhile; WAL at most {wal_most} bytes, {wal_end} at the end; players' RSS \
         (halfway, end) {:?} KiB",
        backups.load(Ordering::SeqCst),
        shifts
            .iter()
            .map(|s| (s.rss_warm, s.rss_end))
            .collect::<Vec<_>>()
    );
    eprintln!("{figures}");
    // Kept where a CI run leaves them, for the figures a passing (and so silent) run makes.
    let _ = std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("soak-figures.txt"),
        &figures,
    );
    assert_eq!(ok, "ok");
    assert_eq!(kept as usize, saved, "every answer shown as saved, once");
    assert_eq!(
        learners as usize,
        LEARNERS + commands % 2,
        "every learner the script added, less those it removed"
    );
    // SQLite checkpoints the WAL every 1,000 pages (4 MiB); readers can hold it a little
    // longer, never without bound.
    assert!(wal_most < 16 << 20, "the WAL grew to {wal_most} bytes");
    // SQLite's page cache (2 MiB by default) still fills as the file grows; a leak of
    // 2 KB an answer would pass it over the 2,500 answers of a CI player's second half.
    for s in &shifts {
        if s.rss_warm > 0 {
            assert!(
                s.rss_end < s.rss_warm + 3 * 1024,
                "a player grew from {} to {} KiB",
                s.rss_warm,
                s.rss_end
            );
        }
    }
}
