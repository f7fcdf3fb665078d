//! Every key of every screen, pressed as a terminal sends it: in each state a screen can be
//! in, each key its table lists (the same table the help and the footer are made from)
//! must reach the action the table names and change what the person sees. A key listed
//! but dead, or shadowed by another, fails here.

#[allow(dead_code, reason = "only the scripted LRS is used here")]
#[path = "common/lrs.rs"]
mod lrs;
mod player;

use std::path::Path;

use hatua::store::Store;
use hatua::tui::action::Action;
use hatua::tui::keys::{self, Binding, Press};
use player::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PASSWORD: &str = "trainer-pass";

/// A screen in one of its states, made afresh for each key.
struct State {
    name: &'static str,
    setup: fn(&Path) -> Player,
    /// What a "letters" press types here (a PIN takes digits only).
    letter: char,
}

const fn state(name: &'static str, setup: fn(&Path) -> Player) -> State {
    State {
        name,
        setup,
        letter: 'a',
    }
}

/// The press as the terminal reports it.
fn event(press: Press, letter: char) -> KeyEvent {
    match press {
        Press::Key(code) => key(code),
        Press::Char(c) => ch(c),
        Press::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        Press::Letters => ch(letter),
        Press::Digits => ch('2'),
    }
}

/// The action a press should reach, by its binding.
fn expected(b: &Binding, i: usize, letter: char) -> Action {
    match b.presses[i] {
        Press::Letters => Action::Type(letter),
        Press::Digits => Action::Pick(1),
        _ => b
            .actions
            .get(i)
            .or(b.actions.first())
            .cloned()
            .expect("an action"),
    }
}

/// The action that undoes a move: pressed first, so the key under test is not at the end
/// of a list already.
fn opposite(a: &Action) -> Option<Action> {
    Some(match a {
        Action::Up => Action::Down,
        Action::Down => Action::Up,
        Action::Left => Action::Right,
        Action::Right => Action::Left,
        Action::Home => Action::End,
        Action::End => Action::Home,
        Action::PageUp => Action::PageDown,
        Action::PageDown => Action::PageUp,
        _ => return None,
    })
}

/// What a person notices: the screen, whether Hatua closed, whether work started.
fn seen(p: &Player) -> (String, bool, usize) {
    (p.screen(), p.app.quit, p.jobs.len())
}

fn check_state(s: &State, data: &Path) -> Vec<String> {
    let mut faults = Vec::new();
    let first = (s.setup)(data);
    let screen = first.app.screen.component();
    let typing = screen.typing();
    let own = screen.keys();
    let all = keys::all(&own, typing);
    for b in &all {
        for (i, press) in b.presses.iter().enumerate() {
            let ev = event(*press, s.letter);
            let want = expected(b, i, s.letter);
            let mut p = (s.setup)(data);
            let screen = p.app.screen.component();
            let got = keys::lookup(&screen.keys(), screen.typing(), &ev);
            if got.as_ref() != Some(&want) {
                faults.push(format!(
                    "{}: {:?} reaches {got:?}, the table says {want:?}",
                    s.name, ev.code
                ));
                continue;
            }
            // Away from the end a move would stop at, with the table's own opposite key.
            if let Some(back) = opposite(&want)
                && let Some(undo) = all.iter().find_map(|o| {
                    let at = o.actions.iter().position(|a| *a == back)?;
                    Some(event(*o.presses.get(at).unwrap_or(&o.presses[0]), s.letter))
                })
            {
                p.press([undo]);
            }
            let before = seen(&p);
            p.press([ev]);
            if seen(&p) == before {
                faults.push(format!(
                    "{}: {} ({:?}) changed nothing on screen:\n{}",
                    s.name, b.help, ev.code, before.0
                ));
            }
        }
    }
    faults
}

// ---- The states -------------------------------------------------------------------------

/// A desk: Amina, Grace (PIN 4821), Kwame and Nadia; a facilitator password; the
/// courses `minimal`, `all-types` and `keys`.
fn desk(data: &Path) -> Player {
    let db = data.join("desk.db");
    if !db.exists() {
        let mut store = Store::open(&db).unwrap();
        store.add_learner("Amina", None).unwrap();
        store.add_learner("Grace", Some("4821")).unwrap();
        store.add_learner("Kwame", None).unwrap();
        store.add_learner("Nadia", None).unwrap();
        store.set_facilitator_password(PASSWORD).unwrap();
        store.set_setting("site_name", "Kisumu centre").unwrap();
        // A lesson read, so that an export has something to hold.
        let amina = store.find_learner("Amina").unwrap().unwrap();
        store
            .mark_read(&amina.id, "minimal", "first", "hash")
            .unwrap();
    }
    // Each player its own data folder, as jobs open the store they find there.
    let own = data.join(format!("desk-{}", next_copy()));
    std::fs::create_dir_all(&own).unwrap();
    std::fs::copy(&db, own.join("hatua.db")).unwrap();
    let mut p = Player::new(Store::open(&own.join("hatua.db")).unwrap(), (80, 24));
    p.app.library = fixture_library(&["minimal", "all-types", "keys"]);
    p.app.data_dir = Some(own);
    p
}

/// Runs the jobs asked for against the player's own data folder.
fn run_jobs(p: &mut Player) {
    let dir = p.app.data_dir.clone().expect("a data folder");
    p.run_jobs(&dir);
}

fn next_copy() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

fn picker(data: &Path) -> Player {
    let mut p = desk(data);
    p.type_text("a");
    p.press([DOWN, DOWN]);
    p
}

fn picker_quit(data: &Path) -> Player {
    let mut p = desk(data);
    p.press([ESC]);
    p
}

fn new_learner(data: &Path) -> Player {
    let mut p = desk(data);
    p.type_text("Zed");
    p.press([ENTER]);
    p.type_text("1");
    p
}

fn pin(data: &Path) -> Player {
    let mut p = desk(data);
    p.type_text("gra");
    p.press([ENTER]);
    p.type_text("1");
    p
}

fn signed_in(data: &Path) -> Player {
    let mut p = desk(data);
    p.type_text("Amina");
    p.press([ENTER]);
    p
}

fn profile_text(data: &Path) -> Player {
    let mut p = signed_in(data);
    p.press([ch('p')]);
    p
}

fn profile_choice(data: &Path) -> Player {
    let mut p = profile_text(data);
    p.press([DOWN]);
    p
}

fn login(data: &Path) -> Player {
    let mut p = desk(data);
    p.press([F2]);
    p.type_text("x");
    p
}

fn login_create(_data: &Path) -> Player {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.press([F2]);
    p.type_text("x");
    p
}

fn board(data: &Path) -> Player {
    let mut p = desk(data);
    p.press([F2]);
    p.type_text(PASSWORD);
    p.press([ENTER, DOWN]);
    p
}

fn board_confirm(data: &Path) -> Player {
    let mut p = board(data);
    p.press([ch('d')]);
    p
}

fn board_choose(data: &Path) -> Player {
    let mut p = board(data);
    p.press([ch('m'), DOWN]);
    p
}

/// A drive with two bundles on it, the import screen after the scan.
fn import_found(data: &Path) -> Player {
    let drives = data.join("drives");
    let usb = drives.join("USB");
    if !usb.exists() {
        std::fs::create_dir_all(&usb).unwrap();
        for name in ["minimal", "all-types"] {
            let from = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name);
            hatua::bundle::pack(&from, &usb.join(format!("{name}.zip")), None).unwrap();
        }
    }
    let mut p = board(data);
    p.app.drive_patterns = vec![format!("{}/*", drives.display())];
    p.press([ch('i')]);
    run_jobs(&mut p);
    p
}

fn import_scanning(data: &Path) -> Player {
    let mut p = board(data);
    p.press([ch('i')]);
    p.jobs.clear();
    p
}

fn import_confirm(data: &Path) -> Player {
    let mut p = import_found(data);
    p.press([ENTER]);
    p
}

fn import_done(data: &Path) -> Player {
    let mut p = import_confirm(data);
    let install = data.join(format!("install-{}", next_copy()));
    p.press([ch('y')]);
    p.run_jobs(&install);
    p
}

/// A drive with nothing on it yet, for exports.
fn drives(p: &Player) -> String {
    let dir = p.app.data_dir.clone().expect("a data folder");
    std::fs::create_dir_all(dir.join("export-drives/USB")).unwrap();
    format!("{}/*", dir.join("export-drives").display())
}

fn export_ready(data: &Path) -> Player {
    let mut p = board(data);
    p.app.drive_patterns = vec![drives(&p)];
    p.press([ch('e')]);
    run_jobs(&mut p);
    p
}

fn export_written(data: &Path) -> Player {
    let mut p = export_ready(data);
    p.press([ENTER]);
    run_jobs(&mut p);
    p
}

fn reports_courses(data: &Path) -> Player {
    let mut p = board(data);
    p.press([ch('o')]);
    run_jobs(&mut p);
    p
}

fn reports_quizzes(data: &Path) -> Player {
    let mut p = reports_courses(data);
    p.press([ENTER]);
    run_jobs(&mut p);
    p
}

fn reports_questions(data: &Path) -> Player {
    let mut p = reports_quizzes(data);
    p.press([ENTER]);
    run_jobs(&mut p);
    p.press([DOWN]);
    p
}

fn reports_learners(data: &Path) -> Player {
    let mut p = reports_courses(data);
    p.press([ch('l')]);
    run_jobs(&mut p);
    p
}

fn reports_learner(data: &Path) -> Player {
    let mut p = reports_learners(data);
    p.press([ENTER]);
    p
}

/// A drive holding two exports of this desk.
fn hub_found(data: &Path) -> Player {
    let mut p = export_written(data);
    p.press([ESC, ch('e')]);
    run_jobs(&mut p);
    p.press([ch('a')]);
    run_jobs(&mut p);
    p.press([ENTER]);
    run_jobs(&mut p);
    p.press([ESC, ch('h')]);
    run_jobs(&mut p);
    p
}

fn hub_done(data: &Path) -> Player {
    let mut p = hub_found(data);
    p.press([ch('a')]);
    run_jobs(&mut p);
    p
}

/// The sync form, its address and user from the config: the focus on the password, half
/// typed.
fn sync_form(data: &Path) -> Player {
    let mut p = sync_form_for(data, "http://127.0.0.1:9/xAPI");
    p.type_text("sec");
    p
}

fn sync_form_for(data: &Path, url: &str) -> Player {
    let mut p = board(data);
    p.app.lrs_url = Some(url.to_string());
    p.app.lrs_user = Some("kisumu".to_string());
    p.press([ch('s')]);
    run_jobs(&mut p);
    p
}

fn sync_names(data: &Path) -> Player {
    let mut p = sync_form(data);
    p.press([DOWN]);
    p
}

/// Sending: the job asked for, not yet run.
fn sync_sending(data: &Path) -> Player {
    let mut p = sync_form(data);
    p.type_text("secret");
    p.press([ENTER]);
    p
}

fn sync_done(data: &Path) -> Player {
    let lrs = lrs::FakeLrs::start(|_, _| lrs::Reply::Store);
    let mut p = sync_form_for(data, &lrs.url);
    p.type_text("secret");
    p.press([ENTER]);
    run_jobs(&mut p);
    p
}

/// The first password typed twice; the site's name asked.
fn login_site(_data: &Path) -> Player {
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    p.press([F2]);
    p.type_text(PASSWORD);
    p.press([ENTER]);
    p.type_text(PASSWORD);
    p.press([ENTER]);
    p.type_text("x");
    p
}

fn library(data: &Path) -> Player {
    let mut p = signed_in(data);
    p.press([DOWN]);
    p
}

fn outline(data: &Path) -> Player {
    let mut p = signed_in(data);
    p.press([ENTER, DOWN]);
    p
}

fn lesson(data: &Path) -> Player {
    let mut p = outline(data);
    p.press([ENTER, PAGE_DOWN]);
    p
}

/// The `keys` course's quiz (one attempt allowed), on its start screen.
fn hinted_intro(data: &Path) -> Player {
    let mut p = signed_in(data);
    p.press([END, ENTER, END, ENTER]);
    p
}

fn hinted_question(data: &Path, n: usize) -> Player {
    let mut p = hinted_intro(data);
    p.press([ENTER]);
    for _ in 0..n {
        answer_any(&mut p);
    }
    begin_answer(&mut p);
    p
}

/// A typed answer begun, so that erasing has something to erase.
fn begin_answer(p: &mut Player) {
    if p.screen().contains("Your answer: ▏") {
        p.type_text("1");
    }
}

fn answer_any(p: &mut Player) {
    let before = p.screen();
    if before.contains("Your answer:") {
        // A number is an answer to a text question too.
        p.type_text("1");
    } else if before.contains("◀") || before.contains("→ …") {
        p.press([digit(0), digit(0)]);
    } else if before.contains("[ ]") {
        p.press([SPACE]);
    }
    p.press([ENTER, ENTER]);
}

fn hinted_open(data: &Path) -> Player {
    let mut p = hinted_question(data, 1);
    p.press([ESC, ENTER]);
    p
}

fn hinted_done(data: &Path) -> Player {
    let mut p = hinted_question(data, 4);
    p.press([ESC, ENTER]);
    p
}

fn hinted_results(data: &Path) -> Player {
    hinted_question(data, 4)
}

/// The `all-types` quiz (no limit), question `n` (from 0).
fn typed_question(data: &Path, n: usize) -> Player {
    let mut p = signed_in(data);
    p.press([DOWN, ENTER, END, ENTER, ENTER]);
    for _ in 0..n {
        answer_any(&mut p);
    }
    begin_answer(&mut p);
    p
}

fn results(data: &Path) -> Player {
    typed_question(data, 7)
}

fn feedback_long(data: &Path) -> Player {
    let mut p = typed_question(data, 0);
    p.act(Action::Resize(60, 20));
    p.press([digit(0), ENTER]);
    p
}

fn review_list(data: &Path) -> Player {
    let mut p = results(data);
    p.press([ch('r')]);
    for _ in 0..7 {
        answer_any(&mut p);
    }
    p.press([ch('v'), UP]);
    p
}

fn review_open(data: &Path) -> Player {
    let mut p = review_list(data);
    p.press([ENTER, DOWN]);
    p
}

/// Records found damaged at start, on the second choice; with a backup to offer or not.
fn damaged_state(data: &Path, with_backup: bool) -> Player {
    let own = data.join(format!("damaged-{}", next_copy()));
    std::fs::create_dir_all(&own).unwrap();
    let mut p = damaged(&own, with_backup, (80, 24));
    p.press([DOWN]);
    p
}

fn states() -> Vec<State> {
    vec![
        state("records damaged, a backup offered", |d| {
            damaged_state(d, true)
        }),
        state("records damaged, no backup", |d| damaged_state(d, false)),
        state("picker", picker),
        state("picker asking to quit", picker_quit),
        State {
            letter: '5',
            ..state("new learner", new_learner)
        },
        State {
            letter: '5',
            ..state("PIN", pin)
        },
        state("profile, on the name", profile_text),
        state("profile, on a choice", profile_choice),
        state("facilitator password", login),
        state("first facilitator password", login_create),
        state("first facilitator password, the site's name", login_site),
        state("board", board),
        state("board asking yes or no", board_confirm),
        state("board choosing a profile", board_choose),
        state("import, looking", import_scanning),
        state("import, bundles found", import_found),
        state("import, asking before installing", import_confirm),
        state("import, done", import_done),
        state("export, ready", export_ready),
        state("export, written", export_written),
        state("reports: courses", reports_courses),
        state("reports: a course's quizzes", reports_quizzes),
        state("reports: a quiz's questions", reports_questions),
        state("reports: learners", reports_learners),
        state("reports: a learner", reports_learner),
        state("merge from a drive, found", hub_found),
        state("merge from a drive, done", hub_done),
        state("send to the LRS, on a field", sync_form),
        state("send to the LRS, on the names", sync_names),
        state("send to the LRS, sending", sync_sending),
        state("send to the LRS, done", sync_done),
        state("courses", library),
        state("outline", outline),
        state("lesson", lesson),
        state("quiz start", hinted_intro),
        state("quiz start, an attempt open", hinted_open),
        state("quiz start, no attempt left", hinted_done),
        state("quiz: several answers, hints", |d| hinted_question(d, 0)),
        state("quiz: typed answer, hints", |d| hinted_question(d, 1)),
        state("quiz: order, hints", |d| hinted_question(d, 2)),
        state("quiz: match, hints", |d| hinted_question(d, 3)),
        state("quiz: one answer, a hint", |d| typed_question(d, 0)),
        state("quiz: several answers", |d| typed_question(d, 1)),
        state("quiz: true or false", |d| typed_question(d, 2)),
        state("quiz: typed answer", |d| typed_question(d, 3)),
        state("quiz: number", |d| typed_question(d, 4)),
        state("quiz: order", |d| typed_question(d, 5)),
        state("quiz: match", |d| typed_question(d, 6)),
        state("quiz: feedback longer than the screen", feedback_long),
        state("quiz result", results),
        state("quiz result, no attempt left", hinted_results),
        state("past attempts", review_list),
        state("a past attempt", review_open),
    ]
}

#[test]
fn every_key_of_every_screen_does_what_its_table_says() {
    let data = tempfile::tempdir().unwrap();
    let mut faults = Vec::new();
    let mut tables = std::collections::BTreeSet::new();
    for s in states() {
        let p = (s.setup)(data.path());
        let keys: Vec<&str> = p
            .app
            .screen
            .component()
            .keys()
            .iter()
            .map(|b| b.help)
            .collect();
        tables.insert(keys);
        faults.extend(check_state(&s, data.path()));
    }
    assert!(
        faults.is_empty(),
        "{} faults:\n{}",
        faults.len(),
        faults.join("\n\n")
    );
    // The states above reach many different tables, not one screen many times.
    assert!(
        tables.len() >= 30,
        "only {} distinct key tables reached",
        tables.len()
    );
}

/// Every screen state of [`states`] in every language, at 80x24 and at 60x20.
fn each_screen_in_every_language(
    mut look: impl FnMut(&State, hatua::i18n::Lang, (u16, u16), &Player),
) {
    let data = tempfile::tempdir().unwrap();
    for s in states() {
        let mut p = (s.setup)(data.path());
        for lang in hatua::i18n::Lang::ALL {
            for (w, h) in [(80u16, 24u16), (60, 20)] {
                p.act(Action::Resize(w, h));
                p.app.apply_preferences(Some(lang.code()), None);
                look(&s, lang, (w, h), &p);
            }
        }
    }
}

#[test]
fn every_footer_fits_whole_at_80x24_and_60x20_in_every_language() {
    let mut faults = Vec::new();
    each_screen_in_every_language(|s, lang, (w, h), p| {
        let screen = p.screen();
        let footer = screen
            .lines()
            .last()
            .unwrap_or_default()
            .trim_end()
            .to_string();
        let screen_keys = p.app.screen.component();
        let help = if screen_keys.typing() { "F1" } else { "?" };
        let help = format!("{help} {}", lang.t("footer.help"));
        // Help comes last: when it shows whole, nothing before it was cut.
        if !footer.ends_with(&help) {
            faults.push(format!(
                "{} in {} at {w}x{h}: {footer:?}",
                s.name,
                lang.code()
            ));
        }
        if footer.chars().count() > usize::from(w) {
            faults.push(format!("{} in {}: wider than {w}", s.name, lang.code()));
        }
    });
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// A facilitator who synced last month types only the password this month: the form
/// offers the last address and user (none in the config here), the focus on the password.
#[test]
fn the_sync_form_offers_the_last_address_and_user() {
    let dir = tempfile::tempdir().unwrap();
    let lrs = lrs::FakeLrs::start(|_, _| lrs::Reply::Store);
    let mut p = sync_form_for(dir.path(), &lrs.url);
    p.type_text("secret");
    p.press([ENTER]);
    run_jobs(&mut p);
    assert!(p.screen().contains("sent"), "{}", p.screen());
    let data = p.app.data_dir.clone().unwrap();
    drop(p);

    let mut p = Player::new(Store::open(&data.join("hatua.db")).unwrap(), (80, 24));
    p.app.data_dir = Some(data);
    p.press([F2]);
    p.type_text(PASSWORD);
    p.press([ENTER, DOWN, ch('s')]);
    run_jobs(&mut p);
    let screen = p.screen();
    assert!(
        screen.contains(&format!("Address  {}", lrs.url)) && screen.contains("User     kisumu"),
        "{screen}"
    );
    p.type_text("secret");
    assert!(p.screen().contains("Password ••••••"), "{}", p.screen());
}

/// Every word the screens can show here: the catalogs' and the fixtures' (courses, names).
fn known_words() -> std::collections::HashSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        root.join("assets/i18n/en.ftl"),
        root.join("assets/i18n/fr.ftl"),
        root.join("assets/i18n/es.ftl"),
        root.join("tests/keys.rs"),
    ];
    let mut dirs = vec![root.join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "md" || e == "toml" || e == "gift")
            {
                files.push(path);
            }
        }
    }
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .flat_map(|text| {
            text.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Rows whose text runs into the right edge (the screens keep a one-column margin) and ends
/// in something that is not a whole word: text the edge cut. A line the layout wrapped
/// ends in a whole word, even when it fills the line exactly. The picker's welcome in
/// French ran off the screen ("… pour commenc") until this looked.
fn cut_at_edge(
    buf: &ratatui::buffer::Buffer,
    words: &std::collections::HashSet<String>,
) -> Vec<String> {
    let area = buf.area;
    let row = |y: u16| {
        (0..area.width)
            .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_string()))
            .collect::<String>()
    };
    // The footer has its own test, which knows how it shortens itself.
    (0..area.height.saturating_sub(1))
        .map(row)
        .filter(|text| {
            let trimmed = text.trim_end();
            let at_edge = text.chars().count() - trimmed.chars().count() <= 1;
            let last: String = trimmed
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            // A path or address longer than a line can only be broken inside.
            let path = trimmed
                .rsplit(' ')
                .next()
                .is_some_and(|token| token.contains('/'));
            at_edge && !path && last.chars().count() > 1 && !words.contains(&last.to_lowercase())
        })
        .collect()
}

#[test]
fn no_screen_cuts_its_text_at_the_edge_in_any_language() {
    let words = known_words();
    let mut faults = Vec::new();
    each_screen_in_every_language(|s, lang, (w, h), p| {
        for row in cut_at_edge(&p.buffer(), &words) {
            faults.push(format!("{} in {} at {w}x{h}: {row:?}", s.name, lang.code()));
        }
    });
    // The first screen of a new desk, where nobody has a key to press yet.
    let mut p = Player::new(Store::open_in_memory().unwrap(), (80, 24));
    for lang in hatua::i18n::Lang::ALL {
        for (w, h) in [(80u16, 24u16), (60, 20)] {
            p.act(Action::Resize(w, h));
            p.app.apply_preferences(Some(lang.code()), None);
            for row in cut_at_edge(&p.buffer(), &words) {
                faults.push(format!(
                    "the empty picker in {} at {w}x{h}: {row:?}",
                    lang.code()
                ));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "{} rows:\n{}",
        faults.len(),
        faults.join("\n")
    );
}
