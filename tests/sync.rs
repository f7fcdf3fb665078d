//! `hatua sync`: records on to a Learning Record Store. Against Ralph, the open-source LRS
//! CI starts (skipped, saying so, where there is none): what goes is what an export holds,
//! once; a kill -9 or a cut resumes; a wrong password or a stopped server loses nothing; a
//! hub sends every site it merged. Against a scripted LRS, everywhere: a refused statement
//! is named and keeps none of the others back, and failures are retried.

mod common;

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::lrs::{FakeLrs, RealLrs, Reply, ralph};
use common::records::{attempt, every_type_answered, minimal, read_lessons, right, wrong};
use common::run::{self, Run};
use common::{HATUA, install_fixture};
use hatua::store::Store;

/// A site named `name` with the `minimal` course, where each of `learners` learners read
/// the lessons, failed the quiz once and passed it: 13 statements each.
fn site(name: &str, learners: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    install_fixture("minimal", dir.path(), "minimal");
    let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
    store.set_setting("site_name", name).unwrap();
    let course = minimal();
    for n in 0..learners {
        let learner = store.add_learner(&format!("Learner {n}"), None).unwrap();
        read_lessons(&mut store, &learner.id, &course);
        assert!(!attempt(&mut store, &learner.id, &course, "check", wrong));
        assert!(attempt(&mut store, &learner.id, &course, "check", right));
    }
    dir
}

fn site_id(data: &Path) -> String {
    Store::open(&data.join("hatua.db"))
        .unwrap()
        .setting("site_id")
        .unwrap()
        .expect("a site id, made by the first export or sync")
}

/// `hatua sync --lrs URL --user USER args…` with the password in the environment.
fn sync_command(data: &Path, url: &str, user: &str, password: &str, args: &[&str]) -> Command {
    let mut all = vec!["sync", "--lrs", url, "--user", user];
    all.extend(args);
    let mut command = run::with_data_dir(data, &all);
    command.env("HATUA_LRS_PASSWORD", password);
    command
}

fn sync(data: &Path, lrs: &RealLrs, args: &[&str]) -> Run {
    run::run(
        sync_command(data, &lrs.url, &lrs.user, &lrs.password, args),
        "",
    )
}

/// The statement ids an export of every record holds: what a sync must deliver.
fn exported_ids(data: &Path) -> Vec<String> {
    let drive = tempfile::tempdir().unwrap();
    let run = run::run(
        run::with_data_dir(
            data,
            &["export", "--all", "--to", drive.path().to_str().unwrap()],
        ),
        "",
    );
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let file = export_file(drive.path());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name("statements.jsonl")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

fn export_file(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".hatua-records.zip"))
        .expect("an export file")
}

fn acknowledged(data: &Path) -> usize {
    let conn = rusqlite::Connection::open(data.join("hatua.db")).unwrap();
    conn.query_row("SELECT count(*) FROM synced", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn a_sync_delivers_what_an_export_holds_once_and_again_sends_nothing() {
    let Some(lrs) = ralph("a_sync_delivers_what_an_export_holds_once") else {
        return;
    };
    let data = site("Kisumu centre", 3);
    let run = sync(data.path(), &lrs, &[]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let expected = sorted(exported_ids(data.path()));
    assert_eq!(expected.len(), 39, "13 statements a learner");
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        format!(
            "Synced with {}: 39 sent, 0 already there, 0 rejected.",
            lrs.url
        ),
        "{}",
        run.dump()
    );
    let held = lrs.ids_of_site(&site_id(data.path()));
    assert_eq!(sorted(held), expected, "the same statements, each once");
    assert_eq!(acknowledged(data.path()), 39);

    let again = sync(data.path(), &lrs, &[]);
    assert_eq!(again.code(), Some(0), "{}", again.dump());
    assert_eq!(
        again.stdout.trim(),
        format!(
            "Nothing new to send: {} has all 39 statements already.",
            lrs.url
        )
    );
    assert_eq!(lrs.ids_of_site(&site_id(data.path())).len(), 39);

    // New work since: only it goes.
    {
        let mut store = Store::open(&data.path().join("hatua.db")).unwrap();
        let learner = store.find_learner("Learner 0").unwrap().unwrap();
        attempt(&mut store, &learner.id, &minimal(), "check", right);
    }
    let more = sync(data.path(), &lrs, &["--batch", "2"]);
    assert!(
        more.stdout
            .starts_with(&format!("Synced with {}: 5 sent, 0 already there", lrs.url)),
        "{}",
        more.dump()
    );
    let held = sorted(lrs.ids_of_site(&site_id(data.path())));
    assert_eq!(held, sorted(exported_ids(data.path())));
}

#[test]
fn a_sync_killed_midway_resumes_with_nothing_lost_and_nothing_twice() {
    let Some(lrs) = ralph("a_sync_killed_midway_resumes") else {
        return;
    };
    let data = site("Nakuru centre", 12);
    let total = 12 * 13;
    // Two statements a request: the sync takes many requests, and is killed after the
    // first answers are kept.
    let mut child = sync_command(
        data.path(),
        &lrs.url,
        &lrs.user,
        &lrs.password,
        &["--batch", "2"],
    )
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let deadline = Instant::now() + run::TIMEOUT;
    // The site id is made when the sync starts; its records are kept from the first batch.
    while acknowledged_or_zero(data.path()) < 6 {
        assert!(Instant::now() < deadline, "the sync never got going");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the sync ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let kept = acknowledged(data.path());
    assert!(kept >= 6 && kept < total, "{kept} kept of {total}");

    let run = sync(data.path(), &lrs, &[]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let held = lrs.ids_of_site(&site_id(data.path()));
    let unique: HashSet<&String> = held.iter().collect();
    assert_eq!(unique.len(), held.len(), "a statement stored twice");
    assert_eq!(sorted(held), sorted(exported_ids(data.path())));
    assert_eq!(acknowledged(data.path()), total);
    // What was sent but not yet acknowledged when it was killed (one batch at most)
    // counts as already there.
    let (sent, there) = counts(&run.stdout);
    assert_eq!(sent + there, total - kept, "{}", run.dump());
    assert!(there <= 2, "{}", run.dump());
}

/// (sent, already there) from a sync's summary.
fn counts(stdout: &str) -> (usize, usize) {
    let line = stdout.lines().next().unwrap_or_default();
    let number = |after: &str| -> usize {
        let before = line.split(after).next().unwrap();
        before
            .rsplit(|c: char| !c.is_ascii_digit())
            .find(|w| !w.is_empty())
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("no count before “{after}” in {line}"))
    };
    (number(" sent"), number(" already there"))
}

fn acknowledged_or_zero(data: &Path) -> usize {
    let conn = rusqlite::Connection::open(data.join("hatua.db")).unwrap();
    conn.query_row("SELECT count(*) FROM synced", [], |r| r.get::<_, i64>(0))
        .map_or(0, |n| n as usize)
}

#[test]
fn a_wrong_password_or_a_stopped_server_says_so_and_loses_nothing() {
    let Some(lrs) = ralph("a_wrong_password_or_a_stopped_server") else {
        return;
    };
    let data = site("Kitale centre", 1);
    let run = run::run(
        sync_command(data.path(), &lrs.url, &lrs.user, "not the password", &[]),
        "",
    );
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stderr.contains(&format!(
            "refused the login of “{}” (HTTP 401): check the user name and the password",
            lrs.user
        )) && run.stderr.contains("Nothing was lost"),
        "{}",
        run.dump()
    );
    run.assert_silent_about("not the password");

    // A server that is not running: a port nothing listens on.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let stopped = format!(
        "http://127.0.0.1:{}/xAPI",
        free.local_addr().unwrap().port()
    );
    drop(free);
    let run = run::run(
        sync_command(
            data.path(),
            &stopped,
            &lrs.user,
            &lrs.password,
            &["--retries", "1"],
        ),
        "",
    );
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stderr.contains("cannot reach the LRS")
            && run.stderr.contains("connection refused")
            && run.stderr.contains("Nothing was lost"),
        "{}",
        run.dump()
    );
    assert_eq!(acknowledged(data.path()), 0);

    let run = sync(data.path(), &lrs, &[]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert_eq!(
        sorted(lrs.ids_of_site(&site_id(data.path()))),
        sorted(exported_ids(data.path()))
    );
}

#[test]
fn a_hub_sends_what_it_merged_from_two_sites() {
    let Some(lrs) = ralph("a_hub_sends_what_it_merged_from_two_sites") else {
        return;
    };
    let (a, b) = (site("Kisumu west", 2), site("Kisumu east", 1));
    let hub = tempfile::tempdir().unwrap();
    install_fixture("minimal", hub.path(), "minimal");
    let mut expected = Vec::new();
    for s in [&a, &b] {
        let drive = tempfile::tempdir().unwrap();
        let run = run::run(
            run::with_data_dir(
                s.path(),
                &["export", "--to", drive.path().to_str().unwrap()],
            ),
            "",
        );
        assert_eq!(run.code(), Some(0), "{}", run.dump());
        let run = run::run(
            run::with_data_dir(
                hub.path(),
                &["merge", export_file(drive.path()).to_str().unwrap()],
            ),
            "",
        );
        assert_eq!(run.code(), Some(0), "{}", run.dump());
        expected.extend(exported_ids(s.path()));
    }
    let run = sync(hub.path(), &lrs, &[]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(
        run.stdout.contains("39 sent"),
        "26 + 13 statements: {}",
        run.dump()
    );
    let mut held = lrs.ids_of_site(&site_id(a.path()));
    held.extend(lrs.ids_of_site(&site_id(b.path())));
    assert_eq!(sorted(held), sorted(expected));
}

/// The scripted LRS's address for `hatua sync`, any user and password.
fn sync_fake(data: &Path, lrs: &FakeLrs, args: &[&str]) -> Run {
    run::run(sync_command(data, &lrs.url, "key", "secret", args), "")
}

#[test]
fn a_refused_statement_is_named_and_keeps_none_of_the_others_back() {
    let data = site("Eldoret centre", 2);
    let ids = exported_ids(data.path());
    let bad = ids[9].clone();
    let refuse = bad.clone();
    // Like Ralph: a batch with one bad statement is refused whole.
    let lrs = FakeLrs::start(move |_, batch| {
        if batch.iter().any(|s| s["id"] == refuse.as_str()) {
            Reply::Status(
                400,
                format!(
                    r#"{{"detail":"statement {refuse}: result.score.scaled must be at most 1"}}"#
                ),
            )
        } else {
            Reply::Store
        }
    });
    let run = sync_fake(data.path(), &lrs, &["--batch", "10"]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        format!(
            "Synced with {}: 25 sent, 0 already there, 1 rejected.",
            lrs.url
        )
    );
    assert!(
        run.stdout.contains(&format!("rejected {bad} ("))
            && run.stdout.contains("HTTP 400: {\"detail\":\"statement")
            && run.stdout.contains("scaled must be at most 1"),
        "{}",
        run.dump()
    );
    let mut stored = lrs.stored_ids();
    stored.push(bad.clone());
    assert_eq!(sorted(stored), sorted(ids));
    // It is tried again next time; the rest is not sent again.
    let before = *lrs.posts.lock().unwrap();
    let run = sync_fake(data.path(), &lrs, &[]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stdout.contains("0 sent, 0 already there, 1 rejected"),
        "{}",
        run.dump()
    );
    assert_eq!(
        *lrs.posts.lock().unwrap(),
        before + 1,
        "one request, for it alone"
    );
}

#[test]
fn a_connection_cut_midway_resumes_where_it_stopped() {
    let data = site("Machakos centre", 2);
    let ids = exported_ids(data.path());
    // The third request and every one after it: the connection drops.
    let cut = FakeLrs::start(|n, _| if n < 2 { Reply::Store } else { Reply::Hang });
    let run = sync_fake(data.path(), &cut, &["--batch", "5", "--retries", "0"]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stderr.contains("cannot reach the LRS")
            && run
                .stderr
                .contains("The 10 statements acknowledged before that are kept"),
        "{}",
        run.dump()
    );
    assert_eq!(acknowledged(data.path()), 10);
    let sent_first = cut.stored_ids();

    // The connection is back.
    cut.set(|_, _| Reply::Store);
    let back = cut;
    let before = back.stored_ids().len();
    let run = sync_fake(data.path(), &back, &[]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(run.stdout.contains("16 sent"), "{}", run.dump());
    let again: HashSet<String> = back.stored_ids().into_iter().skip(before).collect();
    assert!(
        sent_first.iter().all(|id| !again.contains(id)),
        "what was acknowledged is not sent again"
    );
    let mut all = sent_first;
    all.extend(again);
    assert_eq!(sorted(all), sorted(ids));
}

#[test]
fn an_lrs_that_fails_for_a_while_is_tried_again_and_a_proxy_page_is_not_taken_for_an_answer() {
    let data = site("Thika centre", 1);
    // Two failures, then it works: with a retry budget of 2, every statement goes.
    let flaky = FakeLrs::start(|n, _| {
        if n < 2 {
            Reply::Status(503, "busy".into())
        } else {
            Reply::Store
        }
    });
    let run = sync_fake(data.path(), &flaky, &["--retries", "2"]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(run.stdout.contains("13 sent"), "{}", run.dump());

    // A captive portal answering 200 with a web page: not an acknowledgement.
    let other = site("Thika east", 1);
    let portal =
        FakeLrs::start(|_, _| Reply::Status(200, "<html>Log in to the hotspot</html>".into()));
    let run = sync_fake(other.path(), &portal, &["--retries", "0"]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stderr.contains("not a list of statement ids"),
        "{}",
        run.dump()
    );
    assert_eq!(acknowledged(other.path()), 0);
}

#[test]
fn the_password_is_never_an_argument_and_a_script_can_pipe_it() {
    let data = site("Kakamega centre", 1);
    let lrs = FakeLrs::start(|_, _| Reply::Store);
    // Without a terminal and without the variable: told how to give it.
    let mut command =
        run::with_data_dir(data.path(), &["sync", "--lrs", &lrs.url, "--user", "key"]);
    command.env_remove("HATUA_LRS_PASSWORD");
    let run = run::run(command, "");
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stderr.contains("--password-stdin") && run.stderr.contains("HATUA_LRS_PASSWORD"),
        "{}",
        run.dump()
    );
    let mut command = run::with_data_dir(
        data.path(),
        &[
            "sync",
            "--lrs",
            &lrs.url,
            "--user",
            "key",
            "--password-stdin",
        ],
    );
    command.env_remove("HATUA_LRS_PASSWORD");
    let run = run::run(command, "secret\n");
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(run.stdout.contains("13 sent"), "{}", run.dump());
    let mut command = Command::new(HATUA);
    command.args(["sync", "--password", "secret"]);
    let run = run::run(command, "");
    assert_eq!(run.code(), Some(2), "no such option: {}", run.dump());
}

#[test]
fn a_statement_the_lrs_holds_in_another_form_counts_as_there() {
    let data = site("Kericho centre", 1);
    let ids = exported_ids(data.path());
    let held = ids[3].clone();
    let conflict = held.clone();
    // What an LRS answers when it holds a statement of that id told differently (sent by
    // an older Hatua, or by the site before its hub).
    let lrs = FakeLrs::start(move |_, batch| {
        if batch.iter().any(|s| s["id"] == conflict.as_str()) {
            Reply::Status(
                409,
                format!(
                    r#"{{"detail":"Differing statements already exist with the same ID: {conflict}"}}"#
                ),
            )
        } else {
            Reply::Store
        }
    });
    let run = sync_fake(data.path(), &lrs, &[]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert_eq!(
        run.stdout.trim(),
        format!(
            "Synced with {}: 12 sent, 1 already there, 0 rejected.",
            lrs.url
        )
    );
    assert!(!lrs.stored_ids().contains(&held));
}

#[test]
fn every_kind_of_statement_hatua_makes_is_taken_by_a_strict_lrs() {
    let Some(lrs) = ralph("every_kind_of_statement_is_taken") else {
        return;
    };
    // Every question type, answered, a lesson read, the course passed; with names, so the
    // actor's name goes too. CI's Ralph checks each statement against its full xAPI models.
    let dir = tempfile::tempdir().unwrap();
    install_fixture("all-types", dir.path(), "all-types");
    {
        let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
        every_type_answered(&mut store, "Amélie Ndèye");
    }
    let expected = exported_ids(dir.path());
    let run = sync(dir.path(), &lrs, &["--with-names"]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(
        run.stdout.contains(&format!(
            "{} sent, 0 already there, 0 rejected",
            expected.len()
        )),
        "{}",
        run.dump()
    );
    assert_eq!(
        sorted(lrs.ids_of_site(&site_id(dir.path()))),
        sorted(expected)
    );
}

#[test]
fn the_next_sync_goes_where_the_last_one_went_with_only_the_password() {
    let lrs = FakeLrs::start(|_, _| Reply::Store);
    let data = site("Kisumu centre", 1);
    let first = sync_fake(data.path(), &lrs, &[]);
    assert_eq!(first.code(), Some(0), "{}", first.dump());
    {
        let mut store = Store::open(&data.path().join("hatua.db")).unwrap();
        let learner = store.find_learner("Learner 0").unwrap().unwrap();
        attempt(&mut store, &learner.id, &minimal(), "check", right);
    }
    let mut command = run::with_data_dir(data.path(), &["sync"]);
    command.env("HATUA_LRS_PASSWORD", "secret");
    let again = run::run(command, "");
    assert_eq!(again.code(), Some(0), "{}", again.dump());
    assert!(
        again
            .stdout
            .starts_with(&format!("Synced with {}: 5 sent", lrs.url)),
        "{}",
        again.dump()
    );
}
