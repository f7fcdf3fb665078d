//! The `synced`, `sync_rejected` and `syncs` tables: what each Learning Record Store has
//! acknowledged, what it refused and why, and each sync's outcome.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now};

/// What one batch came to: ids the LRS stored now, ids it held already, and ids it
/// refused with its reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    pub sent: Vec<String>,
    pub there: Vec<String>,
    pub rejected: Vec<(String, String)>,
}

/// A sync as the desk remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRecord {
    pub lrs: String,
    pub started_at: String,
    /// `None` while it runs, or if it was cut off.
    pub finished_at: Option<String>,
    pub sent: u64,
    pub there: u64,
    pub rejected: u64,
    /// `done`, or the error that stopped it; `None` if it was cut off.
    pub outcome: Option<String>,
    /// Whom the last sync logged in as.
    pub user: Option<String>,
}

/// The setting that remembers whom the last sync logged in as.
const LRS_USER_SETTING: &str = "lrs_user";

impl Store {
    /// Every statement id `lrs` has acknowledged.
    pub fn acknowledged(&self, lrs: &str) -> Result<HashSet<String>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached("SELECT statement_id FROM synced WHERE lrs = ?1")?;
            let ids = stmt
                .query_map(params![lrs], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(ids)
        })
    }

    /// Begins a sync to `lrs`, logged in as `user` (who is remembered for the next one, so
    /// a facilitator types only the password); returns its id.
    pub fn start_sync(&mut self, lrs: &str, user: &str) -> Result<String, StoreError> {
        let id = uuid::Uuid::new_v4().to_string();
        let at = now()?;
        self.transact(|tx| {
            tx.prepare_cached("INSERT INTO syncs (id, lrs, started_at) VALUES (?1, ?2, ?3)")?
                .execute(params![id, lrs, at])?;
            tx.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![LRS_USER_SETTING, user])?;
            Ok(())
        })?;
        Ok(id)
    }

    /// Keeps what the LRS answered to one batch, in one transaction: a kill -9 after this
    /// loses nothing of it, and before it, the batch is sent again (harmlessly).
    pub fn record_batch(
        &mut self,
        sync: &str,
        lrs: &str,
        outcome: &BatchOutcome,
    ) -> Result<(), StoreError> {
        let at = now()?;
        self.transact(|tx| {
            let mut ack = tx.prepare_cached(
                "INSERT OR IGNORE INTO synced (lrs, statement_id) VALUES (?1, ?2)",
            )?;
            let mut cleared = tx
                .prepare_cached("DELETE FROM sync_rejected WHERE lrs = ?1 AND statement_id = ?2")?;
            for id in outcome.sent.iter().chain(&outcome.there) {
                ack.execute(params![lrs, id])?;
                cleared.execute(params![lrs, id])?;
            }
            let mut refused = tx.prepare_cached(
                "INSERT OR REPLACE INTO sync_rejected (lrs, statement_id, reason, at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, reason) in &outcome.rejected {
                refused.execute(params![lrs, id, reason, at])?;
            }
            tx.prepare_cached(
                "UPDATE syncs SET sent = sent + ?2, there = there + ?3, rejected = rejected + ?4
                 WHERE id = ?1",
            )?
            .execute(params![
                sync,
                outcome.sent.len() as i64,
                outcome.there.len() as i64,
                outcome.rejected.len() as i64
            ])?;
            Ok(())
        })
    }

    /// Ends a sync with its outcome: `done`, or the error that stopped it.
    pub fn finish_sync(&mut self, sync: &str, outcome: &str) -> Result<(), StoreError> {
        let at = now()?;
        self.transact(|tx| {
            tx.prepare_cached("UPDATE syncs SET finished_at = ?2, outcome = ?3 WHERE id = ?1")?
                .execute(params![sync, at, outcome])?;
            Ok(())
        })
    }

    /// The last sync to any LRS, if there was one.
    pub fn last_sync(&self) -> Result<Option<SyncRecord>, StoreError> {
        let user = self.setting(LRS_USER_SETTING)?;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT lrs, started_at, finished_at, sent, there, rejected, outcome
                 FROM syncs ORDER BY started_at DESC, rowid DESC LIMIT 1",
            )?
            .query_row([], |r| {
                Ok(SyncRecord {
                    lrs: r.get(0)?,
                    started_at: r.get(1)?,
                    finished_at: r.get(2)?,
                    sent: r.get::<_, i64>(3)? as u64,
                    there: r.get::<_, i64>(4)? as u64,
                    rejected: r.get::<_, i64>(5)? as u64,
                    outcome: r.get(6)?,
                    user: user.clone(),
                })
            })
            .optional()?)
    }

    /// The statements `lrs` refused the last time they were sent, with its reasons.
    pub fn rejected(&self, lrs: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT statement_id, reason FROM sync_rejected WHERE lrs = ?1 ORDER BY at, statement_id",
        )?;
        let rows = stmt
            .query_map(params![lrs], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
