//! The facilitator's Reports screen: the courses (who started, completed, scores,
//! certificates); Enter on one shows its quizzes (attempts, pass rate, a bar chart of
//! scores); Enter on a quiz shows its questions' item analysis. On a site: that site; on a
//! hub: every site merged there. From the courses, `l` lists the learners (courses done,
//! best scores, attempts, certificates, last seen); Enter on one shows hers in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::reports::render::sparkline;
use crate::reports::{CourseReport, QuestionReport, QuizReport};

use super::action::Action;
use super::effect::Effect;
use super::job::{Job, ReportView};
use super::keys::{Binding, ENTER, ESC, MOVE, Press, key};
use super::screen::{Component, Cx, Step};
use super::table::Columns;
use super::widgets::para;

use Press::Char;

const BACK: Binding =
    key(&[Char('q'), ESC], &[Action::Back], "keys.back_up").shown("footer.back", 7);

const OPEN: Binding = key(&[ENTER], &[Action::Confirm], "keys.report_open").shown("footer.open", 8);

const LIST: &[Binding] = &[OPEN, BACK];

const COURSES: &[Binding] = &[
    OPEN,
    key(
        &[Char('l')],
        &[Action::ReportLearners],
        "keys.report_learners",
    )
    .shown("footer.learners", 6),
    BACK,
];

const LEAF: &[Binding] = &[BACK];

const CHOOSE: Binding = MOVE.shown("footer.choose", 5);

const LOADING: &[Binding] = &[BACK];

/// Where the screen is: the courses, a course's quizzes, a quiz's questions.
#[derive(Debug, Clone, PartialEq)]
enum Level {
    Courses,
    Quizzes {
        course: String,
        title: String,
    },
    Questions {
        course: String,
        quiz: String,
        title: String,
    },
    Learners,
    /// One learner, the row of the learners' view.
    Learner {
        name: String,
    },
}

#[derive(Debug)]
pub struct Reports {
    level: Level,
    view: Option<ReportView>,
    selected: usize,
    /// The levels above, to go back to as they were.
    above: Vec<(Level, Option<ReportView>, usize)>,
}

impl Default for Reports {
    fn default() -> Reports {
        Reports::new()
    }
}

impl Reports {
    pub fn new() -> Reports {
        Reports {
            level: Level::Courses,
            view: None,
            selected: 0,
            above: Vec::new(),
        }
    }

    /// The job that computes the courses' report, to start with.
    pub fn first_job() -> Effect {
        Effect::Job(Job::Report {
            course: None,
            quiz: None,
        })
    }

    fn rows(&self) -> usize {
        match &self.view {
            Some(ReportView::Courses(v)) => v.len(),
            Some(ReportView::Quizzes(v)) => v.len(),
            Some(ReportView::Questions(v)) => v.len(),
            Some(ReportView::Learners(v)) if self.level == Level::Learners => v.len(),
            Some(ReportView::Learners(_)) | None => 0,
        }
    }

    fn open(&mut self) -> Step {
        let (level, job) = match (&self.view, &self.level) {
            (Some(ReportView::Courses(v)), _) => {
                let Some(c) = v.get(self.selected) else {
                    return Step::none();
                };
                (
                    Level::Quizzes {
                        course: c.course_id.clone(),
                        title: c.title.clone(),
                    },
                    Job::Report {
                        course: Some(c.course_id.clone()),
                        quiz: None,
                    },
                )
            }
            (Some(ReportView::Learners(v)), Level::Learners) => {
                let Some(one) = v.get(self.selected) else {
                    return Step::none();
                };
                let view = ReportView::Learners(vec![one.clone()]);
                let level = Level::Learner {
                    name: one.0.name.clone(),
                };
                let here = std::mem::replace(&mut self.level, level);
                let above = self.view.replace(view);
                self.above.push((here, above, self.selected));
                self.selected = 0;
                return Step::none();
            }
            (Some(ReportView::Quizzes(v)), Level::Quizzes { course, .. }) => {
                let Some(q) = v.get(self.selected) else {
                    return Step::none();
                };
                (
                    Level::Questions {
                        course: course.clone(),
                        quiz: q.quiz_id.clone(),
                        title: q.title.clone(),
                    },
                    Job::Report {
                        course: Some(course.clone()),
                        quiz: Some(q.quiz_id.clone()),
                    },
                )
            }
            _ => return Step::none(),
        };
        let here = std::mem::replace(&mut self.level, level);
        self.above.push((here, self.view.take(), self.selected));
        self.selected = 0;
        Step::run(Effect::Job(job))
    }

    /// The level's table under its headings, the selected row marked.
    fn lines(&self, cx: &Cx, width: usize) -> Vec<Line<'static>> {
        match &self.view {
            None => vec![Line::from(cx.t("reports.counting"))],
            Some(ReportView::Courses(v)) => {
                self.table(cx, "reports.courses_head", course_rows(v), width)
            }
            Some(ReportView::Quizzes(v)) => {
                self.table(cx, "reports.quizzes_head", quiz_rows(v), width)
            }
            Some(ReportView::Questions(v)) => self.question_lines(cx, v, width),
            Some(ReportView::Learners(v)) => match (&self.level, v.first()) {
                (Level::Learner { .. }, Some((l, titles))) => {
                    super::reports_learners::detail(cx, l, titles, width)
                }
                _ => self.table(
                    cx,
                    "reports.learners_head",
                    super::reports_learners::rows(v),
                    width,
                ),
            },
        }
    }

    /// From the courses, the learners' report.
    fn learners(&mut self) -> Step {
        if self.level != Level::Courses || self.view.is_none() {
            return Step::none();
        }
        let here = std::mem::replace(&mut self.level, Level::Learners);
        self.above.push((here, self.view.take(), self.selected));
        self.selected = 0;
        Step::run(Effect::Job(Job::LearnerReports))
    }

    /// `rows` under the headings of `head` (a catalog entry, the headings joined by ` · `),
    /// then, when the selected row's name had to be cut to fit, that name in full.
    fn table(
        &self,
        cx: &Cx,
        head: &str,
        rows: Vec<Vec<String>>,
        width: usize,
    ) -> Vec<Line<'static>> {
        let (mut lines, columns) = laid_table(cx, head, &rows, width, Some(self.selected));
        if let Some(name) = rows.get(self.selected).and_then(|r| r.first())
            && columns.cuts_name(name)
            && !matches!(self.view, Some(ReportView::Questions(_)))
        {
            lines.push(Line::from(""));
            lines.extend(para(name, width, cx.theme.title));
        }
        lines
    }

    /// The questions, then the selected one in full with what to look at in it.
    fn question_lines(&self, cx: &Cx, v: &[QuestionReport], width: usize) -> Vec<Line<'static>> {
        let th = cx.theme;
        let mut lines = self.table(cx, "reports.questions_head", question_rows(v), width);
        if let Some(q) = v.get(self.selected) {
            lines.push(Line::from(""));
            lines.extend(para(&q.prompt, width, th.title));
            if let Some((wrong, n)) = &q.most_picked_wrong {
                let text = cx.tf(
                    "reports.most_wrong",
                    &[("answer", wrong.as_str().into()), ("count", (*n).into())],
                );
                lines.extend(para(&text, width, th.partial));
            }
            if q.discrimination.is_some_and(|d| d < 0.2) {
                lines.extend(para(&cx.t("reports.low_discrimination"), width, th.bad));
            }
        }
        lines
    }
}

/// `rows` under the headings of `head` (a catalog entry, the headings joined by ` · `),
/// the row `selected` marked; and the columns they were laid out in.
pub(super) fn laid_table(
    cx: &Cx,
    head: &str,
    rows: &[Vec<String>],
    width: usize,
    selected: Option<usize>,
) -> (Vec<Line<'static>>, Columns) {
    let headings: Vec<String> = cx.t(head).split(" · ").map(str::to_string).collect();
    let columns = Columns::fit(&headings, rows, width.saturating_sub(MARK));
    let mut lines = vec![Line::from(Span::styled(
        format!("{}{}", " ".repeat(MARK), columns.line(&headings)),
        cx.theme.dim,
    ))];
    for (i, cells) in rows.iter().enumerate() {
        lines.push(row(cx, Some(i) == selected, columns.line(cells)));
    }
    (lines, columns)
}

/// Cells the selection mark (`▶ `) takes before each row.
const MARK: usize = 2;

fn course_rows(v: &[CourseReport]) -> Vec<Vec<String>> {
    v.iter()
        .map(|c| {
            let best = c
                .average_best_score
                .map_or("—".into(), crate::reports::render::score_percent);
            vec![
                c.title.clone(),
                c.started.to_string(),
                c.completed.to_string(),
                crate::reports::render::percent(c.completion_rate),
                best,
                c.certificates.to_string(),
            ]
        })
        .collect()
}

fn quiz_rows(v: &[QuizReport]) -> Vec<Vec<String>> {
    v.iter()
        .map(|q| {
            vec![
                q.title.clone(),
                q.attempts.to_string(),
                crate::reports::render::percent(q.pass_rate),
                format!("[{}]", sparkline(&q.distribution)),
            ]
        })
        .collect()
}

fn question_rows(v: &[QuestionReport]) -> Vec<Vec<String>> {
    v.iter()
        .map(|q| {
            vec![
                q.prompt.clone(),
                q.answers.to_string(),
                q.facility
                    .map_or("—".into(), crate::reports::render::percent),
                q.discrimination.map_or("—".into(), |d| format!("{d:.2}")),
            ]
        })
        .collect()
}

/// A row of a table, marked and highlighted when selected.
fn row(cx: &Cx, on: bool, text: String) -> Line<'static> {
    Line::from(vec![
        Span::raw(if on { "▶ " } else { "  " }),
        Span::styled(
            text,
            if on {
                cx.theme.selected
            } else {
                Default::default()
            },
        ),
    ])
}

impl Component for Reports {
    fn table(&self) -> &'static [Binding] {
        match (&self.view, &self.level) {
            (None, _) => LOADING,
            (Some(ReportView::Questions(_)), _) | (_, Level::Learner { .. }) => LEAF,
            (Some(ReportView::Courses(_)), _) => COURSES,
            _ => LIST,
        }
    }

    /// Moving, when there is more than one row to move between.
    fn more(&self) -> Vec<&'static Binding> {
        if self.rows() > 1 {
            vec![&CHOOSE]
        } else {
            Vec::new()
        }
    }

    fn update(&mut self, action: Action, _cx: &Cx) -> Step {
        let last = self.rows().saturating_sub(1);
        match action {
            Action::ReportReady(view) => self.view = Some(*view),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Confirm => return self.open(),
            Action::ReportLearners => return self.learners(),
            Action::Back => match self.above.pop() {
                Some((level, view, selected)) => {
                    self.level = level;
                    self.view = view;
                    self.selected = selected;
                }
                None => return Step::run(Effect::RefreshBoard),
            },
            _ => {}
        }
        Step::none()
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let width = area.width as usize;
        let heading = match &self.level {
            Level::Courses => cx.t("reports.title"),
            Level::Learners => cx.t("reports.learners_title"),
            Level::Quizzes { title, .. } | Level::Questions { title, .. } => title.clone(),
            Level::Learner { name } => name.clone(),
        };
        let mut lines = vec![Line::from(heading.bold()), Line::from("")];
        lines.extend(self.lines(cx, width));
        // The selected row in view, the header above it.
        let height = area.height as usize;
        let at = self.selected + 3;
        let scroll = at.saturating_sub(height.saturating_sub(1));
        Paragraph::new(lines)
            .scroll((scroll as u16, 0))
            .render(area, buf);
    }

    fn title(&self, cx: &Cx) -> Option<String> {
        Some(cx.t("reports.title"))
    }
}
