//! A quiz written in Hatua's native format (`quizzes/*.toml`), readable and commented, for
//! `hatua gift2toml`. Loading the result gives back the same quiz.

use super::GiftQuiz;
use crate::quiz::{Choice, NumberAnswer, Question, QuestionKind, TextAnswer};
use crate::sanitize::clean_line;

/// The quiz as a native quiz file; `source` names the GIFT file in the comments.
pub fn to_toml(gift: &GiftQuiz, source: &str) -> String {
    let quiz = &gift.quiz;
    // The name is the user's own argument, but a newline in it would end the comment.
    let source = clean_line(source);
    let mut w = Writer(String::new());
    w.comment(&format!(
        "Converted from {source} by `hatua gift2toml`, into Hatua's native quiz format"
    ));
    w.comment("(see docs/bundle-format.md). Learners' answers are recorded against the quiz");
    w.comment("and question ids: keep them when you edit the text.");
    w.line("");
    w.kv("id", &string(&quiz.id));
    w.kv("title", &string(&quiz.title));
    w.comment("Percent of the points needed to pass, 0 to 100.");
    w.kv("pass_mark", &quiz.pass_mark.to_string());
    w.comment("How many attempts a learner has; 0 means no limit.");
    w.kv("max_attempts", &quiz.max_attempts.to_string());
    w.comment("Show the questions, and their choices, in a new order on each attempt.");
    w.kv("shuffle", &quiz.shuffle.to_string());
    w.comment("Ask this many questions, drawn at random; 0 asks them all.");
    w.kv("draw", &quiz.draw.to_string());
    for (n, q) in quiz.questions.iter().enumerate() {
        w.line("");
        match gift.lines.get(n) {
            Some(line) => w.comment(&format!(
                "Question {}, from line {line} of {source}.",
                n + 1
            )),
            None => w.comment(&format!("Question {}.", n + 1)),
        }
        question(&mut w, q);
    }
    w.0
}

struct Writer(String);

impl Writer {
    fn line(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push('\n');
    }

    fn comment(&mut self, text: &str) {
        self.line(&format!("# {text}"));
    }

    fn kv(&mut self, key: &str, value: &str) {
        self.line(&format!("{key} = {value}"));
    }

    fn opt(&mut self, key: &str, value: Option<&String>) {
        if let Some(v) = value {
            self.kv(key, &string(v));
        }
    }
}

fn question(w: &mut Writer, q: &Question) {
    w.line("[[questions]]");
    w.kv("id", &string(&q.id));
    w.kv("type", &string(q.kind.name()));
    w.kv("prompt", &string(&q.prompt));
    w.kv("points", &number(q.points.get()));
    w.opt("explanation", q.explanation.as_ref());
    if !q.hints.is_empty() {
        w.kv("hints", &list(&q.hints));
    }
    // A question's own keys come before its sub-tables, as TOML requires.
    match &q.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
            self::choices(w, choices)
        }
        QuestionKind::TrueFalse {
            answer,
            feedback_true,
            feedback_false,
        } => {
            w.kv("answer", &answer.to_string());
            if feedback_true.is_some() {
                w.comment("Shown to a learner who answers true.");
                w.opt("feedback_true", feedback_true.as_ref());
            }
            if feedback_false.is_some() {
                w.comment("Shown to a learner who answers false.");
                w.opt("feedback_false", feedback_false.as_ref());
            }
        }
        QuestionKind::Text { answers, .. } => texts(w, answers),
        QuestionKind::Number { answers } => numbers(w, answers),
        QuestionKind::Order { items } => {
            w.comment("In the right order; learners see them shuffled.");
            w.kv("items", &list(items));
        }
        QuestionKind::Match { pairs, distractors } => {
            if !distractors.is_empty() {
                w.comment("Right-hand items that match nothing.");
                w.kv("distractors", &list(distractors));
            }
            for (left, right) in pairs {
                w.line("");
                w.line("[[questions.pairs]]");
                w.kv("left", &string(left));
                w.kv("right", &string(right));
            }
        }
    }
}

fn choices(w: &mut Writer, choices: &[Choice]) {
    if choices.iter().any(|c| c.weight.is_some()) {
        w.comment("A weight is the percent of the points a choice adds when picked;");
        w.comment("a negative weight takes points away.");
    }
    for c in choices {
        w.line("");
        w.line("[[questions.choices]]");
        w.kv("text", &string(&c.text));
        if c.correct {
            w.kv("correct", "true");
        }
        if let Some(weight) = c.weight {
            w.kv("weight", &number(weight));
        }
        w.opt("feedback", c.feedback.as_ref());
    }
}

fn texts(w: &mut Writer, answers: &[TextAnswer]) {
    w.comment("Typed answers are compared ignoring case, extra spaces and accents.");
    if answers
        .iter()
        .all(|a| a.weight == 100.0 && a.feedback.is_none())
    {
        let texts: Vec<String> = answers.iter().map(|a| a.text.clone()).collect();
        w.kv("answers", &list(&texts));
        return;
    }
    w.comment("A weight is the percent of the points an answer earns; 0 marks a known wrong one.");
    for a in answers {
        w.line("");
        w.line("[[questions.answers]]");
        w.kv("text", &string(&a.text));
        if a.weight != 100.0 {
            w.kv("weight", &number(a.weight));
        }
        w.opt("feedback", a.feedback.as_ref());
    }
}

fn numbers(w: &mut Writer, answers: &[NumberAnswer]) {
    if let [a] = answers
        && a.weight == 100.0
        && a.feedback.is_none()
    {
        range(w, a, "answer");
        return;
    }
    w.comment("A weight is the percent of the points a number in that range earns.");
    for a in answers {
        w.line("");
        if a.min == f64::NEG_INFINITY && a.max == f64::INFINITY {
            w.comment("Any other number.");
        }
        w.line("[[questions.answers]]");
        if a.min.is_finite() || a.max.is_finite() {
            range(w, a, "value");
        }
        if a.weight != 100.0 {
            w.kv("weight", &number(a.weight));
        }
        w.opt("feedback", a.feedback.as_ref());
    }
}

/// A range as a value and a tolerance when those give back exactly its ends, else its ends.
fn range(w: &mut Writer, a: &NumberAnswer, value_key: &str) {
    let value = a.min / 2.0 + a.max / 2.0;
    let tolerance = a.max - value;
    let exact = a.min.is_finite()
        && a.max.is_finite()
        && tolerance >= 0.0
        && value - tolerance == a.min
        && value + tolerance == a.max;
    if exact {
        w.kv(value_key, &number(value));
        if tolerance > 0.0 {
            w.kv("tolerance", &number(tolerance));
        }
    } else {
        w.kv("min", &number(a.min));
        w.kv("max", &number(a.max));
    }
}

/// A TOML number: whole numbers without a decimal point, others as Rust prints them, which
/// reads back as the same `f64` (`inf` included, which TOML also spells so).
fn number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n:?}")
    }
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| string(i)).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML string in the most readable form that holds it: `"…"`, or `'…'` when it has
/// quotes or backslashes (Markdown escapes stay as written), or `'''…'''` over several lines.
fn string(s: &str) -> String {
    let control = |c: char| c.is_control() && c != '\t' && c != '\n';
    if s.chars().any(control) {
        return basic(s);
    }
    if !s.contains('\n') {
        if !s.contains(['"', '\\', '\t']) {
            return format!("\"{s}\"");
        }
        if !s.contains('\'') {
            return format!("'{s}'");
        }
        return basic(s);
    }
    if !s.contains("'''") && !s.ends_with('\'') {
        // TOML drops the newline right after the opening quotes.
        return format!("'''\n{s}'''");
    }
    format!("\"\"\"\n{}\"\"\"", escape(s, false))
}

fn basic(s: &str) -> String {
    format!("\"{}\"", escape(s, true))
}

fn escape(s: &str, newlines: bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if newlines => out.push_str("\\n"),
            '\t' if newlines => out.push_str("\\t"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_read_back_as_written() {
        for s in [
            "plain",
            "with \"quotes\"",
            "back\\slash and 'single'",
            "both \" and ' and \\",
            "tab\there",
            "two\nlines",
            "ends with a quote'\nsecond",
            "has ''' inside\nand more",
            "control \u{1} char",
            "",
        ] {
            let doc = format!("v = {}\n", string(s));
            let parsed: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(parsed["v"].as_str(), Some(s), "{doc}");
        }
    }

    #[test]
    fn numbers_read_back_as_the_same_value() {
        for n in [
            0.0,
            1979.0,
            -3.0,
            0.1,
            1e-7,
            1e20,
            2.5e15,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            let doc = format!("v = {}\n", number(n));
            let parsed: toml::Table = toml::from_str(&doc).unwrap();
            let back = match &parsed["v"] {
                toml::Value::Integer(i) => *i as f64,
                toml::Value::Float(f) => *f,
                other => panic!("{other:?}"),
            };
            assert_eq!(back, n, "{doc}");
        }
    }
}
