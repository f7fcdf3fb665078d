//! Plain mode, for screen readers and braille displays: the same player, line by line. Each
//! screen is written once as text, what was already written is never written again, choices
//! are numbered, and every answer is a line the learner types and ends with Enter. No
//! alternate screen, no boxes, no colours, no cursor movement: what a screen reader reads
//! is what arrives, in order.
//!
//! The app and its screens are the full-screen player's own, so signing in, the PIN pause,
//! saving, grading and certificates are the same code; this module only writes a screen as
//! lines ([`page`]) and turns a typed line into what the screen understands ([`reply`]).

mod console;
mod page;
mod quiz_page;
mod reply;

use std::io::{BufRead, Write};

pub use console::Console;

use super::action::Action;
use super::app::App;
use super::effect::Effect;
use super::job;
use crate::store::Store;

/// Plays on standard input and output until the learner closes Hatua or the input ends.
pub fn run(mut app: App, mut store: Store, first: Vec<Effect>) -> anyhow::Result<()> {
    let mut console = Console::stdio(app.caps.unicode);
    app.size = console.size();
    session(&mut app, &mut store, first, &mut console)?;
    Ok(())
}

/// The conversation: write what is new on the screen, ask, act on the answer; again.
pub fn session<R: BufRead, W: Write>(
    app: &mut App,
    store: &mut Store,
    first: Vec<Effect>,
    console: &mut Console<R, W>,
) -> std::io::Result<()> {
    console.say(&app.lang.t("plain.welcome"))?;
    settle(app, store, first);
    // The page last written: the same page grown longer (the next part of a lesson, an
    // answer's feedback) is written from where it stopped; another page of the same screen
    // (the names that match what was typed) is written without the screen's heading.
    let mut written: Option<page::Page> = None;
    loop {
        if app.quit {
            return Ok(());
        }
        let page = page::of(app);
        let from = match &written {
            Some(last) if last.key == page.key && page.lines.starts_with(&last.lines) => {
                last.lines.len()
            }
            Some(last) if last.screen == page.screen => {
                console.blank()?;
                0
            }
            _ => {
                console.blank()?;
                for line in &page.heading {
                    console.say(line)?;
                }
                page.from.min(page.lines.len())
            }
        };
        for line in &page.lines[from..] {
            console.say(line)?;
        }
        if let Some(notice) = app.notice.take() {
            console.say(&notice.message().text(app.lang))?;
        }
        let (input, prompt, typing) = (page.input, page.prompt.clone(), page.typing);
        written = Some(page);
        let answer = match input {
            page::Input::Line => console.ask(&prompt)?,
            page::Input::Secret => console.ask_secret(&prompt)?,
        };
        // The input ended (Ctrl+D, a closed terminal): keep everything, as quitting does.
        let Some(line) = answer else {
            let effects = app.update(Action::Quit);
            settle(app, store, effects);
            return Ok(());
        };
        if reply::is_quick_exit(&line) {
            let effects = app.update(Action::Hide);
            settle(app, store, effects);
            // What the learner read stays in the terminal's scrollback: wipe it, as the
            // full-screen player's quick exit leaves nothing of her page behind.
            console.wipe()?;
            written = None;
            continue;
        }
        if line.trim() == "?" && !typing {
            for help in page::help(app) {
                console.say(&help)?;
            }
            continue;
        }
        match reply::to(app, &line) {
            Ok(effects) => settle(app, store, effects),
            Err(problem) => console.say(&problem)?,
        }
    }
}

/// Runs effects and what they lead to, long jobs included (there is no screen to keep
/// moving meanwhile: the learner waits for the answer, as a line-by-line dialogue does).
fn settle(app: &mut App, store: &mut Store, effects: Vec<Effect>) {
    let mut pending = effects;
    while !pending.is_empty() {
        let jobs = super::run_effects(app, store, std::mem::take(&mut pending));
        let Some(dir) = app.data_dir.clone() else {
            return;
        };
        for next in jobs {
            for action in job::run_blocking(next, &dir) {
                pending.extend(app.update(action));
            }
        }
    }
}
