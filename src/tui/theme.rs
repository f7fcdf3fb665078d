//! Colours and emphasis, chosen per learner. Meaning never rests on colour alone: every
//! status also has a word or a symbol, for monochrome terminals and screen readers.

use ratatui::style::{Color, Modifier, Style};

use crate::course::markdown::MdStyles;

pub use crate::config::THEMES;

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: &'static str,
    pub title: Style,
    pub selected: Style,
    pub dim: Style,
    pub error: Style,
    pub good: Style,
    pub bad: Style,
    pub partial: Style,
    pub progress: Style,
    pub input: Style,
    pub cursor: Style,
    pub header: Style,
    pub footer: Style,
    pub markdown: MdStyles,
}

impl Default for Theme {
    fn default() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            name: "default",
            title: bold,
            selected: bold.fg(Color::Black).bg(Color::Cyan),
            dim: Style::new().fg(Color::DarkGray),
            error: Style::new().fg(Color::Red),
            good: bold.fg(Color::Green),
            bad: bold.fg(Color::Red),
            partial: bold.fg(Color::Yellow),
            progress: Style::new().fg(Color::Green),
            input: bold,
            cursor: Style::new().fg(Color::Cyan),
            header: Style::new().fg(Color::Black).bg(Color::Gray),
            footer: Style::new().fg(Color::DarkGray),
            markdown: MdStyles::default(),
        }
    }
}

impl Theme {
    /// The theme called `name`, if there is one.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "default" => Some(Theme::default()),
            "high-contrast" => Some(Theme::high_contrast()),
            "monochrome" => Some(Theme::monochrome()),
            _ => None,
        }
    }

    /// White on black with bright colours only, for old screens and low vision.
    fn high_contrast() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let text = Style::new().fg(Color::White);
        Theme {
            name: "high-contrast",
            title: bold.fg(Color::White),
            selected: bold.fg(Color::Black).bg(Color::Yellow),
            dim: text,
            error: bold.fg(Color::LightRed),
            good: bold.fg(Color::LightGreen),
            bad: bold.fg(Color::LightRed),
            partial: bold.fg(Color::LightYellow),
            progress: bold.fg(Color::LightGreen),
            input: bold.fg(Color::White),
            cursor: bold.fg(Color::Yellow),
            header: bold.fg(Color::Black).bg(Color::White),
            footer: text,
            markdown: MdStyles {
                heading: bold.fg(Color::LightYellow),
                emphasis: Style::new().add_modifier(Modifier::ITALIC),
                strong: bold,
                code: bold.fg(Color::LightCyan),
                link: Style::new()
                    .fg(Color::LightCyan)
                    .add_modifier(Modifier::UNDERLINED),
                quote: text,
                rule: text,
                table_header: bold,
            },
        }
    }

    /// No colour at all: bold, reverse and underline carry the meaning.
    fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            name: "monochrome",
            title: bold,
            selected: plain.add_modifier(Modifier::REVERSED),
            dim: plain,
            error: bold,
            good: bold,
            bad: bold,
            partial: bold,
            progress: plain,
            input: bold,
            cursor: plain,
            header: plain.add_modifier(Modifier::REVERSED),
            footer: plain,
            markdown: MdStyles {
                heading: bold,
                emphasis: plain.add_modifier(Modifier::ITALIC),
                strong: bold,
                code: plain,
                link: plain.add_modifier(Modifier::UNDERLINED),
                quote: plain.add_modifier(Modifier::ITALIC),
                rule: plain,
                table_header: bold,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_theme_exists_and_is_named_for_itself() {
        for name in THEMES {
            assert_eq!(Theme::named(name).map(|t| t.name), Some(*name));
        }
        assert!(Theme::named("neon").is_none());
    }

    #[test]
    fn monochrome_uses_no_colour() {
        let t = Theme::monochrome();
        for s in [
            t.title,
            t.selected,
            t.good,
            t.bad,
            t.header,
            t.markdown.heading,
            t.markdown.code,
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
    }
}
