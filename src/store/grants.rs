//! The `attempt_grants` table: more attempts at one quiz for one learner, granted by a
//! facilitator when a learner used every attempt and still needs to pass.

use rusqlite::params;

use super::learners::{LearnerId, or_unknown_learner};
use super::{Store, StoreError, new_id, now};

/// Per (course id, quiz id): attempts finished, and attempts granted beyond the limit.
pub type AttemptCounts = std::collections::HashMap<(String, String), (usize, u32)>;

/// The most attempts one grant may add; a facilitator who needs more grants again.
pub const MAX_GRANT: u32 = 100;

impl Store {
    /// Records that `by` gave `learner` `extra` more attempts at a quiz.
    pub fn grant_attempts(
        &mut self,
        learner: &LearnerId,
        course_id: &str,
        quiz_id: &str,
        extra: u32,
        by: &str,
    ) -> Result<(), StoreError> {
        let extra = extra.clamp(1, MAX_GRANT);
        let (id, at) = (new_id(), now()?);
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO attempt_grants
                     (id, learner_id, course_id, quiz_id, extra, granted_by, granted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![id, learner.0, course_id, quiz_id, extra, by, at])
            .map_err(|e| or_unknown_learner(e, learner))?;
            Ok(())
        })
    }

    /// Per (course, quiz), the attempts granted to a learner beyond the limit, and the
    /// attempts she finished: what the facilitator's board needs to see who is stuck.
    pub fn attempt_counts(&self, learner: &LearnerId) -> Result<AttemptCounts, StoreError> {
        let mut counts = std::collections::HashMap::new();
        let mut finished = self.conn.prepare_cached(
            "SELECT a.course_id, a.quiz_id, count(*) FROM attempts a
             JOIN attempt_results r ON r.attempt_id = a.id
             WHERE a.learner_id = ?1 GROUP BY a.course_id, a.quiz_id",
        )?;
        let mut rows = finished.query(params![learner.0])?;
        while let Some(row) = rows.next()? {
            let n: i64 = row.get(2)?;
            counts.entry((row.get(0)?, row.get(1)?)).or_insert((0, 0)).0 = n as usize;
        }
        let mut granted = self.conn.prepare_cached(
            "SELECT course_id, quiz_id, sum(extra) FROM attempt_grants
             WHERE learner_id = ?1 GROUP BY course_id, quiz_id",
        )?;
        let mut rows = granted.query(params![learner.0])?;
        while let Some(row) = rows.next()? {
            let n: i64 = row.get(2)?;
            counts.entry((row.get(0)?, row.get(1)?)).or_insert((0, 0)).1 =
                u32::try_from(n).unwrap_or(u32::MAX);
        }
        Ok(counts)
    }

    /// The attempts granted to a learner at a quiz beyond its limit, all grants added up.
    pub fn granted_attempts(
        &self,
        learner: &LearnerId,
        course_id: &str,
        quiz_id: &str,
    ) -> Result<u32, StoreError> {
        let total: i64 = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(extra), 0) FROM attempt_grants
                 WHERE learner_id = ?1 AND course_id = ?2 AND quiz_id = ?3",
            )?
            .query_row(params![learner.0, course_id, quiz_id], |row| row.get(0))?;
        Ok(u32::try_from(total).unwrap_or(u32::MAX))
    }
}
