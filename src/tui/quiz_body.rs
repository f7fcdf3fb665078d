//! The part of a question the learner acts on, drawn for each way of answering: options to
//! pick, a field to type in, items to order, pairs to match; and, once answered, what was
//! right.

use ratatui::text::{Line, Span};

use crate::i18n::{t, tf};
use crate::quiz::grade::{matching_number, matching_text};
use crate::quiz::{Question, QuestionKind, Response};

use super::laid::Laid;
use super::quiz::{Run, option_is_right, option_text, option_width};
use super::quiz_answer::{Mode, mode};
use super::theme::Theme;
use super::widgets::{flat, truncate};

/// The lines, and the index of the line holding the cursor (to keep it in view).
pub fn answer_lines(
    q: &Question,
    run: &Run,
    laid: &Laid,
    width: u16,
    th: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let a = &run.answering;
    let open = run.submitted.is_none();
    let mut lines = Vec::new();
    if open {
        let how = match (mode(q), &q.kind) {
            (Mode::Choose, QuestionKind::Multiple { .. }) => t("quiz.choose_several"),
            (Mode::Choose, _) => t("quiz.choose_one"),
            (Mode::Type, QuestionKind::Number { .. }) => t("quiz.type_a_number"),
            (Mode::Type, _) => t("quiz.type_answer"),
            (Mode::Arrange, _) => t("quiz.arrange"),
            (Mode::Pair, _) => t("quiz.pair"),
        };
        lines.push(Line::from(Span::styled(how, th.dim)));
        if q.hints.len() > a.hints_shown {
            let left = q.hints.len() - a.hints_shown;
            lines.push(Line::from(Span::styled(
                tf("quiz.hints_left", &[("count", &left)]),
                th.dim,
            )));
        }
    }
    for (n, hint) in q.hints.iter().take(a.hints_shown).enumerate() {
        lines.push(Line::from(Span::styled(
            tf("quiz.hint", &[("n", &(n + 1)), ("text", hint)]),
            th.partial,
        )));
    }
    let response = run.submitted.as_ref().map(|s| &s.response);
    let cursor_line = match mode(q) {
        Mode::Choose => choose(q, run, laid, width, th, &mut lines),
        Mode::Type => {
            lines.push(Line::from(""));
            let mut spans = vec![Span::raw(format!("  {} ", t("quiz.your_answer")))];
            spans.extend(a.input.spans(open, th));
            let at = lines.len();
            lines.push(Line::from(spans));
            if let Some(r) = response {
                lines.push(Line::from(Span::styled(right_typed(q, r), th.good)));
            }
            at
        }
        Mode::Arrange => arrange(q, run, th, &mut lines, width),
        Mode::Pair => pair(q, run, th, &mut lines, width),
    };
    (lines, cursor_line)
}

fn choose(
    q: &Question,
    run: &Run,
    laid: &Laid,
    width: u16,
    th: &Theme,
    lines: &mut Vec<Line<'static>>,
) -> usize {
    let a = &run.answering;
    let order = &run.plan.questions[run.current].option_order;
    let multiple = matches!(q.kind, QuestionKind::Multiple { .. });
    let mut cursor_line = lines.len();
    for (d, &orig) in order.iter().enumerate() {
        let picked = a.picked.contains(&d);
        let mark = match (multiple, picked) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(•)",
            (false, false) => "( )",
        };
        let at_cursor = run.submitted.is_none() && d == a.cursor;
        if at_cursor {
            cursor_line = lines.len();
        }
        let verdict = match &run.submitted {
            Some(_) if option_is_right(q, orig) => {
                Span::styled(format!(" {}", t("quiz.right_answer")), th.good)
            }
            Some(_) if picked => Span::styled(format!(" {}", t("quiz.not_right")), th.bad),
            _ => Span::raw(""),
        };
        let style = if at_cursor {
            th.selected
        } else {
            Default::default()
        };
        // Long options wrap under their own text, not under the number.
        let prefix = format!("{}{} {mark} ", if at_cursor { "▶ " } else { "  " }, d + 1);
        let indent = " ".repeat(prefix.chars().count());
        let body = laid.get(option_text(q, orig), option_width(width));
        let count = body.len();
        for (n, line) in body.iter().cloned().enumerate() {
            let mut spans = vec![Span::raw(if n == 0 {
                prefix.clone()
            } else {
                indent.clone()
            })];
            spans.extend(line.spans.into_iter().map(|sp| sp.patch_style(style)));
            if n + 1 == count {
                spans.push(verdict.clone());
            }
            lines.push(Line::from(spans));
        }
    }
    cursor_line
}

fn arrange(
    q: &Question,
    run: &Run,
    th: &Theme,
    lines: &mut Vec<Line<'static>>,
    width: u16,
) -> usize {
    let a = &run.answering;
    let mut cursor_line = lines.len();
    for (place, &item) in a.arrangement.iter().enumerate() {
        let on = run.submitted.is_none() && place == a.cursor;
        if on {
            cursor_line = lines.len();
        }
        let grip = match (on, a.held) {
            (true, true) => "⇕ ",
            (true, false) => "▶ ",
            _ => "  ",
        };
        let verdict = match &run.submitted {
            Some(_) if place == item => Span::styled(" ✓", th.good),
            Some(_) => Span::styled(" ✗", th.bad),
            None => Span::raw(""),
        };
        let style = if on { th.selected } else { Default::default() };
        lines.push(Line::from(vec![
            Span::raw(grip),
            Span::styled(
                truncate(
                    &format!("{}. {}", place + 1, flat(option_text(q, item))),
                    width as usize - 6,
                ),
                style,
            ),
            verdict,
        ]));
    }
    if run.submitted.is_some()
        && let QuestionKind::Order { items } = &q.kind
    {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(t("quiz.right_order"), th.good)));
        for (n, item) in items.iter().enumerate() {
            lines.push(Line::from(format!(
                "  {}. {}",
                n + 1,
                truncate(&flat(item), width as usize - 6)
            )));
        }
    }
    cursor_line
}

fn pair(q: &Question, run: &Run, th: &Theme, lines: &mut Vec<Line<'static>>, width: u16) -> usize {
    let a = &run.answering;
    let QuestionKind::Match { pairs, .. } = &q.kind else {
        return lines.len();
    };
    let order = &run.plan.questions[run.current].option_order;
    let options = q.kind.match_options();
    let half = (width as usize).saturating_sub(8) / 2;
    let mut cursor_line = lines.len();
    // The options, numbered, so a digit can pick one.
    for (d, &orig) in order.iter().enumerate() {
        lines.push(Line::from(Span::styled(
            format!(
                "  {}) {}",
                d + 1,
                truncate(
                    &flat(options.get(orig).copied().unwrap_or("")),
                    width as usize - 8
                )
            ),
            th.dim,
        )));
    }
    lines.push(Line::from(""));
    for (row, (left, right)) in pairs.iter().enumerate() {
        let on = run.submitted.is_none() && row == a.cursor;
        if on {
            cursor_line = lines.len();
        }
        let chosen = a.matches.get(row).copied().flatten();
        let shown = chosen
            .and_then(|d| order.get(d))
            .and_then(|&o| options.get(o).copied())
            .map_or_else(
                || "…".to_string(),
                |r| format!("◀ {} ▶", truncate(&flat(r), half)),
            );
        let verdict = match &run.submitted {
            Some(_) if chosen.and_then(|d| order.get(d)) == Some(&row) => {
                Span::styled(" ✓".to_string(), th.good)
            }
            Some(_) => Span::styled(format!(" ✗ {}", truncate(&flat(right), half)), th.bad),
            None => Span::raw(String::new()),
        };
        lines.push(Line::from(vec![
            Span::raw(if on { "▶ " } else { "  " }),
            Span::raw(format!("{} → ", truncate(&flat(left), half))),
            Span::styled(shown, if on { th.selected } else { th.input }),
            verdict,
        ]));
    }
    cursor_line
}

/// For a typed answer: what would have been right.
fn right_typed(q: &Question, response: &Response) -> String {
    match (&q.kind, response) {
        (QuestionKind::Text { answers }, Response::Text(typed))
            if matching_text(answers, typed).is_some_and(|m| m.weight >= 100.0) =>
        {
            String::new()
        }
        (QuestionKind::Text { answers }, _) => {
            let right: Vec<&str> = answers
                .iter()
                .filter(|a| a.weight >= 100.0)
                .map(|a| a.text.as_str())
                .collect();
            format!(
                "  {}",
                tf("quiz.accepted", &[("answers", &right.join(" / "))])
            )
        }
        (QuestionKind::Number { answers }, Response::Number(n))
            if matching_number(answers, *n).is_some_and(|m| m.weight >= 100.0) =>
        {
            String::new()
        }
        (QuestionKind::Number { answers }, _) => {
            let right: Vec<String> = answers
                .iter()
                .filter(|a| a.weight >= 100.0)
                .map(|a| {
                    if a.min == a.max {
                        fmt(a.min)
                    } else {
                        format!("{}–{}", fmt(a.min), fmt(a.max))
                    }
                })
                .collect();
            format!(
                "  {}",
                tf("quiz.accepted", &[("answers", &right.join(" / "))])
            )
        }
        _ => String::new(),
    }
}

fn fmt(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}
