//! Pure rules about a learner's progress: what completing a course takes, and how far along
//! a learner is. No I/O: the statuses come in, the answer goes out.

use crate::course::{Course, ItemKind};
use crate::store::ItemStatus;

/// How far a learner is with a course's requirements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourseProgress {
    /// Items the course's completion rule asks for.
    pub required: usize,
    /// Of those, how many the learner has finished (lessons read, quizzes passed).
    pub finished: usize,
}

impl CourseProgress {
    pub fn complete(&self) -> bool {
        self.finished >= self.required
    }

    /// 0.0–1.0; a course that requires nothing counts as complete.
    pub fn fraction(&self) -> f64 {
        if self.required == 0 {
            1.0
        } else {
            self.finished as f64 / self.required as f64
        }
    }
}

/// Whether an item counts toward completion, under the course's `[completion]` rule.
pub fn is_required(course: &Course, item: &crate::course::Item) -> bool {
    match &item.kind {
        ItemKind::Lesson(_) => course.completion.lessons,
        ItemKind::Quiz(_) => course
            .completion
            .quizzes
            .as_ref()
            .is_none_or(|ids| ids.contains(&item.id)),
    }
}

/// What completing `course` takes: each required item, and the status that counts as done
/// for it (a lesson read, a quiz passed). [`course_progress`] counts by it; the board and
/// the reports hand it to the store to count many learners at once.
pub fn requirements(course: &Course) -> Vec<crate::store::tally::Required> {
    course
        .items()
        .filter(|i| is_required(course, i))
        .map(|i| crate::store::tally::Required {
            course_id: course.id.clone(),
            item_id: i.id.clone(),
            status: done_status(&i.kind),
        })
        .collect()
}

/// The status that counts an item as done.
fn done_status(kind: &ItemKind) -> ItemStatus {
    match kind {
        ItemKind::Lesson(_) => ItemStatus::Done,
        ItemKind::Quiz(_) => ItemStatus::Passed,
    }
}

/// The learner's progress, given each item's status by id.
pub fn course_progress(course: &Course, status: impl Fn(&str) -> ItemStatus) -> CourseProgress {
    let mut p = CourseProgress {
        required: 0,
        finished: 0,
    };
    for item in course.items().filter(|i| is_required(course, i)) {
        p.required += 1;
        if status(&item.id) == done_status(&item.kind) {
            p.finished += 1;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{self, DirSource};
    use std::collections::HashMap;

    fn fixture(name: &str) -> Course {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        course::load(&DirSource::new(dir)).course.unwrap()
    }

    #[test]
    fn by_default_every_lesson_and_every_quiz_counts() {
        let c = fixture("minimal");
        let mut s: HashMap<&str, ItemStatus> = HashMap::new();
        let p = |s: &HashMap<&str, ItemStatus>| {
            course_progress(&c, |id| {
                s.get(id).copied().unwrap_or(ItemStatus::NotStarted)
            })
        };
        assert_eq!(
            p(&s),
            CourseProgress {
                required: 3,
                finished: 0
            }
        );
        s.insert("first", ItemStatus::Done);
        s.insert("second", ItemStatus::InProgress);
        s.insert("check", ItemStatus::Failed);
        assert_eq!(p(&s).finished, 1, "in progress and failed do not count");
        s.insert("second", ItemStatus::Done);
        s.insert("check", ItemStatus::Passed);
        assert!(p(&s).complete());
    }

    #[test]
    fn a_completion_rule_can_ask_for_named_quizzes_only() {
        let mut c = fixture("minimal");
        c.completion = course::Completion {
            lessons: false,
            quizzes: Some(vec!["check".into()]),
        };
        let passed = course_progress(&c, |id| {
            if id == "check" {
                ItemStatus::Passed
            } else {
                ItemStatus::NotStarted
            }
        });
        assert_eq!(
            passed,
            CourseProgress {
                required: 1,
                finished: 1
            }
        );
        assert!(passed.complete());
    }
}
