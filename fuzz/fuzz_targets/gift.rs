//! A Moodle GIFT file: as a course's quiz with settings from course.toml (loaded with the
//! course and on its own, then answered and graded), and through `hatua gift2toml`, whose
//! TOML must load back as the same quiz (its documented promise).
#![no_main]

use hatua::course::gift::{self, GiftSettings};
use hatua::course::{Diagnostics, ItemKind};
use hatua_fuzz::{GIFT_COURSE, MINIMAL, exercise, load_both, source_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = source_with(GIFT_COURSE, "quizzes/basics.gift", data);
    if let Some(course) = load_both(&source) {
        exercise(&source, &course);
    }

    // gift2toml reads UTF-8 text no larger than a quiz may be.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.len() > hatua::course::load::MAX_TEXT_BYTES {
        return;
    }
    let mut d = Diagnostics::new();
    let read = gift::read_as(
        "check",
        "check.gift",
        text,
        &GiftSettings::default(),
        &mut d,
    );
    let Some(converted) =
        read.filter(|g| !d.has_errors() && gift::fits_as_toml(g, "check.gift", &mut d))
    else {
        return;
    };
    let toml = gift::to_toml(&converted, "check.gift");
    let as_toml = source_with(MINIMAL, "quizzes/check.toml", toml.as_bytes());
    let loaded = hatua::course::load(&as_toml);
    let Some(course) = loaded.course else {
        let errors: Vec<_> = loaded.errors().map(|e| e.render()).collect();
        panic!(
            "gift2toml wrote a quiz that does not load:\n{}\n{toml}",
            errors.join("\n")
        );
    };
    let quiz = course
        .items()
        .find_map(|i| match &i.kind {
            ItemKind::Quiz(q) => Some(q),
            ItemKind::Lesson(_) => None,
        })
        .expect("the minimal course has its quiz");
    assert_eq!(quiz, &converted.quiz, "gift2toml changed the quiz:\n{toml}");
});
