//! Word wrapping of styled text to a width in terminal cells, apart from the block layout
//! because it is the one place that measures characters (wide CJK, emoji selectors).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::layout::style_of;
use super::{Inlines, MdStyles};

/// Greedy word wrapping over styled text: breaks at spaces, `\n` is a hard break, and a word
/// wider than the line is broken between characters.
pub(super) struct Wrapper<'o, 't> {
    width: usize,
    out: &'o mut Vec<Line<'static>>,
    line: Vec<Span<'static>>,
    line_width: usize,
    word: Vec<(&'t str, Style)>,
    word_width: usize,
    /// The style of the space before the current word, if there is one.
    space: Option<Style>,
}

impl<'o, 't> Wrapper<'o, 't> {
    pub(super) fn new(width: usize, out: &'o mut Vec<Line<'static>>) -> Self {
        let (line, word, space) = (Vec::new(), Vec::new(), None);
        Self {
            width,
            out,
            line,
            line_width: 0,
            word,
            word_width: 0,
            space,
        }
    }

    pub(super) fn add(&mut self, inlines: &'t Inlines, base: Style, st: &MdStyles) -> &mut Self {
        for (text, flags) in inlines {
            self.text(text, style_of(*flags, base, st));
        }
        self
    }

    pub(super) fn text(&mut self, text: &'t str, style: Style) -> &mut Self {
        for chunk in text.split_inclusive([' ', '\n']) {
            let word = chunk.trim_end_matches([' ', '\n']);
            if !word.is_empty() {
                self.word_width += word.width();
                self.word.push((word, style));
            }
            if word.len() < chunk.len() {
                self.place_word();
                match chunk.ends_with('\n') {
                    true => self.flush(),
                    false => self.space = Some(self.space.unwrap_or(style)),
                }
            }
        }
        self
    }

    pub(super) fn end(&mut self) {
        self.place_word();
        if !self.line.is_empty() {
            self.flush();
        }
    }

    fn place_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let space = self.space.take().filter(|_| !self.line.is_empty());
        let start = self.line_width + usize::from(space.is_some());
        // A word that fits on no line is broken from here, unless the line is full.
        if start + self.word_width > self.width
            && (self.word_width <= self.width || start >= self.width)
        {
            self.flush();
        } else if let Some(style) = space {
            self.push(" ", style, 1);
        }
        let word = std::mem::take(&mut self.word);
        word.iter().for_each(|&(s, style)| self.chars(s, style));
        (self.word, self.word_width) = (word, 0);
        self.word.clear();
    }

    /// Adds text to the line, breaking it between characters where it overflows.
    pub(super) fn chars(&mut self, s: &str, style: Style) {
        let whole = s.width();
        if self.line_width + whole <= self.width {
            return self.push(s, style, whole);
        }
        let (mut from, mut seg_width, mut prev) = (0, 0, (0, 0));
        for (i, c) in s.char_indices() {
            let mut w = c.width().unwrap_or(0);
            if c == '\u{FE0F}' && i > from {
                // An emoji presentation selector can widen the character before it.
                w = s[prev.0..i + c.len_utf8()].width().saturating_sub(prev.1);
            }
            if self.line_width + seg_width + w > self.width {
                self.push(&s[from..i], style, seg_width);
                if !self.line.is_empty() {
                    self.flush();
                }
                (from, seg_width) = (i, 0);
                if w > self.width {
                    from = i + c.len_utf8(); // wider than the whole line: cannot be shown
                    continue;
                }
            }
            seg_width += w;
            prev = (i, w);
        }
        self.push(&s[from..], style, seg_width);
    }

    fn push(&mut self, s: &str, style: Style, w: usize) {
        if s.is_empty() {
            return;
        }
        self.line_width += w;
        match self.line.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(s),
            _ => self.line.push(Span::styled(s.to_string(), style)),
        }
    }

    pub(super) fn flush(&mut self) {
        self.out.push(Line::from(std::mem::take(&mut self.line)));
        self.line_width = 0;
    }
}
