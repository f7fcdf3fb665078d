//! `hatua gift2toml`: TOML that loads back as the very same quiz, warnings on stderr, and
//! nothing written when the GIFT file has errors.

use super::*;

/// The quiz `toml` becomes when a course lists it as `quizzes/<stem>.toml`.
fn load_native(toml: &str, stem: &str) -> Quiz {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir(dir.path().join("quizzes")).unwrap();
    fs::write(dir.path().join(format!("quizzes/{stem}.toml")), toml).unwrap();
    fs::write(
        dir.path().join("course.toml"),
        format!(
            "format = 1\nid = \"round-trip\"\nversion = \"1.0.0\"\ntitle = \"Round trip\"\n\n[[modules]]\nid = \"m\"\ntitle = \"M\"\nitems = [\"quizzes/{stem}.toml\"]\n"
        ),
    )
    .unwrap();
    let loaded = course::load(&DirSource::new(dir.path()));
    assert_eq!(
        loaded.errors().count(),
        0,
        "{:#?}\n{toml}",
        loaded.diagnostics
    );
    let course = loaded.course.expect("the course");
    match &course.item_at(0).expect("the quiz").kind {
        ItemKind::Quiz(q) => q.clone(),
        ItemKind::Lesson(_) => panic!("not a quiz"),
    }
}

#[test]
fn gift2toml_writes_toml_that_loads_back_as_the_same_quiz() {
    for name in READABLE {
        let out = hatua(&["gift2toml", path(&gift_file(name))]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", dump(&out));
        let toml = String::from_utf8(out.stdout).expect("UTF-8 TOML");
        let stem = name.trim_end_matches(".gift");
        assert_eq!(
            load_native(&toml, stem),
            quiz_allowing_warnings(name),
            "{name}:\n{toml}"
        );
        // Readable: it says where it came from and what each setting means.
        assert!(toml.starts_with(&format!("# Converted from {name} by `hatua gift2toml`")));
        assert!(toml.contains("# Percent of the points needed to pass"));
        assert!(toml.contains(&format!("of {name}.")));
    }
}

fn quiz_allowing_warnings(name: &str) -> Quiz {
    read(name).0.expect("a quiz")
}

#[test]
fn gift2toml_writes_a_file_and_puts_warnings_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("unsupported.toml");
    let out = hatua(&[
        "gift2toml",
        path(&gift_file("unsupported.gift")),
        "-o",
        path(&out_file),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", dump(&out));
    assert!(out.stdout.is_empty(), "{}", dump(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("unsupported.gift:3:1: warning: the question “Reflect” is an essay question"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("wrote 5 questions to {}", out_file.display())),
        "{stderr}"
    );
    let toml = fs::read_to_string(&out_file).unwrap();
    assert_eq!(
        load_native(&toml, "unsupported"),
        quiz_allowing_warnings("unsupported.gift")
    );
}

#[test]
fn gift2toml_with_errors_writes_nothing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("errors.toml");
    let file = gift_file("errors.gift");
    let out = hatua(&["gift2toml", path(&file), "--output", path(&out_file)]);
    assert_eq!(out.status.code(), Some(1), "{}", dump(&out));
    assert!(out.stdout.is_empty());
    assert!(!out_file.exists(), "nothing is written");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for place in [
        "3:32", "5:29", "7:18", "9:29", "11:23", "13:27", "15:1", "17:37", "19:36", "21:1",
    ] {
        let want = format!("{}:{place}: error: ", file.display());
        assert!(
            stderr.lines().any(|l| l.starts_with(&want)),
            "no `{want}`:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("10 errors; nothing was written"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn gift2toml_refuses_to_overwrite_the_gift_file_and_explains_unreadable_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.gift");
    fs::write(&file, "Q {T}\n").unwrap();
    let out = hatua(&["gift2toml", path(&file), "-o", path(&file)]);
    assert_eq!(out.status.code(), Some(1), "{}", dump(&out));
    assert_eq!(fs::read_to_string(&file).unwrap(), "Q {T}\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the GIFT file itself"));

    let missing = dir.path().join("none.gift");
    let out = hatua(&["gift2toml", path(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot read"),
        "{}",
        dump(&out)
    );

    fs::write(&file, b"Q {T}\n\xff\n").unwrap();
    let out = hatua(&["gift2toml", path(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not UTF-8 text"),
        "{}",
        dump(&out)
    );
}

#[test]
fn gift2toml_does_not_replace_an_existing_quiz_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.gift");
    fs::write(&file, "Q {T}\n").unwrap();
    let edited = dir.path().join("mine.toml");
    fs::write(&edited, "# edited by hand\n").unwrap();
    let out = hatua(&["gift2toml", path(&file), "-o", path(&edited)]);
    assert_eq!(out.status.code(), Some(1), "{}", dump(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already exists")
            && String::from_utf8_lossy(&out.stderr).contains("--force"),
        "{}",
        dump(&out)
    );
    assert_eq!(fs::read_to_string(&edited).unwrap(), "# edited by hand\n");
    let out = hatua(&["gift2toml", path(&file), "-o", path(&edited), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", dump(&out));
    assert!(
        fs::read_to_string(&edited)
            .unwrap()
            .contains("[[questions]]")
    );
}

#[test]
fn a_gift_quiz_too_large_once_converted_is_refused_by_validate_and_gift2toml() {
    // Under 2 MiB as GIFT; the TOML form repeats every prompt in comments and quotes.
    let question = format!(
        "::q::{} {{=right#{} ~wrong#{}}}\n\n",
        "x".repeat(300),
        "f".repeat(200),
        "g".repeat(200)
    );
    let text: String = (0..2400)
        .map(|i| question.replace("::q::", &format!("::q{i}::")))
        .collect();
    assert!(text.len() < 2 * 1024 * 1024, "{}", text.len());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.gift");
    fs::write(&file, &text).unwrap();
    let out = hatua(&["gift2toml", path(&file)]);
    assert_eq!(out.status.code(), Some(1), "{}", dump(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("over the 2048 KiB a quiz may hold"),
        "{}",
        dump(&out)
    );
    assert!(out.stdout.is_empty());

    let course = dir.path().join("course");
    fs::create_dir_all(course.join("quizzes")).unwrap();
    fs::copy(&file, course.join("quizzes/big.gift")).unwrap();
    fs::write(
        course.join("course.toml"),
        "format = 1\nid = \"big\"\nversion = \"1.0.0\"\ntitle = \"Big\"\n\n[[modules]]\nid = \"m\"\ntitle = \"M\"\nitems = [\"quizzes/big.gift\"]\n",
    )
    .unwrap();
    let out = hatua(&["validate", path(&course)]);
    assert_eq!(out.status.code(), Some(1), "{}", dump(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("quizzes/big.gift: error: converted to Hatua's quiz format"),
        "{}",
        dump(&out)
    );
}
