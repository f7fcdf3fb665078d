//! Course bundles: the model, loading a bundle from a folder or from the binary, and the
//! diagnostics that `hatua validate` prints.

pub mod diagnostic;
pub mod fields;
pub mod gift;
mod lesson_file;
pub mod load;
pub mod markdown;
mod quiz_file;
mod quiz_kinds;
pub mod readability;
pub mod source;
pub mod translation;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use load::{Loaded, load, load_for_play};
pub use source::{BundleSource, DirSource, EmbeddedSource};

use crate::quiz::Quiz;

/// The bundle format version this build reads. A bundle declaring a later one is refused.
pub const FORMAT_VERSION: i64 = 1;

/// A course that passed validation. All text in it has been cleaned of terminal controls.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// Stable forever: progress is keyed on it.
    pub id: String,
    pub version: String,
    pub title: String,
    pub language: String,
    pub summary: String,
    pub authors: Vec<String>,
    pub license: Option<String>,
    /// Estimated minutes to complete.
    pub minutes: u32,
    pub modules: Vec<Module>,
    /// What completing the course takes.
    pub completion: Completion,
    /// Only the outline was read (from an installed course's index): lesson texts and quiz
    /// questions are read when the course is opened.
    pub outline_only: bool,
    /// The language the titles and items are in now: `language` until
    /// [`Course::in_language`] chose a translation.
    pub shown_language: String,
    /// The course in each of its languages, when it has translations; empty otherwise.
    pub renditions: std::sync::Arc<translation::Renditions>,
}

/// What completing a course takes, from `[completion]` in course.toml. By default: every
/// lesson read and every quiz passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Every lesson must be read.
    pub lessons: bool,
    /// The quizzes (by id) that must be passed; `None` means all of them.
    pub quizzes: Option<Vec<String>>,
}

impl Default for Completion {
    fn default() -> Self {
        Completion {
            lessons: true,
            quizzes: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable across versions of the course; progress is keyed on it.
    pub id: String,
    /// Path inside the bundle.
    pub path: String,
    pub title: String,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Lesson(Lesson),
    Quiz(Quiz),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The text; empty in an outline read from an installed course's index, whose lessons
    /// are read one at a time, when opened.
    pub markdown: String,
    pub minutes: Option<u32>,
    /// A short hash of the text (see [`Lesson::content_hash`]), known from the index even
    /// when the text is not read.
    hash: String,
}

impl Lesson {
    pub fn new(markdown: String, minutes: Option<u32>) -> Lesson {
        let hash = text_hash(&markdown);
        Lesson {
            markdown,
            minutes,
            hash,
        }
    }

    /// A lesson of an outline: its text is not read, its hash is known.
    pub fn outline(hash: String, minutes: Option<u32>) -> Lesson {
        Lesson {
            markdown: String::new(),
            minutes,
            hash,
        }
    }

    /// A short hash of the lesson's text: it changes when the text does, so a learner who
    /// read an earlier version can be told the lesson was updated.
    pub fn content_hash(&self) -> String {
        self.hash.clone()
    }

    /// A translation answers to its source's hash (see `translation::in_language`).
    pub fn set_hash(&mut self, hash: String) {
        self.hash = hash;
    }
}

fn text_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    hex::encode(&digest[..8])
}

impl Item {
    pub fn is_quiz(&self) -> bool {
        matches!(self.kind, ItemKind::Quiz(_))
    }
}

impl Course {
    /// Every item in outline order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.modules.iter().flat_map(|m| m.items.iter())
    }

    pub fn item_count(&self) -> usize {
        self.modules.iter().map(|m| m.items.len()).sum()
    }

    /// The item at a position in outline order.
    pub fn item_at(&self, index: usize) -> Option<&Item> {
        self.items().nth(index)
    }

    /// Position in outline order of the item with this id.
    pub fn index_of(&self, item_id: &str) -> Option<usize> {
        self.items().position(|i| i.id == item_id)
    }
}

/// Ids are lowercase letters, digits, `-` and `_`, starting with a letter or digit: safe in
/// file names, URLs and the records, and the same on every system.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && id.len() <= 64
}

/// The hint given with a bad id.
pub(crate) const ID_HINT: &str =
    "use lowercase letters, digits, `-` and `_` (at most 64), e.g. `sex-and-gender`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_portable_words() {
        assert!(is_valid_id("sex-and-gender"));
        assert!(is_valid_id("cedaw_1979"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-lead"));
        assert!(!is_valid_id("Upper"));
        assert!(!is_valid_id("has space"));
        assert!(!is_valid_id("semi;colon"));
        assert!(!is_valid_id(&"a".repeat(65)));
    }
}
