//! The player without a terminal: actions go through `App::update`, effects run against an
//! in-memory store, and screens are drawn on an 80x24 `TestBackend`.

mod player;

use hatua::library::Library;
use hatua::store::{ItemStatus, Store};
use hatua::tui::action::Action;
use hatua::tui::effect::Effect;
use hatua::tui::screen::Screen;
use player::*;

#[test]
fn first_run_shows_an_empty_picker_that_invites_a_name() {
    let p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    insta::assert_snapshot!("picker_empty", p.screen());
}

#[test]
fn typing_filters_learners_and_offers_to_create_a_new_one() {
    let mut store = Store::open_in_memory().unwrap();
    for name in ["Amina Njeri", "Li Na", "Aminata Diallo", "राधा", "Kwame"] {
        store.add_learner(name, None).unwrap();
    }
    let mut p = Player::new(store, (80, 24));
    insta::assert_snapshot!("picker_many", p.screen());
    p.type_text("amin");
    let screen = p.screen();
    assert!(screen.contains("Amina Njeri") && screen.contains("Aminata Diallo"));
    assert!(!screen.contains("Kwame"));
    insta::assert_snapshot!("picker_filtered", screen);
}

#[test]
fn a_new_learner_lands_in_the_library_with_zero_progress() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    assert!(matches!(p.app.screen, Screen::Library(_)));
    let screen = p.screen();
    assert!(screen.contains("0%"));
    insta::assert_snapshot!("library", screen);
    assert_eq!(p.store.learners().unwrap()[0].name, "Amina");
}

#[test]
fn every_course_bar_is_as_long_as_the_others_at_each_width() {
    for size in [(80, 24), (60, 20)] {
        let mut p = Player::new(Store::open_in_memory().unwrap(), size);
        p.app.library = fixture_library(&["minimal", "all-types", "keys"]);
        p.sign_in("Amina");
        let screen = p.screen();
        let bars: Vec<usize> = screen
            .lines()
            .filter(|l| l.contains('░'))
            .map(|l| l.chars().filter(|c| matches!(c, '░' | '█')).count())
            .collect();
        assert!(bars.len() >= 3, "{screen}");
        assert!(bars.iter().all(|&b| b == bars[0]), "{bars:?}\n{screen}");
    }
}

#[test]
fn reading_to_the_end_marks_a_lesson_done_and_the_outline_shows_it() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, ENTER]);
    insta::assert_snapshot!("lesson", p.screen());
    // The first lesson is shorter than the screen, so opening it reaches its end.
    let id = p.learner_id();
    let progress = p.store.item_progress(&id, "minimal").unwrap();
    assert_eq!(progress["first"].status, ItemStatus::Done);
    p.press([ESC]);
    let screen = p.screen();
    assert!(screen.contains("● The first lesson"), "{screen}");
    assert!(screen.contains("lesson · done"));
    insta::assert_snapshot!("outline", screen);
}

#[test]
fn a_long_lesson_keeps_its_position_when_left_half_way() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, ENTER]);
    let Screen::Lesson(l) = &p.app.screen else {
        panic!("not in a lesson")
    };
    let total = l.lines().len();
    assert!(
        total > 60,
        "fixture lesson too short for this test: {total} lines"
    );
    p.press([DOWN, DOWN, ESC]);
    let id = p.learner_id();
    let progress = p.store.item_progress(&id, "minimal").unwrap();
    assert_eq!(progress["second"].position, 2);
    assert_eq!(progress["second"].status, ItemStatus::InProgress);
    // Opening it again starts where the learner left.
    p.press([ENTER]);
    let Screen::Lesson(l) = &p.app.screen else {
        panic!("not in a lesson")
    };
    assert_eq!(l.scroll, 2);
    assert!(p.screen().contains("3–24 of"), "{}", p.screen());
}

#[test]
fn a_quiz_with_a_wrong_and_a_right_answer_ends_with_the_score() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, DOWN, ENTER]);
    assert_eq!(
        p.app.learner.as_ref().map(|l| l.name.as_str()),
        Some("Amina")
    );
    insta::assert_snapshot!("quiz_intro", p.screen());
    p.press([ENTER]);
    insta::assert_snapshot!("quiz_question", p.screen());
    // Wrong: "a".
    p.press([digit(0), ENTER]);
    let screen = p.screen();
    assert!(screen.contains("✗ Not right."), "{screen}");
    assert!(
        screen.contains("a is the first letter."),
        "per-choice feedback: {screen}"
    );
    assert!(
        screen.contains("It is the second letter."),
        "explanation: {screen}"
    );
    assert!(screen.contains("Answer saved"));
    insta::assert_snapshot!("quiz_feedback_wrong", screen);
    // Multiple: a and e, right.
    p.press([ENTER, digit(0), digit(2), ENTER]);
    assert!(p.screen().contains("✓ Right."));
    // True/false: false is right; pick True (wrong).
    p.press([ENTER, digit(0), ENTER]);
    assert!(p.screen().contains("Look up: it is usually blue."));
    p.press([ENTER]);
    let screen = p.screen();
    assert!(screen.contains("Score: 1 of 3 points (33%)"), "{screen}");
    assert!(screen.contains("Not passed yet (pass mark 50%)"));
    assert!(screen.contains("attempts left: 1"), "{screen}");
    insta::assert_snapshot!("quiz_results", screen);
    let id = p.learner_id();
    assert_eq!(
        p.store.item_progress(&id, "minimal").unwrap()["check"].status,
        ItemStatus::Failed
    );
    // Retry and pass.
    p.press([ch('r'), digit(1), ENTER, ENTER]);
    p.press([digit(0), digit(2), ENTER, ENTER]);
    p.press([digit(1), ENTER, ENTER]);
    let screen = p.screen();
    assert!(screen.contains("Score: 3 of 3 points (100%)"), "{screen}");
    assert!(screen.contains("No attempts left"));
    assert_eq!(
        p.store.item_progress(&id, "minimal").unwrap()["check"].status,
        ItemStatus::Passed
    );
    assert_eq!(p.store.attempts(&id, "minimal", "check").unwrap().len(), 2);
}

#[test]
fn multiple_choice_gives_partial_credit_on_screen() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
    p.press([digit(1), ENTER, ENTER]);
    p.press([digit(0), ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains("◐ Partly right: 0.5 of 1 point."),
        "{screen}"
    );
}

#[test]
fn enter_without_a_pick_on_a_multiple_question_asks_for_one() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
    p.press([digit(1), ENTER, ENTER, ENTER]);
    let screen = p.screen();
    assert!(screen.contains("Pick at least one answer"), "{screen}");
    let id = p.learner_id();
    let (_, answers) = p
        .store
        .open_attempt(&id, "minimal", "check")
        .unwrap()
        .unwrap();
    assert_eq!(
        answers.len(),
        1,
        "nothing recorded for the empty submission"
    );
}

#[test]
fn feedback_appears_only_once_the_answer_is_committed() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
    // Submit without running the effect: nothing of the verdict or the key shows yet.
    let effects = p.app.key(digit(1));
    assert!(effects.is_empty());
    let effects = p.app.key(ENTER);
    assert!(
        matches!(effects.as_slice(), [Effect::RecordAnswer { .. }]),
        "{effects:?}"
    );
    let screen = p.screen();
    for shown_too_early in [
        "Right.",
        "Not right",
        "It is the second letter",
        "Answer saved",
    ] {
        assert!(
            !screen.contains(shown_too_early),
            "{shown_too_early}: {screen}"
        );
    }
    p.run(effects);
    let screen = p.screen();
    assert!(
        screen.contains("Answer saved") && screen.contains("It is the second letter"),
        "{screen}"
    );
}

#[test]
fn a_failed_save_leaves_the_question_as_it_was_and_can_be_retried() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
    p.app.key(digit(1));
    let before = p.screen();
    let effects = p.app.key(ENTER);
    p.act(Action::Failed(hatua::tui::problem::Problem::new(
        "error.disk_full",
    )));
    let screen = p.screen();
    assert!(
        screen.contains("disk is full") && screen.contains("still yours to change"),
        "{screen}"
    );
    assert!(!screen.contains("Right.") && !screen.contains("It is the second letter"));
    // The question is as it was before Enter, the chosen answer still chosen.
    let question = |s: &str| s.lines().take(8).collect::<Vec<_>>().join("\n");
    assert_eq!(question(&screen), question(&before));
    let retry = p.app.key(ENTER);
    assert_eq!(retry, effects, "Enter sends the same answer again");
    p.run(retry);
    assert!(p.screen().contains("Answer saved"));
}

#[test]
fn a_learner_returns_to_the_unfinished_quiz_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hatua.db");
    {
        let mut p = Player::new(Store::open(&db).unwrap(), (80, 24));
        p.sign_in("Amina");
        p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
        p.press([digit(1), ENTER]);
        assert!(p.screen().contains("Answer saved"));
        // Dropped without quitting: as if the power went.
    }
    let mut p = Player::new(Store::open(&db).unwrap(), (80, 24));
    p.type_text("ami");
    p.press([ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains("unfinished attempt (1 of 3 answered)"),
        "{screen}"
    );
    p.press([ENTER]);
    assert!(p.screen().contains("Question 2 of 3"));
}

#[test]
fn an_attempt_cut_off_after_its_last_answer_ends_with_the_score_when_continued() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hatua.db");
    {
        let mut p = Player::new(Store::open(&db).unwrap(), (80, 24));
        p.sign_in("Amina");
        p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
        p.press([digit(1), ENTER, ENTER, digit(0), digit(2), ENTER, ENTER]);
        p.press([digit(1), ENTER]);
        assert!(p.screen().contains("Answer saved"));
        // The power goes before Enter asks for the score.
    }
    let mut p = Player::new(Store::open(&db).unwrap(), (80, 24));
    p.type_text("ami");
    p.press([ENTER]);
    assert!(
        p.screen().contains("unfinished attempt (3 of 3 answered)"),
        "{}",
        p.screen()
    );
    p.press([ENTER]);
    let screen = p.screen();
    assert!(screen.contains("Score: 3 of 3 points (100%)"), "{screen}");
    let id = p.learner_id();
    assert_eq!(
        p.store.item_progress(&id, "minimal").unwrap()["check"].status,
        ItemStatus::Passed
    );
}

#[test]
fn each_learner_sees_only_their_own_progress() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, ENTER, ESC]);
    assert!(p.screen().contains("lesson · done"));
    p.press([ESC, ESC]);
    assert!(matches!(p.app.screen, Screen::Picker(_)));
    p.sign_in("Kwame");
    p.press([ENTER]);
    let screen = p.screen();
    assert!(!screen.contains("done"), "{screen}");
    assert!(screen.contains("○ The first lesson"));
}

#[test]
fn help_lists_the_keys_of_the_screen_and_any_key_closes_it() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([F1]);
    let screen = p.screen();
    assert!(
        screen.contains("Keys") && screen.contains("open the course"),
        "{screen}"
    );
    insta::assert_snapshot!("help_library", screen);
    p.press([DOWN]);
    assert!(!p.screen().contains("open the course"));
}

#[test]
fn a_terminal_below_60x20_gets_a_message_not_a_broken_layout() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    for (w, h) in [(59, 24), (80, 19), (20, 5), (1, 1), (0, 0)] {
        p.act(Action::Resize(w, h));
        let screen = p.screen();
        let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        if w >= 20 && h >= 5 {
            assert!(words.contains("needs at least 60×20"), "{w}x{h}: {screen}");
        }
    }
    p.act(Action::Resize(60, 20));
    assert!(p.screen().contains("Who is learning?"));
}

#[test]
fn quitting_from_a_lesson_saves_the_position() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (60, 20));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, ENTER]);
    p.press([DOWN, DOWN, DOWN]);
    let effects = p.app.key(CTRL_C);
    assert!(p.app.quit);
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::SavePosition { position: 3, .. }]
        ),
        "{effects:?}"
    );
}

#[test]
fn a_broken_course_is_listed_as_unavailable_beside_the_working_ones() {
    let data = tempfile::tempdir().unwrap();
    let broken = data.path().join("courses/broken-course");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(
        broken.join("course.toml"),
        "format = 1\nid = \"x\"\ntitle = 5\n",
    )
    .unwrap();
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.library = Library::load(Some(data.path()));
    p.sign_in("Amina");
    let screen = p.screen();
    assert!(screen.contains("broken-course  unavailable"), "{screen}");
    assert!(
        screen.contains("course.toml: course.toml has no `version`"),
        "{screen}"
    );
    assert!(screen.contains("Gender equality: key concepts"), "{screen}");
    insta::assert_snapshot!("library_with_unavailable", screen);
    // Enter on the broken course does nothing; the working course still opens.
    let broken_row = p
        .app
        .library
        .entries
        .iter()
        .position(|e| e.course().is_none())
        .unwrap();
    for _ in 0..broken_row {
        p.press([DOWN]);
    }
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Library(_)));
}

#[test]
fn quick_exit_hides_everything_and_gives_the_quiz_back_as_it_was() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, DOWN, ENTER, ENTER]);
    p.press([digit(1), ENTER, ENTER]);
    // On the multiple-choice question: pick one answer, do not submit.
    p.press([digit(2)]);
    assert!(p.screen().contains("[x] e"));
    p.press([F1, CTRL_X]);
    let screen = p.screen();
    assert!(screen.contains("Who is learning?"), "{screen}");
    for private in ["Check", "vowels", "Amina ›", "Question", "Keys"] {
        assert!(
            !screen.contains(private),
            "`{private}` still visible:\n{screen}"
        );
    }
    assert!(p.app.learner.is_none());
    // Nobody is chosen in advance: Enter alone opens no one's profile.
    assert!(!screen.contains('▶'), "{screen}");
    p.press([ENTER]);
    assert!(p.app.learner.is_none() && p.screen().contains("Who is learning?"));
    // Another learner uses the desk meanwhile and sees nothing of Amina's.
    p.sign_in("Kwame");
    assert!(matches!(p.app.screen, Screen::Library(_)));
    assert!(!p.screen().contains("Continue where"), "{}", p.screen());
    p.press([ESC]);
    // Amina comes back to her course list, with her place offered first: signing in never
    // opens the hidden screen by itself.
    p.type_text("Amina");
    p.press([ENTER]);
    let screen = p.screen();
    assert!(matches!(p.app.screen, Screen::Library(_)), "{screen}");
    assert!(
        screen.contains("▶ ↻ Continue where you left off: Check"),
        "{screen}"
    );
    assert!(!screen.contains("[x] e"), "{screen}");
    // One Enter: the same question, with the same answer picked and not submitted.
    p.press([ENTER]);
    let screen = p.screen();
    assert!(
        screen.contains("Question 2 of 3") && screen.contains("[x] e"),
        "{screen}"
    );
    assert!(!screen.contains("Answer saved"));
}

#[test]
fn the_idle_lock_saves_the_lesson_position_and_returns_to_the_picker() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, DOWN, ENTER, DOWN, DOWN]);
    let effects = p.app.update(Action::IdleLock);
    assert!(matches!(p.app.screen, Screen::Picker(_)));
    assert!(
        matches!(effects.first(), Some(Effect::ForLearner(_, e)) if matches!(**e, Effect::SavePosition { position: 2, .. })),
        "{effects:?}"
    );
    p.run(effects);
    let amina = p.store.learners().unwrap()[0].id.clone();
    assert_eq!(
        p.store.item_progress(&amina, "minimal").unwrap()["second"].position,
        2
    );
    let screen = p.screen();
    assert!(screen.contains("Who is learning?"));
    // Nobody is chosen: Enter does not sign the last learner back in for the next person.
    assert!(
        screen.contains("Amina") && !screen.contains('▶'),
        "{screen}"
    );
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Picker(_)));
}

#[test]
fn the_footer_shows_the_quick_exit_key_on_every_learner_screen() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (60, 20));
    p.sign_in("Amina");
    let last_line = |p: &Player| p.screen().lines().last().unwrap_or_default().to_string();
    assert!(last_line(&p).contains("Ctrl-X hide"), "library");
    p.press([ENTER]);
    assert!(last_line(&p).contains("Ctrl-X hide"), "outline");
    p.press([DOWN, ENTER, END]);
    assert!(
        last_line(&p).contains("Ctrl-X hide"),
        "lesson: {}",
        last_line(&p)
    );
    p.press([ch('n')]);
    assert!(last_line(&p).contains("Ctrl-X hide"), "quiz");
}

#[test]
fn a_previewed_course_reloads_in_place_when_its_files_change() {
    let (_work, course, mut p) = player::previewing("minimal", "Author");
    p.press([ENTER, DOWN, ENTER, DOWN, DOWN]);
    player::rewrite(
        &course.join("lessons/second.md"),
        "Paragraph 3:",
        "Edited paragraph 3:",
    );
    let effects = p.app.reload(hatua::tui::preview::library(&course).unwrap());
    p.run(effects);
    let Screen::Lesson(l) = &p.app.screen else {
        panic!("still in the lesson")
    };
    assert_eq!((l.index, l.scroll), (1, 2), "same lesson, same place");
    let screen = p.screen();
    assert!(screen.contains("Edited paragraph 3:"), "{screen}");
    assert!(screen.contains("was reloaded"), "{screen}");
}

#[test]
fn a_lesson_whose_text_changed_since_it_was_read_is_marked_updated() {
    let (_work, course, mut p) = player::previewing("minimal", "Amina");
    p.press([ENTER, ENTER, ESC]);
    assert!(p.screen().contains("lesson · done"));
    // A new version of the course: the first lesson's text changes, its id does not.
    player::rewrite(
        &course.join("lessons/first.md"),
        "A paragraph",
        "A rewritten paragraph",
    );
    let effects = p.app.reload(hatua::tui::preview::library(&course).unwrap());
    p.run(effects);
    let screen = p.screen();
    assert!(screen.contains("updated since you read it"), "{screen}");
    let course = p.app.library.ready().next().unwrap().clone();
    assert!(
        p.app.with_cx(|cx| cx.course_progress(&course).fraction()) > 0.0,
        "still counts as read"
    );
    // Reading it again clears the mark.
    p.press([HOME, ENTER, ESC]);
    assert!(!p.screen().contains("updated since"), "{}", p.screen());
}

#[test]
fn returning_to_a_lesson_that_changed_starts_at_its_top_and_does_not_count_as_read() {
    let (_work, course, mut p) = player::previewing("minimal", "Amina");
    // Read the long lesson to its end, and leave.
    p.press([ENTER, DOWN, ENTER, END, ESC]);
    assert!(p.screen().contains("The second lesson") && p.screen().contains("done"));
    player::rewrite(
        &course.join("lessons/second.md"),
        "Paragraph 1:",
        "New paragraph 1:",
    );
    p.app.library = hatua::tui::preview::library(&course).unwrap();
    p.press([ENTER]);
    let Screen::Lesson(l) = &p.app.screen else {
        panic!("in the lesson")
    };
    assert_eq!(l.scroll, 0, "starts at the top of the new text");
    p.press([ESC]);
    assert!(
        p.screen().contains("updated since you read it"),
        "{}",
        p.screen()
    );
}

/// High contrast paints its own black background under everything, so its bright colours
/// stay readable on a terminal whose own background is light; the default keeps the
/// terminal's.
#[test]
fn high_contrast_sets_its_own_background_on_every_cell() {
    use ratatui::style::Color;
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.app.apply_preferences(None, Some("high-contrast"));
    let buffer = p.buffer();
    let unset = buffer
        .content()
        .iter()
        .filter(|c| c.bg == Color::Reset)
        .count();
    assert_eq!(unset, 0, "{unset} cells on the terminal's own background");
    p.app.apply_preferences(None, Some("default"));
    let buffer = p.buffer();
    assert!(buffer.content().iter().any(|c| c.bg == Color::Reset));
}

/// The mouse, never required: a click on a course chooses it, a second click opens it,
/// a click on a course's summary line chooses that course; the wheel scrolls a lesson.
#[test]
fn a_click_chooses_a_second_opens_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind, row| MouseEvent {
        kind,
        column: 10,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let click = |row| mouse(MouseEventKind::Down(MouseButton::Left), row);
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.library = fixture_library(&["minimal", "all-types", "keys"]);
    p.sign_in("Amina");
    let row_of = |p: &Player, text: &str| {
        p.screen()
            .lines()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("no {text:?} in\n{}", p.screen())) as u16
    };
    let chosen = |p: &Player| {
        p.screen()
            .lines()
            .find(|l| l.trim_start().starts_with('▶'))
            .unwrap_or_default()
            .to_string()
    };
    let third = p.app.library.entries[2].title().to_string();
    let second = p.app.library.entries[1].title().to_string();
    // A click on the third course's title chooses it, and opens nothing.
    let effects = p.app.mouse(click(row_of(&p, &third)));
    p.run(effects);
    assert!(chosen(&p).contains(&third), "{}", p.screen());
    assert!(matches!(p.app.screen, Screen::Library(_)));
    // A click on the second course's summary line, below its title, chooses the second.
    let effects = p.app.mouse(click(row_of(&p, &second) + 1));
    p.run(effects);
    assert!(chosen(&p).contains(&second), "{}", p.screen());
    // Clicks far below the list or on the header choose the nearest course, or nothing.
    for row in [0, 23, u16::MAX] {
        let effects = p.app.mouse(click(row));
        p.run(effects);
        assert!(matches!(p.app.screen, Screen::Library(_)), "row {row}");
    }
    let effects = p.app.mouse(click(row_of(&p, &second) + 1));
    p.run(effects);
    // A click on the chosen row opens it.
    let effects = p.app.mouse(click(row_of(&p, &second)));
    p.run(effects);
    assert!(matches!(p.app.screen, Screen::Outline(_)), "{}", p.screen());
    // The wheel scrolls a long lesson.
    p.app.library = fixture_library(&["minimal"]);
    p.press([ESC]);
    p.press([ENTER, DOWN, ENTER]);
    assert!(matches!(p.app.screen, Screen::Lesson(_)), "{}", p.screen());
    let top = p.screen();
    let effects = p.app.mouse(mouse(MouseEventKind::ScrollDown, 5));
    p.run(effects);
    assert_ne!(p.screen(), top, "the wheel did not scroll");
    let effects = p.app.mouse(mouse(MouseEventKind::ScrollUp, 5));
    p.run(effects);
    assert_eq!(p.screen(), top);
}
