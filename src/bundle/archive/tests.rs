//! Zip bundles built on the fly; the hostile archives made by other tools are fixtures under
//! `tests/fixtures/hostile/`, tested in `tests/bundle.rs`.

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::*;

const COURSE: &[u8] = b"format = 1\n";

/// An archive of `entries`; a name ending in `/` is a directory entry.
fn zip_file(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        if let Some(dir) = name.strip_suffix('/') {
            zip.add_directory(dir, SimpleFileOptions::default())
                .unwrap();
        } else {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
    }
    let bytes = zip.finish().unwrap().into_inner();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&bytes).unwrap();
    file
}

fn paths(bundle: &ZipBundle) -> Vec<&str> {
    bundle.files().map(|(p, _)| p).collect()
}

#[test]
fn files_come_sorted_and_directories_are_skipped() {
    let zip = zip_file(&[
        ("lessons/", b""),
        ("lessons/b.md", b"b"),
        ("course.toml", COURSE),
        ("assets/pic.png", &[0xff, 0x00]),
        ("lessons/a.md", b"a"),
    ]);
    let bundle = ZipBundle::open(zip.path(), &Limits::default()).unwrap();
    assert_eq!(
        paths(&bundle),
        [
            "assets/pic.png",
            "course.toml",
            "lessons/a.md",
            "lessons/b.md"
        ]
    );
    assert_eq!(bundle.read("lessons/a.md").unwrap(), Some(b"a".to_vec()));
    assert_eq!(bundle.read("../lessons/a.md").unwrap(), None);
    assert_eq!(bundle.manifest().unwrap(), None);
}

#[test]
fn one_top_folder_is_stripped() {
    let zip = zip_file(&[
        ("my-course/", b""),
        ("my-course/course.toml", COURSE),
        ("my-course/lessons/a.md", b"a"),
    ]);
    let bundle = ZipBundle::open(zip.path(), &Limits::default()).unwrap();
    assert_eq!(paths(&bundle), ["course.toml", "lessons/a.md"]);
}

#[test]
fn macos_leftovers_and_hidden_files_are_left_out() {
    let zip = zip_file(&[
        ("my-course/course.toml", COURSE),
        ("my-course/.DS_Store", &[0, 1, 2]),
        ("__MACOSX/my-course/._course.toml", &[0xff]),
        ("my-course/.git/config", b"x"),
    ]);
    let bundle = ZipBundle::open(zip.path(), &Limits::default()).unwrap();
    assert_eq!(paths(&bundle), ["course.toml"]);
}

#[test]
fn two_top_folders_are_not_a_bundle() {
    let zip = zip_file(&[("a/course.toml", COURSE), ("b/course.toml", COURSE)]);
    let err = ZipBundle::open(zip.path(), &Limits::default()).unwrap_err();
    assert!(matches!(err, BundleError::NotABundle { .. }), "{err}");
    assert!(err.to_string().contains("no course.toml"), "{err}");
}

#[test]
fn names_equal_but_for_case_are_refused() {
    let zip = zip_file(&[
        ("course.toml", COURSE),
        ("lessons/Intro.md", b"a"),
        ("lessons/intro.md", b"b"),
    ]);
    let err = ZipBundle::open(zip.path(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&err, BundleError::UnsafeEntry { entry, .. } if entry == "lessons/intro.md"),
        "{err}"
    );
}

#[test]
fn a_directory_entry_climbing_out_is_refused_too() {
    let zip = zip_file(&[("course.toml", COURSE), ("../up/", b"")]);
    let err = ZipBundle::open(zip.path(), &Limits::default()).unwrap_err();
    assert!(matches!(err, BundleError::UnsafeEntry { .. }), "{err}");
    assert!(err.to_string().contains("`../up/`"), "{err}");
}

#[test]
fn the_manifest_is_read_when_there_is_one() {
    let manifest = crate::bundle::Manifest {
        format: 1,
        course_id: "c".into(),
        version: "1.0.0".into(),
        created_by: "test".into(),
        files: [("course.toml".to_string(), crate::bundle::hash_bytes(COURSE))].into(),
        signature: None,
    };
    let text = manifest.to_toml();
    let zip = zip_file(&[("course.toml", COURSE), (MANIFEST_FILE, text.as_bytes())]);
    let bundle = ZipBundle::open(zip.path(), &Limits::default()).unwrap();
    assert_eq!(bundle.manifest().unwrap(), Some(manifest));

    let zip = zip_file(&[
        ("course.toml", COURSE),
        (MANIFEST_FILE, b"format = 1\nfiles = 3\n"),
    ]);
    let bundle = ZipBundle::open(zip.path(), &Limits::default()).unwrap();
    assert!(matches!(
        bundle.manifest(),
        Err(BundleError::Manifest { .. })
    ));
}

#[test]
fn a_file_that_is_not_a_zip_is_a_zip_error_naming_it() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"this is not a zip archive at all").unwrap();
    let err = ZipBundle::open(file.path(), &Limits::default()).unwrap_err();
    assert!(matches!(err, BundleError::Zip { .. }), "{err}");
    assert!(err.to_string().contains(&file.path().display().to_string()));
}

#[test]
fn a_small_entry_is_never_a_bomb_by_ratio() {
    // 512 KiB of one byte deflates well past 200:1, yet is under the floor.
    let zeros = vec![b' '; 512 * 1024];
    let zip = zip_file(&[("course.toml", COURSE), ("lessons/a.md", &zeros)]);
    assert!(ZipBundle::open(zip.path(), &Limits::default()).is_ok());
}
