//! One workstation, many learners: PINs and their pauses, profiles, the facilitator's
//! screen, and what a learner can reach — driven through `App::update` and drawn at 80x24.

mod player;

use hatua::store::{LearnerId, Store};
use hatua::tui::screen::Screen;
use player::*;
use ratatui::style::Color;

fn type_pin(p: &mut Player, pin: &str) {
    p.type_text(pin);
    p.press([ENTER]);
}

/// A desk where Grace has PIN 4821 and some progress, and Amina has no PIN.
fn desk() -> Player {
    let mut store = Store::open_in_memory().unwrap();
    let grace = store.add_learner("Grace", Some("4821")).unwrap();
    store
        .save_position(&grace.id, "minimal", "second", 5)
        .unwrap();
    store.add_learner("Amina", None).unwrap();
    Player::new(store, (80, 24))
}

fn grace_id(p: &Player) -> LearnerId {
    p.store.find_learner("Grace").unwrap().unwrap().id
}

#[test]
fn a_new_learner_can_protect_the_profile_with_a_pin_typed_twice() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.type_text("Wanjiru");
    p.press([ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains("Welcome, Wanjiru!") && screen.contains("4 to 8 digits"),
        "{screen}"
    );
    p.type_text("2468");
    p.press([ENTER]);
    p.type_text("2468");
    insta::assert_snapshot!("new_learner_with_pin", p.screen());
    assert!(!p.screen().contains("2468"), "the PIN is never drawn");
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Library(_)));
    let stored = p.store.find_learner("Wanjiru").unwrap().unwrap();
    assert!(stored.has_pin);
}

#[test]
fn a_pin_protected_profile_opens_only_with_its_pin() {
    let mut p = desk();
    p.type_text("gra");
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Pin(_)));
    assert!(p.app.learner.is_none());
    type_pin(&mut p, "1111");
    let screen = p.screen();
    assert!(
        screen.contains("That PIN is not right. 4 tries left before a pause."),
        "{screen}"
    );
    assert!(!screen.contains("1111"));
    assert!(p.app.learner.is_none(), "a wrong PIN opens nothing");
    // Going back and choosing again does not skip the PIN.
    p.press([ESC]);
    p.type_text("Grace");
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Pin(_)));
    type_pin(&mut p, "4821");
    assert!(matches!(p.app.screen, Screen::Library(_)));
    assert_eq!(
        p.app.learner.as_ref().map(|l| l.name.as_str()),
        Some("Grace")
    );
}

#[test]
fn five_wrong_pins_pause_the_profile_and_the_pause_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hatua.db");
    {
        let mut store = Store::open(&db).unwrap();
        store.add_learner("Grace", Some("4821")).unwrap();
        store.add_learner("Amina", None).unwrap();
        let mut p = Player::new(store, (80, 24));
        p.type_text("Grace");
        p.press([ENTER]);
        for _ in 0..5 {
            type_pin(&mut p, "0000");
        }
        let screen = p.screen();
        assert!(screen.contains("paused for 30 s"), "{screen}");
        // Even the right PIN does not open it during the pause.
        type_pin(&mut p, "4821");
        assert!(p.app.learner.is_none());
        assert!(p.screen().contains("paused for"));
    }
    let mut p = Player::new(Store::open(&db).unwrap(), (80, 24));
    let screen = p.screen();
    assert!(
        screen.contains("Grace  (paused 30 s)") || screen.contains("Grace  (paused 29 s)"),
        "{screen}"
    );
    insta::assert_snapshot!(
        "picker_locked",
        screen.replace("(paused 29 s)", "(paused 30 s)")
    );
    p.type_text("Grace");
    p.press([ENTER]);
    assert!(
        p.screen().contains("paused for"),
        "the pause is stated on screen at once"
    );
}

#[test]
fn a_learner_changes_name_pin_theme_and_language_in_the_profile() {
    let mut p = desk();
    p.sign_in("Amina");
    p.press([ch('p')]);
    insta::assert_snapshot!("profile", p.screen());
    // Name: erase "Amina", type a pseudonym.
    for _ in 0..5 {
        p.press([BACKSPACE]);
    }
    p.type_text("Star");
    // Theme: high-contrast (two steps right of language).
    p.press([DOWN, DOWN, RIGHT]);
    // A PIN, twice.
    p.press([DOWN]);
    p.type_text("1357");
    p.press([DOWN]);
    p.type_text("1357");
    p.press([ENTER]);
    assert!(
        matches!(p.app.screen, Screen::Library(_)),
        "saving returns to the library"
    );
    let screen = p.screen();
    assert!(
        screen.contains("Hatua › Star") && screen.contains("Profile saved"),
        "{screen}"
    );
    let buf = p.buffer();
    // The selected course row now uses the high-contrast selection colours.
    let selected = (0..buf.area.width)
        .map(|x| &buf[(x, 3)])
        .find(|c| c.symbol() == "A")
        .unwrap();
    assert_eq!(selected.bg, Color::Yellow);
    let star = p.store.find_learner("Star").unwrap().unwrap();
    assert!(star.has_pin);
    assert_eq!(star.theme.as_deref(), Some("high-contrast"));
    // Another learner on the same desk keeps the default look.
    p.press([ESC]);
    p.sign_in("Wanjiru");
    let buf = p.buffer();
    let selected = (0..buf.area.width)
        .map(|x| &buf[(x, 3)])
        .find(|c| c.symbol() == "A")
        .unwrap();
    assert_eq!(selected.bg, Color::Cyan);
}

#[test]
fn the_facilitator_sets_a_password_then_resets_a_pin_archives_and_deletes() {
    let mut p = desk();
    p.press([F2]);
    assert!(p.screen().contains("No facilitator password is set"));
    p.type_text("trainer-pass");
    p.press([ENTER]);
    p.type_text("trainer-pass");
    p.press([ENTER]);
    // With the first password, the site's name, which exports and reports carry.
    assert!(p.screen().contains("Name of this site:"), "{}", p.screen());
    p.type_text("Kisumu centre");
    p.press([ENTER]);
    assert_eq!(
        p.store.setting("site_name").unwrap().as_deref(),
        Some("Kisumu centre")
    );
    let screen = p.screen();
    assert!(screen.contains("Learners (2)"), "{screen}");
    assert!(!screen.contains("trainer-pass"));
    insta::assert_snapshot!("facilitator_board", screen);
    // Grace is listed first (most recently created); reset her PIN.
    let grace = grace_id(&p);
    let row = |p: &Player, name: &str| match &p.app.screen {
        Screen::Board(board) => board
            .rows
            .iter()
            .position(|r| r.learner.name == name)
            .unwrap(),
        _ => panic!("not on the board"),
    };
    let g = row(&p, "Grace");
    p.press([HOME]);
    for _ in 0..g {
        p.press([DOWN]);
    }
    p.press([ch('r')]);
    assert!(
        p.screen().contains("Remove the PIN of Grace"),
        "{}",
        p.screen()
    );
    p.press([ch('y')]);
    assert!(!p.store.learner(&grace).unwrap().unwrap().has_pin);
    // Archive Grace: gone from the picker, records kept.
    p.press([ch('a')]);
    assert!(p.store.learner(&grace).unwrap().unwrap().archived);
    assert!(p.screen().contains("archived"));
    // Delete Amina: asks first; any other key cancels.
    let a = row(&p, "Amina");
    p.press([HOME]);
    for _ in 0..a {
        p.press([DOWN]);
    }
    p.press([ch('d')]);
    assert!(p.screen().contains("Delete Amina and every record"));
    p.press([ch('n')]);
    assert!(p.store.find_learner("Amina").unwrap().is_some());
    p.press([ch('d'), ch('y')]);
    assert!(p.store.find_learner("Amina").unwrap().is_none());
    // Leaving signs the facilitator out; the picker shows no archived learner.
    p.press([ESC]);
    assert!(!p.app.facilitator);
    let screen = p.screen();
    assert!(
        !screen.contains("Grace") && !screen.contains("Amina"),
        "{screen}"
    );
    assert_eq!(
        p.store.item_progress(&grace, "minimal").unwrap()["second"].position,
        5
    );
}

#[test]
fn a_wrong_facilitator_password_shows_nothing() {
    let mut p = desk();
    p.store.set_facilitator_password("trainer-pass").unwrap();
    p.press([F2]);
    p.type_text("guess-guess");
    p.press([ENTER]);
    let screen = p.screen();
    assert!(screen.contains("That password is not right."), "{screen}");
    assert!(!screen.contains("Learners (") && !p.app.facilitator);
}

#[test]
fn quick_exit_from_the_facilitator_screen_signs_out() {
    let mut p = desk();
    p.store.set_facilitator_password("trainer-pass").unwrap();
    p.press([F2]);
    p.type_text("trainer-pass");
    p.press([ENTER]);
    assert!(p.app.facilitator);
    p.press([CTRL_X]);
    assert!(!p.app.facilitator);
    assert!(p.screen().contains("Who is learning?"));
    p.press([F2]);
    assert!(
        p.screen().contains("Password:"),
        "the password is asked again"
    );
}

/// Whatever keys a learner presses, the app never holds another learner's identity or
/// progress. A fixed pseudo-random walk over every key keeps the test repeatable.
#[test]
fn no_key_sequence_reaches_another_learners_records() {
    let mut p = desk();
    p.store.set_facilitator_password("a-long-secret").unwrap();
    let grace = grace_id(&p);
    p.sign_in("Amina");
    let keys = [
        UP,
        DOWN,
        LEFT,
        RIGHT,
        PAGE_UP,
        PAGE_DOWN,
        HOME,
        END,
        ENTER,
        SPACE,
        digit(0),
        digit(1),
        ESC,
        ch('n'),
        ch('p'),
        ch('r'),
        F1,
        CTRL_X,
        ch('p'),
        F2,
        ch('g'),
        ch('r'),
        ch('4'),
        ch('8'),
        ch('2'),
        ch('1'),
        BACKSPACE,
        ch('y'),
        ch('a'),
        ch('d'),
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for step in 0..4000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let key = keys[(state % keys.len() as u64) as usize];
        p.press([key]);
        if let Some(l) = &p.app.learner {
            assert_ne!(
                l.id, grace,
                "step {step}: Grace's profile opened without her PIN"
            );
        }
        assert!(
            !p.app.facilitator,
            "step {step}: the facilitator screen opened without the password"
        );
        for items in p.app.progress.values() {
            assert!(
                items.get("second").is_none_or(|s| s.position != 5),
                "step {step}: Grace's progress shown"
            );
        }
        if p.app.quit {
            break;
        }
    }
}

#[test]
fn a_learner_who_chooses_french_sees_french_and_the_next_learner_does_not() {
    let mut p = desk();
    p.sign_in("Amina");
    p.press([ch('p'), DOWN, RIGHT, ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains("Profil enregistré") && screen.contains("Cours"),
        "{screen}"
    );
    assert_eq!(
        p.store
            .find_learner("Amina")
            .unwrap()
            .unwrap()
            .language
            .as_deref(),
        Some("fr")
    );
    // The picker belongs to nobody: back to the site's language.
    p.press([ESC]);
    assert!(p.screen().contains("Who is learning?"));
    p.sign_in("Amina");
    assert!(p.screen().contains("Cours"), "her choice is remembered");
    p.press([CTRL_X]);
    p.sign_in("Wanjiru");
    assert!(p.screen().contains("Courses"), "{}", p.screen());
}
