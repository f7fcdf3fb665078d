//! What the fuzz targets share: the fixture courses a fuzzed file is dropped into, loading a
//! course the ways Hatua does, and using what was loaded as the player would.
//!
//! The targets call the library's own entry points; nothing here re-implements a reader.
//! Where two paths through the library must agree (the validator and the player, a course
//! loaded whole and an item opened on its own), the agreement is asserted: a difference is a
//! bug a learner would meet as a course that validates but does not play.

use hatua::bundle::MemorySource;
use hatua::course::markdown::{Document, MdStyles};
use hatua::course::{self, Course, ItemKind};
use hatua::quiz::grade::{Response, feedback, grade};
use hatua::quiz::{AttemptPlan, Question, QuestionKind};

/// A fixture's files, embedded when the targets are built so every run sees the same ones.
macro_rules! fixture {
    ($root:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../tests/fixtures/", $root, "/", $path)) as &[u8])),*]
    };
}

pub type Files = &'static [(&'static str, &'static [u8])];

/// Two lessons and a quiz of the common question types.
pub const MINIMAL: Files = fixture!("minimal":
    "course.toml", "lessons/first.md", "lessons/second.md", "quizzes/check.toml");

/// A lesson and a quiz with one question of each type.
pub const ALL_TYPES: Files = fixture!("all-types":
    "course.toml", "lessons/intro.md", "quizzes/types.toml");

/// A lesson and two GIFT quizzes, one with settings in course.toml.
pub const GIFT_COURSE: Files = fixture!("gift/course":
    "course.toml", "lessons/intro.md", "quizzes/basics.gift", "quizzes/more-practice.gift");

/// The files of `base`, with `path` holding `bytes` instead (or as well, when `base` has
/// no such file).
pub fn source_with(base: Files, path: &str, bytes: &[u8]) -> MemorySource {
    let files = base
        .iter()
        .filter(|(p, _)| *p != path)
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .chain(std::iter::once((path.to_string(), bytes.to_vec())));
    MemorySource::new("fuzz", files)
}

/// Loads the bundle as `hatua validate` does (every check) and as the player does, renders
/// every diagnostic, and returns the course the player would show.
///
/// What the validator accepts, the player must accept, as the same course: the player may
/// skip the author's checks, never the other way round.
pub fn load_both(source: &MemorySource) -> Option<Course> {
    let authoring = course::load(source);
    for d in &authoring.diagnostics {
        let _ = d.render();
        let _ = d.headline();
    }
    let playing = course::load_for_play(source);
    for d in &playing.diagnostics {
        let _ = d.render();
    }
    if let Some(validated) = &authoring.course {
        assert_eq!(
            Some(as_played(validated)),
            playing.course,
            "the validator accepted a course the player reads otherwise"
        );
    }
    playing.course
}

/// The course as the player loads it: without what only an author is told, where each
/// translation stands against its source (`Rendition::followed`), which the player never reads.
fn as_played(validated: &Course) -> Course {
    let mut course = validated.clone();
    let renditions = std::sync::Arc::make_mut(&mut course.renditions);
    for rendition in &mut renditions.all {
        rendition.followed.clear();
    }
    course
}

/// Uses a loaded course as the player does: every item opened on its own (as an installed
/// course's items are), every lesson laid out, every quiz planned, answered and graded.
pub fn exercise(source: &MemorySource, course: &Course) {
    let styles = MdStyles::default();
    for item in course.items() {
        // An installed course reads each item when it is opened: it must be the item the
        // whole course was validated with.
        match course::load::load_item(source, &item.path) {
            Ok(alone) => assert_eq!(&alone, item, "{} opened alone differs", item.path),
            Err(e) => panic!(
                "{} loaded with the course, not alone: {}",
                item.path,
                e.render()
            ),
        }
        match &item.kind {
            ItemKind::Lesson(lesson) => {
                let doc = Document::parse(&lesson.markdown);
                let _ = doc.layout(78, &styles);
                let _ = doc.first_heading();
            }
            ItemKind::Quiz(quiz) => {
                for seed in [0, 7] {
                    let plan = AttemptPlan::new(quiz, seed);
                    let record = plan.to_record();
                    assert_eq!(AttemptPlan::from_record(&record).as_ref(), Some(&plan));
                    for planned in &plan.questions {
                        let q = quiz.question(&planned.id).expect("planned from the quiz");
                        answer_every_way(q);
                    }
                }
                let _ = quiz.total_points();
            }
        }
    }
}

/// Grades a question against responses of every shape, right or wrong, and checks what a
/// grade promises: finite, between nothing and the question's points; and that every
/// response survives being recorded and read back.
pub fn answer_every_way(q: &Question) {
    let n = q.kind.option_count();
    let mut responses = vec![
        Response::Choice(0),
        Response::Choice(n),
        Response::Choices((0..n).collect()),
        Response::Choices(vec![n + 3, 0]),
        Response::Bool(true),
        Response::Bool(false),
        Response::Text(String::new()),
        Response::Number(0.0),
        Response::Number(f64::MAX),
        Response::Order((0..n).collect()),
        Response::Order((0..n).rev().collect()),
        Response::Match((0..n).map(Some).collect()),
        Response::Match(vec![None; n]),
    ];
    match &q.kind {
        QuestionKind::Text { answers, .. } => {
            responses.extend(answers.iter().map(|a| Response::Text(a.text.clone())));
        }
        QuestionKind::Number { answers } => {
            for a in answers {
                responses.push(Response::Number(a.min));
                responses.push(Response::Number(a.max));
            }
        }
        _ => {}
    }
    for r in &responses {
        let g = grade(q, r);
        let (score, max) = (g.score.get(), g.max.get());
        assert!(score.is_finite() && max.is_finite(), "{r:?}: {score}/{max}");
        assert!(
            (0.0..=max + 1e-9).contains(&score),
            "{r:?} scored {score} of {max}"
        );
        let _ = feedback(q, r);
        let record = r.to_record();
        assert_eq!(Response::from_record(&record).as_ref(), Some(r), "{record}");
    }
}

/// Every fixture file above under its own path (the minimal course's course.toml and
/// lesson where two share a path), so a fuzzed outline can list any of them.
pub fn every_fixture_file() -> Files {
    static FILES: std::sync::OnceLock<Vec<(&str, &[u8])>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let mut files = MINIMAL.to_vec();
        for (path, bytes) in ALL_TYPES.iter().chain(GIFT_COURSE) {
            if !files.iter().any(|(p, _)| p == path) {
                files.push((path, bytes));
            }
        }
        files
    })
}
