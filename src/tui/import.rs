//! The facilitator's "Import from drive" screen: the bundles on each removable drive, with
//! their version and who signed them, and installing them with a progress bar.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::i18n::Lang;
use crate::library::install::{Candidate, ImportRow, Outcome};
use crate::library::policy::Note;

use super::action::Action;
use super::effect::Effect;
use super::job::{DriveFind, Job};
use super::keys::{Binding, ENTER, ESC, MOVE, Press, key};
use super::screen::{Component, Cx, Step};
use super::theme::Theme;
use super::widgets::{progress_bar, truncate, wrapped_height};

use Press::Char;

const BACK: Binding =
    key(&[Char('q'), ESC], &[Action::Back], "keys.back_board").shown("footer.back", 7);
const RESCAN: Binding =
    key(&[Char('r')], &[Action::Rescan], "keys.rescan").shown("footer.rescan", 5);

const SCANNING_KEYS: &[Binding] = &[BACK];

const FOUND_KEYS: &[Binding] = &[
    MOVE.shown("footer.choose", 4),
    key(&[ENTER], &[Action::Confirm], "keys.install_one").shown("footer.install", 8),
    key(&[Char('a')], &[Action::InstallAll], "keys.install_all").shown("footer.install_all", 6),
    RESCAN,
    BACK,
];

const CONFIRM_KEYS: &[Binding] = &[
    key(&[Char('y')], &[Action::Confirm], "keys.install_yes").shown("footer.yes", 8),
    key(&[Char('n'), ESC], &[Action::Back], "keys.install_no").shown("footer.no", 7),
];

/// While installing, nothing but the global keys: the job runs to its end.
const IMPORTING_KEYS: &[Binding] = &[];

const DONE_KEYS: &[Binding] = &[RESCAN, BACK];

#[derive(Debug)]
pub enum Import {
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

impl Import {
    fn candidates(drives: &[DriveFind]) -> Vec<&Candidate> {
        drives.iter().flat_map(|f| f.bundles.iter()).collect()
    }

    fn install(&mut self, paths: Vec<PathBuf>, cx: &Cx) -> Step {
        *self = Import::Importing {
            done: 0,
            total: paths.len(),
        };
        Step::run(Effect::Job(Job::Import {
            paths,
            policy: cx.install_policy,
        }))
    }

    fn choose(&mut self, action: Action, cx: &Cx) -> Step {
        let Import::Found {
            drives,
            selected,
            confirm,
        } = self
        else {
            return Step::none();
        };
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
            Action::InstallAll => list.iter().copied().filter(installable).collect(),
            _ => Vec::new(),
        };
        if chosen.is_empty() {
            return Step::none();
        }
        let paths: Vec<PathBuf> = chosen.iter().map(|c| c.path.clone()).collect();
        let unvouched = chosen.iter().filter(|c| c.needs_confirmation()).count();
        if unvouched > 0 {
            *confirm = Some(Confirm {
                paths,
                unvouched,
                title: (chosen.len() == 1).then(|| {
                    let c = chosen[0];
                    let title = c.titles.get(cx.lang.code()).or(c.title.as_deref());
                    title.unwrap_or_default().to_string()
                }),
            });
            return Step::none();
        }
        self.install(paths, cx)
    }
}

impl Component for Import {
    fn table(&self) -> &'static [Binding] {
        match self {
            Import::Scanning => SCANNING_KEYS,
            Import::Found {
                confirm: Some(_), ..
            } => CONFIRM_KEYS,
            Import::Found { .. } => FOUND_KEYS,
            Import::Importing { .. } => IMPORTING_KEYS,
            Import::Done { .. } => DONE_KEYS,
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        match action {
            Action::DrivesScanned(drives) => {
                *self = Import::Found {
                    drives,
                    selected: 0,
                    confirm: None,
                };
                return Step::none();
            }
            Action::ImportProgress { done, total } => {
                *self = Import::Importing { done, total };
                return Step::none();
            }
            Action::ImportDone(rows) => {
                *self = Import::Done { rows };
                return Step::none();
            }
            _ => {}
        }
        if let Import::Found {
            confirm: confirm @ Some(_),
            ..
        } = self
        {
            return match action {
                Action::Confirm => {
                    let paths = confirm.take().map(|c| c.paths).unwrap_or_default();
                    self.install(paths, cx)
                }
                Action::Back => {
                    *confirm = None;
                    Step::none()
                }
                _ => Step::none(),
            };
        }
        match (&*self, action) {
            (Import::Importing { .. }, _) => Step::none(),
            (_, Action::Back) => Step::run(Effect::RefreshBoard),
            (Import::Found { .. } | Import::Done { .. }, Action::Rescan) => {
                *self = Import::Scanning;
                Step::run(Effect::Job(Job::Scan {
                    patterns: cx.drive_patterns.to_vec(),
                    policy: cx.install_policy,
                }))
            }
            (Import::Found { .. }, action) => self.choose(action, cx),
            _ => Step::none(),
        }
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        render(self, cx.lang, cx.theme, area, buf);
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("import.title"))
    }
}

/// Who vouches for a bundle, in the facilitator's language.
fn standing_of(lang: Lang, c: &Candidate) -> String {
    c.standing
        .as_ref()
        .map(|s| super::courses::standing_words(lang, &crate::library::Origin::BuiltIn, Some(s)))
        .unwrap_or_default()
}

/// A bundle in the list: its title and version, then who signed it and what installing it
/// would do, or why it cannot be installed, on a line of its own.
fn candidate_lines(
    lang: Lang,
    c: &Candidate,
    on: bool,
    th: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let clean = crate::sanitize::clean_line;
    let text = match &c.problem {
        Some(_) if c.title.is_none() => c
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        _ => format!(
            "{} {}",
            c.titles
                .get(lang.code())
                .or(c.title.as_deref())
                .unwrap_or_default(),
            c.version.as_deref().unwrap_or_default()
        ),
    };
    let (note, style) = match (&c.problem, &c.skip, &c.installed) {
        (Some(p), _, _) => (
            lang.tf("import.cannot", &[("reason", p.text(lang).into())]),
            th.error,
        ),
        (None, Some(s), _) => (
            format!("{} · {}", standing_of(lang, c), s.text(lang)),
            th.dim,
        ),
        (None, None, Some(v)) => (
            lang.tf(
                "import.installed_now",
                &[
                    ("version", v.into()),
                    ("standing", standing_of(lang, c).into()),
                ],
            ),
            if c.needs_confirmation() {
                th.error
            } else {
                th.dim
            },
        ),
        (None, None, None) => (
            standing_of(lang, c),
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
            lang.tf(
                "import.replaces",
                &[(
                    "standing",
                    super::courses::standing_words(
                        lang,
                        &crate::library::Origin::BuiltIn,
                        Some(old)
                    )
                    .into()
                )]
            )
        ),
        _ => note,
    };
    vec![Line::from(vec![
        Span::raw(if on { "▶ " } else { "  " }),
        Span::styled(
            truncate(&clean(&text), width.saturating_sub(2)),
            if on { th.selected } else { Default::default() },
        ),
    ])]
    .into_iter()
    // The note is wrapped, never cut: who signed it and a refusal's reason are the point;
    // its lines stand under its first.
    .chain(
        super::widgets::hang("    ", &clean(&note), width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style))),
    )
    .collect()
}

fn render(state: &Import, lang: Lang, th: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width as usize;
    let mut lines = vec![Line::from(lang.t("import.title").bold()), Line::from("")];
    let mut selected_line = 0;
    match state {
        Import::Scanning => lines.push(Line::from(lang.t("import.scanning"))),
        Import::Found {
            drives,
            selected,
            confirm,
        } => {
            let (found, at) = found_lines(lang, th, drives, *selected, width);
            selected_line = lines.len() + at;
            lines.extend(found);
            if let Some(q) = confirm {
                let question = match &q.title {
                    Some(title) => lang.tf("import.confirm_one", &[("title", title.into())]),
                    None => lang.tf("import.confirm_many", &[("count", q.unvouched.into())]),
                };
                lines.push(Line::from(Span::styled(question, th.error)));
                selected_line = lines.len();
            }
        }
        Import::Importing { done, total } => {
            let fraction = if *total == 0 {
                0.0
            } else {
                *done as f64 / *total as f64
            };
            lines.push(Line::from(lang.tf(
                "import.importing",
                &[("done", (*done).into()), ("total", (*total).into())],
            )));
            lines.push(Line::from(Span::styled(
                progress_bar(fraction, width.min(40)),
                th.progress,
            )));
        }
        Import::Done { rows } => lines.extend(done_lines(lang, th, rows, width)),
    }
    // Many bundles: the list scrolls to keep the selected one (and its note) in view.
    let above = wrapped_height(&lines[..(selected_line + 2).min(lines.len())], area.width);
    let scroll = above.saturating_sub(area.height as usize) as u16;
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(area, buf);
}

/// Each drive with its bundles, and the line of the selected bundle.
fn found_lines(
    lang: Lang,
    th: &Theme,
    drives: &[DriveFind],
    selected: usize,
    width: usize,
) -> (Vec<Line<'static>>, usize) {
    let mut lines = Vec::new();
    if drives.is_empty() {
        lines.push(Line::from(lang.t("import.no_drives")));
    }
    let mut n = 0;
    let mut at = 0;
    for d in drives {
        let drive = lang.tf(
            "import.drive",
            &[("path", d.drive.display().to_string().into())],
        );
        lines.push(Line::from(Span::styled(truncate(&drive, width), th.title)));
        if d.bundles.is_empty() {
            let none = lang.tf("import.no_bundles", &[("extent", d.extent.as_str().into())]);
            lines.push(Line::from(Span::styled(format!("  {none}"), th.dim)));
        }
        for c in &d.bundles {
            if n == selected {
                at = lines.len();
            }
            lines.extend(candidate_lines(lang, c, n == selected, th, width));
            n += 1;
        }
    }
    lines.push(Line::from(""));
    (lines, at)
}

/// What each install did, and why.
fn done_lines(lang: Lang, th: &Theme, rows: &[ImportRow], width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for r in rows {
        let (word, style) = match &r.outcome {
            Outcome::Installed => (lang.t("import.row_installed"), th.good),
            Outcome::Updated { .. } => (lang.t("import.row_updated"), th.good),
            Outcome::Skipped => (lang.t("import.row_skipped"), th.dim),
            Outcome::Refused => (lang.t("import.row_refused"), th.bad),
        };
        let name = r
            .titles
            .get(lang.code())
            .or(r.title.as_deref())
            .map_or_else(|| r.source.display().to_string(), str::to_string);
        let version = r.version.as_deref().unwrap_or("");
        let clean = crate::sanitize::clean_line;
        lines.push(Line::from(vec![
            Span::styled(format!("{word:<10}"), style),
            Span::raw(truncate(
                &clean(&format!("{name} {version}")),
                width.saturating_sub(10),
            )),
        ]));
        lines.extend(
            super::widgets::hang("          ", &clean(&r.reason.text(lang)), width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, th.dim))),
        );
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(lang.t("import.done_help"), th.dim)));
    lines
}
