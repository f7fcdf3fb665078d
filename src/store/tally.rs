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
pub type AttemptCounts = HashMap<(String, String, String), (usize, u32)>;

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

    /// Finished attempts and grants, (used, granted), at the quizzes in `limited` (course
    /// id, quiz id: those with an attempt limit) that each learner has tried and not
    /// passed: the only ones that can have run out of attempts.
    pub fn unpassed_attempt_counts(
        &self,
        who: &Learners,
        limited: &[(&str, &str)],
    ) -> Result<AttemptCounts, StoreError> {
        let mut counts = AttemptCounts::new();
        if limited.is_empty() {
            return Ok(counts);
        }
        self.read(|conn| {
            conn.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS limited (
                     course_id TEXT NOT NULL, quiz_id TEXT NOT NULL,
                     PRIMARY KEY (course_id, quiz_id)) WITHOUT ROWID;
                 DELETE FROM temp.limited;",
            )?;
            let mut put = conn.prepare_cached(
                "INSERT OR IGNORE INTO temp.limited (course_id, quiz_id) VALUES (?1, ?2)",
            )?;
            for (course, quiz) in limited {
                put.execute(params![course, quiz])?;
            }
            let (_, p) = who.condition();
            let sql = format!(
                "SELECT p.learner_id, p.course_id, p.item_id,
                        (SELECT count(*) FROM attempts a
                         JOIN attempt_results r ON r.attempt_id = a.id
                         WHERE a.learner_id = p.learner_id AND a.course_id = p.course_id
                           AND a.quiz_id = p.item_id),
                        (SELECT coalesce(sum(g.extra), 0) FROM attempt_grants g
                         WHERE g.learner_id = p.learner_id AND g.course_id = p.course_id
                           AND g.quiz_id = p.item_id)
                 FROM item_progress p
                 JOIN temp.limited q ON q.course_id = p.course_id AND q.quiz_id = p.item_id
                 WHERE p.{} AND p.status <> 'passed'",
                of_learners(who)
            );
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(params![p])?;
            while let Some(r) = rows.next()? {
                let used: i64 = r.get(3)?;
                let granted: i64 = r.get(4)?;
                counts.insert(
                    (r.get(0)?, r.get(1)?, r.get(2)?),
                    (
                        usize::try_from(used).unwrap_or(0),
                        u32::try_from(granted).unwrap_or(u32::MAX),
                    ),
                );
            }
            Ok(counts)
        })
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
                    l.archived_at IS NOT NULL, l.language, l.theme, l.picture,
                    l.picture_colour, l.pin_hash IS NOT NULL AND l.pin_pictures = 1, l.site_id
             FROM learners l WHERE {cond} ORDER BY l.name, l.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params![p], |r| {
                Ok((super::learners::row_to_learner(r)?, r.get(11)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

/// What a course requires, looked up by borrowed ids: course → item → the status that
/// counts as done.
type Needs<'a> = HashMap<&'a str, HashMap<&'a str, ItemStatus>>;

fn needs(required: &[Required]) -> Needs<'_> {
    let mut needs: Needs = HashMap::new();
    for r in required {
        needs
            .entry(r.course_id.as_str())
            .or_default()
            .insert(r.item_id.as_str(), r.status);
    }
    needs
}

/// The learners' rows of a table, as a condition on its `learner_id`: a list SQLite builds
/// once, so the table is read in its own key order and grouped without sorting.
fn of_learners(who: &Learners) -> String {
    let (cond, _) = who.condition();
    format!("learner_id IN (SELECT l.id FROM learners l WHERE {cond})")
}

/// Groups rows that arrive keyed by (learner, course): a key is copied only when it
/// changes, and a key met again later adds to its first group.
struct Groups<T> {
    out: HashMap<(String, String), T>,
    current: Option<((String, String), T)>,
}

impl<T: Default> Groups<T> {
    fn new() -> Self {
        Groups {
            out: HashMap::new(),
            current: None,
        }
    }

    fn at(&mut self, learner: &str, course: &str) -> &mut T {
        let same = self
            .current
            .as_ref()
            .is_some_and(|((l, c), _)| l == learner && c == course);
        if !same {
            self.flush();
            let key = (learner.to_string(), course.to_string());
            let value = self.out.remove(&key).unwrap_or_default();
            self.current = Some((key, value));
        }
        &mut self.current.as_mut().expect("set above").1
    }

    fn flush(&mut self) {
        if let Some((key, value)) = self.current.take() {
            self.out.insert(key, value);
        }
    }

    fn finish(mut self) -> HashMap<(String, String), T> {
        self.flush();
        self.out
    }
}

fn str_at<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    Ok(row.get_ref(i)?.as_str()?)
}

fn opt_str_at<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(row.get_ref(i)?.as_str_or_null()?)
}

fn tallies(
    conn: &Connection,
    who: &Learners,
    required: &[Required],
    with_times: bool,
) -> Result<HashMap<(String, String), CourseTally>, StoreError> {
    let needs = needs(required);
    let (_, p) = who.condition();
    let sql = format!(
        "SELECT learner_id, course_id, item_id, status, first_at, done_at FROM item_progress
         WHERE {}",
        of_learners(who)
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![p])?;
    let mut groups: Groups<CourseTally> = Groups::new();
    while let Some(r) = rows.next()? {
        let (course, item, status) = (str_at(r, 1)?, str_at(r, 2)?, str_at(r, 3)?);
        let t = groups.at(str_at(r, 0)?, course);
        t.touched += 1;
        if status == ItemStatus::Passed.as_str() {
            t.passed += 1;
        }
        let need = needs.get(course).and_then(|items| items.get(item));
        if need.is_some_and(|s| s.as_str() == status) {
            t.finished += 1;
        }
        if with_times {
            // The course was begun at its earliest record and finished when the last of
            // its required items was first finished (migration 010 keeps both per item).
            if let Some(first) = opt_str_at(r, 4)? {
                earliest(&mut t.first_at, first);
            }
            if let (Some(_), Some(done)) = (need, opt_str_at(r, 5)?) {
                latest(&mut t.finished_at, done);
            }
        }
    }
    let mut out = groups.finish();
    if with_times {
        attempt_starts(conn, who, &mut out)?;
    }
    Ok(out)
}

/// An attempt begun and not finished is a record of the course too: it records no status.
fn attempt_starts(
    conn: &Connection,
    who: &Learners,
    out: &mut HashMap<(String, String), CourseTally>,
) -> Result<(), StoreError> {
    let (_, p) = who.condition();
    let sql = format!(
        "SELECT learner_id, course_id, min(started_at) FROM attempts
         WHERE {} GROUP BY learner_id, course_id",
        of_learners(who)
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![p])?;
    // One key, its text replaced row by row: no allocation per row.
    let mut key = (String::new(), String::new());
    while let Some(r) = rows.next()? {
        key.0.clear();
        key.0.push_str(str_at(r, 0)?);
        key.1.clear();
        key.1.push_str(str_at(r, 1)?);
        if let Some(t) = out.get_mut(&key) {
            earliest(&mut t.first_at, str_at(r, 2)?);
        }
    }
    Ok(())
}

/// Keeps the earlier of two stored times (they sort as text).
fn earliest(slot: &mut Option<String>, at: &str) {
    if slot.as_deref().is_none_or(|s| at < s) {
        *slot = Some(at.to_string());
    }
}

/// Keeps the later of two stored times.
fn latest(slot: &mut Option<String>, at: &str) {
    if slot.as_deref().is_none_or(|s| at > s) {
        *slot = Some(at.to_string());
    }
}
