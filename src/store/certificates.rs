//! The `certificates` table: what each certificate said when it was issued, by its code.

use rusqlite::{OptionalExtension, Row, params};

use super::learners::{LearnerId, or_unknown_learner};
use super::{Store, StoreError, now};

/// The facts a certificate states; its code is a hash of them (see `certificate::code`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateRecord {
    pub code: String,
    pub learner_id: LearnerId,
    pub learner_name: String,
    pub course_id: String,
    pub course_title: String,
    pub course_version: String,
    /// Percent, 0–100.
    pub score: u32,
    /// The date printed on it, `2026-11-28`.
    pub issued_on: String,
}

/// The columns [`row_to_certificate`] reads, followed by the rest of the query.
macro_rules! select_certificates {
    ($rest:literal) => {
        concat!(
            "SELECT code, learner_id, learner_name, course_id, course_title, course_version,
                    score, issued_on
             FROM certificates ",
            $rest
        )
    };
}

impl Store {
    /// Keeps a certificate's facts under its code. Issuing the same facts twice keeps one.
    pub fn record_certificate(&mut self, c: &CertificateRecord) -> Result<(), StoreError> {
        let at = now()?;
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO certificates (code, learner_id, learner_name, course_id, course_title,
                     course_version, score, issued_on, issued_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (code) DO NOTHING",
            )?
            .execute(params![
                c.code,
                c.learner_id.0,
                c.learner_name,
                c.course_id,
                c.course_title,
                c.course_version,
                c.score,
                c.issued_on,
                at
            ])
            .map_err(|e| or_unknown_learner(e, &c.learner_id))?;
            Ok(())
        })
    }

    /// The certificate with this code, whoever it belongs to: checking one is a
    /// coordinator's task, and the code is printed on the paper.
    pub fn certificate(&self, code: &str) -> Result<Option<CertificateRecord>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(select_certificates!("WHERE code = ?1"))?
            .query_row(params![code], row_to_certificate)
            .optional()?)
    }

    /// A learner's certificates for a course, oldest first.
    pub fn certificates(
        &self,
        learner: &LearnerId,
        course_id: &str,
    ) -> Result<Vec<CertificateRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(select_certificates!(
            "WHERE learner_id = ?1 AND course_id = ?2 ORDER BY issued_at, rowid"
        ))?;
        let rows = stmt
            .query_map(params![learner.0, course_id], row_to_certificate)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

/// What a certificate said, kept after its holder's profile was deleted: everything but who
/// held it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetiredCertificate {
    pub code: String,
    pub course_id: String,
    pub course_title: String,
    pub course_version: String,
    pub score: u32,
    pub issued_on: String,
}

impl Store {
    /// The certificate with this code whose holder's profile was deleted, if there is one.
    pub fn retired_certificate(
        &self,
        code: &str,
    ) -> Result<Option<RetiredCertificate>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT code, course_id, course_title, course_version, score, issued_on
                 FROM retired_certificates WHERE code = ?1",
            )?
            .query_row(params![code], |row| {
                Ok(RetiredCertificate {
                    code: row.get(0)?,
                    course_id: row.get(1)?,
                    course_title: row.get(2)?,
                    course_version: row.get(3)?,
                    score: row.get(4)?,
                    issued_on: row.get(5)?,
                })
            })
            .optional()?)
    }
}

/// Every certificate a learner holds, oldest first.
pub(super) fn held_by(
    conn: &rusqlite::Connection,
    learner: &LearnerId,
) -> Result<Vec<CertificateRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(select_certificates!(
        "WHERE learner_id = ?1 ORDER BY issued_at, rowid"
    ))?;
    let rows = stmt
        .query_map(params![learner.0], row_to_certificate)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn row_to_certificate(row: &Row) -> rusqlite::Result<CertificateRecord> {
    Ok(CertificateRecord {
        code: row.get(0)?,
        learner_id: LearnerId(row.get(1)?),
        learner_name: row.get(2)?,
        course_id: row.get(3)?,
        course_title: row.get(4)?,
        course_version: row.get(5)?,
        score: row.get(6)?,
        issued_on: row.get(7)?,
    })
}
