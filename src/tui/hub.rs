//! "Merge records from drive", on a trainer's hub: the exports found on the drives, merged
//! one or all at once, with what each added and what was there already.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::harvest::Merged;

use super::action::Action;
use super::effect::Effect;
use super::job::Job;
use super::keys::{Binding, ENTER, ESC, MOVE, Press, key};
use super::screen::{Component, Cx, Step};
use super::widgets::{para, truncate};

use Press::Char;

const BACK: Binding =
    key(&[Char('q'), ESC], &[Action::Back], "keys.back_board").shown("footer.back", 7);
const RESCAN: Binding =
    key(&[Char('r')], &[Action::Rescan], "keys.rescan").shown("footer.rescan", 5);

const LOOKING: &[Binding] = &[BACK];

const FOUND: &[Binding] = &[
    MOVE.shown("footer.choose", 4),
    key(&[ENTER], &[Action::Confirm], "keys.merge_one").shown("footer.merge_one", 8),
    key(&[Char('a')], &[Action::InstallAll], "keys.merge_all").shown("footer.merge_all", 6),
    RESCAN,
    BACK,
];

const NONE_FOUND: &[Binding] = &[RESCAN, BACK];

const MERGING: &[Binding] = &[];

const DONE: &[Binding] = &[RESCAN, BACK];

#[derive(Debug)]
pub enum Hub {
    Looking,
    Found {
        files: Vec<PathBuf>,
        selected: usize,
    },
    Merging,
    Done(Vec<Result<Merged, crate::i18n::Message>>),
}

impl Hub {
    /// The job that looks for exports on the drives.
    pub fn find(cx: &Cx) -> Effect {
        Effect::Job(Job::FindExports {
            patterns: cx.drive_patterns.to_vec(),
        })
    }
}

impl Component for Hub {
    fn table(&self) -> &'static [Binding] {
        match self {
            Hub::Looking => LOOKING,
            Hub::Found { files, .. } if files.is_empty() => NONE_FOUND,
            Hub::Found { .. } => FOUND,
            Hub::Merging => MERGING,
            Hub::Done(_) => DONE,
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        match action {
            Action::ExportsFound(files) => *self = Hub::Found { files, selected: 0 },
            Action::Merged(results) => *self = Hub::Done(results),
            Action::Back if !matches!(self, Hub::Merging) => {
                return Step::run(Effect::RefreshBoard);
            }
            Action::Rescan if !matches!(self, Hub::Merging) => {
                *self = Hub::Looking;
                return Step::run(Hub::find(cx));
            }
            action => {
                if let Hub::Found { files, selected } = self {
                    let chosen = match action {
                        Action::Up => {
                            *selected = selected.saturating_sub(1);
                            return Step::none();
                        }
                        Action::Down => {
                            *selected = (*selected + 1).min(files.len().saturating_sub(1));
                            return Step::none();
                        }
                        Action::Confirm => files.get(*selected).cloned().into_iter().collect(),
                        Action::InstallAll => files.clone(),
                        _ => Vec::new(),
                    };
                    if !chosen.is_empty() {
                        *self = Hub::Merging;
                        return Step::run(Effect::Job(Job::Merge {
                            files: chosen,
                            policy: cx.merge_policy,
                        }));
                    }
                }
            }
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let width = area.width as usize;
        let mut lines = vec![Line::from(cx.t("hub.title").bold()), Line::from("")];
        match self {
            Hub::Looking => lines.push(Line::from(cx.t("hub.looking"))),
            Hub::Found { files, .. } if files.is_empty() => {
                lines.extend(para(&cx.t("hub.none"), width, Default::default()));
            }
            Hub::Found { files, selected } => {
                for (i, f) in files.iter().enumerate() {
                    let on = i == *selected;
                    lines.push(Line::from(vec![
                        Span::raw(if on { "▶ " } else { "  " }),
                        Span::styled(
                            truncate(&f.display().to_string(), width.saturating_sub(2)),
                            if on { th.selected } else { Default::default() },
                        ),
                    ]));
                }
            }
            Hub::Merging => lines.push(Line::from(cx.t("hub.merging"))),
            Hub::Done(results) => {
                for r in results {
                    match r {
                        Ok(m) => {
                            let text = cx.tf(
                                "hub.merged",
                                &[
                                    ("site", m.site_name.as_str().into()),
                                    ("learners", m.counts.learners.into()),
                                    ("attempts", m.counts.attempts.into()),
                                    ("answers", m.counts.answers.into()),
                                    ("skipped", m.counts.skipped.into()),
                                ],
                            );
                            lines.extend(para(&text, width, th.good));
                            let (key, style) = match (&m.trusted_as, m.new_site) {
                                (Some(_), _) => ("hub.trusted", th.dim),
                                (None, true) => ("hub.new_site", th.partial),
                                (None, false) => continue,
                            };
                            let name = m.trusted_as.as_deref().unwrap_or(&m.site_name);
                            lines.extend(para(&cx.tf(key, &[("name", name.into())]), width, style));
                        }
                        Err(e) => lines.extend(para(&e.text(cx.lang), width, th.error)),
                    }
                }
            }
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("hub.title"))
    }
}
