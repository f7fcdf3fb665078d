//! Colours and emphasis. Meaning never rests on colour alone: every status also has a word or
//! a symbol, for monochrome terminals and screen readers.

use ratatui::style::{Color, Modifier, Style};

use crate::course::markdown::MdStyles;

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red)
}

pub fn good() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

pub fn bad() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn partial() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn progress() -> Style {
    Style::new().fg(Color::Green)
}

pub fn input() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn cursor() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn header() -> Style {
    Style::new().fg(Color::Black).bg(Color::Gray)
}

pub fn footer() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn markdown() -> MdStyles {
    MdStyles::default()
}
