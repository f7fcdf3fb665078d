//! Counting over many learners at once, for the facilitator's board and the reports: one
//! query per kind of record rather than one per learner and course, so two thousand
//! learners cost what twenty did.
//!
//! What counts as done comes from the caller, as the required items of each course and the
//! status each must reach (`progress::requirements`, the one records rule): the store only
//! counts.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::{ItemStatus, Store, StoreError};

/// Which learners a tally covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Learners {
    /// This desk's own.
    Local,
    /// Those merged from one site's exports.
    Site(String),
    /// Everyone: this desk's and every site's merged here.
    All,
}

impl Learners {
    /// The SQL condition on `l` (the learners table), always naming `?1`, and what `?1` is.
    pub(super) fn condition(&self) -> (&'static str, Option<&str>) {
        match self {
            Learners::Local => ("(l.site_id IS NULL AND ?1 IS NULL)", None),
            Learners::Site(id) => ("l.site_id = ?1", Some(id)),
            Learners::All => ("(?1 IS NULL OR 1)", None),
        }
    }
}

/// An item a course requires, and the status that counts as done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Required {
    pub course_id: String,
    pub item_id: String,
    pub status: ItemStatus,
}

/// One learner's tally in one course.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CourseTally {
    /// Required items done.
    pub finished: usize,
    /// Quizzes passed.
    pub passed: usize,
    /// Items with any progress at all.
    pub touched: usize,
    /// When each required item was first done, the latest of them: when the course became
    /// complete, once `finished` is all.
    pub finished_at: Option<String>,
    /// The first record in the course.
    pub first_at: Option<String>,
}

/// (learner, course, quiz) → (finished attempts, attempts granted beyond the limit).
pub type AllAttemptCounts = HashMap<(String, String, String), (usize, u32)>;

/// A finished attempt, for scores and pass rates.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishedAttempt {
    pub attempt_id: String,
    pub learner_id: String,
    pub course_id: String,
    pub quiz_id: String,
    pub score: f64,
    pub max_score: f64,
    pub passed: bool,
}

/// An answer of a finished attempt, for item analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredAnswer {
    pub attempt_id: String,
    pub question_id: String,
    pub response: String,
    pub score: f64,
    pub max_score: f64,
    pub correct: bool,
}

impl Store {
    /// Per learner and course: required items done, quizzes passed, items touched, and when
    /// the course was finished and begun.
    pub fn course_tallies(
        &self,
        who: &Learners,
        required: &[Required],
    ) -> Result<HashMap<(String, String), CourseTally>, StoreError> {
        self.read(|conn| tallies(conn, who, required, true))
    }

    /// [`Store::course_tallies`] without the times (what the board needs): faster.
    pub fn course_counts(
        &self,
        who: &Learners,
        required: &[Required],
    ) -> Result<HashMap<(String, String), CourseTally>, StoreError> {
        self.read(|conn| tallies(conn, who, required, false))
    }

    /// Every finished attempt of the learners, with its result.
    pub fn finished_attempts(
        &self,
        who: &Learners,
        course: Option<&str>,
    ) -> Result<Vec<FinishedAttempt>, StoreError> {
        let (cond, p) = who.condition();
        let sql = format!(
            "SELECT a.id, a.learner_id, a.course_id, a.quiz_id, r.score, r.max_score, r.passed
             FROM attempts a JOIN attempt_results r ON r.attempt_id = a.id
             JOIN learners l ON l.id = a.learner_id
             WHERE {cond} AND (?2 IS NULL OR a.course_id = ?2)"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params![p, course], |r| {
                Ok(FinishedAttempt {
                    attempt_id: r.get(0)?,
                    learner_id: r.get(1)?,
                    course_id: r.get(2)?,
                    quiz_id: r.get(3)?,
                    score: r.get(4)?,
                    max_score: r.get(5)?,
                    passed: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The answers of the finished attempts at one quiz.
    pub fn quiz_answers(
        &self,
        who: &Learners,
        course_id: &str,
        quiz_id: &str,
    ) -> Result<Vec<ScoredAnswer>, StoreError> {
        let (cond, p) = who.condition();
        let sql = format!(
            "SELECT s.attempt_id, s.question_id, s.response, s.score, s.max_score, s.correct
             FROM answers s JOIN attempts a ON a.id = s.attempt_id
             JOIN attempt_results r ON r.attempt_id = a.id
             JOIN learners l ON l.id = a.learner_id
             WHERE {cond} AND a.course_id = ?2 AND a.quiz_id = ?3"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params![p, course_id, quiz_id], |r| {
                Ok(ScoredAnswer {
                    attempt_id: r.get(0)?,
                    question_id: r.get(1)?,
                    response: r.get(2)?,
                    score: r.get(3)?,
                    max_score: r.get(4)?,
                    correct: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Finished attempts and grants per learner, course and quiz: (used, granted).
    pub fn all_attempt_counts(&self) -> Result<AllAttemptCounts, StoreError> {
        let mut counts = AllAttemptCounts::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.learner_id, a.course_id, a.quiz_id, count(*) FROM attempts a
             JOIN attempt_results r ON r.attempt_id = a.id GROUP BY 1, 2, 3",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let n: i64 = r.get(3)?;
            counts
                .entry((r.get(0)?, r.get(1)?, r.get(2)?))
                .or_default()
                .0 = n as usize;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT learner_id, course_id, quiz_id, sum(extra) FROM attempt_grants
             GROUP BY 1, 2, 3",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let n: i64 = r.get(3)?;
            counts
                .entry((r.get(0)?, r.get(1)?, r.get(2)?))
                .or_default()
                .1 = u32::try_from(n).unwrap_or(u32::MAX);
        }
        Ok(counts)
    }

    /// Certificates issued, per course, to the learners.
    pub fn certificate_counts(&self, who: &Learners) -> Result<HashMap<String, usize>, StoreError> {
        let (cond, p) = who.condition();
        let sql = format!(
            "SELECT c.course_id, count(*) FROM certificates c
             JOIN learners l ON l.id = c.learner_id WHERE {cond} GROUP BY c.course_id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params![p], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The quizzes each learner has passed: (learner, course, quiz).
    pub fn passed_quizzes(
        &self,
        who: &Learners,
    ) -> Result<std::collections::HashSet<(String, String, String)>, StoreError> {
        let (cond, p) = who.condition();
        let sql = format!(
            "SELECT p.learner_id, p.course_id, p.item_id FROM item_progress p
             JOIN learners l ON l.id = p.learner_id WHERE {cond} AND p.status = 'passed'"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params![p], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Every certificate's code, per learner: (course id, code).
    pub fn certificate_codes(
        &self,
        who: &Learners,
    ) -> Result<HashMap<String, Vec<(String, String)>>, StoreError> {
        let (cond, p) = who.condition();
        let sql = format!(
            "SELECT c.learner_id, c.course_id, c.code FROM certificates c
             JOIN learners l ON l.id = c.learner_id WHERE {cond} ORDER BY c.issued_at"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![p])?;
        let mut out: HashMap<String, Vec<(String, String)>> = HashMap::new();
        while let Some(r) = rows.next()? {
            out.entry(r.get(0)?)
                .or_default()
                .push((r.get(1)?, r.get(2)?));
        }
        Ok(out)
    }

    /// The learners a tally covers, this desk's and merged ones alike, with their site (None
    /// for this desk) and when they were last seen.
    pub fn tally_learners(
        &self,
        who: &Learners,
    ) -> Result<Vec<(super::Learner, Option<String>)>, StoreError> {
        let (cond, p) = who.condition();
        let sql = format!(
            "SELECT l.id, l.name, l.created_at, l.last_seen_at, l.pin_hash IS NOT NULL,
                    l.archived_at IS NOT NULL, l.language, l.theme, l.site_id
             FROM learners l WHERE {cond} ORDER BY l.name, l.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params![p], |r| {
                Ok((super::learners::row_to_learner(r)?, r.get(8)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

fn tallies(
    conn: &Connection,
    who: &Learners,
    required: &[Required],
    with_times: bool,
) -> Result<HashMap<(String, String), CourseTally>, StoreError> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS required (
             course_id TEXT NOT NULL, item_id TEXT NOT NULL, status TEXT NOT NULL,
             PRIMARY KEY (course_id, item_id)) WITHOUT ROWID;
         DELETE FROM temp.required;",
    )?;
    {
        let mut put = conn.prepare_cached(
            "INSERT OR REPLACE INTO temp.required (course_id, item_id, status) VALUES (?1, ?2, ?3)",
        )?;
        for r in required {
            put.execute(params![r.course_id, r.item_id, r.status])?;
        }
    }
    let (cond, p) = who.condition();
    let mut out: HashMap<(String, String), CourseTally> = HashMap::new();
    let sql = format!(
        "SELECT p.learner_id, p.course_id,
                sum(CASE WHEN r.status = p.status THEN 1 ELSE 0 END),
                sum(CASE WHEN p.status = 'passed' THEN 1 ELSE 0 END),
                count(*)
         FROM item_progress p JOIN learners l ON l.id = p.learner_id
         LEFT JOIN temp.required r ON r.course_id = p.course_id AND r.item_id = p.item_id
         WHERE {cond} GROUP BY p.learner_id, p.course_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![p])?;
    while let Some(r) = rows.next()? {
        let t = out.entry((r.get(0)?, r.get(1)?)).or_default();
        t.finished = r.get::<_, i64>(2)? as usize;
        t.passed = r.get::<_, i64>(3)? as usize;
        t.touched = r.get::<_, i64>(4)? as usize;
    }
    if !with_times {
        return Ok(out);
    }
    // When each required item was first done; the latest is when the course was finished.
    let sql = format!(
        "SELECT learner_id, course_id, max(first) FROM (
             SELECT c.learner_id, c.course_id, min(c.recorded_at) AS first
             FROM completions c JOIN learners l ON l.id = c.learner_id
             JOIN temp.required r ON r.course_id = c.course_id AND r.item_id = c.item_id
                                  AND r.status = c.status
             WHERE {cond} GROUP BY c.learner_id, c.course_id, c.item_id)
         GROUP BY learner_id, course_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![p])?;
    while let Some(r) = rows.next()? {
        if let Some(t) = out.get_mut(&(r.get(0)?, r.get(1)?)) {
            t.finished_at = r.get(2)?;
        }
    }
    let sql = format!(
        "SELECT learner_id, course_id, min(at) FROM (
             SELECT c.learner_id, c.course_id, c.recorded_at AS at FROM completions c
             JOIN learners l ON l.id = c.learner_id WHERE {cond}
             UNION ALL
             SELECT a.learner_id, a.course_id, a.started_at FROM attempts a
             JOIN learners l ON l.id = a.learner_id WHERE {cond})
         GROUP BY learner_id, course_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![p])?;
    while let Some(r) = rows.next()? {
        if let Some(t) = out.get_mut(&(r.get(0)?, r.get(1)?)) {
            t.first_at = r.get(2)?;
        }
    }
    Ok(out)
}
