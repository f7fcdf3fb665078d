//! Several handles on one file at once, and the cost of a durable answer.

use crate::store::tests::pts;

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use time::macros::datetime;

use crate::pin::{MAX_TRIES, lockout_delay};
use crate::store::tests::temp_db;
use crate::store::{PinCheck, Store, StoreError};

const COURSE: &str = "gender-equality-basics";
const QUIZ: &str = "concepts-quiz";

#[test]
fn two_handles_writing_at_once_lose_nothing_and_never_see_a_lock() {
    const WRITERS: usize = 2;
    const ANSWERS: usize = 200;
    let (_dir, path) = temp_db();
    // The file does not exist yet: both handles also race to create and migrate it.
    let start = Arc::new(Barrier::new(WRITERS));
    let writers: Vec<_> = (0..WRITERS)
        .map(|n| {
            let (path, start) = (path.clone(), Arc::clone(&start));
            thread::spawn(move || -> Result<_, StoreError> {
                start.wait();
                let mut store = Store::open(&path)?;
                let learner = store.add_learner(&format!("Writer {n}"), None)?.id;
                let attempt =
                    store.start_attempt(&learner, COURSE, "1.0.0", QUIZ, n as i64, "q1=0,1")?;
                for q in 0..ANSWERS {
                    let question = format!("q{q}");
                    store.record_answer(
                        &learner,
                        &attempt,
                        &question,
                        "a",
                        pts(1.0),
                        pts(1.0),
                        true,
                    )?;
                }
                Ok((learner, attempt))
            })
        })
        .collect();
    let written: Vec<_> = writers
        .into_iter()
        .map(|writer| writer.join().unwrap().unwrap())
        .collect();

    let store = Store::open(&path).unwrap();
    let mut total = 0;
    for (learner, attempt) in &written {
        let answers = store.answers(learner, attempt).unwrap();
        assert_eq!(answers.len(), ANSWERS);
        total += answers.len();
    }
    assert_eq!(total, WRITERS * ANSWERS);
    assert_eq!(store.learners().unwrap().len(), WRITERS);
}

#[test]
fn wrong_pins_from_two_handles_at_once_are_all_counted_and_pause_at_the_fifth() {
    const HANDLES: usize = 2;
    const ROUNDS: u32 = 3;
    // Each handle alone sends a full round's worth, so together they go past the limit.
    const PER_HANDLE: u32 = MAX_TRIES;
    let (_dir, path) = temp_db();
    let learner = Store::open(&path)
        .unwrap()
        .add_learner("Amina", Some("2468"))
        .unwrap()
        .id;
    let mut now: OffsetDateTime = datetime!(2026-03-08 09:00 UTC);
    for round in 1..=ROUNDS {
        let start = Arc::new(Barrier::new(HANDLES));
        let handles: Vec<_> = (0..HANDLES)
            .map(|_| {
                let (path, start, learner) = (path.clone(), Arc::clone(&start), learner.clone());
                thread::spawn(move || -> Result<Vec<PinCheck>, StoreError> {
                    let mut store = Store::open(&path)?;
                    start.wait();
                    (0..PER_HANDLE)
                        .map(|_| store.check_pin(&learner, "1357", now))
                        .collect()
                })
            })
            .collect();
        let mut results: Vec<PinCheck> = handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap().unwrap())
            .collect();

        // Had two handles read the same count, a `tries_left` would show twice and the
        // pause would come late.
        let pause = lockout_delay(round).as_secs();
        let mut expected: Vec<PinCheck> = (1..MAX_TRIES)
            .rev()
            .map(|tries_left| PinCheck::Rejected { tries_left })
            .collect();
        let locked = HANDLES * PER_HANDLE as usize - expected.len();
        expected.extend(
            [PinCheck::Locked {
                seconds_left: pause,
            }]
            .repeat(locked),
        );
        let order = |check: &PinCheck| format!("{check:?}");
        results.sort_by_key(order);
        expected.sort_by_key(order);
        assert_eq!(results, expected, "round {round}");

        let mut store = Store::open(&path).unwrap();
        let counters: (u32, u32) = store
            .transact(|tx| {
                Ok(tx.query_row(
                    "SELECT failed_pins, lockouts FROM learners WHERE id = ?1",
                    [&learner.0],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )?)
            })
            .unwrap();
        assert_eq!(counters, (0, round), "round {round}");
        assert_eq!(store.pin_lock(&learner, now).unwrap(), Some(pause));
        now += Duration::from_secs(pause);
    }
}

/// Run with `cargo test -- --ignored --nocapture record_answer_cost`; set HATUA_BENCH_DIR
/// to measure on another disk (a USB drive, say).
#[test]
#[ignore = "a measurement, not a check; prints timings"]
fn record_answer_cost_compared_with_fsync() {
    const CALLS: u32 = 1_000;
    let dir = match std::env::var_os("HATUA_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(dir).unwrap(),
        None => tempfile::tempdir().unwrap(),
    };
    let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
    let per_answer = mean_record_answer(&mut store, CALLS);
    // The same work without waiting for the disk: what the rest of a commit costs.
    store
        .conn
        .pragma_update(None, "synchronous", "OFF")
        .unwrap();
    let per_answer_no_sync = mean_record_answer(&mut store, CALLS);
    drop(store);

    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.path().join("fsync-probe"))
        .unwrap();
    let began = Instant::now();
    for _ in 0..CALLS {
        // Something to flush each time, as a commit has; fsync of a clean file is nearly free.
        file.write_all(b"one answer's worth of bytes\n").unwrap();
        file.sync_all().unwrap();
    }
    let per_fsync = began.elapsed() / CALLS;
    let clean = mean_clean_sync(&file, CALLS);

    println!("directory: {}", dir.path().display());
    println!("record_answer, mean of {CALLS}: {per_answer:?}");
    println!(
        "record_answer with synchronous=OFF (no fsync), mean of {CALLS}: {per_answer_no_sync:?}"
    );
    println!("write + File::sync_all, mean of {CALLS}: {per_fsync:?}");
    println!("File::sync_all on an unchanged file, mean of {CALLS}: {clean:?}");
    println!(
        "ratio record_answer / fsync: {:.2} (target: at most 4)",
        per_answer.as_secs_f64() / per_fsync.as_secs_f64()
    );
}

fn mean_record_answer(store: &mut Store, calls: u32) -> Duration {
    let learner = store.add_learner("Bench", None).unwrap().id;
    let attempt = store
        .start_attempt(&learner, COURSE, "1.0.0", QUIZ, 0, "q1=0,1")
        .unwrap();
    let questions: Vec<String> = (0..calls).map(|q| format!("question-{q}")).collect();
    let began = Instant::now();
    for question in &questions {
        store
            .record_answer(&learner, &attempt, question, "b", pts(1.0), pts(1.0), true)
            .unwrap();
    }
    began.elapsed() / calls
}

fn mean_clean_sync(file: &File, calls: u32) -> Duration {
    let began = Instant::now();
    for _ in 0..calls {
        file.sync_all().unwrap();
    }
    began.elapsed() / calls
}
