//! The screen a start shows when the records were damaged and set aside: how it reads at
//! the sizes a shared desk has, and what each choice does to the records on disk.

mod player;

use std::path::Path;

use hatua::tui::screen::Screen;
use player::*;

fn on_screen(data: &Path, with_backup: bool, size: (u16, u16)) -> Player {
    damaged(data, with_backup, size)
}

#[test]
fn the_screen_says_what_happened_what_a_backup_brings_back_and_the_choices() {
    for (with_backup, name) in [(true, "with_backup"), (false, "without_backup")] {
        for size in [(80, 24), (60, 20)] {
            let data = tempfile::tempdir().unwrap();
            let p = on_screen(data.path(), with_backup, size);
            insta::assert_snapshot!(format!("damaged_{name}_{}x{}", size.0, size.1), p.screen());
        }
    }
}

#[test]
fn every_choice_shows_whole_at_60x20_in_every_language() {
    use hatua::i18n::Lang;
    let data = tempfile::tempdir().unwrap();
    let mut p = on_screen(data.path(), true, (60, 20));
    for lang in Lang::ALL {
        p.app.apply_preferences(Some(lang.code()), None);
        let screen = p.screen();
        let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        for key in [
            "damaged.restore",
            "damaged.empty",
            "damaged.close",
            "damaged.ask",
        ] {
            // Spaces as the screen shows them: a no-break space is a space there too.
            let text = lang.t(key).split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&text), "{lang:?}: {text:?} is cut:\n{screen}");
        }
    }
}

#[test]
fn the_choice_on_show_is_drawn_as_selected() {
    let data = tempfile::tempdir().unwrap();
    let mut p = on_screen(data.path(), true, (80, 24));
    p.press([DOWN]);
    let buf = p.buffer();
    let screen = p.screen();
    let row = screen
        .lines()
        .position(|l| l.contains("▸ Start with empty records"))
        .expect("the second choice is selected");
    let selected = p.app.with_cx(|cx| cx.theme.selected);
    let cell = &buf[(4, row as u16)];
    assert_eq!(cell.style().fg, selected.fg);
    assert_eq!(cell.style().bg, selected.bg);
}

#[test]
fn enter_puts_the_backup_back_and_the_picker_lists_its_learners() {
    let data = tempfile::tempdir().unwrap();
    let mut p = on_screen(data.path(), true, (80, 24));
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Picker(_)));
    let screen = p.screen();
    assert!(screen.contains("is back in place"), "{screen}");
    p.type_text("a");
    let screen = p.screen();
    assert!(
        screen.contains("Amina") && screen.contains("Grace"),
        "{screen}"
    );
    // The records are the backup's, on disk, and the player writes to them.
    p.type_text("mina");
    p.press([ENTER]);
    assert_eq!(p.app.learner.as_ref().unwrap().name, "Amina");
    let on_disk = hatua::store::Store::open(&data.path().join("hatua.db")).unwrap();
    assert_eq!(on_disk.learners().unwrap().len(), 2);
}

#[test]
fn starting_empty_records_makes_a_new_file_and_keeps_the_backup() {
    let data = tempfile::tempdir().unwrap();
    let mut p = on_screen(data.path(), true, (80, 24));
    p.press([DOWN, ENTER]);
    assert!(matches!(p.app.screen, Screen::Picker(_)));
    assert!(
        p.screen().contains("Empty records have begun"),
        "{}",
        p.screen()
    );
    p.sign_in("Zawadi");
    let on_disk = hatua::store::Store::open(&data.path().join("hatua.db")).unwrap();
    let names: Vec<String> = on_disk
        .learners()
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect();
    assert_eq!(names, ["Zawadi"]);
    assert_eq!(
        std::fs::read_dir(data.path().join("backups"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn closing_and_quick_exit_change_nothing_on_disk() {
    let data = tempfile::tempdir().unwrap();
    let mut p = on_screen(data.path(), true, (80, 24));
    p.press([DOWN, CTRL_X]);
    assert!(
        matches!(p.app.screen, Screen::Damaged(_)),
        "quick exit stays"
    );
    assert!(
        p.screen().contains("▸ Put the backup back"),
        "{}",
        p.screen()
    );
    p.press([ch('q')]);
    assert!(p.app.quit);
    assert!(
        !data.path().join("hatua.db").exists(),
        "nothing was put in place"
    );
}

#[test]
fn a_backup_that_cannot_be_put_back_is_said_and_the_choice_stays() {
    let data = tempfile::tempdir().unwrap();
    let mut p = on_screen(data.path(), true, (80, 24));
    for entry in std::fs::read_dir(data.path().join("backups")).unwrap() {
        std::fs::write(entry.unwrap().path(), b"gone wrong").unwrap();
    }
    p.press([ENTER]);
    assert!(matches!(p.app.screen, Screen::Damaged(_)));
    let screen = p.screen();
    assert!(screen.contains("could not be put in place"), "{screen}");
    assert!(!data.path().join("hatua.db").exists());
}
