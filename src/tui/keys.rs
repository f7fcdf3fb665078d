//! Keys as data: each screen has one table of [`Binding`]s, and the keymap, the help overlay
//! and the footer are all made from it, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Lang;

use super::action::Action;

/// One key press a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    Key(KeyCode),
    Char(char),
    Ctrl(char),
    /// Any printable character: it is typed.
    Letters,
    /// `1` to `9`: picks that option.
    Digits,
}

/// A key of a screen: what presses it, what it does, how help and the footer name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub presses: &'static [Press],
    /// What each press does: one action for them all, or one per press (↑ ↓ as one line of
    /// help). [`Press::Letters`] types and [`Press::Digits`] picks, whatever this says.
    pub actions: &'static [Action],
    /// Catalog key of the help text.
    pub help: &'static str,
    /// Catalog key of the footer's word for it; empty: help only.
    pub footer: &'static str,
    /// Higher shows first when the footer is too narrow for every key.
    pub priority: u8,
}

/// A binding shown in help only (see [`Binding::shown`]).
pub const fn key(
    presses: &'static [Press],
    actions: &'static [Action],
    help: &'static str,
) -> Binding {
    Binding {
        presses,
        actions,
        help,
        footer: "",
        priority: 0,
    }
}

impl Binding {
    /// The same binding, in the footer too, as `footer` with `priority`.
    pub const fn shown(mut self, footer: &'static str, priority: u8) -> Binding {
        self.footer = footer;
        self.priority = priority;
        self
    }

    /// Letters typed as text.
    pub const fn typing(help: &'static str) -> Binding {
        key(&[Press::Letters], &[], help)
    }

    /// `1`–`9` pick an option by its number.
    pub const fn picking(help: &'static str) -> Binding {
        key(&[Press::Digits], &[], help)
    }

    /// The action for `key`, if this binding answers to it.
    fn action_for(&self, key: &KeyEvent) -> Option<Action> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        for (i, press) in self.presses.iter().enumerate() {
            let hit = match (*press, key.code) {
                (Press::Ctrl(c), KeyCode::Char(k)) => ctrl && k.eq_ignore_ascii_case(&c),
                (_, _) if ctrl || alt => false,
                (Press::Key(code), k) => code == k,
                (Press::Char(c), KeyCode::Char(k)) => c == k,
                (Press::Letters, KeyCode::Char(k)) => !k.is_control(),
                (Press::Digits, KeyCode::Char(k)) => ('1'..='9').contains(&k),
                _ => false,
            };
            if hit {
                return match (*press, key.code) {
                    (Press::Letters, KeyCode::Char(c)) => Some(Action::Type(c)),
                    (Press::Digits, KeyCode::Char(c)) => {
                        Some(Action::Pick(c as usize - '1' as usize))
                    }
                    _ => self.actions.get(i).or(self.actions.first()).cloned(),
                };
            }
        }
        None
    }

    /// How help shows the presses: `↑ ↓  k j`, `Ctrl-X  F12`: keys of one kind one space
    /// apart, the kinds two.
    pub fn label(&self, lang: Lang) -> String {
        let mut out = String::new();
        let kind = |p: &Press| match p {
            Press::Key(_) => 0,
            Press::Char(_) => 1,
            Press::Ctrl(_) => 2,
            Press::Letters | Press::Digits => 3,
        };
        for (i, p) in self.presses.iter().enumerate() {
            if i > 0 {
                let same = kind(p) == kind(&self.presses[i - 1]);
                out.push_str(if same { " " } else { "  " });
            }
            out.push_str(&press_label(*p, lang));
        }
        out
    }

    /// How the footer shows the presses: the first of them (two for a pair of arrows).
    fn footer_label(&self, lang: Lang) -> String {
        match self.presses {
            [Press::Key(KeyCode::Up), Press::Key(KeyCode::Down), ..] => "↑↓".to_string(),
            [Press::Key(KeyCode::Left), Press::Key(KeyCode::Right), ..] => "←→".to_string(),
            [first, ..] => press_label(*first, lang),
            [] => String::new(),
        }
    }
}

fn press_label(p: Press, lang: Lang) -> String {
    match p {
        Press::Key(code) => match code {
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        },
        Press::Char(' ') => lang.t("keys.space"),
        Press::Char(c) => c.to_string(),
        Press::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Press::Letters => lang.t("keys.letters"),
        Press::Digits => "1–9".to_string(),
    }
}

use Press::{Char, Ctrl, Key};

/// The presses tables use most.
pub const UP: Press = Key(KeyCode::Up);
pub const DOWN: Press = Key(KeyCode::Down);
pub const LEFT: Press = Key(KeyCode::Left);
pub const RIGHT: Press = Key(KeyCode::Right);
pub const ENTER: Press = Key(KeyCode::Enter);
pub const ESC: Press = Key(KeyCode::Esc);
pub const HOME: Press = Key(KeyCode::Home);
pub const END: Press = Key(KeyCode::End);
pub const PAGE_UP: Press = Key(KeyCode::PageUp);
pub const PAGE_DOWN: Press = Key(KeyCode::PageDown);
pub const SPACE: Press = Char(' ');

/// Bindings many screens share; a screen shows them in its footer with [`Binding::shown`].
pub const MOVE: Binding = key(
    &[UP, DOWN, Char('k'), Char('j')],
    &[Action::Up, Action::Down, Action::Up, Action::Down],
    "keys.move",
);
pub const ENDS: Binding = key(&[HOME, END], &[Action::Home, Action::End], "keys.ends");
pub const ERASE: Binding = key(&[Key(KeyCode::Backspace)], &[Action::Erase], "keys.erase");
pub const SCROLL_LINE: Binding = key(
    &[UP, DOWN, Char('k'), Char('j')],
    &[Action::Up, Action::Down, Action::Up, Action::Down],
    "keys.scroll_line",
);
pub const SCROLL_PAGE: Binding = key(
    &[PAGE_UP, PAGE_DOWN, Char('b'), SPACE],
    &[
        Action::PageUp,
        Action::PageDown,
        Action::PageUp,
        Action::PageDown,
    ],
    "keys.scroll_page",
);
pub const SCROLL_ENDS: Binding = key(
    &[HOME, END, Char('g'), Char('G')],
    &[Action::Home, Action::End, Action::Home, Action::End],
    "keys.scroll_ends",
);

/// Keys every screen has, after its own: quick exit, quit, and help (F1 always, `?` where
/// letters are not text).
pub const HIDE: Binding = key(
    &[Ctrl('x'), Key(KeyCode::F(12))],
    &[Action::Hide],
    "keys.hide",
)
.shown("footer.hide", 9);
pub const QUIT: Binding = key(&[Ctrl('c')], &[Action::Quit], "keys.quit");
pub const HELP: Binding = key(
    &[Char('?'), Key(KeyCode::F(1))],
    &[Action::Help],
    "keys.help",
);
/// Where letters are typed, `?` is a letter: help is F1 alone.
pub const HELP_WHILE_TYPING: Binding = key(&[Key(KeyCode::F(1))], &[Action::Help], "keys.help");

/// The keys that apply on a screen, its own first: its table, then quick exit and quit,
/// then help. `signed_in`: quick exit matters only with a learner's work on screen, but
/// costs nothing elsewhere, so it is always there.
pub fn all(own: &[&'static Binding], typing: bool) -> Vec<&'static Binding> {
    let help = if typing { &HELP_WHILE_TYPING } else { &HELP };
    own.iter().copied().chain([&HIDE, &QUIT, help]).collect()
}

/// A static table as the list [`lookup`], [`all`] and [`footer`] take.
pub fn table(bindings: &'static [Binding]) -> Vec<&'static Binding> {
    bindings.iter().collect()
}

/// The action `key` means on a screen whose own keys are `own`.
pub fn lookup(own: &[&'static Binding], typing: bool, key: &KeyEvent) -> Option<Action> {
    let key = &line_feed_as_enter(key);
    // Quick exit and quit come first: no screen may take them.
    for b in [&HIDE, &QUIT] {
        if let Some(a) = b.action_for(key) {
            return Some(a);
        }
    }
    all(own, typing).into_iter().find_map(|b| b.action_for(key))
}

/// A line feed (Ctrl-J) is Enter. Enter typed before the player has the terminal in raw
/// mode (on a slow machine, a learner who types at once) reaches it as a line feed, the
/// terminal's line discipline having turned the carriage return into one; and a few
/// terminals send a line feed for Enter anyway.
fn line_feed_as_enter(key: &KeyEvent) -> KeyEvent {
    let ctrl_j = key.code == KeyCode::Char('j') && key.modifiers == KeyModifiers::CONTROL;
    if ctrl_j {
        KeyEvent {
            code: KeyCode::Enter,
            modifiers: KeyModifiers::NONE,
            ..*key
        }
    } else {
        *key
    }
}

/// The footer: the keys of highest priority that fit in `width` cells, in the table's order,
/// help always last; never a key cut in half. Quick exit is named when there is something
/// to hide (`hide`): a learner's or the facilitator's screen.
pub fn footer(
    own: &[&'static Binding],
    typing: bool,
    hide: bool,
    lang: Lang,
    width: usize,
) -> String {
    let help = if typing { &HELP_WHILE_TYPING } else { &HELP };
    let entry = |b: &Binding| format!("{} {}", b.footer_label(lang), lang.t(b.footer));
    let help_text = format!("{} {}", help.footer_label(lang), lang.t("footer.help"));
    let sep = " · ";
    let cells = unicode_width::UnicodeWidthStr::width;
    let mut shown: Vec<(usize, &Binding)> = Vec::new();
    let mut used = cells(help_text.as_str());
    let quick_exit: &[&Binding] = if hide { &[&HIDE] } else { &[] };
    let mut candidates: Vec<(usize, &Binding)> = own
        .iter()
        .chain(quick_exit)
        .copied()
        .enumerate()
        .filter(|(_, b)| !b.footer.is_empty())
        .collect();
    candidates.sort_by_key(|(i, b)| (std::cmp::Reverse(b.priority), *i));
    for (i, b) in candidates {
        let w = cells(entry(b).as_str()) + cells(sep);
        if used + w <= width {
            used += w;
            shown.push((i, b));
        }
    }
    // Quick exit first, as people look for it; then the screen's keys in table order.
    shown.sort_by_key(|(i, b)| (**b != HIDE, *i));
    let mut parts: Vec<String> = shown.into_iter().map(|(_, b)| entry(b)).collect();
    parts.push(help_text);
    parts.join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[Binding] = &[
        key(
            &[Key(KeyCode::Up), Key(KeyCode::Down)],
            &[Action::Up, Action::Down],
            "keys.move",
        )
        .shown("footer.choose", 5),
        key(
            &[Key(KeyCode::Enter)],
            &[Action::Confirm],
            "keys.open_course",
        )
        .shown("footer.open", 8),
        key(&[Char('p')], &[Action::OpenProfile], "keys.profile").shown("footer.profile", 1),
        Binding::picking("keys.pick_number"),
    ];

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_table_is_the_keymap() {
        assert_eq!(
            lookup(&table(KEYS), false, &press(KeyCode::Char('p'))),
            Some(Action::OpenProfile)
        );
        assert_eq!(
            lookup(&table(KEYS), false, &press(KeyCode::Down)),
            Some(Action::Down)
        );
        assert_eq!(
            lookup(&table(KEYS), false, &press(KeyCode::Up)),
            Some(Action::Up)
        );
        assert_eq!(
            lookup(&table(KEYS), false, &press(KeyCode::Char('3'))),
            Some(Action::Pick(2))
        );
        assert_eq!(
            lookup(&table(KEYS), false, &press(KeyCode::Char('?'))),
            Some(Action::Help)
        );
        assert_eq!(lookup(&table(KEYS), true, &press(KeyCode::Char('?'))), None);
        let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&table(KEYS), true, &ctrl_x), Some(Action::Hide));
        assert_eq!(
            lookup(&table(KEYS), false, &press(KeyCode::Char('z'))),
            None
        );
    }

    #[test]
    fn a_line_feed_is_enter_but_a_plain_j_is_still_a_j() {
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&table(KEYS), false, &ctrl_j), Some(Action::Confirm));
        // A "j" without Ctrl is not Enter: this table has nothing for it.
        assert_eq!(
            lookup(&table(KEYS), false, &press(KeyCode::Char('j'))),
            None
        );
    }

    #[test]
    fn the_footer_keeps_whole_keys_by_priority_and_help_always() {
        let wide = footer(&table(KEYS), false, true, Lang::En, 200);
        assert_eq!(
            wide,
            "Ctrl-X hide · ↑↓ choose · Enter open · p profile · ? help"
        );
        let narrow = footer(&table(KEYS), false, true, Lang::En, 40);
        assert_eq!(narrow, "Ctrl-X hide · Enter open · ? help");
        assert!(narrow.chars().count() <= 40);
    }
}
