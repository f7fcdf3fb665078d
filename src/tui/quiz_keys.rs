//! The keys of a quiz, which change with what is on screen: the start, a question (by how it
//! is answered, and whether it has hints), the feedback, the result.

use ratatui::crossterm::event::KeyCode;

use super::action::Action;
use super::keys::{
    Binding, DOWN, END, ENTER, ERASE, ESC, HOME, LEFT, PAGE_DOWN, PAGE_UP, Press, RIGHT,
    SCROLL_LINE, SPACE, UP, key,
};

use Press::{Char, Key};

const BACK: Binding =
    key(&[Char('q'), ESC], &[Action::Back], "keys.back_outline").shown("footer.back", 7);
/// Where letters are an answer, only Esc goes back.
const BACK_TYPING: Binding =
    key(&[ESC], &[Action::Back], "keys.back_outline").shown("footer.back", 7);
const NEXT: Binding = key(&[Char('n')], &[Action::NextItem], "keys.next_item");
const PREV: Binding = key(&[Char('p')], &[Action::PrevItem], "keys.prev_item");
const REVIEW: Binding =
    key(&[Char('v')], &[Action::Review], "keys.review").shown("footer.review", 4);
const SUBMIT: Binding = key(&[ENTER], &[Action::Confirm], "keys.submit").shown("footer.submit", 8);
const MOVE: Binding = key(
    &[UP, DOWN, Char('k'), Char('j')],
    &[Action::Up, Action::Down, Action::Up, Action::Down],
    "keys.move_answer",
)
.shown("footer.choose", 5);

pub const LOADING: &[Binding] = &[BACK];

/// The start, with no attempt open: Enter (or `r`) starts one.
pub const INTRO: &[Binding] = &[
    key(
        &[ENTER, Char('r')],
        &[Action::Confirm, Action::Retry],
        "keys.start_quiz",
    )
    .shown("footer.start", 8),
    REVIEW,
    NEXT,
    PREV,
    BACK,
];

/// The start, with an unfinished attempt: Enter goes on with it.
pub const INTRO_OPEN: &[Binding] = &[
    key(&[ENTER], &[Action::Confirm], "keys.continue_attempt").shown("footer.continue", 8),
    REVIEW,
    NEXT,
    PREV,
    BACK,
];

/// The start, every attempt used.
pub const INTRO_DONE: &[Binding] = &[REVIEW, NEXT, PREV, BACK];

pub const CHOOSE_ONE: &[Binding] = &[
    MOVE,
    Binding::picking("keys.pick_number"),
    key(&[SPACE], &[Action::Toggle], "keys.pick_one"),
    SUBMIT,
    BACK,
];

pub const CHOOSE_MANY: &[Binding] = &[
    MOVE,
    key(&[SPACE], &[Action::Toggle], "keys.toggle").shown("footer.pick", 6),
    Binding::picking("keys.toggle_number"),
    SUBMIT,
    BACK,
];

pub const ARRANGE: &[Binding] = &[
    key(
        &[UP, DOWN, Char('k'), Char('j')],
        &[Action::Up, Action::Down, Action::Up, Action::Down],
        "keys.move_item",
    )
    .shown("footer.move", 5),
    key(&[SPACE], &[Action::Toggle], "keys.take_item").shown("footer.take", 6),
    SUBMIT,
    BACK,
];

pub const PAIR: &[Binding] = &[
    key(
        &[UP, DOWN, Char('k'), Char('j')],
        &[Action::Up, Action::Down, Action::Up, Action::Down],
        "keys.move_row",
    )
    .shown("footer.choose", 5),
    key(
        &[LEFT, RIGHT],
        &[Action::Left, Action::Right],
        "keys.match_choice",
    )
    .shown("footer.change", 6),
    Binding::picking("keys.match_number"),
    SUBMIT,
    BACK,
];

pub const TYPE: &[Binding] = &[
    Binding::typing("keys.type_answer"),
    ERASE,
    SUBMIT,
    BACK_TYPING,
];

/// While a hint is left to open.
pub const HINT: Binding = key(
    &[Char('h'), Key(KeyCode::F(3))],
    &[Action::Hint],
    "keys.hint",
)
.shown("footer.hint", 4);
/// Where letters are an answer, `h` is a letter.
pub const HINT_TYPING: Binding =
    key(&[Key(KeyCode::F(3))], &[Action::Hint], "keys.hint").shown("footer.hint", 4);

/// The question and its choices read aloud (F4: letters may be an answer here).
pub const READ_ALOUD: Binding = key(
    &[Key(KeyCode::F(4))],
    &[Action::ReadAloud],
    "keys.read_question_aloud",
);

/// A question longer than the screen: the page keys show what is below.
pub const PAGE: Binding = key(
    &[PAGE_UP, PAGE_DOWN],
    &[Action::PageUp, Action::PageDown],
    "keys.scroll_page",
);

/// Feedback longer than the screen.
pub const SCROLL: &[Binding] = &[
    SCROLL_LINE.shown("footer.scroll", 5),
    key(
        &[PAGE_UP, PAGE_DOWN, HOME, END],
        &[Action::PageUp, Action::PageDown, Action::Home, Action::End],
        "keys.scroll_page_ends",
    ),
];

/// The answer is recorded and its feedback shown.
pub const FEEDBACK: &[Binding] = &[
    key(&[ENTER], &[Action::Confirm], "keys.next_question").shown("footer.continue", 8),
    BACK,
];

/// Every answer is in but the end of the attempt could not be recorded.
pub const FINISHING: &[Binding] = &[
    key(&[ENTER], &[Action::Confirm], "keys.try_again").shown("footer.try_again", 8),
    BACK,
];

/// The result, with attempts left.
pub const RESULTS: &[Binding] = &[
    key(
        &[ENTER, Char('n')],
        &[Action::Confirm, Action::NextItem],
        "keys.next_item",
    )
    .shown("footer.next", 8),
    key(&[Char('r')], &[Action::Retry], "keys.retry").shown("footer.retry", 6),
    REVIEW,
    PREV,
    BACK,
];

/// The result, every attempt used.
pub const RESULTS_DONE: &[Binding] = &[
    key(
        &[ENTER, Char('n')],
        &[Action::Confirm, Action::NextItem],
        "keys.next_item",
    )
    .shown("footer.next", 8),
    REVIEW,
    PREV,
    BACK,
];
