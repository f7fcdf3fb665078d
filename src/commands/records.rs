//! `hatua export` and `hatua merge`: records out of a site onto a drive, and into a hub.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::Config;
use crate::harvest;
use crate::library::Library;
use crate::site::Site;
use crate::store::Store;
use crate::store::backup::Why;
use crate::store::harvest::Range;

/// The records, and a backup of them before the command changes them (which stands for
/// the day's backup too).
fn open(data_dir: Option<&Path>, why: Why) -> anyhow::Result<(Store, PathBuf)> {
    let (store, dir) = super::open_records(data_dir, crate::desk::Daily::Later)?;
    super::backup_before(&store, why)?;
    Ok((store, dir))
}

/// `hatua export --to DIR [--all] [--with-names]`.
pub fn export(
    data_dir: Option<&Path>,
    to: &Path,
    all: bool,
    with_names: bool,
    config: &Config,
) -> anyhow::Result<ExitCode> {
    let (mut store, dir) = open(data_dir, Why::Export)?;
    let site = Site::open(&mut store, &dir, config.site_name.as_deref())?;
    let library = Library::load(Some(&dir));
    let range = if all { Range::All } else { Range::New };
    let planned = harvest::plan(&store, &library, range)?;
    let mut out = crate::sanitize::stdout();
    if planned.is_empty() {
        writeln!(
            out,
            "Nothing new since the last export: no file written. `--all` writes every record."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{}: {} with new records, {}, {}{}",
        site.name,
        super::plural(planned.learners, "learner"),
        super::plural(planned.attempts(), "attempt"),
        super::plural(planned.answers(), "answer"),
        if with_names {
            "; learners' names included"
        } else {
            "; no names (each learner is an id)"
        }
    )?;
    let written = harvest::write(
        &mut store,
        &site,
        &library,
        &planned,
        to,
        with_names,
        &mut |_, _| {},
    )?;
    writeln!(
        out,
        "Wrote {} ({} statements, {} KB).",
        written.path.display(),
        written.statements,
        written.bytes.div_ceil(1024)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `hatua merge FILE...`: one line per file, as a table; exit 1 when a file was refused.
pub fn merge(
    data_dir: Option<&Path>,
    paths: &[PathBuf],
    policy: harvest::merge::MergePolicy,
) -> anyhow::Result<ExitCode> {
    let files = harvest::export_files(paths);
    if files.is_empty() {
        anyhow::bail!("no export files (*.hatua-records.zip) found in the paths given");
    }
    let (mut store, dir) = open(data_dir, Why::Merge)?;
    let trust = harvest::merge::SiteTrust::load(&dir, policy)?;
    let mut out = crate::sanitize::stdout();
    let mut err = crate::sanitize::stderr();
    writeln!(
        out,
        "{:<24} {:>8} {:>8} {:>8} {:>8}  FILE",
        "SITE", "LEARNERS", "ATTEMPTS", "ANSWERS", "SKIPPED"
    )?;
    let mut refused = 0;
    for f in files {
        match harvest::merge_file(&mut store, &f, &trust) {
            Ok(m) => {
                let name: String = m.site_name.chars().take(24).collect();
                writeln!(
                    out,
                    "{:<24} {:>8} {:>8} {:>8} {:>8}  {}{}",
                    name,
                    m.counts.learners,
                    m.counts.attempts,
                    m.counts.answers,
                    m.counts.skipped,
                    f.display(),
                    match (&m.trusted_as, m.new_site) {
                        (Some(name), _) => format!("  (trusted as {name})"),
                        (None, true) => "  (a site new here, not in the trusted list)".into(),
                        (None, false) => String::new(),
                    }
                )?;
                if m.counts.waiting > 0 {
                    writeln!(
                        err,
                        "hatua: {}: {} answers wait for their attempts, in an earlier export of this site not merged yet; merge it, then this file again",
                        f.display(),
                        m.counts.waiting
                    )?;
                }
            }
            Err(e) => {
                refused += 1;
                writeln!(err, "hatua: {e}")?;
            }
        }
    }
    Ok(if refused > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
