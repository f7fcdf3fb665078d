//! The log in the data folder (`hatua.log`), as whoever helps a site over the phone reads
//! it: what ran, what went wrong and where a panic happened, and never a learner's name,
//! PIN or answer.

mod common;

use std::fs;
use std::path::Path;

use common::run::{Run, run, start, with_data_dir};

fn hatua(data: &Path, args: &[&str], stdin: &str) -> Run {
    run(with_data_dir(data, args), stdin)
}

fn log_of(data: &Path) -> String {
    fs::read_to_string(data.join("hatua.log")).unwrap_or_default()
}

#[test]
fn a_panic_is_logged_with_its_place_and_command_and_the_message_names_the_log() {
    let data = tempfile::tempdir().expect("a data folder");
    let mut command = with_data_dir(data.path(), &[]);
    command.env("HATUA_FAULT", "panic");
    let crashed = start(command, "").finish_even_a_crash();
    assert_eq!(crashed.code(), Some(101), "{}", crashed.dump());

    let log_path = data.path().join("hatua.log");
    // What the person at the desk reads: everything is kept, and which file to send.
    assert!(
        crashed
            .stderr
            .contains("Every answer shown as saved is kept")
            && crashed
                .stderr
                .contains(&format!("the log, {}", log_path.display())),
        "{}",
        crashed.dump()
    );
    let log = log_of(data.path());
    let panic_line = log
        .lines()
        .find(|l| l.contains("panic:"))
        .unwrap_or_else(|| panic!("no panic in the log:\n{log}"));
    assert!(
        panic_line.contains("ERROR")
            && panic_line.contains("command=\"player\"")
            && panic_line.contains("a panic forced by HATUA_FAULT=panic at src/main.rs:"),
        "{panic_line}"
    );
    // The backtrace follows it, naming the function that panicked.
    assert!(log.contains("hatua::run"), "no backtrace:\n{log}");
    // The start came before, with the version: a phone call starts with "which version?".
    assert!(
        log.find(&format!("start version=\"{}\"", env!("CARGO_PKG_VERSION"))) < log.find("panic:"),
        "{log}"
    );
}

#[test]
fn commands_that_change_data_log_their_start_and_stop_and_no_name_or_pin() {
    let data = tempfile::tempdir().expect("a data folder");
    hatua(
        data.path(),
        &["learners", "add", "Zawadi Wanjiru", "--pin-stdin"],
        "4821\n",
    )
    .assert_ok();
    let log = log_of(data.path());
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines[0].contains("INFO")
            && lines[0].contains("command=\"Learners\"")
            && lines[0].contains("start"),
        "{log}"
    );
    assert!(lines[1].contains("stop"), "{log}");
    for secret in ["Zawadi", "Wanjiru", "4821"] {
        assert!(!log.contains(secret), "the log holds `{secret}`:\n{log}");
    }
}

#[test]
fn a_command_that_only_reads_leaves_no_log_unless_it_fails() {
    let data = tempfile::tempdir().expect("a data folder");
    hatua(data.path(), &["learners", "add", "Amina"], "").assert_ok();
    fs::remove_file(data.path().join("hatua.log")).expect("the add was logged");

    hatua(data.path(), &["learners", "list"], "").assert_ok();
    hatua(data.path(), &["courses"], "").assert_ok();
    assert!(
        !data.path().join("hatua.log").exists(),
        "{}",
        log_of(data.path())
    );

    let missing = hatua(data.path(), &["report", "--course", "no-such-course"], "");
    assert_eq!(missing.code(), Some(1), "{}", missing.dump());
    let log = log_of(data.path());
    let said = missing.stderr.trim().trim_start_matches("hatua: ");
    assert!(
        log.lines()
            .any(|l| l.contains("ERROR") && l.contains("command=\"Report\"") && l.contains(said)),
        "the error is not in the log as the user saw it:\n{said}\n---\n{log}"
    );
}

#[test]
fn a_full_log_is_turned_over_and_the_older_one_kept() {
    let data = tempfile::tempdir().expect("a data folder");
    // A log at its limit, as after months of use.
    let old_line = "2026-01-01T00:00:00.000000Z  INFO hatua{command=\"Import\"}: start\n";
    let full = old_line.repeat(1024 * 1024 / old_line.len());
    fs::write(data.path().join("hatua.log"), &full).expect("write the old log");
    hatua(data.path(), &["learners", "add", "Amina"], "").assert_ok();

    let older = fs::read_to_string(data.path().join("hatua.log.1")).expect("the older log");
    assert!(older.starts_with(&full), "the old lines were kept whole");
    let newer = log_of(data.path());
    assert!(
        newer.lines().last().is_some_and(|l| l.contains("stop")),
        "{newer}"
    );
    for name in ["hatua.log", "hatua.log.1"] {
        let len = fs::metadata(data.path().join(name)).expect("a log").len();
        assert!(len <= 1024 * 1024, "{name} is {len} bytes");
    }
    let mut names: Vec<_> = fs::read_dir(data.path())
        .expect("list the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with("hatua.log"))
        .collect();
    names.sort();
    assert_eq!(names, ["hatua.log", "hatua.log.1"]);
}
