//! Power cuts during `hatua import` and `hatua export`, on powercutfs (`.ci/powercut/`): the
//! data folder (and, for exports, the drive) on a file system that loses whatever was not
//! synced when the power goes. Each cut lands after a chosen number of file system writes,
//! spread over the whole job, and once after the job said it was done.
//!
//! - An installed course is either absent or complete and verifiable; one the command
//!   reported installed is there.
//! - No file on the drive looks like an export without being one; every export the
//!   database counts as written is on the drive; and all of them merge at one hub, signed
//!   by one site key.
//!
//! Needs root, /dev/fuse and `HATUA_POWERCUT_VENV`; says SKIPPED otherwise.

mod common;

use std::path::{Path, PathBuf};

use common::powercut::{Dice, PowerCutFs, python_or_skip};
use common::run::{Run, run, with_data_dir};
use common::{copy_dir, fixture};
use hatua::bundle::TrustStore;
use hatua::library::install::{open_item, verify_installed};
use hatua::library::{Library, Origin};

const CUTS: u64 = 12;
const COURSE_ID: &str = "power-cut";
const LESSONS: usize = 40;

fn s(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A disk, a mount point, and what plays the power.
struct Bench {
    _work: tempfile::TempDir,
    python: PathBuf,
    disk: PathBuf,
    mnt: PathBuf,
    dice: Dice,
}

impl Bench {
    fn new(python: PathBuf) -> Bench {
        let work = tempfile::tempdir().unwrap();
        let (disk, mnt) = (work.path().join("disk"), work.path().join("mnt"));
        std::fs::create_dir_all(&disk).unwrap();
        std::fs::create_dir_all(&mnt).unwrap();
        Bench {
            _work: work,
            python,
            disk,
            mnt,
            dice: Dice::from_env(),
        }
    }

    fn mount(&mut self) -> PowerCutFs {
        let torn = self.dice.next().is_multiple_of(2).then(|| self.dice.next());
        PowerCutFs::mount(&self.python, &self.disk, &self.mnt, torn)
    }

    /// Runs `args` on the mount with the power cut after `writes` writes (or, when the job
    /// is done first, right after it); returns the run and what the cut said.
    fn cut_during(&mut self, data: &str, args: &[&str], writes: Option<u64>) -> (Run, String) {
        let fs = self.mount();
        if let Some(n) = writes {
            fs.cut_after(n);
        }
        let done = run(with_data_dir(&self.mnt.join(data), args), "");
        done.assert_no_panic();
        let cut = if fs.is_cut() {
            "cut during the job".to_string()
        } else {
            fs.cut()
        };
        fs.unmount();
        (done, cut)
    }

    /// How many writes the job makes from start to end, on a throw-away copy of the disk.
    fn writes_of(&mut self, data: &str, args: &[&str]) -> u64 {
        let (scratch, above) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        copy_dir(&self.disk, scratch.path());
        let mnt = above.path().join("mnt");
        std::fs::create_dir(&mnt).unwrap();
        let fs = PowerCutFs::mount(&self.python, scratch.path(), &mnt, None);
        let before = fs.ops();
        run(with_data_dir(&mnt.join(data), args), "").assert_ok();
        let writes = fs.ops() - before;
        fs.unmount();
        writes
    }
}

/// The fixture course with `LESSONS` more lessons, packed: enough files that cuts land all
/// through an install.
fn big_bundle(dir: &Path) -> PathBuf {
    let course = dir.join("course");
    copy_dir(&fixture("power-cut"), &course);
    let mut items = vec!["\"lessons/before.md\"".to_string()];
    for n in 0..LESSONS {
        let lesson = format!("lessons/l{n:02}.md");
        std::fs::write(
            course.join(&lesson),
            format!(
                "+++\nid = \"l{n:02}\"\n+++\n# Lesson {n}\n\n{}\n",
                "Text. ".repeat(400)
            ),
        )
        .unwrap();
        items.push(format!("\"{lesson}\""));
    }
    items.push("\"quizzes/answers.toml\"".into());
    let toml = std::fs::read_to_string(course.join("course.toml")).unwrap();
    let at = toml.find("items = ").unwrap();
    let toml = format!("{}items = [{}]\n", &toml[..at], items.join(", "));
    std::fs::write(course.join("course.toml"), toml).unwrap();
    let bundle = dir.join("power-cut.zip");
    run(
        with_data_dir(
            &dir.join("trainer"),
            &["pack", s(&course), "-o", s(&bundle)],
        ),
        "",
    )
    .assert_ok();
    bundle
}

/// The installed course, checked as the player checks it before a learner opens it: the
/// manifest against every file, and every lesson and quiz read. `None` when not installed.
fn installed_course(data: &Path) -> Option<usize> {
    let library = Library::load(Some(data));
    let leftovers: Vec<String> = std::fs::read_dir(data.join("courses"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                // The lock, and the library's catalog, which any load makes right again.
                .filter(|n| n != COURSE_ID && n != ".install.lock" && n != ".hatua-library.json")
                .collect()
        })
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "left in courses/: {leftovers:?}");
    let entry = library
        .entries
        .iter()
        .find(|e| matches!(e.origin(), Origin::Installed(p) if p.ends_with(COURSE_ID)))?;
    let course = entry
        .course()
        .unwrap_or_else(|| panic!("the installed course cannot be opened: {entry:?}"));
    let dir = data.join("courses").join(COURSE_ID);
    verify_installed(&dir, &TrustStore::default())
        .unwrap_or_else(|e| panic!("the installed course fails its check: {e}"));
    for item in course.items() {
        open_item(&dir, &item.path)
            .unwrap_or_else(|e| panic!("{} cannot be opened: {e}", item.path));
    }
    Some(course.items().count())
}

#[test]
fn an_import_cut_by_the_power_leaves_the_course_absent_or_whole() {
    let Some(python) =
        python_or_skip("an_import_cut_by_the_power_leaves_the_course_absent_or_whole")
    else {
        return;
    };
    let mut bench = Bench::new(python);
    let trainer = tempfile::tempdir().unwrap();
    let bundle = big_bundle(trainer.path());
    let args = ["import", "--force", s(&bundle)];
    let writes = bench.writes_of("", &args);
    let (mut present, mut absent) = (0, 0);
    for cut in 0..=CUTS {
        // The first time on a data folder with no courses/ yet, and the power goes only
        // after the import said it was done; then at writes spread over the whole import,
        // by turns a first install (the course removed before) and a reinstall over the
        // copy the previous cycles left.
        let installed = installed_course(&bench.disk).is_some();
        if cut % 2 == 1 && installed {
            run(with_data_dir(&bench.disk, &["remove", COURSE_ID]), "").assert_ok();
        } else if cut > 0 && cut % 2 == 0 && !installed {
            run(with_data_dir(&bench.disk, &args), "").assert_ok();
        }
        let was_installed = installed_course(&bench.disk).is_some();
        let at = (cut > 0).then(|| {
            (writes * cut / CUTS)
                .saturating_sub(bench.dice.range(0, 1))
                .max(1)
        });
        let (done, said) = bench.cut_during("", &args, at);
        match installed_course(&bench.disk) {
            Some(items) => {
                assert_eq!(items, LESSONS + 2);
                present += 1;
            }
            None => {
                assert!(
                    !was_installed,
                    "cut {cut} ({said}): a reinstall cut short lost the installed course"
                );
                assert!(
                    done.code() != Some(0),
                    "cut {cut} ({said}): the import said it was done, the course is gone:\n{}",
                    done.dump()
                );
                absent += 1;
            }
        }
    }
    eprintln!(
        "power cuts during import: {} cuts over {writes} writes; the course whole {present} \
         times, absent {absent} times, never half there",
        CUTS + 1
    );
}

/// The files the database counts as exported, as paths on the disk.
fn exports_recorded(bench: &Bench) -> Vec<PathBuf> {
    let db = bench.disk.join("data/hatua.db");
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let files: Vec<String> = conn
        .prepare("SELECT file FROM exports ORDER BY written_at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    files
        .iter()
        .map(|f| {
            let rel = Path::new(f)
                .strip_prefix(&bench.mnt)
                .expect("written on the mount");
            bench.disk.join(rel)
        })
        .collect()
}

#[test]
fn an_export_cut_by_the_power_leaves_no_file_that_looks_complete() {
    let Some(python) =
        python_or_skip("an_export_cut_by_the_power_leaves_no_file_that_looks_complete")
    else {
        return;
    };
    let mut bench = Bench::new(python);
    common::records::generated_site(&bench.disk.join("data"), 40, 3, 10);
    // A folder of the drive that does not exist yet: the export makes it.
    let to = bench.mnt.join("drive/results");
    let args = ["export", "--all", "--to", s(&to)];
    let hub = tempfile::tempdir().unwrap();
    let mut merged = Vec::new();
    let mut writes = 0;
    let mut cut_short = 0;
    for cut in 0..=CUTS {
        let before = exports_recorded(&bench).len();
        // First a whole export, then the power: the file, its folder and the site key it
        // was signed with must all have been made to last. Last, the same again, for a
        // second file signed by the key that survived. In between, cuts anywhere.
        let at = (cut > 0 && cut < CUTS).then(|| bench.dice.range(1, writes + 2));
        let (done, said) = bench.cut_during("data", &args, at);
        if cut == 0 {
            writes = bench.writes_of("data", &args);
        }
        let recorded = exports_recorded(&bench);
        if done.code() == Some(0) {
            assert_eq!(
                recorded.len(),
                before + 1,
                "cut {cut} ({said}): the export said it was written, the desk forgot it"
            );
        } else {
            cut_short += 1;
        }
        let drive = bench.disk.join("drive/results");
        for file in &recorded {
            assert!(
                file.is_file(),
                "cut {cut} ({said}): {} is counted as exported but is not on the drive",
                file.display()
            );
        }
        for file in common::records::exports_on(&drive) {
            if merged.contains(&file) {
                continue;
            }
            // Each file alone, and all of them at one hub: one site, one key.
            let alone = tempfile::tempdir().unwrap();
            for at in [alone.path(), hub.path()] {
                let out = run(with_data_dir(at, &["merge", s(&file)]), "");
                assert_eq!(
                    out.code(),
                    Some(0),
                    "cut {cut} ({said}): {} looks complete but does not merge:\n{}",
                    file.display(),
                    out.dump()
                );
            }
            merged.push(file);
        }
    }
    assert!(
        merged.len() >= 2,
        "only {} exports were written",
        merged.len()
    );
    eprintln!(
        "power cuts during export: {} cuts over {writes} writes, {cut_short} cut the export \
         short; {} exports written, every one merges at one hub",
        CUTS + 1,
        merged.len()
    );
}

#[test]
fn keys_are_on_the_disk_once_made() {
    let Some(python) = python_or_skip("keys_are_on_the_disk_once_made") else {
        return;
    };
    let bench = Bench::new(python);
    let fs = PowerCutFs::mount(&bench.python, &bench.disk, &bench.mnt, None);
    // A publisher's key pair, made by the command…
    std::fs::create_dir(bench.mnt.join("keys")).unwrap();
    let key = bench.mnt.join("keys/org.key");
    let made = run(
        with_data_dir(&bench.mnt.join("data"), &["keygen", s(&key)]),
        "",
    );
    made.assert_ok();
    // …and the site key, made the first time the desk signs something. The database here
    // lives elsewhere, as a long-running player's would have synced the data folder
    // long ago: nothing else flushes the folder for the key.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut store = hatua::store::Store::open(&elsewhere.path().join("hatua.db")).unwrap();
    let site = hatua::site::Site::open(&mut store, &bench.mnt.join("data"), None).unwrap();
    fs.cut();
    fs.unmount();
    let disk_key = |rel: &str| std::fs::read_to_string(bench.disk.join(rel)).unwrap_or_default();
    assert!(
        !disk_key("keys/org.key").is_empty() && !disk_key("keys/org.key.pub").is_empty(),
        "keygen said it wrote the keys, the power cut took them:\n{}",
        made.dump()
    );
    let reopened = hatua::site::Site::open(&mut store, &bench.disk.join("data"), None).unwrap();
    assert_eq!(
        reopened.public_key(),
        site.public_key(),
        "after a power cut the desk signs with another key, which a hub refuses"
    );
}
