//! Learners' pictures in the `learners` table: a new learner with her picture and her PIN
//! of digits or of pictures, and changing the picture later. What the pictures are is in
//! [`crate::pictures`]; PINs, of either kind, are checked in `pins.rs`.

use rusqlite::{Connection, params};

use super::learners::{Learner, LearnerId, expect_one, refuse_taken_name, valid_name};
use super::pins::{NewPin, hash_new_pin};
use super::{Store, StoreError, new_id, now};
use crate::pictures::Picture;

impl Store {
    /// [`Store::add_learner`] with a picture, and a PIN of digits or of pictures.
    pub fn add_learner_with(
        &mut self,
        name: &str,
        picture: Option<Picture>,
        pin: Option<NewPin<'_>>,
    ) -> Result<Learner, StoreError> {
        let name = &valid_name(name)?;
        // Hashing takes tens of milliseconds: done before the write lock is taken.
        let pin_hash = pin.map(hash_new_pin).transpose()?;
        let picture_pin = matches!(pin, Some(NewPin::Pictures(_)));
        let learner = Learner {
            id: LearnerId(new_id()),
            name: name.to_owned(),
            created_at: now()?,
            last_seen_at: None,
            has_pin: pin_hash.is_some(),
            archived: false,
            language: None,
            theme: None,
            picture,
            picture_pin,
        };
        self.transact(|tx| {
            refuse_taken_name(tx, &learner.name, None)?;
            tx.prepare_cached(
                "INSERT INTO learners (id, name, created_at, last_seen_at, pin_hash, picture,
                                       picture_colour, pin_pictures)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                learner.id.0,
                learner.name,
                learner.created_at,
                pin_hash,
                picture.map(|p| p.symbol.id()),
                picture.map(|p| p.colour.id()),
                picture_pin
            ])?;
            Ok(())
        })?;
        Ok(learner)
    }

    /// Sets (or, with `None`, takes away) the learner's picture.
    pub fn set_picture(
        &mut self,
        learner: &LearnerId,
        picture: Option<Picture>,
    ) -> Result<(), StoreError> {
        self.transact(|tx| write_picture(tx, learner, picture))
    }
}

pub(super) fn write_picture(
    conn: &Connection,
    learner: &LearnerId,
    picture: Option<Picture>,
) -> Result<(), StoreError> {
    let changed = conn
        .prepare_cached("UPDATE learners SET picture = ?1, picture_colour = ?2 WHERE id = ?3")?
        .execute(params![
            picture.map(|p| p.symbol.id()),
            picture.map(|p| p.colour.id()),
            learner.0
        ])?;
    expect_one(changed, learner)
}

/// The picture stored as these columns. A word this Hatua does not know (a later Hatua's
/// symbol, a hand edit) reads as no picture: the learner is still listed by name.
pub(super) fn read_picture(symbol: Option<String>, colour: Option<String>) -> Option<Picture> {
    Picture::from_ids(&symbol?, &colour?)
}
