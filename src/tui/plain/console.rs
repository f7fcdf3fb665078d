//! Where plain mode writes and reads: lines out, lines in. Everything written is made safe
//! (no control sequence from a course reaches the terminal) and, on a terminal without
//! Unicode, ASCII.

use std::io::{BufRead, IsTerminal, Write};

/// A line-by-line terminal, or any reader and writer (tests).
pub struct Console<R, W> {
    input: R,
    out: W,
    /// Characters beyond ASCII are written as they are; otherwise as their nearest ASCII.
    unicode: bool,
    /// Input and output are a terminal: a PIN is read without echo, and a quick exit can
    /// wipe what was written.
    terminal: bool,
    size: (u16, u16),
}

impl Console<std::io::StdinLock<'static>, std::io::Stdout> {
    pub fn stdio(unicode: bool) -> Self {
        let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
        let size = ratatui::crossterm::terminal::size()
            .ok()
            .filter(|&(w, h)| w > 0 && h > 0)
            .unwrap_or((80, 24));
        Console {
            input: std::io::stdin().lock(),
            out: std::io::stdout(),
            unicode,
            terminal,
            size,
        }
    }
}

impl<R: BufRead, W: Write> Console<R, W> {
    /// A console on `input` and `out`, as a terminal of `size` cells would be.
    pub fn new(input: R, out: W, unicode: bool, size: (u16, u16)) -> Self {
        Console {
            input,
            out,
            unicode,
            terminal: false,
            size,
        }
    }

    /// The terminal's size: the width lessons are laid out at, the rows a page of one holds.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Writes `text`, each of its lines made safe to print.
    pub fn say(&mut self, text: &str) -> std::io::Result<()> {
        for line in text.lines() {
            let line = self.printable(line);
            writeln!(self.out, "{}", line.trim_end())?;
        }
        if text.is_empty() {
            writeln!(self.out)?;
        }
        self.out.flush()
    }

    /// An empty line: where one screen ends and the next begins.
    pub fn blank(&mut self) -> std::io::Result<()> {
        writeln!(self.out)?;
        self.out.flush()
    }

    /// Writes `prompt` and reads the line typed; `None` when the input has ended.
    pub fn ask(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        let prompt = self.printable(prompt);
        write!(self.out, "{prompt} ")?;
        self.out.flush()?;
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            // The line the prompt began is ended, so whatever prints next starts clean.
            writeln!(self.out)?;
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&bytes);
        Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()))
    }

    /// As [`Console::ask`], without showing what is typed when the input is a terminal.
    pub fn ask_secret(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        if !self.terminal {
            return self.ask(prompt);
        }
        let prompt = self.printable(prompt);
        write!(self.out, "{prompt} ")?;
        self.out.flush()?;
        match rpassword::read_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Clears the terminal and its scrollback, where there is a terminal to clear.
    pub fn wipe(&mut self) -> std::io::Result<()> {
        if self.terminal {
            write!(self.out, "\x1b[H\x1b[2J\x1b[3J")?;
        }
        writeln!(self.out)?;
        self.out.flush()
    }

    /// `text` without control characters, and in ASCII where the terminal has nothing else.
    fn printable(&self, text: &str) -> String {
        let visible = crate::sanitize::visible_line(text);
        if self.unicode || visible.is_ascii() {
            return visible.into_owned();
        }
        let mut out = String::with_capacity(visible.len());
        let mut buf = [0u8; 4];
        for c in visible.chars() {
            if c.is_ascii() {
                out.push(c);
                continue;
            }
            // One character's ASCII, without the padding to the width a wide one had.
            let ascii = super::super::caps::ascii(c.encode_utf8(&mut buf));
            match ascii.trim_end() {
                "" => out.push(' '),
                shape => out.push_str(shape),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn console(input: &str, unicode: bool) -> Console<&[u8], Vec<u8>> {
        Console::new(input.as_bytes(), Vec::new(), unicode, (80, 24))
    }

    #[test]
    fn a_course_cannot_reach_the_terminal_with_an_escape_sequence() {
        let mut c = console("", true);
        c.say("Title\x1b]0;owned\x07 and \x1b[2J text").unwrap();
        let out = String::from_utf8(c.out).unwrap();
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        assert!(out.contains("Title") && out.contains("text"), "{out:?}");
    }

    #[test]
    fn without_unicode_every_byte_is_ascii_and_accents_fall_back_to_letters() {
        let mut c = console("", false);
        c.say("Égalité — “CEDAW” ✓ Right,\u{a0}1979").unwrap();
        let out = String::from_utf8(c.out).unwrap();
        assert!(out.is_ascii(), "{out:?}");
        assert!(out.contains("Egalite - \"CEDAW\" + Right, 1979"), "{out:?}");
    }

    #[test]
    fn a_line_is_read_without_its_ending_and_the_end_of_input_is_none() {
        let mut c = console("3\r\nsecond\n", true);
        assert_eq!(c.ask("Choose:").unwrap().as_deref(), Some("3"));
        assert_eq!(c.ask_secret("PIN:").unwrap().as_deref(), Some("second"));
        assert_eq!(c.ask("Again:").unwrap(), None);
    }
}
