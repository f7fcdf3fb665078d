//! Drawing the quiz screen: intro, a question with its options and feedback, the result.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::{t, tf};
use crate::quiz::{Quiz, percent};

use super::laid::Laid;
use super::quiz::{Phase, QuizState, Run, feedback_for};
use super::theme::Theme;

pub fn render(state: &QuizState, th: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let quiz = state.quiz();
    // The last row is kept for what the learner must see whatever the scroll: whether the
    // answer is saved, or what to do next.
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let (lines, scroll, status) = match &state.phase {
        Phase::Loading => (vec![Line::from(t("quiz.loading"))], 0, None),
        Phase::Intro { open } => (intro(state, quiz, open.as_ref(), th), 0, None),
        Phase::Asking(run) => question(quiz, run, &state.laid, body, th),
        Phase::Results { run, result } => (
            results(state, quiz, run, result, inner.width.saturating_sub(6), th),
            0,
            None,
        ),
    };
    let status = state
        .hint
        .map(|h| Line::from(Span::styled(t(h), th.partial)))
        .or(status);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(body, buf);
    if let Some(status) = status {
        let row = Rect {
            y: inner.y + body.height,
            height: 1,
            ..inner
        };
        Paragraph::new(status).render(row, buf);
    }
}

fn intro(state: &QuizState, quiz: &Quiz, open: Option<&Run>, th: &Theme) -> Vec<Line<'static>> {
    let asked = if quiz.draw > 0 {
        quiz.draw as usize
    } else {
        quiz.questions.len()
    };
    let mut lines = vec![
        Line::from(quiz.title.clone().bold()),
        Line::from(""),
        Line::from(tf("quiz.intro_questions", &[("count", &asked)])),
        Line::from(tf("quiz.intro_pass_mark", &[("mark", &quiz.pass_mark)])),
    ];
    let used = state.finished().count();
    lines.push(Line::from(match quiz.max_attempts {
        0 => tf("quiz.intro_attempts_unlimited", &[("used", &used)]),
        max => tf("quiz.intro_attempts", &[("used", &used), ("max", &max)]),
    }));
    if let Some(best) = state
        .finished()
        .filter_map(|a| a.result.as_ref())
        .map(|r| percent(r.score, r.max_score))
        .max()
    {
        lines.push(Line::from(tf("quiz.intro_best", &[("percent", &best)])));
    }
    lines.push(Line::from(""));
    let call = match open {
        Some(run) => tf(
            "quiz.intro_continue",
            &[
                ("answered", &run.answers.len()),
                ("total", &run.plan.questions.len()),
            ],
        ),
        None if state.can_start() => t("quiz.intro_start").to_string(),
        None => t("quiz.no_attempts_left").to_string(),
    };
    lines.push(Line::from(call.bold()));
    if let Some(error) = &state.error {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(error.clone(), th.error)));
    }
    if state.finished().next().is_some() {
        lines.push(Line::from(""));
        lines.push(Line::from(t("quiz.intro_review")));
    }
    lines
}

/// The question body and the scroll that keeps the cursor (or the chosen scroll) in view.
fn question(
    quiz: &Quiz,
    run: &Run,
    laid: &Laid,
    area: Rect,
    th: &Theme,
) -> (Vec<Line<'static>>, u16, Option<Line<'static>>) {
    let Some(q) = run.question(quiz) else {
        return (vec![Line::from(t("quiz.finishing"))], 0, None);
    };
    let width = area.width.max(10);
    let mut lines = vec![
        Line::from(Span::styled(
            tf(
                "quiz.progress",
                &[
                    ("n", &(run.current + 1)),
                    ("total", &run.plan.questions.len()),
                ],
            ),
            th.dim,
        )),
        Line::from(""),
    ];
    lines.extend(laid.get(&q.prompt, width).iter().cloned());
    lines.push(Line::from(""));
    let (body, cursor_at) = super::quiz_body::answer_lines(q, run, laid, width, th);
    let cursor_line = lines.len() + cursor_at;
    lines.extend(body);
    if let Some(error) = &run.error {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(error.clone(), th.error)));
        lines.push(Line::from(Span::styled(t("quiz.save_retry"), th.partial)));
    }
    if let Some(sub) = &run.submitted {
        lines.push(Line::from(""));
        let (verdict, style) = if sub.grade.is_correct() {
            (t("quiz.correct").to_string(), th.good)
        } else if sub.grade.is_partial() {
            (
                tf(
                    "quiz.partly",
                    &[
                        ("score", &fmt_points(sub.grade.score.get())),
                        ("max", &fmt_points(sub.grade.max.get())),
                    ],
                ),
                th.partial,
            )
        } else {
            (t("quiz.incorrect").to_string(), th.bad)
        };
        lines.push(Line::from(Span::styled(verdict, style)));
        for (n, f) in feedback_for(q, sub).into_iter().enumerate() {
            if n > 0 {
                lines.push(Line::from(""));
            }
            lines.extend(laid.get(f, width).iter().cloned());
        }
        if let Some(expl) = &q.explanation {
            lines.push(Line::from(""));
            lines.push(Line::from(t("quiz.explanation").bold()));
            lines.extend(laid.get(expl, width).iter().cloned());
        }
        let status = Span::styled(t("quiz.saved"), th.good);
        let max = lines.len().saturating_sub(area.height as usize) as u16;
        let scroll = run.scroll.min(max);
        let mut status = vec![status];
        if scroll < max {
            status.push(Span::styled(format!("  {}", t("quiz.more_below")), th.dim));
        }
        return (lines, scroll, Some(Line::from(status)));
    }
    let scroll = cursor_line.saturating_sub((area.height as usize).saturating_sub(2)) as u16;
    (lines, scroll, None)
}

/// The first laid-out line of Markdown, as plain text: a prompt's opening in a summary.
fn first_line(laid: &Laid, markdown: &str, width: u16) -> String {
    let lines = laid.get(markdown, width);
    let first: String = lines
        .first()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .unwrap_or_default();
    if lines.len() > 1 {
        format!("{first}…")
    } else {
        first
    }
}

fn results(
    state: &QuizState,
    quiz: &Quiz,
    run: &Run,
    result: &crate::store::AttemptResult,
    width: u16,
    th: &Theme,
) -> Vec<Line<'static>> {
    let pct = percent(result.score, result.max_score);
    let mut lines = vec![
        Line::from(quiz.title.clone().bold()),
        Line::from(""),
        Line::from(tf(
            "quiz.score",
            &[
                ("score", &fmt_points(result.score)),
                ("max", &fmt_points(result.max_score)),
                ("percent", &pct),
            ],
        )),
    ];
    let (verdict, style) = if result.passed {
        (tf("quiz.passed", &[("mark", &quiz.pass_mark)]), th.good)
    } else {
        (tf("quiz.failed", &[("mark", &quiz.pass_mark)]), th.bad)
    };
    lines.push(Line::from(Span::styled(verdict, style)));
    lines.push(Line::from(""));
    for (n, p) in run.plan.questions.iter().enumerate() {
        let (sym, style) = match run.answers.get(&p.id) {
            Some((_, g)) if g.is_correct() => ("✓", th.good),
            Some((_, g)) if g.is_partial() => ("◐", th.partial),
            _ => ("✗", th.bad),
        };
        let prompt = quiz
            .question(&p.id)
            .map_or_else(String::new, |q| first_line(&state.laid, &q.prompt, width));
        lines.push(Line::from(vec![
            Span::styled(format!("{sym} "), style),
            Span::raw(format!("{}. {prompt}", n + 1)),
        ]));
    }
    lines.push(Line::from(""));
    let next = match state.attempts_left() {
        Some(0) => t("quiz.results_no_retry").to_string(),
        Some(left) => tf("quiz.results_retry_left", &[("left", &left)]),
        None => t("quiz.results_retry").to_string(),
    };
    lines.push(Line::from(next.bold()));
    lines
}

/// Points without a trailing `.0`: 1, 0.5, 2.25.
pub fn fmt_points(p: f64) -> String {
    let rounded = (p * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}
