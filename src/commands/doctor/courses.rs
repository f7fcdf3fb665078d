//! What `hatua doctor` says about courses and keys: every installed course checked in full
//! against its manifest, whatever was remembered from earlier checks, and the keys this
//! workstation trusts.

use std::io::Write;
use std::path::Path;

use super::Problems;
use crate::bundle::{BundleError, Change, Standing, TRUST_FILE, TrustStore};
use crate::library::policy::standing_words;
use crate::library::{Entry, Library, Origin};
use crate::sanitize::visible_line;

/// One line per installed course, with its standing or what is wrong with it.
pub fn courses(out: &mut impl Write, dir: &Path, problems: &mut Problems) -> std::io::Result<()> {
    let library = Library::load_without_writing(dir);
    let built_in = library
        .entries
        .iter()
        .filter(|e| *e.origin() == Origin::BuiltIn)
        .count();
    let installed: Vec<&Entry> = library
        .entries
        .iter()
        .filter(|e| matches!(e.origin(), Origin::Installed(_)))
        .collect();
    writeln!(
        out,
        "Courses: {} built into the program, {} installed{}",
        built_in,
        installed.len(),
        if installed.is_empty() { "." } else { ":" }
    )?;
    for entry in installed {
        let Origin::Installed(folder) = entry.origin() else {
            continue;
        };
        let folder_name = folder
            .file_name()
            .map(|n| visible_line(&n.to_string_lossy()).into_owned())
            .unwrap_or_default();
        let Some(course) = entry.course() else {
            let why = match entry {
                Entry::Unavailable { error, .. } => visible_line(&error.to_string()).into_owned(),
                Entry::Ready { .. } => String::new(),
            };
            writeln!(out, "  {folder_name}: cannot be opened: {why}")?;
            problems.add(
                format!("The course in {} cannot be opened.", folder.display()),
                format!(
                    "Import it again from the trainer's drive (`hatua import --force DRIVE`), or \
                     remove it: `hatua remove {folder_name}`. Learners' records are kept."
                ),
            );
            continue;
        };
        let id = visible_line(&course.id).into_owned();
        let head = format!("  {id} {}", visible_line(&course.version));
        match crate::library::verified::verify_fully(folder, &library.trust) {
            Ok(Standing::NoManifest) => writeln!(
                out,
                "{head}: copied in by hand, without a manifest: its files cannot be checked."
            )?,
            Ok(standing) => writeln!(
                out,
                "{head}: every file as packed, {}.",
                visible_line(&standing_words(&standing))
            )?,
            Err(e) => {
                let (what, detail) = match &e {
                    BundleError::Tampered { file, change } => {
                        let file = visible_line(file);
                        let detail = match change {
                            Change::Modified => format!("`{file}` was changed"),
                            Change::Missing => format!("`{file}` is missing"),
                            Change::Added => format!("`{file}` was added"),
                        };
                        ("was changed after it was installed", detail)
                    }
                    _ => (
                        "failed its check",
                        visible_line(&e.to_string()).into_owned(),
                    ),
                };
                writeln!(out, "{head}: {what}: {detail}.")?;
                problems.add(
                    format!(
                        "The course “{}” ({id}) {what}, so learners cannot open it.",
                        visible_line(&course.title)
                    ),
                    format!(
                        "Import it again from the trainer's drive or bundle: `hatua import \
                         --force DRIVE`. Learners' records are kept. If nobody here changed \
                         it, tell the trainer: someone may have edited {}.",
                        folder.display()
                    ),
                );
            }
        }
    }
    Ok(())
}

/// The keys this workstation trusts, by name.
pub fn trusted_keys(
    out: &mut impl Write,
    dir: &Path,
    problems: &mut Problems,
) -> std::io::Result<()> {
    let path = dir.join(TRUST_FILE);
    match TrustStore::load(&path) {
        Ok(trust) if trust.list().is_empty() => writeln!(
            out,
            "Trusted keys: none (`hatua trust add` names a publisher or a site)."
        ),
        Ok(trust) => {
            let keys: Vec<String> = trust
                .list()
                .iter()
                .map(|p| {
                    format!(
                        "{} (ed25519:{}…)",
                        visible_line(&p.name),
                        p.key.get(..8).unwrap_or(&p.key)
                    )
                })
                .collect();
            writeln!(
                out,
                "Trusted keys: {} in {}: {}.",
                keys.len(),
                path.display(),
                keys.join(", ")
            )
        }
        Err(e) => {
            writeln!(out, "Trusted keys: {}", visible_line(&e.to_string()))?;
            problems.add(
                format!(
                    "The list of trusted keys, {}, cannot be read.",
                    path.display()
                ),
                "Correct the line it names, or move the file away and add the keys again \
                 with `hatua trust add`. Until then every course shows as signed by an \
                 unknown key.",
            );
            Ok(())
        }
    }
}
