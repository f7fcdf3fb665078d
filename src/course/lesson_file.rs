//! A lesson file: optional TOML front matter between `+++` lines, then Markdown.

use super::diagnostic::Diagnostics;
use super::fields::{Fields, TomlSource};
use super::load::{file_stem, item};
use super::markdown::SUPPORT_BLOCK;
use super::{ID_HINT, Item, ItemKind, Lesson, is_valid_id};
use crate::sanitize::{clean, clean_line};

const FRONT_MATTER_KEYS: &[&str] = &["id", "title", "minutes"];

/// Parses a lesson; problems go to `d`. Returns the item even with warnings.
pub(super) fn parse(path: &str, text: &str, d: &mut Diagnostics) -> Option<Item> {
    let (front, body) = split_front_matter(text);
    let mut id = file_stem(path).to_string();
    let mut title = None;
    let mut minutes = None;
    if let Some(front) = front {
        if front.unterminated {
            d.error_at(
                path,
                text,
                0..3,
                "the front matter opened with `+++` is never closed",
                Some("add a line with only `+++` after the front matter".to_string()),
            );
            return None;
        }
        (title, minutes) = read_front_matter(path, text, &front, &mut id, d);
    } else if !is_valid_id(&id) {
        d.file_error(
            path,
            format!("the file name gives the id `{id}`, which is not a valid id"),
            Some(format!(
                "rename the file or set `id` in front matter: {ID_HINT}"
            )),
        );
    }
    let title = title
        .or_else(|| first_heading(body).map(|h| clean_line(&h)))
        .unwrap_or_else(|| {
            d.warning_at(
                path,
                text,
                0..0,
                "this lesson has no title",
                Some("start it with a `# Heading`, or set `title` in front matter".to_string()),
            );
            id.clone()
        });
    if !has_sources_section(body) {
        let end = text.len();
        d.warning_at(
            path,
            text,
            end..end,
            "this lesson has no sources section",
            Some(
                "end it with a `## Sources` heading that names where its facts come from"
                    .to_string(),
            ),
        );
    }
    check_hatua_blocks(path, text, d);
    Some(item(
        id,
        path,
        title,
        ItemKind::Lesson(Lesson::new(clean(body), minutes)),
    ))
}

/// The fenced blocks Hatua gives a meaning to (` ```hatua-support `): one it does not know
/// would show as code, so a misspelt name is warned about. A line scan, like the links'.
fn check_hatua_blocks(path: &str, text: &str, d: &mut Diagnostics) {
    const KNOWN: &[&str] = &[SUPPORT_BLOCK];
    // Almost no lesson has one: one fast search spares the line scan.
    if !text.contains("hatua-") {
        return;
    }
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let t = line.trim_start_matches(' ');
        let fence = t.trim_start_matches(['`', '~']);
        let Some(info) = (line.len() - t.len() <= 3 && t.len() - fence.len() >= 3)
            .then(|| fence.split_whitespace().next())
            .flatten()
            .filter(|w| w.starts_with("hatua-") && !KNOWN.contains(w))
        else {
            continue;
        };
        let col = start + (line.len() - fence.len()) + fence.find(info).unwrap_or(0);
        d.warning_at(
            path,
            text,
            col..col + info.len(),
            format!("`{info}` is not a block Hatua knows: it will show as code"),
            Some(format!("did you mean `{SUPPORT_BLOCK}`?")),
        );
    }
}

struct FrontMatter {
    /// Byte offset where the closing `+++` line starts.
    end: usize,
    unterminated: bool,
}

/// The front matter's fields: a valid `id` replaces `id`; the title and minutes are returned.
fn read_front_matter(
    path: &str,
    text: &str,
    front: &FrontMatter,
    id: &mut String,
    d: &mut Diagnostics,
) -> (Option<String>, Option<u32>) {
    // Same length as the file's start, so positions in it are positions in the file.
    let toml_text = format!("#++{}", &text[3..front.end]);
    let src = TomlSource {
        file: path,
        text: &toml_text,
    };
    let table = src.parse(d);
    let f = Fields::new(src, &table, FRONT_MATTER_KEYS, "the front matter");
    if let Some(v) = f.opt_string(d, "id") {
        if is_valid_id(v.get_ref()) {
            *id = v.into_inner();
        } else {
            d.error_at(
                path,
                text,
                v.span(),
                format!("`{}` is not a valid lesson id", v.get_ref()),
                Some(ID_HINT.to_string()),
            );
        }
    }
    let title = f.opt_string(d, "title").map(|t| clean_line(t.get_ref()));
    let minutes = f
        .opt_int(d, "minutes", 0..=10_000)
        .map(|m| *m.get_ref() as u32);
    f.finish(d);
    (title, minutes)
}

fn split_front_matter(text: &str) -> (Option<FrontMatter>, &str) {
    let Some(first_len) = text.find('\n').map(|i| i + 1) else {
        return (None, text);
    };
    if text[..first_len].trim_end() != "+++" {
        return (None, text);
    }
    let mut pos = first_len;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..line_end].trim_end() == "+++" {
            let front = FrontMatter {
                end: pos,
                unterminated: false,
            };
            return (Some(front), &text[line_end..]);
        }
        pos = line_end;
    }
    let front = FrontMatter {
        end: text.len(),
        unterminated: true,
    };
    (Some(front), "")
}

/// The text of the first ATX heading outside fenced code.
fn first_heading(markdown: &str) -> Option<String> {
    let mut in_fence = false;
    for line in markdown.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            let h = t[hashes..].trim().trim_end_matches('#').trim();
            if !h.is_empty() {
                return Some(h.to_string());
            }
        }
    }
    None
}

/// Links and images that point at files of the bundle (not web addresses or anchors), with
/// their byte spans in `text`. Inline links only (`[text](target)`, `![alt](target)`): a
/// byte scan, so that checking a thousand lessons costs little more than reading them.
pub(super) fn local_links(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("](") {
        let open = from + found;
        let target_start = open + 2;
        from = target_start;
        let rest = &text[target_start..];
        let Some(len) = rest.find([')', ' ', '\n']) else {
            break;
        };
        let target = rest[..len].trim_start_matches('<').trim_end_matches('>');
        let is_local = !(target.is_empty()
            || target.starts_with('#')
            || target.contains(':')
            || target.starts_with("//"));
        if is_local {
            // The span starts at the link's `[` (or `![`), for the caret.
            let start = text[..open].rfind('[').map_or(open, |b| {
                if b > 0 && text.as_bytes()[b - 1] == b'!' {
                    b - 1
                } else {
                    b
                }
            });
            out.push((target.to_string(), start..target_start + len + 1));
        }
    }
    out
}

#[cfg(test)]
mod link_tests {
    use super::local_links;

    #[test]
    fn local_links_and_images_are_found_and_web_links_are_not() {
        let text = "See [the chart](../assets/c.png) and ![map](../assets/m.png \"Map\").\n\
                    Also [UN Women](https://www.unwomen.org), [top](#start) and [mail](mailto:x@y).";
        let links: Vec<String> = local_links(text).into_iter().map(|(t, _)| t).collect();
        assert_eq!(links, ["../assets/c.png", "../assets/m.png"]);
        let (_, span) = &local_links(text)[1];
        assert!(text[span.clone()].starts_with("![map]"));
    }
}

fn has_sources_section(markdown: &str) -> bool {
    markdown.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with('#') && {
            let h = t.trim_start_matches('#').trim().to_lowercase();
            super::readability::SOURCE_HEADINGS.contains(&h.as_str())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(text: &str) -> (Option<Item>, Vec<String>) {
        let mut d = Diagnostics::new();
        let item = parse("lessons/intro.md", text, &mut d);
        (
            item,
            d.into_sorted().iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn front_matter_sets_id_title_and_minutes() {
        let (item, diags) = lesson(
            "+++\nid = \"first\"\ntitle = \"Welcome\"\nminutes = 5\n+++\n# Heading\nText\n## Sources\n- x\n",
        );
        let item = item.unwrap();
        assert_eq!(diags, Vec::<String>::new());
        assert_eq!(
            (item.id.as_str(), item.title.as_str()),
            ("first", "Welcome")
        );
        let ItemKind::Lesson(l) = item.kind else {
            panic!()
        };
        assert_eq!(l.minutes, Some(5));
        assert!(l.markdown.starts_with("# Heading"));
    }

    #[test]
    fn without_front_matter_the_stem_and_first_heading_are_used() {
        let (item, diags) = lesson("```\n# not this\n```\n## The real title ##\n## Sources\n");
        let item = item.unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            (item.id.as_str(), item.title.as_str()),
            ("intro", "The real title")
        );
    }

    #[test]
    fn front_matter_errors_point_at_the_line_in_the_lesson() {
        let (_, diags) = lesson("+++\ntitle = \"A\"\nminutes = \"ten\"\n+++\n# A\n## Sources\n");
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0]
                .starts_with("lessons/intro.md:3:11: error: `minutes` should be a whole number"),
            "{}",
            diags[0]
        );
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let (item, diags) = lesson("+++\ntitle = \"A\"\n# A\n");
        assert!(item.is_none());
        assert!(diags[0].contains("never closed"));
    }

    #[test]
    fn a_lesson_without_sources_gets_a_warning() {
        let (item, diags) = lesson("# A\ntext\n");
        assert!(item.is_some());
        assert_eq!(diags.len(), 1);
        assert!(diags[0].contains("warning: this lesson has no sources section"));
    }

    #[test]
    fn a_support_block_is_known_and_a_misspelt_one_is_warned_about() {
        let good = "# A\n\n```hatua-support\nAsk your trainer.\n```\n\n## Sources\n";
        assert_eq!(lesson(good).1, Vec::<String>::new());
        let (_, diags) = lesson("# A\n\n  ~~~~ hatua-suport\nx\n~~~~\n\n## Sources\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0].starts_with(
                "lessons/intro.md:3:8: warning: `hatua-suport` is not a block Hatua knows"
            ),
            "{diags:?}"
        );
    }

    #[test]
    fn escape_sequences_never_reach_the_model() {
        let (item, _) = lesson("# Ti\u{1b}]0;x\u{7}tle\nSee \u{1b}[2Jthis\n## Sources\n");
        let item = item.unwrap();
        assert_eq!(item.title, "Title");
        let ItemKind::Lesson(l) = item.kind else {
            panic!()
        };
        assert!(!l.markdown.contains('\u{1b}'));
    }
}
