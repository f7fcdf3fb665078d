//! Every question type through the quiz screen: right, partly right and wrong answers, a
//! failed attempt and a retry, the review of past attempts, completion and the certificate.

mod player;

use hatua::store::Store;
use hatua::tui::action::Action;
use hatua::tui::screen::Screen;
use player::*;

/// Signed in, on the first question of the all-types quiz.
fn at_quiz() -> (Player, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.library = fixture_library(&["all-types"]);
    p.app.data_dir = Some(data.path().to_path_buf());
    p.sign_in("Amina");
    // Read the lesson (short: opening it reads it), then the quiz.
    p.press([ENTER, ENTER, ESC, DOWN, ENTER, ENTER]);
    assert!(p.screen().contains("Question 1 of 7"), "{}", p.screen());
    (p, data)
}

fn shown_order(p: &Player) -> Vec<usize> {
    player::shown_order(p).expect("a question")
}

fn words(p: &Player) -> String {
    p.screen().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Answers the match question: `right[i]` says whether pair i gets its right partner.
fn match_pairs(p: &mut Player, right: &[bool]) {
    let shown = shown_order(p);
    for (row, ok) in right.iter().enumerate() {
        // Options shown are numbered from 1; pick the one whose file position is `row` (right)
        // or the distractor (wrong).
        let wanted = if *ok { row } else { shown.len() - 1 };
        let number = shown.iter().position(|&o| o == wanted).unwrap();
        p.press([digit(number)]);
    }
}

fn next(p: &mut Player) {
    assert!(p.screen().contains("Answer saved"), "{}", p.screen());
    p.press([ENTER]);
}

#[test]
fn every_type_right_wrong_and_partly_right_then_a_retry_a_pass_and_a_certificate() {
    let (mut p, data) = at_quiz();
    // 1. single, with a hint first: wrong.
    p.press([F3]);
    assert!(p.screen().contains("Hint 1: It was the year before 1980."));
    p.press([digit(0), ENTER]);
    assert!(
        words(&p).contains("✗ Not right.")
            && p.screen().contains("1975 was International Women's Year.")
    );
    next(&mut p);
    // 2. multiple: partly right (one of two right choices).
    p.press([digit(0), ENTER]);
    assert!(
        p.screen().contains("◐ Partly right: 0.5 of 1 point."),
        "{}",
        p.screen()
    );
    next(&mut p);
    // 3. true-false: wrong (the answer is True).
    p.press([digit(1), ENTER]);
    assert!(
        p.screen().contains("entered into force in 2000"),
        "{}",
        p.screen()
    );
    next(&mut p);
    // 4. text: letters are the answer now, q included; an older spelling earns half.
    assert!(p.screen().contains("Type your answer"));
    p.type_text("  péking ");
    assert!(p.screen().contains("péking"));
    p.press([ENTER]);
    assert!(
        p.screen().contains("Peking is an older spelling"),
        "{}",
        p.screen()
    );
    assert!(
        words(&p).contains("Right answers: Beijing"),
        "{}",
        p.screen()
    );
    next(&mut p);
    // 5. number: not a number first, then wrong.
    p.type_text("twelve");
    p.press([ENTER]);
    assert!(p.screen().contains("Type a number"), "{}", p.screen());
    for _ in 0..6 {
        p.press([BACKSPACE]);
    }
    p.type_text("10");
    p.press([ENTER]);
    assert!(
        words(&p).contains("✗ Not right.") && words(&p).contains("Right answers: 12"),
        "{}",
        p.screen()
    );
    next(&mut p);
    // 6. order: submitted as shown (never solved), so partly right or wrong.
    assert!(p.screen().contains("Put the items in order"));
    p.press([ENTER]);
    assert!(p.screen().contains("The right order:"), "{}", p.screen());
    next(&mut p);
    // 7. match: Enter before every row is matched asks for the rest; then one right, one wrong.
    p.press([ENTER]);
    assert!(
        words(&p).contains("Choose a match for every item"),
        "{}",
        p.screen()
    );
    match_pairs(&mut p, &[true, false]);
    p.press([ENTER]);
    assert!(
        p.screen().contains("◐ Partly right: 0.5 of 1 point."),
        "{}",
        p.screen()
    );
    next(&mut p);
    let screen = words(&p);
    assert!(
        screen.contains("✗ Not passed yet (pass mark 60%)"),
        "{screen}"
    );
    let course = p.app.library.ready().next().unwrap().clone();
    assert!(!p.app.with_cx(|cx| cx.course_progress(&course).complete()));

    // Review the failed attempt: every question, the answer given, the right one.
    p.press([ch('v')]);
    assert!(matches!(p.app.screen, Screen::Review(_)));
    p.press([ENTER]);
    let review = words(&p);
    assert!(
        review.contains("Your answer (wrong): 1975") && review.contains("Right answer: 1979"),
        "{review}"
    );
    let Screen::Review(r) = &p.app.screen else {
        panic!("on the review")
    };
    let first = &r.quiz().questions[0].prompt;
    assert!(
        r.laid
            .is_prepared(first, hatua::tui::review::Review::prompt_width(p.app.size)),
        "prompts are laid out before drawing"
    );
    p.press([PAGE_DOWN, PAGE_DOWN]);
    let later = words(&p);
    assert!(
        later.contains("Your answer (partly): péking") || later.contains("Right answer: Beijing"),
        "{later}"
    );
    p.press([ESC, ESC]);

    // Retry, and get everything right.
    assert!(matches!(p.app.screen, Screen::Quiz(_)), "back on the quiz");
    p.press([ENTER]);
    p.press([digit(1), ENTER]);
    next(&mut p);
    p.press([digit(0), digit(1), ENTER]);
    next(&mut p);
    p.press([digit(0), ENTER]);
    next(&mut p);
    p.type_text("BEIJING");
    p.press([ENTER]);
    next(&mut p);
    p.type_text("12");
    p.press([ENTER]);
    next(&mut p);
    player::arrange_in_file_order(&mut p);
    p.press([ENTER]);
    assert!(words(&p).contains("✓ Right."), "{}", p.screen());
    next(&mut p);
    match_pairs(&mut p, &[true, true]);
    p.press([ENTER]);
    assert!(words(&p).contains("✓ Right."), "{}", p.screen());
    next(&mut p);
    assert!(
        words(&p).contains("Score: 7 of 7 points (100%)"),
        "{}",
        p.screen()
    );

    // The course is complete: the outline says so, and c writes the certificate.
    p.press([ESC]);
    assert!(p.screen().contains("Course completed"), "{}", p.screen());
    p.press([ch('c')]);
    let screen = words(&p);
    assert!(
        screen.contains("Certificate written to") && screen.contains("certificates"),
        "{screen}"
    );
    let files: Vec<_> = std::fs::read_dir(data.path().join("certificates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 2, "an HTML page and a text copy");
    let text = std::fs::read_to_string(
        files
            .iter()
            .find(|f| f.extension().unwrap() == "txt")
            .unwrap(),
    )
    .unwrap();
    assert!(
        text.contains("Amina")
            && text.contains("Every question type")
            && text.contains("score of 100%"),
        "{text}"
    );
    let code = text
        .lines()
        .find_map(|l| l.strip_prefix("Verification code: "))
        .unwrap();
    let verified = hatua::certificate::verify(&p.store, code).unwrap();
    assert!(
        matches!(&verified, hatua::certificate::Verification::Valid(r) if r.learner_name == "Amina"),
        "{verified:?}"
    );
}

#[test]
fn a_certificate_is_refused_until_the_course_is_complete() {
    let (mut p, _data) = at_quiz();
    p.press([ESC]);
    p.press([ch('c')]);
    assert!(words(&p).contains("not complete yet"), "{}", p.screen());
}

/// Drawing only looks lines up: every text the question shows was laid out by the update,
/// and again when the terminal changes width.
#[test]
fn a_questions_texts_are_laid_out_before_it_is_drawn() {
    use hatua::tui::quiz_text::{markdown_option, option_width, text_width};
    let (mut p, _data) = at_quiz();
    for width in [80u16, 100] {
        p.act(Action::Resize(width, 24));
        let Screen::Quiz(q) = &p.app.screen else {
            panic!("in the quiz")
        };
        let hatua::tui::quiz::Phase::Asking(run) = &q.phase else {
            panic!("asking")
        };
        let question = run.question(q.quiz()).unwrap();
        let w = text_width(width);
        assert!(
            q.laid.is_prepared(&question.prompt, w),
            "the prompt at {width}"
        );
        assert!(
            q.laid
                .is_prepared(question.explanation.as_deref().unwrap(), w)
        );
        for i in 0..question.kind.option_count() {
            let text = markdown_option(question, i).expect("a choice in Markdown");
            assert!(
                q.laid.is_prepared(text, option_width(w)),
                "option {i} at {width}"
            );
        }
    }
}

/// The learner who types "the CSW." knew the answer: the player marks it right, records it,
/// and shows its feedback. A question written `exact = true` still wants its answer as
/// written: the full stop after a document symbol makes it wrong.
#[test]
fn a_typed_answer_is_forgiven_its_article_and_full_stop_unless_the_question_is_exact() {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.library = fixture_library(&["typed-answers"]);
    p.sign_in("Amina");
    p.press([ENTER, ENTER, ENTER]);
    assert!(p.screen().contains("Question 1 of 2"), "{}", p.screen());
    p.type_text("the CSW.");
    p.press([ENTER]);
    let screen = words(&p);
    assert!(screen.contains("✓ Right."), "{}", p.screen());
    assert!(
        screen.contains("Yes: the Commission on the Status of Women."),
        "{}",
        p.screen()
    );
    // Forgiven, she still sees how the answer is written.
    assert!(screen.contains("Accepted as: CSW"), "{}", p.screen());
    next(&mut p);
    p.type_text("A/RES/48/104.");
    p.press([ENTER]);
    let screen = words(&p);
    assert!(screen.contains("✗ Not right."), "{}", p.screen());
    assert!(
        screen.contains("Right answers: A/RES/48/104"),
        "{}",
        p.screen()
    );
    next(&mut p);
    assert!(
        words(&p).contains("Score: 1 of 2 points (50%)"),
        "{}",
        p.screen()
    );
    // What was recorded is what she typed, graded as shown.
    let learner = p.learner_id();
    let attempts = p
        .store
        .attempts(&learner, "typed-answers", "typed")
        .unwrap();
    let answers = p.store.answers(&learner, &attempts[0].id).unwrap();
    let recorded: Vec<(&str, bool)> = answers
        .iter()
        .map(|a| (a.response.as_str(), a.correct))
        .collect();
    assert_eq!(
        recorded,
        [("text:the CSW.", true), ("text:A/RES/48/104.", false)]
    );
}

/// Answers the first six questions of the all-types quiz (the city typed as `city`), up to
/// the match question, the last.
fn to_the_match_question(p: &mut Player, city: &str) {
    p.press([digit(0), ENTER, ENTER]);
    p.press([digit(0), ENTER, ENTER]);
    p.press([digit(1), ENTER, ENTER]);
    p.type_text(city);
    p.press([ENTER, ENTER]);
    p.type_text("1");
    p.press([ENTER, ENTER, ENTER, ENTER]);
    assert!(p.screen().contains("Question 7 of 7"), "{}", p.screen());
}

/// On a short screen in French, the message asking for every match shows whole under the
/// answers, where it used to run below the screen's last row.
#[test]
fn the_message_under_the_answers_shows_whole_on_a_short_screen() {
    let (mut p, _data) = at_quiz();
    to_the_match_question(&mut p, "x");
    p.app.apply_preferences(Some("fr"), None);
    p.act(Action::Resize(60, 20));
    p.press([ENTER]);
    assert!(
        words(&p).contains(
            "Choisissez une correspondance pour chaque élément (← → ou un numéro) avant Enter."
        ),
        "{}",
        p.screen()
    );
}

/// The results list says right, partly or wrong in words beside each mark, in every
/// language: the marks alone are lost on a console font without them, and to a screen
/// reader.
#[test]
fn each_result_carries_its_word_beside_its_mark() {
    let (mut p, _data) = at_quiz();
    to_the_match_question(&mut p, "Beijing");
    match_pairs(&mut p, &[true, true]);
    p.press([ENTER, ENTER]);
    let languages = [
        ("en", ["✓ right", "◐ partly", "✗ wrong"]),
        ("fr", ["✓ juste", "◐ en partie", "✗ faux"]),
        ("es", ["✓ correcta", "◐ en parte", "✗ incorrecta"]),
    ];
    for ((lang, words), size) in languages
        .into_iter()
        .flat_map(|l| [(l, (80, 24)), (l, (60, 20))])
    {
        p.app.apply_preferences(Some(lang), None);
        p.act(Action::Resize(size.0, size.1));
        let screen = p.screen();
        let rows: Vec<&str> = screen
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with(['✓', '◐', '✗']))
            // A question's row, "✗ wrong   1. Which year…", not the verdict above them.
            .filter(|l| {
                l.split_whitespace().any(|w| {
                    w.strip_suffix('.')
                        .is_some_and(|n| n.parse::<u32>().is_ok())
                })
            })
            .collect();
        assert_eq!(rows.len(), 7, "{screen}");
        // One row each: a long prompt is cut, never wrapped under the next mark.
        let lines: Vec<&str> = screen.lines().map(str::trim_start).collect();
        let first = lines.iter().position(|l| *l == rows[0]).unwrap();
        assert_eq!(
            &lines[first..first + 7],
            &rows[..],
            "{lang} {size:?}:\n{screen}"
        );
        for row in &rows {
            assert!(words.iter().any(|w| row.starts_with(w)), "{lang}: {row:?}");
        }
        // The numbers line up whatever the word.
        let column = |r: &str| r.chars().position(|c| c.is_ascii_digit());
        let columns: Vec<Option<usize>> = rows.iter().map(|r| column(r)).collect();
        assert!(
            columns.windows(2).all(|w| w[0] == w[1]),
            "{lang}: {columns:?}\n{screen}"
        );
    }
}
