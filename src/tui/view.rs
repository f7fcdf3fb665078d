//! Draws the whole screen from the `App`: header, the current screen, footer, help. Drawing
//! changes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::i18n::{t, tf};

use super::action::bindings;
use super::app::{App, Screen};
use super::{
    courses, facilitator, import, lesson, outline, picker, profile, quiz_view, review, signin,
};

/// Below this size the layout cannot hold a lesson and its keys.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(area, buf);
            return;
        }
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        render_header(self, header, buf);
        match &self.screen {
            Screen::Picker(p) => picker::render(p, self, inset(body), buf),
            Screen::NewLearner(n) => signin::render_new_learner(n, &self.theme, inset(body), buf),
            Screen::Pin(p) => signin::render_pin(p, &self.theme, inset(body), buf),
            Screen::Profile(p) => profile::render(p, &self.theme, inset(body), buf),
            Screen::Facilitator(f) => facilitator::render(f, &self.theme, inset(body), buf),
            Screen::Import(i) => import::render(i, &self.theme, inset(body), buf),
            Screen::Review(r) => review::render(r, &self.theme, inset(body), buf),
            Screen::Library { selected } => courses::render(self, *selected, inset(body), buf),
            Screen::Outline(o) => outline::render(self, o, inset(body), buf),
            Screen::Lesson(l) => lesson::render(l, body, buf),
            Screen::Quiz(q) => quiz_view::render(q, &self.theme, body, buf),
        }
        render_footer(self, footer, buf);
        if self.help {
            render_help(self, body, buf);
        }
    }
}

/// One column of margin on the left and right.
fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

fn render_too_small(area: Rect, buf: &mut Buffer) {
    let text = tf(
        "app.too_small",
        &[
            ("width", &area.width),
            ("height", &area.height),
            ("min_width", &MIN_WIDTH),
            ("min_height", &MIN_HEIGHT),
        ],
    );
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let mut parts = vec![t("app.name").to_string()];
    if let Some(l) = &app.learner {
        parts.push(l.name.clone());
    }
    match &app.screen {
        Screen::Outline(o) => parts.push(o.course.title.clone()),
        Screen::Lesson(l) => parts.push(l.title().to_string()),
        Screen::Quiz(q) => parts.push(q.quiz().title.clone()),
        Screen::Profile(_) => parts.push(t("profile.title").to_string()),
        Screen::Facilitator(_) => parts.push(t("facilitator.title").to_string()),
        Screen::Import(_) => parts.push(t("import.title").to_string()),
        Screen::Review(r) => parts.push(r.quiz().title.clone()),
        _ => {}
    }
    let text = super::widgets::truncate(&format!(" {}", parts.join(" › ")), area.width as usize);
    Paragraph::new(text).style(th.header).render(area, buf);
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    if let Some(notice) = &app.notice {
        Paragraph::new(Span::styled(format!(" {notice}"), th.error)).render(area, buf);
        return;
    }
    let mut spans = Vec::new();
    if let Screen::Lesson(l) = &app.screen {
        let total = l.lines().len().max(1);
        let last = (l.scroll + l.height() as usize).min(total);
        let pct = if l.at_end() { 100 } else { last * 100 / total };
        spans.push(Span::raw(format!(
            " {} ",
            tf(
                "lesson.position",
                &[
                    ("first", &(l.scroll + 1)),
                    ("last", &last),
                    ("total", &total),
                    ("percent", &pct)
                ]
            )
        )));
        if l.at_end() {
            spans.push(Span::styled(format!("{} ", t("lesson.read")), th.good));
        }
    }
    let hints = match &app.screen {
        Screen::Picker(_) => t("footer.picker"),
        Screen::NewLearner(_) | Screen::Pin(_) => t("footer.signin"),
        Screen::Profile(_) => t("footer.form"),
        Screen::Facilitator(_) => t("footer.board"),
        Screen::Import(_) => t("footer.import"),
        Screen::Review(_) => t("footer.review"),
        Screen::Library { .. } => t("footer.library"),
        Screen::Outline(_) => t("footer.outline"),
        Screen::Lesson(_) => t("footer.lesson"),
        Screen::Quiz(_) => t("footer.quiz"),
    };
    spans.push(Span::styled(format!(" {hints}"), th.footer));
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let keys = bindings(app.key_context());
    let height = (keys.len() as u16 + 4).min(area.height);
    let width = 70.min(area.width);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(popup, buf);
    let mut lines: Vec<Line> = keys
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:<20}", b.keys), th.title),
                Span::raw(t(b.does)),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!(" {}", t("help.close")),
        th.dim,
    )));
    Paragraph::new(lines)
        .block(Block::bordered().title(t("help.title").bold()))
        .render(popup, buf);
}
