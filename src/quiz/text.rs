//! Comparing typed answers as a person would: case, extra spaces and accents do not count,
//! so "Beijing", " beijing " and "BÉIJING" are the same answer.

use unicode_normalization::UnicodeNormalization;

/// The form typed answers and learners' names are compared in: decomposed, without accents,
/// lowercase, with runs of white space as one space and none at the ends. Only the accents
/// of the Latin, Greek and Cyrillic alphabets go ("é" is "e"): the vowel signs of Indic
/// scripts are combining marks too, but they are letters of the word, and "राधा" must
/// not become "रध".
pub fn normalize(text: &str) -> String {
    let folded: String = text
        .nfkd()
        .filter(|c| !is_accent(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The combining diacritical marks that accent letters (U+0300–036F and their extensions).
fn is_accent(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}')
}

/// Reads a number as people type it: `1979`, `0.5`, `0,5`, ` -3 `.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spaces_and_accents_do_not_count() {
        assert_eq!(
            normalize("  Égalité   des  CHANCES "),
            "egalite des chances"
        );
        assert_eq!(normalize("Beijing"), normalize("BÉIJING"));
        assert_eq!(normalize("São Paulo"), normalize("sao paulo"));
        // Letters of other scripts stay themselves.
        assert_eq!(normalize("ЖЕНЩИНЫ"), "женщины");
        assert_ne!(normalize("sex"), normalize("six"));
        // Indic vowel signs are letters, not accents.
        assert_ne!(normalize("राधा"), normalize("रध"));
        assert_eq!(normalize("Amélie  Ndèye"), "amelie ndeye");
    }

    #[test]
    fn numbers_accept_a_decimal_comma() {
        assert_eq!(parse_number(" 1979 "), Some(1979.0));
        assert_eq!(parse_number("0,5"), Some(0.5));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("nineteen"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("inf"), None);
    }
}
