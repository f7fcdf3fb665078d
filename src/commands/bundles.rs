//! Commands that move courses between machines: `pack`, `keygen`, `trust`, `import`,
//! `remove`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::bundle::{self, PackError, PublisherKey, TRUST_FILE, TrustStore};
use crate::cli::{Format, TrustCommand};
use crate::library::install::{self, Outcome};

fn data_dir(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    crate::paths::data_dir(explicit).context(
        "cannot find a folder for Hatua's data on this system; give one with --data-dir DIR",
    )
}

fn create_parent(path: &Path) -> anyhow::Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display())),
        _ => Ok(()),
    }
}

/// The publishers this workstation trusts.
pub fn trust_store(data_dir: &Path) -> anyhow::Result<TrustStore> {
    Ok(TrustStore::load(&data_dir.join(TRUST_FILE))?)
}

/// `hatua pack DIR -o FILE [--sign KEY]`.
pub fn pack(dir: &Path, out: &Path, key: Option<&Path>) -> anyhow::Result<ExitCode> {
    let key = key.map(PublisherKey::load).transpose()?;
    create_parent(out)?;
    // An archive written inside the course would be packed into the next one.
    if let (Ok(folder), Some(parent)) = (dir.canonicalize(), out.parent())
        && parent.canonicalize().is_ok_and(|p| p.starts_with(&folder))
    {
        bail!(
            "write the archive outside the course folder (for example next to it), or the next pack would include it"
        );
    }
    match bundle::pack(dir, out, key.as_ref()) {
        Ok(p) => {
            writeln!(
                crate::sanitize::stdout(),
                "packed `{}` {} into {}: {} files, {} bytes, {}",
                p.course_id,
                p.version,
                out.display(),
                p.files,
                p.bytes,
                if p.signed { "signed" } else { "unsigned" }
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(PackError::Invalid(diagnostics)) => {
            let mut err = crate::sanitize::stderr();
            for d in diagnostics.iter().filter(|d| d.is_error()) {
                let mut d = d.clone();
                d.file = dir.join(&d.file).display().to_string();
                writeln!(err, "{}", d.render())?;
            }
            bail!(
                "{} has errors, so it was not packed; fix them and pack again",
                dir.display()
            )
        }
        Err(PackError::Bundle(e)) => Err(e.into()),
    }
}

/// `hatua keygen FILE`: a key pair for an organisation that signs its courses.
pub fn keygen(path: &Path) -> anyhow::Result<ExitCode> {
    create_parent(path)?;
    let key = PublisherKey::generate()?;
    let public = key.save(path)?;
    let mut out = crate::sanitize::stdout();
    writeln!(
        out,
        "wrote the secret key to {} — keep it private, and back it up",
        path.display()
    )?;
    writeln!(
        out,
        "wrote the public key to {} — give it to the sites that install your courses:",
        public.display()
    )?;
    writeln!(
        out,
        "  hatua trust add {} --name \"Your organisation\"",
        public.display()
    )?;
    writeln!(out, "  ed25519:{}", key.public_hex())?;
    Ok(ExitCode::SUCCESS)
}

/// `hatua trust add|list|remove`.
pub fn trust(data: Option<&Path>, action: TrustCommand) -> anyhow::Result<ExitCode> {
    let dir = data_dir(data)?;
    let mut store = trust_store(&dir)?;
    let mut out = crate::sanitize::stdout();
    match action {
        TrustCommand::Add { key, name } => {
            // A path to a .pub file, or the key itself.
            let text = match std::fs::read_to_string(&key) {
                Ok(text) => text,
                Err(_) => key.clone(),
            };
            let hex = bundle::parse_public_key(&text)?;
            store.add(&hex, &name)?;
            writeln!(
                out,
                "courses and certificates signed with ed25519:{hex} now show as signed by {}",
                crate::sanitize::visible_line(&name)
            )?;
        }
        TrustCommand::List {
            format: Format::Json,
        } => {
            let rows: Vec<TrustedKey> = store.list().iter().map(TrustedKey::of).collect();
            let json = serde_json::to_string_pretty(&rows).expect("publishers are plain data");
            writeln!(out, "{json}")?;
        }
        TrustCommand::List {
            format: Format::Text,
        } => {
            if store.list().is_empty() {
                writeln!(
                    out,
                    "no publishers are trusted yet; add one with `hatua trust add KEY --name NAME`"
                )?;
            }
            for p in store.list() {
                writeln!(
                    out,
                    "{:<30} ed25519:{}  (added {})",
                    crate::sanitize::visible_line(&p.name),
                    p.key,
                    p.added_at
                )?;
            }
        }
        TrustCommand::Remove { key_or_name } => {
            let p = store.remove(&key_or_name)?;
            writeln!(
                out,
                "{} is no longer trusted; their courses show as signed by an unknown key",
                crate::sanitize::visible_line(&p.name)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A publisher in `hatua trust list --format json`: the fields its `--help` promises, in
/// this order, the key written as `hatua trust add` takes it.
#[derive(serde::Serialize)]
struct TrustedKey<'a> {
    name: std::borrow::Cow<'a, str>,
    key: String,
    added_at: &'a str,
}

impl<'a> TrustedKey<'a> {
    fn of(p: &'a crate::bundle::Publisher) -> Self {
        TrustedKey {
            name: crate::sanitize::visible_line(&p.name),
            key: format!("ed25519:{}", p.key),
            added_at: &p.added_at,
        }
    }
}

/// `hatua import PATH... [--force]`: installs every bundle found, then prints a table.
pub fn import(
    data: Option<&Path>,
    paths: &[PathBuf],
    force: bool,
    config: &crate::config::Config,
) -> anyhow::Result<ExitCode> {
    let dir = data_dir(data)?;
    let trust = trust_store(&dir)?;
    let show_progress = std::io::stderr().is_terminal();
    let mut progress = |done: usize, total: usize| {
        if show_progress && total > 1 {
            let width = 30;
            let filled = done * width / total.max(1);
            eprint!(
                "\r[{}{}] {done}/{total} bundles",
                "#".repeat(filled),
                ".".repeat(width - filled)
            );
            if done == total {
                eprintln!();
            }
        }
    };
    let options = install::ImportOptions {
        policy: config.install,
        force,
    };
    let (rows, search) = install::import(&dir, paths, options, &trust, &mut progress);
    if rows.is_empty() {
        bail!(
            "no course bundle was found in {} ({}); a bundle is a .zip made by `hatua pack`, or a folder with course.toml",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            search.extent()
        );
    }
    let mut out = crate::sanitize::stdout();
    writeln!(
        out,
        "{:<10} {:<34} {:<9} DETAILS",
        "RESULT", "COURSE", "VERSION"
    )?;
    for r in &rows {
        let result = match &r.outcome {
            Outcome::Installed => "installed".to_string(),
            Outcome::Updated { .. } => "updated".to_string(),
            Outcome::Skipped => "skipped".to_string(),
            Outcome::Refused => "refused".to_string(),
        };
        let reason = r.reason.to_string();
        let details = match &r.outcome {
            Outcome::Updated { from } => format!("from {from}; {reason}"),
            // Name the bundle once: some reasons already start with its path.
            Outcome::Refused if reason.contains(&r.source.display().to_string()) => reason,
            Outcome::Refused => format!("{}: {reason}", r.source.display()),
            _ => reason,
        };
        writeln!(
            out,
            "{:<10} {:<34} {:<9} {}",
            result,
            r.course_id.as_deref().unwrap_or("-"),
            r.version.as_deref().unwrap_or("-"),
            crate::sanitize::clean_line(&details)
        )?;
    }
    let refused = rows
        .iter()
        .filter(|r| r.outcome == Outcome::Refused)
        .count();
    Ok(if refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `hatua remove COURSE_ID`.
pub fn remove(data: Option<&Path>, course_id: &str) -> anyhow::Result<ExitCode> {
    let dir = data_dir(data)?;
    match install::remove(&dir, course_id) {
        Ok(id) => {
            writeln!(
                crate::sanitize::stdout(),
                "removed `{id}`; learners' records of it are kept"
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => bail!(e),
    }
}
