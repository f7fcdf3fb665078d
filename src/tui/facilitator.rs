//! The facilitator's screen, behind a password: every learner's progress per course, and
//! resetting a PIN, archiving or deleting a learner. Learners never reach it without the
//! password; the password is set on first use here or with `hatua admin init`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::{t, tf};
use crate::store::Learner;

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::input::Input;
use super::signin::{Secret, duration_words};
use super::theme::Theme;
use super::widgets::{progress_bar, truncate};

/// One learner as the facilitator sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerSummary {
    pub learner: Learner,
    /// Seconds left of a PIN pause.
    pub locked: Option<u64>,
    pub courses: Vec<CourseSummary>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourseSummary {
    pub course_id: String,
    pub title: String,
    /// Quizzes (id, title) whose every attempt this learner has used without passing.
    pub stuck: Vec<(String, String)>,
    /// Items done (lessons read, quizzes passed) of the course's items.
    pub done: usize,
    pub items: usize,
    pub quizzes_passed: usize,
    pub quizzes: usize,
}

/// An action on a learner waiting for a choice or for `y`.
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
    /// One more attempt at one of these quizzes (course id, quiz id, title): ↑ ↓ choose.
    Grant {
        quizzes: Vec<(String, String, String)>,
        choice: usize,
    },
}

#[derive(Debug)]
pub enum FacilitatorState {
    /// Asking for the password, or for a new one when none is set (`creating`).
    Login {
        password: Input,
        again: Input,
        creating: bool,
        focus: usize,
        message: Option<String>,
    },
    Board {
        rows: Vec<LearnerSummary>,
        selected: usize,
        pending: Option<Pending>,
        message: Option<String>,
    },
}

impl FacilitatorState {
    /// A key while an action waits: moving or choosing for a merge or a grant, `y` for
    /// the rest; anything else cancels.
    fn answer(
        p: Pending,
        action: Action,
        current: Option<Learner>,
        rows: &[LearnerSummary],
        selected: &mut usize,
        pending: &mut Option<Pending>,
        message: &mut Option<String>,
    ) -> (Vec<Effect>, Option<Goto>) {
        let last = rows.len().saturating_sub(1);
        match (p, action) {
            (p @ Pending::MergeInto { .. }, Action::Up) => {
                *selected = selected.saturating_sub(1);
                *pending = Some(p);
            }
            (p @ Pending::MergeInto { .. }, Action::Down) => {
                *selected = (*selected + 1).min(last);
                *pending = Some(p);
            }
            (p @ Pending::MergeInto { .. }, Action::Home) => {
                *selected = 0;
                *pending = Some(p);
            }
            (p @ Pending::MergeInto { .. }, Action::End) => {
                *selected = last;
                *pending = Some(p);
            }
            (Pending::MergeInto { from }, Action::Confirm)
                if current.as_ref().is_some_and(|l| l.id != from.id) =>
            {
                *pending = Some(Pending::MergeConfirm { from });
            }
            (p @ Pending::MergeInto { .. }, Action::Confirm) => *pending = Some(p),
            (Pending::Grant { quizzes, choice }, Action::Up) => {
                *pending = Some(Pending::Grant {
                    choice: choice.saturating_sub(1),
                    quizzes,
                });
            }
            (Pending::Grant { quizzes, choice }, Action::Down) => {
                let choice = (choice + 1).min(quizzes.len().saturating_sub(1));
                *pending = Some(Pending::Grant { quizzes, choice });
            }
            (Pending::Grant { quizzes, choice }, Action::Confirm | Action::Type('y')) => {
                if let (Some(l), Some((course_id, quiz_id, _))) = (current, quizzes.get(choice)) {
                    let grant = Effect::GrantAttempt {
                        learner: l.id,
                        course_id: course_id.clone(),
                        quiz_id: quiz_id.clone(),
                    };
                    return (vec![grant], None);
                }
            }
            (p, Action::Type('y')) => {
                if let Some(l) = current {
                    let effect = match p {
                        Pending::ResetPin => Effect::ResetPin(l.id),
                        Pending::Delete => Effect::DeleteLearner(l.id),
                        Pending::MergeConfirm { from } => Effect::MergeLearners {
                            keep: l.id,
                            other: from.id,
                        },
                        Pending::MergeInto { .. } | Pending::Grant { .. } => {
                            return (Vec::new(), None);
                        }
                    };
                    return (vec![effect], None);
                }
            }
            _ => *message = Some(t("facilitator.cancelled").to_string()),
        }
        (Vec::new(), None)
    }

    pub fn login(creating: bool) -> FacilitatorState {
        FacilitatorState::Login {
            password: Input::password(),
            again: Input::password(),
            creating,
            focus: 0,
            message: None,
        }
    }

    pub fn update(&mut self, action: Action) -> (Vec<Effect>, Option<Goto>) {
        if let Action::FacilitatorBoard(rows) = action {
            let (selected, message) = match self {
                FacilitatorState::Board {
                    selected, message, ..
                } => (*selected, message.take()),
                FacilitatorState::Login { .. } => (0, None),
            };
            let selected = selected.min(rows.len().saturating_sub(1));
            *self = FacilitatorState::Board {
                rows,
                selected,
                pending: None,
                message,
            };
            return (Vec::new(), None);
        }
        match self {
            FacilitatorState::Login {
                password,
                again,
                creating,
                focus,
                message,
            } => match action {
                Action::Back => return (Vec::new(), Some(Goto::Picker)),
                Action::Failed(m) => *message = Some(m),
                Action::Type(c) if *focus == 0 => password.push(c),
                Action::Type(c) => again.push(c),
                Action::Erase if *focus == 0 => password.pop(),
                Action::Erase => again.pop(),
                Action::Confirm if !*creating => {
                    let secret = Secret(std::mem::take(&mut password.text));
                    return (vec![Effect::FacilitatorSignIn(secret)], None);
                }
                Action::Confirm if *focus == 0 => *focus = 1,
                Action::Confirm => {
                    let first = std::mem::take(&mut password.text);
                    let second = std::mem::take(&mut again.text);
                    *focus = 0;
                    if first != second {
                        *message = Some(t("facilitator.mismatch").to_string());
                        return (Vec::new(), None);
                    }
                    return (vec![Effect::SetFacilitatorPassword(Secret(first))], None);
                }
                _ => {}
            },
            FacilitatorState::Board {
                rows,
                selected,
                pending,
                message,
            } => {
                let current = rows.get(*selected).map(|r| r.learner.clone());
                if let Some(p) = pending.take() {
                    return Self::answer(p, action, current, rows, selected, pending, message);
                }
                *message = None;
                match action {
                    Action::Back => return (Vec::new(), Some(Goto::Picker)),
                    Action::Up => *selected = selected.saturating_sub(1),
                    Action::Home => *selected = 0,
                    Action::End => *selected = rows.len().saturating_sub(1),
                    Action::Down => *selected = (*selected + 1).min(rows.len().saturating_sub(1)),
                    Action::Failed(m) => *message = Some(m),
                    Action::Type('r') if current.as_ref().is_some_and(|l| l.has_pin) => {
                        *pending = Some(Pending::ResetPin)
                    }
                    Action::Type('r') => *message = Some(t("facilitator.no_pin").to_string()),
                    Action::Type('d') if current.is_some() => *pending = Some(Pending::Delete),
                    Action::Type('m') if rows.len() > 1 => {
                        if let Some(from) = current {
                            *pending = Some(Pending::MergeInto { from });
                        }
                    }
                    Action::Type('m') => *message = Some(t("facilitator.merge_none").to_string()),
                    Action::Type('g') => {
                        let quizzes: Vec<(String, String, String)> = rows
                            .get(*selected)
                            .into_iter()
                            .flat_map(|r| &r.courses)
                            .flat_map(|c| {
                                c.stuck.iter().map(|(q, title)| {
                                    (c.course_id.clone(), q.clone(), title.clone())
                                })
                            })
                            .collect();
                        if quizzes.is_empty() {
                            *message = Some(t("facilitator.grant_none").to_string());
                        } else {
                            *pending = Some(Pending::Grant { quizzes, choice: 0 });
                        }
                    }
                    Action::Type('i') => return (Vec::new(), Some(Goto::Import)),
                    Action::Type('a') => {
                        if let Some(l) = current {
                            return (vec![Effect::SetArchived(l.id, !l.archived)], None);
                        }
                    }
                    _ => {}
                }
            }
        }
        (Vec::new(), None)
    }
}

pub fn render(state: &FacilitatorState, th: &Theme, area: Rect, buf: &mut Buffer) {
    match state {
        FacilitatorState::Login {
            password,
            again,
            creating,
            focus,
            message,
        } => {
            let mut lines = vec![Line::from(t("facilitator.title").bold()), Line::from("")];
            if *creating {
                lines.push(Line::from(t("facilitator.create_intro")));
                lines.push(Line::from(""));
                lines.push(password.line(t("facilitator.new_password"), *focus == 0, th));
                lines.push(again.line(t("facilitator.again"), *focus == 1, th));
            } else {
                lines.push(password.line(t("facilitator.password"), true, th));
            }
            lines.push(Line::from(""));
            if let Some(m) = message {
                lines.push(Line::from(Span::styled(m.clone(), th.error)));
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(
                t("facilitator.login_help"),
                th.dim,
            )));
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(area, buf);
        }
        FacilitatorState::Board {
            rows,
            selected,
            pending,
            message,
        } => render_board(
            rows,
            *selected,
            pending.as_ref(),
            message.as_deref(),
            th,
            area,
            buf,
        ),
    }
}

fn render_board(
    rows: &[LearnerSummary],
    selected: usize,
    pending: Option<&Pending>,
    message: Option<&str>,
    th: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = area.width as usize;
    let mut lines = vec![
        Line::from(tf("facilitator.board_title", &[("count", &rows.len())]).bold()),
        Line::from(""),
    ];
    if rows.is_empty() {
        lines.push(Line::from(t("facilitator.no_learners")));
    }
    // The list takes about half the screen; the selected learner's courses the rest.
    let list_rows = (area.height as usize / 2).saturating_sub(2).max(3);
    let first = selected.saturating_sub(list_rows - 1);
    for (i, r) in rows.iter().enumerate().skip(first).take(list_rows) {
        let mut flags = Vec::new();
        if r.learner.has_pin {
            flags.push(t("facilitator.flag_pin").to_string());
        }
        if let Some(s) = r.locked {
            flags.push(tf(
                "facilitator.flag_paused",
                &[("time", &duration_words(s))],
            ));
        }
        if r.learner.archived {
            flags.push(t("facilitator.flag_archived").to_string());
        }
        let done: usize = r.courses.iter().map(|c| c.done).sum();
        let items: usize = r.courses.iter().map(|c| c.items).sum();
        let on = i == selected;
        lines.push(Line::from(vec![
            Span::raw(if on { "▶ " } else { "  " }),
            Span::styled(
                truncate(&r.learner.name, 24),
                if on { th.selected } else { th.title },
            ),
            Span::raw(format!("  {done}/{items}  ")),
            Span::styled(flags.join(" · "), th.dim),
        ]));
    }
    lines.push(Line::from(""));
    if let Some(r) = rows.get(selected) {
        lines.push(Line::from(
            tf("facilitator.courses_of", &[("name", &r.learner.name)]).bold(),
        ));
        for c in &r.courses {
            let fraction = if c.items == 0 {
                0.0
            } else {
                c.done as f64 / c.items as f64
            };
            lines.push(Line::from(vec![
                Span::styled(progress_bar(fraction, 10), th.progress),
                Span::raw(format!(" {:>3}% ", (fraction * 100.0).round() as u32)),
                Span::raw(truncate(&c.title, width.saturating_sub(34))),
                Span::styled(
                    format!(
                        "  {}",
                        tf(
                            "facilitator.quizzes",
                            &[("passed", &c.quizzes_passed), ("total", &c.quizzes)]
                        )
                    ),
                    th.dim,
                ),
            ]));
        }
        lines.push(Line::from(""));
    }
    let name = rows.get(selected).map_or("", |r| r.learner.name.as_str());
    let prompt = match pending {
        Some(Pending::ResetPin) => Some(tf("facilitator.confirm_reset", &[("name", &name)])),
        Some(Pending::Delete) => Some(tf("facilitator.confirm_delete", &[("name", &name)])),
        Some(Pending::MergeInto { from }) => {
            Some(tf("facilitator.merge_pick", &[("name", &from.name)]))
        }
        Some(Pending::MergeConfirm { from }) => Some(tf(
            "facilitator.confirm_merge",
            &[("from", &from.name), ("into", &name)],
        )),
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
            Some(tf("facilitator.confirm_grant", &[("name", &name)]))
        }
        None => message.map(str::to_string),
    };
    if let Some(p) = prompt {
        lines.push(Line::from(Span::styled(p, th.partial)));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
