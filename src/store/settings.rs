//! The `settings` table: what belongs to the installation rather than to one learner, for
//! now the facilitator's password.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, StoreError};
use crate::pin;

/// The shortest facilitator password accepted. The password guards deleting and resetting
/// other people's profiles; wrong tries pause it as they pause a PIN.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The key of the facilitator password's argon2id hash.
const FACILITATOR_PASSWORD: &str = "facilitator_password";
/// Wrong passwords in a row, pauses so far, and the end of the current pause.
const FAILED: &str = "facilitator_failed";
const LOCKOUTS: &str = "facilitator_lockouts";
const LOCKED_UNTIL: &str = "facilitator_locked_until";

impl Store {
    /// Whether a facilitator password was set on this installation.
    pub fn has_facilitator_password(&self) -> Result<bool, StoreError> {
        Ok(setting(&self.conn, FACILITATOR_PASSWORD)?.is_some())
    }

    /// Sets or replaces the facilitator password; it needs [`MIN_PASSWORD_CHARS`]
    /// characters (not bytes: "é" is one) and is kept only as an argon2id hash.
    pub fn set_facilitator_password(&mut self, password: &str) -> Result<(), StoreError> {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(StoreError::WeakPassword);
        }
        let hash = pin::hash_secret(password)?;
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![FACILITATOR_PASSWORD, hash])?;
            Ok(())
        })
    }

    /// Whether `password` is the facilitator password. With none set, nothing matches:
    /// callers ask [`Store::has_facilitator_password`] first to offer setting one.
    pub fn check_facilitator_password(&self, password: &str) -> Result<bool, StoreError> {
        Ok(setting(&self.conn, FACILITATOR_PASSWORD)?
            .is_some_and(|hash| pin::verify_secret(password, &hash)))
    }
}

impl Store {
    /// Signs the facilitator in at `now`, with the same pauses after wrong passwords as a
    /// PIN has: the screen behind it can delete anyone's records. Counted in one write
    /// transaction, so two Hatuas on one file cannot pass the limit together.
    pub fn sign_in_facilitator(
        &mut self,
        password: &str,
        now: time::OffsetDateTime,
    ) -> Result<super::PinCheck, StoreError> {
        use super::pins::{after_wrong, seconds_left, to_millisecond};
        let now = to_millisecond(now);
        self.transact(|tx| {
            let Some(hash) = setting(tx, FACILITATOR_PASSWORD)? else {
                return Ok(super::PinCheck::NoPin);
            };
            if let Some(seconds_left) = seconds_left(setting(tx, LOCKED_UNTIL)?.as_deref(), now) {
                return Ok(super::PinCheck::Locked { seconds_left });
            }
            let number = |key| -> Result<u32, StoreError> {
                Ok(setting(tx, key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
            };
            if pin::verify_secret(password, &hash) {
                for key in [FAILED, LOCKOUTS, LOCKED_UNTIL] {
                    tx.prepare_cached("DELETE FROM settings WHERE key = ?1")?
                        .execute(params![key])?;
                }
                return Ok(super::PinCheck::Accepted);
            }
            let next = after_wrong(number(FAILED)?, number(LOCKOUTS)?, now)?;
            put(tx, FAILED, &next.failed.to_string())?;
            put(tx, LOCKOUTS, &next.lockouts.to_string())?;
            match &next.locked_until {
                Some(until) => put(tx, LOCKED_UNTIL, until)?,
                None => {
                    tx.prepare_cached("DELETE FROM settings WHERE key = ?1")?
                        .execute(params![LOCKED_UNTIL])?;
                }
            }
            Ok(next.answer)
        })
    }
}

fn put(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

pub(super) fn setting(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row(params![key], |row| row.get(0))
        .optional()?)
}
