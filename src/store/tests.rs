//! Tests of opening and transacting; upgrades from older schemas and the table tests are in
//! the modules below.

mod attempts;
mod concurrency;
mod isolation;
mod learners;
mod migrations;
mod pictures;
mod pins;
mod progress;
mod tally;

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::types::Value;
use tempfile::TempDir;
use time::macros::datetime;

use super::*;

/// Points for a test's literal score.
pub(super) fn pts(value: f64) -> crate::quiz::Points {
    crate::quiz::Points::new(value).expect("a test's points are finite")
}

/// A temporary folder and a database path inside a not-yet-existing subfolder of it.
fn temp_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("hatua.db");
    (dir, path)
}

fn user_version(conn: &Connection) -> i64 {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}

/// The learners' names in the database at `path`, read through a read-only connection.
pub(super) fn learner_names(path: &Path) -> Vec<String> {
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM learners ORDER BY name")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn schema(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_schema ORDER BY name")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every row of a table as text, one query per table; for comparing records before and after.
fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    stmt.query_map([], |row| {
        let values = (0..columns)
            .map(|i| row.get::<_, Value>(i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(format!("{values:?}"))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The rows of every table that belong to `learner`, each as text.
pub(super) fn records_of(store: &Store, learner: &LearnerId) -> Vec<String> {
    const OWNED: [&str; 9] = [
        "SELECT * FROM learners WHERE id = ?1",
        "SELECT * FROM attempt_grants WHERE learner_id = ?1 ORDER BY id",
        "SELECT * FROM certificates WHERE learner_id = ?1 ORDER BY code",
        "SELECT * FROM item_progress WHERE learner_id = ?1 ORDER BY course_id, item_id",
        "SELECT * FROM completions WHERE learner_id = ?1 ORDER BY id",
        "SELECT * FROM places WHERE learner_id = ?1",
        "SELECT * FROM attempts WHERE learner_id = ?1 ORDER BY id",
        "SELECT x.* FROM answers x JOIN attempts a ON a.id = x.attempt_id
         WHERE a.learner_id = ?1 ORDER BY x.id",
        "SELECT x.* FROM attempt_results x JOIN attempts a ON a.id = x.attempt_id
         WHERE a.learner_id = ?1 ORDER BY x.attempt_id",
    ];
    OWNED
        .iter()
        .flat_map(|sql| {
            let mut stmt = store.conn.prepare(sql).unwrap();
            let columns = stmt.column_count();
            stmt.query_map([&learner.0], |row| {
                let values = (0..columns)
                    .map(|i| row.get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(format!("{sql}: {values:?}"))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
        })
        .collect()
}

pub(super) fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn migrations_create_the_schema_and_set_user_version() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(user_version(&store.conn), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 11);
    let application_id: i64 = store
        .conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .unwrap();
    assert_eq!(application_id, APPLICATION_ID);
    let names = |kind: &str| -> Vec<String> {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema
                 WHERE type = ?1 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap();
        stmt.query_map([kind], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let tables = [
        "answers",
        "attempt_grants",
        "attempt_results",
        "attempts",
        "certificates",
        "completions",
        "exported",
        "exports",
        "identity",
        "item_progress",
        "learners",
        "merged_learners",
        "merges",
        "places",
        "retired_certificates",
        "settings",
        "sites",
        "sync_rejected",
        "synced",
        "syncs",
    ];
    assert_eq!(names("table"), tables);
    assert_eq!(
        names("index"),
        [
            "attempt_grants_by_quiz",
            "attempts_by_quiz",
            "certificates_by_learner",
            "completions_by_item",
            "learners_by_site"
        ]
    );
}

#[test]
fn on_disk_open_creates_the_folder_and_sets_the_pragmas() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    let conn = &store.conn;
    let text = |pragma: &str| -> String {
        conn.pragma_query_value(None, pragma, |row| row.get(0))
            .unwrap()
    };
    let number = |pragma: &str| -> i64 {
        conn.pragma_query_value(None, pragma, |row| row.get(0))
            .unwrap()
    };
    assert_eq!(text("journal_mode"), "wal");
    assert_eq!(number("synchronous"), 2, "FULL");
    assert_eq!(number("foreign_keys"), 1);
    assert_eq!(number("busy_timeout"), 5000);
    assert_eq!(user_version(conn), SCHEMA_VERSION);
}

#[test]
fn reopening_is_idempotent() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let amina = store.add_learner("Amina", None).unwrap();
    let first_schema = schema(&store.conn);
    drop(store);
    for _ in 0..2 {
        let store = Store::open(&path).unwrap();
        assert_eq!(user_version(&store.conn), SCHEMA_VERSION);
        assert_eq!(schema(&store.conn), first_schema);
        assert_eq!(store.learners().unwrap(), vec![amina.clone()]);
    }
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let (dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = fs::read(&path).unwrap();

    let error = Store::open(&path).unwrap_err();
    match &error {
        StoreError::TooNew {
            path: p,
            found,
            supported,
        } => {
            assert_eq!((p, *found, *supported), (&path, 99, SCHEMA_VERSION));
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(error.to_string().contains("newer version of Hatua"));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(files_in(&dir.path().join("data")), ["hatua.db"]);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Pseudo-random bytes, more than a page, and a short text file: both are not databases.
    let mut state: u32 = 0x9e37_79b9;
    let noise: Vec<u8> = (0..8192)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    for (name, bytes) in [("noise.db", noise), ("notes.db", b"my notes\n".to_vec())] {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();

        let error = Store::open(&path).unwrap_err();
        assert!(
            matches!(&error, StoreError::NotADatabase { path: p } if p == &path),
            "{name}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("left untouched"), "{message}");
        assert!(message.contains("--data-dir"), "{message}");
        assert_eq!(fs::read(&path).unwrap(), bytes, "{name} was modified");
    }
    assert_eq!(files_in(dir.path()), ["noise.db", "notes.db"]);
}

#[test]
fn another_programs_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let photos = dir.path().join("photos.db");
    Connection::open(&photos)
        .unwrap()
        .execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
        .unwrap();
    let tagged = dir.path().join("tagged.db");
    Connection::open(&tagged)
        .unwrap()
        .pragma_update(None, "application_id", 42)
        .unwrap();
    for path in [photos, tagged] {
        let before = fs::read(&path).unwrap();
        let error = Store::open(&path).unwrap_err();
        assert!(
            matches!(&error, StoreError::ForeignDatabase { path: p } if p == &path),
            "{error:?}"
        );
        assert_eq!(fs::read(&path).unwrap(), before);
    }
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hatua.db");
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(user_version(&store.conn), SCHEMA_VERSION);
}

#[test]
fn a_folder_that_cannot_be_created_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data folder should be: this fails even for root, unlike permissions.
    let blocker = dir.path().join("data");
    fs::write(&blocker, b"").unwrap();
    let error = Store::open(&blocker.join("hatua.db")).unwrap_err();
    assert!(
        matches!(&error, StoreError::Io { path, .. } if path == &blocker),
        "{error:?}"
    );
    assert!(error.to_string().contains("--data-dir"));
}

#[test]
fn a_database_path_that_is_a_folder_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(&error, StoreError::CannotOpen { path, .. } if path == dir.path()),
        "{error:?}"
    );
}

#[test]
fn stored_times_read_back_and_anything_else_does_not() {
    for at in [
        datetime!(2026-03-08 09:00:30.000 UTC),
        datetime!(2024-02-29 23:59:59.999 UTC),
        datetime!(0001-01-01 00:00:00.001 UTC),
    ] {
        let text = timestamp(at).unwrap();
        assert_eq!(parse_timestamp(&text), Some(at), "{text}");
    }
    // Another offset is stored as the same instant in UTC.
    let text = timestamp(datetime!(2026-03-08 12:00:30.5 +03:00)).unwrap();
    assert_eq!(text, "2026-03-08T09:00:30.500Z");
    for bad in [
        "",
        "2026-03-08T09:00:30Z",
        "2026-03-08T09:00:30.000+00:00",
        "2026-03-08 09:00:30.000Z",
        "2026-02-30T09:00:30.000Z",
        "2026-13-08T09:00:30.000Z",
        "2026-03-08T24:00:30.000Z",
        "2026-03-08T09:00:30.00xZ",
        "2026-+3-08T09:00:30.000Z",
        "2026-é-08T09:00:30.000Z",
        "2026-03-08T09:00:3é.00Z",
    ] {
        assert_eq!(parse_timestamp(bad), None, "{bad:?}");
    }
}

#[test]
fn transact_rolls_back_when_the_closure_fails() {
    let mut store = Store::open_in_memory().unwrap();
    let error = store
        .transact(|tx| {
            tx.execute(
                "INSERT INTO learners (id, name, created_at) VALUES ('x', 'Ghost', 'now')",
                [],
            )?;
            Err::<(), _>(StoreError::EmptyName)
        })
        .unwrap_err();
    assert!(matches!(error, StoreError::EmptyName));
    assert!(store.learners().unwrap().is_empty());
    let count: i64 = store
        .conn
        .query_row("SELECT count(*) FROM learners", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count, 0);
}
