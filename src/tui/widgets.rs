//! Small drawing helpers shared by the screens.

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
