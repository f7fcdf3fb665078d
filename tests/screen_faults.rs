//! Faults a new learner and a facilitator met on the screens at 80x24 and 60x20, each
//! walked again through the keys they pressed.

mod player;

use std::time::Duration;

use hatua::library::Library;
use hatua::store::Store;
use hatua::tui::action::Action;
use hatua::tui::screen::Screen;
use player::*;

fn words(p: &Player) -> String {
    p.screen().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A learner signed in with the built-in courses.
fn built_in(size: (u16, u16)) -> Player {
    let mut p = Player::new(Store::open_in_memory().unwrap(), size);
    p.app.library = Library::load(None);
    p.sign_in("Amina");
    p
}

/// Opens the course whose title starts with `title`, from the course list.
fn open_course(p: &mut Player, title: &str) {
    let row = p
        .app
        .library
        .entries
        .iter()
        .position(|e| e.title().starts_with(title))
        .unwrap_or_else(|| panic!("no course {title}"));
    p.press([HOME]);
    for _ in 0..row {
        p.press([DOWN]);
    }
    p.press([ENTER]);
}

/// On the outline, opens the item titled `title`.
fn open_item(p: &mut Player, title: &str) {
    let Screen::Outline(o) = &p.app.screen else {
        panic!("not on an outline: {}", p.screen())
    };
    let index = o
        .course
        .items()
        .position(|i| i.title == title)
        .unwrap_or_else(|| panic!("no item {title}"));
    p.press([HOME]);
    for _ in 0..index {
        p.press([DOWN]);
    }
    p.press([ENTER]);
}

#[test]
fn the_review_of_a_long_attempt_reaches_its_last_question() {
    let mut p = built_in((80, 24));
    open_course(&mut p, "CEDAW");
    open_item(&mut p, "Final check: CEDAW");
    p.press([ENTER]);
    answer_all(&mut p);
    assert!(p.screen().contains("Score:"), "{}", p.screen());
    p.press([ch('v'), ENTER]);
    let Screen::Review(r) = &p.app.screen else {
        panic!("on the review")
    };
    let asked = r.quiz().questions.len();
    assert!(asked >= 9, "a long quiz: {asked} questions");
    // Page by page, every question comes into view, down to the last one's right answer.
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..100 {
        // A question's first line starts with its mark, then its number.
        for line in p.screen().lines() {
            let Some(t) = line.trim_start().strip_prefix(['✓', '✗', '◐']) else {
                continue;
            };
            if let Some((n, _)) = t.trim_start().split_once(' ')
                && let Ok(n) = n.parse::<usize>()
            {
                seen.insert(n);
            }
        }
        p.press([PAGE_DOWN]);
    }
    assert_eq!(seen.len(), asked, "questions seen: {seen:?}");
    p.press([END]);
    let last = p.screen();
    assert!(last.contains(&format!(" {asked} ")), "{last}");
    assert!(last.contains("Right answer:"), "{last}");
}

#[test]
fn the_review_of_a_short_attempt_shows_its_last_feedback_at_60x20() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (60, 20));
    p.sign_in("Amina");
    p.press([ENTER, END, ENTER, ENTER]);
    // Wrong answers, each with feedback: a, b, true.
    p.press([digit(0), ENTER, ENTER]);
    p.press([digit(1), ENTER, ENTER]);
    p.press([ENTER, ENTER]);
    p.press([ch('v'), ENTER]);
    let Screen::Review(r) = &p.app.screen else {
        panic!("on the review")
    };
    let scrolls = r.overflow;
    // Whether the attempt fits or scrolls, End shows its last feedback, and the scroll
    // keys are offered exactly when there is something to scroll to.
    p.press([END]);
    let bottom = words(&p);
    assert!(
        bottom.contains("Look up: it is usually blue.") && bottom.contains("Right answer: False"),
        "the last feedback: {bottom}"
    );
    let keys: Vec<&str> = p
        .app
        .screen
        .component()
        .keys()
        .iter()
        .map(|b| b.help)
        .collect();
    assert_eq!(keys.contains(&"keys.scroll_line"), scrolls, "{keys:?}");
}

#[test]
fn the_review_scrolls_by_line_and_page_and_stops_at_its_end_at_60x20() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (60, 20));
    p.app.library = fixture_library(&["all-types"]);
    p.sign_in("Amina");
    p.press([ENTER, ENTER, ESC, DOWN, ENTER, ENTER]);
    answer_all(&mut p);
    p.press([ch('v'), ENTER]);
    let top = p.screen();
    p.press([DOWN]);
    assert_ne!(p.screen(), top, "↓ scrolls");
    p.press([END]);
    let bottom = p.screen();
    assert!(bottom.contains("7 Match each text"), "{bottom}");
    for _ in 0..20 {
        p.press([PAGE_DOWN]);
    }
    assert_eq!(p.screen(), bottom, "PgDn stops at the end");
    p.press([HOME]);
    assert_eq!(p.screen(), top);
}

#[test]
fn a_long_answer_in_the_review_wraps_under_its_own_text() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (60, 20));
    p.app.library = fixture_library(&["all-types"]);
    p.sign_in("Amina");
    p.press([ENTER, ENTER, ESC, DOWN, ENTER, ENTER]);
    answer_all(&mut p);
    p.press([ch('v'), ENTER, END]);
    let screen = p.screen();
    // "Right answer: CEDAW adopted → Beijing Platform adopted → SDGs adopted" is wider
    // than the screen: its second line starts under the text, not at the margin.
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Right answer: CEDAW adopted"))
        .unwrap_or_else(|| panic!("{screen}"));
    let indent = lines[at].find("CEDAW").unwrap();
    let next = lines[at + 1];
    assert_eq!(next.len() - next.trim_start().len(), indent, "{screen}");
}

#[test]
fn help_on_the_import_review_and_profile_screens_lists_their_own_keys() {
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open(&data.path().join("hatua.db")).unwrap();
    store.set_facilitator_password("trainer-pass").unwrap();
    let mut p = Player::new(store, (80, 24));
    p.app.data_dir = Some(data.path().to_path_buf());
    p.app.drive_patterns = vec![format!("{}/*", data.path().join("none").display())];
    p.press([F2]);
    p.type_text("trainer-pass");
    p.press([ENTER, ch('i')]);
    p.run_jobs(data.path());
    p.press([F1]);
    let help = p.screen();
    assert!(help.contains("look at the drives again"), "{help}");
    assert!(
        !help.contains("remove the selected learner's PIN"),
        "{help}"
    );
    p.press([ESC, ESC, ESC]);

    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, END, ENTER, ENTER]);
    answer_all(&mut p);
    p.press([ch('v'), F1]);
    let help = p.screen();
    assert!(help.contains("open the selected attempt"), "{help}");
    assert!(!help.contains("next lesson or quiz"), "{help}");
    p.press([F1, ENTER, F1]);
    let help = p.screen();
    assert!(help.contains("back to the list of attempts"), "{help}");
    assert!(!help.contains("next lesson or quiz"), "{help}");

    // The profile: Space on a choice changes it, as its help says.
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ch('p'), DOWN, F1]);
    let help = p.screen();
    assert!(
        help.lines()
            .any(|l| l.contains("Space") && l.contains("change a choice")),
        "{help}"
    );
    p.press([ESC]);
    assert!(p.screen().contains("◀ English ▶"));
    p.press([SPACE]);
    assert!(p.screen().contains("◀ Français ▶"), "{}", p.screen());
}

#[test]
fn any_key_closes_the_help_and_the_next_key_works() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.library = fixture_library(&["minimal", "all-types"]);
    p.sign_in("Amina");
    p.press([F1]);
    assert!(p.screen().contains("Press any key to close."));
    // z is no key of the course list: it closes the help all the same, and does nothing.
    p.press([ch('z')]);
    assert!(!p.screen().contains("Press any key to close."));
    assert!(matches!(p.app.screen, Screen::Library(_)));
    p.press([DOWN, ENTER]);
    assert!(p.screen().contains("Every question type"), "{}", p.screen());
}

#[test]
fn choices_below_the_screen_are_announced_and_reachable_at_60x20() {
    let mut p = built_in((60, 20));
    open_course(&mut p, "Gender equality");
    open_item(&mut p, "Practice: gender in daily life");
    p.press([ENTER]);
    let mut announced = 0;
    for _ in 0..20 {
        let screen = p.screen();
        if !screen.contains("Question ") {
            break;
        }
        let Screen::Quiz(q) = &p.app.screen else {
            panic!()
        };
        let hatua::tui::quiz::Phase::Asking(run) = &q.phase else {
            panic!()
        };
        let choosing = screen.contains("[ ]") || screen.contains("( )");
        let options = run.planned().map_or(0, |pl| pl.option_order.len()) * usize::from(choosing);
        let last = format!("{options} ");
        let last_shown = screen
            .lines()
            .any(|l| l.trim_start_matches(['▶', ' ']).starts_with(&last));
        if options > 0 && !last_shown {
            announced += 1;
            assert!(screen.contains("↓ more below"), "{screen}");
            p.press([PAGE_DOWN]);
            let below = p.screen();
            assert!(
                below
                    .lines()
                    .any(|l| l.trim_start_matches(['▶', ' ']).starts_with(&last)),
                "PgDn shows choice {options}: {below}"
            );
            p.press([PAGE_UP]);
        }
        answer_any(&mut p);
    }
    assert!(
        announced > 0,
        "no question of this quiz overflows 60x20 any more"
    );
}

#[test]
fn the_pin_pause_counts_down_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
    store.add_learner("Grace", Some("4821")).unwrap();
    let mut p = Player::new(store, (80, 24));
    p.type_text("Grace");
    p.press([ENTER]);
    for _ in 0..5 {
        p.type_text("0000");
        p.press([ENTER]);
    }
    assert!(p.screen().contains("paused for 30 s"), "{}", p.screen());
    assert!(p.app.ticks(), "the screen asks to be redrawn every second");
    p.app.now += Duration::from_secs(12);
    assert!(p.screen().contains("paused for 18 s"), "{}", p.screen());
    p.app.now += Duration::from_secs(18);
    assert!(!p.screen().contains("paused for"), "{}", p.screen());
    assert!(!p.app.ticks());
}

#[test]
fn the_pin_rule_goes_once_the_pin_follows_it() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.type_text("Zed");
    p.press([ENTER]);
    p.type_text("12");
    p.press([ENTER]);
    assert!(p.screen().contains("A PIN is 4 to 8 digits."));
    p.type_text("34");
    assert!(
        !p.screen().contains("A PIN is 4 to 8 digits."),
        "{}",
        p.screen()
    );
}

#[test]
fn a_short_facilitator_password_is_refused_at_the_first_enter() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.press([F2]);
    p.type_text("short");
    p.press([ENTER]);
    let screen = p.screen();
    assert!(screen.contains("needs at least 8 characters"), "{screen}");
    assert!(
        screen.contains("▶ New password: •••••"),
        "still on the first field: {screen}"
    );
}

#[test]
fn esc_on_an_empty_name_asks_before_hatua_closes() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.press([ESC]);
    assert!(!p.app.quit);
    assert!(p.screen().contains("Close Hatua?"), "{}", p.screen());
    p.press([ch('n')]);
    assert!(!p.app.quit);
    assert!(p.screen().contains("Your name:"));
    p.press([ESC, ch('y')]);
    assert!(p.app.quit);
}

#[test]
fn r_on_a_quiz_start_screen_starts_an_attempt() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.sign_in("Amina");
    p.press([ENTER, END, ENTER]);
    assert!(p.screen().contains("Press Enter to start."));
    p.press([ch('r')]);
    assert!(p.screen().contains("Question 1 of 3"), "{}", p.screen());
}

#[test]
fn a_hint_is_offered_with_the_key_that_opens_it_and_only_when_there_is_one() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.library = fixture_library(&["all-types", "keys"]);
    p.sign_in("Amina");
    // all-types: the first question has a hint; typing questions have none.
    p.press([ENTER, ENTER, ESC, DOWN, ENTER, ENTER]);
    let screen = words(&p);
    assert!(screen.contains("h opens a hint (1 left)."), "{screen}");
    assert!(!screen.contains("F3"), "{screen}");
    for _ in 0..3 {
        answer_any(&mut p);
    }
    let screen = words(&p);
    assert!(screen.contains("Your answer:"), "{screen}");
    assert!(
        !screen.contains("hint"),
        "no hint, no word of one: {screen}"
    );
    // keys: a typed answer with hints: h is a letter there, F3 opens one.
    p.press([ESC, ESC, DOWN, ENTER, END, ENTER, ENTER]);
    answer_any(&mut p);
    let screen = words(&p);
    assert!(screen.contains("F3 opens a hint (2 left)."), "{screen}");
    p.type_text("h");
    assert!(words(&p).contains("Your answer: h"));
    p.press([F3]);
    assert!(words(&p).contains("Hint 1: In Asia."), "{}", p.screen());
}

#[test]
fn a_lesson_keeps_a_comfortable_width_on_a_wide_terminal() {
    let mut p = built_in((120, 30));
    open_course(&mut p, "CEDAW");
    p.press([ENTER]);
    let screen = p.screen();
    let body: Vec<&str> = screen.lines().skip(1).take(27).collect();
    let widest = body.iter().map(|l| l.trim().chars().count()).max().unwrap();
    assert!(
        (60..=76).contains(&widest),
        "widest line {widest}:\n{screen}"
    );
    // The text stands in the middle, not against the left edge.
    let margin = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap();
    assert!(margin >= 20, "left margin {margin}");
}

#[test]
fn the_outline_shows_the_summary_the_certificate_key_and_best_scores() {
    let data = tempfile::tempdir().unwrap();
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.data_dir = Some(data.path().to_path_buf());
    p.sign_in("Amina");
    p.press([ENTER]);
    let screen = words(&p);
    assert!(
        screen.contains("The smallest course that uses every part of the format."),
        "{screen}"
    );
    assert!(screen.contains("c certificate"), "{screen}");
    // Fail the quiz once, then pass it: the outline shows the best score.
    p.press([END, ENTER, ENTER]);
    p.press([digit(0), ENTER, ENTER, digit(1), ENTER, ENTER, ENTER, ENTER]);
    p.press([ESC]);
    assert!(words(&p).contains("quiz · failed · best"), "{}", p.screen());
    p.press([ENTER, ch('r')]);
    let Screen::Quiz(_) = &p.app.screen else {
        panic!()
    };
    // Right answers: b (shown order varies, so by text), a and e, false.
    pick_text(&mut p, "b");
    p.press([ENTER, ENTER]);
    pick_text(&mut p, "a");
    pick_text(&mut p, "e");
    p.press([ENTER, ENTER]);
    pick_text(&mut p, "False");
    p.press([ENTER, ENTER, ESC]);
    assert!(
        words(&p).contains("quiz · passed · best 100%"),
        "{}",
        p.screen()
    );
    // Read both lessons: complete; the certificate's notice names its folder.
    p.press([HOME, ENTER, ESC, DOWN, ENTER, END, ESC, ch('c')]);
    let notice = words(&p);
    let folder = data.path().join("certificates").display().to_string();
    assert!(
        notice.contains(&format!("Certificate written to {folder}")),
        "{notice}"
    );
}

/// Picks the option whose text is `text` by its number on screen.
fn pick_text(p: &mut Player, text: &str) {
    let screen = p.screen();
    let line = screen
        .lines()
        .find(|l| {
            let t = l.trim_start_matches(['▶', ' ']);
            t.split_once(' ').is_some_and(|(n, rest)| {
                n.parse::<usize>().is_ok() && rest.get(4..).is_some_and(|r| r.trim() == text)
            })
        })
        .unwrap_or_else(|| panic!("no option {text}: {screen}"));
    let n: usize = line
        .trim_start_matches(['▶', ' '])
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    p.press([digit(n - 1)]);
}

#[test]
fn a_problem_saving_shows_whole_in_the_learners_language() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (60, 20));
    p.sign_in("Amina");
    p.app.apply_preferences(Some("fr"), None);
    p.act(Action::Failed(hatua::tui::problem::Problem::new(
        "error.disk_full",
    )));
    let screen = words(&p);
    assert!(
        screen.contains("Le disque est plein : rien n’a été enregistré.")
            && screen.contains("puis réessayez."),
        "the sentence whole, to what to do: {screen}"
    );
}

#[test]
fn at_60x20_the_help_shows_every_key_or_says_how_many_it_leaves_out() {
    // The learners' screen: every key fits once the help may use the whole screen.
    let mut p = Player::new(Store::open_in_memory().unwrap(), (60, 20));
    p.press([F1]);
    let help = p.screen();
    for key in ["Ctrl-X  F12", "Ctrl-C", "F1 ", "Press any key to close."] {
        assert!(help.contains(key), "{key} is missing:\n{help}");
    }
    assert!(!help.contains("… and"), "{help}");

    // The facilitator's board has more keys than 20 rows hold: the last row says so.
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open(&data.path().join("hatua.db")).unwrap();
    store.set_facilitator_password("trainer-pass").unwrap();
    let mut p = Player::new(store, (60, 20));
    p.press([F2]);
    p.type_text("trainer-pass");
    p.press([ENTER, F1]);
    let help = p.screen();
    let more = help
        .lines()
        .find_map(|l| l.split("… and ").nth(1))
        .unwrap_or_else(|| panic!("no word of the keys left out:\n{help}"));
    let left_out: usize = more
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{more}"));
    // The keys shown and those said to be left out are all the board's keys.
    let bindings = hatua::tui::keys::all(&p.app.screen.component().keys(), false).len();
    let shown = help
        .lines()
        .filter(|l| {
            // A key's first row: its label right after the border and a space.
            l.strip_prefix("│ ")
                .is_some_and(|rest| !rest.starts_with(' ') && !rest.starts_with('…'))
        })
        .count();
    assert_eq!(shown - 1 + left_out, bindings, "{help}");
    assert!(help.contains("Press any key to close."), "{help}");
}

#[test]
fn a_reader_answers_yes_with_her_own_words_first_letter_where_it_means_nothing_else() {
    // Español: Esc on an empty name asks before closing; "s" for sí closes.
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.press([TAB, TAB, ESC]);
    assert!(p.screen().contains("salir"), "{}", p.screen());
    p.press([ch('s')]);
    assert!(p.app.quit, "{}", p.screen());

    // In English "s" is no answer: the question stays.
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.press([ESC, ch('s')]);
    assert!(!p.app.quit);
    assert!(p.screen().contains("quit"), "{}", p.screen());
    // And where the letter is typed, it is typed: "o" in a French name is an "o".
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.press([TAB]);
    p.type_text("Yo");
    assert!(p.screen().contains("Yo"), "{}", p.screen());
}
