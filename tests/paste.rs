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
    // Once the paste is handled the player waits, using no CPU: a spinning loop uses every
    // tick of every second (100 at 100 Hz) for ever. Not a speed limit: on a busy machine
    // handling the paste may take a while, so the player is given until the hang guard to
    // go quiet for one second.
    let deadline = std::time::Instant::now() + common::pty::TIMEOUT;
    let mut busiest = Vec::new();
    loop {
        let before = cpu_ticks(player.pid());
        std::thread::sleep(Duration::from_secs(1));
        let used = cpu_ticks(player.pid()) - before;
        if used < 25 {
            break;
        }
        busiest.push(used);
        assert!(
            std::time::Instant::now() < deadline,
            "the player never went quiet after the paste: ticks per second {busiest:?}"
        );
    }
    // And it still answers: a key (a new edge) lets it read on; Ctrl-X shows the neutral list.
    player.press("\u{18}");
    player.wait_for("Who is learning?");
}
