//! The CSV tables of an export: what a spreadsheet opens (UTF-8 with a byte-order mark, so
//! Excel shows accents right) and what a hub merges back into records.

use std::collections::HashMap;

use crate::store::ItemStatus;
use crate::store::harvest::{
    AnswerRow, AttemptRow, CertificateRow, CompletionRow, Harvest, ItemRow, LearnerRow, ResultRow,
};

/// Excel reads a CSV file as UTF-8 only when it starts with this.
const BOM: &str = "\u{feff}";

pub const LEARNERS: &str = "learners.csv";
pub const ITEMS: &str = "items.csv";
pub const PROGRESS: &str = "progress.csv";
pub const COMPLETIONS: &str = "completions.csv";
pub const ATTEMPTS: &str = "attempts.csv";
pub const ANSWERS: &str = "answers.csv";
pub const CERTIFICATES: &str = "certificates.csv";

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
    let name_of = |n: &str| if names { n.to_string() } else { String::new() };
    let known: HashMap<&str, &str> = h
        .learners
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    vec![
        (
            LEARNERS,
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
                        name_of(&l.name),
                        l.created_at.clone(),
                        opt(&l.last_seen_at),
                        opt(&l.archived_at),
                    ]
                }),
            ),
        ),
        (
            PROGRESS,
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
                        name_of(known.get(c.learner_id.as_str()).copied().unwrap_or("")),
                        c.course_id.clone(),
                        c.course_title.clone(),
                        c.required.to_string(),
                        c.finished.to_string(),
                        (c.finished >= c.required).to_string(),
                        opt(&c.completed_at),
                    ]
                }),
            ),
        ),
        (
            ITEMS,
            table(
                &[
                    "learner_id",
                    "course_id",
                    "item_id",
                    "status",
                    "position",
                    "updated_at",
                ],
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
            ),
        ),
        (
            COMPLETIONS,
            table(
                &[
                    "completion_id",
                    "learner_id",
                    "course_id",
                    "item_id",
                    "status",
                    "recorded_at",
                ],
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
            ),
        ),
        (ATTEMPTS, attempts_table(h)),
        (ANSWERS, answers_table(h)),
        (
            CERTIFICATES,
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
                        name_of(&c.learner_name),
                        c.course_id.clone(),
                        c.course_title.clone(),
                        c.course_version.clone(),
                        c.score.to_string(),
                        c.issued_on.clone(),
                        c.issued_at.clone(),
                    ]
                }),
            ),
        ),
    ]
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

/// What is wrong with a table read back.
#[derive(Debug, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct TableError {
    pub file: String,
    pub line: u64,
    pub message: String,
}

/// The rows of a table as maps from column to text.
fn rows(file: &str, bytes: &[u8]) -> Result<Vec<HashMap<String, String>>, TableError> {
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    let mut r = csv::Reader::from_reader(bytes);
    let fail = |line: u64, message: String| TableError {
        file: file.to_string(),
        line,
        message,
    };
    let header = r.headers().map_err(|e| fail(1, e.to_string()))?.clone();
    let mut out = Vec::new();
    for record in r.records() {
        let record =
            record.map_err(|e| fail(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            return Err(fail(line, "a row with the wrong number of columns".into()));
        }
        out.push(
            header
                .iter()
                .map(String::from)
                .zip(record.iter().map(String::from))
                .collect(),
        );
    }
    Ok(out)
}

/// Reads the tables of an export (by file name) back into records.
pub fn read_tables(files: &HashMap<String, Vec<u8>>) -> Result<Harvest, TableError> {
    let get = |name: &str| -> Result<Vec<HashMap<String, String>>, TableError> {
        match files.get(name) {
            Some(bytes) => rows(name, bytes),
            None => Err(TableError {
                file: name.to_string(),
                line: 0,
                message: "the file is missing".into(),
            }),
        }
    };
    let mut h = Harvest::default();
    let field =
        |file: &str, row: &HashMap<String, String>, col: &str| -> Result<String, TableError> {
            row.get(col).cloned().ok_or_else(|| TableError {
                file: file.to_string(),
                line: 0,
                message: format!("no column `{col}`"),
            })
        };
    let maybe = |s: String| (!s.is_empty()).then_some(s);
    let parsed = |file: &str, col: &str, text: &str| TableError {
        file: file.to_string(),
        line: 0,
        message: format!("`{col}` is `{text}`, which is not what it should be"),
    };
    for r in get(LEARNERS)? {
        let f = |c| field(LEARNERS, &r, c);
        h.learners.push(LearnerRow {
            id: f("learner_id")?,
            name: f("name")?,
            created_at: f("created_at")?,
            last_seen_at: maybe(f("last_seen_at")?),
            archived_at: maybe(f("archived_at")?),
        });
    }
    for r in get(ITEMS)? {
        let f = |c| field(ITEMS, &r, c);
        let status = f("status")?;
        h.items.push(ItemRow {
            learner_id: f("learner_id")?,
            course_id: f("course_id")?,
            item_id: f("item_id")?,
            status: ItemStatus::parse(&status).ok_or_else(|| parsed(ITEMS, "status", &status))?,
            position: f("position")?
                .parse()
                .map_err(|_| parsed(ITEMS, "position", "?"))?,
            updated_at: f("updated_at")?,
        });
    }
    for r in get(COMPLETIONS)? {
        let f = |c| field(COMPLETIONS, &r, c);
        let status = f("status")?;
        h.completions.push(CompletionRow {
            id: f("completion_id")?,
            learner_id: f("learner_id")?,
            course_id: f("course_id")?,
            item_id: f("item_id")?,
            status: ItemStatus::parse(&status)
                .ok_or_else(|| parsed(COMPLETIONS, "status", &status))?,
            recorded_at: f("recorded_at")?,
        });
    }
    read_attempts(&get(ATTEMPTS)?, &mut h)?;
    read_answers(&get(ANSWERS)?, &mut h)?;
    for r in get(CERTIFICATES)? {
        let f = |c| field(CERTIFICATES, &r, c);
        let score = f("score")?;
        h.certificates.push(CertificateRow {
            code: f("code")?,
            learner_id: f("learner_id")?,
            learner_name: f("learner_name")?,
            course_id: f("course_id")?,
            course_title: f("course_title")?,
            course_version: f("course_version")?,
            score: score
                .parse()
                .ok()
                .filter(|s| *s <= 100)
                .ok_or_else(|| parsed(CERTIFICATES, "score", &score))?,
            issued_on: f("issued_on")?,
            issued_at: f("issued_at")?,
        });
    }
    Ok(h)
}

/// A finite number, as every score must be.
fn finite(file: &str, col: &str, text: &str) -> Result<f64, TableError> {
    text.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .ok_or_else(|| TableError {
            file: file.to_string(),
            line: 0,
            message: format!("`{col}` is `{text}`, which is not a score"),
        })
}

fn flag(file: &str, col: &str, text: &str) -> Result<bool, TableError> {
    text.parse().map_err(|_| TableError {
        file: file.to_string(),
        line: 0,
        message: format!("`{col}` is `{text}`, not true or false"),
    })
}

fn read_attempts(rows: &[HashMap<String, String>], h: &mut Harvest) -> Result<(), TableError> {
    let col = |r: &HashMap<String, String>, c: &str| r.get(c).cloned().unwrap_or_default();
    for r in rows {
        let finished = col(r, "finished_at");
        let result = if finished.is_empty() {
            None
        } else {
            Some(ResultRow {
                score: finite(ATTEMPTS, "score", &col(r, "score"))?,
                max_score: finite(ATTEMPTS, "max_score", &col(r, "max_score"))?,
                passed: flag(ATTEMPTS, "passed", &col(r, "passed"))?,
                finished_at: finished,
            })
        };
        let seed = col(r, "seed");
        h.attempts.push(AttemptRow {
            id: col(r, "attempt_id"),
            learner_id: col(r, "learner_id"),
            course_id: col(r, "course_id"),
            course_version: col(r, "course_version"),
            quiz_id: col(r, "quiz_id"),
            seed: seed.parse().map_err(|_| TableError {
                file: ATTEMPTS.into(),
                line: 0,
                message: format!("`seed` is `{seed}`, not a whole number"),
            })?,
            plan: col(r, "plan"),
            started_at: col(r, "started_at"),
            result,
        });
    }
    Ok(())
}

fn read_answers(rows: &[HashMap<String, String>], h: &mut Harvest) -> Result<(), TableError> {
    let col = |r: &HashMap<String, String>, c: &str| r.get(c).cloned().unwrap_or_default();
    for r in rows {
        h.answers.push(AnswerRow {
            id: col(r, "answer_id"),
            attempt_id: col(r, "attempt_id"),
            learner_id: col(r, "learner_id"),
            course_id: col(r, "course_id"),
            quiz_id: col(r, "quiz_id"),
            question_id: col(r, "question_id"),
            response: col(r, "response"),
            score: finite(ANSWERS, "score", &col(r, "score"))?,
            max_score: finite(ANSWERS, "max_score", &col(r, "max_score"))?,
            correct: flag(ANSWERS, "correct", &col(r, "correct"))?,
            answered_at: col(r, "answered_at"),
        });
    }
    Ok(())
}
