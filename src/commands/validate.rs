//! `hatua validate PATH`: every problem of a course folder or a packed `.zip`, like a
//! compiler, and for a bundle what `hatua import` on this computer would say about it — with
//! the same limits, the same manifest and signature checks and the same site rule as import.

use super::plural;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::bundle::{
    self, BundleError, Limits, MANIFEST_FILE, Manifest, Standing, TRUST_FILE, TrustStore, ZipBundle,
};
use crate::cli::Format;
use crate::course::{self, BundleSource, Diagnostic, DirSource};
use crate::library::policy::{self, Incoming, InstallPolicy, Verdict, standing_words};

/// What validation found.
struct Report {
    /// Problems of the bundle as a whole (limits, names, manifest), then of the course.
    diagnostics: Vec<Diagnostic>,
    course: Option<course::Course>,
    /// Who vouches for it, when it carries a manifest that holds.
    standing: Option<Standing>,
    /// The signing key, when signed.
    key: Option<String>,
}

impl Report {
    fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// `hatua validate PATH [--format json]`. Exit 1 on any error.
pub fn validate(
    path: &Path,
    format: Format,
    data_dir: Option<&Path>,
    config: &crate::config::Config,
) -> anyhow::Result<ExitCode> {
    let is_zip = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if !path.exists() {
        anyhow::bail!(
            "{} does not exist. Give the course folder, the one that holds course.toml, or the .zip made by `hatua pack`.",
            path.display()
        );
    }
    if !path.is_dir() && !is_zip {
        anyhow::bail!(
            "{} is not a folder or a .zip. Give the course folder, the one that holds course.toml, or the .zip made by `hatua pack`.",
            path.display()
        );
    }
    let trust = crate::paths::data_dir(data_dir)
        .and_then(|d| TrustStore::load(&d.join(TRUST_FILE)).ok())
        .unwrap_or_default();
    let report = if path.is_dir() {
        check_folder(path, &trust)
    } else {
        check_zip(path, &trust)
    };
    let verdict = import_verdict(&report, data_dir, config.install, &trust);
    let mut out = crate::sanitize::stdout();
    if format == Format::Json {
        writeln!(out, "{}", json(path, &report, verdict.as_ref()))?;
    } else {
        text(&mut out, path, &report, verdict.as_ref())?;
    }
    Ok(if report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A folder: its names, links and sizes from metadata first (a 4 GiB file is refused
/// without being read), then the course, then the manifest if it was packed.
fn check_folder(dir: &Path, trust: &TrustStore) -> Report {
    let limits = Limits::default();
    let mut report = Report {
        diagnostics: Vec::new(),
        course: None,
        standing: None,
        key: None,
    };
    let files = match bundle::scan_folder(dir, &limits) {
        Ok(files) => files,
        Err(e) => {
            report.diagnostics.push(bundle_diagnostic(&e));
            return report;
        }
    };
    let loaded = course::load(&DirSource::new(dir));
    report.diagnostics.extend(loaded.diagnostics);
    report.course = loaded.course;
    if files.iter().any(|(p, _)| p == MANIFEST_FILE) {
        let text = std::fs::read_to_string(dir.join(MANIFEST_FILE)).unwrap_or_default();
        let checked = Manifest::parse(&text).and_then(|manifest| {
            report.key = manifest.signature.as_ref().map(|s| s.public_key.clone());
            let hashes = bundle::hash_files(dir, &files, &limits)?;
            bundle::verify_hashes(hashes, Some(&manifest), trust)
        });
        match checked {
            Ok(standing) => report.standing = Some(standing),
            Err(e) => report.diagnostics.insert(0, bundle_diagnostic(&e)),
        }
    }
    report
}

/// A `.zip`: opened with import's checks, verified against its manifest, then the course
/// read from the very bytes that were checked.
fn check_zip(path: &Path, trust: &TrustStore) -> Report {
    let mut report = Report {
        diagnostics: Vec::new(),
        course: None,
        standing: None,
        key: None,
    };
    let zip = match ZipBundle::open(path, &Limits::default()) {
        Ok(zip) => zip,
        Err(e) => {
            report.diagnostics.push(bundle_diagnostic(&e));
            return report;
        }
    };
    let verified = zip.manifest().and_then(|manifest| {
        report.key = manifest
            .as_ref()
            .and_then(|m| m.signature.as_ref())
            .map(|s| s.public_key.clone());
        bundle::verify(zip.files(), manifest.as_ref(), trust)
    });
    match verified {
        Ok(standing) => report.standing = Some(standing),
        Err(e) => {
            // A bundle changed on its way is called changed, not badly written.
            report.diagnostics.push(bundle_diagnostic(&e));
            return report;
        }
    }
    let loaded = course::load(&zip as &dyn BundleSource);
    report.diagnostics.extend(loaded.diagnostics);
    report.course = loaded.course;
    report
}

/// A bundle's refusal as a diagnostic about the file it names.
fn bundle_diagnostic(e: &BundleError) -> Diagnostic {
    let file = match e {
        BundleError::UnsafeEntry { entry, .. }
        | BundleError::TooLarge { entry, .. }
        | BundleError::Bomb { entry, .. }
        | BundleError::NotUtf8 { entry } => entry.clone(),
        BundleError::Tampered { file, .. } => file.clone(),
        BundleError::Manifest { .. } | BundleError::BadSignature => MANIFEST_FILE.to_string(),
        _ => ".".to_string(),
    };
    Diagnostic::about_file(&file, e.to_string(), None)
}

/// What `hatua import` here would do with this bundle, once it is valid.
fn import_verdict(
    report: &Report,
    data_dir: Option<&Path>,
    install: InstallPolicy,
    trust: &TrustStore,
) -> Option<Verdict> {
    let course = report.course.as_ref().filter(|_| report.errors() == 0)?;
    let standing = report.standing.clone().unwrap_or(Standing::NoManifest);
    let new = Incoming {
        version: &course.version,
        standing: &standing,
        key: report.key.as_deref(),
    };
    let old = crate::paths::data_dir(data_dir)
        .and_then(|d| crate::library::install::in_place(&d, &course.id, trust));
    Some(policy::decide(&new, old.as_ref(), install, false))
}

/// "signed by Org", "unsigned", or that it was never packed.
fn standing_line(standing: Option<&Standing>) -> String {
    match standing {
        None | Some(Standing::NoManifest) => {
            "not packed: no MANIFEST.toml, so nothing vouches for its files; `hatua pack` adds one"
                .to_string()
        }
        Some(s) => format!("files match MANIFEST.toml; {}", standing_words(s)),
    }
}

fn verdict_line(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Install { from: None, note } => with_note("would install it", note),
        Verdict::Install {
            from: Some(v),
            note,
        } => with_note(&format!("would update version {v} to it"), note),
        Verdict::Skip(reason) => format!("would skip it: {reason}"),
        Verdict::Refuse(reason) => format!("would refuse it: {reason}"),
    }
}

fn with_note(text: &str, note: &Option<policy::Note>) -> String {
    match note {
        Some(n) => format!("{text} ({n})"),
        None => text.to_string(),
    }
}

fn text(
    out: &mut impl Write,
    path: &Path,
    report: &Report,
    verdict: Option<&Verdict>,
) -> std::io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", with_folder(path, d))?;
    }
    let errors = report.errors();
    let warnings = report.diagnostics.len() - errors;
    match &report.course {
        Some(c) if errors == 0 => {
            writeln!(
                out,
                "{}: `{}` {} is valid: {}, {}, in {}, {}",
                path.display(),
                c.id,
                c.version,
                plural(c.modules.len(), "module"),
                plural(c.item_count(), "item"),
                c.languages().join(", "),
                plural(warnings, "warning")
            )?;
            writeln!(out, "  {}", standing_line(report.standing.as_ref()))?;
            if let Some(v) = verdict {
                writeln!(out, "  `hatua import` on this computer {}", verdict_line(v))?;
            }
        }
        _ => writeln!(
            out,
            "{}: {}, {}; the course cannot be played until the errors are fixed",
            path.display(),
            plural(errors, "error"),
            plural(warnings, "warning")
        )?,
    }
    Ok(())
}

/// The result for tools: every diagnostic with its position, and the bundle's standing.
/// Text from the bundle is escaped as the text form prints it, so a tool that echoes it is
/// as safe as the terminal.
fn json(path: &Path, report: &Report, verdict: Option<&Verdict>) -> serde_json::Value {
    let v = |s: &str| crate::sanitize::visible_line(s).into_owned();
    let diagnostics: Vec<serde_json::Value> = report
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
    let errors = report.errors();
    serde_json::json!({
        "path": v(&path.display().to_string()),
        "valid": errors == 0,
        "errors": errors,
        "warnings": report.diagnostics.len() - errors,
        "course": report.course.as_ref().map(|c| serde_json::json!({
            "id": c.id,
            "version": c.version,
            "title": v(&c.title),
            "modules": c.modules.len(),
            "items": c.item_count(),
        })),
        "standing": report.standing.as_ref().map(|s| v(&standing_words(s))),
        "import": verdict.map(verdict_line),
        "diagnostics": diagnostics,
    })
}

/// Prefixes the diagnostic's file with the bundle's path, so terminals and editors can
/// open it.
fn with_folder(folder: &Path, d: &Diagnostic) -> String {
    let mut d = d.clone();
    d.file = if d.file == "." {
        folder.display().to_string()
    } else {
        folder.join(&d.file).display().to_string()
    };
    d.render()
}
