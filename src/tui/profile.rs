//! A learner's own profile: name, PIN, language and theme. Reached from the library; only
//! ever shows the signed-in learner.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::config::LANGUAGES;
use crate::i18n::t;
use crate::pin::is_valid_pin;
use crate::store::Learner;

use super::action::Action;
use super::app::Goto;
use super::effect::{Effect, PinChange};
use super::input::Input;
use super::picker::MAX_NAME;
use super::signin::Secret;
use super::theme::{THEMES, Theme};

/// Languages by their own names: a learner looks for the one they read.
pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "fr" => "Français",
        "es" => "Español",
        other => other,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Language,
    Theme,
    NewPin,
    PinAgain,
    RemovePin,
}

#[derive(Debug)]
pub struct ProfileState {
    pub learner: Learner,
    pub name: Input,
    pub language: usize,
    pub theme: usize,
    pub pin: Input,
    pub again: Input,
    pub remove_pin: bool,
    pub focus: usize,
    pub message: Option<String>,
}

impl ProfileState {
    pub fn new(learner: Learner, language: &str, theme: &str) -> ProfileState {
        ProfileState {
            name: Input::text(MAX_NAME).with_text(&learner.name),
            language: LANGUAGES.iter().position(|l| *l == language).unwrap_or(0),
            theme: THEMES.iter().position(|t| *t == theme).unwrap_or(0),
            pin: Input::pin(),
            again: Input::pin(),
            remove_pin: false,
            focus: 0,
            message: None,
            learner,
        }
    }

    pub fn fields(&self) -> Vec<Field> {
        let mut f = vec![
            Field::Name,
            Field::Language,
            Field::Theme,
            Field::NewPin,
            Field::PinAgain,
        ];
        if self.learner.has_pin {
            f.push(Field::RemovePin);
        }
        f
    }

    fn focused(&self) -> Field {
        self.fields()[self.focus.min(self.fields().len() - 1)]
    }

    pub fn update(&mut self, action: Action) -> (Vec<Effect>, Option<Goto>) {
        let count = self.fields().len();
        match (self.focused(), action) {
            (_, Action::Back) => return (Vec::new(), Some(Goto::Library)),
            (_, Action::Up) => self.focus = self.focus.saturating_sub(1),
            (_, Action::Down) => self.focus = (self.focus + 1).min(count - 1),
            (_, Action::Confirm) => return self.save(),
            (_, Action::Failed(msg)) => self.message = Some(msg),
            (Field::Name, Action::Type(c)) => self.name.push(c),
            (Field::Name, Action::Erase) => self.name.pop(),
            (Field::NewPin, Action::Type(c)) => self.pin.push(c),
            (Field::NewPin, Action::Erase) => self.pin.pop(),
            (Field::PinAgain, Action::Type(c)) => self.again.push(c),
            (Field::PinAgain, Action::Erase) => self.again.pop(),
            (Field::Language, Action::Left) => {
                self.language = cycle(self.language, LANGUAGES.len(), -1)
            }
            (Field::Language, Action::Right | Action::Toggle) => {
                self.language = cycle(self.language, LANGUAGES.len(), 1)
            }
            (Field::Theme, Action::Left) => self.theme = cycle(self.theme, THEMES.len(), -1),
            (Field::Theme, Action::Right | Action::Toggle) => {
                self.theme = cycle(self.theme, THEMES.len(), 1)
            }
            (Field::RemovePin, Action::Left | Action::Right | Action::Toggle) => {
                self.remove_pin = !self.remove_pin
            }
            _ => {}
        }
        (Vec::new(), None)
    }

    fn save(&mut self) -> (Vec<Effect>, Option<Goto>) {
        let name = self.name.text.trim().to_string();
        if name.is_empty() {
            self.message = Some(t("profile.name_empty").to_string());
            return (Vec::new(), None);
        }
        let pin = if !self.pin.text.is_empty() {
            if !is_valid_pin(&self.pin.text) {
                self.message = Some(t("signin.pin_format").to_string());
                return (Vec::new(), None);
            }
            if self.again.text != self.pin.text {
                self.message = Some(t("signin.pin_mismatch").to_string());
                self.again.clear();
                return (Vec::new(), None);
            }
            PinChange::Set(Secret(self.pin.text.clone()))
        } else if self.remove_pin {
            PinChange::Remove
        } else {
            PinChange::Keep
        };
        let effect = Effect::SaveProfile {
            learner: self.learner.id.clone(),
            name: (name != self.learner.name).then_some(name),
            pin,
            language: LANGUAGES[self.language].to_string(),
            theme: THEMES[self.theme].to_string(),
        };
        (vec![effect], None)
    }
}

fn cycle(i: usize, n: usize, step: isize) -> usize {
    (i as isize + step).rem_euclid(n as isize) as usize
}

pub fn render(state: &ProfileState, th: &Theme, area: Rect, buf: &mut Buffer) {
    let focus = state.focused();
    let option = |label: &str, value: &str, field: Field| {
        let on = focus == field;
        Line::from(vec![
            Span::raw(format!("{}{label} ", if on { "▶ " } else { "  " })),
            Span::styled(
                format!("◀ {value} ▶"),
                if on { th.selected } else { th.input },
            ),
        ])
    };
    let mut lines = vec![Line::from(t("profile.title").bold()), Line::from("")];
    lines.push(state.name.line(t("profile.name"), focus == Field::Name, th));
    lines.push(option(
        t("profile.language"),
        language_name(LANGUAGES[state.language]),
        Field::Language,
    ));
    lines.push(option(
        t("profile.theme"),
        THEMES[state.theme],
        Field::Theme,
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        if state.learner.has_pin {
            t("profile.pin_is_set")
        } else {
            t("profile.pin_not_set")
        },
        th.dim,
    )));
    lines.push(
        state
            .pin
            .line(t("profile.new_pin"), focus == Field::NewPin, th),
    );
    lines.push(
        state
            .again
            .line(t("signin.pin_again"), focus == Field::PinAgain, th),
    );
    if state.learner.has_pin {
        let value = if state.remove_pin {
            t("profile.yes")
        } else {
            t("profile.no")
        };
        lines.push(option(t("profile.remove_pin"), value, Field::RemovePin));
    }
    lines.push(Line::from(""));
    if let Some(m) = &state.message {
        lines.push(Line::from(Span::styled(m.clone(), th.error)));
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(t("profile.help"), th.dim)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
