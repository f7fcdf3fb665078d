//! How wide text is on a terminal, in cells, and cutting it to a width: for the screens and
//! for the reports a trainer prints, where names in any script must keep columns in line.

use unicode_width::UnicodeWidthChar;

/// Cells `text` takes on a terminal.
pub fn cells(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` with the spaces French typography puts inside « » and before `? ! : ;` made
/// no-break, so wrapping never leaves a lone `?` at the start of a line. Other languages
/// write no space there, so they are unchanged.
pub fn tie_punctuation(text: &str) -> std::borrow::Cow<'_, str> {
    let before_mark = text
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, [b' ', b'?' | b'!' | b':' | b';']));
    if !before_mark && !text.contains(" »") && !text.contains("« ") {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let tied = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let next = chars.get(i + 1).copied();
            let before = i.checked_sub(1).map(|j| chars[j]);
            let tie = c == ' '
                && (matches!(next, Some('?' | '!' | ':' | ';' | '»')) || before == Some('«'));
            if tie { '\u{a0}' } else { c }
        })
        .collect();
    std::borrow::Cow::Owned(tied)
}

/// Cuts `text` to at most `width` terminal cells, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_punctuation_stays_with_its_word() {
        assert_eq!(tie_punctuation("le genre ?"), "le genre\u{a0}?");
        assert_eq!(
            tie_punctuation("« Beijing » : oui ; non !"),
            "«\u{a0}Beijing\u{a0}»\u{a0}: oui\u{a0}; non\u{a0}!"
        );
        assert_eq!(tie_punctuation("What is it? A: b"), "What is it? A: b");
    }

    #[test]
    fn width_is_what_the_terminal_takes_not_the_characters() {
        // "Nadège" with its accent as a combining mark, and a name in a wide script.
        assert_eq!(cells("Nade\u{300}ge"), 6);
        assert_eq!(cells("王芳"), 4);
        assert_eq!(truncate("Nade\u{300}ge Uwase", 8), "Nade\u{300}ge …");
        // A wide character that would overhang the last cell is left out whole.
        assert_eq!(truncate("王芳王芳", 6), "王芳…");
        assert_eq!(cells(&truncate("王芳王芳", 6)), 5);
    }
}
