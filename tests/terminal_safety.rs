//! A course from someone else's drive may carry terminal escapes in any text. Every command
//! that echoes file text — validate's snippets and JSON, names and titles in courses, import,
//! trust and learners — must write none of it raw: checked on the bytes the binary wrote.

mod common;

use std::fs;
use std::path::Path;

use common::run::{Run, run, with_data_dir};

/// A clipboard write (OSC 52), a screen clear, a right-to-left override, an 8-bit CSI.
const HOSTILE: &str = "\u{1b}]52;c;aGFja2Vk\u{7}\u{1b}[2J\u{202e}\u{9b}31m";
/// The same, as TOML writes it inside a string: TOML refuses raw controls, not escaped ones.
const HOSTILE_TOML: &str = r"\u001b]52;c;aGFja2Vk\u0007\u001b[2J\u202e\u009b31m";

fn hatua(data: &Path, args: &[&str]) -> Run {
    run(with_data_dir(data, args), "")
}

/// A course whose title, a lesson line, a quiz id and a quiz value carry the hostile text,
/// with mistakes on those lines so that validate quotes them.
fn hostile_course(dir: &Path, with_mistakes: bool) {
    // With mistakes, raw controls in course.toml are mistakes too, and quoted as such.
    let t = if with_mistakes { HOSTILE } else { HOSTILE_TOML };
    fs::create_dir_all(dir.join("lessons")).unwrap();
    fs::create_dir_all(dir.join("quizzes")).unwrap();
    let bad_key = if with_mistakes {
        format!("titel = \"{HOSTILE}\"\n")
    } else {
        String::new()
    };
    fs::write(
        dir.join("course.toml"),
        format!(
            "format = 1\nid = \"hostile\"\nversion = \"1.0.0\"\ntitle = \"Evil{t}title\"\n\
             summary = \"x{t}\"\n{bad_key}\
             [[modules]]\nid = \"m\"\ntitle = \"M{t}\"\n\
             items = [\"lessons/a.md\", \"quizzes/q.toml\"]\n"
        ),
    )
    .unwrap();
    let link = if with_mistakes {
        format!("See [this](missing{HOSTILE}.png) now.\n")
    } else {
        String::new()
    };
    fs::write(
        dir.join("lessons/a.md"),
        format!("# A lesson {HOSTILE}\n\nText {HOSTILE} here.\n{link}"),
    )
    .unwrap();
    let id = if with_mistakes {
        format!("q{HOSTILE_TOML}")
    } else {
        "q".to_string()
    };
    fs::write(
        dir.join("quizzes/q.toml"),
        format!(
            "title = \"Quiz {t}\"\n[[questions]]\nid = \"{id}\"\ntype = \"true-false\"\n\
             prompt = \"Yes {t}?\"\nanswer = true\nfeedback_false = \"No {t}\"\n"
        ),
    )
    .unwrap();
}

#[test]
fn validate_quotes_a_hostile_line_without_letting_its_escapes_through() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("hostile");
    hostile_course(&course, true);
    let data = dir.path().join("data");
    let text = hatua(&data, &["validate", course.to_str().unwrap()]);
    assert_eq!(text.code(), Some(1), "{}", text.dump());
    text.assert_terminal_safe();
    // The trainer still sees what is there, as visible escapes, with the caret under it.
    assert!(
        text.stdout.contains(r"\u{1b}]52;c;aGFja2Vk\u{7}"),
        "{}",
        text.dump()
    );
    assert!(text.stdout.contains(r"\u{202e}"), "{}", text.dump());
    assert!(
        text.stdout.contains("unknown key `titel`"),
        "{}",
        text.dump()
    );
    assert!(
        text.stdout.contains("not a valid question id"),
        "{}",
        text.dump()
    );

    let json = hatua(
        &data,
        &["validate", "--format", "json", course.to_str().unwrap()],
    );
    json.assert_terminal_safe();
    let value: serde_json::Value =
        serde_json::from_str(&json.stdout).expect("validate's JSON is still valid JSON");
    let messages: Vec<&str> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains(r"\u{1b}]52")),
        "{messages:?}"
    );
}

#[test]
fn names_and_titles_from_a_bundle_reach_no_command_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("hostile");
    hostile_course(&course, false);
    let data = dir.path().join("data");
    let zip = dir.path().join("hostile.zip");
    hatua(&data, &["validate", course.to_str().unwrap()])
        .assert_terminal_safe()
        .assert_ok();
    hatua(
        &data,
        &[
            "pack",
            course.to_str().unwrap(),
            "-o",
            zip.to_str().unwrap(),
        ],
    )
    .assert_terminal_safe()
    .assert_ok();
    hatua(&data, &["import", zip.to_str().unwrap()])
        .assert_terminal_safe()
        .assert_ok();
    let courses = hatua(&data, &["courses"]);
    courses.assert_terminal_safe().assert_ok();
    assert!(courses.stdout.contains("Evil"), "{}", courses.dump());

    // Names typed at a shell come back as they were typed, escapes made visible.
    let name = format!("Ami{HOSTILE}na");
    hatua(&data, &["learners", "add", &name])
        .assert_terminal_safe()
        .assert_ok();
    hatua(&data, &["learners", "list"])
        .assert_terminal_safe()
        .assert_ok();
    let key = dir.path().join("k");
    hatua(&data, &["keygen", key.to_str().unwrap()]).assert_ok();
    let publisher = format!("Org{HOSTILE}");
    let trusted = hatua(
        &data,
        &[
            "trust",
            "add",
            key.with_extension("pub").to_str().unwrap(),
            "--name",
            &publisher,
        ],
    );
    trusted.assert_terminal_safe();
    hatua(&data, &["trust", "list"]).assert_terminal_safe();
    // An error that quotes what was typed.
    hatua(&data, &["learners", "rename", &format!("x{HOSTILE}"), "y"]).assert_terminal_safe();
}
