//! A GIFT answer list (what is between the braces) read as one of Hatua's question kinds,
//! told apart the way Moodle does: `#` first is a number, a `~` makes choices, `=` with `->`
//! makes pairs, `T`/`F` is true-false, and anything else is a typed answer.

use std::ops::Range;

use super::scan::{self, Sym, Syms};
use super::text::{Format, Target};
use super::{Cx, render};
use crate::quiz::matcher::{Matching, clashes};
use crate::quiz::{Choice, NumberAnswer, QuestionKind, TextAnswer};
use crate::sanitize::{clean, clean_line};

pub(super) fn kind(
    cx: &mut Cx<'_>,
    answers: &Syms,
    format: Format,
    open: Sym,
) -> Option<QuestionKind> {
    let has = |c: char| answers.iter().any(|x| !x.lit && x.c == c);
    if !answers[0].lit && answers[0].c == '#' {
        return number(cx, &answers[1..], format, open);
    }
    if has('~') {
        return choices(cx, answers, format, open);
    }
    if has('=') && scan::find(answers, "->").is_some() {
        return matching(cx, answers, format, open);
    }
    let word_end = scan::find(answers, "#").unwrap_or(answers.len());
    let word = scan::text(scan::trim(&answers[..word_end]));
    if matches!(word.as_str(), "T" | "TRUE" | "F" | "FALSE") {
        return Some(true_false(answers, word.starts_with('T'), format));
    }
    if matches!(
        word.to_ascii_lowercase().as_str(),
        "t" | "true" | "f" | "false"
    ) {
        cx.warn(
            scan::span(scan::trim(&answers[..word_end]), open.at),
            format!(
                "`{{{word}}}` is read as a typed answer, because GIFT writes true-false answers in capitals"
            ),
            "write `{T}` or `{F}` (or `{TRUE}`, `{FALSE}`) for a true-false question",
        );
    }
    text(cx, answers, format, open)
}

/// `=right ~wrong`: one right choice; `~%50%a ~%50%b ~%-100%c`: several, with weights.
fn choices(cx: &mut Cx<'_>, s: &Syms, format: Format, open: Sym) -> Option<QuestionKind> {
    let pieces = scan::pieces(s, &['~', '=']);
    // As in Moodle: an `=` makes it a single-answer question, no `=` lets learners pick several.
    let single = pieces.iter().any(|p| is(p.marker, '='));
    let mut choices = Vec::new();
    let mut rights = 0;
    let mut ok = true;
    for p in &pieces {
        let at = p
            .marker
            .map_or_else(|| scan::span(p.body, open.at), span_of);
        let Some((weight, body)) = weight(cx, p.body) else {
            ok = false;
            continue;
        };
        let (text, feedback) = split_feedback(body);
        let text = render(text, format, Target::Markdown);
        if text.is_empty() {
            cx.error(
                at.clone(),
                "this choice has no text",
                "write the choice after its `=` or `~`, or remove the extra mark",
            );
            ok = false;
        }
        let feedback = feedback
            .map(|f| render(f, format, Target::Markdown))
            .filter(|f| !f.is_empty());
        let right = is(p.marker, '=');
        if single {
            ok &= one_right_answer(cx, at, right, weight, &mut rights);
            choices.push(Choice {
                text,
                correct: right,
                feedback,
                weight: None,
            });
        } else {
            choices.push(Choice {
                text,
                correct: weight.is_some_and(|w| w > 0.0),
                feedback,
                weight,
            });
        }
    }
    let here = open.at..open.at + 1;
    if ok && choices.len() < 2 {
        cx.error(
            here.clone(),
            "a multiple-choice question needs at least two choices",
            "add choices with `~` (wrong) and `=` (right): `{=step ~walk ~run}`",
        );
        return None;
    }
    if !ok {
        return None;
    }
    if single {
        return Some(QuestionKind::Single { choices });
    }
    weighted(cx, choices, here)
}

/// The rules of a choice in a list with `=`: one right answer, all or nothing. `rights`
/// counts the right choices so far; `false` when this one is a second.
fn one_right_answer(
    cx: &mut Cx<'_>,
    at: std::ops::Range<usize>,
    right: bool,
    weight: Option<f64>,
    rights: &mut usize,
) -> bool {
    let mut ok = true;
    *rights += usize::from(right);
    if right && *rights == 2 {
        cx.error(
            at.clone(),
            "a question with `=` choices has one right answer, and this is a second",
            "keep one `=` and mark the others `~`; or, to let learners pick several, drop every `=` and give the right choices weights such as `~%50%`",
        );
        ok = false;
    }
    if weight.is_some_and(|w| w != if right { 100.0 } else { 0.0 }) {
        cx.warn(
            at,
            "a question with one right answer is all or nothing in Hatua, so this weight is ignored",
            "to give partial credit, drop every `=` and give each choice a weight such as `~%50%`",
        );
    }
    ok
}

/// A list without `=`, where learners pick several: the positive weights must add up to
/// something, and should add up to 100%.
fn weighted(
    cx: &mut Cx<'_>,
    choices: Vec<Choice>,
    here: std::ops::Range<usize>,
) -> Option<QuestionKind> {
    let positive: f64 = choices
        .iter()
        .filter_map(|c| c.weight)
        .filter(|w| *w > 0.0)
        .sum();
    if positive <= 0.0 {
        cx.error(
            here,
            "this answer list has no right answer",
            "mark the right choice with `=`, or give the right choices positive weights such as `~%50%`",
        );
        return None;
    }
    if (positive - 100.0).abs() > 0.01 {
        let effect = if positive < 100.0 {
            "no one can earn full marks"
        } else {
            "a learner earns full marks without picking every right choice"
        };
        cx.warn(
            here,
            format!("the positive weights add up to {positive}%, so {effect}"),
            "make the weights of the right choices add up to 100%",
        );
    }
    Some(QuestionKind::Multiple { choices })
}

/// `T#feedback when wrong#feedback when right`, as Moodle reads it.
fn true_false(s: &Syms, answer: bool, format: Format) -> QuestionKind {
    let (wrong, right) = match scan::find(s, "#") {
        None => (None, None),
        Some(i) => {
            let rest = &s[i + 1..];
            // The second `#` starts the right answer's feedback, which keeps any further `#`.
            match scan::find(rest, "#") {
                Some(j) => (Some(&rest[..j]), Some(&rest[j + 1..])),
                None => (Some(rest), None),
            }
        }
    };
    let feedback = |p: Option<&Syms>| {
        p.map(|p| render(p, format, Target::Markdown))
            .filter(|f| !f.is_empty())
    };
    let (wrong, right) = (feedback(wrong), feedback(right));
    // Feedback follows what the learner picks: right feedback for the true answer's button.
    let (feedback_true, feedback_false) = if answer {
        (right, wrong)
    } else {
        (wrong, right)
    };
    QuestionKind::TrueFalse {
        answer,
        feedback_true,
        feedback_false,
    }
}

/// `=answer =%50%half right#feedback`: typed answers.
fn text(cx: &mut Cx<'_>, s: &Syms, format: Format, open: Sym) -> Option<QuestionKind> {
    let mut answers = Vec::new();
    let mut spans = Vec::new();
    let mut ok = true;
    for p in scan::pieces(s, &['=']) {
        let at = p
            .marker
            .map_or_else(|| scan::span(p.body, open.at), span_of);
        let Some((weight, body)) = weight(cx, p.body) else {
            ok = false;
            continue;
        };
        let (text_syms, feedback) = split_feedback(body);
        let text = render(text_syms, format, Target::Plain);
        if text.is_empty() {
            cx.error(
                at,
                "this answer is empty",
                "write the accepted answer after its `=`",
            );
            ok = false;
            continue;
        }
        if text.contains('*') {
            cx.warn(
                scan::span(body, at.start),
                "Hatua has no `*` wildcard in typed answers: this answer only matches the text as written",
                "list each accepted answer after its own `=`",
            );
        }
        spans.push(scan::span(text_syms, at.start));
        answers.push(TextAnswer {
            text,
            weight: weight.unwrap_or(100.0),
            feedback: feedback
                .map(|f| render(f, format, Target::Markdown))
                .filter(|f| !f.is_empty()),
        });
    }
    if !ok {
        return None;
    }
    if !answers.iter().any(|a| a.weight >= 100.0) {
        cx.error(
            open.at..open.at + 1,
            "this answer list has no right answer",
            "give at least one answer full marks: `=answer`, without a weight, or `=%100%answer`",
        );
        return None;
    }
    warn_clashes(cx, &answers, &spans);
    Some(QuestionKind::Text {
        answers,
        matching: Matching::default(),
    })
}

/// Warns about answers the comparison cannot tell apart, as in a native quiz. GIFT has no
/// place to turn forgiveness off, and the course's articles come later: English ones here.
fn warn_clashes(cx: &mut Cx<'_>, answers: &[TextAnswer], spans: &[Range<usize>]) {
    for clash in clashes(answers, Matching::default()) {
        let (at, message) = clash.describe(answers);
        cx.warn(
            spans[at].clone(),
            message,
            "remove one, or convert the quiz with `hatua gift2toml` and add `exact = true` to the question",
        );
    }
}

/// `#1979`, `#1979:2`, `#1975..1985`, `#=1979 =%50%1980:5#close`, and Moodle's `~#feedback`
/// for any other number.
fn number(cx: &mut Cx<'_>, s: &Syms, format: Format, open: Sym) -> Option<QuestionKind> {
    let (main, other) = match s.iter().position(|x| !x.lit && x.c == '~') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let pieces = scan::pieces(main, &['=']);
    let here = open.at..open.at + 1;
    if pieces.is_empty() {
        cx.error(
            here,
            "this numerical question has no number",
            "write the answer after the `#`: `{#1979}`, `{#1979:2}` or `{#1975..1985}`",
        );
        return None;
    }
    let mut answers = Vec::new();
    let mut ok = true;
    for p in pieces {
        let Some((weight, body)) = weight(cx, p.body) else {
            ok = false;
            continue;
        };
        let (value, feedback) = split_feedback(body);
        let at = p.marker.map_or(open.at + 1, |m| m.at);
        match range(cx, scan::trim(value), at) {
            Some((min, max)) => answers.push(NumberAnswer {
                min,
                max,
                weight: weight.unwrap_or(100.0),
                feedback: feedback
                    .map(|f| render(f, format, Target::Markdown))
                    .filter(|f| !f.is_empty()),
            }),
            None => ok = false,
        }
    }
    if let Some(other) = other
        && let (_, Some(feedback)) = split_feedback(other)
    {
        let feedback = render(feedback, format, Target::Markdown);
        if !feedback.is_empty() {
            answers.push(NumberAnswer {
                min: f64::NEG_INFINITY,
                max: f64::INFINITY,
                weight: 0.0,
                feedback: Some(feedback),
            });
        }
    }
    if !ok {
        return None;
    }
    if !answers.iter().any(|a| a.weight >= 100.0) {
        cx.error(
            here,
            "this answer list has no right answer",
            "give at least one number full marks: `=1979`, without a weight, or `=%100%1979`",
        );
        return None;
    }
    Some(QuestionKind::Number { answers })
}

/// `value`, `value:tolerance` or `min..max`, as a range.
fn range(cx: &mut Cx<'_>, s: &Syms, at: usize) -> Option<(f64, f64)> {
    let span = scan::span(s, at);
    let t = scan::text(s);
    let mut num = |part: &str| {
        let part = part.trim();
        match part.parse::<f64>().ok().filter(|n| n.is_finite()) {
            Some(n) => Some(n),
            None => {
                let shown = clean_line(part).chars().take(40).collect::<String>();
                cx.error(
                    span.clone(),
                    if part.is_empty() {
                        "a number is missing here".to_string()
                    } else {
                        format!("`{shown}` is not a number")
                    },
                    "write numbers with digits and a point for decimals: `{#1979}`, `{#1.5:0.1}`, `{#1975..1985}`",
                );
                None
            }
        }
    };
    let (min, max) = match (
        t.find("..").filter(|&i| i > 0),
        t.find(':').filter(|&i| i > 0),
    ) {
        (Some(i), _) => (num(&t[..i])?, num(&t[i + 2..])?),
        (None, Some(i)) => {
            let (value, tolerance) = (num(&t[..i])?, num(&t[i + 1..])?);
            if tolerance < 0.0 {
                cx.error(
                    span,
                    "the tolerance after `:` cannot be negative",
                    "`{#1979:2}` accepts 1977 to 1981",
                );
                return None;
            }
            (value - tolerance, value + tolerance)
        }
        (None, None) => {
            let n = num(&t)?;
            (n, n)
        }
    };
    if min > max {
        cx.error(
            span,
            "this range starts above where it ends",
            "write the smaller number first: `{#1975..1985}`",
        );
        return None;
    }
    Some((min, max))
}

/// `=left -> right` pairs. A pair with nothing on the left is an extra right-hand item that
/// matches nothing, as Moodle treats it.
fn matching(cx: &mut Cx<'_>, s: &Syms, format: Format, open: Sym) -> Option<QuestionKind> {
    let mut pairs = Vec::new();
    let mut distractors = Vec::new();
    let mut ok = true;
    for p in scan::pieces(s, &['=']) {
        let at = p
            .marker
            .map_or_else(|| scan::span(p.body, open.at), span_of);
        let Some(arrow) = scan::find(p.body, "->") else {
            cx.error(
                at,
                "this pair has no `->`",
                "write each pair as `=left -> right`",
            );
            ok = false;
            continue;
        };
        let left = render(&p.body[..arrow], format, Target::Plain);
        // Moodle shows the right-hand side as plain text, whatever the question's format.
        let right = clean(&scan::text(scan::trim(&p.body[arrow + 2..])))
            .trim()
            .to_string();
        if right.is_empty() {
            cx.error(
                at,
                "nothing follows this pair's `->`",
                "write what the left side matches after `->`",
            );
            ok = false;
        } else if left.is_empty() {
            distractors.push(right);
        } else {
            pairs.push((left, right));
        }
    }
    if !ok {
        return None;
    }
    if pairs.len() < 2 {
        cx.error(
            open.at..open.at + 1,
            "a matching question needs at least two pairs",
            "add pairs such as `=CEDAW -> 1979 =Beijing Platform -> 1995`",
        );
        return None;
    }
    Some(QuestionKind::Match { pairs, distractors })
}

fn is(marker: Option<Sym>, c: char) -> bool {
    marker.is_some_and(|m| m.c == c)
}

fn span_of(s: Sym) -> std::ops::Range<usize> {
    s.at..s.at + s.c.len_utf8()
}

/// A leading `%50%` weight, and the text after it. Like Moodle, anything else starting with
/// `%` is text. `None` (reported) when the weight is outside -100..100.
fn weight<'a>(cx: &mut Cx<'_>, body: &'a Syms) -> Option<(Option<f64>, &'a Syms)> {
    let body = scan::trim(body);
    if body.first().is_none_or(|x| x.lit || x.c != '%') {
        return Some((None, body));
    }
    let Some(end) = body[1..].iter().position(|x| !x.lit && x.c == '%') else {
        return Some((None, body));
    };
    let inner = scan::text(&body[1..end + 1]);
    let number = inner.strip_prefix('-').unwrap_or(&inner);
    let well_formed = !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && number.matches('.').count() <= 1;
    let Some(w) = inner.parse::<f64>().ok().filter(|_| well_formed) else {
        return Some((None, body));
    };
    if !(-100.0..=100.0).contains(&w) {
        cx.error(
            scan::span(&body[..end + 2], body[0].at),
            format!("a weight of {w}% is outside -100% to 100%"),
            "a weight is the percent of the points an answer earns, such as `%50%`, or takes away, such as `%-100%`",
        );
        return None;
    }
    Some((Some(w), scan::trim(&body[end + 2..])))
}

/// The answer's text and, after the first unescaped `#`, its feedback.
fn split_feedback(body: &Syms) -> (&Syms, Option<&Syms>) {
    match scan::find(body, "#") {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    }
}
