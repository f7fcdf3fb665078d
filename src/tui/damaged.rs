//! The screen a start shows when the records file was damaged and set aside: what happened,
//! what the newest good backup would bring back (and what it would not), and the choice
//! of putting it back, starting empty records, or closing with nothing changed. Until a
//! choice is made no records are open, so nothing else can be reached from here.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::desk::Damage;

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::keys::{Binding, ENTER, ESC, MOVE, Press, key};
use super::screen::{Component, Cx, Step};
use super::widgets::hang;

const KEYS: &[Binding] = &[
    MOVE,
    key(&[ENTER], &[Action::Confirm], "keys.damaged_choose").shown("footer.choose_this", 8),
    key(
        &[ESC, Press::Char('q')],
        &[Action::Quit],
        "keys.damaged_close",
    )
    .shown("footer.quit", 6),
];

/// What can be chosen, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Restore,
    Empty,
    Close,
}

#[derive(Debug)]
pub struct Damaged {
    /// The file's name as set aside (`hatua.db.damaged-…`).
    aside: String,
    /// What SQLite found; `None` when it was set aside at an earlier start.
    reason: Option<String>,
    /// The backup to offer, and when it was made.
    backup: Option<(PathBuf, String)>,
    choices: Vec<Choice>,
    selected: usize,
}

impl Damaged {
    pub fn new(damage: &Damage) -> Damaged {
        let backup = damage
            .backup
            .as_ref()
            .map(|b| (b.path.clone(), crate::desk::when(b.taken)));
        let mut choices = vec![Choice::Empty, Choice::Close];
        if backup.is_some() {
            choices.insert(0, Choice::Restore);
        }
        Damaged {
            aside: damage
                .aside
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            reason: damage.reason.clone(),
            backup,
            choices,
            selected: 0,
        }
    }

    /// Quick exit: back to how the screen first looked. There is nothing else to hide
    /// behind while no records are open.
    pub fn reset(&mut self) {
        self.selected = 0;
    }

    fn choice_text(&self, choice: Choice, cx: &Cx) -> String {
        match choice {
            Choice::Restore => cx.t("damaged.restore"),
            Choice::Empty => cx.t("damaged.empty"),
            Choice::Close => cx.t("damaged.close"),
        }
    }
}

impl Component for Damaged {
    fn table(&self) -> &'static [Binding] {
        KEYS
    }

    fn update(&mut self, action: Action, _cx: &Cx) -> Step {
        match action {
            Action::Up => {
                self.selected = self.selected.saturating_sub(1);
                Step::none()
            }
            Action::Down => {
                self.selected = (self.selected + 1).min(self.choices.len() - 1);
                Step::none()
            }
            Action::Confirm => match self.choices[self.selected] {
                Choice::Restore => Step::run(Effect::Recover {
                    backup: self.backup.clone(),
                }),
                Choice::Empty => Step::run(Effect::Recover { backup: None }),
                Choice::Close => Step::go(Goto::Exit),
            },
            _ => Step::none(),
        }
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("damaged.title"))
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let file = self.aside.as_str();
        let found = match &self.reason {
            Some(reason) => cx.tf(
                "damaged.found",
                &[("reason", reason.as_str().into()), ("file", file.into())],
            ),
            None => cx.tf("damaged.found_earlier", &[("file", file.into())]),
        };
        let offer = match &self.backup {
            Some((_, time)) => cx.tf("damaged.backup", &[("time", time.as_str().into())]),
            None => cx.t("damaged.no_backup"),
        };
        let mut lines = vec![
            Line::from(cx.t("damaged.title").bold()),
            Line::from(""),
            Line::from(found),
            Line::from(""),
            Line::from(offer),
            Line::from(""),
        ];
        for (i, choice) in self.choices.iter().enumerate() {
            let text = self.choice_text(*choice, cx);
            let (mark, style) = if i == self.selected {
                ("▸ ", th.selected)
            } else {
                ("  ", ratatui::style::Style::default())
            };
            for line in hang(mark, &text, usize::from(area.width)) {
                lines.push(Line::from(Span::styled(line, style)));
            }
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(cx.t("damaged.ask"), th.dim)));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}
