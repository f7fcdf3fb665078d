//! A learner's own profile: name, picture, PIN (digits or pictures), language and theme.
//! Reached from the library; only ever shows the signed-in learner.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::config::THEMES;
use crate::i18n::Lang;
use crate::pictures::{Colour, Picture, Symbol};
use crate::pin::is_valid_pin;
use crate::store::Learner;

use super::action::Action;
use super::app::Goto;
use super::effect::{Effect, Pictures, PinChange, Secret};
use super::input::Input;
use super::keys::{Binding, DOWN, ENTER, ERASE, ESC, LEFT, Press, RIGHT, SPACE, UP, key};
use super::picker::MAX_NAME;
use super::picture_grid::{MOVE, PICK, TAKE, UNDO};
use super::picture_pin::{PictureForm, grid_area};
use super::problem::Problem;
use super::screen::{Component, Cx, Step};

const FIELD: Binding = key(
    &[
        UP,
        DOWN,
        Press::Key(KeyCode::Tab),
        Press::Key(KeyCode::BackTab),
    ],
    &[Action::Up, Action::Down, Action::Down, Action::Up],
    "keys.field",
)
.shown("footer.field", 5);
const SAVE: Binding = key(&[ENTER], &[Action::Confirm], "keys.save").shown("footer.save", 8);
const CANCEL: Binding = key(&[ESC], &[Action::Back], "keys.cancel").shown("footer.cancel", 7);

/// On the name or a PIN: letters are text.
const TEXT_KEYS: &[Binding] = &[
    Binding::typing("keys.type_field"),
    ERASE,
    FIELD,
    SAVE,
    CANCEL,
];

/// On a choice (language, theme, removing the PIN).
const CHOICE_KEYS: &[Binding] = &[
    key(
        &[LEFT, RIGHT, SPACE],
        &[Action::Left, Action::Right, Action::Right],
        "keys.choose_option",
    )
    .shown("footer.change", 6),
    FIELD,
    SAVE,
    CANCEL,
];

/// On "picture PIN": Space or → opens the grid.
const PICTURE_PIN_KEYS: &[Binding] = &[
    key(
        &[SPACE, RIGHT],
        &[Action::PicturePin, Action::PicturePin],
        "keys.picture_pin",
    )
    .shown("footer.picture_pin", 6),
    FIELD,
    SAVE,
    CANCEL,
];

/// Picking a new picture PIN; Esc goes back to the form, keeping the old PIN.
const PICKING_KEYS: &[Binding] = &[
    PICK,
    MOVE,
    TAKE,
    UNDO,
    key(&[ESC], &[Action::Back], "keys.back_form").shown("footer.back", 5),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Language,
    Theme,
    Picture,
    Colour,
    NewPin,
    PinAgain,
    PicturePin,
    RemovePin,
}

#[derive(Debug)]
pub struct Profile {
    pub learner: Learner,
    pub name: Input,
    pub language: usize,
    pub theme: usize,
    pub pin: Input,
    pub again: Input,
    pub remove_pin: bool,
    pub focus: usize,
    pub message: Option<Problem>,
    /// The picture as it will be saved: the learner's, or the first one for a learner from
    /// before pictures, until she changes it.
    pub picture: Picture,
    /// A new picture PIN, picked twice, to save.
    pub new_pictures: Option<Pictures>,
    /// Picking a new picture PIN.
    pub picking: Option<PictureForm>,
}

impl Profile {
    pub fn new(learner: Learner, language: Lang, theme: &str) -> Profile {
        Profile {
            name: Input::text(MAX_NAME).with_text(&learner.name),
            language: Lang::ALL.iter().position(|l| *l == language).unwrap_or(0),
            theme: THEMES.iter().position(|t| *t == theme).unwrap_or(0),
            pin: Input::pin(),
            again: Input::pin(),
            remove_pin: false,
            focus: 0,
            message: None,
            picture: learner.picture.unwrap_or_else(|| Picture::first_free(&[])),
            new_pictures: None,
            picking: None,
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
        // After what was there before pictures, so the keys that reached each field still
        // do.
        f.extend([Field::PicturePin, Field::Picture, Field::Colour]);
        f
    }

    fn focused(&self) -> Field {
        self.fields()[self.focus.min(self.fields().len() - 1)]
    }

    fn is_text(field: Field) -> bool {
        matches!(field, Field::Name | Field::NewPin | Field::PinAgain)
    }

    fn step(&mut self, action: Action) -> Step {
        if self.picking.is_some() {
            return self.pick(action);
        }
        let count = self.fields().len();
        match (self.focused(), action) {
            (_, Action::Back) => return Step::go(Goto::Library),
            (_, Action::Up) => self.focus = self.focus.saturating_sub(1),
            (_, Action::Down) => self.focus = (self.focus + 1).min(count - 1),
            (_, Action::Confirm) => return self.save(),
            (_, Action::Failed(problem)) => self.message = Some(problem),
            (Field::Name, Action::Type(c)) => self.name.push(c),
            (Field::Name, Action::Erase) => self.name.pop(),
            (Field::NewPin, Action::Type(c)) => self.pin.push(c),
            (Field::NewPin, Action::Erase) => self.pin.pop(),
            (Field::PinAgain, Action::Type(c)) => self.again.push(c),
            (Field::PinAgain, Action::Erase) => self.again.pop(),
            (Field::Language, Action::Left) => {
                self.language = cycle(self.language, Lang::ALL.len(), -1)
            }
            (Field::Language, Action::Right) => {
                self.language = cycle(self.language, Lang::ALL.len(), 1)
            }
            (Field::Theme, Action::Left) => self.theme = cycle(self.theme, THEMES.len(), -1),
            (Field::Theme, Action::Right) => self.theme = cycle(self.theme, THEMES.len(), 1),
            (Field::Picture, a @ (Action::Left | Action::Right)) => {
                let step = if a == Action::Left { -1 } else { 1 };
                let at = cycle(self.picture.symbol.index(), Symbol::ALL.len(), step);
                self.picture.symbol = Symbol::ALL[at];
            }
            (Field::Colour, a @ (Action::Left | Action::Right)) => {
                let step = if a == Action::Left { -1 } else { 1 };
                let at = cycle(self.picture.colour.index(), Colour::ALL.len(), step);
                self.picture.colour = Colour::ALL[at];
            }
            (Field::PicturePin, Action::PicturePin) => self.picking = Some(PictureForm::new()),
            (Field::RemovePin, Action::Left | Action::Right) => self.remove_pin = !self.remove_pin,
            _ => {}
        }
        Step::none()
    }

    fn save(&mut self) -> Step {
        let name = self.name.text.trim().to_string();
        if name.is_empty() {
            self.message = Some(Problem::new("profile.name_empty"));
            return Step::none();
        }
        let pin = if !self.pin.text.is_empty() {
            if !is_valid_pin(&self.pin.text) {
                self.message = Some(Problem::new("signin.pin_format"));
                return Step::none();
            }
            if self.again.text != self.pin.text {
                self.message = Some(Problem::new("signin.pin_mismatch"));
                self.again.clear();
                return Step::none();
            }
            PinChange::Set(Secret(self.pin.text.clone()))
        } else if let Some(pictures) = &self.new_pictures {
            PinChange::SetPictures(pictures.clone())
        } else if self.remove_pin {
            PinChange::Remove
        } else {
            PinChange::Keep
        };
        let effect = Effect::SaveProfile {
            learner: self.learner.id.clone(),
            name: (name != self.learner.name).then_some(name),
            pin,
            language: Lang::ALL[self.language].code().to_string(),
            theme: THEMES[self.theme].to_string(),
            picture: (Some(self.picture) != self.learner.picture).then_some(self.picture),
        };
        Step::run(effect)
    }
}

pub(super) fn cycle(i: usize, n: usize, step: isize) -> usize {
    (i as isize + step).rem_euclid(n as isize) as usize
}

impl Component for Profile {
    fn shows_problems(&self) -> bool {
        true
    }

    fn table(&self) -> &'static [Binding] {
        match self.focused() {
            _ if self.picking.is_some() => PICKING_KEYS,
            Field::PicturePin => PICTURE_PIN_KEYS,
            field if Self::is_text(field) => TEXT_KEYS,
            _ => CHOICE_KEYS,
        }
    }

    fn typing(&self) -> bool {
        self.picking.is_none() && Self::is_text(self.focused())
    }

    fn click(&self, _cx: &Cx, area: Rect, x: u16, y: u16) -> Option<Action> {
        self.picking.as_ref()?;
        super::picture_pin::PictureEntry::click(grid_area(area), x, y)
    }

    fn update(&mut self, action: Action, _cx: &Cx) -> Step {
        // What the form said goes once the learner acts on it.
        if !matches!(action, Action::Failed(_)) {
            self.message = None;
        }
        self.step(action)
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        if let Some(form) = &self.picking {
            return form.draw(cx, area, buf);
        }
        let th = cx.theme;
        let focus = self.focused();
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
        let mut lines = vec![Line::from(cx.t("profile.title").bold()), Line::from("")];
        lines.push(
            self.name
                .line(&cx.t("profile.name"), focus == Field::Name, th),
        );
        lines.push(option(
            &cx.t("profile.language"),
            Lang::ALL[self.language].own_name(),
            Field::Language,
        ));
        // The theme by its name in the learner's language; the config file keeps the code.
        let theme = cx.tf(
            "profile.theme_name",
            &[("theme", THEMES[self.theme].into())],
        );
        lines.push(option(&cx.t("profile.theme"), &theme, Field::Theme));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            cx.t(match (self.learner.has_pin, self.learner.picture_pin) {
                (true, true) => "profile.picture_pin_is_set",
                (true, false) => "profile.pin_is_set",
                (false, _) => "profile.pin_not_set",
            }),
            th.dim,
        )));
        lines.push(
            self.pin
                .line(&cx.t("profile.new_pin"), focus == Field::NewPin, th),
        );
        lines.push(
            self.again
                .line(&cx.t("signin.pin_again"), focus == Field::PinAgain, th),
        );
        if self.learner.has_pin {
            let value = cx.t(if self.remove_pin {
                "profile.yes"
            } else {
                "profile.no"
            });
            lines.push(option(
                &cx.t("profile.remove_pin"),
                &value,
                Field::RemovePin,
            ));
        }
        let ready = cx.t(if self.new_pictures.is_some() {
            "profile.picture_pin_ready"
        } else {
            "profile.picture_pin_pick"
        });
        lines.push(option(
            &cx.t("profile.picture_pin"),
            &ready,
            Field::PicturePin,
        ));
        lines.push(Line::from(""));
        lines.push(self.picture_line(cx, focus == Field::Picture));
        let colour = cx.tf(
            "profile.colour_name",
            &[("colour", self.picture.colour.id().into())],
        );
        lines.push(option(&cx.t("profile.colour"), &colour, Field::Colour));
        lines.push(Line::from(""));
        if let Some(m) = &self.message {
            lines.push(Line::from(Span::styled(m.text(cx.lang), th.error)));
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(cx.t("profile.help"), th.dim)));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("profile.title"))
    }
}
