//! The facilitator's password, asked before the board; on a computer with none yet, a new
//! one typed twice. Learners never reach the board without it.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::store::MIN_PASSWORD_CHARS;

use super::action::Action;
use super::app::Goto;
use super::effect::{Effect, Secret};
use super::input::Input;
use super::keys::{Binding, DOWN, ENTER, ERASE, ESC, Press, UP, key};
use super::problem::Problem;
use super::screen::{Component, Cx, Step};
use super::widgets::pause_words;

const BACK: Binding = key(&[ESC], &[Action::Back], "keys.back_picker").shown("footer.back", 5);

const KEYS: &[Binding] = &[
    Binding::typing("keys.type_password"),
    ERASE,
    key(&[ENTER], &[Action::Confirm], "keys.sign_in").shown("footer.continue", 8),
    BACK,
];

/// Choosing the first password: two fields, and the site's name.
const CREATE_KEYS: &[Binding] = &[
    Binding::typing("keys.type_password"),
    ERASE,
    key(
        &[UP, DOWN, Press::Key(KeyCode::Tab)],
        &[Action::Up, Action::Down, Action::Down],
        "keys.field",
    ),
    key(&[ENTER], &[Action::Confirm], "keys.set_password").shown("footer.continue", 8),
    BACK,
];

#[derive(Debug)]
pub struct Login {
    pub password: Input,
    pub again: Input,
    /// No password is set yet: this chooses one.
    pub creating: bool,
    /// The site's name, asked with the first password when nothing names the site yet.
    pub site: Option<Input>,
    /// 0: the password, 1: the password again, 2: the site's name.
    pub focus: usize,
    pub message: Option<Problem>,
    /// After too many wrong passwords, when trying again is allowed.
    pub paused_until: Option<Instant>,
}

impl Login {
    pub fn new(creating: bool, ask_site: bool) -> Login {
        Login {
            password: Input::password(),
            again: Input::password(),
            creating,
            site: ask_site.then(|| Input::text(80)),
            focus: 0,
            message: None,
            paused_until: None,
        }
    }

    fn field(&mut self) -> &mut Input {
        match (self.focus, &mut self.site) {
            (0, _) => &mut self.password,
            (2, Some(site)) => site,
            _ => &mut self.again,
        }
    }

    fn last_field(&self) -> usize {
        if self.site.is_some() { 2 } else { 1 }
    }

    fn paused_for(&self, now: Instant) -> Option<u64> {
        super::widgets::seconds_until(self.paused_until?, now)
    }

    fn submit(&mut self) -> Step {
        if !self.creating {
            let secret = Secret(std::mem::take(&mut self.password.text));
            return Step::run(Effect::FacilitatorSignIn(secret));
        }
        // Too short is said at once, not after typing it a second time.
        if self.password.text.chars().count() < MIN_PASSWORD_CHARS {
            self.message =
                Some(Problem::new("facilitator.too_short").with("min", MIN_PASSWORD_CHARS));
            self.focus = 0;
            return Step::none();
        }
        if self.focus == 0 {
            self.focus = 1;
            return Step::none();
        }
        if self.again.text != self.password.text {
            self.message = Some(Problem::new("facilitator.mismatch"));
            self.password.clear();
            self.again.clear();
            self.focus = 0;
            return Step::none();
        }
        if self.focus < self.last_field() {
            self.focus += 1;
            return Step::none();
        }
        let secret = Secret(std::mem::take(&mut self.password.text));
        self.again.clear();
        self.focus = 0;
        let site = self
            .site
            .as_ref()
            .map(|s| s.text.trim().to_string())
            .filter(|s| !s.is_empty());
        Step::run(Effect::SetFacilitatorPassword(secret, site))
    }
}

impl Component for Login {
    fn shows_problems(&self) -> bool {
        true
    }

    fn table(&self) -> &'static [Binding] {
        if self.creating { CREATE_KEYS } else { KEYS }
    }

    fn typing(&self) -> bool {
        true
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        match action {
            Action::Type(c) => {
                self.field().push(c);
                self.message = None;
            }
            Action::Erase => self.field().pop(),
            Action::Up if self.creating => self.focus = self.focus.saturating_sub(1),
            Action::Down if self.creating => self.focus = (self.focus + 1).min(self.last_field()),
            Action::Back => return Step::go(Goto::Picker),
            Action::Confirm => return self.submit(),
            Action::Failed(problem) => self.message = Some(problem),
            Action::FacilitatorPaused(secs) => {
                self.message = None;
                self.paused_until = Some(cx.now + Duration::from_secs(secs));
            }
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let mut lines = vec![Line::from(cx.t("facilitator.title").bold()), Line::from("")];
        if self.creating {
            lines.push(Line::from(cx.tf(
                "facilitator.create_intro",
                &[("min", MIN_PASSWORD_CHARS.into())],
            )));
            lines.push(Line::from(""));
            lines.push(
                self.password
                    .line(&cx.t("facilitator.new_password"), self.focus == 0, th),
            );
            lines.push(
                self.again
                    .line(&cx.t("facilitator.again"), self.focus == 1, th),
            );
            if let Some(site) = &self.site {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    cx.t("facilitator.site_help"),
                    th.dim,
                )));
                lines.push(site.line(&cx.t("facilitator.site_name"), self.focus == 2, th));
            }
        } else {
            lines.push(
                self.password
                    .plain_line(&cx.t("facilitator.password"), true, th),
            );
        }
        lines.push(Line::from(""));
        let message = match self.paused_for(cx.now) {
            Some(secs) => Some(cx.tf(
                "facilitator.paused",
                &[("time", pause_words(cx.lang, secs).into())],
            )),
            None => self.message.as_ref().map(|m| m.text(cx.lang)),
        };
        if let Some(m) = message {
            lines.push(Line::from(Span::styled(m, th.error)));
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(
            cx.t("facilitator.login_help"),
            th.dim,
        )));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("facilitator.title"))
    }

    fn ticks(&self, cx: &Cx) -> bool {
        self.paused_for(cx.now).is_some()
    }
}
