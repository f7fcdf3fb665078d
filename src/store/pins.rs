//! Learners' PINs in the `learners` table: setting one, and checking one against the
//! lockout rule of [`crate::pin`], with the count of wrong tries kept in the file so that
//! quitting, crashing or a second Hatua on the same file does not reset it.

use rusqlite::{Connection, OptionalExtension, params};
use time::{OffsetDateTime, UtcOffset};

use super::learners::{LearnerId, expect_one};
use super::{Store, StoreError, parse_timestamp, timestamp};
use crate::pictures::{PIN_LENGTH, Symbol, pin_secret};
use crate::pin::{self, MAX_TRIES};

/// A PIN being set: digits, or three pictures in order. Both are hashed and checked alike;
/// a picture PIN is hashed as [`pin_secret`] writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewPin<'a> {
    Digits(&'a str),
    Pictures(&'a [Symbol; PIN_LENGTH]),
}

/// What [`Store::check_pin`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinCheck {
    /// The learner has no PIN: the profile is open to anyone at the desk.
    NoPin,
    /// The right PIN; the count of wrong ones starts again.
    Accepted,
    /// A wrong PIN; after `tries_left` more wrong ones in a row comes a pause.
    Rejected { tries_left: u32 },
    /// Paused after too many wrong PINs: no PIN, not even the right one, is checked until
    /// the pause is over. Rounded up, so it is never 0 while the pause lasts.
    Locked { seconds_left: u64 },
}

impl Store {
    /// Sets (`Some`) or removes (`None`) the learner's PIN. Either way the count of wrong
    /// PINs and any pause are cleared: a facilitator resetting a PIN also unlocks it, and
    /// a picture PIN goes with it.
    pub fn set_pin(&mut self, learner: &LearnerId, pin: Option<&str>) -> Result<(), StoreError> {
        self.set_new_pin(learner, pin.map(NewPin::Digits))
    }

    /// [`Store::set_pin`] for a PIN of digits or of pictures.
    pub fn set_new_pin(
        &mut self,
        learner: &LearnerId,
        pin: Option<NewPin<'_>>,
    ) -> Result<(), StoreError> {
        let pin_hash = pin.map(hash_new_pin).transpose()?;
        let pictures = matches!(pin, Some(NewPin::Pictures(_)));
        self.transact(|tx| {
            let changed = tx
                .prepare_cached(
                    "UPDATE learners
                     SET pin_hash = ?1, pin_pictures = ?2, failed_pins = 0, lockouts = 0,
                         locked_until = NULL
                     WHERE id = ?3",
                )?
                .execute(params![pin_hash, pictures, learner.0])?;
            expect_one(changed, learner)
        })
    }

    /// Checks a PIN typed at `now`, counting a wrong one. The read, the check and the count
    /// are one write transaction, so two Hatuas on one file cannot both pass the limit.
    ///
    /// During a pause the PIN is not even compared: a pause that still answered "right" or
    /// "wrong" would let guessing go on at full speed.
    pub fn check_pin(
        &mut self,
        learner: &LearnerId,
        pin: &str,
        now: OffsetDateTime,
    ) -> Result<PinCheck, StoreError> {
        let now = to_millisecond(now);
        self.transact(|tx| {
            let state = pin_state(tx, learner)?;
            let Some(hash) = state.hash else {
                return Ok(PinCheck::NoPin);
            };
            if let Some(seconds_left) = seconds_left(state.locked_until.as_deref(), now) {
                return Ok(PinCheck::Locked { seconds_left });
            }
            if pin::verify_secret(pin, &hash) {
                tx.prepare_cached(
                    "UPDATE learners SET failed_pins = 0, lockouts = 0, locked_until = NULL
                     WHERE id = ?1",
                )?
                .execute(params![learner.0])?;
                return Ok(PinCheck::Accepted);
            }
            let next = after_wrong(state.failed, state.lockouts, now)?;
            tx.prepare_cached(
                "UPDATE learners SET failed_pins = ?1, lockouts = ?2, locked_until = ?3
                 WHERE id = ?4",
            )?
            .execute(params![
                next.failed,
                next.lockouts,
                next.locked_until,
                learner.0
            ])?;
            Ok(next.answer)
        })
    }

    /// How many seconds of a pause are left at `now`, if the learner is paused: for the
    /// picker to say so before asking for the PIN.
    pub fn pin_lock(
        &self,
        learner: &LearnerId,
        now: OffsetDateTime,
    ) -> Result<Option<u64>, StoreError> {
        let state = self.read(|conn| pin_state(conn, learner))?;
        if state.hash.is_none() {
            return Ok(None);
        }
        Ok(seconds_left(
            state.locked_until.as_deref(),
            to_millisecond(now),
        ))
    }

    /// [`Store::pin_lock`] of every learner of this site (archived ones too), in one query:
    /// the seconds left of each pause still running, by learner. For the picker and the
    /// board, which list them all.
    pub fn pin_locks(
        &self,
        now: OffsetDateTime,
    ) -> Result<std::collections::HashMap<LearnerId, u64>, StoreError> {
        let now = to_millisecond(now);
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, locked_until FROM learners WHERE pin_hash IS NOT NULL \
                 AND locked_until IS NOT NULL AND site_id IS NULL",
            )?;
            let rows = stmt.query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?;
            let mut locks = std::collections::HashMap::new();
            for row in rows {
                let (id, until) = row?;
                if let Some(secs) = seconds_left(Some(&until), now) {
                    locks.insert(LearnerId(id), secs);
                }
            }
            Ok(locks)
        })
    }
}

/// The counters after one more wrong secret, and what to answer.
pub(super) struct AfterWrong {
    pub failed: u32,
    pub lockouts: u32,
    pub locked_until: Option<String>,
    pub answer: PinCheck,
}

/// One more wrong PIN or password: a pause after [`pin::MAX_TRIES`] in a row, each pause
/// longer than the last; the count starts again from 0 after each pause.
pub(super) fn after_wrong(
    failed: u32,
    lockouts: u32,
    now: OffsetDateTime,
) -> Result<AfterWrong, StoreError> {
    let failed = failed.saturating_add(1);
    if failed < MAX_TRIES {
        return Ok(AfterWrong {
            failed,
            lockouts,
            locked_until: None,
            answer: PinCheck::Rejected {
                tries_left: MAX_TRIES - failed,
            },
        });
    }
    let lockouts = lockouts.saturating_add(1);
    let pause = pin::lockout_delay(lockouts);
    Ok(AfterWrong {
        failed: 0,
        lockouts,
        locked_until: Some(timestamp(now + pause)?),
        answer: PinCheck::Locked {
            seconds_left: pause.as_secs(),
        },
    })
}

/// The hash to store for `pin`, refusing digits that are not 4 to 8 of them.
pub(super) fn hash_new_pin(pin: NewPin<'_>) -> Result<String, StoreError> {
    match pin {
        NewPin::Digits(digits) if !pin::is_valid_pin(digits) => Err(StoreError::BadPin),
        NewPin::Digits(digits) => Ok(pin::hash_secret(digits)?),
        NewPin::Pictures(symbols) => Ok(pin::hash_secret(&pin_secret(symbols))?),
    }
}

struct PinState {
    hash: Option<String>,
    failed: u32,
    lockouts: u32,
    locked_until: Option<String>,
}

fn pin_state(conn: &Connection, learner: &LearnerId) -> Result<PinState, StoreError> {
    conn.prepare_cached(
        "SELECT pin_hash, failed_pins, lockouts, locked_until FROM learners WHERE id = ?1",
    )?
    .query_row(params![learner.0], |row| {
        Ok(PinState {
            hash: row.get(0)?,
            failed: row.get(1)?,
            lockouts: row.get(2)?,
            locked_until: row.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| StoreError::LearnerNotFound(learner.clone()))
}

/// Times are stored to the millisecond; cutting `now` the same way keeps a fresh 30 s pause
/// reading as 30 s, not 29.9995 rounded up one way and stored down the other.
pub(super) fn to_millisecond(at: OffsetDateTime) -> OffsetDateTime {
    let below = time::Duration::nanoseconds(i64::from(at.nanosecond() % 1_000_000));
    at.to_offset(UtcOffset::UTC) - below
}

/// Whole seconds, rounded up, until `locked_until`; `None` once it has passed. A value
/// this store did not write counts as no pause: whoever can write that column can as well
/// clear the PIN, so refusing would protect nothing and only strand the learner.
pub(super) fn seconds_left(locked_until: Option<&str>, now: OffsetDateTime) -> Option<u64> {
    let until = parse_timestamp(locked_until?)?;
    let millis = (until - now).whole_milliseconds();
    if millis <= 0 {
        return None;
    }
    u64::try_from((millis + 999) / 1000).ok()
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn seconds_left_round_up_and_end_at_the_stored_time() {
        let until = Some("2026-03-08T09:00:30.000Z");
        let at = |t| seconds_left(until, t);
        assert_eq!(at(datetime!(2026-03-08 09:00:00 UTC)), Some(30));
        assert_eq!(at(datetime!(2026-03-08 09:00:00.001 UTC)), Some(30));
        assert_eq!(at(datetime!(2026-03-08 09:00:29.999 UTC)), Some(1));
        assert_eq!(at(datetime!(2026-03-08 09:00:30 UTC)), None);
        assert_eq!(at(datetime!(2026-03-08 10:00:00 UTC)), None);
        // The same instant seen from another offset.
        assert_eq!(at(datetime!(2026-03-08 12:00:10 +03:00)), Some(20));
        assert_eq!(seconds_left(None, datetime!(2026-03-08 09:00:00 UTC)), None);
        assert_eq!(
            seconds_left(Some("soon"), datetime!(2026-03-08 09:00:00 UTC)),
            None
        );
    }

    #[test]
    fn now_is_cut_to_the_millisecond_in_utc() {
        let at = datetime!(2026-03-08 12:00:00.123_456_789 +03:00);
        assert_eq!(to_millisecond(at), datetime!(2026-03-08 09:00:00.123 UTC));
        assert_eq!(to_millisecond(at).offset(), UtcOffset::UTC);
    }
}
