//! A burst of input larger than the terminal reader takes at once — a paste of a few
//! thousand characters on a terminal without bracketed paste — must not make the player spin.
//! crossterm stops reading at its first event and waits for the next key to take the rest;
//! the player's own check of the terminal said "readable" at once, forever, and burnt a core.

#![cfg(target_os = "linux")]

mod common;

use std::time::Duration;

use common::pty::Player;

/// CPU time (user + system) of a process so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the player's stat");
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').expect("a command name") + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn a_paste_of_thousands_of_characters_does_not_keep_a_core_busy() {
    let data = tempfile::tempdir().unwrap();
    let mut player = Player::start(data.path());
    player.wait_for("Who is learning?");
    // 3,000 bytes: more than crossterm's 1 KiB read, less than the terminal's input buffer.
    player.press(&"a".repeat(3000));
    std::thread::sleep(Duration::from_millis(500));
    let before = cpu_ticks(player.pid());
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(player.pid()) - before;
    // A spinning loop uses the whole 2 s (200 ticks at 100 Hz); a waiting one next to none.
    // Not a speed limit: a process that waits uses no CPU however slow the machine.
    assert!(
        used < 50,
        "the player used {used} ticks of CPU in 2 s while waiting"
    );
    // And it still answers: a key (a new edge) lets it read on; Ctrl-X shows the neutral list.
    player.press("\u{18}");
    player.wait_for("Who is learning?");
}
