//! The records as they travel: read out of a desk for an export (all, or what no export held
//! yet), marked as exported once the file is safely written, and merged into a hub, where
//! every fact keeps its id so the same record never counts twice.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::tally::Learners;
use super::{ItemStatus, Store, StoreError, now};

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
            Ok(counts)
        });
        self.conn
            .pragma_update(None, "cache_size", DEFAULT_CACHE_KIB)?;
        merged
    }
}

fn read_harvest(
    conn: &Connection,
    learners: &Learners,
    range: Range,
) -> Result<Harvest, StoreError> {
    let new_only = range == Range::New;
    // Records of this desk only, and in incremental mode only those not marked.
    let unmarked = |kind: &str, id: &str| {
        if new_only {
            format!("AND NOT EXISTS (SELECT 1 FROM exported WHERE record = '{kind}:' || {id})")
        } else {
            String::new()
        }
    };
    let (local, param) = learners.condition();
    let mut h = Harvest::default();
    let sql = format!(
        "SELECT l.id, l.name, l.created_at, l.last_seen_at, l.archived_at FROM learners l
         WHERE {local} ORDER BY l.rowid"
    );
    h.learners = query(conn, &sql, param, |r| {
        Ok(LearnerRow {
            id: r.get(0)?,
            name: r.get(1)?,
            created_at: r.get(2)?,
            last_seen_at: r.get(3)?,
            archived_at: r.get(4)?,
        })
    })?;
    let sql = format!(
        "SELECT p.learner_id, p.course_id, p.item_id, p.status, p.position, p.updated_at
         FROM item_progress p JOIN learners l ON l.id = p.learner_id WHERE {local}"
    );
    h.items = query(conn, &sql, param, |r| {
        Ok(ItemRow {
            learner_id: r.get(0)?,
            course_id: r.get(1)?,
            item_id: r.get(2)?,
            status: r.get(3)?,
            position: r.get(4)?,
            updated_at: r.get(5)?,
        })
    })?;
    let sql = format!(
        "SELECT c.id, c.learner_id, c.course_id, c.item_id, c.status, c.recorded_at
         FROM completions c JOIN learners l ON l.id = c.learner_id WHERE {local} {}",
        unmarked("completion", "c.id")
    );
    h.completions = query(conn, &sql, param, |r| {
        Ok(CompletionRow {
            id: r.get(0)?,
            learner_id: r.get(1)?,
            course_id: r.get(2)?,
            item_id: r.get(3)?,
            status: r.get(4)?,
            recorded_at: r.get(5)?,
        })
    })?;
    // An attempt is news when it is new, or when its result is.
    let attempt_news = if new_only {
        "AND (NOT EXISTS (SELECT 1 FROM exported WHERE record = 'attempt:' || a.id)
              OR (r.attempt_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM exported WHERE record = 'result:' || a.id)))"
    } else {
        ""
    };
    let sql = format!(
        "SELECT a.id, a.learner_id, a.course_id, a.course_version, a.quiz_id, a.seed, a.plan,
                a.started_at, r.score, r.max_score, r.passed, r.finished_at
         FROM attempts a JOIN learners l ON l.id = a.learner_id
         LEFT JOIN attempt_results r ON r.attempt_id = a.id
         WHERE {local} {attempt_news}"
    );
    h.attempts = query(conn, &sql, param, row_to_attempt)?;
    let sql = format!(
        "SELECT s.id, s.attempt_id, a.learner_id, a.course_id, a.quiz_id, s.question_id,
                s.response, s.score, s.max_score, s.correct, s.answered_at
         FROM answers s JOIN attempts a ON a.id = s.attempt_id
         JOIN learners l ON l.id = a.learner_id
         WHERE {local} {}",
        unmarked("answer", "s.id")
    );
    h.answers = query(conn, &sql, param, |r| {
        Ok(AnswerRow {
            id: r.get(0)?,
            attempt_id: r.get(1)?,
            learner_id: r.get(2)?,
            course_id: r.get(3)?,
            quiz_id: r.get(4)?,
            question_id: r.get(5)?,
            response: r.get(6)?,
            score: r.get(7)?,
            max_score: r.get(8)?,
            correct: r.get(9)?,
            answered_at: r.get(10)?,
        })
    })?;
    let sql = format!(
        "SELECT c.code, c.learner_id, c.learner_name, c.course_id, c.course_title,
                c.course_version, c.score, c.issued_on, c.issued_at
         FROM certificates c JOIN learners l ON l.id = c.learner_id WHERE {local} {}
         ORDER BY c.issued_at, c.code",
        unmarked("certificate", "c.code")
    );
    h.certificates = query(conn, &sql, param, row_to_certificate)?;
    Ok(h)
}

/// Runs `sql`, whose `?1` is `param`.
fn query<T>(
    conn: &Connection,
    sql: &str,
    param: Option<&str>,
    f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map(params![param], f)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn row_to_attempt(r: &rusqlite::Row) -> rusqlite::Result<AttemptRow> {
    let finished: Option<String> = r.get(11)?;
    Ok(AttemptRow {
        id: r.get(0)?,
        learner_id: r.get(1)?,
        course_id: r.get(2)?,
        course_version: r.get(3)?,
        quiz_id: r.get(4)?,
        seed: r.get(5)?,
        plan: r.get(6)?,
        started_at: r.get(7)?,
        result: match finished {
            Some(finished_at) => Some(ResultRow {
                score: r.get(8)?,
                max_score: r.get(9)?,
                passed: r.get(10)?,
                finished_at,
            }),
            None => None,
        },
    })
}

fn row_to_certificate(r: &rusqlite::Row) -> rusqlite::Result<CertificateRow> {
    Ok(CertificateRow {
        code: r.get(0)?,
        learner_id: r.get(1)?,
        learner_name: r.get(2)?,
        course_id: r.get(3)?,
        course_title: r.get(4)?,
        course_version: r.get(5)?,
        score: r.get(6)?,
        issued_on: r.get(7)?,
        issued_at: r.get(8)?,
    })
}

/// The name a learner merged without a name is shown by: her id's first eight characters.
pub fn anonymous_name(id: &str) -> String {
    format!("learner {}", id.chars().take(8).collect::<String>())
}

/// An item's state from an export: added, or brought forward as `followed_by` would.
pub(super) const MERGE_ITEM: &str = "
    INSERT INTO item_progress (learner_id, course_id, item_id, status, position, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
    ON CONFLICT (learner_id, course_id, item_id) DO UPDATE SET
        status = CASE
            WHEN item_progress.status = 'passed' THEN 'passed'
            WHEN item_progress.status = 'done' AND excluded.status = 'passed' THEN 'passed'
            WHEN item_progress.status = 'done' THEN 'done'
            ELSE excluded.status
        END,
        updated_at = max(item_progress.updated_at, excluded.updated_at)";

fn merge_into(tx: &Transaction, site: &str, h: &Harvest) -> Result<MergeCounts, StoreError> {
    let mut c = MergeCounts::default();
    let added = |n: usize, into: &mut usize, skipped: &mut usize| {
        if n > 0 {
            *into += 1;
        } else {
            *skipped += 1;
        }
    };
    let mut learner = tx.prepare_cached(
        "INSERT INTO learners (id, name, created_at, last_seen_at, archived_at, site_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING",
    )?;
    for l in &h.learners {
        let name = if l.name.trim().is_empty() {
            anonymous_name(&l.id)
        } else {
            l.name.clone()
        };
        let n = learner.execute(params![
            l.id,
            name,
            l.created_at,
            l.last_seen_at,
            l.archived_at,
            site
        ])?;
        added(n, &mut c.learners, &mut c.skipped);
    }
    // Where a learner is in an item is derived state: brought forward, never back, by the
    // rule of `ItemStatus::followed_by` (a test holds the two to the same answers).
    let mut item = tx.prepare_cached(MERGE_ITEM)?;
    for i in &h.items {
        item.execute(params![
            i.learner_id,
            i.course_id,
            i.item_id,
            i.status,
            i.position,
            i.updated_at
        ])?;
    }
    let mut completion = tx.prepare_cached(
        "INSERT INTO completions (id, learner_id, course_id, item_id, status, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING",
    )?;
    // In key order, so each index grows at its end rather than being cut into.
    let mut completions: Vec<&CompletionRow> = h.completions.iter().collect();
    completions.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    for r in completions {
        let n = completion.execute(params![
            r.id,
            r.learner_id,
            r.course_id,
            r.item_id,
            r.status,
            r.recorded_at
        ])?;
        // Statuses come from the items' table above, which an export holds in full.
        added(n, &mut c.completions, &mut c.skipped);
    }
    merge_attempts(tx, h, &mut c)?;
    let mut certificate = tx.prepare_cached(
        "INSERT INTO certificates (code, learner_id, learner_name, course_id, course_title,
                                   course_version, score, issued_on, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (code) DO NOTHING",
    )?;
    for r in &h.certificates {
        let n = certificate.execute(params![
            r.code,
            r.learner_id,
            r.learner_name,
            r.course_id,
            r.course_title,
            r.course_version,
            r.score,
            r.issued_on,
            r.issued_at
        ])?;
        added(n, &mut c.certificates, &mut c.skipped);
    }
    Ok(c)
}

fn merge_attempts(tx: &Transaction, h: &Harvest, c: &mut MergeCounts) -> Result<(), StoreError> {
    let mut attempt = tx.prepare_cached(
        "INSERT INTO attempts (id, learner_id, course_id, course_version, quiz_id, seed, plan,
                               started_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
    )?;
    let mut result = tx.prepare_cached(
        "INSERT INTO attempt_results (attempt_id, score, max_score, passed, finished_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (attempt_id) DO NOTHING",
    )?;
    let mut attempts: Vec<&AttemptRow> = h.attempts.iter().collect();
    attempts.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    for a in attempts {
        let n = attempt.execute(params![
            a.id,
            a.learner_id,
            a.course_id,
            a.course_version,
            a.quiz_id,
            a.seed,
            a.plan,
            a.started_at
        ])?;
        if n > 0 {
            c.attempts += 1;
        } else {
            c.skipped += 1;
        }
        if let Some(r) = &a.result {
            result.execute(params![a.id, r.score, r.max_score, r.passed, r.finished_at])?;
        }
    }
    let in_file: std::collections::HashSet<&str> =
        h.attempts.iter().map(|a| a.id.as_str()).collect();
    let mut attempt_here = tx.prepare_cached("SELECT 1 FROM attempts WHERE id = ?1")?;
    let mut answer = tx.prepare_cached(
        "INSERT INTO answers (id, attempt_id, question_id, response, score, max_score, correct,
                              answered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
    )?;
    let mut answers: Vec<&AnswerRow> = h.answers.iter().collect();
    answers.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    for s in answers {
        if !in_file.contains(s.attempt_id.as_str())
            && !attempt_here.exists(params![s.attempt_id])?
        {
            c.waiting += 1;
            continue;
        }
        let n = answer.execute(params![
            s.id,
            s.attempt_id,
            s.question_id,
            s.response,
            s.score,
            s.max_score,
            s.correct,
            s.answered_at
        ])?;
        if n > 0 {
            c.answers += 1;
        } else {
            c.skipped += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_items_status_moves_on_as_the_desk_would_move_it() {
        use ItemStatus::*;
        let all = [NotStarted, InProgress, Done, Passed, Failed];
        let mut store = Store::open_in_memory().unwrap();
        let learner = store.add_learner("Amina", None).unwrap().id;
        for (n, before) in all.iter().enumerate() {
            for (m, after) in all.iter().enumerate() {
                let item = format!("item-{n}-{m}");
                for s in [before, after] {
                    store
                        .conn
                        .execute(MERGE_ITEM, params![learner.0, "c", item, s, 0, "t"])
                        .unwrap();
                }
                let shown = store.item_progress(&learner, "c").unwrap()[&item].status;
                assert_eq!(
                    shown,
                    before.followed_by(*after),
                    "{before:?} then {after:?}"
                );
            }
        }
    }
}
