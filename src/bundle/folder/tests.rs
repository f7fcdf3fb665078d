//! Reading a bundle folder with the zip's checks, and writing one out safely.

use std::fs;

use super::*;

fn course_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("lessons/deeper")).unwrap();
    fs::create_dir_all(dir.path().join("assets")).unwrap();
    fs::write(dir.path().join("course.toml"), "format = 1\n").unwrap();
    fs::write(dir.path().join("lessons/b.md"), "b").unwrap();
    fs::write(dir.path().join("lessons/deeper/a.md"), "a").unwrap();
    fs::write(dir.path().join("assets/pic.png"), [0xff, 0]).unwrap();
    dir
}

fn names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(p, _)| p.as_str()).collect()
}

#[test]
fn a_folder_gives_every_file_sorted_with_slashes() {
    let dir = course_folder();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join(".git/HEAD"), [0xff]).unwrap();
    fs::write(dir.path().join("lessons/.DS_Store"), [0xff]).unwrap();
    let files = folder_files(dir.path(), &Limits::default()).unwrap();
    assert_eq!(
        names(&files),
        [
            "assets/pic.png",
            "course.toml",
            "lessons/b.md",
            "lessons/deeper/a.md"
        ]
    );
    assert_eq!(files[2].1, b"b");
}

#[test]
fn a_folder_without_course_toml_is_not_a_bundle() {
    let dir = course_folder();
    fs::remove_file(dir.path().join("course.toml")).unwrap();
    let err = folder_files(dir.path(), &Limits::default()).unwrap_err();
    assert!(matches!(err, BundleError::NotABundle { .. }), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_in_a_folder_is_refused() {
    let dir = course_folder();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("lessons/evil.md")).unwrap();
    let err = folder_files(dir.path(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&err, BundleError::UnsafeEntry { entry, .. } if entry == "lessons/evil.md"),
        "{err}"
    );
    assert!(err.to_string().contains("symbolic link"), "{err}");
}

#[test]
fn a_folder_obeys_the_same_limits_as_a_zip() {
    let dir = course_folder();
    let small = Limits {
        max_text: 0,
        ..Limits::default()
    };
    assert!(matches!(
        folder_files(dir.path(), &small),
        Err(BundleError::TooLarge { entry, limit: 0 }) if entry == "course.toml"
    ));
    let few = Limits {
        max_files: 3,
        ..Limits::default()
    };
    assert!(matches!(
        folder_files(dir.path(), &few),
        Err(BundleError::TooManyFiles { count: 4, limit: 3 })
    ));
    fs::write(dir.path().join("lessons/latin1.md"), b"caf\xe9").unwrap();
    assert!(matches!(
        folder_files(dir.path(), &Limits::default()),
        Err(BundleError::NotUtf8 { entry }) if entry == "lessons/latin1.md"
    ));
}

#[test]
fn a_tree_is_written_in_full() {
    let root = tempfile::tempdir().unwrap();
    let dest = root.path().join("courses/minimal");
    let files = vec![
        ("course.toml".to_string(), b"c".to_vec()),
        ("lessons/a.md".to_string(), b"a".to_vec()),
        ("lessons/deeper/b.md".to_string(), b"b".to_vec()),
    ];
    write_tree(&dest, &files).unwrap();
    assert_eq!(fs::read(dest.join("lessons/deeper/b.md")).unwrap(), b"b");
    assert_eq!(fs::read(dest.join("course.toml")).unwrap(), b"c");
}

#[test]
fn a_tree_is_never_written_outside_dest() {
    let root = tempfile::tempdir().unwrap();
    let dest = root.path().join("inside/dest");
    for bad in [
        "../evil.md",
        "lessons/../../evil.md",
        "/tmp/evil",
        "a\\..\\..\\evil",
        "C:/evil",
    ] {
        let files = vec![
            ("course.toml".to_string(), b"c".to_vec()),
            (bad.to_string(), b"evil".to_vec()),
        ];
        let err = write_tree(&dest, &files).unwrap_err();
        assert!(
            matches!(&err, BundleError::UnsafeEntry { entry, .. } if entry == bad),
            "{bad}: {err}"
        );
        // Names are checked before anything is created: not even dest exists.
        assert!(!dest.exists(), "{bad}");
        assert!(!root.path().join("inside/evil.md").exists());
        assert!(!root.path().join("evil.md").exists());
    }
}

#[test]
fn a_tree_is_never_written_into_an_existing_folder() {
    let root = tempfile::tempdir().unwrap();
    let dest = root.path().join("dest");
    fs::create_dir(&dest).unwrap();
    fs::write(dest.join("keep.md"), "keep").unwrap();
    let files = vec![("keep.md".to_string(), b"overwritten".to_vec())];
    let err = write_tree(&dest, &files).unwrap_err();
    assert!(matches!(err, BundleError::Io { .. }), "{err}");
    assert_eq!(fs::read(dest.join("keep.md")).unwrap(), b"keep");
}

#[test]
fn a_failed_tree_leaves_nothing_behind() {
    let root = tempfile::tempdir().unwrap();
    let dest = root.path().join("dest");
    // `a` as a file, then `a/b` needs `a` as a folder: the second write fails.
    let files = vec![
        ("a".to_string(), b"a".to_vec()),
        ("a/b".to_string(), b"b".to_vec()),
    ];
    assert!(write_tree(&dest, &files).is_err());
    assert!(!dest.exists());
}
