//! Reading a lesson: Markdown laid out once per width, scrolled by line and page. Reaching the
//! end marks it read; leaving remembers the position.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::course::markdown::{Document, MdStyles};
use crate::course::{Course, ItemKind};
use crate::store::{ItemProgress, ItemStatus};
use crate::support::Support;

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::keys::{Binding, ESC, Press, SCROLL_ENDS, SCROLL_LINE, SCROLL_PAGE, key};
use super::screen::{Component, Cx, Step, beside};

use Press::{Char, Key};
use ratatui::crossterm::event::KeyCode;

/// Rows the header and footer take from the terminal height.
pub const CHROME_ROWS: u16 = 2;

/// The widest a line of a lesson is laid out, in cells: past about this, the eye loses its
/// place going back to the start of the next line.
pub const READING_WIDTH: u16 = 76;

const KEYS: &[Binding] = &[
    key(&[Char('n')], &[Action::NextItem], "keys.next_item").shown("footer.next", 6),
    key(&[Char('p')], &[Action::PrevItem], "keys.prev_item").shown("footer.prev", 3),
    key(&[Char('q'), ESC], &[Action::Back], "keys.back_outline").shown("footer.back", 7),
    key(
        &[Char('a'), Key(KeyCode::F(4))],
        &[Action::ReadAloud],
        "keys.read_aloud",
    ),
];

/// A lesson longer than the screen scrolls.
const SCROLL: &[Binding] = &[
    SCROLL_LINE.shown("footer.scroll", 5),
    SCROLL_PAGE,
    SCROLL_ENDS,
];

#[derive(Debug)]
pub struct Lesson {
    pub course: Arc<Course>,
    /// Position of the lesson in outline order.
    pub index: usize,
    doc: Arc<Document>,
    /// The learner's theme's Markdown styles, kept for relayout on resize.
    styles: MdStyles,
    /// The laid-out lines for `width`.
    lines: Vec<Line<'static>>,
    width: u16,
    /// Rows available for text.
    height: u16,
    pub scroll: usize,
    /// Whether the read mark is recorded (or on its way).
    read: bool,
    /// The last position written, to save again only after real movement.
    saved_scroll: usize,
}

/// The width text is laid out at for a terminal width: one column of margin each side, and
/// no wider than [`READING_WIDTH`].
fn text_width(term_width: u16) -> u16 {
    term_width.saturating_sub(2).clamp(1, READING_WIDTH)
}

impl Lesson {
    pub fn open(
        course: Arc<Course>,
        index: usize,
        saved: Option<ItemProgress>,
        size: (u16, u16),
        styles: &MdStyles,
        support: &Support,
    ) -> (Lesson, Vec<Effect>) {
        let item = course.item_at(index).expect("index comes from the outline");
        let markdown = match &item.kind {
            ItemKind::Lesson(l) => l.markdown.as_str(),
            ItemKind::Quiz(_) => "",
        };
        let contacts = support.for_language(&course.language);
        let doc = Arc::new(Document::parse_with(markdown, &contacts));
        let width = text_width(size.0);
        let lines = doc.layout(width, styles);
        // Read means read in this version: a changed text is marked read again at its end.
        let current = match &item.kind {
            ItemKind::Lesson(l) => Some(l.content_hash()),
            ItemKind::Quiz(_) => None,
        };
        let read = saved.as_ref().is_some_and(|p| {
            p.status == ItemStatus::Done && (p.content_hash.is_none() || p.content_hash == current)
        });
        // A line number in an earlier text means nothing in a changed one: start at the top,
        // so the learner sees what changed rather than landing at the end and "reading" it.
        let changed = saved
            .as_ref()
            .is_some_and(|p| p.content_hash.is_some() && p.content_hash != current);
        let scroll = match saved {
            Some(p) if !changed => p.position as usize,
            _ => 0,
        };
        let mut state = Lesson {
            course,
            index,
            doc,
            styles: styles.clone(),
            lines,
            width,
            height: size.1.saturating_sub(CHROME_ROWS),
            scroll,
            read,
            saved_scroll: scroll,
        };
        state.clamp();
        let mut effects = Vec::new();
        if !read {
            effects.push(state.position_effect());
        }
        effects.extend(state.check_read());
        (state, effects)
    }

    pub fn item_id(&self) -> &str {
        &self.course.item_at(self.index).expect("valid index").id
    }

    pub fn title(&self) -> &str {
        &self.course.item_at(self.index).expect("valid index").title
    }

    pub fn lines(&self) -> &[Line<'static>] {
        &self.lines
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    /// Lays the text out again for a new terminal size, keeping the reader near the same place.
    pub fn relayout(&mut self, w: u16, h: u16) {
        self.height = h.saturating_sub(CHROME_ROWS);
        let width = text_width(w);
        if width != self.width {
            let fraction = self.scroll as f64 / self.lines.len().max(1) as f64;
            self.lines = self.doc.layout(width, &self.styles);
            self.width = width;
            self.scroll = (fraction * self.lines.len() as f64) as usize;
        }
        self.clamp();
    }

    fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.height as usize)
    }

    fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Puts the reader at `line` (as far as the text goes).
    pub fn scroll_to(&mut self, line: usize) {
        self.scroll = line;
        self.clamp();
        self.saved_scroll = self.scroll;
    }

    pub fn at_end(&self) -> bool {
        self.scroll >= self.max_scroll()
    }

    fn step(&mut self, action: Action) -> Step {
        let page = (self.height as usize).saturating_sub(1).max(1);
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll += 1,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll += page,
            Action::Home => self.scroll = 0,
            Action::End => self.scroll = self.max_scroll(),
            Action::Back => {
                let goto = Goto::Outline {
                    course_id: self.course.id.clone(),
                    select: self.index,
                };
                return Step::runs(self.leave_effects()).then(goto);
            }
            Action::NextItem | Action::PrevItem => {
                let goto = beside(&self.course, self.index, action == Action::NextItem);
                return Step::runs(self.leave_effects()).then(goto);
            }
            Action::ReadAloud => return Step::run(self.speak()),
            _ => return Step::none(),
        }
        self.clamp();
        let mut effects = self.check_read();
        // Saving every key press would cost an fsync each; a page of movement is worth one.
        if self.scroll.abs_diff(self.saved_scroll) >= page {
            effects.push(self.position_effect());
        }
        Step::runs(effects)
    }

    /// The page on screen, as text to be read aloud in the lesson's language.
    fn speak(&self) -> Effect {
        let end = (self.scroll + self.height as usize).min(self.lines.len());
        let text = self.lines[self.scroll.min(end)..end]
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        let voice = self
            .course
            .item_at(self.index)
            .map_or(self.course.language.as_str(), |i| {
                self.course.item_language(i)
            })
            .to_string();
        Effect::Speak { text, voice }
    }

    /// What to write when the learner leaves the lesson (back, next, quit).
    pub fn leave_effects(&mut self) -> Vec<Effect> {
        if self.scroll == self.saved_scroll {
            return Vec::new();
        }
        vec![self.position_effect()]
    }

    fn position_effect(&mut self) -> Effect {
        self.saved_scroll = self.scroll;
        Effect::SavePosition {
            course_id: self.course.id.clone(),
            item_id: self.item_id().to_string(),
            position: self.scroll as u32,
        }
    }

    fn check_read(&mut self) -> Vec<Effect> {
        if self.read || !self.at_end() {
            return Vec::new();
        }
        self.read = true;
        let item = self.course.item_at(self.index).expect("valid index");
        let ItemKind::Lesson(lesson) = &item.kind else {
            return Vec::new();
        };
        vec![Effect::MarkRead {
            course_id: self.course.id.clone(),
            item_id: item.id.clone(),
            content_hash: lesson.content_hash(),
        }]
    }
}

impl Component for Lesson {
    fn table(&self) -> &'static [Binding] {
        KEYS
    }

    fn more(&self) -> Vec<&'static Binding> {
        if self.max_scroll() > 0 {
            SCROLL.iter().collect()
        } else {
            Vec::new()
        }
    }

    fn update(&mut self, action: Action, _cx: &Cx) -> Step {
        self.step(action)
    }

    fn draw(&self, _cx: &Cx, area: Rect, buf: &mut Buffer) {
        // Only the visible lines are handed to the widget: a 5,000-line lesson costs one
        // screen. The text stands in the middle of a wide terminal.
        let end = (self.scroll + area.height as usize).min(self.lines.len());
        let visible: Vec<Line> = self.lines[self.scroll.min(end)..end].to_vec();
        let width = self.width.min(area.width.saturating_sub(2));
        let inner = Rect {
            x: area.x + (area.width - width) / 2,
            width,
            ..area
        };
        Paragraph::new(visible).render(inner, buf);
    }

    fn title(&self, _cx: &Cx) -> Option<String> {
        Some(self.title().to_string())
    }

    /// Where the reader is: lines shown, of how many, and whether the lesson is read.
    fn status(&self, cx: &Cx) -> Option<Line<'static>> {
        let total = self.lines.len().max(1);
        let last = (self.scroll + self.height as usize).min(total);
        let percent = if self.at_end() {
            100
        } else {
            last * 100 / total
        };
        let mut spans = vec![Span::raw(cx.tf(
            "lesson.position",
            &[
                ("first", (self.scroll + 1).into()),
                ("last", last.into()),
                ("total", total.into()),
                ("percent", percent.into()),
            ],
        ))];

        if self.at_end() {
            spans.push(Span::styled(
                format!(" {}", cx.t("lesson.read")),
                cx.theme.good,
            ));
        }
        Some(Line::from(spans))
    }

    fn resize(&mut self, size: (u16, u16)) {
        self.relayout(size.0, size.1);
    }

    fn full_width(&self) -> bool {
        true
    }

    fn leave(&mut self) -> Vec<Effect> {
        self.leave_effects()
    }
}
