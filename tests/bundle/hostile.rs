//! One crafted archive per attack, from `tests/fixtures/hostile/make.py`. Each must be
//! refused with the right error, and the message must name the entry that gave it away.

use std::path::PathBuf;

use hatua::bundle::{BundleError, Limits, ZipBundle};
use hatua::course;

use super::fixture;

fn hostile(name: &str) -> PathBuf {
    fixture("hostile").join(name)
}

fn open(name: &str, limits: &Limits) -> BundleError {
    match ZipBundle::open(&hostile(name), limits) {
        Ok(_) => panic!("{name} was opened"),
        Err(e) => e,
    }
}

/// Refused as an unsafe entry named `entry`, for a reason containing `why`.
fn assert_unsafe(name: &str, entry: &str, why: &str) {
    let err = open(name, &Limits::default());
    match &err {
        BundleError::UnsafeEntry { entry: e, reason } => {
            assert_eq!(e, entry, "{name}");
            assert!(reason.contains(why), "{name}: {reason}");
        }
        other => panic!("{name}: {other:?}"),
    }
    assert!(err.to_string().contains(&format!("`{entry}`")), "{err}");
}

#[test]
fn an_entry_climbing_out_with_dot_dot_is_refused() {
    assert_unsafe("traversal.zip", "../evil.md", "`..`");
}

#[test]
fn an_absolute_entry_is_refused() {
    assert_unsafe("absolute.zip", "/tmp/evil", "absolute");
}

#[test]
fn an_entry_with_backslashes_is_refused() {
    assert_unsafe("backslash.zip", "lessons\\..\\..\\evil.md", "backslash");
}

#[test]
fn a_symlink_entry_is_refused() {
    assert_unsafe("symlink.zip", "lessons/link.md", "symbolic link");
}

#[test]
fn a_device_entry_is_refused() {
    assert_unsafe("device.zip", "lessons/tty.md", "device");
}

#[test]
fn an_encrypted_entry_is_refused() {
    assert_unsafe("encrypted.zip", "lessons/first.md", "encrypted");
}

#[test]
fn a_zip_bomb_is_refused_by_its_ratio_before_it_is_inflated() {
    let err = open("bomb.zip", &Limits::default());
    let BundleError::Bomb {
        entry,
        total,
        limit,
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(entry, "assets/zeros.bin");
    assert_eq!(
        *total,
        4 * 1024 * 1024,
        "the declared size, nothing inflated yet"
    );
    assert!(total > limit);
    assert!(err.to_string().contains("`assets/zeros.bin`"), "{err}");
    assert!(err.to_string().contains("zip bomb"), "{err}");
}

#[test]
fn a_zip_bomb_is_refused_by_the_total_with_lowered_limits() {
    let limits = Limits {
        max_total: 1024 * 1024,
        max_ratio: u64::MAX,
        ..Limits::default()
    };
    let err = open("bomb.zip", &limits);
    assert!(
        matches!(&err, BundleError::Bomb { entry, limit, .. } if entry == "assets/zeros.bin" && *limit == 1024 * 1024),
        "{err:?}"
    );
}

#[test]
fn a_bomb_whose_headers_lie_is_stopped_by_the_capped_read() {
    // By ratio, on the bytes actually inflated: the header claimed 100.
    let err = open("lying-bomb.zip", &Limits::default());
    assert!(
        matches!(&err, BundleError::Bomb { entry, total, .. } if entry == "assets/zeros.bin" && *total == 4 * 1024 * 1024),
        "{err:?}"
    );
    // By the file's size limit: reading stops one byte past it, never at 4 MiB.
    let limits = Limits {
        max_asset: 64 * 1024,
        max_ratio: u64::MAX,
        ..Limits::default()
    };
    let err = open("lying-bomb.zip", &limits);
    assert!(
        matches!(&err, BundleError::TooLarge { entry, limit } if entry == "assets/zeros.bin" && *limit == 64 * 1024),
        "{err:?}"
    );
    assert!(err.to_string().contains("`assets/zeros.bin`"), "{err}");
    // By the bundle's total, when that is the tighter bound.
    let limits = Limits {
        max_total: 128 * 1024,
        max_ratio: u64::MAX,
        ..Limits::default()
    };
    let err = open("lying-bomb.zip", &limits);
    assert!(
        matches!(&err, BundleError::Bomb { entry, total, limit } if entry == "assets/zeros.bin" && *limit == 128 * 1024 && *total == 128 * 1024 + 1),
        "{err:?}"
    );
}

#[test]
fn too_many_files_are_refused_with_lowered_limits() {
    let limits = Limits {
        max_files: 10,
        ..Limits::default()
    };
    let err = open("many-files.zip", &limits);
    assert!(
        matches!(
            err,
            BundleError::TooManyFiles {
                count: 22,
                limit: 10
            }
        ),
        "{err:?}"
    );
    // It says how many files there are, not where counting stopped.
    assert!(
        err.to_string().contains("holds 22 files, more than the 10"),
        "{err}"
    );
    // Under the default limit the same archive is fine.
    assert!(ZipBundle::open(&hostile("many-files.zip"), &Limits::default()).is_ok());
}

#[test]
fn a_lesson_over_the_text_limit_is_refused_with_lowered_limits() {
    let limits = Limits {
        max_text: 16 * 1024,
        ..Limits::default()
    };
    let err = open("big-lesson.zip", &limits);
    assert!(
        matches!(&err, BundleError::TooLarge { entry, limit } if entry == "lessons/first.md" && *limit == 16 * 1024),
        "{err:?}"
    );
    assert!(err.to_string().contains("`lessons/first.md`"), "{err}");
    assert!(ZipBundle::open(&hostile("big-lesson.zip"), &Limits::default()).is_ok());
}

#[test]
fn a_lesson_that_is_not_utf8_is_refused() {
    let err = open("not-utf8.zip", &Limits::default());
    assert!(
        matches!(&err, BundleError::NotUtf8 { entry } if entry == "lessons/first.md"),
        "{err:?}"
    );
    assert!(err.to_string().contains("`lessons/first.md`"), "{err}");
}

#[test]
fn a_course_from_a_future_format_opens_but_does_not_load() {
    let zip = ZipBundle::open(&hostile("future-format.zip"), &Limits::default()).unwrap();
    let loaded = course::load(&zip);
    assert!(loaded.course.is_none());
    let error = loaded.errors().next().expect("an error");
    assert_eq!(error.file, "course.toml");
    assert!(
        error.message.contains("unsupported format version 2"),
        "{error}"
    );
}

/// The fuzz targets read archives from memory: that must be the very reading an import
/// does from a file, refusals and all.
#[test]
fn every_hostile_archive_reads_the_same_from_memory_as_from_its_file() {
    let mut names: Vec<_> = std::fs::read_dir(fixture("hostile"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    let limits = Limits::default();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        let from_file = ZipBundle::open(&path, &limits);
        let from_memory = ZipBundle::from_bytes(&path, &bytes, &limits);
        match (from_file, from_memory) {
            (Ok(a), Ok(b)) => assert_eq!(a.into_files(), b.into_files(), "{path:?}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{path:?}"),
            (a, b) => panic!("{path:?}: from the file {a:?}, from memory {b:?}"),
        }
    }
}
