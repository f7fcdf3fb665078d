//! Makes untrusted text (from bundles, from a learner's keyboard) safe to put on a terminal.
//!
//! A bundle arrives on a USB drive that went through many hands. An escape sequence in a
//! lesson could clear the screen, retitle the window or write to the clipboard (OSC 52);
//! a bidi override could make text read differently from what it says. All of it is
//! removed before the text enters the course model, so no screen ever sees it.

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
    fn unterminated_sequences_do_not_swallow_panic_or_loop() {
        assert_eq!(clean("text\u{1b}["), "text");
        assert_eq!(clean("text\u{1b}]52;c;"), "text");
        assert_eq!(clean("\u{1b}"), "");
    }
}
