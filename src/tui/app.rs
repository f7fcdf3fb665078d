//! The application: the screen on show and what every screen may read. Keys come in through
//! [`App::key`], results of effects through [`App::update`]; neither touches the database or
//! the terminal: they return [`Effect`]s for the event loop to run.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;
use crate::library::Library;
use crate::library::policy::InstallPolicy;
use crate::records::Progress;
use crate::store::{Learner, LearnerId};

use super::action::Action;
use super::effect::Effect;
use super::keys;
use super::picker::Picker;
use super::problem::{Notice, Problem};
use super::screen::{Cx, Screen, Step};
use super::theme::Theme;

/// A move between screens asked for by a screen's update.
#[derive(Debug, Clone, PartialEq)]
pub enum Goto {
    Exit,
    Picker,
    /// The language chosen on the first screen, until the next learner comes.
    Speak(Lang),
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

/// A hidden screen, and what the course list calls it.
#[derive(Debug)]
pub struct Parked {
    pub screen: Screen,
    /// The lesson's, quiz's or course's title.
    pub title: String,
}

#[derive(Debug)]
pub struct App {
    pub screen: Screen,
    pub library: Library,
    pub learners: Vec<Learner>,
    /// When each paused profile's PIN pause ends.
    pub locks: HashMap<LearnerId, Instant>,
    /// The facilitator's screen is open (after the password).
    pub facilitator: bool,
    pub learner: Option<Learner>,
    pub progress: Progress,
    pub help: bool,
    /// Terminal size in cells.
    pub size: (u16, u16),
    /// A sentence shown above the footer until the next key.
    pub notice: Option<Notice>,
    pub quit: bool,
    /// The learner asked for plain mode: the full-screen player ends and it begins.
    pub to_plain: bool,
    /// Screens of learners whose session was hidden or locked, given back when they return,
    /// so an answer picked but not submitted is still picked. Kept in memory only.
    parked: HashMap<LearnerId, Parked>,
    /// The signed-in learner's hidden screen, offered as "Continue where you left off" at
    /// the top of the course list: signing in never opens it straight away, so one Enter
    /// from someone else cannot show what was hidden.
    pub continue_screen: Option<Parked>,
    /// Where imports install courses and certificates are written; set by the event loop.
    pub data_dir: Option<PathBuf>,
    /// Where removable drives are looked for.
    pub drive_patterns: Vec<String>,
    /// Which courses the site lets in.
    pub install_policy: InstallPolicy,
    /// Which sites' exports the hub screen merges.
    pub merge_policy: crate::harvest::merge::MergePolicy,
    /// The site's name from the config, when it gives one.
    pub site_name: Option<String>,
    /// The site's own support contacts (`support.toml`), shown where a lesson asks for them.
    pub support: crate::support::Support,
    /// The organisation's LRS and its user, from the config.
    pub lrs_url: Option<String>,
    pub lrs_user: Option<String>,
    /// The current learner's theme and language, or the site's.
    pub theme: Theme,
    pub lang: Lang,
    default_theme: String,
    default_lang: Lang,
    /// What the terminal can show; themes drop their colours where it has none.
    pub caps: super::caps::Caps,
    /// The language chosen on the first screen: it holds for the learner who signs in next
    /// (and becomes a new learner's own), until the first screen comes back.
    pub chosen_lang: Option<Lang>,
    /// The time screens are drawn at (countdowns).
    pub now: Instant,
    /// Seeds quiz attempts; advanced on each use so attempts differ.
    seed: u64,
}

/// What a screen may read of the app, built from its fields so the screen itself can be
/// borrowed for change at the same time.
macro_rules! cx {
    ($app:expr) => {
        Cx {
            lang: $app.lang,
            theme: &$app.theme,
            size: $app.size,
            now: $app.now,
            library: &$app.library,
            learners: &$app.learners,
            locks: seconds_left(&$app.locks, $app.now),
            learner: $app.learner.as_ref(),
            progress: &$app.progress,
            continue_label: $app.continue_screen.as_ref().map(|p| p.title.clone()),
            seed: $app.seed,
            drive_patterns: &$app.drive_patterns,
            install_policy: $app.install_policy,
            merge_policy: $app.merge_policy,
            site_name: $app.site_name.as_deref(),
            lrs_url: $app.lrs_url.as_deref(),
            lrs_user: $app.lrs_user.as_deref(),
        }
    };
}

/// Seconds left of each pause still running at `now`, rounded up.
fn seconds_left(locks: &HashMap<LearnerId, Instant>, now: Instant) -> HashMap<LearnerId, u64> {
    locks
        .iter()
        .filter_map(|(id, until)| Some((id.clone(), super::widgets::seconds_until(*until, now)?)))
        .collect()
}

impl App {
    pub fn new(library: Library, size: (u16, u16), seed: u64) -> App {
        App {
            screen: Screen::Picker(Box::new(Picker::new())),
            library,
            learners: Vec::new(),
            locks: HashMap::new(),
            facilitator: false,
            learner: None,
            progress: Progress::new(),
            help: false,
            size,
            notice: None,
            quit: false,
            to_plain: false,
            parked: HashMap::new(),
            continue_screen: None,
            data_dir: None,
            drive_patterns: crate::library::find::DRIVE_PATTERNS
                .iter()
                .map(ToString::to_string)
                .collect(),
            install_policy: InstallPolicy::default(),
            merge_policy: Default::default(),
            site_name: None,
            support: crate::support::Support::default(),
            lrs_url: None,
            lrs_user: None,
            theme: Theme::default(),
            lang: Lang::default(),
            default_theme: "default".to_string(),
            default_lang: Lang::default(),
            chosen_lang: None,
            caps: super::caps::Caps::default(),
            now: Instant::now(),
            seed,
        }
    }

    /// Opens on the screen that says the records file was damaged and set aside, and offers
    /// the way back. No records are open until a choice is made.
    pub fn show_damage(&mut self, damage: &crate::desk::Damage) {
        self.screen = Screen::Damaged(Box::new(super::damaged::Damaged::new(damage)));
    }

    /// Runs `f` with what the screens may read.
    pub fn with_cx<R>(&self, f: impl FnOnce(&Cx) -> R) -> R {
        f(&cx!(self))
    }

    /// The site's defaults, used when a learner has chosen nothing else.
    pub fn set_defaults(&mut self, config: &crate::config::Config) {
        self.default_theme = config.theme.clone();
        self.default_lang = config
            .language
            .as_deref()
            .and_then(Lang::from_code)
            .or_else(Lang::from_env)
            .unwrap_or_default();
        self.site_name = config.site_name.clone();
        self.lrs_url = config.lrs_url.clone();
        self.lrs_user = config.lrs_user.clone();
        self.apply_preferences(None, None);
    }

    /// Switches the theme and the UI language to a learner's choice, or the defaults.
    pub fn apply_preferences(&mut self, language: Option<&str>, theme: Option<&str>) {
        let theme = theme.unwrap_or(&self.default_theme);
        self.theme = Theme::named(theme)
            .unwrap_or_default()
            .fitted(self.caps.colour);
        self.lang = language
            .and_then(Lang::from_code)
            .or(self.chosen_lang)
            .unwrap_or(self.default_lang);
        self.library.show_in(self.lang.code());
    }

    fn next_seed(&mut self) -> u64 {
        // SplitMix64 step: distinct, well-spread seeds from any start value.
        self.seed = self.seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A key press, as the terminal reports it: the one way a learner changes anything.
    pub fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.now = Instant::now();
        // A notice stays until the next key, whatever that key is.
        self.notice = None;
        let screen = self.screen.component();
        let action = keys::lookup(&screen.keys(), screen.typing(), &key)
            .or_else(|| self.yes_in_own_words(&key));
        match action {
            // Hiding and quitting take one key press, help open or not.
            Some(a @ (Action::Hide | Action::Quit)) => self.update(a),
            // Any key closes the help, and does nothing else.
            _ if self.help => {
                self.help = false;
                Vec::new()
            }
            Some(a) => self.update(a),
            None => Vec::new(),
        }
    }

    /// The reader's word for yes, by its first letter ("o" for oui, "s" for sí), where the
    /// screen asks yes or no: the footer says "y oui", and a French reader presses "o". Only
    /// where that letter does nothing else.
    fn yes_in_own_words(&self, key: &KeyEvent) -> Option<Action> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        let yes = self.lang.t("footer.yes").chars().next()?;
        if key.modifiers.difference(KeyModifiers::SHIFT) != KeyModifiers::NONE
            || !c.to_lowercase().eq(yes.to_lowercase())
        {
            return None;
        }
        let screen = self.screen.component();
        let y = KeyEvent::from(KeyCode::Char('y'));
        keys::lookup(&screen.keys(), screen.typing(), &y).filter(|a| *a == Action::Confirm)
    }

    /// Whether a countdown is on screen: the event loop then wakes every second.
    pub fn ticks(&self) -> bool {
        self.with_cx(|cx| self.screen.component().ticks(cx))
    }

    /// A second went by: countdowns move on, and pauses that ended are forgotten.
    pub fn tick(&mut self) {
        self.now = Instant::now();
        let now = self.now;
        self.locks.retain(|_, until| *until > now);
    }

    /// Everything that is not a key press: effects' results, the terminal's changes, the
    /// idle lock. Keys reach here through [`App::key`].
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Hide | Action::IdleLock => self.hide(),
            Action::HangUp => {
                let effects = self.hide();
                self.quit = true;
                effects
            }
            Action::Quit => self.quit_effects(),
            Action::PlainMode => {
                self.to_plain = true;
                self.quit_effects()
            }
            Action::Help => {
                self.help = true;
                Vec::new()
            }
            Action::Tick => {
                self.tick();
                Vec::new()
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.screen.component_mut().resize((w, h));
                let cx = cx!(self);
                self.screen.component_mut().refit(&cx);
                Vec::new()
            }
            Action::Failed(problem) if !self.screen.component().shows_problems() => {
                self.notice = Some(Notice::Bad(problem));
                Vec::new()
            }
            Action::Said(news) => {
                self.notice = Some(Notice::Good(news));
                Vec::new()
            }
            Action::Warned(problem) => {
                self.notice = Some(Notice::Bad(problem));
                Vec::new()
            }
            Action::BackupFailed(problem) => {
                self.notice = Some(Notice::Bad(problem));
                Vec::new()
            }
            Action::Recovered(made) => {
                self.screen = Screen::Picker(Box::new(Picker::new()));
                self.notice = Some(Notice::Good(match made {
                    Some(time) => Problem::new("damaged.restored").with("time", time),
                    None => Problem::new("damaged.started_empty"),
                }));
                vec![Effect::LoadLearners]
            }
            Action::LearnersLoaded { learners, locks } => {
                self.learners = learners;
                let now = self.now;
                self.locks = locks
                    .into_iter()
                    .map(|(id, secs)| (id, now + Duration::from_secs(secs)))
                    .collect();
                Vec::new()
            }
            Action::LibraryReloaded(library) => {
                self.library = *library;
                self.library.show_in(self.lang.code());
                Vec::new()
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
                Vec::new()
            }
            other => super::arrive::arrive(self, other),
        }
    }

    /// Hands an action to the screen on show and carries out what it asks.
    pub(super) fn forward(&mut self, action: Action) -> Vec<Effect> {
        self.next_seed();
        let cx = cx!(self);
        let step = self.screen.component_mut().update(action, &cx);
        self.apply(step)
    }

    /// Carries out a step: its notice, its effects, then its move.
    pub(super) fn apply(&mut self, step: Step) -> Vec<Effect> {
        if let Some(notice) = step.notice {
            self.notice = Some(notice);
        }
        let mut effects = step.effects;
        if let Some(screen) = step.open {
            self.screen = screen;
        }
        if let Some(goto) = step.goto {
            effects.extend(self.goto(goto));
        }
        effects
    }

    pub(super) fn say(&mut self, notice: Notice) {
        self.notice = Some(notice);
    }

    /// Puts the learner's screen aside and shows the neutral picker, at once.
    fn hide(&mut self) -> Vec<Effect> {
        self.help = false;
        // The next learner meets the site's language, not the last one's choice.
        self.chosen_lang = None;
        // No records are open behind this screen: there is nowhere else to go.
        if let Screen::Damaged(damaged) = &mut self.screen {
            damaged.reset();
            return Vec::new();
        }
        let Some(learner) = self.learner.take() else {
            // No learner's work to keep: the picker, a half-typed PIN or the facilitator's
            // screen simply go.
            self.facilitator = false;
            self.apply_preferences(None, None);
            self.screen = Screen::Picker(Box::new(Picker::new()));
            return vec![Effect::LoadLearners];
        };
        let title = self
            .with_cx(|cx| self.screen.component().title(cx))
            .unwrap_or_default();
        let mut effects: Vec<Effect> = self
            .screen
            .component_mut()
            .leave()
            .into_iter()
            .map(|e| Effect::ForLearner(learner.id.clone(), Box::new(e)))
            .collect();
        let screen = std::mem::replace(&mut self.screen, Screen::Picker(Box::new(Picker::new())));
        // Hidden again from the course list before continuing: the older screen is the one
        // to give back.
        let parked = match (self.continue_screen.take(), screen) {
            (Some(older), Screen::Library(_)) => older,
            (_, screen) => Parked { screen, title },
        };
        self.parked.insert(learner.id, parked);
        self.progress.clear();
        self.apply_preferences(None, None);
        effects.push(Effect::LoadLearners);
        effects
    }

    pub(super) fn quit_effects(&mut self) -> Vec<Effect> {
        self.quit = true;
        self.screen.component_mut().leave()
    }

    /// The screen a learner left hidden, taken back when they sign in again.
    pub(super) fn unpark(&mut self, learner: &LearnerId) -> Option<Parked> {
        self.parked.remove(learner)
    }

    /// A learner's hidden screen, forgotten (the learner was deleted).
    pub(super) fn forget(&mut self, learner: &LearnerId) {
        self.parked.remove(learner);
    }

    /// Takes a new library (a previewed course was edited) and shows the same place in it.
    pub fn reload(&mut self, library: Library) -> Vec<Effect> {
        self.library = library;
        let effects = super::arrive::reopen(self);
        self.say(Notice::Good(Problem::new("preview.reloaded")));
        effects
    }
}
