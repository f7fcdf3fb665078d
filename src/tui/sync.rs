//! "Send records to the LRS", from the facilitator's board: the LRS's address and login
//! (from the config when it has them), whether names go, the last sync, then the sending
//! with a progress bar that can be stopped, and what came of it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::store::synced::SyncRecord;
use crate::sync::Summary;

use super::action::Action;
use super::effect::{Effect, Secret};
use super::input::Input;
use super::job::Job;
use super::keys::{Binding, DOWN, ENTER, ERASE, ESC, Press, SPACE, UP, key};
use super::problem::{Notice, Problem};
use super::screen::{Component, Cx, Step};
use super::widgets::{cells, hang, para, progress_bar};

const BACK: Binding = key(&[ESC], &[Action::Back], "keys.back_board").shown("footer.back", 7);
const FIELDS: Binding = key(
    &[UP, DOWN, Press::Key(KeyCode::Tab)],
    &[Action::Up, Action::Down, Action::Down],
    "keys.field",
)
.shown("footer.field", 5);
const SEND: Binding = key(&[ENTER], &[Action::Confirm], "keys.sync_send").shown("footer.send", 8);

/// On the address, the user or the password.
const TYPING: &[Binding] = &[
    Binding::typing("keys.type_field"),
    ERASE,
    FIELDS,
    SEND,
    BACK,
];

/// On "names go with the records".
const ON_NAMES: &[Binding] = &[
    key(&[SPACE], &[Action::ToggleNames], "keys.export_names").shown("footer.names", 6),
    FIELDS,
    SEND,
    BACK,
];

const SENDING: &[Binding] =
    &[key(&[ESC], &[Action::Back], "keys.sync_stop").shown("footer.stop", 8)];

const DONE: &[Binding] = &[
    key(&[ENTER], &[Action::Back], "keys.back_board").shown("footer.continue", 8),
    BACK,
];

/// Asked between batches: the facilitator pressed Esc.
#[derive(Debug, Clone, Default)]
pub struct StopFlag(pub Arc<AtomicBool>);

impl StopFlag {
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn stopped(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

impl PartialEq for StopFlag {
    fn eq(&self, other: &StopFlag) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The fields of the form, in order.
const URL: usize = 0;
const USER: usize = 1;
const PASSWORD: usize = 2;
const NAMES: usize = 3;

#[derive(Debug)]
pub struct Sync {
    url: Input,
    user: Input,
    password: Input,
    with_names: bool,
    focus: usize,
    last: Option<SyncRecord>,
    state: State,
}

#[derive(Debug)]
enum State {
    Form,
    Sending {
        done: usize,
        total: usize,
        stop: StopFlag,
    },
    Done(Summary),
}

impl Sync {
    /// The form, filled from the config; the focus on the first empty field.
    pub fn new(cx: &Cx) -> Sync {
        let url = Input::text(300).with_text(cx.lrs_url.unwrap_or_default());
        let user = Input::text(200).with_text(cx.lrs_user.unwrap_or_default());
        let focus = [&url, &user]
            .iter()
            .position(|i| i.text.is_empty())
            .unwrap_or(PASSWORD);
        Sync {
            url,
            user,
            password: Input::password(),
            with_names: false,
            focus,
            last: None,
            state: State::Form,
        }
    }

    /// The job that reads the last sync, for the form to show.
    pub fn status_job() -> Effect {
        Effect::Job(Job::SyncStatus)
    }

    fn send(&mut self) -> Step {
        if self.url.text.trim().is_empty() || self.user.text.trim().is_empty() {
            return Step::say(Notice::Bad(Problem::new("sync.fill_in")));
        }
        let stop = StopFlag::default();
        let job = Job::Sync {
            url: self.url.text.trim().to_string(),
            user: self.user.text.trim().to_string(),
            password: Secret(std::mem::take(&mut self.password.text)),
            with_names: self.with_names,
            stop: stop.clone(),
        };
        self.state = State::Sending {
            done: 0,
            total: 0,
            stop,
        };
        Step::run(Effect::Job(job))
    }

    /// The text field under the focus, if the focus is on one.
    fn field(&mut self) -> Option<&mut Input> {
        match self.focus {
            URL => Some(&mut self.url),
            USER => Some(&mut self.user),
            PASSWORD => Some(&mut self.password),
            _ => None,
        }
    }

    fn form_key(&mut self, action: Action) -> Step {
        match action {
            Action::Up => self.focus = self.focus.saturating_sub(1),
            Action::Down => self.focus = (self.focus + 1).min(NAMES),
            Action::ToggleNames => self.with_names = !self.with_names,
            Action::Confirm => return self.send(),
            Action::Type(c) => {
                if let Some(field) = self.field() {
                    field.push(c);
                }
            }
            Action::Erase => {
                if let Some(field) = self.field() {
                    field.pop();
                }
            }
            Action::Back => return Step::run(Effect::RefreshBoard),
            _ => {}
        }
        Step::none()
    }

    fn draw_form(&self, cx: &Cx, width: usize, lines: &mut Vec<Line<'static>>) {
        let th = cx.theme;
        lines.extend(para(&cx.t("sync.intro"), width, Default::default()));
        lines.push(Line::from(""));
        // The labels padded to one width, so the fields line up.
        let labels = [
            cx.t("sync.address"),
            cx.t("sync.user"),
            cx.t("sync.password"),
        ];
        let wide = labels.iter().map(|l| cells(l)).max().unwrap_or(0);
        let fields = [&self.url, &self.user, &self.password];
        for (i, (label, field)) in labels.iter().zip(fields).enumerate() {
            let padded = format!("{label}{}", " ".repeat(wide - cells(label)));
            lines.push(field.line(&padded, self.focus == i, th));
        }
        lines.push(Line::from(""));
        let mark = if self.with_names { "[x]" } else { "[ ]" };
        let marker = if self.focus == NAMES { "▶ " } else { "  " };
        for (i, l) in hang(&format!("{marker}{mark} "), &cx.t("sync.names"), width)
            .into_iter()
            .enumerate()
        {
            let style = if i == 0 && self.focus == NAMES {
                th.selected
            } else {
                Default::default()
            };
            lines.push(Line::from(Span::styled(l, style)));
        }
        for l in hang("      ", &cx.t("sync.names_warning"), width) {
            lines.push(Line::from(Span::styled(l, th.partial)));
        }
        lines.push(Line::from(""));
        let said = match &self.last {
            None => cx.t("sync.never"),
            Some(r) => last_words(cx, r),
        };
        lines.extend(para(&said, width, th.dim));
    }
}

impl Component for Sync {
    fn table(&self) -> &'static [Binding] {
        match self.state {
            State::Form if self.focus == NAMES => ON_NAMES,
            State::Form => TYPING,
            State::Sending { .. } => SENDING,
            State::Done(_) => DONE,
        }
    }

    fn shows_problems(&self) -> bool {
        true
    }

    fn typing(&self) -> bool {
        matches!(self.state, State::Form) && self.focus != NAMES
    }

    fn update(&mut self, action: Action, _cx: &Cx) -> Step {
        match (&mut self.state, action) {
            (_, Action::SyncStatus(record)) => {
                // Fields the config left empty take the last sync's address and user.
                if let Some(last) = &record {
                    if self.url.text.is_empty() {
                        self.url = Input::text(300).with_text(&last.lrs);
                    }
                    if self.user.text.is_empty()
                        && let Some(user) = &last.user
                    {
                        self.user = Input::text(200).with_text(user);
                    }
                    if matches!(self.state, State::Form) && self.focus < PASSWORD {
                        self.focus = [&self.url, &self.user]
                            .iter()
                            .position(|i| i.text.is_empty())
                            .unwrap_or(PASSWORD);
                    }
                }
                self.last = record;
            }
            (State::Sending { done, total, .. }, Action::SyncProgress { done: d, total: t }) => {
                (*done, *total) = (d, t);
            }
            (_, Action::SyncDone(summary)) => self.state = State::Done(*summary),
            (State::Sending { stop, .. }, Action::Back) => stop.stop(),
            (_, Action::Failed(problem)) => {
                // Back to the form as it was, but for the password, which is asked again.
                self.state = State::Form;
                self.focus = PASSWORD;
                return Step {
                    effects: vec![Sync::status_job()],
                    ..Step::say(Notice::Bad(problem))
                };
            }
            (State::Form, action) => return self.form_key(action),
            (State::Done(_), Action::Back) => return Step::run(Effect::RefreshBoard),
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let width = area.width as usize;
        let mut lines = vec![Line::from(cx.t("sync.title").bold()), Line::from("")];
        match &self.state {
            State::Form => self.draw_form(cx, width, &mut lines),
            State::Sending { done, total, stop } => {
                let fraction = if *total == 0 {
                    0.0
                } else {
                    *done as f64 / *total as f64
                };
                let key = if stop.stopped() {
                    "sync.stopping"
                } else {
                    "sync.sending"
                };
                lines.push(Line::from(
                    cx.tf(key, &[("done", (*done).into()), ("total", (*total).into())]),
                ));
                lines.push(Line::from(Span::styled(
                    progress_bar(fraction, width.min(40)),
                    th.progress,
                )));
            }
            State::Done(s) => {
                lines.extend(para(&summary_words(cx, s), width, th.good));
                for r in &s.rejected {
                    let text = cx.tf(
                        "sync.rejected_one",
                        &[
                            ("what", r.what.as_str().into()),
                            ("reason", r.reason.as_str().into()),
                        ],
                    );
                    lines.extend(para(&text, width, th.error));
                }
            }
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("sync.title"))
    }
}

fn summary_words(cx: &Cx, s: &Summary) -> String {
    if s.sent + s.there + s.rejected.len() == 0 {
        return cx.tf("sync.nothing", &[("earlier", s.earlier.into())]);
    }
    cx.tf(
        "sync.done",
        &[
            ("sent", s.sent.into()),
            ("there", s.there.into()),
            ("rejected", s.rejected.len().into()),
        ],
    )
}

fn last_words(cx: &Cx, r: &SyncRecord) -> String {
    let when = r.started_at.replace('T', " ");
    let when = when.trim_end_matches('Z');
    let when = when.get(..16).unwrap_or(when);
    let args = [
        ("when", when.into()),
        ("lrs", r.lrs.as_str().into()),
        ("sent", r.sent.into()),
        ("there", r.there.into()),
        ("rejected", r.rejected.into()),
    ];
    match r.outcome.as_deref() {
        Some("done") => cx.tf("sync.last_done", &args),
        _ => cx.tf("sync.last_cut", &args),
    }
}
