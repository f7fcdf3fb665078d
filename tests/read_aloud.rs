//! Reading aloud: `a` on a lesson hands the page on screen to espeak-ng in the lesson's
//! language, `a` again stops it, and without espeak-ng the learner is told how a
//! coordinator installs it. A stand-in program records what it was given.

#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::pty::{DOWN, ENTER, Player};

/// A stand-in for espeak-ng that writes its arguments and, once it has read it all, what
/// it read to `log`, then keeps "speaking" for a few seconds.
fn stand_in(dir: &Path, log: &Path) -> String {
    let script = dir.join("fake-espeak");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" > {log}.args\ncat > {log}.part && mv {log}.part {log}.text\nsleep 5\n",
            log = log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script.display().to_string()
}

/// What the stand-in was given to read, once it has read it all (within the hang guard).
fn spoken(log: &Path) -> String {
    let text_file = log.with_extension("text");
    let deadline = std::time::Instant::now() + common::pty::TIMEOUT;
    while !text_file.exists() || std::fs::read_to_string(&text_file).unwrap().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "nothing was read aloud"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::read_to_string(&text_file).unwrap()
}

/// Signed in as a new learner who chose `language` (Tab presses on the first screen), in
/// the first lesson of the second course.
fn in_a_lesson(data: &Path, speech: &str, tabs: usize) -> Player {
    let mut player = Player::start_with(data, &[("HATUA_SPEECH", speech)]);
    player.wait_for("Tab");
    player.press(&"\t".repeat(tabs));
    player.press("Zo");
    player.wait_for("Zo");
    player.press(ENTER);
    player.wait_for("PIN");
    player.press(ENTER);
    player.wait_for("%");
    player.press(DOWN);
    // The outline, then its first lesson, each drawn whole before the next key.
    player.press_and_wait(ENTER);
    player.settle();
    player.press_and_wait(ENTER);
    player.settle();
    player
}

#[test]
fn a_reads_the_page_aloud_in_the_lessons_language_and_a_again_stops() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("spoken");
    let speech = stand_in(data.path(), &log);
    // French: one Tab on the first screen.
    let mut player = in_a_lesson(data.path(), &speech, 1);
    let heading = player
        .screen()
        .lines()
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_string();
    player.press("a");
    player.wait_for("voix haute");
    let text = spoken(&log);
    let args = std::fs::read_to_string(log.with_extension("args")).unwrap();
    assert_eq!(args.trim(), "-v fr --stdin");
    assert!(text.contains(&heading), "{heading:?} not in {text:?}");
    player.press("a");
    player.wait_for("arrêtée");
}

#[test]
fn without_espeak_the_learner_is_told_how_to_get_it() {
    let data = tempfile::tempdir().unwrap();
    let mut player = in_a_lesson(data.path(), "/nonexistent/espeak-ng", 0);
    player.press("a");
    player.wait_for("Reading aloud needs");
    let flat = player
        .screen()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("sudo apt install espeak-ng"), "{flat}");
}

#[test]
fn f4_reads_a_quiz_question_and_its_choices_aloud() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("spoken");
    let speech = stand_in(data.path(), &log);
    let mut player = in_a_lesson(data.path(), &speech, 0);
    // Back to the outline, down to the first quiz (the third item), and start it.
    player.press("q");
    player.wait_for("Done:");
    player.press(DOWN);
    player.press(DOWN);
    player.press_and_wait(ENTER);
    player.wait_for("Press Enter to start");
    player.press_and_wait(ENTER);
    player.wait_for("Question 1 of");
    player.settle();
    let screen = player.screen();
    player.press("\x1bOS"); // F4
    player.wait_for("Reading aloud");
    let text = spoken(&log);
    assert!(text.contains("Question 1 of"), "{text}");
    // Every choice on screen is read, with its number.
    let choice = screen
        .lines()
        .find(|l| l.trim_start().starts_with("▶ 1"))
        .map(|l| l.trim_start().trim_start_matches('▶').trim().to_string())
        .unwrap_or_default();
    assert!(
        !choice.is_empty() && text.contains(choice.split("  ").next().unwrap()),
        "{choice:?} in {text:?}"
    );
    assert_eq!(
        std::fs::read_to_string(log.with_extension("args"))
            .unwrap()
            .trim(),
        "-v en --stdin"
    );
}
