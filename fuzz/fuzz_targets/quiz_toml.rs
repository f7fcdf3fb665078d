//! A quiz file in Hatua's TOML format, in place of the minimal course's quiz: loaded with the
//! course and on its own, then planned, answered in every shape and graded.
#![no_main]

use hatua_fuzz::{MINIMAL, exercise, load_both, source_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = source_with(MINIMAL, "quizzes/check.toml", data);
    // The item alone, as an installed course opens it: an error is fine, a panic is not.
    if let Err(e) = hatua::course::load::load_item(&source, "quizzes/check.toml") {
        let _ = e.render();
    }
    if let Some(course) = load_both(&source) {
        exercise(&source, &course);
    }
});
