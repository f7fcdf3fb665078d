//! Asking for the PIN of a protected profile: digits typed, or three pictures picked from
//! the grid for a learner with a picture PIN. It opens only after the store accepts the
//! PIN; after too many wrong ones, of either kind, the pause counts down on screen.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::pictures::pin_secret;
use crate::store::Learner;

use super::action::Action;
use super::app::Goto;
use super::effect::{Effect, Secret};
use super::input::Input;
use super::keys::{Binding, ENTER, ERASE, ESC, key};
use super::picture_grid::{MOVE, PICK, TAKE, UNDO};
use super::picture_pin::{PictureEntry, draw_screen, grid_area};
use super::screen::{Component, Cx, Step};
use super::widgets::pause_words;

const BACK: Binding = key(&[ESC], &[Action::Back], "keys.back_picker").shown("footer.back", 5);

const KEYS: &[Binding] = &[
    Binding::typing("keys.type_pin"),
    ERASE,
    key(&[ENTER], &[Action::Confirm], "keys.open_profile").shown("footer.continue", 8),
    BACK,
];

/// A picture PIN: the grid's keys.
const PICTURE_KEYS: &[Binding] = &[PICK, MOVE, TAKE, UNDO, BACK];

#[derive(Debug)]
pub struct Pin {
    pub learner: Learner,
    pub pin: Input,
    /// Wrong PINs so far, as the store counts them: tries left before a pause.
    pub tries_left: Option<u32>,
    /// When the pause after too many wrong PINs ends.
    pub paused_until: Option<Instant>,
    /// The pictures picked so far, for a learner whose PIN is pictures.
    pub pictures: Option<PictureEntry>,
}

impl Pin {
    /// `locked`: seconds of a pause still running at `now`.
    pub fn new(learner: Learner, locked: Option<u64>, now: Instant) -> Pin {
        Pin {
            pin: Input::pin(),
            tries_left: None,
            paused_until: locked.map(|s| now + Duration::from_secs(s)),
            pictures: learner.picture_pin.then(PictureEntry::new),
            learner,
        }
    }

    fn paused_for(&self, now: Instant) -> Option<u64> {
        super::widgets::seconds_until(self.paused_until?, now)
    }

    /// What the pause or the last wrong PIN says, if anything.
    fn message(&self, cx: &Cx) -> Option<String> {
        match (self.paused_for(cx.now), self.tries_left) {
            (Some(secs), _) => Some(cx.tf(
                "signin.paused",
                &[("time", pause_words(cx.lang, secs).into())],
            )),
            (None, Some(left)) => Some(cx.tf("signin.wrong_pin", &[("left", left.into())])),
            (None, None) => None,
        }
    }

    fn check(&self, pin: String) -> Step {
        Step::run(Effect::CheckPin {
            learner: self.learner.id.clone(),
            pin: Secret(pin),
        })
    }

    fn draw_pictures(&self, entry: &PictureEntry, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let title = cx.tf(
            "signin.picture_pin_title",
            &[("name", self.learner.name.as_str().into())],
        );
        // Her own picture first, as in the picker: the row she chose was hers.
        let title = match self.learner.picture {
            Some(p) => format!("{} {title}", p.symbol.inline()),
            None => title,
        };
        let message = self.message(cx);
        let help = cx.t("signin.picture_pin_help");
        draw_screen(
            entry,
            cx,
            (&title, message.as_deref(), Some(&help)),
            area,
            buf,
        );
    }
}

impl Component for Pin {
    fn table(&self) -> &'static [Binding] {
        if self.pictures.is_some() {
            PICTURE_KEYS
        } else {
            KEYS
        }
    }

    fn typing(&self) -> bool {
        self.pictures.is_none()
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        if let Some(entry) = &mut self.pictures {
            match action {
                Action::Back => return Step::go(Goto::Picker),
                Action::PinRejected { tries_left } => self.tries_left = Some(tries_left),
                Action::PinLocked { seconds_left } => {
                    self.tries_left = None;
                    self.paused_until = Some(cx.now + Duration::from_secs(seconds_left));
                }
                other => {
                    if let Some(symbols) = entry.update(&other) {
                        return self.check(pin_secret(&symbols));
                    }
                }
            }
            return Step::none();
        }
        match action {
            Action::Type(c) => self.pin.push(c),
            Action::Erase => self.pin.pop(),
            Action::Back => return Step::go(Goto::Picker),
            Action::Confirm if self.pin.text.is_empty() => {}
            Action::Confirm => {
                let pin = std::mem::take(&mut self.pin.text);
                return self.check(pin);
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
        if let Some(entry) = &self.pictures {
            return self.draw_pictures(entry, cx, area, buf);
        }
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
        if let Some(m) = self.message(cx) {
            lines.push(Line::from(Span::styled(m, th.error)));
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(cx.t("signin.pin_help"), th.dim)));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn click(&self, _cx: &Cx, area: Rect, x: u16, y: u16) -> Option<Action> {
        self.pictures.as_ref()?;
        PictureEntry::click(grid_area(area), x, y)
    }

    fn ticks(&self, cx: &Cx) -> bool {
        self.paused_for(cx.now).is_some()
    }
}
