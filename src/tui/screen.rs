//! A screen is a component: its own state, one table of keys, an `update` that turns an
//! action into a [`Step`], and a `draw`. The app holds whichever is on show and gives each
//! the same [`Cx`]: what it may read of the rest. A new screen is a new file and one line
//! in [`screens!`] below; the screen it is reached from opens it with [`Step::open`].

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::i18n::Lang;
use crate::library::Library;
use crate::library::policy::InstallPolicy;
use crate::store::{ItemProgress, ItemStatus, Learner, LearnerId};

use super::action::Action;
use super::app::Goto;
use super::effect::Effect;
use super::keys::Binding;
use super::problem::Notice;
use super::theme::Theme;

pub use crate::records::Progress;

/// What a screen may read of the app while it handles an action or draws.
pub struct Cx<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    /// The terminal, in cells.
    pub size: (u16, u16),
    /// The time the screen shows (countdowns are drawn from it).
    pub now: std::time::Instant,
    pub library: &'a Library,
    /// The learners "Who is learning?" lists.
    pub learners: &'a [Learner],
    /// Seconds left of each paused profile's pause, now.
    pub locks: HashMap<LearnerId, u64>,
    pub learner: Option<&'a Learner>,
    pub progress: &'a Progress,
    /// What "Continue where you left off" would give back, when a hidden screen waits.
    pub continue_label: Option<String>,
    /// Seeds a new quiz attempt.
    pub seed: u64,
    pub drive_patterns: &'a [String],
    pub install_policy: InstallPolicy,
    pub merge_policy: crate::harvest::merge::MergePolicy,
    /// The site's name from the config, when it gives one.
    pub site_name: Option<&'a str>,
    /// The organisation's LRS and its user, from the config, when it gives them.
    pub lrs_url: Option<&'a str>,
    pub lrs_user: Option<&'a str>,
}

impl Cx<'_> {
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn tf(&self, key: &str, args: &[(&str, crate::i18n::Arg<'_>)]) -> String {
        self.lang.tf(key, args)
    }

    pub fn item_progress(&self, course_id: &str, item_id: &str) -> Option<&ItemProgress> {
        self.progress.get(course_id)?.get(item_id)
    }

    pub fn status(&self, course_id: &str, item_id: &str) -> ItemStatus {
        self.item_progress(course_id, item_id)
            .map_or(ItemStatus::NotStarted, |p| p.status)
    }

    /// The learner's progress with a course, under its completion rule.
    pub fn course_progress(
        &self,
        course: &crate::course::Course,
    ) -> crate::progress::CourseProgress {
        crate::progress::course_progress(course, |id| self.status(&course.id, id))
    }
}

/// The item after (`forward`) or before `index` in the course, or the outline past either
/// end: where "next" and "previous" lead from a lesson or a quiz.
pub fn beside(course: &crate::course::Course, index: usize, forward: bool) -> Goto {
    let next = if forward {
        index + 1
    } else {
        index.wrapping_sub(1)
    };
    if next < course.item_count() {
        Goto::Item {
            course_id: course.id.clone(),
            index: next,
        }
    } else {
        Goto::Outline {
            course_id: course.id.clone(),
            select: index,
        }
    }
}

/// What an update asks for: effects to run, a move to another screen (a place the app knows
/// how to reach, or a screen the update made itself), something to say.
#[derive(Debug, Default)]
pub struct Step {
    pub effects: Vec<Effect>,
    pub goto: Option<Goto>,
    pub open: Option<Screen>,
    pub notice: Option<Notice>,
}

impl Step {
    pub fn none() -> Step {
        Step::default()
    }

    pub fn go(goto: Goto) -> Step {
        Step {
            goto: Some(goto),
            ..Step::default()
        }
    }

    pub fn run(effect: Effect) -> Step {
        Step {
            effects: vec![effect],
            ..Step::default()
        }
    }

    pub fn runs(effects: Vec<Effect>) -> Step {
        Step {
            effects,
            ..Step::default()
        }
    }

    /// Shows `screen` next: a screen made by the one before it (a form opened from a list).
    pub fn open(screen: Screen) -> Step {
        Step {
            open: Some(screen),
            ..Step::default()
        }
    }

    /// Nothing to run: a sentence for the learner, above the footer.
    pub fn say(notice: Notice) -> Step {
        Step {
            notice: Some(notice),
            ..Step::default()
        }
    }

    /// These effects, then the move.
    pub fn then(mut self, goto: Goto) -> Step {
        self.goto = Some(goto);
        self
    }
}

/// What every screen is.
pub trait Component {
    /// The keys as they apply now (a quiz typing an answer has other keys than one
    /// choosing): the keymap, the help and the footer are made from this table alone.
    fn table(&self) -> &'static [Binding];

    /// Keys that apply only in the state on show: scrolling when there is more than fits, a
    /// hint while one is left.
    fn more(&self) -> Vec<&'static Binding> {
        Vec::new()
    }

    /// The screen's keys now: [`Component::more`] (what applies now, first), then
    /// [`Component::table`].
    fn keys(&self) -> Vec<&'static Binding> {
        self.more().into_iter().chain(self.table()).collect()
    }

    /// Whether letters are text here (a name, a PIN, a typed answer): `?` is then a letter
    /// and help is F1.
    fn typing(&self) -> bool {
        false
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Step;

    fn draw(&self, cx: &Cx, area: Rect, buf: &mut Buffer);

    /// Whether the screen shows a problem itself, beside what caused it (a form's field,
    /// a quiz's question); otherwise the app shows it above the footer.
    fn shows_problems(&self) -> bool {
        false
    }

    /// What the header names after the learner (a course, a lesson, a screen's title).
    fn title(&self, _cx: &Cx) -> Option<String> {
        None
    }

    /// Shown at the start of the footer (where the learner is in a lesson).
    fn status(&self, _cx: &Cx) -> Option<Line<'static>> {
        None
    }

    /// The terminal changed size.
    fn resize(&mut self, _size: (u16, u16)) {}

    /// After a resize, with what the screen may read: what depends on the size and the
    /// language (where a question scrolls, whether it is longer than the screen) is worked
    /// out again.
    fn refit(&mut self, _cx: &Cx) {}

    /// Whether the screen draws its own side margins (long texts use the whole width).
    fn full_width(&self) -> bool {
        false
    }

    /// What a click at `(x, y)` means on a screen drawn in `area`, for choices laid out
    /// other than one per row (a grid of pictures); `None` leaves the click to the usual
    /// row-by-row choosing.
    fn click(&self, _cx: &Cx, _area: Rect, _x: u16, _y: u16) -> Option<Action> {
        None
    }

    /// Whether the screen shows a countdown that must be redrawn every second.
    fn ticks(&self, _cx: &Cx) -> bool {
        false
    }

    /// What to write before the screen goes (hidden, quit): a lesson's reading position.
    fn leave(&mut self) -> Vec<Effect> {
        Vec::new()
    }
}

macro_rules! screens {
    ($($name:ident($ty:ty)),* $(,)?) => {
        /// The screen on show.
        #[derive(Debug)]
        pub enum Screen {
            $($name(Box<$ty>)),*
        }

        impl Screen {
            pub fn component(&self) -> &dyn Component {
                match self {
                    $(Screen::$name(s) => s.as_ref()),*
                }
            }

            pub fn component_mut(&mut self) -> &mut dyn Component {
                match self {
                    $(Screen::$name(s) => s.as_mut()),*
                }
            }
        }
    };
}

screens! {
    Picker(super::picker::Picker),
    NewLearner(super::new_learner::NewLearner),
    Pin(super::pin::Pin),
    Profile(super::profile::Profile),
    Login(super::login::Login),
    Board(super::board::Board),
    Import(super::import::Import),
    Library(super::courses::Courses),
    Outline(super::outline::Outline),
    Lesson(super::lesson::Lesson),
    Quiz(super::quiz::QuizScreen),
    Review(super::review::Review),
    Export(super::export::Export),
    Reports(super::reports::Reports),
    Hub(super::hub::Hub),
    Sync(super::sync::Sync),
    Damaged(super::damaged::Damaged),
}
