//! The publishers a workstation trusts, kept in `<data_dir>/trust.toml`: a bundle signed with
//! one of their keys is shown with the publisher's name.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use time::OffsetDateTime;
use time::macros::format_description;
use toml::Spanned;

use super::BundleError;
use super::durable::write_atomic;
use super::keys::parse_public_key;
use super::manifest::{line_of, quote};
use crate::sanitize::clean_line;

/// The trust store's file name inside the data dir.
pub const TRUST_FILE: &str = "trust.toml";

/// A name is shown beside every course the publisher signs; longer is not a name.
const MAX_NAME_CHARS: usize = 80;

const HEADER: &str = "# The publishers and sites this workstation trusts: a course bundle or a certificate\n\
                      # signed with one of these keys shows its name. Written by Hatua.\n";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    pub name: String,
    /// The ed25519 public key, lowercase hex.
    pub key: String,
    /// When it was added, UTC, `2025-01-31T09:00:00Z`.
    pub added_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustStore {
    path: PathBuf,
    publishers: Vec<Publisher>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStore {
    #[serde(default)]
    publisher: Vec<RawPublisher>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublisher {
    name: Spanned<String>,
    key: Spanned<String>,
    #[serde(default)]
    added_at: String,
}

impl TrustStore {
    /// Reads the trust store; a missing file is an empty store, a damaged one an error that
    /// names the file and the line.
    pub fn load(path: &Path) -> Result<TrustStore, BundleError> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(BundleError::io(path, e)),
        };
        let damaged = |line: usize, message: String| BundleError::Trust {
            path: path.to_path_buf(),
            line,
            message,
        };
        let raw: RawStore = toml::from_str(&text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_of(&text, &s));
            damaged(line, e.message().trim().to_string())
        })?;
        let mut store = TrustStore {
            path: path.to_path_buf(),
            publishers: Vec::new(),
        };
        for p in raw.publisher {
            let key_line = line_of(&text, &p.key.span());
            let key = parse_public_key(p.key.get_ref())
                .map_err(|_| damaged(key_line, "this is not an ed25519 public key".into()))?;
            let name_line = line_of(&text, &p.name.span());
            let name = store
                .check_name(p.name.get_ref(), &key)
                .map_err(|reason| damaged(name_line, format!("this publisher name {reason}")))?;
            if store.publishers.iter().any(|q| q.key == key) {
                return Err(damaged(key_line, "this key is listed twice".into()));
            }
            store.publishers.push(Publisher {
                name,
                key,
                added_at: p.added_at,
            });
        }
        Ok(store)
    }

    /// Trusts `key` (any form [`parse_public_key`] reads) under `name`; a key already trusted
    /// is renamed. The file is replaced atomically.
    pub fn add(&mut self, key: &str, name: &str) -> Result<(), BundleError> {
        let key = parse_public_key(key)?;
        let name = self
            .check_name(name, &key)
            .map_err(|reason| BundleError::PublisherName {
                name: name.to_string(),
                reason: reason.to_string(),
            })?;
        let mut publishers = self.publishers.clone();
        match publishers.iter_mut().find(|p| p.key == key) {
            Some(existing) => existing.name = name,
            None => publishers.push(Publisher {
                name,
                key,
                added_at: now(),
            }),
        }
        self.save(publishers)
    }

    /// Stops trusting the publisher with this exact name, or this key.
    pub fn remove(&mut self, key_or_name: &str) -> Result<Publisher, BundleError> {
        let by_name = self
            .publishers
            .iter()
            .position(|p| p.name == key_or_name.trim());
        let by_key = || {
            let key = parse_public_key(key_or_name).ok()?;
            self.publishers.iter().position(|p| p.key == key)
        };
        let Some(index) = by_name.or_else(by_key) else {
            return Err(BundleError::UnknownPublisher {
                key_or_name: key_or_name.to_string(),
            });
        };
        let mut publishers = self.publishers.clone();
        let removed = publishers.remove(index);
        self.save(publishers)?;
        Ok(removed)
    }

    /// The trusted publishers, in the order they were added.
    pub fn list(&self) -> &[Publisher] {
        &self.publishers
    }

    /// The name of the publisher with this key (hex, any case).
    pub fn name_of(&self, key_hex: &str) -> Option<&str> {
        self.publishers
            .iter()
            .find(|p| p.key.eq_ignore_ascii_case(key_hex.trim()))
            .map(|p| p.name.as_str())
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A name as it will be shown: one clean line, not empty, not too long, and not the name
    /// of another key (two keys under one name would let either pass for the other).
    fn check_name(&self, name: &str, key: &str) -> Result<String, &'static str> {
        let clean = clean_line(name).trim().to_string();
        if clean.is_empty() {
            return Err("is empty");
        }
        if clean.chars().count() > MAX_NAME_CHARS {
            return Err("is longer than 80 characters");
        }
        if self
            .publishers
            .iter()
            .any(|p| p.name == clean && p.key != key)
        {
            return Err("is already the name of another trusted key");
        }
        Ok(clean)
    }

    /// Writes `publishers` and, once they are safely on disk, keeps them.
    fn save(&mut self, publishers: Vec<Publisher>) -> Result<(), BundleError> {
        let mut text = String::from(HEADER);
        for p in &publishers {
            text.push_str(&format!(
                "\n[[publisher]]\nname = {}\nkey = {}\nadded_at = {}\n",
                quote(&p.name),
                quote(&p.key),
                quote(&p.added_at)
            ));
        }
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            super::durable::create_dir_all(parent).map_err(|e| BundleError::io(parent, e))?;
        }
        write_atomic(&self.path, text.as_bytes())?;
        self.publishers = publishers;
        Ok(())
    }
}

/// Now, UTC, to the second. A clock beyond year 9999 cannot be formatted; the date is only
/// shown, so it is then left empty rather than refusing to trust.
fn now() -> String {
    OffsetDateTime::now_utc()
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
