//! A course's outline: its modules and items, each with the learner's status.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use std::collections::HashMap;

use crate::course::{Course, ItemKind};
use crate::i18n::{t, tf};
use crate::store::ItemStatus;

use super::action::Action;
use super::app::{App, Goto};
use super::effect::Effect;
use super::theme::Theme;
use super::widgets::truncate;

#[derive(Debug)]
pub struct OutlineState {
    pub course: Arc<Course>,
    /// Index of the selected item in outline order.
    pub selected: usize,
    /// The hash of each lesson's text now, to tell which changed since a learner read it.
    hashes: HashMap<String, String>,
}

impl OutlineState {
    pub fn new(course: Arc<Course>, selected: usize) -> Self {
        let selected = selected.min(course.item_count().saturating_sub(1));
        let hashes = course
            .items()
            .filter_map(|i| match &i.kind {
                ItemKind::Lesson(l) => Some((i.id.clone(), l.content_hash())),
                ItemKind::Quiz(_) => None,
            })
            .collect();
        Self {
            course,
            selected,
            hashes,
        }
    }

    /// Whether the learner read this lesson in an earlier version of its text.
    pub fn updated_since_read(&self, app: &App, item_id: &str) -> bool {
        app.item_progress(&self.course.id, item_id)
            .is_some_and(|p| {
                p.status == ItemStatus::Done
                    && p.content_hash
                        .as_ref()
                        .is_some_and(|read| Some(read) != self.hashes.get(item_id))
            })
    }

    pub fn update(&mut self, action: Action) -> (Vec<Effect>, Option<Goto>) {
        let count = self.course.item_count();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Home => self.selected = 0,
            Action::End => self.selected = count.saturating_sub(1),
            Action::Back => return (Vec::new(), Some(Goto::Library)),
            Action::Confirm => {
                let goto = Goto::Item {
                    course_id: self.course.id.clone(),
                    index: self.selected,
                };
                return (Vec::new(), Some(goto));
            }
            _ => {}
        }
        (Vec::new(), None)
    }
}

/// The symbol and word for a status: both, so it reads without colour.
pub fn status_label(status: ItemStatus) -> (&'static str, &'static str) {
    match status {
        ItemStatus::NotStarted => ("○", t("status.not_started")),
        ItemStatus::InProgress => ("◐", t("status.in_progress")),
        ItemStatus::Done => ("●", t("status.done")),
        ItemStatus::Passed => ("✓", t("status.passed")),
        ItemStatus::Failed => ("✗", t("status.failed")),
    }
}

pub fn render(app: &App, state: &OutlineState, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let course = &state.course;
    let width = area.width as usize;
    let progress = app.course_progress(course);
    let summary = if progress.complete() {
        Span::styled(t("outline.completed").to_string(), th.good)
    } else {
        Span::styled(
            tf(
                "outline.progress",
                &[
                    ("finished", &progress.finished),
                    ("required", &progress.required),
                ],
            ),
            th.dim,
        )
    };
    let mut lines: Vec<Line> = vec![Line::from(summary), Line::from("")];
    let mut selected_line = 0;
    let mut index = 0;
    for (m, module) in course.modules.iter().enumerate() {
        if m > 0 {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(truncate(&module.title, width).bold()));
        for item in &module.items {
            let status = app.status(&course.id, &item.id);
            let (symbol, mut word) = status_label(status);
            if state.updated_since_read(app, &item.id) {
                word = t("status.updated");
            }
            let kind = if item.is_quiz() {
                t("outline.quiz")
            } else {
                t("outline.lesson")
            };
            let right = format!(" {kind} · {word}");
            let title_width = width.saturating_sub(right.chars().count() + 6);
            let title = truncate(&item.title, title_width);
            let pad =
                title_width.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
            let is_sel = index == state.selected;
            if is_sel {
                selected_line = lines.len();
            }
            let style = if is_sel {
                th.selected
            } else {
                Default::default()
            };
            lines.push(Line::from(vec![
                Span::raw(if is_sel { "▶ " } else { "  " }),
                Span::styled(format!("{symbol} "), status_style(th, status)),
                Span::styled(title, style),
                Span::raw(" ".repeat(pad + 1)),
                Span::styled(right, th.dim),
            ]));
            index += 1;
        }
    }
    let height = area.height as usize;
    let scroll = selected_line.saturating_sub(height.saturating_sub(2));
    Paragraph::new(lines)
        .scroll((scroll as u16, 0))
        .render(area, buf);
}

fn status_style(th: &Theme, status: ItemStatus) -> ratatui::style::Style {
    match status {
        ItemStatus::Passed | ItemStatus::Done => th.good,
        ItemStatus::Failed => th.bad,
        ItemStatus::InProgress => th.partial,
        ItemStatus::NotStarted => th.dim,
    }
}
