//! The player's first screen (the learners) is drawn while the courses load behind it. A
//! learner who types before they are in must still find them: keys are acted on only once
//! the library is there.

#![cfg(unix)]

mod common;

use common::pty::{ENTER, Player};

#[test]
fn keys_typed_before_the_courses_are_loaded_reach_a_course_list_that_has_them() {
    let data = tempfile::tempdir().unwrap();
    // Eighty courses copied in by hand: no index, no catalog, so every start reads them all.
    let fixture = common::fixture("minimal");
    let toml = std::fs::read_to_string(fixture.join("course.toml")).unwrap();
    for n in 0..80 {
        let folder = data.path().join(format!("courses/hand-{n:02}"));
        common::copy_dir(&fixture, &folder);
        let text = toml
            .replacen("id = \"minimal\"", &format!("id = \"hand-{n:02}\""), 1)
            .replacen("A minimal course", &format!("Aaa hand course {n:02}"), 1);
        std::fs::write(folder.join("course.toml"), text).unwrap();
    }
    let mut player = Player::start(data.path());
    // Typed at once, before the first frame: a name, Enter, and Enter to make the profile.
    player.press(&format!("Zeynep{ENTER}{ENTER}"));
    player.wait_for("Courses");
    let screen = player.screen();
    assert!(
        screen.contains("▶ Aaa hand course 00"),
        "the course list lacks the installed courses:\n{screen}"
    );
    assert!(screen.contains("Aaa hand course 01"), "{screen}");
}
