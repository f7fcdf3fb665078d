//! The real binary in a real pseudo-terminal: an answer the screen called saved survives a
//! `kill -9`, the learner lands back in the quiz, and escape sequences from a lesson never
//! reach the terminal.
//!
//! Timeouts here are hang guards, not performance assertions: each step normally takes
//! milliseconds.

mod common;

use common::install_fixture;
use common::pty::{DOWN, ENTER, Player, contains};
use hatua::course::ItemKind;
use hatua::library::Library;
use hatua::quiz::{QuestionKind, Quiz};
use hatua::store::Store;

const CTRL_C: &str = "\x03";
/// What crossterm writes when the player leaves the alternate screen.
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

const COURSE_ID: &str = "gender-equality-key-concepts";
const QUIZ_TITLE: &str = "Quick check: understanding gender";

/// Picks a new learner named `name` and waits for the library.
fn create_learner(player: &mut Player, name: &str) {
    player.wait_for("Who is learning?");
    player.press(name);
    player.wait_for(&format!("New learner “{name}”"));
    player.press(ENTER);
    // The welcome form offers a PIN; Enter with none creates an open profile.
    player.wait_for(&format!("Welcome, {name}!"));
    player.press(ENTER);
    player.wait_for("Courses");
}

/// The built-in quiz the test answers, read from the course itself.
fn the_quiz() -> Quiz {
    let library = Library::load(None);
    let course = library.course(COURSE_ID).expect("the built-in course");
    let quizzes: Vec<(usize, &Quiz)> = course
        .items()
        .enumerate()
        .filter_map(|(i, item)| match &item.kind {
            ItemKind::Quiz(q) => Some((i, q)),
            ItemKind::Lesson(_) => None,
        })
        .collect();
    let (index, quiz) = quizzes.first().expect("the course has a quiz");
    // The walk below reaches it with Down twice from the first item.
    assert_eq!(
        *index, 2,
        "the first quiz moved in the outline; update the walk"
    );
    assert_eq!(quiz.title, QUIZ_TITLE);
    // Without shuffling and drawing, key "1" picks the first choice of the first question.
    assert!(
        !quiz.shuffle && quiz.draw == 0,
        "the walk assumes file order"
    );
    assert!(
        quiz.questions.len() >= 2,
        "the walk answers one question and sees the next"
    );
    (*quiz).clone()
}

#[test]
fn an_answer_shown_as_saved_survives_kill_9_and_the_learner_resumes_the_quiz() {
    let quiz = the_quiz();
    let first = &quiz.questions[0];
    let first_choice_right = match &first.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => choices[0].correct,
        QuestionKind::TrueFalse { answer, .. } => *answer,
        other => panic!(
            "the walk answers a choice question first, not `{}`",
            other.name()
        ),
    };
    let data = tempfile::tempdir().expect("a temporary data dir");

    // Phase 1: answer the first question, then the power goes.
    let mut player = Player::start(data.path());
    create_learner(&mut player, "Kill Test");
    player.wait_for("Gender equality: key concepts");
    player.select("Gender equality: key concepts");
    player.press(ENTER);
    player.wait_for(QUIZ_TITLE);
    player.press(DOWN);
    player.press(DOWN);
    player.wait_for(&format!("▶ ○ {QUIZ_TITLE}"));
    player.press(ENTER);
    player.wait_for("Press Enter to start");
    player.press(ENTER);
    let n = quiz.questions.len();
    player.wait_for(&format!("Question 1 of {n}"));
    player.press("1");
    player.wait_for("(•)");
    player.press(ENTER);
    player.wait_for(if first_choice_right {
        "✓ Right."
    } else {
        "✗ Not right."
    });
    // The save status sits on the quiz's last row whatever the length of the feedback.
    player.wait_for("Answer saved");
    let status = player.kill_9();
    assert!(
        !status.success() && status.signal().is_some(),
        "the player was killed by a signal, not exited: {status}"
    );
    drop(player);

    let store = Store::open(&data.path().join("hatua.db")).expect("open the records");
    let learners = store.learners().expect("read the learners");
    let learner = match learners.as_slice() {
        [one] if one.name == "Kill Test" => one,
        other => panic!("expected the one learner `Kill Test`, found {other:?}"),
    };
    let (attempt, answers) = store
        .open_attempt(&learner.id, COURSE_ID, &quiz.id)
        .expect("read the attempt")
        .expect("the unfinished attempt was kept");
    assert_eq!(attempt.result, None);
    assert_eq!(answers.len(), 1, "{answers:#?}");
    assert_eq!(answers[0].question_id, first.id);
    assert_eq!(answers[0].correct, first_choice_right);
    drop(store);

    // Phase 2: the same learner comes back and lands in the quiz, one answer kept.
    let mut player = Player::start(data.path());
    player.wait_for("Who is learning?");
    player.wait_for("Kill Test");
    player.press("Kill");
    player.wait_for("New learner “Kill”");
    player.press(ENTER);
    player.wait_for(&format!("unfinished attempt (1 of {n} answered)"));
    assert!(player.screen().contains(QUIZ_TITLE), "{}", player.screen());
    player.press(ENTER);
    player.wait_for(&format!("Question 2 of {n}"));
    player.press(CTRL_C);
    let status = player.wait_exit();
    assert!(status.success(), "Ctrl-C quits cleanly: {status}");
    let raw = player.output.raw.lock().expect("raw lock").clone();
    assert!(
        contains(&raw, LEAVE_ALTERNATE_SCREEN),
        "the terminal was not restored (no leave-alternate-screen)"
    );
    assert!(
        !player
            .output
            .screen
            .lock()
            .expect("screen lock")
            .screen()
            .alternate_screen(),
        "the terminal is still on the alternate screen"
    );
}

#[test]
fn escape_sequences_in_a_lesson_never_reach_the_terminal() {
    let data = tempfile::tempdir().expect("a temporary data dir");
    install_fixture("hostile-text", data.path(), "hostile-text");

    let mut player = Player::start(data.path());
    create_learner(&mut player, "Reader");
    // The library is sorted by title; walk down to the installed course.
    player.wait_for("Hostile text");
    player.select("Hostile text");
    player.press(ENTER);
    player.wait_for("▶ ○ The first lesson");
    player.press(DOWN);
    player.wait_for("▶ ○ Hostile text");
    let before_lesson = player.output.raw_len();
    player.press(ENTER);
    player.wait_for("the clipboard");
    // Wait for the rest of the lesson's line too, so its bytes have all been read.
    player.wait_for("reversed");
    let screen = player.screen();
    assert!(
        screen.contains("Before the clipboard,") && screen.contains("reversed text."),
        "the lesson's words are all there:\n{screen}"
    );

    let raw = player.output.raw.lock().expect("raw lock").clone();
    // The capture is complete: it holds the player's first bytes and the lesson's line.
    assert!(contains(&raw, b"\x1b[?1049h"), "no enter-alternate-screen");
    assert!(
        contains(&raw[before_lesson..], b"clipboard"),
        "the lesson was drawn after Enter"
    );
    // The whole session, not only the lesson: the player itself never clears the screen with
    // `ESC [2J` either (ratatui redraws cell by cell).
    for (what, bytes) in [
        ("an OSC 52 clipboard write", b"\x1b]52".as_slice()),
        ("a clear-screen sequence", b"\x1b[2J".as_slice()),
        ("a right-to-left override", "\u{202e}".as_bytes()),
        ("a pop-directional-formatting mark", "\u{202c}".as_bytes()),
        ("a BEL", b"\x07".as_slice()),
    ] {
        assert!(!contains(&raw, bytes), "{what} reached the terminal");
    }
    player.press(CTRL_C);
    assert!(player.wait_exit().success());
}
