//! `validate`, `pack` and `import` apply one set of limits and say the same thing about a
//! bundle; a trusted publisher can always take back its course id; a site can refuse what
//! nobody vouches for; `courses` shows a course changed after install as unavailable.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::run::{Run, run, with_data_dir};
use common::{copy_dir, fixture};

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn data(&self) -> PathBuf {
        self.path("data")
    }

    fn run(&self, args: &[&str]) -> Run {
        run(with_data_dir(&self.data(), args), "")
    }

    /// Runs with a config file holding `config`.
    fn run_with_config(&self, config: &str, args: &[&str]) -> Run {
        let file = self.path("config.toml");
        fs::write(&file, config).unwrap();
        let mut all = vec!["--config", file.to_str().unwrap()];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// The minimal fixture copied to `name`, at `version`.
    fn course(&self, name: &str, version: &str) -> PathBuf {
        let dir = self.path(name);
        copy_dir(&fixture("minimal"), &dir);
        let toml = dir.join("course.toml");
        let text = fs::read_to_string(&toml)
            .unwrap()
            .replace("version = \"1.0.0\"", &format!("version = \"{version}\""));
        fs::write(toml, text).unwrap();
        dir
    }

    fn keygen(&self, name: &str) -> PathBuf {
        let key = self.path(&format!("keys/{name}"));
        self.run(&["keygen", key.to_str().unwrap()]).assert_ok();
        key
    }

    fn pack(&self, course: &Path, out: &str, key: Option<&Path>) -> PathBuf {
        let zip = self.path(out);
        let mut args = vec![
            "pack",
            course.to_str().unwrap(),
            "-o",
            zip.to_str().unwrap(),
        ];
        if let Some(k) = key {
            args.extend(["--sign", k.to_str().unwrap()]);
        }
        self.run(&args).assert_ok();
        zip
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn an_asset_over_the_limit_is_refused_by_validate_as_by_import_without_reading_it() {
    let site = Site::new();
    let course = site.course("big-asset", "1.0.0");
    fs::create_dir_all(course.join("assets")).unwrap();
    // Sparse: 25 MiB and 4 GiB on paper, nothing on disk. Reading either whole would be the bug.
    for (name, size) in [("video.bin", 25u64 << 20), ("huge.bin", 4u64 << 30)] {
        let f = fs::File::create(course.join("assets").join(name)).unwrap();
        f.set_len(size).unwrap();
    }
    let validate = site.run(&["validate", s(&course)]);
    assert_eq!(validate.code(), Some(1), "{}", validate.dump());
    assert!(
        validate.stdout.contains("assets/huge.bin: error:")
            && validate.stdout.contains("larger than the 20 MiB"),
        "{}",
        validate.dump()
    );
    let import = site.run(&["import", s(&course)]);
    assert_eq!(import.code(), Some(1), "{}", import.dump());
    assert!(
        import.stdout.contains("larger than the 20 MiB"),
        "{}",
        import.dump()
    );
    let pack = site.run(&["pack", s(&course), "-o", s(&site.path("out.zip"))]);
    assert_eq!(pack.code(), Some(1), "{}", pack.dump());
    assert!(
        pack.stderr.contains("larger than the 20 MiB"),
        "{}",
        pack.dump()
    );
}

#[test]
fn a_folder_of_too_many_files_is_refused_saying_how_many() {
    let site = Site::new();
    let course = site.course("crowded", "1.0.0");
    fs::create_dir_all(course.join("assets/tiles")).unwrap();
    for i in 0..6000 {
        fs::write(course.join(format!("assets/tiles/{i}.txt")), "").unwrap();
    }
    let validate = site.run(&["validate", s(&course)]);
    assert_eq!(validate.code(), Some(1), "{}", validate.dump());
    assert!(
        validate
            .stdout
            .contains("holds 6004 files, more than the 5000"),
        "{}",
        validate.dump()
    );
}

#[test]
fn validate_reads_a_zip_as_import_would_manifest_and_signature_included() {
    let site = Site::new();
    let key = site.keygen("org");
    site.run(&[
        "trust",
        "add",
        s(&key.with_extension("pub")),
        "--name",
        "Org",
    ])
    .assert_ok();
    let course = site.course("course", "1.0.0");
    let zip = site.pack(&course, "drive/minimal.zip", Some(&key));
    let run = site.run(&["validate", s(&zip)]);
    run.assert_ok();
    assert!(
        run.stdout.contains("`minimal` 1.0.0 is valid")
            && run
                .stdout
                .contains("files match MANIFEST.toml; signed by Org")
            && run
                .stdout
                .contains("`hatua import` on this computer would install it"),
        "{}",
        run.dump()
    );
    site.run(&["import", s(&zip)]).assert_ok();
    let again = site.run(&["validate", s(&zip)]);
    assert!(
        again
            .stdout
            .contains("would skip it: version 1.0.0 is already installed"),
        "{}",
        again.dump()
    );

    // One changed letter in a lesson: validate calls it changed, naming the file, as import
    // does.
    let tampered = site.path("drive/tampered.zip");
    rezip(&zip, &tampered, "lessons/first.md", |text| {
        text.replacen('T', "t", 1)
    });
    let run = site.run(&["validate", s(&tampered)]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stdout.contains("lessons/first.md: error:")
            && run.stdout.contains("was changed after it was packed"),
        "{}",
        run.dump()
    );
}

/// Copies the archive `from` to `to` with one entry's text changed by `edit`.
fn rezip(from: &Path, to: &Path, entry: &str, edit: impl Fn(&str) -> String) {
    let mut archive = zip::ZipArchive::new(fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(fs::File::create(to).unwrap());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        if name == entry {
            bytes = edit(std::str::from_utf8(&bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn a_zip_naming_one_entry_twice_is_refused_by_validate_and_import() {
    let site = Site::new();
    let zip_path = site.path("twice.zip");
    let mut zip = zip::ZipWriter::new(fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    let dir = fixture("minimal");
    for rel in [
        "course.toml",
        "lessons/first.md",
        "lessons/second.md",
        "quizzes/check.toml",
    ] {
        zip.start_file(rel, opts).unwrap();
        zip.write_all(&fs::read(dir.join(rel)).unwrap()).unwrap();
    }
    // A second lessons/first.md, under a name of the same length, renamed below.
    zip.start_file("lessons/firsX.md", opts).unwrap();
    zip.write_all(b"# Swapped\n\nNot what the trainer checked.\n")
        .unwrap();
    zip.finish().unwrap();
    let mut bytes = fs::read(&zip_path).unwrap();
    let mut from = 0;
    while let Some(i) = bytes[from..]
        .windows(16)
        .position(|w| w == b"lessons/firsX.md")
    {
        bytes[from + i + 12] = b't';
        from += i + 16;
    }
    fs::write(&zip_path, bytes).unwrap();

    for args in [vec!["validate", s(&zip_path)], vec!["import", s(&zip_path)]] {
        let run = site.run(&args);
        assert_eq!(run.code(), Some(1), "{}", run.dump());
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            all.contains("`lessons/first.md` was refused")
                && all.contains("two entries of that name"),
            "{}",
            run.dump()
        );
    }
}

#[test]
fn a_trusted_publisher_takes_back_a_course_a_stranger_installed_first() {
    let site = Site::new();
    let org = site.keygen("org");
    let stranger = site.keygen("stranger");
    site.run(&[
        "trust",
        "add",
        s(&org.with_extension("pub")),
        "--name",
        "Org",
    ])
    .assert_ok();
    // A copy of Org's course signed by someone else, with a high version, arrives first.
    let copy = site.pack(
        &site.course("copy", "9.0.0"),
        "stick/copy.zip",
        Some(&stranger),
    );
    let run = site.run(&["import", s(&copy)]);
    run.assert_ok();
    assert!(
        run.stdout.contains("signed by an unknown key"),
        "{}",
        run.dump()
    );
    // Org's genuine course, an older version number, replaces it and says so.
    let genuine = site.pack(
        &site.course("genuine", "1.1.0"),
        "org/genuine.zip",
        Some(&org),
    );
    let run = site.run(&["import", s(&genuine)]);
    run.assert_ok();
    assert!(
        run.stdout.contains("updated")
            && run
                .stdout
                .contains("signed by Org; replaces a copy that was signed by an unknown key"),
        "{}",
        run.dump()
    );
    let courses = site.run(&["courses"]);
    assert!(
        courses
            .stdout
            .lines()
            .any(|l| l.contains(" 1.1.0 ") && l.contains("  signed by Org  ")),
        "{}",
        courses.dump()
    );
    // And the stranger cannot take it back.
    let again = site.pack(
        &site.course("again", "9.1.0"),
        "stick/again.zip",
        Some(&stranger),
    );
    let run = site.run(&["import", s(&again)]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stdout.contains(
            "the installed version is signed by Org, and this one is signed by an unknown key"
        ),
        "{}",
        run.dump()
    );
}

#[test]
fn a_site_can_install_only_signed_or_only_trusted_courses() {
    let site = Site::new();
    let course = site.course("course", "1.0.0");
    let unsigned = site.pack(&course, "unsigned.zip", None);
    let key = site.keygen("someone");
    let signed = site.pack(&course, "signed.zip", Some(&key));

    let run = site.run_with_config("install = \"signed\"\n", &["import", s(&unsigned)]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stdout
            .contains("this site installs only signed courses (install = \"signed\""),
        "{}",
        run.dump()
    );
    let run = site.run_with_config("install = \"trusted\"\n", &["import", s(&signed)]);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stdout.contains("signed by a publisher it trusts"),
        "{}",
        run.dump()
    );
    // validate says the same before anyone carries the stick to the site.
    let run = site.run_with_config("install = \"trusted\"\n", &["validate", s(&signed)]);
    run.assert_ok();
    assert!(
        run.stdout.contains(
            "would refuse it: this site installs only courses signed by a publisher it trusts"
        ),
        "{}",
        run.dump()
    );
    site.run_with_config("install = \"signed\"\n", &["import", s(&signed)])
        .assert_ok();
    // Unsigned, under the default rule: installed, with the warning.
    let fresh = Site::new();
    let run = fresh.run(&["import", s(&unsigned)]);
    run.assert_ok();
    assert!(
        run.stdout.contains("nobody vouches for this copy"),
        "{}",
        run.dump()
    );
}

#[test]
fn courses_lists_a_course_changed_after_install_as_unavailable() {
    let site = Site::new();
    let zip = site.pack(&site.course("course", "1.0.0"), "c.zip", None);
    site.run(&["import", s(&zip)]).assert_ok();
    let lesson = site.data().join("courses/minimal/lessons/first.md");
    let text = fs::read_to_string(&lesson).unwrap();
    fs::write(&lesson, text.replace("lesson", "LESSON")).unwrap();
    let run = site.run(&["courses"]);
    run.assert_ok();
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains("unavailable"))
        .unwrap_or_else(|| panic!("{}", run.dump()));
    assert!(
        row.contains("`lessons/first.md` was changed after it was packed"),
        "{row}"
    );
}
