//! Effects: the writes and reads that `App::update` asks for. The event loop runs them between
//! frames, each store call one committed transaction, and feeds the results back as actions.

use crate::library::Library;
use crate::quiz::Points;
use crate::store::{AttemptId, ItemStatus, LearnerId, PinCheck, Place, Store, StoreError};

use super::action::Action;
use super::facilitator::{CourseSummary, LearnerSummary};
use super::signin::Secret;

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
    SetArchived(LearnerId, bool),
    SavePosition {
        course_id: String,
        item_id: String,
        position: u32,
    },
    SetStatus {
        course_id: String,
        item_id: String,
        status: ItemStatus,
        /// For a lesson read to the end: the hash of the text read.
        content_hash: Option<String>,
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

/// Runs one effect for the current learner. Errors come back as [`Action::Failed`] with a
/// sentence for the screen; nothing is reported as saved unless its transaction committed.
pub fn run(
    store: &mut Store,
    library: &Library,
    learner: Option<&LearnerId>,
    data_dir: Option<&std::path::Path>,
    effect: Effect,
) -> Vec<Action> {
    match run_inner(store, library, learner, data_dir, effect) {
        Ok(actions) => actions,
        // The learner on screen was deleted from another desk (or by `hatua learners
        // remove`): say so and go back to the list, rather than failing every save.
        Err(StoreError::LearnerNotFound(id)) if learner == Some(&id) => vec![Action::LearnerGone],
        Err(e) => vec![Action::Failed(e.to_string())],
    }
}

fn run_inner(
    store: &mut Store,
    library: &Library,
    learner: Option<&LearnerId>,
    data_dir: Option<&std::path::Path>,
    effect: Effect,
) -> Result<Vec<Action>, StoreError> {
    let need = || learner.ok_or(StoreError::NoLearner);
    Ok(match effect {
        Effect::ForLearner(id, inner) => {
            return run_inner(store, library, Some(&id), data_dir, *inner);
        }
        Effect::LoadLearners => {
            let learners = store.learners()?;
            let now = time::OffsetDateTime::now_utc();
            let mut locks = std::collections::HashMap::new();
            for l in learners.iter().filter(|l| l.has_pin) {
                if let Some(secs) = store.pin_lock(&l.id, now)? {
                    locks.insert(l.id.clone(), secs);
                }
            }
            vec![Action::LearnersLoaded { learners, locks }]
        }
        Effect::CreateLearner { name, pin } => {
            let learner = store.add_learner(&name, pin.as_ref().map(|p| p.0.as_str()))?;
            open_learner(store, library, &learner.id)?
        }
        Effect::OpenLearner(id) => {
            let learner = store.learner(&id)?.ok_or(StoreError::NoLearner)?;
            if learner.has_pin {
                let locked = store.pin_lock(&id, time::OffsetDateTime::now_utc())?;
                vec![Action::PinRequired { learner, locked }]
            } else {
                open_learner(store, library, &id)?
            }
        }
        Effect::CheckPin { learner, pin } => {
            match store.check_pin(&learner, &pin.0, time::OffsetDateTime::now_utc())? {
                PinCheck::Accepted | PinCheck::NoPin => open_learner(store, library, &learner)?,
                PinCheck::Rejected { tries_left } => vec![Action::PinRejected { tries_left }],
                PinCheck::Locked { seconds_left } => vec![Action::PinLocked { seconds_left }],
            }
        }
        Effect::SaveProfile {
            learner: id,
            name,
            pin,
            language,
            theme,
        } => {
            if let Some(name) = name {
                store.rename_learner(&id, &name)?;
            }
            match pin {
                PinChange::Keep => {}
                PinChange::Set(p) => store.set_pin(&id, Some(&p.0))?,
                PinChange::Remove => store.set_pin(&id, None)?,
            }
            store.set_preferences(&id, Some(&language), Some(&theme))?;
            let learner = store.learner(&id)?.ok_or(StoreError::NoLearner)?;
            vec![Action::ProfileSaved(learner)]
        }
        Effect::OpenFacilitator => vec![Action::FacilitatorLogin {
            has_password: store.has_facilitator_password()?,
        }],
        Effect::FacilitatorSignIn(password) => {
            match store.sign_in_facilitator(&password.0, time::OffsetDateTime::now_utc())? {
                PinCheck::Accepted => vec![board(store, library)?],
                PinCheck::Locked { seconds_left } => vec![Action::Failed(crate::i18n::tf(
                    "facilitator.paused",
                    &[("time", &crate::tui::signin::duration_words(seconds_left))],
                ))],
                PinCheck::Rejected { .. } | PinCheck::NoPin => vec![Action::Failed(
                    crate::i18n::t("facilitator.wrong_password").to_string(),
                )],
            }
        }
        Effect::SetFacilitatorPassword(password) => {
            store.set_facilitator_password(&password.0)?;
            vec![board(store, library)?]
        }
        Effect::RefreshBoard => vec![board(store, library)?],
        Effect::ResetPin(id) => {
            store.set_pin(&id, None)?;
            vec![board(store, library)?]
        }
        Effect::DeleteLearner(id) => {
            match data_dir {
                Some(dir) => {
                    if let Err(e) = crate::certificate::delete_learner(store, dir, &id) {
                        return Ok(vec![Action::Failed(e.to_string())]);
                    }
                }
                None => drop(store.delete_learner(&id)?),
            }
            vec![board(store, library)?]
        }
        Effect::MergeLearners { keep, other } => {
            store.merge_learners(&keep, &other)?;
            vec![board(store, library)?]
        }
        Effect::GrantAttempt {
            learner,
            course_id,
            quiz_id,
        } => {
            store.grant_attempts(&learner, &course_id, &quiz_id, 1, "facilitator")?;
            vec![board(store, library)?]
        }
        Effect::SetArchived(id, archived) => {
            store.set_archived(&id, archived)?;
            vec![board(store, library)?]
        }
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
            content_hash,
        } => {
            store.set_status(need()?, &course_id, &item_id, status)?;
            if let Some(hash) = content_hash {
                store.set_content_hash(need()?, &course_id, &item_id, &hash)?;
            }
            progress_saved(store, need()?, course_id, item_id)?
        }
        Effect::OpenCourse { course_id, item } => {
            let origin = library
                .entries
                .iter()
                .find(|e| e.course().is_some_and(|c| c.id == course_id))
                .map(|e| e.origin().clone());
            let checked = match origin {
                Some(crate::library::Origin::Installed(dir)) => {
                    crate::library::install::verify_installed(&dir, &library.trust)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                }
                _ => Ok(()),
            };
            match checked {
                Ok(()) => vec![Action::CourseChecked { course_id, item }],
                Err(reason) => vec![Action::CourseRefused { course_id, reason }],
            }
        }
        Effect::LoadItem { course_id, index } => {
            let found = library
                .entries
                .iter()
                .find(|e| e.course().is_some_and(|c| c.id == course_id));
            let path = found
                .and_then(|e| e.course())
                .and_then(|c| c.item_at(index))
                .map(|i| i.path.clone());
            match (found.map(|e| e.origin()), path) {
                (Some(crate::library::Origin::Installed(dir)), Some(path)) => {
                    match crate::library::install::open_item(dir, &path) {
                        Ok(item) => vec![Action::ItemLoaded {
                            course_id,
                            index,
                            item: Box::new(item),
                        }],
                        Err(reason) => vec![Action::CourseRefused { course_id, reason }],
                    }
                }
                _ => Vec::new(),
            }
        }
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
        Effect::IssueCertificate { course_id } => {
            let learner = store.learner(need()?)?.ok_or(StoreError::NoLearner)?;
            let (Some(course), Some(data_dir)) = (library.course(&course_id), data_dir) else {
                return Ok(Vec::new());
            };
            let today = crate::commands::certificates::today();
            match crate::certificate::issue(store, data_dir, &learner, course, &today) {
                Ok((record, html, _)) => vec![Action::CertificateIssued {
                    html,
                    code: record.code,
                }],
                Err(e) => vec![Action::Failed(e.to_string())],
            }
        }
        Effect::SetPlace(place) => {
            store.set_last_place(need()?, &place)?;
            vec![]
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
    })
}

/// Every learner, archived ones too, with their progress in each available course.
fn board(store: &Store, library: &Library) -> Result<Action, StoreError> {
    let now = time::OffsetDateTime::now_utc();
    let mut rows = Vec::new();
    for learner in store.all_learners()? {
        let locked = if learner.has_pin {
            store.pin_lock(&learner.id, now)?
        } else {
            None
        };
        let counts = store.attempt_counts(&learner.id)?;
        let mut courses = Vec::new();
        for course in library.ready() {
            let progress = store.item_progress(&learner.id, &course.id)?;
            let status = |id: &str| progress.get(id).map(|p| p.status);
            let done = course
                .items()
                .filter(|i| matches!(status(&i.id), Some(ItemStatus::Done | ItemStatus::Passed)))
                .count();
            let quizzes = course.items().filter(|i| i.is_quiz()).count();
            let quizzes_passed = course
                .items()
                .filter(|i| i.is_quiz() && status(&i.id) == Some(ItemStatus::Passed))
                .count();
            let stuck = course
                .items()
                .filter_map(|i| match &i.kind {
                    crate::course::ItemKind::Quiz(q) if q.max_attempts > 0 => Some((i, q)),
                    _ => None,
                })
                .filter(|(i, q)| {
                    let (used, granted) = counts
                        .get(&(course.id.clone(), i.id.clone()))
                        .copied()
                        .unwrap_or((0, 0));
                    status(&i.id) != Some(ItemStatus::Passed)
                        && q.attempts_left(used, granted) == Some(0)
                })
                .map(|(i, _)| (i.id.clone(), i.title.clone()))
                .collect();
            courses.push(CourseSummary {
                course_id: course.id.clone(),
                stuck,
                title: course.title.clone(),
                done,
                items: course.item_count(),
                quizzes_passed,
                quizzes,
            });
        }
        rows.push(LearnerSummary {
            learner,
            locked,
            courses,
        });
    }
    Ok(Action::FacilitatorBoard(rows))
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
