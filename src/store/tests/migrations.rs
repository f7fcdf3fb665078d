//! Upgrading a database: migrations run step by step, a failing one leaves the schema it
//! found, a schema-1 file keeps every row through every upgrade since, and old attempt plans
//! become JSON. Apart from opening, because each test first builds by hand a database at
//! another step of the schema.

use std::fs;

use rusqlite::Connection;
use rusqlite::types::Value;
use time::macros::datetime;

use crate::store::tests::{rows, schema, temp_db, user_version};
use crate::store::{
    AttemptId, LearnerId, MIGRATIONS, PinCheck, SCHEMA_VERSION, Store, StoreError, migrate,
};

#[test]
fn an_older_schema_is_upgraded_step_by_step() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let mut conn = Connection::open(&path).unwrap();
    let mut next = MIGRATIONS.to_vec();
    next.push("CREATE TABLE next_feature (id TEXT PRIMARY KEY) STRICT;");
    migrate(&mut conn, &path, &next).unwrap();
    assert_eq!(user_version(&conn), SCHEMA_VERSION + 1);
    conn.execute("INSERT INTO next_feature (id) VALUES ('c1')", [])
        .unwrap();
    // Running again finds nothing to do.
    migrate(&mut conn, &path, &next).unwrap();
    assert_eq!(user_version(&conn), SCHEMA_VERSION + 1);
}

#[test]
fn a_failing_migration_leaves_the_previous_schema() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let mut conn = Connection::open(&path).unwrap();
    let before = schema(&conn);
    let mut broken = MIGRATIONS.to_vec();
    broken.push("CREATE TABLE next_feature (id TEXT); INSERT INTO no_such_table VALUES (1);");
    let error = migrate(&mut conn, &path, &broken).unwrap_err();
    assert!(matches!(error, StoreError::Sqlite(_)), "{error:?}");
    assert_eq!(user_version(&conn), SCHEMA_VERSION);
    assert_eq!(schema(&conn), before);
}

/// Every table of schema 1 with the columns it had then, in a stable order.
const SCHEMA_1_ROWS: [&str; 7] = [
    "SELECT id, name, created_at, last_seen_at FROM learners ORDER BY id",
    "SELECT learner_id, course_id, item_id, status, position, updated_at FROM item_progress
     ORDER BY learner_id, course_id, item_id",
    "SELECT * FROM completions ORDER BY id",
    "SELECT * FROM places ORDER BY learner_id",
    // The plan is rewritten as JSON by migration 6 (checked apart).
    "SELECT id, learner_id, course_id, course_version, quiz_id, seed, started_at FROM attempts
     ORDER BY id",
    "SELECT * FROM answers ORDER BY id",
    "SELECT * FROM attempt_results ORDER BY attempt_id",
];

/// What a schema-1 Hatua wrote: two learners whose names differ only in case (allowed
/// then), one never seen, and the records of a lesson and a finished quiz.
const SCHEMA_1_RECORDS: &str = "
    INSERT INTO learners (id, name, created_at, last_seen_at) VALUES
        ('11111111-1111-4111-8111-111111111111', 'Amina', '2026-01-05T08:00:00.000Z',
         '2026-01-06T09:30:00.000Z'),
        ('22222222-2222-4222-8222-222222222222', 'amina', '2026-01-05T08:05:00.000Z', NULL),
        ('33333333-3333-4333-8333-333333333333', 'नेहा', '2026-01-05T08:10:00.000Z', NULL);
    INSERT INTO item_progress (learner_id, course_id, item_id, status, position, updated_at)
    VALUES
        ('11111111-1111-4111-8111-111111111111', 'basics', 'sex-and-gender', 'done', 42,
         '2026-01-06T09:00:00.000Z'),
        ('11111111-1111-4111-8111-111111111111', 'basics', 'concepts-quiz', 'passed', 0,
         '2026-01-06T09:20:00.000Z');
    INSERT INTO completions (id, learner_id, course_id, item_id, status, recorded_at) VALUES
        ('c0000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111',
         'basics', 'sex-and-gender', 'done', '2026-01-06T09:00:00.000Z'),
        ('c0000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111',
         'basics', 'concepts-quiz', 'passed', '2026-01-06T09:20:00.000Z');
    INSERT INTO places (learner_id, course_id, item_id, updated_at) VALUES
        ('11111111-1111-4111-8111-111111111111', 'basics', 'concepts-quiz',
         '2026-01-06T09:20:00.000Z');
    INSERT INTO attempts (id, learner_id, course_id, course_version, quiz_id, seed, plan,
                          started_at) VALUES
        ('a0000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111',
         'basics', '1.2.0', 'concepts-quiz', -42, 'q1=1,0', '2026-01-06T09:10:00.000Z');
    INSERT INTO answers (id, attempt_id, question_id, response, score, max_score, correct,
                         answered_at) VALUES
        ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001',
         'q1', 'equité ✓', 0.5, 1.0, 1, '2026-01-06T09:15:00.000Z');
    INSERT INTO attempt_results (attempt_id, score, max_score, passed, finished_at) VALUES
        ('a0000000-0000-4000-8000-000000000001', 0.5, 1.0, 1, '2026-01-06T09:20:00.000Z');
";

#[test]
fn a_schema_1_file_is_upgraded_keeping_every_row() {
    let (_dir, path) = temp_db();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut conn = Connection::open(&path).unwrap();
    migrate(&mut conn, &path, &MIGRATIONS[..1]).unwrap();
    assert_eq!(user_version(&conn), 1);
    conn.execute_batch(SCHEMA_1_RECORDS).unwrap();
    let before: Vec<Vec<String>> = SCHEMA_1_ROWS.iter().map(|sql| rows(&conn, sql)).collect();
    assert_eq!(
        before.iter().map(Vec::len).collect::<Vec<_>>(),
        [3, 2, 2, 1, 1, 1, 1]
    );
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(user_version(&store.conn), SCHEMA_VERSION);
    let after: Vec<Vec<String>> = SCHEMA_1_ROWS
        .iter()
        .map(|sql| rows(&store.conn, sql))
        .collect();
    assert_eq!(after, before);
    // The new columns start as "no PIN, no pause, active, default preferences".
    assert_eq!(
        rows(
            &store.conn,
            "SELECT pin_hash, failed_pins, lockouts, locked_until, archived_at, language, theme
             FROM learners ORDER BY id"
        ),
        vec![
            format!(
                "{:?}",
                [
                    Value::Null,
                    Value::Integer(0),
                    Value::Integer(0),
                    Value::Null,
                    Value::Null,
                    Value::Null,
                    Value::Null
                ]
            );
            3
        ]
    );
    assert!(!store.has_facilitator_password().unwrap());

    // The old records read through the API as before; the plan, as JSON.
    let amina = LearnerId("11111111-1111-4111-8111-111111111111".into());
    let plan = rows(&store.conn, "SELECT plan FROM attempts");
    let json = Value::Text(r#"[{"id":"q1","options":[1,0]}]"#.into());
    assert_eq!(plan, [format!("{:?}", [json])]);
    let learners = store.learners().unwrap();
    assert_eq!(learners.len(), 3);
    assert_eq!(learners[0].id, amina, "the one seen comes first");
    assert!(learners.iter().all(|l| !l.has_pin && !l.archived));
    let attempt = AttemptId("a0000000-0000-4000-8000-000000000001".into());
    let answers = store.answers(&amina, &attempt).unwrap();
    assert_eq!(answers[0].response, "equité ✓");
    assert_eq!(
        store.item_progress(&amina, "basics").unwrap()["sex-and-gender"].position,
        42
    );
    let now = datetime!(2026-03-08 09:00 UTC);
    assert_eq!(
        store.check_pin(&amina, "1234", now).unwrap(),
        PinCheck::NoPin
    );

    // The two Aminas stay; a third cannot join them, and a name lookup does not guess.
    assert!(matches!(
        store.add_learner("AMINA", None),
        Err(StoreError::NameTaken(name)) if name.eq_ignore_ascii_case("amina")
    ));
    assert!(matches!(
        store.find_learner(" amina "),
        Err(StoreError::SameName(name)) if name == "amina"
    ));
    assert_eq!(
        store.find_learner(&amina.0).unwrap().map(|l| l.name),
        Some("Amina".to_owned())
    );
    assert_eq!(
        store.find_learner("नेहा").unwrap().map(|l| l.name),
        Some("नेहा".to_owned())
    );
}

#[test]
fn plans_of_every_shape_become_json_in_their_order() {
    let (_dir, path) = temp_db();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut conn = Connection::open(&path).unwrap();
    migrate(&mut conn, &path, &MIGRATIONS[..5]).unwrap();
    conn.execute_batch("INSERT INTO learners (id, name, created_at) VALUES ('l', 'Amina', 'now');")
        .unwrap();
    let legacy = [
        ("a1", "q3=2,0,1;q1=;q2=1,0"),
        ("a2", ""),
        ("a3", "q1=1,,0"),
        ("a4", "broken"),
    ];
    for (id, plan) in legacy {
        conn.execute(
            "INSERT INTO attempts (id, learner_id, course_id, course_version, quiz_id, seed,
                                   plan, started_at)
             VALUES (?1, 'l', 'c', '1.0.0', 'q', 7, ?2, 'now')",
            rusqlite::params![id, plan],
        )
        .unwrap();
    }
    drop(conn);
    let store = Store::open(&path).unwrap();
    let plan = |id: &str| -> String {
        store
            .conn
            .query_row("SELECT plan FROM attempts WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(
        plan("a1"),
        r#"[{"id":"q3","options":[2,0,1]},{"id":"q1","options":[]},{"id":"q2","options":[1,0]}]"#
    );
    let read = crate::quiz::AttemptPlan::from_record(&plan("a1")).unwrap();
    assert_eq!(read.questions[0].option_order, [2, 0, 1]);
    assert_eq!(plan("a2"), "[]");
    // What no Hatua wrote still becomes JSON, with no options: the player then draws the
    // questions again from the seed.
    assert_eq!(plan("a3"), r#"[{"id":"q1","options":[]}]"#);
    assert_eq!(plan("a4"), r#"[{"id":"broken","options":[]}]"#);
}

#[test]
fn an_upgrade_is_preceded_by_a_copy_of_the_file_as_the_older_version_left_it() {
    let (_dir, path) = temp_db();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut conn = Connection::open(&path).unwrap();
    migrate(&mut conn, &path, &MIGRATIONS[..1]).unwrap();
    conn.execute_batch(SCHEMA_1_RECORDS).unwrap();
    let before: Vec<Vec<String>> = SCHEMA_1_ROWS.iter().map(|sql| rows(&conn, sql)).collect();
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    let copy = store
        .take_migration_backup()
        .expect("an upgrade was made")
        .unwrap();
    assert_eq!(
        copy.path.parent(),
        Some(path.with_file_name("backups").as_path())
    );
    let name = copy.path.file_name().unwrap().to_str().unwrap();
    assert!(name.ends_with("-before-upgrade.db"), "{name}");
    let old = Connection::open(&copy.path).unwrap();
    assert_eq!(
        user_version(&old),
        1,
        "the copy is the file before the upgrade"
    );
    let kept: Vec<Vec<String>> = SCHEMA_1_ROWS.iter().map(|sql| rows(&old, sql)).collect();
    assert_eq!(kept, before);

    // Opening again finds nothing to upgrade, and copies nothing.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert!(store.take_migration_backup().is_none());
    // A new file has nothing to keep either.
    let (_fresh_dir, fresh) = temp_db();
    assert!(
        Store::open(&fresh)
            .unwrap()
            .take_migration_backup()
            .is_none()
    );
}

/// What migration 10 keeps on each item: its earliest status and earliest finish, as the
/// status history holds them.
fn item_times(conn: &Connection) -> Vec<(String, Option<String>, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT item_id, first_at, done_at FROM item_progress ORDER BY item_id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn schema_10_keeps_each_items_first_record_and_first_finish_from_its_history() {
    let (_dir, path) = temp_db();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut conn = Connection::open(&path).unwrap();
    migrate(&mut conn, &path, &MIGRATIONS[..9]).unwrap();
    conn.execute_batch(
        "INSERT INTO learners (id, name, created_at, last_seen_at) VALUES ('l1', 'Amina', 't0', 't0');
         INSERT INTO item_progress (learner_id, course_id, item_id, status, position, updated_at)
         VALUES ('l1', 'c', 'lesson', 'done', 0, 't5'),
                ('l1', 'c', 'quiz', 'passed', 0, 't9'),
                ('l1', 'c', 'opened', 'in-progress', 3, 't2');
         INSERT INTO completions (id, learner_id, course_id, item_id, status, recorded_at)
         VALUES ('a', 'l1', 'c', 'lesson', 'in-progress', '2026-01-02'),
                ('b', 'l1', 'c', 'lesson', 'done', '2026-01-03'),
                ('c', 'l1', 'c', 'lesson', 'done', '2026-01-09'),
                ('d', 'l1', 'c', 'quiz', 'failed', '2026-01-04'),
                ('e', 'l1', 'c', 'quiz', 'passed', '2026-01-06'),
                ('f', 'l1', 'c', 'quiz', 'failed', '2026-01-08');",
    )
    .unwrap();
    migrate(&mut conn, &path, MIGRATIONS).unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        item_times(&conn),
        [
            ("lesson".to_string(), s("2026-01-02"), s("2026-01-03")),
            ("opened".to_string(), None, None),
            ("quiz".to_string(), s("2026-01-04"), s("2026-01-06")),
        ]
    );
}

#[test]
fn the_kept_times_are_the_historys_whatever_order_statuses_come_in() {
    use crate::store::ItemStatus::*;
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    for status in [InProgress, Failed, Passed, Failed, Passed] {
        store.set_status(&amina, "c", "quiz", status).unwrap();
    }
    store.save_position(&amina, "c", "opened", 4).unwrap();
    let history: Vec<(String, Option<String>, Option<String>)> = {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT p.item_id,
                        (SELECT min(recorded_at) FROM completions c
                         WHERE c.item_id = p.item_id),
                        (SELECT min(recorded_at) FROM completions c
                         WHERE c.item_id = p.item_id AND status IN ('done', 'passed'))
                 FROM item_progress p ORDER BY p.item_id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(item_times(&store.conn), history);
    assert!(history[1].2.is_some(), "{history:?}");
    // Two profiles of one person merged: the earlier times of the two are kept.
    let before = item_times(&store.conn);
    let twin = store.add_learner("Amina N.", None).unwrap().id;
    store.set_status(&twin, "c", "quiz", Passed).unwrap();
    store.set_status(&twin, "c", "other", Done).unwrap();
    store.merge_learners(&amina, &twin).unwrap();
    let after = item_times(&store.conn);
    assert_eq!(after.len(), 3, "{after:?}");
    // In item order: opened (Amina's alone), other (the twin's alone), quiz (both).
    assert_eq!(after[0], before[0], "an item only one had keeps its times");
    assert!(after[1].0 == "other" && after[1].2.is_some(), "{after:?}");
    assert_eq!(
        after[2], before[1],
        "the earlier of the two, which is Amina's"
    );
}
