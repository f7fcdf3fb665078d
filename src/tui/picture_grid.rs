//! Learners' pictures on screen: the 3x3 grid of large drawings that a learner picks from
//! (by number key, arrows or a click), a picture drawn large, and the inline form beside a
//! name. Drawing only; what a pick means is the screen's.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Span;

use crate::pictures::{ART_COLS, ART_ROWS, Colour, INLINE_COLS, Picture, Symbol};

use super::action::Action;
use super::keys::{Binding, DOWN, ENTER, LEFT, Press, RIGHT, UP, key};
use super::theme::Theme;

/// Number keys pick the picture in that place of the grid.
pub const PICK: Binding = Binding::picking("keys.pick_picture");
/// The arrows move the choice in the grid.
pub const MOVE: Binding = key(
    &[UP, DOWN, LEFT, RIGHT],
    &[Action::Up, Action::Down, Action::Left, Action::Right],
    "keys.move_grid",
)
.shown("footer.choose", 6);
/// Enter takes the picture the choice is on.
pub const TAKE: Binding =
    key(&[ENTER], &[Action::Confirm], "keys.take_picture").shown("footer.pick_picture", 8);
/// Backspace takes back the last picture picked.
pub const UNDO: Binding = key(
    &[Press::Key(KeyCode::Backspace)],
    &[Action::Erase],
    "keys.erase_picture",
)
.shown("footer.erase", 7);

/// Columns of one cell: the mark and number ("▶1 "), the drawing, a space.
const CELL_COLS: u16 = 3 + ART_COLS as u16 + 1;
/// Columns between two cells of a row.
const GAP: u16 = 2;
/// Rows the grid takes at least: three rows of drawings, no gaps.
pub const MIN_ROWS: u16 = 3 * ART_ROWS as u16;
/// Columns the grid takes.
pub const COLS: u16 = 3 * CELL_COLS + 2 * GAP;

/// The terminal colour of a picture's colour.
pub fn colour(c: Colour) -> Color {
    match c {
        Colour::Red => Color::Red,
        Colour::Yellow => Color::Yellow,
        Colour::Green => Color::Green,
        Colour::Cyan => Color::Cyan,
        Colour::Blue => Color::LightBlue,
        Colour::Magenta => Color::Magenta,
    }
}

/// How a picture of colour `c` is drawn in theme `th`: in its colour where the theme has
/// colours, else in the text's own.
pub fn style(th: &Theme, c: Option<Colour>) -> Style {
    match c {
        Some(c) if th.picture_colours => Style::new().fg(colour(c)),
        _ => Style::new(),
    }
}

/// The picture's inline form and a space, or as many spaces for a learner without one, so
/// names line up.
pub fn inline(th: &Theme, picture: Option<Picture>) -> Span<'static> {
    match picture {
        Some(p) => Span::styled(format!("{} ", p.symbol.inline()), style(th, Some(p.colour))),
        None => Span::raw(" ".repeat(INLINE_COLS + 1)),
    }
}

/// Draws `symbol` large with its top left corner at `(x, y)`, cut to `area`.
pub fn draw_art(symbol: Symbol, x: u16, y: u16, style: Style, area: Rect, buf: &mut Buffer) {
    for (i, line) in symbol.art().iter().enumerate() {
        let row = y + i as u16;
        if row >= area.bottom() || x >= area.right() {
            break;
        }
        let room = usize::from(area.right() - x);
        buf.set_stringn(x, row, line, room, style);
    }
}

/// Where the grid's rows go in `area`: a blank row between them when there is room.
fn row_step(area: Rect) -> u16 {
    if area.height >= MIN_ROWS + 2 {
        ART_ROWS as u16 + 1
    } else {
        ART_ROWS as u16
    }
}

/// The rows the grid takes in `area`.
pub fn height(area: Rect) -> u16 {
    2 * row_step(area) + ART_ROWS as u16
}

/// The cell of the grid's place `i` (0 to 8) in `area`.
fn cell(area: Rect, i: usize) -> Rect {
    let (row, col) = ((i / 3) as u16, (i % 3) as u16);
    let x = area.x + col * (CELL_COLS + GAP);
    let y = area.y + row * row_step(area);
    Rect::new(x, y, CELL_COLS, ART_ROWS as u16).intersection(area)
}

/// The grid's place under a click at `(x, y)`, if any.
pub fn hit(area: Rect, x: u16, y: u16) -> Option<usize> {
    let at = ratatui::layout::Position { x, y };
    (0..Symbol::ALL.len()).find(|&i| cell(area, i).contains(at))
}

/// Draws the nine pictures in `area`, each with its number key, the one at `focus` marked
/// `▶` and in the selection's style (seen without colour too). `tint`: the colour to draw
/// them in, when all are one colour.
pub fn draw(area: Rect, buf: &mut Buffer, th: &Theme, focus: Option<usize>, tint: Option<Colour>) {
    for (i, symbol) in Symbol::ALL.into_iter().enumerate() {
        let c = cell(area, i);
        if c.is_empty() {
            continue;
        }
        let on = focus == Some(i);
        let mark = if on { "▶" } else { " " };
        buf.set_stringn(c.x, c.y, format!("{mark}{} ", i + 1), 3, th.title);
        draw_art(symbol, c.x + 3, c.y, style(th, tint), c, buf);
        if on {
            buf.set_style(c, th.selected);
        }
    }
}

/// Moves the choice `focus` in the grid for an arrow key: within a row and a column,
/// stopping at the edges. Whether the action was a move.
pub fn step(focus: &mut usize, action: &Action) -> bool {
    let (row, col) = (*focus / 3, *focus % 3);
    let (row, col) = match action {
        Action::Up => (row.saturating_sub(1), col),
        Action::Down => ((row + 1).min(2), col),
        Action::Left => (row, col.saturating_sub(1)),
        Action::Right => (row, (col + 1).min(2)),
        _ => return false,
    };
    *focus = row * 3 + col;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fits_the_smallest_screen_and_a_click_finds_each_picture() {
        // The smallest screen's body, inside its margins.
        let area = Rect::new(1, 1, 58, 12);
        assert!(COLS <= area.width);
        assert_eq!(height(area), MIN_ROWS);
        for i in 0..9 {
            let c = cell(area, i);
            assert_eq!((c.width, c.height), (CELL_COLS, ART_ROWS as u16), "{i}");
            assert_eq!(hit(area, c.x + 5, c.y + 2), Some(i));
        }
        assert_eq!(hit(area, area.x + CELL_COLS, area.y), None, "the gap");
        let roomy = Rect::new(1, 1, 78, 20);
        assert_eq!(height(roomy), MIN_ROWS + 2);
    }

    #[test]
    fn arrows_move_within_the_grid_and_stop_at_its_edges() {
        let mut at = 0;
        for (a, want) in [
            (Action::Left, 0),
            (Action::Right, 1),
            (Action::Right, 2),
            (Action::Right, 2),
            (Action::Down, 5),
            (Action::Down, 8),
            (Action::Down, 8),
            (Action::Up, 5),
        ] {
            assert!(step(&mut at, &a));
            assert_eq!(at, want, "{a:?}");
        }
        assert!(!step(&mut at, &Action::Confirm));
    }
}
