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

/// A site whose `learners` each finished `attempts` attempts of `questions` questions at the
/// `minimal` course's quiz, written in one go into `data`'s database, as this desk's own
/// learners (no site of origin).
pub fn generated_site(data: &Path, learners: usize, attempts: usize, questions: usize) {
    use hatua::store::harvest::{AnswerRow, AttemptRow, Harvest, LearnerRow, ResultRow, SiteRow};

    let id = |kind: u128, n: usize| uuid::Uuid::from_u128((kind << 96) | n as u128).to_string();
    let mut h = Harvest::default();
    for l in 0..learners {
        h.learners.push(LearnerRow {
            id: id(1, l),
            name: format!("Learner {l}"),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            last_seen_at: None,
            archived_at: None,
        });
        for a in 0..attempts {
            let attempt = id(2, l * attempts + a);
            for q in 0..questions {
                h.answers.push(AnswerRow {
                    id: id(3, (l * attempts + a) * questions + q),
                    attempt_id: attempt.clone(),
                    learner_id: id(1, l),
                    course_id: "minimal".into(),
                    quiz_id: "check".into(),
                    question_id: format!("q{q}"),
                    response: "choice:1".into(),
                    score: 1.0,
                    max_score: 1.0,
                    correct: true,
                    answered_at: "2026-01-02T00:00:00.000Z".into(),
                });
            }
            h.attempts.push(AttemptRow {
                id: attempt,
                learner_id: id(1, l),
                course_id: "minimal".into(),
                course_version: "1.0.0".into(),
                quiz_id: "check".into(),
                seed: 1,
                plan: "[]".into(),
                started_at: "2026-01-02T00:00:00.000Z".into(),
                result: Some(ResultRow {
                    score: questions as f64,
                    max_score: questions as f64,
                    passed: true,
                    finished_at: "2026-01-02T00:00:00.000Z".into(),
                }),
            });
        }
    }
    let db = data.join("hatua.db");
    let mut store = Store::open(&db).unwrap();
    let site = SiteRow {
        id: "generator".into(),
        name: "generator".into(),
        public_key: "0".repeat(64),
    };
    store
        .merge_harvest(&site, "generated", "generated", &h)
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE learners SET site_id = NULL; DELETE FROM sites; DELETE FROM merges;",
    )
    .unwrap();
}

/// The files in `drive` that look like exports (hidden temporary files aside), by name.
pub fn exports_on(drive: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(drive)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().to_string();
                    !name.starts_with('.') && name.ends_with(".hatua-records.zip")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The all-types fixture course (installed in `data` by the caller), and a learner called
/// `name` who read its lessons and answered each of its seven question types in one attempt.
pub fn every_type_answered(store: &mut Store, name: &str) -> LearnerId {
    let course = hatua::course::load(&hatua::course::DirSource::new(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/all-types"),
    ))
    .course
    .unwrap();
    let learner = store.add_learner(name, None).unwrap();
    read_lessons(store, &learner.id, &course);
    let answer = |q: &str| match q {
        "single" => Response::Choice(1),
        "multiple" => Response::Choices(vec![0, 1]),
        "truefalse" => Response::Bool(true),
        "text" => Response::Text("Peking".into()),
        "number" => Response::Number(12.0),
        "order" => Response::Order(vec![0, 1, 2]),
        _ => Response::Match(vec![Some(0), Some(2)]),
    };
    attempt(store, &learner.id, &course, "types", answer);
    learner.id
}
