//! A lesson: Markdown parsed once and laid out at the widths a terminal gives it, front
//! matter and all as a course's lesson file, and counted for the readability report.
#![no_main]

use hatua::course::markdown::{Document, MdStyles};
use hatua::course::readability;
use hatua_fuzz::{MINIMAL, exercise, load_both, source_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let styles = MdStyles::default();
    let text = String::from_utf8_lossy(data);
    // Raw, as a question's prompt or an option is laid out.
    let doc = Document::parse(&text);
    for width in [1, 24, 78] {
        let lines = doc.layout(width, &styles);
        for line in &lines {
            assert!(
                line.width() <= usize::from(width),
                "a line of {} cells laid out for {width}",
                line.width()
            );
        }
    }
    let _ = doc.first_heading();
    let counts = readability::counts(&text);
    let _ = (counts.grade(), counts.words_per_sentence());

    // As a lesson file of a course: front matter, cleaning, then the same layout.
    let source = source_with(MINIMAL, "lessons/first.md", data);
    if let Err(e) = hatua::course::load::load_item(&source, "lessons/first.md") {
        let _ = e.render();
    }
    if let Some(course) = load_both(&source) {
        exercise(&source, &course);
    }
});
