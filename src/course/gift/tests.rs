//! Reading GIFT text: each kind of question, each feature, and each mistake at its place.

use super::*;
use crate::quiz::{Choice, NumberAnswer, QuestionKind, TextAnswer};

const PATH: &str = "quizzes/check.gift";

/// The quiz (if it has no errors) and every diagnostic as `file:line:col: message`.
fn read(text: &str) -> (Option<Quiz>, Vec<String>) {
    let mut d = Diagnostics::new();
    let quiz = parse(PATH, text, &mut d);
    (quiz, d.into_sorted().iter().map(|d| d.headline()).collect())
}

fn quiz(text: &str) -> Quiz {
    let (quiz, diags) = read(text);
    assert!(diags.is_empty(), "{diags:?}");
    quiz.expect("a quiz")
}

fn one(text: &str) -> Question {
    let mut q = quiz(text).questions;
    assert_eq!(q.len(), 1);
    q.remove(0)
}

fn choice(text: &str, correct: bool, feedback: Option<&str>, weight: Option<f64>) -> Choice {
    Choice {
        text: text.into(),
        correct,
        feedback: feedback.map(Into::into),
        weight,
    }
}

#[test]
fn one_right_choice_is_single_with_feedback() {
    let q = one("::Hatua::What does hatua mean? {=step#Yes. ~walk#No. ~road}");
    assert_eq!(q.id, "hatua");
    assert_eq!(q.prompt, "What does hatua mean?");
    assert_eq!(q.points, 1.0);
    assert_eq!(
        q.kind,
        QuestionKind::Single {
            choices: vec![
                choice("step", true, Some("Yes."), None),
                choice("walk", false, Some("No."), None),
                choice("road", false, None, None),
            ]
        }
    );
}

#[test]
fn weighted_choices_are_multiple_and_right_when_positive() {
    let q = one("Pick two {~%50%a ~%50%b ~%-100%c#No! ~d}");
    assert_eq!(
        q.kind,
        QuestionKind::Multiple {
            choices: vec![
                choice("a", true, None, Some(50.0)),
                choice("b", true, None, Some(50.0)),
                choice("c", false, Some("No!"), Some(-100.0)),
                choice("d", false, None, None),
            ]
        }
    );
    // Moodle writes thirds as decimals.
    let q = one("Pick {~%33.33333%a ~%33.33333%b ~%33.33334%c}");
    assert!(matches!(q.kind, QuestionKind::Multiple { .. }));
}

#[test]
fn true_false_feedback_goes_to_the_button_it_answers() {
    let q = one("Q {T#wrong answer#right answer}");
    assert_eq!(
        q.kind,
        QuestionKind::TrueFalse {
            answer: true,
            feedback_true: Some("right answer".into()),
            feedback_false: Some("wrong answer".into()),
        }
    );
    let q = one("Q {FALSE#wrong answer#right answer}");
    assert_eq!(
        q.kind,
        QuestionKind::TrueFalse {
            answer: false,
            feedback_true: Some("wrong answer".into()),
            feedback_false: Some("right answer".into()),
        }
    );
    // One feedback is for the wrong answer; an empty one is none.
    let q = one("Q {F#only when wrong}");
    assert_eq!(
        q.kind,
        QuestionKind::TrueFalse {
            answer: false,
            feedback_true: Some("only when wrong".into()),
            feedback_false: None,
        }
    );
    let q = one("Q {TRUE##right}");
    assert_eq!(
        q.kind,
        QuestionKind::TrueFalse {
            answer: true,
            feedback_true: Some("right".into()),
            feedback_false: None,
        }
    );
}

#[test]
fn short_answers_take_weights_and_feedback() {
    let q = one("Where? {=Beijing =%50%Peking#Older spelling. =%0%Nairobi}");
    let a = |text: &str, weight: f64, feedback: Option<&str>| TextAnswer {
        text: text.into(),
        weight,
        feedback: feedback.map(Into::into),
    };
    assert_eq!(
        q.kind,
        QuestionKind::Text {
            answers: vec![
                a("Beijing", 100.0, None),
                a("Peking", 50.0, Some("Older spelling.")),
                a("Nairobi", 0.0, None),
            ],
            matching: Default::default(),
        }
    );
    // As in Moodle, a first answer without `=` counts too.
    let q = one("Capital? {Nairobi}");
    assert!(matches!(q.kind, QuestionKind::Text { answers, .. } if answers[0].text == "Nairobi"));
}

#[test]
fn short_answers_the_comparison_cannot_tell_apart_are_warned_about() {
    let (quiz, diags) = read("Which body? {=CSW =the CSW. =%0%Comission =Commission}");
    assert!(quiz.is_some());
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(
        diags[0].starts_with(
            "quizzes/check.gift:1:20: the answer `the CSW.` is the same as `CSW` once compared"
        ),
        "{diags:?}"
    );
    assert!(
        diags[1].contains("`Comission` (0% of the points) is a typing slip away from the right answer `Commission`"),
        "{diags:?}"
    );
}

#[test]
fn numbers_take_tolerances_ranges_and_several_answers() {
    let range = |q: &Question| match &q.kind {
        QuestionKind::Number { answers } => answers
            .iter()
            .map(|a| (a.min, a.max, a.weight))
            .collect::<Vec<_>>(),
        _ => panic!("not a number"),
    };
    assert_eq!(range(&one("Q {#1979}")), [(1979.0, 1979.0, 100.0)]);
    assert_eq!(range(&one("Q {#1979:2}")), [(1977.0, 1981.0, 100.0)]);
    assert_eq!(range(&one("Q {#1975..1985}")), [(1975.0, 1985.0, 100.0)]);
    assert_eq!(range(&one("Q {#-5..-1}")), [(-5.0, -1.0, 100.0)]);
    assert_eq!(range(&one("Q {#.5}")), [(0.5, 0.5, 100.0)]);
    assert_eq!(
        range(&one("Q {#=1979 =%50%1980:5#close}")),
        [(1979.0, 1979.0, 100.0), (1975.0, 1985.0, 50.0)]
    );
    // Moodle's `~#…` is feedback for any other number.
    let q = one("Q {#=1979 ~#Look it up.}");
    let QuestionKind::Number { answers } = &q.kind else {
        panic!()
    };
    assert_eq!(
        answers[1],
        NumberAnswer {
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            weight: 0.0,
            feedback: Some("Look it up.".into()),
        }
    );
}

#[test]
fn matching_pairs_and_extra_right_items() {
    let q = one("Match {=CEDAW -> 1979 =Beijing -> 1995 = -> 2000}");
    assert_eq!(
        q.kind,
        QuestionKind::Match {
            pairs: vec![
                ("CEDAW".into(), "1979".into()),
                ("Beijing".into(), "1995".into())
            ],
            distractors: vec!["2000".into()],
        }
    );
}

#[test]
fn missing_word_puts_a_blank_where_the_braces_were() {
    let q = one("Hatua means {=step ~walk} in Swahili.");
    assert_eq!(q.prompt, "Hatua means _____ in Swahili.");
    let q = one("{=Hatua ~Safari} means step.");
    assert_eq!(q.prompt, "_____ means step.");
    let q = one("[markdown]A *word*\n{=x ~y}\nis missing.");
    assert_eq!(q.prompt, "A *word*\n\\_____\nis missing.");
}

#[test]
fn general_feedback_is_the_explanation() {
    let q = one("Q {=a ~b ####Because **a**.}");
    assert_eq!(q.explanation.as_deref(), Some("Because \\*\\*a\\*\\*."));
    let q = one("[markdown]Q {T####Because **a**.}");
    assert_eq!(q.explanation.as_deref(), Some("Because **a**."));
}

#[test]
fn formats_become_markdown() {
    assert_eq!(
        one("[markdown]Is **this** bold? {T}").prompt,
        "Is **this** bold?"
    );
    assert_eq!(
        one("[plain]Is *this* bold? {T}").prompt,
        "Is \\*this\\* bold?"
    );
    assert_eq!(
        one("[html]<p>Is <b>this</b> &lt;b&gt; &amp; bold?</p>{T}").prompt,
        "Is this \\<b> & bold?"
    );
    // Moodle's own format, the default: tags allowed, line breaks kept.
    assert_eq!(one("Line <i>one</i>\ntwo {T}").prompt, "Line one\\\ntwo");
    // An answer may name its own format.
    let q = one("[plain]Q *x* {=[markdown]**yes** ~*no*}");
    let QuestionKind::Single { choices } = q.kind else {
        panic!()
    };
    assert_eq!(choices[0].text, "**yes**");
    assert_eq!(choices[1].text, "\\*no\\*");
}

#[test]
fn escaped_characters_are_text() {
    let q = one("[markdown]a \\{b\\} \\: \\# \\=\\nnew line {=\\~ tilde#\\= is right ~\\=}");
    assert_eq!(q.prompt, "a {b} : # =\nnew line");
    let QuestionKind::Single { choices } = q.kind else {
        panic!()
    };
    assert_eq!(choices[0].text, "~ tilde");
    assert_eq!(choices[0].feedback.as_deref(), Some("= is right"));
    assert_eq!(choices[1].text, "=");
}

#[test]
fn ids_come_from_moodle_ids_titles_or_places_and_never_repeat() {
    let quiz = quiz(
        "::Égalité des chances::A {T}\n\n// [id:CEDAW-1]\n::Ignored title::B {T}\n\nC {T}\n\n::Égalité des chances::D {T}\n\n::性别::E {T}\n\n::q3::F {T}",
    );
    let ids: Vec<&str> = quiz.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "egalite-des-chances",
            "cedaw-1",
            "q3",
            "egalite-des-chances-2",
            "q5",
            "q3-2"
        ]
    );
    assert!(ids.iter().all(|id| crate::course::is_valid_id(id)));
    assert_eq!(quiz.id, "check");
    assert_eq!(quiz.title, "Check");
    assert_eq!(quiz.pass_mark, super::super::quiz_file::DEFAULT_PASS_MARK);
}

#[test]
fn comments_categories_blank_lines_and_crlf_are_skipped() {
    let quiz = quiz(
        "// top comment\r\n$CATEGORY: $course$/top\r\n\r\n\r\n  // indented comment\r\n::A::  First\r\n  line {T}  \r\n\r\n\r\n::B::Second {F}\r\n",
    );
    assert_eq!(quiz.questions.len(), 2);
    assert_eq!(quiz.questions[0].prompt, "First\\\nline");
}

#[test]
fn text_from_the_file_is_cleaned_of_terminal_controls() {
    let q = one("::T::Clear\u{1b}[2J the screen? {=no\u{1b}]0;title\u{7} ~yes#\u{202e}txet}");
    assert_eq!(q.prompt, "Clear the screen?");
    let QuestionKind::Single { choices } = q.kind else {
        panic!()
    };
    assert_eq!(choices[0].text, "no");
    assert_eq!(choices[1].feedback.as_deref(), Some("txet"));
}

#[test]
fn unsupported_questions_are_warnings_and_skipped() {
    let (quiz, diags) = read("::Essay::Tell us. {}\n\n::Text::Only text.\n\nKept {T}\n");
    assert_eq!(quiz.unwrap().questions.len(), 1);
    assert_eq!(
        diags,
        [
            "quizzes/check.gift:1:1: the question “Essay” is an essay question, which Hatua does not support; it was skipped",
            "quizzes/check.gift:3:1: the question “Text” is a description (text with no answers), which Hatua does not support in a quiz; it was skipped",
        ]
    );
    let (quiz, diags) = read("Only an essay {####with feedback}");
    assert!(quiz.is_none());
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(diags[0].ends_with("this GIFT file has no questions Hatua can ask"));
}

#[test]
fn mistakes_are_errors_at_their_place() {
    let cases = [
        ("Q {=a ~b", "1:3: this `{` is never closed"),
        ("Q =a}", "1:5: this `}` closes no answer list"),
        ("Q {~a ~b}", "1:3: this answer list has no right answer"),
        ("Q {=a =b ~c}", "1:7: a question with `=` choices"),
        ("Q {=a}", ""),
        ("Q {#x}", "1:5: `x` is not a number"),
        (
            "Q {#5:-1}",
            "1:5: the tolerance after `:` cannot be negative",
        ),
        ("Q {#9..1}", "1:5: this range starts above where it ends"),
        ("Q {#}", "1:3: this numerical question has no number"),
        ("Q {~%-150%a =b}", "1:5: a weight of -150% is outside"),
        ("Q {=a ~}", "1:7: this choice has no text"),
        ("Q {= =b}", "1:4: this answer is empty"),
        (
            "Q {=a -> 1}",
            "1:3: a matching question needs at least two pairs",
        ),
        (
            "Q {=a -> 1 =b -> }",
            "1:12: nothing follows this pair's `->`",
        ),
        (
            "Q {=a}{=b}",
            "1:7: a question has one answer list, and this is a second",
        ),
        (
            "::T::{=a ~b}",
            "1:6: this question has no text before its answers",
        ),
        (
            "Q {~a}",
            "1:3: a multiple-choice question needs at least two choices",
        ),
    ];
    for (text, want) in cases {
        let (quiz, diags) = read(text);
        if want.is_empty() {
            assert!(quiz.is_some() && diags.is_empty(), "{text}: {diags:?}");
            continue;
        }
        assert!(quiz.is_none(), "{text}");
        assert_eq!(diags.len(), 1, "{text}: {diags:?}");
        assert!(
            diags[0].starts_with(&format!("{PATH}:{want}")),
            "{text}: {}",
            diags[0]
        );
    }
}

#[test]
fn every_question_with_a_mistake_is_reported_in_one_run() {
    let (quiz, diags) = read("A {=a\n\nB {~x ~y}\n\nC {T}\n\nD }\n");
    assert!(quiz.is_none());
    let places: Vec<&str> = diags.iter().map(|d| &d[PATH.len() + 1..][..3]).collect();
    assert_eq!(places, ["1:3", "3:3", "7:3"]);
}

#[test]
fn a_file_name_that_is_no_id_is_an_error() {
    let mut d = Diagnostics::new();
    assert!(parse("quizzes/Basics Quiz.gift", "Q {T}", &mut d).is_none());
    let all = d.into_sorted();
    assert!(all[0].message.contains("`Basics Quiz` cannot be a quiz id"));
    // The same text under another id reads fine.
    let mut d = Diagnostics::new();
    let g = read_as("basics", "x.txt", "Q {T}", &GiftSettings::default(), &mut d).unwrap();
    assert_eq!(g.quiz.id, "basics");
    assert_eq!(g.lines, [1]);
}

#[test]
fn the_toml_reads_back_as_the_same_quiz() {
    let text = "::A::[html]<b>Q</b> 'x' \"y\" \\\\ {=a#fb ~b ####why}\n\n::B::Multi\\nline {~%50%a ~%50%b ~%-100%c}\n\n\
        ::C::Q {#=1979 =%50%1980:5#close ~#no}\n\n::D::Q {#0.1:0.05}\n\n::E::Q {=x =%25%y#fb}\n\n\
        ::F::Q {=a -> 1 =b -> 2 = -> 3}\n\n::G::Q {F#w#r}\n\n::H::Q {=it's '''\\nquoted'}";
    let mut d = Diagnostics::new();
    let gift = super::read("quizzes/round.gift", text, &GiftSettings::default(), &mut d).unwrap();
    let toml = to_toml(&gift, "round.gift");
    let mut d2 = Diagnostics::new();
    let item = super::super::quiz_file::parse("quizzes/round.toml", &toml, "en", &mut d2);
    assert!(d2.is_empty(), "{:?}\n{toml}", d2.into_sorted());
    let Some(Item {
        kind: ItemKind::Quiz(back),
        ..
    }) = item
    else {
        panic!("{toml}")
    };
    assert_eq!(back, gift.quiz, "{toml}");
}

#[test]
fn a_repeated_moodle_id_is_an_error_as_a_repeated_toml_id_is() {
    let (quiz, diags) =
        read("// [id:Q-1]\nA {T}\n\n// [id:q-1]\nB {T}\n\n::Same::C {T}\n\n::Same::D {T}\n");
    assert!(quiz.is_none());
    assert_eq!(
        diags,
        [
            "quizzes/check.gift:5:1: the id `q-1` from `[id:…]` is also the id of the question on line 2"
        ]
    );
}

#[test]
fn numbers_that_are_not_numbers_are_errors_in_gift_too() {
    // What Rust's float parser takes but no quiz can grade: each is an error at its place,
    // never a question whose right answer is NaN or infinite.
    for text in [
        "Q {#inf}",
        "Q {#nan}",
        "Q {#1e400}",
        "Q {#5:inf}",
        "Q {#1..inf}",
    ] {
        let (quiz, diags) = read(text);
        assert!(
            quiz.is_none() && diags.iter().any(|d| d.contains("not a number")),
            "{text}: {diags:?}"
        );
    }
}
