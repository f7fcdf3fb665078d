//! The real binary on the terminals of old training-centre PCs, read byte by byte: the
//! Linux console with no UTF-8 locale gets ASCII only and no alternate screen; NO_COLOR
//! gets no colour and still shows which row is chosen; high contrast paints its own
//! background.

#![cfg(target_os = "linux")]

mod common;

use common::pty::{DOWN, ENTER, Player};

/// Every SGR sequence (`ESC [ … m`) in `raw`, as its parameter text.
fn sgr_codes(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut out = Vec::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("\x1b[") {
        rest = &rest[at + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == '?'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            out.push(rest[..end].to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// An SGR parameter list that sets a colour: 30–37, 39 aside, 40–47, 90–97, 100–107, or
/// 38/48 for 256 or true colours.
fn sets_colour(params: &str) -> bool {
    let numbers: Vec<u32> = params.split(';').filter_map(|p| p.parse().ok()).collect();
    numbers
        .iter()
        .any(|n| matches!(n, 30..=37 | 40..=47 | 90..=97 | 100..=107 | 38 | 48))
}

/// Signs a new learner in and opens the first course's outline: a screen with a chosen row,
/// marks and a French word or two in the course list.
fn walk(player: &mut Player) {
    player.wait_for("Who is learning");
    player.press("Zo\u{e9}");
    player.press_and_wait(ENTER);
    // No PIN: Enter creates the profile.
    player.wait_for("PIN");
    player.press(ENTER);
    player.wait_for("Courses");
    player.press(DOWN);
    player.press_and_wait(ENTER);
    player.wait_for("Done:");
    player.settle();
}

#[test]
fn the_linux_console_without_a_utf8_locale_gets_ascii_only_and_keeps_its_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut player = Player::start_with(
        data.path(),
        &[("TERM", "linux"), ("LANG", ""), ("LC_ALL", "C")],
    );
    walk(&mut player);
    let screen = player.screen();
    // The outline's marks, in ASCII: the chosen row and a lesson not started.
    assert!(screen.contains("> o "), "{screen}");
    player.press("q");
    player.wait_for("Courses");
    player.press("q");
    player.wait_for("Who is learning");
    player.press("\x1b");
    player.wait_for("Close Hatua?");
    player.press("y");
    player.wait_exit();
    let raw = player.output.raw.lock().unwrap().clone();
    common::pty::assert_ascii(&raw);
    // The Linux console has no alternate screen: none is asked for, and the screen is
    // cleared at the end so no learner's page stays on it.
    assert!(!common::pty::contains(&raw, b"\x1b[?1049h"));
    assert!(
        player.output.contents().trim().is_empty(),
        "{}",
        player.output.contents()
    );
}

#[test]
fn no_color_draws_no_colour_and_still_marks_the_chosen_row() {
    let data = tempfile::tempdir().unwrap();
    let mut player = Player::start_with(data.path(), &[("NO_COLOR", "1")]);
    walk(&mut player);
    let raw = player.output.raw.lock().unwrap().clone();
    let codes = sgr_codes(&raw);
    let coloured: Vec<&String> = codes.iter().filter(|c| sets_colour(c)).collect();
    assert!(
        coloured.is_empty(),
        "colour codes under NO_COLOR: {coloured:?}"
    );
    // Reverse video marks the chosen row, bold the titles.
    assert!(
        codes.iter().any(|c| c.split(';').any(|p| p == "7")),
        "{codes:?}"
    );
    assert!(
        codes.iter().any(|c| c.split(';').any(|p| p == "1")),
        "{codes:?}"
    );
    // Unicode marks are still there: NO_COLOR is about colour only.
    assert!(player.screen().contains('▶'), "{}", player.screen());
}

#[test]
fn a_colour_terminal_gets_colour() {
    // The same walk with colour allowed: the test above would pass on a player that never
    // drew colour at all.
    let data = tempfile::tempdir().unwrap();
    let mut player = Player::start(data.path());
    walk(&mut player);
    let raw = player.output.raw.lock().unwrap().clone();
    assert!(sgr_codes(&raw).iter().any(|c| sets_colour(c)));
}

/// The terminal's own cursor, where a screen reader or a magnifier looks: on the name being
/// typed, then on the chosen course as the arrows move the choice.
#[test]
fn the_real_cursor_follows_the_focus() {
    let data = tempfile::tempdir().unwrap();
    let mut player = Player::start(data.path());
    player.wait_for("Who is learning");
    player.settle();
    let cursor = |p: &Player| {
        let parser = p.output.screen.lock().unwrap();
        let s = parser.screen();
        (!s.hide_cursor()).then(|| s.cursor_position())
    };
    let row_of = |p: &Player, text: &str| {
        p.screen()
            .lines()
            .position(|l| l.contains(text))
            .map(|r| r as u16)
    };
    let (row, col) = cursor(&player).expect("a visible cursor on the first screen");
    assert_eq!(Some(row), row_of(&player, "Your name:"));
    player.press("Zo");
    player.wait_for("New learner");
    player.settle();
    let (row2, col2) = cursor(&player).expect("a visible cursor while typing");
    assert_eq!(
        (row2, col2),
        (row, col + 2),
        "the cursor after the letters typed"
    );
    // No cell shows the drawn bar: the terminal's cursor stands in for it.
    assert!(!player.screen().contains('▏'), "{}", player.screen());
    player.press_and_wait(ENTER);
    player.wait_for("PIN");
    player.press(ENTER);
    player.wait_for("Courses");
    for _ in 0..2 {
        player.press_and_wait(DOWN);
        player.settle();
        let (row, _) = cursor(&player).expect("a visible cursor in the course list");
        let line = player
            .screen()
            .lines()
            .nth(usize::from(row))
            .unwrap_or_default()
            .to_string();
        assert!(
            line.trim_start().starts_with('▶'),
            "cursor on {line:?}\n{}",
            player.screen()
        );
    }
}
