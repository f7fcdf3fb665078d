//! What the records say, read from the store for the screens: a learner's progress in every
//! course, and the facilitator's board. Every figure comes from `progress`, the one rule the
//! learner's own outline, certificates, reports and exports use too, so a facilitator and a
//! learner never see different completions.

use std::collections::HashMap;

use crate::course::ItemKind;
use crate::library::Library;
use crate::progress::{CourseProgress, requirements};
use crate::store::tally::{AttemptCounts, Learners};
use crate::store::{ItemProgress, Learner, LearnerId, Store, StoreError};

/// A learner's progress: course id → item id → progress.
pub type Progress = HashMap<String, HashMap<String, ItemProgress>>;

/// One learner as the facilitator sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerSummary {
    pub learner: Learner,
    /// Seconds left of a PIN pause.
    pub locked: Option<u64>,
    /// The courses the learner has begun.
    pub courses: Vec<CourseSummary>,
    /// What completing every course available takes, begun or not.
    pub required: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourseSummary {
    pub course_id: String,
    pub title: String,
    /// What completing the course takes, and how much of it is done: the learner's own rule.
    pub progress: CourseProgress,
    pub quizzes_passed: usize,
    pub quizzes: usize,
    /// Quizzes (id, title) whose every attempt this learner has used without passing.
    pub stuck: Vec<(String, String)>,
}

impl LearnerSummary {
    /// Everything this learner must do, across courses, and what is done.
    pub fn totals(&self) -> CourseProgress {
        CourseProgress {
            required: self.required,
            finished: self.courses.iter().map(|c| c.progress.finished).sum(),
        }
    }
}

/// A learner's progress in every course of the library.
pub fn progress_of(
    store: &Store,
    library: &Library,
    learner: &LearnerId,
) -> Result<Progress, StoreError> {
    library
        .ready()
        .map(|c| Ok((c.id.clone(), store.item_progress(learner, &c.id)?)))
        .collect()
}

/// A quiz of a course: id, title, the quiz.
type QuizOf<'a> = (&'a str, &'a str, &'a crate::quiz::Quiz);

/// Every learner, archived ones too, with their progress in each available course: one
/// query per kind of record, counted by each course's own rule, so a desk of two thousand
/// learners opens the board as fast as one of twenty.
pub fn board(store: &Store, library: &Library) -> Result<Vec<LearnerSummary>, StoreError> {
    let now = time::OffsetDateTime::now_utc();
    let courses: Vec<&crate::course::Course> = library.ready().map(|c| c.as_ref()).collect();
    let required: Vec<_> = courses.iter().flat_map(|c| requirements(c)).collect();
    let tallies = store.course_counts(&Learners::Local, &required)?;
    let required_total = required.len();
    let shape: Vec<(usize, Vec<QuizOf>)> = courses.iter().map(|c| shape_of(c)).collect();
    // Only a quiz with a limit, tried and not passed, can have run out of attempts.
    let limited: Vec<(&str, &str)> = courses
        .iter()
        .zip(&shape)
        .flat_map(|(c, (_, quizzes))| {
            quizzes
                .iter()
                .filter(|(_, _, q)| q.attempts_left(0, 0).is_some())
                .map(|(id, _, _)| (c.id.as_str(), *id))
        })
        .collect();
    let counts = store.unpassed_attempt_counts(&Learners::Local, &limited)?;
    // Each learner's begun courses, found by learner rather than tried course by course.
    let mut begun: HashMap<&str, Vec<(&str, &crate::store::tally::CourseTally)>> = HashMap::new();
    for ((learner, course), t) in &tallies {
        begun.entry(learner).or_default().push((course, t));
    }
    let by_id: HashMap<&str, (&crate::course::Course, &(usize, Vec<QuizOf>))> = courses
        .iter()
        .zip(&shape)
        .map(|(c, s)| (c.id.as_str(), (*c, s)))
        .collect();
    // In the library's order, as the learner's course list shows them.
    let order: HashMap<&str, usize> = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut rows = Vec::new();
    let locks = store.pin_locks(now)?;
    for learner in store.all_learners()? {
        let locked = locks.get(&learner.id).copied();
        let id = learner.id.0.as_str();
        let mut mine = begun.remove(id).unwrap_or_default();
        mine.sort_by_key(|(c, _)| order.get(c).copied().unwrap_or(usize::MAX));
        let mut summaries = Vec::with_capacity(mine.len());
        for (course_id, tally) in mine {
            // Courses no longer in the library count for nothing here.
            let Some((course, (required, quizzes))) = by_id.get(course_id) else {
                continue;
            };
            summaries.push(CourseSummary {
                course_id: course.id.clone(),
                title: course.title.clone(),
                progress: CourseProgress {
                    required: *required,
                    finished: tally.finished,
                },
                quizzes_passed: tally.passed,
                quizzes: quizzes.len(),
                stuck: stuck_quizzes(id, course, quizzes, &counts),
            });
        }
        rows.push(LearnerSummary {
            learner,
            locked,
            courses: summaries,
            required: required_total,
        });
    }
    Ok(rows)
}

/// The quizzes of a course, and how many items its rule requires.
fn shape_of(c: &crate::course::Course) -> (usize, Vec<QuizOf<'_>>) {
    let quizzes = c
        .items()
        .filter_map(|i| match &i.kind {
            ItemKind::Quiz(q) => Some((i.id.as_str(), i.title.as_str(), q)),
            ItemKind::Lesson(_) => None,
        })
        .collect();
    (requirements(c).len(), quizzes)
}

/// The quizzes (id, title) of `course` whose every attempt the learner `id` has used
/// without passing (`counts` holds only quizzes not passed).
fn stuck_quizzes(
    id: &str,
    course: &crate::course::Course,
    quizzes: &[QuizOf],
    counts: &AttemptCounts,
) -> Vec<(String, String)> {
    if counts.is_empty() {
        return Vec::new();
    }
    let key = |quiz: &str| (id.to_string(), course.id.clone(), quiz.to_string());
    quizzes
        .iter()
        .filter(|(quiz, _, q)| {
            let Some(&(used, granted)) = counts.get(&key(quiz)) else {
                return false;
            };
            used > 0 && q.attempts_left(used, granted) == Some(0)
        })
        .map(|(quiz, title, _)| (quiz.to_string(), title.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{self, Completion, DirSource};
    use crate::library::{Entry, Origin};
    use crate::progress::course_progress;
    use crate::store::ItemStatus;
    use std::sync::Arc;

    /// The minimal fixture, with only its quiz required to complete it.
    fn library() -> Library {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let mut c = course::load(&DirSource::new(&dir)).course.unwrap();
        c.completion = Completion {
            lessons: false,
            quizzes: Some(vec!["check".into()]),
        };
        Library {
            entries: vec![Entry::Ready {
                course: Arc::new(c),
                origin: Origin::BuiltIn,
                standing: None,
            }],
            ..Library::default()
        }
    }

    #[test]
    fn the_board_counts_by_the_courses_own_completion_rule() {
        let library = library();
        let mut store = Store::open_in_memory().unwrap();
        let amina = store.add_learner("Amina", None).unwrap().id;
        // Both lessons read: under this course's rule they do not count, only the quiz does.
        store
            .set_status(&amina, "minimal", "first", ItemStatus::Done)
            .unwrap();
        store
            .set_status(&amina, "minimal", "second", ItemStatus::Done)
            .unwrap();
        let rows = board(&store, &library).unwrap();
        let c = &rows[0].courses[0];
        assert_eq!(
            c.progress,
            CourseProgress {
                required: 1,
                finished: 0
            }
        );
        // The learner's own outline says the same, from the same records.
        let mine = progress_of(&store, &library, &amina).unwrap();
        let course = library.course("minimal").unwrap();
        let own = course_progress(course, |id| {
            mine["minimal"]
                .get(id)
                .map_or(ItemStatus::NotStarted, |p| p.status)
        });
        assert_eq!(own, c.progress);
        store
            .set_status(&amina, "minimal", "check", ItemStatus::Passed)
            .unwrap();
        let rows = board(&store, &library).unwrap();
        assert!(rows[0].courses[0].progress.complete());
        assert_eq!(rows[0].courses[0].quizzes_passed, 1);
    }
}
