//! One attempt in progress: its plan, the answers recorded so far, the answer being given,
//! and what to write when an answer is given or the last one is in.

use std::collections::HashMap;

use crate::quiz::grade::feedback;
use crate::quiz::plan::PlannedQuestion;
use crate::quiz::{AttemptPlan, Grade, Points, Question, Quiz, Response, passes};
use crate::store::{Answer, Attempt, AttemptId};

use super::effect::Effect;
use super::problem::Problem;
use super::quiz_answer::Answering;

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
    pub error: Option<Problem>,
    /// First line of the question shown: it follows the cursor, and the page keys move it.
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    pub response: Response,
    pub grade: Grade,
}

impl Run {
    pub fn new(plan: AttemptPlan, attempt: Option<AttemptId>) -> Run {
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
    pub fn advance_to_unanswered(&mut self, quiz: &Quiz) {
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

    /// An unfinished attempt read back: its plan (drawn again from the seed if the quiz no
    /// longer has its questions), its answers, at the first question not answered.
    pub fn resume(quiz: &Quiz, attempt: Attempt, answers: Vec<Answer>) -> Run {
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

    pub fn is_complete(&self) -> bool {
        self.current >= self.plan.questions.len()
    }
}

/// Records the end of a run whose every question is answered.
pub fn finish(run: &Run, quiz: &Quiz) -> Vec<Effect> {
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

pub fn record(run: &Run, question: &Question) -> Vec<Effect> {
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
