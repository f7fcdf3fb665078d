//! Tests of item progress, status rules, completions and places.

use crate::store::tests::pts;

use rusqlite::params;

use crate::store::{ItemStatus, LearnerId, Place, Store, StoreError};

const COURSE: &str = "gender-equality-basics";

fn completions(store: &Store, learner: &LearnerId, item_id: &str) -> Vec<ItemStatus> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT status FROM completions WHERE learner_id = ?1 AND item_id = ?2
             ORDER BY recorded_at, rowid",
        )
        .unwrap();
    stmt.query_map(params![learner.0, item_id], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn saving_a_position_starts_the_item_and_updates_in_place() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    assert!(store.item_progress(&amina, COURSE).unwrap().is_empty());

    store
        .save_position(&amina, COURSE, "sex-and-gender", 12)
        .unwrap();
    store
        .save_position(&amina, COURSE, "sex-and-gender", 40)
        .unwrap();
    store
        .save_position(&amina, COURSE, "equality-equity", 3)
        .unwrap();
    store.save_position(&amina, "cedaw", "articles", 7).unwrap();

    let progress = store.item_progress(&amina, COURSE).unwrap();
    assert_eq!(progress.len(), 2);
    let lesson = &progress["sex-and-gender"];
    assert_eq!(
        (lesson.status, lesson.position),
        (ItemStatus::InProgress, 40)
    );
    assert_eq!(progress["equality-equity"].position, 3);
    assert_eq!(
        store.item_progress(&amina, "cedaw").unwrap()["articles"].position,
        7
    );
}

#[test]
fn a_saved_position_keeps_a_reached_status() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    let cases = [
        (
            "not-started",
            ItemStatus::NotStarted,
            ItemStatus::InProgress,
        ),
        ("done", ItemStatus::Done, ItemStatus::Done),
        ("passed", ItemStatus::Passed, ItemStatus::Passed),
        ("failed", ItemStatus::Failed, ItemStatus::Failed),
    ];
    for (item, before, after) in cases {
        store.set_status(&amina, COURSE, item, before).unwrap();
        store.save_position(&amina, COURSE, item, 9).unwrap();
        let progress = &store.item_progress(&amina, COURSE).unwrap()[item];
        assert_eq!((progress.status, progress.position), (after, 9), "{item}");
    }
}

#[test]
fn set_status_keeps_the_position_and_appends_a_fact() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    store.save_position(&amina, COURSE, "lesson", 25).unwrap();
    let shown = store
        .set_status(&amina, COURSE, "lesson", ItemStatus::Done)
        .unwrap();
    assert_eq!(shown, ItemStatus::Done);
    let progress = &store.item_progress(&amina, COURSE).unwrap()["lesson"];
    assert_eq!((progress.status, progress.position), (ItemStatus::Done, 25));
    // Done is not taken back, but the attempt to do so is still recorded.
    let shown = store
        .set_status(&amina, COURSE, "lesson", ItemStatus::InProgress)
        .unwrap();
    assert_eq!(shown, ItemStatus::Done);
    assert_eq!(
        completions(&store, &amina, "lesson"),
        [ItemStatus::Done, ItemStatus::InProgress]
    );
}

#[test]
fn a_pass_is_not_downgraded_by_a_later_failed_attempt() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    let quiz = "concepts-quiz";
    let first = store
        .start_attempt(&amina, COURSE, "1.2.0", quiz, 1, "q1=0,1")
        .unwrap();
    store
        .finish_attempt(&amina, &first, pts(3.0), pts(4.0), true)
        .unwrap();
    let second = store
        .start_attempt(&amina, COURSE, "1.2.0", quiz, 2, "q1=0,1")
        .unwrap();
    store
        .finish_attempt(&amina, &second, pts(1.0), pts(4.0), false)
        .unwrap();

    assert_eq!(
        store.item_progress(&amina, COURSE).unwrap()[quiz].status,
        ItemStatus::Passed
    );
    assert_eq!(
        completions(&store, &amina, quiz),
        [ItemStatus::Passed, ItemStatus::Failed]
    );
    // A fail followed by a pass does move up.
    let other = "cedaw-quiz";
    let failed = store
        .start_attempt(&amina, COURSE, "1.2.0", other, 3, "q1=0,1")
        .unwrap();
    store
        .finish_attempt(&amina, &failed, pts(0.0), pts(4.0), false)
        .unwrap();
    assert_eq!(
        store.item_progress(&amina, COURSE).unwrap()[other].status,
        ItemStatus::Failed
    );
    let passed = store
        .start_attempt(&amina, COURSE, "1.2.0", other, 4, "q1=0,1")
        .unwrap();
    store
        .finish_attempt(&amina, &passed, pts(4.0), pts(4.0), true)
        .unwrap();
    assert_eq!(
        store.item_progress(&amina, COURSE).unwrap()[other].status,
        ItemStatus::Passed
    );
}

#[test]
fn the_last_place_is_one_row_per_learner() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    assert_eq!(store.last_place(&amina).unwrap(), None);
    let first = Place {
        course_id: COURSE.into(),
        item_id: "sex-and-gender".into(),
    };
    let second = Place {
        course_id: "cedaw".into(),
        item_id: "articles".into(),
    };
    store.set_last_place(&amina, &first).unwrap();
    assert_eq!(store.last_place(&amina).unwrap(), Some(first));
    store.set_last_place(&amina, &second).unwrap();
    assert_eq!(store.last_place(&amina).unwrap(), Some(second));
    let rows: i64 = store
        .conn
        .query_row("SELECT count(*) FROM places", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn writes_for_an_unknown_learner_are_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let ghost = LearnerId("no-such-learner".into());
    let place = Place {
        course_id: COURSE.into(),
        item_id: "lesson".into(),
    };
    let results = [
        store.save_position(&ghost, COURSE, "lesson", 1).err(),
        store
            .set_status(&ghost, COURSE, "lesson", ItemStatus::Done)
            .err(),
        store.set_last_place(&ghost, &place).err(),
        store
            .start_attempt(&ghost, COURSE, "1.0.0", "quiz", 0, "q1=0,1")
            .err(),
        store.touch_learner(&ghost).err(),
        store.rename_learner(&ghost, "Ghost").err(),
        store.set_pin(&ghost, Some("1234")).err(),
        store.set_pin(&ghost, None).err(),
        store.set_preferences(&ghost, Some("fr"), None).err(),
        store.set_archived(&ghost, true).err(),
        store.delete_learner(&ghost).err(),
    ];
    for result in results {
        assert!(
            matches!(&result, Some(StoreError::LearnerNotFound(id)) if id == &ghost),
            "{result:?}"
        );
    }
    let rows: i64 = store
        .conn
        .query_row(
            "SELECT (SELECT count(*) FROM item_progress) + (SELECT count(*) FROM completions)
                  + (SELECT count(*) FROM places) + (SELECT count(*) FROM attempts)
                  + (SELECT count(*) FROM learners)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(rows, 0);
}
