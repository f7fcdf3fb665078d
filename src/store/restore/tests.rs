use rusqlite::Connection;

use super::*;
use crate::store::tests::learner_names;
use crate::store::{MIGRATIONS, Store, migrate};

#[test]
fn a_backup_of_an_older_schema_goes_back_and_is_upgraded_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    let mut conn = Connection::open(&old).unwrap();
    migrate(&mut conn, &old, &MIGRATIONS[..8]).unwrap();
    conn.execute(
        "INSERT INTO learners (id, name, created_at) VALUES ('a', 'Amina', '2026-01-05T08:00:00.000Z')",
        [],
    )
    .unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);

    let data = dir.path().join("data");
    let live = data.join("hatua.db");
    let mut store = Store::open(&live).unwrap();
    store.add_learner("Grace", None).unwrap();
    drop(store);

    let candidate = inspect(&old, &live).unwrap();
    assert_eq!(candidate.schema, 8);
    assert_eq!(candidate.held.learners, 1);
    let done = restore(&old, &live).unwrap();
    let aside = done.aside.unwrap();
    assert_eq!(learner_names(&aside), ["Grace"]);
    assert_eq!(learner_names(&live), ["Amina"]);
    assert!(old.exists(), "the backup stays where it was");

    // Opening upgrades it, after a copy of it as it was put back.
    let mut store = Store::open(&live).unwrap();
    assert!(store.take_migration_backup().unwrap().is_ok());
    assert_eq!(learner_names(&live), ["Amina"]);
    assert!(!data.join("hatua.db.restoring").exists());
}
