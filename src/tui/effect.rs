//! Effects: the writes and reads that `App::update` asks for. The event loop runs them between
//! frames, each store call one committed transaction, and feeds the results back as actions.

use crate::library::Library;
use crate::store::{AttemptId, ItemStatus, LearnerId, Place, Store};

use super::action::Action;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// An effect for a learner who is no longer on screen (the screen was hidden or locked
    /// before their last position was written).
    ForLearner(LearnerId, Box<Effect>),
    LoadLearners,
    CreateLearner(String),
    OpenLearner(LearnerId),
    SavePosition {
        course_id: String,
        item_id: String,
        position: u32,
    },
    SetStatus {
        course_id: String,
        item_id: String,
        status: ItemStatus,
    },
    SetPlace(Place),
    LoadQuiz {
        course_id: String,
        quiz_id: String,
    },
    StartAttempt {
        course_id: String,
        course_version: String,
        quiz_id: String,
        seed: i64,
        plan: String,
    },
    RecordAnswer {
        attempt: AttemptId,
        question_id: String,
        response: String,
        score: f64,
        max_score: f64,
        correct: bool,
    },
    FinishAttempt {
        attempt: AttemptId,
        score: f64,
        max_score: f64,
        passed: bool,
    },
}

/// Runs one effect for the current learner. Errors come back as [`Action::Failed`] with a
/// sentence for the screen; nothing is reported as saved unless its transaction committed.
pub fn run(
    store: &mut Store,
    library: &Library,
    learner: Option<&LearnerId>,
    effect: Effect,
) -> Vec<Action> {
    match run_inner(store, library, learner, effect) {
        Ok(actions) => actions,
        Err(e) => vec![Action::Failed(e.to_string())],
    }
}

fn run_inner(
    store: &mut Store,
    library: &Library,
    learner: Option<&LearnerId>,
    effect: Effect,
) -> Result<Vec<Action>, crate::store::StoreError> {
    let need = || learner.ok_or(crate::store::StoreError::NoLearner);
    Ok(match effect {
        Effect::ForLearner(id, inner) => return run_inner(store, library, Some(&id), *inner),
        Effect::LoadLearners => vec![Action::LearnersLoaded(store.learners()?)],
        Effect::CreateLearner(name) => {
            let learner = store.add_learner(&name, None)?;
            open_learner(store, library, &learner.id)?
        }
        Effect::OpenLearner(id) => open_learner(store, library, &id)?,
        Effect::SavePosition {
            course_id,
            item_id,
            position,
        } => {
            store.save_position(need()?, &course_id, &item_id, position)?;
            progress_saved(store, need()?, course_id, item_id)?
        }
        Effect::SetStatus {
            course_id,
            item_id,
            status,
        } => {
            store.set_status(need()?, &course_id, &item_id, status)?;
            progress_saved(store, need()?, course_id, item_id)?
        }
        Effect::SetPlace(place) => {
            store.set_last_place(need()?, &place)?;
            vec![]
        }
        Effect::LoadQuiz { course_id, quiz_id } => {
            let attempts = store.attempts(need()?, &course_id, &quiz_id)?;
            let open = store.open_attempt(need()?, &course_id, &quiz_id)?;
            vec![Action::QuizLoaded { attempts, open }]
        }
        Effect::StartAttempt {
            course_id,
            course_version,
            quiz_id,
            seed,
            plan,
        } => {
            let id =
                store.start_attempt(need()?, &course_id, &course_version, &quiz_id, seed, &plan)?;
            vec![Action::AttemptStarted(id)]
        }
        Effect::RecordAnswer {
            attempt,
            question_id,
            response,
            score,
            max_score,
            correct,
        } => {
            let answer = store.record_answer(
                need()?,
                &attempt,
                &question_id,
                &response,
                score,
                max_score,
                correct,
            )?;
            vec![Action::AnswerSaved(answer.question_id)]
        }
        Effect::FinishAttempt {
            attempt,
            score,
            max_score,
            passed,
        } => {
            let result = store.finish_attempt(need()?, &attempt, score, max_score, passed)?;
            let Some(a) = store.attempt(need()?, &attempt)? else {
                return Err(crate::store::StoreError::AttemptNotFound(attempt));
            };
            let attempts = store.attempts(need()?, &a.course_id, &a.quiz_id)?;
            let mut out = vec![Action::AttemptFinished { result, attempts }];
            out.extend(progress_saved(store, need()?, a.course_id, a.quiz_id)?);
            out
        }
    })
}

fn open_learner(
    store: &mut Store,
    library: &Library,
    id: &LearnerId,
) -> Result<Vec<Action>, crate::store::StoreError> {
    store.touch_learner(id)?;
    let learner = store
        .learners()?
        .into_iter()
        .find(|l| &l.id == id)
        .ok_or(crate::store::StoreError::NoLearner)?;
    let mut progress = std::collections::HashMap::new();
    for course in library.ready() {
        progress.insert(course.id.clone(), store.item_progress(id, &course.id)?);
    }
    let place = store.last_place(id)?;
    Ok(vec![Action::LearnerOpened {
        learner,
        progress,
        place,
    }])
}

fn progress_saved(
    store: &Store,
    learner: &LearnerId,
    course_id: String,
    item_id: String,
) -> Result<Vec<Action>, crate::store::StoreError> {
    let all = store.item_progress(learner, &course_id)?;
    Ok(all
        .get(&item_id)
        .cloned()
        .map(|progress| Action::ProgressSaved {
            course_id,
            item_id,
            progress,
        })
        .into_iter()
        .collect())
}
