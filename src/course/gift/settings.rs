//! The settings of a GIFT quiz that GIFT cannot express, from course.toml:
//! `[quizzes."quizzes/basics.gift"]` with `title`, `pass_mark`, `max_attempts`, `shuffle` and
//! `draw`, each with the range and the default it has in a native quiz.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::course::diagnostic::Diagnostics;
use crate::course::fields::Fields;
use crate::course::quiz_file::DEFAULT_PASS_MARK;
use crate::quiz::Quiz;
use crate::sanitize::clean_line;

const KEYS: &[&str] = &["title", "pass_mark", "max_attempts", "shuffle", "draw"];

/// What course.toml says about one GIFT quiz; the defaults are a native quiz's.
#[derive(Debug, Clone, PartialEq)]
pub struct GiftSettings {
    /// `None` uses the file's name made readable.
    pub title: Option<String>,
    pub pass_mark: u8,
    pub max_attempts: u32,
    pub shuffle: bool,
    pub draw: u32,
    /// Where the table's name and its `draw` are written in course.toml, to point there.
    name_span: Range<usize>,
    draw_span: Option<Range<usize>>,
}

impl Default for GiftSettings {
    fn default() -> Self {
        Self {
            title: None,
            pass_mark: DEFAULT_PASS_MARK,
            max_attempts: 0,
            shuffle: false,
            draw: 0,
            name_span: 0..0,
            draw_span: None,
        }
    }
}

/// The settings of each GIFT quiz, by its path in the bundle.
pub type SettingsTable = HashMap<String, GiftSettings>;

/// Reads the `quizzes` table of course.toml; every wrong value and unknown key is reported.
pub(in crate::course) fn read(f: &Fields<'_, '_>, d: &mut Diagnostics) -> SettingsTable {
    let mut out = HashMap::new();
    let tables = f.named_tables(d, "quizzes", KEYS, |name| {
        format!("[quizzes.\"{}\"]", clean_line(name))
    });
    for (name, t) in tables.unwrap_or_default() {
        let draw = t.opt_int(d, "draw", 0..=10_000);
        let settings = GiftSettings {
            title: t.opt_string(d, "title").map(|s| clean_line(s.get_ref())),
            pass_mark: t
                .opt_int(d, "pass_mark", 0..=100)
                .map_or(DEFAULT_PASS_MARK, |v| *v.get_ref() as u8),
            max_attempts: t
                .opt_int(d, "max_attempts", 0..=1000)
                .map_or(0, |v| *v.get_ref() as u32),
            shuffle: t.opt_bool(d, "shuffle").is_some_and(|v| *v.get_ref()),
            draw: draw.as_ref().map_or(0, |v| *v.get_ref() as u32),
            name_span: name.span(),
            draw_span: draw.map(|v| v.span()),
        };
        t.finish(d);
        out.insert(name.into_inner(), settings);
    }
    out
}

/// Warns about settings for a file the outline does not list (a typo would otherwise
/// silently leave the quiz on its defaults), and refuses settings for a lesson or a native
/// quiz, which keep theirs in their own file.
pub(in crate::course) fn check_paths(
    table: &SettingsTable,
    outline: &HashSet<String>,
    course_text: &str,
    d: &mut Diagnostics,
) {
    for (path, s) in table {
        let shown = clean_line(path);
        if !outline.contains(path) {
            let mut gifts: Vec<&str> = outline
                .iter()
                .filter(|p| p.ends_with(".gift"))
                .map(String::as_str)
                .collect();
            gifts.sort_unstable();
            let hint = if gifts.is_empty() {
                format!("add `{shown}` to a module's `items`, or remove this table")
            } else {
                format!(
                    "check the path (relative to course.toml); the GIFT quizzes in the outline are {}",
                    gifts.join(", ")
                )
            };
            d.warning_at(
                "course.toml",
                course_text,
                s.name_span.clone(),
                format!("`[quizzes.\"{shown}\"]` sets up a quiz that is not in the outline"),
                Some(hint),
            );
        } else if !path.ends_with(".gift") {
            let hint = if path.ends_with(".toml") {
                format!("write these settings in `{shown}` itself")
            } else {
                "remove this table".to_string()
            };
            d.error_at(
                "course.toml",
                course_text,
                s.name_span.clone(),
                format!(
                    "`[quizzes.\"{shown}\"]`: only GIFT quizzes (.gift) take their settings from course.toml"
                ),
                Some(hint),
            );
        }
    }
}

impl GiftSettings {
    /// Whether `draw` asks for no more questions than the quiz has; reported at course.toml.
    pub(in crate::course) fn check_draw(
        &self,
        quiz: &Quiz,
        path: &str,
        course_text: &str,
        d: &mut Diagnostics,
    ) -> bool {
        if self.draw as usize <= quiz.questions.len() {
            return true;
        }
        d.error_at(
            "course.toml",
            course_text,
            self.draw_span.clone().unwrap_or(self.name_span.clone()),
            format!(
                "`draw` asks for {} questions but `{}` has {}",
                self.draw,
                clean_line(path),
                quiz.questions.len()
            ),
            Some("lower `draw`, or set it to 0 to ask every question".to_string()),
        );
        false
    }
}
