//! The command line as a trainer or a site coordinator meets it: the built binary run against
//! the fixture courses, good and broken, and against data folders it must refuse.
//!
//! Every run points `HATUA_DATA_DIR` at a temporary folder, so the real user's data is never
//! read or written.

mod common;

use common::pts;

use common::run::Run;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{HATUA, copy_dir, fixture, install_fixture};
use hatua::library::Library;
use tempfile::TempDir;

const BUILT_IN_ID: &str = "gender-equality-key-concepts";

/// Runs `hatua args…` with its data dir in `data_dir` (through `HATUA_DATA_DIR`) and every
/// stream a pipe.
fn hatua(data_dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(HATUA);
    command.args(args).env("HATUA_DATA_DIR", data_dir);
    common::run::run(command, "")
}

fn data_dir() -> TempDir {
    tempfile::tempdir().expect("a temporary data dir")
}

fn validate(course: &Path) -> Run {
    let data = data_dir();
    let run = hatua(
        data.path(),
        &["validate", course.to_str().expect("UTF-8 path")],
    );
    run.assert_no_panic();
    run
}

// ---- validate ----------------------------------------------------------------------------

#[test]
fn validate_accepts_the_minimal_course_and_says_so() {
    let course = fixture("minimal");
    let run = validate(&course);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    // The counts' wording (`1 module` or `1 modules`) is not the point here.
    let summary = format!("{}: `minimal` 1.0.0 is valid: 1 module", course.display());
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with(&summary) && l.contains(" 3 items") && l.contains("0 warnings")),
        "no line `{summary}…3 items…0 warnings`:\n{}",
        run.dump()
    );
    assert!(!run.stdout.contains("error:"), "{}", run.dump());
}

/// Checks that validating the broken fixture `name` fails with exactly one error: a line
/// starting `<folder>/<location>: error: <message>`, the source line with a caret under the
/// column, and a `hint:` line containing every one of `hint`.
fn assert_one_error(name: &str, location: &str, message: &str, hint: &[&str]) {
    let course = fixture(name);
    let run = validate(&course);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    let expected = format!("{}/{location}: error: {message}", course.display());
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&expected))
        .unwrap_or_else(|| panic!("no line starting `{expected}`:\n{}", run.dump()));
    // Between the headline and the hint: the source line with a caret under the column.
    let hint_at = lines[at + 1..]
        .iter()
        .position(|l| l.starts_with("  hint: "))
        .map_or(at + 1, |i| at + 1 + i);
    let excerpt = &lines[at + 1..hint_at];
    let column: usize = location
        .rsplit(':')
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    if column > 0 {
        assert_eq!(
            excerpt.len(),
            3,
            "a source excerpt of three lines:\n{}",
            run.dump()
        );
        let caret = excerpt[2];
        let bar = caret.find('|').expect("the caret line has a gutter") + 2;
        assert_eq!(
            caret[bar..].find('^').map(|i| i + 1),
            Some(column),
            "the caret stands under column {column}:\n{}",
            run.dump()
        );
    }
    let hint_line = lines.get(hint_at).copied().unwrap_or_default();
    assert!(
        hint_line.starts_with("  hint: ") && hint.iter().all(|h| hint_line.contains(h)),
        "the error is not followed by a hint containing {hint:?}:\n{}",
        run.dump()
    );
    let errors = lines.iter().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, 1, "one mistake, one error:\n{}", run.dump());
    let summary = lines.last().copied().unwrap_or_default();
    assert!(
        summary.starts_with(&format!("{}: 1 error", course.display()))
            && summary.ends_with("the course cannot be played until the errors are fixed"),
        "the last line sums up:\n{}",
        run.dump()
    );
}

#[test]
fn validate_names_a_missing_file_where_the_outline_lists_it() {
    assert_one_error(
        "missing-file",
        "course.toml:14:30",
        "missing file `lessons/absent.md`",
        &["check the spelling, or create the file"],
    );
}

#[test]
fn validate_names_a_duplicate_id_and_both_files() {
    assert_one_error(
        "duplicate-id",
        "course.toml:14:30",
        "duplicate id `second`: `lessons/second.md` has the same id as `lessons/first.md`",
        &["give one of them another `id`"],
    );
}

#[test]
fn validate_names_an_unknown_key_and_suggests_the_known_one() {
    assert_one_error(
        "unknown-key",
        "course.toml:10:1",
        "unknown key `author` in course.toml",
        &["did you mean `authors`?"],
    );
}

#[test]
fn validate_names_a_value_of_the_wrong_type() {
    assert_one_error(
        "wrong-type",
        "quizzes/check.toml:3:13",
        "`pass_mark` should be a whole number, but it is text",
        &["write digits without quotes", "`pass_mark = "],
    );
}

#[test]
fn validate_names_a_question_without_a_correct_answer() {
    assert_one_error(
        "no-correct-answer",
        "quizzes/check.toml:7:6",
        "question `pick-b` has no correct answer",
        &["mark the right choice with `correct = true`"],
    );
}

#[test]
fn validate_names_an_empty_module() {
    assert_one_error(
        "empty-module",
        "course.toml:14:9",
        "module `only` is empty",
        &["add at least one lesson or quiz to it"],
    );
}

#[test]
fn validate_refuses_a_format_version_from_the_future() {
    assert_one_error(
        "future-format",
        "course.toml:1:10",
        "unsupported format version 2: this Hatua reads bundle format 1",
        &["install a newer Hatua"],
    );
}

#[test]
fn validate_points_at_the_first_byte_that_is_not_utf8() {
    // `# Bad ` is six bytes: the first bad byte is column 7 of line 1.
    assert_one_error(
        "not-utf8",
        "lessons/second.md:1:7",
        "this file is not UTF-8 text",
        &["UTF-8"],
    );
}

#[test]
fn validate_reports_every_problem_in_one_run() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let course = work.path().join("two-mistakes");
    copy_dir(&fixture("minimal"), &course);
    // Mistake 1, in course.toml: the outline names a lesson that does not exist.
    let toml = fs::read_to_string(course.join("course.toml")).expect("read course.toml");
    assert!(toml.contains("\"lessons/second.md\""));
    fs::write(
        course.join("course.toml"),
        toml.replace("\"lessons/second.md\"", "\"lessons/secnod.md\""),
    )
    .expect("write course.toml");
    // Mistake 2, in the quiz: the single-answer question loses its right answer.
    let quiz = fs::read_to_string(course.join("quizzes/check.toml")).expect("read the quiz");
    let broken = quiz.replacen("text = \"b\"\ncorrect = true\n", "text = \"b\"\n", 1);
    assert_ne!(broken, quiz, "the fixture changed: fix this test's edit");
    fs::write(course.join("quizzes/check.toml"), broken).expect("write the quiz");

    let run = validate(&course);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    let dir = course.display();
    for expected in [
        format!("{dir}/course.toml:14:30: error: missing file `lessons/secnod.md`"),
        format!("{dir}/quizzes/check.toml:7:6: error: question `pick-b` has no correct answer"),
    ] {
        assert!(
            run.stdout.lines().any(|l| l == expected),
            "no line `{expected}`:\n{}",
            run.dump()
        );
    }
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.contains(": error: "))
            .count(),
        2,
        "{}",
        run.dump()
    );
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("  hint: "))
            .count(),
        // Two errors, and the warning that lessons/second.md is no longer listed.
        3,
        "{}",
        run.dump()
    );
    assert!(
        run.stdout.contains(&format!("{dir}: 2 errors, 1 warning")),
        "{}",
        run.dump()
    );
}

#[test]
fn validate_on_something_that_is_not_a_folder_says_so_without_panicking() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let file = work.path().join("course.toml");
    fs::write(&file, "format = 1\n").expect("write a file");
    let missing = work.path().join("no-such-course");
    for (path, problem) in [
        (&file, "is not a folder or a .zip"),
        (&missing, "does not exist"),
    ] {
        let run = validate(path);
        assert_ne!(run.code(), Some(0), "{}", run.dump());
        assert!(run.code().is_some(), "killed by a signal: {}", run.dump());
        let sentence = format!(
            "hatua: {} {problem}. Give the course folder, the one that holds course.toml, or the .zip made by `hatua pack`.",
            path.display()
        );
        assert_eq!(run.stderr.trim_end(), sentence, "{}", run.dump());
        assert!(run.stdout.is_empty(), "{}", run.dump());
    }
}

// ---- courses -----------------------------------------------------------------------------

/// The whitespace-separated columns of the `courses` line whose first column is `id`.
fn course_row<'a>(run: &'a Run, id: &str) -> Vec<&'a str> {
    run.stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|cols| cols.first() == Some(&id))
        .unwrap_or_else(|| panic!("no line for `{id}`:\n{}", run.dump()))
}

#[test]
fn courses_lists_the_built_in_course_with_its_version_and_item_count() {
    let library = Library::load(None);
    let built_in = library
        .course(BUILT_IN_ID)
        .expect("the built-in course loads");
    let data = data_dir();
    let run = hatua(data.path(), &["courses"]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(
        run.stdout.starts_with("ID "),
        "a header line:\n{}",
        run.dump()
    );
    let row = course_row(&run, BUILT_IN_ID);
    assert_eq!(row[1], built_in.version, "{}", run.dump());
    assert_eq!(row[2], built_in.item_count().to_string(), "{}", run.dump());
    assert_eq!(row[3], "built-in", "the ORIGIN column:\n{}", run.dump());
}

/// The four courses that ship inside the binary.
const BUILT_IN_IDS: [&str; 4] = [
    "beijing-platform",
    "cedaw",
    "gender-equality-key-concepts",
    "women-peace-security",
];

#[test]
fn courses_keeps_where_a_course_comes_from_out_of_the_title_column() {
    let data = data_dir();
    install_fixture("minimal", data.path(), "minimal");
    let run = hatua(data.path(), &["courses"]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let header = run.stdout.lines().next().unwrap_or_default();
    let (origin_at, title_at) = (
        header.find("ORIGIN").expect("an ORIGIN column"),
        header.find("TITLE").expect("a TITLE column"),
    );
    assert!(origin_at < title_at, "{}", run.dump());
    let library = Library::load(Some(data.path()));
    for line in run.stdout.lines().skip(1) {
        let id = line.split_whitespace().next().unwrap_or_default();
        let course = library
            .course(id)
            .unwrap_or_else(|| panic!("`{id}` is a course:\n{}", run.dump()));
        // Exactly the title under TITLE: nothing added to it.
        assert_eq!(&line[title_at..], course.title, "{}", run.dump());
        let origin = line[origin_at..title_at].trim();
        let expected = if id == "minimal" {
            "unsigned"
        } else {
            "built-in"
        };
        assert_eq!(origin, expected, "`{id}`:\n{}", run.dump());
    }
    assert!(!run.stdout.contains("(built-in)"), "{}", run.dump());
}

#[test]
fn courses_in_json_lists_each_course_with_its_id_and_origin() {
    let data = data_dir();
    install_fixture("minimal", data.path(), "minimal");
    install_fixture("unknown-key", data.path(), "broken");
    let run = hatua(data.path(), &["courses", "--format", "json"]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let listed: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.dump()));
    let listed = listed.as_array().expect("an array of courses");
    let by_id = |id: &str| {
        listed
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no `{id}`:\n{}", run.dump()))
    };

    let library = Library::load(None);
    let mut built_in: Vec<&str> = listed
        .iter()
        .filter(|c| c["origin"] == "built-in")
        .map(|c| c["id"].as_str().expect("an id"))
        .collect();
    built_in.sort_unstable();
    assert_eq!(built_in, BUILT_IN_IDS, "{}", run.dump());
    for id in BUILT_IN_IDS {
        let (c, course) = (by_id(id), library.course(id).expect("it loads"));
        assert_eq!(c["title"], course.title.as_str(), "{c}");
        assert_eq!(c["version"], course.version.as_str(), "{c}");
        assert_eq!(c["items"], course.item_count(), "{c}");
        assert_eq!(
            (&c["available"], &c["signature"]),
            (&true.into(), &serde_json::Value::Null)
        );
    }

    let minimal = by_id("minimal");
    assert_eq!(minimal["origin"], "installed", "{minimal}");
    assert_eq!(minimal["signature"], "unsigned", "{minimal}");
    assert_eq!(minimal["title"], "A minimal course", "{minimal}");
    assert!(
        minimal["folder"]
            .as_str()
            .is_some_and(|f| f.ends_with("minimal")),
        "{minimal}"
    );

    let broken = by_id("broken");
    assert_eq!(broken["available"], false, "{broken}");
    assert_eq!(broken["version"], serde_json::Value::Null, "{broken}");
    assert!(
        broken["problem"]
            .as_str()
            .is_some_and(|p| p.contains("unknown key `author`")),
        "{broken}"
    );
    assert_eq!(listed.len(), BUILT_IN_IDS.len() + 2, "{}", run.dump());
}

#[test]
fn courses_lists_a_broken_installed_course_as_unavailable_and_keeps_the_good_ones() {
    let data = data_dir();
    install_fixture("unknown-key", data.path(), "broken");
    install_fixture("minimal", data.path(), "minimal");
    // Through --data-dir this time; it overrides HATUA_DATA_DIR.
    let elsewhere = data_dir();
    let run = hatua(
        elsewhere.path(),
        &[
            "--data-dir",
            data.path().to_str().expect("UTF-8 path"),
            "courses",
        ],
    );
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());

    let broken = course_row(&run, "broken");
    assert_eq!(&broken[1..3], ["-", "-"], "{}", run.dump());
    assert!(
        broken
            .join(" ")
            .ends_with("unavailable: course.toml:10:1: unknown key `author` in course.toml"),
        "{}",
        run.dump()
    );
    let minimal = course_row(&run, "minimal");
    assert_eq!(&minimal[1..3], ["1.0.0", "3"], "{}", run.dump());
    assert!(!minimal.join(" ").contains("(built-in)"), "{}", run.dump());
    course_row(&run, BUILT_IN_ID);
    let built_in = hatua::library::Library::load(None).entries.len();
    assert_eq!(
        run.stdout.lines().count(),
        1 + built_in + 2,
        "header, the built-in courses, minimal and broken:\n{}",
        run.dump()
    );
}

// ---- help and version --------------------------------------------------------------------

#[test]
fn help_names_the_commands() {
    let data = data_dir();
    let run = hatua(data.path(), &["--help"]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    for word in ["validate", "courses", "--data-dir", "HATUA_DATA_DIR"] {
        assert!(run.stdout.contains(word), "no `{word}`:\n{}", run.dump());
    }
}

// ---- completions, the man page and examples in --help --------------------------------------

#[test]
fn the_bash_completion_script_completes_the_subcommands() {
    let data = data_dir();
    let run = hatua(data.path(), &["completions", "bash"]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(
        run.stdout.contains("complete -F _hatua"),
        "a script bash loads:\n{}",
        run.stdout
    );
    for word in ["validate", "learners", "--data-dir", "--format"] {
        assert!(run.stdout.contains(word), "no `{word}`:\n{}", run.stdout);
    }
    for shell in ["zsh", "fish", "powershell"] {
        let run = hatua(data.path(), &["completions", shell]);
        assert_eq!(run.code(), Some(0), "{}", run.dump());
        assert!(run.stdout.contains("learners"), "{shell}:\n{}", run.stdout);
    }
    let run = hatua(data.path(), &["completions", "tcsh"]);
    assert_eq!(
        run.code(),
        Some(2),
        "an unknown shell is refused:\n{}",
        run.dump()
    );
}

#[test]
fn the_man_page_is_roff_and_names_the_commands() {
    let data = data_dir();
    let run = hatua(data.path(), &["man"]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(
        run.stdout.lines().any(|l| l.starts_with(".TH hatua 1")),
        "a title line:\n{}",
        run.stdout
    );
    for command in [
        "validate",
        "import",
        "learners",
        "completions",
        "HATUA_DATA_DIR",
    ] {
        assert!(
            run.stdout.contains(command),
            "no `{command}`:\n{}",
            run.stdout
        );
    }

    let pages = data_dir();
    let run = hatua(
        data.path(),
        &["man", "--to", pages.path().to_str().expect("UTF-8 path")],
    );
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    for page in ["hatua.1", "hatua-validate.1", "hatua-learners-list.1"] {
        let text = fs::read_to_string(pages.path().join(page))
            .unwrap_or_else(|e| panic!("{page}: {e}\n{}", run.dump()));
        assert!(text.contains(".TH "), "{page}:\n{text}");
    }
}

#[test]
fn the_commands_trainers_use_most_show_examples_in_their_help() {
    let data = data_dir();
    for command in [
        "validate", "pack", "import", "export", "report", "learners", "sync",
    ] {
        for help in ["--help", "-h"] {
            let run = hatua(data.path(), &[command, help]);
            assert_eq!(run.code(), Some(0), "{}", run.dump());
            let examples = run
                .stdout
                .split_once("\nExamples:\n")
                .unwrap_or_else(|| panic!("no examples:\n{}", run.dump()))
                .1;
            assert!(
                examples
                    .lines()
                    .all(|l| l.trim_start().starts_with(&format!("hatua {command}"))
                        || l.contains(&format!("| hatua {command}"))
                        || l.trim_start().starts_with("hatua keygen")),
                "every example runs `hatua {command}`:\n{examples}"
            );
        }
    }
    let run = hatua(data.path(), &["validate", "--help"]);
    assert!(
        run.stdout
            .contains("hatua validate my-course --format json"),
        "{}",
        run.dump()
    );
}

#[test]
fn version_prints_the_crate_version() {
    let data = data_dir();
    let run = hatua(data.path(), &["--version"]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert_eq!(
        run.stdout.trim_end(),
        format!("hatua {}", env!("CARGO_PKG_VERSION")),
        "{}",
        run.dump()
    );
}

// ---- --format json on the listings -----------------------------------------------------------

#[test]
fn learners_list_in_json_lists_a_learner_just_added() {
    let data = data_dir();
    let run = hatua(data.path(), &["learners", "add", "Amina"]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let run = hatua(data.path(), &["learners", "list", "--format", "json"]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let listed: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.dump()));
    let listed = listed.as_array().expect("an array of learners");
    assert_eq!(listed.len(), 1, "{}", run.dump());
    let amina = &listed[0];
    assert_eq!(amina["name"], "Amina", "{amina}");
    assert_eq!(amina["has_pin"], false, "{amina}");
    assert_eq!(amina["archived"], false, "{amina}");
    assert_eq!(amina["last_seen_at"], serde_json::Value::Null, "{amina}");
    assert!(
        amina["id"].as_str().is_some_and(|id| id.len() == 36),
        "{amina}"
    );
    assert!(amina.get("pin_hash").is_none(), "{amina}");
}

#[test]
fn trust_list_in_json_is_an_empty_list_on_a_fresh_data_dir_and_then_names_the_key() {
    let data = data_dir();
    let run = hatua(data.path(), &["trust", "list", "--format", "json"]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let listed: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.dump()));
    assert_eq!(listed, serde_json::json!([]), "{}", run.dump());

    let keys = data_dir();
    let key = keys.path().join("org.key");
    let key = key.to_str().expect("UTF-8 path");
    assert_eq!(hatua(data.path(), &["keygen", key]).code(), Some(0));
    let public = format!("{key}.pub");
    let run = hatua(data.path(), &["trust", "add", &public, "--name", "Org"]);
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let run = hatua(data.path(), &["trust", "list", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.dump()));
    assert_eq!(listed[0]["name"], "Org", "{listed}");
    assert!(
        listed[0]["key"]
            .as_str()
            .is_some_and(|k| k.starts_with("ed25519:") && k.len() == 8 + 64),
        "{listed}"
    );
}

// ---- the player refuses data it must not touch ---------------------------------------------

/// The player was started with pipes, not a terminal: if it had entered the terminal it would
/// have written escape sequences (the alternate screen, raw mode) to stdout.
fn assert_terminal_untouched(run: &Run) {
    assert!(
        run.stdout.is_empty(),
        "nothing may reach the terminal:\n{}",
        run.dump()
    );
    assert!(!run.stderr.contains('\x1b'), "{}", run.dump());
}

#[test]
fn the_player_refuses_a_database_that_is_not_sqlite_and_leaves_it_as_it_was() {
    let data = data_dir();
    let db = data.path().join("hatua.db");
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&db, &garbage).expect("write the garbage");

    let run = hatua(data.path(), &[]);
    run.assert_no_panic();
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert_terminal_untouched(&run);
    assert!(
        run.stderr.starts_with(&format!(
            "hatua: {} is not a Hatua database (not an SQLite file). It was left untouched;",
            db.display()
        )),
        "{}",
        run.dump()
    );
    assert!(
        run.stderr.contains("--data-dir"),
        "says what to do:\n{}",
        run.dump()
    );
    assert_eq!(fs::read(&db).expect("read the file back"), garbage);
    // Not even a journal beside it: only the log, which says why the player stopped.
    let mut names: Vec<_> = fs::read_dir(data.path())
        .expect("list the data dir")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["hatua.db", "hatua.log"], "{}", run.dump());
    let log = fs::read_to_string(data.path().join("hatua.log")).expect("read the log");
    assert!(
        log.contains("ERROR") && log.contains("is not a Hatua database (not an SQLite file)"),
        "{log}"
    );
}

#[test]
fn the_player_refuses_a_data_dir_that_is_a_file_and_leaves_it_as_it_was() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let not_a_dir = work.path().join("data");
    fs::write(&not_a_dir, b"not a folder").expect("write a file");

    let run = hatua(&not_a_dir, &[]);
    run.assert_no_panic();
    assert_ne!(run.code(), Some(0), "{}", run.dump());
    assert!(run.code().is_some(), "killed by a signal: {}", run.dump());
    assert_terminal_untouched(&run);
    assert!(
        run.stderr.starts_with(&format!(
            "hatua: {} is a file, not a folder",
            not_a_dir.display()
        )),
        "names the folder:\n{}",
        run.dump()
    );
    assert!(
        run.stderr.contains("--data-dir"),
        "says what to do:\n{}",
        run.dump()
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "one sentence:\n{}",
        run.dump()
    );
    assert_eq!(
        fs::read(&not_a_dir).expect("read the file back"),
        b"not a folder"
    );
}

#[test]
fn validate_warns_about_unused_files_and_missing_assets_but_passes() {
    let course = fixture("warnings");
    let run = validate(&course);
    assert_eq!(run.code(), Some(0), "warnings do not fail: {}", run.dump());
    let dir = course.display();
    for expected in [
        format!("{dir}/assets/unused.txt: warning: nothing in the course uses this file"),
        format!("{dir}/lessons/old.md: warning: nothing in the course uses this file"),
        format!(
            "{dir}/lessons/first.md:9:46: warning: this links to `assets/map.png`, which is not in the bundle"
        ),
    ] {
        assert!(
            run.stdout.lines().any(|l| l == expected),
            "no line `{expected}`:\n{}",
            run.dump()
        );
    }
    assert!(
        !run.stdout
            .lines()
            .any(|l| l.contains("warning") && l.contains("chart.txt")),
        "a linked asset is used: {}",
        run.dump()
    );
    assert!(run.stdout.contains("3 warnings"), "{}", run.dump());
}

#[test]
fn validate_speaks_json_for_tools() {
    let data = data_dir();
    let broken = fixture("wrong-type");
    let run = hatua(
        data.path(),
        &["validate", "--format", "json", broken.to_str().unwrap()],
    );
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("one JSON document");
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("quizzes/check.toml"), Some(3), Some(13))
    );
    assert_eq!(d["severity"], "error");
    assert!(d["hint"].as_str().is_some_and(|h| h.contains("pass_mark")));
    let good = fixture("minimal");
    let run = hatua(
        data.path(),
        &["validate", "--format", "json", good.to_str().unwrap()],
    );
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(
        (
            v["valid"].as_bool(),
            v["course"]["id"].as_str(),
            v["course"]["items"].as_u64()
        ),
        (Some(true), Some("minimal"), Some(3))
    );
}

#[cfg(unix)]
#[test]
fn validate_refuses_a_lesson_that_is_a_symbolic_link() {
    let work = tempfile::tempdir().unwrap();
    let course = work.path().join("linked");
    copy_dir(&fixture("minimal"), &course);
    fs::remove_file(course.join("lessons/second.md")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", course.join("lessons/second.md")).unwrap();
    let run = validate(&course);
    assert_eq!(run.code(), Some(1), "{}", run.dump());
    assert!(
        run.stdout.contains(
            "lessons/second.md: error: The bundle entry `lessons/second.md` was refused: it is a symbolic link"
        ),
        "{}",
        run.dump()
    );
}

#[test]
fn a_portable_marker_keeps_all_data_beside_the_executable() {
    let drive = tempfile::tempdir().unwrap();
    let exe = drive.path().join("hatua");
    fs::copy(HATUA, &exe).unwrap();
    fs::write(drive.path().join("hatua-portable"), "").unwrap();
    let home = tempfile::tempdir().unwrap();
    // A copy just written can be busy for a moment: another test's thread may have forked
    // while it was open for writing, and its child holds it until it execs (ETXTBSY).
    let run = (0..50)
        .find_map(|_| {
            match Command::new(&exe)
                .args(["learners", "add", "Usb Learner"])
                .env_remove("HATUA_DATA_DIR")
                .env("HOME", home.path())
                .env("XDG_DATA_HOME", home.path().join("data"))
                .output()
            {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    None
                }
                other => Some(other.unwrap()),
            }
        })
        .expect("the copied binary stays busy");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        drive.path().join("hatua-data/hatua.db").is_file(),
        "the records live beside the executable"
    );
    let nothing_at_home = fs::read_dir(home.path()).unwrap().count();
    assert_eq!(
        nothing_at_home, 0,
        "nothing is written in the user's folders"
    );
}

#[test]
fn certificate_is_written_for_a_completed_course_and_its_code_verifies() {
    let data = data_dir();
    let run = hatua(
        data.path(),
        &["import", fixture("minimal").to_str().unwrap()],
    );
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let run = hatua(
        data.path(),
        &["certificate", "--learner", "Zainab", "--course", "minimal"],
    );
    assert_ne!(run.code(), Some(0));
    assert!(
        run.stderr.contains("no learner is called"),
        "{}",
        run.dump()
    );
    {
        let mut store = hatua::store::Store::open(&data.path().join("hatua.db")).unwrap();
        let id = store.add_learner("Zainab", None).unwrap().id;
        for lesson in ["first", "second"] {
            store.save_position(&id, "minimal", lesson, 0).unwrap();
            store
                .set_status(&id, "minimal", lesson, hatua::store::ItemStatus::Done)
                .unwrap();
        }
        let run = hatua(
            data.path(),
            &["certificate", "--learner", "Zainab", "--course", "minimal"],
        );
        assert_ne!(run.code(), Some(0));
        assert!(
            run.stderr.contains("has not completed") && run.stderr.contains("2 of 3"),
            "{}",
            run.dump()
        );
        let attempt = store
            .start_attempt(&id, "minimal", "1.0.0", "check", 1, "")
            .unwrap();
        store
            .finish_attempt(&id, &attempt, pts(2.5), pts(3.0), true)
            .unwrap();
    }
    let run = hatua(
        data.path(),
        &["certificate", "--learner", "zainab", "--course", "minimal"],
    );
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    let code = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("verification code: "))
        .expect("a code")
        .to_string();
    let html = run
        .stdout
        .lines()
        .find(|l| l.trim().ends_with(".html"))
        .unwrap()
        .trim()
        .to_string();
    let page = fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("Zainab")
            && page.contains("A minimal course")
            && page.contains("83%")
            && page.contains(&code),
        "{page}"
    );

    let run = hatua(
        data.path(),
        &["certificate", "verify", &code.to_lowercase()],
    );
    assert_eq!(run.code(), Some(0), "{}", run.dump());
    assert!(
        run.stdout
            .starts_with("valid: Zainab completed “A minimal course”"),
        "{}",
        run.dump()
    );
    let run = hatua(data.path(), &["certificate", "verify", "0000-0000-0000"]);
    assert_ne!(run.code(), Some(0));
    assert!(
        run.stderr.contains("no certificate with the code"),
        "{}",
        run.dump()
    );
    // Someone raises the score in the records: the code no longer matches them.
    let conn = rusqlite::Connection::open(data.path().join("hatua.db")).unwrap();
    conn.execute("UPDATE certificates SET score = 100", [])
        .unwrap();
    drop(conn);
    let run = hatua(data.path(), &["certificate", "verify", &code]);
    assert_ne!(run.code(), Some(0));
    assert!(
        run.stderr.contains("do not match its code"),
        "{}",
        run.dump()
    );
}
