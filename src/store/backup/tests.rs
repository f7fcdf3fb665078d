use std::fs;
use std::path::Path;

use rusqlite::Connection;
use time::macros::datetime;

use super::set::expired;
use super::*;
use crate::store::tests::{files_in as files, learner_names as names};

fn desk(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("hatua.db")).unwrap();
    store.add_learner("Amina", None).unwrap();
    store.add_learner("Grace", None).unwrap();
    store
}

#[test]
fn a_backup_is_a_checked_copy_that_opens_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let store = desk(dir.path());
    let backups = dir.path().join("backups");
    let made = store.backup_into(&backups, Why::OnDemand).unwrap();

    let name = made.path.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("hatua-") && name.ends_with("-on-demand.db"),
        "{name}"
    );
    assert_eq!(
        files(&backups),
        [name],
        "no partial file, no -wal, no journal"
    );
    assert_eq!(made.bytes, fs::metadata(&made.path).unwrap().len());
    // Rollback-journal mode in the header: a copy on a read-only drive opens without a -shm.
    let header = fs::read(&made.path).unwrap();
    assert_eq!((header[18], header[19]), (1, 1));
    assert_eq!(names(&made.path), ["Amina", "Grace"]);
    assert_eq!(integrity(&made.path).unwrap(), Ok(()));
    assert_eq!(files(&backups), [name], "reading it made nothing beside it");
}

#[test]
fn a_backup_holds_what_was_committed_and_nothing_a_writer_has_not_committed() {
    let dir = tempfile::tempdir().unwrap();
    let store = desk(dir.path());
    let writer = Connection::open(dir.path().join("hatua.db")).unwrap();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO learners (id, name, created_at) VALUES ('x', 'Zed', 'now');",
        )
        .unwrap();
    let made = store
        .backup_into(&dir.path().join("backups"), Why::Daily)
        .unwrap();
    writer.execute_batch("COMMIT").unwrap();
    assert_eq!(names(&made.path), ["Amina", "Grace"]);
}

/// Points the index `learners_by_site` at the wrong column: every page stays well formed
/// (quick_check passes), but the index no longer matches its table (integrity_check fails).
fn corrupt_an_index(db: &Path) {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = 'CREATE INDEX learners_by_site ON learners (name)'
          WHERE name = 'learners_by_site';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
}

#[test]
fn a_copy_that_fails_its_check_is_deleted_and_reported_never_kept() {
    let dir = tempfile::tempdir().unwrap();
    drop(desk(dir.path()));
    let db = dir.path().join("hatua.db");
    corrupt_an_index(&db);
    let store = Store::open(&db).unwrap();
    let quick = crate::store::health::check(&db, crate::store::health::Depth::Quick(None));
    assert_eq!(
        quick,
        crate::store::health::Checked::Sound,
        "the damage hides from quick_check"
    );

    let backups = dir.path().join("backups");
    let error = store.backup_into(&backups, Why::Daily).unwrap_err();
    assert!(
        matches!(&error, BackupError::BadCopy { report } if report.contains("learners_by_site")),
        "{error:?}"
    );
    assert!(error.to_string().contains("hatua doctor"), "{error}");
    assert!(files(&backups).is_empty(), "{:?}", files(&backups));
    assert!(newest_good(&backups, "hatua").is_none());
}

#[test]
fn names_say_when_and_why_and_nothing_else_is_taken_for_a_backup() {
    let at = datetime!(2026-11-28 09:30:12 UTC);
    assert_eq!(
        file_name("hatua", at, Why::Merge),
        "hatua-20261128T093012Z-before-merge.db"
    );
    for why in Why::ALL {
        assert_eq!(
            parse_name(&file_name("hatua", at, why), "hatua"),
            Some((at, why))
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "hatua-20261128T093012Z-daily.db",
        "hatua-20261128T093012Z-daily.db.partial-41",
        "hatua-20261128T093012Z-weekly.db",
        "hatua-2026-11-28-daily.db",
        "preview-20261128T093012Z-daily.db",
        "notes.txt",
    ] {
        fs::write(dir.path().join(name), b"x").unwrap();
    }
    fs::create_dir(dir.path().join("hatua-20261129T093012Z-daily.db")).unwrap();
    let found: Vec<String> = list(dir.path(), "hatua")
        .iter()
        .map(|b| b.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(found, ["hatua-20261128T093012Z-daily.db"]);
}

fn file(at: OffsetDateTime, why: Why) -> BackupFile {
    BackupFile {
        path: file_name("hatua", at, why).into(),
        taken: at,
        why,
        bytes: 1,
    }
}

#[test]
fn the_set_keeps_seven_days_four_weeks_two_upgrades_and_every_copy_asked_for() {
    let start = datetime!(2026-11-28 18:00 UTC);
    let mut files = Vec::new();
    // Ninety days, each with a daily copy and, every third day, a merge an hour later.
    for day in 0..90 {
        let at = start - time::Duration::days(day);
        if day % 3 == 0 {
            files.push(file(at + time::Duration::hours(1), Why::Merge));
        }
        files.push(file(at, Why::Daily));
    }
    for day in [5, 40, 80] {
        files.push(file(start - time::Duration::days(day), Why::Migration));
    }
    for day in [2, 70] {
        files.push(file(start - time::Duration::days(day), Why::OnDemand));
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.taken));

    let gone = expired(&files);
    let kept: Vec<&BackupFile> = files.iter().filter(|f| !gone.contains(f)).collect();
    let rolling: Vec<&&BackupFile> = kept
        .iter()
        .filter(|f| matches!(f.why, Why::Daily | Why::Merge))
        .collect();
    assert_eq!(rolling.len(), 7 + 4, "{rolling:#?}");
    // The seven newest days, each by its newest copy (the merge on a day that had one).
    for (day, b) in rolling.iter().take(7).enumerate() {
        assert_eq!(
            b.taken.date(),
            (start - time::Duration::days(day as i64)).date()
        );
        let want = if day % 3 == 0 { Why::Merge } else { Why::Daily };
        assert_eq!(b.why, want, "day {day}");
    }
    // Then one a week, four weeks, each the newest of its week.
    let weeks: Vec<(i32, u8)> = rolling[7..]
        .iter()
        .map(|b| {
            let (y, w, _) = b.taken.date().to_iso_week_date();
            (y, w)
        })
        .collect();
    let mut distinct = weeks.clone();
    distinct.dedup();
    assert_eq!(distinct, weeks, "one copy per week");
    assert!(rolling[7].taken < rolling[6].taken);
    let upgrades: Vec<i64> = kept
        .iter()
        .filter(|f| f.why == Why::Migration)
        .map(|f| (start - f.taken).whole_days())
        .collect();
    assert_eq!(upgrades, [5, 40]);
    assert_eq!(kept.iter().filter(|f| f.why == Why::OnDemand).count(), 2);
}

#[test]
fn pruning_deletes_what_the_set_lets_go_and_partials_of_killed_processes() {
    let dir = tempfile::tempdir().unwrap();
    let now = datetime!(2026-11-28 18:00 UTC);
    for day in 0..20 {
        let name = file_name("hatua", now - time::Duration::days(day), Why::Daily);
        fs::write(dir.path().join(name), b"x").unwrap();
    }
    let stale = dir.path().join("hatua-20261101T000000Z-daily.db.partial-7");
    let fresh = dir.path().join("hatua-20261128T175900Z-daily.db.partial-8");
    for p in [&stale, &fresh] {
        fs::write(p, b"half").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::from(now) - std::time::Duration::from_secs(7200);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    fs::File::options()
        .write(true)
        .open(&fresh)
        .unwrap()
        .set_modified(std::time::SystemTime::from(now))
        .unwrap();

    let gone = prune(dir.path(), "hatua", now, None).unwrap();
    assert!(gone.contains(&stale));
    assert!(fresh.exists(), "a copy being written now is not touched");
    let left = list(dir.path(), "hatua");
    assert_eq!(left.len(), 7 + 2, "{left:#?}");
    assert!(prune(dir.path(), "hatua", now, None).unwrap().is_empty());
}

#[test]
fn a_store_in_memory_has_nothing_to_back_up() {
    let store = Store::open_in_memory().unwrap();
    assert!(store.backup_beside(Why::Daily).is_none());
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        store.backup_into(dir.path(), Why::OnDemand),
        Err(BackupError::InMemory)
    ));
}

#[test]
fn the_day_is_due_until_any_backup_is_made_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let now = datetime!(2026-11-28 00:30 UTC);
    assert!(due_today(dir.path(), "hatua", now));
    let yesterday = file_name("hatua", now - time::Duration::hours(1), Why::Daily);
    fs::write(dir.path().join(yesterday), b"x").unwrap();
    assert!(due_today(dir.path(), "hatua", now));
    let merge = file_name("hatua", now, Why::Merge);
    fs::write(dir.path().join(merge), b"x").unwrap();
    assert!(!due_today(dir.path(), "hatua", now));
}

#[test]
fn the_copy_just_made_is_kept_even_beside_another_of_the_same_second() {
    let now = datetime!(2026-11-28 18:00 UTC);
    for (made, other) in [(Why::Merge, Why::Daily), (Why::Daily, Why::Merge)] {
        let dir = tempfile::tempdir().unwrap();
        let made = dir.path().join(file_name("hatua", now, made));
        let other = dir.path().join(file_name("hatua", now, other));
        fs::write(&made, b"x").unwrap();
        fs::write(&other, b"x").unwrap();
        assert_eq!(
            prune(dir.path(), "hatua", now, Some(&made)).unwrap(),
            [other]
        );
        assert!(made.exists());
    }
}
