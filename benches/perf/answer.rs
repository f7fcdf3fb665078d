//! Enter on a chosen answer until "Answer saved" is on the screen: the key through the
//! keymap, the durable write of the answer, the feedback and the frame. Against one write
//! and fsync of a small file on the same disk, measured in the same run.

use std::io::Write;
use std::path::Path;

use hatua::bundle::TrustStore;
use hatua::library::Library;
use hatua::store::Store;
use hatua::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use super::drive::{act, draw};
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
    let source = tmp.join("answer-course");
    std::fs::create_dir_all(source.join("quizzes")).unwrap();
    std::fs::write(source.join("quizzes/q.toml"), quiz()).unwrap();
    std::fs::write(
        source.join("course.toml"),
        "format = 1\nid = \"answers\"\nversion = \"1.0.0\"\ntitle = \"AAA answers\"\n\
         [[modules]]\nid = \"m\"\ntitle = \"M\"\nitems = [\"quizzes/q.toml\"]\n",
    )
    .unwrap();
    let data = tmp.join("answer-data");
    super::imported(&data, &source, trust);

    let mut store = Store::open(&data.join("hatua.db")).unwrap();
    let mut app = App::new(Library::load(Some(&data)), (80, 24), 1);
    app.data_dir = Some(data.clone());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    // Name, create, open the course, open the quiz; then whatever stands before question 1.
    act(
        &mut app,
        &mut store,
        "Bench"
            .chars()
            .map(KeyCode::Char)
            .chain([KeyCode::Enter; 4]),
    );
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

    let mut f = std::fs::File::create(data.join("fsync-probe")).unwrap();
    let fsync = spread(300, || {
        f.write_all(b"0123456789abcdef").unwrap();
        f.sync_all().unwrap()
    });
    (answer, fsync)
}
