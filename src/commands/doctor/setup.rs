//! What `hatua doctor` says about the program and its surroundings: versions, the folders
//! and files in use and why those, the config file and its mistakes, the log, free space
//! and the terminal.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::Problems;
use crate::config::{Config, ConfigError};
use crate::paths::{DATABASE_FILE, PORTABLE_MARKER};
use crate::store::SCHEMA_VERSION;

/// Below this, a day's answers and its backup may not fit: a problem.
pub const LOW_SPACE: u64 = 100 * 1024 * 1024;

/// The program's version, SQLite's and the records schema: this program's and the file's.
pub fn versions(out: &mut impl Write, dir: &Path, problems: &mut Problems) -> std::io::Result<()> {
    let file = crate::store::restore::schema_of(&dir.join(DATABASE_FILE));
    writeln!(
        out,
        "Hatua {} · SQLite {} · records schema {SCHEMA_VERSION}{}",
        env!("CARGO_PKG_VERSION"),
        rusqlite::version(),
        match file {
            Some(v) if v == SCHEMA_VERSION => " (the records file's too)".to_string(),
            Some(v) => format!(" (the records file's: {v})"),
            None => String::new(),
        }
    )?;
    if let Some(v) = file.filter(|v| *v > SCHEMA_VERSION) {
        problems.add(
            format!(
                "The records file was written by a newer Hatua (schema {v}; this one knows \
                 {SCHEMA_VERSION}), which this one cannot open."
            ),
            "Install the newer Hatua on this computer (the one the records came from).",
        );
    }
    Ok(())
}

/// The data folder, and why that one.
pub fn data_folder(
    out: &mut impl Write,
    given: Option<&Path>,
    dir: &Path,
    problems: &mut Problems,
) -> std::io::Result<()> {
    let why = match given {
        Some(_) if flag_given("--data-dir") => "given with --data-dir".to_string(),
        Some(_) => "from HATUA_DATA_DIR".to_string(),
        None if crate::paths::portable_dir().is_some() => {
            format!("portable: the {PORTABLE_MARKER} file is beside the program")
        }
        None => "the system's place for this user".to_string(),
    };
    let state = if dir.is_dir() {
        if writable(dir) {
            ""
        } else {
            problems.add(
                format!("The data folder {} cannot be written to.", dir.display()),
                "Answers cannot be saved there: give a folder this user can write with \
                 --data-dir, or ask whoever looks after the computer to allow writing.",
            );
            "; it cannot be written to"
        }
    } else if dir.exists() {
        problems.add(
            format!("{} is a file, not a folder.", dir.display()),
            "Give a folder with --data-dir, or move the file away.",
        );
        "; it is a file, not a folder"
    } else {
        "; not made yet (the first start makes it)"
    };
    writeln!(out, "Data folder: {} ({why}){state}.", dir.display())
}

/// The config file, why that one, and every mistake in it. Returns what was read, or the
/// defaults.
pub fn config(
    out: &mut impl Write,
    given: Option<&Path>,
    problems: &mut Problems,
) -> std::io::Result<Config> {
    let path = given
        .map(Path::to_path_buf)
        .or_else(crate::config::default_path);
    let Some(path) = path else {
        writeln!(
            out,
            "Config file: this system has no place for one; the defaults are used."
        )?;
        return Ok(Config::default());
    };
    let why = if given.is_some() {
        "given with --config"
    } else if crate::paths::portable_dir().is_some_and(|d| path.starts_with(d)) {
        "portable: beside the program"
    } else {
        "the system's place for this user"
    };
    match crate::config::load(given) {
        Ok(config) if path.is_file() => {
            writeln!(
                out,
                "Config file: {} ({why}): read, no mistakes.",
                path.display()
            )?;
            Ok(config)
        }
        Ok(config) => {
            writeln!(
                out,
                "Config file: {} ({why}): not there, so the defaults are used.",
                path.display()
            )?;
            Ok(config)
        }
        Err(ConfigError::Invalid { details, .. }) => {
            writeln!(out, "Config file: {} ({why}) has mistakes:", path.display())?;
            for line in details.lines() {
                writeln!(out, "  {line}")?;
            }
            problems.add(
                format!("The config file {} has mistakes.", path.display()),
                "Correct each line named above (`hatua --help` lists the settings); the \
                 player does not start until they are corrected.",
            );
            Ok(Config::default())
        }
        Err(e) => {
            writeln!(out, "Config file: {} ({why}): {e}", path.display())?;
            problems.add(
                format!("The config file {} cannot be read.", path.display()),
                "Give the right path with --config, or leave it out to use the defaults.",
            );
            Ok(Config::default())
        }
    }
}

/// The log and its size.
pub fn log(out: &mut impl Write, dir: &Path) -> std::io::Result<()> {
    let log = dir.join(crate::log::LOG_FILE);
    let size = |p: &PathBuf| std::fs::metadata(p).ok().map(|m| m.len());
    match size(&log) {
        Some(bytes) => {
            let older = size(&log.with_extension("log.1"))
                .map(|b| {
                    format!(
                        ", and the older hatua.log.1 ({})",
                        crate::commands::backup::size(b)
                    )
                })
                .unwrap_or_default();
            writeln!(
                out,
                "Log: {} ({}){older}.",
                log.display(),
                crate::commands::backup::size(bytes)
            )
        }
        None => writeln!(
            out,
            "Log: {} (nothing logged yet: the player and the commands that change data write it).",
            log.display()
        ),
    }
}

/// Free space on the data folder's drive.
pub fn free_space(
    out: &mut impl Write,
    dir: &Path,
    problems: &mut Problems,
) -> std::io::Result<()> {
    // The folder, or the nearest folder above it that exists: where it will be made.
    let Some(there) = dir.ancestors().find(|d| d.is_dir()) else {
        return Ok(());
    };
    match free_bytes(there) {
        Some(free) => {
            writeln!(
                out,
                "Free space: {} where the data folder is.",
                crate::commands::backup::size(free)
            )?;
            if free < LOW_SPACE {
                problems.add(
                    format!(
                        "Only {} is free where the data folder is.",
                        crate::commands::backup::size(free)
                    ),
                    "Answers and the day's backup may not fit: free some space on that drive \
                     (old exports and copies of courses are safe to move away once a trainer \
                     has them).",
                );
            }
            Ok(())
        }
        None => writeln!(out, "Free space: not measured on this system."),
    }
}

/// What the player would draw on this terminal.
pub fn terminal(
    out: &mut impl Write,
    config: &Config,
    problems: &mut Problems,
) -> std::io::Result<()> {
    if !std::io::stdout().is_terminal() {
        return writeln!(
            out,
            "Terminal: standard output is not a terminal; run `hatua doctor` where the \
             player runs to see what that terminal can show."
        );
    }
    let caps = crate::tui::caps::Caps::detect(config.ascii);
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| "(not set)".to_string());
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "(not set)".to_string());
    let size = ratatui::crossterm::terminal::size().ok();
    let shown = |on: bool, yes: &'static str, no: &'static str| if on { yes } else { no };
    writeln!(
        out,
        "Terminal: {}, TERM={}, locale {locale}: {}, {}, {}{}.",
        size.map_or("size unknown".to_string(), |(w, h)| format!("{w}x{h}")),
        var("TERM"),
        shown(caps.colour, "colour", "no colour"),
        shown(caps.unicode, "Unicode marks", "ASCII only"),
        shown(
            caps.alternate_screen,
            "alternate screen",
            "no alternate screen"
        ),
        if config.plain {
            "; plain mode is on in the config"
        } else {
            ""
        }
    )?;
    use crate::tui::view::{MIN_HEIGHT, MIN_WIDTH};
    if let Some((w, h)) = size
        && (w < MIN_WIDTH || h < MIN_HEIGHT)
    {
        problems.add(
            format!("This terminal is {w}x{h}; the player needs {MIN_WIDTH}x{MIN_HEIGHT}."),
            "Make the window larger or its font smaller, or use plain mode (`hatua --plain`).",
        );
    }
    Ok(())
}

/// Whether `flag` is on the command line (as `--flag VALUE` or `--flag=VALUE`).
fn flag_given(flag: &str) -> bool {
    std::env::args_os().any(|a| {
        let a = a.to_string_lossy();
        a == flag || a.starts_with(&format!("{flag}="))
    })
}

#[cfg(unix)]
fn writable(dir: &Path) -> bool {
    rustix::fs::access(dir, rustix::fs::Access::WRITE_OK).is_ok()
}

#[cfg(not(unix))]
fn writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}

#[cfg(unix)]
fn free_bytes(dir: &Path) -> Option<u64> {
    let s = rustix::fs::statvfs(dir).ok()?;
    Some(s.f_bavail.saturating_mul(s.f_frsize))
}

#[cfg(not(unix))]
fn free_bytes(_: &Path) -> Option<u64> {
    None
}
