//! GIFT quizzes in a course: their settings from `[quizzes."…"]` in course.toml, checked like
//! the rest of it, and their mistakes reported by `hatua validate` at their place.

use super::*;

/// A copy of the GIFT course fixture, with `edit` applied to its course.toml.
fn course_copy(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&fixture("gift/course"), dir.path());
    let toml = dir.path().join("course.toml");
    let text = fs::read_to_string(&toml).expect("course.toml");
    fs::write(&toml, edit(&text)).expect("write course.toml");
    dir
}

fn headlines(dir: &Path) -> Vec<String> {
    course::load(&DirSource::new(dir))
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.headline(), d.hint.as_deref().unwrap_or("")))
        .collect()
}

/// `course.toml:<line>:<col>` of the first occurrence of `needle`, `skip` bytes into it.
fn at(text: &str, needle: &str, skip: usize) -> String {
    let offset = text.find(needle).expect("the needle") + skip;
    let (line, col) = course::diagnostic::line_col(text, offset);
    format!("course.toml:{line}:{col}")
}

#[test]
fn a_course_plays_gift_quizzes_with_settings_from_course_toml() {
    let loaded = course::load(&DirSource::new(fixture("gift/course")));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let course = loaded.course.expect("the course");
    let quizzes: Vec<&Quiz> = course
        .items()
        .filter_map(|i| match &i.kind {
            ItemKind::Quiz(q) => Some(q),
            ItemKind::Lesson(_) => None,
        })
        .collect();
    let basics = quizzes[0];
    assert_eq!(course.item_at(1).map(|i| i.id.as_str()), Some("basics"));
    assert_eq!(
        course.item_at(1).map(|i| i.title.as_str()),
        Some("Check the basics")
    );
    assert_eq!(
        (
            basics.title.as_str(),
            basics.pass_mark,
            basics.max_attempts,
            basics.shuffle,
            basics.draw
        ),
        ("Check the basics", 80, 3, true, 2)
    );
    assert_eq!(ids(basics), ["hatua", "cedaw", "conference"]);
    let more = quizzes[1];
    assert_eq!(
        (
            more.id.as_str(),
            more.title.as_str(),
            more.pass_mark,
            more.max_attempts,
            more.shuffle,
            more.draw
        ),
        ("more-practice", "More practice", 70, 0, false, 0)
    );

    let out = hatua(&["validate", path(&fixture("gift/course"))]);
    assert_eq!(out.status.code(), Some(0), "{}", dump(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("is valid: 1 module, 3 items, in en, 0 warnings"),
        "{stdout}"
    );
}

#[test]
fn quiz_settings_are_checked_like_the_rest_of_course_toml() {
    // A misspelt key, with the nearest one as a hint.
    let dir = course_copy(|t| t.replace("pass_mark = 80", "pass_marks = 80"));
    let text = fs::read_to_string(dir.path().join("course.toml")).unwrap();
    assert_eq!(
        headlines(dir.path()),
        [format!(
            "{}: unknown key `pass_marks` in [quizzes.\"quizzes/basics.gift\"]: did you mean `pass_mark`?",
            at(&text, "pass_marks", 0)
        )]
    );
    // Values keep a native quiz's ranges.
    let dir = course_copy(|t| t.replace("pass_mark = 80", "pass_mark = 150"));
    let all = headlines(dir.path());
    assert!(
        all[0].contains("`pass_mark` is out of range: it must be between 0 and 100"),
        "{all:?}"
    );
    // More questions drawn than the quiz has.
    let dir = course_copy(|t| t.replace("draw = 2", "draw = 5"));
    let text = fs::read_to_string(dir.path().join("course.toml")).unwrap();
    assert_eq!(
        headlines(dir.path()),
        [format!(
            "{}: `draw` asks for 5 questions but `quizzes/basics.gift` has 3: lower `draw`, or set it to 0 to ask every question",
            at(&text, "draw = 5", 7)
        )]
    );
    // Settings for a file the outline does not list: a warning that names the quizzes.
    let dir = course_copy(|t| {
        t.replace(
            "[quizzes.\"quizzes/basics.gift\"]",
            "[quizzes.\"quizzes/basic.gift\"]",
        )
    });
    let text = fs::read_to_string(dir.path().join("course.toml")).unwrap();
    assert_eq!(
        headlines(dir.path()),
        [format!(
            "{}: `[quizzes.\"quizzes/basic.gift\"]` sets up a quiz that is not in the outline: check the path (relative to course.toml); the GIFT quizzes in the outline are quizzes/basics.gift, quizzes/more-practice.gift",
            at(&text, "\"quizzes/basic.gift\"]", 0)
        )]
    );
    let loaded = course::load(&DirSource::new(dir.path()));
    assert!(
        loaded.course.is_some(),
        "a warning does not stop the course"
    );
    // A lesson keeps its settings in its own file.
    let dir = course_copy(|t| {
        t.replace(
            "[quizzes.\"quizzes/basics.gift\"]",
            "[quizzes.\"lessons/intro.md\"]",
        )
    });
    let all = headlines(dir.path());
    assert!(
        all.iter()
            .any(|h| h.contains("only GIFT quizzes (.gift) take their settings from course.toml")),
        "{all:?}"
    );
    // `quizzes` must hold tables.
    let dir = course_copy(|t| format!("quizzes = 3\n{}", t.split("# What GIFT").next().unwrap()));
    let all = headlines(dir.path());
    assert!(
        all[0].starts_with("course.toml:1:11: `quizzes` should be tables"),
        "{all:?}"
    );
}

#[test]
fn validate_reports_a_gift_mistake_at_its_place_in_the_course() {
    let dir = course_copy(|t| t.to_string());
    let quiz = dir.path().join("quizzes/basics.gift");
    let text = fs::read_to_string(&quiz).unwrap();
    fs::write(&quiz, text.replace("{T}", "{T")).unwrap();
    let out = hatua(&["validate", path(dir.path())]);
    assert_eq!(out.status.code(), Some(1), "{}", dump(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let want = format!(
        "{}:5:37: error: this `{{` is never closed",
        dir.path().join("quizzes/basics.gift").display()
    );
    assert!(
        stdout.lines().any(|l| l == want),
        "no `{want}` in:\n{stdout}"
    );
    assert!(
        stdout.contains("hint: end the answers with `}`"),
        "{stdout}"
    );
}
