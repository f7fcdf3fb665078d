//! Lesson Markdown → styled terminal lines: parsed once into blocks, then laid out per width.

mod layout;
mod parse;
mod wrap;

use pulldown_cmark::{Alignment, Options, Parser};
use ratatui::style::Style;
use ratatui::text::Line;

use layout::{Cx, blocks, fit};
use parse::parse_blocks;

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

/// The language of the fenced block a lesson writes where the site's own support contacts
/// belong; its text is what shows when the site has none.
pub const SUPPORT_BLOCK: &str = "hatua-support";

/// One of the site's support contacts, as a lesson shows it: already cleaned of terminal
/// controls (see `crate::support`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    /// Shown after the name, joined by ` · `: a phone number, opening hours.
    pub details: Vec<String>,
    /// A line of its own below.
    pub note: Option<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

impl Document {
    /// A lesson as the author wrote it: a `hatua-support` block shows its own text.
    pub fn parse(markdown: &str) -> Document {
        Document::parse_with(markdown, &[])
    }

    /// A lesson on a site with these support contacts, shown in place of each
    /// `hatua-support` block (its own text when there are none).
    pub fn parse_with(markdown: &str, contacts: &[Contact]) -> Document {
        let mut events = Parser::new_ext(markdown, options());
        Document {
            blocks: parse_blocks(&mut events, 0, contacts),
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
    fn french_punctuation_never_starts_a_line() {
        let text = "Laquelle de ces phrases décrit le sexe plutôt que le genre ?\n\
                    Le mot « Beijing » est-il juste ? Oui : **tout à fait** !";
        for width in 10..70 {
            for line in plain(text, width) {
                let first = line.trim_start().chars().next();
                assert!(
                    !matches!(first, Some('?' | '!' | ':' | ';' | '»')),
                    "width {width}: {line:?}"
                );
                assert!(!line.trim_end().ends_with('«'), "width {width}: {line:?}");
            }
        }
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

    const SUPPORT: &str = "## Where to find support\n\n```hatua-support\nAsk your trainer \
        for the *support services* near you.\n```\n\nAfter.";

    #[test]
    fn a_support_block_without_contacts_is_its_own_text_never_code() {
        let lines = render(SUPPORT, 30);
        assert_eq!(
            text(&lines),
            [
                "Where to find support",
                "─────────────────────",
                "",
                "Ask your trainer for the",
                "support services near you.",
                "",
                "After."
            ]
        );
        assert_eq!(style_at(&lines, "Ask"), Style::default());
        assert_eq!(style_at(&lines, "services"), Style::new().italic());
        // Any other fenced block is still code.
        let code = render("```hatua-other\nx\n```", 30);
        assert_eq!(text(&code), ["  x"]);
    }

    #[test]
    fn a_support_block_shows_the_sites_contacts_in_its_place() {
        let contacts = [
            Contact {
                name: "Women's helpline".into(),
                details: vec!["1195".into(), "24 hours".into()],
                note: Some("Free and confidential.".into()),
            },
            Contact {
                name: "District hospital".into(),
                details: vec![],
                note: None,
            },
        ];
        let doc = Document::parse_with(SUPPORT, &contacts);
        let lines = doc.layout(40, &MdStyles::default());
        assert_eq!(
            text(&lines)[3..],
            [
                "• Women's helpline — 1195 · 24 hours",
                "  Free and confidential.",
                "• District hospital",
                "",
                "After."
            ]
        );
        assert_eq!(style_at(&lines, "Women's helpline"), Style::new().bold());
        assert!(!text(&lines).iter().any(|l| l.contains("trainer")));
        // Inside a quote, the contacts are quoted too.
        let quoted = Document::parse_with("> ```hatua-support\n> x\n> ```", &contacts[1..]);
        assert_eq!(
            text(&quoted.layout(40, &MdStyles::default())),
            ["│ • District hospital"]
        );
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
