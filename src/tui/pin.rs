//! Asking for the PIN of a protected profile. It opens only after the store accepts the
//! PIN; after too many wrong ones the pause counts down on screen.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::store::Learner;

use super::action::Action;
use super::app::Goto;
use super::effect::{Effect, Secret};
use super::input::Input;
use super::keys::{Binding, ENTER, ERASE, ESC, key};
use super::screen::{Component, Cx, Step};
use super::widgets::pause_words;

const KEYS: &[Binding] = &[
    Binding::typing("keys.type_pin"),
    ERASE,
    key(&[ENTER], &[Action::Confirm], "keys.open_profile").shown("footer.continue", 8),
    key(&[ESC], &[Action::Back], "keys.back_picker").shown("footer.back", 5),
];

#[derive(Debug)]
pub struct Pin {
    pub learner: Learner,
    pub pin: Input,
    /// Wrong PINs so far, as the store counts them: tries left before a pause.
    pub tries_left: Option<u32>,
    /// When the pause after too many wrong PINs ends.
    pub paused_until: Option<Instant>,
}

impl Pin {
    /// `locked`: seconds of a pause still running at `now`.
    pub fn new(learner: Learner, locked: Option<u64>, now: Instant) -> Pin {
        Pin {
            learner,
            pin: Input::pin(),
            tries_left: None,
            paused_until: locked.map(|s| now + Duration::from_secs(s)),
        }
    }

    fn paused_for(&self, now: Instant) -> Option<u64> {
        super::widgets::seconds_until(self.paused_until?, now)
    }
}

impl Component for Pin {
    fn table(&self) -> &'static [Binding] {
        KEYS
    }

    fn typing(&self) -> bool {
        true
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        match action {
            Action::Type(c) => self.pin.push(c),
            Action::Erase => self.pin.pop(),
            Action::Back => return Step::go(Goto::Picker),
            Action::Confirm if self.pin.text.is_empty() => {}
            Action::Confirm => {
                let pin = Secret(std::mem::take(&mut self.pin.text));
                return Step::run(Effect::CheckPin {
                    learner: self.learner.id.clone(),
                    pin,
                });
            }
            Action::PinRejected { tries_left } => self.tries_left = Some(tries_left),
            Action::PinLocked { seconds_left } => {
                self.tries_left = None;
                self.paused_until = Some(cx.now + Duration::from_secs(seconds_left));
            }
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let mut lines = vec![
            Line::from(
                cx.tf(
                    "signin.pin_title",
                    &[("name", self.learner.name.as_str().into())],
                )
                .bold(),
            ),
            Line::from(""),
            self.pin.plain_line(&cx.t("signin.pin_label"), true, th),
            Line::from(""),
        ];
        let message = match (self.paused_for(cx.now), self.tries_left) {
            (Some(secs), _) => Some(cx.tf(
                "signin.paused",
                &[("time", pause_words(cx.lang, secs).into())],
            )),
            (None, Some(left)) => Some(cx.tf("signin.wrong_pin", &[("left", left.into())])),
            (None, None) => None,
        };
        if let Some(m) = message {
            lines.push(Line::from(Span::styled(m, th.error)));
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(cx.t("signin.pin_help"), th.dim)));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn ticks(&self, cx: &Cx) -> bool {
        self.paused_for(cx.now).is_some()
    }
}
