//! A one-line text field: names, PINs, passwords. Typed text is cleaned of control
//! characters; secrets are drawn as dots and never kept longer than needed.

use ratatui::text::{Line, Span};

use crate::sanitize::clean_line;

use super::theme::Theme;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub text: String,
    /// Most characters accepted.
    pub max: usize,
    /// Only ASCII digits are accepted (PINs).
    pub digits_only: bool,
    /// Drawn as dots.
    pub secret: bool,
}

impl Input {
    pub fn text(max: usize) -> Input {
        Input {
            max,
            ..Input::default()
        }
    }

    pub fn pin() -> Input {
        Input {
            max: 8,
            digits_only: true,
            secret: true,
            ..Input::default()
        }
    }

    pub fn password() -> Input {
        Input {
            max: 128,
            secret: true,
            ..Input::default()
        }
    }

    pub fn with_text(mut self, text: &str) -> Input {
        self.text = text.chars().take(self.max).collect();
        self
    }

    pub fn push(&mut self, c: char) {
        if self.digits_only && !c.is_ascii_digit() {
            return;
        }
        if self.text.chars().count() < self.max {
            self.text.push_str(&clean_line(&c.to_string()));
        }
    }

    pub fn pop(&mut self) {
        self.text.pop();
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }

    /// The field as spans: the text (or dots), and a cursor when focused.
    pub fn spans(&self, focused: bool, th: &Theme) -> Vec<Span<'static>> {
        let shown = if self.secret {
            "•".repeat(self.text.chars().count())
        } else {
            self.text.clone()
        };
        let mut spans = vec![Span::styled(shown, th.input)];
        if focused {
            spans.push(Span::styled("▏", th.cursor));
        }
        spans
    }

    /// `label value` on one line, for a form's only field.
    pub fn plain_line(&self, label: &str, focused: bool, th: &Theme) -> Line<'static> {
        let mut spans = vec![Span::raw(format!("{label} "))];
        spans.extend(self.spans(focused, th));
        Line::from(spans)
    }

    /// `▶ label value` on one line, the marker on the focused field of a form.
    pub fn line(&self, label: &str, focused: bool, th: &Theme) -> Line<'static> {
        let marker = if focused { "▶ " } else { "  " };
        let mut spans = vec![Span::raw(format!("{marker}{label} "))];
        spans.extend(self.spans(focused, th));
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_field_takes_only_up_to_eight_digits_and_shows_dots() {
        let mut pin = Input::pin();
        for c in "12a3456789".chars() {
            pin.push(c);
        }
        assert_eq!(pin.text, "12345678");
        let shown: String = pin
            .spans(false, &Theme::default())
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(shown, "••••••••");
    }

    #[test]
    fn control_characters_never_enter_a_field() {
        let mut name = Input::text(10);
        for c in ['A', '\u{1b}', 'm', '\u{7}', 'i'] {
            name.push(c);
        }
        assert_eq!(name.text, "Ami");
    }
}
