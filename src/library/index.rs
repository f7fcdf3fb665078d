//! The outline index of an installed course: its metadata and, per item, the id, path,
//! title and kind, written at install. Start-up reads this one small file per course instead
//! of every lesson; the full course is read (and checked) when a learner opens it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bundle::{MANIFEST_FILE, hash_bytes};
use crate::course::translation::{Rendition, Renditions};
use crate::course::{Completion, Course, Item, ItemKind, Lesson, Module};
use crate::quiz::Quiz;

/// Hidden, so the bundle checks (which skip hidden files) never count it as part of the
/// course.
pub const INDEX_FILE: &str = ".hatua-index.toml";
/// 2: quizzes keep their attempt limit (the facilitator's board needs it) and lessons the
/// hash of their text (the outline says "updated" without reading them). 3: the course's
/// translations, their titles and paths.
const FORMAT: u32 = 3;

/// One course's outline, as kept in its own index file and in the library's catalog.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Index {
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
    #[serde(default)]
    translations: Vec<IndexTranslation>,
}

/// A translation's words, as the outline needs them.
#[derive(Clone, Serialize, Deserialize)]
struct IndexTranslation {
    language: String,
    title: String,
    summary: String,
    /// Per module, its title; empty when it has none in this language.
    modules: Vec<String>,
    /// Per item in outline order: the translated file and title; an empty path when the
    /// item has no translation.
    items: Vec<IndexTranslatedItem>,
}

#[derive(Clone, Serialize, Deserialize)]
struct IndexTranslatedItem {
    path: String,
    title: String,
}

#[derive(Clone, Serialize, Deserialize)]
struct IndexModule {
    id: String,
    title: String,
    items: Vec<IndexItem>,
}

#[derive(Clone, Serialize, Deserialize)]
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
    toml::to_string(&Index::of(course, hash_bytes(manifest))).unwrap_or_default()
}

impl Index {
    /// The outline of `course`, whose MANIFEST.toml hashes to `manifest`.
    pub(crate) fn of(course: &Course, manifest: String) -> Index {
        Index {
            format: FORMAT,
            manifest,
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
            translations: course
                .renditions
                .all
                .iter()
                .skip(1)
                .map(|r| IndexTranslation {
                    language: r.language.clone(),
                    title: r.title.clone(),
                    summary: r.summary.clone(),
                    modules: r
                        .modules
                        .iter()
                        .map(|m| m.clone().unwrap_or_default())
                        .collect(),
                    items: r
                        .items
                        .iter()
                        .map(|i| IndexTranslatedItem {
                            path: i.as_ref().map(|i| i.path.clone()).unwrap_or_default(),
                            title: i.as_ref().map(|i| i.title.clone()).unwrap_or_default(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Whether this outline was made by this Hatua for the manifest hashing to `manifest`.
    pub(crate) fn fits(&self, manifest: &str) -> bool {
        self.format == FORMAT && self.manifest == manifest
    }
}

/// The outline of the course installed in `dir`, when its index is there and was made with
/// the manifest that is there now; `None` otherwise (the caller reads the course in full).
pub fn read(dir: &Path) -> Option<Course> {
    read_index(dir).map(|(index, _)| index.into_course())
}

/// The index in `dir` when it fits the manifest there now, with that manifest's bytes.
pub(crate) fn read_index(dir: &Path) -> Option<(Index, Vec<u8>)> {
    let text = std::fs::read_to_string(dir.join(INDEX_FILE)).ok()?;
    let index: Index = toml::from_str(&text).ok()?;
    let manifest = std::fs::read(dir.join(MANIFEST_FILE)).ok()?;
    index
        .fits(&hash_bytes(&manifest))
        .then_some((index, manifest))
}

impl Index {
    /// The course outline this index describes: no lesson text, no quiz questions.
    pub(crate) fn into_course(self) -> Course {
        let index = self;
        let clean = crate::sanitize::clean_line;
        let translations = index.translations;
        let course = Course {
            id: index.id,
            version: index.version,
            title: clean(&index.title),
            shown_language: index.language.clone(),
            renditions: Default::default(),
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
        };
        let renditions = renditions(&course, translations);
        Course {
            renditions: std::sync::Arc::new(renditions),
            ..course
        }
    }
}

/// The outline's languages: its own, then each translation, whose items are the outline's
/// with the translated path and title.
fn renditions(course: &Course, translations: Vec<IndexTranslation>) -> Renditions {
    if translations.is_empty() {
        return Renditions::default();
    }
    let clean = crate::sanitize::clean_line;
    let mut all = vec![Rendition::own(course)];
    for t in translations {
        let items = course
            .items()
            .zip(t.items.iter().map(Some).chain(std::iter::repeat(None)))
            .map(|(item, translated)| {
                let translated = translated.filter(|t| !t.path.is_empty())?;
                let mut item = item.clone();
                item.path.clone_from(&translated.path);
                item.title = clean(&translated.title);
                if let ItemKind::Quiz(q) = &mut item.kind {
                    q.title.clone_from(&item.title);
                }
                Some(item)
            })
            .collect();
        all.push(Rendition {
            language: t.language,
            title: clean(&t.title),
            summary: clean(&t.summary),
            modules: t
                .modules
                .iter()
                .map(|m| (!m.is_empty()).then(|| clean(m)))
                .collect(),
            items,
            followed: Vec::new(),
        });
    }
    Renditions { all }
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
