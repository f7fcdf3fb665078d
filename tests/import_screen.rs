//! The facilitator's import screen and the check an installed course passes before it
//! opens, driven by key presses with jobs run to their end.

mod player;

use std::path::Path;

use hatua::library::Library;
use hatua::store::Store;
use hatua::tui::screen::Screen;
use player::*;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs the job the app asked for, feeding its results back as the event loop would.
fn run_job(p: &mut Player, data: &Path) {
    assert!(!p.jobs.is_empty(), "a job was asked for");
    p.run_jobs(data);
}

/// A data dir, a drive holding a good bundle and a broken one, and a facilitator signed in
/// on the import screen after the scan.
fn on_import_screen() -> (Player, tempfile::TempDir, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let drives = tempfile::tempdir().unwrap();
    let usb = drives.path().join("TRAINER-USB");
    std::fs::create_dir_all(usb.join("courses")).unwrap();
    hatua::bundle::pack(
        &fixture("minimal"),
        &usb.join("courses/minimal-1.0.0.zip"),
        None,
    )
    .unwrap();
    let broken = usb.join("old/missing-file");
    std::fs::create_dir_all(&broken).unwrap();
    for f in ["course.toml", "lessons/first.md", "quizzes/check.toml"] {
        std::fs::create_dir_all(broken.join(f).parent().unwrap()).unwrap();
        std::fs::copy(fixture("missing-file").join(f), broken.join(f)).unwrap();
    }
    let mut store = Store::open(&data.path().join("hatua.db")).unwrap();
    store.set_facilitator_password("trainer-pass").unwrap();
    let mut p = Player::new(store, (80, 24));
    p.app.library = Library::load(Some(data.path()));
    p.app.data_dir = Some(data.path().to_path_buf());
    p.app.drive_patterns = vec![format!("{}/*", drives.path().display())];
    p.press([F2]);
    p.type_text("trainer-pass");
    p.press([ENTER, ch('i')]);
    assert!(matches!(p.app.screen, Screen::Import(_)));
    assert!(p.screen().contains("Looking for course bundles"));
    run_job(&mut p, data.path());
    (p, data, drives)
}

#[test]
fn the_import_screen_lists_each_drives_bundles_with_version_and_standing() {
    let (p, _data, _drives) = on_import_screen();
    let screen = p.screen();
    assert!(screen.contains("TRAINER-USB"), "{screen}");
    assert!(
        screen.contains("A minimal course 1.0.0") && screen.contains("unsigned"),
        "{screen}"
    );
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("cannot be installed") && words.contains("missing file `lessons/absent.md`"),
        "{screen}"
    );
    insta::assert_snapshot!(
        "import_found",
        screen.replace(&_drives.path().display().to_string(), "/media")
    );
}

#[test]
fn importing_from_the_screen_installs_the_course_for_learners() {
    let (mut p, data, _drives) = on_import_screen();
    // The course is unsigned: the screen asks first, and "n" changes nothing.
    p.press([ENTER]);
    let words = p.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("“A minimal course” is not signed by a publisher this computer trusts")
            && words.contains("y yes · n no"),
        "{words}"
    );
    assert!(p.jobs.is_empty(), "nothing starts before the answer");
    p.press([ch('n')]);
    assert!(!p.screen().contains("Install it anyway"), "{}", p.screen());
    assert!(p.jobs.is_empty());
    p.press([ENTER, ch('y')]);
    assert!(
        p.screen().contains("Installing"),
        "a progress screen: {}",
        p.screen()
    );
    run_job(&mut p, data.path());
    let screen = p.screen();
    assert!(
        screen.contains("installed") && screen.contains("A minimal course 1.0.0"),
        "{screen}"
    );
    assert!(data.path().join("courses/minimal/course.toml").is_file());
    assert!(
        p.app.library.course("minimal").is_some(),
        "the library was reloaded"
    );
    // Back to the board, then a learner finds the course.
    p.press([ESC]);
    assert!(p.screen().contains("Learners ("), "{}", p.screen());
    p.press([ESC]);
    p.sign_in("Amina");
    assert!(p.screen().contains("A minimal course"), "{}", p.screen());
    // Start-up knows only the outline (from the index); a lesson is read when it is opened,
    // and the library keeps only the outline.
    let outline = p.app.library.course("minimal").unwrap().clone();
    assert!(p.app.library.course("minimal").unwrap().outline_only);
    p.select_course("A minimal course");
    p.press([ENTER, ENTER]);
    assert!(p.app.library.course("minimal").unwrap().outline_only);
    assert_eq!(outline.item_count(), 3);
    let screen = p.screen();
    assert!(
        screen.contains("A paragraph with emphasis"),
        "the lesson's text: {screen}"
    );
}

#[test]
fn a_course_changed_after_install_is_refused_when_opened_naming_the_file() {
    let (mut p, data, _drives) = on_import_screen();
    p.press([ENTER, ch('y')]);
    run_job(&mut p, data.path());
    p.press([ESC, ESC]);
    // Someone edits an installed lesson behind Hatua's back.
    let lesson = data.path().join("courses/minimal/lessons/first.md");
    player::rewrite(&lesson, "paragraph", "PARAGRAPH");
    p.sign_in("Amina");
    p.select_course("A minimal course");
    p.press([ENTER]);
    assert!(
        matches!(p.app.screen, Screen::Library(_)),
        "it does not open"
    );
    let screen = p.screen();
    assert!(
        screen.contains("lessons/first.md"),
        "the file is named: {screen}"
    );
    assert!(screen.contains("unavailable"), "{screen}");
}

#[test]
fn a_lesson_changed_while_its_course_is_open_is_refused_when_read() {
    let (mut p, data, _drives) = on_import_screen();
    p.press([ENTER, ch('y')]);
    run_job(&mut p, data.path());
    p.press([ESC, ESC]);
    p.sign_in("Amina");
    p.select_course("A minimal course");
    // The course opens (its files checked, and the check remembered)...
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Outline(_)), "{}", p.screen());
    // ...then a lesson changes before the learner opens it: it is checked as it is read.
    player::rewrite(
        &data.path().join("courses/minimal/lessons/first.md"),
        "paragraph",
        "PARAGRAPH",
    );
    p.press([ENTER]);
    let screen = p.screen();
    assert!(matches!(p.app.screen, Screen::Library(_)), "{screen}");
    assert!(
        screen.contains("lessons/first.md") && !screen.contains("PARAGRAPH"),
        "{screen}"
    );
}

/// The drive is pulled between the scan and the install: the row says the bundle is gone
/// and how to go on, instead of the list coming back empty.
#[test]
fn a_bundle_gone_before_it_is_installed_is_said_to_be_gone() {
    let (mut p, data, drives) = on_import_screen();
    std::fs::remove_dir_all(drives.path().join("TRAINER-USB")).unwrap();
    p.press([ENTER, ch('y')]);
    run_job(&mut p, data.path());
    let screen = p.screen();
    assert!(screen.contains("no longer there"), "{screen}");
    assert!(!data.path().join("courses/minimal").exists());
}

#[test]
fn a_facilitator_reading_french_sees_a_translated_bundle_by_its_french_title() {
    let data = tempfile::tempdir().unwrap();
    let drives = tempfile::tempdir().unwrap();
    let usb = drives.path().join("TRAINER-USB");
    std::fs::create_dir_all(&usb).unwrap();
    hatua::bundle::pack(&fixture("translated"), &usb.join("translated.zip"), None).unwrap();
    let mut store = Store::open(&data.path().join("hatua.db")).unwrap();
    store.set_facilitator_password("trainer-pass").unwrap();
    let mut p = Player::new(store, (80, 24));
    p.app.data_dir = Some(data.path().to_path_buf());
    p.app.drive_patterns = vec![format!("{}/*", drives.path().display())];
    // Français, on the first screen, then the facilitator's import screen.
    p.press([TAB, F2]);
    p.type_text("trainer-pass");
    p.press([ENTER, ch('i')]);
    run_job(&mut p, data.path());
    let screen = p.screen();
    assert!(screen.contains("▶ Un cours traduit 1.0.0"), "{screen}");
    assert!(!screen.contains("A translated course"), "{screen}");
    // Installing asks about the unsigned bundle by the same name; "o" for oui answers.
    p.press([ENTER]);
    assert!(p.screen().contains("Un cours traduit"), "{}", p.screen());
    p.press([ch('o')]);
    run_job(&mut p, data.path());
    let done = p.screen();
    assert!(done.contains("Un cours traduit 1.0.0"), "{done}");
    assert!(!done.contains("A translated course"), "{done}");
}
