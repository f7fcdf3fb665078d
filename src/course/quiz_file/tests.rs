//! Reading native quiz files: settings, every question type, and each mistake at its line.

use super::*;

fn quiz(text: &str) -> (Option<Quiz>, Vec<String>) {
    let mut d = Diagnostics::new();
    let item = parse("quizzes/check.toml", text, "en", &mut d);
    let quiz = item.map(|i| match i.kind {
        ItemKind::Quiz(q) => q,
        ItemKind::Lesson(_) => unreachable!(),
    });
    (quiz, d.into_sorted().iter().map(|d| d.headline()).collect())
}

const GOOD: &str = r#"
title = "Check"
pass_mark = 60
[[questions]]
id = "one"
type = "single"
prompt = "Pick **b**"
[[questions.choices]]
text = "a"
feedback = "No."
[[questions.choices]]
text = "b"
correct = true
[[questions]]
id = "two"
type = "true-false"
prompt = "Yes?"
answer = true
points = 2
"#;

#[test]
fn a_good_quiz_loads_with_defaults() {
    let (quiz, diags) = quiz(GOOD);
    assert!(diags.is_empty(), "{diags:?}");
    let quiz = quiz.unwrap();
    assert_eq!(quiz.id, "check");
    assert_eq!(quiz.pass_mark, 60);
    assert_eq!(quiz.max_attempts, 0);
    assert_eq!(quiz.questions.len(), 2);
    assert_eq!(quiz.total_points(), 3.0);
    assert_eq!(quiz.questions[0].kind.name(), "single");
}

#[test]
fn a_question_without_a_correct_answer_is_an_error() {
    let (quiz, diags) = quiz(&GOOD.replace("correct = true", ""));
    assert!(quiz.is_none());
    assert_eq!(
        diags,
        ["quizzes/check.toml:5:6: question `one` has no correct answer"]
    );
}

#[test]
fn all_seven_question_types_load() {
    let text = r#"
title = "All"
[[questions]]
id = "t"
type = "text"
prompt = "Where was the 1995 conference?"
hints = ["A capital city"]
answers = ["Beijing", "Peking"]
[[questions]]
id = "t2"
type = "text"
prompt = "?"
[[questions.answers]]
text = "Beijing"
[[questions.answers]]
text = "Nairobi"
weight = 0
feedback = "Nairobi hosted the third conference, in 1985."
[[questions]]
id = "n"
type = "number"
prompt = "Year?"
answer = 1979
[[questions]]
id = "n2"
type = "number"
prompt = "?"
min = 185
max = 195
[[questions]]
id = "o"
type = "order"
prompt = "Order them"
items = ["1979", "1995", "2015"]
[[questions]]
id = "m"
type = "match"
prompt = "Match"
distractors = ["2000"]
[[questions.pairs]]
left = "CEDAW"
right = "1979"
[[questions.pairs]]
left = "Beijing"
right = "1995"
"#;
    let (quiz, diags) = quiz(text);
    assert!(diags.is_empty(), "{diags:?}");
    let quiz = quiz.unwrap();
    let kinds: Vec<&str> = quiz.questions.iter().map(|q| q.kind.name()).collect();
    assert_eq!(
        kinds,
        ["text", "text", "number", "number", "order", "match"]
    );
    assert_eq!(quiz.questions[0].hints, ["A capital city"]);
    assert_eq!(
        quiz.questions[5].kind.match_options(),
        ["1979", "1995", "2000"]
    );
}

#[test]
fn keys_of_another_kind_of_question_are_named_with_the_kinds_they_belong_to() {
    let (_, diags) = quiz(&GOOD.replace("answer = true", "answer = true\nitems = [\"a\", \"b\"]"));
    assert!(
        diags
            .iter()
            .any(|d| d.contains("`items` belongs to order questions, not to question `two`")),
        "{diags:?}"
    );
    let (_, diags) = quiz(&GOOD.replace(
        "prompt = \"Pick **b**\"",
        "prompt = \"Pick **b**\"\nanswer = true",
    ));
    assert!(
        diags.iter().any(|d| d.contains(
            "`answer` belongs to true-false and number questions, not to question `one`"
        )),
        "{diags:?}"
    );
}

#[test]
fn new_types_without_a_right_answer_or_with_misplaced_keys_are_errors() {
    let (_, diags) = quiz(
        "title = \"x\"\n[[questions]]\nid = \"t\"\ntype = \"text\"\nprompt = \"?\"\n[[questions.answers]]\ntext = \"a\"\nweight = 50\n",
    );
    assert!(
        diags
            .iter()
            .any(|d| d.contains("question `t` has no correct answer")),
        "{diags:?}"
    );
    let (_, diags) = quiz(
        "title = \"x\"\n[[questions]]\nid = \"n\"\ntype = \"number\"\nprompt = \"?\"\nmin = 5\n",
    );
    assert!(
        diags.iter().any(|d| d.contains("needs either `answer`")),
        "{diags:?}"
    );
    let (_, diags) = quiz(
        "title = \"x\"\n[[questions]]\nid = \"o\"\ntype = \"order\"\nprompt = \"?\"\nitems = [\"one\"]\nanswer = 3\n",
    );
    assert!(
        diags
            .iter()
            .any(|d| d.contains("needs at least two `items`")),
        "{diags:?}"
    );
    let (_, diags) =
        quiz("title = \"x\"\n[[questions]]\nid = \"q\"\ntype = \"essay\"\nprompt = \"?\"\n");
    assert!(
        diags
            .iter()
            .any(|d| d.contains("unknown question type `essay`")),
        "{diags:?}"
    );
}

#[test]
fn single_with_two_right_choices_and_duplicate_ids_are_errors() {
    let text = GOOD
        .replace("text = \"a\"", "text = \"a\"\ncorrect = true")
        .replace("id = \"two\"", "id = \"one\"");
    let (_, diags) = quiz(&text);
    assert!(
        diags
            .iter()
            .any(|d| d.contains("is `single` but has 2 correct choices")),
        "{diags:?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.contains("duplicate question id `one`")),
        "{diags:?}"
    );
}

#[test]
fn draw_cannot_exceed_the_pool() {
    let (_, diags) = quiz(&GOOD.replace("pass_mark = 60", "draw = 5"));
    assert!(
        diags
            .iter()
            .any(|d| d.contains("`draw` asks for 5 questions but the quiz has 2"))
    );
}

#[test]
fn numbers_that_are_not_numbers_are_errors_at_their_own_line() {
    let cases = [
        (
            "points = 2",
            "points = nan",
            "19:10",
            "`points` is not a number",
        ),
        (
            "points = 2",
            "points = inf",
            "19:10",
            "`points` is not a number",
        ),
        (
            "points = 2",
            "points = 1e400",
            "19:10",
            "`points` is not a number",
        ),
        (
            "points = 2",
            "points = -1",
            "19:10",
            "`points` is out of range",
        ),
        (
            "points = 2",
            "points = 0",
            "19:10",
            "`points` must be more than 0",
        ),
        (
            "points = 2",
            "points = 5000",
            "19:10",
            "`points` is out of range",
        ),
    ];
    for (from, to, at, says) in cases {
        let (quiz, diags) = quiz(&GOOD.replace(from, to));
        assert!(quiz.is_none(), "{to}");
        assert_eq!(diags.len(), 1, "{to}: {diags:?}");
        assert!(
            diags[0].starts_with(&format!("quizzes/check.toml:{at}: {says}")),
            "{to}: {diags:?}"
        );
    }
}

#[test]
fn a_number_question_with_nan_and_choice_weights_out_of_range_are_refused() {
    let number = "title = \"x\"\n[[questions]]\nid = \"n\"\ntype = \"number\"\nprompt = \"?\"\nanswer = nan\n";
    let (_, diags) = quiz(number);
    assert!(
        diags[0].starts_with("quizzes/check.toml:6:10: `answer` is not a number"),
        "{diags:?}"
    );
    let tolerance = number.replace("answer = nan", "answer = 3\ntolerance = inf");
    let (_, diags) = quiz(&tolerance);
    assert!(
        diags[0].contains("`tolerance` is not a number"),
        "{diags:?}"
    );
    let multiple = GOOD
        .replace("type = \"single\"", "type = \"multiple\"")
        .replace("feedback = \"No.\"", "feedback = \"No.\"\nweight = 150");
    let (_, diags) = quiz(&multiple);
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("quizzes/check.toml:11:10: `weight` is out of range")),
        "{diags:?}"
    );
    let (_, diags) = quiz(&multiple.replace("weight = 150", "weight = nan"));
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("quizzes/check.toml:11:10: `weight` is not a number")),
        "{diags:?}"
    );
}

#[test]
fn a_weight_on_a_single_question_is_refused_where_it_is_written() {
    // Without the check, the weight would make "a" a second right answer and the
    // error would point at the question's id.
    let (quiz, diags) =
        quiz(&GOOD.replace("feedback = \"No.\"", "feedback = \"No.\"\nweight = 50"));
    assert!(quiz.is_none());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].starts_with("quizzes/check.toml:11:10: `weight` gives partial credit"),
        "{diags:?}"
    );
}

#[test]
fn typed_answers_forgive_unless_the_question_is_exact() {
    use crate::quiz::matcher::{Articles, Matching};
    let text = r#"
title = "Typed"
[[questions]]
id = "forgiving"
type = "text"
prompt = "Which body?"
answers = ["CSW"]
[[questions]]
id = "strict"
type = "text"
prompt = "Which code?"
answers = ["A/RES/48/104"]
exact = true
"#;
    let (quiz, diags) = quiz(text);
    assert!(diags.is_empty(), "{diags:?}");
    let matchings: Vec<Matching> = quiz
        .unwrap()
        .questions
        .iter()
        .map(|q| match &q.kind {
            QuestionKind::Text { matching, .. } => *matching,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        matchings,
        [Matching::Forgiving(Articles::English), Matching::Exact]
    );
    // A French course's quiz leaves out French articles too.
    let mut d = Diagnostics::new();
    let item = parse("quizzes/q.toml", text, "fr", &mut d).unwrap();
    let ItemKind::Quiz(q) = item.kind else {
        unreachable!()
    };
    assert!(matches!(
        q.questions[0].kind,
        QuestionKind::Text {
            matching: Matching::Forgiving(Articles::French),
            ..
        }
    ));
}

#[test]
fn exact_belongs_to_text_questions() {
    let text = GOOD.replace("type = \"single\"", "type = \"single\"\nexact = true");
    let (_, diags) = quiz(&text);
    assert!(
        diags
            .iter()
            .any(|d| d.contains("`exact` belongs to text questions")),
        "{diags:?}"
    );
}

#[test]
fn answers_the_comparison_cannot_tell_apart_are_warned_about() {
    let text = r#"
title = "Typed"
[[questions]]
id = "body"
type = "text"
prompt = "Which body?"
[[questions.answers]]
text = "CSW"
[[questions.answers]]
text = "the CSW."
[[questions.answers]]
text = "The CSW"
weight = 0
[[questions.answers]]
text = "intersectionality"
[[questions.answers]]
text = "intersectionalty"
weight = 0
[[questions.answers]]
text = "intersectional"
weight = 0
"#;
    let (quiz, diags) = quiz(text);
    assert!(quiz.is_some(), "warnings only: {diags:?}");
    assert_eq!(diags.len(), 4, "{diags:?}");
    assert!(
        diags[0].starts_with(
            "quizzes/check.toml:10:8: question `body`: the answer `the CSW.` is the same as `CSW`"
        ),
        "{diags:?}"
    );
    assert!(
        diags[1].contains(
            "`The CSW` (0% of the points) and `CSW` (100% of the points) are the same answer"
        ),
        "{diags:?}"
    );
    assert!(
        diags[2].contains("`The CSW` (0% of the points) and `the CSW.`"),
        "{diags:?}"
    );
    assert!(
        diags[3].starts_with("quizzes/check.toml:17:8:"),
        "{diags:?}"
    );
    assert!(diags[3].contains("`intersectionalty` (0% of the points) is a typing slip away from the right answer `intersectionality`"), "{diags:?}");
    // Compared exactly, none of these is the same as another.
    let exact = text.replace(
        "prompt = \"Which body?\"",
        "prompt = \"Which body?\"\nexact = true",
    );
    assert!(quiz_diags(&exact).is_empty());
}

fn quiz_diags(text: &str) -> Vec<String> {
    quiz(text).1
}
