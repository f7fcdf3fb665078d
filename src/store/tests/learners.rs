//! Tests of learner profiles, and of the ids and timestamps every record carries.

use std::thread::sleep;
use std::time::Duration;

use crate::store::{LearnerId, Store, StoreError};

#[test]
fn learner_names_are_trimmed_and_required() {
    let mut store = Store::open_in_memory().unwrap();
    let learner = store.add_learner("  Wanjiru Kamau \n").unwrap();
    assert_eq!(learner.name, "Wanjiru Kamau");
    assert_eq!(learner.last_seen_at, None);
    for blank in ["", "   ", "\t\n"] {
        assert!(matches!(
            store.add_learner(blank),
            Err(StoreError::EmptyName)
        ));
    }
    assert_eq!(store.learners().unwrap(), vec![learner]);
}

#[test]
fn ids_are_uuid_v4_and_times_are_utc_rfc3339() {
    let mut store = Store::open_in_memory().unwrap();
    let learner = store.add_learner("Amina").unwrap();
    let id = uuid::Uuid::parse_str(&learner.id.0).unwrap();
    assert_eq!(id.get_version_num(), 4);
    let at = learner.created_at.as_bytes();
    assert_eq!(at.len(), "2026-11-28T15:04:05.123Z".len());
    for (i, &byte) in at.iter().enumerate() {
        let expected_digit = !matches!(i, 4 | 7 | 10 | 13 | 16 | 19 | 23);
        assert_eq!(
            byte.is_ascii_digit(),
            expected_digit,
            "{}",
            learner.created_at
        );
    }
    let separators = [at[4], at[7], at[10], at[13], at[16], at[19], at[23]];
    assert_eq!(separators, *b"--T::.Z", "{}", learner.created_at);
}

#[test]
fn learners_are_listed_most_recently_seen_first() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store.add_learner("A").unwrap().id;
    let b = store.add_learner("B").unwrap().id;
    let names = |store: &Store| -> Vec<String> {
        store
            .learners()
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect()
    };
    // Never seen: newest created first.
    assert_eq!(names(&store), ["B", "A"]);
    store.touch_learner(&a).unwrap();
    let c = store.add_learner("C").unwrap().id;
    assert_eq!(names(&store), ["A", "C", "B"]);
    sleep(Duration::from_millis(2));
    store.touch_learner(&b).unwrap();
    assert_eq!(names(&store), ["B", "A", "C"]);
    sleep(Duration::from_millis(2));
    store.touch_learner(&c).unwrap();
    assert_eq!(names(&store), ["C", "B", "A"]);
    assert!(store.learners().unwrap()[0].last_seen_at.is_some());

    let ghost = LearnerId("no-such-learner".into());
    assert!(matches!(
        store.touch_learner(&ghost),
        Err(StoreError::LearnerNotFound(id)) if id == ghost
    ));
}
