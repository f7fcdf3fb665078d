//! `course.toml`, as the validator and the player read it, with the fixtures' lessons and
//! quizzes there for it to list; a course that loads is then opened item by item and used.
#![no_main]

use hatua_fuzz::{every_fixture_file, exercise, load_both, source_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = source_with(every_fixture_file(), "course.toml", data);
    if let Some(course) = load_both(&source) {
        exercise(&source, &course);
    }
});
