//! Tests of quiz attempts and answers, and their durability across reopening. Isolation
//! between learners is tested for every method at once in `isolation.rs`.

use crate::store::tests::pts;

use crate::store::tests::temp_db;
use crate::store::{AttemptId, ItemStatus, LearnerId, Store, StoreError};

const COURSE: &str = "gender-equality-basics";
const QUIZ: &str = "concepts-quiz";

fn answer(store: &mut Store, learner: &LearnerId, attempt: &AttemptId, question: &str) {
    store
        .record_answer(learner, attempt, question, "b", pts(1.0), pts(1.0), true)
        .unwrap();
}

#[test]
fn attempts_are_listed_oldest_first_with_their_results() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    let first = store
        .start_attempt(&amina, COURSE, "1.2.0", QUIZ, 11, "q1=0,1")
        .unwrap();
    answer(&mut store, &amina, &first, "q1");
    let result = store
        .finish_attempt(&amina, &first, pts(2.5), pts(4.0), false)
        .unwrap();
    let second = store
        .start_attempt(&amina, COURSE, "1.3.0", QUIZ, -7, "q1=0,1")
        .unwrap();
    store
        .start_attempt(&amina, COURSE, "1.3.0", "other-quiz", 0, "q1=0,1")
        .unwrap();

    let attempts = store.attempts(&amina, COURSE, QUIZ).unwrap();
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].id, first);
    assert_eq!(attempts[0].learner_id, amina);
    assert_eq!(attempts[0].course_version, "1.2.0");
    assert_eq!(attempts[0].seed, 11);
    assert_eq!(attempts[0].result, Some(result.clone()));
    assert_eq!(
        (result.score, result.max_score, result.passed),
        (2.5, 4.0, false)
    );
    assert_eq!(attempts[1].id, second);
    assert_eq!(attempts[1].seed, -7);
    assert_eq!(attempts[1].result, None);
}

#[test]
fn record_answer_refuses_duplicates_finished_attempts_and_strangers() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    let baraka = store.add_learner("Baraka", None).unwrap().id;
    let attempt = store
        .start_attempt(&amina, COURSE, "1.2.0", QUIZ, 1, "q1=0,1")
        .unwrap();
    let kept = store
        .record_answer(&amina, &attempt, "q1", "first", pts(0.0), pts(1.0), false)
        .unwrap();

    let duplicate = store.record_answer(&amina, &attempt, "q1", "second", pts(1.0), pts(1.0), true);
    assert!(
        matches!(&duplicate, Err(StoreError::AlreadyAnswered { attempt: a, question_id })
            if a == &attempt && question_id == "q1"),
        "{duplicate:?}"
    );
    let stranger = store.record_answer(&baraka, &attempt, "q2", "x", pts(1.0), pts(1.0), true);
    assert!(
        matches!(&stranger, Err(StoreError::AttemptNotFound(a)) if a == &attempt),
        "{stranger:?}"
    );
    let missing = AttemptId("no-such-attempt".into());
    assert!(matches!(
        store.record_answer(&amina, &missing, "q2", "x", pts(1.0), pts(1.0), true),
        Err(StoreError::AttemptNotFound(_))
    ));

    store
        .finish_attempt(&amina, &attempt, pts(0.0), pts(2.0), false)
        .unwrap();
    assert!(matches!(
        store.record_answer(&amina, &attempt, "q2", "late", pts(1.0), pts(1.0), true),
        Err(StoreError::AttemptFinished(_))
    ));
    assert!(matches!(
        store.finish_attempt(&amina, &attempt, pts(2.0), pts(2.0), true),
        Err(StoreError::AttemptFinished(_))
    ));
    // Only the first answer and the first result were kept.
    assert_eq!(store.answers(&amina, &attempt).unwrap(), vec![kept]);
    let result = store.attempts(&amina, COURSE, QUIZ).unwrap()[0]
        .result
        .clone();
    assert_eq!(result.map(|r| r.passed), Some(false));
    assert_eq!(
        store.item_progress(&amina, COURSE).unwrap()[QUIZ].status,
        ItemStatus::Failed
    );
}

#[test]
fn open_attempt_returns_the_latest_unfinished_attempt_and_its_answers_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    assert_eq!(store.open_attempt(&amina, COURSE, QUIZ).unwrap(), None);

    let finished = store
        .start_attempt(&amina, COURSE, "1.2.0", QUIZ, 1, "q1=0,1")
        .unwrap();
    store
        .finish_attempt(&amina, &finished, pts(1.0), pts(1.0), true)
        .unwrap();
    assert_eq!(store.open_attempt(&amina, COURSE, QUIZ).unwrap(), None);

    let open = store
        .start_attempt(&amina, COURSE, "1.2.0", QUIZ, 2, "q1=0,1")
        .unwrap();
    // Deliberately not in question order: the order answered is what counts.
    for question in ["q3", "q1", "q2"] {
        answer(&mut store, &amina, &open, question);
    }
    store
        .start_attempt(&amina, COURSE, "1.2.0", "other-quiz", 3, "q1=0,1")
        .unwrap();

    let (attempt, answers) = store.open_attempt(&amina, COURSE, QUIZ).unwrap().unwrap();
    assert_eq!(attempt.id, open);
    assert_eq!(attempt.seed, 2);
    assert_eq!(attempt.result, None);
    let questions: Vec<&str> = answers.iter().map(|a| a.question_id.as_str()).collect();
    assert_eq!(questions, ["q3", "q1", "q2"]);
    assert!(answers.iter().all(|a| a.attempt_id == open));

    store
        .finish_attempt(&amina, &open, pts(3.0), pts(3.0), true)
        .unwrap();
    assert_eq!(store.open_attempt(&amina, COURSE, QUIZ).unwrap(), None);
}

#[test]
fn answers_survive_closing_and_reopening_the_store() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let amina = store.add_learner("Amina", None).unwrap().id;
    let attempt = store
        .start_attempt(&amina, COURSE, "1.2.0", QUIZ, 5, "q1=0,1")
        .unwrap();
    let written: Vec<_> = (1..=3)
        .map(|i| {
            store
                .record_answer(
                    &amina,
                    &attempt,
                    &format!("q{i}"),
                    "é → ✓",
                    pts(0.5),
                    pts(1.0),
                    i % 2 == 0,
                )
                .unwrap()
        })
        .collect();
    store.save_position(&amina, COURSE, "lesson", 17).unwrap();
    drop(store);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.answers(&amina, &attempt).unwrap(), written);
    let (open, answers) = store.open_attempt(&amina, COURSE, QUIZ).unwrap().unwrap();
    assert_eq!((open.id, answers), (attempt, written));
    assert_eq!(
        store.item_progress(&amina, COURSE).unwrap()["lesson"].position,
        17
    );
}
