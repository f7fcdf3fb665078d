//! The courses that ship: every one in `courses/` validates with no error and no warning,
//! every question explains itself, every wrong choice teaches, and each course's quizzes
//! use at least four kinds of question.

use std::collections::BTreeSet;
use std::path::Path;

use hatua::course::{self, DirSource, ItemKind};
use hatua::quiz::QuestionKind;

fn course_dirs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("courses");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn three_courses_ship_and_each_validates_without_a_single_warning() {
    let dirs = course_dirs();
    assert!(
        dirs.len() >= 3,
        "the key concepts, CEDAW and Beijing courses: {dirs:?}"
    );
    for dir in dirs {
        let loaded = course::load(&DirSource::new(&dir));
        let problems: Vec<String> = loaded.diagnostics.iter().map(|d| d.render()).collect();
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            dir.display(),
            problems.join("\n")
        );
        assert!(loaded.course.is_some());
    }
}

#[test]
fn every_question_explains_and_every_wrong_choice_teaches() {
    for dir in course_dirs() {
        let course = course::load(&DirSource::new(&dir)).course.expect("valid");
        let mut kinds = BTreeSet::new();
        let mut quizzes = 0;
        for item in course.items() {
            let ItemKind::Quiz(quiz) = &item.kind else {
                continue;
            };
            quizzes += 1;
            for q in &quiz.questions {
                let at = format!("{} / {} / {}", course.id, quiz.id, q.id);
                kinds.insert(q.kind.name());
                assert!(
                    q.explanation
                        .as_deref()
                        .is_some_and(|e| e.trim().len() > 20),
                    "{at}: no explanation"
                );
                match &q.kind {
                    QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
                        for c in choices.iter().filter(|c| !c.correct) {
                            let fb = c.feedback.as_deref().unwrap_or("");
                            assert!(
                                fb.trim().len() > 20,
                                "{at}: the wrong choice “{}” has no feedback that teaches",
                                c.text
                            );
                        }
                    }
                    QuestionKind::TrueFalse {
                        answer,
                        feedback_true,
                        feedback_false,
                    } => {
                        let wrong = if *answer {
                            feedback_false
                        } else {
                            feedback_true
                        };
                        assert!(
                            wrong.as_deref().is_some_and(|f| f.trim().len() > 20),
                            "{at}: no feedback for the wrong value"
                        );
                    }
                    _ => {}
                }
            }
        }
        assert!(quizzes >= 2, "{}: at least two quizzes", course.id);
        assert!(
            kinds.len() >= 4,
            "{}: at least four question types, has {kinds:?}",
            course.id
        );
    }
}

#[test]
fn lessons_read_well_at_80_columns_and_end_with_reflection_and_sources() {
    for dir in course_dirs() {
        let course = course::load(&DirSource::new(&dir)).course.expect("valid");
        for item in course.items() {
            let ItemKind::Lesson(lesson) = &item.kind else {
                continue;
            };
            let at = format!("{} / {}", course.id, item.id);
            let text = &lesson.markdown;
            assert!(text.contains("## Reflect"), "{at}: no Reflect section");
            let reflect = text.find("## Reflect").unwrap();
            let sources = text.find("## Sources").expect("a Sources section");
            assert!(reflect < sources, "{at}: Sources come last");
            // Laid out at 78 columns (80 minus the margins), nothing is cut.
            let lines = hatua::course::markdown::Document::parse(text)
                .layout(78, &hatua::course::markdown::MdStyles::default());
            for l in &lines {
                let width: usize = l
                    .spans
                    .iter()
                    .map(|s| unicode_width::UnicodeWidthStr::width(s.content.as_ref()))
                    .sum();
                assert!(width <= 78, "{at}: a line wider than the screen");
            }
            // No table row in the source is wider than a terminal.
            for row in text.lines().filter(|l| l.trim_start().starts_with('|')) {
                assert!(row.chars().count() <= 76, "{at}: a wide table row: {row}");
            }
        }
    }
}
