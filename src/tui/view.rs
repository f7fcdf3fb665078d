//! Draws the whole screen from the `App`: header, the screen on show, a notice, the footer,
//! and the help. The footer and the help are made from the screen's key table. Drawing
//! changes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget, Wrap};

use super::app::App;
use super::keys;
use super::problem::Notice;
use super::screen::Cx;
use super::widgets::{cells, hang, truncate, wrap};

/// Below this size the layout cannot hold a lesson and its keys.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// The most rows a notice takes; the screen keeps the rest.
const NOTICE_ROWS: usize = 4;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.with_cx(|cx| render(self, cx, area, buf));
    }
}

fn render(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    // The theme's own background first, under everything.
    buf.set_style(area, cx.theme.base);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(cx, area, buf);
        return;
    }
    let notice = notice_lines(app, cx, area);
    let [header, body, notice_area, footer] = layout(area, &notice);
    let screen = app.screen.component();
    render_header(app, cx, header, buf);
    let body_area = screen_area(app, body);
    screen.draw(cx, body_area, buf);
    if let Some((n, lines)) = notice {
        let style = match n {
            Notice::Good(_) => cx.theme.good,
            Notice::Bad(_) => cx.theme.error,
        };
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect();
        Clear.render(notice_area, buf);
        Paragraph::new(lines).render(inset(notice_area), buf);
    }
    render_footer(app, cx, footer, buf);
    if app.help {
        // Over the whole screen: on a short terminal the header's and footer's rows are
        // worth more as room for keys.
        render_help(app, cx, area, buf);
    }
}

type NoticeLines<'a> = Option<(&'a Notice, Vec<String>)>;

/// The notice on show, as the lines it takes.
fn notice_lines<'a>(app: &'a App, cx: &Cx, area: Rect) -> NoticeLines<'a> {
    app.notice.as_ref().map(|n| {
        let text = n.message().text(cx.lang);
        let lines = wrap(&text, usize::from(area.width.saturating_sub(2)));
        (n, lines.into_iter().take(NOTICE_ROWS).collect::<Vec<_>>())
    })
}

/// The header, the screen's body, the notice and the footer.
fn layout(area: Rect, notice: &NoticeLines<'_>) -> [Rect; 4] {
    let notice_rows = notice.as_ref().map_or(0, |(_, l)| l.len() as u16);
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(notice_rows),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Where the screen on show draws itself in `body`: inside the margins unless it draws its
/// own.
fn screen_area(app: &App, body: Rect) -> Rect {
    if app.screen.component().full_width() {
        body
    } else {
        inset(body)
    }
}

/// The area the screen on show is drawn in, in a frame of `area`: what a click on it is
/// measured against. `None` when the terminal is too small to draw it.
pub fn body_area(app: &App, cx: &Cx, area: Rect) -> Option<Rect> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let notice = notice_lines(app, cx, area);
    let [_, body, _, _] = layout(area, &notice);
    Some(screen_area(app, body))
}

/// One column of margin on the left and right.
fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

fn render_too_small(cx: &Cx, area: Rect, buf: &mut Buffer) {
    let text = cx.tf(
        "app.too_small",
        &[
            ("width", area.width.into()),
            ("height", area.height.into()),
            ("min_width", MIN_WIDTH.into()),
            ("min_height", MIN_HEIGHT.into()),
        ],
    );
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn render_header(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let mut parts = vec![cx.t("app.name")];
    if let Some(l) = &app.learner {
        parts.push(l.name.clone());
    }
    if let Some(title) = app.screen.component().title(cx) {
        parts.push(title);
    }
    let text = truncate(&format!(" {}", parts.join(" › ")), area.width as usize);
    Paragraph::new(text)
        .style(cx.theme.header)
        .render(area, buf);
}

/// Where the learner is (a lesson's position), then the keys that fit, help always.
fn render_footer(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let screen = app.screen.component();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    if let Some(status) = screen.status(cx) {
        used += status.width() + 2;
        spans.extend(status.spans);
        spans.push(Span::raw("  "));
    }
    let width = usize::from(area.width).saturating_sub(used + 1);
    let hide = app.learner.is_some() || app.facilitator;
    let keys = keys::footer(&screen.keys(), screen.typing(), hide, cx.lang, width);
    spans.push(Span::styled(keys, cx.theme.footer));
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The keys of the screen on show, each with what it does here.
fn render_help(app: &App, cx: &Cx, area: Rect, buf: &mut Buffer) {
    let th = cx.theme;
    let screen = app.screen.component();
    let bindings = keys::all(&screen.keys(), screen.typing());
    let width = 74.min(area.width);
    let labels: Vec<String> = bindings.iter().map(|b| b.label(cx.lang)).collect();
    let label_width = labels.iter().map(|l| cells(l)).max().unwrap_or(0) + 2;
    let text_width = usize::from(width.saturating_sub(4));
    // The sentence to close comes last and always shows: a short terminal loses keys from
    // the list before it. The rows left for keys: all but the borders, a blank row and it.
    let fits = usize::from(area.height.saturating_sub(4));
    // Each key's lines: a key is shown whole or not at all.
    let mut keys: Vec<Vec<Line>> = Vec::new();
    for (b, label) in bindings.iter().zip(&labels) {
        let mut lines = Vec::new();
        let first = format!("{label:<label_width$}");
        let first = format!(
            "{first}{}",
            " ".repeat(label_width.saturating_sub(cells(&first)))
        );
        for (i, l) in hang(&first, &cx.t(b.help), text_width)
            .into_iter()
            .enumerate()
        {
            let (key, rest) = if i == 0 {
                let split = l
                    .char_indices()
                    .nth(first.chars().count())
                    .map_or(l.len(), |(at, _)| at);
                (l[..split].to_string(), l[split..].to_string())
            } else {
                (String::new(), l)
            };
            lines.push(Line::from(vec![
                Span::styled(key, th.title),
                Span::raw(rest),
            ]));
        }
        keys.push(lines);
    }
    let mut lines: Vec<Line> = Vec::new();
    if keys.iter().map(Vec::len).sum::<usize>() <= fits {
        lines.extend(keys.into_iter().flatten());
    } else {
        // Cut, but never without a word: the last row says how many keys are not shown.
        let mut shown = 0;
        for key in &keys {
            if lines.len() + key.len() > fits.saturating_sub(1) {
                break;
            }
            lines.extend(key.iter().cloned());
            shown += 1;
        }
        let more = cx.tf("help.more", &[("count", (keys.len() - shown).into())]);
        lines.push(Line::from(Span::styled(more, th.dim)));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(cx.t("help.close"), th.dim)));
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(format!(" {} ", cx.t("help.title")).bold())
                .padding(Padding::horizontal(1)),
        )
        .render(popup, buf);
}

/// Where the terminal's own cursor goes once a frame is drawn: on the text cursor of the
/// field being typed in (whose drawn mark it replaces), else at the start of the chosen
/// row (the one whose first mark is `▶`). Screen readers and magnifiers follow the real
/// cursor; without this it stayed hidden wherever the last redraw ended.
pub fn focus(buf: &mut Buffer) -> Option<ratatui::layout::Position> {
    let area = buf.area;
    // The header and the footer never hold the focus.
    let rows = area.top() + 1..area.bottom().saturating_sub(1);
    for y in rows.clone() {
        for x in area.left()..area.right() {
            if buf.cell((x, y)).is_some_and(|c| c.symbol() == "▏") {
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_symbol(" ");
                }
                return Some(ratatui::layout::Position { x, y });
            }
        }
    }
    for y in rows {
        let first = (area.left()..area.right())
            .find(|&x| buf.cell((x, y)).is_some_and(|c| c.symbol() != " "));
        if let Some(x) = first
            && buf.cell((x, y)).is_some_and(|c| c.symbol() == "▶")
        {
            return Some(ratatui::layout::Position {
                x: (x + 2).min(area.right().saturating_sub(1)),
                y,
            });
        }
    }
    None
}
