//! kill -9 at the worst moment: an export cut short leaves no file that looks complete, and
//! a merge cut short leaves the hub as it was or fully merged.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::HATUA;
use hatua::store::harvest::{AnswerRow, AttemptRow, Harvest, LearnerRow, ResultRow, SiteRow};
use hatua::store::{ItemStatus, Store};

const LEARNERS: usize = 400;
const ATTEMPTS: usize = 5;
const QUESTIONS: usize = 10;

/// A site whose learners answered 20,000 questions, made in one go.
fn big_site(data: &Path) {
    let id = |kind: u128, n: usize| uuid::Uuid::from_u128((kind << 96) | n as u128).to_string();
    let mut h = Harvest::default();
    for l in 0..LEARNERS {
        h.learners.push(LearnerRow {
            id: id(1, l),
            name: format!("Learner {l}"),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            last_seen_at: None,
            archived_at: None,
        });
        for a in 0..ATTEMPTS {
            let attempt = id(2, l * ATTEMPTS + a);
            for q in 0..QUESTIONS {
                h.answers.push(AnswerRow {
                    id: id(3, (l * ATTEMPTS + a) * QUESTIONS + q),
                    attempt_id: attempt.clone(),
                    learner_id: id(1, l),
                    course_id: "minimal".into(),
                    quiz_id: "check".into(),
                    question_id: format!("q{q}"),
                    response: "choice:1".into(),
                    score: 1.0,
                    max_score: 1.0,
                    correct: true,
                    answered_at: "2026-01-02T00:00:00.000Z".into(),
                });
            }
            h.attempts.push(AttemptRow {
                id: attempt,
                learner_id: id(1, l),
                course_id: "minimal".into(),
                course_version: "1.0.0".into(),
                quiz_id: "check".into(),
                seed: 1,
                plan: "[]".into(),
                started_at: "2026-01-02T00:00:00.000Z".into(),
                result: Some(ResultRow {
                    score: 10.0,
                    max_score: 10.0,
                    passed: true,
                    finished_at: "2026-01-02T00:00:00.000Z".into(),
                }),
            });
        }
    }
    let _ = ItemStatus::Done;
    let db = data.join("hatua.db");
    let mut store = Store::open(&db).unwrap();
    let site = SiteRow {
        id: "generator".into(),
        name: "generator".into(),
        public_key: "0".repeat(64),
    };
    store
        .merge_harvest(&site, "generated", "generated", &h)
        .unwrap();
    drop(store);
    // The generated learners become this desk's own.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE learners SET site_id = NULL; DELETE FROM sites; DELETE FROM merges;",
    )
    .unwrap();
}

/// Starts `hatua ARGS` and kills it with SIGKILL after `after`; whether it was still
/// running then.
fn kill_after(data: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(HATUA)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    running
}

/// Every file on the drive that looks like an export, checked by merging it.
fn complete_exports(drive: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(drive)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().to_string();
                    !name.starts_with('.') && name.ends_with(".hatua-records.zip")
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_export_killed_at_any_moment_leaves_no_file_that_looks_complete() {
    let data = tempfile::tempdir().unwrap();
    big_site(data.path());
    let mut cut_short = 0;
    for ms in [5, 20, 60, 150, 300, 600, 1200, 2500] {
        let drive = tempfile::tempdir().unwrap();
        let to = drive.path().to_str().unwrap();
        if kill_after(
            data.path(),
            &["export", "--all", "--to", to],
            Duration::from_millis(ms),
        ) {
            cut_short += 1;
        }
        for file in complete_exports(drive.path()) {
            let hub = tempfile::tempdir().unwrap();
            let out = Command::new(HATUA)
                .arg("--data-dir")
                .arg(hub.path())
                .args(["merge", file.to_str().unwrap()])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "killed after {ms} ms, {} looks complete but is not: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert!(
        cut_short >= 3,
        "only {cut_short} kills landed while exporting"
    );
}

#[test]
fn a_merge_killed_at_any_moment_leaves_the_hub_as_it_was_or_fully_merged() {
    let data = tempfile::tempdir().unwrap();
    big_site(data.path());
    let drive = tempfile::tempdir().unwrap();
    let out = Command::new(HATUA)
        .arg("--data-dir")
        .arg(data.path())
        .args(["export", "--all", "--to", drive.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = complete_exports(drive.path()).pop().expect("an export");
    let mut cut_short = 0;
    for ms in [10, 40, 100, 200, 400, 800, 1600] {
        let hub = tempfile::tempdir().unwrap();
        if kill_after(
            hub.path(),
            &["merge", file.to_str().unwrap()],
            Duration::from_millis(ms),
        ) {
            cut_short += 1;
        }
        if !hub.path().join("hatua.db").exists() {
            continue;
        }
        let store = Store::open(&hub.path().join("hatua.db")).unwrap();
        let answers = hatua::reports::learner_reports(
            &store,
            &hatua::library::Library::default(),
            &hatua::reports::Filter {
                learners: hatua::store::tally::Learners::All,
                course: None,
            },
            None,
        )
        .unwrap()
        .len();
        assert!(
            answers == 0 || answers == LEARNERS,
            "killed after {ms} ms: {answers} learners merged, of {LEARNERS}"
        );
        let attempts = store
            .finished_attempts(&hatua::store::tally::Learners::All, None)
            .unwrap()
            .len();
        assert!(
            attempts == 0 || attempts == LEARNERS * ATTEMPTS,
            "{attempts} attempts"
        );
    }
    assert!(
        cut_short >= 2,
        "only {cut_short} kills landed while merging"
    );
}
