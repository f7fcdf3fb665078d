//! Colours and emphasis, chosen per learner. Meaning never rests on colour alone: every
//! status also has a word or a symbol, for monochrome terminals and screen readers.

use ratatui::style::{Color, Modifier, Style};

use crate::course::markdown::MdStyles;

pub use crate::config::THEMES;

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: &'static str,
    /// The whole screen's own colours, under everything else: the terminal's own for the
    /// default theme; white on black for high contrast, whatever the terminal's are.
    pub base: Style,
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
    /// Whether learners' pictures are drawn in their own colours: not in monochrome, not on
    /// a terminal without colour. Their shapes alone tell them apart either way.
    pub picture_colours: bool,
}

impl Default for Theme {
    fn default() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            name: "default",
            picture_colours: true,
            base: Style::new(),
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
            picture_colours: true,
            base: Style::new().fg(Color::White).bg(Color::Black),
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
            picture_colours: false,
            base: plain,
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

impl Theme {
    /// The theme as a terminal without colour (NO_COLOR, a monochrome TERM) can show it:
    /// every colour gone, and what a colour marked kept by emphasis — a coloured background
    /// (the selection, the header) becomes reverse video; bold, underline and italic stay.
    pub fn fitted(self, colour: bool) -> Theme {
        if colour {
            return self;
        }
        let plain = |s: Style| {
            let mut out = Style::new()
                .add_modifier(s.add_modifier)
                .remove_modifier(s.sub_modifier);
            if s.bg.is_some_and(|bg| bg != Color::Reset) {
                out = out.add_modifier(Modifier::REVERSED);
            }
            out
        };
        let m = self.markdown;
        Theme {
            name: self.name,
            picture_colours: false,
            // No colour to set: the terminal's own, as it is.
            base: Style::new(),
            title: plain(self.title),
            selected: plain(self.selected),
            dim: plain(self.dim),
            error: plain(self.error),
            good: plain(self.good),
            bad: plain(self.bad),
            partial: plain(self.partial),
            progress: plain(self.progress),
            input: plain(self.input),
            cursor: plain(self.cursor),
            header: plain(self.header),
            footer: plain(self.footer),
            markdown: MdStyles {
                heading: plain(m.heading),
                emphasis: plain(m.emphasis),
                strong: plain(m.strong),
                code: plain(m.code),
                link: plain(m.link),
                quote: plain(m.quote),
                rule: plain(m.rule),
                table_header: plain(m.table_header),
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
    fn without_colour_every_theme_keeps_its_emphasis_and_marks_the_selection() {
        for name in THEMES {
            let t = Theme::named(name).unwrap().fitted(false);
            let all = [
                t.title, t.selected, t.dim, t.error, t.good, t.bad, t.partial, t.progress, t.input,
                t.cursor, t.header, t.footer,
            ];
            assert!(
                all.iter().all(|s| s.fg.is_none() && s.bg.is_none()),
                "{name}"
            );
            assert!(
                t.selected.add_modifier.contains(Modifier::REVERSED),
                "{name}"
            );
            assert!(t.title.add_modifier.contains(Modifier::BOLD), "{name}");
            assert!(t.header.add_modifier.contains(Modifier::REVERSED), "{name}");
        }
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
