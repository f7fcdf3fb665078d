//! Marking a typed answer as a patient teacher would. A learner who types "the CSW." or
//! "a State party" or "Comission on the Status of Women" knew the answer; a learner who
//! types "5.6" for "5.4", or "CEW" for "CSW", did not. So, beyond the case, spaces and
//! accents that [`normalize`] already ignores, a forgiving comparison also ignores
//! punctuation at the ends of the answer, one leading article, and a small number of typing
//! slips in long words — never in numbers, codes written in capitals or short words, where
//! one changed letter makes another answer. Documented for authors in
//! `docs/bundle-format.md` ("How typed answers are compared").

use super::TextAnswer;
use super::text::normalize;

/// How a question compares typed answers with its accepted ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// Only case, spaces and accents are ignored: `exact = true` in the quiz file.
    Exact,
    /// Also punctuation at the ends, a leading article, and typing slips in long words.
    Forgiving(Articles),
}

impl Default for Matching {
    fn default() -> Self {
        Matching::Forgiving(Articles::English)
    }
}

/// Whose leading articles are ignored: English ones always (courses quote English names
/// such as "the CSW" whatever their language), and the course language's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Articles {
    English,
    French,
    Spanish,
}

const ENGLISH: &[&str] = &["the", "a", "an"];
const FRENCH: &[&str] = &["le", "la", "les", "un", "une", "des"];
const SPANISH: &[&str] = &["el", "la", "los", "las", "un", "una", "unos", "unas"];

impl Articles {
    /// The articles of a course written in `language` (a BCP 47 tag such as `fr-CA`).
    /// Languages without articles of their own, or not yet known here, get English ones.
    pub fn for_language(language: &str) -> Articles {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "fr" => Articles::French,
            "es" => Articles::Spanish,
            _ => Articles::English,
        }
    }

    fn is_article(self, word: &str) -> bool {
        let own: &[&str] = match self {
            Articles::English => &[],
            Articles::French => FRENCH,
            Articles::Spanish => SPANISH,
        };
        ENGLISH.contains(&word) || own.contains(&word)
    }

    /// French elides its articles before a vowel: "l'égalité", also typed "l’égalité".
    fn elides(self) -> bool {
        self == Articles::French
    }
}

/// How close a typed answer came to an accepted one; the closest kind of match wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Closeness {
    /// The same ignoring case, spaces and accents.
    Same,
    /// The same once punctuation at the ends and a leading article are set aside.
    Loose,
    /// The same but for this many typing slips in long words.
    Slips(usize),
}

/// How close `typed` is to the accepted answer `key`, or `None` when it is another answer.
pub fn closeness(matching: Matching, key: &str, typed: &str) -> Option<Closeness> {
    let (key_n, typed_n) = (normalize(key), normalize(typed));
    if key_n == typed_n {
        return Some(Closeness::Same);
    }
    let Matching::Forgiving(articles) = matching else {
        return None;
    };
    let (key_l, typed_l) = (loose(&key_n, articles), loose(&typed_n, articles));
    if key_l == typed_l {
        return Some(Closeness::Loose);
    }
    slips(key, &key_l, &typed_l).map(Closeness::Slips)
}

/// The answer `typed` matches: the closest; among equally close ones, the best-weighted
/// when they are the same answer (an author's duplicate), and the worst-weighted when they
/// are a few slips from both, so that a slip never earns marks it might not deserve.
pub fn best_match<'q>(
    answers: &'q [TextAnswer],
    matching: Matching,
    typed: &str,
) -> Option<&'q TextAnswer> {
    answers
        .iter()
        .filter_map(|a| closeness(matching, &a.text, typed).map(|c| (c, a)))
        .min_by(|(c, a), (d, b)| {
            c.cmp(d).then_with(|| match c {
                Closeness::Slips(_) => a.weight.total_cmp(&b.weight),
                _ => b.weight.total_cmp(&a.weight),
            })
        })
        .map(|(_, a)| a)
}

/// Two answers of one question that the comparison cannot tell apart well, for `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// The two are the same answer once compared; the second adds nothing.
    Duplicate { first: usize, second: usize },
    /// The same answer once compared, with different marks: which one a learner gets
    /// depends on a full stop or an article.
    Contradict { first: usize, second: usize },
    /// A few slips apart, one right and the other not: a learner who mistypes one may be
    /// marked as if she had typed the other.
    Near { right: usize, other: usize },
}

impl Clash {
    /// The answer to point at (the later one, or the one that is not right) and what is
    /// wrong, for an author.
    pub fn describe(self, answers: &[TextAnswer]) -> (usize, String) {
        let name = |i: usize| format!("`{}`", answers[i].text);
        let marks = |i: usize| format!("{}% of the points", answers[i].weight);
        match self {
            Clash::Duplicate { first, second } => (
                second,
                format!(
                    "the answer {} is the same as {} once compared",
                    name(second),
                    name(first)
                ),
            ),
            Clash::Contradict { first, second } => (
                second,
                format!(
                    "{} ({}) and {} ({}) are the same answer once compared, so a full stop or an article decides the marks",
                    name(second),
                    marks(second),
                    name(first),
                    marks(first)
                ),
            ),
            Clash::Near { right, other } => (
                other,
                format!(
                    "{} ({}) is a typing slip away from the right answer {}: a learner who mistypes one may be marked as if she typed the other",
                    name(other),
                    marks(other),
                    name(right)
                ),
            ),
        }
    }

    /// What an author can do about it, in a file where `exact = true` can be written.
    pub fn hint(self) -> &'static str {
        match self {
            Clash::Duplicate { .. } => {
                "remove one: case, spaces, accents, punctuation at the ends and a leading article do not count"
            }
            Clash::Contradict { .. } => {
                "remove one of them, or add `exact = true` to the question to compare answers as written"
            }
            Clash::Near { .. } => {
                "if they are different answers, add `exact = true` to the question; if not, remove the wrong one"
            }
        }
    }
}

/// Every [`Clash`] among a question's answers, in the order they are written. A question
/// with more than [`MAX_COMPARED_ANSWERS`] answers is not looked at: every pair is compared.
pub fn clashes(answers: &[TextAnswer], matching: Matching) -> Vec<Clash> {
    let mut out = Vec::new();
    if answers.len() > MAX_COMPARED_ANSWERS {
        return out;
    }
    for (i, a) in answers.iter().enumerate() {
        for (j, b) in answers.iter().enumerate().skip(i + 1) {
            let there = closeness(matching, &a.text, &b.text);
            let back = closeness(matching, &b.text, &a.text);
            let Some(c) = there.into_iter().chain(back).min() else {
                continue;
            };
            let same_marks = (a.weight - b.weight).abs() < 1e-9;
            out.extend(match c {
                Closeness::Same | Closeness::Loose if same_marks => Some(Clash::Duplicate {
                    first: i,
                    second: j,
                }),
                Closeness::Same | Closeness::Loose => Some(Clash::Contradict {
                    first: i,
                    second: j,
                }),
                Closeness::Slips(_) if a.weight >= 100.0 && b.weight < 100.0 => {
                    Some(Clash::Near { right: i, other: j })
                }
                Closeness::Slips(_) if b.weight >= 100.0 && a.weight < 100.0 => {
                    Some(Clash::Near { right: j, other: i })
                }
                Closeness::Slips(_) => None,
            });
        }
    }
    out
}

/// Far more accepted answers than any question has; bounds the pairs [`clashes`] compares
/// in a bundle written to be hostile.
pub const MAX_COMPARED_ANSWERS: usize = 64;

/// `text`, already [`normalize`]d, without punctuation at its ends or a leading article.
/// An answer that is nothing but an article ("A") keeps it.
pub fn loose(normalized: &str, articles: Articles) -> String {
    let bare = trim_punctuation(normalized);
    let (first, rest) = bare.split_once(' ').unwrap_or((bare, ""));
    if !rest.is_empty() && articles.is_article(first) {
        return rest.to_string();
    }
    if articles.elides() {
        for elided in ["l'", "l\u{2019}"] {
            if let Some(rest) = bare.strip_prefix(elided).filter(|r| !r.is_empty()) {
                return rest.trim_start().to_string();
            }
        }
    }
    bare.to_string()
}

/// Sentence punctuation and quotes at either end, and the spaces they leave: "5.4." is
/// "5.4", "« CSW »" is "CSW". A sign that changes the answer ("50%", "LGBTQ+", "-3") stays.
fn trim_punctuation(text: &str) -> &str {
    const ENDS: &[char] = &[
        '.', ',', ';', ':', '!', '?', '…', '"', '\'', '«', '»', '‘', '’', '“', '”', '¿', '¡', '(',
        ')', '[', ']', '„', '‚',
    ];
    text.trim_matches(|c: char| ENDS.contains(&c) || c.is_whitespace())
}

/// The most slips a word of the accepted answer forgives. One slip is a letter missed,
/// added, changed, or two neighbours swapped (Damerau's four kinds of typing error, which
/// together make up about 80% of misspellings). Words of under five letters forgive none:
/// one letter turns "sex" into "six" and "norm" into "form". Five to eight letters forgive
/// one, and longer words two, because a longer word needs more changes to become another
/// word. A word with a digit forgives none ("5.4" is not "5.6"), nor a code written in
/// capitals in the key ("CEDAW", "UNFPA"), where each letter carries meaning.
fn allowed_slips(word: &str, is_code: bool) -> usize {
    let letters = word.chars().count();
    if is_code || word.chars().any(|c| c.is_numeric()) || letters > MAX_FUZZY_WORD {
        return 0;
    }
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Longer words than this are compared exactly: no word is this long, and it bounds the
/// work an answer typed to be hostile can cause.
const MAX_FUZZY_WORD: usize = 40;

/// The slips between the loose forms of an accepted answer and a typed one, word by word,
/// when every word is within its allowance and starts with the same letter (a first letter
/// is rarely mistyped, and "inequality" must not become "equality"); `None` otherwise.
fn slips(key_original: &str, key: &str, typed: &str) -> Option<usize> {
    let key_words: Vec<&str> = key.split(' ').collect();
    let typed_words: Vec<&str> = typed.split(' ').collect();
    if key_words.len() != typed_words.len() {
        return None;
    }
    let codes = codes(key_original);
    let mut total = 0;
    for (k, t) in key_words.iter().zip(&typed_words) {
        if k == t {
            continue;
        }
        let allowed = allowed_slips(k, codes.iter().any(|c| c == k));
        if allowed == 0 || k.chars().next() != t.chars().next() {
            return None;
        }
        total += within(k, t, allowed)?;
    }
    Some(total)
}

/// The words an author wrote in capitals ("CSW", "UN"), normalized: codes, never forgiven.
fn codes(key: &str) -> Vec<String> {
    key.split_whitespace()
        .filter(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
        })
        .map(|w| trim_punctuation(&normalize(w)).to_string())
        .collect()
}

/// The optimal-string-alignment distance (Damerau–Levenshtein where a swapped pair is not
/// edited again) between `a` and `b`, when it is at most `limit`.
fn within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Three rows of the table: two back (for swaps), one back, and this one.
    let mut back2: Vec<usize> = vec![0; b.len() + 1];
    let mut back1: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (back1[j] + 1).min(row[j - 1] + 1).min(back1[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(back2[j - 2] + 1);
            }
        }
        back2 = std::mem::replace(&mut back1, row);
    }
    Some(back1[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests;
