//! The facilitator's board, behind the password: every learner's progress per course (by the
//! same rule the learner's own outline uses), and resetting a PIN, archiving, deleting,
//! merging two profiles of one person, granting one more attempt, importing courses.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::records::LearnerSummary;
use crate::store::Learner;

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::keys::{Binding, ENDS, ENTER, ESC, MOVE, Press, key};
use super::problem::Problem;
use super::screen::{Component, Cx, Screen, Step};
use super::widgets::{pause_words, progress_bar, truncate};

use Press::Char;

const KEYS: &[Binding] = &[
    MOVE.shown("footer.choose", 6),
    ENDS,
    key(&[Char('r')], &[Action::ResetPin], "keys.reset_pin").shown("footer.reset_pin", 3),
    key(&[Char('a')], &[Action::Archive], "keys.archive").shown("footer.archive", 2),
    key(&[Char('d')], &[Action::Delete], "keys.delete").shown("footer.delete", 2),
    key(&[Char('m')], &[Action::Merge], "keys.merge").shown("footer.merge", 1),
    key(&[Char('g')], &[Action::Grant], "keys.grant").shown("footer.grant", 1),
    key(&[Char('i')], &[Action::OpenImport], "keys.import").shown("footer.import", 4),
    key(&[Char('e')], &[Action::OpenExport], "keys.export").shown("footer.export", 4),
    key(&[Char('o')], &[Action::OpenReports], "keys.reports").shown("footer.reports", 4),
    key(&[Char('h')], &[Action::OpenMerge], "keys.hub").shown("footer.hub", 1),
    key(&[Char('s')], &[Action::OpenSync], "keys.sync").shown("footer.sync", 3),
    key(&[Char('q'), ESC], &[Action::Back], "keys.sign_out").shown("footer.sign_out", 7),
];

/// A change waiting for `y`.
const CONFIRM_KEYS: &[Binding] = &[
    key(&[Char('y')], &[Action::Confirm], "keys.confirm_yes").shown("footer.yes", 8),
    key(&[Char('n'), ESC], &[Action::Back], "keys.confirm_no").shown("footer.no", 7),
];

/// Choosing the profile to merge into, or the quiz to grant an attempt at.
const CHOOSE_KEYS: &[Binding] = &[
    MOVE.shown("footer.choose", 6),
    ENDS,
    key(&[ENTER], &[Action::Confirm], "keys.choose_this").shown("footer.choose_this", 8),
    key(&[ESC], &[Action::Back], "keys.cancel").shown("footer.cancel", 7),
];

/// A change to a learner waiting for a choice or for `y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    ResetPin,
    Delete,
    /// Merging `from` into another profile: the facilitator moves to it and presses Enter.
    MergeInto {
        from: Learner,
    },
    /// Merging `from` into the selected learner, waiting for `y`.
    MergeConfirm {
        from: Learner,
    },
    /// One more attempt at one of these quizzes (course id, quiz id, title).
    Grant {
        quizzes: Vec<(String, String, String)>,
        choice: usize,
    },
}

#[derive(Debug, Default)]
pub struct Board {
    pub rows: Vec<LearnerSummary>,
    pub selected: usize,
    pub pending: Option<Pending>,
    pub message: Option<Problem>,
}

impl Board {
    pub fn new(rows: Vec<LearnerSummary>) -> Board {
        Board {
            rows,
            ..Board::default()
        }
    }

    fn current(&self) -> Option<&Learner> {
        self.rows.get(self.selected).map(|r| &r.learner)
    }

    fn last(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }

    fn moved(&mut self, action: &Action) -> bool {
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(self.last()),
            Action::Home => self.selected = 0,
            Action::End => self.selected = self.last(),
            _ => return false,
        }
        true
    }

    /// A key while a change waits.
    fn answer(&mut self, pending: Pending, action: Action) -> Step {
        let Some(current) = self.current().cloned() else {
            return Step::none();
        };
        match (pending, action) {
            (_, Action::Back) => self.message = Some(Problem::new("facilitator.cancelled")),
            (
                p @ Pending::MergeInto { .. },
                a @ (Action::Up | Action::Down | Action::Home | Action::End),
            ) => {
                self.moved(&a);
                self.pending = Some(p);
            }
            (Pending::MergeInto { from }, Action::Confirm) if current.id != from.id => {
                self.pending = Some(Pending::MergeConfirm { from });
            }
            (Pending::MergeInto { from }, Action::Confirm) => {
                self.message = Some(Problem::new("facilitator.merge_same"));
                self.pending = Some(Pending::MergeInto { from });
            }
            (
                Pending::Grant { quizzes, choice },
                a @ (Action::Up | Action::Down | Action::Home | Action::End),
            ) => {
                let last = quizzes.len().saturating_sub(1);
                let choice = match a {
                    Action::Up => choice.saturating_sub(1),
                    Action::Down => (choice + 1).min(last),
                    Action::Home => 0,
                    _ => last,
                };
                self.pending = Some(Pending::Grant { quizzes, choice });
            }
            (Pending::Grant { quizzes, choice }, Action::Confirm) => {
                if let Some((course_id, quiz_id, _)) = quizzes.get(choice) {
                    return Step::run(Effect::GrantAttempt {
                        learner: current.id,
                        course_id: course_id.clone(),
                        quiz_id: quiz_id.clone(),
                    });
                }
            }
            (Pending::ResetPin, Action::Confirm) => return Step::run(Effect::ResetPin(current.id)),
            (Pending::Delete, Action::Confirm) => {
                return Step::run(Effect::DeleteLearner(current.id));
            }
            (Pending::MergeConfirm { from }, Action::Confirm) => {
                return Step::run(Effect::MergeLearners {
                    keep: current.id,
                    other: from.id,
                });
            }
            (p, _) => self.pending = Some(p),
        }
        Step::none()
    }

    /// The quizzes whose attempts the selected learner has used up without passing.
    fn stuck(&self) -> Vec<(String, String, String)> {
        self.rows
            .get(self.selected)
            .into_iter()
            .flat_map(|r| &r.courses)
            .flat_map(|c| {
                c.stuck
                    .iter()
                    .map(|(q, title)| (c.course_id.clone(), q.clone(), title.clone()))
            })
            .collect()
    }
}

impl Component for Board {
    fn shows_problems(&self) -> bool {
        true
    }

    fn table(&self) -> &'static [Binding] {
        match &self.pending {
            None => KEYS,
            Some(Pending::MergeInto { .. } | Pending::Grant { .. }) => CHOOSE_KEYS,
            Some(_) => CONFIRM_KEYS,
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        if let Action::FacilitatorBoard(rows) = action {
            self.rows = rows;
            self.selected = self.selected.min(self.last());
            self.pending = None;
            return Step::none();
        }
        if let Action::Failed(problem) = action {
            self.pending = None;
            self.message = Some(problem);
            return Step::none();
        }
        if let Some(p) = self.pending.take() {
            self.message = None;
            return self.answer(p, action);
        }
        self.message = None;
        if self.moved(&action) {
            return Step::none();
        }
        // Screens of the site's records, whoever is selected.
        if let Some(step) = records_screen(&action, cx) {
            return step;
        }
        let Some(current) = self.current().cloned() else {
            return match action {
                Action::Back => Step::go(Goto::Picker),
                Action::OpenImport => Step::go(Goto::Import),
                _ => Step::none(),
            };
        };
        match action {
            Action::Back => return Step::go(Goto::Picker),
            Action::OpenImport => return Step::go(Goto::Import),
            Action::ResetPin if current.has_pin => self.pending = Some(Pending::ResetPin),
            Action::ResetPin => self.message = Some(Problem::new("facilitator.no_pin")),
            Action::Delete => self.pending = Some(Pending::Delete),
            Action::Merge if self.rows.len() > 1 => {
                self.pending = Some(Pending::MergeInto { from: current })
            }
            Action::Merge => self.message = Some(Problem::new("facilitator.merge_none")),
            Action::Grant => {
                let quizzes = self.stuck();
                if quizzes.is_empty() {
                    self.message = Some(Problem::new("facilitator.grant_none"));
                } else {
                    self.pending = Some(Pending::Grant { quizzes, choice: 0 });
                }
            }
            Action::Archive => {
                return Step::run(Effect::SetArchived(current.id, !current.archived));
            }
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let mut lines = vec![
            Line::from(
                cx.tf(
                    "facilitator.board_title",
                    &[("count", self.rows.len().into())],
                )
                .bold(),
            ),
            Line::from(""),
        ];
        if self.rows.is_empty() {
            lines.push(Line::from(cx.t("facilitator.no_learners")));
        }
        // The list takes about half the screen; the selected learner's courses the rest.
        let list_rows = (area.height as usize / 2).saturating_sub(2).max(3);
        let first = self.selected.saturating_sub(list_rows - 1);
        for (i, r) in self.rows.iter().enumerate().skip(first).take(list_rows) {
            lines.push(learner_line(cx, r, i == self.selected));
        }
        lines.push(Line::from(""));
        if let Some(r) = self.rows.get(self.selected) {
            lines.extend(course_lines(cx, r, area.width as usize));
        }
        lines.extend(self.prompt_lines(cx, area.width as usize));
        if let Some(m) = &self.message {
            lines.push(Line::from(Span::styled(m.text(cx.lang), th.partial)));
        }
        // The question and what to press stay in view: the list above gives way first.
        let wanted = super::widgets::wrapped_height(&lines, area.width);
        let scroll = wanted.saturating_sub(area.height as usize) as u16;
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .render(area, buf);
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("facilitator.title"))
    }
}

impl Board {
    /// The question of a change waiting for an answer, with the quizzes to choose from.
    fn prompt_lines(&self, cx: &Cx, width: usize) -> Vec<Line<'static>> {
        let th = cx.theme;
        let name = self.current().map_or("", |l| l.name.as_str());
        let mut lines = Vec::new();
        let prompt = match &self.pending {
            Some(Pending::ResetPin) => cx.tf("facilitator.confirm_reset", &[("name", name.into())]),
            Some(Pending::Delete) => cx.tf("facilitator.confirm_delete", &[("name", name.into())]),
            Some(Pending::MergeInto { from }) => cx.tf(
                "facilitator.merge_pick",
                &[("name", from.name.as_str().into())],
            ),
            Some(Pending::MergeConfirm { from }) => cx.tf(
                "facilitator.confirm_merge",
                &[("from", from.name.as_str().into()), ("into", name.into())],
            ),
            Some(Pending::Grant { quizzes, choice }) => {
                for (i, (_, _, title)) in quizzes.iter().enumerate() {
                    let on = i == *choice;
                    lines.push(Line::from(vec![
                        Span::raw(if on { "▶ " } else { "  " }),
                        Span::styled(
                            truncate(title, width.saturating_sub(2)),
                            if on { th.selected } else { Default::default() },
                        ),
                    ]));
                }
                cx.tf("facilitator.confirm_grant", &[("name", name.into())])
            }
            None => return lines,
        };
        lines.push(Line::from(Span::styled(prompt, th.partial)));
        lines
    }
}

/// A learner in the list: name, what is done of what is required, and flags.
fn learner_line(cx: &Cx, r: &LearnerSummary, on: bool) -> Line<'static> {
    let th = cx.theme;
    let mut flags = Vec::new();
    if r.learner.has_pin {
        flags.push(cx.t("facilitator.flag_pin"));
    }
    if let Some(s) = r.locked {
        flags.push(cx.tf(
            "facilitator.flag_paused",
            &[("time", pause_words(cx.lang, s).into())],
        ));
    }
    if r.learner.archived {
        flags.push(cx.t("facilitator.flag_archived"));
    }
    let totals = r.totals();
    Line::from(vec![
        Span::raw(if on { "▶ " } else { "  " }),
        Span::styled(
            truncate(&r.learner.name, 24),
            if on { th.selected } else { th.title },
        ),
        Span::raw(format!("  {}/{}  ", totals.finished, totals.required)),
        Span::styled(flags.join(" · "), th.dim),
    ])
}

/// The selected learner's progress in each course, by the learner's own rule.
fn course_lines(cx: &Cx, r: &LearnerSummary, width: usize) -> Vec<Line<'static>> {
    let th = cx.theme;
    let mut lines = vec![Line::from(
        cx.tf(
            "facilitator.courses_of",
            &[("name", r.learner.name.as_str().into())],
        )
        .bold(),
    )];
    if r.courses.is_empty() {
        lines.push(Line::from(Span::styled(
            cx.t("facilitator.no_courses"),
            th.dim,
        )));
    }
    for c in &r.courses {
        let fraction = c.progress.fraction();
        let quizzes = cx.tf(
            "facilitator.quizzes",
            &[
                ("passed", c.quizzes_passed.into()),
                ("total", c.quizzes.into()),
            ],
        );
        let title_width = width.saturating_sub(18 + super::widgets::cells(&quizzes));
        lines.push(Line::from(vec![
            Span::styled(progress_bar(fraction, 10), th.progress),
            Span::raw(format!(" {:>3}% ", (fraction * 100.0).round() as u32)),
            Span::raw(truncate(&c.title, title_width.max(8))),
            Span::styled(format!("  {quizzes}"), th.dim),
        ]));
    }
    lines.push(Line::from(""));
    lines
}

/// The screen of the site's records that `action` opens, with the job it starts with.
fn records_screen(action: &Action, cx: &Cx) -> Option<Step> {
    let (screen, job) = match action {
        Action::OpenExport => (
            Screen::Export(Box::default()),
            super::export::Export::plan(cx, false),
        ),
        Action::OpenReports => (
            Screen::Reports(Box::default()),
            super::reports::Reports::first_job(),
        ),
        Action::OpenMerge => (
            Screen::Hub(Box::new(super::hub::Hub::Looking)),
            super::hub::Hub::find(cx),
        ),
        Action::OpenSync => (
            Screen::Sync(Box::new(super::sync::Sync::new(cx))),
            super::sync::Sync::status_job(),
        ),
        _ => return None,
    };
    Some(Step {
        effects: vec![job],
        open: Some(screen),
        ..Step::default()
    })
}
