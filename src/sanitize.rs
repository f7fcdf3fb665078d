//! Makes untrusted text (from bundles, from a learner's keyboard) safe to put on a terminal.
//!
//! A bundle arrives on a USB drive that went through many hands. An escape sequence in a
//! lesson could clear the screen, retitle the window or write to the clipboard (OSC 52);
//! a bidi override could make text read differently from what it says. All of it is
//! removed before the text enters the course model, so no screen ever sees it.

use std::borrow::Cow;
use std::io::{self, Write};

/// Returns `text` without terminal escape sequences, control characters (other than
/// newline and tab) or bidirectional overrides and isolates.
pub fn clean(text: &str) -> String {
    // Almost all text is clean: one pass over the bytes avoids rebuilding it char by char.
    if !needs_cleaning(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // A lone CSI in its 8-bit form starts a sequence too.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' => skip_string(&mut chars),
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if c.is_control() => {}
            c if is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Like [`clean`], for one-line text (names, titles): newlines and tabs become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

/// Whether any byte could start something [`clean`] removes: a C0 control other than newline
/// and tab, DEL, a C1 control (UTF-8 `C2 80`–`C2 9F`) or a bidi control (`E2 80 AA`–`AE`,
/// `E2 81 A6`–`A9`).
fn needs_cleaning(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'\n' | b'\t' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// For text a command echoes (diagnostics, names, titles): every control character and bidi
/// control becomes a visible `\u{1b}` escape, so a trainer sees what is hostile about a line
/// and her terminal never acts on it. Newlines are kept when `keep_newlines` (a command's own
/// multi-line output); tabs are kept always.
pub fn visible(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let dangerous = |c: char| {
        (c.is_control() && c != '\t' && !(keep_newlines && c == '\n')) || is_bidi_control(c)
    };
    if !text.chars().any(dangerous) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if dangerous(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `visible` for one line of output (a name, a title, a path).
pub fn visible_line(text: &str) -> Cow<'_, str> {
    visible(text, false)
}

/// A writer that lets no terminal control through: the safety net under every command's
/// standard output and error. Bytes that would start an escape sequence or reorder text
/// (C0 controls other than newline and tab, DEL, C1 controls, bidi controls) are written as
/// visible `\u{..}` escapes. Commands also escape what they echo themselves, so that JSON and
/// TOML output stays valid; this catches whatever a future message forgets.
pub struct SafeWriter<W: Write> {
    inner: W,
    /// The start of a multi-byte character cut by the end of the last write.
    carry: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            carry: Vec::new(),
        }
    }

    fn filter(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(bytes);
        let mut out = Vec::with_capacity(data.len());
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            let escape = |out: &mut Vec<u8>, c: char| {
                out.extend_from_slice(c.escape_unicode().to_string().as_bytes());
            };
            match b {
                b'\n' | b'\t' => out.push(b),
                0..=0x1f | 0x7f => escape(&mut out, char::from(b)),
                0xc2 | 0xe2 => {
                    let need = if b == 0xc2 { 2 } else { 3 };
                    if i + need > data.len() {
                        self.carry = data[i..].to_vec();
                        return out;
                    }
                    let seq = &data[i..i + need];
                    match std::str::from_utf8(seq).ok().and_then(|s| s.chars().next()) {
                        Some(c) if c.is_control() || is_bidi_control(c) => escape(&mut out, c),
                        _ => out.extend_from_slice(seq),
                    }
                    i += need;
                    continue;
                }
                _ => out.push(b),
            }
            i += 1;
        }
        out
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let filtered = self.filter(buf);
        self.inner.write_all(&filtered)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.carry.is_empty() {
            let rest = std::mem::take(&mut self.carry);
            let shown = String::from_utf8_lossy(&rest).into_owned();
            self.inner.write_all(visible_line(&shown).as_bytes())?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Standard output through a [`SafeWriter`].
pub fn stdout() -> SafeWriter<io::StdoutLock<'static>> {
    SafeWriter::new(io::stdout().lock())
}

/// Standard error through a [`SafeWriter`].
pub fn stderr() -> SafeWriter<io::StderrLock<'static>> {
    SafeWriter::new(io::stderr().lock())
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character sequences (ESC c, ESC 7, ...) and character-set choices (ESC ( B).
        Some('(' | ')' | '*' | '+' | '#' | '%') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in `@`..=`~`.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS and friends run until BEL or the string terminator `ESC \`.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipboard_write_and_screen_clear_are_removed() {
        let text = "Before\u{1b}]52;c;aGVsbG8=\u{7} middle \u{1b}[2J after";
        assert_eq!(clean(text), "Before middle  after");
    }

    #[test]
    fn osc_terminated_by_string_terminator_is_removed() {
        assert_eq!(clean("a\u{1b}]0;evil title\u{1b}\\b"), "ab");
    }

    #[test]
    fn colour_codes_and_c1_controls_are_removed() {
        assert_eq!(clean("\u{1b}[31;1mred\u{1b}[0m\u{9b}2Jx\u{85}"), "redx");
    }

    #[test]
    fn bidi_overrides_are_removed_but_arabic_text_stays() {
        assert_eq!(
            clean("abc\u{202e}fed\u{202c} \u{2067}مرحبا\u{2069}"),
            "abcfed مرحبا"
        );
    }

    #[test]
    fn clean_text_passes_through_and_every_kind_of_control_is_noticed() {
        assert!(!needs_cleaning("Plain text, é, 性别, مرحبا\n\tindented"));
        for bad in [
            "\u{1b}", "\r", "\u{7f}", "\u{85}", "\u{9b}", "\u{202e}", "\u{2066}",
        ] {
            assert!(needs_cleaning(&format!("a{bad}b")), "{bad:?}");
        }
    }

    #[test]
    fn newlines_and_tabs_survive_but_carriage_returns_do_not() {
        assert_eq!(clean("one\r\ntwo\tthree\u{7}"), "one\ntwo\tthree");
        assert_eq!(clean_line("one\ntwo\tthree"), "one two three");
    }

    #[test]
    fn visible_shows_every_control_as_an_escape_and_keeps_the_rest() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{202e}c\u{9b}2Jd\té\n";
        assert_eq!(
            visible(hostile, false),
            "a\\u{1b}]52;c;aGk=\\u{7}b\\u{202e}c\\u{9b}2Jd\té\\u{a}"
        );
        assert_eq!(visible("one\ntwo", true), "one\ntwo");
        assert!(matches!(visible("plain é 性别", false), Cow::Borrowed(_)));
    }

    #[test]
    fn the_safe_writer_escapes_controls_even_when_a_write_cuts_a_character() {
        let mut out = SafeWriter::new(Vec::new());
        let text = "ok\u{1b}[2J é \u{202e}x\u{85}\n".as_bytes();
        // Byte by byte: every multi-byte character is cut somewhere.
        for b in text {
            out.write_all(std::slice::from_ref(b)).unwrap();
        }
        out.flush().unwrap();
        let got = String::from_utf8(std::mem::take(&mut out.inner)).unwrap();
        assert_eq!(got, "ok\\u{1b}[2J é \\u{202e}x\\u{85}\n");
    }

    #[test]
    fn unterminated_sequences_do_not_swallow_panic_or_loop() {
        assert_eq!(clean("text\u{1b}["), "text");
        assert_eq!(clean("text\u{1b}]52;c;"), "text");
        assert_eq!(clean("\u{1b}"), "");
    }
}
