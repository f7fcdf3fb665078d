//! A course's outline: its summary, its modules and items, each with the learner's status
//! (and a quiz's best score), and the certificate once the course is complete.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::course::{Course, ItemKind};
use crate::i18n::Lang;
use crate::store::ItemStatus;

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::keys::{Binding, ENDS, ENTER, ESC, MOVE, Press, key};
use super::problem::{Notice, Problem};
use super::screen::{Component, Cx, Step};
use super::theme::Theme;
use super::widgets::{para, truncate, wrap};

use Press::Char;

const KEYS: &[Binding] = &[
    MOVE.shown("footer.choose", 5),
    ENDS,
    key(&[ENTER], &[Action::Confirm], "keys.open_item").shown("footer.open", 8),
    key(&[Char('c')], &[Action::Certificate], "keys.certificate").shown("footer.certificate", 4),
    key(&[Char('q'), ESC], &[Action::Back], "keys.back_library").shown("footer.courses", 6),
];

#[derive(Debug)]
pub struct Outline {
    pub course: Arc<Course>,
    /// Index of the selected item in outline order.
    pub selected: usize,
    /// The hash of each lesson's text now, to tell which changed since a learner read it.
    hashes: HashMap<String, String>,
}

impl Outline {
    pub fn new(course: Arc<Course>, selected: usize) -> Outline {
        let selected = selected.min(course.item_count().saturating_sub(1));
        let hashes = course
            .items()
            .filter_map(|i| match &i.kind {
                ItemKind::Lesson(l) => Some((i.id.clone(), l.content_hash())),
                ItemKind::Quiz(_) => None,
            })
            .collect();
        Outline {
            course,
            selected,
            hashes,
        }
    }

    /// Whether the learner read this lesson in an earlier version of its text.
    pub fn updated_since_read(&self, cx: &Cx, item_id: &str) -> bool {
        cx.item_progress(&self.course.id, item_id).is_some_and(|p| {
            p.status == ItemStatus::Done
                && p.content_hash
                    .as_ref()
                    .is_some_and(|read| Some(read) != self.hashes.get(item_id))
        })
    }

    /// The words right of an item: its kind, its status, and a quiz's best score.
    fn item_words(&self, cx: &Cx, item: &crate::course::Item) -> String {
        let status = cx.status(&self.course.id, &item.id);
        let mut word = status_label(cx.lang, status).1;
        if self.updated_since_read(cx, &item.id) {
            word = cx.t("status.updated");
        }
        let kind = cx.t(if item.is_quiz() {
            "outline.quiz"
        } else {
            "outline.lesson"
        });
        let best = cx
            .item_progress(&self.course.id, &item.id)
            .and_then(|p| p.best_percent)
            .filter(|_| item.is_quiz());
        let mut words = match best {
            Some(percent) => format!(
                " {kind} · {word} · {}",
                cx.tf("outline.best", &[("percent", percent.into())])
            ),
            None => format!(" {kind} · {word}"),
        };
        // An item the learner's language lacks, in a course that has her language.
        let language = self.course.item_language(item);
        if self.course.speaks(cx.lang.code()) && language != cx.lang.code() {
            words.push_str(&format!(" · {}", language.to_uppercase()));
        }
        words
    }
}

impl Component for Outline {
    fn table(&self) -> &'static [Binding] {
        KEYS
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        let last = self.course.item_count().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::Back => return Step::go(Goto::Library),
            Action::Confirm => {
                return Step::go(Goto::Item {
                    course_id: self.course.id.clone(),
                    index: self.selected,
                });
            }
            Action::Certificate if cx.course_progress(&self.course).complete() => {
                return Step::run(Effect::IssueCertificate {
                    course_id: self.course.id.clone(),
                });
            }
            Action::Certificate => {
                return Step::say(Notice::Bad(Problem::new("outline.not_complete")));
            }
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let course = &self.course;
        let width = area.width as usize;
        let progress = cx.course_progress(course);
        let mut lines: Vec<Line> = wrap(&course.summary, width)
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(|l| Line::from(Span::styled(l, th.dim)))
            .collect();
        let state = if progress.complete() {
            para(&cx.t("outline.completed"), width, th.good)
        } else {
            let text = cx.tf(
                "outline.progress",
                &[
                    ("finished", progress.finished.into()),
                    ("required", progress.required.into()),
                ],
            );
            para(&text, width, Default::default())
        };
        lines.push(Line::from(""));
        let wanted = cx.lang.code();
        if !course.speaks(wanted) {
            let text = cx.tf(
                "outline.other_language",
                &[
                    ("wanted", cx.lang.language_name(wanted).into()),
                    (
                        "shown",
                        cx.lang.language_name(&course.shown_language).into(),
                    ),
                ],
            );
            lines.extend(para(&text, width, th.partial));
        }
        lines.extend(state);
        lines.push(Line::from(""));
        let mut selected_line = 0;
        let mut index = 0;
        for (m, module) in course.modules.iter().enumerate() {
            if m > 0 {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(truncate(&module.title, width).bold()));
            for item in &module.items {
                let status = cx.status(&course.id, &item.id);
                let symbol = status_label(cx.lang, status).0;
                let right = self.item_words(cx, item);
                let title_width = width.saturating_sub(super::widgets::cells(&right) + 5);
                let title = truncate(&item.title, title_width);
                let pad = title_width.saturating_sub(super::widgets::cells(&title));
                let on = index == self.selected;
                if on {
                    selected_line = lines.len();
                }
                lines.push(Line::from(vec![
                    Span::raw(if on { "▶ " } else { "  " }),
                    Span::styled(format!("{symbol} "), status_style(th, status)),
                    Span::styled(title, if on { th.selected } else { Default::default() }),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(right, th.dim),
                ]));
                index += 1;
            }
        }
        // A long outline scrolls to keep the selected item in view, with a line below it.
        let height = area.height as usize;
        let scroll = selected_line.saturating_sub(height.saturating_sub(2));
        Paragraph::new(lines)
            .scroll((scroll.min(u16::MAX as usize) as u16, 0))
            .render(area, buf);
    }

    fn title(&self, _cx: &Cx) -> Option<String> {
        Some(self.course.title.clone())
    }
}

/// The symbol and word for a status: both, so it reads without colour.
pub fn status_label(lang: Lang, status: ItemStatus) -> (&'static str, String) {
    match status {
        ItemStatus::NotStarted => ("○", lang.t("status.not_started")),
        ItemStatus::InProgress => ("◐", lang.t("status.in_progress")),
        ItemStatus::Done => ("●", lang.t("status.done")),
        ItemStatus::Passed => ("✓", lang.t("status.passed")),
        ItemStatus::Failed => ("✗", lang.t("status.failed")),
    }
}

fn status_style(th: &Theme, status: ItemStatus) -> ratatui::style::Style {
    match status {
        ItemStatus::Passed | ItemStatus::Done => th.good,
        ItemStatus::Failed => th.bad,
        ItemStatus::InProgress => th.partial,
        ItemStatus::NotStarted => th.dim,
    }
}
