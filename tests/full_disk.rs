//! A full disk, for real: a small tmpfs filled to the last block. An answer that cannot be
//! committed is never shown as saved, stays on screen, and goes in once there is room;
//! an export to a full drive and an import into a full data folder stop with a sentence
//! and leave nothing half-written. (tests/save_failure.rs covers the same screen with a
//! simulated failure, on any machine.)

mod common;
mod player;

use std::fs;
use std::path::Path;

use common::run::{Run, run, with_data_dir};
use common::tmpfs::Tmpfs;
use hatua::store::Store;
use player::*;

fn hatua(data: &Path, args: &[&str]) -> Run {
    run(with_data_dir(data, args), "")
}

/// Every name in `dir` and below, relative to it, but the filler files.
fn names(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        let rel = entry.strip_prefix(dir).unwrap().display().to_string();
        if !rel.starts_with("filler-") {
            out.push(rel);
        }
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn an_answer_on_a_full_disk_is_not_shown_as_saved_and_goes_in_when_there_is_room() {
    let Some(disk) = Tmpfs::mount("full disk, an answer", 4096) else {
        return;
    };
    let db = disk.path().join("hatua.db");
    let mut p = Player::new(Store::open(&db).unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
    assert!(p.screen().contains("Question 1 of"), "{}", p.screen());

    let filler = disk.fill();
    // The wrong answer "a": its feedback would be "a is the first letter."
    p.press([digit(0), ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains("The disk is full, so nothing was saved"),
        "the learner is told why:\n{screen}"
    );
    for secret in ["a is the first letter", "Not right", "Answer saved"] {
        assert!(!screen.contains(secret), "`{secret}` shows:\n{screen}");
    }
    assert!(
        screen.contains("▶ 1 (•) a"),
        "the choice is still made:\n{screen}"
    );
    let amina = p.learner_id();
    let open = p.store.open_attempt(&amina, "minimal", "check").unwrap();
    assert!(open.is_some_and(|(_, answers)| answers.is_empty()));

    // Trying again while still full changes nothing and breaks nothing.
    p.press([ENTER]);
    assert!(p.screen().contains("The disk is full"), "{}", p.screen());

    fs::remove_file(filler).unwrap();
    p.press([ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains("a is the first letter") && screen.contains("Answer saved"),
        "{screen}"
    );
    drop(p);
    let store = Store::open(&db).unwrap();
    let (_, answers) = store
        .open_attempt(&amina, "minimal", "check")
        .unwrap()
        .unwrap();
    assert_eq!(answers.len(), 1, "one answer, not two");
    let ok: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn an_export_to_a_full_drive_leaves_no_file_and_marks_nothing_exported() {
    let Some(drive) = Tmpfs::mount("full disk, an export", 1024) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(&data.path().join("hatua.db")).unwrap();
        let course = common::records::minimal();
        for n in 0..40 {
            let learner = store.add_learner(&format!("Learner {n}"), None).unwrap().id;
            common::records::read_lessons(&mut store, &learner, &course);
            common::records::attempt(
                &mut store,
                &learner,
                &course,
                "check",
                common::records::right,
            );
        }
    }
    let filler = drive.fill_leaving(8);
    let to = drive.path().display().to_string();
    let r = hatua(data.path(), &["export", "--to", &to]);
    r.assert_no_panic();
    assert_eq!(r.code(), Some(1), "{}", r.dump());
    assert!(
        r.stderr.starts_with("hatua: the drive is full") && r.stderr.lines().count() == 1,
        "one sentence that says the drive is full:\n{}",
        r.dump()
    );
    assert_eq!(
        names(drive.path()),
        Vec::<String>::new(),
        "nothing left on the drive"
    );

    // With room, the next export holds everything: the failed one marked nothing.
    fs::remove_file(filler).unwrap();
    let r = hatua(data.path(), &["export", "--to", &to]);
    assert_eq!(r.code(), Some(0), "{}", r.dump());
    let files = names(drive.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let hub = tempfile::tempdir().unwrap();
    let merged = hatua(
        hub.path(),
        &["merge", &drive.path().join(&files[0]).display().to_string()],
    );
    assert_eq!(merged.code(), Some(0), "{}", merged.dump());
    let store = Store::open(&hub.path().join("hatua.db")).unwrap();
    let learners = hatua::store::tally::Learners::All;
    let h = store
        .harvest_of(&learners, hatua::store::harvest::Range::All)
        .unwrap();
    assert_eq!(h.learners.len(), 40, "every learner reached the hub");
    assert_eq!(h.answers.len(), 40 * 3, "every answer reached the hub");
}

#[test]
fn an_import_into_a_full_data_folder_installs_nothing_half_and_works_with_room() {
    let Some(disk) = Tmpfs::mount("full disk, an import", 2048) else {
        return;
    };
    let bundle = tempfile::tempdir().unwrap();
    let zip = bundle.path().join("all-types.zip");
    hatua::bundle::pack(&common::fixture("all-types"), &zip, None).unwrap();
    let data = disk.path().join("data");
    hatua(&data, &["learners", "add", "Amina"]).assert_ok();
    let before = names(&data);

    let filler = disk.fill_leaving(4);
    let r = hatua(&data, &["import", &zip.display().to_string()]);
    r.assert_no_panic();
    assert_eq!(r.code(), Some(1), "{}", r.dump());
    assert!(
        r.stdout.contains("The disk is full: Hatua could not write"),
        "says the disk is full:
{}",
        r.dump()
    );
    // The courses folder and its lock are made before anything is written into it.
    let after: Vec<String> = names(&data)
        .into_iter()
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .filter(|n| n != "courses" && n != "courses/.install.lock")
        .collect();
    let before: Vec<String> = before
        .into_iter()
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(after, before, "nothing half-installed, nothing left over");

    fs::remove_file(filler).unwrap();
    let r = hatua(&data, &["import", &zip.display().to_string()]);
    assert_eq!(r.code(), Some(0), "{}", r.dump());
    let listed = hatua(&data, &["courses"]);
    assert!(listed.stdout.contains("all-types"), "{}", listed.dump());
}

#[test]
fn the_export_screen_says_the_drive_is_full_in_a_sentence() {
    let Some(drive) = Tmpfs::mount("full disk, the export screen", 1024) else {
        return;
    };
    let usb = drive.path().join("USB");
    fs::create_dir(&usb).unwrap();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("hatua.db");
    {
        let mut store = Store::open(&db).unwrap();
        let course = common::records::minimal();
        let learner = store.add_learner("Amina", None).unwrap().id;
        common::records::read_lessons(&mut store, &learner, &course);
        store.set_facilitator_password("trainer-pass").unwrap();
    }
    let mut p = Player::new(Store::open(&db).unwrap(), (80, 24));
    p.app.data_dir = Some(data.path().to_path_buf());
    p.app.drive_patterns = vec![format!("{}/*", drive.path().display())];
    p.press([F2]);
    p.type_text("trainer-pass");
    p.press([ENTER, DOWN, ch('e')]);
    p.run_jobs(data.path());
    let filler = drive.fill();
    p.press([ENTER]);
    p.run_jobs(data.path());
    let screen = p.screen();
    assert!(
        screen.contains("The drive is full"),
        "the facilitator is told why, in a sentence:\n{screen}"
    );
    assert!(!screen.contains("os error"), "{screen}");
    fs::remove_file(filler).unwrap();
    let files: Vec<String> = names(&usb)
        .into_iter()
        .filter(|n| !usb.join(n).is_dir())
        .collect();
    assert_eq!(files, Vec::<String>::new(), "no file left on the drive");
}
