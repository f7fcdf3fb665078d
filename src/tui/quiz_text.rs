//! The texts of a question as the quiz screen needs them: an option's words, whether it is
//! right, every feedback it may show, and how wide they are laid out.

use crate::i18n::Lang;
use crate::quiz::{Question, QuestionKind};

/// Text of the option at original position `i`: a choice, True/False (in `lang`), an item
/// to order, or a right-hand item to match.
pub fn option_text(lang: Lang, question: &Question, i: usize) -> String {
    match &question.kind {
        QuestionKind::TrueFalse { .. } => lang.t(if i == 0 { "quiz.true" } else { "quiz.false" }),
        _ => markdown_option(question, i).unwrap_or_default().to_string(),
    }
}

/// The option's text as the quiz file has it (Markdown); `None` for True and False, which
/// are the player's own words.
pub fn markdown_option(question: &Question, i: usize) -> Option<&str> {
    match &question.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
            choices.get(i).map(|c| c.text.as_str())
        }
        QuestionKind::Order { items } => items.get(i).map(String::as_str),
        QuestionKind::Match { .. } => question.kind.match_options().get(i).copied(),
        QuestionKind::TrueFalse { .. }
        | QuestionKind::Text { .. }
        | QuestionKind::Number { .. } => None,
    }
}

/// Whether the choice at original position `i` is a right answer (choose mode).
pub fn option_is_right(question: &Question, i: usize) -> bool {
    match &question.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => {
            choices.get(i).is_some_and(|c| c.correct)
        }
        QuestionKind::TrueFalse { answer, .. } => *answer == (i == 0),
        _ => false,
    }
}

/// The quiz's text area: the terminal less a column of margin each side.
pub fn text_width(term_width: u16) -> u16 {
    term_width.saturating_sub(2)
}

/// How wide an option's text is laid out: room is left for its number, mark and verdict.
pub fn option_width(width: u16) -> u16 {
    width.saturating_sub(24).max(10)
}

/// Every feedback text a question can show, whatever is answered.
pub fn all_feedback(q: &Question) -> Vec<&str> {
    match &q.kind {
        QuestionKind::Single { choices } | QuestionKind::Multiple { choices } => choices
            .iter()
            .filter_map(|c| c.feedback.as_deref())
            .collect(),
        QuestionKind::TrueFalse {
            feedback_true,
            feedback_false,
            ..
        } => [feedback_true, feedback_false]
            .into_iter()
            .filter_map(|f| f.as_deref())
            .collect(),
        QuestionKind::Text { answers, .. } => answers
            .iter()
            .filter_map(|a| a.feedback.as_deref())
            .collect(),
        QuestionKind::Number { answers } => answers
            .iter()
            .filter_map(|a| a.feedback.as_deref())
            .collect(),
        QuestionKind::Order { .. } | QuestionKind::Match { .. } => Vec::new(),
    }
}
