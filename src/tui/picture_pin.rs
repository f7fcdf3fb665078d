//! Picking a picture PIN: three pictures from the grid, in order, by number key, by the
//! arrows and Enter, or by clicking them; Backspace takes the last one back. Shared by
//! signing in, creating a learner and the profile.
//!
//! What was picked is a secret like typed digits: the screen shows how many pictures are
//! picked, never which, and a number key or a click does not move the grid's highlight to
//! the picture it picked, so nobody behind the learner learns her PIN from the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::pictures::{PIN_LENGTH, Symbol};

use super::action::Action;
use super::picture_grid;
use super::problem::Problem;
use super::screen::Cx;
use super::theme::Theme;
use super::widgets::{truncate, wrap};

#[derive(Debug, Default)]
pub struct PictureEntry {
    /// The grid's highlight, moved by the arrows.
    pub focus: usize,
    picks: Vec<Symbol>,
}

impl PictureEntry {
    pub fn new() -> PictureEntry {
        PictureEntry::default()
    }

    /// How many pictures are picked so far.
    pub fn picked(&self) -> usize {
        self.picks.len()
    }

    pub fn clear(&mut self) {
        self.picks.clear();
    }

    /// What `action` does; the three pictures once the PIN is whole. A number key, a click
    /// or Enter that picks the third picture finishes it. A digit typed as text (plain mode
    /// types lines) picks too, and the line's Enter finishes.
    pub fn update(&mut self, action: &Action) -> Option<[Symbol; PIN_LENGTH]> {
        match action {
            Action::Pick(i) => {
                let symbol = *Symbol::ALL.get(*i)?;
                self.take(symbol);
                self.whole()
            }
            Action::Type(c) => {
                let place = c.to_digit(10).filter(|d| (1..=9).contains(d))?;
                self.take(Symbol::ALL[place as usize - 1]);
                None
            }
            Action::Confirm if self.picks.len() < PIN_LENGTH => {
                self.take(Symbol::ALL[self.focus.min(8)]);
                self.whole()
            }
            Action::Confirm => self.whole(),
            Action::Erase => {
                self.picks.pop();
                None
            }
            other => {
                picture_grid::step(&mut self.focus, other);
                None
            }
        }
    }

    fn take(&mut self, symbol: Symbol) {
        if self.picks.len() < PIN_LENGTH {
            self.picks.push(symbol);
        }
    }

    /// The three pictures, taken out, once there are three.
    fn whole(&mut self) -> Option<[Symbol; PIN_LENGTH]> {
        if self.picks.len() < PIN_LENGTH {
            return None;
        }
        <[Symbol; PIN_LENGTH]>::try_from(std::mem::take(&mut self.picks)).ok()
    }

    /// `label ● ● ○`: one mark per picture of the PIN, filled once picked.
    pub fn progress_line(&self, label: &str, th: &Theme) -> Line<'static> {
        let marks: Vec<&str> = (0..PIN_LENGTH)
            .map(|i| if i < self.picks.len() { "●" } else { "○" })
            .collect();
        Line::from(vec![
            Span::raw(format!("{label} ")),
            Span::styled(marks.join(" "), th.input),
        ])
    }

    pub fn draw(&self, area: Rect, buf: &mut Buffer, th: &Theme) {
        picture_grid::draw(area, buf, th, Some(self.focus), None);
    }

    /// The action of a click at `(x, y)` on the grid drawn in `area`.
    pub fn click(area: Rect, x: u16, y: u16) -> Option<Action> {
        picture_grid::hit(area, x, y).map(Action::Pick)
    }
}

/// The rows above the grid on a picture PIN screen: a title, the picks so far, a message
/// (or nothing), a blank row. Fixed, so a click finds the grid where it was drawn.
pub const HEAD_ROWS: u16 = 4;

/// Where the grid goes on a picture PIN screen drawn in `area`: below [`HEAD_ROWS`], with
/// a row left under it for the help line.
pub fn grid_area(area: Rect) -> Rect {
    Rect {
        y: area.y + HEAD_ROWS,
        height: area.height.saturating_sub(HEAD_ROWS + 1),
        ..area
    }
}

/// Draws a picture PIN screen in `area`: `title`, the picks so far, `message` on up to two
/// rows, the grid, and `help` under it.
pub fn draw_screen(
    entry: &PictureEntry,
    cx: &Cx,
    texts: (&str, Option<&str>, Option<&str>),
    area: Rect,
    buf: &mut Buffer,
) {
    let (title, message, help) = texts;
    let th = cx.theme;
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::from(truncate(title, width).bold()),
        entry.progress_line(&cx.t("signin.picture_pin_label"), th),
    ];
    // The second row is the blank one above the grid.
    for l in message
        .map(|m| wrap(m, width))
        .unwrap_or_default()
        .into_iter()
        .take(2)
    {
        lines.push(Line::from(Span::styled(l, th.error)));
    }
    Paragraph::new(lines).render(area, buf);
    let grid = grid_area(area);
    entry.draw(grid, buf, th);
    if let Some(help) = help {
        let below = grid.y + picture_grid::height(grid).min(grid.height);
        let row = Rect::new(area.x, below, area.width, 1).intersection(area);
        Paragraph::new(Line::from(Span::styled(truncate(help, width), th.dim))).render(row, buf);
    }
}

/// Choosing a new picture PIN: picked once, then again to be sure of it, as a new digit PIN
/// is typed twice.
#[derive(Debug, Default)]
pub struct PictureForm {
    pub entry: PictureEntry,
    first: Option<[Symbol; PIN_LENGTH]>,
    pub message: Option<Problem>,
}

impl PictureForm {
    pub fn new() -> PictureForm {
        PictureForm::default()
    }

    /// What `action` does; the new PIN once it was picked the same twice.
    pub fn update(&mut self, action: &Action) -> Option<[Symbol; PIN_LENGTH]> {
        let symbols = self.entry.update(action);
        if self.entry.picked() > 0 {
            self.message = None;
        }
        let symbols = symbols?;
        match self.first.take() {
            None => {
                self.first = Some(symbols);
                self.message = None;
                None
            }
            Some(first) if first == symbols => Some(first),
            Some(_) => {
                self.message = Some(Problem::new("signin.picture_pin_mismatch"));
                None
            }
        }
    }

    pub fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let title = cx.t(if self.first.is_some() {
            "signin.picture_pin_again"
        } else {
            "signin.picture_pin_choose"
        });
        let message = self.message.as_ref().map(|m| m.text(cx.lang));
        let help = cx.t("signin.picture_pin_help");
        draw_screen(
            &self.entry,
            cx,
            (&title, message.as_deref(), Some(&help)),
            area,
            buf,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Symbol::*;

    #[test]
    fn keys_pick_three_in_order_and_backspace_takes_the_last_back() {
        let mut e = PictureEntry::new();
        assert_eq!(e.update(&Action::Pick(0)), None);
        assert_eq!(e.update(&Action::Pick(4)), None);
        assert_eq!(e.update(&Action::Erase), None);
        assert_eq!(e.picked(), 1);
        // The arrows and Enter: the highlight on the cup (6th), taken.
        for a in [Action::Right, Action::Right, Action::Down] {
            assert_eq!(e.update(&a), None);
        }
        assert_eq!(e.update(&Action::Confirm), None);
        assert_eq!(e.update(&Action::Pick(8)), Some([Sun, Cup, Flower]));
        assert_eq!(e.picked(), 0, "a whole PIN starts the next one afresh");
        // A number key does not move the highlight: it would show which was picked.
        assert_eq!(e.focus, 5);
    }

    #[test]
    fn digits_typed_as_text_pick_and_enter_finishes() {
        let mut e = PictureEntry::new();
        for c in ['4', '0', 'x', '4', '9'] {
            assert_eq!(e.update(&Action::Type(c)), None);
        }
        assert_eq!(e.picked(), 3);
        assert_eq!(e.update(&Action::Confirm), Some([Fish, Fish, Flower]));
    }

    #[test]
    fn a_new_picture_pin_is_picked_twice_the_same() {
        let mut f = PictureForm::new();
        let pick =
            |f: &mut PictureForm, places: [usize; 3]| places.map(|i| f.update(&Action::Pick(i)))[2];
        assert_eq!(pick(&mut f, [1, 2, 3]), None);
        assert_eq!(pick(&mut f, [1, 2, 4]), None, "not the same");
        assert!(f.message.is_some());
        assert_eq!(pick(&mut f, [7, 7, 0]), None);
        assert_eq!(pick(&mut f, [7, 7, 0]), Some([Bird, Bird, Sun]));
    }
}
