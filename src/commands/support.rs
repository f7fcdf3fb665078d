//! `hatua support show|check`: the site's own support contacts (`support.toml`), as lessons
//! will list them, or each mistake in the file at its line.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::SupportCommand;
use crate::support::{self, Contact, SiteSupport};

pub fn run(data_dir: Option<&Path>, action: SupportCommand) -> anyhow::Result<ExitCode> {
    let dir = super::data_folder(data_dir)?;
    let path = support::path(&dir);
    let mut out = crate::sanitize::stdout();
    match support::load(&dir) {
        SiteSupport::NotSet => {
            writeln!(
                out,
                "No support contacts are set: lessons show their own text (\"ask your trainer\"). \
                 To list this site's helplines, write {} (docs/support.md shows how).",
                path.display()
            )?;
        }
        SiteSupport::Set(s) if s.contacts.is_empty() => {
            writeln!(
                out,
                "{} lists no contacts: lessons show their own text. Add `[[contacts]]` tables.",
                path.display()
            )?;
        }
        SiteSupport::Set(s) => {
            writeln!(
                out,
                "{} support contacts in {}: lessons show them where they ask for them.",
                s.contacts.len(),
                path.display()
            )?;
            if matches!(action, SupportCommand::Show) {
                for c in &s.contacts {
                    writeln!(out, "{}", line(c))?;
                }
            }
        }
        SiteSupport::Broken(diagnostics) => {
            let mut err = crate::sanitize::stderr();
            for d in &diagnostics {
                writeln!(err, "{}", d.render())?;
            }
            writeln!(
                err,
                "{} cannot be used until this is fixed: meanwhile, lessons show their own text.",
                path.display()
            )?;
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A contact as a lesson lists it, with the languages it is kept for.
fn line(c: &Contact) -> String {
    let mut s = format!("  • {}", c.name);
    let details: Vec<&str> = c.phone.iter().chain(&c.hours).map(String::as_str).collect();
    if !details.is_empty() {
        s.push_str(&format!(" — {}", details.join(" · ")));
    }
    if !c.languages.is_empty() {
        s.push_str(&format!(" ({})", c.languages.join(", ")));
    }
    if let Some(note) = &c.note {
        s.push_str(&format!("\n    {note}"));
    }
    s
}

/// One line for `hatua doctor`: what the file holds, or that it is broken and how to see why.
pub fn doctor_line(dir: &Path) -> String {
    let path = support::path(dir);
    match support::load(dir) {
        SiteSupport::NotSet => format!(
            "Support contacts: none set ({} does not exist); lessons show their own text.",
            path.display()
        ),
        SiteSupport::Set(s) => format!(
            "Support contacts: {} in {}.",
            s.contacts.len(),
            path.display()
        ),
        SiteSupport::Broken(d) => format!(
            "Support contacts: {} has {} mistake{} and is not used; `hatua support check` shows where.",
            path.display(),
            d.len(),
            if d.len() == 1 { "" } else { "s" }
        ),
    }
}
