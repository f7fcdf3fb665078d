//! One learner never reaches another's records: every public `Store` method that takes a
//! `LearnerId` is called for Baraka on a desk where Amina has records of every kind, and
//! must neither show nor change any of hers.
//!
//! [`CALLS`] is the one list; [`every_method_taking_a_learner_is_in_the_list`] reads the
//! store's sources so that a new method cannot be forgotten here.

use crate::store::tests::pts;

use std::fs;
use std::path::Path;

use time::OffsetDateTime;
use time::macros::datetime;

use crate::store::tests::{records_of, temp_db};
use crate::store::{AttemptId, ItemStatus, LearnerId, PinCheck, Place, Store, StoreError};

const COURSE: &str = "gender-equality-basics";
const QUIZ: &str = "concepts-quiz";
const AMINA_PIN: &str = "2468";
const BARAKA_PIN: &str = "97531";
const NOW: OffsetDateTime = datetime!(2026-03-08 09:00 UTC);

/// Text that appears only in Amina's records: none of it may come back to Baraka.
const AMINA_MARKERS: [&str; 6] = [
    "Amina",
    "amina-response",
    "amina-plan",
    "amina-language",
    "amina-theme",
    "amina-grantor",
];

/// Amina has a PIN and is paused after wrong tries, preferences, progress, a place, a
/// finished attempt and an open one with answers. Baraka has a PIN and nothing else.
struct Desk {
    amina: LearnerId,
    baraka: LearnerId,
    finished: AttemptId,
    open: AttemptId,
}

fn furnish(store: &mut Store) -> Desk {
    let amina = store.add_learner("Amina", Some(AMINA_PIN)).unwrap().id;
    let baraka = store.add_learner("Baraka", Some(BARAKA_PIN)).unwrap().id;
    store
        .set_preferences(&amina, Some("amina-language"), Some("amina-theme"))
        .unwrap();
    store.touch_learner(&amina).unwrap();
    store.save_position(&amina, COURSE, "lesson", 4).unwrap();
    store
        .set_status(&amina, COURSE, "lesson", ItemStatus::Done)
        .unwrap();
    let place = Place {
        course_id: COURSE.into(),
        item_id: "lesson".into(),
    };
    store.set_last_place(&amina, &place).unwrap();
    store
        .record_certificate(&crate::store::CertificateRecord {
            code: "AMINA-CERT".into(),
            learner_id: amina.clone(),
            learner_name: "Amina".into(),
            course_id: COURSE.into(),
            course_title: "Course".into(),
            course_version: "1.2.0".into(),
            score: 90,
            issued_on: "2026-11-28".into(),
        })
        .unwrap();
    let finished = store
        .start_attempt(&amina, COURSE, "1.2.0", QUIZ, 1, "amina-plan")
        .unwrap();
    store
        .record_answer(
            &amina,
            &finished,
            "q1",
            "amina-response",
            pts(1.0),
            pts(1.0),
            true,
        )
        .unwrap();
    store
        .finish_attempt(&amina, &finished, pts(1.0), pts(1.0), true)
        .unwrap();
    let open = store
        .start_attempt(&amina, COURSE, "1.2.0", QUIZ, 2, "amina-plan")
        .unwrap();
    store
        .record_answer(
            &amina,
            &open,
            "q1",
            "amina-response",
            pts(0.0),
            pts(1.0),
            false,
        )
        .unwrap();
    store
        .grant_attempts(&amina, COURSE, QUIZ, 3, "amina-grantor")
        .unwrap();
    for _ in 0..crate::pin::MAX_TRIES {
        store.check_pin(&amina, "0000", NOW).unwrap();
    }
    assert_eq!(store.pin_lock(&amina, NOW).unwrap(), Some(30));
    Desk {
        amina,
        baraka,
        finished,
        open,
    }
}

/// One public `Store` method called for Baraka. `run` checks what Baraka gets and returns
/// it as text, to be searched for Amina's records.
struct Call {
    method: &'static str,
    run: fn(&mut Store, &Desk) -> String,
}

fn text<T: std::fmt::Debug>(value: T) -> String {
    format!("{value:?}")
}

/// Every public `Store` method that takes a `LearnerId`, called for Baraka.
const CALLS: &[Call] = &[
    // learners.rs
    Call {
        method: "learner",
        run: |store, desk| {
            let baraka = store.learner(&desk.baraka).unwrap().unwrap();
            assert_eq!(
                (baraka.name.as_str(), baraka.language.as_ref()),
                ("Baraka", None)
            );
            text(baraka)
        },
    },
    Call {
        method: "rename_learner",
        run: |store, desk| text(store.rename_learner(&desk.baraka, "Baraka Mwangi").unwrap()),
    },
    Call {
        method: "set_preferences",
        run: |store, desk| {
            store
                .set_preferences(&desk.baraka, Some("sw"), Some("dark"))
                .unwrap();
            let baraka = store.learner(&desk.baraka).unwrap().unwrap();
            assert_eq!(baraka.language.as_deref(), Some("sw"));
            text(baraka)
        },
    },
    Call {
        method: "save_profile",
        run: |store, desk| {
            let change = crate::store::ProfileChange {
                name: Some("Baraka O."),
                pin: crate::store::PinChange::Set("4321"),
                language: Some("fr"),
                theme: None,
                picture: None,
            };
            let baraka = store.save_profile(&desk.baraka, &change).unwrap();
            assert_eq!(baraka.name, "Baraka O.");
            assert!(baraka.has_pin);
            text(baraka)
        },
    },
    Call {
        method: "set_archived",
        run: |store, desk| {
            store.set_archived(&desk.baraka, true).unwrap();
            let listed = store.learners().unwrap();
            assert_eq!(listed.len(), 1, "only Amina, paused but not archived");
            store.set_archived(&desk.baraka, false).unwrap();
            text(store.learner(&desk.baraka).unwrap())
        },
    },
    Call {
        method: "delete_learner",
        run: |store, desk| {
            store.delete_learner(&desk.baraka).unwrap();
            let gone = store.learner(&desk.baraka).unwrap();
            assert_eq!(gone, None);
            text(gone)
        },
    },
    Call {
        method: "merge_learners",
        run: |store, desk| {
            // Baraka's second profile merges into his first; Amina's stay hers.
            let other = store.add_learner("Baraka M.", None).unwrap().id;
            store
                .set_last_place(
                    &other,
                    &Place {
                        course_id: COURSE.into(),
                        item_id: "lesson".into(),
                    },
                )
                .unwrap();
            store.merge_learners(&desk.baraka, &other).unwrap();
            assert_eq!(store.learner(&other).unwrap(), None);
            text(store.last_place(&desk.baraka).unwrap())
        },
    },
    Call {
        method: "merged_into",
        run: |store, desk| {
            let ids = store.merged_into(&desk.baraka).unwrap();
            assert!(ids.is_empty());
            text(ids)
        },
    },
    // grants.rs
    Call {
        method: "grant_attempts",
        run: |store, desk| {
            store
                .grant_attempts(&desk.baraka, COURSE, QUIZ, 1, "facilitator")
                .unwrap();
            text(store.granted_attempts(&desk.baraka, COURSE, QUIZ).unwrap())
        },
    },
    Call {
        method: "granted_attempts",
        run: |store, desk| {
            let granted = store.granted_attempts(&desk.baraka, COURSE, QUIZ).unwrap();
            assert_eq!(granted, 0, "Amina's grant is hers");
            text(granted)
        },
    },
    Call {
        method: "attempt_counts",
        run: |store, desk| {
            let counts = store.attempt_counts(&desk.baraka).unwrap();
            assert!(counts.is_empty(), "{counts:?}");
            text(counts)
        },
    },
    Call {
        method: "touch_learner",
        run: |store, desk| {
            store.touch_learner(&desk.baraka).unwrap();
            text(store.learner(&desk.baraka).unwrap())
        },
    },
    // pins.rs
    Call {
        method: "set_pin",
        run: |store, desk| {
            store.set_pin(&desk.baraka, Some("1111")).unwrap();
            store.set_pin(&desk.baraka, None).unwrap();
            text(store.learner(&desk.baraka).unwrap())
        },
    },
    Call {
        method: "set_new_pin",
        run: |store, desk| {
            use crate::pictures::Symbol::{Fish, Key, Sun};
            let pin = crate::store::NewPin::Pictures(&[Sun, Fish, Key]);
            store.set_new_pin(&desk.baraka, Some(pin)).unwrap();
            let baraka = store.learner(&desk.baraka).unwrap().unwrap();
            assert!(baraka.has_pin && baraka.picture_pin);
            text(baraka)
        },
    },
    // pictures.rs
    Call {
        method: "set_picture",
        run: |store, desk| {
            let picture = crate::pictures::Picture::from_ids("fish", "blue");
            store.set_picture(&desk.baraka, picture).unwrap();
            let baraka = store.learner(&desk.baraka).unwrap().unwrap();
            assert_eq!(baraka.picture, picture);
            text(baraka)
        },
    },
    Call {
        method: "check_pin",
        run: |store, desk| {
            // Amina's PIN does not open Baraka's profile, and Amina's pause is not his.
            let check = store.check_pin(&desk.baraka, AMINA_PIN, NOW).unwrap();
            assert_eq!(check, PinCheck::Rejected { tries_left: 4 });
            let right = store.check_pin(&desk.baraka, BARAKA_PIN, NOW).unwrap();
            assert_eq!(right, PinCheck::Accepted);
            text((check, right))
        },
    },
    Call {
        method: "pin_lock",
        run: |store, desk| {
            let lock = store.pin_lock(&desk.baraka, NOW).unwrap();
            assert_eq!(lock, None);
            text(lock)
        },
    },
    // progress.rs
    Call {
        method: "item_progress",
        run: |store, desk| {
            let progress = store.item_progress(&desk.baraka, COURSE).unwrap();
            assert!(progress.is_empty(), "{progress:?}");
            text(progress)
        },
    },
    Call {
        method: "certificates",
        run: |store, desk| text(store.certificates(&desk.baraka, COURSE).unwrap()),
    },
    Call {
        method: "set_content_hash",
        run: |store, desk| {
            // Baraka has no progress on the lesson: nothing of Amina's row may change.
            store
                .set_content_hash(&desk.baraka, COURSE, "lesson", "baraka-hash")
                .unwrap();
            text(store.item_progress(&desk.baraka, COURSE).unwrap())
        },
    },
    Call {
        method: "save_position",
        run: |store, desk| {
            store
                .save_position(&desk.baraka, COURSE, "lesson", 99)
                .unwrap();
            text(store.item_progress(&desk.baraka, COURSE).unwrap())
        },
    },
    Call {
        method: "set_status",
        run: |store, desk| {
            let shown = store
                .set_status(&desk.baraka, COURSE, "lesson", ItemStatus::Failed)
                .unwrap();
            // Amina's Done on the same item does not carry over to him.
            assert_eq!(shown, ItemStatus::Failed);
            text(shown)
        },
    },
    Call {
        method: "mark_read",
        run: |store, desk| {
            let shown = store
                .mark_read(&desk.baraka, COURSE, "lesson", "hash-of-text")
                .unwrap();
            assert_eq!(shown, ItemStatus::Done);
            text(store.item_progress(&desk.baraka, COURSE).unwrap())
        },
    },
    Call {
        method: "last_place",
        run: |store, desk| {
            let place = store.last_place(&desk.baraka).unwrap();
            assert_eq!(place, None);
            text(place)
        },
    },
    Call {
        method: "set_last_place",
        run: |store, desk| {
            let place = Place {
                course_id: "cedaw".into(),
                item_id: "articles".into(),
            };
            store.set_last_place(&desk.baraka, &place).unwrap();
            text(store.last_place(&desk.baraka).unwrap())
        },
    },
    // attempts.rs
    Call {
        method: "start_attempt",
        run: |store, desk| {
            let id = store
                .start_attempt(&desk.baraka, COURSE, "1.2.0", QUIZ, 9, "q1=0,1")
                .unwrap();
            let attempts = store.attempts(&desk.baraka, COURSE, QUIZ).unwrap();
            assert_eq!(attempts.len(), 1);
            assert_eq!(attempts[0].id, id);
            text(attempts)
        },
    },
    Call {
        method: "record_answer",
        run: |store, desk| {
            let mut errors = Vec::new();
            for attempt in [&desk.open, &desk.finished] {
                let error = store
                    .record_answer(&desk.baraka, attempt, "q2", "x", pts(1.0), pts(1.0), true)
                    .unwrap_err();
                assert!(matches!(&error, StoreError::AttemptNotFound(a) if a == attempt));
                errors.push(error);
            }
            text(errors)
        },
    },
    Call {
        method: "finish_attempt",
        run: |store, desk| {
            let error = store
                .finish_attempt(&desk.baraka, &desk.open, pts(0.0), pts(1.0), false)
                .unwrap_err();
            assert!(matches!(error, StoreError::AttemptNotFound(_)));
            text(error)
        },
    },
    Call {
        method: "attempts",
        run: |store, desk| {
            let attempts = store.attempts(&desk.baraka, COURSE, QUIZ).unwrap();
            assert!(attempts.is_empty());
            text(attempts)
        },
    },
    Call {
        method: "open_attempt",
        run: |store, desk| {
            let open = store.open_attempt(&desk.baraka, COURSE, QUIZ).unwrap();
            assert_eq!(open, None);
            text(open)
        },
    },
    Call {
        method: "attempt",
        run: |store, desk| {
            let found = [&desk.open, &desk.finished]
                .map(|attempt| store.attempt(&desk.baraka, attempt).unwrap());
            assert_eq!(found, [None, None]);
            text(found)
        },
    },
    Call {
        method: "answers",
        run: |store, desk| {
            let error = store.answers(&desk.baraka, &desk.open).unwrap_err();
            assert!(matches!(error, StoreError::AttemptNotFound(_)));
            text(error)
        },
    },
];

#[test]
fn a_learner_never_sees_or_changes_another_learners_records() {
    // The desk is furnished once (PIN hashing is slow on purpose) and copied for each call,
    // so that every call starts from the same records and one cannot mask another.
    let (dir, template) = temp_db();
    let mut store = Store::open(&template).unwrap();
    let desk = furnish(&mut store);
    let amina_before = records_of(&store, &desk.amina);
    // Every kind of record: the learner, a grant, a certificate, progress and a completion
    // for the lesson and the quiz, a place, 2 attempts, 2 answers, a result.
    assert_eq!(amina_before.len(), 13, "{amina_before:#?}");
    drop(store); // the last connection to close folds the WAL back into the file

    for (n, call) in CALLS.iter().enumerate() {
        let path = dir.path().join(format!("{n}-{}.db", call.method));
        fs::copy(&template, &path).unwrap();
        let mut store = Store::open(&path).unwrap();
        let seen = (call.run)(&mut store, &desk);
        for marker in AMINA_MARKERS.iter().copied().chain([desk.amina.0.as_str()]) {
            assert!(
                !seen.contains(marker),
                "{}: Baraka saw Amina's {marker:?} in {seen}",
                call.method
            );
        }
        assert_eq!(
            records_of(&store, &desk.amina),
            amina_before,
            "{} for Baraka changed Amina's records",
            call.method
        );
        assert_eq!(store.pin_lock(&desk.amina, NOW).unwrap(), Some(30));
    }
}

/// The names of the public methods in `source` that take a `&LearnerId`.
fn methods_taking_a_learner(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in source.match_indices("pub fn ") {
        let rest = &source[at + "pub fn ".len()..];
        let Some(open) = rest.find('(') else {
            continue;
        };
        let name = rest[..open].split('<').next().unwrap().trim();
        // The parameter list ends at the parenthesis that closes the first one.
        let mut depth = 0;
        let close = rest[open..]
            .char_indices()
            .find_map(|(i, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(open + i)
            })
            .unwrap();
        if rest[open..close].contains("&LearnerId") {
            found.push(name.to_owned());
        }
    }
    found
}

#[test]
fn every_method_taking_a_learner_is_in_the_list() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = vec![dir.join("store.rs")];
    for entry in fs::read_dir(dir.join("store")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            sources.push(path);
        }
    }
    let mut in_sources: Vec<String> = sources
        .iter()
        .flat_map(|path| methods_taking_a_learner(&fs::read_to_string(path).unwrap()))
        .collect();
    in_sources.sort();
    let mut listed: Vec<String> = CALLS.iter().map(|c| c.method.to_owned()).collect();
    listed.sort();
    assert!(
        in_sources.len() >= 20,
        "the source scan found too little: {in_sources:?}"
    );
    assert_eq!(
        in_sources, listed,
        "add a Call to CALLS for each public Store method that takes a LearnerId"
    );
}

#[test]
fn the_source_scan_sees_multi_line_and_generic_signatures() {
    let source = "
        pub fn one(&self, learner: &LearnerId) -> X {}
        pub fn two(
            &mut self,
            f: impl FnOnce(&Transaction) -> Result<T, E>,
            learner: &LearnerId,
        ) {}
        pub fn three<T>(&self, attempt: &AttemptId) {}
        fn private(&self, learner: &LearnerId) {}
        pub fn four() -> Option<&LearnerId> {}
    ";
    assert_eq!(methods_taking_a_learner(source), ["one", "two"]);
}
