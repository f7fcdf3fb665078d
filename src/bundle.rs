//! Bundles as they travel: packing a course folder into one reproducible zip, opening a zip
//! or folder from a USB drive without trusting it, the manifest of file hashes, publisher
//! signatures and the publishers a workstation trusts.
//!
//! Everything here treats a bundle as hostile until checked: names that climb out of the
//! bundle, links, devices, zip bombs and lying headers are refused before a byte is written.

mod archive;
mod checks;
pub(crate) mod durable;
mod folder;
pub mod keys;
pub mod manifest;
mod memory;
pub mod pack;
pub mod trust;
mod unpack;
pub mod verify;

use std::io;
use std::path::{Path, PathBuf};

pub use archive::{Limits, RATIO_FLOOR, ZipBundle};
pub use folder::{Flush, folder_files, hash_files, scan_folder, write_tree};
pub use keys::{PublisherKey, parse_public_key};
pub use manifest::{MANIFEST_FILE, Manifest, Signature, hash_bytes, hash_file};
pub use memory::MemorySource;
pub use pack::{PackError, Packed, pack};
pub use trust::{Publisher, TRUST_FILE, TrustStore};
pub use unpack::{Unpacked, unpack};
pub use verify::{
    BundleFile, Standing, signer_of, standing_by, standing_of, verify, verify_hashes,
};

/// How a file differs from what the manifest says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The file is there, with other bytes than were packed.
    Modified,
    /// The manifest lists it; the bundle does not have it.
    Missing,
    /// The bundle has it; the manifest does not list it.
    Added,
}

/// Why a bundle, a key or the trust store was refused. Every message is a full sentence that
/// names the file or entry and says what to do; names from a bundle are shown with control
/// characters escaped, so a hostile name cannot drive the terminal.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("{}", io_sentence(path, source))]
    Io { path: PathBuf, source: io::Error },

    #[error(
        "{} is not a course bundle: it has no course.toml at its root. Choose the course folder itself, or the .zip that `hatua pack` made.",
        shown_path(path)
    )]
    NotABundle { path: PathBuf },

    #[error(
        "The bundle entry `{}` was refused: {reason}. Remove it from the course, or ask the trainer for a bundle made with `hatua pack`.",
        shown(entry)
    )]
    UnsafeEntry { entry: String, reason: String },

    #[error("{}", too_large_sentence(entry, *limit))]
    TooLarge { entry: String, limit: u64 },

    #[error(
        "The bundle holds {count} files, more than the {limit} a bundle may hold. Split the course into smaller courses."
    )]
    TooManyFiles { count: usize, limit: usize },

    #[error("The bundle would unpack to {} at the entry `{}`, over the safe limit of {}: it looks like a zip bomb, so it was not unpacked. Ask the trainer for a fresh copy made with `hatua pack`.", bytes(*total), shown(entry), bytes(*limit))]
    Bomb {
        /// The entry at which the limit was crossed.
        entry: String,
        /// Bytes it would unpack to: the running total, or this entry alone for a ratio.
        total: u64,
        /// Bytes allowed: the bundle's limit, or for a ratio the entry's compressed size
        /// times the allowed ratio.
        limit: u64,
    },

    #[error(
        "The bundle file `{}` is not UTF-8 text. Open it in an editor and save it as UTF-8, or move it under assets/ if it is an image or attachment.",
        shown(entry)
    )]
    NotUtf8 { entry: String },

    #[error(
        "The bundle's {MANIFEST_FILE} cannot be used: {}. Pack the course again with `hatua pack`, or ask the trainer for a fresh copy.",
        shown(message)
    )]
    Manifest { message: String },

    #[error("{}. The bundle is not the one that was packed, so it cannot be trusted; ask the trainer for a fresh copy.", change_sentence(file, *change))]
    Tampered { file: String, change: Change },

    #[error(
        "The bundle's signature does not match its {MANIFEST_FILE}: the bundle was changed after it was signed, so it cannot be trusted. Ask the trainer for a fresh copy."
    )]
    BadSignature,

    #[error("{}", key_sentence(path, message))]
    Key { path: PathBuf, message: String },

    #[error("The trusted publishers file {}{} is damaged: {}. Fix or delete that line (the publishers can be added again).", shown_path(path), line_suffix(*line), shown(message))]
    Trust {
        path: PathBuf,
        /// 1-based; 0 when the problem is not on one line.
        line: usize,
        message: String,
    },

    #[error(
        "No trusted publisher has the name or key `{}`. Check it against the list of trusted publishers.",
        shown(key_or_name)
    )]
    UnknownPublisher { key_or_name: String },

    #[error(
        "The publisher name `{}` cannot be used: it {reason}. Choose another name.",
        shown(name)
    )]
    PublisherName { name: String, reason: String },

    #[error(
        "Hatua could not get random bytes from the system to make a key ({message}). Try again; if it keeps failing, make the key on another computer."
    )]
    Random { message: String },

    #[error(
        "{} is not a readable zip archive ({}). Copy it from the trainer's drive again; if it still fails, ask for a fresh copy.",
        shown_path(path),
        shown(message)
    )]
    Zip { path: PathBuf, message: String },
}

impl BundleError {
    pub(crate) fn io(path: &Path, source: io::Error) -> BundleError {
        BundleError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn unsafe_entry(entry: &str, reason: impl Into<String>) -> BundleError {
        BundleError::UnsafeEntry {
            entry: entry.to_string(),
            reason: reason.into(),
        }
    }
}

/// What went wrong reading or writing `path`, and what to do: a full disk says so, rather
/// than sending someone to check a cable.
fn io_sentence(path: &Path, source: &io::Error) -> String {
    if source.kind() == io::ErrorKind::StorageFull {
        format!(
            "The disk is full: Hatua could not write {}. Free some space on it and try again.",
            shown_path(path)
        )
    } else {
        format!(
            "Hatua could not read or write {}: {source}. Check that the drive is plugged in and the path is right.",
            shown_path(path)
        )
    }
}

fn too_large_sentence(entry: &str, limit: u64) -> String {
    let asset = entry.starts_with("assets/") || entry.contains("/assets/");
    let advice = if asset {
        "Make it smaller (a shorter video, a compressed image), or leave it out and hand it out separately"
    } else {
        "Split it into several lessons; images and attachments belong under assets/, where files up to 20 MiB are allowed"
    };
    format!(
        "The bundle entry `{}` is larger than the {} a{} may hold. {advice}.",
        shown(entry),
        bytes(limit),
        if asset {
            "n image or attachment"
        } else {
            " lesson, quiz or course.toml"
        }
    )
}

impl BundleError {
    /// The sentence for a person, in whatever language she reads: the import screen's
    /// reasons. The common refusals have sentences of their own in every catalog; the
    /// rest are given in English inside a sentence that is not. In English it reads as
    /// the error's `Display`.
    pub fn message(&self) -> crate::i18n::Message {
        use crate::i18n::Message;
        match self {
            BundleError::Tampered { file, change } => Message::new("import.tampered")
                .with("file", shown(file))
                .with(
                    "change",
                    match change {
                        Change::Modified => "modified",
                        Change::Missing => "missing",
                        Change::Added => "added",
                    },
                ),
            BundleError::BadSignature => Message::new("import.bad_signature"),
            BundleError::NotABundle { path } => {
                Message::new("import.not_a_bundle").with("path", shown_path(path))
            }
            other => Message::new("import.unreadable").with("detail", other),
        }
    }
}

fn change_sentence(file: &str, change: Change) -> String {
    let file = shown(file);
    match change {
        Change::Modified => format!("The bundle file `{file}` was changed after it was packed"),
        Change::Missing => {
            format!("The bundle file `{file}` is missing: it was packed but is not there")
        }
        Change::Added => format!("The bundle file `{file}` was added after it was packed"),
    }
}

fn key_sentence(path: &Path, message: &str) -> String {
    // A key pasted as text has no file to name.
    if path.as_os_str().is_empty() {
        format!("The publisher key cannot be used: {}.", shown(message))
    } else {
        format!(
            "The publisher key file {} cannot be used: {}.",
            shown_path(path),
            shown(message)
        )
    }
}

fn line_suffix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line})")
    }
}

/// Sizes as a person reads them; the limits are whole MiB, files can be anything.
fn bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

/// A name from a bundle, safe for a terminal: control and bidi characters become visible
/// `\u{..}` escapes (removing them would hide what makes the name hostile), and a very long
/// name is cut.
pub(crate) fn shown(text: &str) -> String {
    const MAX_CHARS: usize = 200;
    let mut cut: String = text.chars().take(MAX_CHARS).collect();
    if text.chars().nth(MAX_CHARS).is_some() {
        cut.push('…');
    }
    crate::sanitize::visible_line(&cut).into_owned()
}

pub(crate) fn shown_path(path: &Path) -> String {
    shown(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_shown_escaped_and_cut() {
        assert_eq!(shown("lessons/a.md"), "lessons/a.md");
        assert_eq!(shown("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(shown("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(shown(&"a".repeat(500)).chars().count(), 201);
    }

    #[test]
    fn every_message_names_what_it_is_about() {
        let e = BundleError::Tampered {
            file: "lessons/a.md".into(),
            change: Change::Missing,
        };
        assert!(e.to_string().contains("`lessons/a.md` is missing"), "{e}");
        let e = BundleError::TooLarge {
            entry: "lessons/big.md".into(),
            limit: 2 * 1024 * 1024,
        };
        assert!(e.to_string().contains("`lessons/big.md`"), "{e}");
        assert!(e.to_string().contains("2 MiB"), "{e}");
        let e = BundleError::Key {
            path: PathBuf::new(),
            message: "not hex".into(),
        };
        assert_eq!(e.to_string(), "The publisher key cannot be used: not hex.");
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn an_import_refusal_reads_as_the_error_in_english_and_in_the_readers_language() {
        let errors = [
            BundleError::Tampered {
                file: "lessons/intro.md".into(),
                change: Change::Modified,
            },
            BundleError::Tampered {
                file: "lessons/intro.md".into(),
                change: Change::Missing,
            },
            BundleError::Tampered {
                file: "quizzes/x.toml".into(),
                change: Change::Added,
            },
            BundleError::BadSignature,
            BundleError::NotABundle {
                path: PathBuf::from("/media/usb/notes"),
            },
        ];
        for e in &errors {
            e.message().assert_worded_as(&e.to_string());
        }
        assert!(
            errors[0]
                .message()
                .text(Lang::Fr)
                .contains("a été modifié après")
        );
        assert!(
            errors[3]
                .message()
                .text(Lang::Es)
                .contains("La firma del paquete")
        );
    }
}
