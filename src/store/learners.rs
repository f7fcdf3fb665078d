//! The `learners` table: the profiles people pick on a shared workstation, their names,
//! preferences, archiving and deletion. Their PINs are in `pins.rs`.

use rusqlite::{Connection, OptionalExtension, Row, ffi, params};

use super::pins::{NewPin, hash_new_pin};
use super::{Store, StoreError, is_constraint, now};
use crate::pictures::{Picture, Symbol};

/// What a learner changed in her profile; see [`Store::save_profile`].
#[derive(Debug, Clone, Copy)]
pub struct ProfileChange<'a> {
    /// A new name, when it changed.
    pub name: Option<&'a str>,
    pub pin: PinChange<'a>,
    pub language: Option<&'a str>,
    pub theme: Option<&'a str>,
    /// A new picture, when it changed.
    pub picture: Option<Picture>,
}

/// What a saved profile does to the PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinChange<'a> {
    Keep,
    Set(&'a str),
    /// A picture PIN: three symbols in order.
    SetPictures(&'a [Symbol; crate::pictures::PIN_LENGTH]),
    Remove,
}

/// A learner's id: UUID v4 text, stable across export and merge.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LearnerId(pub String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Learner {
    pub id: LearnerId,
    pub name: String,
    pub created_at: String,
    pub last_seen_at: Option<String>,
    /// Whether opening this profile asks for a PIN. The hash itself never leaves the store.
    pub has_pin: bool,
    /// Hidden from the picker; every record is kept.
    pub archived: bool,
    /// The UI language chosen by this learner; `None` = the installation's default.
    pub language: Option<String>,
    /// The theme chosen by this learner; `None` = the default theme.
    pub theme: Option<String>,
    /// The picture that finds her in the picker; `None` for learners from before pictures.
    pub picture: Option<Picture>,
    /// Whether her PIN is three pictures rather than digits.
    pub picture_pin: bool,
}

/// The columns [`row_to_learner`] reads, followed by the rest of the query.
macro_rules! select_learners {
    ($($rest:tt)*) => {
        concat!(
            "SELECT id, name, created_at, last_seen_at, pin_hash IS NOT NULL,
                    archived_at IS NOT NULL, language, theme,
                    picture, picture_colour, pin_hash IS NOT NULL AND pin_pictures = 1
             FROM learners ",
            $($rest)*
        )
    };
}

/// For a coordinator's list: the most recently seen first, then those never seen, newest
/// first. Never for the picker, whose order must not tell who used the desk last.
macro_rules! recent_order {
    () => {
        "ORDER BY last_seen_at IS NULL, last_seen_at DESC, created_at DESC, rowid DESC"
    };
}

/// Sorts learners by name as people read them (ignoring case and accents), then by id so
/// the order is total.
fn by_name(mut learners: Vec<Learner>) -> Vec<Learner> {
    learners.sort_by_cached_key(|l| (name_key(&l.name), l.id.0.clone()));
    learners
}

impl Store {
    /// Adds a learner, with a PIN if `pin` is given. `name` is trimmed, must not end up
    /// empty, and must differ, ignoring case, from every other learner's (archived ones
    /// too, so that unarchiving never makes two of a name).
    pub fn add_learner(&mut self, name: &str, pin: Option<&str>) -> Result<Learner, StoreError> {
        self.add_learner_with(name, None, pin.map(NewPin::Digits))
    }

    /// The learners to pick from: all but the archived ones, by name. Alphabetical, so the
    /// list does not show who used the desk last.
    pub fn learners(&self) -> Result<Vec<Learner>, StoreError> {
        let mut stmt = self.conn.prepare_cached(select_learners!(
            "WHERE archived_at IS NULL AND site_id IS NULL"
        ))?;
        let learners = stmt
            .query_map([], row_to_learner)?
            .collect::<Result<_, _>>()?;
        Ok(by_name(learners))
    }

    /// Every learner, archived ones too, by name: for the facilitator.
    pub fn all_learners(&self) -> Result<Vec<Learner>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(select_learners!("WHERE site_id IS NULL"))?;
        let learners = stmt
            .query_map([], row_to_learner)?
            .collect::<Result<_, _>>()?;
        Ok(by_name(learners))
    }

    /// Learners, the most recently seen first (archived ones too when `all`): for a
    /// coordinator at a shell, never for the shared screen.
    pub fn learners_recent_first(&self, all: bool) -> Result<Vec<Learner>, StoreError> {
        let sql = if all {
            select_learners!("WHERE site_id IS NULL ", recent_order!())
        } else {
            select_learners!(
                "WHERE archived_at IS NULL AND site_id IS NULL ",
                recent_order!()
            )
        };
        let learners = self
            .conn
            .prepare_cached(sql)?
            .query_map([], row_to_learner)?
            .collect::<Result<_, _>>()?;
        Ok(learners)
    }

    /// One learner, archived or not.
    pub fn learner(&self, learner: &LearnerId) -> Result<Option<Learner>, StoreError> {
        learner_by_id(&self.conn, learner)
    }

    /// The learner whose id is exactly `name_or_id`, or else whose name is `name_or_id`
    /// ignoring case and surrounding spaces; archived learners too. Two learners can share
    /// a name only in a file from before names had to differ: that is
    /// [`StoreError::SameName`], not a guess.
    pub fn find_learner(&self, name_or_id: &str) -> Result<Option<Learner>, StoreError> {
        let wanted = name_or_id.trim();
        if wanted.is_empty() {
            return Ok(None);
        }
        self.read(|conn| {
            if let Some(learner) = learner_by_id(conn, &LearnerId(wanted.to_owned()))? {
                return Ok(Some(learner));
            }
            let mut matches = same_name(conn, wanted)?.into_iter();
            match (matches.next(), matches.next()) {
                (None, _) => Ok(None),
                (Some(id), None) => learner_by_id(conn, &id),
                (Some(_), Some(_)) => Err(StoreError::SameName(wanted.to_owned())),
            }
        })
    }

    /// Renames a learner, with the rules of [`Store::add_learner`]; changing only the case
    /// of one's own name is allowed.
    pub fn rename_learner(
        &mut self,
        learner: &LearnerId,
        name: &str,
    ) -> Result<Learner, StoreError> {
        let name = &valid_name(name)?;
        self.transact(|tx| {
            refuse_taken_name(tx, name, Some(learner))?;
            let changed = tx
                .prepare_cached("UPDATE learners SET name = ?1 WHERE id = ?2")?
                .execute(params![name, learner.0])?;
            expect_one(changed, learner)?;
            learner_by_id(tx, learner)?.ok_or_else(|| StoreError::LearnerNotFound(learner.clone()))
        })
    }

    /// Saves what the learner changed in her profile — name, PIN, language, theme — in one
    /// transaction: a crash never leaves the new name with the old PIN. The PIN is hashed
    /// before the write lock is taken.
    pub fn save_profile(
        &mut self,
        learner: &LearnerId,
        change: &ProfileChange<'_>,
    ) -> Result<Learner, StoreError> {
        let name = change.name.map(valid_name).transpose()?;
        let pin_hash = match change.pin {
            PinChange::Keep => None,
            PinChange::Set(pin) => Some(Some(hash_new_pin(NewPin::Digits(pin))?)),
            PinChange::SetPictures(symbols) => Some(Some(hash_new_pin(NewPin::Pictures(symbols))?)),
            PinChange::Remove => Some(None),
        };
        let picture_pin = matches!(change.pin, PinChange::SetPictures(_));
        self.transact(|tx| {
            if let Some(name) = &name {
                refuse_taken_name(tx, name, Some(learner))?;
                tx.prepare_cached("UPDATE learners SET name = ?1 WHERE id = ?2")?
                    .execute(params![name, learner.0])?;
            }
            if let Some(hash) = &pin_hash {
                tx.prepare_cached(
                    "UPDATE learners
                     SET pin_hash = ?1, pin_pictures = ?3, failed_pins = 0, lockouts = 0,
                         locked_until = NULL
                     WHERE id = ?2",
                )?
                .execute(params![hash, learner.0, picture_pin])?;
            }
            if let Some(picture) = change.picture {
                super::pictures::write_picture(tx, learner, Some(picture))?;
            }
            let changed = tx
                .prepare_cached("UPDATE learners SET language = ?1, theme = ?2 WHERE id = ?3")?
                .execute(params![change.language, change.theme, learner.0])?;
            expect_one(changed, learner)?;
            learner_by_id(tx, learner)?.ok_or_else(|| StoreError::LearnerNotFound(learner.clone()))
        })
    }

    /// Keeps the learner's own language and theme; `None` means the default.
    pub fn set_preferences(
        &mut self,
        learner: &LearnerId,
        language: Option<&str>,
        theme: Option<&str>,
    ) -> Result<(), StoreError> {
        self.transact(|tx| {
            let changed = tx
                .prepare_cached("UPDATE learners SET language = ?1, theme = ?2 WHERE id = ?3")?
                .execute(params![language, theme, learner.0])?;
            expect_one(changed, learner)
        })
    }

    /// Hides a learner from the picker (or brings them back), keeping all their records.
    /// Archiving twice keeps the first date.
    pub fn set_archived(&mut self, learner: &LearnerId, archived: bool) -> Result<(), StoreError> {
        let at = now()?;
        self.transact(|tx| {
            let changed = tx
                .prepare_cached(
                    "UPDATE learners
                     SET archived_at = CASE WHEN ?1 THEN coalesce(archived_at, ?2) END
                     WHERE id = ?3",
                )?
                .execute(params![archived, at, learner.0])?;
            expect_one(changed, learner)
        })
    }

    /// Removes a learner and every record of theirs (progress, places, completions,
    /// attempts, answers, results), all in one transaction: on a power cut either all of it
    /// is gone or none. Her certificates stay checkable without her name (see
    /// `retired_certificates`); the certificates she held are returned, so the caller can
    /// delete their files.
    pub fn delete_learner(
        &mut self,
        learner: &LearnerId,
    ) -> Result<Vec<super::CertificateRecord>, StoreError> {
        let at = now()?;
        self.transact(|tx| {
            let held = super::certificates::held_by(tx, learner)?;
            tx.prepare_cached(
                "INSERT INTO retired_certificates
                     (code, course_id, course_title, course_version, score, issued_on, retired_at)
                 SELECT code, course_id, course_title, course_version, score, issued_on, ?2
                 FROM certificates WHERE learner_id = ?1
                 ON CONFLICT (code) DO NOTHING",
            )?
            .execute(params![learner.0, at])?;
            // The schema's ON DELETE CASCADE removes the records (foreign keys are on for
            // every connection, see `Store::prepare`).
            let changed = tx
                .prepare_cached("DELETE FROM learners WHERE id = ?1")?
                .execute(params![learner.0])?;
            expect_one(changed, learner)?;
            Ok(held)
        })
    }

    /// Records that `learner` is using Hatua now.
    pub fn touch_learner(&mut self, learner: &LearnerId) -> Result<(), StoreError> {
        let seen_at = now()?;
        self.transact(|tx| {
            let changed = tx
                .prepare_cached("UPDATE learners SET last_seen_at = ?1 WHERE id = ?2")?
                .execute(params![seen_at, learner.0])?;
            expect_one(changed, learner)
        })
    }
}

/// `name` cleaned of terminal controls and bidi overrides (it is shown on a shared screen,
/// and a name must not fake another), with spaces collapsed and trimmed; or
/// [`StoreError::EmptyName`].
pub(super) fn valid_name(name: &str) -> Result<String, StoreError> {
    let name = crate::sanitize::clean_line(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        return Err(StoreError::EmptyName);
    }
    Ok(name)
}

/// Names are compared as people at the desk would: ignoring case and accents ("amelie
/// ndeye" is "Amélie Ndèye"), in any script, whatever the keyboard sent for an accent, and
/// ignoring invisible characters — but not the joiners that Persian and Indic scripts need.
/// The same folding as typed answers, so the picker's filter and the name rule agree.
pub fn name_key(name: &str) -> String {
    let visible: String = name
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'))
        .collect();
    crate::quiz::text::normalize(&visible)
}

/// The ids of the learners (archived too) named `name`, ignoring case. Every name is read:
/// SQLite's `lower` folds only ASCII, and a workstation has tens of learners, not millions.
fn same_name(conn: &Connection, name: &str) -> Result<Vec<LearnerId>, StoreError> {
    let key = name_key(name);
    // Learners merged from other sites' exports have names of their own sites.
    let mut stmt =
        conn.prepare_cached("SELECT id, name FROM learners WHERE site_id IS NULL ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    let mut ids = Vec::new();
    while let Some(row) = rows.next()? {
        let other: String = row.get(1)?;
        if name_key(&other) == key {
            ids.push(LearnerId(row.get(0)?));
        }
    }
    Ok(ids)
}

/// Refuses `name` if a learner other than `except` has it, naming the learner who does.
/// Called inside the write transaction that then uses the name, so two desks cannot both
/// take it.
pub(super) fn refuse_taken_name(
    conn: &Connection,
    name: &str,
    except: Option<&LearnerId>,
) -> Result<(), StoreError> {
    if let Some(other) = same_name(conn, name)?.iter().find(|id| Some(*id) != except) {
        let existing = learner_by_id(conn, other)?.map_or_else(|| name.to_owned(), |l| l.name);
        return Err(StoreError::NameTaken(existing));
    }
    Ok(())
}

fn learner_by_id(conn: &Connection, learner: &LearnerId) -> Result<Option<Learner>, StoreError> {
    Ok(conn
        .prepare_cached(select_learners!("WHERE id = ?1"))?
        .query_row(params![learner.0], row_to_learner)
        .optional()?)
}

/// An update of one learner's row changed `changed` rows: none means no such learner.
pub(super) fn expect_one(changed: usize, learner: &LearnerId) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::LearnerNotFound(learner.clone()));
    }
    Ok(())
}

pub(super) fn row_to_learner(row: &Row) -> rusqlite::Result<Learner> {
    Ok(Learner {
        id: LearnerId(row.get(0)?),
        name: row.get(1)?,
        created_at: row.get(2)?,
        last_seen_at: row.get(3)?,
        has_pin: row.get(4)?,
        archived: row.get(5)?,
        language: row.get(6)?,
        theme: row.get(7)?,
        picture: super::pictures::read_picture(row.get(8)?, row.get(9)?),
        picture_pin: row.get(10)?,
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
