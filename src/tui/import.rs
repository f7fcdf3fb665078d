//! The facilitator's "Import from drive" screen: the bundles on each removable drive, with
//! their version and who signed them, and installing them with a progress bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::{t, tf};
use crate::library::install::{ImportRow, Outcome};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::job::{DriveFind, Job};
use super::theme::Theme;
use super::widgets::{progress_bar, truncate};

#[derive(Debug)]
pub enum ImportState {
    Scanning,
    Found {
        drives: Vec<DriveFind>,
        selected: usize,
    },
    Importing {
        done: usize,
        total: usize,
    },
    Done {
        rows: Vec<ImportRow>,
    },
}

/// What an update asks of the app: effects, a move, and a job to start.
pub type ImportUpdate = (Vec<Effect>, Option<Goto>, Option<Job>);

impl ImportState {
    fn candidates(drives: &[DriveFind]) -> Vec<(usize, usize)> {
        drives
            .iter()
            .enumerate()
            .flat_map(|(d, f)| (0..f.bundles.len()).map(move |b| (d, b)))
            .collect()
    }

    pub fn update(&mut self, action: Action, patterns: &[String]) -> ImportUpdate {
        match action {
            Action::DrivesScanned(drives) => {
                *self = ImportState::Found {
                    drives,
                    selected: 0,
                };
                return (Vec::new(), None, None);
            }
            Action::ImportProgress { done, total } => {
                *self = ImportState::Importing { done, total };
                return (Vec::new(), None, None);
            }
            Action::ImportDone(rows) => {
                *self = ImportState::Done { rows };
                return (Vec::new(), None, None);
            }
            Action::Back => return (vec![Effect::RefreshBoard], None, None),
            Action::Type('r') => {
                *self = ImportState::Scanning;
                return (
                    Vec::new(),
                    None,
                    Some(Job::Scan {
                        patterns: patterns.to_vec(),
                    }),
                );
            }
            _ => {}
        }
        if let ImportState::Found { drives, selected } = self {
            let list = Self::candidates(drives);
            let chosen = |i: usize| list.get(i).map(|&(d, b)| &drives[d].bundles[b]);
            match action {
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Down => *selected = (*selected + 1).min(list.len().saturating_sub(1)),
                Action::Confirm => {
                    if let Some(c) = chosen(*selected).filter(|c| c.problem.is_none()) {
                        let job = Job::Import {
                            paths: vec![c.path.clone()],
                        };
                        *self = ImportState::Importing { done: 0, total: 1 };
                        return (Vec::new(), None, Some(job));
                    }
                }
                Action::Type('a') => {
                    let paths: Vec<_> = drives.iter().map(|d| d.drive.clone()).collect();
                    if !paths.is_empty() {
                        *self = ImportState::Importing { done: 0, total: 0 };
                        return (Vec::new(), None, Some(Job::Import { paths }));
                    }
                }
                _ => {}
            }
        }
        (Vec::new(), None, None)
    }
}

pub fn render(state: &ImportState, th: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let mut lines = vec![Line::from(t("import.title").bold()), Line::from("")];
    match state {
        ImportState::Scanning => lines.push(Line::from(t("import.scanning"))),
        ImportState::Found { drives, selected } => {
            if drives.is_empty() {
                lines.push(Line::from(t("import.no_drives")));
            }
            let mut n = 0;
            for d in drives {
                lines.push(Line::from(Span::styled(
                    truncate(&tf("import.drive", &[("path", &d.drive.display())]), width),
                    th.title,
                )));
                if d.bundles.is_empty() {
                    lines.push(Line::from(Span::styled(
                        format!("  {}", t("import.no_bundles")),
                        th.dim,
                    )));
                }
                for c in &d.bundles {
                    let on = n == *selected;
                    let (text, note) = match &c.problem {
                        None => (
                            format!(
                                "{} {}",
                                c.title.as_deref().unwrap_or_default(),
                                c.version.as_deref().unwrap_or_default()
                            ),
                            match &c.installed {
                                Some(v) => tf(
                                    "import.installed_now",
                                    &[
                                        ("version", v),
                                        ("standing", &c.standing.clone().unwrap_or_default()),
                                    ],
                                ),
                                None => c.standing.clone().unwrap_or_default(),
                            },
                        ),
                        Some(p) => (
                            c.path
                                .file_name()
                                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                            tf("import.cannot", &[("reason", p)]),
                        ),
                    };
                    lines.push(Line::from(vec![
                        Span::raw(if on { "▶ " } else { "  " }),
                        Span::styled(
                            truncate(&crate::sanitize::clean_line(&text), width.saturating_sub(2)),
                            if on { th.selected } else { Default::default() },
                        ),
                    ]));
                    // The note gets a line of its own: a refusal's reason is the point.
                    lines.push(Line::from(Span::styled(
                        match &c.problem {
                            // A refusal's reason is read in full, wrapped.
                            Some(_) => format!("    {}", crate::sanitize::clean_line(&note)),
                            None => format!(
                                "    {}",
                                truncate(
                                    &crate::sanitize::clean_line(&note),
                                    width.saturating_sub(4)
                                )
                            ),
                        },
                        if c.problem.is_some() {
                            th.error
                        } else {
                            th.dim
                        },
                    )));
                    n += 1;
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(t("import.help"), th.dim)));
        }
        ImportState::Importing { done, total } => {
            let fraction = if *total == 0 {
                0.0
            } else {
                *done as f64 / *total as f64
            };
            lines.push(Line::from(tf(
                "import.importing",
                &[("done", done), ("total", total)],
            )));
            lines.push(Line::from(Span::styled(
                progress_bar(fraction, width.min(40)),
                th.progress,
            )));
        }
        ImportState::Done { rows } => {
            for r in rows {
                let (word, style) = match &r.outcome {
                    Outcome::Installed => (t("import.row_installed"), th.good),
                    Outcome::Updated { .. } => (t("import.row_updated"), th.good),
                    Outcome::Skipped => (t("import.row_skipped"), th.dim),
                    Outcome::Refused => (t("import.row_refused"), th.bad),
                };
                let name = r
                    .title
                    .clone()
                    .unwrap_or_else(|| r.source.display().to_string());
                lines.push(Line::from(vec![
                    Span::styled(format!("{word:<10}"), style),
                    Span::raw(truncate(
                        &crate::sanitize::clean_line(&format!(
                            "{name} {}",
                            r.version.as_deref().unwrap_or("")
                        )),
                        width.saturating_sub(10),
                    )),
                ]));
                lines.push(Line::from(Span::styled(
                    format!("          {}", crate::sanitize::clean_line(&r.reason)),
                    th.dim,
                )));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(t("import.done_help"), th.dim)));
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
