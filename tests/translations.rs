//! A course in several languages: one outline, ids and records shared, each language's words
//! beside the source's. What a learner who reads French sees, from the first screen's switch
//! to a lesson not yet translated; and what `validate` tells a translator.

mod common;
mod player;

use std::path::Path;

use hatua::course::{self, Course, DirSource, ItemKind};
use hatua::store::Store;
use hatua::tui::screen::Screen;
use player::*;

fn fixture() -> Course {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/translated");
    course::load(&DirSource::new(&dir))
        .course
        .expect("the fixture is valid")
}

#[test]
fn a_translated_course_is_one_outline_in_each_language() {
    let course = fixture();
    assert_eq!(course.languages(), ["en", "fr"]);
    let fr = course.in_language("fr");
    assert_eq!(fr.title, "Un cours traduit");
    assert_eq!(fr.modules[0].title, "Le seul module");
    let titles: Vec<&str> = fr.items().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["La première leçon", "The second lesson", "Vérification"]
    );
    // Same ids in the same order: progress and records are one across languages.
    let ids = |c: &Course| c.items().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&fr), ids(&course));
    // The untranslated lesson says which language it is shown in.
    let langs: Vec<&str> = fr.items().map(|i| fr.item_language(i)).collect();
    assert_eq!(langs, ["fr", "en", "fr"]);
    // A translated lesson answers to its source's hash: switching language is not an update.
    let hash = |c: &Course| match &c.items().next().unwrap().kind {
        ItemKind::Lesson(l) => l.content_hash(),
        ItemKind::Quiz(_) => unreachable!(),
    };
    assert_eq!(hash(&fr), hash(&course));
    // The French quiz has French words and the same right answers.
    let quiz = |c: &Course| match &c.items().nth(2).unwrap().kind {
        ItemKind::Quiz(q) => q.clone(),
        ItemKind::Lesson(_) => unreachable!(),
    };
    assert!(quiz(&fr).questions[0].prompt.contains("Quelle lettre"));
    assert_eq!(
        format!("{:?}", quiz(&fr).questions[0].points),
        format!("{:?}", quiz(&course).questions[0].points)
    );
    // Back to English, and a language the course lacks shows its own.
    assert_eq!(fr.in_language("en").title, "A translated course");
    assert_eq!(course.in_language("es").title, "A translated course");
}

/// `hatua validate` on a copy of the fixture changed by `change`: (exit code, output).
fn validate_after(change: impl FnOnce(&Path)) -> (Option<i32>, String) {
    let (_tmp, dir) = copy_of_fixture("translated");
    change(&dir);
    let out = std::process::Command::new(common::HATUA)
        .arg("validate")
        .arg(&dir)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// `validate` after `change` refuses the copy, saying each of `words`.
fn refused(change: impl FnOnce(&Path), words: &[&str]) {
    let (code, out) = validate_after(change);
    assert_eq!(code, Some(1), "{out}");
    for w in words {
        assert!(out.contains(w), "no {w:?} in:\n{out}");
    }
}

#[test]
fn a_translation_that_changes_more_than_words_is_refused_naming_the_question() {
    // The right choice moved: records keep choices by position, so this would regrade.
    refused(
        |d| {
            let q = "quizzes/check.fr.toml";
            edit(d, q, "text = \"b\"\ncorrect = true", "text = \"b\"");
            edit(
                d,
                q,
                "text = \"a\"\nfeedback",
                "text = \"a\"\ncorrect = true\nfeedback",
            );
        },
        &[
            "quizzes/check.fr.toml",
            "question `pick-b`",
            "which choices are right",
        ],
    );
    let quiz = |from: &'static str, to: &'static str| {
        move |d: &Path| edit(d, "quizzes/check.fr.toml", from, to)
    };
    refused(
        quiz("answer = false", "answer = true"),
        &["question `sky`: `answer` differs"],
    );
    refused(
        quiz("pass_mark = 50", "pass_mark = 10"),
        &["`pass_mark` differs"],
    );
    refused(
        |d| {
            edit(
                d,
                "lessons/first.fr.md",
                "id = \"first\"",
                "id = \"premiere\"",
            )
        },
        &["lessons/first.fr.md", "a translation keeps the id"],
    );
}

#[test]
fn a_listed_language_needs_its_course_file_and_a_real_code() {
    let (code, out) = validate_after(|d| std::fs::remove_file(d.join("course.fr.toml")).unwrap());
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("there is no course.fr.toml"), "{out}");

    let (code, out) = validate_after(|d| {
        edit(
            d,
            "course.toml",
            "translations = [\"fr\"]",
            "translations = [\"fr\", \"en\", \"French\"]",
        )
    });
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("`en` is the course's own language"), "{out}");
    assert!(out.contains("`French` is not a language code"), "{out}");

    let (code, out) = validate_after(|d| {
        edit(d, "course.fr.toml", "only = ", "nowhere = ");
    });
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("the course has no module `nowhere`"), "{out}");
}

#[test]
fn validate_says_which_translations_are_missing_and_which_sources_changed() {
    let (code, out) = validate_after(|_| {});
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("lessons/second.md") && out.contains("has no translation into `fr`"),
        "{out}"
    );
    assert!(!out.contains("changed since"), "{out}");

    let (code, out) = validate_after(|d| {
        edit(d, "lessons/first.md", "- two", "- two\n- three");
    });
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("lessons/first.fr.md")
            && out.contains("lessons/first.md changed since this translation was made"),
        "{out}"
    );
    assert!(out.contains("hatua translation stamp"), "{out}");
}

#[test]
fn stamping_records_what_the_translation_follows() {
    let (_tmp, dir) = copy_of_fixture("translated");
    edit(&dir, "lessons/first.md", "- two", "- two\n- three");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(common::HATUA)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let d = dir.to_str().unwrap();
    let (_, status) = run(&["translation", "status", d]);
    assert!(status.contains("fr: 2 of 3 translated"), "{status}");
    assert!(status.contains("changed   lessons/first.md"), "{status}");
    assert!(status.contains("missing   lessons/second.md"), "{status}");
    let (code, out) = run(&["translation", "stamp", d, "fr", "lessons/first.md"]);
    assert_eq!(code, Some(0), "{out}");
    let (_, status) = run(&["translation", "status", d]);
    assert!(!status.contains("changed"), "{status}");
    // The course file keeps its words; the stamp replaced its own table only.
    let head = std::fs::read_to_string(dir.join("course.fr.toml")).unwrap();
    assert!(head.contains("only = \"Le seul module\""), "{head}");
    assert_eq!(head.matches("[follows]").count(), 1, "{head}");
    // A stamp killed before its rename leaves a hidden temporary file: the next one clears
    // it, so `validate` does not list it as unused.
    std::fs::write(dir.join(".course.fr.toml.tmp-99999"), "title = \"half").unwrap();
    let (code, _) = run(&["translation", "stamp", d, "fr"]);
    assert_eq!(code, Some(0));
    assert!(!dir.join(".course.fr.toml.tmp-99999").exists());
    let (code, out) = run(&["translation", "stamp", d, "de"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("does not list `de`"), "{out}");
}

fn french_player(size: (u16, u16)) -> Player {
    let mut p = Player::new(Store::open_in_memory().unwrap(), size);
    p.app.library = fixture_library(&["translated", "minimal"]);
    p
}

#[test]
fn the_first_screen_switches_language_and_a_new_learner_keeps_it() {
    for size in [(80, 24), (60, 20)] {
        let mut p = french_player(size);
        let screen = p.screen();
        assert!(
            screen.contains("Who is learning?") && screen.contains("[English]"),
            "{screen}"
        );
        p.press([TAB]);
        let screen = p.screen();
        assert!(
            screen.contains("Qui apprend") && screen.contains("[Français]"),
            "{screen}"
        );
        p.press([TAB]);
        assert!(p.screen().contains("[Español]"), "{}", p.screen());
        p.press([TAB, TAB]);
        p.sign_in("Amélie");
        let learner = &p.store.learners().unwrap()[0];
        assert_eq!(learner.language.as_deref(), Some("fr"));
        let screen = p.screen();
        // The course list in French: the translated course by its French title, with its
        // languages; the English-only one with its own.
        assert!(screen.contains("Un cours traduit"), "{screen}");
        assert!(screen.contains("FR EN"), "{screen}");
        assert!(screen.contains("A minimal course"), "{screen}");
        // Back to the first screen: the next learner meets the site's language again.
        p.press([CTRL_X]);
        assert!(p.screen().contains("[English]"), "{}", p.screen());
    }
}

/// A learner who chose Français on the first screen, in the outline of the course with
/// this title, found in the course list with the arrow keys.
fn french_reader_opens(title: &str) -> Player {
    let mut p = french_player((80, 24));
    p.press([TAB]);
    p.sign_in("Amélie");
    p.select_course(title);
    p.press([ENTER]);
    p
}

#[test]
fn a_french_reader_meets_french_and_is_told_when_a_lesson_is_not_translated() {
    let mut p = french_reader_opens("Un cours traduit");
    let screen = p.screen();
    assert!(screen.contains("Le seul module"), "{screen}");
    assert!(screen.contains("La première leçon"), "{screen}");
    assert!(screen.contains("Vérification"), "{screen}");
    // The one lesson without a French version carries its language's code.
    let second = screen
        .lines()
        .find(|l| l.contains("The second lesson"))
        .unwrap();
    assert!(second.contains("· EN"), "{screen}");
    p.press([DOWN, ENTER]);
    let screen = p.screen();
    assert!(matches!(p.app.screen, Screen::Lesson(_)), "{screen}");
    assert!(
        screen.contains("Pas encore traduit en français\u{a0}: affiché en anglais."),
        "{screen}"
    );
}

#[test]
fn a_course_without_the_readers_language_says_which_it_is_in() {
    let p = french_reader_opens("A minimal course");
    let screen = p.screen();
    assert!(
        screen.contains("Ce cours n’existe pas en français\u{a0}: il s’affiche en anglais."),
        "{screen}"
    );
}

/// The shipped courses in French and Spanish: every one speaks both, and a typed answer in
/// French is forgiven its article as an English one is ("l'enquête" for "enquête").
#[test]
fn the_shipped_courses_speak_french_and_spanish_and_typed_answers_follow_the_language() {
    use hatua::quiz::{Response, grade};
    let library = hatua::library::Library::load(None);
    for entry in &library.entries {
        let course = entry.course().expect("a built-in course loads");
        assert_eq!(course.languages(), ["en", "fr", "es"], "{}", course.id);
        for lang in ["fr", "es"] {
            let shown = course.in_language(lang);
            let untranslated: Vec<&str> = shown
                .items()
                .filter(|i| shown.item_language(i) != lang)
                .map(|i| i.path.as_str())
                .collect();
            assert!(
                untranslated.is_empty(),
                "{} in {lang}: {untranslated:?}",
                course.id
            );
        }
    }
    let cedaw = library.course("cedaw").unwrap().in_language("fr");
    let question = cedaw
        .items()
        .find_map(|i| match &i.kind {
            ItemKind::Quiz(q) => q.questions.iter().find(|q| q.id == "final-inquiry-word"),
            ItemKind::Lesson(_) => None,
        })
        .expect("the inquiry question");
    for typed in [
        "enquête",
        "l'enquête",
        "L’enquête",
        "la procédure d'enquête",
    ] {
        let g = grade(question, &Response::Text(typed.to_string()));
        assert!(g.is_correct(), "{typed:?} was not accepted");
    }
    let g = grade(question, &Response::Text("communication".to_string()));
    assert!(!g.is_correct());
}

/// A translation is text from a drive like any other: its escape sequences and bidi
/// controls reach neither the commands' output nor the screens.
#[test]
fn a_hostile_translation_reaches_no_terminal_raw() {
    let (_tmp, dir) = copy_of_fixture("translated");
    std::fs::write(
        dir.join("course.fr.toml"),
        "title = \"Un \\u001b[31mcours\\u001b]0;pwned\\u0007 \\u202e traduit\"\n\
         summary = \"R\\u001b[2Jésumé\"\n[modules]\nonly = \"Le \\u001b[5m module\"\n",
    )
    .unwrap();
    for args in [&["validate"][..], &["translation", "status"][..]] {
        let out = std::process::Command::new(common::HATUA)
            .args(args)
            .arg(&dir)
            .output()
            .unwrap();
        let raw = [out.stdout, out.stderr].concat();
        let text = String::from_utf8_lossy(&raw);
        assert!(
            !raw.contains(&0x1b) && !raw.contains(&0x07) && !text.contains('\u{202e}'),
            "{args:?}: {text:?}"
        );
    }
    let course = course::load(&DirSource::new(&dir)).course.unwrap();
    let fr = course.in_language("fr");
    for text in [&fr.title, &fr.summary, &fr.modules[0].title] {
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{text:?}");
    }
}
