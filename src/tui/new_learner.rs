//! Creating a learner: the name typed in the picker, and an optional PIN typed twice.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::pin::is_valid_pin;

use super::action::Action;
use super::app::Goto;
use super::effect::{Effect, Secret};
use super::input::Input;
use super::keys::{Binding, DOWN, ENTER, ERASE, ESC, Press, UP, key};
use super::problem::Problem;
use super::screen::{Component, Cx, Step};

const KEYS: &[Binding] = &[
    Binding::typing("keys.type_pin"),
    ERASE,
    key(
        &[UP, DOWN, Press::Key(KeyCode::Tab)],
        &[Action::Up, Action::Down, Action::Down],
        "keys.field",
    ),
    key(&[ENTER], &[Action::Confirm], "keys.new_learner_enter").shown("footer.continue", 8),
    key(&[ESC], &[Action::Back], "keys.back_picker").shown("footer.back", 5),
];

#[derive(Debug)]
pub struct NewLearner {
    pub name: String,
    pub pin: Input,
    pub again: Input,
    /// 0: PIN, 1: the PIN again.
    pub focus: usize,
    pub message: Option<Problem>,
}

impl NewLearner {
    pub fn new(name: String) -> NewLearner {
        NewLearner {
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

    fn submit(&mut self) -> Step {
        let create = |name: &str, pin| {
            Step::run(Effect::CreateLearner {
                name: name.to_string(),
                pin,
            })
        };
        if self.pin.text.is_empty() {
            return create(&self.name, None);
        }
        if !is_valid_pin(&self.pin.text) {
            self.message = Some(Problem::new("signin.pin_format"));
            self.focus = 0;
            return Step::none();
        }
        if self.focus == 0 {
            self.focus = 1;
            return Step::none();
        }
        if self.again.text != self.pin.text {
            self.message = Some(Problem::new("signin.pin_mismatch"));
            self.again.clear();
            return Step::none();
        }
        create(&self.name, Some(Secret(self.pin.text.clone())))
    }
}

impl Component for NewLearner {
    fn shows_problems(&self) -> bool {
        true
    }

    fn table(&self) -> &'static [Binding] {
        KEYS
    }

    fn typing(&self) -> bool {
        true
    }

    fn update(&mut self, action: Action, _cx: &Cx) -> Step {
        match action {
            Action::Type(c) => {
                self.field().push(c);
                // The reminder of what a PIN is goes once the PIN is one.
                self.message = None;
            }
            Action::Erase => {
                self.field().pop();
                self.message = None;
            }
            Action::Up => self.focus = 0,
            Action::Down => self.focus = 1,
            Action::Back => return Step::go(Goto::Picker),
            Action::Confirm => return self.submit(),
            Action::Failed(problem) => self.message = Some(problem),
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let mut lines = vec![
            Line::from(
                cx.tf("signin.new_title", &[("name", self.name.as_str().into())])
                    .bold(),
            ),
            Line::from(""),
            Line::from(cx.t("signin.new_pin_intro")),
            Line::from(""),
            self.pin
                .line(&cx.t("signin.pin_label"), self.focus == 0, th),
            self.again
                .line(&cx.t("signin.pin_again"), self.focus == 1, th),
            Line::from(""),
        ];
        if let Some(m) = &self.message {
            lines.push(Line::from(Span::styled(m.text(cx.lang), th.error)));
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(cx.t("signin.new_help"), th.dim)));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}
