//! Effects: the reads and writes an update asks for. The event loop runs them between frames,
//! each a call to the store or the domain (one committed transaction per learner's action),
//! and feeds the results back as actions. What the records mean is computed in `records`,
//! `progress` and `certificate`, not here.

use std::path::Path;

use crate::library::Library;
use crate::pictures::{PIN_LENGTH, Picture, Symbol};
use crate::quiz::Points;
use crate::store::{AttemptId, LearnerId, Place, Store, StoreError};

mod learning;
mod people;
mod speech;

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

/// A picture PIN on its way to the store: hidden from `Debug` like a [`Secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct Pictures(pub [Symbol; PIN_LENGTH]);

impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pictures(•••)")
    }
}

/// What a saved profile does to the PIN.
#[derive(Debug, Clone, PartialEq)]
pub enum PinChange {
    Keep,
    Set(Secret),
    /// A new PIN of three pictures.
    SetPictures(Pictures),
    Remove,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Reads `text` aloud in the language `voice` names (`fr`), with espeak-ng.
    Speak {
        text: String,
        voice: String,
    },
    /// An effect for a learner who is no longer on screen (the screen was hidden or locked
    /// before their last position was written).
    ForLearner(LearnerId, Box<Effect>),
    /// A long job, run by the event loop on a thread of its own.
    Job(Job),
    LoadLearners,
    CreateLearner {
        name: String,
        pin: Option<Secret>,
        picture: Option<Picture>,
        /// A PIN of pictures instead of digits (`pin` is then `None`).
        picture_pin: Option<Pictures>,
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
        /// A new picture, when it changed.
        picture: Option<Picture>,
    },
    OpenFacilitator,
    FacilitatorSignIn(Secret),
    /// The first facilitator password, and the site's name when it was asked for.
    SetFacilitatorPassword(Secret, Option<String>),
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
    /// After a damaged file was set aside: put this backup (made at the time given) back,
    /// or with `None` start empty records, and open them in place of the store.
    Recover {
        backup: Option<(std::path::PathBuf, String)>,
    },
}

/// What an effect needs besides the store: the courses, the learner on screen, where data
/// lives.
pub struct Context<'a> {
    pub library: &'a Library,
    pub learner: Option<&'a LearnerId>,
    pub data_dir: Option<&'a Path>,
    /// The config's name for the site, which certificates print.
    pub site_name: Option<&'a str>,
    /// The language on screen, for what an effect writes for people (a certificate).
    pub lang: crate::i18n::Lang,
    /// The language chosen on the first screen, which a new learner keeps as her own.
    pub chosen: Option<crate::i18n::Lang>,
}

/// Puts a backup back (or starts empty records) and swaps the store for them.
fn recover(
    store: &mut Store,
    cx: &Context<'_>,
    backup: Option<(std::path::PathBuf, String)>,
) -> Vec<Action> {
    let Some(dir) = cx.data_dir else {
        return Vec::new();
    };
    let (file, made) = backup.unzip();
    match crate::desk::recover(dir, file.as_deref()) {
        Ok(records) => {
            *store = records;
            vec![Action::Recovered(made)]
        }
        Err(e) => vec![Action::Failed(
            Problem::new("damaged.failed").with("detail", e),
        )],
    }
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
        Effect::Speak { text, voice } => Ok(speech::speak(&text, &voice)),
        Effect::Recover { backup } => Ok(recover(store, cx, backup)),
        e @ (Effect::LoadLearners
        | Effect::CreateLearner { .. }
        | Effect::OpenLearner(..)
        | Effect::CheckPin { .. }
        | Effect::SaveProfile { .. }) => people::people(store, cx, e),
        e @ (Effect::OpenFacilitator
        | Effect::FacilitatorSignIn(..)
        | Effect::SetFacilitatorPassword(..)
        | Effect::RefreshBoard
        | Effect::ResetPin(..)
        | Effect::DeleteLearner(..)
        | Effect::SetArchived(..)
        | Effect::MergeLearners { .. }
        | Effect::GrantAttempt { .. }) => people::facilitator(store, cx, e),
        e @ (Effect::SavePosition { .. }
        | Effect::MarkRead { .. }
        | Effect::SetPlace(..)
        | Effect::OpenCourse { .. }
        | Effect::LoadItem { .. }
        | Effect::IssueCertificate { .. }) => learning::reading(store, cx, e),
        e @ (Effect::LoadReview { .. }
        | Effect::LoadAnswers(..)
        | Effect::LoadQuiz { .. }
        | Effect::StartAttempt { .. }
        | Effect::RecordAnswer { .. }
        | Effect::FinishAttempt { .. }) => learning::quizzes(store, cx, e),
    }
}
