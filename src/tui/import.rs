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
use crate::library::install::Candidate;
use crate::library::policy::{InstallPolicy, Note};
use std::path::PathBuf;

#[derive(Debug)]
pub enum ImportState {
    Scanning,
    Found {
        drives: Vec<DriveFind>,
        selected: usize,
        /// Installing what nobody here vouches for waits for a yes.
        confirm: Option<Confirm>,
    },
    Importing {
        done: usize,
        total: usize,
    },
    Done {
        rows: Vec<ImportRow>,
    },
}

/// A question before installing bundles that are unsigned or signed by an unknown key.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub paths: Vec<PathBuf>,
    /// How many of them nobody vouches for, and the title when there is one.
    pub unvouched: usize,
    pub title: Option<String>,
}

/// What an update asks of the app: effects, a move, and a job to start.
pub type ImportUpdate = (Vec<Effect>, Option<Goto>, Option<Job>);

impl ImportState {
    fn candidates(drives: &[DriveFind]) -> Vec<&Candidate> {
        drives.iter().flat_map(|f| f.bundles.iter()).collect()
    }

    pub fn update(
        &mut self,
        action: Action,
        patterns: &[String],
        policy: InstallPolicy,
    ) -> ImportUpdate {
        let import = |paths: Vec<PathBuf>| Job::Import { paths, policy };
        match action {
            Action::DrivesScanned(drives) => {
                *self = ImportState::Found {
                    drives,
                    selected: 0,
                    confirm: None,
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
            _ => {}
        }
        if let ImportState::Found {
            confirm: confirm @ Some(_),
            ..
        } = self
        {
            match action {
                Action::Type('y' | 'Y') => {
                    let paths = confirm.take().map(|c| c.paths).unwrap_or_default();
                    *self = ImportState::Importing {
                        done: 0,
                        total: paths.len(),
                    };
                    return (Vec::new(), None, Some(import(paths)));
                }
                Action::Type('n' | 'N') | Action::Back => *confirm = None,
                _ => {}
            }
            return (Vec::new(), None, None);
        }
        match action {
            Action::Back => return (vec![Effect::RefreshBoard], None, None),
            Action::Type('r') => {
                *self = ImportState::Scanning;
                let scan = Job::Scan {
                    patterns: patterns.to_vec(),
                    policy,
                };
                return (Vec::new(), None, Some(scan));
            }
            _ => {}
        }
        if let ImportState::Found {
            drives,
            selected,
            confirm,
        } = self
        {
            let list = Self::candidates(drives);
            let installable = |c: &&Candidate| c.problem.is_none() && c.skip.is_none();
            let chosen: Vec<&Candidate> = match action {
                Action::Up => {
                    *selected = selected.saturating_sub(1);
                    Vec::new()
                }
                Action::Down => {
                    *selected = (*selected + 1).min(list.len().saturating_sub(1));
                    Vec::new()
                }
                Action::Confirm => list
                    .get(*selected)
                    .into_iter()
                    .copied()
                    .filter(installable)
                    .collect(),
                Action::Type('a') => list.iter().copied().filter(installable).collect(),
                _ => Vec::new(),
            };
            if chosen.is_empty() {
                return (Vec::new(), None, None);
            }
            let paths: Vec<PathBuf> = chosen.iter().map(|c| c.path.clone()).collect();
            let unvouched: Vec<&&Candidate> =
                chosen.iter().filter(|c| c.needs_confirmation()).collect();
            if !unvouched.is_empty() {
                *confirm = Some(Confirm {
                    paths,
                    unvouched: unvouched.len(),
                    title: (chosen.len() == 1).then(|| chosen[0].title.clone().unwrap_or_default()),
                });
                return (Vec::new(), None, None);
            }
            *self = ImportState::Importing {
                done: 0,
                total: paths.len(),
            };
            return (Vec::new(), None, Some(import(paths)));
        }
        (Vec::new(), None, None)
    }
}

/// Who vouches for a bundle, in the facilitator's language.
fn standing_of(c: &Candidate) -> String {
    c.standing
        .as_ref()
        .map(|s| super::courses::standing_words(&crate::library::Origin::BuiltIn, Some(s)))
        .unwrap_or_default()
}

/// A bundle in the list: its title and version, then who signed it and what installing it
/// would do, or why it cannot be installed, on a line of its own.
fn candidate_lines(c: &Candidate, on: bool, th: &Theme, width: usize) -> Vec<Line<'static>> {
    let clean = crate::sanitize::clean_line;
    let text = match &c.problem {
        Some(_) if c.title.is_none() => c
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        _ => format!(
            "{} {}",
            c.title.as_deref().unwrap_or_default(),
            c.version.as_deref().unwrap_or_default()
        ),
    };
    let (note, style) = match (&c.problem, &c.skip, &c.installed) {
        (Some(p), _, _) => (tf("import.cannot", &[("reason", p)]), th.error),
        (None, Some(s), _) => (format!("{} · {s}", standing_of(c)), th.dim),
        (None, None, Some(v)) => (
            tf(
                "import.installed_now",
                &[("version", v), ("standing", &standing_of(c))],
            ),
            if c.needs_confirmation() {
                th.error
            } else {
                th.dim
            },
        ),
        (None, None, None) => (
            standing_of(c),
            if c.needs_confirmation() {
                th.error
            } else {
                th.dim
            },
        ),
    };
    // The standing already says "unsigned"; a trusted course replacing a copy nobody here
    // vouched for is worth a word.
    let note = match &c.note {
        Some(Note::Replaces(old)) if c.problem.is_none() => format!(
            "{note} · {}",
            tf(
                "import.replaces",
                &[(
                    "standing",
                    &super::courses::standing_words(&crate::library::Origin::BuiltIn, Some(old))
                )]
            )
        ),
        _ => note,
    };
    vec![
        Line::from(vec![
            Span::raw(if on { "▶ " } else { "  " }),
            Span::styled(
                truncate(&clean(&text), width.saturating_sub(2)),
                if on { th.selected } else { Default::default() },
            ),
        ]),
        // The note is wrapped, never cut: who signed it and a refusal's reason are the point.
        Line::from(Span::styled(format!("    {}", clean(&note)), style)),
    ]
}

pub fn render(state: &ImportState, th: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let mut lines = vec![Line::from(t("import.title").bold()), Line::from("")];
    match state {
        ImportState::Scanning => lines.push(Line::from(t("import.scanning"))),
        ImportState::Found {
            drives,
            selected,
            confirm,
        } => {
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
                        format!("  {}", tf("import.no_bundles", &[("extent", &d.extent)])),
                        th.dim,
                    )));
                }
                for c in &d.bundles {
                    lines.extend(candidate_lines(c, n == *selected, th, width));
                    n += 1;
                }
            }
            lines.push(Line::from(""));
            match confirm {
                Some(q) => {
                    let question = match &q.title {
                        Some(title) => tf("import.confirm_one", &[("title", title)]),
                        None => tf("import.confirm_many", &[("count", &q.unvouched)]),
                    };
                    lines.push(Line::from(Span::styled(question, th.error)));
                    lines.push(Line::from(Span::styled(t("import.confirm_keys"), th.title)));
                }
                None => lines.push(Line::from(Span::styled(t("import.help"), th.dim))),
            }
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
