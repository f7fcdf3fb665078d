//! A damaged records file, through the real binary: each way a file goes wrong is found at
//! start, said in a sentence, and never written to; a file that is Hatua's is set aside with
//! the time and the newest good backup offered, with what it lacks; anything that is not
//! Hatua's is left where it is; `hatua doctor` says what it finds and changes nothing.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::damage::{
    Mount, cut_in_half, files_in, garbage_in_the_middle, names_in, records_of, records_with,
};
use common::pty::{DOWN, ENTER, Player};
use common::run::{run, with_data_dir};

fn hatua(data: &Path, args: &[&str]) -> common::run::Run {
    run(with_data_dir(data, args), "")
}

/// Records large enough to damage in the middle (300 learners), and their day's backup.
fn desk(data: &Path) -> (PathBuf, PathBuf) {
    let db = records_of(data, 300);
    hatua(data, &["learners", "list"]).assert_ok();
    let backups = files_in(&data.join("backups"));
    assert_eq!(backups.len(), 1, "{backups:?}");
    (db, data.join("backups").join(&backups[0]))
}

/// The one file set aside as damaged, and its bytes.
fn set_aside(data: &Path) -> PathBuf {
    let aside: Vec<String> = files_in(data)
        .into_iter()
        .filter(|n| {
            n.starts_with("hatua.db.damaged-") && !n.ends_with("-wal") && !n.ends_with("-shm")
        })
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", files_in(data));
    data.join(&aside[0])
}

/// Damages the records with `damage`, then checks that a command refuses with the offer of
/// the backup, sets the file aside byte for byte, says so again next time, and that the
/// backup then goes back.
fn damaged_then_restored(damage: fn(&Path)) {
    let data = tempfile::tempdir().unwrap();
    let (db, backup) = desk(data.path());
    damage(&db);
    let bytes = fs::read(&db).unwrap();

    let first = hatua(data.path(), &["learners", "list"]);
    first.assert_refused(&[
        "is damaged",
        "set aside as",
        &format!("`hatua restore {}`", backup.display()),
        "what was recorded after",
        "is not in it",
    ]);
    let aside = set_aside(data.path());
    assert!(
        first.stderr.contains(&aside.display().to_string()),
        "{}",
        first.dump()
    );
    assert_eq!(
        fs::read(&aside).unwrap(),
        bytes,
        "set aside without a change"
    );
    assert!(!db.exists());

    // Nothing took its place: the next start says so again, rather than begin empty.
    hatua(data.path(), &["learners", "list"])
        .assert_refused(&["was set aside as damaged", "hatua restore"]);
    assert!(!db.exists());

    hatua(data.path(), &["restore", "--yes", backup.to_str().unwrap()]).assert_ok();
    let listed = hatua(data.path(), &["learners", "list"]);
    listed.assert_ok();
    assert!(listed.stdout.contains("Learner 299"), "{}", listed.dump());
}

#[test]
fn a_file_cut_in_half_is_set_aside_and_the_backup_offered() {
    damaged_then_restored(cut_in_half);
}

#[test]
fn garbage_in_the_middle_is_found_at_start_and_the_backup_offered() {
    damaged_then_restored(garbage_in_the_middle);
}

#[test]
fn a_header_overwritten_is_still_known_as_hatuas_and_set_aside() {
    damaged_then_restored(|db| {
        let mut bytes = fs::read(db).unwrap();
        bytes[..100].fill(0x5a);
        fs::write(db, bytes).unwrap();
    });
}

#[test]
fn an_emptied_file_with_backups_is_damaged_and_an_empty_one_without_is_new() {
    let data = tempfile::tempdir().unwrap();
    let (db, _) = desk(data.path());
    fs::write(&db, b"").unwrap();
    hatua(data.path(), &["learners", "list"]).assert_refused(&["is damaged", "the file is empty"]);

    let fresh = tempfile::tempdir().unwrap();
    fs::write(fresh.path().join("hatua.db"), b"").unwrap();
    hatua(fresh.path(), &["learners", "add", "Amina"]).assert_ok();
}

#[test]
fn with_no_backup_the_message_says_so_and_how_to_start_empty() {
    let data = tempfile::tempdir().unwrap();
    let db = records_of(data.path(), 300);
    garbage_in_the_middle(&db);
    hatua(data.path(), &["learners", "list"]).assert_refused(&[
        "No backup of the records was found",
        "hatua restore --empty",
        "for a specialist",
    ]);
    hatua(data.path(), &["restore", "--empty", "--yes"]).assert_ok();
    hatua(data.path(), &["learners", "add", "Amina"]).assert_ok();
    assert_eq!(names_in(&db), ["Amina"]);
    set_aside(data.path());
}

#[test]
fn a_folder_in_its_place_is_left_as_it_is_and_named() {
    let data = tempfile::tempdir().unwrap();
    let (db, backup) = desk(data.path());
    fs::remove_file(&db).unwrap();
    fs::create_dir(&db).unwrap();
    fs::write(db.join("photo.jpg"), b"a photo").unwrap();

    hatua(data.path(), &["learners", "list"]).assert_refused(&[
        "is a folder, not Hatua's records file",
        "left it as it is",
        &format!("`hatua restore {}`", backup.display()),
    ]);
    assert!(db.join("photo.jpg").exists());
    // Asked to, a restore moves the folder aside (never deletes it) and puts the backup back.
    hatua(data.path(), &["restore", "--yes", backup.to_str().unwrap()]).assert_ok();
    assert!(db.is_file());
    let aside: Vec<String> = files_in(data.path())
        .into_iter()
        .filter(|n| n.starts_with("hatua.db.before-restore-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(data.path().join(&aside[0]).join("photo.jpg").exists());
}

#[test]
fn a_file_that_is_not_hatuas_is_never_moved() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("hatua.db");
    fs::write(&db, "my notes\n".repeat(1000)).unwrap();
    hatua(data.path(), &["learners", "list"])
        .assert_refused(&["not a Hatua database", "left untouched"]);
    assert_eq!(fs::read(&db).unwrap(), "my notes\n".repeat(1000).as_bytes());
    // Beside it only the log, which says why the command stopped.
    assert_eq!(files_in(data.path()), ["hatua.db", "hatua.log"]);

    // Someone else's SQLite database, damaged or not, is not Hatua's to set aside either.
    fs::remove_file(&db).unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
             INSERT INTO photos (name) SELECT 'photo ' || i FROM n;",
        )
        .unwrap();
    garbage_in_the_middle(&db);
    let before = fs::read(&db).unwrap();
    hatua(data.path(), &["learners", "list"])
        .assert_refused(&["not one of Hatua's", "left untouched"]);
    assert_eq!(fs::read(&db).unwrap(), before);
    assert!(files_in(data.path()).iter().all(|n| !n.contains("damaged")));
}

#[test]
fn a_read_only_data_folder_is_said_plainly_and_nothing_changes() {
    let data = tempfile::tempdir().unwrap();
    let Some(mount) = Mount::tmpfs(&data.path().join("usb"), "8m") else {
        return;
    };
    let folder = mount.path.join("hatua-data");
    let db = records_with(&folder, &["Amina"]);
    let before = fs::read(&db).unwrap();
    mount.read_only();

    hatua(&folder, &["learners", "list"]).assert_refused(&[
        "cannot be written",
        "no answer could be saved there",
        "--data-dir",
    ]);
    assert_eq!(fs::read(&db).unwrap(), before);
    assert_eq!(files_in(&folder), ["hatua.db"]);
    // Checking it changes nothing either, and says it cannot read it as it is.
    let doctor = hatua(&folder, &["doctor"]);
    assert_eq!(doctor.code(), Some(1), "{}", doctor.dump());
    assert!(
        doctor.stdout.contains("could not be read"),
        "{}",
        doctor.dump()
    );
}

/// The file and the -wal a crash of the records at `db` would leave, taken while a store
/// has them open with `names` just added.
fn crash_of(db: &Path, names: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let mut store = hatua::store::Store::open(db).unwrap();
    for name in names {
        store.add_learner(name, None).unwrap();
    }
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    (fs::read(db).unwrap(), fs::read(wal).unwrap())
}

#[test]
fn a_wal_from_another_computer_is_set_aside_not_replayed() {
    let data = tempfile::tempdir().unwrap();
    let db = records_with(data.path(), &["Amina", "Grace"]);
    let elsewhere = tempfile::tempdir().unwrap();
    let other = records_with(elsewhere.path(), &["Zawadi"]);
    let (_, their_wal) = crash_of(&other, &["Zed"]);
    fs::write(data.path().join("hatua.db-wal"), &their_wal).unwrap();

    let listed = hatua(data.path(), &["learners", "list"]);
    assert_eq!(listed.code(), Some(0), "{}", listed.dump());
    assert!(listed.stdout.contains("Amina"), "{}", listed.dump());
    assert!(!listed.stdout.contains("Zed"), "{}", listed.dump());
    assert_eq!(listed.stderr.lines().count(), 1, "{}", listed.dump());
    assert!(
        listed.stderr.contains("belongs to another database"),
        "{}",
        listed.dump()
    );
    let kept: Vec<String> = files_in(data.path())
        .into_iter()
        .filter(|n| n.starts_with("hatua.db-wal.foreign-"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", files_in(data.path()));
    assert_eq!(fs::read(data.path().join(&kept[0])).unwrap(), their_wal);
    assert!(listed.stderr.contains(&kept[0]), "{}", listed.dump());
    // The file's own learners, none of the other desk's.
    assert_eq!(names_in(&db), ["Amina", "Grace"]);
}

#[test]
fn the_records_own_wal_after_a_crash_is_replayed_on_any_computer() {
    let desk_dir = tempfile::tempdir().unwrap();
    let db = records_with(desk_dir.path(), &["Amina"]);
    let (file, wal) = crash_of(&db, &["Grace"]);
    // Copied to a drive and opened on another computer.
    let drive = tempfile::tempdir().unwrap();
    fs::write(drive.path().join("hatua.db"), file).unwrap();
    fs::write(drive.path().join("hatua.db-wal"), wal).unwrap();
    let listed = hatua(drive.path(), &["learners", "list"]);
    listed.assert_ok();
    assert!(listed.stdout.contains("Grace"), "{}", listed.dump());
}

#[test]
fn doctor_says_what_it_finds_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let (db, backup) = desk(data.path());
    let sound = hatua(data.path(), &["doctor"]);
    sound.assert_ok();
    assert!(
        sound.stdout.contains("Full check (integrity_check): ok"),
        "{}",
        sound.dump()
    );
    assert!(sound.stdout.contains("300 learners"), "{}", sound.dump());
    assert!(sound.stdout.contains("Backups: 1"), "{}", sound.dump());

    garbage_in_the_middle(&db);
    let before = fs::read(&db).unwrap();
    let found = hatua(data.path(), &["doctor"]);
    assert_eq!(found.code(), Some(1), "{}", found.dump());
    assert!(found.stdout.contains("found damage"), "{}", found.dump());
    assert!(
        found
            .stdout
            .contains(&format!("`hatua restore {}`", backup.display())),
        "{}",
        found.dump()
    );
    assert_eq!(fs::read(&db).unwrap(), before, "doctor wrote nothing");
    assert!(db.exists(), "doctor moved nothing");

    let empty = tempfile::tempdir().unwrap();
    let nothing = hatua(empty.path(), &["doctor"]);
    nothing.assert_ok();
    assert!(
        nothing.stdout.contains("nothing to check"),
        "{}",
        nothing.dump()
    );
}

// ---- The player -------------------------------------------------------------------------

#[test]
fn the_player_opens_on_the_damage_and_enter_puts_the_backup_back() {
    let data = tempfile::tempdir().unwrap();
    let (db, _) = desk(data.path());
    garbage_in_the_middle(&db);

    let mut player = Player::start(data.path());
    player.wait_for("The records could not be opened");
    player.wait_for("▸ Put the backup back and go on");
    player.press(ENTER);
    player.wait_for("is back in place");
    player.wait_for("Who is learning?");
    player.press("Learner 29");
    player.wait_for("Learner 299");
    player.press("\x03");
    player.wait_exit();
    set_aside(data.path());
    assert_eq!(names_in(&db).len(), 300);
}

#[test]
fn the_player_closed_on_the_damage_changes_nothing_and_shows_it_again() {
    let data = tempfile::tempdir().unwrap();
    let (db, _) = desk(data.path());
    cut_in_half(&db);

    let mut player = Player::start(data.path());
    player.wait_for("Start with empty records");
    player.press(DOWN);
    player.press(DOWN);
    player.press(ENTER);
    player.wait_exit();
    assert!(!db.exists(), "closing started nothing");

    let mut again = Player::start(data.path());
    again.wait_for("was set aside as damaged");
    again.press("q");
    again.wait_exit();
}

#[test]
fn the_player_says_once_that_a_wal_from_another_computer_was_set_aside() {
    let data = tempfile::tempdir().unwrap();
    records_with(data.path(), &["Amina"]);
    let elsewhere = tempfile::tempdir().unwrap();
    let other = records_with(elsewhere.path(), &["Zawadi"]);
    let (_, their_wal) = crash_of(&other, &["Zed"]);
    fs::write(data.path().join("hatua.db-wal"), &their_wal).unwrap();

    let mut player = Player::start(data.path());
    player.wait_for("Who is learning?");
    player.wait_for("belonged to another database");
    player.press("Z");
    player.wait_for("New learner “Z”");
    assert!(!player.screen().contains("Zed"), "{}", player.screen());
    player.press("\x03");
    player.wait_exit();
}

#[test]
fn a_backup_the_player_cannot_make_is_said_on_the_first_screen() {
    let data = tempfile::tempdir().unwrap();
    records_with(data.path(), &["Amina"]);
    fs::write(data.path().join("backups"), b"not a folder").unwrap();
    let mut player = Player::start(data.path());
    player.wait_for("Who is learning?");
    player.wait_for("A backup of the records could not be made");
    player.press("Ami");
    player.wait_for("Amina");
    player.press("\x03");
    player.wait_exit();
}
