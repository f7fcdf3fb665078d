//! Small drawing helpers shared by the screens.

pub use crate::width::{cells, truncate};
use unicode_width::UnicodeWidthChar;

/// A bar of `width` cells, filled for `fraction` (0.0–1.0).
pub fn progress_bar(fraction: f64, width: usize) -> String {
    let filled = ((fraction.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Text for one line: a choice or feedback written over several lines in the quiz file
/// (Markdown soft breaks) joins with spaces, rather than running its words together.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A pause left, as people read it: `45 s`, `2 min`, `1 min 30 s`, `1 h 5 min`. The unit
/// symbols are international (SI), the same in every language the player speaks.
pub fn pause_words(_lang: crate::i18n::Lang, seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// Whole seconds from `now` until `until`, rounded up ("0 s" while still paused would read
/// as over); `None` once it has passed.
pub fn seconds_until(until: std::time::Instant, now: std::time::Instant) -> Option<u64> {
    let left = until.saturating_duration_since(now);
    (!left.is_zero()).then(|| left.as_secs() + u64::from(left.subsec_nanos() > 0))
}

/// `text` broken into lines of at most `width` cells, at spaces where it can be; a word
/// longer than a line is cut. Newlines in `text` start new lines. A no-break space (French
/// writes one before `:` and inside « ») holds its neighbours together.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let breaks = |c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}';
    let text = crate::width::tie_punctuation(text);
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(breaks).filter(|w| !w.is_empty()) {
            let needed = cells(&line) + usize::from(!line.is_empty()) + cells(word);
            if needed <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            // A word wider than the line: cut it where it must be.
            let mut rest = word;
            while cells(rest) > width {
                let mut taken = 0;
                let cut = rest
                    .char_indices()
                    .find(|(_, c)| {
                        taken += c.width().unwrap_or(0);
                        taken > width
                    })
                    .map_or(rest.len(), |(i, _)| i);
                out.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
            line.push_str(rest);
        }
        out.push(line);
    }
    out
}

/// `text` wrapped to `width`, each line in `style`: a sentence laid out ahead of drawing, so
/// its height is known.
pub fn para(
    text: &str,
    width: usize,
    style: ratatui::style::Style,
) -> Vec<ratatui::text::Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|l| ratatui::text::Line::from(ratatui::text::Span::styled(l, style)))
        .collect()
}

/// `text` wrapped to `width` with `first` before its first line and as many spaces before
/// the others, so a long item of a list lines up under its own text.
pub fn hang(first: &str, text: &str, width: usize) -> Vec<String> {
    let indent = " ".repeat(cells(first));
    wrap(text, width.saturating_sub(cells(first)).max(8))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{first}{l}")
            } else {
                format!("{indent}{l}")
            }
        })
        .collect()
}

/// Rows `lines` take once wrapped at `width`.
pub fn wrapped_height(lines: &[ratatui::text::Line], width: u16) -> usize {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| wrap(&line_text(l), width).len().max(1))
        .sum()
}

fn line_text(line: &ratatui::text::Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_read_in_plain_units() {
        let w = |s| pause_words(crate::i18n::Lang::En, s);
        assert_eq!(w(30), "30 s");
        assert_eq!(w(60), "1 min");
        assert_eq!(w(90), "1 min 30 s");
        assert_eq!(w(3600), "1 h");
        assert_eq!(w(3900), "1 h 5 min");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_the_hanging_indent() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(
            hang("  1. ", "one two three four five", 14),
            ["  1. one two", "     three", "     four five"]
        );
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
    }

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(progress_bar(0.0, 4), "░░░░");
        assert_eq!(progress_bar(0.5, 4), "██░░");
        assert_eq!(progress_bar(1.0, 4), "████");
        assert_eq!(progress_bar(2.0, 4), "████");
    }

    #[test]
    fn text_written_over_several_lines_reads_as_one() {
        assert_eq!(
            flat("differs between places and can\nchange over   time"),
            "differs between places and can change over time"
        );
    }

    #[test]
    fn truncation_counts_wide_characters() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
        // Each CJK character takes two cells.
        assert_eq!(truncate("性别平等概念", 7), "性别平…");
    }
}
