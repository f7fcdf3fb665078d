//! Looking back at past attempts of a quiz: each question as it was asked, the learner's
//! answer, the right answer and the feedback, from the attempt's recorded plan.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::course::markdown::MdStyles;
use crate::course::{Course, ItemKind};
use crate::i18n::{t, tf};
use crate::quiz::grade::feedback;
use crate::quiz::{AttemptPlan, Question, QuestionKind, Quiz, Response, percent};
use crate::store::{Answer, Attempt};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::laid::Laid;
use super::quiz::option_text;
use super::theme::Theme;
use super::widgets::flat;

/// Prompts are indented under their number: the text area less four columns.
fn prompt_width(term_width: u16) -> u16 {
    super::quiz::text_width(term_width)
        .max(10)
        .saturating_sub(4)
}

#[derive(Debug)]
pub struct ReviewState {
    pub course: Arc<Course>,
    /// Position of the quiz in outline order.
    pub index: usize,
    /// Finished attempts, oldest first.
    pub attempts: Vec<Attempt>,
    pub selected: usize,
    /// The attempt being read, with its answers.
    pub open: Option<(Attempt, Vec<Answer>)>,
    pub scroll: u16,
    /// The open attempt's prompts, laid out for the view.
    pub laid: Laid,
    /// Width of the text area, in cells.
    pub width: u16,
}

impl ReviewState {
    pub fn new(
        course: Arc<Course>,
        index: usize,
        attempts: Vec<Attempt>,
        size: (u16, u16),
        styles: &MdStyles,
    ) -> ReviewState {
        let attempts: Vec<Attempt> = attempts
            .into_iter()
            .filter(|a| a.result.is_some())
            .collect();
        let selected = attempts.len().saturating_sub(1);
        ReviewState {
            course,
            index,
            attempts,
            selected,
            open: None,
            scroll: 0,
            laid: Laid::new(styles.clone()),
            width: prompt_width(size.0),
        }
    }

    /// The terminal changed size: lay the prompts out again.
    pub fn resize(&mut self, term_width: u16) {
        let width = prompt_width(term_width);
        if width != self.width {
            self.width = width;
            self.laid.clear();
            self.prepare();
        }
    }

    fn prepare(&mut self) {
        let course = Arc::clone(&self.course);
        let ItemKind::Quiz(quiz) = &course.item_at(self.index).expect("valid index").kind else {
            return;
        };
        if self.open.is_some() {
            for q in &quiz.questions {
                self.laid.prepare(&q.prompt, self.width);
            }
        }
    }

    pub fn quiz(&self) -> &Quiz {
        match &self
            .course
            .item_at(self.index)
            .expect("index from the outline")
            .kind
        {
            ItemKind::Quiz(q) => q,
            ItemKind::Lesson(_) => unreachable!("a review is opened only on a quiz"),
        }
    }

    pub fn update(&mut self, action: Action) -> (Vec<Effect>, Option<Goto>) {
        if let Action::ReviewAnswers { attempt, answers } = action {
            self.open = Some((attempt, answers));
            self.scroll = 0;
            self.prepare();
            return (Vec::new(), None);
        }
        match (&self.open, action) {
            (Some(_), Action::Back) => self.open = None,
            (Some(_), Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            (Some(_), Action::Down) => self.scroll = self.scroll.saturating_add(1),
            (Some(_), Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            (Some(_), Action::PageDown) => self.scroll = self.scroll.saturating_add(10),
            (None, Action::Back) => {
                let goto = Goto::Item {
                    course_id: self.course.id.clone(),
                    index: self.index,
                };
                return (Vec::new(), Some(goto));
            }
            (None, Action::Up) => self.selected = self.selected.saturating_sub(1),
            (None, Action::Down) => {
                self.selected = (self.selected + 1).min(self.attempts.len().saturating_sub(1))
            }
            (None, Action::Confirm) => {
                if let Some(a) = self.attempts.get(self.selected) {
                    return (vec![Effect::LoadAnswers(a.id.clone())], None);
                }
            }
            _ => {}
        }
        (Vec::new(), None)
    }
}

/// A response in words: the choice, the typed text, the items in the learner's order.
pub fn response_words(q: &Question, r: &Response) -> String {
    let options = |v: &[usize]| v.iter().map(|&i| option_text(q, i)).collect::<Vec<_>>();
    match r {
        Response::Choice(i) => option_text(q, *i).to_string(),
        Response::Choices(v) => options(v).join("; "),
        Response::Bool(b) => if *b { t("quiz.true") } else { t("quiz.false") }.to_string(),
        Response::Text(s) => s.clone(),
        Response::Number(n) => n.to_string(),
        Response::Order(v) => options(v).join(" → "),
        Response::Match(v) => match &q.kind {
            QuestionKind::Match { pairs, .. } => pairs
                .iter()
                .zip(v)
                .map(|((left, _), m)| format!("{left} → {}", m.map_or("…", |i| option_text(q, i))))
                .collect::<Vec<_>>()
                .join("; "),
            _ => String::new(),
        },
    }
}

/// The right answer in words.
pub fn right_words(q: &Question) -> String {
    match &q.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        QuestionKind::TrueFalse { answer, .. } => if *answer {
            t("quiz.true")
        } else {
            t("quiz.false")
        }
        .to_string(),
        QuestionKind::Text { answers } => answers
            .iter()
            .filter(|a| a.weight >= 100.0)
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join(" / "),
        QuestionKind::Number { answers } => answers
            .iter()
            .filter(|a| a.weight >= 100.0)
            .map(|a| {
                if a.min == a.max {
                    a.min.to_string()
                } else {
                    format!("{}–{}", a.min, a.max)
                }
            })
            .collect::<Vec<_>>()
            .join(" / "),
        QuestionKind::Order { items } => items.join(" → "),
        QuestionKind::Match { pairs, .. } => pairs
            .iter()
            .map(|(l, r)| format!("{l} → {r}"))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

pub fn render(state: &ReviewState, th: &Theme, area: Rect, buf: &mut Buffer) {
    let quiz = state.quiz();
    let width = area.width.max(10);
    let mut lines = vec![
        Line::from(tf("review.title", &[("quiz", &quiz.title)]).bold()),
        Line::from(""),
    ];
    let Some((attempt, answers)) = &state.open else {
        if state.attempts.is_empty() {
            lines.push(Line::from(t("review.none")));
        }
        for (n, a) in state.attempts.iter().enumerate() {
            let r = a.result.as_ref().expect("finished attempts only");
            let verdict = if r.passed {
                t("status.passed")
            } else {
                t("status.failed")
            };
            let on = n == state.selected;
            lines.push(Line::from(vec![
                Span::raw(if on { "▶ " } else { "  " }),
                Span::styled(
                    tf(
                        "review.attempt",
                        &[
                            ("n", &(n + 1)),
                            ("date", &r.finished_at.get(..10).unwrap_or("")),
                            ("percent", &percent(r.score, r.max_score)),
                            ("verdict", &verdict),
                        ],
                    ),
                    if on { th.selected } else { Default::default() },
                ),
            ]));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(t("review.help_list"), th.dim)));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
        return;
    };
    let plan = AttemptPlan::from_record(&attempt.plan)
        .unwrap_or_else(|| AttemptPlan::new(quiz, attempt.seed as u64));
    for (n, planned) in plan.questions.iter().enumerate() {
        let Some(q) = quiz.question(&planned.id) else {
            continue;
        };
        let answer = answers.iter().find(|a| a.question_id == q.id);
        let (sym, style) = match answer {
            Some(a) if a.correct => ("✓", th.good),
            Some(a) if a.score > 0.0 => ("◐", th.partial),
            _ => ("✗", th.bad),
        };
        let prompt = state.laid.get(&q.prompt, width.saturating_sub(4));
        for (i, line) in prompt.iter().cloned().enumerate() {
            let mut spans = vec![Span::styled(
                if i == 0 {
                    format!("{sym} {}. ", n + 1)
                } else {
                    "    ".to_string()
                },
                style,
            )];
            spans.extend(line.spans);
            lines.push(Line::from(spans));
        }
        let response = answer.and_then(|a| crate::quiz::Response::from_record(&a.response));
        let yours = response.as_ref().map_or_else(
            || t("review.unanswered").to_string(),
            |r| response_words(q, r),
        );
        lines.push(Line::from(format!(
            "    {} {}",
            t("review.yours"),
            flat(&yours)
        )));
        lines.push(Line::from(Span::styled(
            format!("    {} {}", t("review.right"), flat(&right_words(q))),
            th.good,
        )));
        if let Some(r) = &response {
            for f in feedback(q, r) {
                lines.push(Line::from(Span::styled(format!("    {}", flat(f)), th.dim)));
            }
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(t("review.help_open"), th.dim)));
    let max = lines.len().saturating_sub(area.height as usize) as u16;
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((state.scroll.min(max), 0))
        .render(area, buf);
}
