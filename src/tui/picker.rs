//! "Who is learning?": pick a learner from the list, or type a new name. Typing filters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::i18n::{t, tf};
use crate::sanitize::clean_line;
use crate::store::{Learner, name_key};

use super::action::Action;
use super::app::App;
use super::app::Goto;
use super::effect::Effect;
use super::signin::duration_words;

/// Longest display name accepted, in characters.
pub const MAX_NAME: usize = 60;

#[derive(Debug, Default)]
pub struct PickerState {
    pub filter: String,
    /// Row in the visible list; the last row may be "create". `None` until someone types
    /// or moves: nobody is chosen in advance, so Enter alone opens no one's profile.
    pub selected: Option<usize>,
}

/// One row of the picker.
#[derive(Debug, PartialEq)]
pub enum Row<'a> {
    Existing(&'a Learner),
    Create(String),
}

impl PickerState {
    /// Learners whose name holds the filter, ignoring case and accents ("amel" finds
    /// "Amélie"), then "create" when the typed name is nobody's, by the same rule the
    /// store uses to keep names apart.
    pub fn rows<'a>(&self, learners: &'a [Learner]) -> Vec<Row<'a>> {
        let needle = name_key(&self.filter);
        let mut rows: Vec<Row<'a>> = learners
            .iter()
            .filter(|l| needle.is_empty() || name_key(&l.name).contains(&needle))
            .map(Row::Existing)
            .collect();
        let exact = learners.iter().any(|l| name_key(&l.name) == needle);
        if !needle.is_empty() && !exact {
            rows.push(Row::Create(self.filter.trim().to_string()));
        }
        rows
    }

    pub fn update(&mut self, action: Action, learners: &[Learner]) -> (Vec<Effect>, Option<Goto>) {
        let count = self.rows(learners).len();
        match action {
            Action::Type(c) => {
                let c = clean_line(&c.to_string());
                if self.filter.chars().count() < MAX_NAME {
                    self.filter.push_str(&c);
                }
                self.selected = Some(0);
            }
            Action::Erase => {
                self.filter.pop();
                self.selected = (!self.filter.is_empty()).then_some(0);
            }
            Action::Up => self.selected = Some(self.selected.unwrap_or(1).saturating_sub(1)),
            Action::Down => {
                let next = self.selected.map_or(0, |s| s + 1);
                self.selected = Some(next.min(count.saturating_sub(1)));
            }
            Action::Home => self.selected = Some(0),
            Action::End => self.selected = Some(count.saturating_sub(1)),
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.selected = None;
            }
            // The picker is the first screen: Esc on an empty name leaves Hatua.
            Action::Back => return (Vec::new(), Some(Goto::Exit)),
            Action::Confirm => {
                let rows = self.rows(learners);
                return match self.selected.and_then(|s| rows.get(s)) {
                    Some(Row::Existing(l)) => (vec![Effect::OpenLearner(l.id.clone())], None),
                    Some(Row::Create(name)) => (Vec::new(), Some(Goto::NewLearner(name.clone()))),
                    None => (Vec::new(), None),
                };
            }
            _ => {}
        }
        (Vec::new(), None)
    }
}

/// What the picker says beside a name: the PIN, or the pause after wrong PINs.
fn learner_note(l: &Learner, app: &App) -> String {
    match app.locks.get(&l.id) {
        Some(secs) => format!(
            "  {}",
            tf("picker.paused", &[("time", &duration_words(*secs))])
        ),
        None if l.has_pin => format!("  {}", t("picker.has_pin")),
        None => String::new(),
    }
}

pub fn render(state: &PickerState, app: &App, area: Rect, buf: &mut Buffer) {
    let (learners, th) = (app.learners.as_slice(), &app.theme);
    let mut lines = vec![
        Line::from(t("picker.title").bold()),
        Line::from(""),
        Line::from(vec![
            Span::raw(t("picker.prompt")),
            Span::raw(" "),
            Span::styled(state.filter.clone(), th.input),
            Span::styled("▏", th.cursor),
        ]),
        Line::from(""),
    ];
    let rows = state.rows(learners);
    if rows.is_empty() {
        lines.push(Line::from(t("picker.empty")).style(th.dim));
    }
    let visible = area.height.saturating_sub(lines.len() as u16 + 1) as usize;
    let first = state
        .selected
        .unwrap_or(0)
        .saturating_sub(visible.saturating_sub(1));
    for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
        let (text, note) = match row {
            Row::Existing(l) => (l.name.clone(), learner_note(l, app)),
            Row::Create(name) => (tf("picker.create", &[("name", name)]), String::new()),
        };
        let on = state.selected == Some(i);
        let marker = if on { "▶ " } else { "  " };
        let style = if on { th.selected } else { Default::default() };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(text, style),
            Span::styled(note, th.dim),
        ]));
    }
    Paragraph::new(lines).render(area, buf);
}
