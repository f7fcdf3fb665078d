//! Records travel: two sites export, a hub merges, reports agree; merging again adds
//! nothing; a changed export is refused; what is exported once is not exported again.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::records::{attempt, every_type_answered, minimal, read_lessons, right, wrong};
use common::{HATUA, install_fixture};
use hatua::library::Library;
use hatua::reports::{self, Filter};
use hatua::store::Store;
use hatua::store::tally::Learners;

/// A site's data folder with the `minimal` course installed and a name.
fn site(name: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    install_fixture("minimal", dir.path(), "minimal");
    let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
    store.set_setting("site_name", name).unwrap();
    (dir, store)
}

fn hatua(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(HATUA)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("hatua runs")
}

fn export(data: &Path, to: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["export", "--to", to.to_str().unwrap()];
    args.extend(extra);
    let out = hatua(data, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let path = text
        .lines()
        .find_map(|l| l.strip_prefix("Wrote "))
        .and_then(|l| l.split(" (").next())
        .unwrap_or_else(|| panic!("no file written: {text}"));
    PathBuf::from(path)
}

/// Site A: Amina completes the course; Baraka fails the quiz once. Site B: Chen passes
/// the quiz on a second try, reads nothing.
fn two_sites() -> ((tempfile::TempDir, Store), (tempfile::TempDir, Store)) {
    let course = minimal();
    let (a_dir, mut a) = site("Kisumu centre");
    let amina = a.add_learner("Amélie, N.", None).unwrap();
    read_lessons(&mut a, &amina.id, &course);
    assert!(attempt(&mut a, &amina.id, &course, "check", right));
    let baraka = a.add_learner("Baraka", None).unwrap();
    assert!(!attempt(&mut a, &baraka.id, &course, "check", wrong));
    let (b_dir, mut b) = site("Kisii hall");
    let chen = b.add_learner("Chen", None).unwrap();
    assert!(!attempt(&mut b, &chen.id, &course, "check", wrong));
    assert!(attempt(&mut b, &chen.id, &course, "check", right));
    ((a_dir, a), (b_dir, b))
}

fn report_json(store: &Store, data: &Path, learners: Learners) -> serde_json::Value {
    let library = Library::load(Some(data));
    let filter = Filter {
        learners,
        course: Some("minimal".into()),
    };
    let report = reports::report(store, &library, &filter).unwrap();
    let course = library.course("minimal").unwrap();
    let questions = reports::question_reports(store, &filter.learners, course, "check").unwrap();
    let mut learners = reports::learner_reports(store, &library, &filter, None).unwrap();
    for l in &mut learners {
        // Where a learner comes from is the one thing a hub knows and a site does not.
        l.site_id = None;
    }
    serde_json::json!({ "report": report, "questions": questions, "learners": learners })
}

#[test]
fn a_hub_that_merges_two_sites_reports_what_each_site_reports() {
    let ((a_dir, a), (b_dir, b)) = two_sites();
    let drive = tempfile::tempdir().unwrap();
    let a_file = export(a_dir.path(), drive.path(), &["--with-names"]);
    let b_file = export(b_dir.path(), drive.path(), &[]);
    assert!(
        a_file
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("Kisumu-centre-")
    );

    let hub = tempfile::tempdir().unwrap();
    install_fixture("minimal", hub.path(), "minimal");
    let out = hatua(hub.path(), &["merge", drive.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("Kisumu centre") && table.contains("Kisii hall"),
        "{table}"
    );

    let hub_store = Store::open(&hub.path().join("hatua.db")).unwrap();
    let sites = hub_store.sites().unwrap();
    assert_eq!(sites.len(), 2);
    let id_of = |name: &str| sites.iter().find(|s| s.1 == name).unwrap().0.clone();
    let a_json = report_json(&a, a_dir.path(), Learners::Local);
    let b_json = report_json(&b, b_dir.path(), Learners::Local);
    let mut hub_a = report_json(
        &hub_store,
        hub.path(),
        Learners::Site(id_of("Kisumu centre")),
    );
    let mut hub_b = report_json(&hub_store, hub.path(), Learners::Site(id_of("Kisii hall")));
    // Site B sent no names: the hub knows its learners by id alone.
    for l in hub_b["learners"].as_array_mut().unwrap() {
        assert!(l["name"].as_str().unwrap().starts_with("learner "), "{l}");
        l["name"] = serde_json::json!("Chen");
    }
    assert_eq!(hub_a, a_json, "site A as the hub sees it");
    assert_eq!(hub_b, b_json, "site B as the hub sees it");
    // Together: three learners, two completions of the quiz out of four attempts passed.
    let all = report_json(&hub_store, hub.path(), Learners::All);
    assert_eq!(all["report"]["quizzes"][0]["attempts"], 4);
    assert_eq!(all["learners"].as_array().unwrap().len(), 3);
    hub_a["report"] = serde_json::Value::Null;

    // Merging the same files again adds nothing and changes no report.
    drop(hub_store);
    let again = hatua(
        hub.path(),
        &["merge", a_file.to_str().unwrap(), b_file.to_str().unwrap()],
    );
    assert!(again.status.success());
    let table = String::from_utf8_lossy(&again.stdout);
    for line in table.lines().skip(1) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert!(
            line.contains(" 0        0        0 "),
            "nothing new: {line} ({cells:?})"
        );
    }
    let hub_store = Store::open(&hub.path().join("hatua.db")).unwrap();
    assert_eq!(report_json(&hub_store, hub.path(), Learners::All), all);
}

#[test]
fn an_export_holds_what_is_new_and_says_when_nothing_is() {
    let course = minimal();
    let (dir, mut store) = site("Kisumu centre");
    let amina = store.add_learner("Amina", None).unwrap();
    attempt(&mut store, &amina.id, &course, "check", wrong);
    let drive = tempfile::tempdir().unwrap();
    let first = export(dir.path(), drive.path(), &[]);
    let out = hatua(
        dir.path(),
        &["export", "--to", drive.path().to_str().unwrap()],
    );
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Nothing new"),
        "{out:?}"
    );
    attempt(&mut store, &amina.id, &course, "check", right);
    let second = export(dir.path(), drive.path(), &[]);
    assert_ne!(first, second, "a second file, not the first overwritten");
    let statements = |f: &Path| -> Vec<serde_json::Value> {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(f).unwrap()).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("statements.jsonl").unwrap(), &mut text)
            .unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let (one, two) = (statements(&first), statements(&second));
    // The second holds the new attempt only: started, three answers, passed, and the course
    // complete? No: lessons are unread. 1 + 3 + 1 statements.
    assert_eq!(two.len(), 5, "{two:#?}");
    let ids = |v: &[serde_json::Value]| -> Vec<String> {
        v.iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids(&two).iter().all(|id| !ids(&one).contains(id)));
    // --all holds both attempts again, with the same statement ids.
    let all = export(dir.path(), drive.path(), &["--all"]);
    let every = ids(&statements(&all));
    assert!(
        ids(&one)
            .iter()
            .chain(&ids(&two))
            .all(|id| every.contains(id))
    );
}

/// The export `file` with one entry's bytes replaced, the rest as they were.
fn rewritten(file: &Path, entry: &str, change: impl Fn(&[u8]) -> Vec<u8>) -> PathBuf {
    let out = file.with_file_name("tampered.hatua-records.zip");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&out).unwrap());
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let name = e.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut bytes).unwrap();
        let bytes = if name == entry { change(&bytes) } else { bytes };
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut writer, &bytes).unwrap();
    }
    writer.finish().unwrap();
    out
}

#[test]
fn a_changed_export_is_refused_naming_what_changed_and_nothing_is_merged() {
    let ((a_dir, _a), _b) = two_sites();
    let drive = tempfile::tempdir().unwrap();
    let file = export(a_dir.path(), drive.path(), &[]);
    let hub = tempfile::tempdir().unwrap();
    // A score changed in the answers table.
    let edited = rewritten(&file, "answers.csv", |b| {
        String::from_utf8_lossy(b)
            .replacen(",0,1,false,", ",1,1,true,", 1)
            .into_bytes()
    });
    let out = hatua(hub.path(), &["merge", edited.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("answers.csv in it was changed"), "{err}");
    // A statement changed: the statements are checked apart from the tables, while the
    // tables merge; the merge is then given up.
    let edited = rewritten(&file, "statements.jsonl", |b| {
        let text = String::from_utf8_lossy(b);
        assert!(
            text.contains("\"success\":true"),
            "a passed result to change"
        );
        text.replacen("\"success\":true", "\"success\":false", 1)
            .into_bytes()
    });
    let out = hatua(hub.path(), &["merge", edited.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("statements.jsonl in it was changed"), "{err}");
    let hub_store = Store::open(&hub.path().join("hatua.db")).unwrap();
    assert!(hub_store.sites().unwrap().is_empty(), "nothing merged");
    drop(hub_store);
    // One flipped byte anywhere in the file: refused too.
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    let flipped = drive.path().join("flipped.hatua-records.zip");
    std::fs::write(&flipped, bytes).unwrap();
    let out = hatua(hub.path(), &["merge", flipped.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let hub_store = Store::open(&hub.path().join("hatua.db")).unwrap();
    assert!(hub_store.sites().unwrap().is_empty(), "nothing merged");
}

#[test]
fn the_csv_tables_open_in_a_spreadsheet_reader_with_accents_and_commas() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is not installed (CI has it)");
        return;
    }
    let ((a_dir, _a), _b) = two_sites();
    let drive = tempfile::tempdir().unwrap();
    let file = export(a_dir.path(), drive.path(), &["--with-names"]);
    let script = r#"
import csv, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
raw = z.read("learners.csv")
assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark for Excel"
rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
print(sorted(r["name"] for r in rows))
answers = list(csv.DictReader(io.StringIO(z.read("answers.csv").decode("utf-8-sig"))))
print(len(answers), sorted({r["correct"] for r in answers}))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("['Amélie, N.', 'Baraka']"), "{text}");
    assert!(text.contains("6 ['false', 'true']"), "{text}");
}

#[test]
fn every_statement_of_every_question_type_is_valid_xapi() {
    let dir = tempfile::tempdir().unwrap();
    install_fixture("all-types", dir.path(), "all-types");
    let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
    every_type_answered(&mut store, "Amina");
    let drive = tempfile::tempdir().unwrap();
    let file = export(dir.path(), drive.path(), &["--with-names"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("statements.jsonl").unwrap(), &mut text)
        .unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/xapi.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid");
    let statements: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for s in &statements {
        let errors: Vec<String> = validator.iter_errors(s).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?} in {s:#}");
    }
    // The schema is strict enough to fail: without an actor, or with a verb of its own.
    let mut broken = statements[0].clone();
    broken.as_object_mut().unwrap().remove("actor");
    assert!(!validator.is_valid(&broken));
    let mut broken = statements[0].clone();
    broken["verb"]["id"] = serde_json::json!("http://example.org/verbs/did");
    assert!(!validator.is_valid(&broken));
    let types: std::collections::BTreeSet<&str> = statements
        .iter()
        .filter_map(|s| s["object"]["definition"]["interactionType"].as_str())
        .collect();
    assert_eq!(types.len(), 6, "every interaction type: {types:?}");
    // 2 lessons… the course has one lesson; + attempt + 7 answers + result + course completed.
    let verbs: Vec<&str> = statements
        .iter()
        .map(|s| s["verb"]["display"]["en-US"].as_str().unwrap())
        .collect();
    assert!(
        verbs.contains(&"answered") && verbs.contains(&"completed"),
        "{verbs:?}"
    );
    let matching = statements
        .iter()
        .find(|s| s["object"]["definition"]["interactionType"] == "matching")
        .unwrap();
    assert_eq!(
        matching["result"]["response"],
        "left-1[.]right-1[,]left-2[.]right-3"
    );
    assert_eq!(matching["actor"]["name"], "Amina");
    // The same record always gives the same statement id.
    let again = export(dir.path(), drive.path(), &["--all"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&again).unwrap()).unwrap();
    let mut second = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("statements.jsonl").unwrap(), &mut second)
        .unwrap();
    let ids = |t: &str| -> std::collections::BTreeSet<String> {
        t.lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(ids(&text), ids(&second));
}

#[test]
fn an_export_without_names_holds_no_name_anywhere() {
    let course = minimal();
    let (dir, mut store) = site("Kisumu centre");
    // Names a byte search would find in any of the files, compressed or not.
    let names = ["Wanjiru Achieng", "Amélie Ndèye", "Nasra Haji"];
    for name in names {
        let l = store.add_learner(name, None).unwrap();
        read_lessons(&mut store, &l.id, &course);
        attempt(&mut store, &l.id, &course, "check", right);
    }
    drop(store);
    let drive = tempfile::tempdir().unwrap();
    let file = export(dir.path(), drive.path(), &[]);
    let raw = std::fs::read(&file).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&raw)).unwrap();
    let mut everything = raw.clone();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        std::io::Read::read_to_end(&mut entry, &mut everything).unwrap();
    }
    let text = String::from_utf8_lossy(&everything);
    for name in names {
        for part in name.split(' ') {
            assert!(!text.contains(part), "`{part}` of {name} left the desk");
        }
    }
    // With names asked for, they are there: the search above can find them.
    let named = export(dir.path(), drive.path(), &["--all", "--with-names"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(named).unwrap()).unwrap();
    let mut csv = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("learners.csv").unwrap(), &mut csv).unwrap();
    assert!(csv.contains("Amélie Ndèye"), "{csv}");
}

#[test]
fn a_hub_that_takes_trusted_sites_only_refuses_others_and_names_the_trusted() {
    let ((a_dir, _a), (b_dir, _b)) = two_sites();
    let drive = tempfile::tempdir().unwrap();
    let from_a = export(a_dir.path(), drive.path(), &[]);
    let from_b = export(b_dir.path(), drive.path(), &[]);
    let hub = tempfile::tempdir().unwrap();
    let config = hub.path().join("config.toml");
    std::fs::write(&config, "merge = \"trusted\"\n").unwrap();
    let merge = |file: &Path| {
        let out = Command::new(HATUA)
            .arg("--data-dir")
            .arg(hub.path())
            .arg("--config")
            .arg(&config)
            .args(["merge", file.to_str().unwrap()])
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // Nobody trusted yet: refused, saying how to trust the site.
    let (ok, _, err) = merge(&from_a);
    assert!(!ok, "{err}");
    assert!(
        err.contains("site Kisumu centre signs with a key this hub does not trust")
            && err.contains("hatua trust add --name \"Kisumu centre\" site.key.pub"),
        "{err}"
    );
    assert!(
        Store::open(&hub.path().join("hatua.db"))
            .unwrap()
            .sites()
            .unwrap()
            .is_empty()
    );

    // Site A's public key trusted as the trainer names it: merged, and said so.
    let key = a_dir.path().join("site.key.pub");
    let out = hatua(
        hub.path(),
        &[
            "trust",
            "add",
            "--name",
            "Kisumu (Grace's site)",
            key.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (ok, out, err) = merge(&from_a);
    assert!(ok, "{err}");
    assert!(out.contains("(trusted as Kisumu (Grace's site))"), "{out}");
    // Site B is still not trusted.
    let (ok, _, err) = merge(&from_b);
    assert!(!ok && err.contains("does not trust"), "{err}");

    // Without the rule, any site is taken, and a new untrusted one is pointed out.
    let (ok, out) = {
        let out = hatua(hub.path(), &["merge", from_b.to_str().unwrap()]);
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert!(ok, "{out}");
    assert!(
        out.contains("(a site new here, not in the trusted list)"),
        "{out}"
    );
}

/// The fuzz targets merge exports from memory: that must be the very merge a file gets,
/// refusals and all.
#[test]
fn an_export_merges_the_same_from_memory_as_from_its_file() {
    let ((a_dir, _a), _b) = two_sites();
    let drive = tempfile::tempdir().unwrap();
    let file = export(a_dir.path(), drive.path(), &[]);
    let bytes = std::fs::read(&file).unwrap();
    let mut from_file = Store::open_in_memory().unwrap();
    let mut from_memory = Store::open_in_memory().unwrap();
    let a = hatua::harvest::merge_file(&mut from_file, &file, &Default::default()).unwrap();
    let b =
        hatua::harvest::merge_bytes(&mut from_memory, &file, &bytes, &Default::default()).unwrap();
    assert_eq!(a, b);
    assert!(a.counts.answers > 0, "{a:?}");
    let mut flipped = bytes.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x01;
    std::fs::write(&file, &flipped).unwrap();
    let mut hub = Store::open_in_memory().unwrap();
    let a = hatua::harvest::merge_file(&mut hub, &file, &Default::default()).unwrap_err();
    let b =
        hatua::harvest::merge_bytes(&mut hub, &file, &flipped, &Default::default()).unwrap_err();
    assert_eq!(a.to_string(), b.to_string());
}

#[test]
fn a_hub_reports_on_one_merged_learner_found_by_her_name_without_accents() {
    let ((a_dir, _a), _b) = two_sites();
    let drive = tempfile::tempdir().unwrap();
    let file = export(a_dir.path(), drive.path(), &["--with-names"]);
    let hub = tempfile::tempdir().unwrap();
    assert!(
        hatua(hub.path(), &["merge", file.to_str().unwrap()])
            .status
            .success()
    );
    // "Amélie, N." came from site A: the hub has no learner of its own by that name.
    let out = hatua(hub.path(), &["report", "--learner", "amelie, n."]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Amélie, N. ("), "{text}");
    assert!(
        !text.contains("Baraka"),
        "only the learner asked for: {text}"
    );
    let out = hatua(hub.path(), &["report", "--learner", "Nobody"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no learner in this report"), "{err}");
}
