//! kill -9 at the worst moment: an export cut short leaves no file that looks complete, and
//! a merge cut short leaves the hub as it was or fully merged.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::HATUA;
use hatua::store::Store;

const LEARNERS: usize = 400;
const ATTEMPTS: usize = 5;
const QUESTIONS: usize = 10;

/// A site whose learners answered 20,000 questions, made in one go.
fn big_site(data: &Path) {
    common::records::generated_site(data, LEARNERS, ATTEMPTS, QUESTIONS);
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
        for file in common::records::exports_on(drive.path()) {
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
    let file = common::records::exports_on(drive.path())
        .pop()
        .expect("an export");
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
