//! Markdown events → blocks of flagged text: the part that reads pulldown-cmark, apart from
//! layout because it runs once per lesson while layout runs again for every width.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::{ADDED, Block, CODE, Contact, EM, Inlines, LINK, MAX_DEPTH, STRIKE, STRONG};
use super::{SUPPORT_BLOCK, options};

/// Reads blocks up to the end of the enclosing quote, list or item (or of the input).
/// `contacts` are what a `hatua-support` block shows.
pub(super) fn parse_blocks(events: &mut Parser, depth: usize, contacts: &[Contact]) -> Vec<Block> {
    let (mut out, mut inline, mut flattened) = (Vec::new(), Inline::default(), 0);
    let mut raw: Option<String> = None;
    let mut support = false;
    let mut table: Option<(Vec<Alignment>, Vec<Vec<Inlines>>)> = None;
    while let Some(event) = events.next() {
        match event {
            Event::Text(t) | Event::Html(t) if raw.is_some() => {
                raw.get_or_insert_default().push_str(&t);
            }
            Event::End(TagEnd::Paragraph) => out.push(Block::Para(inline.take())),
            Event::End(TagEnd::Heading(level)) => {
                out.push(Block::Heading(level as u8, inline.take()));
            }
            Event::End(TagEnd::CodeBlock) if support => {
                support = false;
                let body = raw.take().unwrap_or_default();
                out.extend(support_blocks(&body, depth, contacts));
            }
            Event::End(end @ (TagEnd::CodeBlock | TagEnd::HtmlBlock)) => {
                let text = raw.take().unwrap_or_default();
                out.push(Block::Raw(end == TagEnd::CodeBlock, text));
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                table.iter_mut().for_each(|(_, rows)| rows.push(Vec::new()));
            }
            Event::End(TagEnd::TableCell) => {
                let cell = inline.take();
                if let Some(row) = table.as_mut().and_then(|(_, rows)| rows.last_mut()) {
                    row.push(cell);
                }
            }
            Event::End(TagEnd::Table) => out.extend(table.take().map(|(a, r)| Block::Table(a, r))),
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                inline.flush_plain(&mut out);
                if flattened == 0 {
                    break;
                }
                flattened -= 1;
            }
            Event::Rule => {
                inline.flush_plain(&mut out);
                out.push(Block::Rule);
            }
            // Any other block starts: the text so far belongs to a tight list item.
            Event::Start(
                tag @ (Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Table(_)
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Item),
            ) => {
                inline.flush_plain(&mut out);
                match tag {
                    Tag::CodeBlock(kind) => {
                        support = is_support_block(&kind);
                        raw = Some(String::new());
                    }
                    Tag::HtmlBlock => raw = Some(String::new()),
                    Tag::Table(aligns) => table = Some((aligns, Vec::new())),
                    Tag::Paragraph | Tag::Heading { .. } => {}
                    _ if depth >= MAX_DEPTH => flattened += 1,
                    tag => out.push(nested(tag, events, depth, contacts)),
                }
            }
            event => inline.event(event),
        }
    }
    inline.flush_plain(&mut out);
    out
}

/// A quote, list or item and everything inside it.
fn nested(tag: Tag, events: &mut Parser, depth: usize, contacts: &[Contact]) -> Block {
    let inner = parse_blocks(events, depth + 1, contacts);
    match tag {
        Tag::BlockQuote(_) => Block::Quote(inner),
        Tag::List(start) => {
            // pulldown-cmark wraps item text in paragraphs only in loose lists.
            let para = |b: &Block| matches!(b, Block::Para(_));
            let loose = |i: &Block| matches!(i, Block::Item(b) if b.iter().any(para));
            Block::List(start, !inner.iter().any(loose), inner)
        }
        _ => Block::Item(inner),
    }
}

/// Whether a code block is a lesson's place for the site's support contacts: fenced, with
/// `hatua-support` as its language.
pub(super) fn is_support_block(kind: &CodeBlockKind) -> bool {
    matches!(kind, CodeBlockKind::Fenced(info)
        if info.split_whitespace().next() == Some(SUPPORT_BLOCK))
}

/// What a `hatua-support` block shows: the site's contacts as a list, or when the site has
/// none, the block's own text as ordinary Markdown (never as code).
fn support_blocks(body: &str, depth: usize, contacts: &[Contact]) -> Vec<Block> {
    if !contacts.is_empty() {
        let items = contacts.iter().map(contact_item).collect();
        return vec![Block::List(None, true, items)];
    }
    if depth >= MAX_DEPTH {
        return vec![Block::Para(vec![(body.trim().to_string(), 0)])];
    }
    parse_blocks(&mut Parser::new_ext(body, options()), depth + 1, &[])
}

/// One contact: its name in bold and its details on the first line, its note below.
fn contact_item(c: &Contact) -> Block {
    let mut first = vec![(c.name.clone(), STRONG)];
    if !c.details.is_empty() {
        first.push((format!(" — {}", c.details.join(" · ")), 0));
    }
    let mut lines = vec![Block::Plain(first)];
    lines.extend(c.note.iter().map(|n| Block::Plain(vec![(n.clone(), 0)])));
    Block::Item(lines)
}

/// Collects the text of a paragraph, heading, table cell or tight list item.
#[derive(Default)]
struct Inline {
    frags: Inlines,
    /// How many emphasis, strong and strikethrough spans are open.
    open: [usize; 3],
    /// Where each open link (with its URL) or image (`None`) starts in `frags`.
    spans: Vec<(usize, Option<String>)>,
}

impl Inline {
    fn event(&mut self, event: Event) {
        let on = [EM, STRONG, STRIKE].into_iter().zip(self.open);
        let flags = on.filter(|&(_, n)| n > 0).fold(0, |all, (f, _)| all | f);
        let at = self.frags.len();
        match event {
            Event::Start(Tag::Emphasis) => self.open[0] += 1,
            Event::Start(Tag::Strong) => self.open[1] += 1,
            Event::Start(Tag::Strikethrough) => self.open[2] += 1,
            Event::End(TagEnd::Emphasis) => self.open[0] = self.open[0].saturating_sub(1),
            Event::End(TagEnd::Strong) => self.open[1] = self.open[1].saturating_sub(1),
            Event::End(TagEnd::Strikethrough) => self.open[2] = self.open[2].saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.spans.push((at, Some(dest_url.into())))
            }
            Event::Start(Tag::Image { .. }) => self.spans.push((at, None)),
            Event::End(TagEnd::Link | TagEnd::Image) => self.end_span(flags),
            Event::Code(t) => self.push(&t.replace(['\n', '\t'], " "), flags | CODE),
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => self.push(&t.replace(['\n', '\t'], " "), flags),
            Event::SoftBreak => self.push(" ", flags),
            Event::HardBreak => self.push("\n", flags),
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }, flags),
            _ => {}
        }
    }

    fn push(&mut self, text: &str, flags: u8) {
        // Text right after a link or image starts stays apart: `end_span` finds it by index.
        let fresh = self.spans.last().map(|span| span.0) == Some(self.frags.len());
        let before = match self.frags.last_mut() {
            Some((last, f)) if *f == flags && !fresh => {
                let before = last.len();
                last.push_str(text);
                before
            }
            _ => {
                self.frags.push((text.to_string(), flags));
                0
            }
        };
        // French puts a space before `?` and inside « »: it must not become a line break.
        // Only the joint and the new text are looked at, so a long paragraph stays linear.
        if let Some((last, _)) = self.frags.last_mut() {
            let mut from = before.saturating_sub(2);
            while !last.is_char_boundary(from) {
                from -= 1;
            }
            if let std::borrow::Cow::Owned(tied) = crate::width::tie_punctuation(&last[from..]) {
                last.replace_range(from.., &tied);
            }
        }
    }

    /// Links show their target after the text (once if they are equal); images their alt text.
    fn end_span(&mut self, flags: u8) {
        let Some((at, url)) = self.spans.pop() else {
            return;
        };
        let at = at.min(self.frags.len());
        let text: String = self.frags[at..].iter().map(|(t, _)| t.as_str()).collect();
        match url {
            None => {
                self.frags.truncate(at);
                let shown = match text.trim() {
                    "" => "[image]".to_string(),
                    alt => format!("[image: {alt}]"),
                };
                self.push(&shown, flags);
            }
            Some(url) if text == url || url.strip_prefix("mailto:") == Some(&text) => {
                self.frags[at..].iter_mut().for_each(|(_, f)| *f |= LINK);
            }
            Some(url) if text.is_empty() => self.push(&url, flags | LINK),
            Some(url) => {
                for (part, extra) in [(" (", ADDED), (url.as_str(), ADDED | LINK), (")", ADDED)] {
                    self.push(part, flags | extra);
                }
            }
        }
    }

    fn take(&mut self) -> Inlines {
        std::mem::take(&mut self.frags)
    }

    fn flush_plain(&mut self, out: &mut Vec<Block>) {
        if !self.frags.is_empty() {
            out.push(Block::Plain(self.take()));
        }
    }
}
