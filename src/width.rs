//! How wide text is on a terminal, in cells, and cutting it to a width: for the screens and
//! for the reports a trainer prints, where names in any script must keep columns in line.

use unicode_width::UnicodeWidthChar;

/// Cells `text` takes on a terminal.
pub fn cells(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
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
