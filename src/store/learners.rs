//! The `learners` table: the profiles people pick on a shared workstation.

use rusqlite::{Row, ffi, params};

use super::{Store, StoreError, is_constraint, new_id, now};

/// A learner's id: UUID v4 text, stable across export and merge.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LearnerId(pub String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Learner {
    pub id: LearnerId,
    pub name: String,
    pub created_at: String,
    pub last_seen_at: Option<String>,
}

impl Store {
    /// Adds a learner; `name` is trimmed and must not end up empty.
    pub fn add_learner(&mut self, name: &str) -> Result<Learner, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        let learner = Learner {
            id: LearnerId(new_id()),
            name: name.to_owned(),
            created_at: now()?,
            last_seen_at: None,
        };
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO learners (id, name, created_at, last_seen_at) VALUES (?1, ?2, ?3, NULL)",
            )?
            .execute(params![learner.id.0, learner.name, learner.created_at])?;
            Ok(())
        })?;
        Ok(learner)
    }

    /// All learners, the most recently seen first, then those never seen, newest first:
    /// whoever sat here last finds their name at the top.
    pub fn learners(&self) -> Result<Vec<Learner>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, created_at, last_seen_at FROM learners
             ORDER BY last_seen_at IS NULL, last_seen_at DESC, created_at DESC, rowid DESC",
        )?;
        let learners = stmt
            .query_map([], row_to_learner)?
            .collect::<Result<_, _>>()?;
        Ok(learners)
    }

    /// Records that `learner` is using Hatua now.
    pub fn touch_learner(&mut self, learner: &LearnerId) -> Result<(), StoreError> {
        let seen_at = now()?;
        self.transact(|tx| {
            let changed = tx
                .prepare_cached("UPDATE learners SET last_seen_at = ?1 WHERE id = ?2")?
                .execute(params![seen_at, learner.0])?;
            if changed == 0 {
                return Err(StoreError::LearnerNotFound(learner.clone()));
            }
            Ok(())
        })
    }
}

fn row_to_learner(row: &Row) -> rusqlite::Result<Learner> {
    Ok(Learner {
        id: LearnerId(row.get(0)?),
        name: row.get(1)?,
        created_at: row.get(2)?,
        last_seen_at: row.get(3)?,
    })
}

/// Turns the foreign-key failure of a write for an unknown learner into an error that names
/// the learner; the learner's rows are the only foreign key those writes can break.
pub(super) fn or_unknown_learner(error: rusqlite::Error, learner: &LearnerId) -> StoreError {
    if is_constraint(&error, ffi::SQLITE_CONSTRAINT_FOREIGNKEY) {
        StoreError::LearnerNotFound(learner.clone())
    } else {
        StoreError::Sqlite(error)
    }
}
