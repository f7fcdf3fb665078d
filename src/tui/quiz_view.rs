//! Drawing the quiz screen: intro, a question with its options and feedback, the result.
//! A question is laid out line by line before it is drawn, so its height is known: the
//! screen scrolls to what the learner needs and says when more is below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::Lang;
use crate::quiz::{Quiz, percent};
use crate::store::AttemptResult;

use super::lesson::CHROME_ROWS;
use super::quiz::{Phase, QuizScreen};
use super::quiz_run::{Run, feedback_for};
use super::screen::Cx;
use super::theme::Theme;
use super::widgets::{cells, para};

/// Rows a question has on a terminal of `size`: the screen less the header, the footer,
/// and the status row under the question.
pub fn body_height(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(CHROME_ROWS + 1).max(1))
}

/// Width of the quiz's text: the terminal less a column of margin each side.
fn body_width(size: (u16, u16)) -> usize {
    usize::from(super::quiz_text::text_width(size.0).max(10))
}

/// Lines the current question takes and the line of its cursor; `None` when no question is
/// on screen.
pub fn question_extent(screen: &QuizScreen, cx: &Cx) -> Option<(usize, usize)> {
    let Phase::Asking(run) = &screen.phase else {
        return None;
    };
    let (lines, cursor) = question_lines(screen, run, cx.lang, cx.theme, body_width(cx.size));
    Some((lines.len(), cursor))
}

pub fn draw(screen: &QuizScreen, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let th = cx.theme;
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let quiz = screen.quiz();
    // The last row is kept for what the learner must see whatever the scroll: whether the
    // answer is saved, whether more is below, what is missing.
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let width = usize::from(inner.width.max(10));
    let mut status = Vec::new();
    match &screen.phase {
        Phase::Loading => Paragraph::new(cx.t("quiz.loading")).render(body, buf),
        Phase::Intro { open } => Paragraph::new(intro(screen, quiz, open.as_ref(), cx))
            .wrap(Wrap { trim: false })
            .render(body, buf),
        Phase::Results { run, result } => {
            Paragraph::new(results(screen, quiz, run, result, cx, width))
                .wrap(Wrap { trim: false })
                .render(body, buf)
        }
        Phase::Asking(run) => {
            let (lines, _) = question_lines(screen, run, cx.lang, th, width);
            let height = usize::from(body.height);
            let scroll = run.scroll.min(lines.len().saturating_sub(height));
            let end = (scroll + height).min(lines.len());
            Paragraph::new(lines[scroll..end].to_vec()).render(body, buf);
            if run.submitted.is_some() {
                status.push(Span::styled(cx.t("quiz.saved"), th.good));
            }
            if end < lines.len() {
                if !status.is_empty() {
                    status.push(Span::raw("  "));
                }
                status.push(Span::styled(cx.t("quiz.more_below"), th.partial));
            }
        }
    }
    if let Some(h) = screen.hint {
        // What is missing, whole: a long sentence (French, Spanish) takes the body's last
        // rows until the next key.
        let lines = para(&cx.t(h), usize::from(inner.width), th.partial);
        let rows = (lines.len() as u16).clamp(1, 3).min(inner.height);
        let area = Rect {
            y: (inner.y + body.height + 1).saturating_sub(rows),
            height: rows,
            ..inner
        };
        ratatui::widgets::Clear.render(area, buf);
        Paragraph::new(lines).render(area, buf);
        return;
    }
    if !status.is_empty() {
        let row = Rect {
            y: inner.y + body.height,
            height: 1,
            ..inner
        };
        Paragraph::new(Line::from(status)).render(row, buf);
    }
}

pub(super) fn intro(
    screen: &QuizScreen,
    quiz: &Quiz,
    open: Option<&Run>,
    cx: &Cx,
) -> Vec<Line<'static>> {
    let th = cx.theme;
    let asked = if quiz.draw > 0 {
        quiz.draw as usize
    } else {
        quiz.questions.len()
    };
    let mut lines = vec![
        Line::from(quiz.title.clone().bold()),
        Line::from(""),
        Line::from(cx.tf("quiz.intro_questions", &[("count", asked.into())])),
        Line::from(cx.tf("quiz.intro_pass_mark", &[("mark", quiz.pass_mark.into())])),
    ];
    let used = screen.finished().count();
    lines.push(Line::from(match quiz.max_attempts {
        0 => cx.tf("quiz.intro_attempts_unlimited", &[("used", used.into())]),
        max => cx.tf(
            "quiz.intro_attempts",
            &[
                ("used", used.into()),
                ("max", (max as usize + screen.granted as usize).into()),
            ],
        ),
    }));
    if let Some(best) = screen
        .finished()
        .filter_map(|a| a.result.as_ref())
        .map(|r| percent(r.score, r.max_score))
        .max()
    {
        lines.push(Line::from(
            cx.tf("quiz.intro_best", &[("percent", best.into())]),
        ));
    }
    lines.push(Line::from(""));
    let call = match open {
        Some(run) => cx.tf(
            "quiz.intro_continue",
            &[
                ("answered", run.answers.len().into()),
                ("total", run.plan.questions.len().into()),
            ],
        ),
        None if screen.can_start() => cx.t("quiz.intro_start"),
        None => cx.t("quiz.no_attempts_left"),
    };
    lines.push(Line::from(call.bold()));
    if let Some(error) = &screen.error {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(error.text(cx.lang), th.error)));
    }
    if screen.finished().next().is_some() {
        lines.push(Line::from(""));
        lines.push(Line::from(cx.t("quiz.intro_review")));
    }
    lines
}

/// The question laid out at `width`, every line as drawn, and the line of the cursor.
pub fn question_lines(
    screen: &QuizScreen,
    run: &Run,
    lang: Lang,
    th: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, usize) {
    let quiz = screen.quiz();
    let laid = &screen.laid;
    let Some(q) = run.question(quiz) else {
        let mut lines = para(&lang.t("quiz.finishing"), width, Default::default());
        if let Some(error) = &run.error {
            lines.push(Line::from(""));
            lines.extend(para(&error.text(lang), width, th.error));
            lines.extend(para(&lang.t("quiz.finish_retry"), width, th.partial));
        }
        return (lines, 0);
    };
    let w16 = width as u16;
    let mut lines = vec![
        Line::from(Span::styled(
            lang.tf(
                "quiz.progress",
                &[
                    ("n", (run.current + 1).into()),
                    ("total", run.plan.questions.len().into()),
                ],
            ),
            th.dim,
        )),
        Line::from(""),
    ];
    lines.extend(laid.get(&q.prompt, w16).iter().cloned());
    lines.push(Line::from(""));
    let (body, cursor_at) = super::quiz_body::answer_lines(q, run, laid, lang, width, th);
    let cursor_line = lines.len() + cursor_at;
    lines.extend(body);
    if let Some(error) = &run.error {
        lines.push(Line::from(""));
        lines.extend(para(&error.text(lang), width, th.error));
        lines.extend(para(&lang.t("quiz.save_retry"), width, th.partial));
    }
    if let Some(sub) = &run.submitted {
        lines.push(Line::from(""));
        let (verdict, style) = if sub.grade.is_correct() {
            (lang.t("quiz.correct"), th.good)
        } else if sub.grade.is_partial() {
            let score = sub.grade.score.get();
            let max = sub.grade.max.get();
            (
                lang.tf(
                    "quiz.partly",
                    &[("score", score.into()), ("max", max.into())],
                ),
                th.partial,
            )
        } else {
            (lang.t("quiz.incorrect"), th.bad)
        };
        lines.extend(para(&verdict, width, style));
        for (n, f) in feedback_for(q, sub).into_iter().enumerate() {
            if n > 0 {
                lines.push(Line::from(""));
            }
            lines.extend(laid.get(f, w16).iter().cloned());
        }
        if let Some(expl) = &q.explanation {
            lines.push(Line::from(""));
            lines.push(Line::from(lang.t("quiz.explanation").bold()));
            lines.extend(laid.get(expl, w16).iter().cloned());
        }
    }
    (lines, cursor_line)
}

/// The first laid-out line of Markdown, as plain text: a prompt's opening in a summary.
fn first_line(screen: &QuizScreen, markdown: &str, width: u16) -> String {
    let lines = screen.laid.get(markdown, width);
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

pub(super) fn results(
    screen: &QuizScreen,
    quiz: &Quiz,
    run: &Run,
    result: &AttemptResult,
    cx: &Cx,
    width: usize,
) -> Vec<Line<'static>> {
    let th = cx.theme;
    let pct = percent(result.score, result.max_score);
    let mut lines = vec![
        Line::from(quiz.title.clone().bold()),
        Line::from(""),
        Line::from(cx.tf(
            "quiz.score",
            &[
                ("score", result.score.into()),
                ("max", result.max_score.into()),
                ("percent", pct.into()),
            ],
        )),
    ];
    let mark = [("mark", quiz.pass_mark.into())];
    let (verdict, style) = if result.passed {
        (cx.tf("quiz.passed", &mark), th.good)
    } else {
        (cx.tf("quiz.failed", &mark), th.bad)
    };
    lines.push(Line::from(Span::styled(verdict, style)));
    lines.push(Line::from(""));
    // Each mark with its word: marks alone cannot be told apart on a console font that
    // lacks them, nor by a screen reader.
    let word = |key: &str| cx.t(key);
    let marks = [
        ("✓", word("quiz.mark_right"), th.good),
        ("◐", word("quiz.mark_partly"), th.partial),
        ("✗", word("quiz.mark_wrong"), th.bad),
    ];
    let word_width = marks.iter().map(|(_, w, _)| cells(w)).max().unwrap_or(0);
    // The row: mark, space, word, padding, space, "12. ", the prompt's first line and the
    // "…" `first_line` adds when it cuts.
    let prompt_width = width.saturating_sub(8 + word_width) as u16;
    for (n, p) in run.plan.questions.iter().enumerate() {
        let (sym, word, style) = match run.answers.get(&p.id) {
            Some((_, g)) if g.is_correct() => &marks[0],
            Some((_, g)) if g.is_partial() => &marks[1],
            _ => &marks[2],
        };
        let prompt = quiz
            .question(&p.id)
            .map_or_else(String::new, |q| first_line(screen, &q.prompt, prompt_width));
        let pad = " ".repeat(word_width - cells(word));
        lines.push(Line::from(vec![
            Span::styled(format!("{sym} {word}{pad} "), *style),
            Span::raw(format!("{:>2}. {prompt}", n + 1)),
        ]));
    }
    lines.push(Line::from(""));
    let next = match screen.attempts_left() {
        Some(0) => cx.t("quiz.results_no_retry"),
        Some(left) => cx.tf("quiz.results_retry_left", &[("left", left.into())]),
        None => cx.t("quiz.results_retry"),
    };
    lines.push(Line::from(next.bold()));
    lines
}

/// The question on screen, with its choices and instructions, as text to read aloud in the
/// quiz's language; `None` when no question is being asked.
pub fn spoken(screen: &QuizScreen, cx: &Cx) -> Option<super::effect::Effect> {
    let Phase::Asking(run) = &screen.phase else {
        return None;
    };
    let (lines, _) = question_lines(screen, run, cx.lang, cx.theme, body_width(cx.size));
    let text = lines
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    let course = &screen.course;
    let voice = course
        .item_at(screen.index)
        .map_or(course.language.as_str(), |i| course.item_language(i))
        .to_string();
    Some(super::effect::Effect::Speak { text, voice })
}
