//! Merging an export into a hub, table by table in one transaction, apart from reading
//! because it writes and counts what it adds and what it finds there already.

use rusqlite::{Transaction, params};

use super::{AnswerRow, AttemptRow, CompletionRow, Harvest, MergeCounts};
use crate::store::{ItemStatus, StoreError};

/// The name a learner merged without a name is shown by: her id's first eight characters.
pub fn anonymous_name(id: &str) -> String {
    format!("learner {}", id.chars().take(8).collect::<String>())
}

/// An item's state from an export: added, or brought forward as `followed_by` would; its
/// first record and first finish the earlier of the hub's and the export's.
const MERGE_ITEM: &str = "
    INSERT INTO item_progress
        (learner_id, course_id, item_id, status, position, updated_at, first_at, done_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT (learner_id, course_id, item_id) DO UPDATE SET
        status = CASE
            WHEN item_progress.status = 'passed' THEN 'passed'
            WHEN item_progress.status = 'done' AND excluded.status = 'passed' THEN 'passed'
            WHEN item_progress.status = 'done' THEN 'done'
            ELSE excluded.status
        END,
        updated_at = max(item_progress.updated_at, excluded.updated_at),
        first_at = coalesce(min(item_progress.first_at, excluded.first_at),
                            item_progress.first_at, excluded.first_at),
        done_at = coalesce(min(item_progress.done_at, excluded.done_at),
                           item_progress.done_at, excluded.done_at)";

/// Per learner, course and item: the earliest status of the export's history, and the
/// earliest `done` or `passed` (what migration 010 keeps on each item).
type ItemTimes<'h> =
    std::collections::HashMap<(&'h str, &'h str, &'h str), (&'h str, Option<&'h str>)>;

fn item_times(h: &Harvest) -> ItemTimes<'_> {
    let mut times: ItemTimes<'_> = std::collections::HashMap::new();
    for c in &h.completions {
        let at = c.recorded_at.as_str();
        let finished = matches!(c.status, ItemStatus::Done | ItemStatus::Passed);
        let key = (
            c.learner_id.as_str(),
            c.course_id.as_str(),
            c.item_id.as_str(),
        );
        let slot = times.entry(key).or_insert((at, None));
        if at < slot.0 {
            slot.0 = at;
        }
        if finished && slot.1.is_none_or(|d| at < d) {
            slot.1 = Some(at);
        }
    }
    times
}

/// Adds `h` table by table, counting what each adds and what it finds there already.
pub(super) fn merge_into(
    tx: &Transaction,
    site: &str,
    h: &Harvest,
) -> Result<MergeCounts, StoreError> {
    let mut c = MergeCounts::default();
    merge_learners(tx, site, h, &mut c)?;
    merge_items(tx, h)?;
    merge_completions(tx, h, &mut c)?;
    merge_attempts(tx, h, &mut c)?;
    merge_certificates(tx, h, &mut c)?;
    Ok(c)
}

/// Counts one insert: `n` rows written means added, none means it was there already.
fn added(n: usize, into: &mut usize, skipped: &mut usize) {
    if n > 0 {
        *into += 1;
    } else {
        *skipped += 1;
    }
}

fn merge_learners(
    tx: &Transaction,
    site: &str,
    h: &Harvest,
    c: &mut MergeCounts,
) -> Result<(), StoreError> {
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
    Ok(())
}

fn merge_items(tx: &Transaction, h: &Harvest) -> Result<(), StoreError> {
    // Where a learner is in an item is derived state: brought forward, never back, by the
    // rule of `ItemStatus::followed_by` (a test holds the two to the same answers).
    let mut item = tx.prepare_cached(MERGE_ITEM)?;
    let times = item_times(h);
    for i in &h.items {
        let key = (
            i.learner_id.as_str(),
            i.course_id.as_str(),
            i.item_id.as_str(),
        );
        let (first, done) = times.get(&key).copied().unzip();
        item.execute(params![
            i.learner_id,
            i.course_id,
            i.item_id,
            i.status,
            i.position,
            i.updated_at,
            first,
            done.flatten()
        ])?;
    }
    Ok(())
}

fn merge_completions(tx: &Transaction, h: &Harvest, c: &mut MergeCounts) -> Result<(), StoreError> {
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
        // Statuses come from the items' table, merged before, which an export holds in full.
        added(n, &mut c.completions, &mut c.skipped);
    }
    Ok(())
}

fn merge_certificates(
    tx: &Transaction,
    h: &Harvest,
    c: &mut MergeCounts,
) -> Result<(), StoreError> {
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
    Ok(())
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
        added(n, &mut c.attempts, &mut c.skipped);
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
        added(n, &mut c.answers, &mut c.skipped);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ItemStatus, Store};

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
                        .execute(
                            MERGE_ITEM,
                            params![learner.0, "c", item, s, 0, "t", None::<&str>, None::<&str>],
                        )
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
