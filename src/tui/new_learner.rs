//! Creating a learner: the name typed in the picker, her picture, and an optional PIN —
//! digits typed twice, or three pictures picked twice.
//!
//! The form opens on the digits, as it always did (Enter alone creates the profile with no
//! PIN), with a picture already chosen — one no other learner has — that the arrows or a
//! click change: a learner is never made to stop at a step she cannot read. F3 turns the
//! PIN into pictures. The number keys type the PIN here; on the picture PIN's grid they
//! pick.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::pictures::{Colour, INLINE_COLS, Picture, Symbol};
use crate::pin::is_valid_pin;

use super::action::Action;
use super::app::Goto;
use super::effect::{Effect, Pictures, Secret};
use super::input::Input;
use super::keys::{Binding, DOWN, ENTER, ERASE, ESC, LEFT, Press, RIGHT, UP, key};
use super::picture_grid::{self, MOVE, PICK, TAKE, UNDO};
use super::picture_pin::{PictureEntry, PictureForm, grid_area};
use super::problem::Problem;
use super::screen::{Component, Cx, Step};
use super::widgets::truncate;

const KEYS: &[Binding] = &[
    Binding::typing("keys.type_pin"),
    ERASE,
    key(
        &[UP, DOWN, Press::Key(KeyCode::Tab)],
        &[Action::Up, Action::Down, Action::Down],
        "keys.field",
    ),
    key(
        &[LEFT, RIGHT],
        &[Action::Left, Action::Right],
        "keys.change_picture",
    )
    .shown("footer.picture", 4),
    key(
        &[Press::Key(KeyCode::F(4))],
        &[Action::NextColour],
        "keys.picture_colour",
    ),
    key(
        &[Press::Key(KeyCode::F(3))],
        &[Action::PicturePin],
        "keys.picture_pin",
    )
    .shown("footer.picture_pin", 3),
    key(&[ENTER], &[Action::Confirm], "keys.new_learner_enter").shown("footer.continue", 8),
    key(&[ESC], &[Action::Back], "keys.back_picker").shown("footer.back", 5),
];

/// Picking a picture PIN: the grid's keys, and Esc back to digits.
const PICTURE_KEYS: &[Binding] = &[
    PICK,
    MOVE,
    TAKE,
    UNDO,
    key(&[ESC], &[Action::Back], "keys.back_digits").shown("footer.back", 5),
];

/// Rows of the form above the PIN: the title, "Your picture", the picture drawn large, the
/// row of all pictures (where a click chooses), a blank row.
const PICTURE_ROW: u16 = 2 + crate::pictures::ART_ROWS as u16;
const HEAD_ROWS: u16 = PICTURE_ROW + 2;
/// Columns of one picture in the row of all of them.
const ROW_CELL: u16 = INLINE_COLS as u16 + 1;

#[derive(Debug)]
pub struct NewLearner {
    pub name: String,
    pub pin: Input,
    pub again: Input,
    /// 0: PIN, 1: the PIN again.
    pub focus: usize,
    pub message: Option<Problem>,
    pub picture: Picture,
    /// Picking a picture PIN, when the learner chose one.
    pub pictures: Option<PictureForm>,
}

impl NewLearner {
    pub fn new(name: String) -> NewLearner {
        NewLearner {
            name,
            pin: Input::pin(),
            again: Input::pin(),
            focus: 0,
            message: None,
            picture: Picture::first_free(&[]),
            pictures: None,
        }
    }

    /// The form with `picture` chosen to start with.
    pub fn with_picture(mut self, picture: Picture) -> NewLearner {
        self.picture = picture;
        self
    }

    fn create(&self, pin: Option<Secret>, picture_pin: Option<Pictures>) -> Step {
        Step::run(Effect::CreateLearner {
            name: self.name.clone(),
            pin,
            picture: Some(self.picture),
            picture_pin,
        })
    }

    fn set_symbol(&mut self, index: usize) {
        if let Some(symbol) = Symbol::ALL.get(index) {
            self.picture.symbol = *symbol;
        }
    }

    /// The picture PIN's grid; Esc goes back to digits.
    fn pick(&mut self, action: Action) -> Step {
        let Some(form) = &mut self.pictures else {
            return Step::none();
        };
        if action == Action::Back {
            self.pictures = None;
            return Step::none();
        }
        match form.update(&action) {
            Some(symbols) => self.create(None, Some(Pictures(symbols))),
            None => Step::none(),
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
        if self.pin.text.is_empty() {
            return self.create(None, None);
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
        self.create(Some(Secret(self.pin.text.clone())), None)
    }

    /// "Your picture", the picture large in its colour, and the row of every picture with
    /// the chosen one marked.
    fn draw_picture(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let label = truncate(&cx.t("signin.picture_label"), usize::from(area.width));
        buf.set_stringn(area.x, area.y + 1, label, usize::from(area.width), th.title);
        let style = picture_grid::style(th, Some(self.picture.colour));
        picture_grid::draw_art(
            self.picture.symbol,
            area.x + 2,
            area.y + 2,
            style,
            area,
            buf,
        );
        // The colour in words too: it is not seen on a terminal without colours.
        let colour = format!(
            "{} {}",
            cx.t("profile.colour"),
            cx.tf(
                "profile.colour_name",
                &[("colour", self.picture.colour.id().into())]
            )
        );
        let x = area.x + 2 + crate::pictures::ART_COLS as u16 + 3;
        let room = usize::from(area.right().saturating_sub(x));
        buf.set_stringn(x, area.y + 3, colour, room, style);
        let y = area.y + PICTURE_ROW;
        for (i, symbol) in Symbol::ALL.into_iter().enumerate() {
            let x = area.x + i as u16 * ROW_CELL;
            if y >= area.bottom() || x + ROW_CELL > area.right() {
                break;
            }
            let on = symbol == self.picture.symbol;
            let style = if on { th.selected } else { th.dim };
            buf.set_stringn(x, y, symbol.inline(), INLINE_COLS, style);
        }
    }
}

impl Component for NewLearner {
    fn shows_problems(&self) -> bool {
        true
    }

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

    fn update(&mut self, action: Action, _cx: &Cx) -> Step {
        if let Some(form) = &mut self.pictures {
            if let Action::Failed(problem) = action {
                form.message = Some(problem);
                return Step::none();
            }
            return self.pick(action);
        }
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
            Action::Left => {
                let at = self.picture.symbol.index();
                self.set_symbol(at.checked_sub(1).unwrap_or(Symbol::ALL.len() - 1));
            }
            Action::Right => self.set_symbol((self.picture.symbol.index() + 1) % Symbol::ALL.len()),
            // A click on the row of pictures.
            Action::Pick(i) => self.set_symbol(i),
            Action::NextColour => {
                let next = (self.picture.colour.index() + 1) % Colour::ALL.len();
                self.picture.colour = Colour::ALL[next];
            }
            Action::PicturePin => {
                self.pictures = Some(PictureForm::new());
                self.message = None;
            }
            Action::Back => return Step::go(Goto::Picker),
            Action::Confirm => return self.submit(),
            Action::Failed(problem) => self.message = Some(problem),
            _ => {}
        }
        Step::none()
    }

    fn click(&self, _cx: &Cx, area: Rect, x: u16, y: u16) -> Option<Action> {
        if self.pictures.is_some() {
            return PictureEntry::click(grid_area(area), x, y);
        }
        let column = x.checked_sub(area.x)?;
        let i = usize::from(column / ROW_CELL);
        let on_picture = column % ROW_CELL < INLINE_COLS as u16;
        (y == area.y + PICTURE_ROW && on_picture && i < Symbol::ALL.len())
            .then_some(Action::Pick(i))
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        if let Some(form) = &self.pictures {
            return form.draw(cx, area, buf);
        }
        let th = cx.theme;
        let title = cx.tf("signin.new_title", &[("name", self.name.as_str().into())]);
        buf.set_stringn(
            area.x,
            area.y,
            truncate(&title, usize::from(area.width)),
            usize::from(area.width),
            th.title,
        );
        self.draw_picture(cx, area, buf);
        let rest = Rect {
            y: area.y + HEAD_ROWS,
            height: area.height.saturating_sub(HEAD_ROWS),
            ..area
        };
        let mut lines = vec![
            Line::from(cx.t("signin.new_pin_intro")),
            Line::from(cx.t("signin.picture_pin_offer")),
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
            .render(rest, buf);
    }
}
