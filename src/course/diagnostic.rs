//! Problems found in a bundle, located like a compiler's: `file:line:col`, a message, a hint.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path inside the bundle, with `/` separators (`quizzes/basics.toml`).
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The source line the problem is on, for showing it with a caret.
    pub excerpt: Option<Excerpt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The whole line, without its newline.
    pub text: String,
    /// How many characters from the column to underline (at least 1).
    pub width: usize,
}

impl Diagnostic {
    /// A problem with a whole file, or with no position.
    pub fn about_file(file: &str, message: impl Into<String>, hint: Option<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: 0,
            col: 0,
            message: message.into(),
            hint,
            excerpt: None,
        }
    }

    /// The form `hatua validate` prints: the headline, the line of source with a caret under
    /// the problem, and the hint — like a compiler. Text from the file (the line, names and
    /// values quoted in the message) is shown with its control characters escaped, so a
    /// hostile lesson cannot drive the terminal of the trainer who checks it.
    pub fn render(&self) -> String {
        use crate::sanitize::visible_line as v;
        use unicode_width::UnicodeWidthStr;
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = match self.line {
            0 => format!("{}: {level}: {}", v(&self.file), v(&self.message)),
            _ => format!(
                "{}:{}:{}: {level}: {}",
                v(&self.file),
                self.line,
                self.col,
                v(&self.message)
            ),
        };
        if let Some(ex) = &self.excerpt {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            // Tabs would shift the caret; the excerpt shows them as one space each.
            let line = ex.text.replace('\t', " ");
            let before: String = line.chars().take(self.col.saturating_sub(1)).collect();
            let under: String = line
                .chars()
                .skip(before.chars().count())
                .take(ex.width)
                .collect();
            // The caret goes under what the terminal shows, escapes and wide letters counted.
            let pad = " ".repeat(v(&before).width());
            let carets = "^".repeat(v(&under).width().max(1));
            out.push_str(&format!(
                "\n {gutter} |\n {number} | {}\n {gutter} | {pad}{carets}",
                v(&line)
            ));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  hint: {}", v(hint)));
        }
        out
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: message`, the one-line form the library shows for a broken course.
    pub fn headline(&self) -> String {
        use crate::sanitize::visible_line as v;
        if self.line == 0 {
            format!("{}: {}", v(&self.file), v(&self.message))
        } else {
            format!(
                "{}:{}:{}: {}",
                v(&self.file),
                self.line,
                self.col,
                v(&self.message)
            )
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let at = crate::sanitize::visible_line(&self.file);
        let message = crate::sanitize::visible_line(&self.message);
        if self.line == 0 {
            write!(f, "{at}: {level}: {message}")?;
        } else {
            write!(f, "{at}:{}:{}: {level}: {message}", self.line, self.col)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", crate::sanitize::visible_line(hint))?;
        }
        Ok(())
    }
}

/// Collects the problems of one bundle, so that `validate` can print them all at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    /// An error at a byte range of `source` (the text of `file`).
    pub fn error_at(
        &mut self,
        file: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        self.push_at(Severity::Error, file, source, span, message, hint);
    }

    pub fn warning_at(
        &mut self,
        file: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        self.push_at(Severity::Warning, file, source, span, message, hint);
    }

    /// An error about a whole file (missing, unreadable, not UTF-8).
    pub fn file_error(
        &mut self,
        file: &str,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        self.items
            .push(Diagnostic::about_file(file, message, hint.into()));
    }

    /// A warning about a whole file.
    pub fn push_warning(&mut self, file: &str, message: impl Into<String>, hint: Option<String>) {
        let mut w = Diagnostic::about_file(file, message, hint);
        w.severity = Severity::Warning;
        self.items.push(w);
    }

    fn push_at(
        &mut self,
        severity: Severity,
        file: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        let (line, col) = line_col(source, span.start);
        self.items.push(Diagnostic {
            severity,
            file: file.to_string(),
            line,
            col,
            message: message.into(),
            hint: hint.into(),
            excerpt: excerpt(source, span),
        });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, so output reads top to bottom.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
        self.items
    }

    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.items.iter().find(|d| d.is_error())
    }
}

/// The line holding `span.start`, and how much of the span lies on it.
fn excerpt(source: &str, span: Range<usize>) -> Option<Excerpt> {
    if source.is_empty() || span.start > source.len() || !source.is_char_boundary(span.start) {
        return None;
    }
    let start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = source[span.start..]
        .find('\n')
        .map_or(source.len(), |i| span.start + i);
    let text = source[start..end].trim_end_matches('\r').to_string();
    let span_end = span.end.clamp(span.start, end);
    let width = source
        .get(span.start..span_end)
        .map_or(1, |s| s.chars().count())
        .clamp(1, 60);
    Some(Excerpt { text, width })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| source.is_char_boundary(i))
        .unwrap_or(0);
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let src = "a = 1\nné = 2\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        // "né " is 4 bytes; the `=` is the 4th character.
        assert_eq!(line_col(src, 10), (2, 4));
    }

    #[test]
    fn render_shows_the_line_with_a_caret_under_the_problem() {
        let mut d = Diagnostics::new();
        let src = "title = \"A\"\npass_mark = \"fifty\"\n";
        d.error_at(
            "q.toml",
            src,
            24..31,
            "`pass_mark` should be a whole number",
            Some("write digits".into()),
        );
        let text = d.into_sorted()[0].render();
        assert_eq!(
            text,
            "q.toml:2:13: error: `pass_mark` should be a whole number\n   |\n 2 | pass_mark = \"fifty\"\n   |             ^^^^^^^\n  hint: write digits"
        );
    }

    #[test]
    fn display_reads_like_a_compiler() {
        let mut d = Diagnostics::new();
        d.error_at(
            "course.toml",
            "id = 1\n",
            5..6,
            "`id` should be text",
            Some("write it in quotes".to_string()),
        );
        let all = d.into_sorted();
        assert_eq!(
            all[0].to_string(),
            "course.toml:1:6: error: `id` should be text\n  hint: write it in quotes"
        );
    }
}
