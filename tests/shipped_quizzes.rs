//! Every quiz that ships, taken through the player: failed once with wrong answers, then
//! passed with right ones, so no course holds a quiz a learner cannot pass.

mod player;

use hatua::course::ItemKind;
use hatua::library::Library;
use hatua::quiz::{QuestionKind, grade::matching_text};
use hatua::store::Store;
use hatua::tui::quiz::Phase;
use hatua::tui::screen::Screen;
use player::*;

/// The current question and how its options are shown.
fn current(p: &Player) -> Option<(hatua::quiz::Question, Vec<usize>)> {
    let Screen::Quiz(q) = &p.app.screen else {
        return None;
    };
    let Phase::Asking(run) = &q.phase else {
        return None;
    };
    let question = run.question(q.quiz())?.clone();
    Some((
        question,
        run.plan.questions[run.current].option_order.clone(),
    ))
}

/// Answers the current question rightly (`right`) or wrongly.
fn answer(p: &mut Player, right: bool) {
    let (q, shown) = current(p).expect("a question");
    let at = |orig: usize| shown.iter().position(|&o| o == orig).unwrap();
    match &q.kind {
        QuestionKind::Single { choices } => {
            let i = choices.iter().position(|c| c.correct == right).unwrap();
            p.press([digit(at(i))]);
        }
        QuestionKind::Multiple { choices } => {
            for (i, c) in choices.iter().enumerate() {
                if c.correct == right {
                    p.press([digit(at(i))]);
                }
            }
        }
        QuestionKind::TrueFalse { answer, .. } => {
            let value = if right { *answer } else { !*answer };
            p.press([digit(if value { 0 } else { 1 })]);
        }
        QuestionKind::Text { answers, matching } => {
            let text = if right {
                answers
                    .iter()
                    .find(|a| a.weight >= 100.0)
                    .unwrap()
                    .text
                    .clone()
            } else {
                let guess = "definitely not the answer".to_string();
                assert!(matching_text(answers, *matching, &guess).is_none());
                guess
            };
            p.type_text(&text);
        }
        QuestionKind::Number { answers } => {
            let a = answers.iter().find(|a| a.weight >= 100.0).unwrap();
            let n = if right {
                (a.min + a.max) / 2.0
            } else {
                -987_654.0
            };
            p.type_text(&n.to_string());
        }
        QuestionKind::Order { .. } => {
            if right {
                player::arrange_in_file_order(p);
            }
            // Wrong: as shown, which the plan never makes already solved.
        }
        QuestionKind::Match { pairs, .. } => {
            for row in 0..pairs.len() {
                // Wrong: every row gets the partner of the next row.
                let partner = if right { row } else { (row + 1) % pairs.len() };
                p.press([digit(at(partner))]);
            }
        }
    }
    p.press([ENTER]);
    let screen = p.screen();
    assert!(screen.contains("Answer saved"), "{}: {screen}", q.id);
    p.press([ENTER]);
}

#[test]
fn every_shipped_quiz_can_be_failed_and_then_passed() {
    let library = Library::load(None);
    let mut quizzes = 0;
    for course in library.ready() {
        for (index, item) in course.items().enumerate() {
            let ItemKind::Quiz(quiz) = &item.kind else {
                continue;
            };
            quizzes += 1;
            let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
            p.app.library = Library::load(None);
            p.sign_in("Walker");
            let course_id = course.id.clone();
            let effects = p.app.goto(hatua::tui::app::Goto::Item { course_id, index });
            p.run(effects);
            for right in [false, true] {
                // From the intro (first time) or the result (retry): start an attempt.
                p.press([if right { ch('r') } else { ENTER }]);
                while current(&p).is_some() {
                    answer(&mut p, right);
                }
                let screen = p.screen();
                let verdict = if right {
                    "✓ Passed"
                } else {
                    "✗ Not passed yet"
                };
                assert!(
                    screen.contains(verdict),
                    "{} / {}: {screen}",
                    course.id,
                    quiz.id
                );
            }
        }
    }
    assert!(quizzes >= 8, "every shipped quiz was taken: {quizzes}");
}
