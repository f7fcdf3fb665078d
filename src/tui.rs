//! The interactive player: load everything first, then enter the terminal and run the
//! key → action → update → effects → draw loop until the learner quits.

pub mod action;
pub mod app;
mod arrive;
pub mod board;
pub mod caps;
pub mod courses;
pub mod damaged;
pub mod effect;
mod events;
pub mod export;
pub mod hub;
pub mod import;
pub mod input;
pub mod job;
mod job_records;
pub mod keys;
pub mod laid;
pub mod lesson;
pub mod login;
mod mouse;
pub mod new_learner;
pub mod outline;
pub mod picker;
pub mod picture_grid;
pub mod picture_pin;
pub mod pin;
pub mod plain;
pub mod preview;
pub mod problem;
pub mod profile;
mod profile_picture;
pub mod quiz;
mod quiz_answer;
mod quiz_body;
pub mod quiz_keys;
pub mod quiz_run;
pub mod quiz_text;
mod quiz_view;
pub mod reports;
mod reports_learners;
pub mod review;
pub mod screen;
pub mod sync;
mod table;
pub mod theme;
pub mod view;
mod widgets;

use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often the screen looks at a running job's progress.
const JOB_POLL: Duration = Duration::from_millis(100);

/// How often a countdown on screen is redrawn.
const TICK: Duration = Duration::from_secs(1);

use anyhow::Context;
use caps::{Caps, CapsBackend};

/// The terminal the player draws on: crossterm's, through ASCII when it must.
type Screen = ratatui::Terminal<CapsBackend<ratatui::backend::CrosstermBackend<std::io::Stdout>>>;
use ratatui::crossterm::event::{Event, KeyEventKind};

use crate::library::Library;
use crate::store::Store;

pub use app::App;

/// Opens the store and the library, then runs the player: full-screen, or line by line in
/// plain mode. Errors before the terminal is touched come back as sentences for `main` to
/// print.
pub fn run(data_dir: Option<&Path>, config: &crate::config::Config) -> anyhow::Result<ExitCode> {
    let dir = checked_data_dir(data_dir)?;
    // The first screen shows the learners, not the courses: they load meanwhile.
    let library = Library::load_behind(&dir);
    let (store, first, opening) = open_desk(&dir)?;
    if config.plain {
        let app = new_app(library.wait(), config, &dir, opening, (80, 24));
        return plain::run(app, store, first).map(|()| ExitCode::SUCCESS);
    }
    play(
        store,
        Courses::Loading(library),
        config,
        &dir,
        None,
        first,
        opening,
    )
}

/// The records, what to do first (a daily backup, perhaps), and how the player opens.
fn open_desk(dir: &Path) -> anyhow::Result<(Store, Vec<effect::Effect>, Opening)> {
    Ok(match crate::desk::open(dir, crate::desk::Daily::Later) {
        Ok(desk) => {
            let mut first = vec![effect::Effect::LoadLearners];
            // After the first frame, on a thread: a large file takes a second or more.
            if desk.daily_due {
                first.push(effect::Effect::Job(job::Job::DailyBackup));
            }
            let notice = desk.notices.first().map(problem::Problem::from);
            (desk.store, first, Opening::Records(notice))
        }
        // No records are open until the screen's choice: nothing is written meanwhile.
        Err(crate::desk::DeskError::Damaged(damage)) => (
            Store::open_in_memory()?,
            Vec::new(),
            Opening::Damaged(damage),
        ),
        Err(e) => return Err(e.into()),
    })
}

/// The app on its first screen, with the site's settings.
fn new_app(
    library: Library,
    config: &crate::config::Config,
    data_dir: &Path,
    opening: Opening,
    size: (u16, u16),
) -> App {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut app = App::new(library, size, seed);
    app.caps = Caps::detect(config.ascii);
    app.set_defaults(config);
    // A broken file is `hatua doctor`'s to report; lessons show their own text meanwhile.
    app.support = crate::support::for_player(data_dir);
    app.data_dir = Some(data_dir.to_path_buf());
    app.drive_patterns = config.drives.clone();
    app.install_policy = config.install;
    app.merge_policy = config.merge;
    match opening {
        Opening::Records(notice) => app.notice = notice.map(problem::Notice::Bad),
        Opening::Damaged(damage) => app.show_damage(&damage),
    }
    app
}

/// How the player opens: on its records (with something to say once, perhaps), or on the
/// screen that says they were damaged.
enum Opening {
    Records(Option<problem::Problem>),
    Damaged(Box<crate::desk::Damage>),
}

/// `hatua preview DIR`: plays a course folder as it is, with its own records (kept apart
/// from the real learners'), and reloads it whenever a file in it changes.
pub fn preview(
    course_dir: &Path,
    data_dir: Option<&Path>,
    config: &crate::config::Config,
) -> anyhow::Result<ExitCode> {
    let library = preview::library(course_dir)?;
    let dir = checked_data_dir(data_dir)?;
    let mut store = Store::open(&dir.join(preview::DATABASE_FILE))?;
    let author = match store.find_learner(preview::LEARNER)? {
        Some(l) => l,
        None => store.add_learner(preview::LEARNER, None)?,
    };
    let watch = preview::Watch::new(course_dir);
    play(
        store,
        Courses::Ready(library),
        config,
        &dir,
        Some(watch),
        vec![effect::Effect::OpenLearner(author.id)],
        Opening::Records(None),
    )
}

/// The player draws on a terminal and reads keys from it: without one (`hatua < file`, a
/// service, a pipe) it says so, before anything is changed.
fn require_terminal() -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the player needs a terminal, and its input or output is not one here. Run `hatua` in a terminal window; for scripts, use the commands (`hatua --help` lists them)."
        );
    }
    Ok(())
}

fn checked_data_dir(data_dir: Option<&Path>) -> anyhow::Result<std::path::PathBuf> {
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
    Ok(dir)
}

/// The courses the player starts with: loaded, or loading while the first screen is drawn.
enum Courses {
    Ready(Library),
    Loading(crate::library::Loading),
}

/// Everything is loaded: enter the terminal, run the loop, and restore the terminal.
fn play(
    mut store: Store,
    courses: Courses,
    config: &crate::config::Config,
    data_dir: &Path,
    watch: Option<preview::Watch>,
    first: Vec<effect::Effect>,
    opening: Opening,
) -> anyhow::Result<ExitCode> {
    // Everything is checked and loaded; only now is a terminal needed.
    require_terminal()?;
    let caps = Caps::detect(config.ascii);
    let mut terminal = enter_terminal(caps)?;
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let (library, loading) = match courses {
        Courses::Ready(library) => (library, None),
        Courses::Loading(loading) => (Library::default(), Some(loading)),
    };
    let mut app = new_app(library, config, data_dir, opening, size);
    let idle = (config.idle_lock_minutes > 0 && watch.is_none())
        .then(|| Duration::from_secs(u64::from(config.idle_lock_minutes) * 60));
    let around = Around {
        idle,
        watch,
        loading,
    };
    let result = event_loop(&mut terminal, &mut app, &mut store, around, first);
    if matches!(result, Ok(Ended::HungUp)) {
        // There is no terminal to restore, and ratatui's drop would print that it could
        // not show the cursor: a print to a closed terminal fails, and a failed print panics.
        std::mem::forget(terminal);
        return Ok(ExitCode::SUCCESS);
    }
    // Not `ratatui::restore`, which prints its failure with `eprintln!` (see above).
    if let Err(e) = leave_terminal(caps) {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "hatua: could not restore the terminal: {e}"
        );
    }
    result?;
    // Asked for on the first screen: the same records and courses, line by line.
    if app.to_plain {
        app.quit = false;
        app.to_plain = false;
        drop(terminal);
        plain::run(app, store, vec![effect::Effect::LoadLearners])?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What the event loop watches besides the keys: the idle lock's limit, a previewed course
/// folder, and the courses still loading behind the first screen.
struct Around {
    idle: Option<Duration>,
    watch: Option<preview::Watch>,
    loading: Option<crate::library::Loading>,
}

/// How the event loop ended.
enum Ended {
    Quit,
    /// The terminal went away.
    HungUp,
}

/// Raw mode and, where the terminal has one, the alternate screen, with a panic hook that
/// gives the terminal back first and never prints on a terminal that is gone (ratatui's own
/// hook would).
fn enter_terminal(caps: Caps) -> anyhow::Result<Screen> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave_terminal(caps);
        previous(info);
    }));
    let prepared = ratatui::crossterm::terminal::enable_raw_mode()
        .and_then(|()| {
            if caps.alternate_screen {
                ratatui::crossterm::execute!(
                    std::io::stdout(),
                    ratatui::crossterm::terminal::EnterAlternateScreen
                )
            } else {
                Ok(())
            }
        })
        // The mouse where the terminal has one: the wheel scrolls, a click chooses.
        .and_then(|()| {
            ratatui::crossterm::execute!(
                std::io::stdout(),
                ratatui::crossterm::event::EnableMouseCapture
            )
        })
        .and_then(|()| {
            let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
            ratatui::Terminal::new(CapsBackend::new(backend, caps))
        });
    prepared.context("cannot prepare the terminal")
}

/// Gives the terminal back: out of raw mode, the shell's screen again. A terminal without
/// an alternate screen is cleared instead, so no learner's page is left on it.
fn leave_terminal(caps: Caps) -> std::io::Result<()> {
    use ratatui::crossterm::{cursor, execute, terminal};
    terminal::disable_raw_mode()?;
    let mut out = std::io::stdout();
    execute!(out, ratatui::crossterm::event::DisableMouseCapture)?;
    if caps.alternate_screen {
        execute!(out, terminal::LeaveAlternateScreen, cursor::Show)
    } else {
        execute!(
            out,
            terminal::Clear(terminal::ClearType::All),
            cursor::MoveTo(0, 0),
            cursor::Show
        )
    }
}

fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    store: &mut Store,
    around: Around,
    first: Vec<effect::Effect>,
) -> anyhow::Result<Ended> {
    let Around {
        idle,
        mut watch,
        mut loading,
    } = around;
    let mut pending = first;
    let mut last_key = Instant::now();
    let mut job: Option<mpsc::Receiver<action::Action>> = None;
    loop {
        for next in run_effects(app, store, std::mem::take(&mut pending)) {
            if let Some(dir) = app.data_dir.clone() {
                let (send, receive) = mpsc::channel();
                std::thread::spawn(move || job::run(next, &dir, &mut |a| drop(send.send(a))));
                job = Some(receive);
            }
        }
        if app.quit {
            return Ok(Ended::Quit);
        }
        // What a running job reported since the last frame.
        if let Some(rx) = &job {
            let (reported, running) = job_reports(app, rx);
            pending = reported;
            if !running {
                job = None;
            }
            if !pending.is_empty() {
                continue;
            }
        }
        // Keys already waiting (a paste, a held arrow) are handled before the next frame:
        // one frame for the burst, not one per key.
        if !events::waiting() {
            terminal.draw(|frame| {
                frame.render_widget(&*app, frame.area());
                // The real cursor where the focus is, for screen readers and magnifiers;
                // hidden when nothing has the focus.
                if let Some(at) = view::focus(frame.buffer_mut()) {
                    frame.set_cursor_position(at);
                }
            })?;
        }
        // The first screen is up: the courses are in before any key is acted on.
        if let Some(library) = loading.take() {
            pending = app.update(action::Action::LibraryReloaded(Box::new(library.wait())));
            if !pending.is_empty() {
                continue;
            }
        }
        // Only a signed-in learner has anything to lock away.
        let lock_in = idle
            .filter(|_| app.learner.is_some() || app.facilitator)
            .map(|limit| limit.saturating_sub(last_key.elapsed()));
        let waits = [
            lock_in,
            watch.as_ref().map(|_| preview::POLL),
            job.as_ref().map(|_| JOB_POLL),
            app.ticks().then_some(TICK),
        ];
        let wait = waits.into_iter().flatten().min();
        let event = match events::next(wait).context("cannot read from the terminal")? {
            events::Input::Event(event) => event,
            events::Input::Timeout => {
                if lock_in.is_some_and(|_| idle.is_some_and(|l| last_key.elapsed() >= l)) {
                    pending = app.update(action::Action::IdleLock);
                } else if let Some(w) = &mut watch
                    && w.changed()
                {
                    pending = match preview::library(w.dir()) {
                        Ok(library) => app.reload(library),
                        Err(e) => app.update(action::Action::Failed(problem::Problem::other(e))),
                    };
                } else {
                    app.tick();
                }
                continue;
            }
            // The terminal is gone: keep what the learner had, as a quick exit does, and stop.
            events::Input::HangUp => {
                let effects = app.update(action::Action::HangUp);
                run_effects(app, store, effects);
                return Ok(Ended::HungUp);
            }
        };
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                last_key = Instant::now();
                pending = app.key(key);
            }
            Event::Resize(w, h) => pending = app.update(action::Action::Resize(w, h)),
            Event::Mouse(m) => {
                last_key = Instant::now();
                pending = app.mouse(m);
            }
            _ => {}
        }
    }
}

/// What a job running on its own thread reported since the last look, handed to the app;
/// and whether the job still runs.
fn job_reports(app: &mut App, rx: &mpsc::Receiver<action::Action>) -> (Vec<effect::Effect>, bool) {
    let mut effects = Vec::new();
    loop {
        match rx.try_recv() {
            Ok(a) => effects.extend(app.update(a)),
            Err(mpsc::TryRecvError::Empty) => return (effects, true),
            Err(mpsc::TryRecvError::Disconnected) => return (effects, false),
        }
    }
}

/// Runs effects, feeding each result back into the app (results may ask for more), and
/// returns the long jobs asked for, for the caller to start on threads of their own.
pub fn run_effects(
    app: &mut App,
    store: &mut Store,
    effects: Vec<effect::Effect>,
) -> Vec<job::Job> {
    let mut jobs = Vec::new();
    let mut queue: std::collections::VecDeque<_> = effects.into();
    while let Some(e) = queue.pop_front() {
        if let effect::Effect::Job(job) = e {
            jobs.push(job);
            continue;
        }
        let learner = app.learner.as_ref().map(|l| l.id.clone());
        let data_dir = app.data_dir.clone();
        let site_name = app.site_name.clone();
        let cx = effect::Context {
            library: &app.library,
            learner: learner.as_ref(),
            data_dir: data_dir.as_deref(),
            site_name: site_name.as_deref(),
            lang: app.lang,
            chosen: app.chosen_lang,
        };
        for action in effect::run(store, &cx, e) {
            queue.extend(app.update(action));
        }
    }
    jobs
}
