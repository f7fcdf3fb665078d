//! Signing in: a PIN for a protected profile, and the form that creates a new learner with
//! an optional PIN. A protected profile opens only after the store accepts its PIN.

use std::fmt;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::{t, tf};
use crate::pin::is_valid_pin;
use crate::store::Learner;

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::input::Input;
use super::theme::Theme;

/// A PIN or password on its way to the store. Its `Debug` hides it, so no log or test
/// failure ever prints one.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(•••)")
    }
}

/// Asking for the PIN of a protected profile.
#[derive(Debug)]
pub struct PinState {
    pub learner: Learner,
    pub pin: Input,
    /// What happened to the last try, as a sentence.
    pub message: Option<String>,
}

impl PinState {
    pub fn new(learner: Learner, locked: Option<u64>) -> PinState {
        PinState {
            learner,
            pin: Input::pin(),
            message: locked.map(paused_message),
        }
    }

    pub fn update(&mut self, action: Action) -> (Vec<Effect>, Option<Goto>) {
        match action {
            Action::Type(c) => self.pin.push(c),
            Action::Erase => self.pin.pop(),
            Action::Back => return (Vec::new(), Some(Goto::Picker)),
            Action::Confirm if self.pin.text.is_empty() => {}
            Action::Confirm => {
                let pin = Secret(std::mem::take(&mut self.pin.text));
                return (
                    vec![Effect::CheckPin {
                        learner: self.learner.id.clone(),
                        pin,
                    }],
                    None,
                );
            }
            Action::PinRejected { tries_left } => {
                self.message = Some(tf("signin.wrong_pin", &[("left", &tries_left)]));
            }
            Action::PinLocked { seconds_left } => self.message = Some(paused_message(seconds_left)),
            _ => {}
        }
        (Vec::new(), None)
    }
}

/// "Paused for 1 min 30 s", for a lock with `seconds` left.
pub fn paused_message(seconds: u64) -> String {
    tf("signin.paused", &[("time", &duration_words(seconds))])
}

/// `45 s`, `2 min`, `1 min 30 s`, `1 h 5 min`.
pub fn duration_words(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

pub fn render_pin(state: &PinState, th: &Theme, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![
        Line::from(tf("signin.pin_title", &[("name", &state.learner.name)]).bold()),
        Line::from(""),
        state.pin.line(t("signin.pin_label"), true, th),
        Line::from(""),
    ];
    if let Some(m) = &state.message {
        lines.push(Line::from(Span::styled(m.clone(), th.error)));
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(t("signin.pin_help"), th.dim)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// Creating a learner: the name typed in the picker, and an optional PIN typed twice.
#[derive(Debug)]
pub struct NewLearnerState {
    pub name: String,
    pub pin: Input,
    pub again: Input,
    /// 0: PIN, 1: the PIN again.
    pub focus: usize,
    pub message: Option<String>,
}

impl NewLearnerState {
    pub fn new(name: String) -> NewLearnerState {
        NewLearnerState {
            name,
            pin: Input::pin(),
            again: Input::pin(),
            focus: 0,
            message: None,
        }
    }

    fn field(&mut self) -> &mut Input {
        if self.focus == 0 {
            &mut self.pin
        } else {
            &mut self.again
        }
    }

    pub fn update(&mut self, action: Action) -> (Vec<Effect>, Option<Goto>) {
        match action {
            Action::Type(c) => self.field().push(c),
            Action::Erase => self.field().pop(),
            Action::Up => self.focus = 0,
            Action::Down => self.focus = 1,
            Action::Back => return (Vec::new(), Some(Goto::Picker)),
            Action::Confirm => return self.submit(),
            Action::Failed(msg) => self.message = Some(msg),
            _ => {}
        }
        (Vec::new(), None)
    }

    fn submit(&mut self) -> (Vec<Effect>, Option<Goto>) {
        let create = |pin| {
            (
                vec![Effect::CreateLearner {
                    name: self.name.clone(),
                    pin,
                }],
                None,
            )
        };
        if self.pin.text.is_empty() {
            return create(None);
        }
        if !is_valid_pin(&self.pin.text) {
            self.message = Some(t("signin.pin_format").to_string());
            self.focus = 0;
            return (Vec::new(), None);
        }
        if self.focus == 0 {
            self.focus = 1;
            return (Vec::new(), None);
        }
        if self.again.text != self.pin.text {
            self.message = Some(t("signin.pin_mismatch").to_string());
            self.again.clear();
            return (Vec::new(), None);
        }
        create(Some(Secret(self.pin.text.clone())))
    }
}

pub fn render_new_learner(state: &NewLearnerState, th: &Theme, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![
        Line::from(tf("signin.new_title", &[("name", &state.name)]).bold()),
        Line::from(""),
        Line::from(t("signin.new_pin_intro")),
        Line::from(""),
        state.pin.line(t("signin.pin_label"), state.focus == 0, th),
        state
            .again
            .line(t("signin.pin_again"), state.focus == 1, th),
        Line::from(""),
    ];
    if let Some(m) = &state.message {
        lines.push(Line::from(Span::styled(m.clone(), th.error)));
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(t("signin.new_help"), th.dim)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_read_in_plain_units() {
        assert_eq!(duration_words(30), "30 s");
        assert_eq!(duration_words(60), "1 min");
        assert_eq!(duration_words(90), "1 min 30 s");
        assert_eq!(duration_words(3600), "1 h");
        assert_eq!(duration_words(3900), "1 h 5 min");
    }

    #[test]
    fn a_secret_never_shows_in_debug_output() {
        let e = Effect::CheckPin {
            learner: crate::store::LearnerId("x".into()),
            pin: Secret("4321".into()),
        };
        assert!(!format!("{e:?}").contains("4321"));
    }

    #[test]
    fn a_new_pin_must_be_typed_twice_alike() {
        let mut s = NewLearnerState::new("Amina".into());
        for c in "1234".chars() {
            s.update(Action::Type(c));
        }
        assert_eq!(
            s.update(Action::Confirm),
            (vec![], None),
            "moves to the second field"
        );
        for c in "1235".chars() {
            s.update(Action::Type(c));
        }
        assert_eq!(s.update(Action::Confirm).0, vec![]);
        assert!(
            s.message
                .as_deref()
                .unwrap_or("")
                .contains(t("signin.pin_mismatch"))
        );
        for c in "1234".chars() {
            s.update(Action::Type(c));
        }
        let (effects, _) = s.update(Action::Confirm);
        assert_eq!(
            effects,
            vec![Effect::CreateLearner {
                name: "Amina".into(),
                pin: Some(Secret("1234".into()))
            }]
        );
    }

    #[test]
    fn no_pin_creates_an_open_profile_and_a_short_pin_is_refused() {
        let mut s = NewLearnerState::new("Li".into());
        assert_eq!(
            s.update(Action::Confirm).0,
            vec![Effect::CreateLearner {
                name: "Li".into(),
                pin: None
            }]
        );
        for c in "12".chars() {
            s.update(Action::Type(c));
        }
        assert_eq!(s.update(Action::Confirm).0, vec![]);
        assert_eq!(s.message.as_deref(), Some(t("signin.pin_format")));
    }
}
