//! kill -9 by the hundred: the real binary in a pty, answering a quiz again and again, is
//! killed with SIGKILL at a random moment — right after Enter sends an answer, while a
//! screen is being drawn, between keys — and after every kill the records are checked:
//! every answer the screen showed as saved is in the database, none is there twice, and
//! `PRAGMA integrity_check` says ok. `hatua import` and `hatua export` are killed the same
//! way, mid-write: an installed course is absent or whole, and an export on the drive is
//! complete or not there under its name.
//!
//! HATUA_KILLS sets how many times the player is killed (12 by default, so `cargo test`
//! stays quick; `.ci/run` asks for 200), and a quarter as many for import and for export.
//! HATUA_KILL_SEED replays a run; the seed is printed. Timeouts are hang guards.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{DOWN, ENTER, Player};
use common::run::{run, with_data_dir};
use rusqlite::Connection;

const LEARNER: &str = "Storm";

fn kills() -> usize {
    std::env::var("HATUA_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
}

/// A small xorshift generator: the moments are random but a run can be replayed.
struct Dice(u64);

impl Dice {
    fn new(test: &str) -> Dice {
        let seed = std::env::var("HATUA_KILL_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("{test}: HATUA_KILL_SEED={seed}");
        Dice(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The `minimal` fixture installed with unlimited attempts, so the storm never runs out.
fn desk() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    common::install_fixture("minimal", data.path(), "minimal");
    let quiz = data.path().join("courses/minimal/quizzes/check.toml");
    let text = std::fs::read_to_string(&quiz).unwrap();
    std::fs::write(&quiz, text.replace("max_attempts = 2", "max_attempts = 0")).unwrap();
    data
}

/// What the records hold, checked: (answers, integrity) and no answer twice.
fn check(db: &Path) -> usize {
    let conn = Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "integrity_check");
    let twice: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (SELECT 1 FROM answers GROUP BY attempt_id, question_id
             HAVING COUNT(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(twice, 0, "an answer recorded twice");
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM answers", [], |r| r.get(0))
        .unwrap();
    n as usize
}

/// One life of the player: from its start to the kill.
struct Life {
    p: Player,
    /// The key press at which the kill comes, and how long after it.
    kill_at: u64,
    delay_us: u64,
    pressed: u64,
    killed: bool,
}

impl Life {
    /// Presses `keys`; if this is the press chosen for the kill, kills the player a moment
    /// after it, and says so.
    fn press(&mut self, keys: &str) -> bool {
        self.p.press(keys);
        self.pressed += 1;
        if self.pressed == self.kill_at {
            std::thread::sleep(Duration::from_micros(self.delay_us));
            self.p.kill_9();
            self.killed = true;
        }
        self.killed
    }
}

/// How the storm stands: answers sent with Enter, and answers the screen called saved.
#[derive(Default)]
struct Tally {
    submitted: usize,
    shown_saved: usize,
}

/// Runs one life: signs in, reaches a question, answers until the kill. Returns once the
/// player is dead, the tally brought up to what its last screen showed.
fn life(data: &Path, dice: &mut Dice, tally: &mut Tally) {
    let kill_at = 1 + dice.below(14);
    // From 0 (at once, mid-redraw) to 20 ms: across the commit and the next frame.
    let delay_us = dice.below(20_000);
    let mut l = Life {
        p: Player::start(data),
        kill_at,
        delay_us,
        pressed: 0,
        killed: false,
    };
    l.p.wait_for("Who is learning?");
    if l.press(LEARNER) {
        return;
    }
    // A new learner the first time, her own row after: chosen, her picture, her name.
    l.p.wait_line("Storm's row", |row| {
        row.contains("“Storm”")
            || (row.trim_start().starts_with('▶') && row.trim_end().ends_with(" Storm"))
    });
    if l.press(ENTER) {
        return;
    }
    loop {
        let at = l.p.wait_any(&[
            "Welcome, Storm!",
            "unfinished attempt",
            "Press Enter to start",
            "Answer saved",
            "Question ",
            "r try again",
            "The only module",
            "Courses",
        ]);
        let keys = match at {
            0..=3 => ENTER,
            4 => {
                // A question: pick the first choice, then send it.
                let question = question_number(&l.p.screen());
                if l.press("1") {
                    return;
                }
                l.p.wait_any(&["(•)", "[x]"]);
                tally.submitted += 1;
                if l.press(ENTER) {
                    // Killed right after Enter: did the screen get to say "saved"?
                    let last = l.p.screen();
                    if last.contains("Answer saved") && question_number(&last) == question {
                        tally.shown_saved += 1;
                    }
                    return;
                }
                let saved = l.p.wait_any(&["Answer saved", "nothing was saved"]);
                assert_eq!(saved, 0, "the save failed:\n{}", l.p.screen());
                tally.shown_saved += 1;
                continue;
            }
            5 => "r",
            6 => {
                // The quiz is the third item.
                if l.press(DOWN) || l.press(DOWN) {
                    return;
                }
                l.p.wait_any(&["▶ ○ Check", "▶ ◐ Check", "▶ ✓ Check", "▶ ✗ Check"]);
                ENTER
            }
            _ => {
                l.p.select("A minimal course");
                ENTER
            }
        };
        let before = l.p.screen();
        if l.press(keys) {
            return;
        }
        // The next screen, before reading it again.
        let deadline = Instant::now() + Duration::from_secs(20);
        while l.p.screen() == before {
            assert!(
                Instant::now() < deadline,
                "no change after a key:\n{before}"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// "Question 2 of 3" → 2.
fn question_number(screen: &str) -> Option<u32> {
    let at = screen.find("Question ")?;
    screen[at + 9..].split_whitespace().next()?.parse().ok()
}

#[test]
fn answers_shown_as_saved_survive_kill_9_at_any_moment() {
    let data = desk();
    let db = data.path().join("hatua.db");
    let mut dice = Dice::new("kill_storm player");
    let mut tally = Tally::default();
    let n = kills();
    for k in 0..n {
        life(data.path(), &mut dice, &mut tally);
        if !db.exists() {
            continue; // Killed before the store was made.
        }
        let held = check(&db);
        assert!(
            held >= tally.shown_saved,
            "kill {k}: {held} answers kept, {} shown as saved",
            tally.shown_saved
        );
        assert!(
            held <= tally.submitted,
            "kill {k}: {held} answers kept, only {} sent",
            tally.submitted
        );
    }
    eprintln!(
        "kill_storm player: {n} kills, {} answers sent, {} shown as saved, {} kept",
        tally.submitted,
        tally.shown_saved,
        check(&db)
    );
    assert!(
        tally.shown_saved > 0 || n < 5,
        "the storm never got to save an answer"
    );
}

/// Starts `hatua args…` and kills it after `delay`; whether it was still running.
fn kill_after(data: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = with_data_dir(data, args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill(); // SIGKILL on Unix.
    let _ = child.wait();
    running
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_course_absent_or_whole() {
    let data = tempfile::tempdir().unwrap();
    let bundles = tempfile::tempdir().unwrap();
    let zip = bundles.path().join("all-types.zip");
    hatua::bundle::pack(&common::fixture("all-types"), &zip, None).unwrap();
    let zip = zip.display().to_string();
    let mut dice = Dice::new("kill_storm import");
    let start = Instant::now();
    let whole = run(with_data_dir(data.path(), &["import", &zip, "--force"]), "");
    assert_eq!(whole.code(), Some(0), "{}", whole.dump());
    let span = start.elapsed().as_micros() as u64 * 3 / 2;
    let n = (kills() / 4).max(3);
    let mut cut = 0;
    for _ in 0..n {
        let _ = std::fs::remove_dir_all(data.path().join("courses/all-types"));
        let delay = Duration::from_micros(dice.below(span));
        cut += usize::from(kill_after(data.path(), &["import", &zip, "--force"], delay));
        let listed = run(with_data_dir(data.path(), &["courses"]), "");
        assert_eq!(listed.code(), Some(0), "{}", listed.dump());
        for line in listed.stdout.lines().filter(|l| l.contains("all-types")) {
            assert!(
                !line.contains("unavailable") && !line.contains("changed"),
                "a course half-installed is listed:\n{}",
                listed.dump()
            );
        }
        if data.path().join("hatua.db").exists() {
            check(&data.path().join("hatua.db"));
        }
    }
    // After the storm, an import goes through and leaves nothing of the killed ones.
    let r = run(with_data_dir(data.path(), &["import", &zip, "--force"]), "");
    assert_eq!(r.code(), Some(0), "{}", r.dump());
    let leftovers: Vec<_> = std::fs::read_dir(data.path().join("courses"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".incoming") || n.starts_with(".outgoing"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
    eprintln!("kill_storm import: {n} kills, {cut} while it was still running");
}

#[test]
fn an_export_killed_at_any_moment_leaves_no_file_that_looks_complete() {
    let data = desk();
    // Records to export: one learner's lessons and two attempts, through the store.
    {
        let mut store = hatua::store::Store::open(&data.path().join("hatua.db")).unwrap();
        let course = common::records::minimal();
        for n in 0..60 {
            let l = store.add_learner(&format!("L{n}"), None).unwrap().id;
            common::records::read_lessons(&mut store, &l, &course);
            common::records::attempt(&mut store, &l, &course, "check", common::records::wrong);
            common::records::attempt(&mut store, &l, &course, "check", common::records::right);
        }
    }
    let drive = tempfile::tempdir().unwrap();
    let to = drive.path().display().to_string();
    let mut dice = Dice::new("kill_storm export");
    // How long one export takes here, so that kills fall across all of it and some after.
    let start = Instant::now();
    let whole = run(
        with_data_dir(data.path(), &["export", "--to", &to, "--all"]),
        "",
    );
    assert_eq!(whole.code(), Some(0), "{}", whole.dump());
    let span = start.elapsed().as_micros() as u64 * 3 / 2;
    let n = (kills() / 4).max(3);
    let mut cut = 0;
    for _ in 0..n {
        let delay = Duration::from_micros(dice.below(span));
        cut += usize::from(kill_after(
            data.path(),
            &["export", "--to", &to, "--all"],
            delay,
        ));
        check(&data.path().join("hatua.db"));
    }
    // Every file under an export's name merges whole into a hub.
    let mut files = 0;
    for entry in std::fs::read_dir(drive.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // A temporary file, never taken for an export.
        }
        files += 1;
        let hub = tempfile::tempdir().unwrap();
        let r = run(
            with_data_dir(hub.path(), &["merge", &path.display().to_string()]),
            "",
        );
        assert_eq!(
            r.code(),
            Some(0),
            "{name} looks complete but is not:\n{}",
            r.dump()
        );
    }
    eprintln!(
        "kill_storm export: {n} kills, {cut} while it was still running, {files} whole files"
    );
}
