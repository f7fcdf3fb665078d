use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use time::macros::datetime;

use super::*;
use crate::store::Store;
use crate::store::tests::learner_names;

/// A database with `n` learners named `<prefix> <i>`, closed (its -wal folded in).
fn make(path: &Path, prefix: &str, n: usize) {
    let mut store = Store::open(path).unwrap();
    for i in 0..n {
        store.add_learner(&format!("{prefix} {i}"), None).unwrap();
    }
}

/// Adds learners to the database at `path` through the store, and copies the file and its
/// -wal while the store still has them open: what a crash (or a power cut) would leave.
fn crash_after_adding(path: &Path, prefix: &str, n: usize) -> (Vec<u8>, Vec<u8>) {
    let mut store = Store::open(path).unwrap();
    store
        .conn
        .pragma_update(None, "wal_autocheckpoint", 0)
        .unwrap();
    for i in 0..n {
        store.add_learner(&format!("{prefix} {i}"), None).unwrap();
    }
    (
        fs::read(path).unwrap(),
        fs::read(sibling(path, "-wal")).unwrap(),
    )
}

#[test]
fn sqlite_replays_a_wal_written_for_another_database_and_sees_nothing_wrong() {
    // Why the check exists: two desks of the same schema, the -wal of one beside the other.
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("here.db");
    let there = dir.path().join("there.db");
    make(&here, "Amina", 3);
    make(&there, "Zawadi", 1);
    let (_, their_wal) = crash_after_adding(&there, "Zed", 3);
    fs::write(sibling(&here, "-wal"), their_wal).unwrap();

    let conn = Connection::open(&here).unwrap();
    let quick: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(quick, "ok");
    drop(conn);
    // The other desk's learners, and this desk's gone: SQLite cannot tell.
    assert_eq!(
        learner_names(&here),
        ["Zawadi 0", "Zed 0", "Zed 1", "Zed 2"]
    );
}

#[test]
fn a_wal_of_another_database_is_told_apart_and_the_file_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("hatua.db");
    let there = dir.path().join("there.db");
    make(&here, "Amina", 3);
    make(&there, "Zawadi", 1);
    let (_, their_wal) = crash_after_adding(&there, "Zed", 1);
    fs::write(sibling(&here, "-wal"), their_wal).unwrap();
    let before = fs::read(&here).unwrap();

    assert!(
        matches!(wal(&here), Wal::Foreign { .. }),
        "{:?}",
        wal(&here)
    );
    assert_eq!(fs::read(&here).unwrap(), before, "looking changed nothing");
    let aside = set_wal_aside(&here, datetime!(2026-11-28 09:30:12 UTC)).unwrap();
    assert_eq!(
        aside.file_name().unwrap(),
        "hatua.db-wal.foreign-20261128T093012Z"
    );
    assert!(!sibling(&here, "-wal").exists());
    assert_eq!(learner_names(&here), ["Amina 0", "Amina 1", "Amina 2"]);
}

#[test]
fn the_databases_own_wal_fits_and_keeps_its_answers() {
    // A crash leaves the -wal beside its file; copied together to another computer (a USB
    // drive), it is replayed there, as it must be.
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk.db");
    make(&desk, "Amina", 1);
    let (file, own_wal) = crash_after_adding(&desk, "Zed", 2);
    let drive = dir.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let copy = drive.join("hatua.db");
    fs::write(&copy, file).unwrap();
    fs::write(sibling(&copy, "-wal"), &own_wal).unwrap();

    assert_eq!(wal(&copy), Wal::Fits);
    assert_eq!(check(&copy, Depth::Full), Checked::Sound);
    let conn = Connection::open(&copy).unwrap();
    let count: i64 = conn
        .query_row("SELECT count(*) FROM learners", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count, 3);
}

#[test]
fn no_wal_or_an_empty_one_needs_no_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hatua.db");
    make(&db, "Amina", 1);
    assert_eq!(wal(&db), Wal::None);
    fs::write(sibling(&db, "-wal"), b"").unwrap();
    assert_eq!(wal(&db), Wal::None);
}

fn overwrite(path: &Path, at: usize, bytes: &[u8]) {
    let mut content = fs::read(path).unwrap();
    content[at..at + bytes.len()].copy_from_slice(bytes);
    fs::write(path, content).unwrap();
}

#[test]
fn what_lies_there_is_told_before_opening() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    assert_eq!(kind(&p("missing.db")).unwrap(), Kind::Nothing);
    fs::write(p("empty.db"), b"").unwrap();
    assert_eq!(kind(&p("empty.db")).unwrap(), Kind::Nothing);
    fs::create_dir(p("folder.db")).unwrap();
    assert_eq!(kind(&p("folder.db")).unwrap(), Kind::Folder);
    fs::write(p("notes.db"), b"my notes\n".repeat(500)).unwrap();
    assert_eq!(kind(&p("notes.db")).unwrap(), Kind::Other);
    Connection::open(p("photos.db"))
        .unwrap()
        .execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
        .unwrap();
    assert_eq!(kind(&p("photos.db")).unwrap(), Kind::Other);
    make(&p("hatua.db"), "Amina", 1);
    assert_eq!(kind(&p("hatua.db")).unwrap(), Kind::Hatua);

    // The header smashed, the application id with it: Hatua's tables further in still say
    // whose it was.
    let smashed = p("smashed.db");
    fs::copy(p("hatua.db"), &smashed).unwrap();
    overwrite(&smashed, 0, &[0x5a; 100]);
    assert_eq!(kind(&smashed).unwrap(), Kind::Hatua);
    // A text file that only mentions one of Hatua's tables is not Hatua's.
    fs::write(
        p("mention.db"),
        b"see CREATE TABLE attempt_results in the docs",
    )
    .unwrap();
    assert_eq!(kind(&p("mention.db")).unwrap(), Kind::Other);
}

fn damaged_in_the_middle(dir: &Path) -> PathBuf {
    let db = dir.join("hatua.db");
    make(&db, "Learner", 300);
    let len = fs::metadata(&db).unwrap().len() as usize;
    let garbage: Vec<u8> = (0..8192).map(|i| (i * 7 + 3) as u8).collect();
    overwrite(&db, len / 2 / 4096 * 4096, &garbage);
    db
}

#[test]
fn garbage_in_the_middle_and_a_cut_file_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = damaged_in_the_middle(dir.path());
    assert!(matches!(
        check(&db, Depth::Quick(None)),
        Checked::Damaged(_)
    ));
    assert!(matches!(check(&db, Depth::Full), Checked::Damaged(_)));

    let cut = dir.path().join("cut.db");
    make(&cut, "Learner", 300);
    let len = fs::metadata(&cut).unwrap().len();
    fs::File::options()
        .write(true)
        .open(&cut)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    match check(&cut, Depth::Quick(None)) {
        Checked::Damaged(reason) => assert!(reason.contains("malformed"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_sound_file_passes_and_a_check_out_of_time_is_unfinished() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hatua.db");
    make(&db, "Learner", 300);
    assert_eq!(check(&db, Depth::Quick(None)), Checked::Sound);
    assert_eq!(check(&db, Depth::Full), Checked::Sound);
    assert_eq!(
        check(&db, Depth::Quick(Some(Duration::ZERO))),
        Checked::Unfinished
    );
}

#[test]
fn a_file_set_aside_keeps_every_byte_and_its_wal_and_shm_keep_their_pairing() {
    let dir = tempfile::tempdir().unwrap();
    let db = damaged_in_the_middle(dir.path());
    fs::write(sibling(&db, "-wal"), b"wal bytes").unwrap();
    fs::write(sibling(&db, "-shm"), b"shm bytes").unwrap();
    let before = fs::read(&db).unwrap();
    let at = datetime!(2026-11-28 09:30:12 UTC);

    let aside = set_aside(&db, "damaged", at).unwrap();
    assert_eq!(aside, dir.path().join("hatua.db.damaged-20261128T093012Z"));
    assert_eq!(fs::read(&aside).unwrap(), before);
    assert_eq!(fs::read(sibling(&aside, "-wal")).unwrap(), b"wal bytes");
    assert_eq!(fs::read(sibling(&aside, "-shm")).unwrap(), b"shm bytes");
    assert!(!db.exists() && !sibling(&db, "-wal").exists());
    assert_eq!(newest_damaged(&db), Some(aside.clone()));

    // The same second again: the first one set aside is not replaced.
    fs::write(&db, b"second").unwrap();
    let again = set_aside(&db, "damaged", at).unwrap();
    assert_ne!(again, aside);
    assert_eq!(fs::read(&aside).unwrap(), before);
    assert_eq!(fs::read(&again).unwrap(), b"second");
}
