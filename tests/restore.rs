//! `hatua restore` through the real binary: a good backup goes back in place after a
//! confirmation, the records it replaces are set aside whole; anything that is not a good
//! backup of this version's records is refused with a sentence, and nothing changes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::damage::{files_in, garbage_in_the_middle, names_in, records_of, records_with};
use common::run::{run, with_data_dir};

fn hatua(data: &Path, args: &[&str]) -> common::run::Run {
    run(with_data_dir(data, args), "")
}

/// Records of Amina and Grace, a backup of them, then Kwame added after the backup.
fn desk_with_a_backup(data: &Path) -> (PathBuf, PathBuf) {
    let db = records_with(data, &["Amina", "Grace"]);
    hatua(data, &["backup"]).assert_ok();
    let backup = data.join("backups").join(
        files_in(&data.join("backups"))
            .into_iter()
            .find(|n| n.ends_with("-on-demand.db"))
            .unwrap(),
    );
    hatua(data, &["learners", "add", "Kwame"]).assert_ok();
    (db, backup)
}

#[test]
fn a_backup_goes_back_in_place_and_the_records_it_replaces_are_set_aside_whole() {
    let data = tempfile::tempdir().unwrap();
    let (db, backup) = desk_with_a_backup(data.path());
    let path = backup.to_str().unwrap();

    // From a script, no answer can be given: it asks for --yes and changes nothing.
    let asked = hatua(data.path(), &["restore", path]);
    assert_eq!(asked.code(), Some(1), "{}", asked.dump());
    assert!(asked.stderr.contains("add --yes"), "{}", asked.dump());
    assert_eq!(names_in(&db), ["Amina", "Grace", "Kwame"]);

    let done = hatua(data.path(), &["restore", "--yes", path]);
    done.assert_ok();
    assert!(
        done.stdout.contains("holds 2 learners and 0 answers"),
        "{}",
        done.dump()
    );
    assert!(
        done.stdout
            .contains("Recorded after the backup's newest record: 1 learner"),
        "{}",
        done.dump()
    );
    let listed = hatua(data.path(), &["learners", "list"]);
    listed.assert_ok();
    assert!(!listed.stdout.contains("Kwame"), "{}", listed.dump());
    assert!(listed.stdout.contains("Grace"), "{}", listed.dump());

    let aside: Vec<String> = files_in(data.path())
        .into_iter()
        .filter(|n| n.starts_with("hatua.db.before-restore-"))
        .collect();
    // Whole on its own: its -wal was folded in before it was set aside.
    assert_eq!(aside.len(), 1, "{:?}", files_in(data.path()));
    assert!(done.stdout.contains(&aside[0]), "{}", done.dump());
    let kept = data.path().join(&aside[0]);
    assert_eq!(names_in(&kept), ["Amina", "Grace", "Kwame"]);
    assert!(!data.path().join("hatua.db.restoring").exists());
    assert!(backup.exists(), "a backup put back stays a backup");
}

/// The refusal for `file`, with the records left byte for byte as they were.
fn refused(data: &Path, db: &Path, file: &Path, words: &[&str]) {
    let before = fs::read(db).unwrap();
    let files = files_in(data);
    hatua(data, &["restore", "--yes", file.to_str().unwrap()]).assert_refused(words);
    assert_eq!(fs::read(db).unwrap(), before, "{}", file.display());
    assert_eq!(files_in(data), files, "{}", file.display());
}

#[test]
fn what_is_not_a_good_backup_of_these_records_is_refused_and_nothing_changes() {
    let data = tempfile::tempdir().unwrap();
    let (db, backup) = desk_with_a_backup(data.path());
    let other = tempfile::tempdir().unwrap();
    let p = |name: &str| other.path().join(name);

    refused(data.path(), &db, &p("missing.db"), &["does not exist"]);
    fs::create_dir(p("folder.db")).unwrap();
    refused(data.path(), &db, &p("folder.db"), &["is a folder"]);
    fs::write(p("notes.txt"), "my notes\n".repeat(100)).unwrap();
    refused(
        data.path(),
        &db,
        &p("notes.txt"),
        &["not a Hatua backup", "Nothing was changed"],
    );
    rusqlite::Connection::open(p("photos.db"))
        .unwrap()
        .execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
        .unwrap();
    refused(data.path(), &db, &p("photos.db"), &["not one of Hatua's"]);

    fs::copy(&backup, p("newer.db")).unwrap();
    rusqlite::Connection::open(p("newer.db"))
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    refused(
        data.path(),
        &db,
        &p("newer.db"),
        &["newer version of Hatua", "schema 99"],
    );

    let big = tempfile::tempdir().unwrap();
    let damaged = records_of(big.path(), 300);
    garbage_in_the_middle(&damaged);
    refused(
        data.path(),
        &db,
        &damaged,
        &["is damaged", "another backup"],
    );

    fs::copy(&backup, p("half.db")).unwrap();
    common::damage::cut_in_half(&p("half.db"));
    refused(data.path(), &db, &p("half.db"), &["is damaged"]);

    refused(data.path(), &db, &db, &["the records file in use"]);
}

#[test]
fn a_restore_waits_for_no_one_and_refuses_while_another_hatua_has_the_records_open() {
    let data = tempfile::tempdir().unwrap();
    let (db, backup) = desk_with_a_backup(data.path());
    let player = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = player
        .query_row("SELECT count(*) FROM learners", [], |row| row.get(0))
        .unwrap();
    let before = names_in(&db);
    let run = hatua(data.path(), &["restore", "--yes", backup.to_str().unwrap()]);
    // It says what the backup holds, then finds it cannot go on.
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.dump());
    assert!(
        run.stderr.contains("open in another Hatua"),
        "{}",
        run.dump()
    );
    assert!(run.stderr.contains("Nothing was changed"), "{}", run.dump());
    assert_eq!(names_in(&db), before);
    assert!(
        files_in(data.path())
            .iter()
            .all(|n| !n.contains("before-restore"))
    );
    drop(player);
    hatua(data.path(), &["restore", "--yes", backup.to_str().unwrap()]).assert_ok();
}

#[test]
fn empty_records_can_be_started_and_the_old_ones_are_set_aside() {
    let data = tempfile::tempdir().unwrap();
    let (db, _) = desk_with_a_backup(data.path());
    let started = hatua(data.path(), &["restore", "--empty", "--yes"]);
    started.assert_ok();
    assert!(
        started.stdout.contains("Empty records begin"),
        "{}",
        started.dump()
    );
    assert!(names_in(&db).is_empty());
    let aside: Vec<String> = files_in(data.path())
        .into_iter()
        .filter(|n| n.starts_with("hatua.db.before-restore-") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", files_in(data.path()));
    assert_eq!(
        names_in(&data.path().join(&aside[0])),
        ["Amina", "Grace", "Kwame"]
    );
    // A file and --empty at once is a mistake clap names.
    let both = hatua(data.path(), &["restore", "--empty", "x.db"]);
    assert_eq!(both.code(), Some(2), "{}", both.dump());
}
