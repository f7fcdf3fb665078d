//! The layout of a GIFT file: questions split at blank lines, comment and category lines
//! dropped, escapes resolved, and each question cut into its title, text and answer list.
//!
//! Every character keeps its byte offset in the file, so any later problem can be reported
//! at its `file:line:col`, and whether it was escaped, so `\{` is text and never syntax.

use std::ops::Range;

/// One character of a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Sym {
    pub c: char,
    /// Written with a backslash (`\=`): always text, never syntax.
    pub lit: bool,
    /// Byte offset in the file.
    pub at: usize,
}

pub(super) type Syms = [Sym];

/// The lines of one question, joined with newlines, and the Moodle `[id:…]` tag of its
/// comment lines, if any.
#[derive(Debug, Default)]
pub(super) struct Block {
    pub syms: Vec<Sym>,
    pub id_tag: Option<String>,
    /// The line its first character is on, 1-based.
    pub line: usize,
}

/// Splits a GIFT file into questions. Like Moodle, lines are trimmed, a blank line ends a
/// question, and `//` lines are comments. `$CATEGORY:` lines name a Moodle category, which
/// means nothing here; they are dropped wherever they are, so a question written right
/// under one is not lost. One question at a time, so a large file is never held twice.
pub(super) fn blocks(text: &str) -> impl Iterator<Item = Block> + '_ {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..].split_inclusive('\n');
    let mut offset = start;
    let mut prev_end = start;
    // Counted on the way, as finding each question's line from the start of a large file
    // again and again would cost more than reading it.
    let mut line = 0;
    std::iter::from_fn(move || {
        let mut current = Block::default();
        for raw in lines.by_ref() {
            let line_start = offset;
            offset += raw.len();
            line += 1;
            let content = raw.trim_end_matches(['\n', '\r']);
            let trimmed = content.trim();
            if trimmed.is_empty() {
                if !current.syms.is_empty() {
                    return Some(current);
                }
                // A comment's `[id:…]` belongs to the question right under it only.
                current.id_tag = None;
                continue;
            }
            if trimmed.starts_with("//") {
                if current.id_tag.is_none() {
                    current.id_tag = id_tag(trimmed);
                }
                continue;
            }
            if trimmed.starts_with("$CATEGORY:") {
                continue;
            }
            let at = line_start + (content.len() - content.trim_start().len());
            if current.syms.is_empty() {
                current.line = line;
            } else {
                current.syms.push(Sym {
                    c: '\n',
                    lit: false,
                    at: prev_end,
                });
            }
            push_unescaped(&mut current.syms, trimmed, at);
            prev_end = at + trimmed.len();
        }
        (!current.syms.is_empty()).then_some(current)
    })
}

/// GIFT's escapes: `\~ \= \# \{ \} \:` are the character itself, `\n` a new line and `\\` a
/// backslash. Any other backslash is kept, so Markdown's own escapes survive.
fn push_unescaped(out: &mut Vec<Sym>, line: &str, at: usize) {
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            let escaped = match chars.peek().map(|&(_, n)| n) {
                Some('n') => Some('\n'),
                Some(n @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\')) => Some(n),
                _ => None,
            };
            if let Some(e) = escaped {
                chars.next();
                out.push(Sym {
                    c: e,
                    lit: true,
                    at: at + i,
                });
                continue;
            }
        }
        out.push(Sym {
            c,
            lit: false,
            at: at + i,
        });
    }
}

/// Moodle writes a question's stable "ID number" in a comment as `[id:…]`, `\]` for `]`.
fn id_tag(comment: &str) -> Option<String> {
    let rest = &comment[comment.find("[id:")? + 4..];
    let mut id = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.as_str().starts_with(']') => {
                chars.next();
                id.push(']');
            }
            ']' => return Some(id.trim().to_string()).filter(|s| !s.is_empty()),
            c => id.push(c),
        }
    }
    None
}

/// The characters as a string.
pub(super) fn text(s: &Syms) -> String {
    s.iter().map(|s| s.c).collect()
}

/// Without white space at either end.
pub(super) fn trim(s: &Syms) -> &Syms {
    let start = s
        .iter()
        .position(|x| !x.c.is_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|x| !x.c.is_whitespace())
        .map_or(start, |i| i + 1);
    &s[start..end]
}

/// Without white space at the start.
pub(super) fn trim_start(s: &Syms) -> &Syms {
    &s[s.iter()
        .position(|x| !x.c.is_whitespace())
        .unwrap_or(s.len())..]
}

/// Where `pat` first occurs unescaped.
pub(super) fn find(s: &Syms, pat: &str) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    s.windows(pat.len())
        .position(|w| w.iter().zip(&pat).all(|(x, p)| !x.lit && x.c == *p))
}

/// Where `pat` last occurs unescaped.
pub(super) fn rfind(s: &Syms, pat: &str) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    s.windows(pat.len())
        .rposition(|w| w.iter().zip(&pat).all(|(x, p)| !x.lit && x.c == *p))
}

/// The bytes of the file these characters came from; `fallback` when there are none.
pub(super) fn span(s: &Syms, fallback: usize) -> Range<usize> {
    match (s.first(), s.last()) {
        (Some(a), Some(b)) => a.at..b.at + b.c.len_utf8(),
        _ => fallback..fallback,
    }
}

/// One answer of a list: the `~` or `=` it starts with (none for text before the first),
/// and what follows up to the next one.
pub(super) struct Piece<'a> {
    pub marker: Option<Sym>,
    pub body: &'a Syms,
}

/// Cuts an answer list at each unescaped marker. Text before the first marker is kept only
/// when it is not blank, as Moodle does.
pub(super) fn pieces<'a>(s: &'a Syms, markers: &[char]) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut marker = None;
    let mut start = 0;
    for (i, x) in s.iter().enumerate() {
        if !x.lit && markers.contains(&x.c) {
            if marker.is_some() || !trim(&s[start..i]).is_empty() {
                out.push(Piece {
                    marker,
                    body: &s[start..i],
                });
            }
            marker = Some(*x);
            start = i + 1;
        }
    }
    if marker.is_some() || !trim(&s[start..]).is_empty() {
        out.push(Piece {
            marker,
            body: &s[start..],
        });
    }
    out
}

/// A question cut into its parts.
pub(super) enum Shape<'a> {
    /// Text with answers in braces.
    Question {
        title: Option<&'a Syms>,
        before: &'a Syms,
        open: Sym,
        answers: &'a Syms,
        after: &'a Syms,
    },
    /// Text with no braces: a Moodle "description".
    Description { title: Option<&'a Syms> },
}

/// A mistake in the layout of a question.
#[derive(Debug)]
pub(super) struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

fn syntax(at: &Sym, message: &str, hint: &str) -> SyntaxError {
    SyntaxError {
        span: at.at..at.at + at.c.len_utf8(),
        message: message.to_string(),
        hint: hint.to_string(),
    }
}

/// Finds the title (`::title::`) and the one answer list (`{…}`) of a question.
pub(super) fn shape(block: &Syms) -> Result<Shape<'_>, SyntaxError> {
    let mut body = trim(block);
    let mut title = None;
    if find(body, "::") == Some(0) {
        let Some(end) = find(&body[2..], "::") else {
            return Err(syntax(
                &body[0],
                "this question title is never closed with `::`",
                "write the title as `::Title::` before the question; write `\\:` for a colon that is text",
            ));
        };
        title = Some(trim(&body[2..end + 2]));
        body = trim(&body[end + 4..]);
    }
    let braces = |c: char| body.iter().position(|x| !x.lit && x.c == c);
    let (open, close) = match (braces('{'), braces('}')) {
        (None, None) => return Ok(Shape::Description { title }),
        (Some(open), Some(close)) if open < close => (open, close),
        (Some(open), None) => {
            return Err(syntax(
                &body[open],
                "this `{` is never closed",
                "end the answers with `}`; a blank line inside them ends the question too. Write `\\{` for a brace that is text",
            ));
        }
        (_, Some(close)) => {
            return Err(syntax(
                &body[close],
                "this `}` closes no answer list",
                "open the answers with `{`, or write `\\}` for a brace that is text",
            ));
        }
    };
    if let Some(inner) = body[open + 1..close].iter().find(|x| !x.lit && x.c == '{') {
        return Err(syntax(
            inner,
            "this `{` opens an answer list inside another",
            "close the first answer list with `}`, or write `\\{` for a brace that is text",
        ));
    }
    if let Some(extra) = body[close + 1..]
        .iter()
        .find(|x| !x.lit && (x.c == '{' || x.c == '}'))
    {
        return Err(syntax(
            extra,
            "a question has one answer list, and this is a second",
            "separate questions with a blank line, or write `\\{` and `\\}` for braces that are text",
        ));
    }
    Ok(Shape::Question {
        title,
        before: &body[..open],
        open: body[open],
        answers: &body[open + 1..close],
        after: &body[close + 1..],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_split_questions_and_comments_and_categories_vanish() {
        let text = "\u{feff}$CATEGORY: top/x\n// [id:Q-1] a comment\n  Q1 {T}  \r\n\n\n// alone\n\nQ2\nmore {F}\n";
        let b: Vec<Block> = blocks(text).collect();
        assert_eq!(b.len(), 2);
        assert_eq!(text_of(&b[0]), "Q1 {T}");
        assert_eq!(b[0].id_tag.as_deref(), Some("Q-1"));
        assert_eq!(text_of(&b[1]), "Q2\nmore {F}");
        assert_eq!(b[1].id_tag, None);
        assert_eq!((b[0].line, b[1].line), (3, 8));
        // Offsets point into the file.
        assert_eq!(&text[b[0].syms[0].at..b[0].syms[0].at + 2], "Q1");
    }

    fn text_of(b: &Block) -> String {
        text(&b.syms)
    }

    #[test]
    fn escapes_become_literal_text() {
        let b: Vec<Block> = blocks("a\\{b\\}c\\~\\=\\#\\:\\n\\\\x\\*").collect();
        let s = &b[0].syms;
        assert_eq!(text(s), "a{b}c~=#:\n\\x\\*");
        assert!(s[1].lit && !s[0].lit);
        assert_eq!(find(s, "{"), None);
    }

    #[test]
    fn shapes_find_title_answers_and_errors() {
        let b: Vec<Block> = blocks("::T\\:1:: Say {=a ~b} now").collect();
        let Ok(Shape::Question {
            title,
            before,
            answers,
            after,
            ..
        }) = shape(&b[0].syms)
        else {
            panic!("not a question");
        };
        assert_eq!(text(title.unwrap()), "T:1");
        assert_eq!(text(before), "Say ");
        assert_eq!(text(answers), "=a ~b");
        assert_eq!(text(after), " now");
        for (src, msg) in [
            ("Q {=a", "never closed"),
            ("Q =a}", "closes no answer"),
            ("Q {=a {~b}", "inside another"),
            ("Q {=a} and {=b}", "a second"),
            ("::T Q {=a}", "never closed with `::`"),
        ] {
            let b: Vec<Block> = blocks(src).collect();
            let err = shape(&b[0].syms).err().unwrap();
            assert!(err.message.contains(msg), "{src}: {}", err.message);
        }
        assert!(matches!(
            shape(&blocks("Just text").next().unwrap().syms),
            Ok(Shape::Description { .. })
        ));
    }

    #[test]
    fn pieces_split_at_unescaped_markers() {
        let b: Vec<Block> = blocks("=a ~b\\~c ~%50%d").collect();
        let p = pieces(&b[0].syms, &['~', '=']);
        let t: Vec<String> = p.iter().map(|p| text(trim(p.body))).collect();
        assert_eq!(t, ["a", "b~c", "%50%d"]);
        let b: Vec<Block> = blocks("x =y").collect();
        let p = pieces(&b[0].syms, &['=']);
        assert!(p[0].marker.is_none() && p.len() == 2);
    }
}
