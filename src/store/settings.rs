//! The `settings` table: what belongs to the installation rather than to one learner, for
//! now the facilitator's password.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, StoreError};
use crate::pin;

/// The shortest facilitator password accepted. The password guards deleting and resetting
/// other people's profiles, and unlike a PIN it has no pause after wrong tries.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The key of the facilitator password's argon2id hash.
const FACILITATOR_PASSWORD: &str = "facilitator_password";

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

fn setting(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row(params![key], |row| row.get(0))
        .optional()?)
}
