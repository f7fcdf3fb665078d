//! Taking a quiz: an intro, one question at a time with feedback once the answer is saved, and
//! the result against the pass mark. An unfinished attempt resumes where it stopped.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::course::markdown::MdStyles;
use crate::course::{Course, ItemKind};
use crate::quiz::{AttemptPlan, QuestionKind, Quiz, grade};
use crate::store::{Attempt, AttemptResult};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::keys::Binding;
use super::laid::Laid;
use super::problem::Problem;
use super::quiz_answer::{Mode, mode};
use super::quiz_keys as keys;
use super::quiz_run::{Run, Submitted, finish, record};
use super::quiz_text::{all_feedback, markdown_option, option_width, text_width};
use super::screen::{Component, Cx, Step, beside};

#[derive(Debug)]
pub struct QuizScreen {
    pub course: Arc<Course>,
    /// Position of the quiz in outline order.
    pub index: usize,
    /// The learner's attempts at this quiz, oldest first (finished and open).
    pub attempts: Vec<Attempt>,
    /// Attempts a facilitator granted beyond the quiz's limit.
    pub granted: u32,
    pub phase: Phase,
    /// A short message for the learner (e.g. "pick an answer first").
    pub hint: Option<&'static str>,
    /// Why the attempt could not start (shown on the quiz's first screen).
    pub error: Option<Problem>,
    /// The texts of the current question, laid out for the view.
    pub laid: Laid,
    /// Width of the quiz's text area, in cells.
    pub width: u16,
    /// The question on screen is longer than the screen (the page keys apply).
    pub overflow: bool,
}

#[derive(Debug)]
pub enum Phase {
    /// Waiting for the attempts to be read.
    Loading,
    /// Title, rules and attempts so far; `open` is an unfinished attempt to continue.
    Intro {
        open: Option<Run>,
    },
    Asking(Run),
    Results {
        run: Run,
        result: AttemptResult,
    },
}

impl QuizScreen {
    pub fn new(
        course: Arc<Course>,
        index: usize,
        size: (u16, u16),
        styles: &MdStyles,
    ) -> QuizScreen {
        let mut state = QuizScreen {
            course,
            index,
            attempts: Vec::new(),
            granted: 0,
            error: None,
            phase: Phase::Loading,
            hint: None,
            laid: Laid::new(styles.clone()),
            width: text_width(size.0),
            overflow: false,
        };
        state.prepare();
        state
    }

    /// Lays out, ahead of drawing, every text the view will show now: the current
    /// question's prompt, options, explanation and possible feedback, or the prompts listed
    /// on the result screen.
    fn prepare(&mut self) {
        let width = self.width.max(10);
        let course = Arc::clone(&self.course);
        let ItemKind::Quiz(quiz) = &course.item_at(self.index).expect("valid index").kind else {
            return;
        };
        let mut texts: Vec<(&str, u16)> = Vec::new();
        match &self.phase {
            Phase::Asking(run) => {
                if let Some(q) = run.question(quiz) {
                    texts.push((&q.prompt, width));
                    if let Some(e) = &q.explanation {
                        texts.push((e, width));
                    }
                    for i in 0..q.kind.option_count() {
                        if let Some(text) = markdown_option(q, i) {
                            texts.push((text, option_width(width)));
                        }
                    }
                    texts.extend(all_feedback(q).into_iter().map(|f| (f, width)));
                }
            }
            Phase::Results { run, .. } => {
                for p in &run.plan.questions {
                    if let Some(q) = quiz.question(&p.id) {
                        texts.push((&q.prompt, width.saturating_sub(6)));
                    }
                }
            }
            Phase::Loading | Phase::Intro { .. } => {}
        }
        for (text, w) in texts {
            self.laid.prepare(text, w);
        }
    }

    pub fn quiz(&self) -> &Quiz {
        match &self
            .course
            .item_at(self.index)
            .expect("index comes from the outline")
            .kind
        {
            ItemKind::Quiz(q) => q,
            ItemKind::Lesson(_) => unreachable!("a quiz screen is opened only on a quiz"),
        }
    }

    /// Finished attempts.
    pub fn finished(&self) -> impl Iterator<Item = &Attempt> {
        self.attempts.iter().filter(|a| a.result.is_some())
    }

    /// Whether the learner is typing an answer now (letters are text, not commands).
    pub fn is_typing(&self) -> bool {
        let Phase::Asking(run) = &self.phase else {
            return false;
        };
        run.submitted.is_none()
            && run
                .question(self.quiz())
                .is_some_and(|q| mode(q) == Mode::Type)
    }

    pub fn can_start(&self) -> bool {
        self.attempts_left().is_none_or(|left| left > 0)
    }

    /// Attempts the learner may still start, a facilitator's grants counted; `None` when the
    /// quiz has no limit.
    pub fn attempts_left(&self) -> Option<usize> {
        self.quiz()
            .attempts_left(self.finished().count(), self.granted)
    }

    /// A write failed (the disk is full, the file cannot be written). The question stays as
    /// it was before Enter, with the reason; Enter tries again. An attempt that could not
    /// even start goes back to the quiz's first screen.
    pub fn save_failed(&mut self, problem: Problem) {
        let Phase::Asking(run) = &mut self.phase else {
            self.error = Some(problem);
            return;
        };
        if run.attempt.is_none() {
            self.phase = Phase::Intro { open: None };
            self.error = Some(problem);
            return;
        }
        run.pending = None;
        run.error = Some(problem);
    }

    fn step(&mut self, action: Action, seed: u64) -> Step {
        self.hint = None;
        match action {
            Action::Back => Step::go(Goto::Outline {
                course_id: self.course.id.clone(),
                select: self.index,
            }),
            Action::Failed(problem) => {
                self.save_failed(problem);
                Step::none()
            }
            Action::NextItem => Step::go(beside(&self.course, self.index, true)),
            Action::PrevItem => Step::go(beside(&self.course, self.index, false)),
            Action::Review if !matches!(self.phase, Phase::Asking(_) | Phase::Loading) => {
                Step::run(Effect::LoadReview {
                    course_id: self.course.id.clone(),
                    quiz_id: self.quiz().id.clone(),
                })
            }
            a @ (Action::QuizLoaded { .. }
            | Action::AttemptStarted(_)
            | Action::AnswerSaved(_)
            | Action::AttemptFinished { .. }) => {
                self.arrive(a);
                Step::none()
            }
            Action::Confirm if matches!(self.phase, Phase::Results { .. }) => {
                Step::go(beside(&self.course, self.index, true))
            }
            other => Step::runs(self.press(other, seed)),
        }
    }

    /// What the store answered: the attempts so far, an attempt started, an answer or the
    /// end of an attempt recorded.
    fn arrive(&mut self, action: Action) {
        match action {
            Action::QuizLoaded {
                attempts,
                granted,
                open,
            } => {
                self.attempts = attempts;
                self.granted = granted;
                // Read again while the result is on screen (the learner came back to it):
                // the result stays, with the attempts left brought up to date.
                if matches!(self.phase, Phase::Results { .. }) {
                    return;
                }
                let quiz = self.quiz();
                let open = open.map(|(attempt, answers)| Run::resume(quiz, attempt, answers));
                self.phase = Phase::Intro { open };
            }
            Action::AttemptStarted(id) => {
                if let Phase::Asking(run) = &mut self.phase {
                    run.attempt = Some(id);
                }
            }
            Action::AnswerSaved(question_id) => {
                if let Phase::Asking(run) = &mut self.phase
                    && let Some(s) = run.pending.take()
                {
                    run.answers
                        .insert(question_id, (s.response.clone(), s.grade));
                    run.submitted = Some(s);
                    run.error = None;
                    run.scroll = 0;
                }
            }
            Action::AttemptFinished { result, attempts } => {
                self.attempts = attempts;
                let phase = std::mem::replace(&mut self.phase, Phase::Loading);
                self.phase = match phase {
                    Phase::Asking(run) => Phase::Results { run, result },
                    other => other,
                };
            }
            _ => {}
        }
    }

    /// A key of the phase on screen.
    fn press(&mut self, action: Action, seed: u64) -> Vec<Effect> {
        match &mut self.phase {
            Phase::Loading => Vec::new(),
            Phase::Intro { open } => match action {
                Action::Confirm if open.is_some() => {
                    let Some(run) = open.take() else {
                        return Vec::new();
                    };
                    // Every question answered but the end never recorded (the power went
                    // between the last answer and the score): record it now, or the screen
                    // would wait on "Adding up your score…" for ever.
                    let effects = if run.is_complete() {
                        finish(&run, self.quiz())
                    } else {
                        Vec::new()
                    };
                    self.phase = Phase::Asking(run);
                    effects
                }
                Action::Confirm | Action::Retry if open.is_none() => self.start(seed),
                _ => Vec::new(),
            },
            Phase::Results { .. } if action == Action::Retry => self.start(seed),
            Phase::Results { .. } => Vec::new(),
            Phase::Asking(_) => self.ask(action),
        }
    }

    fn start(&mut self, seed: u64) -> Vec<Effect> {
        self.error = None;
        if !self.can_start() {
            self.hint = Some("quiz.no_attempts_left");
            return Vec::new();
        }
        let quiz = self.quiz();
        // SQLite integers are signed; the plan is recorded anyway, the seed only documents it.
        let seed = (seed >> 1) as i64;
        let plan = AttemptPlan::new(quiz, seed as u64);
        let effect = Effect::StartAttempt {
            course_id: self.course.id.clone(),
            course_version: self.course.version.clone(),
            quiz_id: quiz.id.clone(),
            seed,
            plan: plan.to_record(),
        };
        let mut run = Run::new(plan, None);
        run.advance_to_unanswered(self.quiz());
        self.phase = Phase::Asking(run);
        vec![effect]
    }

    fn ask(&mut self, action: Action) -> Vec<Effect> {
        let course = Arc::clone(&self.course);
        let quiz = match &course.item_at(self.index).expect("valid index").kind {
            ItemKind::Quiz(q) => q,
            ItemKind::Lesson(_) => return Vec::new(),
        };
        let Phase::Asking(run) = &mut self.phase else {
            return Vec::new();
        };
        let Some(question) = run.question(quiz) else {
            // Every answer is in; Enter tries again to record the end of the attempt.
            return match action {
                Action::Confirm if run.error.is_some() => finish(run, quiz),
                _ => Vec::new(),
            };
        };
        let Some(planned) = run.planned().cloned() else {
            return Vec::new();
        };
        if run.submitted.is_some() {
            return match action {
                Action::Up => {
                    run.scroll = run.scroll.saturating_sub(1);
                    Vec::new()
                }
                Action::Down => {
                    run.scroll += 1;
                    Vec::new()
                }
                Action::Confirm => {
                    run.advance_to_unanswered(quiz);
                    if run.is_complete() {
                        finish(run, quiz)
                    } else {
                        Vec::new()
                    }
                }
                _ => Vec::new(),
            };
        }
        if run.pending.is_some() {
            // Sent to be recorded; the result comes before the next key.
            return Vec::new();
        }
        match action {
            Action::Confirm => {
                let response = match run.answering.response(question, &planned) {
                    Ok(r) => r,
                    Err(missing) => {
                        self.hint = Some(missing);
                        return Vec::new();
                    }
                };
                let grade = grade(question, &response);
                run.pending = Some(Submitted { response, grade });
                run.error = None;
                return record(run, question);
            }
            other => run.answering.key(question, &planned, &other),
        }
        Vec::new()
    }
}

impl QuizScreen {
    /// Keeps the question's scroll where the learner needs it: on the cursor while
    /// answering, where the page keys put it, never past the last line.
    fn fit(&mut self, action: &Action, cx: &Cx) {
        let height = super::quiz_view::body_height(cx.size);
        let page = height.saturating_sub(1).max(1);
        let Some((total, cursor)) = super::quiz_view::question_extent(self, cx) else {
            self.overflow = false;
            return;
        };
        self.overflow = total > height;
        let Phase::Asking(run) = &mut self.phase else {
            return;
        };
        let max = total.saturating_sub(height);
        match action {
            Action::PageUp => run.scroll = run.scroll.saturating_sub(page),
            Action::PageDown => run.scroll += page,
            Action::Home if run.submitted.is_some() => run.scroll = 0,
            Action::End if run.submitted.is_some() => run.scroll = max,
            _ if run.submitted.is_none() => {
                if cursor < run.scroll {
                    run.scroll = cursor;
                } else if cursor + 2 > run.scroll + height {
                    run.scroll = (cursor + 2).saturating_sub(height);
                }
            }
            _ => {}
        }
        run.scroll = run.scroll.min(max);
    }
}

impl Component for QuizScreen {
    fn shows_problems(&self) -> bool {
        true
    }

    fn table(&self) -> &'static [Binding] {
        let quiz = self.quiz();
        match &self.phase {
            Phase::Loading => keys::LOADING,
            Phase::Intro { open: Some(_) } => keys::INTRO_OPEN,
            Phase::Intro { open: None } if self.can_start() => keys::INTRO,
            Phase::Intro { open: None } => keys::INTRO_DONE,
            Phase::Results { .. } if self.can_start() => keys::RESULTS,
            Phase::Results { .. } => keys::RESULTS_DONE,
            Phase::Asking(run) if run.submitted.is_some() => keys::FEEDBACK,
            Phase::Asking(run) => match run.question(quiz) {
                None => keys::FINISHING,
                Some(q) => match (mode(q), &q.kind) {
                    (Mode::Choose, QuestionKind::Multiple { .. }) => keys::CHOOSE_MANY,
                    (Mode::Choose, _) => keys::CHOOSE_ONE,
                    (Mode::Type, _) => keys::TYPE,
                    (Mode::Arrange, _) => keys::ARRANGE,
                    (Mode::Pair, _) => keys::PAIR,
                },
            },
        }
    }

    /// A hint while one is left; the page keys while the question is longer than the
    /// screen.
    fn more(&self) -> Vec<&'static Binding> {
        let Phase::Asking(run) = &self.phase else {
            return Vec::new();
        };
        let mut more = Vec::new();
        if run.submitted.is_some() {
            if self.overflow {
                more.extend(keys::SCROLL);
            }
            return more;
        }
        if let Some(q) = run.question(self.quiz())
            && q.hints.len() > run.answering.hints_shown
        {
            more.push(if mode(q) == Mode::Type {
                &keys::HINT_TYPING
            } else {
                &keys::HINT
            });
        }
        if self.overflow {
            more.push(&keys::PAGE);
        }
        more.push(&keys::READ_ALOUD);
        more
    }

    fn typing(&self) -> bool {
        self.is_typing()
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step {
        if action == Action::ReadAloud {
            return super::quiz_view::spoken(self, cx).map_or_else(Step::none, Step::run);
        }
        let moved = action.clone();
        let step = self.step(action, cx.seed);
        self.prepare();
        self.fit(&moved, cx);
        step
    }

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer) {
        super::quiz_view::draw(self, cx, area, buf);
    }

    fn title(&self, _cx: &Cx) -> Option<String> {
        Some(self.quiz().title.clone())
    }

    fn resize(&mut self, size: (u16, u16)) {
        let width = text_width(size.0);
        if width != self.width {
            self.width = width;
            self.laid.clear();
            self.prepare();
        }
    }

    fn full_width(&self) -> bool {
        true
    }

    fn refit(&mut self, cx: &Cx) {
        self.fit(&Action::Tick, cx);
    }
}
