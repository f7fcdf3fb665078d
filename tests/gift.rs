//! Moodle GIFT quizzes end to end: every fixture under tests/fixtures/gift read into Hatua's
//! question kinds and graded; a course whose outline lists GIFT quizzes, with their settings
//! in course.toml, checked by `hatua validate` (in `gift/course.rs`); and `hatua gift2toml`,
//! whose TOML reads back as the very same quiz (in `gift/convert.rs`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{HATUA, copy_dir, fixture};
use hatua::course::gift;
use hatua::course::{self, Diagnostics, DirSource, ItemKind};
use hatua::quiz::grade::feedback;
use hatua::quiz::{Question, QuestionKind, Quiz, Response, grade};

#[path = "gift/course.rs"]
mod in_course;

#[path = "gift/convert.rs"]
mod convert;

/// The GIFT files that read without errors.
const READABLE: &[&str] = &[
    "choices.gift",
    "truefalse.gift",
    "short.gift",
    "numeric.gift",
    "matching.gift",
    "formats.gift",
    "escapes.gift",
    "unsupported.gift",
];

fn gift_file(name: &str) -> PathBuf {
    fixture("gift").join(name)
}

/// A fixture read as a course would read it, from `quizzes/<name>`: the quiz, if it has no
/// errors, and every diagnostic as `file:line:col: message`.
fn read(name: &str) -> (Option<Quiz>, Vec<String>) {
    let text = fs::read_to_string(gift_file(name)).expect("the fixture");
    let mut d = Diagnostics::new();
    let quiz = gift::parse(&format!("quizzes/{name}"), &text, &mut d);
    (quiz, d.into_sorted().iter().map(|x| x.headline()).collect())
}

fn quiz(name: &str) -> Quiz {
    let (quiz, diags) = read(name);
    assert!(diags.is_empty(), "{name}: {diags:#?}");
    quiz.expect("a quiz")
}

fn question<'q>(quiz: &'q Quiz, id: &str) -> &'q Question {
    quiz.question(id)
        .unwrap_or_else(|| panic!("no question `{id}` in {:?}", ids(quiz)))
}

fn ids(quiz: &Quiz) -> Vec<&str> {
    quiz.questions.iter().map(|q| q.id.as_str()).collect()
}

fn score(q: &Question, r: Response) -> f64 {
    grade(q, &r).score.get()
}

// ---- each kind of question ---------------------------------------------------------------

#[test]
fn choices_are_single_or_weighted_multiple_and_grade_so() {
    let quiz = quiz("choices.gift");
    assert_eq!(quiz.id, "choices");
    assert_eq!(quiz.title, "Choices");
    assert_eq!(
        ids(&quiz),
        ["hatua", "cedaw-decade", "equity-measures", "q4"]
    );
    let hatua = question(&quiz, "hatua");
    assert_eq!(hatua.kind.name(), "single");
    // Written without a format, `*hatua*` is shown as written, stars and all.
    assert_eq!(hatua.prompt, "What does the Swahili word \\*hatua\\* mean?");
    assert_eq!(score(hatua, Response::Choice(0)), 1.0);
    assert_eq!(score(hatua, Response::Choice(1)), 0.0);
    assert_eq!(
        feedback(hatua, &Response::Choice(1)),
        ["Close, but a walk is made of many of these."]
    );

    let equity = question(&quiz, "equity-measures");
    let QuestionKind::Multiple { choices } = &equity.kind else {
        panic!("{:?}", equity.kind)
    };
    let weights: Vec<Option<f64>> = choices.iter().map(|c| c.weight).collect();
    assert_eq!(weights, [Some(50.0), Some(50.0), Some(-100.0), None]);
    let right: Vec<bool> = choices.iter().map(|c| c.correct).collect();
    assert_eq!(right, [true, true, false, false]);
    assert_eq!(
        equity.explanation.as_deref(),
        Some("Equity gives people what they need to reach the same result.")
    );
    let picked = |v: &[usize]| score(equity, Response::Choices(v.to_vec()));
    assert_eq!(picked(&[0, 1]), 1.0);
    assert_eq!(picked(&[1]), 0.5);
    assert_eq!(picked(&[0, 1, 3]), 1.0);
    // A -100% choice takes everything back, and the score never goes below zero.
    assert_eq!(picked(&[0, 2]), 0.0);
}

#[test]
fn true_false_feedback_follows_the_learners_answer() {
    let quiz = quiz("truefalse.gift");
    assert_eq!(
        ids(&quiz),
        ["sex-and-gender", "q2", "equal-pay", "empowerment"]
    );
    let q2 = question(&quiz, "q2");
    assert!(grade(q2, &Response::Bool(false)).is_correct());
    assert_eq!(
        feedback(q2, &Response::Bool(true)),
        ["No: it was adopted in 1995, in Beijing."]
    );
    assert_eq!(
        feedback(q2, &Response::Bool(false)),
        ["Right: 2005 was its ten-year review."]
    );
    let pay = question(&quiz, "equal-pay");
    assert_eq!(
        feedback(pay, &Response::Bool(true)),
        ["Many countries still have none."]
    );
    assert!(feedback(pay, &Response::Bool(false)).is_empty());
    let power = question(&quiz, "empowerment");
    assert!(grade(power, &Response::Bool(true)).is_correct());
    assert_eq!(
        feedback(power, &Response::Bool(false)),
        ["Think again: voice and choice are at its heart."]
    );
    let gender = question(&quiz, "sex-and-gender");
    assert_eq!(
        gender.kind,
        QuestionKind::TrueFalse {
            answer: true,
            feedback_true: None,
            feedback_false: None
        }
    );
}

#[test]
fn short_answers_earn_their_weight_whatever_the_case_and_accents() {
    let quiz = quiz("short.gift");
    let city = question(&quiz, "conference-city");
    let typed = |t: &str| grade(city, &Response::Text(t.into()));
    assert!(typed("  béijing ").is_correct());
    assert_eq!(typed("PEKING").score, 0.5);
    assert!(typed("peking").is_partial());
    assert_eq!(typed("Nairobi").score, 0.0);
    assert_eq!(
        feedback(city, &Response::Text("nairobi".into())),
        ["Nairobi hosted the third conference, in 1985."]
    );
    assert_eq!(
        score(question(&quiz, "q2"), Response::Text("un-women".into())),
        1.0
    );
    let word = question(&quiz, "missing-word");
    assert_eq!(word.prompt, "Hatua means _____ in Swahili.");
    assert!(grade(word, &Response::Text("Step".into())).is_correct());
}

#[test]
fn numbers_are_right_within_their_tolerance_or_range() {
    let quiz = quiz("numeric.gift");
    let n = |id: &str, x: f64| grade(question(&quiz, id), &Response::Number(x));
    assert!(n("cedaw-adopted", 1979.0).is_correct());
    assert_eq!(n("cedaw-adopted", 1980.0).score, 0.0);
    assert!(n("states-parties", 184.0).is_correct());
    assert!(n("states-parties", 194.0).is_correct());
    assert_eq!(n("states-parties", 194.5).score, 0.0);
    assert!(n("review-decade", 2010.0).is_correct());
    assert!(n("review-decade", 2020.0).is_correct());
    assert_eq!(n("review-decade", 2021.0).score, 0.0);
    assert!(n("share", 25.0).is_correct());
    assert!(n("beijing-year", 1995.0).is_correct());
    assert_eq!(n("beijing-year", 1993.0).score, 0.5);
    let year = question(&quiz, "beijing-year");
    assert_eq!(
        feedback(year, &Response::Number(1992.0)),
        ["Close: within five years."]
    );
    // Moodle's `~#…`: feedback for any other number, and no points.
    assert_eq!(n("beijing-year", 1970.0).score, 0.0);
    assert_eq!(
        feedback(year, &Response::Number(1970.0)),
        ["Look at the date of the Fourth World Conference on Women."]
    );
}

#[test]
fn matching_pairs_grade_a_share_each() {
    let quiz = quiz("matching.gift");
    let docs = question(&quiz, "documents-and-years");
    assert_eq!(docs.kind.match_options(), ["1979", "1995", "2015"]);
    let m = |v: &[Option<usize>]| score(docs, Response::Match(v.to_vec()));
    assert_eq!(m(&[Some(0), Some(1), Some(2)]), 1.0);
    assert!((m(&[Some(0), Some(2), Some(1)]) - 1.0 / 3.0).abs() < 1e-9);
    let terms = question(&quiz, "terms");
    assert_eq!(
        terms.kind,
        QuestionKind::Match {
            pairs: vec![
                ("Equality".into(), "the same rule for all".into()),
                (
                    "Equity".into(),
                    "what each needs to reach the same result".into()
                ),
            ],
            distractors: vec!["a quota of one".into()],
        }
    );
}

// ---- text features -------------------------------------------------------------------------

#[test]
fn formats_become_markdown_that_shows_what_the_author_meant() {
    let quiz = quiz("formats.gift");
    let prompt = |id: &str| question(&quiz, id).prompt.as_str();
    assert_eq!(prompt("markdown"), "Which word is **bold** here?");
    assert_eq!(
        prompt("plain"),
        "Is 2 \\* 3 = 6 written with \\*stars\\* and \\_lines\\_?"
    );
    assert_eq!(prompt("html"), "Which is fair & right?");
    assert_eq!(
        prompt("moodle-default"),
        "A question\\\nover two lines, with a tag."
    );
    let html = question(&quiz, "html");
    let QuestionKind::Single { choices } = &html.kind else {
        panic!()
    };
    assert_eq!(
        choices[0].feedback.as_deref(),
        Some("Yes: it looks at results.")
    );
    assert_eq!(choices[1].text, "Equality of rules");
    assert_eq!(
        html.explanation.as_deref(),
        Some("Equity \\<means> \"what each needs\" 'to get there'.")
    );
    let own = question(&quiz, "own-format");
    let QuestionKind::Single { choices } = &own.kind else {
        panic!()
    };
    assert_eq!(choices[0].text, "**this**");
    assert_eq!(choices[1].text, "\\*that\\*");
}

#[test]
fn escapes_are_the_characters_themselves() {
    let quiz = quiz("escapes.gift");
    assert_eq!(ids(&quiz), ["signs-which-one", "lines", "backslash"]);
    let signs = &quiz.questions[0];
    assert_eq!(
        signs.prompt,
        "Which sign marks a right answer in GIFT: = or \\~?"
    );
    let QuestionKind::Single { choices } = &signs.kind else {
        panic!()
    };
    let texts: Vec<&str> = choices.iter().map(|c| c.text.as_str()).collect();
    // Each is escaped for Markdown where it would start a heading or strike text through.
    assert_eq!(texts, ["\\= (equals)", "\\~ (tilde)", "\\# (hash)"]);
    assert_eq!(choices[0].feedback.as_deref(), Some("Right: {=answer}"));
    assert_eq!(quiz.questions[1].prompt, "First line\\\nsecond line");
    assert_eq!(quiz.questions[2].prompt, "A backslash \\\\ stays one.");
}

#[test]
fn unsupported_questions_are_skipped_with_a_warning_naming_the_line() {
    let (quiz, diags) = read("unsupported.gift");
    let quiz = quiz.expect("warnings do not stop the quiz");
    assert_eq!(
        ids(&quiz),
        ["lowercase", "partial-single", "weights", "wildcard", "kept"]
    );
    assert_eq!(
        diags,
        [
            "quizzes/unsupported.gift:3:1: the question “Reflect” is an essay question, which Hatua does not support; it was skipped",
            "quizzes/unsupported.gift:5:1: the question “Introduction” is a description (text with no answers), which Hatua does not support in a quiz; it was skipped",
            "quizzes/unsupported.gift:7:43: `{true}` is read as a typed answer, because GIFT writes true-false answers in capitals",
            "quizzes/unsupported.gift:9:48: a question with one right answer is all or nothing in Hatua, so this weight is ignored",
            "quizzes/unsupported.gift:11:37: the positive weights add up to 80%, so no one can earn full marks",
            "quizzes/unsupported.gift:13:30: Hatua has no `*` wildcard in typed answers: this answer only matches the text as written",
        ]
    );
}

#[test]
fn mistakes_are_errors_at_file_line_col() {
    let (quiz, diags) = read("errors.gift");
    assert!(quiz.is_none());
    let f = "quizzes/errors.gift";
    assert_eq!(
        diags,
        [
            format!("{f}:3:32: this `{{` is never closed"),
            format!("{f}:5:29: this answer list has no right answer"),
            format!("{f}:7:18: this `}}` closes no answer list"),
            format!(
                "{f}:9:29: a question with `=` choices has one right answer, and this is a second"
            ),
            format!("{f}:11:23: `nineteen` is not a number"),
            format!("{f}:13:27: a weight of 150% is outside -100% to 100%"),
            format!("{f}:15:1: this question title is never closed with `::`"),
            format!("{f}:17:37: this answer list has no right answer"),
            format!("{f}:19:36: this pair has no `->`"),
            format!("{f}:21:1: this question has no text before its answers"),
        ]
    );
}

// ---- running the binary ------------------------------------------------------------------

fn hatua(args: &[&str]) -> Output {
    let data = tempfile::tempdir().expect("a data dir");
    Command::new(HATUA)
        .args(args)
        .env("HATUA_DATA_DIR", data.path())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("hatua runs")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

fn dump(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
