//! The trainer → site journey (DESIGN.md, journeys 4 and 5) with the built binary: a trainer
//! makes, checks, signs and packs a course; a site coordinator imports it from a drive,
//! trusts the publisher, upgrades it without losing anyone's progress, refuses older,
//! altered, broken and hostile bundles, removes it, and recovers from an install cut short.
//!
//! What is asserted is what a person sees: the exit code, the import table's rows, the
//! `hatua courses` list, the files on disk, and the learners' records read back through
//! `hatua::store::Store`. Every run gets `--data-dir` in a temporary folder (and
//! `HATUA_DATA_DIR` unset), so the real user's data is never read or written; every run is
//! checked for a panic message or a backtrace.

mod common;

use common::pts;

use common::run::Run;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use common::{copy_dir, fixture};
use hatua::bundle::{
    BundleError, Change, Limits, MANIFEST_FILE, Manifest, Standing, TRUST_FILE, TrustStore,
    ZipBundle, hash_bytes,
};
use hatua::library::Library;
use hatua::library::install::verify_installed;
use hatua::store::{Answer, Attempt, ItemProgress, ItemStatus, LearnerId, Store};
use tempfile::TempDir;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// `hatua new <tmp>/course` names the course after its folder.
const ID: &str = "course";
const LESSON: &str = "lessons/welcome.md";
const LESSON_ID: &str = "welcome";
const QUIZ_ID: &str = "check";
/// A sentence of the starter lesson, edited by the upgrade and flipped by the tamper tests.
const LESSON_TEXT: &str = "Write the lesson here in **Markdown**";
const REVISED_TEXT: &str = "Revised for 1.1.0: write the lesson here in **Markdown**";
/// An attachment the trainer adds, linked from the lesson: a file whose removal from a
/// bundle leaves the course loadable, so only the manifest can notice it is gone.
const HANDOUT: &str = "assets/handout.txt";

// ---- running the binary --------------------------------------------------------------------

/// `hatua --data-dir <data> args…` with standard input empty.
fn hatua(data: &Path, args: &[&str]) -> Run {
    common::run::run(common::run::with_data_dir(data, args), "")
}

fn s(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

// ---- a site: a temporary folder with the data dir, a drive and the trainer's files ----------

struct Site {
    tmp: TempDir,
}

impl Site {
    fn new() -> Site {
        Site {
            tmp: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// The site's data dir, `D`.
    fn data(&self) -> PathBuf {
        self.path("site/data")
    }

    fn courses(&self) -> PathBuf {
        self.data().join("courses")
    }

    fn installed(&self, id: &str) -> PathBuf {
        self.courses().join(id)
    }

    fn run(&self, args: &[&str]) -> Run {
        hatua(&self.data(), args)
    }

    fn trust(&self) -> TrustStore {
        TrustStore::load(&self.data().join(TRUST_FILE)).expect("the trust store reads")
    }

    fn store(&self) -> Store {
        Store::open(&self.data().join("hatua.db")).expect("the records database opens")
    }

    /// `hatua import paths…`, its rows read back.
    fn import(&self, paths: &[&Path], force: bool) -> (Run, Vec<Row>) {
        let mut args = vec!["import"];
        args.extend(paths.iter().map(|p| s(p)));
        if force {
            args.push("--force");
        }
        let run = self.run(&args);
        let rows = import_rows(&run);
        (run, rows)
    }

    /// `hatua import` of one archive, which must succeed with one row.
    fn import_one(&self, path: &Path, force: bool) -> Row {
        let (run, rows) = self.import(&[path], force);
        run.assert_ok();
        only_row(&run, &rows).clone()
    }

    /// `hatua courses`, which must succeed.
    fn courses_run(&self) -> Run {
        let run = self.run(&["courses"]);
        run.assert_ok();
        run
    }

    /// The folder names in `D/courses`, hidden ones included; empty when it does not exist.
    /// The install lock file is not a course and stays once made.
    fn course_folders(&self) -> Vec<String> {
        let Ok(read) = fs::read_dir(self.courses()) else {
            return Vec::new();
        };
        let mut names: Vec<String> = read
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            // The files Hatua keeps beside the courses: the lock and the library's catalog.
            .filter(|n| n != ".install.lock" && n != ".hatua-library.json")
            .collect();
        names.sort();
        names
    }

    /// Verifies the installed course as the player does before opening it.
    fn verify(&self, id: &str) -> Result<Standing, BundleError> {
        verify_installed(&self.installed(id), &self.trust())
    }
}

// ---- the trainer's side ---------------------------------------------------------------------

/// `hatua new <dir>`, which must succeed.
fn new_course(site: &Site, dir: &Path) {
    site.run(&["new", s(dir)]).assert_ok();
}

/// The starter course plus an attachment linked from the lesson; valid without warnings.
fn trainer_course(site: &Site, name: &str) -> PathBuf {
    let dir = site.path(name);
    new_course(site, &dir);
    fs::create_dir_all(dir.join("assets")).unwrap();
    fs::write(dir.join(HANDOUT), "A handout to print for the session.\n").unwrap();
    edit(&dir.join(LESSON), "## Reflect", |text| {
        text.replacen(
            "## Reflect",
            "Print the [handout](../assets/handout.txt) first.\n\n## Reflect",
            1,
        )
    });
    let run = site.run(&["validate", s(&dir)]);
    run.assert_ok();
    assert!(run.stdout.contains("0 warnings"), "{}", run.dump());
    dir
}

/// Rewrites a file with `change`, failing if it does not hold `expect` (the template moved).
fn edit(file: &Path, expect: &str, change: impl FnOnce(&str) -> String) {
    let text = fs::read_to_string(file).unwrap();
    assert!(
        text.contains(expect),
        "{} no longer holds `{expect}`: update this test",
        file.display()
    );
    let changed = change(&text);
    assert_ne!(changed, text);
    fs::write(file, changed).unwrap();
}

fn set_version(course: &Path, version: &str) {
    edit(&course.join("course.toml"), "\nversion = ", |text| {
        text.lines()
            .map(|l| {
                if l.starts_with("version = ") {
                    format!("version = \"{version}\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
}

/// `hatua keygen <tmp>/keys/org`; the secret key's path and the public key's hex.
fn keygen(site: &Site) -> (PathBuf, String) {
    let secret = site.path("keys/org");
    site.run(&["keygen", s(&secret)]).assert_ok();
    let public = fs::read_to_string(site.path("keys/org.pub")).unwrap();
    let hex = public
        .lines()
        .find_map(|l| l.strip_prefix("ed25519:"))
        .expect("the .pub file has an `ed25519:` line")
        .to_string();
    (secret, hex)
}

/// `hatua pack course -o out [--sign key]`, which must succeed.
fn pack(site: &Site, course: &Path, out: &Path, key: Option<&Path>) -> Run {
    let mut args = vec!["pack", s(course), "-o", s(out)];
    if let Some(key) = key {
        args.extend(["--sign", s(key)]);
    }
    let run = site.run(&args);
    run.assert_ok();
    run
}

// ---- reading what the site sees --------------------------------------------------------------

/// One row of the import table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    result: String,
    course: String,
    version: String,
    details: String,
}

impl Row {
    /// Result, course and version, to compare rows without their free-text details.
    fn key(&self) -> (&str, &str, &str) {
        (&self.result, &self.course, &self.version)
    }
}

/// The first whitespace-separated word of `text`, and what follows it.
fn word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    text.split_at(end)
}

/// The rows of `hatua import`'s table: a header `RESULT COURSE VERSION DETAILS`, then one
/// line per bundle whose first three columns line up under the header. Empty when the run
/// printed no table.
fn import_rows(run: &Run) -> Vec<Row> {
    let mut lines = run.stdout.lines();
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["RESULT", "COURSE", "VERSION", "DETAILS"],
        "{}",
        run.dump()
    );
    let course_col = header.find("COURSE").unwrap();
    let version_col = header.find("VERSION").unwrap();
    lines
        .map(|line| {
            let (result, rest) = word(line);
            let (course, rest) = word(rest);
            let (version, rest) = word(rest);
            assert_eq!(line.find(course), Some(course_col), "aligned: {line:?}");
            assert_eq!(
                line[course_col + course.len()..]
                    .find(version)
                    .map(|i| i + course_col + course.len()),
                Some(version_col),
                "aligned: {line:?}"
            );
            Row {
                result: result.to_string(),
                course: course.to_string(),
                version: version.to_string(),
                details: rest.trim().to_string(),
            }
        })
        .collect()
}

/// The one row of an import of one bundle.
fn only_row<'a>(run: &Run, rows: &'a [Row]) -> &'a Row {
    assert_eq!(rows.len(), 1, "one row:\n{}", run.dump());
    &rows[0]
}

/// The `hatua courses` line for `id`: (version, items, origin, title), or `None`. The
/// origin (`signed by Org`) is a column of its own, at least two spaces before the title.
fn course_line(run: &Run, id: &str) -> Option<(String, String, String, String)> {
    run.stdout.lines().skip(1).find_map(|line| {
        let (first, rest) = word(line);
        (first == id).then(|| {
            let (version, rest) = word(rest);
            let (items, rest) = word(rest);
            let (origin, title) = rest.trim().split_once("  ").unwrap_or((rest.trim(), ""));
            (
                version.to_string(),
                items.to_string(),
                origin.to_string(),
                title.trim().to_string(),
            )
        })
    })
}

fn listed(site: &Site, id: &str) -> Option<(String, String, String, String)> {
    course_line(&site.courses_run(), id)
}

/// Every file under `dir` by path relative to it, with its bytes; folders as `None`.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        let Ok(read) = fs::read_dir(dir) else {
            return;
        };
        for e in read {
            let e = e.expect("an entry");
            let path = e.path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            // The install lock holds no data, the record of a verification only says when
            // files were last checked, and the log says what was done: none is a course
            // or a record (the log is checked on its own).
            if rel.ends_with(".install.lock")
                || rel.ends_with(".hatua-verified.toml")
                || rel.ends_with("hatua.log")
            {
                continue;
            }
            let kind = e.file_type().unwrap();
            if kind.is_dir() {
                out.insert(rel, None);
                walk(root, &path, out);
            } else {
                out.insert(rel, Some(fs::read(&path).unwrap_or_default()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

// ---- bundles altered by hand ----------------------------------------------------------------

/// Every file of a zip bundle (the manifest included), as `hatua` reads it.
fn bundle_files(zip: &Path) -> Vec<(String, Vec<u8>)> {
    ZipBundle::open(zip, &Limits::default())
        .expect("the untouched bundle opens")
        .into_files()
}

/// Writes `files` as a new zip, the manifest first, the way someone re-zipping an altered
/// bundle would.
fn write_zip(to: &Path, files: &[(String, Vec<u8>)]) {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut ordered: Vec<&(String, Vec<u8>)> = files.iter().collect();
    ordered.sort_by_key(|(p, _)| (p != MANIFEST_FILE, p.clone()));
    for (name, bytes) in ordered {
        zip.start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::write(to, zip.finish().unwrap().into_inner()).unwrap();
}

/// The lesson with one byte flipped: `W` of [`LESSON_TEXT`] becomes `V`, so the course still
/// loads and only the hash can tell.
fn flip_lesson_byte(bytes: &mut [u8]) {
    let at = bytes
        .windows(LESSON_TEXT.len())
        .position(|w| w == LESSON_TEXT.as_bytes())
        .expect("the lesson holds the starter sentence");
    bytes[at] ^= 0x01;
}

fn file_mut<'a>(files: &'a mut [(String, Vec<u8>)], path: &str) -> &'a mut Vec<u8> {
    &mut files
        .iter_mut()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("the bundle has {path}"))
        .1
}

/// Where the stored (compressed) data of `name` lies in a zip's raw bytes, from its local
/// file header.
fn local_data(zip: &[u8], name: &str) -> std::ops::Range<usize> {
    let u16_at = |i: usize| usize::from(u16::from_le_bytes([zip[i], zip[i + 1]]));
    let u32_at = |i: usize| {
        usize::try_from(u32::from_le_bytes([
            zip[i],
            zip[i + 1],
            zip[i + 2],
            zip[i + 3],
        ]))
        .unwrap()
    };
    let mut pos = 0;
    while let Some(found) = zip[pos..].windows(4).position(|w| w == b"PK\x03\x04") {
        let at = pos + found;
        let name_len = u16_at(at + 26);
        let extra_len = u16_at(at + 28);
        if &zip[at + 30..at + 30 + name_len] == name.as_bytes() {
            let start = at + 30 + name_len + extra_len;
            return start..start + u32_at(at + 18);
        }
        pos = at + 4;
    }
    panic!("no local header for {name}");
}

/// Sets the size `name`'s local and central headers declare to `size`: its data then
/// inflates to more (or less) than the archive says, as in an archive made to lie.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    // (signature, where the name's length is, where the uncompressed size is, where the
    // name begins), for the local header and the central directory's.
    let headers: [(&[u8], usize, usize, usize); 2] =
        [(b"PK\x03\x04", 26, 22, 30), (b"PK\x01\x02", 28, 24, 46)];
    let mut patched = 0;
    for (signature, name_len_at, size_at, name_at) in headers {
        let mut pos = 0;
        while let Some(found) = zip[pos..].windows(4).position(|w| w == signature) {
            let at = pos + found;
            let len = usize::from(u16::from_le_bytes([
                zip[at + name_len_at],
                zip[at + name_len_at + 1],
            ]));
            if zip.get(at + name_at..at + name_at + len) == Some(name.as_bytes()) {
                zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
            pos = at + 4;
        }
    }
    assert_eq!(patched, 2, "both headers of {name} were found");
}

/// `len` bytes that do not compress, the same every run: a video or a scanned handout.
fn incompressible(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

// ---- 1. the trainer ---------------------------------------------------------------------------

#[test]
fn a_trainer_makes_checks_signs_and_packs_a_course_reproducibly() {
    let site = Site::new();
    let course = site.path("course");
    let run = site.run(&["new", s(&course)]);
    run.assert_ok();
    assert!(
        run.stdout.contains("created the course `course`"),
        "{}",
        run.dump()
    );

    let run = site.run(&["validate", s(&course)]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("`course` 1.0.0 is valid: 1 module, 2 items, in en, 0 warnings"),
        "{}",
        run.dump()
    );
    // The starter quiz shows one question of each of the seven types, as the docs promise.
    let started = hatua::course::load(&hatua::course::DirSource::new(&course))
        .course
        .unwrap();
    let kinds: Vec<&str> = started
        .items()
        .filter_map(|i| match &i.kind {
            hatua::course::ItemKind::Quiz(q) => Some(q),
            hatua::course::ItemKind::Lesson(_) => None,
        })
        .flat_map(|q| q.questions.iter().map(|x| x.kind.name()))
        .collect();
    assert_eq!(
        kinds,
        [
            "single",
            "multiple",
            "true-false",
            "text",
            "number",
            "order",
            "match"
        ]
    );

    let secret = site.path("keys/org");
    let run = site.run(&["keygen", s(&secret)]);
    run.assert_ok();
    let public = site.path("keys/org.pub");
    let secret_text = fs::read_to_string(&secret).unwrap();
    let public_text = fs::read_to_string(&public).unwrap();
    let secret_hex = secret_text
        .lines()
        .find_map(|l| l.strip_prefix("ed25519-secret:"))
        .expect("the secret key file holds the secret");
    let public_hex = public_text
        .lines()
        .find_map(|l| l.strip_prefix("ed25519:"))
        .expect("the .pub file holds the public key");
    assert_eq!(secret_hex.len(), 64);
    assert_eq!(public_hex.len(), 64);
    assert!(
        !public_text.contains(secret_hex),
        "the .pub file leaks the secret"
    );
    assert!(
        !run.stdout.contains(secret_hex),
        "keygen printed the secret:\n{}",
        run.dump()
    );
    assert!(run.stdout.contains(public_hex), "{}", run.dump());
    assert!(run.stdout.contains("hatua trust add"), "{}", run.dump());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&secret),
            0o600,
            "only its owner may read the secret key"
        );
        assert_eq!(
            mode(&public) & 0o077 & !0o044,
            0,
            "the public key is not writable by others"
        );
    }
    // A second keygen never overwrites a key.
    let run = site.run(&["keygen", s(&secret)]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert_eq!(fs::read_to_string(&secret).unwrap(), secret_text);

    let drive_zip = site.path("drive/course.zip");
    let run = pack(&site, &course, &drive_zip, Some(&secret));
    let line = run.stdout.trim();
    assert!(
        line.starts_with("packed `course` 1.0.0 into "),
        "{}",
        run.dump()
    );
    assert!(line.ends_with(", signed"), "{}", run.dump());
    assert!(line.contains("3 files"), "{}", run.dump());

    let first = fs::read(&drive_zip).unwrap();
    pack(&site, &course, &drive_zip, Some(&secret));
    assert_eq!(
        fs::read(&drive_zip).unwrap(),
        first,
        "packing twice gives the same bytes"
    );
    let elsewhere = site.path("copy/course.zip");
    pack(&site, &course, &elsewhere, Some(&secret));
    assert_eq!(
        fs::read(&elsewhere).unwrap(),
        first,
        "wherever it is written"
    );
    // No temporary file is left beside the archive.
    assert_eq!(
        fs::read_dir(site.path("drive")).unwrap().count(),
        1,
        "only the archive in the drive folder"
    );

    // Unsigned, it says so.
    let run = pack(&site, &course, &site.path("unsigned.zip"), None);
    assert!(run.stdout.trim().ends_with(", unsigned"), "{}", run.dump());
}

// ---- 2. the site imports a drive ------------------------------------------------------------

#[test]
fn a_site_imports_a_drive_trusts_the_publisher_and_skips_what_it_has() {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, public_hex) = keygen(&site);
    let drive = site.path("drive");
    pack(
        &site,
        &course,
        &drive.join("trainers/org/course.zip"),
        Some(&key),
    );

    let (run, rows) = site.import(&[&drive], false);
    run.assert_ok();
    let row = only_row(&run, &rows);
    assert_eq!(row.key(), ("installed", ID, "1.0.0"), "{}", run.dump());
    assert_eq!(row.details, "signed by an unknown key", "{}", run.dump());

    // What was packed is what is installed, the manifest with it, and nothing half-done.
    assert_eq!(site.course_folders(), [ID]);
    let installed = tree(&site.installed(ID));
    let mut packed = tree(&course);
    packed.insert(
        PathBuf::from(MANIFEST_FILE),
        installed[Path::new(MANIFEST_FILE)].clone(),
    );
    // Beside them, the outline index start-up reads instead of every lesson.
    let index = Path::new(hatua::library::index::INDEX_FILE);
    assert!(installed.contains_key(index), "an outline index is written");
    packed.insert(index.to_path_buf(), installed[index].clone());
    assert_eq!(installed, packed);
    assert!(matches!(site.verify(ID), Ok(Standing::UnknownSigner { key }) if key == public_hex));

    let (version, items, origin, title) = listed(&site, ID).expect("`hatua courses` lists it");
    assert_eq!((version.as_str(), items.as_str()), ("1.0.0", "2"));
    assert_eq!(
        (origin.as_str(), title.as_str()),
        ("signed by an unknown key", "My new course")
    );

    let run = site.run(&[
        "trust",
        "add",
        s(&site.path("keys/org.pub")),
        "--name",
        "Org",
    ]);
    run.assert_ok();
    assert!(run.stdout.contains("signed by Org"), "{}", run.dump());
    let run = site.run(&["trust", "list"]);
    run.assert_ok();
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Org "))
        .unwrap_or_else(|| panic!("Org is listed:\n{}", run.dump()));
    assert!(
        line.contains(&format!("ed25519:{public_hex}")),
        "{}",
        run.dump()
    );
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.dump());

    let (_, _, origin, title) = listed(&site, ID).unwrap();
    assert_eq!(
        (origin.as_str(), title.as_str()),
        ("signed by Org", "My new course")
    );

    let before = tree(&site.data());
    let (run, rows) = site.import(&[&drive], false);
    run.assert_ok();
    let row = only_row(&run, &rows);
    assert_eq!(row.key(), ("skipped", ID, "1.0.0"), "{}", run.dump());
    assert!(
        row.details.contains("1.0.0 is already installed"),
        "{}",
        run.dump()
    );
    assert_eq!(
        tree(&site.data()),
        before,
        "a skipped bundle changes nothing"
    );
}

#[test]
fn an_empty_drive_says_no_bundle_was_found() {
    let site = Site::new();
    let drive = site.path("drive");
    fs::create_dir_all(drive.join("photos")).unwrap();
    fs::write(drive.join("photos/notes.txt"), "not a course").unwrap();
    site.run(&["import", s(&drive)])
        .assert_refused(&["no course bundle was found", "hatua pack"]);
    assert!(site.course_folders().is_empty());
}

// ---- 3. an upgrade keeps progress -----------------------------------------------------------

/// What the store holds about one learner in the course.
#[derive(Debug, PartialEq)]
struct Records {
    progress: HashMap<String, ItemProgress>,
    attempts: Vec<Attempt>,
    answers: Vec<Vec<Answer>>,
}

fn records(site: &Site, learner: &LearnerId) -> Records {
    let store = site.store();
    let attempts = store.attempts(learner, ID, QUIZ_ID).unwrap();
    let answers = attempts
        .iter()
        .map(|a| store.answers(learner, &a.id).unwrap())
        .collect();
    Records {
        progress: store.item_progress(learner, ID).unwrap(),
        attempts,
        answers,
    }
}

/// A learner who read the lesson to line 12, finished it, and answered a question of the
/// quiz in a finished attempt.
fn learner_with_progress(site: &Site, version: &str) -> LearnerId {
    let mut store = site.store();
    let amina = store.add_learner("Amina", None).unwrap().id;
    store.save_position(&amina, ID, LESSON_ID, 12).unwrap();
    assert_eq!(
        store
            .set_status(&amina, ID, LESSON_ID, ItemStatus::Done)
            .unwrap(),
        ItemStatus::Done
    );
    let attempt = store
        .start_attempt(&amina, ID, version, QUIZ_ID, 7, "{}")
        .unwrap();
    store
        .record_answer(
            &amina,
            &attempt,
            "one-answer",
            "0",
            pts(1.0),
            pts(1.0),
            true,
        )
        .unwrap();
    store
        .finish_attempt(&amina, &attempt, pts(1.0), pts(3.0), false)
        .unwrap();
    amina
}

#[test]
fn an_upgrade_replaces_the_files_and_keeps_progress_by_item_id() {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, _) = keygen(&site);
    let drive = site.path("drive");
    let zip = drive.join("org/course.zip");
    pack(&site, &course, &zip, Some(&key));
    site.import(&[&drive], false).0.assert_ok();

    let amina = learner_with_progress(&site, "1.0.0");
    let before = records(&site, &amina);
    assert_eq!(before.progress[LESSON_ID].status, ItemStatus::Done);
    assert_eq!(before.progress[LESSON_ID].position, 12);
    assert_eq!(before.progress[QUIZ_ID].status, ItemStatus::Failed);
    assert_eq!(before.attempts.len(), 1);
    assert_eq!(before.answers[0].len(), 1);

    // 1.1.0: the lesson's text changes, its id does not.
    edit(&course.join(LESSON), LESSON_TEXT, |t| {
        t.replacen(LESSON_TEXT, REVISED_TEXT, 1)
    });
    set_version(&course, "1.1.0");
    site.run(&["validate", s(&course)]).assert_ok();
    pack(&site, &course, &zip, Some(&key));
    let (run, rows) = site.import(&[&drive], false);
    run.assert_ok();
    let row = only_row(&run, &rows);
    assert_eq!(row.key(), ("updated", ID, "1.1.0"), "{}", run.dump());
    assert!(
        row.details.starts_with("from 1.0.0"),
        "says which version it replaced:\n{}",
        run.dump()
    );
    assert!(
        row.details.contains("signed by an unknown key"),
        "{}",
        run.dump()
    );

    let lesson = fs::read_to_string(site.installed(ID).join(LESSON)).unwrap();
    assert!(
        lesson.contains(REVISED_TEXT),
        "the new text is installed:\n{lesson}"
    );
    assert!(
        !lesson.contains(LESSON_TEXT),
        "the old text is gone:\n{lesson}"
    );
    assert_eq!(
        site.course_folders(),
        [ID],
        "no folder left over from the swap"
    );
    assert_eq!(listed(&site, ID).unwrap().0, "1.1.0");
    assert!(site.verify(ID).is_ok());
    assert_eq!(
        records(&site, &amina),
        before,
        "the upgrade keeps every record"
    );

    // 1.2.0: the lesson leaves the outline (and the bundle).
    edit(
        &course.join("course.toml"),
        "items = [\"lessons/welcome.md\", ",
        |t| t.replacen("items = [\"lessons/welcome.md\", ", "items = [", 1),
    );
    fs::remove_file(course.join(LESSON)).unwrap();
    fs::remove_dir_all(course.join("assets")).unwrap();
    set_version(&course, "1.2.0");
    site.run(&["validate", s(&course)]).assert_ok();
    pack(&site, &course, &zip, Some(&key));
    let (run, rows) = site.import(&[&drive], false);
    run.assert_ok();
    let row = only_row(&run, &rows);
    assert_eq!(row.key(), ("updated", ID, "1.2.0"), "{}", run.dump());
    assert!(row.details.starts_with("from 1.1.0"), "{}", run.dump());

    assert!(
        !site.installed(ID).join(LESSON).exists(),
        "the removed lesson is gone"
    );
    let (version, items, ..) = listed(&site, ID).unwrap();
    assert_eq!((version.as_str(), items.as_str()), ("1.2.0", "1"));
    let after = records(&site, &amina);
    assert_eq!(
        after, before,
        "progress on the removed lesson is kept in the records"
    );
    assert!(after.progress.contains_key(LESSON_ID));
}

// ---- 4. an older version --------------------------------------------------------------------

#[test]
fn an_older_version_is_refused_unless_forced() {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, _) = keygen(&site);
    let old = site.path("archive/course-1.0.0.zip");
    pack(&site, &course, &old, Some(&key));
    set_version(&course, "1.1.0");
    let new = site.path("drive/course.zip");
    pack(&site, &course, &new, Some(&key));
    site.import(&[&new], false).0.assert_ok();
    let installed = tree(&site.installed(ID));

    let (run, rows) = site.import(&[&old], false);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    let row = only_row(&run, &rows);
    assert_eq!(row.key(), ("refused", ID, "1.0.0"), "{}", run.dump());
    assert!(row.details.contains("--force"), "{}", run.dump());
    assert!(row.details.contains("1.1.0 is installed"), "{}", run.dump());
    assert!(
        row.details.contains(s(&old)),
        "names the bundle:\n{}",
        run.dump()
    );
    assert_eq!(
        listed(&site, ID).unwrap().0,
        "1.1.0",
        "the installed version is kept"
    );
    assert_eq!(tree(&site.installed(ID)), installed);

    let (run, rows) = site.import(&[&old], true);
    run.assert_ok();
    let row = only_row(&run, &rows);
    // A forced step back replaces what is installed, and says from which version.
    assert_eq!(row.key(), ("updated", ID, "1.0.0"), "{}", run.dump());
    assert!(row.details.starts_with("from 1.1.0"), "{}", run.dump());
    assert_eq!(listed(&site, ID).unwrap().0, "1.0.0");
    assert!(site.verify(ID).is_ok());
}

// ---- 5. altered bundles ---------------------------------------------------------------------

/// A site with the signed 1.0.0 installed, and the trainer's signed 1.1.0 archive, which the
/// tamper tests alter before it reaches the site.
struct Tampering {
    site: Site,
    signed: PathBuf,
    installed: BTreeMap<PathBuf, Option<Vec<u8>>>,
}

fn tampering() -> Tampering {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, _) = keygen(&site);
    let first = site.path("first/course.zip");
    pack(&site, &course, &first, Some(&key));
    site.import(&[&first], false).0.assert_ok();
    set_version(&course, "1.1.0");
    let signed = site.path("trainer/course.zip");
    pack(&site, &course, &signed, Some(&key));
    let installed = tree(&site.installed(ID));
    Tampering {
        site,
        signed,
        installed,
    }
}

impl Tampering {
    /// Imports `zip`, which must be refused with `words` in its details, leaving the
    /// installed 1.0.0 byte for byte as it was.
    fn assert_refused(&self, zip: &Path, words: &[&str]) {
        let (run, rows) = self.site.import(&[zip], false);
        assert_eq!(run.code(), Some(1), "{}", run.dump());
        let row = only_row(&run, &rows);
        assert_eq!(row.result, "refused", "{}", run.dump());
        assert!(
            row.details.starts_with(s(zip)),
            "names the bundle:\n{}",
            run.dump()
        );
        for word in words {
            assert!(
                row.details.contains(word),
                "details do not say `{word}`:\n{}",
                run.dump()
            );
        }
        assert_eq!(
            tree(&self.site.installed(ID)),
            self.installed,
            "{}",
            run.dump()
        );
        assert_eq!(self.site.course_folders(), [ID], "nothing half-installed");
        assert_eq!(listed(&self.site, ID).unwrap().0, "1.0.0");
    }
}

#[test]
fn the_untampered_upgrade_would_install() {
    // The control for the tamper tests below: the very archive they alter is accepted.
    let t = tampering();
    assert_eq!(
        t.site.import_one(&t.signed, false).key(),
        ("updated", ID, "1.1.0")
    );
}

#[test]
fn a_lesson_changed_after_signing_is_refused_by_name() {
    let t = tampering();
    let mut files = bundle_files(&t.signed);
    flip_lesson_byte(file_mut(&mut files, LESSON));
    let zip = t.site.path("drive/course.zip");
    write_zip(&zip, &files);
    t.assert_refused(
        &zip,
        &["`lessons/welcome.md`", "was changed after it was packed"],
    );
}

#[test]
fn a_byte_flipped_in_the_archive_itself_is_refused_by_name() {
    let t = tampering();
    let mut bytes = fs::read(&t.signed).unwrap();
    let data = local_data(&bytes, LESSON);
    assert!(data.len() > 8, "the lesson's data is in the archive");
    bytes[data.start + data.len() / 2] ^= 0x10;
    let zip = t.site.path("drive/course.zip");
    fs::create_dir_all(zip.parent().unwrap()).unwrap();
    fs::write(&zip, &bytes).unwrap();
    t.assert_refused(&zip, &["`lessons/welcome.md`"]);
}

#[test]
fn a_file_added_after_signing_is_refused_by_name() {
    let t = tampering();
    let mut files = bundle_files(&t.signed);
    files.push((
        "lessons/extra.md".into(),
        b"# Extra\n\nNot packed.\n".to_vec(),
    ));
    let zip = t.site.path("drive/course.zip");
    write_zip(&zip, &files);
    t.assert_refused(
        &zip,
        &["`lessons/extra.md`", "was added after it was packed"],
    );
}

#[test]
fn a_file_removed_after_signing_is_refused_by_name() {
    let t = tampering();
    // An attachment: the course still loads without it, only the manifest knows.
    let mut files = bundle_files(&t.signed);
    files.retain(|(p, _)| p != HANDOUT);
    let zip = t.site.path("drive/handout-removed.zip");
    write_zip(&zip, &files);
    t.assert_refused(&zip, &["`assets/handout.txt`", "is missing"]);

    // A lesson of the outline.
    let mut files = bundle_files(&t.signed);
    files.retain(|(p, _)| p != LESSON);
    let zip = t.site.path("drive/lesson-removed.zip");
    write_zip(&zip, &files);
    t.assert_refused(&zip, &["`lessons/welcome.md`"]);
}

#[test]
fn a_change_whose_hash_is_rewritten_in_the_manifest_fails_the_signature() {
    let t = tampering();
    let mut files = bundle_files(&t.signed);
    flip_lesson_byte(file_mut(&mut files, LESSON));
    let new_hash = hash_bytes(file_mut(&mut files, LESSON));
    let manifest = file_mut(&mut files, MANIFEST_FILE);
    let mut parsed = Manifest::parse(std::str::from_utf8(manifest).unwrap()).unwrap();
    assert!(parsed.signature.is_some());
    parsed.files.insert(LESSON.to_string(), new_hash);
    *manifest = parsed.to_toml().into_bytes();
    let zip = t.site.path("drive/course.zip");
    write_zip(&zip, &files);
    t.assert_refused(&zip, &["signature does not match"]);
}

#[test]
fn an_altered_bundle_refused_at_a_first_import_leaves_the_data_folder_as_it_was() {
    // The bundle is unpacked into the courses folder as it is read: refused, nothing of it
    // stays, not even the courses folder the import had to make.
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, _) = keygen(&site);
    let signed = site.path("trainer/course.zip");
    pack(&site, &course, &signed, Some(&key));
    let mut files = bundle_files(&signed);
    flip_lesson_byte(file_mut(&mut files, LESSON));
    let altered = site.path("drive/course.zip");
    write_zip(&altered, &files);
    fs::create_dir_all(site.data()).unwrap();
    let before = tree(&site.data());

    let (run, rows) = site.import(&[&altered], false);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    let row = only_row(&run, &rows);
    assert_eq!(row.result, "refused", "{}", run.dump());
    assert!(
        row.details
            .contains("`lessons/welcome.md` was changed after it was packed"),
        "{}",
        run.dump()
    );
    assert!(!site.courses().exists(), "{:?}", site.course_folders());
    assert_eq!(tree(&site.data()), before);

    // The untouched bundle then goes in.
    assert_eq!(
        site.import_one(&signed, false).key(),
        ("installed", ID, "1.0.0")
    );
    assert_eq!(site.course_folders(), [ID]);
}

#[test]
fn an_entry_that_inflates_past_its_declared_size_is_refused_mid_stream_and_leaves_nothing() {
    // The lesson's headers say 10 bytes fewer than it holds: the files before it in the
    // archive are already unpacked when its own reading finds the lie.
    let t = tampering();
    let lesson_len = bundle_files(&t.signed)
        .into_iter()
        .find(|(p, _)| p == LESSON)
        .map(|(_, b)| b.len())
        .unwrap();
    let mut bytes = fs::read(&t.signed).unwrap();
    declare_size(&mut bytes, LESSON, u32::try_from(lesson_len - 10).unwrap());
    let lying = t.site.path("drive/course.zip");
    fs::create_dir_all(lying.parent().unwrap()).unwrap();
    fs::write(&lying, &bytes).unwrap();
    let words = format!(
        "unpacks to {lesson_len} bytes but its header says {}",
        lesson_len - 10
    );
    t.assert_refused(&lying, &["`lessons/welcome.md`", &words]);

    // The same on a site with nothing installed: no courses folder is left either.
    let fresh = Site::new();
    fs::create_dir_all(fresh.data()).unwrap();
    let (run, rows) = fresh.import(&[&lying], false);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        only_row(&run, &rows).details.contains(&words),
        "{}",
        run.dump()
    );
    assert!(!fresh.courses().exists(), "{:?}", fresh.course_folders());
}

// ---- 6. an installed file changed on disk ---------------------------------------------------

#[test]
fn an_installed_lesson_changed_on_disk_is_listed_but_refused_when_opened() {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, public_hex) = keygen(&site);
    let zip = site.path("drive/course.zip");
    pack(&site, &course, &zip, Some(&key));
    site.import(&[&zip], false).0.assert_ok();
    assert_eq!(
        site.verify(ID).unwrap(),
        Standing::UnknownSigner {
            key: public_hex.clone()
        }
    );

    let lesson = site.installed(ID).join(LESSON);
    let mut bytes = fs::read(&lesson).unwrap();
    flip_lesson_byte(&mut bytes);
    fs::write(&lesson, &bytes).unwrap();

    // `courses` checks every file, as opening the course does: it is unavailable, and why.
    let run = site.courses_run();
    assert!(
        run.stdout.lines().any(|l| l.contains("unavailable")
            && l.contains("`lessons/welcome.md` was changed after it was packed")),
        "{}",
        run.dump()
    );

    // Opening it verifies every file.
    let err = site.verify(ID).unwrap_err();
    assert!(
        matches!(&err, BundleError::Tampered { file, change: Change::Modified } if file == LESSON),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("`lessons/welcome.md` was changed"), "{text}");

    // An extra file dropped in is named too; a hidden one left by a file manager is not a
    // change.
    fs::write(&lesson, fs::read(course.join(LESSON)).unwrap()).unwrap();
    assert!(site.verify(ID).is_ok());
    fs::write(site.installed(ID).join(".DS_Store"), b"\0\0").unwrap();
    assert!(
        site.verify(ID).is_ok(),
        "hidden files are not part of a bundle"
    );
    fs::write(site.installed(ID).join("lessons/note.md"), "# Note\n").unwrap();
    let err = site.verify(ID).unwrap_err();
    assert!(
        err.to_string().contains("`lessons/note.md` was added"),
        "{err}"
    );
    fs::remove_file(site.installed(ID).join("lessons/note.md")).unwrap();

    // Importing the same bundle with --force repairs a damaged install.
    fs::write(&lesson, b"# Welcome\n\nDamaged.\n").unwrap();
    assert!(site.verify(ID).is_err());
    assert_eq!(site.import_one(&zip, true).key(), ("updated", ID, "1.0.0"));
    assert!(site.verify(ID).is_ok());
}

// ---- 7. searching a drive ----------------------------------------------------------------------

/// What the table says of a course installed unsigned: the warning that nobody vouches for it.
const UNSIGNED: &str = "unsigned: nobody vouches for this copy; a site can accept only signed courses with install = \"signed\"";

#[test]
fn import_searches_a_trainers_deep_folders_and_skips_hidden_and_system_ones() {
    let site = Site::new();
    let drive = site.path("drive");
    let make = |name: &str| {
        let dir = site.path(&format!("src/{name}"));
        new_course(&site, &dir);
        dir
    };
    let alpha = make("alpha");
    let beta = make("beta");
    let gamma = make("gamma");
    let hidden = make("hidden");
    let deep = make("deep");
    let deep_folder = make("deep-folder");
    // At the root of the drive.
    pack(&site, &alpha, &drive.join("alpha.zip"), None);
    // An unpacked course folder two levels down.
    copy_dir(&beta, &drive.join("trainers/beta"));
    // Three levels down.
    pack(&site, &gamma, &drive.join("courses/2025/gamma.zip"), None);
    // In the file manager's trash, and in a hidden folder.
    pack(
        &site,
        &hidden,
        &drive.join(".Trash-1000/files/hidden.zip"),
        None,
    );
    pack(&site, &hidden, &drive.join(".hidden.zip"), None);
    // Deep in a trainer's own filing: found too (the old search stopped at three levels).
    pack(
        &site,
        &deep,
        &drive.join("TRAINING/2024/district/courses/deep.zip"),
        None,
    );
    copy_dir(
        &deep_folder,
        &drive.join("TRAINING/2024/district/courses/deep-folder"),
    );
    // Where Windows keeps its things: skipped.
    pack(
        &site,
        &make("system"),
        &drive.join("System Volume Information/system.zip"),
        None,
    );
    // Not bundles.
    fs::write(
        drive.join("readme.txt"),
        "Courses for the district office.\n",
    )
    .unwrap();

    let (run, rows) = site.import(&[&drive], false);
    run.assert_ok();
    let mut got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r.result.as_str(),
                r.course.as_str(),
                r.version.as_str(),
                r.details.as_str(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("installed", "alpha", "1.0.0", UNSIGNED),
            ("installed", "beta", "1.0.0", UNSIGNED),
            ("installed", "deep", "1.0.0", UNSIGNED),
            ("installed", "deep-folder", "1.0.0", UNSIGNED),
            ("installed", "gamma", "1.0.0", UNSIGNED),
        ],
        "{}",
        run.dump()
    );
    assert_eq!(
        site.course_folders(),
        ["alpha", "beta", "deep", "deep-folder", "gamma"]
    );
    // A folder that was never packed is installed with a manifest, so it can be checked
    // before each use.
    assert!(site.installed("beta").join(MANIFEST_FILE).is_file());
    assert_eq!(site.verify("beta").unwrap(), Standing::Unsigned);

    // A drive with nothing on it: the refusal says where and how far it looked.
    let empty = site.path("empty-drive");
    fs::create_dir_all(empty.join("photos/2024")).unwrap();
    fs::write(empty.join("photos/2024/a.jpg"), "x").unwrap();
    let run = site.run(&["import", s(&empty)]);
    run.assert_refused(&[
        "no course bundle was found in",
        "empty-drive",
        "looked through 3 folders, 2 levels deep",
    ]);
}

// ---- 8. remove --------------------------------------------------------------------------------

#[test]
fn remove_uninstalls_a_course_and_keeps_the_records() {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let zip = site.path("drive/course.zip");
    pack(&site, &course, &zip, None);
    site.import(&[&zip], false).0.assert_ok();
    let amina = learner_with_progress(&site, "1.0.0");
    let before = records(&site, &amina);

    let run = site.run(&["remove", ID]);
    run.assert_ok();
    assert!(run.stdout.contains("removed `course`"), "{}", run.dump());
    assert!(
        run.stdout.contains("records of it are kept"),
        "{}",
        run.dump()
    );
    assert!(!site.installed(ID).exists());
    assert!(site.course_folders().is_empty(), "no hidden leftover");
    assert!(listed(&site, ID).is_none(), "no longer listed");
    assert_eq!(records(&site, &amina), before);

    site.run(&["remove", ID])
        .assert_refused(&["`course`", "`hatua courses`"]);

    let built_in = Library::load(None)
        .ready()
        .map(|c| c.id.clone())
        .next()
        .expect("a built-in course");
    site.run(&["remove", &built_in])
        .assert_refused(&["built-in courses cannot be removed"]);
    assert!(
        listed(&site, &built_in).is_some(),
        "the built-in course stays"
    );

    site.run(&["remove", "../site"])
        .assert_refused(&["is not a course id", "`hatua courses`"]);
    assert!(site.data().exists());

    // Installed again, the learner's progress is there.
    site.import(&[&zip], false).0.assert_ok();
    assert_eq!(records(&site, &amina), before);
}

// ---- 9. a broken course on the drive ------------------------------------------------------

#[test]
fn a_broken_course_on_the_drive_is_refused_and_the_others_still_installed() {
    let site = Site::new();
    let drive = site.path("drive");
    copy_dir(&fixture("missing-file"), &drive.join("broken"));
    let good = site.path("good");
    new_course(&site, &good);
    pack(&site, &good, &drive.join("good.zip"), None);

    let (run, rows) = site.import(&[&drive], false);
    assert_eq!(
        run.code(),
        Some(1),
        "one bundle was refused:\n{}",
        run.dump()
    );
    assert_eq!(rows.len(), 2, "{}", run.dump());
    let broken = rows
        .iter()
        .find(|r| r.result == "refused")
        .expect("a refused row");
    assert_eq!(
        (broken.course.as_str(), broken.version.as_str()),
        ("-", "-")
    );
    assert!(
        broken.details.starts_with(s(&drive.join("broken"))),
        "{}",
        run.dump()
    );
    assert!(
        broken.details.contains("course.toml:14:30: missing file"),
        "the first error:\n{}",
        run.dump()
    );
    assert!(broken.details.contains("hatua validate"), "{}", run.dump());
    let installed = rows
        .iter()
        .find(|r| r.result == "installed")
        .expect("an installed row");
    assert_eq!(installed.key(), ("installed", "good", "1.0.0"));
    assert_eq!(site.course_folders(), ["good"]);
}

// ---- 10. hostile archives -------------------------------------------------------------------

/// What the refusal of each hostile fixture must say. A new fixture must be added here.
const HOSTILE: &[(&str, &[&str])] = &[
    ("absolute.zip", &["`/tmp/evil`", "absolute path"]),
    ("backslash.zip", &["backslash"]),
    ("bomb.zip", &["`assets/zeros.bin`", "zip bomb"]),
    ("device.zip", &["`lessons/tty.md`", "special file"]),
    ("encrypted.zip", &["`lessons/first.md`", "encrypted"]),
    ("future-format.zip", &["unsupported format version 2"]),
    ("lying-bomb.zip", &["`assets/zeros.bin`", "zip bomb"]),
    ("not-utf8.zip", &["`lessons/first.md`", "not UTF-8"]),
    ("symlink.zip", &["`lessons/link.md`", "symbolic link"]),
    ("traversal.zip", &["`../evil.md`", "climbs out"]),
];

/// Fixtures that are hostile only under the lowered limits of `tests/bundle/hostile.rs`:
/// 20 extra files and a 64 KiB lesson are far inside the real limits, so they install.
const HOSTILE_ONLY_WITH_LOWERED_LIMITS: &[&str] = &["big-lesson.zip", "many-files.zip"];

#[test]
fn hostile_archives_are_refused_and_write_nothing_anywhere() {
    let dir = fixture("hostile");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".zip"))
        .collect();
    names.sort();
    assert!(names.len() >= HOSTILE.len());
    let evil_outside = Path::new("/tmp/evil").exists();

    for name in &names {
        let site = Site::new();
        let zip = site.path(&format!("drive/{name}"));
        fs::create_dir_all(zip.parent().unwrap()).unwrap();
        fs::copy(dir.join(name), &zip).unwrap();
        fs::create_dir_all(site.data()).unwrap();
        let everything = tree(site.tmp.path());

        let (run, rows) = site.import(&[&zip], false);
        if HOSTILE_ONLY_WITH_LOWERED_LIMITS.contains(&name.as_str()) {
            run.assert_ok();
            assert_eq!(
                only_row(&run, &rows).key(),
                ("installed", "hostile", "1.0.0")
            );
            continue;
        }
        let words = HOSTILE
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| {
                panic!("{name} is a new hostile fixture: say here what its refusal says")
            })
            .1;
        assert_eq!(run.code(), Some(1), "{name}:\n{}", run.dump());
        let row = only_row(&run, &rows);
        assert_eq!(row.result, "refused", "{name}:\n{}", run.dump());
        for word in words {
            assert!(
                row.details.contains(word),
                "{name}: no `{word}`:\n{}",
                run.dump()
            );
        }
        assert!(
            site.course_folders().is_empty(),
            "{name}: {:?}",
            site.course_folders()
        );
        assert_eq!(
            tree(site.tmp.path()),
            everything,
            "{name}: nothing may be written, inside the data dir or beside it"
        );
        // The refusal is in the log, for whoever helps the site from afar.
        let log = fs::read_to_string(site.data().join("hatua.log")).unwrap_or_default();
        let line = log
            .lines()
            .rfind(|l| l.contains("}: import "))
            .unwrap_or_default();
        assert!(
            line.contains(name.as_str()) && line.contains("outcome=Refused"),
            "{name}: the log's last import line: {line:?}"
        );
    }
    assert_eq!(
        Path::new("/tmp/evil").exists(),
        evil_outside,
        "an absolute entry was written"
    );
}

// ---- 11. an install cut short -------------------------------------------------------------

#[test]
fn a_truncated_or_half_copied_upgrade_leaves_the_installed_version_working() {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, _) = keygen(&site);
    let first = site.path("first/course.zip");
    pack(&site, &course, &first, Some(&key));
    site.import(&[&first], false).0.assert_ok();
    let installed = tree(&site.installed(ID));

    set_version(&course, "1.1.0");
    edit(&course.join(LESSON), LESSON_TEXT, |t| {
        t.replacen(LESSON_TEXT, REVISED_TEXT, 1)
    });
    let full = site.path("trainer/course.zip");
    pack(&site, &course, &full, Some(&key));

    // The archive copied half-way onto the drive.
    let bytes = fs::read(&full).unwrap();
    let cut = site.path("drive/course.zip");
    fs::create_dir_all(cut.parent().unwrap()).unwrap();
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let (run, rows) = site.import(&[&cut], false);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    let row = only_row(&run, &rows);
    assert_eq!(row.result, "refused", "{}", run.dump());
    assert!(
        row.details.contains("not a readable zip archive"),
        "{}",
        run.dump()
    );
    assert_eq!(tree(&site.installed(ID)), installed);
    assert_eq!(site.course_folders(), [ID]);
    assert_eq!(listed(&site, ID).unwrap().0, "1.0.0");
    assert!(site.verify(ID).is_ok());

    // The same upgrade as a folder whose lesson was copied only half-way.
    let folder = site.path("drive2/course");
    fs::create_dir_all(&folder).unwrap();
    for (path, bytes) in bundle_files(&full) {
        let to = folder.join(&path);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        let keep = if path == LESSON {
            bytes.len() / 2
        } else {
            bytes.len()
        };
        fs::write(to, &bytes[..keep]).unwrap();
    }
    let (run, rows) = site.import(&[&folder], false);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    let row = only_row(&run, &rows);
    assert_eq!(row.result, "refused", "{}", run.dump());
    assert!(
        row.details.contains("`lessons/welcome.md`"),
        "{}",
        run.dump()
    );
    assert_eq!(tree(&site.installed(ID)), installed);
    assert!(site.verify(ID).is_ok());

    // Copied in full, the same upgrade goes in.
    assert_eq!(
        site.import_one(&full, false).key(),
        ("updated", ID, "1.1.0")
    );
}

#[test]
fn start_up_puts_back_a_course_moved_aside_by_an_interrupted_install() {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, _) = keygen(&site);
    let zip = site.path("drive/course.zip");
    pack(&site, &course, &zip, Some(&key));
    site.import(&[&zip], false).0.assert_ok();
    site.run(&[
        "trust",
        "add",
        s(&site.path("keys/org.pub")),
        "--name",
        "Org",
    ])
    .assert_ok();
    let installed = tree(&site.installed(ID));

    // Power failed between the two renames: the old version moved aside, the new one still
    // under its temporary name, half written.
    let stamp = "0123456789abcdef0123456789abcdef";
    fs::rename(
        site.installed(ID),
        site.courses().join(format!(".replaced-{ID}-{stamp}")),
    )
    .unwrap();
    let incoming = site.courses().join(format!(".incoming-{ID}-{stamp}"));
    fs::create_dir_all(incoming.join("lessons")).unwrap();
    fs::write(incoming.join("course.toml"), "format = 1\nid = \"cour").unwrap();

    let run = site.courses_run();
    let (version, _, origin, title) =
        course_line(&run, ID).unwrap_or_else(|| panic!("the course is back:\n{}", run.dump()));
    assert_eq!(version, "1.0.0");
    assert_eq!(
        (origin.as_str(), title.as_str()),
        ("signed by Org", "My new course")
    );
    assert_eq!(
        site.course_folders(),
        [ID],
        "the half-written folder is gone"
    );
    assert_eq!(tree(&site.installed(ID)), installed);
    assert!(matches!(site.verify(ID), Ok(Standing::SignedBy { name }) if name == "Org"));

    // Power failed after the new version was in place, before the old one was deleted.
    fs::create_dir_all(
        site.courses()
            .join(format!(".replaced-{ID}-{stamp}/lessons")),
    )
    .unwrap();
    fs::write(
        site.courses()
            .join(format!(".replaced-{ID}-{stamp}/course.toml")),
        "format = 1\n",
    )
    .unwrap();
    assert_eq!(listed(&site, ID).unwrap().0, "1.0.0");
    assert_eq!(site.course_folders(), [ID], "the old copy is deleted");
    assert_eq!(tree(&site.installed(ID)), installed);

    // An import after a crash finds the course in place and carries on.
    assert_eq!(site.import_one(&zip, false).key(), ("skipped", ID, "1.0.0"));
}

#[test]
fn a_signed_course_is_not_replaced_by_an_unsigned_or_foreign_one_unless_forced() {
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let (key, _) = keygen(&site);
    let signed = site.path("drive/signed.zip");
    pack(&site, &course, &signed, Some(&key));
    site.import(&[&signed], false).0.assert_ok();
    let installed = tree(&site.installed(ID));

    // Someone's unsigned copy, newer: refused, the signed version stays.
    set_version(&course, "1.5.0");
    let unsigned = site.path("other/unsigned.zip");
    pack(&site, &course, &unsigned, None);
    let (run, rows) = site.import(&[&unsigned], false);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    let row = only_row(&run, &rows);
    assert_eq!(row.key(), ("refused", ID, "1.5.0"), "{}", run.dump());
    assert!(
        row.details.contains(
            "the installed version is signed by an unknown key, and this one is unsigned"
        ) && row.details.contains("--force"),
        "{}",
        run.dump()
    );
    assert_eq!(tree(&site.installed(ID)), installed);

    // Signed by another key: refused too.
    let other_key = site.path("keys/other");
    site.run(&["keygen", s(&other_key)]).assert_ok();
    let foreign = site.path("other/foreign.zip");
    pack(&site, &course, &foreign, Some(&other_key));
    let (run, _) = site.import(&[&foreign], false);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert_eq!(tree(&site.installed(ID)), installed);

    // The same publisher's newer version goes in; --force lets a coordinator choose.
    let update = site.path("drive/update.zip");
    pack(&site, &course, &update, Some(&key));
    assert_eq!(
        site.import_one(&update, false).key(),
        ("updated", ID, "1.5.0")
    );
    set_version(&course, "1.6.0");
    pack(&site, &course, &unsigned, None);
    assert_eq!(
        site.import_one(&unsigned, true).key(),
        ("updated", ID, "1.6.0")
    );
}

// ---- 12. large files, unpacked in pieces ------------------------------------------------------

#[test]
fn an_attachment_larger_than_a_piece_is_installed_byte_for_byte_from_a_zip_and_a_folder() {
    // Files are read, hashed and written 64 KiB at a time: a 1 MiB attachment crosses many
    // pieces, and must arrive whole.
    let site = Site::new();
    let course = trainer_course(&site, "course");
    let video = incompressible(1024 * 1024 + 12_345);
    fs::write(course.join("assets/talk.bin"), &video).unwrap();
    let zip = site.path("drive/course.zip");
    pack(&site, &course, &zip, None);

    for (from, bundle) in [("zip", zip.as_path()), ("folder", course.as_path())] {
        let at = Site::new();
        assert_eq!(
            at.import_one(bundle, false).key(),
            ("installed", ID, "1.0.0"),
            "{from}"
        );
        let installed = tree(&at.installed(ID));
        let mut expected = tree(&course);
        for added in [MANIFEST_FILE, hatua::library::index::INDEX_FILE] {
            let added = PathBuf::from(added);
            assert!(installed.contains_key(&added), "{from}: {added:?}");
            expected.insert(added.clone(), installed[&added].clone());
        }
        assert_eq!(
            installed, expected,
            "{from}: what is installed is what was bundled"
        );
        // The manifest (packed, or made at import for the folder) holds each file's hash.
        let manifest = fs::read_to_string(at.installed(ID).join(MANIFEST_FILE)).unwrap();
        let manifest = Manifest::parse(&manifest).unwrap();
        assert_eq!(
            manifest.files.get("assets/talk.bin"),
            Some(&hash_bytes(&video)),
            "{from}"
        );
        assert!(at.verify(ID).is_ok(), "{from}");
    }
}
