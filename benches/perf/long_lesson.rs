//! A 20,000-line lesson (within the 2 MiB a lesson may have): how long from Enter on it in
//! the outline to its first screen, and how long each frame takes while the learner scrolls.
//! Installed as a site installs it, so opening reads and checks the file against the
//! manifest as the player does.

use std::path::Path;

use hatua::bundle::TrustStore;
use hatua::tui::screen::Screen;
use ratatui::crossterm::event::KeyCode;

use super::drive::{AtCourse, act, at_course, draw};
use super::{PARAGRAPH, spread};

/// Laid-out lines the lesson has at 80 columns, at least.
const LINES: usize = 20_000;

/// A paragraph, then a tight list of short points: about 60 bytes a line, so 20,000 lines
/// stay within a lesson's 2 MiB.
fn block() -> String {
    let mut text = String::from(PARAGRAPH);
    for n in 1..=24 {
        text.push_str(&format!(
            "- Point {n}: rights, duties and chances for all\n"
        ));
    }
    text.push('\n');
    text
}

fn lesson_text() -> String {
    let theme = hatua::tui::theme::Theme::default().markdown;
    let per_block = hatua::course::markdown::Document::parse(&block())
        .layout(78, &theme)
        .len();
    let text = block().repeat(LINES.div_ceil(per_block) + 1);
    format!("# A long lesson\n\n{text}## Sources\n\n- Generated for benchmarks.\n")
}

pub fn run(tmp: &Path, trust: &TrustStore) {
    let text = lesson_text();
    let AtCourse {
        mut app,
        mut store,
        mut terminal,
    } = at_course(tmp, "long", "lessons/long.md", &text, trust);

    // Enter on the lesson until its first screen is drawn; Esc back to the outline between.
    let mut shown = String::new();
    let mut lines = 0;
    let open = spread(11, || {
        act(&mut app, &mut store, [KeyCode::Enter]);
        shown = draw(&mut terminal, &app);
        if let Screen::Lesson(lesson) = &app.screen {
            lines = lesson.lines().len();
        }
        act(&mut app, &mut store, [KeyCode::Esc]);
    });
    assert!(
        shown.contains("A long lesson"),
        "the lesson did not open:\n{shown}"
    );
    assert!(lines >= LINES, "the lesson has {lines} lines:\n{shown}");
    println!(
        "open a {lines}-line lesson ({} KB)  {open:>24}   (Enter to first frame; target < 100 ms)",
        text.len() / 1024
    );

    // Scrolling: a line at a time (a held arrow) and a page at a time, one frame each.
    act(&mut app, &mut store, [KeyCode::Enter]);
    let line = spread(400, || {
        act(&mut app, &mut store, [KeyCode::Down]);
        draw(&mut terminal, &app)
    });
    let page = spread(400, || {
        act(&mut app, &mut store, [KeyCode::PageDown]);
        draw(&mut terminal, &app)
    });
    let end = spread(50, || {
        act(&mut app, &mut store, [KeyCode::End]);
        draw(&mut terminal, &app);
        act(&mut app, &mut store, [KeyCode::Home]);
        draw(&mut terminal, &app)
    });
    let deep = draw(&mut terminal, &app);
    assert!(
        deep.contains("A long lesson"),
        "Home went back to the top:\n{deep}"
    );
    println!("scroll that lesson, a line a frame  {line:>24}   (target < 2 ms)");
    println!("scroll that lesson, a page a frame  {page:>24}   (target < 2 ms)");
    println!("End then Home, two frames          {end:>24}");
}
