//! How hard a lesson is to read: the Flesch–Kincaid grade level of its prose.
//!
//! Learners are adults, many with little formal schooling and often reading in a second
//! language, so the shipped English lessons are held to grade 8 or below. The formula is the
//! standard one,
//!
//! ```text
//! grade = 0.39 × words / sentences + 11.8 × syllables / words − 15.59
//! ```
//!
//! applied to what a learner reads as running text: paragraphs, list items, quotes and table
//! cells. Headings, code and the closing "Sources" section are left out (a citation is not
//! prose). A list item, a table cell and the end of a paragraph each end a sentence, as they
//! do for a reader; inside them a sentence ends at `.`, `!` or `?` before a space.
//!
//! Syllables are counted as English dictionaries' rules of thumb do: groups of vowels
//! (`a e i o u y`), less a silent final `e` (but not `-le`), at least one a word. The count
//! is within one syllable of a dictionary's for most words, which is all the formula needs.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

/// Counts of a text's prose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
}

impl Counts {
    /// The Flesch–Kincaid grade level; 0 for a text without words.
    pub fn grade(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        0.39 * self.words as f64 / self.sentences as f64
            + 11.8 * self.syllables as f64 / self.words as f64
            - 15.59
    }

    /// Words per sentence, on average.
    pub fn words_per_sentence(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.words as f64 / self.sentences as f64
        }
    }
}

/// The headings after which a lesson lists its sources, in the shipped languages.
pub const SOURCE_HEADINGS: &[&str] = &[
    "sources",
    "source",
    "references",
    "fuentes",
    "fuente",
    "referencias",
    "références",
];

/// One sentence of a lesson's prose, with what the formula counts in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub words: usize,
    pub syllables: usize,
}

/// Counts the prose of a lesson's Markdown (front matter, if any, already removed).
pub fn counts(markdown: &str) -> Counts {
    let mut c = Counts::default();
    for s in sentences(markdown) {
        c.sentences += 1;
        c.words += s.words;
        c.syllables += s.syllables;
    }
    c
}

/// The sentences of a lesson's prose, in order, as [`counts`] counts them: what to show an
/// author whose lesson reads too hard.
pub fn sentences(markdown: &str) -> Vec<Sentence> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Vec::new();
    let mut text = String::new();
    let mut in_heading: Option<String> = None;
    let mut skip_code = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                end_block(&mut text, &mut out);
                in_heading = Some(String::new());
            }
            Event::End(TagEnd::Heading(_)) => {
                let heading = in_heading.take().unwrap_or_default();
                if SOURCE_HEADINGS.contains(&heading.trim().to_lowercase().as_str()) {
                    return out;
                }
            }
            Event::Start(Tag::CodeBlock(_)) => skip_code += 1,
            Event::End(TagEnd::CodeBlock) => skip_code = skip_code.saturating_sub(1),
            Event::Text(t) if skip_code == 0 => match &mut in_heading {
                Some(h) => h.push_str(&t),
                None => text.push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                end_block(&mut text, &mut out);
            }
            _ => {}
        }
    }
    end_block(&mut text, &mut out);
    out
}

/// Splits one block of text into its sentences, then empties it.
fn end_block(text: &mut String, out: &mut Vec<Sentence>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut sentence = Sentence::default();
    let mut start = 0;
    let mut word = String::new();
    for (k, &(at, ch)) in chars.iter().enumerate() {
        if ch.is_alphanumeric() || ch == '\'' || ch == '’' || ch == '-' {
            word.push(ch);
            continue;
        }
        count_word(&word, &mut sentence);
        word.clear();
        let ends = matches!(ch, '.' | '!' | '?')
            && chars
                .get(k + 1)
                .is_none_or(|(_, n)| n.is_whitespace() || *n == '"' || *n == '”');
        if ends && sentence.words > 0 {
            let end = at + ch.len_utf8();
            sentence.text = text[start..end].trim().to_string();
            out.push(std::mem::take(&mut sentence));
            start = end;
        }
    }
    count_word(&word, &mut sentence);
    if sentence.words > 0 {
        sentence.text = text[start..].trim().to_string();
        out.push(sentence);
    }
    text.clear();
}

/// Adds a word and its syllables; nothing for a token without a letter (a number, a dash).
fn count_word(token: &str, c: &mut Sentence) {
    if !token.chars().any(char::is_alphabetic) {
        return;
    }
    c.words += 1;
    c.syllables += token
        .split('-')
        .filter(|part| part.chars().any(char::is_alphabetic))
        .map(syllables)
        .sum::<usize>()
        .max(1);
}

/// Syllables in one English word, by the rule of thumb described at the top.
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word
        .nfkd()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if letters.is_empty() {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut previous = false;
    for &ch in &letters {
        let v = vowel(ch);
        if v && !previous {
            groups += 1;
        }
        previous = v;
    }
    let n = letters.len();
    // "make" ends in a silent e; "table" (consonant + le) does not.
    let consonant_le = n > 2 && letters[n - 2] == 'l' && !vowel(letters[n - 3]);
    let silent_e = n > 2 && letters[n - 1] == 'e' && !consonant_le;
    if silent_e && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_follow_the_rule_of_thumb() {
        for (word, want) in [
            ("gender", 2),
            ("the", 1),
            ("make", 1),
            ("table", 2),
            ("equality", 4),
            ("discrimination", 5),
            ("women", 2),
            ("a", 1),
            ("rhythm", 1),
            ("Convention", 3),
        ] {
            assert_eq!(syllables(word), want, "{word}");
        }
    }

    #[test]
    fn short_plain_sentences_score_low_and_long_latinate_ones_high() {
        let plain = counts("Men and women can do the same work. Girls go to school. It is fair.");
        assert_eq!(plain.sentences, 3);
        assert!(plain.grade() < 3.0, "{}", plain.grade());
        let hard = counts(
            "The Convention's comprehensive obligations necessitate the progressive \
             implementation of institutional mechanisms guaranteeing substantive equality \
             notwithstanding considerable administrative constraints.",
        );
        assert_eq!(hard.sentences, 1);
        assert!(hard.grade() > 20.0, "{}", hard.grade());
    }

    #[test]
    fn headings_code_and_sources_are_not_prose() {
        let text = "# A very long heading with many polysyllabic institutional words\n\n\
                    Short text here.\n\n```\ncode code code code\n```\n\n\
                    - One item\n- Another item\n\n## Sources\n\n- Committee on the \
                    Elimination of Discrimination against Women, 1992.\n";
        let c = counts(text);
        assert_eq!(
            c,
            Counts {
                sentences: 3,
                words: 7,
                syllables: 11
            }
        );
    }

    #[test]
    fn sentences_are_the_ones_counted_with_their_own_words() {
        let text = "In 1995, 189 governments met. Target 5.4 counts care work!\n\n- A list item\n";
        let found = sentences(text);
        let texts: Vec<&str> = found.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "In 1995, 189 governments met.",
                "Target 5.4 counts care work!",
                "A list item"
            ]
        );
        assert_eq!(found.iter().map(|s| s.words).collect::<Vec<_>>(), [3, 4, 3]);
        assert_eq!(counts(text).sentences, 3);
    }

    #[test]
    fn numbers_and_abbreviation_dots_inside_words_do_not_end_sentences() {
        let c = counts("In 1995, 189 governments met. Target 5.4 counts care work.");
        assert_eq!(c.sentences, 2);
        assert_eq!(c.words, 7);
    }
}
