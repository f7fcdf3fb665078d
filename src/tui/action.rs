//! What the learner means by a key. `keymap` is pure data, so every binding is testable and the
//! help screen is generated from it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::store::{
    Answer, Attempt, AttemptId, AttemptResult, ItemProgress, Learner, LearnerId, Place,
};

use super::facilitator::LearnerSummary;
use super::job::DriveFind;
use crate::library::Library;
use crate::library::install::ImportRow;
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
    /// Quick exit: hide everything at once behind "Who is learning?".
    Hide,
    /// No key for the configured time.
    IdleLock,
    /// The terminal is gone: save what there is and stop.
    HangUp,
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
        reason: String,
    },
    FacilitatorLogin {
        has_password: bool,
    },
    FacilitatorBoard(Vec<LearnerSummary>),
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
    Failed(String),
    /// The learner on screen no longer exists (deleted from another desk or the shell).
    LearnerGone,
}

/// Which set of bindings applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// Typing a name: letters are text.
    TextEntry,
    Library,
    Outline,
    Lesson,
    Quiz,
    /// A quiz question answered by typing: letters are the answer.
    QuizInput,
    /// A form of fields: letters are text, ← → change a choice.
    Form,
    /// The facilitator's list: letters are commands.
    Board,
}

/// A key as the help screen shows it, with the action it triggers.
pub struct Binding {
    pub keys: &'static str,
    /// Catalog key of the description.
    pub does: &'static str,
}

/// Maps a key press to an action in a context. `None`: the key does nothing here.
pub fn keymap(ctx: KeyContext, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') | KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('x') => Some(Action::Hide),
            _ => None,
        };
    }
    let common = match key.code {
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Home => Some(Action::Home),
        KeyCode::End => Some(Action::End),
        KeyCode::Enter => Some(Action::Confirm),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::F(1) => Some(Action::Help),
        KeyCode::F(12) => Some(Action::Hide),
        KeyCode::F(3) if matches!(ctx, KeyContext::Quiz | KeyContext::QuizInput) => {
            Some(Action::Hint)
        }
        KeyCode::Left if ctx == KeyContext::Quiz => Some(Action::Left),
        KeyCode::Right if ctx == KeyContext::Quiz => Some(Action::Right),
        KeyCode::F(2) if ctx == KeyContext::TextEntry => Some(Action::OpenFacilitator),
        KeyCode::Left if ctx == KeyContext::Form => Some(Action::Left),
        KeyCode::Right if ctx == KeyContext::Form => Some(Action::Right),
        KeyCode::Tab => Some(Action::Down),
        KeyCode::BackTab => Some(Action::Up),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    let KeyCode::Char(c) = key.code else {
        return match key.code {
            KeyCode::Backspace
                if matches!(
                    ctx,
                    KeyContext::TextEntry | KeyContext::Form | KeyContext::QuizInput
                ) =>
            {
                Some(Action::Erase)
            }
            _ => None,
        };
    };
    if matches!(
        ctx,
        KeyContext::TextEntry | KeyContext::Form | KeyContext::QuizInput
    ) {
        return Some(Action::Type(c));
    }
    match (ctx, c) {
        (_, '?') => Some(Action::Help),
        (_, 'q') => Some(Action::Back),
        (_, 'k') => Some(Action::Up),
        (_, 'j') => Some(Action::Down),
        (KeyContext::Library, 'p') => Some(Action::OpenProfile),
        (KeyContext::Outline, 'c') => Some(Action::Certificate),
        (KeyContext::Board, c) => Some(Action::Type(c)),
        (KeyContext::Lesson, ' ') => Some(Action::PageDown),
        (KeyContext::Lesson, 'b') => Some(Action::PageUp),
        (KeyContext::Lesson | KeyContext::Quiz, 'n') => Some(Action::NextItem),
        (KeyContext::Lesson | KeyContext::Quiz, 'p') => Some(Action::PrevItem),
        (KeyContext::Lesson, 'g') => Some(Action::Home),
        (KeyContext::Lesson, 'G') => Some(Action::End),
        (KeyContext::Quiz, ' ') => Some(Action::Toggle),
        (KeyContext::Quiz, 'r') => Some(Action::Retry),
        (KeyContext::Quiz, 'h') => Some(Action::Hint),
        (KeyContext::Quiz, 'v') => Some(Action::Review),
        (KeyContext::Quiz, '1'..='9') => Some(Action::Pick(c as usize - '1' as usize)),
        _ => None,
    }
}

/// The keys of a context, for the help screen and the footer.
pub fn bindings(ctx: KeyContext) -> &'static [Binding] {
    match ctx {
        KeyContext::TextEntry => TEXT_ENTRY_KEYS,
        KeyContext::Library => LIBRARY_KEYS,
        KeyContext::Outline => OUTLINE_KEYS,
        KeyContext::Lesson => LESSON_KEYS,
        KeyContext::Form => FORM_KEYS,
        KeyContext::Board => BOARD_KEYS,
        KeyContext::QuizInput => QUIZ_INPUT_KEYS,
        KeyContext::Quiz => QUIZ_KEYS,
    }
}

const fn bind(keys: &'static str, does: &'static str) -> Binding {
    Binding { keys, does }
}

const TEXT_ENTRY_KEYS: &[Binding] = &[
    bind("type", "keys.type_name"),
    bind("↑ ↓", "keys.move"),
    bind("Enter", "keys.choose_learner"),
    bind("Backspace", "keys.erase"),
    bind("Esc", "keys.clear_or_quit"),
    bind("F1", "keys.help"),
    bind("F2", "keys.facilitator"),
    bind("Ctrl-X  F12", "keys.hide"),
    bind("Ctrl-C", "keys.quit"),
];

const LIBRARY_KEYS: &[Binding] = &[
    bind("↑ ↓  j k", "keys.move"),
    bind("Enter", "keys.open_course"),
    bind("p", "keys.profile"),
    bind("q  Esc", "keys.switch_learner"),
    bind("?  F1", "keys.help"),
    bind("Ctrl-X  F12", "keys.hide"),
    bind("Ctrl-C", "keys.quit"),
];

const OUTLINE_KEYS: &[Binding] = &[
    bind("↑ ↓  j k", "keys.move"),
    bind("Enter", "keys.open_item"),
    bind("c", "keys.certificate"),
    bind("q  Esc", "keys.back_library"),
    bind("?  F1", "keys.help"),
    bind("Ctrl-X  F12", "keys.hide"),
    bind("Ctrl-C", "keys.quit"),
];

const LESSON_KEYS: &[Binding] = &[
    bind("↑ ↓  j k", "keys.scroll_line"),
    bind("PgUp PgDn  b Space", "keys.scroll_page"),
    bind("Home End  g G", "keys.scroll_ends"),
    bind("n  p", "keys.next_prev"),
    bind("q  Esc", "keys.back_outline"),
    bind("?  F1", "keys.help"),
    bind("Ctrl-X  F12", "keys.hide"),
    bind("Ctrl-C", "keys.quit"),
];

const FORM_KEYS: &[Binding] = &[
    bind("↑ ↓  Tab", "keys.field"),
    bind("← →  Space", "keys.choose_option"),
    bind("type", "keys.type_field"),
    bind("Enter", "keys.save"),
    bind("Esc", "keys.cancel"),
    bind("F1", "keys.help"),
    bind("Ctrl-X  F12", "keys.hide"),
    bind("Ctrl-C", "keys.quit"),
];

const BOARD_KEYS: &[Binding] = &[
    bind("↑ ↓  j k", "keys.move"),
    bind("r", "keys.reset_pin"),
    bind("a", "keys.archive"),
    bind("d", "keys.delete"),
    bind("m", "keys.merge"),
    bind("g", "keys.grant"),
    bind("i", "keys.import"),
    bind("q  Esc", "keys.sign_out"),
    bind("?  F1", "keys.help"),
    bind("Ctrl-X  F12", "keys.hide"),
    bind("Ctrl-C", "keys.quit"),
];

const QUIZ_INPUT_KEYS: &[Binding] = &[
    bind("type", "keys.type_answer"),
    bind("Backspace", "keys.erase"),
    bind("Enter", "keys.submit"),
    bind("F3", "keys.hint"),
    bind("Esc", "keys.back_outline"),
    bind("F1", "keys.help"),
    bind("Ctrl-X  F12", "keys.hide"),
    bind("Ctrl-C", "keys.quit"),
];

const QUIZ_KEYS: &[Binding] = &[
    bind("h  F3", "keys.hint"),
    bind("← →", "keys.match_choice"),
    bind("v", "keys.review"),
    bind("↑ ↓  j k", "keys.move"),
    bind("1-9", "keys.pick_number"),
    bind("Space", "keys.toggle"),
    bind("Enter", "keys.submit"),
    bind("r", "keys.retry"),
    bind("n  p", "keys.next_prev"),
    bind("q  Esc", "keys.back_outline"),
    bind("?  F1", "keys.help"),
    bind("Ctrl-X  F12", "keys.hide"),
    bind("Ctrl-C", "keys.quit"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn ctrl_c_quits_from_every_context() {
        for ctx in [
            KeyContext::TextEntry,
            KeyContext::Library,
            KeyContext::Outline,
            KeyContext::Lesson,
            KeyContext::Quiz,
        ] {
            let k = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
            assert_eq!(keymap(ctx, k), Some(Action::Quit), "{ctx:?}");
        }
    }

    #[test]
    fn letters_are_text_while_typing_a_name_and_commands_elsewhere() {
        assert_eq!(
            keymap(KeyContext::TextEntry, key(KeyCode::Char('q'))),
            Some(Action::Type('q'))
        );
        assert_eq!(
            keymap(KeyContext::TextEntry, key(KeyCode::Char('?'))),
            Some(Action::Type('?'))
        );
        assert_eq!(
            keymap(KeyContext::Library, key(KeyCode::Char('q'))),
            Some(Action::Back)
        );
        assert_eq!(
            keymap(KeyContext::Library, key(KeyCode::Char('?'))),
            Some(Action::Help)
        );
        assert_eq!(
            keymap(KeyContext::TextEntry, key(KeyCode::F(1))),
            Some(Action::Help)
        );
    }

    #[test]
    fn space_pages_a_lesson_but_picks_in_a_quiz() {
        assert_eq!(
            keymap(KeyContext::Lesson, key(KeyCode::Char(' '))),
            Some(Action::PageDown)
        );
        assert_eq!(
            keymap(KeyContext::Quiz, key(KeyCode::Char(' '))),
            Some(Action::Toggle)
        );
        assert_eq!(
            keymap(KeyContext::Quiz, key(KeyCode::Char('3'))),
            Some(Action::Pick(2))
        );
        assert_eq!(keymap(KeyContext::Outline, key(KeyCode::Char('3'))), None);
    }

    #[test]
    fn every_context_documents_help_back_and_quit() {
        for ctx in [
            KeyContext::Library,
            KeyContext::Outline,
            KeyContext::Lesson,
            KeyContext::Quiz,
        ] {
            let does: Vec<&str> = bindings(ctx).iter().map(|b| b.does).collect();
            assert!(
                does.contains(&"keys.help") && does.contains(&"keys.quit"),
                "{ctx:?}"
            );
            assert!(
                does.iter()
                    .any(|d| d.starts_with("keys.back") || *d == "keys.switch_learner")
            );
        }
    }
}
