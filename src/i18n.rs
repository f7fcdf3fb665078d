//! Every sentence the UI shows, from one catalog (`assets/i18n/en.toml`), so translators can
//! add languages without touching code.

use std::collections::HashMap;
use std::sync::OnceLock;

use std::cell::Cell;

/// The catalogs, English first: a key missing from another catalog falls back to English.
static SOURCES: &[(&str, &str)] = &[
    ("en", include_str!("../assets/i18n/en.toml")),
    ("fr", include_str!("../assets/i18n/fr.toml")),
    ("es", include_str!("../assets/i18n/es.toml")),
];

type Catalog = HashMap<String, String>;

fn catalogs() -> &'static Vec<(&'static str, Catalog)> {
    static CATALOGS: OnceLock<Vec<(&'static str, Catalog)>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(lang, text)| {
                (
                    *lang,
                    parse(text).expect("the catalogs are checked by a test"),
                )
            })
            .collect()
    })
}

thread_local! {
    /// The language of the learner on this thread's screen. Per thread, so tests that draw
    /// in different languages at once do not disturb each other.
    static CURRENT: Cell<usize> = const { Cell::new(0) };
}

/// Shows the UI in `lang` from now on; an unknown language leaves English.
pub fn set_language(lang: &str) {
    let index = SOURCES.iter().position(|(l, _)| *l == lang).unwrap_or(0);
    CURRENT.with(|c| c.set(index));
}

/// The language the UI is shown in.
pub fn language() -> &'static str {
    SOURCES[CURRENT.with(Cell::get)].0
}

/// Flattens `[section] key = "text"` into `section.key`.
pub fn parse(text: &str) -> Result<HashMap<String, String>, toml::de::Error> {
    let table: toml::Table = toml::from_str(text)?;
    let mut out = HashMap::new();
    flatten("", &table, &mut out);
    Ok(out)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            _ => {}
        }
    }
}

/// The text for `key`; the key itself when missing, so a gap shows rather than panics.
pub fn t(key: &str) -> &str {
    let all = catalogs();
    let current = CURRENT.with(Cell::get);
    all[current]
        .1
        .get(key)
        .or_else(|| all[0].1.get(key))
        .map_or(key, String::as_str)
}

/// The text for `key` with `{name}` placeholders filled in.
pub fn tf(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut text = t(key).to_string();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `t("...")` and `tf("...")` key in the sources exists in the catalog.
    #[test]
    fn every_key_the_code_uses_is_in_the_catalog() {
        let catalog = parse(SOURCES[0].1).expect("the catalog is valid TOML");
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for marker in ["t(\"", "tf(\""] {
                        for (i, _) in text.match_indices(marker) {
                            let rest = &text[i + marker.len()..];
                            let key = &rest[..rest.find('"').unwrap()];
                            let boundary = text[..i]
                                .chars()
                                .last()
                                .is_none_or(|c| !c.is_alphanumeric() && c != '_');
                            if boundary && key.contains('.') && !catalog.contains_key(key) {
                                missing.push(format!("{}: {key}", path.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from en.toml: {missing:#?}"
        );
    }

    #[test]
    fn every_catalog_parses_and_uses_the_same_placeholders_as_english() {
        let en = parse(SOURCES[0].1).unwrap();
        for (lang, text) in SOURCES {
            let catalog = parse(text).unwrap_or_else(|e| panic!("{lang}.toml: {e}"));
            let mut missing: Vec<&String> =
                en.keys().filter(|k| !catalog.contains_key(*k)).collect();
            missing.sort();
            assert!(missing.is_empty(), "{lang}.toml lacks {missing:?}");
            for (key, value) in &catalog {
                let english = en
                    .get(key)
                    .unwrap_or_else(|| panic!("{lang}.toml has `{key}`, which en.toml lacks"));
                assert_eq!(
                    placeholders(value),
                    placeholders(english),
                    "{lang}.toml `{key}`"
                );
            }
        }
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn the_language_is_chosen_per_thread_and_falls_back_to_english() {
        set_language("fr");
        assert_eq!(language(), "fr");
        std::thread::spawn(|| assert_eq!(language(), "en"))
            .join()
            .unwrap();
        set_language("xx");
        assert_eq!(language(), "en");
        assert_eq!(t("app.name"), "Hatua");
    }

    #[test]
    fn placeholders_are_filled() {
        let text = tf("picker.create", &[("name", &"Amina")]);
        assert!(text.contains("Amina"), "{text}");
    }
}
