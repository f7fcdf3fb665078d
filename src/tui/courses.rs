//! The library: every course with its summary, estimated time and the learner's progress.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::bundle::Standing;
use crate::i18n::{t, tf};
use crate::library::{Entry, Library, Origin};

use super::action::Action;
use super::app::{App, Goto, Screen};
use super::effect::Effect;
use super::widgets::{progress_bar, truncate};

/// Rows each course takes on screen: title, summary, details, blank.
const ROWS_PER_COURSE: u16 = 4;

/// Who stands behind a course, in the learner's language.
pub fn standing_words(origin: &Origin, standing: Option<&Standing>) -> String {
    match standing {
        None if *origin == Origin::BuiltIn => t("library.builtin").to_string(),
        None => t("library.unsigned").to_string(),
        Some(Standing::SignedBy { name }) => tf("library.signed_by", &[("name", name)]),
        Some(Standing::UnknownSigner { .. }) => t("library.unknown_signer").to_string(),
        Some(Standing::Unsigned | Standing::NoManifest) => t("library.unsigned").to_string(),
    }
}

/// `selected` counts the "Continue where you left off" row first, when there is one.
pub fn update(
    selected: &mut usize,
    action: Action,
    library: &Library,
    has_continue: bool,
) -> (Vec<Effect>, Option<Goto>) {
    let first_course = usize::from(has_continue);
    let count = library.entries.len() + first_course;
    match action {
        Action::Up => *selected = selected.saturating_sub(1),
        Action::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
        Action::Home => *selected = 0,
        Action::End => *selected = count.saturating_sub(1),
        Action::Back => return (Vec::new(), Some(Goto::Picker)),
        Action::Confirm if has_continue && *selected == 0 => {
            return (Vec::new(), Some(Goto::Continue));
        }
        Action::Confirm => {
            let entry = selected.checked_sub(first_course);
            if let Some(course) = entry
                .and_then(|i| library.entries.get(i))
                .and_then(Entry::course)
            {
                let open = Effect::OpenCourse {
                    course_id: course.id.clone(),
                    item: None,
                };
                return (vec![open], None);
            }
        }
        _ => {}
    }
    (Vec::new(), None)
}

/// What the hidden screen was, in a few words: the lesson's or quiz's title.
fn continue_label(app: &App) -> Option<String> {
    let screen = app.continue_screen.as_deref()?;
    let what = match screen {
        Screen::Lesson(l) => l.title().to_string(),
        Screen::Quiz(q) => q.quiz().title.clone(),
        Screen::Review(r) => r.quiz().title.clone(),
        Screen::Outline(o) => o.course.title.clone(),
        _ => String::new(),
    };
    Some(if what.is_empty() {
        t("library.continue").to_string()
    } else {
        format!("{}: {what}", t("library.continue"))
    })
}

pub fn render(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let mut lines = vec![Line::from(t("library.title").bold()), Line::from("")];
    let width = area.width as usize;
    if let Some(label) = continue_label(app) {
        let on = selected == 0;
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
    let selected = selected.checked_sub(usize::from(app.continue_screen.is_some()));
    if app.library.entries.is_empty() {
        lines.push(Line::from(t("library.empty")));
    }
    let above = lines.len() as u16;
    let per_page = (area.height.saturating_sub(above) / ROWS_PER_COURSE).max(1) as usize;
    let first = selected.unwrap_or(0).saturating_sub(per_page - 1);
    for (i, entry) in app
        .library
        .entries
        .iter()
        .enumerate()
        .skip(first)
        .take(per_page)
    {
        let is_sel = Some(i) == selected;
        let marker = if is_sel { "▶ " } else { "  " };
        let title_style = if is_sel { th.selected } else { th.title };
        match entry {
            Entry::Ready {
                course,
                standing,
                origin,
            } => {
                let done = app.course_completion(course);
                lines.push(Line::from(vec![
                    Span::raw(marker),
                    Span::styled(truncate(&course.title, width - 2), title_style),
                ]));
                lines.push(Line::from(format!(
                    "  {}",
                    truncate(&course.summary, width - 2)
                )));
                let details = format!(
                    "{} · {}",
                    tf(
                        "library.details",
                        &[
                            ("minutes", &course.minutes),
                            ("items", &course.item_count()),
                        ],
                    ),
                    standing_words(origin, standing.as_ref())
                );
                let bar_width = 20.min(width.saturating_sub(details.chars().count() + 10));
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(progress_bar(done, bar_width), th.progress),
                    Span::raw(format!(" {:>3}%  ", (done * 100.0).round() as u32)),
                    Span::styled(details, th.dim),
                ]));
            }
            Entry::Unavailable { name, error, .. } => {
                lines.push(Line::from(vec![
                    Span::raw(marker),
                    Span::styled(truncate(name, width - 2), title_style),
                    Span::styled(format!("  {}", t("library.unavailable")), th.error),
                ]));
                lines.push(Line::from(Span::styled(
                    format!("  {}", truncate(&error.headline(), width - 2)),
                    th.error,
                )));
                lines.push(Line::from(Span::styled(
                    format!("  {}", t("library.unavailable_hint")),
                    th.dim,
                )));
            }
        }
        lines.push(Line::from(""));
    }
    Paragraph::new(lines).render(area, buf);
}
