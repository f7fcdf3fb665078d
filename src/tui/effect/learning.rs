//! Effects about learning: opening courses and lessons, keeping the learner's place,
//! certificates, quiz attempts and their review.

use crate::library::{Library, Origin};
use crate::store::{LearnerId, Store, StoreError};

use super::super::action::Action;
use super::super::problem::Problem;
use super::{Context, Effect};

/// Opening courses and lessons, and keeping the learner's place.
pub(super) fn reading(
    store: &mut Store,
    cx: &Context<'_>,
    effect: Effect,
) -> Result<Vec<Action>, StoreError> {
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
            let site = match crate::site::Site::open(store, data_dir, cx.site_name) {
                Ok(site) => site,
                Err(e) => return Ok(vec![Action::Failed(Problem::other(e))]),
            };
            let lang = learner
                .language
                .as_deref()
                .and_then(crate::i18n::Lang::from_code)
                .unwrap_or(cx.lang);
            let issuer = crate::certificate::Issuer {
                site: &site,
                publisher: crate::certificate::publisher_words(lang, cx.library, &course.id),
                lang,
            };
            match crate::certificate::issue(store, data_dir, &learner, course, &today, &issuer) {
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
pub(super) fn quizzes(
    store: &mut Store,
    cx: &Context<'_>,
    effect: Effect,
) -> Result<Vec<Action>, StoreError> {
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
            reason: e.message(),
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
