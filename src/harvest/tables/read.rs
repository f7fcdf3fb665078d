//! Reading an export's tables back into records at a hub. Apart from writing because it
//! checks what it reads: a missing column or a bad value is an error naming the file and line.

use std::collections::HashMap;

use super::{
    ANSWERS, ATTEMPTS, BOM, CERTIFICATES, COMPLETION_COLUMNS, COMPLETIONS, ITEM_COLUMNS, ITEMS,
    LEARNERS,
};
use crate::store::ItemStatus;
use crate::store::harvest::{
    AnswerRow, AttemptRow, CertificateRow, CompletionRow, Harvest, ItemRow, LearnerRow, ResultRow,
};

/// What is wrong with a table read back.
#[derive(Debug, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct TableError {
    pub file: String,
    pub line: u64,
    pub message: String,
}

/// A table read back: its columns by name, and its rows.
struct Table {
    file: &'static str,
    columns: HashMap<String, usize>,
    rows: Vec<csv::StringRecord>,
}

impl Table {
    fn read(file: &'static str, files: &HashMap<String, Vec<u8>>) -> Result<Table, TableError> {
        let fail = |line: u64, message: String| TableError {
            file: file.to_string(),
            line,
            message,
        };
        let bytes = files
            .get(file)
            .ok_or_else(|| fail(0, "the file is missing".into()))?;
        let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
        let mut r = csv::Reader::from_reader(bytes);
        let columns = r
            .headers()
            .map_err(|e| fail(1, e.to_string()))?
            .iter()
            .enumerate()
            .map(|(i, c)| (c.to_string(), i))
            .collect();
        let rows = r
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| fail(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        Ok(Table {
            file,
            columns,
            rows,
        })
    }

    /// A column's position, or the error of its absence.
    fn col(&self, name: &str) -> Result<usize, TableError> {
        self.columns.get(name).copied().ok_or_else(|| TableError {
            file: self.file.to_string(),
            line: 1,
            message: format!("no column `{name}`"),
        })
    }

    /// The text in column `i` of row `r`.
    fn text(&self, r: &csv::StringRecord, i: usize) -> String {
        r.get(i).unwrap_or_default().to_string()
    }

    fn bad(&self, r: &csv::StringRecord, col: &str, why: &str) -> TableError {
        TableError {
            file: self.file.to_string(),
            line: r.position().map_or(0, |p| p.line()),
            message: format!("`{col}` {why}"),
        }
    }

    /// A score: a finite number, not below zero.
    fn score(&self, r: &csv::StringRecord, i: usize, col: &str) -> Result<f64, TableError> {
        r.get(i)
            .and_then(|t| t.parse::<f64>().ok())
            .filter(|n| n.is_finite() && *n >= 0.0)
            .ok_or_else(|| self.bad(r, col, "is not a score"))
    }

    fn flag(&self, r: &csv::StringRecord, i: usize, col: &str) -> Result<bool, TableError> {
        r.get(i)
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| self.bad(r, col, "is not true or false"))
    }

    fn status(&self, r: &csv::StringRecord, i: usize) -> Result<ItemStatus, TableError> {
        r.get(i)
            .and_then(ItemStatus::parse)
            .ok_or_else(|| self.bad(r, "status", "is not a status Hatua knows"))
    }
}

fn maybe(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Reads the tables of an export (by file name) back into records.
pub fn read_tables(files: &HashMap<String, Vec<u8>>) -> Result<Harvest, TableError> {
    let mut h = Harvest::default();
    read_learners(&Table::read(LEARNERS, files)?, &mut h)?;
    read_items(&Table::read(ITEMS, files)?, &mut h)?;
    read_completions(&Table::read(COMPLETIONS, files)?, &mut h)?;
    read_attempts(&Table::read(ATTEMPTS, files)?, &mut h)?;
    read_answers(&Table::read(ANSWERS, files)?, &mut h)?;
    read_certificates(&Table::read(CERTIFICATES, files)?, &mut h)?;
    Ok(h)
}

fn read_learners(t: &Table, h: &mut Harvest) -> Result<(), TableError> {
    let [id, name, created, seen, archived] = [
        "learner_id",
        "name",
        "created_at",
        "last_seen_at",
        "archived_at",
    ]
    .map(|c| t.col(c));
    let (id, name, created, seen, archived) = (id?, name?, created?, seen?, archived?);
    for r in &t.rows {
        h.learners.push(LearnerRow {
            id: t.text(r, id),
            name: t.text(r, name),
            created_at: t.text(r, created),
            last_seen_at: maybe(t.text(r, seen)),
            archived_at: maybe(t.text(r, archived)),
        });
    }
    Ok(())
}

fn read_items(t: &Table, h: &mut Harvest) -> Result<(), TableError> {
    let cols = ITEM_COLUMNS.map(|c| t.col(c));
    let [learner, course, item, status, position, updated] = cols;
    let (learner, course, item, status, position, updated) =
        (learner?, course?, item?, status?, position?, updated?);
    for r in &t.rows {
        h.items.push(ItemRow {
            learner_id: t.text(r, learner),
            course_id: t.text(r, course),
            item_id: t.text(r, item),
            status: t.status(r, status)?,
            position: r
                .get(position)
                .and_then(|p| p.parse().ok())
                .ok_or_else(|| t.bad(r, "position", "is not a whole number"))?,
            updated_at: t.text(r, updated),
        });
    }
    Ok(())
}

fn read_completions(t: &Table, h: &mut Harvest) -> Result<(), TableError> {
    let cols = COMPLETION_COLUMNS.map(|c| t.col(c));
    let [id, learner, course, item, status, at] = cols;
    let (id, learner, course, item, status, at) = (id?, learner?, course?, item?, status?, at?);
    for r in &t.rows {
        h.completions.push(CompletionRow {
            id: t.text(r, id),
            learner_id: t.text(r, learner),
            course_id: t.text(r, course),
            item_id: t.text(r, item),
            status: t.status(r, status)?,
            recorded_at: t.text(r, at),
        });
    }
    Ok(())
}

fn read_attempts(t: &Table, h: &mut Harvest) -> Result<(), TableError> {
    let c = |n: &str| t.col(n);
    let (id, learner, course, version, quiz, seed, plan, started) = (
        c("attempt_id")?,
        c("learner_id")?,
        c("course_id")?,
        c("course_version")?,
        c("quiz_id")?,
        c("seed")?,
        c("plan")?,
        c("started_at")?,
    );
    let (finished, score, max, passed) = (
        c("finished_at")?,
        c("score")?,
        c("max_score")?,
        c("passed")?,
    );
    for r in &t.rows {
        let finished_at = t.text(r, finished);
        let result = if finished_at.is_empty() {
            None
        } else {
            Some(ResultRow {
                score: t.score(r, score, "score")?,
                max_score: t.score(r, max, "max_score")?,
                passed: t.flag(r, passed, "passed")?,
                finished_at,
            })
        };
        h.attempts.push(AttemptRow {
            id: t.text(r, id),
            learner_id: t.text(r, learner),
            course_id: t.text(r, course),
            course_version: t.text(r, version),
            quiz_id: t.text(r, quiz),
            seed: r
                .get(seed)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| t.bad(r, "seed", "is not a whole number"))?,
            plan: t.text(r, plan),
            started_at: t.text(r, started),
            result,
        });
    }
    Ok(())
}

fn read_answers(t: &Table, h: &mut Harvest) -> Result<(), TableError> {
    let c = |n: &str| t.col(n);
    let (id, attempt, learner, course, quiz, question, response) = (
        c("answer_id")?,
        c("attempt_id")?,
        c("learner_id")?,
        c("course_id")?,
        c("quiz_id")?,
        c("question_id")?,
        c("response")?,
    );
    let (score, max, correct, at) = (
        c("score")?,
        c("max_score")?,
        c("correct")?,
        c("answered_at")?,
    );
    h.answers.reserve(t.rows.len());
    for r in &t.rows {
        h.answers.push(AnswerRow {
            id: t.text(r, id),
            attempt_id: t.text(r, attempt),
            learner_id: t.text(r, learner),
            course_id: t.text(r, course),
            quiz_id: t.text(r, quiz),
            question_id: t.text(r, question),
            response: t.text(r, response),
            score: t.score(r, score, "score")?,
            max_score: t.score(r, max, "max_score")?,
            correct: t.flag(r, correct, "correct")?,
            answered_at: t.text(r, at),
        });
    }
    Ok(())
}

fn read_certificates(t: &Table, h: &mut Harvest) -> Result<(), TableError> {
    let c = |n: &str| t.col(n);
    let (code, learner, name, course, title, version) = (
        c("code")?,
        c("learner_id")?,
        c("learner_name")?,
        c("course_id")?,
        c("course_title")?,
        c("course_version")?,
    );
    let (score, on, at) = (c("score")?, c("issued_on")?, c("issued_at")?);
    for r in &t.rows {
        h.certificates.push(CertificateRow {
            code: t.text(r, code),
            learner_id: t.text(r, learner),
            learner_name: t.text(r, name),
            course_id: t.text(r, course),
            course_title: t.text(r, title),
            course_version: t.text(r, version),
            score: r
                .get(score)
                .and_then(|s| s.parse().ok())
                .filter(|s| *s <= 100)
                .ok_or_else(|| t.bad(r, "score", "is not a percent"))?,
            issued_on: t.text(r, on),
            issued_at: t.text(r, at),
        });
    }
    Ok(())
}
