//! The part of a question the learner acts on, drawn for each way of answering: options to
//! pick, a field to type in, items to order, pairs to match; and, once answered, what was
//! right.

use ratatui::text::{Line, Span};

use crate::i18n::Lang;
use crate::quiz::grade::{matching_number, matching_text};
use crate::quiz::text::normalize;
use crate::quiz::{Question, QuestionKind, Response};

use super::laid::Laid;
use super::quiz_answer::{Mode, mode};
use super::quiz_run::Run;
use super::quiz_text::{option_is_right, option_text, option_width};
use super::theme::Theme;
use super::widgets::{flat, hang, para, truncate};

/// The lines, laid out at `width`, and the index of the line holding the cursor (to keep
/// it in view).
pub fn answer_lines(
    q: &Question,
    run: &Run,
    laid: &Laid,
    lang: Lang,
    width: usize,
    th: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let a = &run.answering;
    let open = run.submitted.is_none();
    let mut lines = Vec::new();
    if open {
        let how = match (mode(q), &q.kind) {
            (Mode::Choose, QuestionKind::Multiple { .. }) => "quiz.choose_several",
            (Mode::Choose, _) => "quiz.choose_one",
            (Mode::Type, QuestionKind::Number { .. }) => "quiz.type_a_number",
            (Mode::Type, _) => "quiz.type_answer",
            (Mode::Arrange, _) => "quiz.arrange",
            (Mode::Pair, _) => "quiz.pair",
        };
        lines.extend(para(&lang.t(how), width, th.dim));
        // Only a question with a hint left says how to open one, with the key that does.
        if q.hints.len() > a.hints_shown {
            let left = q.hints.len() - a.hints_shown;
            let key = if mode(q) == Mode::Type {
                "quiz.hints_left_typing"
            } else {
                "quiz.hints_left"
            };
            lines.extend(para(
                &lang.tf(key, &[("count", left.into())]),
                width,
                th.dim,
            ));
        }
    }
    for (n, hint) in q.hints.iter().take(a.hints_shown).enumerate() {
        let text = lang.tf("quiz.hint", &[("n", (n + 1).into()), ("text", hint.into())]);
        lines.extend(para(&text, width, th.partial));
    }
    let response = run.submitted.as_ref().map(|s| &s.response);
    let cursor_line = match mode(q) {
        Mode::Choose => choose(q, run, laid, lang, width, th, &mut lines),
        Mode::Type => {
            lines.push(Line::from(""));
            let mut spans = vec![Span::raw(format!("  {} ", lang.t("quiz.your_answer")))];
            spans.extend(a.input.spans(open, th));
            let at = lines.len();
            lines.push(Line::from(spans));
            if let Some(r) = response {
                let right = right_typed(lang, q, r);
                if !right.is_empty() {
                    for l in hang("  ", &right, width) {
                        lines.push(Line::from(Span::styled(l, th.good)));
                    }
                }
            }
            at
        }
        Mode::Arrange => arrange(q, run, lang, th, &mut lines, width),
        Mode::Pair => pair(q, run, lang, th, &mut lines, width),
    };
    (lines, cursor_line)
}

fn choose(
    q: &Question,
    run: &Run,
    laid: &Laid,
    lang: Lang,
    width: usize,
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
                Span::styled(format!(" {}", lang.t("quiz.right_answer")), th.good)
            }
            Some(_) if picked => Span::styled(format!(" {}", lang.t("quiz.not_right")), th.bad),
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
        let text = option_text(lang, q, orig);
        let body = laid.get(&text, option_width(width as u16));
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
    lang: Lang,
    th: &Theme,
    lines: &mut Vec<Line<'static>>,
    width: usize,
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
                    &format!("{}. {}", place + 1, flat(&option_text(lang, q, item))),
                    width.saturating_sub(6),
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
        lines.push(Line::from(Span::styled(
            lang.t("quiz.right_order"),
            th.good,
        )));
        for (n, item) in items.iter().enumerate() {
            for l in hang(&format!("  {}. ", n + 1), &flat(item), width) {
                lines.push(Line::from(l));
            }
        }
    }
    cursor_line
}

fn pair(
    q: &Question,
    run: &Run,
    _lang: Lang,
    th: &Theme,
    lines: &mut Vec<Line<'static>>,
    width: usize,
) -> usize {
    let a = &run.answering;
    let QuestionKind::Match { pairs, .. } = &q.kind else {
        return lines.len();
    };
    let order = &run.plan.questions[run.current].option_order;
    let options = q.kind.match_options();
    let half = width.saturating_sub(8) / 2;
    let mut cursor_line = lines.len();
    // The options, numbered, so a digit can pick one.
    for (d, &orig) in order.iter().enumerate() {
        let option = flat(options.get(orig).copied().unwrap_or(""));
        for l in hang(&format!("  {}) ", d + 1), &option, width) {
            lines.push(Line::from(Span::styled(l, th.dim)));
        }
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

/// For a typed answer: what would have been right, or, for a right answer that was
/// forgiven a full stop, an article or a slip, how it is written.
fn right_typed(lang: Lang, q: &Question, response: &Response) -> String {
    match (&q.kind, response) {
        (QuestionKind::Text { answers, matching }, Response::Text(typed))
            if let Some(m) = matching_text(answers, *matching, typed)
                && m.weight >= 100.0 =>
        {
            if normalize(typed) == normalize(&m.text) {
                String::new()
            } else {
                lang.tf("quiz.accepted_as", &[("answer", m.text.as_str().into())])
            }
        }
        (QuestionKind::Text { answers, .. }, _) => {
            let right: Vec<&str> = answers
                .iter()
                .filter(|a| a.weight >= 100.0)
                .map(|a| a.text.as_str())
                .collect();
            lang.tf("quiz.accepted", &[("answers", right.join(" / ").into())])
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
                        lang.number(a.min)
                    } else {
                        format!("{}–{}", lang.number(a.min), lang.number(a.max))
                    }
                })
                .collect();
            lang.tf("quiz.accepted", &[("answers", right.join(" / ").into())])
        }
        _ => String::new(),
    }
}
