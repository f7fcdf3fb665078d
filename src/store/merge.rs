//! Merging two profiles of one person (one made at each visit, or "Amina" and "Amina N."):
//! every record of one moves to the other in a single transaction, and the old id is kept
//! so records exported under it can still be matched.

use rusqlite::params;

use super::learners::{LearnerId, expect_one};
use super::{Store, StoreError, now};

/// How far a status goes, for choosing the better of two learners' progress on one item.
const STATUS_RANK: &str = "CASE ?1 WHEN 'passed' THEN 4 WHEN 'done' THEN 3 WHEN 'failed' THEN 2 \
                           WHEN 'in-progress' THEN 1 ELSE 0 END";

impl Store {
    /// Moves every record of `other` to `keep` and removes `other`: attempts and answers,
    /// status history, certificates and granted attempts move as they are; on an item both
    /// worked on, the further status and the later position are kept; the more recent place
    /// to resume wins. `keep`'s name, picture, PIN and preferences stay. All or nothing.
    pub fn merge_learners(
        &mut self,
        keep: &LearnerId,
        other: &LearnerId,
    ) -> Result<(), StoreError> {
        if keep == other {
            return Err(StoreError::MergeSame);
        }
        let at = now()?;
        let rank = |column: &str| STATUS_RANK.replace("?1", column);
        let progress = format!(
            "INSERT INTO item_progress
                 (learner_id, course_id, item_id, status, position, updated_at, content_hash,
                  first_at, done_at)
             SELECT ?1, course_id, item_id, status, position, updated_at, content_hash,
                    first_at, done_at
             FROM item_progress WHERE learner_id = ?2
             ON CONFLICT (learner_id, course_id, item_id) DO UPDATE SET
                 first_at = coalesce(min(item_progress.first_at, excluded.first_at),
                                     item_progress.first_at, excluded.first_at),
                 done_at = coalesce(min(item_progress.done_at, excluded.done_at),
                                    item_progress.done_at, excluded.done_at),
                 content_hash = CASE WHEN {new} > {old} THEN excluded.content_hash
                                     ELSE item_progress.content_hash END,
                 status = CASE WHEN {new} > {old} THEN excluded.status
                               ELSE item_progress.status END,
                 position = max(item_progress.position, excluded.position),
                 updated_at = max(item_progress.updated_at, excluded.updated_at)",
            new = rank("excluded.status"),
            old = rank("item_progress.status"),
        );
        self.transact(|tx| {
            for id in [keep, other] {
                let found: i64 = tx
                    .prepare_cached("SELECT count(*) FROM learners WHERE id = ?1")?
                    .query_row(params![id.0], |r| r.get(0))?;
                expect_one(found as usize, id)?;
            }
            for table in ["attempts", "completions", "certificates", "attempt_grants"] {
                // Table names cannot be bound; these four are this module's own constants.
                tx.prepare_cached(&format!(
                    "UPDATE {table} SET learner_id = ?1 WHERE learner_id = ?2"
                ))?
                .execute(params![keep.0, other.0])?;
            }
            tx.prepare_cached(&progress)?
                .execute(params![keep.0, other.0])?;
            tx.prepare_cached(
                "INSERT INTO places (learner_id, course_id, item_id, updated_at)
                 SELECT ?1, course_id, item_id, updated_at FROM places WHERE learner_id = ?2
                 ON CONFLICT (learner_id) DO UPDATE SET
                     course_id = excluded.course_id, item_id = excluded.item_id,
                     updated_at = excluded.updated_at
                 WHERE excluded.updated_at > places.updated_at",
            )?
            .execute(params![keep.0, other.0])?;
            tx.prepare_cached("UPDATE merged_learners SET into_id = ?1 WHERE into_id = ?2")?
                .execute(params![keep.0, other.0])?;
            tx.prepare_cached(
                "INSERT INTO merged_learners (old_id, into_id, merged_at) VALUES (?2, ?1, ?3)",
            )?
            .execute(params![keep.0, other.0, at])?;
            // What is left of `other` (its progress rows, its place) goes with it.
            tx.prepare_cached("DELETE FROM learners WHERE id = ?1")?
                .execute(params![other.0])?;
            Ok(())
        })
    }

    /// The ids whose records were merged into `learner`, for checking the codes of
    /// certificates issued under them.
    pub fn merged_into(&self, learner: &LearnerId) -> Result<Vec<LearnerId>, StoreError> {
        let ids = self
            .conn
            .prepare_cached("SELECT old_id FROM merged_learners WHERE into_id = ?1")?
            .query_map(params![learner.0], |r| Ok(LearnerId(r.get(0)?)))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }
}
