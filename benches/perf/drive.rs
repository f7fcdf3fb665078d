//! Driving the player as a learner does, for the benches: key presses through the keymap,
//! their effects and jobs run to the end, and the frame drawn.

use std::path::Path;

use hatua::bundle::TrustStore;
use hatua::library::Library;
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

/// A learner at a course of one item (`item` at `path`), installed as a site installs it,
/// on the course's outline; `name` names its folders in `tmp`.
pub struct AtCourse {
    pub app: App,
    pub store: Store,
    pub terminal: Terminal<TestBackend>,
}

pub fn at_course(tmp: &Path, name: &str, path: &str, item: &str, trust: &TrustStore) -> AtCourse {
    let source = tmp.join(format!("{name}-source"));
    let file = source.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, item).unwrap();
    std::fs::write(
        source.join("course.toml"),
        format!(
            "format = 1\nid = \"{name}\"\nversion = \"1.0.0\"\ntitle = \"AAA {name}\"\n\
             [[modules]]\nid = \"m\"\ntitle = \"M\"\nitems = [\"{path}\"]\n"
        ),
    )
    .unwrap();
    let data = tmp.join(format!("{name}-data"));
    super::imported(&data, &source, trust);

    let mut store = Store::open(&data.join("hatua.db")).unwrap();
    let mut app = App::new(Library::load(Some(&data)), (80, 24), 1);
    app.data_dir = Some(data);
    // Name, create, and open the course (first in the list) from the course list.
    let keys = "Bench"
        .chars()
        .map(KeyCode::Char)
        .chain([KeyCode::Enter; 3]);
    act(&mut app, &mut store, keys);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let outline = draw(&mut terminal, &app);
    assert!(
        matches!(app.screen, hatua::tui::screen::Screen::Outline(_)),
        "not on the outline:\n{outline}"
    );
    AtCourse {
        app,
        store,
        terminal,
    }
}
