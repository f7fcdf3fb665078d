//! Lesson Markdown → styled terminal lines: parsed once into blocks, then laid out per width.

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Styles the renderer uses; the app passes its theme.
#[derive(Debug, Clone)]
pub struct MdStyles {
    pub heading: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub code: Style,
    pub link: Style,
    pub quote: Style,
    pub rule: Style,
    pub table_header: Style,
}

impl Default for MdStyles {
    fn default() -> Self {
        Self {
            heading: Style::new().cyan().bold(),
            emphasis: Style::new().italic(),
            strong: Style::new().bold(),
            code: Style::new().yellow(),
            link: Style::new().light_blue().underlined(),
            quote: Style::new().italic().dim(),
            rule: Style::new().dark_gray(),
            table_header: Style::new().bold(),
        }
    }
}

// Inline formatting is kept as flags, so the theme is applied at layout time. `ADDED` marks text
// the renderer added (a link's ` (URL)`), which `first_heading` leaves out.
const EM: u8 = 1;
const STRONG: u8 = 2;
const STRIKE: u8 = 4;
const CODE: u8 = 8;
const LINK: u8 = 16;
const ADDED: u8 = 32;
/// Quotes, lists and items nested deeper are flattened, so recursion stays shallow on any input.
const MAX_DEPTH: usize = 24;

/// Text fragments with their flags.
type Inlines = Vec<(String, u8)>;

#[derive(Debug)]
enum Block {
    Heading(u8, Inlines),
    Para(Inlines),
    /// The text of a tight list item: no blank line around it.
    Plain(Inlines),
    /// Code (`true`) or HTML, shown line for line.
    Raw(bool, String),
    Rule,
    Quote(Vec<Block>),
    /// Start number if ordered, whether tight, and the items.
    List(Option<u64>, bool, Vec<Block>),
    Item(Vec<Block>),
    /// Column alignments and rows of cells; the first row is the header.
    Table(Vec<Alignment>, Vec<Vec<Inlines>>),
}

/// A lesson parsed once, independent of width.
#[derive(Debug, Default)]
pub struct Document {
    blocks: Vec<Block>,
}

impl Document {
    pub fn parse(markdown: &str) -> Document {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let mut events = Parser::new_ext(markdown, options | Options::ENABLE_TASKLISTS);
        Document {
            blocks: parse_blocks(&mut events, 0),
        }
    }

    /// Lays the document out for a width in terminal cells. Called once per (lesson, width); the
    /// result is cached by the caller.
    pub fn layout(&self, width: u16, styles: &MdStyles) -> Vec<Line<'static>> {
        let (width, mut out) = (usize::from(width), Vec::new());
        if width > 0 {
            let cx = Cx {
                st: styles,
                base: Style::new(),
                depth: 0,
            };
            blocks(&self.blocks, width, cx, &mut out);
            out.iter_mut().for_each(|line| fit(line, width));
        }
        out
    }

    /// The text of the first heading, if any (used as the lesson title when front matter has none).
    pub fn first_heading(&self) -> Option<String> {
        self.blocks.iter().find_map(|block| match block {
            Block::Heading(_, inlines) => {
                let text = inlines.iter().filter(|(_, flags)| flags & ADDED == 0);
                let text: String = text.map(|(t, _)| t.as_str()).collect();
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                (!text.is_empty()).then_some(text)
            }
            _ => None,
        })
    }
}

/// Reads blocks up to the end of the enclosing quote, list or item (or of the input).
fn parse_blocks(events: &mut Parser, depth: usize) -> Vec<Block> {
    let (mut out, mut inline, mut flattened) = (Vec::new(), Inline::default(), 0);
    let mut raw: Option<String> = None;
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
                    Tag::CodeBlock(_) | Tag::HtmlBlock => raw = Some(String::new()),
                    Tag::Table(aligns) => table = Some((aligns, Vec::new())),
                    Tag::Paragraph | Tag::Heading { .. } => {}
                    _ if depth >= MAX_DEPTH => flattened += 1,
                    Tag::BlockQuote(_) => out.push(Block::Quote(parse_blocks(events, depth + 1))),
                    Tag::List(start) => {
                        let items = parse_blocks(events, depth + 1);
                        // pulldown-cmark wraps item text in paragraphs only in loose lists.
                        let para = |b: &Block| matches!(b, Block::Para(_));
                        let loose = |i: &Block| matches!(i, Block::Item(b) if b.iter().any(para));
                        out.push(Block::List(start, !items.iter().any(loose), items));
                    }
                    _ => out.push(Block::Item(parse_blocks(events, depth + 1))),
                }
            }
            event => inline.event(event),
        }
    }
    inline.flush_plain(&mut out);
    out
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
        match self.frags.last_mut() {
            Some((last, f)) if *f == flags && !fresh => last.push_str(text),
            _ => self.frags.push((text.to_string(), flags)),
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

#[derive(Clone, Copy)]
struct Cx<'a> {
    st: &'a MdStyles,
    /// The style inherited from enclosing blocks (a quote).
    base: Style,
    /// List nesting, which picks the bullet.
    depth: usize,
}

fn style_of(flags: u8, base: Style, st: &MdStyles) -> Style {
    let styles = [
        (EM, st.emphasis),
        (STRONG, st.strong),
        (CODE, st.code),
        (LINK, st.link),
    ];
    let mut style = base;
    for (bit, add) in styles
        .into_iter()
        .chain([(STRIKE, Style::new().crossed_out())])
    {
        if flags & bit != 0 {
            style = style.patch(add);
        }
    }
    style
}

/// Lays out sibling blocks with a blank line between them (none around tight list text).
fn blocks(list: &[Block], width: usize, cx: Cx, out: &mut Vec<Line<'static>>) {
    let mut prev: Option<&Block> = None;
    for b in list {
        let mark = out.len();
        let plain = |b: &Block| matches!(b, Block::Plain(_));
        if prev.is_some_and(|p| !plain(p) && !plain(b)) {
            out.push(Line::default());
        }
        let start = out.len();
        block(b, width, cx, out);
        if out.len() == start {
            out.truncate(mark);
        } else {
            prev = Some(b);
        }
    }
}

fn block(b: &Block, width: usize, cx: Cx, out: &mut Vec<Line<'static>>) {
    let st = cx.st;
    match b {
        Block::Para(inlines) | Block::Plain(inlines) => {
            Wrapper::new(width, out).add(inlines, cx.base, st).end();
        }
        Block::Heading(level, inlines) => {
            let (style, start) = (cx.base.patch(st.heading), out.len());
            Wrapper::new(width, out).add(inlines, style, st).end();
            let w = out[start..].iter().map(Line::width).max().unwrap_or(0);
            if let Some(rule) = ["═", "─"].get(usize::from(*level).wrapping_sub(1)) {
                out.push(Line::from(Span::styled(rule.repeat(w), style)));
            }
        }
        Block::Raw(code, text) => {
            let style = cx.base.patch(if *code { st.code } else { Style::new() });
            let indent = Span::raw(if *code { "  " } else { "" });
            indented(width, [indent.clone(), indent], out, |w, out| {
                let mut wrapper = Wrapper::new(w, out);
                for line in text.trim_end_matches('\n').lines() {
                    wrapper.chars(&line.replace('\t', "    "), style);
                    wrapper.flush();
                }
            });
        }
        Block::Rule => out.push(Line::from(Span::styled("─".repeat(width), st.rule))),
        Block::Quote(inner) => {
            let cx = Cx {
                base: cx.base.patch(st.quote),
                ..cx
            };
            let bar = Span::styled("│ ", cx.base);
            indented(width, [bar.clone(), bar], out, |w, o| {
                blocks(inner, w, cx, o)
            });
        }
        Block::List(start, tight, items) => {
            let last = start.map(|s| s.saturating_add(items.len().saturating_sub(1) as u64));
            let digits = last.map_or(0, |n| n.to_string().len());
            let bullet = ["• ", "◦ ", "▪ "][cx.depth % 3];
            let inner = Cx {
                depth: cx.depth + 1,
                ..cx
            };
            for (i, item) in items.iter().enumerate() {
                if i > 0 && !tight {
                    out.push(Line::default());
                }
                let marker = match start {
                    Some(s) => format!("{:>digits$}. ", s.saturating_add(i as u64)),
                    None => bullet.to_string(),
                };
                let (hang, before) = (Span::raw(" ".repeat(marker.width())), out.len());
                let marker = Span::styled(marker, cx.base);
                // Past MAX_DEPTH an item's blocks may sit in the list directly.
                let item = match item {
                    Block::Item(blocks) => blocks.as_slice(),
                    other => std::slice::from_ref(other),
                };
                indented(width, [marker.clone(), hang], out, |w, o| {
                    blocks(item, w, inner, o)
                });
                if out.len() == before {
                    out.push(Line::from(marker));
                }
            }
        }
        Block::Item(inner) => blocks(inner, width, cx, out),
        Block::Table(aligns, rows) => table(aligns, rows, width, cx, out),
    }
}

/// Lays out `body` in the width left after a prefix: `first` on its first line, `rest` on the
/// others. Too narrow for the prefix, the body gets the whole width and no prefix.
fn indented<F>(
    width: usize,
    [first, rest]: [Span<'static>; 2],
    out: &mut Vec<Line<'static>>,
    body: F,
) where
    F: FnOnce(usize, &mut Vec<Line<'static>>),
{
    let prefix_width = first.width().max(rest.width());
    if width <= prefix_width {
        return body(width, out);
    }
    let start = out.len();
    body(width - prefix_width, out);
    for (n, line) in out[start..].iter_mut().enumerate() {
        let prefix = if n == 0 { &first } else { &rest };
        if !line.spans.is_empty() {
            line.spans.insert(0, prefix.clone());
        } else if !prefix.content.trim().is_empty() {
            // A blank line keeps a quote's bar, without trailing spaces.
            let bar = prefix.content.trim_end().to_string();
            line.spans.push(Span::styled(bar, prefix.style));
        }
    }
}

/// Aligned columns when they fit, else one record per row with a `Header: value` line per cell.
fn table(
    aligns: &[Alignment],
    rows: &[Vec<Inlines>],
    width: usize,
    cx: Cx,
    out: &mut Vec<Line<'static>>,
) {
    let (st, head) = (cx.st, cx.base.patch(cx.st.table_header));
    let cell_width = |cell: &Inlines| cell.iter().map(|(t, _)| t.width()).sum::<usize>();
    let mut widths = vec![0; rows.iter().map(Vec::len).max().unwrap_or(0)];
    for row in rows {
        for (cell, w) in row.iter().zip(&mut widths) {
            *w = cell_width(cell).max(*w);
        }
    }
    let total = widths.iter().sum::<usize>() + 3 * widths.len().saturating_sub(1);
    if total > width || widths.is_empty() {
        let labelled = rows.len() > 1;
        for (n, row) in rows.iter().skip(usize::from(labelled)).enumerate() {
            if n > 0 {
                out.push(Line::default());
            }
            for (i, cell) in row.iter().enumerate() {
                let mut wrapper = Wrapper::new(width, out);
                if let Some(label) = rows[0].get(i).filter(|h| labelled && !h.is_empty()) {
                    wrapper.add(label, head, st).text(": ", head);
                }
                wrapper.add(cell, cx.base, st).end();
            }
        }
        return;
    }
    let empty = Inlines::new();
    for (r, row) in rows.iter().enumerate() {
        let mut line = Line::default();
        for (i, &w) in widths.iter().enumerate() {
            let cell = row.get(i).unwrap_or(&empty);
            let pad = w - cell_width(cell);
            let left = match aligns.get(i) {
                Some(Alignment::Right) => pad,
                Some(Alignment::Center) => pad / 2,
                _ => 0,
            };
            let style = if r == 0 { head } else { cx.base };
            line.push_span(Span::styled(if i > 0 { " │ " } else { "" }, st.rule));
            line.push_span(" ".repeat(left));
            for (text, flags) in cell {
                line.push_span(Span::styled(text.clone(), style_of(*flags, style, st)));
            }
            line.push_span(" ".repeat(if i + 1 < widths.len() { pad - left } else { 0 }));
        }
        line.spans.retain(|s| !s.content.is_empty());
        out.push(line);
        if r == 0 {
            let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
            out.push(Line::from(Span::styled(rule.join("─┼─"), st.rule)));
        }
    }
}

/// Safety net for the rare text whose width depends on its neighbours: cut what overflows.
fn fit(line: &mut Line<'static>, width: usize) {
    while line.width() > width {
        let last = line
            .spans
            .last_mut()
            .map(|span| span.content.to_mut().pop());
        if last.flatten().is_none() {
            line.spans.pop();
        }
    }
}

/// Greedy word wrapping over styled text: breaks at spaces, `\n` is a hard break, and a word
/// wider than the line is broken between characters.
struct Wrapper<'o, 't> {
    width: usize,
    out: &'o mut Vec<Line<'static>>,
    line: Vec<Span<'static>>,
    line_width: usize,
    word: Vec<(&'t str, Style)>,
    word_width: usize,
    /// The style of the space before the current word, if there is one.
    space: Option<Style>,
}

impl<'o, 't> Wrapper<'o, 't> {
    fn new(width: usize, out: &'o mut Vec<Line<'static>>) -> Self {
        let (line, word, space) = (Vec::new(), Vec::new(), None);
        Self {
            width,
            out,
            line,
            line_width: 0,
            word,
            word_width: 0,
            space,
        }
    }

    fn add(&mut self, inlines: &'t Inlines, base: Style, st: &MdStyles) -> &mut Self {
        for (text, flags) in inlines {
            self.text(text, style_of(*flags, base, st));
        }
        self
    }

    fn text(&mut self, text: &'t str, style: Style) -> &mut Self {
        for chunk in text.split_inclusive([' ', '\n']) {
            let word = chunk.trim_end_matches([' ', '\n']);
            if !word.is_empty() {
                self.word_width += word.width();
                self.word.push((word, style));
            }
            if word.len() < chunk.len() {
                self.place_word();
                match chunk.ends_with('\n') {
                    true => self.flush(),
                    false => self.space = Some(self.space.unwrap_or(style)),
                }
            }
        }
        self
    }

    fn end(&mut self) {
        self.place_word();
        if !self.line.is_empty() {
            self.flush();
        }
    }

    fn place_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let space = self.space.take().filter(|_| !self.line.is_empty());
        let start = self.line_width + usize::from(space.is_some());
        // A word that fits on no line is broken from here, unless the line is full.
        if start + self.word_width > self.width
            && (self.word_width <= self.width || start >= self.width)
        {
            self.flush();
        } else if let Some(style) = space {
            self.push(" ", style, 1);
        }
        let word = std::mem::take(&mut self.word);
        word.iter().for_each(|&(s, style)| self.chars(s, style));
        (self.word, self.word_width) = (word, 0);
        self.word.clear();
    }

    /// Adds text to the line, breaking it between characters where it overflows.
    fn chars(&mut self, s: &str, style: Style) {
        let whole = s.width();
        if self.line_width + whole <= self.width {
            return self.push(s, style, whole);
        }
        let (mut from, mut seg_width, mut prev) = (0, 0, (0, 0));
        for (i, c) in s.char_indices() {
            let mut w = c.width().unwrap_or(0);
            if c == '\u{FE0F}' && i > from {
                // An emoji presentation selector can widen the character before it.
                w = s[prev.0..i + c.len_utf8()].width().saturating_sub(prev.1);
            }
            if self.line_width + seg_width + w > self.width {
                self.push(&s[from..i], style, seg_width);
                if !self.line.is_empty() {
                    self.flush();
                }
                (from, seg_width) = (i, 0);
                if w > self.width {
                    from = i + c.len_utf8(); // wider than the whole line: cannot be shown
                    continue;
                }
            }
            seg_width += w;
            prev = (i, w);
        }
        self.push(&s[from..], style, seg_width);
    }

    fn push(&mut self, s: &str, style: Style, w: usize) {
        if s.is_empty() {
            return;
        }
        self.line_width += w;
        match self.line.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(s),
            _ => self.line.push(Span::styled(s.to_string(), style)),
        }
    }

    fn flush(&mut self) {
        self.out.push(Line::from(std::mem::take(&mut self.line)));
        self.line_width = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = "# Washing hands\n\nClean hands *save lives*. Wash with **soap** for \
        `20 seconds`, ~~quickly~~ carefully.\nSoft break.  \nHard break.\n\n## Steps\n\n\
        1. Wet your hands.\n2. Rub the backs of your hands, between your fingers and under your \
        nails.\n   - nested bullet that is long enough to wrap onto a second line\n     - deeper\n   \
        - [x] a done task\n\n> Tip: sing a song twice.\n> > 中文字符测试，这是一个很长的句子没有空格需要按字符断行。\n\n\
        ```\nfn main() { println!(\"a code line that is long and is not wrapped at spaces\"); }\n```\n\n\
        See [the WHO page](https://www.who.int/gpsc/clean_hands_protection/en/index.html) or \
        <https://example.org>. ❤\u{fe0f}❤\u{fe0f}❤\u{fe0f} ![A sink](sink.png)\n\n\
        | Step | Time | What to do |\n|:-----|-----:|:----------:|\n| Wet | 5 s | use running water |\n\
        | Rub | 20 s | all surfaces |\n\n---\n\n<div>raw html</div>\n";

    fn render(markdown: &str, width: u16) -> Vec<Line<'static>> {
        Document::parse(markdown).layout(width, &MdStyles::default())
    }

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    fn plain(markdown: &str, width: u16) -> Vec<String> {
        text(&render(markdown, width))
    }

    fn within(lines: &[Line], width: u16) -> bool {
        lines.iter().all(|line| line.width() <= usize::from(width))
    }

    /// The style of the first span whose text contains `needle`.
    fn style_at(lines: &[Line], needle: &str) -> Style {
        let mut spans = lines.iter().flat_map(|line| &line.spans);
        spans
            .find(|span| span.content.contains(needle))
            .expect(needle)
            .style
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        for width in [1, 2, 3, 4, 5, 7, 10, 13, 20, 27, 33, 40, 61, 80, 132] {
            let lines = render(LESSON, width);
            assert!(within(&lines, width), "width {width}");
            let (first, last) = (&lines[0], &lines[lines.len() - 1]);
            assert!(first.width() > 0 && last.width() > 0, "width {width}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let deep_list: String = (0..300)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let deep_quote = ">".repeat(20_000);
        let odd = [
            &*deep_quote,
            &deep_list,
            "",
            "\n",
            "*",
            "|a|\n|-|\n|b|",
            "[](<>)",
            "```",
        ];
        for (md, width) in odd.iter().flat_map(|md| [0, 1, 2, 40].map(|w| (md, w))) {
            assert!(within(&render(md, width), width));
        }
    }

    #[test]
    fn headings_are_styled_and_underlined() {
        let lines = render("# One\n\n## Two\n\n### Three", 80);
        assert_eq!(text(&lines), ["One", "═══", "", "Two", "───", "", "Three"]);
        assert_eq!(style_at(&lines, "Three"), MdStyles::default().heading);
    }

    #[test]
    fn inline_styles_land_on_their_spans() {
        let lines = render("plain *em* **strong** ~~gone~~ `code`", 80);
        assert_eq!(style_at(&lines, "plain"), Style::default());
        assert_eq!(style_at(&lines, "em"), Style::new().italic());
        assert_eq!(style_at(&lines, "strong"), Style::new().bold());
        assert_eq!(style_at(&lines, "gone"), Style::new().crossed_out());
        assert_eq!(style_at(&lines, "code"), MdStyles::default().code);
    }

    #[test]
    fn paragraphs_wrap_at_spaces_and_keep_hard_breaks() {
        assert_eq!(
            plain("aaa bbb ccc\nddd  \neee", 8),
            ["aaa bbb", "ccc ddd", "eee"]
        );
        assert_eq!(plain("x abcdefghij", 4), ["x ab", "cdef", "ghij"]);
        assert_eq!(plain("中文字符", 5), ["中文", "字符"]);
        let wrapped = render("**bold words** wrap", 6);
        assert_eq!(text(&wrapped), ["bold", "words", "wrap"]);
        assert_eq!(style_at(&wrapped, "words"), Style::new().bold());
    }

    #[test]
    fn nested_lists_indent_and_hang() {
        let md = "- one two three four\n  - five six seven\n    - eight\n- [x] done";
        let lines = [
            "• one two",
            "  three four",
            "  ◦ five six",
            "    seven",
            "    ▪ eight",
        ];
        assert_eq!(plain(md, 14), [&lines[..], &["• [x] done"]].concat());
    }

    #[test]
    fn ordered_lists_count_from_their_start() {
        assert_eq!(
            plain("7. a\n8. b\n9. c\n10. d", 80),
            [" 7. a", " 8. b", " 9. c", "10. d"]
        );
        assert_eq!(
            plain("3. a\n\n   more\n4. b", 80),
            ["3. a", "", "   more", "", "4. b"]
        );
    }

    #[test]
    fn quotes_prefix_every_line() {
        let lines = render("> a b c d\n>\n> > e", 6);
        assert_eq!(text(&lines), ["│ a b", "│ c d", "│", "│ │ e"]);
        assert_eq!(style_at(&lines, "│"), MdStyles::default().quote);
    }

    #[test]
    fn code_is_not_wrapped_at_spaces_only_broken_when_too_long() {
        let md = "```rust\nlet x = 1;\nlet long_name = 2;\n```";
        assert_eq!(
            plain(md, 12),
            ["  let x = 1;", "  let long_n", "  ame = 2;"]
        );
    }

    #[test]
    fn links_show_their_target_once() {
        let lines = render("[WHO](https://who.int), <https://x.org> and <a@b.org>", 80);
        let expected = "WHO (https://who.int), https://x.org and a@b.org";
        assert_eq!(text(&lines), [expected]);
        assert_eq!(
            style_at(&lines, "https://who.int"),
            MdStyles::default().link
        );
        assert_eq!(style_at(&lines, "https://x.org"), MdStyles::default().link);
    }

    #[test]
    fn images_show_their_alt_text() {
        let md = "![A sink](s.png) and ![](x.png)";
        assert_eq!(plain(md, 80), ["[image: A sink] and [image]"]);
    }

    #[test]
    fn tables_fit_in_columns_or_fall_back_to_records() {
        let md = "| Step | Time | What to do |\n|:--|--:|:-:|\n\
                  | Wet | 5 s | use running water |\n| Rub | 20 s | all surfaces |";
        let columns = render(md, 80);
        assert_eq!(
            text(&columns),
            [
                "Step │ Time │    What to do",
                "─────┼──────┼──────────────────",
                "Wet  │  5 s │ use running water",
                "Rub  │ 20 s │   all surfaces",
            ]
        );
        assert_eq!(style_at(&columns, "Step"), MdStyles::default().table_header);
        let first = [
            "Step: Wet",
            "Time: 5 s",
            "What to do: use",
            "running water",
            "",
        ];
        let second = ["Step: Rub", "Time: 20 s", "What to do: all", "surfaces"];
        assert_eq!(plain(md, 16), [&first[..], &second].concat());
    }

    #[test]
    fn rules_and_html_are_shown_plainly() {
        let md = "a\n\n---\n\n<b>x</b>";
        assert_eq!(plain(md, 8), ["a", "", "────────", "", "<b>x</b>"]);
    }

    #[test]
    fn first_heading_is_the_title_without_link_targets() {
        let doc = Document::parse("Intro\n\n## The [WHO](https://who.int) way\n\n# Later");
        assert_eq!(doc.first_heading().as_deref(), Some("The WHO way"));
        assert_eq!(Document::parse("no heading").first_heading(), None);
    }

    #[test]
    fn lesson_snapshots() {
        // Unprefixed names, so the files stay valid when the module moves.
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("markdown_lesson_60", plain(LESSON, 60).join("\n"));
            insta::assert_snapshot!("markdown_lesson_30", plain(LESSON, 30).join("\n"));
        });
    }

    /// `cargo test -- --ignored --nocapture layout_timing` prints how long a 5,000-line lesson takes.
    #[test]
    #[ignore]
    fn layout_timing() {
        let big = format!("{LESSON}\n").repeat(5_000 / LESSON.lines().count());
        let start = std::time::Instant::now();
        let doc = Document::parse(&big);
        let parsed = start.elapsed();
        let lines = doc.layout(80, &MdStyles::default());
        let laid_out = start.elapsed() - parsed;
        let n = big.lines().count();
        println!(
            "{n} lines: parse {parsed:?}, layout {laid_out:?} -> {} lines",
            lines.len()
        );
    }
}
