//! Backups through the real binary: the first start of a day makes one, an export and a
//! merge each make one first, `hatua backup` makes one on demand; a backup that cannot be
//! made (a full disk, a folder that cannot be written) is said once and stops nothing; a
//! kill half-way leaves nothing that looks like a backup.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::damage::{Mount, files_in, names_in, records_of, records_with};
use common::run::{run, with_data_dir};

fn hatua(data: &Path, args: &[&str]) -> common::run::Run {
    run(with_data_dir(data, args), "")
}

fn backups(data: &Path) -> Vec<String> {
    files_in(&data.join("backups"))
}

#[test]
fn the_first_start_of_a_day_backs_up_the_records_and_later_starts_do_not() {
    let data = tempfile::tempdir().unwrap();
    hatua(data.path(), &["learners", "add", "Amina"]).assert_ok();
    assert!(
        backups(data.path()).is_empty(),
        "new records: nothing to keep yet"
    );

    hatua(data.path(), &["learners", "add", "Grace"]).assert_ok();
    let made = backups(data.path());
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].starts_with("hatua-") && made[0].ends_with("-daily.db"));
    // Made before the command changed anything: the records as the day found them.
    let copy = data.path().join("backups").join(&made[0]);
    assert_eq!(names_in(&copy), ["Amina"]);

    hatua(data.path(), &["learners", "add", "Kwame"]).assert_ok();
    hatua(data.path(), &["learners", "list"]).assert_ok();
    assert_eq!(backups(data.path()), made, "one a day");
}

#[test]
fn a_backup_on_demand_is_checked_listed_and_can_go_to_a_drive() {
    let data = tempfile::tempdir().unwrap();
    records_with(data.path(), &["Amina", "Grace"]);
    let made = hatua(data.path(), &["backup"]);
    made.assert_ok();
    assert!(made.stdout.contains("checked in full"), "{}", made.dump());
    let on_demand: Vec<String> = backups(data.path())
        .into_iter()
        .filter(|n| n.ends_with("-on-demand.db"))
        .collect();
    assert_eq!(on_demand.len(), 1);
    assert!(made.stdout.contains(&on_demand[0]), "{}", made.dump());
    assert_eq!(
        backups(data.path()).len(),
        1,
        "the copy asked for stands for the day's: no second one"
    );

    let listed = hatua(data.path(), &["backup", "--list"]);
    listed.assert_ok();
    assert!(listed.stdout.contains("on-demand"), "{}", listed.dump());
    assert!(listed.stdout.contains(&on_demand[0]), "{}", listed.dump());

    let drive = tempfile::tempdir().unwrap();
    let to = drive.path().join("site-a");
    let sent = hatua(data.path(), &["backup", "--to", to.to_str().unwrap()]);
    sent.assert_ok();
    let on_drive = files_in(&to);
    assert_eq!(on_drive.len(), 1, "{on_drive:?}");
    assert_eq!(names_in(&to.join(&on_drive[0])), ["Amina", "Grace"]);
}

#[test]
fn nothing_to_back_up_and_nothing_listed_are_said_plainly() {
    let data = tempfile::tempdir().unwrap();
    hatua(data.path(), &["backup"]).assert_refused(&["no records to back up"]);
    assert!(
        !data.path().join("hatua.db").exists(),
        "no records were made"
    );
    let listed = hatua(data.path(), &["backup", "--list"]);
    listed.assert_ok();
    assert!(listed.stdout.contains("No backups"), "{}", listed.dump());
}

#[test]
fn an_export_and_a_merge_each_back_up_the_records_first() {
    let site = tempfile::tempdir().unwrap();
    {
        let mut store = hatua::store::Store::open(&site.path().join("hatua.db")).unwrap();
        let amina = store.add_learner("Amina", None).unwrap();
        // A lesson read, so that the export has something to hold.
        store
            .mark_read(&amina.id, "minimal", "first", "hash")
            .unwrap();
    }
    let drive = tempfile::tempdir().unwrap();
    let exported = hatua(
        site.path(),
        &["export", "--to", drive.path().to_str().unwrap(), "--all"],
    );
    exported.assert_ok();
    let file = exported
        .stdout
        .split_once("Wrote ")
        .and_then(|(_, rest)| rest.split_once(" ("))
        .map(|(path, _)| path.to_string())
        .expect("the export names its file");
    let made = backups(site.path());
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].ends_with("-before-export.db"), "{made:?}");

    let hub = tempfile::tempdir().unwrap();
    records_with(hub.path(), &["Trainer"]);
    let merged = hatua(hub.path(), &["merge", &file]);
    merged.assert_ok();
    let made = backups(hub.path());
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].ends_with("-before-merge.db"), "{made:?}");
    assert_eq!(
        names_in(&hub.path().join("backups").join(&made[0])),
        ["Trainer"],
        "the hub as it was before the merge"
    );
}

#[test]
fn a_backups_folder_that_cannot_be_written_is_said_once_and_the_command_goes_on() {
    let data = tempfile::tempdir().unwrap();
    records_with(data.path(), &["Amina"]);
    // A file where the folder should be: no backup can go there, even for root.
    fs::write(data.path().join("backups"), b"not a folder").unwrap();

    let added = hatua(data.path(), &["learners", "add", "Grace"]);
    assert_eq!(added.code(), Some(0), "{}", added.dump());
    assert!(added.stdout.starts_with("added Grace"), "{}", added.dump());
    assert_eq!(
        added.stderr.lines().count(),
        1,
        "said once:\n{}",
        added.dump()
    );
    assert!(
        added
            .stderr
            .starts_with("hatua: a backup of the records could not be made"),
        "{}",
        added.dump()
    );
    assert!(
        added.stderr.contains("Everything else goes on"),
        "{}",
        added.dump()
    );
    assert_eq!(names_in(&data.path().join("hatua.db")), ["Amina", "Grace"]);
}

#[test]
fn a_full_disk_stops_a_backup_cleanly_and_the_learner_goes_on() {
    let data = tempfile::tempdir().unwrap();
    let db = records_of(data.path(), 300);
    assert!(fs::metadata(&db).unwrap().len() > 128 * 1024);
    let Some(backups) = Mount::tmpfs(&data.path().join("backups"), "64k") else {
        return;
    };

    // The day's backup does not fit: said once, and the learner is added all the same.
    let added = hatua(data.path(), &["learners", "add", "Grace"]);
    assert_eq!(added.code(), Some(0), "{}", added.dump());
    assert!(
        added.stderr.contains("not enough room on the disk"),
        "{}",
        added.dump()
    );
    assert_eq!(added.stderr.lines().count(), 1, "{}", added.dump());
    assert!(
        files_in(&backups.path).is_empty(),
        "no half-written file: {:?}",
        files_in(&backups.path)
    );

    // Asked for, to a drive that is full: refused, and nothing left on the drive.
    let drive = tempfile::tempdir().unwrap();
    let Some(small) = Mount::tmpfs(&drive.path().join("usb"), "64k") else {
        return;
    };
    let refused = hatua(
        data.path(),
        &["backup", "--to", small.path.to_str().unwrap()],
    );
    refused.assert_refused(&["no backup was made", "not enough room"]);
    assert!(
        files_in(&small.path).is_empty(),
        "{:?}",
        files_in(&small.path)
    );
    assert!(names_in(&db).contains(&"Grace".to_string()));
}

/// Records of about `megabytes` MB: a backup of them takes long enough to be caught
/// half-way.
fn large_records(data: &Path, megabytes: usize) -> PathBuf {
    let db = records_with(data, &["Amina"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&format!(
        "CREATE TABLE padding (bytes BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {})
         INSERT INTO padding SELECT randomblob(4000) FROM n;",
        megabytes * 250
    ))
    .unwrap();
    db
}

#[test]
fn a_kill_during_a_backup_leaves_nothing_that_looks_like_a_backup() {
    let data = tempfile::tempdir().unwrap();
    large_records(data.path(), 40);
    let dir = data.path().join("backups");
    fs::create_dir_all(&dir).unwrap();

    let mut child = with_data_dir(data.path(), &["backup"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if files_in(&dir).iter().any(|n| n.contains(".partial-")) {
            break;
        }
        assert!(Instant::now() < deadline, "no copy was started");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the backup ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let left = files_in(&dir);
    assert!(
        left.iter().all(|n| !n.ends_with(".db")),
        "a file that looks like a backup: {left:?}"
    );
    let listed = hatua(data.path(), &["backup", "--list"]);
    assert!(listed.stdout.contains("No backups"), "{}", listed.dump());
    assert_eq!(names_in(&data.path().join("hatua.db")), ["Amina"]);

    // The next backup is whole.
    hatua(data.path(), &["backup"]).assert_ok();
    assert_eq!(
        files_in(&dir).iter().filter(|n| n.ends_with(".db")).count(),
        1
    );
}

#[test]
fn the_players_jobs_back_up_first_and_say_so_once_when_they_cannot() {
    use hatua::tui::action::Action;
    use hatua::tui::job::{Job, run_blocking};
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = hatua::store::Store::open(&data.path().join("hatua.db")).unwrap();
        let amina = store.add_learner("Amina", None).unwrap();
        store
            .mark_read(&amina.id, "minimal", "first", "hash")
            .unwrap();
    }
    let drive = tempfile::tempdir().unwrap();
    let export = || Job::Export {
        dir: drive.path().to_path_buf(),
        all: true,
        with_names: false,
        site_name: None,
    };

    let done = run_blocking(Job::DailyBackup, data.path());
    assert!(done.is_empty(), "a backup made says nothing: {done:?}");
    let made = backups(data.path());
    assert!(made.iter().any(|n| n.ends_with("-daily.db")), "{made:?}");
    let done = run_blocking(export(), data.path());
    assert!(
        matches!(done.last(), Some(Action::ExportWritten(_))),
        "{done:?}"
    );
    // The newest copy of a day stands for the day: the morning's daily one goes.
    let made = backups(data.path());
    assert!(
        made.len() == 1 && made[0].ends_with("-before-export.db"),
        "{made:?}"
    );

    fs::remove_dir_all(data.path().join("backups")).unwrap();
    fs::write(data.path().join("backups"), b"not a folder").unwrap();
    for job in [Job::DailyBackup, export()] {
        let done = run_blocking(job, data.path());
        let said = done
            .iter()
            .filter(|a| matches!(a, Action::BackupFailed(p) if p.key == "backup.folder"))
            .count();
        assert_eq!(said, 1, "{done:?}");
    }
}
