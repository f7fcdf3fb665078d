//! Tests of learners' pictures and picture PINs: the upgrade that adds them, a picture PIN
//! kept as a hash and checked, with its wrong tries, exactly as digits are.

use rusqlite::{Connection, params};
use time::OffsetDateTime;
use time::macros::datetime;

use crate::pictures::Symbol::{Bird, Cup, Fish, Key, Sun, Tree};
use crate::pictures::{Colour, Picture, Symbol, pin_secret};
use crate::store::tests::{temp_db, user_version};
use crate::store::{
    LearnerId, MIGRATIONS, NewPin, PinChange, PinCheck, ProfileChange, SCHEMA_VERSION, Store,
    migrate,
};

const T0: OffsetDateTime = datetime!(2026-03-08 09:00 UTC);
const PIN: [Symbol; 3] = [Sun, Fish, Key];

fn fish_blue() -> Option<Picture> {
    Some(Picture {
        symbol: Fish,
        colour: Colour::Blue,
    })
}

fn stored_hash(store: &mut Store, learner: &LearnerId) -> Option<String> {
    store
        .transact(|tx| {
            Ok(tx.query_row(
                "SELECT pin_hash FROM learners WHERE id = ?1",
                params![learner.0],
                |row| row.get(0),
            )?)
        })
        .unwrap()
}

#[test]
fn learners_from_before_pictures_keep_their_pin_and_have_no_picture() {
    let (_dir, path) = temp_db();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut conn = Connection::open(&path).unwrap();
    migrate(&mut conn, &path, &MIGRATIONS[..10]).unwrap();
    assert_eq!(user_version(&conn), 10);
    let hash = crate::pin::hash_secret("4821").unwrap();
    conn.execute(
        "INSERT INTO learners (id, name, created_at, pin_hash) VALUES ('g', 'Grace', 'now', ?1)",
        params![hash],
    )
    .unwrap();
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(user_version(&store.conn), SCHEMA_VERSION);
    let grace = store.find_learner("Grace").unwrap().unwrap();
    assert_eq!(
        (grace.picture, grace.has_pin, grace.picture_pin),
        (None, true, false)
    );
    assert_eq!(
        store.check_pin(&grace.id, "4821", T0).unwrap(),
        PinCheck::Accepted
    );
    // She can choose a picture now.
    store.set_picture(&grace.id, fish_blue()).unwrap();
    assert_eq!(
        store.learner(&grace.id).unwrap().unwrap().picture,
        fish_blue()
    );
}

#[test]
fn a_picture_pin_is_kept_hashed_and_opens_only_in_its_order() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store
        .add_learner_with("Amina", fish_blue(), Some(NewPin::Pictures(&PIN)))
        .unwrap();
    assert!(amina.has_pin && amina.picture_pin);
    let read = store.learner(&amina.id).unwrap().unwrap();
    assert_eq!((read.picture, read.picture_pin), (fish_blue(), true));
    let hash = stored_hash(&mut store, &amina.id).unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    for word in ["sun", "fish", "key", "pictures"] {
        assert!(!hash.contains(word), "{hash}");
    }
    let check = |store: &mut Store, pin: [Symbol; 3]| {
        store.check_pin(&amina.id, &pin_secret(&pin), T0).unwrap()
    };
    assert_eq!(
        check(&mut store, [Key, Fish, Sun]),
        PinCheck::Rejected { tries_left: 4 }
    );
    assert_eq!(check(&mut store, PIN), PinCheck::Accepted);
}

#[test]
fn wrong_picture_pins_pause_the_profile_as_wrong_digits_do() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store
        .add_learner_with("Amina", None, Some(NewPin::Pictures(&PIN)))
        .unwrap();
    let wrong = pin_secret(&[Bird, Cup, Tree]);
    for tries_left in [4, 3, 2, 1] {
        assert_eq!(
            store.check_pin(&amina.id, &wrong, T0).unwrap(),
            PinCheck::Rejected { tries_left }
        );
    }
    assert_eq!(
        store.check_pin(&amina.id, &wrong, T0).unwrap(),
        PinCheck::Locked { seconds_left: 30 }
    );
    // Even the right pictures wait, and typed digits count no differently.
    let right = pin_secret(&PIN);
    assert_eq!(
        store.check_pin(&amina.id, &right, T0).unwrap(),
        PinCheck::Locked { seconds_left: 30 }
    );
    assert_eq!(store.pin_lock(&amina.id, T0).unwrap(), Some(30));
    let later = T0 + time::Duration::seconds(30);
    assert_eq!(
        store.check_pin(&amina.id, &right, later).unwrap(),
        PinCheck::Accepted
    );
}

#[test]
fn a_reset_clears_a_picture_pin_and_its_kind() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store
        .add_learner_with("Amina", fish_blue(), Some(NewPin::Pictures(&PIN)))
        .unwrap();
    // The facilitator's reset.
    store.set_pin(&amina.id, None).unwrap();
    let read = store.learner(&amina.id).unwrap().unwrap();
    assert_eq!((read.has_pin, read.picture_pin), (false, false));
    assert_eq!(read.picture, fish_blue(), "her picture stays");
    // Digits later are digits.
    store.set_pin(&amina.id, Some("2468")).unwrap();
    let read = store.learner(&amina.id).unwrap().unwrap();
    assert_eq!((read.has_pin, read.picture_pin), (true, false));
}

#[test]
fn the_profile_saves_a_new_picture_and_a_picture_pin_in_one_go() {
    let mut store = Store::open_in_memory().unwrap();
    let grace = store.add_learner("Grace", Some("4821")).unwrap();
    let change = ProfileChange {
        name: None,
        pin: PinChange::SetPictures(&PIN),
        language: None,
        theme: None,
        picture: fish_blue(),
    };
    let saved = store.save_profile(&grace.id, &change).unwrap();
    assert_eq!((saved.picture, saved.picture_pin), (fish_blue(), true));
    assert_eq!(
        store.check_pin(&grace.id, "4821", T0).unwrap(),
        PinCheck::Rejected { tries_left: 4 },
        "the old digits no longer open it"
    );
    assert_eq!(
        store.check_pin(&grace.id, &pin_secret(&PIN), T0).unwrap(),
        PinCheck::Accepted
    );
    let change = ProfileChange {
        pin: PinChange::Set("1357"),
        picture: None,
        ..change
    };
    let saved = store.save_profile(&grace.id, &change).unwrap();
    assert_eq!((saved.picture, saved.picture_pin), (fish_blue(), false));
}

#[test]
fn a_picture_this_hatua_does_not_know_reads_as_none() {
    let mut store = Store::open_in_memory().unwrap();
    let amina = store.add_learner_with("Amina", fish_blue(), None).unwrap();
    store
        .transact(|tx| {
            tx.execute(
                "UPDATE learners SET picture = 'moon' WHERE id = ?1",
                params![amina.id.0],
            )?;
            Ok(())
        })
        .unwrap();
    let read = store.learner(&amina.id).unwrap().unwrap();
    assert_eq!(read.picture, None);
    assert_eq!(store.learners().unwrap().len(), 1, "still listed");
}
