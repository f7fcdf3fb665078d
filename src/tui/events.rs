//! Reading the next terminal event without spinning when the terminal is gone.
//!
//! When the terminal closes under a player that survives the hang-up signal (started by a
//! launcher that ignores SIGHUP, or traced), reading the terminal returns end-of-file at once,
//! forever. crossterm retries such reads in a loop of its own and never reports them, so one
//! core burns until someone notices. So the terminal is polled here first: a hang-up (or an
//! error) is reported as such, and crossterm is only asked to read when there is something
//! to read.

use std::io;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

/// What the terminal gave.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// The wait ended with no event.
    Timeout,
    /// The terminal is gone (closed, hung up) or cannot be read.
    HangUp,
}

/// How long one poll of the terminal lasts at most: a window resize arrives through
/// crossterm's signal pipe, which is looked at between polls.
const STEP: Duration = Duration::from_millis(250);

/// Waits up to `wait` (forever when `None`) for the next event.
/// Whether an event is there to be read at once.
pub fn waiting() -> bool {
    event::poll(Duration::ZERO).unwrap_or(false)
}

pub fn next(wait: Option<Duration>) -> io::Result<Input> {
    let deadline = wait.map(|w| Instant::now() + w);
    loop {
        // Checked just before crossterm is asked: a hung-up terminal is never handed to it.
        if matches!(terminal_state(Duration::ZERO)?, Readiness::Gone) {
            return Ok(Input::HangUp);
        }
        // Events crossterm has already parsed (the rest of a paste), keys waiting, a resize.
        if event::poll(Duration::ZERO).unwrap_or(false) {
            return Ok(match event::read() {
                Ok(e) => Input::Event(e),
                Err(_) => Input::HangUp,
            });
        }
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if left.is_some_and(|l| l.is_zero()) {
            return Ok(Input::Timeout);
        }
        let step = left.map_or(STEP, |l| l.min(STEP));
        match terminal_state(step)? {
            Readiness::Gone => return Ok(Input::HangUp),
            // Bytes are waiting that crossterm has not taken. Its poll is edge-triggered and
            // it stops reading at its first event, so the rest of a burst (a paste of more
            // than 1 KiB) waits for the next key, when a new edge wakes it (crossterm PR
            // #1057). The terminal, polled here, says "readable" at once, forever: looping
            // on it burnt a core. Wait on crossterm's own poll instead, a step at a time, so
            // a hang-up is still seen.
            Readiness::Readable => {
                if event::poll(step).unwrap_or(false) {
                    return Ok(match event::read() {
                        Ok(e) => Input::Event(e),
                        Err(_) => Input::HangUp,
                    });
                }
            }
            Readiness::Idle => {}
        }
    }
}

enum Readiness {
    Readable,
    Idle,
    Gone,
}

#[cfg(unix)]
fn terminal_state(timeout: Duration) -> io::Result<Readiness> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: timeout.as_secs() as i64,
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match poll(&mut fds, Some(&timeout)) {
        Ok(_) => {}
        Err(rustix::io::Errno::INTR) => return Ok(Readiness::Idle),
        // A terminal that cannot even be polled is gone as surely as a hung-up one: end
        // the way a hang-up ends, keeping the learner's place, rather than with an error.
        Err(_) => return Ok(Readiness::Gone),
    }
    let revents = fds[0].revents();
    Ok(
        if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            Readiness::Gone
        } else if revents.contains(PollFlags::IN) {
            Readiness::Readable
        } else {
            Readiness::Idle
        },
    )
}

/// Elsewhere crossterm's own poll is all there is.
#[cfg(not(unix))]
fn terminal_state(timeout: Duration) -> io::Result<Readiness> {
    Ok(match event::poll(timeout) {
        Ok(true) => Readiness::Readable,
        Ok(false) => Readiness::Idle,
        Err(_) => Readiness::Gone,
    })
}
