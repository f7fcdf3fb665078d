//! Reading a desk's records for an export: one query a table, one mapper a row. Apart from
//! the `Store` methods so that the SQL and its decoding read on their own.

use rusqlite::Connection;

use super::{
    AnswerRow, AttemptRow, CertificateRow, CompletionRow, Harvest, ItemRow, LearnerRow, Range,
    ResultRow,
};
use crate::store::StoreError;
use crate::store::tally::Learners;

/// The records of `learners` (this desk's own, one merged site's, or everyone's), all or
/// only those no export held yet.
pub(super) fn read_harvest(
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
    h.learners = query(conn, &sql, param, row_to_learner)?;
    let sql = format!(
        "SELECT p.learner_id, p.course_id, p.item_id, p.status, p.position, p.updated_at
         FROM item_progress p JOIN learners l ON l.id = p.learner_id WHERE {local}"
    );
    h.items = query(conn, &sql, param, row_to_item)?;
    let sql = format!(
        "SELECT c.id, c.learner_id, c.course_id, c.item_id, c.status, c.recorded_at
         FROM completions c JOIN learners l ON l.id = c.learner_id WHERE {local} {}",
        unmarked("completion", "c.id")
    );
    h.completions = query(conn, &sql, param, row_to_completion)?;
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
    h.answers = query(conn, &sql, param, row_to_answer)?;
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
        .query_map(rusqlite::params![param], f)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn row_to_learner(r: &rusqlite::Row) -> rusqlite::Result<LearnerRow> {
    Ok(LearnerRow {
        id: r.get(0)?,
        name: r.get(1)?,
        created_at: r.get(2)?,
        last_seen_at: r.get(3)?,
        archived_at: r.get(4)?,
    })
}

fn row_to_item(r: &rusqlite::Row) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        learner_id: r.get(0)?,
        course_id: r.get(1)?,
        item_id: r.get(2)?,
        status: r.get(3)?,
        position: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

fn row_to_completion(r: &rusqlite::Row) -> rusqlite::Result<CompletionRow> {
    Ok(CompletionRow {
        id: r.get(0)?,
        learner_id: r.get(1)?,
        course_id: r.get(2)?,
        item_id: r.get(3)?,
        status: r.get(4)?,
        recorded_at: r.get(5)?,
    })
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

fn row_to_answer(r: &rusqlite::Row) -> rusqlite::Result<AnswerRow> {
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
