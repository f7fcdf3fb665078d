//! What the learner means (a key, as a screen's table reads it), or what an effect came back
//! with. Screens and the app handle both through their `update`.

use crate::store::{
    Answer, Attempt, AttemptId, AttemptResult, ItemProgress, Learner, LearnerId, Place,
};

use super::job::DriveFind;
use crate::library::Library;
use crate::library::install::ImportRow;
use crate::records::LearnerSummary;
use std::collections::HashMap;

/// A learner's intent, or the result of an effect coming back.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: open, submit, continue.
    Confirm,
    /// Space: pick or unpick a choice.
    Toggle,
    /// A digit: pick that option directly.
    Pick(usize),
    Back,
    NextItem,
    /// Read the page on screen aloud (espeak-ng, where it is installed).
    ReadAloud,
    PrevItem,
    Retry,
    /// Open the next hint of the question.
    Hint,
    /// From a quiz's start or result: look back at past attempts.
    Review,
    /// From a completed course's outline: write the certificate.
    Certificate,
    Help,
    Quit,
    /// From the library: the learner's own profile.
    OpenProfile,
    /// From the picker: the facilitator's screen (behind its password).
    OpenFacilitator,
    /// The first screen's language switch: the next language the player speaks.
    NextLanguage,
    /// From the first screen: go on in plain mode, line by line, for a screen reader.
    PlainMode,
    /// A new learner's or a profile's PIN: three pictures instead of digits.
    PicturePin,
    /// The next colour for the learner's picture.
    NextColour,
    /// On the facilitator's board, for the selected learner.
    ResetPin,
    Archive,
    Delete,
    Merge,
    Grant,
    /// On the import screen.
    Rescan,
    InstallAll,
    /// Quick exit: hide everything at once behind "Who is learning?".
    Hide,
    /// No key for the configured time.
    IdleLock,
    /// The terminal is gone: save what there is and stop.
    HangUp,
    /// Any key while the help is open: it closes, and the key does nothing else.
    CloseHelp,
    /// A second went by (a countdown on screen is redrawn).
    Tick,
    Type(char),
    Erase,
    Resize(u16, u16),
    /// Results of effects.
    LearnersLoaded {
        learners: Vec<Learner>,
        /// Seconds left of a PIN pause, per paused learner.
        locks: HashMap<LearnerId, u64>,
    },
    /// The chosen profile has a PIN; `locked` is the pause still running, if any.
    PinRequired {
        learner: Learner,
        locked: Option<u64>,
    },
    PinRejected {
        tries_left: u32,
    },
    PinLocked {
        seconds_left: u64,
    },
    ProfileSaved(Learner),
    ReviewLoaded(Vec<Attempt>),
    ReviewAnswers {
        attempt: Attempt,
        answers: Vec<Answer>,
    },
    CertificateIssued {
        html: std::path::PathBuf,
        code: String,
    },
    /// From the facilitator's board: the import screen.
    OpenImport,
    DrivesScanned(Vec<DriveFind>),
    ImportProgress {
        done: usize,
        total: usize,
    },
    ImportDone(Vec<ImportRow>),
    /// From the board: the export, the reports, merging other sites' exports.
    OpenExport,
    OpenReports,
    /// On the reports screen: each learner's report.
    ReportLearners,
    OpenMerge,
    /// From the board: sending the records on to the LRS.
    OpenSync,
    SyncStatus(Option<crate::store::synced::SyncRecord>),
    SyncProgress {
        done: usize,
        total: usize,
    },
    SyncDone(Box<crate::sync::Summary>),
    /// On the export screen: names in the file or not; all records or only new ones.
    ToggleNames,
    ToggleAll,
    ExportPlanned {
        drives: Vec<std::path::PathBuf>,
        counts: super::job::ExportCounts,
        site: String,
    },
    ExportProgress {
        done: usize,
        total: usize,
    },
    ExportWritten(std::path::PathBuf),
    ExportsFound(Vec<std::path::PathBuf>),
    Merged(Vec<Result<crate::harvest::Merged, crate::i18n::Message>>),
    ReportReady(Box<super::job::ReportView>),
    /// The courses changed on disk (an import finished).
    LibraryReloaded(Box<Library>),
    /// An installed course passed its check and can open.
    CourseChecked {
        course_id: String,
        item: Option<usize>,
    },
    /// A lesson or quiz of an installed course, read to be opened.
    ItemLoaded {
        course_id: String,
        index: usize,
        item: Box<crate::course::Item>,
    },
    /// An installed course failed its check (a file changed since it was installed).
    CourseRefused {
        course_id: String,
        reason: crate::i18n::Message,
    },
    FacilitatorLogin {
        has_password: bool,
        /// The site has a name already (given when the password was first set).
        site_named: bool,
    },
    FacilitatorBoard(Vec<LearnerSummary>),
    /// Too many wrong facilitator passwords: seconds until the next try.
    FacilitatorPaused(u64),
    LearnerOpened {
        learner: Learner,
        progress: HashMap<String, HashMap<String, ItemProgress>>,
        place: Option<Place>,
    },
    ProgressSaved {
        course_id: String,
        item_id: String,
        progress: ItemProgress,
    },
    QuizLoaded {
        attempts: Vec<Attempt>,
        /// Attempts a facilitator granted beyond the quiz's limit.
        granted: u32,
        open: Option<(Attempt, Vec<Answer>)>,
    },
    AttemptStarted(AttemptId),
    AnswerSaved(String),
    /// The attempt's result, and every attempt at that quiz now.
    AttemptFinished {
        result: AttemptResult,
        attempts: Vec<Attempt>,
    },
    Failed(super::problem::Problem),
    /// Good news to show until the next key ("reading aloud…").
    Said(super::problem::Problem),
    /// Something that did not work, unrelated to the screen's own work (no espeak-ng):
    /// shown until the next key, whatever the screen.
    Warned(super::problem::Problem),
    /// A backup could not be made; said once, and everything goes on.
    BackupFailed(super::problem::Problem),
    /// After a damaged file was set aside, records are open again: a backup's (made at the
    /// time given) or new, empty ones.
    Recovered(Option<String>),
    /// The learner on screen no longer exists (deleted from another desk or the shell).
    LearnerGone,
}
