//! Moodle GIFT quiz files (`quizzes/*.gift`), for trainers who already have their questions
//! in that format: read into the same [`Quiz`] as a native quiz, with every problem
//! reported at its `file:line:col` like the rest of the validator.
//!
//! The settings GIFT cannot express (pass mark, attempts, shuffling, drawing, title) come
//! from `[quizzes."quizzes/x.gift"]` in course.toml; see [`settings`].

mod answers;
mod scan;
pub mod settings;
mod text;
mod to_toml;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use settings::GiftSettings;
pub use to_toml::to_toml;

use super::diagnostic::Diagnostics;
use super::load::{MAX_TEXT_BYTES, file_stem, item as outline_item};
use super::{ID_HINT, Item, ItemKind, is_valid_id};
use crate::quiz::matcher::Articles;
use crate::quiz::{Question, Quiz};
use crate::sanitize::{clean, clean_line};
use scan::{Shape, Syms};
use text::{Format, Target};

/// A quiz read from a GIFT file, with where each question came from.
#[derive(Debug, Clone, PartialEq)]
pub struct GiftQuiz {
    pub quiz: Quiz,
    /// Per question, the line of the file it starts on (1-based).
    pub lines: Vec<usize>,
}

/// Reads a GIFT file on its own, with the default settings: the quiz id is the file's name
/// without `.gift`, and its title that name made readable. `None` when the file has errors;
/// they, and any warnings, are in `d`.
pub fn parse(path: &str, text: &str, d: &mut Diagnostics) -> Option<Quiz> {
    read(path, text, &GiftSettings::default(), d).map(|g| g.quiz)
}

/// Reads a GIFT file with the settings from course.toml. The quiz id is the file stem, as
/// GIFT has no place to write one.
pub fn read(
    path: &str,
    text: &str,
    settings: &GiftSettings,
    d: &mut Diagnostics,
) -> Option<GiftQuiz> {
    let stem = file_stem(path);
    let id_ok = is_valid_id(stem);
    if !id_ok {
        d.file_error(
            path,
            format!(
                "the file name `{}` cannot be a quiz id",
                clean_line(stem).chars().take(64).collect::<String>()
            ),
            Some(format!(
                "rename the file: its name without `.gift` is the quiz id; {ID_HINT}"
            )),
        );
    }
    let quiz = read_as(stem, path, text, settings, d);
    quiz.filter(|_| id_ok)
}

/// Reads a GIFT file as the quiz `id`, for a file whose name is not one (a Moodle export
/// named `questions-2024.txt`).
pub fn read_as(
    id: &str,
    path: &str,
    text: &str,
    settings: &GiftSettings,
    d: &mut Diagnostics,
) -> Option<GiftQuiz> {
    let mut cx = Cx {
        path,
        text,
        d,
        errors: 0,
    };
    let mut drafts = Vec::new();
    for (n, block) in scan::blocks(text).enumerate() {
        if let Some(draft) = question(&mut cx, &block, n + 1) {
            drafts.push(draft);
        }
    }
    if cx.errors > 0 {
        return None;
    }
    if drafts.is_empty() {
        cx.d.file_error(
            path,
            "this GIFT file has no questions Hatua can ask",
            Some(
                "write questions such as `What does hatua mean? {=step ~walk}`, a blank line between two"
                    .to_string(),
            ),
        );
        return None;
    }
    if !assign_ids(&mut cx, &mut drafts) {
        return None;
    }
    let lines = drafts.iter().map(|d| d.line).collect();
    Some(GiftQuiz {
        quiz: Quiz {
            id: id.to_string(),
            title: settings.title.clone().unwrap_or_else(|| text::readable(id)),
            pass_mark: settings.pass_mark,
            max_attempts: settings.max_attempts,
            shuffle: settings.shuffle,
            draw: settings.draw,
            questions: drafts.into_iter().map(|d| d.question).collect(),
        },
        lines,
    })
}

/// A `.gift` item of the outline, with its settings from course.toml.
pub(super) fn item(
    path: &str,
    text: &str,
    settings: Option<&GiftSettings>,
    course_text: &str,
    language: &str,
    authoring: bool,
    d: &mut Diagnostics,
) -> Option<Item> {
    let default = GiftSettings::default();
    let settings = settings.unwrap_or(&default);
    let gift = read(path, text, settings, d)?;
    if !settings.check_draw(&gift.quiz, path, course_text, d) {
        return None;
    }
    if authoring && !fits_as_toml(&gift, path, d) {
        return None;
    }
    let mut quiz = gift.quiz;
    quiz.compare_with_articles(Articles::for_language(language));
    Some(outline_item(
        quiz.id.clone(),
        path,
        quiz.title.clone(),
        ItemKind::Quiz(quiz),
    ))
}

/// Whether the quiz, converted with `hatua gift2toml`, stays within the size a quiz may have:
/// a trainer who converts it later must not find it refused then.
pub fn fits_as_toml(gift: &GiftQuiz, path: &str, d: &mut Diagnostics) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let size = to_toml(gift, name).len();
    if size <= MAX_TEXT_BYTES {
        return true;
    }
    d.file_error(
        path,
        format!(
            "converted to Hatua's quiz format, this file would be {} KiB, over the {} KiB a quiz may hold",
            size / 1024,
            MAX_TEXT_BYTES / 1024
        ),
        Some("split the questions into two .gift files, two quizzes".to_string()),
    );
    false
}

/// Where diagnostics go while one file is read, and how many errors it had.
struct Cx<'a> {
    path: &'a str,
    text: &'a str,
    d: &'a mut Diagnostics,
    errors: usize,
}

impl Cx<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: &str) {
        self.errors += 1;
        self.d
            .error_at(self.path, self.text, span, message, Some(hint.to_string()));
    }

    fn warn(&mut self, span: Range<usize>, message: impl Into<String>, hint: &str) {
        self.d
            .warning_at(self.path, self.text, span, message, Some(hint.to_string()));
    }
}

/// A question before its id is known: ids depend on every title in the file.
struct Draft {
    question: Question,
    title: Option<String>,
    id_tag: Option<String>,
    /// Which question of the file it is, counting skipped ones, for `q1`, `q2`…
    position: usize,
    line: usize,
}

fn question(cx: &mut Cx<'_>, block: &scan::Block, position: usize) -> Option<Draft> {
    let start = block.syms[0].at;
    let here = start..start + block.syms[0].c.len_utf8();
    let shape = match scan::shape(&block.syms) {
        Ok(shape) => shape,
        Err(e) => {
            cx.error(e.span, e.message, &e.hint);
            return None;
        }
    };
    let (title, before, open, answers, after) = match shape {
        Shape::Description { title } => {
            cx.warn(
                here,
                format!(
                    "{} is a description (text with no answers), which Hatua does not support in a quiz; it was skipped",
                    name(title)
                ),
                "put this text in a lesson before the quiz",
            );
            return None;
        }
        Shape::Question {
            title,
            before,
            open,
            answers,
            after,
        } => (title, before, open, answers, after),
    };
    // Only the start is trimmed: a space before the braces of a missing word stays.
    let (format, before) = format_of(scan::trim_start(before));
    // `####` starts the general feedback, shown whatever the answer: Hatua's explanation.
    let (answers, explanation) = match scan::rfind(answers, "####") {
        Some(i) => (&answers[..i], Some(&answers[i + 4..])),
        None => (answers, None),
    };
    let answers = scan::trim(answers);
    if answers.is_empty() {
        cx.warn(
            here,
            format!(
                "{} is an essay question, which Hatua does not support; it was skipped",
                name(title)
            ),
            "Hatua grades every answer itself: ask this in a lesson or a discussion instead",
        );
        return None;
    }
    let kind = answers::kind(cx, answers, format, open);
    let prompt = prompt(before, after, format);
    if prompt.is_empty() {
        cx.error(
            open.at..open.at + 1,
            "this question has no text before its answers",
            "write the question before the `{`: `What does hatua mean? {=step ~walk}`",
        );
        return None;
    }
    Some(Draft {
        question: Question {
            id: String::new(),
            prompt,
            points: crate::quiz::Points::new(1.0).unwrap_or_default(),
            explanation: explanation
                .map(|e| render(e, format, Target::Markdown))
                .filter(|e| !e.is_empty()),
            hints: Vec::new(),
            kind: kind?,
        },
        title: title.map(|t| clean_line(&scan::text(t))),
        id_tag: block.id_tag.clone(),
        position,
        line: block.line,
    })
}

/// How a question is named in a warning.
fn name(title: Option<&Syms>) -> String {
    match title {
        Some(t) => {
            let t = clean_line(&scan::text(t));
            let short: String = t.chars().take(60).collect();
            format!("the question “{short}”")
        }
        None => "this question".to_string(),
    }
}

/// The format a question names before its text (Moodle's own when none), and the text.
fn format_of(s: &Syms) -> (Format, &Syms) {
    let t = scan::text(s);
    match text::split_format(&t) {
        (Some(format), rest) => {
            let skip = t.chars().count() - rest.chars().count();
            (format, scan::trim_start(&s[skip..]))
        }
        (None, _) => (Format::Moodle, s),
    }
}

/// Marks the place of the braces in a "missing word" question while the text is converted.
const BLANK: char = '\u{e000}';

/// The prompt: the text without its answer list, or, when text follows the braces (the
/// "missing word" form, `Hatua means {=step ~walk} in Swahili.`), with `_____` in their place.
fn prompt(before: &Syms, after: &Syms, format: Format) -> String {
    // Cleaned before converting, as in `render`.
    let mut t = clean(&scan::text(before)).replace(BLANK, "");
    if !scan::trim(after).is_empty() {
        t.push(BLANK);
        t.push_str(&clean(&scan::text(after)).replace(BLANK, ""));
    }
    let md = clean(text::convert(t.trim(), format, Target::Markdown).trim());
    md.split('\n')
        .map(|line| {
            // Alone on a line, `_____` would be a Markdown rule.
            if line.trim() == BLANK.to_string() {
                line.replace(BLANK, "\\_____")
            } else {
                line.replace(BLANK, "_____")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A text of an answer or feedback, in its own format if it names one (as Moodle allows),
/// else in the question's, cleaned of terminal controls.
fn render(s: &Syms, format: Format, target: Target) -> String {
    // Cleaned before converting, so an escape added for Markdown cannot split a terminal
    // sequence into pieces that `clean` no longer recognises; and after, for what an
    // entity such as `&#27;` might decode to.
    let t = clean(&scan::text(scan::trim(s)));
    let (own, rest) = text::split_format(&t);
    clean(&text::convert(rest.trim(), own.unwrap_or(format), target))
        .trim()
        .to_string()
}

/// Ids, stable as long as the file keeps its titles: Moodle's `[id:…]` if a comment gives
/// one, else the title's slug, else `q` and the question's place in the file. A title or a
/// place that repeats gets `-2`, `-3`…; an `[id:…]` that repeats is an error, as a repeated
/// `id` is in a TOML quiz: an author wrote it to be the question's id, so renaming it
/// quietly would record answers under an id nobody chose. `false` when one repeats.
fn assign_ids(cx: &mut Cx<'_>, drafts: &mut [Draft]) -> bool {
    let mut tagged: HashMap<String, usize> = HashMap::new();
    let mut ok = true;
    for d in drafts.iter() {
        let Some(tag) = d
            .id_tag
            .as_deref()
            .map(text::slug)
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        if let Some(first) = tagged.insert(tag.clone(), d.line) {
            let at = line_start(cx.text, d.line);
            cx.error(
                at..at,
                format!(
                    "the id `{tag}` from `[id:…]` is also the id of the question on line {first}"
                ),
                "give each question its own `[id:…]`: answers are recorded against it",
            );
            ok = false;
        }
    }
    if !ok {
        return false;
    }
    let mut used: HashSet<String> = tagged.into_keys().collect();
    for d in drafts {
        let tag = d
            .id_tag
            .as_deref()
            .map(text::slug)
            .filter(|s| !s.is_empty());
        if let Some(tag) = tag {
            d.question.id = tag;
            continue;
        }
        let base = d
            .title
            .as_deref()
            .map(text::slug)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("q{}", d.position));
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        d.question.id = id;
    }
    true
}

/// The byte offset where 1-based `line` starts.
fn line_start(text: &str, line: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum()
}

#[cfg(test)]
mod tests;
