//! The `attempts`, `answers` and `attempt_results` tables: quiz attempts, each answer as it
//! was submitted, and how each attempt ended.

use rusqlite::{Connection, OptionalExtension, Row, ffi, params};

use super::learners::{LearnerId, or_unknown_learner};
use super::progress::{ItemStatus, record_status};
use super::{Store, StoreError, is_constraint, new_id, now};
use crate::quiz::Points;

/// An attempt's id: UUID v4 text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AttemptId(pub String);

#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    pub id: AttemptId,
    pub learner_id: LearnerId,
    pub course_id: String,
    pub course_version: String,
    pub quiz_id: String,
    /// Seeds the shuffle, so the attempt can be shown again in the order it was asked.
    pub seed: i64,
    /// The recorded `quiz::AttemptPlan`.
    pub plan: String,
    pub started_at: String,
    /// `None` while the attempt is open.
    pub result: Option<AttemptResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AttemptResult {
    pub score: f64,
    pub max_score: f64,
    pub passed: bool,
    pub finished_at: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub id: String,
    pub attempt_id: AttemptId,
    pub question_id: String,
    pub response: String,
    pub score: f64,
    pub max_score: f64,
    pub correct: bool,
    pub answered_at: String,
}

/// The columns [`row_to_attempt`] reads, followed by the rest of the query.
macro_rules! select_attempts {
    ($rest:literal) => {
        concat!(
            "SELECT a.id, a.learner_id, a.course_id, a.course_version, a.quiz_id, a.seed,
                    a.started_at, r.score, r.max_score, r.passed, r.finished_at, a.plan
             FROM attempts a LEFT JOIN attempt_results r ON r.attempt_id = a.id ",
            $rest
        )
    };
}

impl Store {
    pub fn start_attempt(
        &mut self,
        learner: &LearnerId,
        course_id: &str,
        course_version: &str,
        quiz_id: &str,
        seed: i64,
        plan: &str,
    ) -> Result<AttemptId, StoreError> {
        let id = AttemptId(new_id());
        let at = now()?;
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO attempts
                     (id, learner_id, course_id, course_version, quiz_id, seed, plan, started_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                id.0,
                learner.0,
                course_id,
                course_version,
                quiz_id,
                seed,
                plan,
                at
            ])
            .map_err(|e| or_unknown_learner(e, learner))?;
            Ok(())
        })?;
        Ok(id)
    }

    /// Keeps one submitted answer, durably, before returning. Refuses an attempt that is not
    /// this learner's or is finished, and a second answer to the same question.
    #[expect(
        clippy::too_many_arguments,
        reason = "each argument is one column of the answer; a struct would only rename them"
    )]
    pub fn record_answer(
        &mut self,
        learner: &LearnerId,
        attempt: &AttemptId,
        question_id: &str,
        response: &str,
        score: Points,
        max_score: Points,
        correct: bool,
    ) -> Result<Answer, StoreError> {
        let answer = Answer {
            id: new_id(),
            attempt_id: attempt.clone(),
            question_id: question_id.to_owned(),
            response: response.to_owned(),
            score: score.get(),
            max_score: max_score.get(),
            correct,
            answered_at: now()?,
        };
        self.transact(|tx| {
            if owned_attempt(tx, learner, attempt)?.finished {
                return Err(StoreError::AttemptFinished(attempt.clone()));
            }
            tx.prepare_cached(
                "INSERT INTO answers (id, attempt_id, question_id, response, score, max_score,
                                      correct, answered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                answer.id,
                answer.attempt_id.0,
                answer.question_id,
                answer.response,
                answer.score,
                answer.max_score,
                answer.correct,
                answer.answered_at
            ])
            .map_err(|e| {
                if is_constraint(&e, ffi::SQLITE_CONSTRAINT_UNIQUE) {
                    StoreError::AlreadyAnswered {
                        attempt: attempt.clone(),
                        question_id: question_id.to_owned(),
                    }
                } else {
                    StoreError::Sqlite(e)
                }
            })?;
            Ok(())
        })?;
        Ok(answer)
    }

    /// Closes the attempt with its result and marks the quiz item (whose id is the quiz id)
    /// passed or failed, both in one transaction. An attempt is finished once.
    pub fn finish_attempt(
        &mut self,
        learner: &LearnerId,
        attempt: &AttemptId,
        score: Points,
        max_score: Points,
        passed: bool,
    ) -> Result<AttemptResult, StoreError> {
        let result = AttemptResult {
            score: score.get(),
            max_score: max_score.get(),
            passed,
            finished_at: now()?,
        };
        self.transact(|tx| {
            let owned = owned_attempt(tx, learner, attempt)?;
            if owned.finished {
                return Err(StoreError::AttemptFinished(attempt.clone()));
            }
            tx.prepare_cached(
                "INSERT INTO attempt_results (attempt_id, score, max_score, passed, finished_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                attempt.0,
                result.score,
                result.max_score,
                result.passed,
                result.finished_at
            ])?;
            let status = if passed {
                ItemStatus::Passed
            } else {
                ItemStatus::Failed
            };
            record_status(
                tx,
                learner,
                &owned.course_id,
                &owned.quiz_id,
                status,
                &result.finished_at,
            )?;
            Ok(())
        })?;
        Ok(result)
    }

    /// The learner's attempts at one quiz, oldest first, with their results.
    pub fn attempts(
        &self,
        learner: &LearnerId,
        course_id: &str,
        quiz_id: &str,
    ) -> Result<Vec<Attempt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(select_attempts!(
            "WHERE a.learner_id = ?1 AND a.course_id = ?2 AND a.quiz_id = ?3
             ORDER BY a.started_at, a.rowid"
        ))?;
        let attempts = stmt
            .query_map(params![learner.0, course_id, quiz_id], row_to_attempt)?
            .collect::<Result<_, _>>()?;
        Ok(attempts)
    }

    /// The learner's latest unfinished attempt at one quiz, with its answers in the order
    /// given: what to resume after a crash.
    pub fn open_attempt(
        &self,
        learner: &LearnerId,
        course_id: &str,
        quiz_id: &str,
    ) -> Result<Option<(Attempt, Vec<Answer>)>, StoreError> {
        self.read(|conn| {
            let attempt = conn
                .prepare_cached(select_attempts!(
                    "WHERE a.learner_id = ?1 AND a.course_id = ?2 AND a.quiz_id = ?3
                       AND r.attempt_id IS NULL
                     ORDER BY a.started_at DESC, a.rowid DESC
                     LIMIT 1"
                ))?
                .query_row(params![learner.0, course_id, quiz_id], row_to_attempt)
                .optional()?;
            match attempt {
                Some(attempt) => {
                    let answers = answers_of(conn, &attempt.id)?;
                    Ok(Some((attempt, answers)))
                }
                None => Ok(None),
            }
        })
    }

    /// One of the learner's attempts; another learner's reads as missing.
    pub fn attempt(
        &self,
        learner: &LearnerId,
        attempt: &AttemptId,
    ) -> Result<Option<Attempt>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(select_attempts!("WHERE a.id = ?1 AND a.learner_id = ?2"))?;
        Ok(stmt
            .query_row(params![attempt.0, learner.0], row_to_attempt)
            .optional()?)
    }

    /// The answers in one of the learner's attempts, in the order given.
    pub fn answers(
        &self,
        learner: &LearnerId,
        attempt: &AttemptId,
    ) -> Result<Vec<Answer>, StoreError> {
        self.read(|conn| {
            owned_attempt(conn, learner, attempt)?;
            answers_of(conn, attempt)
        })
    }
}

struct OwnedAttempt {
    course_id: String,
    quiz_id: String,
    finished: bool,
}

/// Looks up an attempt through its learner, so that another learner's attempt reads as
/// missing rather than as someone else's.
fn owned_attempt(
    conn: &Connection,
    learner: &LearnerId,
    attempt: &AttemptId,
) -> Result<OwnedAttempt, StoreError> {
    conn.prepare_cached(
        "SELECT a.course_id, a.quiz_id, r.attempt_id IS NOT NULL
         FROM attempts a LEFT JOIN attempt_results r ON r.attempt_id = a.id
         WHERE a.id = ?1 AND a.learner_id = ?2",
    )?
    .query_row(params![attempt.0, learner.0], |row| {
        Ok(OwnedAttempt {
            course_id: row.get(0)?,
            quiz_id: row.get(1)?,
            finished: row.get(2)?,
        })
    })
    .optional()?
    .ok_or_else(|| StoreError::AttemptNotFound(attempt.clone()))
}

/// Callers check first that the attempt is the learner's.
fn answers_of(conn: &Connection, attempt: &AttemptId) -> Result<Vec<Answer>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, attempt_id, question_id, response, score, max_score, correct, answered_at
         FROM answers WHERE attempt_id = ?1
         ORDER BY answered_at, rowid",
    )?;
    let answers = stmt
        .query_map(params![attempt.0], row_to_answer)?
        .collect::<Result<_, _>>()?;
    Ok(answers)
}

fn row_to_attempt(row: &Row) -> rusqlite::Result<Attempt> {
    let finished_at: Option<String> = row.get(10)?;
    let result = match finished_at {
        Some(finished_at) => Some(AttemptResult {
            score: row.get(7)?,
            max_score: row.get(8)?,
            passed: row.get(9)?,
            finished_at,
        }),
        None => None,
    };
    Ok(Attempt {
        id: AttemptId(row.get(0)?),
        learner_id: LearnerId(row.get(1)?),
        course_id: row.get(2)?,
        course_version: row.get(3)?,
        quiz_id: row.get(4)?,
        seed: row.get(5)?,
        plan: row.get(11)?,
        started_at: row.get(6)?,
        result,
    })
}

fn row_to_answer(row: &Row) -> rusqlite::Result<Answer> {
    Ok(Answer {
        id: row.get(0)?,
        attempt_id: AttemptId(row.get(1)?),
        question_id: row.get(2)?,
        response: row.get(3)?,
        score: row.get(4)?,
        max_score: row.get(5)?,
        correct: row.get(6)?,
        answered_at: row.get(7)?,
    })
}
