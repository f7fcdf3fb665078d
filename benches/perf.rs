//! Measures Hatua against the targets in DESIGN.md. Run with `cargo bench`; the figures go
//! in docs/performance.md. Not a test: nothing here passes or fails on time.

use std::hash::{DefaultHasher, Hasher};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use hatua::course::markdown::Document;
use hatua::course::{self, DirSource};
use hatua::library::Library;
use hatua::store::Store;
use hatua::tui::action::Action;
use hatua::tui::{App, run_effects};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A paragraph of lesson text, about 600 bytes, with the Markdown a lesson really uses.
const PARAGRAPH: &str = "Gender refers to the roles, behaviours and attributes that a society \
considers appropriate for women and men. It is *learned*, it **varies** between places and it \
changes over time. A [glossary](https://example.org/glossary) helps trainers keep terms \
straight, and `code` shows up now and then. Gender equality means that the rights, \
responsibilities and opportunities of individuals do not depend on whether they are born \
female or male; equity is a means to get there.\n\n";

/// Writes a course with `lessons` lessons of about `bytes_per_lesson` bytes and one quiz.
fn generate_course(dir: &Path, id: &str, lessons: usize, bytes_per_lesson: usize) {
    std::fs::create_dir_all(dir.join("lessons")).unwrap();
    std::fs::create_dir_all(dir.join("quizzes")).unwrap();
    let mut items = Vec::new();
    for i in 0..lessons {
        let mut text = format!("# Lesson {i}\n\n");
        while text.len() < bytes_per_lesson {
            text.push_str(PARAGRAPH);
            text.push_str("- a point\n- another point\n  - nested\n\n");
        }
        text.push_str("## Sources\n\n- Generated.\n");
        std::fs::write(dir.join(format!("lessons/l{i:04}.md")), text).unwrap();
        items.push(format!("\"lessons/l{i:04}.md\""));
    }
    let mut quiz = String::from("title = \"Check\"\n");
    for q in 0..10 {
        quiz.push_str(&format!(
            "[[questions]]\nid = \"q{q}\"\ntype = \"single\"\nprompt = \"Question {q}?\"\n\
             [[questions.choices]]\ntext = \"right\"\ncorrect = true\n\
             [[questions.choices]]\ntext = \"wrong\"\nfeedback = \"No.\"\n"
        ));
    }
    std::fs::write(dir.join("quizzes/check.toml"), quiz).unwrap();
    items.push("\"quizzes/check.toml\"".into());
    let modules: String = items
        .chunks(50)
        .enumerate()
        .map(|(m, chunk)| {
            format!(
                "[[modules]]\nid = \"m{m}\"\ntitle = \"Module {m}\"\nitems = [{}]\n",
                chunk.join(", ")
            )
        })
        .collect();
    std::fs::write(
        dir.join("course.toml"),
        format!(
            "format = 1\nid = \"{id}\"\nversion = \"1.0.0\"\ntitle = \"Course {id}\"\n\
             summary = \"Generated for benchmarks.\"\nminutes = 60\n{modules}"
        ),
    )
    .unwrap();
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Reads every file and hashes it with SHA-256, as verifying a bundle must.
fn read_and_hash_all(dir: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                h.write(hatua::bundle::hash_bytes(&std::fs::read(&p).unwrap()).as_bytes());
            }
        }
    }
    h.finish()
}

/// Starts the real binary in an 80x24 pseudo-terminal and times until its first screen is
/// on the terminal: process start, store, library, terminal set-up and the first draw.
fn first_frame(data_dir: &Path) -> Duration {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let samples = (0..11)
        .map(|_| {
            let pair = native_pty_system()
                .openpty(PtySize {
                    rows: 24,
                    cols: 80,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .unwrap();
            let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_hatua"));
            cmd.env("HATUA_DATA_DIR", data_dir);
            cmd.env("TERM", "xterm-256color");
            let mut reader = pair.master.try_clone_reader().unwrap();
            let start = Instant::now();
            let mut child = pair.slave.spawn_command(cmd).unwrap();
            let mut seen = Vec::new();
            let mut chunk = [0u8; 4096];
            while !String::from_utf8_lossy(&seen).contains("Who is learning?") {
                let n = reader.read(&mut chunk).unwrap();
                assert!(n > 0, "hatua exited before its first frame");
                seen.extend_from_slice(&chunk[..n]);
            }
            let elapsed = start.elapsed();
            child.kill().ok();
            child.wait().ok();
            elapsed
        })
        .collect();
    median(samples)
}

#[path = "perf/backup.rs"]
mod backup;
#[path = "perf/large_course.rs"]
mod large_course;
#[path = "perf/records.rs"]
mod records;
#[path = "perf/sync.rs"]
mod sync;

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    println!("Hatua benchmarks (median of runs; see docs/performance.md)\n");
    // `cargo bench -- large-course` runs that part alone.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if only.iter().any(|a| a == "large-course") {
        large_course::run(tmp.path());
        return;
    }
    if only.iter().any(|a| a == "records") {
        records::run(tmp.path());
        return;
    }
    if only.iter().any(|a| a == "sync") {
        sync::run(tmp.path());
        return;
    }
    if only.iter().any(|a| a == "backup") {
        backup::run(tmp.path());
        return;
    }

    // 1. Validate a 1,000-lesson, 10 MB bundle, against reading and hashing its bytes.
    let big = tmp.path().join("big");
    generate_course(&big, "big", 1000, 10_000);
    let baseline = time(5, || read_and_hash_all(&big));
    let validate = time(5, || course::load(&DirSource::new(&big)).course.is_some());
    assert!(
        course::load(&DirSource::new(&big)).course.is_some(),
        "generated bundle is valid"
    );
    println!(
        "validate 1,000 lessons / 10 MB   {:>10}   (read+hash baseline {}, {:.1}x)",
        ms(validate),
        ms(baseline),
        validate.as_secs_f64() / baseline.as_secs_f64()
    );

    // 1b. Pack that bundle into one archive, and import it into a data dir.
    let zip = tmp.path().join("big.zip");
    let pack = time(5, || hatua::bundle::pack(&big, &zip, None).unwrap().bytes);
    let zip_bytes = std::fs::metadata(&zip).unwrap().len();
    println!(
        "pack 1,000 lessons                 {:>10}   ({} KB archive)",
        ms(pack),
        zip_bytes / 1024
    );
    let trust = hatua::bundle::TrustStore::default();
    let mut n = 0;
    let import = time(5, || {
        n += 1;
        let data = tmp.path().join(format!("import-{n}"));
        let (rows, _) = hatua::library::install::import(
            &data,
            std::slice::from_ref(&zip),
            Default::default(),
            &trust,
            &mut |_, _| {},
        );
        assert_eq!(
            rows[0].outcome,
            hatua::library::install::Outcome::Installed,
            "{:?}",
            rows[0].reason
        );
    });
    println!(
        "import 1,000 lessons from the zip  {:>10}   (check, verify, write, sync, rename)",
        ms(import)
    );

    // 2. A 5,000-line lesson: layout once per width, then one frame.
    let long: String = PARAGRAPH.repeat(1_100);
    let parse_layout = time(5, || {
        Document::parse(&long)
            .layout(78, &hatua::tui::theme::Theme::default().markdown)
            .len()
    });
    let lines = Document::parse(&long)
        .layout(78, &hatua::tui::theme::Theme::default().markdown)
        .len();
    println!(
        "parse + lay out a {lines}-line lesson {:>10}   (once per lesson and width)",
        ms(parse_layout)
    );
    let lesson_dir = tmp.path().join("long-lesson");
    std::fs::create_dir_all(lesson_dir.join("courses/long/lessons")).unwrap();
    let course_dir = lesson_dir.join("courses/long");
    std::fs::write(
        course_dir.join("lessons/long.md"),
        format!("# Long\n\n{long}## Sources\n\n- x\n"),
    )
    .unwrap();
    std::fs::write(course_dir.join("course.toml"), "format = 1\nid = \"long\"\nversion = \"1.0.0\"\ntitle = \"AAA long\"\n[[modules]]\nid = \"m\"\ntitle = \"M\"\nitems = [\"lessons/long.md\"]\n").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let mut app = App::new(Library::load(Some(&lesson_dir)), (80, 24), 1);
    run_effects(
        &mut app,
        &mut store,
        vec![hatua::tui::effect::Effect::LoadLearners],
    );
    for a in "Bench".chars().map(Action::Type).chain([
        Action::Confirm,
        Action::Confirm,
        Action::Confirm,
        Action::PageDown,
    ]) {
        let e = app.update(a);
        run_effects(&mut app, &mut store, e);
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let frame = time(200, || {
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .map(|_| ())
            .unwrap()
    });
    println!(
        "draw one frame of that lesson      {:>10}   (target < 2 ms)",
        ms(frame)
    );

    // 3. Start to first frame with 50 courses / 5,000 lessons installed (in-process part).
    // Installed the way a site installs them: imported from a drive, index and all.
    let data = tmp.path().join("data");
    let drive = tmp.path().join("drive");
    for c in 0..50 {
        generate_course(
            &drive.join(format!("c{c:02}")),
            &format!("c{c:02}"),
            100,
            2_000,
        );
    }
    let (rows, _) = hatua::library::install::import(
        &data,
        std::slice::from_ref(&drive),
        Default::default(),
        &trust,
        &mut |_, _| {},
    );
    assert_eq!(rows.len(), 50);
    let startup = time(5, || {
        let mut store = Store::open(&data.join("hatua.db")).unwrap();
        let library = Library::load(Some(&data));
        let mut app = App::new(library, (80, 24), 1);
        run_effects(
            &mut app,
            &mut store,
            vec![hatua::tui::effect::Effect::LoadLearners],
        );
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .map(|_| ())
            .unwrap();
    });
    println!(
        "start to first frame, 50 courses   {:>10}   (target < 50 ms; store + library + draw)",
        ms(startup)
    );
    let library_only = time(5, || Library::load(Some(&data)).entries.len());
    println!(
        "  of which loading the library     {:>10}",
        ms(library_only)
    );
    let empty = tmp.path().join("empty");
    println!(
        "real binary: exec to first frame   {:>10}   (built-in courses only, in a pty)",
        ms(first_frame(&empty))
    );
    println!(
        "real binary: exec to first frame   {:>10}   (50 courses / 5,000 lessons installed)",
        ms(first_frame(&data))
    );

    // 4. Record an answer durably, against one fsync on the same disk.
    let db_dir = tmp.path().join("db");
    let mut store = Store::open(&db_dir.join("hatua.db")).unwrap();
    let learner = store.add_learner("Bench", None).unwrap().id;
    let attempt = store
        .start_attempt(&learner, "c", "1.0.0", "q", 1, "")
        .unwrap();
    let mut n = 0;
    let one = hatua::quiz::Points::new(1.0).unwrap();
    let answer = time(300, || {
        n += 1;
        store
            .record_answer(
                &learner,
                &attempt,
                &format!("q{n}"),
                "choice:0",
                one,
                one,
                true,
            )
            .unwrap()
    });
    let mut f = std::fs::File::create(db_dir.join("fsync-probe")).unwrap();
    let fsync = time(300, || {
        f.write_all(b"0123456789abcdef").unwrap();
        f.sync_all().unwrap()
    });
    println!(
        "record an answer (durable commit)  {:>10}   (one write+fsync {}, {:.1}x)",
        ms(answer),
        ms(fsync),
        answer.as_secs_f64() / fsync.as_secs_f64()
    );

    // 5. A very large course: open, open again, read a lesson.
    large_course::run(tmp.path());

    // 6. Records at a programme's size: export, merge, board, reports.
    records::run(tmp.path());
    sync::run(tmp.path());

    // 7. Backups and the checks at start, at the same size.
    backup::run(tmp.path());
}
