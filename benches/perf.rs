//! Measures Hatua against the targets in DESIGN.md. Run with `cargo bench`; the figures go
//! in docs/performance.md. Not a test: nothing here passes or fails on time.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;
use std::time::{Duration, Instant};

use hatua::course::{self, DirSource};
use hatua::library::Library;
use hatua::store::Store;
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

/// The median of `runs` runs of `f`.
pub fn time<T>(runs: usize, f: impl FnMut() -> T) -> Duration {
    spread(runs, f).median
}

/// Installs `from` (a bundle, or a folder of them) into `data` as `hatua import` does, and
/// checks every one went in.
pub fn imported(data: &Path, from: &Path, trust: &hatua::bundle::TrustStore) -> usize {
    let (rows, _) = hatua::library::install::import(
        data,
        &[from.to_path_buf()],
        Default::default(),
        trust,
        &mut |_, _| {},
    );
    for row in &rows {
        assert_eq!(
            row.outcome,
            hatua::library::install::Outcome::Installed,
            "{:?}",
            row.reason
        );
    }
    rows.len()
}

/// Generated courses `c<first>`.. of 100 lessons each, installed in `data` from `drive`.
fn install_generated(
    data: &Path,
    drive: &Path,
    ids: std::ops::Range<usize>,
    trust: &hatua::bundle::TrustStore,
) {
    let count = ids.len();
    for c in ids {
        generate_course(
            &drive.join(format!("c{c:03}")),
            &format!("c{c:03}"),
            100,
            2_000,
        );
    }
    assert_eq!(imported(data, drive, trust), count);
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The median of some runs, with the fastest and the slowest: a figure a reader can trust
/// says how much it moved.
#[derive(Clone, Copy)]
pub struct Spread {
    pub min: Duration,
    pub median: Duration,
    pub max: Duration,
}

impl Spread {
    pub fn of(mut samples: Vec<Duration>) -> Spread {
        samples.sort();
        Spread {
            min: samples[0],
            median: samples[samples.len() / 2],
            max: samples[samples.len() - 1],
        }
    }

    /// The median over `base`'s median.
    fn ratio(&self, base: &Spread) -> f64 {
        self.median.as_secs_f64() / base.median.as_secs_f64()
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let text = format!(
            "{:.2} ms [{:.2}–{:.2}]",
            ms(self.median),
            ms(self.min),
            ms(self.max)
        );
        f.pad(&text)
    }
}

/// `f` run `runs` times: min, median and max.
pub fn spread<T>(runs: usize, mut f: impl FnMut() -> T) -> Spread {
    Spread::of(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
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
fn first_frame(data_dir: &Path) -> Spread {
    until_shown(|| {
        let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_hatua"));
        cmd.env("HATUA_DATA_DIR", data_dir);
        cmd.env("TERM", "xterm-256color");
        cmd
    })
}

/// The same, for `printf` writing a screen of the same size: what starting any process and
/// drawing on a terminal costs on this machine, the baseline of the figures above.
fn printf_frame() -> Spread {
    let screen = format!(
        "\x1b[?1049h\x1b[2J{}Who is learning?\n",
        "text ".repeat(300)
    );
    until_shown(|| {
        let mut cmd = portable_pty::CommandBuilder::new("printf");
        cmd.arg(&screen);
        cmd
    })
}

/// 21 runs of `command` in an 80x24 pseudo-terminal, each timed from its start until
/// "Who is learning?" is on the terminal.
fn until_shown(command: impl Fn() -> portable_pty::CommandBuilder) -> Spread {
    use portable_pty::{PtySize, native_pty_system};
    use std::io::Read;
    let samples = (0..21)
        .map(|_| {
            let pair = native_pty_system()
                .openpty(PtySize {
                    rows: 24,
                    cols: 80,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .unwrap();
            let cmd = command();
            let mut reader = pair.master.try_clone_reader().unwrap();
            let start = Instant::now();
            let mut child = pair.slave.spawn_command(cmd).unwrap();
            let mut seen = Vec::new();
            let mut chunk = [0u8; 4096];
            while !String::from_utf8_lossy(&seen).contains("Who is learning?") {
                let n = reader.read(&mut chunk).unwrap();
                assert!(n > 0, "the program exited before its first frame");
                seen.extend_from_slice(&chunk[..n]);
            }
            let elapsed = start.elapsed();
            child.kill().ok();
            child.wait().ok();
            elapsed
        })
        .collect();
    Spread::of(samples)
}

#[path = "perf/answer.rs"]
mod answer;
#[path = "perf/backup.rs"]
mod backup;
#[path = "perf/drive.rs"]
mod drive;
#[path = "perf/large_course.rs"]
mod large_course;
#[path = "perf/long_lesson.rs"]
mod long_lesson;
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
    if only.iter().any(|a| a == "long-lesson") {
        long_lesson::run(tmp.path(), &hatua::bundle::TrustStore::default());
        return;
    }
    if only.iter().any(|a| a == "start") {
        start_up(tmp.path(), &hatua::bundle::TrustStore::default());
        return;
    }
    if only.iter().any(|a| a == "answer") {
        let (answer, fsync) = answer::run(tmp.path(), &hatua::bundle::TrustStore::default());
        println!(
            "Enter to \"Answer saved\" on screen  {answer:>24}   (one write+fsync {fsync}, {:.1}x; target <= 3x)",
            answer.ratio(&fsync)
        );
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
        imported(&tmp.path().join(format!("import-{n}")), &zip, &trust)
    });
    println!(
        "import 1,000 lessons from the zip  {:>10}   (check, verify, write, sync, rename)",
        ms(import)
    );

    // 2. A 20,000-line lesson: open it, scroll it.
    long_lesson::run(tmp.path(), &trust);

    // 3. Start to first frame: built-in courses only, 50 and 500 courses installed.
    start_up(tmp.path(), &trust);

    // 4. Record an answer durably: the store alone, and Enter to "Answer saved" on screen.
    let db_dir = tmp.path().join("db");
    let mut store = Store::open(&db_dir.join("hatua.db")).unwrap();
    let learner = store.add_learner("Bench", None).unwrap().id;
    let attempt = store
        .start_attempt(&learner, "c", "1.0.0", "q", 1, "")
        .unwrap();
    let mut n = 0;
    let one = hatua::quiz::Points::new(1.0).unwrap();
    let record = spread(300, || {
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
    let (answer, fsync) = answer::run(tmp.path(), &trust);
    println!(
        "record an answer (the store alone)  {record:>24}   (one write+fsync {fsync}, {:.1}x)",
        record.ratio(&fsync)
    );
    println!(
        "Enter to \"Answer saved\" on screen  {answer:>24}   ({:.1}x one write+fsync; target <= 3x)",
        answer.ratio(&fsync)
    );

    // 5. A very large course: open, open again, read a lesson.
    large_course::run(tmp.path());

    // 6. Records at a programme's size: export, merge, board, reports.
    records::run(tmp.path());
    sync::run(tmp.path());

    // 7. Backups and the checks at start, at the same size.
    backup::run(tmp.path());
}

/// Start to first frame with 50 courses / 5,000 lessons installed (in-process, then the
/// real binary), and with 500 courses / 50,000 lessons.
fn start_up(tmp: &Path, trust: &hatua::bundle::TrustStore) {
    // Installed the way a site installs them: imported from a drive, index and all.
    let data = tmp.join("data");
    install_generated(&data, &tmp.join("drive"), 0..50, trust);
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
    let empty = tmp.join("empty");
    let baseline = printf_frame();
    println!("printf of a screen in a pty        {baseline:>24}   (the baseline)");
    let built_in = first_frame(&empty);
    println!(
        "real binary: exec to first frame   {built_in:>24}   (built-in courses only, {:.1}x)",
        built_in.ratio(&baseline)
    );
    let fifty = first_frame(&data);
    println!(
        "real binary: exec to first frame   {fifty:>24}   (50 courses / 5,000 lessons, {:.1}x)",
        fifty.ratio(&baseline)
    );
    // 450 more, to 500 courses and 50,000 lessons: a big training centre.
    install_generated(&data, &tmp.join("drive-more"), 50..500, trust);
    let courses_500 = spread(11, || Library::load(Some(&data)).entries.len());
    println!("load the library, 500 courses      {courses_500:>24}   (the catalog: one file)");
    let five_hundred = first_frame(&data);
    println!(
        "real binary: exec to first frame   {five_hundred:>24}   (500 courses / 50,000 lessons, {:.1}x; {:.2}x the 50-course figure; target < 30 ms, <= 2x)",
        five_hundred.ratio(&baseline),
        five_hundred.ratio(&fifty)
    );
}
