//! GIFT text in Hatua's terms: Moodle's text formats turned into the Markdown Hatua shows or
//! the plain text it compares, and question titles turned into ids.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The text formats a GIFT question may name in brackets before its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// `[moodle]`, and the default: plain text in which HTML tags are allowed and line
    /// breaks count.
    Moodle,
    Html,
    Plain,
    Markdown,
}

/// How a text is used: shown as Markdown (prompts, choices, feedback) or as it is (typed
/// answers, which are compared, and matching items, shown in a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Markdown,
    Plain,
}

/// A leading `[html]`, `[plain]`, `[markdown]` or `[moodle]`, and the text after it. Any other
/// bracket is text, as in Moodle.
pub(super) fn split_format(text: &str) -> (Option<Format>, &str) {
    let Some(rest) = text.strip_prefix('[') else {
        return (None, text);
    };
    let Some((name, after)) = rest.split_once(']') else {
        return (None, text);
    };
    let format = match name.to_ascii_lowercase().as_str() {
        "moodle" => Format::Moodle,
        "html" => Format::Html,
        "plain" => Format::Plain,
        "markdown" => Format::Markdown,
        _ => return (None, text),
    };
    (Some(format), after)
}

/// The text in `format` as `target` needs it.
pub(super) fn convert(text: &str, format: Format, target: Target) -> String {
    let plain = match format {
        Format::Markdown | Format::Plain => text.to_string(),
        Format::Html => html_to_text(text, false),
        Format::Moodle => html_to_text(text, true),
    };
    match (format, target) {
        (Format::Markdown, _) | (_, Target::Plain) => plain,
        _ => escape_markdown(&plain),
    }
}

/// HTML reduced to the text a reader sees: tags removed (block tags become line breaks),
/// the common entities decoded. With `keep_newlines` (Moodle's own format) a line break in
/// the source is one on screen; in HTML it is a space.
pub(super) fn html_to_text(html: &str, keep_newlines: bool) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        push_source(&mut out, &rest[..i], keep_newlines);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
        } else if let Some((name, closing, len)) = tag(rest) {
            rest = &rest[len..];
            if !closing && (name == "script" || name == "style") {
                let end = format!("</{name}");
                rest = rest
                    .to_ascii_lowercase()
                    .find(&end)
                    .map_or("", |e| &rest[e..]);
            }
            out.push_str(match name.as_str() {
                "br" => "\n",
                "li" if !closing => "\n- ",
                "li" => "",
                "tr" | "dt" | "dd" => "\n",
                "td" | "th" => " ",
                "p" | "div" | "ul" | "ol" | "table" | "blockquote" | "pre" | "hr" | "section"
                | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "\n\n",
                _ => "",
            });
        } else if let Some((decoded, len)) = entity(rest) {
            out.push(decoded);
            rest = &rest[len..];
        } else {
            out.push_str(&rest[..1]);
            rest = &rest[1..];
        }
    }
    push_source(&mut out, rest, keep_newlines);
    tidy(&out)
}

fn push_source(out: &mut String, text: &str, keep_newlines: bool) {
    if keep_newlines {
        out.push_str(text);
    } else {
        out.extend(text.chars().map(|c| if c == '\n' { ' ' } else { c }));
    }
}

/// Spaces collapsed within lines, at most one blank line in a row, none at either end.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.split('\n') {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// A tag at the start of `s`: its lowercase name, whether it closes, and its length.
fn tag(s: &str) -> Option<(String, bool, usize)> {
    let inner = s.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(after) => (true, after),
        None => (false, inner),
    };
    let first = inner.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '!' || first == '?') {
        return None;
    }
    let end = s.find('>')?;
    let name: String = inner
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    Some((name, closing, end + 1))
}

/// An entity at the start of `s`: the character, and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        // Typed answers are compared with spaces collapsed: a hard space must count as one.
        "nbsp" => ' ',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            // A control character has no business in a question; the entity stays text.
            char::from_u32(code).filter(|c| !c.is_control())?
        }
    };
    Some((c, end + 1))
}

/// Plain text as Markdown that shows exactly that text: the characters Markdown would read
/// as formatting are escaped, and each line break stays a line break.
pub(super) fn escape_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            // A backslash at the end of a line is Markdown's hard line break.
            out.push_str(if blank { "\n\n" } else { "\\\n" });
        }
        escape_line(line, &mut out);
        blank = false;
    }
    out
}

fn escape_line(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' => true,
            // Headings, lists, quotes and setext underlines start a line.
            '#' | '-' | '+' | '=' | '>' => i == 0,
            // `1.` or `1)` at the start is an ordered list.
            '.' | ')' => digits > 0 && i == digits,
            '<' => chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => entity(&chars[i..].iter().take(12).collect::<String>()).is_some(),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// An id from a title: letters without their accents, lowercase, other characters as
/// hyphens. Empty when nothing of the title is a Latin letter or digit.
pub(super) fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            s.push(c);
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    // Room is left for a `-2` that tells apart two questions with one title.
    let s: String = s.chars().take(60).collect();
    s.trim_end_matches('-').to_string()
}

/// A title from a file stem: `gender-basics_2` reads "Gender basics 2".
pub(super) fn readable(stem: &str) -> String {
    let words = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::markdown::{Document, MdStyles};

    /// The text a reader sees when the Markdown is shown.
    fn shown(markdown: &str) -> String {
        Document::parse(markdown)
            .layout(200, &MdStyles::default())
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
            .trim_end()
            .to_string()
    }

    #[test]
    fn plain_text_shows_as_written() {
        for text in [
            "2 * 3 = 6 and a_b_c or *stars* and __under__",
            "# not a heading",
            "- not a list\n+ nor this\n1. nor this\n2) or that",
            "> not a quote",
            "`code` [link](x) <b>tag</b> ~strike~ a | b",
            "Title\n===",
            "***",
            "AT&amp;T and R&D; back\\slash",
        ] {
            assert_eq!(shown(&escape_markdown(text)), text, "{text:?}");
        }
    }

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            html_to_text(
                "<p>Equal <b>pay</b> &amp; <i>equal</i>\nwork</p><p>A&lt;B &quot;q&quot; &#39;s&#39;&nbsp;x &#x41;</p>",
                false
            ),
            "Equal pay & equal work\n\nA<B \"q\" 's' x A"
        );
        assert_eq!(
            html_to_text("one<br/>two<ul><li>a</li><li>b</li></ul>", false),
            "one\ntwo\n\n- a\n- b"
        );
        assert_eq!(
            html_to_text("<script>alert(1)</script>kept <!-- gone -->", false),
            "kept"
        );
        // Moodle's own format keeps line breaks and allows tags.
        assert_eq!(html_to_text("a <b>b</b>\nc", true), "a b\nc");
        // A control character is not decoded; a lone `<` is text.
        assert_eq!(html_to_text("a&#27;[2J", false), "a&#27;[2J");
        assert_eq!(html_to_text("3 < 5 & 6", true), "3 < 5 & 6");
    }

    #[test]
    fn formats_are_named_in_brackets() {
        assert_eq!(
            split_format("[html]<b>x</b>"),
            (Some(Format::Html), "<b>x</b>")
        );
        assert_eq!(
            split_format("[Markdown]*x*"),
            (Some(Format::Markdown), "*x*")
        );
        assert_eq!(split_format("[1] x"), (None, "[1] x"));
        assert_eq!(convert("*x*", Format::Markdown, Target::Markdown), "*x*");
        assert_eq!(convert("*x*", Format::Plain, Target::Markdown), "\\*x\\*");
        assert_eq!(convert("*x*", Format::Plain, Target::Plain), "*x*");
        assert_eq!(convert("<b>*x*</b>", Format::Html, Target::Plain), "*x*");
    }

    #[test]
    fn titles_become_ids() {
        assert_eq!(slug("Égalité des chances?"), "egalite-des-chances");
        assert_eq!(slug("CEDAW_1979"), "cedaw-1979");
        assert_eq!(slug("性别"), "");
        assert!(slug(&"a b ".repeat(50)).len() <= 60);
        assert_eq!(readable("gender-basics_2"), "Gender basics 2");
        assert_eq!(readable(""), "");
    }
}
