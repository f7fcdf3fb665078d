//! A picture PIN made and used on the Linux console with no UTF-8 locale, through the real
//! binary in a pseudo-terminal, read byte by byte: every drawing, mark and word in ASCII.

#![cfg(target_os = "linux")]

mod common;

use common::pty::{ENTER, Player};

/// F3, as a terminal sends it.
const F3: &str = "\x1bOR";

#[test]
fn a_picture_pin_on_the_linux_console_is_ascii_only() {
    let data = tempfile::tempdir().unwrap();
    let env = [("TERM", "linux"), ("LANG", ""), ("LC_ALL", "C")];
    let mut player = Player::start_with(data.path(), &env);
    player.wait_for("Who is learning");
    player.press("Amina");
    player.press_and_wait(ENTER);
    player.wait_for("Your picture");
    player.press(F3);
    player.wait_for("Pick three pictures for your PIN");
    player.press("147");
    player.wait_for("Pick the same three pictures again");
    player.press("147");
    player.wait_for("Courses");
    // Back to the picker (quick exit), and in again with the three pictures.
    player.press("\x18");
    player.wait_for("Who is learning");
    player.press("ami");
    player.press_and_wait(ENTER);
    player.wait_for("Amina, pick your three pictures");
    let grid = player.screen();
    assert!(
        grid.contains("| >  o  >") && grid.contains("( () )==="),
        "{grid}"
    );
    player.press("14");
    player.wait_for("Pictures: * * o");
    player.press("7");
    player.wait_for("Courses");
    player.press("\x03");
    player.wait_exit();
    let raw = player.output.raw.lock().unwrap().clone();
    common::pty::assert_ascii(&raw);
}
