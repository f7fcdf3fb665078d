//! The facilitator's "Export records to drive" screen: the drives found (as the import
//! screen finds them), what the export would hold, whether learners' names go with it, and
//! the file written with a progress bar.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::action::Action;
use super::effect::Effect;
use super::job::{ExportCounts, Job};
use super::job_records::EXPORT_FOLDER;
use super::keys::{Binding, ENTER, ESC, MOVE, Press, SPACE, key};
use super::screen::{Component, Cx, Step};
use super::widgets::{para, progress_bar, truncate};

use Press::Char;

const BACK: Binding =
    key(&[Char('q'), ESC], &[Action::Back], "keys.back_board").shown("footer.back", 7);
const RESCAN: Binding =
    key(&[Char('r')], &[Action::Rescan], "keys.rescan").shown("footer.rescan", 5);

const LOOKING: &[Binding] = &[BACK];

const READY: &[Binding] = &[
    key(&[SPACE], &[Action::ToggleNames], "keys.export_names").shown("footer.names", 6),
    key(&[Char('a')], &[Action::ToggleAll], "keys.export_all").shown("footer.all_new", 4),
    RESCAN,
    BACK,
];

const WRITE: Binding =
    key(&[ENTER], &[Action::Confirm], "keys.export_write").shown("footer.write", 8);

const NO_DRIVE: &[Binding] = &[RESCAN, BACK];

const WRITING: &[Binding] = &[];

const DONE: &[Binding] = &[
    key(&[ENTER], &[Action::Back], "keys.back_board").shown("footer.continue", 8),
    BACK,
];

#[derive(Debug)]
pub enum Export {
    /// Looking for drives and counting what is new.
    Looking {
        all: bool,
        with_names: bool,
    },
    Ready {
        drives: Vec<PathBuf>,
        selected: usize,
        counts: ExportCounts,
        site: String,
        all: bool,
        with_names: bool,
    },
    Writing {
        done: usize,
        total: usize,
    },
    Written(PathBuf),
}

impl Default for Export {
    fn default() -> Export {
        Export::new()
    }
}

impl Export {
    pub fn new() -> Export {
        Export::Looking {
            all: false,
            with_names: false,
        }
    }

    /// The job that looks again (drives, and what an export of `all` would hold).
    pub fn plan(cx: &Cx, all: bool) -> Effect {
        Effect::Job(Job::ExportPlan {
            patterns: cx.drive_patterns.to_vec(),
            all,
            site_name: cx.site_name.map(str::to_string),
        })
    }

    fn again(&mut self, cx: &Cx, all: bool, with_names: bool) -> Step {
        *self = Export::Looking { all, with_names };
        Step::run(Export::plan(cx, all))
    }
}

impl Component for Export {
    fn table(&self) -> &'static [Binding] {
        match self {
            Export::Looking { .. } => LOOKING,
            Export::Ready { drives, .. } if drives.is_empty() => NO_DRIVE,
            Export::Ready { .. } => READY,
            Export::Writing { .. } => WRITING,
            Export::Written(_) => DONE,
        }
    }

    fn more(&self) -> Vec<&'static Binding> {
        match self {
            Export::Ready { drives, counts, .. } if !drives.is_empty() => {
                let mut more = Vec::new();
                if !counts.empty {
                    more.push(&WRITE);
                }
                if drives.len() > 1 {
                    more.push(&MOVE);
                }
                more
            }
            _ => Vec::new(),
        }
    }

    fn shows_problems(&self) -> bool {
        true
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        let (all, with_names) = match self {
            Export::Looking { all, with_names }
            | Export::Ready {
                all, with_names, ..
            } => (*all, *with_names),
            _ => (false, false),
        };
        match action {
            Action::ExportPlanned {
                drives,
                counts,
                site,
            } => {
                *self = Export::Ready {
                    drives,
                    selected: 0,
                    counts,
                    site,
                    all,
                    with_names,
                };
                Step::none()
            }
            Action::ExportProgress { done, total } => {
                *self = Export::Writing { done, total };
                Step::none()
            }
            Action::ExportWritten(path) => {
                *self = Export::Written(path);
                Step::none()
            }
            Action::Failed(problem) => {
                *self = Export::Ready {
                    drives: Vec::new(),
                    selected: 0,
                    counts: ExportCounts::default(),
                    site: String::new(),
                    all,
                    with_names,
                };
                Step::say(super::problem::Notice::Bad(problem))
            }
            Action::Back if !matches!(self, Export::Writing { .. }) => {
                Step::run(Effect::RefreshBoard)
            }
            Action::Rescan => self.again(cx, all, with_names),
            Action::ToggleAll => self.again(cx, !all, with_names),
            _ => self.ready_key(action, cx),
        }
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let width = area.width as usize;
        let mut lines = vec![Line::from(cx.t("export.title").bold()), Line::from("")];
        match self {
            Export::Looking { .. } => lines.push(Line::from(cx.t("export.looking"))),
            Export::Ready { drives, .. } if drives.is_empty() => {
                lines.extend(para(&cx.t("export.no_drives"), width, Default::default()));
            }
            Export::Ready {
                drives,
                selected,
                counts,
                site,
                all,
                with_names,
            } => {
                lines.extend(drive_lines(cx, drives, *selected, width));
                lines.push(Line::from(""));
                let text = counts_text(cx, counts, site, *all);
                lines.extend(para(&text, width, Default::default()));
                lines.push(Line::from(""));
                lines.extend(names_lines(cx, *with_names, width));
            }
            Export::Writing { done, total } => {
                let fraction = if *total == 0 {
                    0.0
                } else {
                    *done as f64 / *total as f64
                };
                lines.push(Line::from(cx.tf(
                    "export.writing",
                    &[("done", (*done).into()), ("total", (*total).into())],
                )));
                lines.push(Line::from(Span::styled(
                    progress_bar(fraction, width.min(40)),
                    th.progress,
                )));
            }
            Export::Written(path) => {
                let text = cx.tf(
                    "export.written",
                    &[("file", path.display().to_string().into())],
                );
                lines.extend(para(&text, width, th.good));
            }
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("export.title"))
    }
}

/// The drives found, the one the export goes to marked.
fn drive_lines(cx: &Cx, drives: &[PathBuf], selected: usize, width: usize) -> Vec<Line<'static>> {
    let th = cx.theme;
    drives
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let on = i == selected;
            Line::from(vec![
                Span::raw(if on { "▶ " } else { "  " }),
                Span::styled(
                    truncate(&d.display().to_string(), width.saturating_sub(2)),
                    if on { th.selected } else { th.title },
                ),
            ])
        })
        .collect()
}

/// What the export would hold (all, or what is new), or that it would hold nothing.
fn counts_text(cx: &Cx, counts: &ExportCounts, site: &str, all: bool) -> String {
    let key = if counts.empty {
        if all {
            "export.nothing_at_all"
        } else {
            "export.nothing_new"
        }
    } else if all {
        "export.counts_all"
    } else {
        "export.counts_new"
    };
    cx.tf(
        key,
        &[
            ("site", site.into()),
            ("learners", counts.learners.into()),
            ("attempts", counts.attempts.into()),
            ("answers", counts.answers.into()),
        ],
    )
}

/// Whether learners' names go with the file, and the warning that goes with them.
fn names_lines(cx: &Cx, with_names: bool, width: usize) -> Vec<Line<'static>> {
    let mark = if with_names { "[x]" } else { "[ ]" };
    let mut lines = vec![Line::from(format!("{mark} {}", cx.t("export.names")))];
    lines.extend(para(&cx.t("export.names_warning"), width, cx.theme.partial));
    lines
}

impl Export {
    fn ready_key(&mut self, action: Action, cx: &Cx) -> Step {
        let Export::Ready {
            drives,
            selected,
            counts,
            all,
            with_names,
            ..
        } = self
        else {
            return Step::none();
        };
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(drives.len().saturating_sub(1)),
            Action::ToggleNames => *with_names = !*with_names,
            Action::Confirm if !counts.empty => {
                if let Some(drive) = drives.get(*selected) {
                    let job = Job::Export {
                        dir: drive.join(EXPORT_FOLDER),
                        all: *all,
                        with_names: *with_names,
                        site_name: cx.site_name.map(str::to_string),
                    };
                    *self = Export::Writing { done: 0, total: 0 };
                    return Step::run(Effect::Job(job));
                }
            }
            _ => {}
        }
        Step::none()
    }
}
