//! Markdown laid out ahead of drawing. A screen's update fills it with the texts its view
//! will show, at the widths it will show them, so drawing only looks lines up.

use std::borrow::Cow;
use std::collections::HashMap;

use ratatui::text::Line;

use crate::course::markdown::{Document, MdStyles};

#[derive(Debug, Default)]
pub struct Laid {
    styles: MdStyles,
    lines: HashMap<(String, u16), Vec<Line<'static>>>,
}

impl Laid {
    pub fn new(styles: MdStyles) -> Laid {
        Laid {
            styles,
            lines: HashMap::new(),
        }
    }

    /// Lays `text` out at `width` unless that is done already.
    pub fn prepare(&mut self, text: &str, width: u16) {
        if !self.lines.contains_key(&(text.to_string(), width)) {
            let laid = Document::parse(text).layout(width, &self.styles);
            self.lines.insert((text.to_string(), width), laid);
        }
    }

    /// Forgets everything: the terminal changed width.
    pub fn clear(&mut self) {
        self.lines.clear();
    }

    /// The lines of `text` at `width`: prepared ones, or (should an update have missed one)
    /// laid out now rather than shown wrong.
    pub fn get(&self, text: &str, width: u16) -> Cow<'_, [Line<'static>]> {
        match self.lines.get(&(text.to_string(), width)) {
            Some(lines) => Cow::Borrowed(lines),
            None => Cow::Owned(Document::parse(text).layout(width, &self.styles)),
        }
    }

    pub fn is_prepared(&self, text: &str, width: u16) -> bool {
        self.lines.contains_key(&(text.to_string(), width))
    }
}
