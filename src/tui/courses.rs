//! The library: every course with its summary, estimated time and the learner's progress,
//! and first, when the learner's screen was hidden, a row to go back to it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::bundle::Standing;
use crate::i18n::Lang;
use crate::library::{Entry, Origin};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::keys::{Binding, ENDS, ENTER, ESC, MOVE, Press, key};
use super::profile::Profile;
use super::screen::{Component, Cx, Screen, Step};
use super::widgets::{cells, progress_bar, truncate};

use Press::Char;

/// Rows each course takes on screen: title, summary, details, blank.
const ROWS_PER_COURSE: u16 = 4;

const KEYS: &[Binding] = &[
    MOVE.shown("footer.choose", 5),
    ENDS,
    key(&[ENTER], &[Action::Confirm], "keys.open_course").shown("footer.open", 8),
    key(&[Char('p')], &[Action::OpenProfile], "keys.profile").shown("footer.profile", 4),
    key(&[Char('q'), ESC], &[Action::Back], "keys.switch_learner").shown("footer.switch", 6),
];

/// Who stands behind a course, in `lang`.
pub fn standing_words(lang: Lang, origin: &Origin, standing: Option<&Standing>) -> String {
    match standing {
        None if *origin == Origin::BuiltIn => lang.t("library.builtin"),
        None => lang.t("library.unsigned"),
        Some(Standing::SignedBy { name }) => {
            lang.tf("library.signed_by", &[("name", name.as_str().into())])
        }
        Some(Standing::UnknownSigner { .. }) => lang.t("library.unknown_signer"),
        Some(Standing::Unsigned | Standing::NoManifest) => lang.t("library.unsigned"),
    }
}

#[derive(Debug, Default)]
pub struct Courses {
    /// Counts the "Continue where you left off" row first, when there is one.
    pub selected: usize,
}

impl Courses {
    pub fn new(selected: usize) -> Courses {
        Courses { selected }
    }
}

impl Component for Courses {
    fn table(&self) -> &'static [Binding] {
        KEYS
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        let has_continue = cx.continue_label.is_some();
        let first_course = usize::from(has_continue);
        let last = (cx.library.entries.len() + first_course).saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Home => self.selected = 0,
            Action::End => self.selected = last,
            Action::Back => return Step::go(Goto::Picker),
            Action::OpenProfile => {
                if let Some(l) = cx.learner {
                    let profile = Profile::new(l.clone(), cx.lang, cx.theme.name);
                    return Step::open(Screen::Profile(Box::new(profile)));
                }
            }
            Action::Confirm if has_continue && self.selected == 0 => {
                return Step::go(Goto::Continue);
            }
            Action::Confirm => {
                let course = self
                    .selected
                    .checked_sub(first_course)
                    .and_then(|i| cx.library.entries.get(i))
                    .and_then(Entry::course);
                if let Some(course) = course {
                    return Step::run(Effect::OpenCourse {
                        course_id: course.id.clone(),
                        item: None,
                    });
                }
            }
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let mut lines = vec![Line::from(cx.t("library.title").bold()), Line::from("")];
        let width = area.width as usize;
        if let Some(title) = &cx.continue_label {
            let on = self.selected == 0;
            let label = match title.is_empty() {
                true => cx.t("library.continue"),
                false => cx.tf("library.continue_to", &[("title", title.into())]),
            };
            lines.push(Line::from(vec![
                Span::raw(if on { "▶ " } else { "  " }),
                Span::styled(
                    truncate(&format!("↻ {label}"), width.saturating_sub(2)),
                    if on { th.selected } else { th.title },
                ),
            ]));
            lines.push(Line::from(""));
        }
        // Course rows are numbered after the "Continue" row; with it selected, none is.
        let selected = self
            .selected
            .checked_sub(usize::from(cx.continue_label.is_some()));
        if cx.library.entries.is_empty() {
            lines.push(Line::from(cx.t("library.empty")));
        }
        let above = lines.len() as u16;
        let per_page = (area.height.saturating_sub(above) / ROWS_PER_COURSE).max(1) as usize;
        let first = selected.unwrap_or(0).saturating_sub(per_page - 1);
        let entries = cx
            .library
            .entries
            .iter()
            .enumerate()
            .skip(first)
            .take(per_page);
        for (i, entry) in entries {
            let on = Some(i) == selected;
            lines.extend(entry_lines(cx, entry, on, width));
            lines.push(Line::from(""));
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// A course as the list shows it: title, summary, time, who stands behind it and progress;
/// or a course that cannot open, with why.
fn entry_lines(cx: &Cx, entry: &Entry, on: bool, width: usize) -> Vec<Line<'static>> {
    let th = cx.theme;
    let marker = if on { "▶ " } else { "  " };
    let title_style = if on { th.selected } else { th.title };
    let inner = width.saturating_sub(2);
    match entry {
        Entry::Ready {
            course,
            standing,
            origin,
        } => {
            let done = cx.course_progress(course).fraction();
            let details = format!(
                "{} · {}",
                cx.tf(
                    "library.details",
                    &[
                        ("minutes", course.minutes.into()),
                        ("items", course.item_count().into()),
                    ],
                ),
                standing_words(cx.lang, origin, standing.as_ref())
            );
            // The languages by their codes, the one on screen first ("FR EN ES"), at the
            // end of the title's line, where no width cuts them.
            let mut languages = course.languages();
            languages.sort_by_key(|l| *l != course.shown_language);
            let languages = languages.join(" ").to_uppercase();
            let title = truncate(&course.title, inner.saturating_sub(cells(&languages) + 2));
            let gap = inner.saturating_sub(cells(&title) + cells(&languages));
            // The same for every course, so the bars compare at a glance.
            let bar_width = 20.min(width / 4);
            vec![
                Line::from(vec![
                    Span::raw(marker),
                    Span::styled(title, title_style),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(languages, th.dim),
                ]),
                Line::from(format!("  {}", truncate(&course.summary, inner))),
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(progress_bar(done, bar_width), th.progress),
                    Span::raw(format!(" {:>3}%  ", (done * 100.0).round() as u32)),
                    Span::styled(
                        truncate(&details, inner.saturating_sub(bar_width + 7)),
                        th.dim,
                    ),
                ]),
            ]
        }
        Entry::Unavailable { name, error, .. } => vec![
            Line::from(vec![
                Span::raw(marker),
                Span::styled(truncate(name, inner), title_style),
                Span::styled(format!("  {}", cx.t("library.unavailable")), th.error),
            ]),
            Line::from(Span::styled(
                format!("  {}", truncate(&error.headline(), inner)),
                th.error,
            )),
            Line::from(Span::styled(
                format!("  {}", truncate(&cx.t("library.unavailable_hint"), inner)),
                th.dim,
            )),
        ],
    }
}
