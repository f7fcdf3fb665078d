//! What the terminal can show, decided once at start: colour or none, Unicode marks or
//! ASCII, the alternate screen or not. From TERM, the locale and NO_COLOR, with `--ascii`
//! (or `ascii = true` in the config) for terminals that claim more than they have. The
//! old PCs of training centres run the Linux console, whose stock fonts lack most marks;
//! some run with no UTF-8 locale at all.

use std::borrow::Cow;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// What the player may write to this terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// Colours (the 16 of ANSI); without, emphasis alone: bold, underline, reverse video.
    pub colour: bool,
    /// Characters beyond ASCII: marks, borders, accented letters. Without, each is drawn as
    /// the nearest ASCII character of the same width.
    pub unicode: bool,
    /// The alternate screen, which gives the shell's screen back on exit.
    pub alternate_screen: bool,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            colour: true,
            unicode: true,
            alternate_screen: true,
        }
    }
}

/// Terminals that draw ASCII only, as far as their stock fonts go, and have no alternate
/// screen: the Linux console and the DEC terminals others imitate.
const PLAIN_TERMINALS: &[&str] = &["linux", "vt100", "vt102", "vt220", "vt52", "dumb", "ansi"];

impl Caps {
    /// The capabilities the environment describes; `ascii` forces ASCII whatever it says.
    pub fn from_env(var: impl Fn(&str) -> Option<String>, ascii: bool) -> Caps {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        let term = set("TERM").unwrap_or_default();
        let family = term.split('-').next().unwrap_or("");
        let plain = PLAIN_TERMINALS.contains(&term.as_str()) || PLAIN_TERMINALS.contains(&family);
        // No TERM at all is a Windows console, which has both; elsewhere it is a pipe.
        let unknown = term.is_empty() && !cfg!(windows);
        let mono = term.ends_with("-mono") || term.ends_with("-m") || term == "dumb";
        // As POSIX reads the locale for characters: LC_ALL, then LC_CTYPE, then LANG. None
        // set at all is taken as UTF-8, as every terminal emulator of the last decade is;
        // the "C" locale said out loud is ASCII.
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].into_iter().find_map(set);
        let utf8 = locale.is_none_or(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        });
        Caps {
            colour: set("NO_COLOR").is_none() && !mono && !unknown,
            unicode: utf8 && !plain && !unknown && !ascii,
            alternate_screen: !plain && !unknown,
        }
    }

    /// [`Caps::from_env`] on this process's environment.
    pub fn detect(ascii: bool) -> Caps {
        Caps::from_env(|name| std::env::var(name).ok(), ascii)
    }
}

/// The nearest ASCII for one terminal cell's symbol, as wide as the symbol: marks by their
/// shape (▶ `>`, ✓ `+`, ✗ `x`, ◐ `~`), borders by lines, accented letters without their
/// accents, anything else `?`.
pub fn ascii(symbol: &str) -> Cow<'_, str> {
    if symbol.is_ascii() {
        return Cow::Borrowed(symbol);
    }
    let width = symbol.width().max(1);
    let mut chars = symbol.chars();
    let one = match (chars.next(), chars.next()) {
        (Some(c), None) => mark(c),
        _ => None,
    };
    let text = one.map(String::from).unwrap_or_else(|| {
        let plain: String = symbol
            .nfd()
            .filter(|c| c.is_ascii() && !c.is_ascii_control())
            .collect();
        if plain.is_empty() {
            "?".to_string()
        } else {
            plain
        }
    });
    // The same number of cells, so nothing after it moves.
    let mut text: String = text.chars().take(width).collect();
    while text.len() < width {
        text.push(' ');
    }
    Cow::Owned(text)
}

/// The marks and punctuation the player and its catalogs use, by shape.
fn mark(c: char) -> Option<char> {
    Some(match c {
        '\u{a0}' | '\u{202f}' => ' ',
        '▶' | '▸' | '→' | '›' | '»' => '>',
        '◀' | '←' | '‹' | '«' => '<',
        '↑' => '^',
        '↓' => 'v',
        '⇕' | '│' | '┃' | '║' | '▏' | '▕' => '|',
        '─' | '━' | '–' | '—' | '·' | '‐' => '-',
        '═' => '=',
        '┼' | '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '╔' | '╗' | '╚' | '╝' => {
            '+'
        }
        '✓' | '✔' => '+',
        '✗' | '✘' | '×' => 'x',
        '◐' | '◑' => '~',
        '●' | '•' | '▪' | '■' | '❤' => '*',
        '○' | '◦' | '□' => 'o',
        '█' | '▓' => '#',
        '░' | '▒' => '.',
        '…' => '.',
        '↻' => '@',
        '’' | '‘' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '¿' => '?',
        '¡' => '!',
        '，' => ',',
        '。' => '.',
        'œ' => 'o',
        'Œ' => 'O',
        'æ' => 'a',
        'Æ' => 'A',
        'ß' => 's',
        _ => return None,
    })
}

/// A backend that writes ASCII only when the terminal has nothing else: every cell's
/// symbol goes through [`ascii`] on its way out. Screens are drawn as always; only the
/// bytes change.
pub struct CapsBackend<B> {
    inner: B,
    ascii: bool,
}

impl<B: Backend> CapsBackend<B> {
    pub fn new(inner: B, caps: Caps) -> Self {
        CapsBackend {
            inner,
            ascii: !caps.unicode,
        }
    }
}

impl<B: Backend> Backend for CapsBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if !self.ascii {
            return self.inner.draw(content);
        }
        let cells: Vec<(u16, u16, Cell)> = content
            .map(|(x, y, cell)| {
                let mut cell = cell.clone();
                if let Cow::Owned(plain) = ascii(cell.symbol()) {
                    cell.set_symbol(&plain);
                }
                (x, y, cell)
            })
            .collect();
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(vars: &[(&str, &str)]) -> Caps {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Caps::from_env(
            move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            false,
        )
    }

    #[test]
    fn the_terminal_and_the_locale_decide_what_is_drawn() {
        let full = caps(&[("TERM", "xterm-256color"), ("LANG", "fr_FR.UTF-8")]);
        assert_eq!(full, Caps::default());
        // The Linux console: colours, but ASCII and no alternate screen.
        let console = caps(&[("TERM", "linux"), ("LANG", "fr_FR.UTF-8")]);
        assert!(console.colour && !console.unicode && !console.alternate_screen);
        for term in ["vt100", "vt220", "dumb"] {
            let c = caps(&[("TERM", term)]);
            assert!(!c.unicode && !c.alternate_screen, "{term}");
        }
        assert!(!caps(&[("TERM", "dumb")]).colour);
        assert!(!caps(&[("TERM", "xterm-mono")]).colour);
        // The C locale said out loud is ASCII; LC_ALL outranks LANG.
        let c = caps(&[("TERM", "xterm"), ("LC_ALL", "C"), ("LANG", "en_US.UTF-8")]);
        assert!(!c.unicode && c.colour && c.alternate_screen);
        assert!(caps(&[("TERM", "xterm"), ("LC_CTYPE", "en_US.utf8")]).unicode);
        // NO_COLOR takes colour away and nothing else.
        let c = caps(&[("TERM", "xterm-256color"), ("NO_COLOR", "1")]);
        assert!(!c.colour && c.unicode && c.alternate_screen);
        assert!(caps(&[("TERM", "xterm-256color"), ("NO_COLOR", "")]).colour);
        // `--ascii` for a terminal that claims more than it has.
        let forced = Caps::from_env(|n| (n == "TERM").then(|| "xterm".to_string()), true);
        assert!(!forced.unicode && forced.colour);
    }

    #[test]
    fn every_mark_has_an_ascii_stand_in_as_wide_as_itself() {
        for (mark, plain) in [
            ("▶", ">"),
            ("✓", "+"),
            ("✗", "x"),
            ("◐", "~"),
            ("○", "o"),
            ("●", "*"),
            ("─", "-"),
            ("█", "#"),
            ("é", "e"),
            ("Ñ", "N"),
            ("’", "'"),
            ("«", "<"),
            ("\u{a0}", " "),
            ("字", "? "),
            ("ा", "?"),
            ("a", "a"),
        ] {
            let got = ascii(mark);
            assert_eq!(got, plain, "{mark}");
            assert!(got.is_ascii());
            assert_eq!(got.width(), mark.width().max(1), "{mark}");
        }
    }
}
