//! Power cuts while learners answer: the real binary in a pty, its data folder on powercutfs
//! (`.ci/powercut/`), a file system that keeps unsynced writes in memory and throws them
//! away at a cut, as a power cut throws away the page cache (`kill -9` does not: the kernel
//! still writes the killed process's data out). After each cut the player is killed, the
//! file system unmounted, and what the "disk" kept is checked for what a learner would
//! notice: every answer the screen had called saved is there, nothing is there twice or
//! from nowhere, an unfinished attempt resumes with the answers it had, and SQLite's
//! integrity check passes. The next cycle plays on on what survived.
//!
//! Needs root, /dev/fuse and `HATUA_POWERCUT_VENV` (see `.ci/powercut/README.md`); says
//! SKIPPED otherwise. `HATUA_POWERCUT_CYCLES` (default 40) bounds the cycles and
//! `HATUA_POWERCUT_SEED` repeats a run. Timeouts are hang guards only.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use common::install_fixture;
use common::powercut::{Dice, PowerCutFs, python_or_skip};
use common::pty::{ENTER, Output, Player};
use rusqlite::{Connection, params};

const COURSE_TITLE: &str = "Answers through a power cut";
const QUIZ_ID: &str = "answers";
const QUIZ_TITLE: &str = "Answers kept";
const QUESTIONS: usize = 5;
const LEARNERS: [&str; 3] = ["Amina", "Baraka", "Chiku"];
const SAVED: &str = "Answer saved";

#[test]
fn powercutfs_loses_a_commit_sqlite_did_not_sync_and_keeps_one_it_did() {
    let Some(python) =
        python_or_skip("powercutfs_loses_a_commit_sqlite_did_not_sync_and_keeps_one_it_did")
    else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let (disk, mnt) = (work.path().join("disk"), work.path().join("mnt"));
    std::fs::create_dir_all(&disk).unwrap();
    std::fs::create_dir_all(&mnt).unwrap();
    let fs = PowerCutFs::mount(&python, &disk, &mnt, None);
    // Hatua's own store makes the file, in WAL mode on this file system too.
    drop(hatua::store::Store::open(&mnt.join("hatua.db")).unwrap());
    let conn = Connection::open(mnt.join("hatua.db")).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "the -shm file maps and WAL works on the mount");
    conn.execute_batch(
        "PRAGMA synchronous = FULL; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('synced');
         PRAGMA synchronous = OFF; INSERT INTO t VALUES ('never synced');",
    )
    .unwrap();
    let cut = fs.cut();
    drop(conn);
    fs.unmount();
    assert!(!cut.contains("lost=0:0"), "the cut threw data away: {cut}");
    let after = Connection::open(disk.join("hatua.db")).unwrap();
    let rows: Vec<String> = after
        .prepare("SELECT x FROM t")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        ["synced"],
        "the unsynced commit is lost, the synced one kept"
    );
}

/// How a cycle's power cut is timed, around the Enter that submits an answer.
#[derive(Clone, Copy, Debug)]
enum Moment {
    /// Right after the nth file system write from Enter on: inside the commit.
    AfterWrites(u64),
    /// A few milliseconds after Enter.
    AfterMillis(u64),
    /// As soon as the player starts redrawing after Enter.
    MidRedraw,
    /// As soon as the screen says the answer was saved.
    WhenShownSaved,
}

/// One attempt as the test saw it in one cycle: which answers it submitted, which the
/// screen called saved, and whether the score was shown.
#[derive(Debug, Default)]
struct Seen {
    /// The attempt this cycle resumed, known from the database before it.
    resumed: Option<String>,
    /// Question index → choice index.
    submitted: BTreeMap<usize, usize>,
    saved: BTreeMap<usize, usize>,
    finished: bool,
}

/// What the database on the disk holds, read straight from the file.
struct Records {
    answers: BTreeSet<(String, String, String)>,
    /// The learner's attempts at the quiz, oldest first: (id, finished).
    attempts: Vec<(String, bool)>,
}

impl Records {
    fn read(data: &Path, learner: &str) -> Records {
        let db = data.join("hatua.db");
        if !db.exists() {
            return Records {
                answers: BTreeSet::new(),
                attempts: Vec::new(),
            };
        }
        // Opened as the player would open it first: recovery, upgrades, checks.
        drop(hatua::store::Store::open(&db).expect("the player can open what survived"));
        let conn = Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "integrity_check after a power cut");
        let twice = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            twice(
                "SELECT count(*) FROM (SELECT 1 FROM learners GROUP BY name HAVING count(*) > 1)"
            ),
            0,
            "a learner's profile is there twice"
        );
        assert_eq!(
            twice(
                "SELECT count(*) FROM (SELECT 1 FROM answers GROUP BY attempt_id, question_id
                 HAVING count(*) > 1)"
            ),
            0,
            "a question answered twice in one attempt"
        );
        assert_eq!(
            twice(
                "SELECT count(*) FROM (SELECT 1 FROM attempts a WHERE NOT EXISTS
                 (SELECT 1 FROM attempt_results r WHERE r.attempt_id = a.id)
                 GROUP BY learner_id, course_id, quiz_id HAVING count(*) > 1)"
            ),
            0,
            "two unfinished attempts at one quiz"
        );
        let answers = conn
            .prepare("SELECT attempt_id, question_id, response FROM answers")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let attempts = conn
            .prepare(
                "SELECT a.id, EXISTS (SELECT 1 FROM attempt_results r WHERE r.attempt_id = a.id)
                 FROM attempts a JOIN learners l ON l.id = a.learner_id
                 WHERE l.name = ?1 AND a.quiz_id = ?2 ORDER BY a.started_at, a.rowid",
            )
            .unwrap()
            .query_map(params![learner, QUIZ_ID], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        Records { answers, attempts }
    }

    fn open_attempt(&self) -> Option<&str> {
        self.attempts
            .iter()
            .find(|(_, finished)| !finished)
            .map(|(id, _)| id.as_str())
    }

    fn answered(&self, attempt: &str) -> usize {
        self.answers.iter().filter(|a| a.0 == attempt).count()
    }

    fn learner_exists(data: &Path, name: &str) -> bool {
        let db = data.join("hatua.db");
        db.exists()
            && Connection::open(db)
                .unwrap()
                .query_row(
                    "SELECT count(*) FROM learners WHERE name = ?1",
                    [name],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
                > 0
    }
}

fn question_id(index: usize) -> String {
    format!("q{}", index + 1)
}

fn response(choice: usize) -> String {
    hatua::quiz::grade::Response::Choice(choice).to_record()
}

/// Waits until one of `texts` is on the screen; returns which.
fn wait_any(output: &Output, texts: &[&str]) -> usize {
    let deadline = Instant::now() + common::pty::TIMEOUT;
    loop {
        let screen = output.contents();
        if let Some(i) = texts.iter().position(|t| screen.contains(t)) {
            return i;
        }
        assert!(
            Instant::now() < deadline,
            "none of {texts:?} appeared; the screen:\n{screen}"
        );
        thread::sleep(Duration::from_millis(10));
    }
}

/// The question on screen, from "Question N of 5".
fn question_on_screen(screen: &str) -> Option<usize> {
    let rest = &screen[screen.find("Question ")? + "Question ".len()..];
    let n: usize = rest.split_whitespace().next()?.parse().ok()?;
    rest.contains(&format!("of {QUESTIONS}")).then(|| n - 1)
}

/// Waits for a question; returns its index.
fn wait_question(player: &Player) -> usize {
    let deadline = Instant::now() + common::pty::TIMEOUT;
    loop {
        let screen = player.screen();
        if let Some(k) = question_on_screen(&screen) {
            return k;
        }
        assert!(
            Instant::now() < deadline,
            "no question appeared; the screen:\n{screen}"
        );
        thread::sleep(Duration::from_millis(10));
    }
}

/// From the score, a new attempt at its first question.
fn try_again(player: &mut Player) {
    player.press("r");
    if wait_any(&player.output, &["Question 1 of", "Press Enter to start"]) == 1 {
        player.press(ENTER);
    }
    player.wait_for(&format!("Question 1 of {QUESTIONS}"));
}

/// Signs `name` in (making the profile the first time) and walks to the quiz's first
/// screen, an intro or a question. Returns the number of answers the intro said an
/// unfinished attempt holds, if it offered one.
fn open_quiz(player: &mut Player, name: &str, exists: bool) -> Option<usize> {
    player.wait_for("Who is learning?");
    player.press(name);
    if exists {
        player.wait_chosen(name);
        player.press(ENTER);
    } else {
        player.wait_for(&format!("New learner “{name}”"));
        player.press(ENTER);
        player.wait_for(&format!("Welcome, {name}!"));
        player.press(ENTER);
    }
    let intro = ["Press Enter to start", "Press Enter to continue it"];
    for _ in 0..10 {
        match wait_any(
            &player.output,
            &[intro[0], intro[1], QUIZ_TITLE, COURSE_TITLE],
        ) {
            0 => return None,
            1 => {
                let screen = player.screen();
                let at = screen.find("unfinished attempt (").expect("the count") + 20;
                return screen[at..].split_whitespace().next()?.parse().ok();
            }
            // The outline (or a lesson) of the course: the quiz is its last item.
            2 => {
                player.press("\x1b[F");
                thread::sleep(Duration::from_millis(50));
                if player.screen().contains(&format!("▶ ○ {QUIZ_TITLE}"))
                    || player.screen().contains(&format!("▶ ◐ {QUIZ_TITLE}"))
                    || player.screen().contains(&format!("▶ ✓ {QUIZ_TITLE}"))
                {
                    player.press(ENTER);
                }
            }
            _ => {
                player.select(COURSE_TITLE);
                player.press(ENTER);
            }
        }
        thread::sleep(Duration::from_millis(50));
    }
    panic!("could not reach the quiz; the screen:\n{}", player.screen());
}

#[test]
fn answers_shown_as_saved_survive_power_cuts() {
    let Some(python) = python_or_skip("answers_shown_as_saved_survive_power_cuts") else {
        return;
    };
    let cycles: usize = std::env::var("HATUA_POWERCUT_CYCLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let mut dice = Dice::from_env();
    let work = tempfile::tempdir().unwrap();
    let (disk, mnt) = (work.path().join("disk"), work.path().join("mnt"));
    std::fs::create_dir_all(&mnt).unwrap();
    install_fixture("power-cut", &disk, "power-cut");

    let (mut shown_saved, mut in_flight_kept, mut in_flight_lost, mut cuts_that_lost) =
        (0, 0, 0, 0);
    for cycle in 0..cycles {
        let name = LEARNERS[cycle % LEARNERS.len()];
        let before = Records::read(&disk, name);
        let exists = Records::learner_exists(&disk, name);
        let torn = (cycle % 2 == 1).then(|| dice.next());
        let fs = PowerCutFs::mount(&python, &disk, &mnt, torn);
        let mut player = Player::start(&mnt);
        let offered = open_quiz(&mut player, name, exists);

        // An unfinished attempt comes back with every answer it had.
        let mut seen = vec![Seen::default()];
        match (before.open_attempt(), offered) {
            (Some(open), Some(n)) => {
                assert_eq!(
                    n,
                    before.answered(open),
                    "cycle {cycle}: the resumed attempt"
                );
                seen[0].resumed = Some(open.to_string());
            }
            (None, None) => {}
            (open, offered) => panic!(
                "cycle {cycle}: the database holds the open attempt {open:?}, the quiz offered \
                 to continue one with {offered:?} answers"
            ),
        }
        player.press(ENTER);
        // An attempt whose every answer was in, but not its end, ends now with the score.
        if wait_any(&player.output, &["Question ", "Score:"]) == 1 {
            seen[0].finished = true;
            try_again(&mut player);
            seen.push(Seen::default());
        }

        let answers = dice.range(1, 8);
        let moment = match cycle % 4 {
            0 => Moment::AfterWrites(dice.range(1, 12)),
            1 => Moment::AfterMillis(dice.range(0, 40)),
            2 => Moment::MidRedraw,
            _ => Moment::WhenShownSaved,
        };
        let mut k = wait_question(&player);
        for given in 1..=answers {
            let choice = dice.range(0, 1) as usize;
            player.press(&(choice + 1).to_string());
            player.wait_for("(•)");
            seen.last_mut().unwrap().submitted.insert(k, choice);
            if given < answers {
                player.press(ENTER);
                player.wait_for(SAVED);
                seen.last_mut().unwrap().saved.insert(k, choice);
                player.press(ENTER);
                if k + 1 < QUESTIONS {
                    k += 1;
                    player.wait_for(&format!("Question {} of {QUESTIONS}", k + 1));
                    continue;
                }
                player.wait_for("Score:");
                seen.last_mut().unwrap().finished = true;
                try_again(&mut player);
                seen.push(Seen::default());
                k = 0;
                continue;
            }
            // The last answer of the cycle: the power goes around its Enter.
            let drawn = player.output.raw_len();
            if let Moment::AfterWrites(n) = moment {
                fs.cut_after(n);
            }
            player.press(ENTER);
            match moment {
                Moment::AfterWrites(_) => {
                    let deadline = Instant::now() + Duration::from_secs(2);
                    while !fs.is_cut() && Instant::now() < deadline {
                        thread::sleep(Duration::from_millis(5));
                    }
                }
                Moment::AfterMillis(ms) => thread::sleep(Duration::from_millis(ms)),
                Moment::MidRedraw => {
                    let deadline = Instant::now() + common::pty::TIMEOUT;
                    while player.output.raw_len() == drawn {
                        assert!(Instant::now() < deadline, "the player never redrew");
                        thread::sleep(Duration::from_micros(200));
                    }
                }
                Moment::WhenShownSaved => player.wait_for(SAVED),
            }
            let cut = fs.cut();
            if !cut.contains("lost=0:0 entries=0") && !cut.contains("already") {
                cuts_that_lost += 1;
            }
            player.kill_9();
            // What the screen showed at the end counts too.
            let screen = player.screen();
            if screen.contains(SAVED) && question_on_screen(&screen) == Some(k) {
                seen.last_mut().unwrap().saved.insert(k, choice);
            }
        }
        drop(player);
        fs.unmount();

        let after = Records::read(&disk, name);
        let missing: Vec<_> = before.answers.difference(&after.answers).collect();
        assert!(
            missing.is_empty(),
            "cycle {cycle}: answers lost: {missing:?}"
        );
        // Attempts in the order they were made: the resumed one, then those started here.
        let new: Vec<&String> = after
            .attempts
            .iter()
            .map(|(id, _)| id)
            .filter(|id| !before.attempts.iter().any(|(b, _)| b == *id))
            .collect();
        let started = seen.iter().filter(|s| s.resumed.is_none()).count();
        assert!(
            new.len() <= started,
            "cycle {cycle}: {} attempts appeared, {started} were started",
            new.len()
        );
        let mut fresh = new.into_iter();
        let mut expected = BTreeSet::new();
        for s in &seen {
            let id = s.resumed.clone().or_else(|| fresh.next().cloned());
            let Some(id) = id else {
                assert!(
                    s.saved.is_empty(),
                    "cycle {cycle}: an attempt whose answers were shown saved is gone: {s:?}"
                );
                continue;
            };
            for (&k, &c) in &s.saved {
                let answer = (id.clone(), question_id(k), response(c));
                assert!(
                    after.answers.contains(&answer),
                    "cycle {cycle}: the screen said saved, the disk lost it: {answer:?}"
                );
                shown_saved += 1;
            }
            if s.finished {
                assert!(
                    after.attempts.iter().any(|(a, done)| *a == id && *done),
                    "cycle {cycle}: the score was shown, the attempt is not finished"
                );
            }
            for (&k, &c) in &s.submitted {
                expected.insert((id.clone(), question_id(k), response(c)));
            }
            let in_flight = s.submitted.len() - s.saved.len();
            let kept = s
                .submitted
                .iter()
                .filter(|(k, _)| !s.saved.contains_key(k))
                .filter(|(k, c)| {
                    after
                        .answers
                        .contains(&(id.clone(), question_id(**k), response(**c)))
                })
                .count();
            in_flight_kept += kept;
            in_flight_lost += in_flight - kept;
        }
        for answer in after.answers.difference(&before.answers) {
            assert!(
                expected.contains(answer),
                "cycle {cycle}: an answer nobody gave: {answer:?}"
            );
        }
    }
    eprintln!(
        "power cuts: {cycles} cycles, {cycles} cuts ({cuts_that_lost} threw unsynced data \
         away); {shown_saved} answers shown as saved, all kept; answers cut mid-save: \
         {in_flight_kept} kept, {in_flight_lost} lost (never shown as saved)"
    );
}
