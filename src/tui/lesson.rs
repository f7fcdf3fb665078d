//! Reading a lesson: Markdown laid out once per width, scrolled by line and page. Reaching the
//! end marks it read; leaving remembers the position.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::course::markdown::Document;
use crate::course::{Course, ItemKind};
use crate::store::{ItemProgress, ItemStatus};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use crate::course::markdown::MdStyles;

/// Rows the header and footer take from the terminal height.
pub const CHROME_ROWS: u16 = 2;

#[derive(Debug)]
pub struct LessonState {
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

/// The width text is laid out at for a terminal width: one column of margin each side.
fn text_width(term_width: u16) -> u16 {
    term_width.saturating_sub(2).max(1)
}

impl LessonState {
    pub fn open(
        course: Arc<Course>,
        index: usize,
        saved: Option<ItemProgress>,
        size: (u16, u16),
        styles: &MdStyles,
    ) -> (LessonState, Vec<Effect>) {
        let item = course.item_at(index).expect("index comes from the outline");
        let markdown = match &item.kind {
            ItemKind::Lesson(l) => l.markdown.as_str(),
            ItemKind::Quiz(_) => "",
        };
        let doc = Arc::new(Document::parse(markdown));
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
        let mut state = LessonState {
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

    pub fn update(&mut self, action: Action, size: (u16, u16)) -> (Vec<Effect>, Option<Goto>) {
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
                return (self.leave_effects(), Some(goto));
            }
            Action::NextItem | Action::PrevItem => {
                let next = if action == Action::NextItem {
                    self.index + 1
                } else {
                    self.index.wrapping_sub(1)
                };
                let goto = if next < self.course.item_count() {
                    Goto::Item {
                        course_id: self.course.id.clone(),
                        index: next,
                    }
                } else {
                    Goto::Outline {
                        course_id: self.course.id.clone(),
                        select: self.index,
                    }
                };
                return (self.leave_effects(), Some(goto));
            }
            _ => {}
        }
        let _ = size;
        self.clamp();
        let mut effects = self.check_read();
        // Saving every key press would cost an fsync each; a page of movement is worth one.
        if self.scroll.abs_diff(self.saved_scroll) >= page {
            effects.push(self.position_effect());
        }
        (effects, None)
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
        let content_hash = match &item.kind {
            ItemKind::Lesson(l) => Some(l.content_hash()),
            ItemKind::Quiz(_) => None,
        };
        vec![Effect::SetStatus {
            course_id: self.course.id.clone(),
            item_id: self.item_id().to_string(),
            status: ItemStatus::Done,
            content_hash,
        }]
    }
}

pub fn render(state: &LessonState, area: Rect, buf: &mut Buffer) {
    // Only the visible lines are handed to the widget: a 5,000-line lesson costs one screen.
    let end = (state.scroll + area.height as usize).min(state.lines.len());
    let visible: Vec<Line> = state.lines[state.scroll.min(end)..end].to_vec();
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    Paragraph::new(visible).render(inner, buf);
}
