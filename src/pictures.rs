//! Learners' pictures: a symbol and a colour that stand for a learner who cannot read her
//! name, and the picture PIN — three symbols in order — that can stand in for digits.
//!
//! The symbols are everyday things drawn in plain ASCII, the same drawing on every terminal:
//! the Linux console's stock fonts have no emoji and few symbols, and a learner who moves to
//! another workstation must see the same picture there. Each differs from the others in
//! shape, so colour is extra help and never the only difference (for colour-blind learners
//! and monochrome terminals).
//!
//! What the records file keeps is each symbol's and colour's `id`: a short ASCII word that
//! never changes, so reordering or adding symbols never changes anyone's picture or PIN.

/// Lines of a symbol's large drawing.
pub const ART_ROWS: usize = 4;
/// Columns of a symbol's large drawing (each line is padded to this).
pub const ART_COLS: usize = 9;
/// Columns of a symbol's inline form, beside a name in a list.
pub const INLINE_COLS: usize = 5;
/// Pictures in a picture PIN.
pub const PIN_LENGTH: usize = 3;

/// One of the symbols a learner can choose. The order is the order of the 3x3 grid, and of
/// the number keys 1 to 9; the stored id does not depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Symbol {
    Sun,
    Tree,
    House,
    Fish,
    Star,
    Cup,
    Key,
    Bird,
    Flower,
}

impl Symbol {
    /// Every symbol, in grid order: row by row, 1 to 9.
    pub const ALL: [Symbol; 9] = [
        Symbol::Sun,
        Symbol::Tree,
        Symbol::House,
        Symbol::Fish,
        Symbol::Star,
        Symbol::Cup,
        Symbol::Key,
        Symbol::Bird,
        Symbol::Flower,
    ];

    /// The word kept in the records file: stable forever, whatever the grid's order.
    pub fn id(self) -> &'static str {
        match self {
            Symbol::Sun => "sun",
            Symbol::Tree => "tree",
            Symbol::House => "house",
            Symbol::Fish => "fish",
            Symbol::Star => "star",
            Symbol::Cup => "cup",
            Symbol::Key => "key",
            Symbol::Bird => "bird",
            Symbol::Flower => "flower",
        }
    }

    /// The symbol stored as `id`; `None` for a word this Hatua does not know (a file
    /// edited by hand, or written by a later Hatua with more symbols).
    pub fn from_id(id: &str) -> Option<Symbol> {
        Symbol::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Its place in the grid, 0 to 8.
    pub fn index(self) -> usize {
        Symbol::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The large drawing: [`ART_ROWS`] lines of [`ART_COLS`] ASCII characters.
    pub fn art(self) -> [&'static str; ART_ROWS] {
        match self {
            Symbol::Sun => [r" \  |  / ", r"  .---.  ", r"-(     )-", r"  '---'  "],
            Symbol::Tree => [r"    ^    ", r"   ^^^   ", r"  ^^^^^  ", r"   |||   "],
            Symbol::House => [r"   /\    ", r"  /  \   ", r" /____\  ", r" |_[]_|  "],
            Symbol::Fish => [r"    ___  ", r"|\ /   \ ", r"| >  o  >", r"|/ \___/ "],
            Symbol::Star => [r"    _    ", r" __/ \__ ", r" \     / ", r" /_/ \_\ "],
            Symbol::Cup => [r"  ( ( (  ", r" .-----. ", r" |     |]", r" '-----' "],
            Symbol::Key => [r"  __     ", r" /  \    ", r"( () )===", r" \__/  mm"],
            Symbol::Bird => [r"   __    ", r" <(o )__ ", r"  ( ._> )", r"   `---' "],
            Symbol::Flower => [r"  .-.-.  ", r" ( (@) ) ", r"  '-|-'  ", r"   \|    "],
        }
    }

    /// A one-line form for lists, [`INLINE_COLS`] ASCII characters: close enough to the
    /// large drawing to be found by it.
    pub fn inline(self) -> &'static str {
        match self {
            Symbol::Sun => "\\(O)/",
            Symbol::Tree => " ^^^ ",
            Symbol::House => "/[n]\\",
            Symbol::Fish => " ><> ",
            Symbol::Star => " -*- ",
            Symbol::Cup => " [_]]",
            Symbol::Key => "()=mm",
            Symbol::Bird => "<(o )",
            Symbol::Flower => " (@) ",
        }
    }
}

/// The colour of a learner's picture: the 16-colour palette's clearest hues, which every
/// colour terminal has, and none of them the terminal's own background or text colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    Red,
    Yellow,
    Green,
    Cyan,
    Blue,
    Magenta,
}

impl Colour {
    pub const ALL: [Colour; 6] = [
        Colour::Red,
        Colour::Yellow,
        Colour::Green,
        Colour::Cyan,
        Colour::Blue,
        Colour::Magenta,
    ];

    /// The word kept in the records file.
    pub fn id(self) -> &'static str {
        match self {
            Colour::Red => "red",
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Cyan => "cyan",
            Colour::Blue => "blue",
            Colour::Magenta => "magenta",
        }
    }

    pub fn from_id(id: &str) -> Option<Colour> {
        Colour::ALL.into_iter().find(|c| c.id() == id)
    }

    pub fn index(self) -> usize {
        Colour::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// A learner's picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Picture {
    pub symbol: Symbol,
    pub colour: Colour,
}

impl Picture {
    /// The picture stored as these two words; `None` when either is unknown, so the learner
    /// is listed without a picture rather than with a wrong one.
    pub fn from_ids(symbol: &str, colour: &str) -> Option<Picture> {
        Some(Picture {
            symbol: Symbol::from_id(symbol)?,
            colour: Colour::from_id(colour)?,
        })
    }

    /// The first picture (symbols first, then colours) that none of `taken` has, so that
    /// learners at one desk start with pictures of their own; the first one when all 54 are
    /// taken.
    pub fn first_free(taken: &[Picture]) -> Picture {
        let first = Picture {
            symbol: Symbol::Sun,
            colour: Colour::Red,
        };
        Colour::ALL
            .into_iter()
            .flat_map(|colour| Symbol::ALL.map(|symbol| Picture { symbol, colour }))
            .find(|p| !taken.contains(p))
            .unwrap_or(first)
    }
}

/// The text a picture PIN is hashed as: its symbols' ids in order, behind a prefix that no
/// digit PIN can have. Ids, not grid places, so a new grid order keeps every PIN working.
pub fn pin_secret(symbols: &[Symbol; PIN_LENGTH]) -> String {
    let ids: Vec<&str> = symbols.iter().map(|s| s.id()).collect();
    format!("pictures:{}", ids.join(","))
}

/// Whether `secret` is a picture PIN as [`pin_secret`] writes it.
pub fn is_picture_secret(secret: &str) -> bool {
    let Some(ids) = secret.strip_prefix("pictures:") else {
        return false;
    };
    let ids: Vec<&str> = ids.split(',').collect();
    ids.len() == PIN_LENGTH && ids.iter().all(|id| Symbol::from_id(id).is_some())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_are_short_ascii_words_and_each_names_one_symbol() {
        let ids: HashSet<&str> = Symbol::ALL.iter().map(|s| s.id()).collect();
        assert_eq!(ids.len(), 9);
        for s in Symbol::ALL {
            assert!(s.id().bytes().all(|b| b.is_ascii_lowercase()), "{s:?}");
            assert_eq!(Symbol::from_id(s.id()), Some(s));
            assert_eq!(Symbol::ALL[s.index()], s);
        }
        // The words already in records files: never renamed.
        assert_eq!(
            Symbol::ALL.map(Symbol::id),
            [
                "sun", "tree", "house", "fish", "star", "cup", "key", "bird", "flower"
            ]
        );
        assert_eq!(
            Colour::ALL.map(Colour::id),
            ["red", "yellow", "green", "cyan", "blue", "magenta"]
        );
        assert_eq!(Symbol::from_id("Sun"), None);
        assert_eq!(Picture::from_ids("sun", "plaid"), None);
    }

    #[test]
    fn every_drawing_is_ascii_of_one_size_and_differs_from_the_others_in_shape() {
        let mut drawings = HashSet::new();
        let mut inlines = HashSet::new();
        for s in Symbol::ALL {
            for line in s.art() {
                assert!(line.is_ascii(), "{s:?}: {line:?}");
                assert_eq!(line.len(), ART_COLS, "{s:?}: {line:?}");
            }
            assert!(s.inline().is_ascii() && s.inline().len() == INLINE_COLS);
            // Shape alone: the drawing with its characters, not its colour.
            assert!(drawings.insert(s.art()), "{s:?} looks like another");
            assert!(inlines.insert(s.inline()), "{s:?} looks like another");
        }
    }

    #[test]
    fn a_picture_pin_is_its_ids_in_order_never_digits() {
        use Symbol::*;
        assert_eq!(pin_secret(&[Sun, Fish, Sun]), "pictures:sun,fish,sun");
        assert_ne!(pin_secret(&[Sun, Fish, Key]), pin_secret(&[Key, Fish, Sun]));
        assert!(is_picture_secret(&pin_secret(&[Bird, Cup, Tree])));
        for bad in [
            "1234",
            "pictures:",
            "pictures:sun,fish",
            "pictures:sun,fish,moon",
        ] {
            assert!(!is_picture_secret(bad), "{bad}");
            assert!(!crate::pin::is_valid_pin(&pin_secret(&[Sun, Sun, Sun])));
        }
    }

    #[test]
    fn a_new_learner_gets_a_picture_nobody_has() {
        let sun = Picture {
            symbol: Symbol::Sun,
            colour: Colour::Red,
        };
        assert_eq!(Picture::first_free(&[]), sun);
        let next = Picture::first_free(&[sun]);
        assert_eq!(next.symbol, Symbol::Tree);
        let all: Vec<Picture> = Colour::ALL
            .into_iter()
            .flat_map(|colour| Symbol::ALL.map(|symbol| Picture { symbol, colour }))
            .collect();
        assert_eq!(Picture::first_free(&all), sun);
    }
}
