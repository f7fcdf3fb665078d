//! Counting many learners at once gives, for each of them, what her own records say.

use crate::store::harvest::{
    AttemptRow, CompletionRow, Harvest, ItemRow, LearnerRow, ResultRow, SiteRow,
};
use crate::store::tally::{Learners, Required};
use crate::store::{ItemStatus, Store};

fn required() -> Vec<Required> {
    ["read", "check"]
        .iter()
        .map(|item| Required {
            course_id: "c".into(),
            item_id: item.to_string(),
            status: if *item == "check" {
                ItemStatus::Passed
            } else {
                ItemStatus::Done
            },
        })
        .collect()
}

fn learner(h: &mut Harvest, id: &str) {
    h.learners.push(LearnerRow {
        id: id.into(),
        name: id.into(),
        created_at: "2026-01-01T00:00:00.000Z".into(),
        last_seen_at: None,
        archived_at: None,
    });
}

fn completion(h: &mut Harvest, learner: &str, item: &str, status: ItemStatus, day: u32) {
    let n = h.completions.len();
    h.completions.push(CompletionRow {
        id: format!("{learner}-{n}"),
        learner_id: learner.into(),
        course_id: "c".into(),
        item_id: item.into(),
        status,
        recorded_at: format!("2026-03-{day:02}T09:00:00.000Z"),
    });
}

fn item(h: &mut Harvest, learner: &str, item: &str, status: ItemStatus) {
    h.items.push(ItemRow {
        learner_id: learner.into(),
        course_id: "c".into(),
        item_id: item.into(),
        status,
        position: 0,
        updated_at: "2026-03-30T09:00:00.000Z".into(),
    });
}

fn attempt(h: &mut Harvest, learner: &str, n: usize, day: u32, passed: bool) {
    h.attempts.push(AttemptRow {
        id: format!("{learner}-attempt-{n}"),
        learner_id: learner.into(),
        course_id: "c".into(),
        course_version: "1.0.0".into(),
        quiz_id: "check".into(),
        seed: 1,
        plan: "[]".into(),
        started_at: format!("2026-03-{day:02}T08:00:00.000Z"),
        result: Some(ResultRow {
            score: if passed { 1.0 } else { 0.0 },
            max_score: 1.0,
            passed,
            finished_at: format!("2026-03-{day:02}T08:30:00.000Z"),
        }),
    });
}

/// Amina began with the quiz on the 2nd, failed it, read the lesson on the 5th and again
/// on the 9th, passed on the 7th and again on the 20th: begun on the 2nd, finished on the
/// 7th. Bintou read the lesson only. Chiku failed the quiz three times.
fn store() -> Store {
    let mut h = Harvest::default();
    for id in ["amina", "bintou", "chiku"] {
        learner(&mut h, id);
    }
    attempt(&mut h, "amina", 0, 2, false);
    completion(&mut h, "amina", "check", ItemStatus::Failed, 2);
    completion(&mut h, "amina", "read", ItemStatus::Done, 9);
    completion(&mut h, "amina", "read", ItemStatus::Done, 5);
    attempt(&mut h, "amina", 1, 7, true);
    completion(&mut h, "amina", "check", ItemStatus::Passed, 7);
    attempt(&mut h, "amina", 2, 20, true);
    completion(&mut h, "amina", "check", ItemStatus::Passed, 20);
    item(&mut h, "amina", "read", ItemStatus::Done);
    item(&mut h, "amina", "check", ItemStatus::Passed);
    completion(&mut h, "bintou", "read", ItemStatus::Done, 3);
    item(&mut h, "bintou", "read", ItemStatus::Done);
    item(&mut h, "bintou", "extra", ItemStatus::InProgress);
    for n in 0..3 {
        attempt(&mut h, "chiku", n, 10 + n as u32, false);
        completion(&mut h, "chiku", "check", ItemStatus::Failed, 10 + n as u32);
    }
    item(&mut h, "chiku", "check", ItemStatus::Failed);
    let mut store = Store::open_in_memory().unwrap();
    let site = SiteRow {
        id: "site".into(),
        name: "Site".into(),
        public_key: "0".repeat(64),
    };
    store.merge_harvest(&site, "m", "file", &h).unwrap();
    store
}

#[test]
fn each_learners_tally_is_what_her_own_records_say() {
    let store = store();
    let who = Learners::Site("site".into());
    let tallies = store.course_tallies(&who, &required()).unwrap();
    let of = |l: &str| tallies[&(l.to_string(), "c".to_string())].clone();
    let amina = of("amina");
    assert_eq!((amina.finished, amina.passed, amina.touched), (2, 1, 2));
    assert_eq!(amina.first_at.as_deref(), Some("2026-03-02T08:00:00.000Z"));
    // The later of the two items' first times done: the lesson on the 5th, the quiz on the 7th.
    assert_eq!(
        amina.finished_at.as_deref(),
        Some("2026-03-07T09:00:00.000Z")
    );
    let bintou = of("bintou");
    assert_eq!((bintou.finished, bintou.passed, bintou.touched), (1, 0, 2));
    assert_eq!(bintou.first_at.as_deref(), Some("2026-03-03T09:00:00.000Z"));
    let chiku = of("chiku");
    assert_eq!((chiku.finished, chiku.passed), (0, 0));
    assert_eq!(chiku.finished_at, None, "a failed quiz is not done");
    assert_eq!(chiku.first_at.as_deref(), Some("2026-03-10T08:00:00.000Z"));
    // Without the times, the same counts.
    let counts = store.course_counts(&who, &required()).unwrap();
    assert_eq!(counts[&("amina".to_string(), "c".to_string())].finished, 2);
    assert_eq!(
        counts[&("amina".to_string(), "c".to_string())].finished_at,
        None
    );
    // This desk's own learners are none of these.
    assert!(
        store
            .course_tallies(&Learners::Local, &required())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn attempts_are_counted_only_where_a_limited_quiz_is_not_passed() {
    let store = store();
    let who = Learners::Site("site".into());
    let counts = store
        .unpassed_attempt_counts(&who, &[("c", "check")])
        .unwrap();
    assert_eq!(
        counts.get(&("chiku".into(), "c".into(), "check".into())),
        Some(&(3, 0))
    );
    // Amina passed: she cannot be out of attempts, so she is not counted.
    assert!(!counts.contains_key(&("amina".into(), "c".into(), "check".into())));
    assert_eq!(counts.len(), 1);
    // No limited quiz, nothing to count.
    assert!(store.unpassed_attempt_counts(&who, &[]).unwrap().is_empty());
}
