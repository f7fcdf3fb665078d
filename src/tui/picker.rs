//! "Who is learning?": pick a learner from the list, or type a new name. Typing filters,
//! ignoring case and accents. Nobody is chosen until someone types or moves, and the list
//! is by name: it tells nothing of who sat here last. Each learner's picture stands before
//! her name, so a learner who cannot read it finds her row by the picture.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::Lang;
use crate::pictures::Picture;
use crate::store::{Learner, name_key};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::input::Input;
use super::keys::{Binding, DOWN, ENDS, ENTER, ERASE, ESC, Press, UP, key};
use super::new_learner::NewLearner;
use super::screen::{Component, Cx, Screen, Step};
use super::widgets::{para, pause_words};

/// Longest display name accepted, in characters.
pub const MAX_NAME: usize = 60;

use Press::{Char, Key};

const KEYS: &[Binding] = &[
    Binding::typing("keys.type_name"),
    ERASE,
    key(&[UP, DOWN], &[Action::Up, Action::Down], "keys.move").shown("footer.choose", 6),
    ENDS,
    key(&[ENTER], &[Action::Confirm], "keys.choose_learner").shown("footer.open", 8),
    key(&[ESC], &[Action::Back], "keys.clear_or_quit").shown("footer.quit", 5),
    key(
        &[Key(KeyCode::F(2))],
        &[Action::OpenFacilitator],
        "keys.facilitator",
    )
    .shown("footer.facilitator", 4),
    key(
        &[Key(KeyCode::Tab)],
        &[Action::NextLanguage],
        "keys.language",
    ),
    key(
        &[Key(KeyCode::F(3))],
        &[Action::PlainMode],
        "keys.plain_mode",
    ),
];

/// While asking whether to quit.
const QUIT_KEYS: &[Binding] = &[
    key(&[Char('y'), ENTER], &[Action::Confirm], "keys.quit_yes").shown("footer.quit_yes", 8),
    key(&[Char('n'), ESC], &[Action::Back], "keys.quit_no").shown("footer.stay", 7),
];

#[derive(Debug, Default)]
pub struct Picker {
    pub filter: Input,
    /// Row in the visible list; the last row may be "create". `None` until someone types
    /// or moves: nobody is chosen in advance, so Enter alone opens no one's profile.
    pub selected: Option<usize>,
    /// Esc on an empty name asks before Hatua closes.
    pub asking_quit: bool,
}

/// One row of the picker.
#[derive(Debug, PartialEq)]
pub enum Row<'a> {
    Existing(&'a Learner),
    Create(String),
}

impl Picker {
    pub fn new() -> Picker {
        Picker {
            filter: Input::text(MAX_NAME),
            ..Picker::default()
        }
    }

    /// Learners whose name holds the filter, ignoring case and accents ("amel" finds
    /// "Amélie"), then "create" when the typed name is nobody's, by the same rule the
    /// store uses to keep names apart.
    pub fn rows<'a>(&self, learners: &'a [Learner]) -> Vec<Row<'a>> {
        let needle = name_key(&self.filter.text);
        let mut rows: Vec<Row<'a>> = learners
            .iter()
            .filter(|l| needle.is_empty() || name_key(&l.name).contains(&needle))
            .map(Row::Existing)
            .collect();
        let exact = learners.iter().any(|l| name_key(&l.name) == needle);
        if !needle.is_empty() && !exact {
            rows.push(Row::Create(self.filter.text.trim().to_string()));
        }
        rows
    }

    fn quit_answer(&mut self, action: Action) -> Step {
        match action {
            Action::Confirm => Step::go(Goto::Exit),
            Action::Back => {
                self.asking_quit = false;
                Step::none()
            }
            _ => Step::none(),
        }
    }
}

impl Component for Picker {
    fn table(&self) -> &'static [Binding] {
        if self.asking_quit { QUIT_KEYS } else { KEYS }
    }

    fn typing(&self) -> bool {
        !self.asking_quit
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        if self.asking_quit {
            return self.quit_answer(action);
        }
        let count = self.rows(cx.learners).len();
        let last = count.saturating_sub(1);
        match action {
            Action::Type(c) => {
                self.filter.push(c);
                self.selected = Some(0);
            }
            Action::Erase => {
                self.filter.pop();
                self.selected = (!self.filter.text.is_empty()).then_some(0);
            }
            Action::Up => self.selected = Some(self.selected.unwrap_or(1).saturating_sub(1)),
            Action::Down => {
                let next = self.selected.map_or(0, |s| s + 1);
                self.selected = Some(next.min(last));
            }
            Action::Home => self.selected = Some(0),
            Action::End => self.selected = Some(last),
            Action::Back if !self.filter.text.is_empty() => {
                self.filter.clear();
                self.selected = None;
            }
            // The picker is the first screen: Esc on an empty name would close Hatua for
            // the next learner too, so it asks.
            Action::Back => self.asking_quit = true,
            Action::OpenFacilitator => return Step::run(Effect::OpenFacilitator),
            Action::NextLanguage => {
                let all = Lang::ALL;
                let at = all.iter().position(|l| *l == cx.lang).unwrap_or(0);
                return Step::go(Goto::Speak(all[(at + 1) % all.len()]));
            }
            Action::Confirm => {
                let rows = self.rows(cx.learners);
                return match self.selected.and_then(|s| rows.get(s)) {
                    Some(Row::Existing(l)) => Step::run(Effect::OpenLearner(l.id.clone())),
                    Some(Row::Create(name)) => {
                        let taken: Vec<Picture> =
                            cx.learners.iter().filter_map(|l| l.picture).collect();
                        let form =
                            NewLearner::new(name.clone()).with_picture(Picture::first_free(&taken));
                        Step::open(Screen::NewLearner(Box::new(form)))
                    }
                    None => Step::none(),
                };
            }
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let mut lines = vec![
            Line::from(cx.t("picker.title").bold()),
            language_line(cx),
            // Said on the first screen, where a screen reader starts reading.
            Line::from(Span::styled(cx.t("picker.plain_key"), th.dim)),
            Line::from(""),
            self.filter
                .plain_line(&cx.t("picker.prompt"), !self.asking_quit, th),
            Line::from(""),
        ];
        if self.asking_quit {
            lines.push(Line::from(Span::styled(
                cx.t("picker.quit_question"),
                th.partial,
            )));
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(area, buf);
            return;
        }
        let rows = self.rows(cx.learners);
        if rows.is_empty() {
            lines.extend(para(&cx.t("picker.empty"), area.width as usize, th.dim));
        }
        let visible = area.height.saturating_sub(lines.len() as u16 + 1) as usize;
        let first = self
            .selected
            .unwrap_or(0)
            .saturating_sub(visible.saturating_sub(1));
        // The pictures' column, when anyone has a picture: learners from before pictures
        // are listed as they always were.
        let pictures = rows
            .iter()
            .any(|r| matches!(r, Row::Existing(l) if l.picture.is_some()));
        for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
            let picture = match row {
                Row::Existing(l) => l.picture,
                Row::Create(_) => None,
            };
            let (text, note) = match row {
                Row::Existing(l) => {
                    let note = match cx.locks.get(&l.id) {
                        Some(secs) => format!(
                            "  {}",
                            cx.tf(
                                "picker.paused",
                                &[("time", pause_words(cx.lang, *secs).into())]
                            )
                        ),
                        None if l.has_pin => format!("  {}", cx.t("picker.has_pin")),
                        None => String::new(),
                    };
                    (l.name.clone(), note)
                }
                Row::Create(name) => (
                    cx.tf("picker.create", &[("name", name.into())]),
                    String::new(),
                ),
            };
            let on = self.selected == Some(i);
            let mut spans = vec![Span::raw(if on { "▶ " } else { "  " })];
            if pictures {
                spans.push(super::picture_grid::inline(th, picture));
            }
            spans.push(Span::styled(
                text,
                if on { th.selected } else { Default::default() },
            ));
            spans.push(Span::styled(note, th.dim));
            lines.push(Line::from(spans));
        }
        Paragraph::new(lines).render(area, buf);
    }

    fn ticks(&self, cx: &Cx) -> bool {
        !cx.locks.is_empty()
    }
}

/// The language switch, in every language's own name so a learner finds hers whatever is
/// on screen: `Tab ▸ English · [Français] · Español`.
fn language_line(cx: &Cx) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!("{} ▸ ", cx.t("picker.language_key")),
        cx.theme.dim,
    )];
    for (i, lang) in Lang::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", cx.theme.dim));
        }
        if lang == cx.lang {
            spans.push(Span::styled(
                format!("[{}]", lang.own_name()),
                cx.theme.selected,
            ));
        } else {
            spans.push(Span::raw(lang.own_name()));
        }
    }
    Line::from(spans)
}
