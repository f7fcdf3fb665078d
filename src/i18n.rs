//! Every sentence the UI shows, from one catalog (`assets/i18n/en.toml`), so translators can
//! add languages without touching code.

use std::collections::HashMap;
use std::sync::OnceLock;

static EN: &str = include_str!("../assets/i18n/en.toml");

fn catalog() -> &'static HashMap<String, String> {
    static CATALOG: OnceLock<HashMap<String, String>> = OnceLock::new();
    CATALOG.get_or_init(|| parse(EN).expect("assets/i18n/en.toml is checked by a test"))
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
    catalog().get(key).map_or(key, String::as_str)
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
        let catalog = parse(EN).expect("the catalog is valid TOML");
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
    fn placeholders_are_filled() {
        let text = tf("picker.create", &[("name", &"Amina")]);
        assert!(text.contains("Amina"), "{text}");
    }
}
