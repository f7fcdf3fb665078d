//! The records as they travel: read out of a desk for an export (all, or what no export held
//! yet), marked as exported once the file is safely written, and merged into a hub, where
//! every fact keeps its id so the same record never counts twice.
//!
//! The record types and the `Store` methods are here; the reading (`read`) and the merging
//! (`merge`) each have a module of their own.

mod merge;
mod read;

use rusqlite::{OptionalExtension, params};

pub use merge::anonymous_name;

use super::tally::Learners;
use super::{ItemStatus, Store, StoreError, now};
use merge::merge_into;
use read::read_harvest;

/// The page cache while merging, in KiB (a negative `cache_size` counts KiB): 64 MiB.
const MERGE_CACHE_KIB: i64 = -65_536;
/// SQLite's own default, restored after a merge.
const DEFAULT_CACHE_KIB: i64 = -2_000;

/// A learner as exported: no PIN, no preferences.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerRow {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_seen_at: Option<String>,
    pub archived_at: Option<String>,
}

/// Where a learner is in one item, as the desk shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub learner_id: String,
    pub course_id: String,
    pub item_id: String,
    pub status: ItemStatus,
    pub position: u32,
    pub updated_at: String,
}

/// A status an item reached (a lesson read, a quiz passed or failed), with when.
#[derive(Debug, Clone, PartialEq)]
pub struct CompletionRow {
    pub id: String,
    pub learner_id: String,
    pub course_id: String,
    pub item_id: String,
    pub status: ItemStatus,
    pub recorded_at: String,
}

/// An attempt at a quiz and, once finished, its result.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptRow {
    pub id: String,
    pub learner_id: String,
    pub course_id: String,
    pub course_version: String,
    pub quiz_id: String,
    pub seed: i64,
    pub plan: String,
    pub started_at: String,
    pub result: Option<ResultRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub score: f64,
    pub max_score: f64,
    pub passed: bool,
    pub finished_at: String,
}

/// An answer, with the learner and quiz it belongs to (for statements and reports).
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    pub id: String,
    pub attempt_id: String,
    pub learner_id: String,
    pub course_id: String,
    pub quiz_id: String,
    pub question_id: String,
    pub response: String,
    pub score: f64,
    pub max_score: f64,
    pub correct: bool,
    pub answered_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CertificateRow {
    pub code: String,
    pub learner_id: String,
    pub learner_name: String,
    pub course_id: String,
    pub course_title: String,
    pub course_version: String,
    pub score: u32,
    pub issued_on: String,
    pub issued_at: String,
}

/// Everything an export holds, or a merge adds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Harvest {
    pub learners: Vec<LearnerRow>,
    pub items: Vec<ItemRow>,
    pub completions: Vec<CompletionRow>,
    pub attempts: Vec<AttemptRow>,
    pub answers: Vec<AnswerRow>,
    pub certificates: Vec<CertificateRow>,
}

impl Harvest {
    /// The bookkeeping marks of every record held, as [`Store::mark_exported`] keeps them.
    pub fn marks(&self) -> Vec<String> {
        let mut marks = Vec::new();
        marks.extend(self.learners.iter().map(|r| format!("learner:{}", r.id)));
        marks.extend(
            self.completions
                .iter()
                .map(|r| format!("completion:{}", r.id)),
        );
        for a in &self.attempts {
            marks.push(format!("attempt:{}", a.id));
            if a.result.is_some() {
                marks.push(format!("result:{}", a.id));
            }
        }
        marks.extend(self.answers.iter().map(|r| format!("answer:{}", r.id)));
        marks.extend(
            self.certificates
                .iter()
                .map(|r| format!("certificate:{}", r.code)),
        );
        marks
    }

    /// Whether it holds no fact at all (learners alone are no news).
    pub fn is_empty(&self) -> bool {
        self.completions.is_empty()
            && self.attempts.is_empty()
            && self.answers.is_empty()
            && self.certificates.is_empty()
    }
}

/// What a merge added, and what it found there already.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub learners: usize,
    pub attempts: usize,
    pub answers: usize,
    pub completions: usize,
    pub certificates: usize,
    /// Records already present, left as they were.
    pub skipped: usize,
    /// Answers whose attempt is in an earlier export not merged yet: left out until it is.
    pub waiting: usize,
}

/// A site whose export is merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRow {
    pub id: String,
    pub name: String,
    pub public_key: String,
}

/// An export as the desk remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRecord {
    pub id: String,
    pub file: String,
    pub with_names: bool,
}

/// Which records a read takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// Every record of this desk.
    All,
    /// What no export has held yet.
    New,
}

impl Store {
    /// A setting of this data folder (`site_id`, `site_name`), or `None`.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        super::settings::setting(&self.conn, key)
    }

    /// Keeps a setting of this data folder.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
            Ok(())
        })
    }

    /// The value of `key`, made by `make` and kept the first time it is asked for; the same
    /// value for every process that asks at once.
    pub fn setting_or_insert(
        &mut self,
        key: &str,
        make: impl FnOnce() -> String,
    ) -> Result<String, StoreError> {
        self.transact(|tx| {
            if let Some(v) = super::settings::setting(tx, key)? {
                return Ok(v);
            }
            let value = make();
            tx.prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2)")?
                .execute(params![key, value])?;
            Ok(value)
        })
    }

    /// This desk's records, all or those no export held yet, read on one snapshot.
    pub fn harvest(&self, range: Range) -> Result<Harvest, StoreError> {
        self.harvest_of(&Learners::Local, range)
    }

    /// The records of `learners`: this desk's, one merged site's, or everyone's.
    pub fn harvest_of(&self, learners: &Learners, range: Range) -> Result<Harvest, StoreError> {
        self.read(|conn| read_harvest(conn, learners, range))
    }

    /// Remembers that `export` was written holding the records `marks` (see
    /// [`Harvest::marks`]): the next incremental export leaves them out.
    pub fn mark_exported(
        &mut self,
        export: &ExportRecord,
        harvest: &Harvest,
        extra: &[String],
    ) -> Result<(), StoreError> {
        let at = now()?;
        self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO exports (id, file, written_at, with_names, learners, attempts,
                                      answers, completions)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                export.id,
                export.file,
                at,
                export.with_names,
                harvest.learners.len() as i64,
                harvest.attempts.len() as i64,
                harvest.answers.len() as i64,
                harvest.completions.len() as i64,
            ])?;
            let mut mark = tx.prepare_cached(
                "INSERT INTO exported (record, export_id) VALUES (?1, ?2)
                 ON CONFLICT (record) DO NOTHING",
            )?;
            // In key order: appended to the index rather than scattered through it.
            let mut marks = harvest.marks();
            marks.extend(extra.iter().cloned());
            marks.sort_unstable();
            for m in marks {
                mark.execute(params![m, export.id])?;
            }
            Ok(())
        })
    }

    /// Which of `marks` an export held already.
    pub fn exported_among(&self, marks: &[String]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM exported WHERE record = ?1")?;
        let mut found = Vec::new();
        for m in marks {
            if stmt.exists(params![m])? {
                found.push(m.clone());
            }
        }
        Ok(found)
    }

    /// Whether the export `id` was merged here already.
    pub fn was_merged(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM merges WHERE id = ?1")?
            .query_row(params![id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The public key this hub knows `site` by, if it merged an export of it before.
    pub fn site_key(&self, site: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT public_key FROM sites WHERE id = ?1")?
            .query_row(params![site], |r| r.get(0))
            .optional()?)
    }

    /// Every site merged here: id, name.
    pub fn sites(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM sites ORDER BY name, id")?;
        let sites = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(sites)
    }

    /// Adds a site's records, in one transaction: each record whose id is here already is
    /// left as it is and counted as skipped; items' statuses are brought up to date from
    /// what is added. The export `merge_id` is remembered, so the same file twice adds
    /// nothing.
    pub fn merge_harvest(
        &mut self,
        site: &SiteRow,
        merge_id: &str,
        file: &str,
        h: &Harvest,
    ) -> Result<MergeCounts, StoreError> {
        let merged = self.merge_harvest_if(site, merge_id, file, h, || true)?;
        Ok(merged.expect("kept: nothing gave it up"))
    }

    /// [`Store::merge_harvest`], committed only if `keep` says so once everything is
    /// written (a check that ran meanwhile); `None`, and nothing written, when it does not.
    pub fn merge_harvest_if(
        &mut self,
        site: &SiteRow,
        merge_id: &str,
        file: &str,
        h: &Harvest,
        keep: impl FnOnce() -> bool,
    ) -> Result<Option<MergeCounts>, StoreError> {
        let at = now()?;
        // A merge writes hundreds of thousands of rows in one transaction: with a larger page
        // cache the indexes stay in memory while it does.
        self.conn
            .pragma_update(None, "cache_size", MERGE_CACHE_KIB)?;
        let merged = self.transact(|tx| {
            tx.prepare_cached(
                "INSERT INTO sites (id, name, public_key, first_merged_at, last_merged_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                     last_merged_at = excluded.last_merged_at",
            )?
            .execute(params![site.id, site.name, site.public_key, at])?;
            let counts = merge_into(tx, &site.id, h)?;
            tx.prepare_cached(
                "INSERT INTO merges (id, site_id, file, merged_at, learners, attempts, answers,
                                     skipped)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![
                merge_id,
                site.id,
                file,
                at,
                counts.learners as i64,
                counts.attempts as i64,
                counts.answers as i64,
                counts.skipped as i64
            ])?;
            if !keep() {
                return Err(StoreError::GivenUp); // rolled back
            }
            Ok(counts)
        });
        self.conn
            .pragma_update(None, "cache_size", DEFAULT_CACHE_KIB)?;
        match merged {
            Ok(counts) => Ok(Some(counts)),
            Err(StoreError::GivenUp) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
