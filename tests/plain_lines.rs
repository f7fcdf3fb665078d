//! Plain mode line by line, in memory: what a learner who mistypes is told, and that a
//! page is never written twice. The real binary in a terminal is tests/plain_mode.rs.

mod player;

use hatua::store::Store;
use hatua::tui::App;
use hatua::tui::effect::Effect;
use hatua::tui::plain::{Console, session};
use player::fixture_library;

/// Plays `lines` (each ended by Enter) through plain mode on the all-types course, and
/// returns everything written.
fn transcript(lines: &[&str]) -> String {
    let mut store = Store::open_in_memory().unwrap();
    let mut app = App::new(fixture_library(&["all-types"]), (80, 24), 7);
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let mut out = Vec::new();
    let mut console = Console::new(input.as_bytes(), &mut out, true, (80, 24));
    session(
        &mut app,
        &mut store,
        vec![Effect::LoadLearners],
        &mut console,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// Signs a new learner in and opens the quiz, ready for its first question.
const TO_THE_QUIZ: &[&str] = &["Zoé", "1", "", "1", "2", ""];

#[test]
fn a_number_out_of_the_list_is_answered_with_the_numbers_there_are() {
    let out = transcript(&[TO_THE_QUIZ, &["7", "0", "one"]].concat());
    assert_eq!(
        out.matches("Type a number from 1 to 2.").count(),
        3,
        "each slip is answered: {out}"
    );
    // Still on the first question: nothing was recorded.
    assert!(!out.contains("Right."), "{out}");
    assert_eq!(
        out.matches("Which year was CEDAW adopted?").count(),
        1,
        "the question is written once, not again after each slip: {out}"
    );
}

#[test]
fn a_single_answer_question_takes_one_number_and_an_order_takes_each_once() {
    let mut lines = TO_THE_QUIZ.to_vec();
    // Two numbers to a one-answer question: refused, then answered.
    lines.extend(["1 2", "1", "", "1", "", "1", "", "Beijing", "", "12", ""]);
    // The order question: a number twice, too few, then a full order.
    lines.extend(["1 1 2", "1 2", "1 2 3", ""]);
    let out = transcript(&lines);
    assert!(out.contains("Type a number from 1 to 2."), "{out}");
    assert_eq!(
        out.matches("Type each number from 1 to 3 once").count(),
        2,
        "{out}"
    );
    assert!(
        out.contains("Put these in the order they happened."),
        "{out}"
    );
    assert!(out.contains("Match each text to its year."), "{out}");
}

#[test]
fn help_is_a_question_mark_and_the_end_of_input_closes_hatua_keeping_the_learner() {
    let out = transcript(&["Zoé", "1", "", "?"]);
    assert!(out.contains("Ctrl+X then Enter hides everything"), "{out}");
    assert!(out.contains("Number of a course"), "{out}");
    // The input ended there: the session returned, and the learner was created.
    assert!(
        out.trim_end()
            .ends_with("Number of a course, or q to change learner:"),
        "{out}"
    );
}

#[test]
fn a_name_that_is_one_learners_opens_her_profile_and_a_part_lists_the_matches() {
    let out = transcript(&["Zoé", "1", "", "q", "zo", "", "Zoé"]);
    // "zo" is a part of one name: listed, numbered, with the offer of a new "zo".
    assert!(out.contains("1. Zoé"), "{out}");
    assert!(out.contains("2. New learner “zo”"), "{out}");
    // The whole name opens her courses again.
    assert_eq!(out.matches("Number of a course").count(), 2, "{out}");
}
