//! Looking back at past attempts of a quiz: each question as it was asked, the learner's
//! answer, the right answer and the feedback, from the attempt's recorded plan. The whole
//! attempt is laid out at the screen's width, long answers lined up under their own text,
//! so scrolling reaches its last line.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::course::markdown::MdStyles;
use crate::course::{Course, ItemKind};
use crate::i18n::Lang;
use crate::quiz::grade::feedback;
use crate::quiz::{AttemptPlan, Question, QuestionKind, Quiz, Response, percent};
use crate::store::{Answer, Attempt};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::keys::{Binding, ENTER, ESC, MOVE, Press, SCROLL_ENDS, SCROLL_LINE, SCROLL_PAGE, key};
use super::laid::Laid;
use super::lesson::CHROME_ROWS;
use super::quiz_text::option_text;
use super::screen::{Component, Cx, Step};
use super::theme::Theme;
use super::widgets::{flat, hang};

use Press::Char;

const LIST_KEYS: &[Binding] = &[
    MOVE.shown("footer.choose", 5),
    key(&[ENTER], &[Action::Confirm], "keys.open_attempt").shown("footer.open", 8),
    key(&[Char('q'), ESC], &[Action::Back], "keys.back_quiz").shown("footer.back", 7),
];

const OPEN_KEYS: &[Binding] =
    &[key(&[Char('q'), ESC], &[Action::Back], "keys.back_attempts").shown("footer.back", 7)];

/// An attempt longer than the screen scrolls.
const SCROLL: &[Binding] = &[
    SCROLL_LINE.shown("footer.scroll", 5),
    SCROLL_PAGE.shown("footer.page", 4),
    SCROLL_ENDS,
];

#[derive(Debug)]
pub struct Review {
    pub course: Arc<Course>,
    /// Position of the quiz in outline order.
    pub index: usize,
    /// Finished attempts, oldest first.
    pub attempts: Vec<Attempt>,
    pub selected: usize,
    /// The attempt being read, with its answers.
    pub open: Option<(Attempt, Vec<Answer>)>,
    /// First line shown of the open attempt.
    pub scroll: usize,
    /// The open attempt is longer than the screen.
    pub overflow: bool,
    /// The prompts, laid out as Markdown.
    pub laid: Laid,
}

/// The review's text area for a terminal: a column of margin each side.
fn text_width(size: (u16, u16)) -> usize {
    usize::from(size.0.saturating_sub(2).max(20))
}

fn text_height(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(CHROME_ROWS).max(1))
}

/// Prompts are indented under their number (`✓ 12 `).
const INDENT: &str = "     ";

impl Review {
    pub fn new(
        course: Arc<Course>,
        index: usize,
        attempts: Vec<Attempt>,
        styles: &MdStyles,
    ) -> Review {
        let attempts: Vec<Attempt> = attempts
            .into_iter()
            .filter(|a| a.result.is_some())
            .collect();
        let selected = attempts.len().saturating_sub(1);
        Review {
            course,
            index,
            attempts,
            selected,
            open: None,
            scroll: 0,
            overflow: false,
            laid: Laid::new(styles.clone()),
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

    /// The width prompts are laid out at on a terminal of `size`.
    pub fn prompt_width(size: (u16, u16)) -> u16 {
        (text_width(size) - INDENT.len()) as u16
    }

    fn prepare(&mut self, size: (u16, u16)) {
        let width = Self::prompt_width(size);
        let course = Arc::clone(&self.course);
        let ItemKind::Quiz(quiz) = &course.item_at(self.index).expect("valid index").kind else {
            return;
        };
        for q in &quiz.questions {
            self.laid.prepare(&q.prompt, width);
        }
    }

    /// The open attempt, laid out line by line at `width` cells.
    pub(super) fn attempt_lines(&self, lang: Lang, th: &Theme, width: usize) -> Vec<Line<'static>> {
        let Some((attempt, answers)) = &self.open else {
            return Vec::new();
        };
        let quiz = self.quiz();
        let plan = AttemptPlan::from_record(&attempt.plan)
            .unwrap_or_else(|| AttemptPlan::new(quiz, attempt.seed as u64));
        let mut lines = Vec::new();
        let text = |lines: &mut Vec<Line<'static>>, first: &str, body: &str, style: Style| {
            for l in hang(&format!("{INDENT}{first}"), &flat(body), width) {
                lines.push(Line::from(Span::styled(l, style)));
            }
        };
        for (n, planned) in plan.questions.iter().enumerate() {
            let Some(q) = quiz.question(&planned.id) else {
                continue;
            };
            let answer = answers.iter().find(|a| a.question_id == q.id);
            // The mark with its word: a console font may lack the mark, and a screen
            // reader does not say it.
            let (sym, word, style) = match answer {
                Some(a) if a.correct => ("✓", "quiz.mark_right", th.good),
                Some(a) if a.score > 0.0 => ("◐", "quiz.mark_partly", th.partial),
                _ => ("✗", "quiz.mark_wrong", th.bad),
            };
            let prompt = self.laid.get(&q.prompt, (width - INDENT.len()) as u16);
            for (i, line) in prompt.iter().cloned().enumerate() {
                let number = if i == 0 {
                    format!("{sym}{:>3} ", n + 1)
                } else {
                    INDENT.to_string()
                };
                let mut spans = vec![Span::styled(number, style)];
                spans.extend(line.spans);
                lines.push(Line::from(spans));
            }
            let response = answer.and_then(|a| Response::from_record(&a.response));
            let yours = response.as_ref().map_or_else(
                || lang.t("review.unanswered"),
                |r| response_words(lang, q, r),
            );
            text(
                &mut lines,
                &format!(
                    "{} ",
                    lang.tf("review.yours_marked", &[("mark", lang.t(word).into())])
                ),
                &yours,
                Style::default(),
            );
            text(
                &mut lines,
                &format!("{} ", lang.t("review.right")),
                &right_words(lang, q),
                th.good,
            );
            if let Some(r) = &response {
                for f in feedback(q, r) {
                    text(&mut lines, "", f, th.dim);
                }
            }
            lines.push(Line::from(""));
        }
        lines
    }

    fn max_scroll(&self, cx: &Cx) -> usize {
        let total = self
            .attempt_lines(cx.lang, cx.theme, text_width(cx.size))
            .len()
            + 2;
        total.saturating_sub(text_height(cx.size))
    }
}

impl Review {
    fn step(&mut self, action: Action, cx: &Cx) -> Step {
        if let Action::ReviewAnswers { attempt, answers } = action {
            self.open = Some((attempt, answers));
            self.scroll = 0;
            self.prepare(cx.size);
            return Step::none();
        }
        let page = text_height(cx.size).saturating_sub(1).max(1);
        if self.open.is_some() {
            let max = self.max_scroll(cx);
            match action {
                Action::Back => self.open = None,
                Action::Up => self.scroll = self.scroll.saturating_sub(1),
                Action::Down => self.scroll += 1,
                Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
                Action::PageDown => self.scroll += page,
                Action::Home => self.scroll = 0,
                Action::End => self.scroll = max,
                _ => {}
            }
            self.scroll = self.scroll.min(max);
            return Step::none();
        }
        match action {
            Action::Back => Step::go(Goto::Item {
                course_id: self.course.id.clone(),
                index: self.index,
            }),
            Action::Up => {
                self.selected = self.selected.saturating_sub(1);
                Step::none()
            }
            Action::Down => {
                self.selected = (self.selected + 1).min(self.attempts.len().saturating_sub(1));
                Step::none()
            }
            Action::Confirm => match self.attempts.get(self.selected) {
                Some(a) => Step::run(Effect::LoadAnswers(a.id.clone())),
                None => Step::none(),
            },
            _ => Step::none(),
        }
    }
}

impl Component for Review {
    fn table(&self) -> &'static [Binding] {
        if self.open.is_some() {
            OPEN_KEYS
        } else {
            LIST_KEYS
        }
    }

    fn more(&self) -> Vec<&'static Binding> {
        if self.open.is_some() && self.overflow {
            SCROLL.iter().collect()
        } else {
            Vec::new()
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        let step = self.step(action, cx);
        self.refit(cx);
        step
    }

    fn refit(&mut self, cx: &Cx) {
        self.overflow = self.open.is_some() && self.max_scroll(cx) > 0;
        self.scroll = self.scroll.min(self.max_scroll(cx));
    }
    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        let th = cx.theme;
        let quiz = self.quiz();
        let mut lines = vec![
            Line::from(
                cx.tf("review.title", &[("quiz", quiz.title.as_str().into())])
                    .bold(),
            ),
            Line::from(""),
        ];
        if self.open.is_some() {
            lines.extend(self.attempt_lines(cx.lang, th, area.width as usize));
            let end = (self.scroll + area.height as usize).min(lines.len());
            let shown: Vec<Line> = lines[self.scroll.min(end)..end].to_vec();
            Paragraph::new(shown).render(area, buf);
            return;
        }
        if self.attempts.is_empty() {
            lines.push(Line::from(cx.t("review.none")));
        }
        for (n, a) in self.attempts.iter().enumerate() {
            let r = a.result.as_ref().expect("finished attempts only");
            let verdict = cx.t(if r.passed {
                "status.passed"
            } else {
                "status.failed"
            });
            let on = n == self.selected;
            lines.push(Line::from(vec![
                Span::raw(if on { "▶ " } else { "  " }),
                Span::styled(
                    cx.tf(
                        "review.attempt",
                        &[
                            ("n", (n + 1).into()),
                            ("date", r.finished_at.get(..10).unwrap_or("").into()),
                            ("percent", percent(r.score, r.max_score).into()),
                            ("verdict", verdict.into()),
                        ],
                    ),
                    if on { th.selected } else { Default::default() },
                ),
            ]));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn title(&self, _cx: &Cx) -> Option<String> {
        Some(self.quiz().title.clone())
    }

    fn resize(&mut self, size: (u16, u16)) {
        self.laid.clear();
        if self.open.is_some() {
            self.prepare(size);
        }
    }
}

/// A response in words: the choice, the typed text, the items in the learner's order.
pub fn response_words(lang: Lang, q: &Question, r: &Response) -> String {
    let options = |v: &[usize]| {
        v.iter()
            .map(|&i| option_text(lang, q, i))
            .collect::<Vec<_>>()
    };
    match r {
        Response::Choice(i) => option_text(lang, q, *i).to_string(),
        Response::Choices(v) => options(v).join("; "),
        Response::Bool(b) => lang.t(if *b { "quiz.true" } else { "quiz.false" }),
        Response::Text(s) => s.clone(),
        Response::Number(n) => lang.number(*n),
        Response::Order(v) => options(v).join(" → "),
        Response::Match(v) => match &q.kind {
            QuestionKind::Match { pairs, .. } => pairs
                .iter()
                .zip(v)
                .map(|((left, _), m)| {
                    format!(
                        "{left} → {}",
                        m.map_or("…".into(), |i| option_text(lang, q, i))
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            _ => String::new(),
        },
    }
}

/// The right answer in words.
pub fn right_words(lang: Lang, q: &Question) -> String {
    match &q.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        QuestionKind::TrueFalse { answer, .. } => {
            lang.t(if *answer { "quiz.true" } else { "quiz.false" })
        }
        QuestionKind::Text { answers, .. } => answers
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
                    lang.number(a.min)
                } else {
                    format!("{}–{}", lang.number(a.min), lang.number(a.max))
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
