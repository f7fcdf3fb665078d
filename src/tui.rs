//! The interactive player: load everything first, then enter the terminal and run the
//! key → action → update → effects → draw loop until the learner quits.

pub mod action;
pub mod app;
mod courses;
pub mod effect;
pub mod facilitator;
pub mod input;
pub mod lesson;
pub mod outline;
pub mod picker;
pub mod profile;
pub mod quiz;
mod quiz_view;
pub mod signin;
pub mod theme;
pub mod view;
mod widgets;

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::library::Library;
use crate::store::Store;

pub use app::App;

/// Opens the store and the library, then runs the player. Errors before the terminal is
/// touched come back as sentences for `main` to print.
pub fn run(data_dir: Option<&Path>, config: &crate::config::Config) -> anyhow::Result<ExitCode> {
    let dir = crate::paths::data_dir(data_dir).context(
        "cannot find a folder for Hatua's data on this system; start it with --data-dir DIR",
    )?;
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "{} is a file, not a folder, so Hatua cannot keep its data there. Start Hatua with \
             --data-dir pointing at a folder.",
            dir.display()
        );
    }
    let mut store = Store::open(&dir.join(crate::paths::DATABASE_FILE))?;
    let library = Library::load(Some(&dir));
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);

    let mut terminal = ratatui::init();
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let mut app = App::new(library, size, seed);
    app.set_defaults(config);
    let idle = (config.idle_lock_minutes > 0)
        .then(|| std::time::Duration::from_secs(u64::from(config.idle_lock_minutes) * 60));
    let result = event_loop(&mut terminal, &mut app, &mut store, idle);
    ratatui::restore();
    result.map(|()| ExitCode::SUCCESS)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    idle: Option<std::time::Duration>,
) -> anyhow::Result<()> {
    let mut pending = vec![effect::Effect::LoadLearners];
    loop {
        run_effects(app, store, std::mem::take(&mut pending));
        if app.quit {
            return Ok(());
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // Only a signed-in learner has anything to lock away.
        if let Some(limit) = idle.filter(|_| app.learner.is_some() || app.facilitator)
            && !event::poll(limit).context("cannot read from the terminal")?
        {
            pending = app.update(action::Action::IdleLock);
            continue;
        }
        let action = match event::read().context("cannot read from the terminal")? {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                action::keymap(app.key_context(), key)
            }
            Event::Resize(w, h) => Some(action::Action::Resize(w, h)),
            _ => None,
        };
        if let Some(action) = action {
            pending = app.update(action);
        }
    }
}

/// Runs effects, feeding each result back into the app; results may ask for more effects.
pub fn run_effects(app: &mut App, store: &mut Store, effects: Vec<effect::Effect>) {
    let mut queue: std::collections::VecDeque<_> = effects.into();
    while let Some(e) = queue.pop_front() {
        let learner = app.learner.as_ref().map(|l| l.id.clone());
        for action in effect::run(store, &app.library, learner.as_ref(), e) {
            queue.extend(app.update(action));
        }
    }
}
