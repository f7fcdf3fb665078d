//! `hatua sync` into a real LRS: statements a second from a hub holding the records of a
//! programme, against posting the very same JSON batches with `curl` in a loop, each into a
//! fresh Ralph (started here with .ci/lrs/start.sh); and the process's memory while it
//! sends.
//!
//! `cargo bench --bench perf -- sync` runs it; it needs the virtual environment
//! `.ci/lrs/setup.sh` makes (HATUA_BENCH_LRS_VENV, else ~/.cache/hatua/ralph-5.1.0-venv),
//! and says so when there is none. HATUA_BENCH_SYNC_LEARNERS sets the size (100 answers a
//! learner; 2,000 by default, the 200,000 answers of DESIGN.md).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use hatua::store::Store;
use hatua::store::harvest::SiteRow;
use hatua::sync::{Lrs, Options};

const SITE: &str = "3d9a0c1e-5b7f-4e2a-9c68-1f0b2a4d6e8c";

/// A Ralph started for one measurement, stopped when dropped.
struct Ralph {
    work: PathBuf,
    url: String,
    user: String,
    password: String,
}

impl Ralph {
    fn start(venv: &Path, work: &Path) -> Ralph {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/lrs");
        let out = Command::new(scripts.join("start.sh"))
            .arg(venv)
            .arg(work)
            .arg(port.to_string())
            .output()
            .expect("start.sh runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let env = String::from_utf8_lossy(&out.stdout).to_string();
        let get = |name: &str| {
            env.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}=")))
                .unwrap()
                .to_string()
        };
        Ralph {
            work: work.to_path_buf(),
            url: get("HATUA_TEST_LRS_URL"),
            user: get("HATUA_TEST_LRS_USER"),
            password: get("HATUA_TEST_LRS_PASSWORD"),
        }
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/lrs");
        let _ = Command::new(scripts.join("stop.sh"))
            .arg(&self.work)
            .output();
    }
}

/// This process's resident memory, in MB.
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A hub holding the records, merged from one site.
fn hub(data: &Path, learners: usize) -> usize {
    super::records::courses(data);
    let h = super::records::harvest_of(learners);
    let mut store = Store::open(&data.join("hatua.db")).unwrap();
    let row = SiteRow {
        id: SITE.into(),
        name: "Bench centre".into(),
        public_key: "0".repeat(64),
    };
    store
        .merge_harvest(&row, "generated", "generated", &h)
        .unwrap();
    h.answers.len()
}

/// The batches a sync would send, as files: what curl posts.
fn batch_files(data: &Path, dir: &Path) -> (Vec<PathBuf>, usize) {
    let store = Store::open(&data.join("hatua.db")).unwrap();
    let library = hatua::library::Library::load(Some(data));
    let planned = hatua::harvest::export::plan_of(
        &store,
        &library,
        &hatua::store::tally::Learners::Site(SITE.into()),
        hatua::store::harvest::Range::All,
    )
    .unwrap();
    let mut writer =
        hatua::harvest::statements::Writer::new(SITE, hatua::site::home_page(SITE), &library, None);
    std::fs::create_dir_all(dir).unwrap();
    let batch = Options::default().batch;
    let (mut files, mut current, mut n) = (Vec::new(), Vec::new(), 0);
    let flush = |current: &mut Vec<Vec<u8>>, files: &mut Vec<PathBuf>| {
        if current.is_empty() {
            return;
        }
        let path = dir.join(format!("{:05}.json", files.len()));
        let body = format!(
            "[{}]",
            current
                .iter()
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .collect::<Vec<_>>()
                .join(",")
        );
        std::fs::write(&path, body).unwrap();
        files.push(path);
        current.clear();
    };
    hatua::harvest::statements::each_statement(
        &mut writer,
        &planned.harvest,
        &planned.completed,
        |v| {
            n += 1;
            current.push(serde_json::to_vec(v).unwrap());
            if current.len() == batch {
                flush(&mut current, &mut files);
            }
            Ok::<(), ()>(())
        },
    )
    .unwrap();
    flush(&mut current, &mut files);
    (files, n)
}

pub fn run(tmp: &Path) {
    let venv = std::env::var_os("HATUA_BENCH_LRS_VENV").map_or_else(
        || {
            directories::BaseDirs::new()
                .map(|b| b.home_dir().join(".cache/hatua/ralph-5.1.0-venv"))
                .unwrap_or_default()
        },
        PathBuf::from,
    );
    if !venv.join("bin/ralph").exists() {
        println!(
            "\nsync: SKIPPED, no Ralph in {} (run .ci/lrs/setup.sh, or set HATUA_BENCH_LRS_VENV)",
            venv.display()
        );
        return;
    }
    let learners = std::env::var("HATUA_BENCH_SYNC_LEARNERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let data = tmp.join("sync-hub");
    let answers = hub(&data, learners);
    let (files, statements) = batch_files(&data, &tmp.join("sync-batches"));
    println!(
        "\nsync: a hub of {answers} answers, {statements} statements, {} batches of {}",
        files.len(),
        Options::default().batch
    );

    // The baseline: the same batches, posted one after another with curl.
    let curl = {
        let ralph = Ralph::start(&venv, &tmp.join("ralph-curl"));
        let start = Instant::now();
        for f in &files {
            let out = Command::new("curl")
                .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST"])
                .args(["-u", &format!("{}:{}", ralph.user, ralph.password)])
                .args(["-H", "X-Experience-API-Version: 1.0.3"])
                .args(["-H", "Content-Type: application/json"])
                .arg("--data-binary")
                .arg(format!("@{}", f.display()))
                .arg(format!("{}/statements", ralph.url))
                .output()
                .expect("curl runs");
            assert_eq!(String::from_utf8_lossy(&out.stdout), "200");
        }
        start.elapsed()
    };
    println!(
        "curl posting the same batches        {:>8.0}/s   ({:.1} s)",
        statements as f64 / curl.as_secs_f64(),
        curl.as_secs_f64()
    );

    // Hatua, into a fresh Ralph, the memory sampled after every batch.
    let (sync, rss) = {
        let ralph = Ralph::start(&venv, &tmp.join("ralph-hatua"));
        let lrs = Lrs::new(&ralph.url, &ralph.user, &ralph.password).unwrap();
        let mut samples = Vec::new();
        let start = Instant::now();
        let summary = hatua::sync::sync_folder(
            &data,
            &lrs,
            &Options::default(),
            &mut |_| samples.push(rss_mb()),
            &|| false,
        )
        .unwrap();
        let elapsed = start.elapsed();
        assert_eq!(summary.sent, statements, "every statement stored");
        (elapsed, samples)
    };
    let rate = |d: Duration| statements as f64 / d.as_secs_f64();
    println!(
        "sync into Ralph                      {:>8.0}/s   ({:.1} s; curl baseline {:.0}/s in {:.1} s, {:.2}x its time)",
        rate(sync),
        sync.as_secs_f64(),
        rate(curl),
        curl.as_secs_f64(),
        sync.as_secs_f64() / curl.as_secs_f64()
    );
    // Memory: after the first batch, at the middle, and the most at any batch.
    let first = rss.get(1).copied().unwrap_or_default();
    let middle = rss.get(rss.len() / 2).copied().unwrap_or_default();
    let most = rss.iter().copied().fold(0.0, f64::max);
    println!(
        "memory while sending (RSS)           {first:>8.0} MB after the first batch, {middle:.0} MB halfway, {most:.0} MB at most"
    );
}
