//! A site's own support contacts: the helplines, clinics and counsellors near this
//! workstation, which a lesson shows where it writes a ` ```hatua-support ` block. A course
//! travels to Nairobi and to Santo Domingo alike; only the site knows who to call there.
//!
//! They live in `support.toml` in the data folder, so they travel with a portable copy, and
//! a facilitator edits them by hand:
//!
//! ```toml
//! [[contacts]]
//! name = "Gender Violence Recovery Centre"
//! phone = "0709 667 000"
//! hours = "24 hours, every day"
//! note = "Free medical care and counselling after rape or assault."
//! languages = ["en", "sw"]     # optional: lessons in these languages only
//! ```
//!
//! The file is as untrusted as a bundle: every field is cleaned of terminal controls before
//! it reaches a screen. A broken file is reported, like a bundle, at `file:line:col` (by
//! `hatua support check` and `hatua doctor`); lessons then show their own text instead.

use std::path::{Path, PathBuf};

use crate::course::Diagnostic;
use crate::course::diagnostic::Diagnostics;
use crate::course::fields::{Fields, TomlSource};
use crate::course::markdown::Contact as Shown;
use crate::sanitize::clean_line;

/// The file's name in the data folder.
pub const SUPPORT_FILE: &str = "support.toml";

/// Far more than any site lists; a larger file is refused rather than read.
pub const MAX_BYTES: u64 = 64 * 1024;

const ROOT_KEYS: &[&str] = &["contacts"];
const CONTACT_KEYS: &[&str] = &["name", "phone", "hours", "note", "languages"];

/// The site's support contacts, checked and cleaned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Support {
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    pub hours: Option<String>,
    pub note: Option<String>,
    /// The languages of the lessons it is shown in (BCP 47 tags); empty for all.
    pub languages: Vec<String>,
}

/// What the data folder holds.
#[derive(Debug)]
pub enum SiteSupport {
    /// No `support.toml`: lessons show their own text.
    NotSet,
    Set(Support),
    /// The file is there but cannot be used; lessons show their own text.
    Broken(Vec<Diagnostic>),
}

/// Where the file is in a data folder.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(SUPPORT_FILE)
}

/// Reads and checks the data folder's `support.toml`.
pub fn load(data_dir: &Path) -> SiteSupport {
    let path = path(data_dir);
    let shown = path.display().to_string();
    let bytes = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return SiteSupport::NotSet,
        Ok(m) if m.is_file() && m.len() > MAX_BYTES => {
            return broken(
                &shown,
                format!(
                    "this file is {} KiB; it may be at most 64 KiB",
                    m.len() / 1024
                ),
                "list only the contacts a learner needs",
            );
        }
        Ok(m) if !m.is_file() => {
            return broken(&shown, "this is not a file", "remove it, or make it a file");
        }
        _ => std::fs::read(&path),
    };
    let text = match bytes.map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            return broken(
                &shown,
                "this file is not UTF-8 text",
                "save it with the UTF-8 encoding",
            );
        }
        Err(e) => {
            return broken(
                &shown,
                format!("cannot read it: {e}"),
                "check its permissions",
            );
        }
    };
    let mut d = Diagnostics::new();
    match parse(&shown, &text, &mut d) {
        Some(support) if !d.has_errors() => SiteSupport::Set(support),
        _ => SiteSupport::Broken(d.into_sorted()),
    }
}

/// The contacts the player shows: none when the file is missing or broken, so that lessons
/// show their own text (`hatua doctor` and `hatua support check` say what is wrong).
pub fn for_player(data_dir: &Path) -> Support {
    match load(data_dir) {
        SiteSupport::Set(support) => support,
        SiteSupport::NotSet | SiteSupport::Broken(_) => Support::default(),
    }
}

fn broken(file: &str, message: impl Into<String>, hint: &str) -> SiteSupport {
    SiteSupport::Broken(vec![Diagnostic::about_file(
        file,
        message,
        Some(hint.to_string()),
    )])
}

/// Reads the text of a support file named `file`; every problem goes to `d`.
pub fn parse(file: &str, text: &str, d: &mut Diagnostics) -> Option<Support> {
    let src = TomlSource { file, text };
    let root = src.parse(d);
    let f = Fields::new(src, &root, ROOT_KEYS, file);
    let mut contacts = Vec::new();
    for c in f
        .tables(d, "contacts", CONTACT_KEYS, |n| format!("contact {n}"))
        .unwrap_or_default()
    {
        let name = c.string(d, "name", "\"Women's helpline\"");
        let line = |d: &mut Diagnostics, key: &str| {
            c.opt_string(d, key)
                .map(|v| clean_line(v.get_ref()).trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let (phone, hours, note) = (line(d, "phone"), line(d, "hours"), line(d, "note"));
        let languages = c
            .opt_string_list(d, "languages")
            .unwrap_or_default()
            .iter()
            .map(|l| clean_line(l.get_ref()).trim().to_string())
            .collect();
        let name = name.map(|n| clean_line(n.get_ref()).trim().to_string());
        c.finish(d);
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            contacts.push(Contact {
                name,
                phone,
                hours,
                note,
                languages,
            });
        }
    }
    f.finish(d);
    (!d.has_errors()).then_some(Support { contacts })
}

impl Support {
    /// The contacts a lesson in `language` shows: those for its language or for every
    /// language. When none is, all of them: a phone number helps in any language.
    pub fn for_language(&self, language: &str) -> Vec<Shown> {
        let primary = |tag: &str| {
            tag.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        let wanted = primary(language);
        let fits = |c: &&Contact| {
            c.languages.is_empty() || c.languages.iter().any(|l| primary(l) == wanted)
        };
        let mut chosen: Vec<&Contact> = self.contacts.iter().filter(fits).collect();
        if chosen.is_empty() {
            chosen = self.contacts.iter().collect();
        }
        chosen.into_iter().map(Contact::shown).collect()
    }
}

impl Contact {
    fn shown(&self) -> Shown {
        Shown {
            name: self.name.clone(),
            details: self.phone.iter().chain(&self.hours).cloned().collect(),
            note: self.note.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
