//! The quiz and its review as lines of text: the question with its options numbered (the
//! items to match lettered), what was answered and the right answer in words, the results
//! and past attempts.

use crate::quiz::Question;

use super::super::quiz::Phase;
use super::super::quiz_answer::{Mode, mode};
use super::super::quiz_run::{Run, feedback_for};
use super::super::quiz_text::option_text;
use super::super::screen::Cx;
use super::page::{Page, numbered, text};

pub(super) fn quiz(cx: &Cx, q: &super::super::quiz::QuizScreen) -> Page {
    let key = format!("quiz:{}:{}", q.course.id, q.index);
    let width = cx.size.0.saturating_sub(2).max(20) as usize;
    match &q.phase {
        Phase::Loading => Page::new(key, Vec::new(), cx.t("plain.enter")),
        Phase::Intro { open } => {
            let lines = super::super::quiz_view::intro(q, q.quiz(), open.as_ref(), cx);
            Page::new(key + ":intro", text(lines), cx.t("plain.quiz_intro_prompt"))
        }
        Phase::Asking(run) => asking(cx, q, run, key),
        Phase::Results { run, result } => {
            let lines = super::super::quiz_view::results(q, q.quiz(), run, result, cx, width);
            Page::new(key + ":results", text(lines), cx.t("plain.enter_or_letter"))
        }
    }
}

fn asking(cx: &Cx, screen: &super::super::quiz::QuizScreen, run: &Run, key: String) -> Page {
    let quiz = screen.quiz();
    let w = screen.width;
    let laid = |markdown: &str| text(screen.laid.get(markdown, w).to_vec());
    let (Some(q), Some(planned)) = (run.question(quiz), run.planned()) else {
        let mut lines = vec![cx.t("quiz.finishing")];
        lines.extend(run.error.as_ref().map(|e| e.text(cx.lang)));
        return Page::new(key + ":finishing", lines, cx.t("plain.enter"));
    };
    let mut lines = vec![cx.tf(
        "quiz.progress",
        &[
            ("n", (run.current + 1).into()),
            ("total", run.plan.questions.len().into()),
        ],
    )];
    lines.extend(laid(&q.prompt));
    for hint in q.hints.iter().take(run.answering.hints_shown) {
        lines.push(format!("{}: {hint}", cx.t("plain.hint")));
    }
    let option = |d: usize| {
        let i = planned.option_order.get(d).copied().unwrap_or(d);
        option_text(cx.lang, q, i).replace('\n', " ")
    };
    let options = planned.option_order.len();
    let prompt = match mode(q) {
        Mode::Choose => {
            lines.extend((0..options).map(|d| numbered(d + 1, &option(d))));
            let many = matches!(q.kind, crate::quiz::QuestionKind::Multiple { .. });
            cx.t(if many {
                "plain.choose_many"
            } else {
                "plain.choose_one"
            })
        }
        Mode::Type => cx.t(match q.kind {
            crate::quiz::QuestionKind::Number { .. } => "plain.type_number",
            _ => "plain.type_text",
        }),
        Mode::Arrange => {
            lines.extend((0..options).map(|d| numbered(d + 1, &option(d))));
            cx.t("plain.order")
        }
        Mode::Pair => {
            if let crate::quiz::QuestionKind::Match { pairs, .. } = &q.kind {
                for (i, (left, _)) in pairs.iter().enumerate() {
                    lines.push(format!("{}. {left}", letter(i)));
                }
            }
            lines.push(cx.t("plain.match_options"));
            lines.extend((0..options).map(|d| numbered(d + 1, &option(d))));
            cx.t("plain.match")
        }
    };
    if let Some(error) = &run.error {
        lines.push(error.text(cx.lang));
    }
    let Some(sub) = &run.submitted else {
        let typing = mode(q) == Mode::Type;
        let page = Page::new(format!("{key}:q{}", run.current), lines, prompt);
        return if typing { page.typed() } else { page };
    };
    lines.push(String::new());
    lines.push(verdict(cx, q, sub));
    let given = super::super::review::response_words(cx.lang, q, &sub.response);
    lines.push(cx.tf(
        "plain.you_answered",
        &[("answer", spoken(q, &given).into())],
    ));
    if !sub.grade.is_correct() {
        let right = spoken(q, &super::super::review::right_words(cx.lang, q));
        lines.push(cx.tf("plain.right_answer", &[("answer", right.into())]));
    }
    for f in feedback_for(q, &sub.clone()) {
        lines.extend(laid(f));
    }
    if let Some(expl) = &q.explanation {
        lines.push(String::new());
        lines.push(cx.t("quiz.explanation"));
        lines.extend(laid(expl));
    }
    Page::new(format!("{key}:q{}", run.current), lines, cx.t("plain.next"))
}

/// An answer in words a screen reader says well: the arrows between items in order and
/// between matched pairs (read "right arrow", or "greater than" in ASCII) become commas
/// and colons.
fn spoken(q: &Question, words: &str) -> String {
    let between = match q.kind {
        crate::quiz::QuestionKind::Match { .. } => ": ",
        _ => ", ",
    };
    words.replace(" → ", between)
}

/// Right, partly right or wrong, in words.
fn verdict(cx: &Cx, _q: &Question, sub: &super::super::quiz_run::Submitted) -> String {
    if sub.grade.is_correct() {
        cx.t("quiz.correct")
    } else if sub.grade.is_partial() {
        cx.tf(
            "quiz.partly",
            &[
                ("score", sub.grade.score.get().into()),
                ("max", sub.grade.max.get().into()),
            ],
        )
    } else {
        cx.t("quiz.incorrect")
    }
}

pub(super) fn review(cx: &Cx, r: &super::super::review::Review) -> Page {
    let quiz = r.quiz();
    let title = cx.tf("review.title", &[("quiz", quiz.title.as_str().into())]);
    let key = format!("review:{}:{}", r.course.id, r.index);
    if let Some((attempt, _)) = &r.open {
        let width = cx.size.0.saturating_sub(2).max(20) as usize;
        let mut lines = vec![title];
        lines.extend(text(r.attempt_lines(cx.lang, cx.theme, width)));
        return Page::new(
            format!("{key}:{:?}", attempt.id),
            lines,
            cx.t("plain.review_back"),
        );
    }
    let mut lines = vec![title];
    if r.attempts.is_empty() {
        lines.push(cx.t("review.none"));
    }
    for (n, a) in r.attempts.iter().enumerate() {
        let Some(result) = a.result.as_ref() else {
            continue;
        };
        let verdict = cx.t(if result.passed {
            "status.passed"
        } else {
            "status.failed"
        });
        lines.push(numbered(
            n + 1,
            &cx.tf(
                "review.attempt",
                &[
                    ("n", (n + 1).into()),
                    ("date", result.finished_at.get(..10).unwrap_or("").into()),
                    (
                        "percent",
                        crate::quiz::percent(result.score, result.max_score).into(),
                    ),
                    ("verdict", verdict.into()),
                ],
            ),
        ));
    }
    Page::new(key, lines, cx.t("plain.attempt_prompt"))
}

/// The letter naming the `i`th item to match: A, B, … Z, then AA, AB, …
pub fn letter(i: usize) -> String {
    let mut n = i;
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}
