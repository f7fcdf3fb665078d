//! Opening a very large installed course in the real binary: how long until its outline is
//! on screen, the second time too, and how much memory the player holds while a lesson of it
//! is read. Driven in an 80x24 pseudo-terminal as a learner would. Before that, importing it
//! (and a 1,000-lesson one) from a zip with the real binary: time against unpacking the zip,
//! hashing every file and syncing, and the import's peak memory.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The player in a pseudo-terminal, its screen kept up to date by a reader thread.
struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(data_dir: &Path) -> Session {
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
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            writer: pair.master.take_writer().unwrap(),
            child,
            screen,
            _master: pair.master,
        }
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until `text` is on screen; returns how long that took.
    fn wait_for(&self, text: &str) -> Duration {
        let start = Instant::now();
        loop {
            if self
                .screen
                .lock()
                .unwrap()
                .screen()
                .contents()
                .contains(text)
            {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "`{text}` did not appear:\n{}",
                self.screen.lock().unwrap().screen().contents()
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Resident and peak resident memory, in MB, from /proc.
    fn memory(&self) -> (f64, f64) {
        let pid = self.child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let kb = |key: &str| -> f64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Generates a course of 4,909 lessons of about 22 KB and one quiz (4,910 items, about
/// 107 MB), installs it as `hatua import` would, then opens it twice and reads a lesson.
pub fn run(tmp: &Path) {
    let thousand = tmp.join("thousand");
    super::generate_course(&thousand, "thousand", 1_000, 10_000);
    import_against_baseline(tmp, "1,000 lessons / 12 MB", &thousand, 7);
    let course = tmp.join("huge");
    super::generate_course(&course, "huge", 4_909, 21_800);
    import_against_baseline(tmp, "4,909 lessons / 107 MB", &course, 5);
    let data = tmp.join("huge-data");
    let (rows, _) = hatua::library::install::import(
        &data,
        std::slice::from_ref(&course),
        Default::default(),
        &hatua::bundle::TrustStore::default(),
        &mut |_, _| {},
    );
    assert_eq!(
        rows[0].outcome,
        hatua::library::install::Outcome::Installed,
        "{:?}",
        rows[0].reason
    );
    let mut s = Session::start(&data);
    s.wait_for("Who is learning?");
    s.press("Bench\r");
    s.wait_for("Welcome, Bench!");
    s.press("\r");
    s.wait_for("Courses");
    // Titles sort "CEDAW…", "Course huge", …: the second row.
    s.press("\x1b[B");
    s.wait_for("▶ Course huge");
    s.press("\r");
    let open = s.wait_for("Module 0");
    let (rss_open, peak_open) = s.memory();
    s.press("q");
    s.wait_for("▶ Course huge");
    s.press("\r");
    let reopen = s.wait_for("Module 0");
    s.press("\r");
    s.wait_for("Lesson 0");
    let (rss_lesson, peak) = s.memory();
    println!(
        "open a 4,910-item, 107 MB course    {:>10}   (first time: check every file)",
        super::ms(open)
    );
    println!(
        "open it again                       {:>10}",
        super::ms(reopen)
    );
    println!("memory with its outline open        {rss_open:>7.1} MB   (peak {peak_open:.1} MB)");
    println!(
        "memory reading one of its lessons   {rss_lesson:>7.1} MB   (peak {peak:.1} MB; target < 30 MB)"
    );
}

/// Packs `course`, then `runs` times, by turns: the baseline (the zip unpacked with the zip
/// crate, every file hashed with SHA-256, `sync`), and `hatua import` of the zip into a
/// fresh data folder by the real binary, its peak resident memory with it. Prints the
/// minimum, median and maximum of each, and of the import's time over the baseline's.
fn import_against_baseline(tmp: &Path, what: &str, course: &Path, runs: usize) {
    let zip = tmp.join("import-bench.zip");
    hatua::bundle::pack(course, &zip, None).unwrap();
    let (mut baselines, mut imports, mut ratios, mut peaks) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for n in 0..runs {
        let out = tmp.join(format!("baseline-{n}"));
        let start = Instant::now();
        unzip_hash_sync(&zip, &out);
        let baseline = start.elapsed();
        std::fs::remove_dir_all(&out).unwrap();
        let data = tmp.join(format!("import-{n}"));
        let (import, peak) = import_in_child(&data, &zip);
        std::fs::remove_dir_all(&data).unwrap();
        ratios.push(import.as_secs_f64() / baseline.as_secs_f64());
        baselines.push(baseline.as_secs_f64() * 1000.0);
        imports.push(import.as_secs_f64() * 1000.0);
        peaks.extend(peak);
    }
    // The import screen's preview of the same bundle: unpacked, checked, thrown away.
    let data = tmp.join("preview-data");
    std::fs::create_dir_all(&data).unwrap();
    let trust = hatua::bundle::TrustStore::default();
    let library = hatua::library::Library::default();
    let mut previews = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let seen =
            hatua::library::install::inspect(&zip, &data, &library, Default::default(), &trust);
        previews.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(seen.problem.is_none(), "{:?}", seen.problem);
    }
    let zip_kb = std::fs::metadata(&zip).unwrap().len() / 1024;
    std::fs::remove_file(&zip).unwrap();
    println!("import {what} from a {zip_kb} KB zip (real binary, {runs} runs; min / median / max)");
    println!(
        "  hatua import                     {} ms",
        spread(imports, 0)
    );
    println!(
        "  baseline: unzip, sha256, sync    {} ms",
        spread(baselines, 0)
    );
    println!("  import over baseline             {} x", spread(ratios, 2));
    println!(
        "  the import screen's preview      {} ms (in process, nothing synced)",
        spread(previews, 0)
    );
    if peaks.is_empty() {
        println!("  peak RSS of the import           not measured (no /usr/bin/time, no /proc)");
    } else {
        println!("  peak RSS of the import           {} MB", spread(peaks, 1));
    }
}

/// `min / median / max` of `samples`, with `digits` decimals.
fn spread(mut samples: Vec<f64>, digits: usize) -> String {
    samples.sort_by(f64::total_cmp);
    let at = |i: usize| format!("{:.digits$}", samples[i]);
    format!(
        "{} / {} / {}",
        at(0),
        at(samples.len() / 2),
        at(samples.len() - 1)
    )
}

/// What a person would do by hand: every entry of `zip` unpacked under `out` with the zip
/// crate, every file then read back and hashed with SHA-256, and the disk synced (`sync`,
/// or each file when there is no `sync` to run).
fn unzip_hash_sync(zip: &Path, out: &Path) {
    let file = std::io::BufReader::new(std::fs::File::open(zip).unwrap());
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let Some(name) = entry.enclosed_name() else {
            continue;
        };
        let to = out.join(name);
        if entry.is_dir() {
            std::fs::create_dir_all(&to).unwrap();
            continue;
        }
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let mut written = std::fs::File::create(&to).unwrap();
        std::io::copy(&mut entry, &mut written).unwrap();
        files.push(to);
    }
    for f in &files {
        std::hint::black_box(hatua::bundle::hash_file(f, u64::MAX).unwrap());
    }
    if !Command::new("sync").status().is_ok_and(|s| s.success()) {
        for f in &files {
            std::fs::File::open(f).unwrap().sync_all().unwrap();
        }
    }
}

/// `hatua import --data-dir DATA ZIP` by the real binary: how long it took, and its peak
/// resident memory in MB, from `/usr/bin/time` when there is one, else from the highest
/// `VmHWM` seen in /proc while it ran.
fn import_in_child(data: &Path, zip: &Path) -> (Duration, Option<f64>) {
    let time = Path::new("/usr/bin/time");
    let report = data.with_extension("maxrss");
    let mut cmd = if time.exists() {
        let mut cmd = Command::new(time);
        cmd.args(["-f", "%M", "-o"])
            .arg(&report)
            .arg(env!("CARGO_BIN_EXE_hatua"));
        cmd
    } else {
        Command::new(env!("CARGO_BIN_EXE_hatua"))
    };
    cmd.arg("import")
        .arg("--data-dir")
        .arg(data)
        .arg(zip)
        .env_remove("HATUA_DATA_DIR")
        .stdout(Stdio::null());
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut polled = None;
    let status = if time.exists() {
        child.wait().unwrap()
    } else {
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if let Some(mb) = vm_hwm_mb(child.id()) {
                polled = Some(mb.max(polled.unwrap_or(0.0)));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    };
    let took = start.elapsed();
    assert!(status.success(), "hatua import failed: {status}");
    let from_time = std::fs::read_to_string(&report)
        .ok()
        .and_then(|t| t.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    let _ = std::fs::remove_file(&report);
    (took, from_time.or(polled))
}

/// The peak resident memory of a running process, in MB.
fn vm_hwm_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .split_whitespace()
        .next()?
        .parse::<f64>()
        .ok()?;
    Some(kb / 1024.0)
}
