//! Effects about people: signing in, a learner's own profile, the facilitator's board and
//! what it does to learners.

use crate::library::Library;
use crate::store::{LearnerId, NewPin, PinCheck, ProfileChange, Store, StoreError};

use super::super::action::Action;
use super::super::problem::Problem;
use super::{Context, Effect, PinChange};

/// Signing in, and a learner's own profile.
pub(super) fn people(
    store: &mut Store,
    cx: &Context<'_>,
    effect: Effect,
) -> Result<Vec<Action>, StoreError> {
    Ok(match effect {
        Effect::LoadLearners => vec![learners(store)?],
        Effect::CreateLearner {
            name,
            pin,
            picture,
            picture_pin,
        } => {
            let pin = match (&pin, &picture_pin) {
                (_, Some(p)) => Some(NewPin::Pictures(&p.0)),
                (Some(digits), None) => Some(NewPin::Digits(&digits.0)),
                (None, None) => None,
            };
            let learner = store.add_learner_with(&name, picture, pin)?;
            if let Some(lang) = cx.chosen {
                let change = ProfileChange {
                    name: None,
                    pin: crate::store::PinChange::Keep,
                    language: Some(lang.code()),
                    theme: None,
                    picture: None,
                };
                store.save_profile(&learner.id, &change)?;
            }
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
            picture,
        } => {
            let change = ProfileChange {
                name: name.as_deref(),
                pin: match &pin {
                    PinChange::Keep => crate::store::PinChange::Keep,
                    PinChange::Set(p) => crate::store::PinChange::Set(&p.0),
                    PinChange::SetPictures(p) => crate::store::PinChange::SetPictures(&p.0),
                    PinChange::Remove => crate::store::PinChange::Remove,
                },
                language: Some(&language),
                theme: Some(&theme),
                picture,
            };
            vec![Action::ProfileSaved(store.save_profile(&learner, &change)?)]
        }
        other => unreachable!("not an effect of this group: {other:?}"),
    })
}

/// The facilitator's board and what it does to learners.
pub(super) fn facilitator(
    store: &mut Store,
    cx: &Context<'_>,
    effect: Effect,
) -> Result<Vec<Action>, StoreError> {
    Ok(match effect {
        Effect::OpenFacilitator => vec![Action::FacilitatorLogin {
            site_named: store.setting(crate::site::NAME_SETTING)?.is_some(),
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
        Effect::SetFacilitatorPassword(password, site_name) => {
            if let Some(name) = site_name {
                store.set_setting(crate::site::NAME_SETTING, &name)?;
            }
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

fn learners(store: &Store) -> Result<Action, StoreError> {
    let learners = store.learners()?;
    let locks = store.pin_locks(time::OffsetDateTime::now_utc())?;
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
