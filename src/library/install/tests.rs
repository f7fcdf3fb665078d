//! What an import checks is an outline, what it installs reads in full, and a preview
//! leaves nothing behind.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::*;
use crate::course::{Item, ItemKind};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every lesson of `course`, in every language, translations included.
fn lessons(course: &Course) -> Vec<(String, &crate::course::Lesson)> {
    let translated = course
        .renditions
        .all
        .iter()
        .flat_map(|r| r.items.iter().flatten());
    course
        .items()
        .chain(translated)
        .filter_map(|i: &Item| match &i.kind {
            ItemKind::Lesson(l) => Some((i.path.clone(), l)),
            ItemKind::Quiz(_) => None,
        })
        .collect()
}

/// The translated fixture packed into `dir/translated.zip`.
fn packed(dir: &Path) -> PathBuf {
    let zip = dir.join("translated.zip");
    bundle::pack(&fixture("translated"), &zip, None).unwrap();
    zip
}

#[test]
fn the_course_checked_for_an_install_keeps_no_lesson_text_and_the_installed_one_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = packed(tmp.path());
    let full = course::load_for_play(&DirSource::new(fixture("translated")))
        .course
        .unwrap();
    let full_lessons = lessons(&full);
    assert!(full_lessons.len() >= 3, "lessons and a translated one");

    let dest = tmp.path().join("unpacked");
    let (checked, standing) = match check(&zip, &dest, Flush::Scratch, &TrustStore::default()) {
        Ok(ok) => ok,
        Err(refusal) => panic!("{}", refusal.reason),
    };
    assert_eq!(standing, Standing::Unsigned);
    let outline = &checked.course;
    assert!(outline.outline_only);
    let outline_lessons = lessons(outline);
    assert_eq!(outline_lessons.len(), full_lessons.len());
    for ((path, kept), (_, read)) in outline_lessons.iter().zip(&full_lessons) {
        assert_eq!(kept.markdown, "", "{path} keeps no text");
        assert!(!read.markdown.is_empty(), "{path}");
        assert_eq!(kept.content_hash(), read.content_hash(), "{path}");
        assert_eq!(kept.minutes, read.minutes, "{path}");
    }
    assert!(dest.is_dir(), "the checked folder is what gets installed");
    drop(checked);
    assert!(!dest.exists(), "an unused check leaves nothing");

    // Installed, each lesson reads in full, the same text the author wrote.
    let data = tmp.path().join("data");
    let row = import_one(
        &data,
        &zip,
        ImportOptions::default(),
        &TrustStore::default(),
    );
    assert_eq!(row.outcome, Outcome::Installed, "{}", row.reason);
    let installed = data.join(COURSES_DIR).join("translated");
    for (path, read) in &full_lessons {
        let item = open_item(&installed, path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let ItemKind::Lesson(lesson) = item.kind else {
            panic!("{path} is a lesson");
        };
        assert_eq!(lesson.markdown, read.markdown, "{path}");
    }
    let shown = crate::library::Library::load(Some(&data));
    let course = shown.course("translated").expect("the library lists it");
    assert_eq!(course.item_count(), full.item_count());
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_preview_says_what_an_import_would_do_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = packed(tmp.path());
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("keep.txt"), "x").unwrap();
    let library = crate::library::Library::load(None);
    let trust = TrustStore::default();
    let seen = inspect(&zip, &data, &library, ImportOptions::default(), &trust);
    assert_eq!(seen.problem, None);
    assert_eq!(seen.title.as_deref(), Some("A translated course"));
    assert_eq!(seen.standing, Some(Standing::Unsigned));
    assert_eq!(
        names(&data),
        ["keep.txt"],
        "no courses folder, no scratch folder"
    );

    // An altered lesson: said so, and nothing left either.
    let unpacked = tmp.path().join("altered");
    bundle::write_tree(
        &unpacked,
        &bundle::ZipBundle::open(&zip, &Limits::default())
            .unwrap()
            .into_files(),
    )
    .unwrap();
    std::fs::write(unpacked.join("lessons/first.md"), "# Changed\n").unwrap();
    let seen = inspect(&unpacked, &data, &library, ImportOptions::default(), &trust);
    let problem = seen.problem.expect("refused").to_string();
    assert!(
        problem.contains("`lessons/first.md` was changed"),
        "{problem}"
    );
    assert_eq!(names(&data), ["keep.txt"]);
}

#[test]
fn a_preview_folder_left_by_a_crash_is_cleared_and_a_running_one_is_not() {
    let data = tempfile::tempdir().unwrap();
    let old = data.path().join(format!("{PREVIEW_PREFIX}old"));
    let running = data.path().join(format!("{PREVIEW_PREFIX}running"));
    for dir in [&old, &running] {
        std::fs::create_dir_all(dir.join("lessons")).unwrap();
        std::fs::write(dir.join("lessons/a.md"), "a").unwrap();
    }
    let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 60 * 60);
    std::fs::File::open(&old)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    clear_previews(data.path());
    assert!(!old.exists());
    assert!(running.join("lessons/a.md").is_file());
}
