//! The non-interactive commands: what they print and their exit codes.

pub mod author;
pub mod bundles;
pub mod certificates;
pub mod gift;
pub mod learners;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::course::{self, DirSource};
use crate::library::{Entry, Library, Origin};

/// `hatua validate PATH`: every problem, then a summary line. Exit 1 on any error.
pub fn validate(path: &Path, format: crate::cli::Format) -> anyhow::Result<ExitCode> {
    if !path.exists() {
        anyhow::bail!(
            "{} does not exist. Give the course folder, the one that holds course.toml.",
            path.display()
        );
    }
    if !path.is_dir() {
        anyhow::bail!(
            "{} is not a folder. Give the course folder, the one that holds course.toml.",
            path.display()
        );
    }
    let loaded = course::load(&DirSource::new(path));
    let mut out = crate::sanitize::stdout();
    let errors = loaded.errors().count();
    if format == crate::cli::Format::Json {
        writeln!(out, "{}", validation_json(path, &loaded))?;
        return Ok(if errors == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    for d in &loaded.diagnostics {
        writeln!(out, "{}", with_folder(path, d))?;
    }
    let warnings = loaded.diagnostics.len() - errors;
    match &loaded.course {
        Some(c) => writeln!(
            out,
            "{}: `{}` {} is valid: {}, {}, {}",
            path.display(),
            c.id,
            c.version,
            plural(c.modules.len(), "module"),
            plural(c.item_count(), "item"),
            plural(warnings, "warning")
        )?,
        None => writeln!(
            out,
            "{}: {}, {}; the course cannot be played until the errors are fixed",
            path.display(),
            plural(errors, "error"),
            plural(warnings, "warning")
        )?,
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The result of `validate` for tools: every diagnostic with its position. Text from the
/// bundle is escaped as `validate` prints it, so a tool that echoes it is as safe as the
/// terminal.
fn validation_json(path: &Path, loaded: &course::Loaded) -> serde_json::Value {
    let v = |s: &str| crate::sanitize::visible_line(s).into_owned();
    let diagnostics: Vec<serde_json::Value> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "file": v(&d.file),
                "line": d.line,
                "column": d.col,
                "message": v(&d.message),
                "hint": d.hint.as_deref().map(v),
            })
        })
        .collect();
    let errors = loaded.errors().count();
    serde_json::json!({
        "path": v(&path.display().to_string()),
        "valid": errors == 0,
        "errors": errors,
        "warnings": loaded.diagnostics.len() - errors,
        "course": loaded.course.as_ref().map(|c| serde_json::json!({
            "id": c.id,
            "version": c.version,
            "title": v(&c.title),
            "modules": c.modules.len(),
            "items": c.item_count(),
        })),
        "diagnostics": diagnostics,
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Prefixes the diagnostic's file with the course folder, so terminals and editors can open it.
fn with_folder(folder: &Path, d: &course::Diagnostic) -> String {
    let mut d = d.clone();
    d.file = folder.join(&d.file).display().to_string();
    d.render()
}

/// `hatua courses`: one line per course, unavailable ones with their first error.
pub fn courses(data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dir = crate::paths::data_dir(data_dir);
    let library = Library::load(dir.as_deref());
    let mut out = crate::sanitize::stdout();
    writeln!(out, "{:<34} {:<9} {:>5}  TITLE", "ID", "VERSION", "ITEMS")
        .context("cannot write to standard output")?;
    for e in &library.entries {
        match e {
            Entry::Ready {
                course,
                origin,
                standing,
            } => writeln!(
                out,
                "{:<34} {:<9} {:>5}  {} ({})",
                course.id,
                course.version,
                course.item_count(),
                course.title,
                match (origin, standing) {
                    (Origin::BuiltIn, _) => "built-in".to_string(),
                    (_, Some(s)) => crate::library::install::standing_words(s),
                    (_, None) => "unsigned".to_string(),
                }
            )?,
            Entry::Unavailable { name, error, .. } => writeln!(
                out,
                "{:<34} {:<9} {:>5}  unavailable: {}",
                name,
                "-",
                "-",
                error.headline()
            )?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
