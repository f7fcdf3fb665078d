//! Plain mode (`hatua --plain`, `HATUA_PLAIN=1`) as a screen-reader user meets it: the real
//! binary in a real terminal, every line typed, every answer read off the screen. The whole
//! journey: sign in with a PIN, a course, a lesson, every question type, results, review,
//! certificate, quick exit, signing in again; on a UTF-8 terminal and on the Linux console
//! without a UTF-8 locale, where every byte must be ASCII. Nothing redraws: no escape
//! sequence reaches the terminal but the quick exit's wipe.

#![cfg(target_os = "linux")]

mod common;

use common::pty::{ENTER, Player};

/// The quick exit's wipe of the screen and its scrollback: the one sequence plain mode writes.
const WIPE: &[u8] = b"\x1b[H\x1b[2J\x1b[3J";

/// The number the page gives `text` in its numbered list (`3. text`), the lowest on the
/// screen: the list just written.
fn number_of(screen: &str, text: &str) -> String {
    for line in screen.lines().rev() {
        let line = line.trim();
        if let Some((n, rest)) = line.split_once(". ")
            && n.chars().all(|c| c.is_ascii_digit())
            && !n.is_empty()
            && rest.starts_with(text)
        {
            return n.to_string();
        }
    }
    panic!("no numbered line `N. {text}` on the screen:\n{screen}");
}

/// Types `line` and Enter, as a learner does at every prompt.
fn say(player: &mut Player, line: &str) {
    player.press(line);
    player.press(ENTER);
}

/// Waits for `text`, then types the number the list gives `choice`.
fn choose(player: &mut Player, text: &str, choice: &str) {
    player.wait_for(text);
    let n = number_of(&player.screen(), choice);
    say(player, &n);
}

/// The whole journey, from the first screen to closing Hatua with Ctrl+D.
fn journey(player: &mut Player) {
    player.wait_for("Who is learning?");
    player.wait_for("Your name, or a number:");
    say(player, "Amina");
    // A new name is only offered: nobody is created by a slip of the finger.
    choose(player, "New learner", "New learner");
    player.wait_for("PIN, or Enter for none:");
    say(player, "2468");
    player.wait_for("The same PIN again:");
    say(player, "2468");
    choose(player, "Number of a course", "Every question type");

    // The outline, then the lesson to its end, then the quiz it leads to.
    choose(player, "Number of a lesson or quiz", "Introduction");
    player.wait_for("End of the lesson");
    say(player, "");
    player.wait_for("Press Enter to start.");
    say(player, "");

    choose(player, "Which year was CEDAW adopted?", "1979");
    player.wait_for("The General Assembly adopted CEDAW in 1979.");
    say(player, "");

    player.wait_for("Which are UN conferences on women?");
    let screen = player.screen();
    let both = format!(
        "{} {}",
        number_of(&screen, "Nairobi 1985"),
        number_of(&screen, "Beijing 1995")
    );
    say(player, &both);
    player.wait_for("Mexico City, Copenhagen, Nairobi and Beijing.");
    say(player, "");

    choose(player, "The Optional Protocol", "True");
    player.wait_for("Adopted 1999, in force 2000.");
    say(player, "");

    player.wait_for("In which city was the Fourth World Conference");
    player.wait_for("Your answer:");
    say(player, "beijing");
    player.wait_for("Beijing, in September 1995.");
    say(player, "");

    player.wait_for("How many critical areas of concern");
    say(player, "12");
    player.wait_for("Twelve critical areas of concern.");
    say(player, "");

    player.wait_for("Put these in the order they happened.");
    let screen = player.screen();
    let order = ["CEDAW adopted", "Beijing Platform adopted", "SDGs adopted"]
        .map(|item| number_of(&screen, item))
        .join(" ");
    say(player, &order);
    player.wait_for("1979, 1995, 2015.");
    say(player, "");

    player.wait_for("Match each text to its year.");
    player.wait_for("A. CEDAW");
    let screen = player.screen();
    let pairs = format!(
        "{} {}",
        number_of(&screen, "1979"),
        number_of(&screen, "1995")
    );
    say(player, &pairs);
    player.wait_for("CEDAW 1979; Beijing 1995.");
    say(player, "");

    // Results: every mark with its word, and the verdict.
    player.wait_for("Passed (pass mark 60%)");
    let screen = player.screen();
    assert!(
        screen.matches("right").count() >= 7,
        "seven right answers, each said in words:\n{screen}"
    );

    // Review: the list of attempts, the one attempt, back.
    say(player, "v");
    choose(player, "Number of an attempt", "Attempt 1");
    player.wait_for("Enter for the list of attempts:");
    say(player, "");
    player.wait_for("Number of an attempt, or Enter to go back:");
    say(player, "");
    // The quiz's first screen again; q for the outline, where the course is complete.
    player.wait_for("Enter, a letter, or q for the outline:");
    say(player, "q");
    player.wait_for("c for your certificate");
    say(player, "c");
    player.wait_for("Certificate written to");

    // Quick exit: everything hidden, and the learner's page wiped from the terminal.
    say(player, "\u{18}");
    player.wait_for("Your name, or a number:");
    let screen = player.screen();
    assert!(
        !screen.contains("Every question type") && !screen.contains("Certificate"),
        "the quick exit leaves nothing of the learner's page:\n{screen}"
    );

    // Back again: a wrong PIN is said and counted; the right one opens her courses.
    say(player, "Amina");
    player.wait_for("Welcome back, Amina");
    player.wait_for("PIN, or Enter alone to go back:");
    say(player, "1111");
    player.wait_for("That PIN is not right.");
    say(player, "2468");
    player.wait_for("Number of a course");
    player.wait_for("100% done");

    // Ctrl+D: the input ends, and Hatua closes keeping everything.
    player.press("\u{4}");
    assert!(player.wait_exit().success(), "plain mode ends cleanly");
}

/// What the player wrote, raw.
fn raw(player: &Player) -> Vec<u8> {
    player.output.raw.lock().expect("raw lock").clone()
}

/// Whether `needle` occurs in `haystack`.
fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Checks what only the raw bytes show: no sequence but the wipe, and the PIN never echoed.
fn no_redraws_and_no_pin(raw: &[u8]) {
    let without_wipe: Vec<u8> = {
        let at = raw
            .windows(WIPE.len())
            .position(|w| w == WIPE)
            .expect("the quick exit wipes the terminal");
        [&raw[..at], &raw[at + WIPE.len()..]].concat()
    };
    assert!(
        !without_wipe.contains(&0x1b),
        "plain mode writes no escape sequence but the quick exit's wipe: {:?}",
        String::from_utf8_lossy(&without_wipe)
    );
    // Typed lines are echoed by the terminal; a PIN is read with the echo off.
    assert!(holds(raw, b"Amina"), "typed names are echoed");
    assert!(!holds(raw, b"2468"), "the PIN never reaches the screen");
}

#[test]
fn the_whole_journey_in_plain_mode() {
    let data = tempfile::tempdir().unwrap();
    common::install_fixture("all-types", data.path(), "all-types");
    let mut player = Player::start_with(data.path(), &[("HATUA_PLAIN", "1")]);
    journey(&mut player);
    no_redraws_and_no_pin(&raw(&player));
}

#[test]
fn the_whole_journey_in_plain_mode_on_the_linux_console_is_ascii_byte_by_byte() {
    let data = tempfile::tempdir().unwrap();
    common::install_fixture("all-types", data.path(), "all-types");
    let mut player = Player::start_with(
        data.path(),
        &[
            ("HATUA_PLAIN", "1"),
            ("TERM", "linux"),
            ("LANG", ""),
            ("LC_ALL", "C"),
        ],
    );
    journey(&mut player);
    let raw = raw(&player);
    no_redraws_and_no_pin(&raw);
    common::pty::assert_ascii(&raw);
}

#[test]
fn f3_on_the_first_screen_goes_on_in_plain_mode_with_the_same_records() {
    let data = tempfile::tempdir().unwrap();
    let mut player = Player::start(data.path());
    player.wait_for("F3: plain mode, for screen readers");
    player.press("\x1bOR");
    player.wait_for("Hatua, plain mode.");
    player.wait_for("Your name, or a number:");
    say(&mut player, "Amina");
    choose(&mut player, "New learner", "New learner");
    player.wait_for("PIN, or Enter for none:");
    say(&mut player, "");
    choose(
        &mut player,
        "Number of a course",
        "Gender equality: key concepts",
    );
    player.wait_for("1. Sex and gender: lesson, not started");
    player.press("\u{4}");
    assert!(player.wait_exit().success());
    // The full screen was left before the first line of plain mode: the terminal's own
    // screen is back, and no redraw follows.
    let raw = raw(&player);
    let welcome = raw
        .windows(b"Hatua, plain mode.".len())
        .position(|w| w == b"Hatua, plain mode.")
        .expect("the welcome");
    assert!(
        holds(&raw[..welcome], b"\x1b[?1049l"),
        "the alternate screen is left first"
    );
    assert!(
        !raw[welcome..].contains(&0x1b),
        "nothing redraws afterwards: {:?}",
        String::from_utf8_lossy(&raw[welcome..])
    );
}
