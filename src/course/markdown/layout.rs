//! Blocks → styled lines for one width: spacing, indents, bullets, tables, and the theme's
//! styles laid over the inline flags. Apart from parsing, which does not depend on width.

use pulldown_cmark::Alignment;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::wrap::Wrapper;
use super::{Block, CODE, EM, Inlines, LINK, MdStyles, STRIKE, STRONG};

#[derive(Clone, Copy)]
pub(super) struct Cx<'a> {
    pub(super) st: &'a MdStyles,
    /// The style inherited from enclosing blocks (a quote).
    pub(super) base: Style,
    /// List nesting, which picks the bullet.
    pub(super) depth: usize,
}

pub(super) fn style_of(flags: u8, base: Style, st: &MdStyles) -> Style {
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
pub(super) fn blocks(list: &[Block], width: usize, cx: Cx, out: &mut Vec<Line<'static>>) {
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
pub(super) fn fit(line: &mut Line<'static>, width: usize) {
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
