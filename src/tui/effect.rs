//! Effects: the reads and writes an update asks for. The event loop runs them between frames,
//! each a call to the store or the domain (one committed transaction per learner's action),
//! and feeds the results back as actions. What the records mean is computed in `records`,
//! `progress` and `certificate`, not here.

use std::path::Path;

use crate::library::{Library, Origin};
use crate::quiz::Points;
use crate::store::{AttemptId, LearnerId, PinCheck, Place, ProfileChange, Store, StoreError};

use super::action::Action;
use super::job::Job;
use super::problem::Problem;

/// A PIN or password on its way to the store. Its `Debug` hides it, so no log or test
/// failure ever prints one.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(•••)")
    }
}

/// What a saved profile does to the PIN.
#[derive(Debug, Clone, PartialEq)]
pub enum PinChange {
    Keep,
    Set(Secret),
    Remove,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// An effect for a learner who is no longer on screen (the screen was hidden or locked
    /// before their last position was written).
    ForLearner(LearnerId, Box<Effect>),
    /// A long job, run by the event loop on a thread of its own.
    Job(Job),
    LoadLearners,
    CreateLearner {
        name: String,
        pin: Option<Secret>,
    },
    /// Opens a profile without a PIN; one with a PIN answers [`Action::PinRequired`].
    OpenLearner(LearnerId),
    CheckPin {
        learner: LearnerId,
        pin: Secret,
    },
    SaveProfile {
        learner: LearnerId,
        /// A new name, when it changed.
        name: Option<String>,
        pin: PinChange,
        language: String,
        theme: String,
    },
    OpenFacilitator,
    FacilitatorSignIn(Secret),
    SetFacilitatorPassword(Secret),
    /// Back to the facilitator's board, freshly read (only ever sent while signed in).
    RefreshBoard,
    ResetPin(LearnerId),
    DeleteLearner(LearnerId),
    SetArchived(LearnerId, bool),
    /// Every record of `other` moves to `keep`; `other` goes.
    MergeLearners {
        keep: LearnerId,
        other: LearnerId,
    },
    /// One more attempt at a quiz for a learner who used them all.
    GrantAttempt {
        learner: LearnerId,
        course_id: String,
        quiz_id: String,
    },
    SavePosition {
        course_id: String,
        item_id: String,
        position: u32,
    },
    /// A lesson read to its end, with the hash of the text read.
    MarkRead {
        course_id: String,
        item_id: String,
        content_hash: String,
    },
    SetPlace(Place),
    LoadReview {
        course_id: String,
        quiz_id: String,
    },
    LoadAnswers(AttemptId),
    IssueCertificate {
        course_id: String,
    },
    /// Checks an installed course's files against its manifest before it opens, then opens
    /// its outline, or `item` when given.
    OpenCourse {
        course_id: String,
        item: Option<usize>,
    },
    /// Reads one lesson or quiz of an installed course (known by its outline) to open it.
    LoadItem {
        course_id: String,
        index: usize,
    },
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
        score: Points,
        max_score: Points,
        correct: bool,
    },
    FinishAttempt {
        attempt: AttemptId,
        score: Points,
        max_score: Points,
        passed: bool,
    },
}

/// What an effect needs besides the store: the courses, the learner on screen, where data
/// lives.
pub struct Context<'a> {
    pub library: &'a Library,
    pub learner: Option<&'a LearnerId>,
    pub data_dir: Option<&'a Path>,
}

/// Runs one effect. Errors come back as [`Action::Failed`] with a problem the screen shows
/// in the learner's language; nothing is reported as saved unless its transaction
/// committed.
pub fn run(store: &mut Store, cx: &Context<'_>, effect: Effect) -> Vec<Action> {
    match run_inner(store, cx, effect) {
        Ok(actions) => actions,
        // The learner on screen was deleted from another desk (or by `hatua learners
        // remove`): say so and go back to the list, rather than failing every save.
        Err(StoreError::LearnerNotFound(id)) if cx.learner == Some(&id) => {
            vec![Action::LearnerGone]
        }
        Err(e) => vec![Action::Failed(Problem::from(&e))],
    }
}

fn run_inner(
    store: &mut Store,
    cx: &Context<'_>,
    effect: Effect,
) -> Result<Vec<Action>, StoreError> {
    match effect {
        Effect::ForLearner(id, inner) => {
            let cx = Context {
                learner: Some(&id),
                ..*cx
            };
            run_inner(store, &cx, *inner)
        }
        // The event loop takes jobs before they get here.
        Effect::Job(_) => Ok(Vec::new()),
        e @ (Effect::LoadLearners
        | Effect::CreateLearner { .. }
        | Effect::OpenLearner(..)
        | Effect::CheckPin { .. }
        | Effect::SaveProfile { .. }) => people(store, cx, e),
        e @ (Effect::OpenFacilitator
        | Effect::FacilitatorSignIn(..)
        | Effect::SetFacilitatorPassword(..)
        | Effect::RefreshBoard
        | Effect::ResetPin(..)
        | Effect::DeleteLearner(..)
        | Effect::SetArchived(..)
        | Effect::MergeLearners { .. }
        | Effect::GrantAttempt { .. }) => facilitator(store, cx, e),
        e @ (Effect::SavePosition { .. }
        | Effect::MarkRead { .. }
        | Effect::SetPlace(..)
        | Effect::OpenCourse { .. }
        | Effect::LoadItem { .. }
        | Effect::IssueCertificate { .. }) => reading(store, cx, e),
        e @ (Effect::LoadReview { .. }
        | Effect::LoadAnswers(..)
        | Effect::LoadQuiz { .. }
        | Effect::StartAttempt { .. }
        | Effect::RecordAnswer { .. }
        | Effect::FinishAttempt { .. }) => quizzes(store, cx, e),
    }
}

/// Signing in, and a learner's own profile.
fn people(store: &mut Store, cx: &Context<'_>, effect: Effect) -> Result<Vec<Action>, StoreError> {
    Ok(match effect {
        Effect::LoadLearners => vec![learners(store)?],
        Effect::CreateLearner { name, pin } => {
            let learner = store.add_learner(&name, pin.as_ref().map(|p| p.0.as_str()))?;
            open_learner(store, cx.library, &learner.id)?
        }
        Effect::OpenLearner(id) => {
            let learner = store.learner(&id)?.ok_or(StoreError::NoLearner)?;
            if learner.has_pin {
                let locked = store.pin_lock(&id, time::OffsetDateTime::now_utc())?;
                vec![Action::PinRequired { learner, locked }]
            } else {
                open_learner(store, cx.library, &id)?
            }
        }
        Effect::CheckPin { learner, pin } => {
            match store.check_pin(&learner, &pin.0, time::OffsetDateTime::now_utc())? {
                PinCheck::Accepted | PinCheck::NoPin => open_learner(store, cx.library, &learner)?,
                PinCheck::Rejected { tries_left } => vec![Action::PinRejected { tries_left }],
                PinCheck::Locked { seconds_left } => vec![Action::PinLocked { seconds_left }],
            }
        }
        Effect::SaveProfile {
            learner,
            name,
            pin,
            language,
            theme,
        } => {
            let change = ProfileChange {
                name: name.as_deref(),
                pin: match &pin {
                    PinChange::Keep => crate::store::PinChange::Keep,
                    PinChange::Set(p) => crate::store::PinChange::Set(&p.0),
                    PinChange::Remove => crate::store::PinChange::Remove,
                },
                language: Some(&language),
                theme: Some(&theme),
            };
            vec![Action::ProfileSaved(store.save_profile(&learner, &change)?)]
        }
        other => unreachable!("not an effect of this group: {other:?}"),
    })
}

/// The facilitator's board and what it does to learners.
fn facilitator(
    store: &mut Store,
    cx: &Context<'_>,
    effect: Effect,
) -> Result<Vec<Action>, StoreError> {
    Ok(match effect {
        Effect::OpenFacilitator => vec![Action::FacilitatorLogin {
            has_password: store.has_facilitator_password()?,
        }],
        Effect::FacilitatorSignIn(password) => {
            match store.sign_in_facilitator(&password.0, time::OffsetDateTime::now_utc())? {
                PinCheck::Accepted => vec![board(store, cx.library)?],
                PinCheck::Locked { seconds_left } => vec![Action::FacilitatorPaused(seconds_left)],
                PinCheck::Rejected { .. } | PinCheck::NoPin => {
                    vec![Action::Failed(Problem::new("facilitator.wrong_password"))]
                }
            }
        }
        Effect::SetFacilitatorPassword(password) => {
            store.set_facilitator_password(&password.0)?;
            vec![board(store, cx.library)?]
        }
        Effect::RefreshBoard => vec![board(store, cx.library)?],
        Effect::ResetPin(id) => {
            store.set_pin(&id, None)?;
            vec![board(store, cx.library)?]
        }
        Effect::DeleteLearner(id) => {
            let deleted = match cx.data_dir {
                Some(dir) => crate::certificate::delete_learner(store, dir, &id),
                None => store.delete_learner(&id).map(drop).map_err(Into::into),
            };
            if let Err(e) = deleted {
                return Ok(vec![Action::Failed(Problem::other(e))]);
            }
            vec![board(store, cx.library)?]
        }
        Effect::SetArchived(id, archived) => {
            store.set_archived(&id, archived)?;
            vec![board(store, cx.library)?]
        }
        Effect::MergeLearners { keep, other } => {
            store.merge_learners(&keep, &other)?;
            vec![board(store, cx.library)?]
        }
        Effect::GrantAttempt {
            learner,
            course_id,
            quiz_id,
        } => {
            store.grant_attempts(&learner, &course_id, &quiz_id, 1, "facilitator")?;
            vec![board(store, cx.library)?]
        }
        other => unreachable!("not an effect of this group: {other:?}"),
    })
}

/// Opening courses and lessons, and keeping the learner's place.
fn reading(store: &mut Store, cx: &Context<'_>, effect: Effect) -> Result<Vec<Action>, StoreError> {
    let need = || cx.learner.ok_or(StoreError::NoLearner);
    Ok(match effect {
        Effect::SavePosition {
            course_id,
            item_id,
            position,
        } => {
            store.save_position(need()?, &course_id, &item_id, position)?;
            progress_saved(store, need()?, course_id, item_id)?
        }
        Effect::MarkRead {
            course_id,
            item_id,
            content_hash,
        } => {
            store.mark_read(need()?, &course_id, &item_id, &content_hash)?;
            progress_saved(store, need()?, course_id, item_id)?
        }
        Effect::SetPlace(place) => {
            store.set_last_place(need()?, &place)?;
            Vec::new()
        }
        Effect::OpenCourse { course_id, item } => open_course(cx.library, course_id, item),
        Effect::LoadItem { course_id, index } => load_item(cx.library, course_id, index),
        Effect::IssueCertificate { course_id } => {
            let learner = store.learner(need()?)?.ok_or(StoreError::NoLearner)?;
            let (Some(course), Some(data_dir)) = (cx.library.course(&course_id), cx.data_dir)
            else {
                return Ok(Vec::new());
            };
            let today = crate::certificate::today();
            match crate::certificate::issue(store, data_dir, &learner, course, &today) {
                Ok((record, html, _)) => vec![Action::CertificateIssued {
                    html,
                    code: record.code,
                }],
                Err(e) => vec![Action::Failed(Problem::other(e))],
            }
        }
        other => unreachable!("not an effect of this group: {other:?}"),
    })
}

/// Quiz attempts and their review.
fn quizzes(store: &mut Store, cx: &Context<'_>, effect: Effect) -> Result<Vec<Action>, StoreError> {
    let need = || cx.learner.ok_or(StoreError::NoLearner);
    Ok(match effect {
        Effect::LoadReview { course_id, quiz_id } => {
            vec![Action::ReviewLoaded(store.attempts(
                need()?,
                &course_id,
                &quiz_id,
            )?)]
        }
        Effect::LoadAnswers(attempt) => {
            let answers = store.answers(need()?, &attempt)?;
            match store.attempt(need()?, &attempt)? {
                Some(attempt) => vec![Action::ReviewAnswers { attempt, answers }],
                None => Vec::new(),
            }
        }
        Effect::LoadQuiz { course_id, quiz_id } => {
            let attempts = store.attempts(need()?, &course_id, &quiz_id)?;
            let open = store.open_attempt(need()?, &course_id, &quiz_id)?;
            let granted = store.granted_attempts(need()?, &course_id, &quiz_id)?;
            vec![Action::QuizLoaded {
                attempts,
                granted,
                open,
            }]
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
                return Err(StoreError::AttemptNotFound(attempt));
            };
            let attempts = store.attempts(need()?, &a.course_id, &a.quiz_id)?;
            let mut out = vec![Action::AttemptFinished { result, attempts }];
            out.extend(progress_saved(store, need()?, a.course_id, a.quiz_id)?);
            out
        }
        other => unreachable!("not an effect of this group: {other:?}"),
    })
}

fn learners(store: &Store) -> Result<Action, StoreError> {
    let learners = store.learners()?;
    let now = time::OffsetDateTime::now_utc();
    let mut locks = std::collections::HashMap::new();
    for l in learners.iter().filter(|l| l.has_pin) {
        if let Some(secs) = store.pin_lock(&l.id, now)? {
            locks.insert(l.id.clone(), secs);
        }
    }
    Ok(Action::LearnersLoaded { learners, locks })
}

fn board(store: &Store, library: &Library) -> Result<Action, StoreError> {
    Ok(Action::FacilitatorBoard(crate::records::board(
        store, library,
    )?))
}

fn open_learner(
    store: &mut Store,
    library: &Library,
    id: &LearnerId,
) -> Result<Vec<Action>, StoreError> {
    let learner = store
        .learner(id)?
        .filter(|l| !l.archived)
        .ok_or(StoreError::NoLearner)?;
    store.touch_learner(id)?;
    Ok(vec![Action::LearnerOpened {
        learner,
        progress: crate::records::progress_of(store, library, id)?,
        place: store.last_place(id)?,
    }])
}

/// An installed course's files checked against its manifest (once per installed version).
fn open_course(library: &Library, course_id: String, item: Option<usize>) -> Vec<Action> {
    let origin = library
        .entries
        .iter()
        .find(|e| e.course().is_some_and(|c| c.id == course_id))
        .map(|e| e.origin().clone());
    let checked = match origin {
        Some(Origin::Installed(dir)) => {
            crate::library::install::verify_installed(&dir, &library.trust).map(drop)
        }
        _ => Ok(()),
    };
    match checked {
        Ok(()) => vec![Action::CourseChecked { course_id, item }],
        Err(e) => vec![Action::CourseRefused {
            course_id,
            reason: e.to_string(),
        }],
    }
}

/// One lesson or quiz of an installed course, read and checked as the learner opens it.
fn load_item(library: &Library, course_id: String, index: usize) -> Vec<Action> {
    let found = library
        .entries
        .iter()
        .find(|e| e.course().is_some_and(|c| c.id == course_id));
    let path = found
        .and_then(|e| e.course())
        .and_then(|c| c.item_at(index))
        .map(|i| i.path.clone());
    let (Some(Origin::Installed(dir)), Some(path)) = (found.map(|e| e.origin()), path) else {
        return Vec::new();
    };
    match crate::library::install::open_item(dir, &path) {
        Ok(item) => vec![Action::ItemLoaded {
            course_id,
            index,
            item: Box::new(item),
        }],
        Err(reason) => vec![Action::CourseRefused { course_id, reason }],
    }
}

fn progress_saved(
    store: &Store,
    learner: &LearnerId,
    course_id: String,
    item_id: String,
) -> Result<Vec<Action>, StoreError> {
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
