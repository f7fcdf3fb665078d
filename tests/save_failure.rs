//! A store that cannot commit — a full disk, a file gone read-only — is simulated here with
//! a trigger that makes every insert of an answer fail inside SQLite, as a write error would.
//! The learner must see no feedback and no right answer for an answer that was not kept, and
//! her question stays as it was, ready to send again once the store works.

mod player;

use hatua::store::Store;
use hatua::tui::screen::Screen;
use player::*;

/// Makes the database at `path` refuse answers until [`heal`] runs.
fn break_answers(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER no_room BEFORE INSERT ON answers
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    )
    .unwrap();
}

fn heal(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("DROP TRIGGER no_room;").unwrap();
}

#[test]
fn an_answer_that_cannot_be_committed_shows_no_feedback_and_can_be_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hatua.db");
    let mut p = Player::new(Store::open(&db).unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
    break_answers(&db);
    // The wrong answer "a": its feedback would be "a is the first letter."
    p.press([digit(0), ENTER]);
    let screen = p.screen();
    assert!(matches!(p.app.screen, Screen::Quiz(_)));
    for secret in [
        "a is the first letter",
        "It is the second letter",
        "Not right",
        "right answer",
        "Answer saved",
    ] {
        assert!(
            !screen.contains(secret),
            "`{secret}` shows for an answer not kept:\n{screen}"
        );
    }
    assert!(
        screen.contains("database or disk is full") && screen.contains("still yours to change"),
        "{screen}"
    );
    assert!(
        screen.contains("▶ 1 (•) a"),
        "the choice is still made:\n{screen}"
    );

    // Leaving and coming back does not let her answer again knowing the key: nothing was
    // shown, and nothing was recorded.
    let amina = p.learner_id();
    let open = p.store.open_attempt(&amina, "minimal", "check").unwrap();
    assert!(open.is_some_and(|(_, answers)| answers.is_empty()));

    // Room again: Enter sends the same answer, and now its feedback shows.
    heal(&db);
    p.press([ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains("a is the first letter") && screen.contains("Answer saved"),
        "{screen}"
    );
}
