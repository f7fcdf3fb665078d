//! The `item_progress`, `completions` and `places` tables: how far each learner got in each
//! item, every status change as a fact, and where each learner resumes.

use std::collections::HashMap;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};

use super::learners::{LearnerId, or_unknown_learner};
use super::{Store, StoreError, new_id, now};

/// Where a learner is with one course item. Stored as the text of [`ItemStatus::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemStatus {
    NotStarted,
    InProgress,
    Done,
    Passed,
    Failed,
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "not-started",
            ItemStatus::InProgress => "in-progress",
            ItemStatus::Done => "done",
            ItemStatus::Passed => "passed",
            ItemStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<ItemStatus> {
        Some(match text {
            "not-started" => ItemStatus::NotStarted,
            "in-progress" => ItemStatus::InProgress,
            "done" => ItemStatus::Done,
            "passed" => ItemStatus::Passed,
            "failed" => ItemStatus::Failed,
            _ => return None,
        })
    }

    /// The status an item shows once `next` is recorded over this one. Done and Passed are
    /// earned and never taken back (a later failed attempt does not undo a pass), except
    /// that Done becomes Passed.
    pub(crate) fn followed_by(self, next: ItemStatus) -> ItemStatus {
        match (self, next) {
            (ItemStatus::Passed, _) => ItemStatus::Passed,
            (ItemStatus::Done, ItemStatus::Passed) => ItemStatus::Passed,
            (ItemStatus::Done, _) => ItemStatus::Done,
            (_, next) => next,
        }
    }
}

impl ToSql for ItemStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for ItemStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        ItemStatus::parse(text)
            .ok_or_else(|| FromSqlError::Other(format!("unknown item status {text:?}").into()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemProgress {
    pub status: ItemStatus,
    /// How far into the item the learner got (a scroll line, a question number).
    pub position: u32,
    pub updated_at: String,
    /// Hash of the lesson text when it was read (see [`Store::set_content_hash`]).
    pub content_hash: Option<String>,
    /// For a quiz: the best finished attempt's score, in percent (as [`crate::quiz::percent`]
    /// rounds it).
    pub best_percent: Option<u32>,
}

/// A course item: where a learner resumes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub course_id: String,
    pub item_id: String,
}

impl Store {
    /// The learner's progress in one course, keyed by item id. Items never opened are absent.
    pub fn item_progress(
        &self,
        learner: &LearnerId,
        course_id: &str,
    ) -> Result<HashMap<String, ItemProgress>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.item_id, p.status, p.position, p.updated_at, p.content_hash,
                    (SELECT MAX(CASE WHEN r.max_score > 0 THEN r.score / r.max_score END)
                     FROM attempts a JOIN attempt_results r ON r.attempt_id = a.id
                     WHERE a.learner_id = p.learner_id AND a.course_id = p.course_id
                       AND a.quiz_id = p.item_id)
             FROM item_progress p
             WHERE p.learner_id = ?1 AND p.course_id = ?2",
        )?;
        let progress = stmt
            .query_map(params![learner.0, course_id], row_to_item_progress)?
            .collect::<Result<_, _>>()?;
        Ok(progress)
    }

    /// Keeps the hash of the text the learner read, so a changed lesson can be marked
    /// "updated" later. Only for an item the learner has progress on.
    pub fn set_content_hash(
        &mut self,
        learner: &LearnerId,
        course_id: &str,
        item_id: &str,
        hash: &str,
    ) -> Result<(), StoreError> {
        self.transact(|tx| {
            tx.prepare_cached(
                "UPDATE item_progress SET content_hash = ?4
                 WHERE learner_id = ?1 AND course_id = ?2 AND item_id = ?3",
            )?
            .execute(params![learner.0, course_id, item_id, hash])?;
            Ok(())
        })
    }

    /// Remembers how far the learner got in an item. Opening an item starts it; a status
    /// already reached (done, passed, failed) is kept.
    pub fn save_position(
        &mut self,
        learner: &LearnerId,
        course_id: &str,
        item_id: &str,
        position: u32,
    ) -> Result<(), StoreError> {
        let at = now()?;
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO item_progress (learner_id, course_id, item_id, status, position, updated_at)
                 VALUES (?1, ?2, ?3, 'in-progress', ?4, ?5)
                 ON CONFLICT (learner_id, course_id, item_id) DO UPDATE SET
                     position = excluded.position,
                     updated_at = excluded.updated_at,
                     status = CASE status WHEN 'not-started' THEN 'in-progress' ELSE status END",
            )?
            .execute(params![learner.0, course_id, item_id, position, at])
            .map_err(|e| or_unknown_learner(e, learner))?;
            Ok(())
        })
    }

    /// Records `status` for an item as a fact, and returns the status the item now shows,
    /// which is not `status` when that would take back a pass or a completion.
    pub fn set_status(
        &mut self,
        learner: &LearnerId,
        course_id: &str,
        item_id: &str,
        status: ItemStatus,
    ) -> Result<ItemStatus, StoreError> {
        let at = now()?;
        self.transact(|tx| record_status(tx, learner, course_id, item_id, status, &at))
    }

    /// A lesson read to its end: done, with the hash of the text read (to say "updated"
    /// when a later version changes it), in one transaction so neither is kept alone.
    pub fn mark_read(
        &mut self,
        learner: &LearnerId,
        course_id: &str,
        item_id: &str,
        content_hash: &str,
    ) -> Result<ItemStatus, StoreError> {
        let at = now()?;
        self.transact(|tx| {
            let shown = record_status(tx, learner, course_id, item_id, ItemStatus::Done, &at)?;
            tx.prepare_cached(
                "UPDATE item_progress SET content_hash = ?4
                 WHERE learner_id = ?1 AND course_id = ?2 AND item_id = ?3",
            )?
            .execute(params![learner.0, course_id, item_id, content_hash])?;
            Ok(shown)
        })
    }

    pub fn last_place(&self, learner: &LearnerId) -> Result<Option<Place>, StoreError> {
        let place = self
            .conn
            .prepare_cached("SELECT course_id, item_id FROM places WHERE learner_id = ?1")?
            .query_row(params![learner.0], |row| {
                Ok(Place {
                    course_id: row.get(0)?,
                    item_id: row.get(1)?,
                })
            })
            .optional()?;
        Ok(place)
    }

    pub fn set_last_place(&mut self, learner: &LearnerId, place: &Place) -> Result<(), StoreError> {
        let at = now()?;
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO places (learner_id, course_id, item_id, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (learner_id) DO UPDATE SET
                     course_id = excluded.course_id,
                     item_id = excluded.item_id,
                     updated_at = excluded.updated_at",
            )?
            .execute(params![learner.0, place.course_id, place.item_id, at])
            .map_err(|e| or_unknown_learner(e, learner))?;
            Ok(())
        })
    }
}

/// The body of [`Store::set_status`], for callers already inside a transaction.
pub(super) fn record_status(
    conn: &Connection,
    learner: &LearnerId,
    course_id: &str,
    item_id: &str,
    status: ItemStatus,
    at: &str,
) -> Result<ItemStatus, StoreError> {
    let shown = apply_status(conn, learner, course_id, item_id, status, at)?;
    conn.prepare_cached(
        "INSERT INTO completions (id, learner_id, course_id, item_id, status, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![new_id(), learner.0, course_id, item_id, status, at])?;
    Ok(shown)
}

/// Brings an item's derived status up to date with a status reached at `at` (a pass or a
/// completion is never taken back), without recording it as a fact: for facts recorded
/// elsewhere and merged here.
pub(super) fn apply_status(
    conn: &Connection,
    learner: &LearnerId,
    course_id: &str,
    item_id: &str,
    status: ItemStatus,
    at: &str,
) -> Result<ItemStatus, StoreError> {
    let current: Option<ItemStatus> = conn
        .prepare_cached(
            "SELECT status FROM item_progress
             WHERE learner_id = ?1 AND course_id = ?2 AND item_id = ?3",
        )?
        .query_row(params![learner.0, course_id, item_id], |row| row.get(0))
        .optional()?;
    let shown = current.map_or(status, |current| current.followed_by(status));
    // The item's first record and first finish, kept for the reports (migration 010): the
    // earliest times of the statuses recorded for it, as `completions` holds them.
    let finished = matches!(status, ItemStatus::Done | ItemStatus::Passed).then_some(at);
    conn.prepare_cached(
        "INSERT INTO item_progress
             (learner_id, course_id, item_id, status, position, updated_at, first_at, done_at)
         VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5, ?6)
         ON CONFLICT (learner_id, course_id, item_id) DO UPDATE SET
             status = excluded.status,
             updated_at = excluded.updated_at,
             first_at = min(coalesce(item_progress.first_at, excluded.first_at), excluded.first_at),
             done_at = coalesce(min(item_progress.done_at, excluded.done_at),
                                item_progress.done_at, excluded.done_at)",
    )?
    .execute(params![learner.0, course_id, item_id, shown, at, finished])
    .map_err(|e| or_unknown_learner(e, learner))?;
    Ok(shown)
}

fn row_to_item_progress(row: &Row) -> rusqlite::Result<(String, ItemProgress)> {
    Ok((
        row.get(0)?,
        ItemProgress {
            status: row.get(1)?,
            position: row.get(2)?,
            updated_at: row.get(3)?,
            content_hash: row.get(4)?,
            best_percent: row
                .get::<_, Option<f64>>(5)?
                .map(|fraction| crate::quiz::percent(fraction, 1.0)),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::ItemStatus::{self, *};

    #[test]
    fn status_text_round_trips() {
        for status in [NotStarted, InProgress, Done, Passed, Failed] {
            assert_eq!(ItemStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ItemStatus::parse("Passed"), None);
    }

    #[test]
    fn done_and_passed_are_never_taken_back() {
        assert_eq!(Passed.followed_by(Failed), Passed);
        assert_eq!(Passed.followed_by(InProgress), Passed);
        assert_eq!(Passed.followed_by(Done), Passed);
        assert_eq!(Done.followed_by(InProgress), Done);
        assert_eq!(Done.followed_by(Failed), Done);
        assert_eq!(Done.followed_by(Passed), Passed);
        assert_eq!(Failed.followed_by(Passed), Passed);
        assert_eq!(Failed.followed_by(Failed), Failed);
        assert_eq!(InProgress.followed_by(Done), Done);
        assert_eq!(NotStarted.followed_by(Failed), Failed);
    }
}
