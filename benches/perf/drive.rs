//! Driving the player as a learner does, for the benches: key presses through the keymap,
//! their effects and jobs run to the end, and the frame drawn.

use hatua::store::Store;
use hatua::tui::{App, run_effects};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub fn draw(terminal: &mut Terminal<TestBackend>, app: &App) -> String {
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|c| c.symbol()).collect()
}

/// Key presses, their effects, and any job they start run to its end, as the player's loop
/// would (opening an installed course checks it on a job of its own).
pub fn act(app: &mut App, store: &mut Store, keys: impl IntoIterator<Item = KeyCode>) {
    let dir = app.data_dir.clone().expect("a data folder");
    for key in keys {
        let mut effects = app.key(KeyEvent::from(key));
        loop {
            let jobs = run_effects(app, store, std::mem::take(&mut effects));
            if jobs.is_empty() {
                break;
            }
            for job in jobs {
                for a in hatua::tui::job::run_blocking(job, &dir) {
                    effects.extend(app.update(a));
                }
            }
        }
    }
}
