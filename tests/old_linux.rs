//! Hatua on an old Linux, for real: a Debian 11 root (glibc 2.31, as on many donated PCs)
//! made by `scripts/old-debian-root.sh`, entered through `chroot`. The glibc-2.17 binary of
//! `scripts/build-old-linux.sh` runs what a site runs there, where today's ordinary build
//! does not start; the Debian package of `scripts/build-deb.sh` installs, runs and leaves
//! nothing behind.
//!
//! Needs root (chroot does) and `HATUA_OLD_LINUX_ROOT`, `HATUA_OLD_LINUX_BINARY` and
//! `HATUA_OLD_LINUX_DEB` (`.ci/run` makes all three). Elsewhere each test says it is
//! skipped and why; `HATUA_REQUIRE_OLD_LINUX=1` (CI) makes that a failure. The cached root
//! stays as it was made: the binary runs from a temporary folder inside it, removed after,
//! and the package goes into a copy. Nothing here needs `/proc` in the root, so none is
//! mounted. Timeouts are hang guards, not performance assertions.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use common::HATUA;
use common::run::{Run, start};

/// Every command inside the root: each finishes in a second or two.
const GUARD: Duration = Duration::from_secs(120);
/// Copying the whole root (about 180 MB) for the package test.
const COPY_GUARD: Duration = Duration::from_secs(600);
/// Both outside and inside the root: Debian keeps dpkg and chroot in sbin.
const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Held by each test while it uses the root: the package test copies the whole root, which
/// must not catch the binary test's folder half-made or half-removed.
static ROOT_IN_USE: Mutex<()> = Mutex::new(());

fn lock_root() -> MutexGuard<'static, ()> {
    // A test that failed while holding it leaves the root as good as before.
    ROOT_IN_USE.lock().unwrap_or_else(|e| e.into_inner())
}

/// What the environment gives these tests.
struct OldLinux {
    root: PathBuf,
    binary: PathBuf,
    deb: PathBuf,
}

/// The old root, binary and package, or `None` having said why they are not here. A skip
/// is a failure where `HATUA_REQUIRE_OLD_LINUX=1`.
fn old_linux_or_skip(test: &str) -> Option<OldLinux> {
    common::or_skip(test, "HATUA_REQUIRE_OLD_LINUX", old_linux())
}

fn old_linux() -> Result<OldLinux, String> {
    if !common::is_root() {
        return Err("chroot and dpkg need root".into());
    }
    let var = |name: &str, made_by: &str| -> Result<PathBuf, String> {
        let path = std::env::var_os(name)
            .map(PathBuf::from)
            .ok_or_else(|| format!("{name} is not set ({made_by} makes it)"))?;
        if path.exists() {
            Ok(path)
        } else {
            Err(format!(
                "{name} is {}, which does not exist",
                path.display()
            ))
        }
    };
    let found = OldLinux {
        root: var("HATUA_OLD_LINUX_ROOT", "scripts/old-debian-root.sh")?,
        binary: var("HATUA_OLD_LINUX_BINARY", "scripts/build-old-linux.sh")?,
        deb: var("HATUA_OLD_LINUX_DEB", "scripts/build-deb.sh")?,
    };
    if !found.root.join("bin/sh").exists() {
        return Err(format!(
            "HATUA_OLD_LINUX_ROOT ({}) has no bin/sh: not a root",
            found.root.display()
        ));
    }
    Ok(found)
}

/// Runs `command` with no input, killed and failed if it takes longer than `guard`.
fn run(command: Command, guard: Duration) -> Run {
    start(command, "").finish_within(guard)
}

/// `chroot ROOT args…` with a clean environment: English, no terminal, `HOME` as given
/// (a path inside the root).
fn in_root(root: &Path, home: &str, args: &[&str]) -> Run {
    let mut command = Command::new("chroot");
    command
        .arg(root)
        .args(args)
        .env_clear()
        .env("PATH", PATH)
        .env("HOME", home)
        .env("LANG", "C.UTF-8")
        .env("TERM", "dumb");
    run(command, GUARD)
}

/// The ids of the courses built into the binary: the folders of `courses/`.
fn built_in_course_ids() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("courses");
    let mut ids: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry"))
        .filter(|e| e.path().join("course.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert!(!ids.is_empty(), "no built-in courses in {}", dir.display());
    ids
}

fn copy_executable(from: &Path, to: &Path) {
    fs::copy(from, to)
        .unwrap_or_else(|e| panic!("cannot copy {} to {}: {e}", from.display(), to.display()));
    fs::set_permissions(to, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_old_linux_binary_runs_a_sites_commands_where_todays_build_does_not_start() {
    let test = "old Linux, the binary";
    let Some(old) = old_linux_or_skip(test) else {
        return;
    };
    let _root = lock_root();
    let glibc = in_root(&old.root, "/", &["getconf", "GNU_LIBC_VERSION"]);
    glibc.assert_exit_0();
    eprintln!("{test}: the root's C library is {}", glibc.stdout.trim());

    // A fresh folder inside the root, removed when the test ends: the root stays as made.
    let folder = tempfile::Builder::new()
        .prefix("hatua-old-linux-")
        .tempdir_in(old.root.join("tmp"))
        .expect("a folder in the root's /tmp");
    let name = folder.path().file_name().unwrap().to_str().unwrap();
    let inside = format!("/tmp/{name}");
    let hatua = format!("{inside}/hatua");
    let data = format!("{inside}/data");
    copy_executable(&old.binary, &folder.path().join("hatua"));
    let root = old.root.as_path();
    let site = |args: &[&str]| {
        let mut all = vec![hatua.as_str(), "--data-dir", data.as_str()];
        all.extend_from_slice(args);
        in_root(root, &inside, &all)
    };

    let version = in_root(root, &inside, &[&hatua, "--version"]);
    version
        .assert_exit_0()
        .assert_says(&[&format!("hatua {}", env!("CARGO_PKG_VERSION"))]);

    let courses = site(&["courses"]);
    courses.assert_exit_0().assert_says(&["built-in"]);
    for id in built_in_course_ids() {
        courses.assert_says(&[&id]);
    }

    // A data folder nobody has used yet: nothing wrong, and doctor says where it looked.
    site(&["doctor"]).assert_exit_0().assert_says(&[&data]);

    // A trainer's course folder, checked on the old machine.
    let course = Path::new(env!("CARGO_MANIFEST_DIR")).join("courses/cedaw");
    common::copy_dir(&course, &folder.path().join("cedaw"));
    site(&["validate", &format!("{inside}/cedaw")])
        .assert_exit_0()
        .assert_says(&["`cedaw`", "is valid"]);

    // The records: SQLite (compiled in) writes and reads them under the old glibc.
    site(&["learners", "add", "Amélie Ngono"])
        .assert_exit_0()
        .assert_says(&["Amélie Ngono"]);
    site(&["learners", "list"])
        .assert_exit_0()
        .assert_says(&["Amélie Ngono"]);
    site(&["doctor"]).assert_exit_0().assert_says(&["hatua.db"]);
    assert!(folder.path().join("data/hatua.db").is_file());

    // Today's ordinary build, linked against this machine's glibc, in the same root.
    copy_executable(Path::new(HATUA), &folder.path().join("hatua-ordinary"));
    let ordinary = in_root(
        root,
        &inside,
        &[&format!("{inside}/hatua-ordinary"), "--version"],
    );
    if ordinary.status.success() {
        eprintln!(
            "{test}: this machine's ordinary build starts in the root too (its glibc is no \
             newer than the root's), so the root proves less here"
        );
    } else {
        assert!(
            ordinary.stderr.contains("GLIBC_") && ordinary.stderr.contains("not found"),
            "the ordinary build failed, but not for want of a newer glibc:\n{}",
            ordinary.dump()
        );
    }
}

/// A root's copy in a temporary folder, for what changes a root (dpkg).
fn copy_of_root(root: &Path) -> tempfile::TempDir {
    let copy = tempfile::Builder::new()
        .prefix("hatua-old-linux-root-")
        .tempdir()
        .expect("a temporary folder");
    let mut cp = Command::new("cp");
    cp.arg("-a")
        .arg(root.join("."))
        .arg(copy.path())
        .env("PATH", PATH);
    run(cp, COPY_GUARD).assert_exit_0();
    copy
}

/// A desktop entry's `[Desktop Entry]` group as key → value, or what is wrong with it
/// (the freedesktop.org format: groups in brackets, `Key=Value` lines, `#` comments).
fn parse_desktop_entry(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    match lines.next() {
        Some((_, "[Desktop Entry]")) => {}
        other => {
            return Err(format!(
                "the first group must be [Desktop Entry], not {other:?}"
            ));
        }
    }
    let mut entries: Vec<(String, String)> = Vec::new();
    for (n, line) in lines {
        if line.starts_with('[') {
            break;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| format!("line {}: no `=` in {line:?}", n + 1))?;
        let key = key.trim();
        let valid_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-[]@_.".contains(c));
        if !valid_key {
            return Err(format!("line {}: {key:?} is not a key", n + 1));
        }
        if entries.iter().any(|(k, _)| k == key) {
            return Err(format!("line {}: {key} appears twice", n + 1));
        }
        entries.push((key.to_string(), value.trim().to_string()));
    }
    Ok(entries)
}

#[test]
fn the_debian_package_installs_runs_and_removes_cleanly() {
    let test = "old Linux, the Debian package";
    let Some(old) = old_linux_or_skip(test) else {
        return;
    };
    let copy = {
        let _root = lock_root();
        copy_of_root(&old.root)
    };
    let root = copy.path();
    fs::copy(&old.deb, root.join("tmp/hatua.deb")).expect("copy the .deb into the root");
    in_root(root, "/root", &["dpkg", "-i", "/tmp/hatua.deb"]).assert_exit_0();

    let status = in_root(
        root,
        "/root",
        &["dpkg-query", "-W", "-f=${Status}|${Depends}\\n", "hatua"],
    );
    status.assert_exit_0();
    assert_eq!(
        status.stdout.trim(),
        "install ok installed|libc6 (>= 2.17)",
        "{}",
        status.dump()
    );

    // The command on PATH, as a site types it.
    in_root(root, "/root", &["hatua", "--version"])
        .assert_exit_0()
        .assert_says(&["hatua"]);
    assert!(root.join("usr/bin/hatua").is_file());
    in_root(
        root,
        "/root",
        &["hatua", "--data-dir", "/tmp/data", "courses"],
    )
    .assert_exit_0()
    .assert_says(&["built-in"]);

    // Every file the package owns, to check each is gone after removal.
    let listed = in_root(root, "/root", &["dpkg", "-L", "hatua"]);
    listed.assert_exit_0();
    let files: Vec<String> = listed
        .stdout
        .lines()
        .filter(|l| root.join(l.trim_start_matches('/')).is_file())
        .map(str::to_string)
        .collect();
    let expected = [
        "/usr/bin/hatua",
        "/usr/share/man/man1/hatua.1.gz",
        "/usr/share/man/man1/hatua-courses.1.gz",
        "/usr/share/bash-completion/completions/hatua",
        "/usr/share/zsh/vendor-completions/_hatua",
        "/usr/share/fish/vendor_completions.d/hatua.fish",
        "/usr/share/applications/hatua.desktop",
        "/usr/share/doc/hatua/README.md",
    ];
    for path in expected {
        assert!(
            files.iter().any(|f| f == path),
            "the package does not install {path}:\n{}",
            listed.dump()
        );
    }

    // The man page, read back the way man would find it (gzip is in every Debian root).
    in_root(
        root,
        "/root",
        &["gzip", "-dc", "/usr/share/man/man1/hatua.1.gz"],
    )
    .assert_exit_0()
    .assert_says(&[".TH hatua", "courses"]);

    // The completions: bash (in the root) loads its script and then knows the command; the
    // zsh and fish scripts are checked by their first words, as neither shell is there.
    in_root(
        root,
        "/root",
        &[
            "bash",
            "-c",
            ". /usr/share/bash-completion/completions/hatua && complete -p hatua",
        ],
    )
    .assert_exit_0()
    .assert_says(&["hatua"]);
    let zsh = fs::read_to_string(root.join("usr/share/zsh/vendor-completions/_hatua")).unwrap();
    assert!(zsh.starts_with("#compdef hatua"), "{zsh:.200}");
    let fish =
        fs::read_to_string(root.join("usr/share/fish/vendor_completions.d/hatua.fish")).unwrap();
    assert!(fish.contains("complete -c hatua"), "{fish:.200}");

    // The desktop entry: opens the installed command in the system's terminal, in Education.
    let desktop = fs::read_to_string(root.join("usr/share/applications/hatua.desktop")).unwrap();
    let entry = parse_desktop_entry(&desktop).unwrap_or_else(|e| panic!("{e}:\n{desktop}"));
    let get = |key: &str| {
        entry
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {key} in the desktop entry:\n{desktop}"))
    };
    assert_eq!(get("Type"), "Application");
    assert!(!get("Name").is_empty());
    assert_eq!(get("Terminal"), "true");
    let program = get("Exec").split_whitespace().next().unwrap_or_default();
    assert_eq!(program, "hatua", "Exec runs the command on PATH");
    let categories = get("Categories");
    assert!(
        categories.ends_with(';') && categories.split(';').any(|c| c == "Education"),
        "Categories={categories}"
    );

    // Removed: every file it brought is gone, and dpkg no longer knows it.
    in_root(root, "/root", &["dpkg", "-r", "hatua"]).assert_exit_0();
    for file in &files {
        assert!(
            !root.join(file.trim_start_matches('/')).exists(),
            "{file} is left after dpkg -r"
        );
    }
    assert!(!root.join("usr/share/doc/hatua").exists());
    let gone = in_root(
        root,
        "/root",
        &["dpkg-query", "-W", "-f=${Status}", "hatua"],
    );
    assert!(
        !gone.stdout.contains("ok installed") && !gone.stdout.contains("config-files"),
        "dpkg still lists hatua:\n{}",
        gone.dump()
    );
}

#[test]
fn a_desktop_entry_that_is_not_one_is_refused() {
    // The parser above, on the mistakes it is there to catch.
    assert!(parse_desktop_entry("[Desktop Entry]\nType=Application\n").is_ok());
    assert!(parse_desktop_entry("Type=Application\n").is_err());
    assert!(parse_desktop_entry("[Desktop Entry]\nType Application\n").is_err());
    assert!(parse_desktop_entry("[Desktop Entry]\nName=a\nName=b\n").is_err());
    let shipped =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/hatua.desktop"))
            .unwrap();
    parse_desktop_entry(&shipped).unwrap();
}
