//! `hatua learners …`, `hatua admin init` and `hatua --config` as a site coordinator scripts
//! them: the built binary, run against a temporary data folder, with secrets piped on
//! standard input (never a terminal here), and several processes writing the same file.
//!
//! Every run is given its own data folder (`--data-dir`, or `HATUA_DATA_DIR` where the test
//! says so), so the real user's data is never read or written. Every run is checked for a
//! panic message or a backtrace, which a user must never see.

mod common;

use common::pts;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use common::HATUA;
use common::run::{Pending, Run, start, with_data_dir as command};
use hatua::store::{ItemStatus, LearnerId, PinCheck, Place, Store};
use tempfile::TempDir;
use time::OffsetDateTime;

/// A PIN no UUID, timestamp or hash in the file is likely to contain by chance.
const PIN: &str = "90817263";

const PASSWORD: &str = "correct horse";
const NEW_PASSWORD: &str = "newpassword1";

const COURSE: &str = "minimal";
const QUIZ: &str = "check";

// ---- running the binary --------------------------------------------------------------------

fn hatua(data: &Path, args: &[&str]) -> Run {
    hatua_with_stdin(data, args, "")
}

fn hatua_with_stdin(data: &Path, args: &[&str], stdin: &str) -> Run {
    start(command(data, args), stdin).finish()
}

fn data_dir() -> TempDir {
    tempfile::tempdir().expect("a temporary data dir")
}

fn database(data: &Path) -> PathBuf {
    data.join("hatua.db")
}

fn open_store(data: &Path) -> Store {
    Store::open(&database(data)).expect("open the database the commands wrote")
}

// ---- `learners list`, read back ------------------------------------------------------------

/// One line of `hatua learners list`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: String,
    name: String,
    pin: String,
    state: String,
    last_seen: String,
}

/// Reads `hatua learners list [--all]`: a header, then `ID  NAME  PIN  STATE  LAST SEEN`
/// columns. The name is the only column that may hold spaces, so the others are taken from
/// either end.
fn list(data: &Path, all: bool) -> Vec<Row> {
    let args: &[&str] = if all {
        &["learners", "list", "--all"]
    } else {
        &["learners", "list"]
    };
    let run = hatua(data, args);
    run.assert_ok();
    let mut lines = run.stdout.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(
        header,
        ["ID", "NAME", "PIN", "STATE", "LAST", "SEEN"],
        "{}",
        run.dump()
    );
    lines
        .map(|line| {
            let parse = || -> Option<Row> {
                let (id, rest) = line.split_at_checked(36)?;
                let rest = rest.strip_prefix("  ")?.trim_end();
                let (rest, last_seen) = rest.rsplit_once(' ')?;
                let (rest, state) = rest.trim_end().rsplit_once(' ')?;
                let (name, pin) = rest.trim_end().rsplit_once(' ')?;
                Some(Row {
                    id: id.to_string(),
                    name: name.trim_end().to_string(),
                    pin: pin.to_string(),
                    state: state.to_string(),
                    last_seen: last_seen.to_string(),
                })
            };
            let row =
                parse().unwrap_or_else(|| panic!("cannot read the line {line:?}:\n{}", run.dump()));
            assert_uuid(&row.id);
            row
        })
        .collect()
}

fn assert_uuid(id: &str) {
    let hyphens: Vec<usize> = id.match_indices('-').map(|(i, _)| i).collect();
    assert!(
        id.len() == 36
            && hyphens == [8, 13, 18, 23]
            && id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
        "not a UUID: {id:?}"
    );
}

fn names(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|r| r.name.as_str()).collect()
}

fn row<'a>(rows: &'a [Row], name: &str) -> &'a Row {
    rows.iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no learner `{name}` in the list: {rows:#?}"))
}

/// `hatua learners add <name>`, which must succeed; returns the id it printed.
fn add(data: &Path, name: &str) -> String {
    let run = hatua(data, &["learners", "add", name]);
    run.assert_ok();
    added_id(&run, name)
}

/// The id in `added <name> (<id>)…`.
fn added_id(run: &Run, name: &str) -> String {
    let prefix = format!("added {name} (");
    let id = run
        .stdout
        .strip_prefix(&prefix)
        .and_then(|rest| rest.split_once(')'))
        .map(|(id, _)| id)
        .unwrap_or_else(|| {
            panic!(
                "stdout does not start with `{prefix}<id>)`:\n{}",
                run.dump()
            )
        });
    assert_uuid(id);
    id.to_string()
}

// ---- add and list --------------------------------------------------------------------------

#[test]
fn an_added_learner_is_listed_active_without_a_pin() {
    let data = data_dir();
    let run = hatua(data.path(), &["learners", "add", "Amina"]);
    run.assert_ok();
    let id = added_id(&run, "Amina");
    assert_eq!(
        run.stdout,
        format!("added Amina ({id})\n"),
        "{}",
        run.dump()
    );

    let rows = list(data.path(), false);
    assert_eq!(
        rows,
        [Row {
            id: id.clone(),
            name: "Amina".into(),
            pin: "no".into(),
            state: "active".into(),
            last_seen: "never".into(),
        }]
    );
    assert_eq!(list(data.path(), true), rows);

    let stored = open_store(data.path())
        .learner(&LearnerId(id))
        .expect("read the learner")
        .expect("the learner is in the file");
    assert_eq!(stored.name, "Amina");
    assert!(!stored.has_pin && !stored.archived);
}

#[test]
fn names_in_any_script_come_back_exactly_as_typed() {
    let data = data_dir();
    let names_typed = [
        "أمينة",
        "प्रिया शर्मा",
        "王小明",
        // A zero-width non-joiner, which Persian spelling needs, must survive.
        "فاطمه\u{200c}زهرا",
        "Nguyễn Thị Hương",
    ];
    let mut ids = Vec::new();
    for name in names_typed {
        let run = hatua(data.path(), &["learners", "add", name]);
        run.assert_ok();
        ids.push(added_id(&run, name));
    }

    let rows = list(data.path(), false);
    assert_eq!(rows.len(), names_typed.len(), "{rows:#?}");
    let store = open_store(data.path());
    for (name, id) in names_typed.iter().zip(&ids) {
        let listed = row(&rows, name);
        assert_eq!(listed.name.as_bytes(), name.as_bytes());
        assert_eq!(&listed.id, id);
        let stored = store
            .learner(&LearnerId(id.clone()))
            .expect("read the learner")
            .expect("the learner is in the file");
        assert_eq!(stored.name.as_bytes(), name.as_bytes(), "stored as typed");
    }
}

#[test]
fn a_name_with_terminal_escapes_is_never_listed_with_them() {
    let data = data_dir();
    // Would retitle the window and turn the rest of the table red.
    let run = hatua(
        data.path(),
        &["learners", "add", "Eve\x1b]0;pwned\x07\x1b[31mlyn"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", run.dump());
    for out in [&run.stdout, &run.stderr] {
        assert!(!out.contains(['\x1b', '\x07']), "{}", run.dump());
    }
    let listing = hatua(data.path(), &["learners", "list"]);
    listing.assert_ok();
    assert!(
        !listing.stdout.contains(['\x1b', '\x07']),
        "{}",
        listing.dump()
    );
    assert_eq!(list(data.path(), false).len(), 1);
}

#[test]
fn a_name_already_taken_is_refused_in_any_case() {
    let data = data_dir();
    add(data.path(), "Amina");
    add(data.path(), "Élodie");
    // Case and accents do not make another name; the refusal names who has it.
    for (taken, holder) in [
        ("Amina", "“Amina”"),
        ("amina", "“Amina”"),
        ("  AMINA  ", "“Amina”"),
        ("élodie", "“Élodie”"),
        ("ELODIE", "“Élodie”"),
        ("Âmína", "“Amina”"),
    ] {
        hatua(data.path(), &["learners", "add", taken])
            .assert_refused(&["already a learner called", holder]);
    }
    let rows = list(data.path(), true);
    assert_eq!(names(&rows).len(), 2, "{rows:#?}");
}

// ---- PINs ----------------------------------------------------------------------------------

/// Whether any file in the data folder (the database, its WAL and shared memory) holds
/// `secret` as bytes.
fn files_holding(data: &Path, secret: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut seen = 0;
    for entry in fs::read_dir(data).expect("list the data dir") {
        let path = entry.expect("an entry").path();
        if !path.is_file() {
            continue;
        }
        seen += 1;
        let bytes = fs::read(&path).expect("read a data file");
        if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
            found.push(path);
        }
    }
    assert!(seen > 0, "no file in {}", data.display());
    found
}

#[test]
fn a_pin_from_stdin_is_kept_only_as_a_hash_and_opens_the_profile() {
    let data = data_dir();
    let run = hatua_with_stdin(
        data.path(),
        &["learners", "add", "Grace", "--pin-stdin"],
        &format!("{PIN}\n"),
    );
    run.assert_ok();
    run.assert_silent_about(PIN);
    let id = added_id(&run, "Grace");
    assert_eq!(
        run.stdout,
        format!("added Grace ({id}) with a PIN\n"),
        "no prompt when stdin is not a terminal:\n{}",
        run.dump()
    );

    let rows = list(data.path(), false);
    assert_eq!(row(&rows, "Grace").pin, "yes");
    assert!(database(data.path()).is_file());
    assert_eq!(files_holding(data.path(), PIN), Vec::<PathBuf>::new());

    let mut store = open_store(data.path());
    let grace = LearnerId(id);
    let now = OffsetDateTime::now_utc();
    assert_eq!(
        store
            .check_pin(&grace, "00000000", now)
            .expect("check a PIN"),
        PinCheck::Rejected { tries_left: 4 }
    );
    assert_eq!(
        store.check_pin(&grace, PIN, now).expect("check a PIN"),
        PinCheck::Accepted
    );
    // Closing the last connection copies the WAL into the database file: still no PIN.
    drop(store);
    assert_eq!(files_holding(data.path(), PIN), Vec::<PathBuf>::new());
}

#[test]
fn a_pin_that_is_not_4_to_8_digits_is_refused_and_nobody_is_added() {
    let data = data_dir();
    for bad in ["12", "abcd", "123456789", "12 34", "４８２１"] {
        let run = hatua_with_stdin(
            data.path(),
            &["learners", "add", "Grace", "--pin-stdin"],
            &format!("{bad}\n"),
        );
        run.assert_refused(&["4 to 8 digits"]);
        run.assert_silent_about(bad);
    }
    assert_eq!(list(data.path(), true), []);
}

// ---- rename, archive, remove ---------------------------------------------------------------

#[test]
fn rename_changes_the_name_keeps_the_id_and_refuses_a_taken_name() {
    let data = data_dir();
    let amina = add(data.path(), "Amina");
    add(data.path(), "Grace");

    let run = hatua(data.path(), &["learners", "rename", "Amina", "Amina N."]);
    run.assert_ok();
    assert_eq!(run.stdout, "renamed Amina to Amina N.\n", "{}", run.dump());
    let rows = list(data.path(), false);
    assert_eq!(row(&rows, "Amina N.").id, amina);
    assert!(!names(&rows).contains(&"Amina"), "{rows:#?}");

    for taken in ["Grace", "grace"] {
        hatua(data.path(), &["learners", "rename", "Amina N.", taken])
            .assert_refused(&["already a learner called", "“Grace”"]);
    }
    assert_eq!(list(data.path(), true), rows, "nothing changed");

    // By id, and changing only the case of one's own name.
    hatua(data.path(), &["learners", "rename", &amina, "Amina Njeri"]).assert_ok();
    hatua(
        data.path(),
        &["learners", "rename", "amina njeri", "AMINA NJERI"],
    )
    .assert_ok();
    assert_eq!(row(&list(data.path(), false), "AMINA NJERI").id, amina);
}

/// Gives `learner` progress, a resume place and a quiz attempt with an answer.
fn give_progress(data: &Path, learner: &LearnerId) {
    let mut store = open_store(data);
    store
        .save_position(learner, COURSE, "first", 3)
        .expect("save a position");
    store
        .set_status(learner, COURSE, "first", ItemStatus::Done)
        .expect("set a status");
    store
        .set_last_place(
            learner,
            &Place {
                course_id: COURSE.into(),
                item_id: "first".into(),
            },
        )
        .expect("set the place");
    let attempt = store
        .start_attempt(learner, COURSE, "1.0.0", QUIZ, 7, "{}")
        .expect("start an attempt");
    store
        .record_answer(learner, &attempt, "q1", "b", pts(1.0), pts(1.0), true)
        .expect("record an answer");
}

/// How many rows of each table belong to `learner` (answers through the learner's attempts),
/// read with plain SQL so that no table is missed by the store's API.
fn rows_of(data: &Path, learner: &LearnerId) -> Vec<(&'static str, i64)> {
    let conn = rusqlite::Connection::open(database(data)).expect("open the database");
    let count = |sql: &str| -> i64 {
        conn.query_row(sql, [&learner.0], |row| row.get(0))
            .expect("count rows")
    };
    vec![
        (
            "learners",
            count("SELECT count(*) FROM learners WHERE id = ?1"),
        ),
        (
            "item_progress",
            count("SELECT count(*) FROM item_progress WHERE learner_id = ?1"),
        ),
        (
            "completions",
            count("SELECT count(*) FROM completions WHERE learner_id = ?1"),
        ),
        (
            "places",
            count("SELECT count(*) FROM places WHERE learner_id = ?1"),
        ),
        (
            "attempts",
            count("SELECT count(*) FROM attempts WHERE learner_id = ?1"),
        ),
        (
            "answers",
            count(
                "SELECT count(*) FROM answers
                 WHERE attempt_id IN (SELECT id FROM attempts WHERE learner_id = ?1)",
            ),
        ),
    ]
}

fn all_rows_present(data: &Path, learner: &LearnerId) {
    let counts = rows_of(data, learner);
    assert!(
        counts.iter().all(|&(_, n)| n >= 1),
        "some records are missing: {counts:?}"
    );
}

#[test]
fn archive_hides_a_learner_keeps_the_records_and_undo_brings_them_back() {
    let data = data_dir();
    let amina = LearnerId(add(data.path(), "Amina N."));
    add(data.path(), "Grace");
    give_progress(data.path(), &amina);

    let run = hatua(data.path(), &["learners", "archive", "Amina N."]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "Amina N. archived (records kept)\n",
        "{}",
        run.dump()
    );
    assert_eq!(names(&list(data.path(), false)), ["Grace"]);
    let all = list(data.path(), true);
    assert_eq!(row(&all, "Amina N.").state, "archived");
    assert_eq!(row(&all, "Grace").state, "active");
    all_rows_present(data.path(), &amina);
    // The name stays taken while archived, so bringing the profile back never makes two.
    hatua(data.path(), &["learners", "add", "amina n."]).assert_refused(&["already a learner"]);

    let run = hatua(data.path(), &["learners", "archive", "Amina N.", "--undo"]);
    run.assert_ok();
    assert_eq!(run.stdout, "Amina N. brought back\n", "{}", run.dump());
    let rows = list(data.path(), false);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(row(&rows, "Amina N.").state, "active");
    assert_eq!(row(&rows, "Amina N.").id, amina.0);
    all_rows_present(data.path(), &amina);
}

#[test]
fn remove_asks_for_yes_without_a_terminal_then_deletes_every_record() {
    let data = data_dir();
    let grace = LearnerId(add(data.path(), "Grace"));
    let amina = LearnerId(add(data.path(), "Amina"));
    give_progress(data.path(), &grace);
    give_progress(data.path(), &amina);
    all_rows_present(data.path(), &grace);

    hatua(data.path(), &["learners", "remove", "Grace"]).assert_refused(&["--yes"]);
    assert_eq!(list(data.path(), true).len(), 2);
    all_rows_present(data.path(), &grace);

    let run = hatua(data.path(), &["learners", "remove", "Grace", "--yes"]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "deleted Grace with their records and certificate files; their certificates' codes still check out, without the name\n",
        "{}",
        run.dump()
    );
    assert_eq!(names(&list(data.path(), true)), ["Amina"]);

    let store = open_store(data.path());
    assert_eq!(store.learner(&grace).expect("look Grace up"), None);
    assert_eq!(store.find_learner("Grace").expect("look Grace up"), None);
    assert!(
        store
            .item_progress(&grace, COURSE)
            .expect("read progress")
            .is_empty()
    );
    assert_eq!(store.last_place(&grace).expect("read the place"), None);
    assert!(
        store
            .attempts(&grace, COURSE, QUIZ)
            .expect("read attempts")
            .is_empty()
    );
    drop(store);
    assert!(
        rows_of(data.path(), &grace).iter().all(|&(_, n)| n == 0),
        "Grace's records are left: {:?}",
        rows_of(data.path(), &grace)
    );
    // Amina's records are untouched.
    all_rows_present(data.path(), &amina);
}

#[test]
fn an_unknown_learner_is_named_and_the_full_list_is_pointed_to() {
    let data = data_dir();
    add(data.path(), "Amina");
    let before = list(data.path(), true);
    let commands: [&[&str]; 6] = [
        &["learners", "rename", "Nobody", "Somebody"],
        &["learners", "remove", "Nobody"],
        &["learners", "remove", "Nobody", "--yes"],
        &["learners", "archive", "Nobody"],
        &["learners", "archive", "Nobody", "--undo"],
        &[
            "learners",
            "rename",
            "00000000-0000-4000-8000-000000000000",
            "X",
        ],
    ];
    for args in commands {
        let wanted = args[2];
        hatua(data.path(), args)
            .assert_refused(&[&format!("“{wanted}”"), "hatua learners list --all"]);
    }
    assert_eq!(list(data.path(), true), before, "nothing changed");
}

// ---- the facilitator password --------------------------------------------------------------

fn admin_init(data: &Path, change: bool, stdin: &str) -> Run {
    let mut args = vec!["admin", "init", "--password-stdin"];
    if change {
        args.push("--change");
    }
    hatua_with_stdin(data, &args, stdin)
}

fn password_is(data: &Path, password: &str) -> bool {
    open_store(data)
        .check_facilitator_password(password)
        .expect("check the password")
}

#[test]
fn admin_init_sets_the_password_once_and_changes_it_only_with_the_current_one() {
    let data = data_dir();
    let run = admin_init(data.path(), false, &format!("{PASSWORD}\n"));
    run.assert_ok();
    run.assert_silent_about(PASSWORD);
    assert!(password_is(data.path(), PASSWORD));
    assert!(!password_is(data.path(), "correct horse "));
    assert_eq!(files_holding(data.path(), PASSWORD), Vec::<PathBuf>::new());

    // Again without --change: refused before reading anything.
    admin_init(data.path(), false, &format!("{NEW_PASSWORD}\n"))
        .assert_refused(&["already set", "--change"]);
    assert!(password_is(data.path(), PASSWORD));

    // With a wrong current password.
    let run = admin_init(data.path(), true, &format!("wrong\n{NEW_PASSWORD}\n"));
    run.assert_refused(&[
        "not the current facilitator password",
        "nothing was changed",
    ]);
    run.assert_silent_about(NEW_PASSWORD);
    assert!(password_is(data.path(), PASSWORD));
    assert!(!password_is(data.path(), NEW_PASSWORD));

    // With the right current password but a new one too short.
    admin_init(data.path(), true, &format!("{PASSWORD}\nshort\n"))
        .assert_refused(&["at least 8 characters"]);
    assert!(password_is(data.path(), PASSWORD));

    // Standard input ending before the new password.
    admin_init(data.path(), true, &format!("{PASSWORD}\n"))
        .assert_refused(&["standard input ended"]);
    assert!(password_is(data.path(), PASSWORD));

    let run = admin_init(data.path(), true, &format!("{PASSWORD}\n{NEW_PASSWORD}\n"));
    run.assert_ok();
    run.assert_silent_about(PASSWORD);
    run.assert_silent_about(NEW_PASSWORD);
    assert!(password_is(data.path(), NEW_PASSWORD));
    assert!(!password_is(data.path(), PASSWORD));
    assert_eq!(
        files_holding(data.path(), NEW_PASSWORD),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn admin_init_refuses_a_short_password_and_sets_none() {
    let data = data_dir();
    let run = admin_init(data.path(), false, "short\n");
    run.assert_refused(&["at least 8 characters"]);
    run.assert_silent_about("short");
    let store = open_store(data.path());
    assert!(!store.has_facilitator_password().expect("read the setting"));
}

/// Without `--password-stdin` and with a pipe for stdin, `admin init` reads the password
/// and its confirmation as two lines.
#[test]
fn admin_init_reads_a_piped_password_without_the_flag() {
    let data = data_dir();
    let run = hatua_with_stdin(
        data.path(),
        &["admin", "init"],
        &format!("{PASSWORD}\n{PASSWORD}\n"),
    );
    run.assert_ok();
    assert!(password_is(data.path(), PASSWORD));
}

// ---- several processes on one file ---------------------------------------------------------

#[test]
fn two_dozen_processes_adding_at_once_all_succeed() {
    let data = data_dir();
    // Nothing exists yet: the processes also race to create the file and its schema.
    let pending: Vec<(String, Pending)> = (0..24)
        .map(|i| {
            let name = format!("P{i}");
            let mut command = Command::new(HATUA);
            command
                .args(["learners", "add", &name])
                .env("HATUA_DATA_DIR", data.path());
            (name, start(command, ""))
        })
        .collect();
    let runs: Vec<(String, Run)> = pending
        .into_iter()
        .map(|(name, p)| (name, p.finish()))
        .collect();
    for (name, run) in &runs {
        run.assert_ok();
        added_id(run, name);
    }

    let rows = list(data.path(), false);
    let listed: HashSet<&str> = names(&rows).into_iter().collect();
    let wanted: HashSet<&str> = runs.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(rows.len(), 24, "{rows:#?}");
    assert_eq!(listed, wanted);
    let ids: HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 24, "ids are unique");
}

#[test]
fn two_writers_adding_in_turn_beside_an_open_store_lose_nothing() {
    let data = data_dir();
    let desk = LearnerId(add(data.path(), "Desk"));

    // A long-lived connection, like a player left open, writing all along.
    let stop = Arc::new(AtomicBool::new(false));
    let player = {
        let (path, stop, desk) = (data.path().to_path_buf(), Arc::clone(&stop), desk.clone());
        thread::spawn(move || {
            let mut store = open_store(&path);
            let mut writes = 0u32;
            while !stop.load(Ordering::SeqCst) {
                store
                    .save_position(&desk, COURSE, "first", writes)
                    .expect("the open store keeps writing");
                writes += 1;
                thread::sleep(Duration::from_millis(2));
            }
            writes
        })
    };

    let writers: Vec<JoinHandle<Vec<String>>> = ["A", "B"]
        .into_iter()
        .map(|prefix| {
            let path = data.path().to_path_buf();
            thread::spawn(move || {
                (0..15)
                    .map(|i| {
                        let name = format!("{prefix}{i}");
                        let run = hatua(&path, &["learners", "add", &name]);
                        run.assert_ok();
                        name
                    })
                    .collect()
            })
        })
        .collect();
    let mut wanted: HashSet<String> = writers
        .into_iter()
        .flat_map(|w| w.join().expect("a writer thread"))
        .collect();
    stop.store(true, Ordering::SeqCst);
    let writes = player.join().expect("the player thread");
    assert!(writes > 0);

    wanted.insert("Desk".into());
    let rows = list(data.path(), false);
    let listed: HashSet<String> = rows.iter().map(|r| r.name.clone()).collect();
    assert_eq!(rows.len(), 31, "{rows:#?}");
    assert_eq!(listed, wanted);
    let progress = open_store(data.path())
        .item_progress(&desk, COURSE)
        .expect("read progress");
    assert_eq!(progress["first"].position, writes - 1, "the last write won");
}

// ---- --config ------------------------------------------------------------------------------

/// `hatua --config <file>` with no command: the player, which must refuse a bad config
/// before it touches the terminal or the data folder.
fn player_with_config(text: Option<&str>) -> (TempDir, PathBuf, Run) {
    let work = tempfile::tempdir().expect("a temporary folder");
    let config = work.path().join("config.toml");
    if let Some(text) = text {
        fs::write(&config, text).expect("write the config");
    }
    let data = work.path().join("data");
    let mut command = Command::new(HATUA);
    command
        .arg("--config")
        .arg(&config)
        .env("HATUA_DATA_DIR", &data);
    let run = start(command, "").finish();
    assert_eq!(run.status.code(), Some(1), "{}", run.dump());
    assert!(
        run.stdout.is_empty(),
        "nothing may reach the terminal:\n{}",
        run.dump()
    );
    assert!(!run.stderr.contains('\x1b'), "{}", run.dump());
    assert!(
        !data.exists(),
        "the data folder was touched:\n{}",
        run.dump()
    );
    (work, config, run)
}

#[test]
fn an_unknown_config_key_is_named_with_its_file_and_line() {
    let (_work, config, run) = player_with_config(Some("idle_lock = 5\n"));
    let file = config.display().to_string();
    assert!(run.stderr.starts_with("hatua: "), "{}", run.dump());
    for word in [
        file.as_str(),
        &format!("{file}:1:1:"),
        "`idle_lock`",
        "`idle_lock_minutes`",
    ] {
        assert!(run.stderr.contains(word), "no `{word}`:\n{}", run.dump());
    }
}

#[test]
fn an_unknown_theme_in_the_config_lists_the_themes() {
    let (_work, config, run) = player_with_config(Some("theme = \"neon\"\n"));
    assert!(
        run.stderr.contains(&format!("{}:1:", config.display())),
        "{}",
        run.dump()
    );
    assert!(run.stderr.contains("neon"), "{}", run.dump());
    for theme in hatua::tui::theme::THEMES {
        assert!(run.stderr.contains(theme), "no `{theme}`:\n{}", run.dump());
    }
}

#[test]
fn a_missing_config_file_is_named() {
    let (_work, config, run) = player_with_config(None);
    assert!(run.stderr.starts_with("hatua: "), "{}", run.dump());
    assert!(
        run.stderr.contains(&config.display().to_string()),
        "{}",
        run.dump()
    );
    assert!(run.stderr.contains("--config"), "{}", run.dump());
}

// ---- `learners merge` and `learners grant`, as a coordinator scripts them ---------------------

#[test]
fn a_coordinator_merges_two_profiles_and_grants_attempts_from_a_script() {
    let data = data_dir();
    common::install_fixture(COURSE, data.path(), COURSE);
    hatua(data.path(), &["learners", "add", "Amina Njeri"]).assert_ok();
    hatua(data.path(), &["learners", "add", "amina n"]).assert_ok();
    let other = {
        let mut store = open_store(data.path());
        let other = store.find_learner("amina n").unwrap().unwrap().id;
        store
            .set_status(&other, COURSE, "first", ItemStatus::Done)
            .unwrap();
        other
    };

    // Without --yes and without a terminal, nothing is merged.
    let refused = hatua(
        data.path(),
        &["learners", "merge", "Amina Njeri", "amina n"],
    );
    assert_eq!(refused.code(), Some(1), "{}", refused.dump());
    assert!(
        open_store(data.path())
            .find_learner("amina n")
            .unwrap()
            .is_some()
    );

    hatua(
        data.path(),
        &["learners", "merge", "Amina Njeri", "amina n", "--yes"],
    )
    .assert_no_panic();
    let store = open_store(data.path());
    assert!(
        store.find_learner("amina n").unwrap().is_none(),
        "OTHER is gone"
    );
    let keep = store.find_learner("Amina Njeri").unwrap().unwrap().id;
    assert_ne!(keep, other);
    let progress = store.item_progress(&keep, COURSE).unwrap();
    assert_eq!(
        progress.get("first").map(|p| p.status),
        Some(ItemStatus::Done),
        "her lesson moved"
    );
    drop(store);

    // Two more attempts at the quiz, recorded with who gave them.
    let granted = hatua(
        data.path(),
        &[
            "learners",
            "grant",
            "Amina Njeri",
            "--course",
            COURSE,
            "--quiz",
            QUIZ,
            "--attempts",
            "2",
            "--by",
            "Grace (trainer)",
        ],
    );
    assert_eq!(granted.code(), Some(0), "{}", granted.dump());
    let store = open_store(data.path());
    assert_eq!(store.granted_attempts(&keep, COURSE, QUIZ).unwrap(), 2);
    let bad = hatua(
        data.path(),
        &[
            "learners",
            "grant",
            "Amina Njeri",
            "--course",
            COURSE,
            "--quiz",
            QUIZ,
            "--attempts",
            "0",
        ],
    );
    assert_eq!(bad.code(), Some(2), "clap refuses 0: {}", bad.dump());
}

#[test]
fn a_coordinator_gives_each_learner_a_picture_the_picker_shows() {
    let data = tempfile::tempdir().unwrap();
    let added = hatua(
        data.path(),
        &["learners", "add", "Wanjiru", "--picture", "fish:blue"],
    );
    added.assert_ok();
    assert!(
        added.stdout.contains("with the picture fish:blue"),
        "{}",
        added.dump()
    );
    // A symbol alone takes the first colour no one has with it; `auto` the first free
    // picture, as the New learner screen starts with.
    hatua(
        data.path(),
        &["learners", "add", "Grace", "--picture", "Fish"],
    )
    .assert_ok();
    hatua(
        data.path(),
        &["learners", "add", "Amina", "--picture", "auto"],
    )
    .assert_ok();
    hatua(data.path(), &["learners", "add", "Kwame"]).assert_ok();

    // A mistake names the choices, before any PIN is asked for, and adds no one.
    hatua_with_stdin(
        data.path(),
        &["learners", "add", "Eve", "--picture", "goat", "--pin-stdin"],
        "4821\n",
    )
    .assert_refused(&["`goat` is not a picture", "fish, star"]);
    hatua(
        data.path(),
        &["learners", "add", "Eve", "--picture", "fish:pink"],
    )
    .assert_refused(&["`pink` is not a picture colour", "blue, magenta"]);
    hatua(
        data.path(),
        &["learners", "add", "Eve", "--picture", ":blue"],
    )
    .assert_refused(&["names no picture before the colour", "as `fish:blue`"]);

    let listed = hatua(data.path(), &["learners", "list", "--format", "json"]);
    listed.assert_ok();
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let picture_of = |name: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["name"] == name)
            .unwrap_or_else(|| panic!("{name} is not listed: {listed}"))["picture"]
            .clone()
    };
    assert_eq!(picture_of("Wanjiru"), "fish:blue");
    assert_eq!(picture_of("Grace"), "fish:red");
    assert_eq!(picture_of("Amina"), "sun:red");
    assert_eq!(picture_of("Kwame"), serde_json::Value::Null);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["name"] != "Eve"),
        "{listed}"
    );

    // At the desk, each row starts with the learner's picture.
    let player = common::pty::Player::start(data.path());
    player.wait_for("Who is learning?");
    player.wait_for("Wanjiru");
    let screen = player.screen();
    for (picture, name) in [
        (" ><> ", "Wanjiru"),
        (" ><> ", "Grace"),
        ("\\(O)/", "Amina"),
    ] {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(picture) && l.trim_end().ends_with(name)),
            "no {picture} by {name}:\n{screen}"
        );
    }
}
