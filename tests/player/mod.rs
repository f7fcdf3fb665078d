//! A test harness for the player without a terminal: key presses go through `App::key`, as
//! the terminal would send them; effects run against a store; screens are drawn on a
//! `TestBackend`. Shared by the TUI tests.

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
use hatua::tui::effect::Effect;
use hatua::tui::job::Job;
use hatua::tui::screen::Screen;
use hatua::tui::{App, run_effects};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Key presses, as a terminal reports them.
pub const ENTER: KeyEvent = key(KeyCode::Enter);
pub const ESC: KeyEvent = key(KeyCode::Esc);
pub const UP: KeyEvent = key(KeyCode::Up);
pub const DOWN: KeyEvent = key(KeyCode::Down);
pub const LEFT: KeyEvent = key(KeyCode::Left);
pub const RIGHT: KeyEvent = key(KeyCode::Right);
pub const PAGE_UP: KeyEvent = key(KeyCode::PageUp);
pub const PAGE_DOWN: KeyEvent = key(KeyCode::PageDown);
pub const HOME: KeyEvent = key(KeyCode::Home);
pub const END: KeyEvent = key(KeyCode::End);
pub const TAB: KeyEvent = key(KeyCode::Tab);
pub const BACKSPACE: KeyEvent = key(KeyCode::Backspace);
pub const SPACE: KeyEvent = ch(' ');
pub const F1: KeyEvent = key(KeyCode::F(1));
pub const F2: KeyEvent = key(KeyCode::F(2));
pub const F3: KeyEvent = key(KeyCode::F(3));
pub const CTRL_X: KeyEvent = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
pub const CTRL_C: KeyEvent = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);

pub const fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A character key (a letter, a digit, a sign).
pub const fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

/// The digit key that picks option `n` (counting from 0).
pub fn digit(n: usize) -> KeyEvent {
    ch(char::from_digit(n as u32 + 1, 10).expect("options 1 to 9"))
}

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
    /// Long jobs the app asked for, not started yet (see [`Player::run_jobs`]).
    pub jobs: Vec<Job>,
}

impl Player {
    pub fn new(store: Store, size: (u16, u16)) -> Player {
        let mut p = Player {
            app: App::new(fixture_library(&["minimal"]), size, 7),
            store,
            jobs: Vec::new(),
        };
        p.run(vec![Effect::LoadLearners]);
        p
    }

    pub fn run(&mut self, effects: Vec<Effect>) {
        let jobs = run_effects(&mut self.app, &mut self.store, effects);
        self.jobs.extend(jobs);
    }

    /// Presses keys, one after the other, each handled to its end before the next.
    pub fn press(&mut self, keys: impl IntoIterator<Item = KeyEvent>) {
        for k in keys {
            let effects = self.app.key(k);
            self.run(effects);
        }
    }

    /// Something that is not a key: an effect's result, the terminal's size, a hang-up.
    pub fn act(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.run(effects);
    }

    /// Moves the course list's selection to the course titled `title` (as the library
    /// shows it now), with the arrow keys.
    pub fn select_course(&mut self, title: &str) {
        let row = self
            .app
            .library
            .entries
            .iter()
            .position(|e| e.title() == title)
            .unwrap_or_else(|| panic!("no course {title:?}"));
        self.press([HOME]);
        for _ in 0..row {
            self.press([DOWN]);
        }
    }

    pub fn type_text(&mut self, text: &str) {
        self.press(text.chars().map(ch));
    }

    /// Runs the jobs asked for to their end, against `data_dir`, feeding their results back
    /// as the event loop would.
    pub fn run_jobs(&mut self, data_dir: &Path) {
        for job in std::mem::take(&mut self.jobs) {
            for action in hatua::tui::job::run_blocking(job, data_dir) {
                self.act(action);
            }
        }
    }

    /// Opens a learner from the picker, creating them without a PIN when new.
    pub fn sign_in(&mut self, name: &str) {
        self.type_text(name);
        self.press([ENTER]);
        if matches!(self.app.screen, Screen::NewLearner(_)) {
            self.press([ENTER]);
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

/// A copy of a fixture course in a temporary folder, to edit as an author would. Keep the
/// returned folder alive as long as the copy is used.
pub fn copy_of_fixture(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let work = tempfile::tempdir().unwrap();
    let course = work.path().join(name);
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &course,
    );
    (work, course)
}

/// A player on an in-memory store previewing a fresh copy of a fixture course, as
/// `hatua preview` would, with `learner` signed in. Keep the folder alive with the player.
pub fn previewing(name: &str, learner: &str) -> (tempfile::TempDir, std::path::PathBuf, Player) {
    let (work, course) = copy_of_fixture(name);
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.app.library = hatua::tui::preview::library(&course).unwrap();
    p.sign_in(learner);
    (work, course, p)
}

/// Edits a file as an author would: replaces `from` with `to` in it.
pub fn rewrite(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", file.display());
    std::fs::write(file, text.replace(from, to)).unwrap();
}

/// The order in which the current quiz question shows its items or options, by position in
/// the quiz file; `None` when no question is being asked.
pub fn shown_order(p: &Player) -> Option<Vec<usize>> {
    let Screen::Quiz(q) = &p.app.screen else {
        return None;
    };
    let hatua::tui::quiz::Phase::Asking(run) = &q.phase else {
        return None;
    };
    run.planned().map(|planned| planned.option_order.clone())
}

/// Puts an `order` question's items into their file order with Space and the arrows, as a
/// learner would: take each item in turn and carry it up to its place.
pub fn arrange_in_file_order(p: &mut Player) {
    let mut order = shown_order(p).expect("an order question");
    for target in 0..order.len() {
        let from = order.iter().position(|&i| i == target).unwrap();
        for _ in 0..order.len() {
            p.press([UP]);
        }
        for _ in 0..from {
            p.press([DOWN]);
        }
        p.press([SPACE]);
        for _ in target..from {
            p.press([UP]);
        }
        p.press([SPACE]);
        let item = order.remove(from);
        order.insert(target, item);
    }
}

/// Gives the question on screen some answer (the first option, "1" typed, every item of a
/// match given the first option) and goes on to the next question.
pub fn answer_any(p: &mut Player) {
    let screen = p.screen();
    if screen.contains("Your answer: ▏") {
        // A number is an answer to a text question too.
        p.type_text("1");
    } else if screen.contains("→ …") {
        for _ in 0..6 {
            p.press([digit(0)]);
        }
    } else if screen.contains("[ ]") {
        p.press([digit(0)]);
    }
    p.press([ENTER, ENTER]);
}

/// Answers every question of the quiz on screen with [`answer_any`], to its result.
pub fn answer_all(p: &mut Player) {
    for _ in 0..40 {
        if !p.screen().contains("Question ") {
            return;
        }
        answer_any(p);
    }
}

/// A player started on records found damaged and set aside in `data`: the screen that says
/// so, offering a real backup of two learners (Amina and Grace) when `with_backup`. Times
/// and names are fixed, so that the screen reads the same in every run.
pub fn damaged(data: &Path, with_backup: bool, size: (u16, u16)) -> Player {
    use hatua::store::backup::{BackupFile, Why};
    let db = data.join("hatua.db");
    let backup = with_backup.then(|| {
        let mut store = Store::open(&db).unwrap();
        store.add_learner("Amina", None).unwrap();
        store.add_learner("Grace", None).unwrap();
        let made = store.backup_beside(Why::OnDemand).unwrap().unwrap();
        drop(store);
        std::fs::remove_file(&db).unwrap();
        BackupFile {
            path: made.path,
            taken: time::macros::datetime!(2026-11-28 09:30:12 UTC),
            why: Why::OnDemand,
            bytes: made.bytes,
        }
    });
    let damage = hatua::desk::Damage {
        path: db.clone(),
        aside: data.join("hatua.db.damaged-20261128T113000Z"),
        reason: Some("database disk image is malformed".to_string()),
        backup,
    };
    let mut p = Player::new(Store::open_in_memory().unwrap(), size);
    p.app.data_dir = Some(data.to_path_buf());
    p.app.show_damage(&damage);
    p
}
