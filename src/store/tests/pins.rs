//! Tests of learners' PINs, the pause after wrong ones, and the facilitator password.

use std::time::Duration;

use rusqlite::params;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::store::tests::temp_db;
use crate::store::{LearnerId, PinCheck, Store, StoreError};

const PIN: &str = "2468";
const WRONG: &str = "1357";
const T0: OffsetDateTime = datetime!(2026-03-08 09:00 UTC);

fn after(seconds: u64) -> OffsetDateTime {
    T0 + Duration::from_secs(seconds)
}

/// The PIN columns exactly as stored: hash, wrong tries, pauses so far, pause end.
#[derive(Debug, PartialEq)]
struct PinRow {
    hash: Option<String>,
    failed: u32,
    lockouts: u32,
    locked_until: Option<String>,
}

fn pin_row(store: &mut Store, learner: &LearnerId) -> PinRow {
    store
        .transact(|tx| {
            Ok(tx.query_row(
                "SELECT pin_hash, failed_pins, lockouts, locked_until FROM learners WHERE id = ?1",
                params![learner.0],
                |row| {
                    Ok(PinRow {
                        hash: row.get(0)?,
                        failed: row.get(1)?,
                        lockouts: row.get(2)?,
                        locked_until: row.get(3)?,
                    })
                },
            )?)
        })
        .unwrap()
}

fn check(store: &mut Store, learner: &LearnerId, pin: &str, at: OffsetDateTime) -> PinCheck {
    store.check_pin(learner, pin, at).unwrap()
}

/// Five wrong PINs at `at`: the first four rejected, the fifth starting a pause.
fn five_wrong(store: &mut Store, learner: &LearnerId, at: OffsetDateTime) -> PinCheck {
    for tries_left in [4, 3, 2, 1] {
        assert_eq!(
            check(store, learner, WRONG, at),
            PinCheck::Rejected { tries_left }
        );
    }
    check(store, learner, WRONG, at)
}

#[test]
fn five_wrong_pins_pause_the_profile_longer_each_time_even_across_restarts() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let amina = store.add_learner("Amina", Some(PIN)).unwrap();
    assert!(amina.has_pin);
    let amina = amina.id;
    assert_eq!(store.pin_lock(&amina, T0).unwrap(), None);

    assert_eq!(
        five_wrong(&mut store, &amina, T0),
        PinCheck::Locked { seconds_left: 30 }
    );
    let locked = pin_row(&mut store, &amina);
    assert_eq!(
        (
            locked.failed,
            locked.lockouts,
            locked.locked_until.as_deref()
        ),
        (0, 1, Some("2026-03-08T09:00:30.000Z"))
    );
    // During the pause nothing is checked or counted, not even the right PIN.
    assert_eq!(
        check(&mut store, &amina, PIN, after(10)),
        PinCheck::Locked { seconds_left: 20 }
    );
    assert_eq!(
        check(&mut store, &amina, WRONG, after(15)),
        PinCheck::Locked { seconds_left: 15 }
    );
    assert_eq!(pin_row(&mut store, &amina), locked);
    assert_eq!(store.pin_lock(&amina, after(29)).unwrap(), Some(1));
    // The picker's one query for everyone says the same, and names no one else.
    let baraka = store.add_learner("Baraka", Some(PIN)).unwrap().id;
    let locks = store.pin_locks(after(29)).unwrap();
    assert_eq!(locks.get(&amina), Some(&1));
    assert!(!locks.contains_key(&baraka), "{locks:?}");

    // Once the pause is over, the count starts again but the next pause is longer.
    assert_eq!(store.pin_lock(&amina, after(30)).unwrap(), None);
    assert!(store.pin_locks(after(30)).unwrap().is_empty());
    assert_eq!(
        five_wrong(&mut store, &amina, after(30)),
        PinCheck::Locked { seconds_left: 60 }
    );
    let locked = pin_row(&mut store, &amina);
    assert_eq!((locked.failed, locked.lockouts), (0, 2));

    // Quitting does not end a pause.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.pin_lock(&amina, after(50)).unwrap(), Some(40));
    assert_eq!(
        check(&mut store, &amina, PIN, after(50)),
        PinCheck::Locked { seconds_left: 40 }
    );
    assert_eq!(pin_row(&mut store, &amina), locked);

    // The right PIN after the pause opens the profile and forgives the past pauses.
    assert_eq!(
        check(&mut store, &amina, PIN, after(90)),
        PinCheck::Accepted
    );
    let open = pin_row(&mut store, &amina);
    assert_eq!(
        (open.failed, open.lockouts, open.locked_until),
        (0, 0, None)
    );
    assert_eq!(
        check(&mut store, &amina, WRONG, after(91)),
        PinCheck::Rejected { tries_left: 4 }
    );
    // A right PIN also resets wrong tries short of a pause.
    assert_eq!(
        check(&mut store, &amina, PIN, after(92)),
        PinCheck::Accepted
    );
    assert_eq!(
        five_wrong(&mut store, &amina, after(93)),
        PinCheck::Locked { seconds_left: 30 }
    );
}

#[test]
fn a_wrong_count_survives_reopening_the_store() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let amina = store.add_learner("Amina", Some(PIN)).unwrap().id;
    for tries_left in [4, 3] {
        assert_eq!(
            check(&mut store, &amina, WRONG, T0),
            PinCheck::Rejected { tries_left }
        );
    }
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        check(&mut store, &amina, WRONG, T0),
        PinCheck::Rejected { tries_left: 2 }
    );
}

#[test]
fn setting_or_removing_a_pin_unlocks_the_profile() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", Some(PIN)).unwrap().id;
    let baraka = store.add_learner("Baraka", Some(PIN)).unwrap().id;
    for learner in [&amina, &baraka] {
        five_wrong(&mut store, learner, T0);
        five_wrong(&mut store, learner, after(30));
        assert_eq!(store.pin_lock(learner, after(31)).unwrap(), Some(59));
    }
    let unlocked = |hash| PinRow {
        hash,
        failed: 0,
        lockouts: 0,
        locked_until: None,
    };

    store.set_pin(&amina, None).unwrap();
    assert_eq!(pin_row(&mut store, &amina), unlocked(None));
    assert!(!store.learner(&amina).unwrap().unwrap().has_pin);
    assert_eq!(store.pin_lock(&amina, after(31)).unwrap(), None);
    assert_eq!(check(&mut store, &amina, WRONG, after(31)), PinCheck::NoPin);
    assert_eq!(
        pin_row(&mut store, &amina),
        unlocked(None),
        "NoPin counts nothing"
    );

    store.set_pin(&baraka, Some("80808080")).unwrap();
    let row = pin_row(&mut store, &baraka);
    assert_eq!(row, unlocked(row.hash.clone()));
    assert!(store.learner(&baraka).unwrap().unwrap().has_pin);
    assert_eq!(store.pin_lock(&baraka, after(31)).unwrap(), None);
    assert_eq!(
        check(&mut store, &baraka, PIN, after(31)),
        PinCheck::Rejected { tries_left: 4 },
        "the old PIN no longer opens it"
    );
    assert_eq!(
        check(&mut store, &baraka, "80808080", after(32)),
        PinCheck::Accepted
    );

    // A PIN can be added to a profile that had none.
    store.set_pin(&amina, Some("0000")).unwrap();
    assert_eq!(
        check(&mut store, &amina, "0000", after(33)),
        PinCheck::Accepted
    );
}

#[test]
fn pins_are_stored_only_as_argon2id_hashes() {
    let mut store = Store::open_in_memory().unwrap();
    let pins = ["4821", "00000000", "1111"];
    let amina = store.add_learner("Amina", Some(pins[0])).unwrap().id;
    let baraka = store.add_learner("Baraka", None).unwrap().id;
    store.set_pin(&baraka, Some(pins[1])).unwrap();
    let chiku = store.add_learner("Chiku", Some(pins[2])).unwrap().id;
    for (learner, pin) in [(&amina, pins[0]), (&baraka, pins[1]), (&chiku, pins[2])] {
        let hash = pin_row(&mut store, learner).hash.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains(pin), "{hash} contains {pin}");
    }
    // Nowhere else either: no other column of any learner holds a PIN. (Not the id and
    // the times, which come from the random source and the clock: digits could turn up
    // there by chance.)
    let everything: String = store
        .transact(|tx| {
            Ok(tx.query_row(
                "SELECT group_concat(concat_ws('|', name, failed_pins, lockouts, locked_until,
                                               archived_at, language, theme), '|')
                 FROM learners",
                [],
                |row| row.get(0),
            )?)
        })
        .unwrap();
    for pin in pins {
        assert!(!everything.contains(pin), "{everything}");
    }
}

#[test]
fn a_pin_that_is_not_4_to_8_digits_is_refused_and_never_echoed() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", Some(PIN)).unwrap().id;
    let before = pin_row(&mut store, &amina);
    for bad in ["123", "123456789", "12a4", "", "98 76", "٤٨٢١"] {
        let error = store.add_learner("Baraka", Some(bad)).unwrap_err();
        assert!(matches!(error, StoreError::BadPin), "{bad:?}: {error:?}");
        let message = error.to_string();
        assert!(message.starts_with("A PIN is 4 to 8 digits."), "{message}");
        assert!(bad.is_empty() || !message.contains(bad), "{message}");
        assert!(matches!(
            store.set_pin(&amina, Some(bad)),
            Err(StoreError::BadPin)
        ));
    }
    assert_eq!(pin_row(&mut store, &amina), before);
    let names: Vec<String> = store
        .learners()
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
    assert_eq!(names, ["Amina"]);
}

#[test]
fn pin_checks_for_an_unknown_learner_are_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let ghost = LearnerId("no-such-learner".into());
    assert!(matches!(
        store.check_pin(&ghost, PIN, T0),
        Err(StoreError::LearnerNotFound(id)) if id == ghost
    ));
    assert!(matches!(
        store.pin_lock(&ghost, T0),
        Err(StoreError::LearnerNotFound(id)) if id == ghost
    ));
}

#[test]
fn the_facilitator_password_is_checked_and_kept_only_as_a_hash() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(!store.has_facilitator_password().unwrap());
    assert!(!store.check_facilitator_password("").unwrap());
    assert!(!store.check_facilitator_password("anything at all").unwrap());

    for short in ["", "1234567", "éééééé"] {
        let error = store.set_facilitator_password(short).unwrap_err();
        assert!(matches!(error, StoreError::WeakPassword), "{error:?}");
        assert!(error.to_string().contains("at least 8 characters"));
    }
    assert!(!store.has_facilitator_password().unwrap());

    // Eight characters, even if more bytes.
    let password = "mwezi-ée";
    store.set_facilitator_password(password).unwrap();
    assert!(store.has_facilitator_password().unwrap());
    assert!(store.check_facilitator_password(password).unwrap());
    for wrong in ["mwezi-ee", "MWEZI-ÉE", "mwezi-ée ", ""] {
        assert!(!store.check_facilitator_password(wrong).unwrap(), "{wrong}");
    }
    let stored = |store: &mut Store| -> Vec<(String, String)> {
        store
            .transact(|tx| {
                let mut stmt = tx.prepare("SELECT key, value FROM settings")?;
                let rows = stmt
                    .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                    .collect::<Result<_, _>>()?;
                Ok(rows)
            })
            .unwrap()
    };
    let rows = stored(&mut store);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "facilitator_password");
    assert!(rows[0].1.starts_with("$argon2id$"), "{}", rows[0].1);
    assert!(!rows[0].1.contains(password));

    // Replacing it keeps one row, and only the new password opens.
    store.set_facilitator_password("kesho-asubuhi").unwrap();
    assert_eq!(stored(&mut store).len(), 1);
    assert!(store.check_facilitator_password("kesho-asubuhi").unwrap());
    assert!(!store.check_facilitator_password(password).unwrap());
}

#[test]
fn wrong_facilitator_passwords_pause_the_facilitator_screen_across_a_restart() {
    use time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hatua.db");
    let now = time::OffsetDateTime::now_utc();
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            store.sign_in_facilitator("anything", now).unwrap(),
            PinCheck::NoPin
        );
        store.set_facilitator_password("kesho-asubuhi").unwrap();
        for left in (1..5).rev() {
            assert_eq!(
                store.sign_in_facilitator("guess-guess", now).unwrap(),
                PinCheck::Rejected { tries_left: left }
            );
        }
        assert_eq!(
            store.sign_in_facilitator("guess-guess", now).unwrap(),
            PinCheck::Locked { seconds_left: 30 }
        );
    }
    let mut store = Store::open(&path).unwrap();
    // Paused even for the right password, after a restart.
    assert!(matches!(
        store
            .sign_in_facilitator("kesho-asubuhi", now + Duration::seconds(10))
            .unwrap(),
        PinCheck::Locked { .. }
    ));
    let later = now + Duration::seconds(31);
    assert_eq!(
        store.sign_in_facilitator("kesho-asubuhi", later).unwrap(),
        PinCheck::Accepted
    );
    assert_eq!(
        store.sign_in_facilitator("wrong-again", later).unwrap(),
        PinCheck::Rejected { tries_left: 4 },
        "a right password starts the count again"
    );
}

#[test]
fn a_profile_saved_with_a_taken_name_keeps_its_old_pin_and_language_too() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let amina = store.add_learner("Amina", Some(PIN)).unwrap();
    store.add_learner("Grace", None).unwrap();
    let change = crate::store::ProfileChange {
        name: Some("grace"),
        pin: crate::store::PinChange::Set("9999"),
        language: Some("fr"),
        theme: Some("monochrome"),
        picture: None,
    };
    let err = store.save_profile(&amina.id, &change).unwrap_err();
    assert!(matches!(err, StoreError::NameTaken(_)), "{err}");
    // One transaction: the name was refused, so nothing else of the change was kept.
    let kept = store.learner(&amina.id).unwrap().unwrap();
    assert_eq!(
        (kept.name.as_str(), kept.language.as_deref()),
        ("Amina", None)
    );
    assert_eq!(check(&mut store, &amina.id, PIN, T0), PinCheck::Accepted);
}
