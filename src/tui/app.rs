//! The application state and its one entry point for change, [`App::update`]. It never touches
//! the database or the terminal: it returns [`Effect`]s for the event loop to run.

use std::collections::HashMap;
use std::sync::Arc;

use crate::course::Course;
use crate::library::Library;
use crate::store::{ItemProgress, ItemStatus, Learner, LearnerId, Place};

use super::action::{Action, KeyContext};
use super::effect::Effect;
use super::facilitator::FacilitatorState;
use super::import::ImportState;
use super::job::Job;
use super::lesson::LessonState;
use super::outline::OutlineState;
use super::picker::PickerState;
use super::profile::ProfileState;
use super::quiz::QuizState;
use super::review::ReviewState;
use super::signin::{NewLearnerState, PinState};
use super::theme::Theme;

/// Where the learner is. Each screen knows its parent, so "back" needs no stack.
#[derive(Debug)]
pub enum Screen {
    Picker(PickerState),
    NewLearner(NewLearnerState),
    Pin(PinState),
    Profile(ProfileState),
    Facilitator(FacilitatorState),
    Import(ImportState),
    Review(ReviewState),
    Library { selected: usize },
    Outline(OutlineState),
    Lesson(LessonState),
    Quiz(Box<QuizState>),
}

/// A move between screens asked for by a screen's update.
#[derive(Debug, Clone, PartialEq)]
pub enum Goto {
    Exit,
    Picker,
    NewLearner(String),
    /// The facilitator's import screen; scanning the drives starts at once.
    Import,
    Library,
    Outline {
        course_id: String,
        select: usize,
    },
    /// Back to the screen the learner had when it was hidden ("Continue where you left off").
    Continue,
    Item {
        course_id: String,
        index: usize,
    },
}

#[derive(Debug)]
pub struct App {
    pub library: Library,
    pub learners: Vec<Learner>,
    /// Seconds left of a PIN pause, for learners whose profile is paused.
    pub locks: HashMap<LearnerId, u64>,
    /// The facilitator's screen is open (after the password).
    pub facilitator: bool,
    pub learner: Option<Learner>,
    /// The current learner's progress: course id → item id → progress.
    pub progress: HashMap<String, HashMap<String, ItemProgress>>,
    pub screen: Screen,
    pub help: bool,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// A problem to show in the footer until the next key.
    pub notice: Option<String>,
    pub quit: bool,
    /// Screens of learners whose session was hidden or locked, given back when they return,
    /// so an answer picked but not submitted is still picked. Kept in memory only.
    parked: HashMap<LearnerId, Screen>,
    /// The signed-in learner's hidden screen, offered as "Continue where you left off" at
    /// the top of the course list: signing in never opens it straight away, so one Enter
    /// from someone else cannot show what was hidden.
    pub continue_screen: Option<Box<Screen>>,
    /// A long job for the event loop to start on its own thread.
    pub job: Option<Job>,
    /// Where imports install courses; set by the event loop.
    pub data_dir: Option<std::path::PathBuf>,
    /// Where removable drives are looked for.
    pub drive_patterns: Vec<String>,
    /// Which courses the site lets in.
    pub install_policy: crate::library::policy::InstallPolicy,
    /// The current learner's theme, or the site's default.
    pub theme: Theme,
    default_theme: String,
    default_language: String,
    /// Seeds quiz attempts; advanced on each start so attempts differ.
    seed: u64,
}

impl App {
    pub fn new(library: Library, size: (u16, u16), seed: u64) -> App {
        App {
            library,
            learners: Vec::new(),
            locks: HashMap::new(),
            facilitator: false,
            learner: None,
            progress: HashMap::new(),
            screen: Screen::Picker(PickerState::default()),
            help: false,
            size,
            notice: None,
            quit: false,
            parked: HashMap::new(),
            continue_screen: None,
            job: None,
            data_dir: None,
            drive_patterns: crate::library::find::DRIVE_PATTERNS
                .iter()
                .map(ToString::to_string)
                .collect(),
            install_policy: Default::default(),
            default_theme: "default".to_string(),
            default_language: "en".to_string(),
            theme: Theme::default(),
            seed,
        }
    }

    /// The site's defaults, used when a learner has chosen nothing else.
    pub fn set_defaults(&mut self, config: &crate::config::Config) {
        self.default_theme = config.theme.clone();
        self.default_language = config.language.clone();
        self.apply_preferences(None, None);
    }

    /// Switches the theme and the UI language to a learner's choice, or the defaults.
    pub fn apply_preferences(&mut self, language: Option<&str>, theme: Option<&str>) {
        let theme = theme.unwrap_or(&self.default_theme);
        self.theme = Theme::named(theme).unwrap_or_default();
        crate::i18n::set_language(language.unwrap_or(&self.default_language));
    }

    /// Takes a new library (a previewed course was edited) and shows the same place in it.
    pub fn reload(&mut self, library: Library) -> Vec<Effect> {
        self.library = library;
        let (goto, scroll) = match &self.screen {
            Screen::Lesson(l) => {
                let goto = Goto::Item {
                    course_id: l.course.id.clone(),
                    index: l.index,
                };
                (Some(goto), Some(l.scroll))
            }
            Screen::Quiz(q) => (
                Some(Goto::Item {
                    course_id: q.course.id.clone(),
                    index: q.index,
                }),
                None,
            ),
            Screen::Outline(o) => (
                Some(Goto::Outline {
                    course_id: o.course.id.clone(),
                    select: o.selected,
                }),
                None,
            ),
            _ => (None, None),
        };
        let effects = goto.map(|g| self.goto(g)).unwrap_or_default();
        if let (Screen::Lesson(l), Some(scroll)) = (&mut self.screen, scroll) {
            l.scroll_to(scroll);
        }
        self.notice = Some(crate::i18n::t("preview.reloaded").to_string());
        effects
    }

    /// The bindings that apply now.
    pub fn key_context(&self) -> KeyContext {
        match &self.screen {
            Screen::Picker(_) | Screen::NewLearner(_) | Screen::Pin(_) => KeyContext::TextEntry,
            Screen::Profile(_) => KeyContext::Form,
            Screen::Facilitator(FacilitatorState::Login { .. }) => KeyContext::TextEntry,
            Screen::Facilitator(FacilitatorState::Board { .. }) | Screen::Import(_) => {
                KeyContext::Board
            }
            Screen::Library { .. } => KeyContext::Library,
            Screen::Outline(_) => KeyContext::Outline,
            Screen::Lesson(_) => KeyContext::Lesson,
            Screen::Quiz(q) if q.typing() => KeyContext::QuizInput,
            Screen::Review(_) => KeyContext::Lesson,
            Screen::Quiz(_) => KeyContext::Quiz,
        }
    }

    pub fn item_progress(&self, course_id: &str, item_id: &str) -> Option<&ItemProgress> {
        self.progress.get(course_id)?.get(item_id)
    }

    pub fn status(&self, course_id: &str, item_id: &str) -> ItemStatus {
        self.item_progress(course_id, item_id)
            .map_or(ItemStatus::NotStarted, |p| p.status)
    }

    /// The learner's progress with a course, under its completion rule.
    pub fn course_progress(&self, course: &Course) -> crate::progress::CourseProgress {
        crate::progress::course_progress(course, |id| self.status(&course.id, id))
    }

    /// Share of what completing the course takes that the learner has done.
    pub fn course_completion(&self, course: &Course) -> f64 {
        self.course_progress(course).fraction()
    }

    pub fn next_seed(&mut self) -> u64 {
        // SplitMix64 step: distinct, well-spread seeds from any start value.
        self.seed = self.seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// The one place state changes. Returns what must be written or read.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        // A notice stays until the learner presses a key, whatever effects report meanwhile.
        if is_key(&action) {
            self.notice = None;
        }
        // Before anything else, help included: hiding must take one key press.
        if matches!(action, Action::Hide | Action::IdleLock) {
            return self.hide();
        }
        if action == Action::HangUp {
            let effects = self.hide();
            self.quit = true;
            return effects;
        }
        if self.help {
            // Any key closes the help; results of effects still apply.
            if is_key(&action) {
                self.help = false;
                return if action == Action::Quit {
                    self.quit_effects()
                } else {
                    Vec::new()
                };
            }
        }
        match action {
            Action::Quit => return self.quit_effects(),
            Action::Help => {
                self.help = true;
                return Vec::new();
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                match &mut self.screen {
                    Screen::Lesson(l) => l.relayout(w, h),
                    Screen::Quiz(q) => q.resize(w),
                    Screen::Review(r) => r.resize(w),
                    _ => {}
                }
                return Vec::new();
            }
            Action::Failed(msg) => {
                match &mut self.screen {
                    // Forms show the problem beside the field.
                    Screen::NewLearner(_) | Screen::Profile(_) | Screen::Facilitator(_) => {}
                    // The quiz shows the reason beside the question, wrapped, where it stays
                    // until the answer is recorded.
                    Screen::Quiz(q) => {
                        q.save_failed(&msg);
                        return Vec::new();
                    }
                    _ => {
                        self.notice = Some(msg);
                        return Vec::new();
                    }
                }
                return self.forward(Action::Failed(msg));
            }
            Action::LearnersLoaded { learners, locks } => {
                self.learners = learners;
                self.locks = locks;
                return Vec::new();
            }
            Action::PinRequired { learner, locked } => {
                self.screen = Screen::Pin(PinState::new(learner, locked));
                return Vec::new();
            }
            Action::ProfileSaved(learner) => {
                self.apply_preferences(learner.language.as_deref(), learner.theme.as_deref());
                self.learner = Some(learner);
                let effects = self.goto(Goto::Library);
                self.notice = Some(crate::i18n::t("profile.saved").to_string());
                return effects;
            }
            Action::FacilitatorLogin { has_password } => {
                self.screen = Screen::Facilitator(FacilitatorState::login(!has_password));
                return Vec::new();
            }
            Action::FacilitatorBoard(_) => {
                self.facilitator = true;
                if matches!(self.screen, Screen::Import(_)) {
                    self.screen = Screen::Facilitator(FacilitatorState::login(false));
                }
            }
            Action::ReviewLoaded(attempts) => {
                if let Screen::Quiz(q) = &self.screen {
                    let state = ReviewState::new(
                        Arc::clone(&q.course),
                        q.index,
                        attempts,
                        self.size,
                        &self.theme.markdown,
                    );
                    self.screen = Screen::Review(state);
                }
                return Vec::new();
            }
            Action::Certificate => {
                let Screen::Outline(o) = &self.screen else {
                    return Vec::new();
                };
                let course = Arc::clone(&o.course);
                if !self.course_progress(&course).complete() {
                    self.notice = Some(crate::i18n::t("outline.not_complete").to_string());
                    return Vec::new();
                }
                return vec![Effect::IssueCertificate {
                    course_id: course.id.clone(),
                }];
            }
            Action::CertificateIssued { html: _, code } => {
                self.notice = Some(crate::i18n::tf(
                    "outline.certificate_written",
                    &[("code", &code)],
                ));
                return Vec::new();
            }
            Action::LibraryReloaded(library) => {
                self.library = *library;
                return Vec::new();
            }
            Action::ItemLoaded {
                course_id,
                index,
                item,
            } => {
                // The outline with this one item in full: the course's other lessons are
                // never all in memory at once.
                let Some(outline) = self.library.course(&course_id) else {
                    return Vec::new();
                };
                let mut course = (**outline).clone();
                if let Some(slot) = course
                    .modules
                    .iter_mut()
                    .flat_map(|m| m.items.iter_mut())
                    .nth(index)
                {
                    *slot = *item;
                }
                return self.show_item(Arc::new(course), index);
            }
            Action::CourseChecked { course_id, item } => {
                return match item {
                    Some(index) => self.goto(Goto::Item { course_id, index }),
                    None => self.goto(Goto::Outline {
                        course_id,
                        select: 0,
                    }),
                };
            }
            Action::CourseRefused { course_id, reason } => {
                self.library.refuse(&course_id, &reason);
                let effects = self.goto(Goto::Library);
                self.notice = Some(reason);
                return effects;
            }
            Action::OpenFacilitator => return vec![Effect::OpenFacilitator],
            Action::OpenProfile => {
                if let Some(l) = &self.learner {
                    let state =
                        ProfileState::new(l.clone(), crate::i18n::language(), self.theme.name);
                    self.screen = Screen::Profile(state);
                }
                return Vec::new();
            }
            Action::LearnerOpened {
                learner,
                progress,
                place,
            } => {
                let parked = self.parked.remove(&learner.id);
                self.apply_preferences(learner.language.as_deref(), learner.theme.as_deref());
                self.learner = Some(learner);
                self.progress = progress;
                if let Some(screen) = parked {
                    self.continue_screen = Some(Box::new(screen));
                    return self.goto(Goto::Library);
                }
                return self.resume(place);
            }
            Action::LearnerGone => {
                if let Some(l) = self.learner.take() {
                    self.parked.remove(&l.id);
                }
                let effects = self.goto(Goto::Picker);
                self.notice = Some(crate::i18n::t("picker.profile_gone").to_string());
                return effects;
            }
            Action::ProgressSaved {
                course_id,
                item_id,
                progress,
            } => {
                self.progress
                    .entry(course_id)
                    .or_default()
                    .insert(item_id, progress);
                return Vec::new();
            }
            _ => {}
        }
        self.forward(action)
    }

    /// Hands an action to the current screen and carries out the move it asks for.
    fn forward(&mut self, action: Action) -> Vec<Effect> {
        let seed = self.next_seed();
        let (effects, goto) = match &mut self.screen {
            Screen::Picker(p) => p.update(action, &self.learners),
            Screen::NewLearner(n) => n.update(action),
            Screen::Pin(p) => p.update(action),
            Screen::Profile(p) => p.update(action),
            Screen::Facilitator(f) => f.update(action),
            Screen::Review(r) => r.update(action),
            Screen::Import(i) => {
                let (effects, goto, job) =
                    i.update(action, &self.drive_patterns, self.install_policy);
                if job.is_some() {
                    self.job = job;
                }
                (effects, goto)
            }
            Screen::Library { selected } => super::courses::update(
                selected,
                action,
                &self.library,
                self.continue_screen.is_some(),
            ),
            Screen::Outline(o) => o.update(action),
            Screen::Lesson(l) => l.update(action, self.size),
            Screen::Quiz(q) => q.update(action, seed),
        };
        let mut effects = effects;
        if let Some(goto) = goto {
            effects.extend(self.goto(goto));
        }
        effects
    }

    /// Puts the learner's screen aside and shows the neutral picker, at once.
    fn hide(&mut self) -> Vec<Effect> {
        self.help = false;
        let Some(learner) = self.learner.take() else {
            // No learner's work to keep: the picker, a half-typed PIN or the facilitator's
            // screen simply go.
            self.facilitator = false;
            self.apply_preferences(None, None);
            self.screen = Screen::Picker(PickerState::default());
            return vec![Effect::LoadLearners];
        };
        self.apply_preferences(None, None);
        let leaving = match &mut self.screen {
            Screen::Lesson(l) => l.leave_effects(),
            _ => Vec::new(),
        };
        let mut effects: Vec<Effect> = leaving
            .into_iter()
            .map(|e| Effect::ForLearner(learner.id.clone(), Box::new(e)))
            .collect();
        let screen = std::mem::replace(&mut self.screen, Screen::Picker(PickerState::default()));
        // Hidden again from the course list before continuing: the older screen is the one
        // to give back.
        let screen = match (self.continue_screen.take(), screen) {
            (Some(older), Screen::Library { .. }) => *older,
            (_, screen) => screen,
        };
        self.parked.insert(learner.id, screen);
        self.progress.clear();
        effects.push(Effect::LoadLearners);
        effects
    }

    fn quit_effects(&mut self) -> Vec<Effect> {
        self.quit = true;
        match &mut self.screen {
            Screen::Lesson(l) => l.leave_effects(),
            _ => Vec::new(),
        }
    }

    /// After choosing a learner: back where they stopped, or the library.
    fn resume(&mut self, place: Option<Place>) -> Vec<Effect> {
        if let Some(place) = place
            && let Some(course) = self.library.course(&place.course_id)
            && let Some(index) = course.index_of(&place.item_id)
        {
            // The library shows behind, in case the course fails its check.
            let course_id = course.id.clone();
            let mut effects = self.goto(Goto::Library);
            effects.push(Effect::OpenCourse {
                course_id,
                item: Some(index),
            });
            return effects;
        }
        self.goto(Goto::Library)
    }

    pub fn goto(&mut self, goto: Goto) -> Vec<Effect> {
        match goto {
            Goto::Exit => self.quit_effects(),
            Goto::NewLearner(name) => {
                self.screen = Screen::NewLearner(NewLearnerState::new(name));
                Vec::new()
            }
            Goto::Import if self.facilitator => {
                self.screen = Screen::Import(ImportState::Scanning);
                self.job = Some(Job::Scan {
                    patterns: self.drive_patterns.clone(),
                    policy: self.install_policy,
                });
                Vec::new()
            }
            Goto::Import => Vec::new(),
            Goto::Continue => {
                let Some(screen) = self.continue_screen.take() else {
                    return Vec::new();
                };
                self.screen = *screen;
                match &mut self.screen {
                    Screen::Lesson(l) => l.relayout(self.size.0, self.size.1),
                    Screen::Review(r) => r.resize(self.size.0),
                    Screen::Quiz(q) => {
                        q.resize(self.size.0);
                        // A facilitator may have granted an attempt meanwhile; a question
                        // half answered is left exactly as it was.
                        if !matches!(q.phase, super::quiz::Phase::Asking(_)) {
                            return vec![Effect::LoadQuiz {
                                course_id: q.course.id.clone(),
                                quiz_id: q.quiz().id.clone(),
                            }];
                        }
                    }
                    _ => {}
                }
                Vec::new()
            }
            Goto::Picker => {
                self.learner = None;
                self.continue_screen = None;
                self.facilitator = false;
                self.progress.clear();
                self.apply_preferences(None, None);
                self.screen = Screen::Picker(PickerState::default());
                vec![Effect::LoadLearners]
            }
            Goto::Library => {
                let selected = match &self.screen {
                    Screen::Outline(o) => self
                        .library
                        .entries
                        .iter()
                        .position(|e| e.course().is_some_and(|c| c.id == o.course.id))
                        .unwrap_or(0),
                    _ => 0,
                };
                self.screen = Screen::Library { selected };
                Vec::new()
            }
            Goto::Outline { course_id, select } => {
                if let Some(course) = self.library.course(&course_id) {
                    self.screen = Screen::Outline(OutlineState::new(Arc::clone(course), select));
                }
                Vec::new()
            }
            Goto::Item { course_id, index } => self.open_item(&course_id, index),
        }
    }

    fn open_item(&mut self, course_id: &str, index: usize) -> Vec<Effect> {
        let Some(course) = self.library.course(course_id).cloned() else {
            return self.goto(Goto::Library);
        };
        if course.item_at(index).is_none() {
            return self.goto(Goto::Outline {
                course_id: course_id.to_string(),
                select: 0,
            });
        }
        // An installed course is known by its outline: the item is read when opened.
        if course.outline_only {
            return vec![Effect::LoadItem {
                course_id: course_id.to_string(),
                index,
            }];
        }
        self.show_item(course, index)
    }

    /// Opens the item at `index` of `course`, which holds it in full.
    fn show_item(&mut self, course: Arc<Course>, index: usize) -> Vec<Effect> {
        let Some(item) = course.item_at(index) else {
            return Vec::new();
        };
        let course_id = course.id.clone();
        let course_id = course_id.as_str();
        let place = Effect::SetPlace(Place {
            course_id: course.id.clone(),
            item_id: item.id.clone(),
        });
        let item_id = item.id.clone();
        match &item.kind {
            crate::course::ItemKind::Lesson(_) => {
                let saved = self.item_progress(course_id, &item_id).cloned();
                let (state, mut effects) =
                    LessonState::open(course, index, saved, self.size, &self.theme.markdown);
                self.screen = Screen::Lesson(state);
                effects.insert(0, place);
                effects
            }
            crate::course::ItemKind::Quiz(_) => {
                let quiz_id = item_id.clone();
                self.screen = Screen::Quiz(Box::new(QuizState::new(
                    course,
                    index,
                    self.size,
                    &self.theme.markdown,
                )));
                vec![
                    place,
                    Effect::LoadQuiz {
                        course_id: course_id.to_string(),
                        quiz_id,
                    },
                ]
            }
        }
    }
}

fn is_key(action: &Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::OpenProfile
            | Action::OpenFacilitator
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End
            | Action::Confirm
            | Action::Toggle
            | Action::Pick(_)
            | Action::Back
            | Action::NextItem
            | Action::PrevItem
            | Action::Retry
            | Action::Hint
            | Action::Review
            | Action::Certificate
            | Action::Help
            | Action::Quit
            | Action::Type(_)
            | Action::Erase
    )
}
