use super::*;

#[test]
fn placeholders_are_filled_and_a_missing_key_shows_itself() {
    let text = Lang::En.tf("picker.create", &[("name", "Amina".into())]);
    assert_eq!(text, "+ New learner “Amina” (press Enter)");
    assert_eq!(Lang::Fr.t("no.such-key"), "no.such-key");
}

#[test]
fn numbers_are_written_as_each_language_writes_them() {
    assert_eq!(Lang::En.number(0.8), "0.8");
    assert_eq!(Lang::Fr.number(0.8), "0,8");
    assert_eq!(Lang::Es.number(2.0), "2");
    assert_eq!(Lang::Es.number(1.0 / 3.0), "0,33");
}

#[test]
fn plural_forms_follow_each_language() {
    let tries = |lang: Lang, n: u32| lang.tf("signin.wrong_pin", &[("left", n.into())]);
    for lang in Lang::ALL {
        assert_ne!(
            tries(lang, 1),
            tries(lang, 2),
            "{lang:?} says 1 and 2 alike"
        );
    }
    let hints = |n: u32| Lang::Es.tf("quiz.hints_left", &[("count", n.into())]);
    assert!(hints(1).contains("queda 1"), "{}", hints(1));
    assert!(hints(2).contains("quedan 2"), "{}", hints(2));
    let partly =
        |max: f64| Lang::Fr.tf("quiz.partly", &[("score", 0.5.into()), ("max", max.into())]);
    assert!(partly(1.0).contains("0,5 point sur 1"), "{}", partly(1.0));
    assert!(partly(2.0).contains("0,5 points sur 2"), "{}", partly(2.0));
}

#[test]
fn every_catalog_parses_without_an_error() {
    for (code, text) in SOURCES {
        if let Err((_, errors)) = fluent_syntax::parser::parse(*text) {
            panic!("assets/i18n/{code}.ftl does not parse: {errors:?}");
        }
    }
}

#[test]
fn every_language_heads_each_report_table_with_as_many_columns() {
    for key in [
        "reports.courses_head",
        "reports.quizzes_head",
        "reports.questions_head",
        "reports.learners_head",
        "reports.learner_courses_head",
        "reports.learner_quizzes_head",
    ] {
        let count = |lang: Lang| lang.t(key).split(" · ").count();
        for lang in Lang::ALL {
            assert_eq!(
                count(lang),
                count(Lang::En),
                "{lang:?} {key}: {}",
                lang.t(key)
            );
        }
    }
}

#[test]
fn every_language_has_the_same_messages_with_the_same_variables() {
    let english = catalog_messages(Lang::En);
    let mut ids: Vec<&str> = english.iter().map(|(id, _)| id.as_str()).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "en.ftl defines a message twice");
    for lang in [Lang::Fr, Lang::Es] {
        let other = catalog_messages(lang);
        let missing: Vec<&str> = english
            .iter()
            .filter(|(id, _)| !other.iter().any(|(o, _)| o == id))
            .map(|(id, _)| id.as_str())
            .collect();
        assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", lang.code());
        let extra: Vec<&str> = other
            .iter()
            .filter(|(id, _)| !english.iter().any(|(e, _)| e == id))
            .map(|(id, _)| id.as_str())
            .collect();
        assert!(
            extra.is_empty(),
            "{}.ftl has {extra:?}, which en.ftl has not",
            lang.code()
        );
        for (id, vars) in &english {
            let theirs = &other.iter().find(|(o, _)| o == id).expect("checked").1;
            assert_eq!(
                theirs,
                vars,
                "{id} in {}.ftl uses other variables",
                lang.code()
            );
        }
    }
}

/// The sections of the catalog. A new one is added here too, so that the keys the code
/// names in it are checked.
const SECTIONS: &[&str] = &[
    "app",
    "picker",
    "library",
    "signin",
    "profile",
    "facilitator",
    "preview",
    "import",
    "export",
    "reports",
    "hub",
    "sync",
    "certificate",
    "review",
    "outline",
    "status",
    "lesson",
    "quiz",
    "backup",
    "damaged",
    "footer",
    "help",
    "keys",
    "error",
    "plain",
];

#[test]
fn the_catalog_has_the_sections_the_tests_know() {
    let mut found: Vec<String> = catalog_messages(Lang::En)
        .into_iter()
        .filter_map(|(id, _)| id.split_once('-').map(|(s, _)| s.to_string()))
        .collect();
    found.dedup();
    assert_eq!(found, SECTIONS);
}

/// The catalog keys the code names: string literals like `"quiz.saved"` whose first part is
/// a section of the catalog.
fn keys_in_code() -> std::collections::BTreeSet<String> {
    let sections: std::collections::BTreeSet<&str> = SECTIONS.iter().copied().collect();
    let mut keys = std::collections::BTreeSet::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            for literal in text.split('"').skip(1).step_by(2) {
                let Some((section, rest)) = literal.split_once('.') else {
                    continue;
                };
                let word = |s: &str| {
                    !s.is_empty()
                        && s.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                };
                // File names (`preview.db`) are not messages.
                let file = [
                    "db", "toml", "md", "zip", "ftl", "html", "txt", "json", "sql",
                ];
                if sections.contains(section) && word(rest) && !file.contains(&rest) {
                    keys.insert(format!("{section}-{rest}"));
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_the_code_names_is_in_the_catalog_and_every_message_is_used() {
    let used = keys_in_code();
    let english: Vec<String> = catalog_messages(Lang::En)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let missing: Vec<&String> = used.iter().filter(|k| !english.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "the code names keys en.ftl lacks: {missing:?}"
    );
    let unused: Vec<&String> = english.iter().filter(|k| !used.contains(*k)).collect();
    assert!(
        unused.is_empty(),
        "en.ftl has messages nothing shows: {unused:?}"
    );
}

#[test]
fn the_locale_chooses_as_gettext_would() {
    let with = |vars: &[(&str, &str)]| {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Lang::from_locale(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    };
    assert_eq!(with(&[("LANG", "fr_FR.UTF-8")]), Some(Lang::Fr));
    assert_eq!(with(&[("LANG", "es_MX.UTF-8")]), Some(Lang::Es));
    assert_eq!(with(&[("LANG", "de_DE.UTF-8")]), None);
    // LC_ALL outranks LANG; LANGUAGE's list outranks both, first known entry first.
    assert_eq!(
        with(&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "es_ES.UTF-8")]),
        Some(Lang::Es)
    );
    assert_eq!(
        with(&[("LANG", "fr_FR.UTF-8"), ("LANGUAGE", "de:es:fr")]),
        Some(Lang::Es)
    );
    assert_eq!(
        with(&[("LC_MESSAGES", "fr_CA.UTF-8"), ("LANG", "en_US.UTF-8")]),
        Some(Lang::Fr)
    );
    // The C locale means untranslated, whatever LANGUAGE says; an empty value is unset.
    assert_eq!(with(&[("LC_ALL", "C"), ("LANGUAGE", "fr")]), None);
    assert_eq!(with(&[("LC_ALL", ""), ("LANG", "fr_FR")]), Some(Lang::Fr));
    assert_eq!(with(&[]), None);
}
