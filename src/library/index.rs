//! The outline index of an installed course: its metadata and, per item, the id, path,
//! title and kind, written at install. Start-up reads this one small file per course instead
//! of every lesson; the full course is read (and checked) when a learner opens it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bundle::{MANIFEST_FILE, hash_bytes};
use crate::course::{Completion, Course, Item, ItemKind, Lesson, Module};
use crate::quiz::Quiz;

/// Hidden, so the bundle checks (which skip hidden files) never count it as part of the
/// course.
pub const INDEX_FILE: &str = ".hatua-index.toml";
/// 2: quizzes keep their attempt limit (the facilitator's board needs it) and lessons the
/// hash of their text (the outline says "updated" without reading them).
const FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Index {
    format: u32,
    /// SHA-256 of the MANIFEST.toml it was made with: a new manifest makes it stale.
    manifest: String,
    id: String,
    version: String,
    title: String,
    language: String,
    summary: String,
    authors: Vec<String>,
    license: Option<String>,
    minutes: u32,
    completion_lessons: bool,
    completion_quizzes: Option<Vec<String>>,
    modules: Vec<IndexModule>,
}

#[derive(Serialize, Deserialize)]
struct IndexModule {
    id: String,
    title: String,
    items: Vec<IndexItem>,
}

#[derive(Serialize, Deserialize)]
struct IndexItem {
    id: String,
    path: String,
    title: String,
    quiz: bool,
    /// A quiz's `max_attempts`; 0 for lessons and for quizzes without a limit.
    #[serde(default)]
    max_attempts: u32,
    /// A lesson's text hash (to say "updated" in the outline) and minutes.
    #[serde(default)]
    hash: String,
    #[serde(default)]
    minutes: Option<u32>,
}

/// The index text for `course`, installed with `manifest` (the MANIFEST.toml bytes).
pub fn render(course: &Course, manifest: &[u8]) -> String {
    let index = Index {
        format: FORMAT,
        manifest: hash_bytes(manifest),
        id: course.id.clone(),
        version: course.version.clone(),
        title: course.title.clone(),
        language: course.language.clone(),
        summary: course.summary.clone(),
        authors: course.authors.clone(),
        license: course.license.clone(),
        minutes: course.minutes,
        completion_lessons: course.completion.lessons,
        completion_quizzes: course.completion.quizzes.clone(),
        modules: course
            .modules
            .iter()
            .map(|m| IndexModule {
                id: m.id.clone(),
                title: m.title.clone(),
                items: m
                    .items
                    .iter()
                    .map(|i| IndexItem {
                        id: i.id.clone(),
                        path: i.path.clone(),
                        title: i.title.clone(),
                        quiz: i.is_quiz(),
                        max_attempts: match &i.kind {
                            ItemKind::Quiz(q) => q.max_attempts,
                            ItemKind::Lesson(_) => 0,
                        },
                        hash: match &i.kind {
                            ItemKind::Lesson(l) => l.content_hash(),
                            ItemKind::Quiz(_) => String::new(),
                        },
                        minutes: match &i.kind {
                            ItemKind::Lesson(l) => l.minutes,
                            ItemKind::Quiz(_) => None,
                        },
                    })
                    .collect(),
            })
            .collect(),
    };
    toml::to_string(&index).unwrap_or_default()
}

/// The outline of the course installed in `dir`, when its index is there and was made with
/// the manifest that is there now; `None` otherwise (the caller reads the course in full).
pub fn read(dir: &Path) -> Option<Course> {
    let text = std::fs::read_to_string(dir.join(INDEX_FILE)).ok()?;
    let index: Index = toml::from_str(&text).ok()?;
    let manifest = std::fs::read(dir.join(MANIFEST_FILE)).ok()?;
    if index.format != FORMAT || index.manifest != hash_bytes(&manifest) {
        return None;
    }
    let clean = crate::sanitize::clean_line;
    Some(Course {
        id: index.id,
        version: index.version,
        title: clean(&index.title),
        language: index.language,
        summary: clean(&index.summary),
        authors: index.authors,
        license: index.license,
        minutes: index.minutes,
        completion: Completion {
            lessons: index.completion_lessons,
            quizzes: index.completion_quizzes,
        },
        outline_only: true,
        modules: index
            .modules
            .into_iter()
            .map(|m| Module {
                id: m.id,
                title: clean(&m.title),
                items: m
                    .items
                    .into_iter()
                    .map(|i| Item {
                        kind: if i.quiz {
                            ItemKind::Quiz(Quiz {
                                id: i.id.clone(),
                                title: clean(&i.title),
                                pass_mark: 0,
                                max_attempts: i.max_attempts,
                                shuffle: false,
                                draw: 0,
                                questions: Vec::new(),
                            })
                        } else {
                            ItemKind::Lesson(Lesson::outline(i.hash.clone(), i.minutes))
                        },
                        id: i.id,
                        path: i.path,
                        title: clean(&i.title),
                    })
                    .collect(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{self, DirSource};

    #[test]
    fn an_index_gives_back_the_outline_and_goes_stale_with_a_new_manifest() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/all-types");
        let full = course::load(&DirSource::new(&fixture)).course.unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST_FILE), "manifest one").unwrap();
        std::fs::write(dir.path().join(INDEX_FILE), render(&full, b"manifest one")).unwrap();
        let outline = read(dir.path()).expect("a fresh index");
        assert!(outline.outline_only);
        assert_eq!(
            (outline.id.as_str(), outline.title.as_str()),
            (full.id.as_str(), full.title.as_str())
        );
        let ids = |c: &Course| {
            c.items()
                .map(|i| (i.id.clone(), i.title.clone(), i.is_quiz()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&outline), ids(&full));
        assert_eq!(outline.completion, full.completion);
        std::fs::write(dir.path().join(MANIFEST_FILE), "manifest two").unwrap();
        assert!(
            read(dir.path()).is_none(),
            "a new manifest makes the index stale"
        );
    }
}
