//! Taking a quiz: an intro, one question at a time with feedback once the answer is saved, and
//! the result against the pass mark. An unfinished attempt resumes where it stopped.

use std::collections::HashMap;
use std::sync::Arc;

use crate::course::markdown::MdStyles;
use crate::course::{Course, ItemKind};
use crate::i18n::t;
use crate::quiz::grade::feedback;
use crate::quiz::{
    AttemptPlan, Grade, Points, Question, QuestionKind, Quiz, Response, grade, passes,
};
use crate::store::{Attempt, AttemptId, AttemptResult};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::laid::Laid;
use super::quiz_answer::Answering;
use crate::quiz::plan::PlannedQuestion;

#[derive(Debug)]
pub struct QuizState {
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
    pub error: Option<String>,
    /// The texts of the current question, laid out for the view.
    pub laid: Laid,
    /// Width of the quiz's text area, in cells.
    pub width: u16,
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

/// One attempt in progress.
#[derive(Debug, Clone)]
pub struct Run {
    /// `None` until the store has recorded the attempt's start.
    pub attempt: Option<AttemptId>,
    pub plan: AttemptPlan,
    /// Index into `plan.questions`.
    pub current: usize,
    /// Saved answers by question id.
    pub answers: HashMap<String, (Response, Grade)>,
    /// The answer being given to the current question.
    pub answering: Answering,
    /// The answer sent to be recorded, not yet committed: nothing of its feedback shows.
    pub pending: Option<Submitted>,
    /// The answer recorded for the current question: its feedback and the right answer
    /// show only now, so a learner never learns the key from an answer that was not kept.
    pub submitted: Option<Submitted>,
    /// Why the last answer (or the end of the attempt) could not be recorded; Enter tries
    /// again.
    pub error: Option<String>,
    /// Scroll of the question body once feedback is shown.
    pub scroll: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    pub response: Response,
    pub grade: Grade,
}

impl Run {
    fn new(plan: AttemptPlan, attempt: Option<AttemptId>) -> Run {
        Run {
            attempt,
            plan,
            current: 0,
            answers: HashMap::new(),
            answering: Answering::default(),
            pending: None,
            submitted: None,
            error: None,
            scroll: 0,
        }
    }

    /// The planned question now asked, with how its options are shown.
    pub fn planned(&self) -> Option<&PlannedQuestion> {
        self.plan.questions.get(self.current)
    }

    pub fn question<'q>(&self, quiz: &'q Quiz) -> Option<&'q Question> {
        quiz.question(&self.plan.questions.get(self.current)?.id)
    }

    /// Score so far over the planned questions: (score, max).
    pub fn totals(&self, quiz: &Quiz) -> (Points, Points) {
        let planned = || self.plan.questions.iter();
        let score = planned()
            .filter_map(|p| self.answers.get(&p.id))
            .map(|(_, g)| g.score)
            .sum();
        let max = planned()
            .filter_map(|p| quiz.question(&p.id))
            .map(|q| q.points)
            .sum();
        (score, max)
    }

    /// Moves to the first unanswered question, ready to answer it.
    fn advance_to_unanswered(&mut self, quiz: &Quiz) {
        self.current = self
            .plan
            .questions
            .iter()
            .position(|p| !self.answers.contains_key(&p.id))
            .unwrap_or(self.plan.questions.len());
        self.answering = match (self.question(quiz), self.planned()) {
            (Some(q), Some(p)) => Answering::new(q, p),
            _ => Answering::default(),
        };
        self.pending = None;
        self.submitted = None;
        self.error = None;
        self.scroll = 0;
    }

    pub fn is_complete(&self) -> bool {
        self.current >= self.plan.questions.len()
    }
}

impl QuizState {
    pub fn new(
        course: Arc<Course>,
        index: usize,
        size: (u16, u16),
        styles: &MdStyles,
    ) -> QuizState {
        let mut state = QuizState {
            course,
            index,
            attempts: Vec::new(),
            granted: 0,
            error: None,
            phase: Phase::Loading,
            hint: None,
            laid: Laid::new(styles.clone()),
            width: text_width(size.0),
        };
        state.prepare();
        state
    }

    /// The terminal changed size: lay the texts out again for the new width.
    pub fn resize(&mut self, term_width: u16) {
        let width = text_width(term_width);
        if width != self.width {
            self.width = width;
            self.laid.clear();
            self.prepare();
        }
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
                        texts.push((option_text(q, i), option_width(width)));
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
    pub fn typing(&self) -> bool {
        let Phase::Asking(run) = &self.phase else {
            return false;
        };
        run.submitted.is_none()
            && run
                .question(self.quiz())
                .is_some_and(|q| super::quiz_answer::mode(q) == super::quiz_answer::Mode::Type)
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
    pub fn save_failed(&mut self, reason: &str) {
        let Phase::Asking(run) = &mut self.phase else {
            return;
        };
        if run.attempt.is_none() {
            self.phase = Phase::Intro { open: None };
            self.error = Some(reason.to_string());
            return;
        }
        run.pending = None;
        run.error = Some(reason.to_string());
    }

    pub fn update(&mut self, action: Action, seed: u64) -> (Vec<Effect>, Option<Goto>) {
        let out = self.update_inner(action, seed);
        self.prepare();
        out
    }

    fn update_inner(&mut self, action: Action, seed: u64) -> (Vec<Effect>, Option<Goto>) {
        self.hint = None;
        let course_id = self.course.id.clone();
        match action {
            Action::Back => {
                return (
                    Vec::new(),
                    Some(Goto::Outline {
                        course_id,
                        select: self.index,
                    }),
                );
            }
            Action::NextItem | Action::PrevItem => {
                let next = if action == Action::NextItem {
                    self.index + 1
                } else {
                    self.index.wrapping_sub(1)
                };
                let goto = if next < self.course.item_count() {
                    Goto::Item {
                        course_id,
                        index: next,
                    }
                } else {
                    Goto::Outline {
                        course_id,
                        select: self.index,
                    }
                };
                return (Vec::new(), Some(goto));
            }
            Action::Review if !matches!(self.phase, Phase::Asking(_) | Phase::Loading) => {
                let quiz_id = self.quiz().id.clone();
                return (vec![Effect::LoadReview { course_id, quiz_id }], None);
            }
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
                    return (Vec::new(), None);
                }
                let open = open.map(|(attempt, answers)| self.resume_run(attempt, answers));
                self.phase = Phase::Intro { open };
                return (Vec::new(), None);
            }
            Action::AttemptStarted(id) => {
                if let Phase::Asking(run) = &mut self.phase {
                    run.attempt = Some(id);
                }
                return (Vec::new(), None);
            }
            Action::AnswerSaved(question_id) => {
                if let Phase::Asking(run) = &mut self.phase
                    && let Some(s) = run.pending.take()
                {
                    run.answers
                        .insert(question_id, (s.response.clone(), s.grade));
                    run.submitted = Some(s);
                    run.error = None;
                }
                return (Vec::new(), None);
            }
            Action::AttemptFinished { result, attempts } => {
                self.attempts = attempts;
                let phase = std::mem::replace(&mut self.phase, Phase::Loading);
                if let Phase::Asking(run) = phase {
                    self.phase = Phase::Results { run, result };
                } else {
                    self.phase = phase;
                }
                return (Vec::new(), None);
            }
            _ => {}
        }
        let effects = match &mut self.phase {
            Phase::Loading => Vec::new(),
            Phase::Intro { open } => match action {
                Action::Confirm => match open.take() {
                    Some(run) => {
                        self.phase = Phase::Asking(run);
                        Vec::new()
                    }
                    None => self.start(seed),
                },
                _ => Vec::new(),
            },
            Phase::Results { .. } => match action {
                Action::Retry => self.start(seed),
                Action::Confirm => {
                    return self.update_inner(Action::NextItem, seed);
                }
                _ => Vec::new(),
            },
            Phase::Asking(_) => self.ask(action),
        };
        (effects, None)
    }

    fn resume_run(&self, attempt: Attempt, answers: Vec<crate::store::Answer>) -> Run {
        let quiz = self.quiz();
        let plan = AttemptPlan::from_record(&attempt.plan)
            .filter(|p| p.questions.iter().all(|q| quiz.question(&q.id).is_some()))
            .unwrap_or_else(|| AttemptPlan::new(quiz, attempt.seed as u64));
        let mut run = Run::new(plan, Some(attempt.id));
        for a in answers {
            if let Some(r) = Response::from_record(&a.response) {
                run.answers.insert(
                    a.question_id,
                    (
                        r,
                        Grade {
                            score: Points::new(a.score).unwrap_or_default(),
                            max: Points::new(a.max_score).unwrap_or_default(),
                        },
                    ),
                );
            }
        }
        run.advance_to_unanswered(quiz);
        run
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
                    run.scroll = run.scroll.saturating_add(1);
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

/// Records the end of a run whose every question is answered.
fn finish(run: &Run, quiz: &Quiz) -> Vec<Effect> {
    let (score, max_score) = run.totals(quiz);
    match &run.attempt {
        Some(attempt) => vec![Effect::FinishAttempt {
            attempt: attempt.clone(),
            score,
            max_score,
            passed: passes(score.get(), max_score.get(), quiz.pass_mark),
        }],
        None => Vec::new(),
    }
}

fn record(run: &Run, question: &Question) -> Vec<Effect> {
    let (Some(attempt), Some(sub)) = (&run.attempt, &run.pending) else {
        return Vec::new();
    };
    vec![Effect::RecordAnswer {
        attempt: attempt.clone(),
        question_id: question.id.clone(),
        response: sub.response.to_record(),
        score: sub.grade.score,
        max_score: sub.grade.max,
        correct: sub.grade.is_correct(),
    }]
}

/// The feedback lines for a submitted answer, for the view.
pub fn feedback_for<'q>(question: &'q Question, sub: &Submitted) -> Vec<&'q str> {
    feedback(question, &sub.response)
}

/// Text of the option at original position `i`: a choice, True/False, an item to order,
/// or a right-hand item to match.
pub fn option_text(question: &Question, i: usize) -> &str {
    match &question.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
            choices.get(i).map_or("", |c| c.text.as_str())
        }
        QuestionKind::TrueFalse { .. } if i == 0 => t("quiz.true"),
        QuestionKind::TrueFalse { .. } => t("quiz.false"),
        QuestionKind::Order { items } => items.get(i).map_or("", String::as_str),
        QuestionKind::Match { .. } => question.kind.match_options().get(i).copied().unwrap_or(""),
        QuestionKind::Text { .. } | QuestionKind::Number { .. } => "",
    }
}

/// Whether the choice at original position `i` is a right answer (choose mode).
pub fn option_is_right(question: &Question, i: usize) -> bool {
    match &question.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
            choices.get(i).is_some_and(|c| c.correct)
        }
        QuestionKind::TrueFalse { answer, .. } => *answer == (i == 0),
        _ => false,
    }
}

/// The quiz's text area: the terminal less a column of margin each side.
pub fn text_width(term_width: u16) -> u16 {
    term_width.saturating_sub(2)
}

/// How wide an option's text is laid out: room is left for its number, mark and verdict.
pub fn option_width(width: u16) -> u16 {
    width.saturating_sub(24).max(10)
}

/// Every feedback text a question can show, whatever is answered.
fn all_feedback(q: &Question) -> Vec<&str> {
    match &q.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => choices
            .iter()
            .filter_map(|c| c.feedback.as_deref())
            .collect(),
        QuestionKind::TrueFalse {
            feedback_true,
            feedback_false,
            ..
        } => [feedback_true, feedback_false]
            .into_iter()
            .filter_map(|f| f.as_deref())
            .collect(),
        QuestionKind::Text { answers } => answers
            .iter()
            .filter_map(|a| a.feedback.as_deref())
            .collect(),
        QuestionKind::Number { answers } => answers
            .iter()
            .filter_map(|a| a.feedback.as_deref())
            .collect(),
        QuestionKind::Order { .. } | QuestionKind::Match { .. } => Vec::new(),
    }
}
