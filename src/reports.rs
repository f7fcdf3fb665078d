//! Reports a trainer can act on: per course (who started, who completed, scores,
//! certificates, time to complete), per quiz (attempts, pass rate, score spread), per
//! question (item analysis) and per learner. Every completion figure is counted by the
//! course's own rule (`progress::requirements`), the one the learner's outline uses.

pub mod items;
pub mod render;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::course::{Course, ItemKind};
use crate::library::Library;
use crate::store::tally::{CourseTally, FinishedAttempt, Learners};
use crate::store::{Store, StoreError};

pub use items::{QuestionReport, question_reports};

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub learners: Learners,
    pub course: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CourseReport {
    pub course_id: String,
    pub title: String,
    /// Learners with any record in the course.
    pub started: usize,
    pub completed: usize,
    /// `completed / started`, 0 when nobody started.
    pub completion_rate: f64,
    /// The mean, over learners who finished an attempt, of their best score at each quiz,
    /// in percent.
    pub average_best_score: Option<f64>,
    pub certificates: usize,
    /// Median days from a learner's first record in the course to its completion.
    pub median_days_to_complete: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuizReport {
    pub course_id: String,
    pub quiz_id: String,
    pub title: String,
    /// Finished attempts.
    pub attempts: usize,
    pub learners: usize,
    /// Passed attempts of finished ones.
    pub pass_rate: f64,
    /// Finished attempts by score: 0–9 %, 10–19 %, …, 90–100 %.
    pub distribution: [usize; 10],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerCourse {
    pub course_id: String,
    pub title: String,
    pub required: usize,
    pub finished: usize,
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerQuiz {
    pub course_id: String,
    pub quiz_id: String,
    pub best_percent: u32,
    pub attempts: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerReport {
    pub learner_id: String,
    pub name: String,
    /// `None` for a learner of this desk.
    pub site_id: Option<String>,
    pub last_seen: Option<String>,
    pub courses: Vec<LearnerCourse>,
    pub quizzes: Vec<LearnerQuiz>,
    pub certificates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub courses: Vec<CourseReport>,
    pub quizzes: Vec<QuizReport>,
}

/// The courses a report looks at.
fn courses<'a>(library: &'a Library, filter: &Filter) -> Vec<&'a Course> {
    library
        .ready()
        .map(|c| c.as_ref())
        .filter(|c| filter.course.as_deref().is_none_or(|id| id == c.id))
        .collect()
}

/// A quiz's title as the library knows it, else its course and quiz ids.
pub fn quiz_title_in(library: &Library, course_id: &str, quiz_id: &str) -> String {
    library
        .course(course_id)
        .and_then(|c| quiz_title(c, quiz_id))
        .unwrap_or_else(|| format!("{course_id}/{quiz_id}"))
}

fn quiz_title(course: &Course, quiz_id: &str) -> Option<String> {
    course
        .items()
        .find(|i| i.id == quiz_id && matches!(i.kind, ItemKind::Quiz(_)))
        .map(|i| i.title.clone())
}

/// Days between two stored times.
fn days_between(from: &str, to: &str) -> Option<f64> {
    let parse = |t: &str| crate::store::parse_time(t);
    let (a, b) = (parse(from)?, parse(to)?);
    Some((b - a).as_seconds_f64().max(0.0) / 86_400.0)
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// The course and quiz tables.
pub fn report(store: &Store, library: &Library, filter: &Filter) -> Result<Report, StoreError> {
    let courses = courses(library, filter);
    let required: Vec<_> = courses
        .iter()
        .flat_map(|c| crate::progress::requirements(c))
        .collect();
    let tallies = store.course_tallies(&filter.learners, &required)?;
    let attempts = store.finished_attempts(&filter.learners, filter.course.as_deref())?;
    let certificates = store.certificate_counts(&filter.learners)?;
    // Each read once, by course.
    let mut tallies_of: HashMap<&str, Vec<(&str, &CourseTally)>> = HashMap::new();
    for ((learner, course_id), t) in &tallies {
        tallies_of.entry(course_id).or_default().push((learner, t));
    }
    let mut attempts_of: HashMap<&str, Vec<&FinishedAttempt>> = HashMap::new();
    for a in &attempts {
        attempts_of.entry(&a.course_id).or_default().push(a);
    }
    let mut report = Report {
        courses: Vec::new(),
        quizzes: Vec::new(),
    };
    for course in &courses {
        let needed = crate::progress::requirements(course).len();
        let mut started = HashSet::new();
        let mut completed = 0;
        let mut days = Vec::new();
        for (learner, t) in tallies_of.remove(course.id.as_str()).unwrap_or_default() {
            if t.touched == 0 {
                continue;
            }
            started.insert(learner);
            if t.finished >= needed {
                completed += 1;
                if let (Some(a), Some(b)) = (&t.first_at, &t.finished_at) {
                    days.extend(days_between(a, b));
                }
            }
        }
        let mine = attempts_of.remove(course.id.as_str()).unwrap_or_default();
        started.extend(mine.iter().map(|a| a.learner_id.as_str()));
        report.courses.push(CourseReport {
            course_id: course.id.clone(),
            title: course.title.clone(),
            started: started.len(),
            completed,
            completion_rate: if started.is_empty() {
                0.0
            } else {
                completed as f64 / started.len() as f64
            },
            average_best_score: average_best(&mine),
            certificates: certificates.get(&course.id).copied().unwrap_or(0),
            median_days_to_complete: median(days),
        });
        report.quizzes.extend(quiz_reports(course, &mine));
    }
    Ok(report)
}

/// The mean of each learner's best score at each quiz, in percent.
fn average_best(attempts: &[&FinishedAttempt]) -> Option<f64> {
    let mut best: HashMap<(&str, &str), f64> = HashMap::new();
    for a in attempts {
        let f = if a.max_score > 0.0 {
            a.score / a.max_score
        } else {
            0.0
        };
        let e = best
            .entry((a.learner_id.as_str(), a.quiz_id.as_str()))
            .or_insert(f);
        *e = e.max(f);
    }
    (!best.is_empty()).then(|| best.values().sum::<f64>() / best.len() as f64 * 100.0)
}

fn quiz_reports(course: &Course, attempts: &[&FinishedAttempt]) -> Vec<QuizReport> {
    let mut by_quiz: BTreeMap<&str, Vec<&FinishedAttempt>> = BTreeMap::new();
    for a in attempts {
        by_quiz.entry(a.quiz_id.as_str()).or_default().push(a);
    }
    // Every quiz of the course, in the outline's order, attempted or not.
    let mut out = Vec::new();
    for item in course.items() {
        if !matches!(item.kind, ItemKind::Quiz(_)) {
            continue;
        }
        let list = by_quiz.remove(item.id.as_str()).unwrap_or_default();
        let mut distribution = [0usize; 10];
        for a in &list {
            let p = crate::quiz::percent(a.score, a.max_score) as usize;
            distribution[(p / 10).min(9)] += 1;
        }
        let passed = list.iter().filter(|a| a.passed).count();
        let learners: HashSet<&str> = list.iter().map(|a| a.learner_id.as_str()).collect();
        out.push(QuizReport {
            course_id: course.id.clone(),
            quiz_id: item.id.clone(),
            title: quiz_title(course, &item.id).unwrap_or_else(|| item.id.clone()),
            attempts: list.len(),
            learners: learners.len(),
            pass_rate: if list.is_empty() {
                0.0
            } else {
                passed as f64 / list.len() as f64
            },
            distribution,
        });
    }
    out
}

/// Every learner's report: each course's progress, best score per quiz, attempts used,
/// last seen, certificates. With `only`, that learner's alone.
pub fn learner_reports(
    store: &Store,
    library: &Library,
    filter: &Filter,
    only: Option<&str>,
) -> Result<Vec<LearnerReport>, StoreError> {
    let courses = courses(library, filter);
    let required: Vec<_> = courses
        .iter()
        .flat_map(|c| crate::progress::requirements(c))
        .collect();
    let tallies = store.course_counts(&filter.learners, &required)?;
    let attempts = store.finished_attempts(&filter.learners, filter.course.as_deref())?;
    let needed: Vec<usize> = courses
        .iter()
        .map(|c| crate::progress::requirements(c).len())
        .collect();
    let mut quizzes: BTreeMap<(&str, &str, &str), (f64, usize)> = BTreeMap::new();
    for a in &attempts {
        let f = crate::quiz::percent(a.score, a.max_score) as f64;
        let e = quizzes
            .entry((
                a.learner_id.as_str(),
                a.course_id.as_str(),
                a.quiz_id.as_str(),
            ))
            .or_insert((f, 0));
        e.0 = e.0.max(f);
        e.1 += 1;
    }
    let codes = store.certificate_codes(&filter.learners)?;
    // Each learner's courses, in the library's order: looked up once per tally, not once
    // per learner and course (2,000 learners and 500 courses made a million lookups).
    let position: HashMap<&str, usize> = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut begun: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for ((learner, course), t) in &tallies {
        if let Some(&i) = position.get(course.as_str()) {
            begun
                .entry(learner.as_str())
                .or_default()
                .push((i, t.finished));
        }
    }
    let mut out = Vec::new();
    for (learner, site) in store.tally_learners(&filter.learners)? {
        if only.is_some_and(|id| id != learner.id.0) {
            continue;
        }
        let id = learner.id.0.clone();
        let mut mine = begun.remove(id.as_str()).unwrap_or_default();
        mine.sort_unstable();
        let courses = mine
            .into_iter()
            .map(|(i, finished)| {
                let (c, required) = (courses[i], needed[i]);
                LearnerCourse {
                    course_id: c.id.clone(),
                    title: c.title.clone(),
                    required,
                    finished,
                    complete: finished >= required,
                }
            })
            .collect();
        let quizzes = quizzes
            .range((id.as_str(), "", "")..)
            .take_while(|((l, _, _), _)| *l == id)
            .map(|((_, c, q), (best, n))| LearnerQuiz {
                course_id: c.to_string(),
                quiz_id: q.to_string(),
                best_percent: *best as u32,
                attempts: *n,
            })
            .collect();
        let certificates = codes
            .get(&id)
            .into_iter()
            .flatten()
            .filter(|(course, _)| filter.course.as_deref().is_none_or(|c| c == course))
            .map(|(_, code)| code.clone())
            .collect();
        out.push(LearnerReport {
            learner_id: id,
            name: learner.name,
            site_id: site,
            last_seen: learner.last_seen_at,
            courses,
            quizzes,
            certificates,
        });
    }
    Ok(out)
}
