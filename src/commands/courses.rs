//! `hatua courses`: the courses a learner here can open, and where each one comes from, as a
//! table for people or JSON for tools.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::bundle::Standing;
use crate::cli::Format;
use crate::library::{Entry, Library, Origin};
use crate::sanitize::visible_line;

/// One course as `hatua courses` lists it. The field names are the JSON output's, which
/// scripts read: change them only with the doc comment of `Command::Courses`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub id: String,
    /// `None` when the course cannot be opened.
    pub version: Option<String>,
    pub title: String,
    /// `None` when the course cannot be opened.
    pub items: Option<usize>,
    /// `built-in` or `installed`.
    pub origin: &'static str,
    /// `signed`, `unknown-key` or `unsigned` for an installed course that opens; `None`
    /// for a built-in one (it travels inside the program) or one that cannot be opened.
    pub signature: Option<&'static str>,
    /// The trusted publisher who signed it.
    pub signed_by: Option<String>,
    /// An installed course's folder.
    pub folder: Option<String>,
    pub available: bool,
    /// Why it cannot be opened: its first error.
    pub problem: Option<String>,
    /// What the ORIGIN column says: `built-in`, `signed by Org`, `unsigned`…
    #[serde(skip)]
    pub origin_words: String,
}

/// Every course of the library, in its order, as listed. Text from a bundle (titles, a
/// publisher's name) has its control characters made visible, here once for both formats.
pub fn listing(library: &Library) -> Vec<Listed> {
    library.entries.iter().map(listed).collect()
}

fn listed(entry: &Entry) -> Listed {
    let (origin, folder) = match entry.origin() {
        Origin::BuiltIn => ("built-in", None),
        Origin::Installed(dir) => ("installed", Some(dir)),
    };
    let folder_text = folder.map(|d| visible_line(&d.display().to_string()).into_owned());
    match entry {
        Entry::Ready {
            course, standing, ..
        } => {
            let (signature, signed_by) = match (folder, standing) {
                (None, _) => (None, None),
                (Some(_), Some(Standing::SignedBy { name })) => {
                    (Some("signed"), Some(visible_line(name).into_owned()))
                }
                (Some(_), Some(Standing::UnknownSigner { .. })) => (Some("unknown-key"), None),
                (Some(_), _) => (Some("unsigned"), None),
            };
            let origin_words = match (folder, standing) {
                (None, _) => "built-in".to_string(),
                (Some(_), Some(s)) => crate::library::policy::standing_words(s),
                (Some(_), None) => "unsigned".to_string(),
            };
            Listed {
                id: course.id.clone(),
                version: Some(course.version.clone()),
                title: visible_line(&course.title).into_owned(),
                items: Some(course.item_count()),
                origin,
                signature,
                signed_by,
                folder: folder_text,
                available: true,
                problem: None,
                origin_words: visible_line(&origin_words).into_owned(),
            }
        }
        Entry::Unavailable { name, error, .. } => Listed {
            // An installed course's folder is named after its id; the name may be its title.
            id: folder
                .and_then(|d| d.file_name())
                .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned()),
            version: None,
            title: visible_line(name).into_owned(),
            items: None,
            origin,
            signature: None,
            signed_by: None,
            folder: folder_text,
            available: false,
            problem: Some(error.headline()),
            origin_words: origin.to_string(),
        },
    }
}

/// `hatua courses [--format json]`: one line (or object) per course, unavailable ones with
/// their first error.
pub fn courses(data_dir: Option<&Path>, format: Format) -> anyhow::Result<ExitCode> {
    let dir = crate::paths::data_dir(data_dir);
    let mut library = Library::load(dir.as_deref());
    // Start-up checks only signatures; a coordinator asking what is installed gets what a
    // learner would meet: a course whose files changed since install is unavailable.
    let installed: Vec<(String, std::path::PathBuf)> = library
        .entries
        .iter()
        .filter_map(|e| match (e.course(), e.origin()) {
            (Some(c), Origin::Installed(dir)) => Some((c.id.clone(), dir.clone())),
            _ => None,
        })
        .collect();
    for (id, folder) in installed {
        if let Err(e) = crate::library::install::verify_installed(&folder, &library.trust) {
            library.refuse(&id, &e.to_string());
        }
    }
    let rows = listing(&library);
    let mut out = crate::sanitize::stdout();
    match format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&rows).expect("a listing is plain data");
            writeln!(out, "{json}").context("cannot write to standard output")?;
        }
        Format::Text => table(&mut out, &rows).context("cannot write to standard output")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The table: the title last, since it is the longest, and ORIGIN as wide as its longest
/// entry so that every title starts in one column.
fn table(out: &mut impl Write, rows: &[Listed]) -> std::io::Result<()> {
    let origin_width = rows
        .iter()
        .map(|r| crate::width::cells(&r.origin_words))
        .chain([ORIGIN.len()])
        .max()
        .unwrap_or(0);
    let pad = |text: &str| {
        let used = crate::width::cells(text);
        format!("{text}{}", " ".repeat(origin_width.saturating_sub(used)))
    };
    writeln!(
        out,
        "{:<34} {:<9} {:>5}  {}  TITLE",
        "ID",
        "VERSION",
        "ITEMS",
        pad(ORIGIN)
    )?;
    for r in rows {
        let title = match &r.problem {
            None => r.title.clone(),
            Some(problem) => format!("unavailable: {problem}"),
        };
        writeln!(
            out,
            "{:<34} {:<9} {:>5}  {}  {title}",
            r.id,
            r.version.as_deref().unwrap_or("-"),
            r.items.map_or_else(|| "-".to_string(), |n| n.to_string()),
            pad(&r.origin_words),
        )?;
    }
    Ok(())
}

const ORIGIN: &str = "ORIGIN";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_courses_say_so_in_their_own_column_not_in_the_title() {
        let rows = listing(&Library::load(None));
        assert!(!rows.is_empty());
        for r in &rows {
            assert_eq!(
                (r.origin, r.origin_words.as_str()),
                ("built-in", "built-in")
            );
            assert_eq!(r.signature, None);
            assert!(!r.title.contains("built-in"), "{}", r.title);
        }
        let mut text = Vec::new();
        table(&mut text, &rows).unwrap();
        let text = String::from_utf8(text).unwrap();
        let title_at = text.lines().next().unwrap().find("TITLE").unwrap();
        for (line, r) in text.lines().skip(1).zip(&rows) {
            assert_eq!(&line[title_at..], r.title, "{line}");
        }
    }
}
