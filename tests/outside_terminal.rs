//! Hatua run where there is no terminal, or where the reader goes away: a sentence and exit
//! 1 for the player, and quiet for a command whose output nobody reads any more.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::HATUA;

#[test]
fn the_player_without_a_terminal_says_it_needs_one_and_exits_1() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(HATUA)
        .arg("--data-dir")
        .arg(data.path())
        .env_remove("HATUA_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("hatua: the player needs a terminal") && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_command_whose_reader_has_gone_exits_quietly() {
    let data = tempfile::tempdir().unwrap();
    for i in 0..30 {
        let status = Command::new(HATUA)
            .args([
                "--data-dir",
                data.path().to_str().unwrap(),
                "learners",
                "add",
            ])
            .arg(format!("Learner {i:02}"))
            .env_remove("HATUA_DATA_DIR")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
    // `hatua learners list | head -0`: the pipe is closed before a line is read.
    for args in [vec!["learners", "list"], vec!["courses"]] {
        let mut child = Command::new(HATUA)
            .args(["--data-dir", data.path().to_str().unwrap()])
            .args(&args)
            .env_remove("HATUA_DATA_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}
