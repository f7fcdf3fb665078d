//! Enter on a chosen answer until "Answer saved" is on the screen: the key through the
//! keymap, the durable write of the answer, the feedback and the frame. Against one write
//! and fsync of a small file on the same disk, measured in the same run.

use std::io::Write;
use std::path::Path;

use hatua::bundle::TrustStore;
use ratatui::crossterm::event::KeyCode;

use super::drive::{AtCourse, act, at_course, draw};
use super::{Spread, spread};

/// Questions in the quiz: one timed answer each.
const QUESTIONS: usize = 300;

fn quiz() -> String {
    let mut quiz = String::from("id = \"q\"\ntitle = \"Quiz\"\npass_mark = 60\n");
    for q in 0..QUESTIONS {
        quiz.push_str(&format!(
            "\n[[questions]]\nid = \"q{q}\"\ntype = \"single\"\nprompt = \"Question {q}?\"\n\
             [[questions.choices]]\ntext = \"right\"\ncorrect = true\n\
             [[questions.choices]]\ntext = \"wrong\"\n"
        ));
    }
    quiz
}

/// The median answer and the median write+fsync.
pub fn run(tmp: &Path, trust: &TrustStore) -> (Spread, Spread) {
    let AtCourse {
        mut app,
        mut store,
        mut terminal,
    } = at_course(tmp, "answers", "quizzes/q.toml", &quiz(), trust);
    // Open the quiz; then whatever stands before question 1.
    act(&mut app, &mut store, [KeyCode::Enter]);
    for _ in 0..3 {
        if draw(&mut terminal, &app).contains("Question 1 of") {
            break;
        }
        act(&mut app, &mut store, [KeyCode::Enter]);
    }
    let first = draw(&mut terminal, &app);
    assert!(first.contains("Question 1 of"), "not at the quiz:\n{first}");

    let mut samples = Vec::with_capacity(QUESTIONS);
    for _ in 1..QUESTIONS {
        // Choosing is not timed: it writes nothing.
        act(&mut app, &mut store, [KeyCode::Char('1')]);
        let start = std::time::Instant::now();
        act(&mut app, &mut store, [KeyCode::Enter]);
        let shown = draw(&mut terminal, &app);
        samples.push(start.elapsed());
        assert!(shown.contains("Answer saved"), "not saved:\n{shown}");
        // On to the next question, untimed.
        act(&mut app, &mut store, [KeyCode::Enter]);
    }
    let answer = Spread::of(samples);

    let data = app.data_dir.clone().expect("a data folder");
    let mut f = std::fs::File::create(data.join("fsync-probe")).unwrap();
    let fsync = spread(300, || {
        f.write_all(b"0123456789abcdef").unwrap();
        f.sync_all().unwrap()
    });
    (answer, fsync)
}
