//! Tests of learner profiles (names, archiving, preferences, deletion), and of the ids and
//! timestamps every record carries.

use crate::store::tests::pts;

use std::thread::sleep;
use std::time::Duration;

use crate::store::tests::records_of;
use crate::store::{ItemStatus, Learner, LearnerId, Place, Store, StoreError};

#[test]
fn learner_names_are_trimmed_and_required() {
    let mut store = Store::open_in_memory().unwrap();
    let learner = store.add_learner("  Wanjiru Kamau \n", None).unwrap();
    assert_eq!(learner.name, "Wanjiru Kamau");
    assert_eq!(learner.last_seen_at, None);
    for blank in ["", "   ", "\t\n"] {
        assert!(matches!(
            store.add_learner(blank, None),
            Err(StoreError::EmptyName)
        ));
    }
    assert_eq!(store.learners().unwrap(), vec![learner]);
}

#[test]
fn names_lose_terminal_controls_and_bidi_overrides_so_one_cannot_fake_another() {
    let mut store = Store::open_in_memory().unwrap();
    let learner = store
        .add_learner("Ami\u{1b}[2Jna\u{202e}  \tKamau\u{7}", None)
        .unwrap();
    assert_eq!(learner.name, "Amina Kamau");
    // The cleaned name is the one compared, so a disguised duplicate is refused.
    assert!(matches!(
        store.add_learner("amina\u{2066} kamau", None),
        Err(StoreError::NameTaken(_))
    ));
    let renamed = store
        .rename_learner(&learner.id, "Li\u{202d}\u{9b}2J Na")
        .unwrap();
    assert_eq!(renamed.name, "Li Na");
}

#[test]
fn the_same_name_typed_with_combining_accents_or_invisible_characters_is_taken() {
    let mut store = Store::open_in_memory().unwrap();
    store.add_learner("Zoë", None).unwrap();
    store.add_learner("Amara", None).unwrap();
    for disguised in ["Zoe\u{308}", "ZOË", "Ama\u{200b}ra", "\u{feff}amara"] {
        assert!(
            matches!(
                store.add_learner(disguised, None),
                Err(StoreError::NameTaken(_))
            ),
            "{disguised:?}"
        );
    }
    // Joiners change how Persian and Indic names are written: they make a different name.
    store.add_learner("می\u{200c}خواهم", None).unwrap();
    store.add_learner("میخواهم", None).unwrap();
}

#[test]
fn ids_are_uuid_v4_and_times_are_utc_rfc3339() {
    let mut store = Store::open_in_memory().unwrap();
    let learner = store.add_learner("Amina", None).unwrap();
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
fn the_picker_lists_by_name_so_it_does_not_tell_who_sat_here_last() {
    let mut store = Store::open_in_memory().unwrap();
    for name in ["Zawadi", "émilie", "Amélie Ndèye", "baraka"] {
        store.add_learner(name, None).unwrap();
    }
    let names = |store: &Store| -> Vec<String> {
        store
            .learners()
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect()
    };
    let by_name = ["Amélie Ndèye", "baraka", "émilie", "Zawadi"];
    assert_eq!(names(&store), by_name);
    let zawadi = store.find_learner("Zawadi").unwrap().unwrap().id;
    store.touch_learner(&zawadi).unwrap();
    assert_eq!(names(&store), by_name, "signing in changes nothing");
}

#[test]
fn a_coordinators_list_has_the_most_recently_seen_first() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store.add_learner("A", None).unwrap().id;
    let b = store.add_learner("B", None).unwrap().id;
    let names = |store: &Store| -> Vec<String> {
        store
            .learners_recent_first(false)
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect()
    };
    // Never seen: newest created first.
    assert_eq!(names(&store), ["B", "A"]);
    store.touch_learner(&a).unwrap();
    let c = store.add_learner("C", None).unwrap().id;
    assert_eq!(names(&store), ["A", "C", "B"]);
    sleep(Duration::from_millis(2));
    store.touch_learner(&b).unwrap();
    assert_eq!(names(&store), ["B", "A", "C"]);
    sleep(Duration::from_millis(2));
    store.touch_learner(&c).unwrap();
    assert_eq!(names(&store), ["C", "B", "A"]);
    assert!(
        store.learners_recent_first(true).unwrap()[0]
            .last_seen_at
            .is_some()
    );

    let ghost = LearnerId("no-such-learner".into());
    assert!(matches!(
        store.touch_learner(&ghost),
        Err(StoreError::LearnerNotFound(id)) if id == ghost
    ));
}

#[test]
fn names_are_unique_ignoring_case_when_added_or_renamed() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap();
    let zoe = store.add_learner("Zoë Ωmega", None).unwrap();
    let clashes = [
        (&zoe.id, ["amina", " AMINA ", "aMiNa\t"]),
        (&amina.id, ["ZOË ΩMEGA", "zoë ωmega", " Zoë Ωmega"]),
    ];
    for (other, names) in clashes {
        for taken in names {
            let error = store.add_learner(taken, Some("1234")).unwrap_err();
            // The refusal names the learner who has the name, to offer her profile.
            let existing = if other == &zoe.id {
                "Amina"
            } else {
                "Zoë Ωmega"
            };
            assert!(
                matches!(&error, StoreError::NameTaken(name) if name == existing),
                "{taken:?}: {error:?}"
            );
            assert!(error.to_string().contains(existing), "{error}");
            assert!(
                matches!(
                    store.rename_learner(other, taken),
                    Err(StoreError::NameTaken(_))
                ),
                "{taken:?}"
            );
        }
    }
    assert_eq!(store.learners().unwrap().len(), 2);

    // Changing only the case of one's own name is a rename, not a clash.
    let renamed = store.rename_learner(&amina.id, "  AMINA ").unwrap();
    assert_eq!(renamed.name, "AMINA");
    assert_eq!(renamed.id, amina.id);
    assert_eq!(renamed.created_at, amina.created_at);
    let renamed = store.rename_learner(&zoe.id, "Zoë").unwrap();
    assert_eq!(store.learner(&zoe.id).unwrap(), Some(renamed));
    // The old name is free again.
    store.add_learner("zoë ωmega", None).unwrap();
    for blank in ["", "  "] {
        assert!(matches!(
            store.rename_learner(&amina.id, blank),
            Err(StoreError::EmptyName)
        ));
    }
    let ghost = LearnerId("no-such-learner".into());
    assert!(matches!(
        store.rename_learner(&ghost, "Ghost"),
        Err(StoreError::LearnerNotFound(_))
    ));
}

#[test]
fn names_in_any_script_round_trip_exactly() {
    let mut store = Store::open_in_memory().unwrap();
    let names = [
        "فاطمة الزهراء",
        "प्रिया शर्मा",
        "王秀英",
        "Nguyễn Thị Hoa",
        "Ẓahra N’Diaye-Ọlá",
        "אסתר",
        "👩🏾‍🏫 Mwalimu",
    ];
    for name in names {
        let added = store.add_learner(&format!("  {name}\n"), None).unwrap();
        assert_eq!(added.name, name);
        assert_eq!(store.learner(&added.id).unwrap().unwrap().name, name);
        assert_eq!(store.find_learner(name).unwrap(), Some(added));
    }
    let mut listed: Vec<String> = store
        .learners_recent_first(false)
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
    listed.reverse();
    assert_eq!(listed, names);
}

#[test]
fn find_learner_takes_an_exact_id_or_a_name_in_any_case() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina Njeri", None).unwrap();
    let baraka = store.add_learner("Baraka", None).unwrap();
    assert_eq!(
        store.find_learner(&amina.id.0).unwrap(),
        Some(amina.clone())
    );
    assert_eq!(
        store.find_learner(&format!(" {} ", baraka.id.0)).unwrap(),
        Some(baraka.clone())
    );
    assert_eq!(
        store.find_learner("  amina NJERI ").unwrap(),
        Some(amina.clone())
    );
    for missing in [
        "Amina",
        "",
        "   ",
        &amina.id.0.to_uppercase(),
        &amina.id.0[..8],
    ] {
        assert_eq!(store.find_learner(missing).unwrap(), None, "{missing:?}");
    }
    // Archived learners are found too, and say so.
    store.set_archived(&baraka.id, true).unwrap();
    let found = store.find_learner("baraka").unwrap().unwrap();
    assert!(found.archived);
}

#[test]
fn archiving_hides_a_learner_from_the_picker_and_keeps_their_records() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", Some("2468")).unwrap().id;
    let baraka = store.add_learner("Baraka", None).unwrap().id;
    store.save_position(&amina, "course", "lesson", 12).unwrap();
    let attempt = store
        .start_attempt(&amina, "course", "1.0.0", "quiz", 1, "q1=0,1")
        .unwrap();
    store
        .record_answer(&amina, &attempt, "q1", "a", pts(1.0), pts(1.0), true)
        .unwrap();
    let ids = |learners: Vec<Learner>| -> Vec<(LearnerId, bool)> {
        learners.into_iter().map(|l| (l.id, l.archived)).collect()
    };

    store.set_archived(&amina, true).unwrap();
    assert_eq!(ids(store.learners().unwrap()), [(baraka.clone(), false)]);
    assert_eq!(
        ids(store.all_learners().unwrap()),
        [(amina.clone(), true), (baraka.clone(), false)]
    );
    let archived_at = |store: &mut Store| -> Option<String> {
        store
            .transact(|tx| {
                Ok(tx.query_row(
                    "SELECT archived_at FROM learners WHERE id = ?1",
                    [&amina.0],
                    |row| row.get(0),
                )?)
            })
            .unwrap()
    };
    let first = archived_at(&mut store).unwrap();
    sleep(Duration::from_millis(2));
    store.set_archived(&amina, true).unwrap();
    assert_eq!(
        archived_at(&mut store),
        Some(first),
        "archiving twice keeps the date"
    );
    // Everything is still there, PIN included.
    assert!(store.learner(&amina).unwrap().unwrap().has_pin);
    assert_eq!(
        store.item_progress(&amina, "course").unwrap()["lesson"].position,
        12
    );
    assert_eq!(store.answers(&amina, &attempt).unwrap().len(), 1);
    // The name stays taken while archived.
    assert!(matches!(
        store.add_learner("amina", None),
        Err(StoreError::NameTaken(_))
    ));

    store.set_archived(&amina, false).unwrap();
    assert_eq!(archived_at(&mut store), None);
    let mut back = ids(store.learners().unwrap());
    back.sort_by(|a, b| a.0.0.cmp(&b.0.0));
    let mut expected = vec![(amina.clone(), false), (baraka, false)];
    expected.sort_by(|a, b| a.0.0.cmp(&b.0.0));
    assert_eq!(back, expected);
    assert_eq!(store.answers(&amina, &attempt).unwrap().len(), 1);
}

#[test]
fn preferences_are_kept_per_learner() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner("Amina", None).unwrap();
    assert_eq!((amina.language, amina.theme), (None, None));
    let amina = amina.id;
    let baraka = store.add_learner("Baraka", None).unwrap().id;
    store
        .set_preferences(&amina, Some("fr"), Some("high-contrast"))
        .unwrap();
    store.set_preferences(&baraka, Some("es"), None).unwrap();
    let prefs = |store: &Store, id: &LearnerId| {
        let learner = store.learner(id).unwrap().unwrap();
        (learner.language, learner.theme)
    };
    assert_eq!(
        prefs(&store, &amina),
        (Some("fr".into()), Some("high-contrast".into()))
    );
    assert_eq!(prefs(&store, &baraka), (Some("es".into()), None));
    store.set_preferences(&amina, None, Some("dark")).unwrap();
    assert_eq!(prefs(&store, &amina), (None, Some("dark".into())));
    assert_eq!(prefs(&store, &baraka), (Some("es".into()), None));
}

#[test]
fn deleting_a_learner_removes_every_record_of_theirs_and_nothing_else() {
    let mut store = Store::open_in_memory().unwrap();
    let gone = store.add_learner("Gone", Some("1234")).unwrap().id;
    let kept = store.add_learner("Kept", Some("1234")).unwrap().id;
    for learner in [&gone, &kept] {
        store.save_position(learner, "course", "lesson", 3).unwrap();
        store
            .set_status(learner, "course", "lesson", ItemStatus::Done)
            .unwrap();
        let place = Place {
            course_id: "course".into(),
            item_id: "lesson".into(),
        };
        store.set_last_place(learner, &place).unwrap();
        let attempt = store
            .start_attempt(learner, "course", "1.0.0", "quiz", 1, "q1=0,1")
            .unwrap();
        store
            .record_answer(learner, &attempt, "q1", "a", pts(1.0), pts(1.0), true)
            .unwrap();
        store
            .finish_attempt(learner, &attempt, pts(1.0), pts(1.0), true)
            .unwrap();
    }
    // Per learner: the learner, progress 2 (lesson, quiz), completions 2, place, attempt,
    // answer, result.
    assert_eq!(records_of(&store, &gone).len(), 9);
    let kept_before = records_of(&store, &kept);
    assert_eq!(kept_before.len(), 9);

    store.delete_learner(&gone).unwrap();
    assert_eq!(records_of(&store, &gone), Vec::<String>::new());
    assert_eq!(records_of(&store, &kept), kept_before);
    let total: i64 = store
        .conn
        .query_row(
            "SELECT (SELECT count(*) FROM learners) + (SELECT count(*) FROM item_progress)
                  + (SELECT count(*) FROM completions) + (SELECT count(*) FROM places)
                  + (SELECT count(*) FROM attempts) + (SELECT count(*) FROM answers)
                  + (SELECT count(*) FROM attempt_results)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(total, 9, "no orphan rows are left behind");
    assert_eq!(store.learner(&gone).unwrap(), None);
    assert!(matches!(
        store.delete_learner(&gone),
        Err(StoreError::LearnerNotFound(id)) if id == gone
    ));
    // The name can be used again.
    store.add_learner("gone", None).unwrap();
}
