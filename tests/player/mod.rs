//! A test harness for the player without a terminal: actions go through `App::update`,
//! effects run against a store, screens are drawn on a `TestBackend`. Shared by the TUI tests.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of the harness"
)]

use std::path::Path;
use std::sync::Arc;

use hatua::course::{self, DirSource};
use hatua::library::{Entry, Library, Origin};
use hatua::store::Store;
use hatua::tui::action::Action;
use hatua::tui::app::Screen;
use hatua::tui::effect::Effect;
use hatua::tui::{App, run_effects};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn fixture_library(names: &[&str]) -> Library {
    let entries = names
        .iter()
        .map(|name| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name);
            let loaded = course::load(&DirSource::new(&dir));
            Entry::Ready {
                course: Arc::new(loaded.course.expect("fixture is valid")),
                origin: Origin::Installed(dir),
                standing: None,
            }
        })
        .collect();
    Library {
        entries,
        ..Library::default()
    }
}

pub struct Player {
    pub app: App,
    pub store: Store,
}

impl Player {
    pub fn new(store: Store, size: (u16, u16)) -> Player {
        let mut p = Player {
            app: App::new(fixture_library(&["minimal"]), size, 7),
            store,
        };
        p.run(vec![Effect::LoadLearners]);
        p
    }

    pub fn run(&mut self, effects: Vec<Effect>) {
        run_effects(&mut self.app, &mut self.store, effects);
    }

    pub fn press(&mut self, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            let effects = self.app.update(a);
            self.run(effects);
        }
    }

    pub fn type_text(&mut self, text: &str) {
        self.press(text.chars().map(Action::Type));
    }

    /// Creates or opens a learner from the picker.
    /// Opens a learner from the picker, creating them without a PIN when new.
    pub fn sign_in(&mut self, name: &str) {
        self.type_text(name);
        self.press([Action::Confirm]);
        if matches!(self.app.screen, Screen::NewLearner(_)) {
            self.press([Action::Confirm]);
        }
    }

    pub fn buffer(&self) -> Buffer {
        let (w, h) = self.app.size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| f.render_widget(&self.app, f.area()))
            .unwrap();
        terminal.backend().buffer().clone()
    }

    pub fn screen(&self) -> String {
        buffer_text(&self.buffer())
    }

    pub fn learner_id(&self) -> hatua::store::LearnerId {
        self.app.learner.as_ref().expect("signed in").id.clone()
    }
}

pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            // A wide character fills the next cell too; a terminal shows nothing there.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
