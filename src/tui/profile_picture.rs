//! The profile's picture and picture PIN: the picture as a learner sees it in the form, and
//! the grid where she picks a new picture PIN twice.

use ratatui::text::{Line, Span};

use super::action::Action;
use super::effect::Pictures;
use super::picture_grid;
use super::profile::Profile;
use super::screen::{Cx, Step};

impl Profile {
    /// The grid of a new picture PIN: Esc leaves it, keeping the PIN as it was.
    pub(super) fn pick(&mut self, action: Action) -> Step {
        let Some(form) = &mut self.picking else {
            return Step::none();
        };
        if action == Action::Back {
            self.picking = None;
            return Step::none();
        }
        if let Some(symbols) = form.update(&action) {
            self.picking = None;
            self.new_pictures = Some(Pictures(symbols));
            // Digits typed before would be saved instead: the last choice wins.
            self.pin.clear();
            self.again.clear();
            self.remove_pin = false;
        }
        Step::none()
    }

    /// `▶ Picture ◀ \(O)/ ▶`: the picture's inline form in its colour.
    pub(super) fn picture_line(&self, cx: &Cx, on: bool) -> Line<'static> {
        let th = cx.theme;
        let frame = if on { th.selected } else { th.input };
        Line::from(vec![
            Span::raw(format!(
                "{}{} ",
                if on { "▶ " } else { "  " },
                cx.t("profile.picture")
            )),
            Span::styled("◀ ", frame),
            Span::styled(
                self.picture.symbol.inline(),
                picture_grid::style(th, Some(self.picture.colour)).patch(frame),
            ),
            Span::styled(" ▶", frame),
        ])
    }
}
