//! `hatua doctor` as a site coordinator runs it with a trainer on the phone: what it says
//! about a sound installation, and that it finds a damaged records file, a config file
//! with mistakes and a course changed after it was installed — saying what to do, exiting
//! 1, and changing nothing.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::HATUA;
use common::damage::{garbage_in_the_middle, records_of};
use common::run::{Run, run, with_data_dir};

fn hatua(data: &Path, args: &[&str]) -> Run {
    run(with_data_dir(data, args), "")
}

/// Every file under `dir` with its bytes: what "changes nothing" is checked against.
fn tree(dir: &Path) -> Tree {
    Tree(files(dir))
}

#[derive(PartialEq)]
struct Tree(BTreeMap<PathBuf, Vec<u8>>);

/// Names the files that differ, not their bytes.
impl std::fmt::Debug for Tree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(p, b)| (p, b.len())))
            .finish()
    }
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).expect("list a folder") {
            let path = e.expect("an entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = fs::read(&path).expect("read a file");
                // SQLite makes these to read a file in WAL mode, even read-only; empty of
                // records, they go when the next writer closes.
                let name = path.to_string_lossy();
                if name.ends_with("-shm") || (name.ends_with("-wal") && bytes.is_empty()) {
                    continue;
                }
                out.insert(path.clone(), bytes);
            }
        }
    }
    out
}

/// The numbered problems of the summary, each with its "What to do".
fn problems(run: &Run) -> Vec<(String, String)> {
    let lines: Vec<&str> = run.stdout.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .map(|(i, l)| {
            let todo = lines
                .get(i + 1)
                .and_then(|t| t.trim().strip_prefix("What to do: "))
                .unwrap_or_else(|| panic!("no `What to do` after {l}:\n{}", run.dump()));
            (l.split_once(". ").unwrap().1.to_string(), todo.to_string())
        })
        .collect()
}

/// A course made, packed and imported as a trainer would; its installed folder.
fn installed_course(work: &Path, data: &Path) -> PathBuf {
    let course = work.join("course");
    let zip = work.join("course.zip");
    for args in [
        vec!["new", course.to_str().unwrap()],
        vec![
            "pack",
            course.to_str().unwrap(),
            "--output",
            zip.to_str().unwrap(),
        ],
    ] {
        let done = Command::new(HATUA).args(&args).output().expect("run hatua");
        assert!(done.status.success(), "{args:?}: {done:?}");
    }
    hatua(data, &["import", zip.to_str().unwrap()]).assert_ok();
    data.join("courses").join("course")
}

#[test]
fn a_sound_site_hears_everything_it_needs_and_no_problem() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    installed_course(work.path(), &data);
    hatua(&data, &["learners", "add", "Amina"]).assert_ok();
    let before = tree(&data);

    let doctor = hatua(&data, &["doctor"]);
    doctor.assert_ok();
    let out = &doctor.stdout;
    for said in [
        format!("Hatua {} · SQLite 3.", env!("CARGO_PKG_VERSION")),
        "records schema ".to_string(),
        format!("Data folder: {} (given with --data-dir).", data.display()),
        "Config file: ".to_string(),
        format!("Log: {}", data.join("hatua.log").display()),
        "Free space: ".to_string(),
        "Full check (integrity_check): ok.".to_string(),
        "It holds 1 learner and 0 answers".to_string(),
        "1 installed:".to_string(),
        "  course 1.0.0: every file as packed, unsigned.".to_string(),
        "Trusted keys: none".to_string(),
        "Terminal: standard output is not a terminal".to_string(),
        "Support contacts: none set".to_string(),
        "No problems found.".to_string(),
    ] {
        assert!(out.contains(&said), "doctor does not say `{said}`:\n{out}");
    }
    assert_eq!(tree(&data), before, "doctor changed the data folder");
}

#[test]
fn the_data_folder_from_the_environment_is_said_to_come_from_there() {
    let data = tempfile::tempdir().unwrap();
    let mut command = Command::new(HATUA);
    command
        .arg("doctor")
        .env("HATUA_DATA_DIR", data.path())
        .env("LANG", "C.UTF-8");
    let doctor = run(command, "");
    assert!(
        doctor.stdout.contains(&format!(
            "Data folder: {} (from HATUA_DATA_DIR)",
            data.path().display()
        )),
        "{}",
        doctor.dump()
    );
}

#[test]
fn a_damaged_records_file_is_found_with_the_backup_to_put_back() {
    let data = tempfile::tempdir().unwrap();
    let db = records_of(data.path(), 300);
    hatua(data.path(), &["learners", "list"]).assert_ok(); // the day's backup
    garbage_in_the_middle(&db);
    let before = tree(data.path());

    let doctor = hatua(data.path(), &["doctor"]);
    assert_eq!(doctor.code(), Some(1), "{}", doctor.dump());
    assert!(doctor.stdout.contains("found damage"), "{}", doctor.dump());
    let found = problems(&doctor);
    assert_eq!(found.len(), 1, "{}", doctor.dump());
    assert!(found[0].0.contains("is not sound"), "{found:?}");
    assert!(found[0].1.contains("`hatua restore "), "{found:?}");
    assert_eq!(tree(data.path()), before, "doctor changed the data folder");
}

#[test]
fn a_config_file_with_mistakes_is_found_line_by_line() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let config = work.path().join("config.toml");
    fs::write(&config, "idle_lock = 3\ntheme = \"neon\"\n").unwrap();

    let doctor = hatua(
        data.path(),
        &["doctor", "--config", config.to_str().unwrap()],
    );
    assert_eq!(doctor.code(), Some(1), "{}", doctor.dump());
    let name = config.display().to_string();
    for said in [
        format!("Config file: {name} (given with --config) has mistakes:"),
        format!("  {name}:1:1: error: unknown key `idle_lock`"),
        "did you mean `idle_lock_minutes`?".to_string(),
        format!("  {name}:2:9: error: `theme` is `neon`, which is not a theme"),
    ] {
        assert!(
            doctor.stdout.contains(&said),
            "no `{said}`:\n{}",
            doctor.dump()
        );
    }
    let found = problems(&doctor);
    assert_eq!(found.len(), 1, "{}", doctor.dump());
    assert!(found[0].1.contains("Correct each line"), "{found:?}");
    // The rest is still checked and said.
    assert!(doctor.stdout.contains("Courses: "), "{}", doctor.dump());

    // A config file named but not there is a problem too; the default one missing is not.
    fs::remove_file(&config).unwrap();
    let missing = hatua(
        data.path(),
        &["doctor", "--config", config.to_str().unwrap()],
    );
    assert_eq!(missing.code(), Some(1), "{}", missing.dump());
    assert!(
        problems(&missing)[0].0.contains("cannot be read"),
        "{}",
        missing.dump()
    );
}

#[test]
fn a_course_changed_after_it_was_installed_is_named_with_its_file() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let course = installed_course(work.path(), &data);
    // The player has opened it since, so a quick check from metadata would be remembered.
    hatua(&data, &["courses"]).assert_ok();
    let lesson = course.join("lessons/welcome.md");
    let mut text = fs::read_to_string(&lesson).unwrap();
    text.push_str("\nCEDAW was adopted in 1999.\n");
    fs::write(&lesson, text).unwrap();
    fs::remove_file(course.join("quizzes/check.toml")).unwrap();
    let before = tree(&data);

    let doctor = hatua(&data, &["doctor"]);
    assert_eq!(doctor.code(), Some(1), "{}", doctor.dump());
    assert!(
        doctor.stdout.contains(
            "  course 1.0.0: was changed after it was installed: `lessons/welcome.md` was changed."
        ) || doctor.stdout.contains(
            "  course 1.0.0: was changed after it was installed: `quizzes/check.toml` is missing."
        ),
        "{}",
        doctor.dump()
    );
    let found = problems(&doctor);
    assert_eq!(found.len(), 1, "{}", doctor.dump());
    assert!(
        found[0]
            .0
            .contains("The course “My new course” (course) was changed after it was installed"),
        "{found:?}"
    );
    assert!(found[0].1.contains("hatua import --force"), "{found:?}");
    assert_eq!(tree(&data), before, "doctor changed the data folder");
}

#[test]
fn a_damaged_list_of_trusted_keys_is_a_problem() {
    let data = tempfile::tempdir().unwrap();
    fs::write(
        data.path().join("trust.toml"),
        "[[publisher]]\nname = \"Org\"\nkey = \"not-a-key\"\n",
    )
    .unwrap();
    let doctor = hatua(data.path(), &["doctor"]);
    assert_eq!(doctor.code(), Some(1), "{}", doctor.dump());
    let found = problems(&doctor);
    assert_eq!(found.len(), 1, "{}", doctor.dump());
    assert!(found[0].0.contains("trust.toml"), "{found:?}");
}

#[test]
fn new_records_whose_player_was_killed_before_its_first_checkpoint_are_sound() {
    let data = tempfile::tempdir().unwrap();
    let mut player = common::pty::Player::start(data.path());
    player.wait_for("Who is learning?");
    player.press("Zawadi");
    player.wait_for("New learner “Zawadi”");
    player.press(common::pty::ENTER);
    player.wait_for("Welcome, Zawadi!");
    player.press(common::pty::ENTER);
    player.wait_for("Courses");
    player.kill_9();
    // What a power cut or kill -9 leaves of new records: everything in the -wal, the file
    // itself a bare header without Hatua's mark.
    let wal = fs::metadata(data.path().join("hatua.db-wal")).map_or(0, |m| m.len());
    assert!(wal > 0, "the -wal holds the records");

    let doctor = hatua(data.path(), &["doctor"]);
    doctor.assert_ok();
    for said in [
        "this database's own",
        "Full check (integrity_check): ok.",
        "It holds 1 learner and 0 answers",
        "No problems found.",
    ] {
        assert!(
            doctor.stdout.contains(said),
            "no `{said}`:\n{}",
            doctor.dump()
        );
    }
}
