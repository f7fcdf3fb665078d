//! A course in several languages. course.toml names the languages of its translations
//! (`translations = ["fr", "es"]`); each has a `course.LANG.toml` with the course's words and
//! a translated file beside each lesson and quiz (`lessons/intro.fr.md`). Ids, the outline,
//! points and right answers are the source's alone, so progress and records are one across
//! languages and a learner may switch language mid-course.

use std::sync::Arc;

use super::{Course, Item, ItemKind};

/// The words of a course in one language: its title, summary, module titles and items.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendition {
    /// The language code, as course.toml writes it: `fr`, `es`, `pt-BR`.
    pub language: String,
    pub title: String,
    pub summary: String,
    /// Per module in outline order: its title in this language (`None`: not translated).
    pub modules: Vec<Option<String>>,
    /// Per item in outline order: the item in this language (`None`: not translated).
    pub items: Vec<Option<Item>>,
    /// Per item in outline order, for an author (empty when the course was loaded to be
    /// played): whether it is translated, and which text of its source it follows.
    pub followed: Vec<Followed>,
}

/// Where a translated file stands against its source, by `[follows]` in `course.LANG.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Followed {
    /// No translated file.
    Missing,
    /// Translated, and `[follows]` does not say from which text of the source.
    Unstamped,
    /// Translated from the source as `[follows]` records it (the start of its SHA-256),
    /// which is no longer the source's.
    Stale(String),
    /// Translated from the source as it is now.
    Current(String),
}

impl Followed {
    /// The digest `[follows]` records, when it records one.
    pub fn recorded(&self) -> Option<&str> {
        match self {
            Followed::Stale(d) | Followed::Current(d) => Some(d),
            Followed::Missing | Followed::Unstamped => None,
        }
    }
}

impl Rendition {
    /// The course's own words, as the first of its renditions.
    pub fn own(course: &Course) -> Rendition {
        Rendition {
            language: course.language.clone(),
            title: course.title.clone(),
            summary: course.summary.clone(),
            modules: course
                .modules
                .iter()
                .map(|m| Some(m.title.clone()))
                .collect(),
            items: course.items().map(|i| Some(i.clone())).collect(),
            followed: Vec::new(),
        }
    }
}

/// Every language a course has, the source's first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Renditions {
    pub all: Vec<Rendition>,
}

impl Renditions {
    /// The languages, the source's first.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.all.iter().map(|r| r.language.as_str())
    }
}

impl Course {
    /// The languages this course can be read in, its own first.
    pub fn languages(&self) -> Vec<&str> {
        if self.renditions.all.is_empty() {
            return vec![self.language.as_str()];
        }
        self.renditions.languages().collect()
    }

    /// Whether the course can be read in `language`.
    pub fn speaks(&self, language: &str) -> bool {
        self.languages().contains(&language)
    }

    /// The language a reader of `language` is shown: hers when the course has it, else
    /// the course's own.
    pub fn language_for<'a>(&'a self, language: &'a str) -> &'a str {
        if self.speaks(language) {
            language
        } else {
            &self.language
        }
    }

    /// This course as a reader of `language` sees it: in that language when the course has
    /// it, otherwise in the course's own. An item without a translation is shown in the
    /// course's own language ([`Course::item_language`] tells). Ids, paths' order, points and
    /// lesson hashes are unchanged, so progress is shared between languages.
    pub fn in_language(&self, language: &str) -> Course {
        let all = &self.renditions.all;
        let Some(shown) = all
            .iter()
            .find(|r| r.language == language)
            .or_else(|| all.first())
        else {
            return self.clone();
        };
        let source = &all[0];
        let mut items = 0;
        let modules = self
            .modules
            .iter()
            .enumerate()
            .map(|(m, module)| {
                let mut module = module.clone();
                if let Some(Some(title)) = shown.modules.get(m).or(source.modules.get(m)) {
                    module.title.clone_from(title);
                }
                for item in &mut module.items {
                    let wanted = shown.items.get(items).and_then(Option::as_ref);
                    let own = source.items.get(items).and_then(Option::as_ref);
                    if let Some(chosen) = wanted.or(own) {
                        *item = keep_hash(chosen.clone(), own);
                    }
                    items += 1;
                }
                module
            })
            .collect();
        Course {
            title: shown.title.clone(),
            summary: shown.summary.clone(),
            modules,
            shown_language: shown.language.clone(),
            renditions: Arc::clone(&self.renditions),
            ..self.clone()
        }
    }

    /// The language `item` is shown in: a translated file's own (`intro.fr.md`), else the
    /// course's.
    pub fn item_language<'a>(&'a self, item: &'a Item) -> &'a str {
        path_language(&item.path).unwrap_or(&self.language)
    }
}

/// A translated lesson keeps the hash of its source: "updated" in the outline follows the
/// course's own text, so changing language does not mark every lesson as changed.
fn keep_hash(mut item: Item, source: Option<&Item>) -> Item {
    if let (
        ItemKind::Lesson(lesson),
        Some(Item {
            kind: ItemKind::Lesson(own),
            ..
        }),
    ) = (&mut item.kind, source)
    {
        lesson.set_hash(own.content_hash());
    }
    item
}

/// The source file a translated file translates: `lessons/intro.fr.md` →
/// `lessons/intro.md`; a file that is no translation is its own.
pub fn source_path(path: &str) -> String {
    match path_language(path) {
        Some(code) => match path.rfind(&format!(".{code}.")) {
            Some(at) => format!("{}{}", &path[..at], &path[at + code.len() + 1..]),
            None => path.to_string(),
        },
        None => path.to_string(),
    }
}

/// The path of `path`'s translation into `language`: `lessons/intro.md` →
/// `lessons/intro.fr.md`.
pub fn translated_path(path: &str, language: &str) -> String {
    match path.rfind('.') {
        Some(dot) if !path[dot..].contains('/') => {
            format!("{}.{language}{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}.{language}"),
    }
}

/// The language tag in a translated file's name (`intro.fr.md` → `fr`), if it has one.
pub fn path_language(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next()?;
    let mut parts = name.rsplit('.');
    let _extension = parts.next()?;
    let tag = parts.next()?;
    parts.next()?;
    is_language_code(tag).then_some(tag)
}

/// A language code as course files use them: `fr`, `es`, `pt-BR`, `sw` (BCP 47's language
/// and optional region).
pub fn is_language_code(code: &str) -> bool {
    let (lang, region) = code.split_once('-').unwrap_or((code, ""));
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && (region.is_empty()
            || (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase())))
        && !(code.contains('-') && region.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_sits_beside_its_source() {
        assert_eq!(
            translated_path("lessons/intro.md", "fr"),
            "lessons/intro.fr.md"
        );
        assert_eq!(
            translated_path("quizzes/final.toml", "pt-BR"),
            "quizzes/final.pt-BR.toml"
        );
        assert_eq!(path_language("lessons/intro.fr.md"), Some("fr"));
        assert_eq!(path_language("lessons/intro.md"), None);
        assert_eq!(path_language("lessons/v1.2.md"), None);
        assert_eq!(path_language("lessons/intro.es.md"), Some("es"));
        for path in ["lessons/intro.md", "quizzes/final.toml", "quizzes/q.gift"] {
            for lang in ["fr", "pt-BR"] {
                assert_eq!(source_path(&translated_path(path, lang)), path);
            }
            assert_eq!(source_path(path), path);
        }
    }

    #[test]
    fn language_codes_are_bcp47_language_and_region() {
        for good in ["fr", "es", "sw", "pt-BR", "fil"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "f", "FR", "french", "pt-br", "pt-", "e1", "fr_FR"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }
}
