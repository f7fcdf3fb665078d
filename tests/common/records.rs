//! Records made as a learner makes them, through the store, for the export, merge and
//! report tests: lessons read, attempts at the `minimal` fixture's quiz, certificates.

use std::path::Path;

use hatua::course::{self, Course, DirSource, ItemKind};
use hatua::quiz::grade::{Response, grade};
use hatua::quiz::{AttemptPlan, passes};
use hatua::store::{LearnerId, Store};

/// The `minimal` fixture as a course.
pub fn minimal() -> Course {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    course::load(&DirSource::new(&dir))
        .course
        .expect("the fixture is valid")
}

/// A learner reads every lesson of the course to its end.
pub fn read_lessons(store: &mut Store, learner: &LearnerId, course: &Course) {
    for item in course.items() {
        if let ItemKind::Lesson(l) = &item.kind {
            store
                .mark_read(learner, &course.id, &item.id, &l.content_hash())
                .unwrap();
        }
    }
}

/// One finished attempt at the course's quiz `quiz_id`, each question answered with the
/// response `pick` gives it (by question id).
pub fn attempt(
    store: &mut Store,
    learner: &LearnerId,
    course: &Course,
    quiz_id: &str,
    pick: impl Fn(&str) -> Response,
) -> bool {
    let ItemKind::Quiz(quiz) = &course.items().find(|i| i.id == quiz_id).unwrap().kind else {
        panic!("{quiz_id} is not a quiz")
    };
    let plan = AttemptPlan::new(quiz, 1);
    let id = store
        .start_attempt(
            learner,
            &course.id,
            &course.version,
            quiz_id,
            1,
            &plan.to_record(),
        )
        .unwrap();
    let (mut score, mut max) = (0.0, 0.0);
    for q in &quiz.questions {
        let r = pick(&q.id);
        let g = grade(q, &r);
        score += g.score.get();
        max += g.max.get();
        store
            .record_answer(
                learner,
                &id,
                &q.id,
                &r.to_record(),
                g.score,
                g.max,
                g.is_correct(),
            )
            .unwrap();
    }
    let passed = passes(score, max, quiz.pass_mark);
    store
        .finish_attempt(
            learner,
            &id,
            hatua::quiz::Points::new(score).unwrap(),
            hatua::quiz::Points::new(max).unwrap(),
            passed,
        )
        .unwrap();
    passed
}

/// Right answers to the `minimal` quiz.
pub fn right(question: &str) -> Response {
    match question {
        "pick-b" => Response::Choice(1),
        "vowels" => Response::Choices(vec![0, 2]),
        _ => Response::Bool(false),
    }
}

/// Wrong answers to the `minimal` quiz: a for b, b as a vowel, the sky green.
pub fn wrong(question: &str) -> Response {
    match question {
        "pick-b" => Response::Choice(0),
        "vowels" => Response::Choices(vec![1]),
        _ => Response::Bool(true),
    }
}
