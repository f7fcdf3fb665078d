//! A shared desk after a review: names that differ only in accents are one name, a
//! facilitator can merge two profiles of one person and grant another attempt, and deleting
//! a learner leaves neither her name on disk nor a player still showing her.

mod player;

use hatua::certificate::{self, Verification};
use hatua::store::{ItemStatus, LearnerId, Store};
use hatua::tui::screen::Screen;
use player::*;

const PASSWORD: &str = "trainer-pass";

fn signed_in_facilitator(p: &mut Player) {
    p.press([F2]);
    p.type_text(PASSWORD);
    p.press([ENTER]);
    assert!(p.screen().contains("Learners ("), "{}", p.screen());
}

/// Moves the board's selection onto `name`.
fn select(p: &mut Player, name: &str) {
    p.press([HOME]);
    for _ in 0..20 {
        if p.screen().contains(&format!("▶ {name}")) {
            return;
        }
        p.press([DOWN]);
    }
    panic!("{name} is not on the board:\n{}", p.screen());
}

fn id(p: &Player, name: &str) -> LearnerId {
    p.store.find_learner(name).unwrap().unwrap().id
}

#[test]
fn the_picker_finds_a_name_without_its_accents_and_refuses_a_second_profile_of_it() {
    let mut store = Store::open_in_memory().unwrap();
    store.add_learner("Amélie Ndèye", None).unwrap();
    store.add_learner("Kwame", None).unwrap();
    let mut p = Player::new(store, (80, 24));
    p.type_text("amel");
    let screen = p.screen();
    assert!(
        screen.contains("▶ Amélie Ndèye") && !screen.contains("Kwame"),
        "{screen}"
    );
    // Typed in full without accents: her profile, and no offer to make another.
    p.press([ESC]);
    p.type_text("amelie ndeye");
    let screen = p.screen();
    assert!(
        screen.contains("▶ Amélie Ndèye") && !screen.contains("New learner"),
        "{screen}"
    );
    p.press([ENTER]);
    assert_eq!(
        p.app.learner.as_ref().map(|l| l.name.as_str()),
        Some("Amélie Ndèye")
    );
    assert_eq!(p.store.learners().unwrap().len(), 2);
}

#[test]
fn a_facilitator_merges_two_profiles_of_one_person_in_one_step() {
    let mut store = Store::open_in_memory().unwrap();
    store.set_facilitator_password(PASSWORD).unwrap();
    let grace = store.add_learner("Grace", Some("4821")).unwrap().id;
    let second = store.add_learner("Grace W", None).unwrap().id;
    store
        .set_status(&second, "minimal", "first", ItemStatus::Done)
        .unwrap();
    store.save_position(&grace, "minimal", "second", 3).unwrap();
    let mut p = Player::new(store, (80, 24));
    signed_in_facilitator(&mut p);
    select(&mut p, "Grace W");
    p.press([ch('m')]);
    let words = p.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Merge Grace W into which profile?"),
        "{words}"
    );
    select(&mut p, "Grace");
    p.press([ENTER]);
    let words = p.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Move every record of Grace W to Grace and remove the profile Grace W?"),
        "{words}"
    );
    p.press([ch('y')]);
    assert!(p.store.learner(&second).unwrap().is_none());
    let progress = p.store.item_progress(&grace, "minimal").unwrap();
    assert_eq!(progress["first"].status, ItemStatus::Done, "moved");
    assert_eq!(progress["second"].position, 3, "kept");
    assert!(p.store.learner(&grace).unwrap().unwrap().has_pin);
    assert_eq!(p.store.merged_into(&grace).unwrap(), [second]);
}

#[test]
fn merging_keeps_the_further_status_and_certificates_still_check_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
    let keep = store.add_learner("Amina", None).unwrap();
    let other = store.add_learner("Amina N", None).unwrap();
    let course = player::fixture_library(&["minimal"]).entries[0]
        .course()
        .unwrap()
        .clone();
    for (item, status) in [
        ("first", ItemStatus::Done),
        ("second", ItemStatus::Done),
        ("check", ItemStatus::Passed),
    ] {
        store
            .set_status(&other.id, "minimal", item, status)
            .unwrap();
    }
    store
        .set_status(&keep.id, "minimal", "check", ItemStatus::Failed)
        .unwrap();
    let site = site(&mut store, dir.path());
    let (record, _, _) = certificate::issue(
        &mut store,
        dir.path(),
        &other,
        &course,
        "2026-11-30",
        &issuer(&site),
    )
    .unwrap();
    store.merge_learners(&keep.id, &other.id).unwrap();
    let progress = store.item_progress(&keep.id, "minimal").unwrap();
    assert_eq!(
        progress["check"].status,
        ItemStatus::Passed,
        "passed beats failed"
    );
    assert!(matches!(
        certificate::verify(&store, &record.code).unwrap(),
        Verification::Valid(r) if r.learner_id == keep.id && r.learner_name == "Amina N"
    ));
    assert!(matches!(
        store.merge_learners(&keep.id, &keep.id),
        Err(hatua::store::StoreError::MergeSame)
    ));
}

/// The desk in `dir`, "Kisumu centre".
fn site(store: &mut Store, dir: &std::path::Path) -> hatua::site::Site {
    hatua::site::Site::open(store, dir, Some("Kisumu centre")).unwrap()
}

/// Certificates issued by `site`, in English.
fn issuer(site: &hatua::site::Site) -> certificate::Issuer<'_> {
    certificate::Issuer {
        site,
        publisher: "Hatua".into(),
        lang: hatua::i18n::Lang::En,
    }
}

/// A desk on disk with a completed course and a certificate for Amina.
fn desk_with_certificate() -> (tempfile::TempDir, Store, hatua::store::CertificateRecord) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
    store.set_facilitator_password(PASSWORD).unwrap();
    let amina = store.add_learner("Amina Njeri", None).unwrap();
    for (item, status) in [
        ("first", ItemStatus::Done),
        ("second", ItemStatus::Done),
        ("check", ItemStatus::Passed),
    ] {
        store
            .set_status(&amina.id, "minimal", item, status)
            .unwrap();
    }
    let course = player::fixture_library(&["minimal"]).entries[0]
        .course()
        .unwrap()
        .clone();
    let site = site(&mut store, dir.path());
    let (record, html, text) = certificate::issue(
        &mut store,
        dir.path(),
        &amina,
        &course,
        "2026-11-30",
        &issuer(&site),
    )
    .unwrap();
    assert!(html.is_file() && text.is_file());
    (dir, store, record)
}

#[test]
fn deleting_a_learner_removes_her_certificate_files_and_keeps_them_checkable() {
    let (dir, store, record) = desk_with_certificate();
    let mut p = Player::new(store, (80, 24));
    p.app.data_dir = Some(dir.path().to_path_buf());
    signed_in_facilitator(&mut p);
    select(&mut p, "Amina Njeri");
    p.press([ch('d'), ch('y')]);
    assert!(p.store.find_learner("Amina Njeri").unwrap().is_none());
    let left: Vec<_> = std::fs::read_dir(dir.path().join("certificates"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "files with her name stay: {left:?}");
    match certificate::verify(&p.store, &record.code).unwrap() {
        Verification::Retired(r) => {
            assert_eq!(
                (r.course_id.as_str(), r.issued_on.as_str()),
                ("minimal", "2026-11-30")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_player_showing_a_learner_deleted_elsewhere_says_so_and_returns_to_the_list() {
    let (dir, store, _) = desk_with_certificate();
    drop(store);
    let open = || Store::open(&dir.path().join("hatua.db")).unwrap();
    // Desk one: Amina reads a lesson.
    let mut desk = Player::new(open(), (80, 24));
    desk.type_text("Amina");
    desk.press([ENTER, ENTER, DOWN, ENTER]);
    assert!(
        matches!(desk.app.screen, Screen::Lesson(_)),
        "{}",
        desk.screen()
    );
    // Desk two: the facilitator deletes her.
    let mut other = Player::new(open(), (80, 24));
    other.app.data_dir = Some(dir.path().to_path_buf());
    signed_in_facilitator(&mut other);
    select(&mut other, "Amina Njeri");
    other.press([ch('d'), ch('y')]);
    // Back on desk one, her next step cannot be saved: a sentence, and the picker.
    desk.press([DOWN, ESC]);
    let words = desk
        .screen()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(matches!(desk.app.screen, Screen::Picker(_)), "{words}");
    assert!(desk.app.learner.is_none());
    assert!(
        words.contains("This profile was deleted by a facilitator"),
        "{words}"
    );
}

#[test]
fn a_facilitator_grants_one_more_attempt_to_a_learner_who_used_them_all() {
    let mut store = Store::open_in_memory().unwrap();
    store.set_facilitator_password(PASSWORD).unwrap();
    let mut p = Player::new(store, (80, 24));
    p.sign_in("Amina");
    // The minimal quiz allows two attempts: fail both.
    p.press([ENTER, DOWN, DOWN, ENTER]);
    for attempt in 0..2 {
        if attempt == 1 {
            p.press([ch('r')]);
        } else {
            p.press([ENTER]);
        }
        p.press([digit(0), ENTER, ENTER]);
        p.press([digit(1), ENTER, ENTER]);
        p.press([digit(0), ENTER, ENTER]);
    }
    assert!(p.screen().contains("No attempts left"), "{}", p.screen());
    let amina = id(&p, "Amina");
    p.press([CTRL_X]);
    signed_in_facilitator(&mut p);
    select(&mut p, "Amina");
    p.press([ch('g')]);
    let words = p.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("▶ Check Give Amina one more attempt"),
        "{words}"
    );
    p.press([ENTER]);
    assert_eq!(
        p.store
            .granted_attempts(&amina, "minimal", "check")
            .unwrap(),
        1
    );
    // Back at her results, Amina may try again.
    p.press([ESC]);
    p.sign_in("Amina");
    p.press([ENTER]);
    assert!(p.screen().contains("(attempts left: 1)"), "{}", p.screen());
    p.press([ch('r')]);
    assert!(p.screen().contains("Question 1 of 3"), "{}", p.screen());
    // And nothing to grant while an attempt is left.
    p.press([CTRL_X]);
    signed_in_facilitator(&mut p);
    select(&mut p, "Amina");
    p.press([ch('g')]);
    assert!(p.screen().contains("has attempts left"), "{}", p.screen());
}
