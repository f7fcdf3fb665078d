//! The CSV tables of an export: what a spreadsheet opens (UTF-8 with a byte-order mark, so
//! Excel shows accents right) and what a hub merges back into records.
//!
//! Writing, one function a table, is here; reading them back is in `read`.

mod read;

use std::collections::HashMap;

pub use read::{TableError, read_tables};

use crate::store::harvest::Harvest;

/// Excel reads a CSV file as UTF-8 only when it starts with this.
const BOM: &str = "\u{feff}";

pub const LEARNERS: &str = "learners.csv";
pub const ITEMS: &str = "items.csv";
pub const PROGRESS: &str = "progress.csv";
pub const COMPLETIONS: &str = "completions.csv";
pub const ATTEMPTS: &str = "attempts.csv";
pub const ANSWERS: &str = "answers.csv";
pub const CERTIFICATES: &str = "certificates.csv";

/// The columns of items.csv and completions.csv, in their order: written and read by name.
const ITEM_COLUMNS: [&str; 6] = [
    "learner_id",
    "course_id",
    "item_id",
    "status",
    "position",
    "updated_at",
];
const COMPLETION_COLUMNS: [&str; 6] = [
    "completion_id",
    "learner_id",
    "course_id",
    "item_id",
    "status",
    "recorded_at",
];

/// One learner's progress in one course, for the progress table.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseRow {
    pub learner_id: String,
    pub course_id: String,
    pub course_title: String,
    pub required: usize,
    pub finished: usize,
    pub completed_at: Option<String>,
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(header).expect("writing to memory");
        for r in rows {
            w.write_record(&r).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Every table, by file name. Names are written only when `names` (the facilitator asked).
pub fn write_tables(
    h: &Harvest,
    site_id: &str,
    names: bool,
    courses: &[CourseRow],
) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (LEARNERS, learners_table(h, site_id, names)),
        (PROGRESS, progress_table(h, names, courses)),
        (ITEMS, items_table(h)),
        (COMPLETIONS, completions_table(h)),
        (ATTEMPTS, attempts_table(h)),
        (ANSWERS, answers_table(h)),
        (CERTIFICATES, certificates_table(h, names)),
    ]
}

/// A learner's name, or nothing when the facilitator did not ask for names.
fn name_of(names: bool, n: &str) -> String {
    if names { n.to_string() } else { String::new() }
}

fn learners_table(h: &Harvest, site_id: &str, names: bool) -> Vec<u8> {
    table(
        &[
            "learner_id",
            "site_id",
            "name",
            "created_at",
            "last_seen_at",
            "archived_at",
        ],
        h.learners.iter().map(|l| {
            vec![
                l.id.clone(),
                site_id.to_string(),
                name_of(names, &l.name),
                l.created_at.clone(),
                opt(&l.last_seen_at),
                opt(&l.archived_at),
            ]
        }),
    )
}

fn progress_table(h: &Harvest, names: bool, courses: &[CourseRow]) -> Vec<u8> {
    let known: HashMap<&str, &str> = h
        .learners
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    table(
        &[
            "learner_id",
            "name",
            "course_id",
            "course_title",
            "required",
            "finished",
            "complete",
            "completed_at",
        ],
        courses.iter().map(|c| {
            vec![
                c.learner_id.clone(),
                name_of(
                    names,
                    known.get(c.learner_id.as_str()).copied().unwrap_or(""),
                ),
                c.course_id.clone(),
                c.course_title.clone(),
                c.required.to_string(),
                c.finished.to_string(),
                (c.finished >= c.required).to_string(),
                opt(&c.completed_at),
            ]
        }),
    )
}

fn items_table(h: &Harvest) -> Vec<u8> {
    table(
        &ITEM_COLUMNS,
        h.items.iter().map(|i| {
            vec![
                i.learner_id.clone(),
                i.course_id.clone(),
                i.item_id.clone(),
                i.status.as_str().to_string(),
                i.position.to_string(),
                i.updated_at.clone(),
            ]
        }),
    )
}

fn completions_table(h: &Harvest) -> Vec<u8> {
    table(
        &COMPLETION_COLUMNS,
        h.completions.iter().map(|c| {
            vec![
                c.id.clone(),
                c.learner_id.clone(),
                c.course_id.clone(),
                c.item_id.clone(),
                c.status.as_str().to_string(),
                c.recorded_at.clone(),
            ]
        }),
    )
}

fn attempts_table(h: &Harvest) -> Vec<u8> {
    table(
        &[
            "attempt_id",
            "learner_id",
            "course_id",
            "course_version",
            "quiz_id",
            "seed",
            "plan",
            "started_at",
            "finished_at",
            "score",
            "max_score",
            "percent",
            "passed",
        ],
        h.attempts.iter().map(|a| {
            let r = a.result.as_ref();
            vec![
                a.id.clone(),
                a.learner_id.clone(),
                a.course_id.clone(),
                a.course_version.clone(),
                a.quiz_id.clone(),
                a.seed.to_string(),
                a.plan.clone(),
                a.started_at.clone(),
                r.map_or_else(String::new, |r| r.finished_at.clone()),
                r.map_or_else(String::new, |r| r.score.to_string()),
                r.map_or_else(String::new, |r| r.max_score.to_string()),
                r.map_or_else(String::new, |r| {
                    crate::quiz::percent(r.score, r.max_score).to_string()
                }),
                r.map_or_else(String::new, |r| r.passed.to_string()),
            ]
        }),
    )
}

fn answers_table(h: &Harvest) -> Vec<u8> {
    table(
        &[
            "answer_id",
            "attempt_id",
            "learner_id",
            "course_id",
            "quiz_id",
            "question_id",
            "response",
            "score",
            "max_score",
            "correct",
            "answered_at",
        ],
        h.answers.iter().map(|s| {
            vec![
                s.id.clone(),
                s.attempt_id.clone(),
                s.learner_id.clone(),
                s.course_id.clone(),
                s.quiz_id.clone(),
                s.question_id.clone(),
                s.response.clone(),
                s.score.to_string(),
                s.max_score.to_string(),
                s.correct.to_string(),
                s.answered_at.clone(),
            ]
        }),
    )
}

fn certificates_table(h: &Harvest, names: bool) -> Vec<u8> {
    table(
        &[
            "code",
            "learner_id",
            "learner_name",
            "course_id",
            "course_title",
            "course_version",
            "score",
            "issued_on",
            "issued_at",
        ],
        h.certificates.iter().map(|c| {
            vec![
                c.code.clone(),
                c.learner_id.clone(),
                name_of(names, &c.learner_name),
                c.course_id.clone(),
                c.course_title.clone(),
                c.course_version.clone(),
                c.score.to_string(),
                c.issued_on.clone(),
                c.issued_at.clone(),
            ]
        }),
    )
}
