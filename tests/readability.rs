//! Every lesson of every shipped course reads at grade 8 or below.
//!
//! The measure is the Flesch–Kincaid grade level,
//!
//! ```text
//! grade = 0.39 × words / sentences + 11.8 × syllables / words − 15.59
//! ```
//!
//! computed by `hatua::course::readability` over what a learner reads as running text
//! (paragraphs, list items, quotes, table cells; not headings, code or the closing Sources
//! section), with syllables counted by the English rule of thumb described there. Learners
//! are adults, many with little formal schooling and often reading in a second language:
//! grade 8 is the ceiling issue 14 set. The formula is made for English, so a course in
//! another language is not measured by it (it would need its own, such as Fernández Huerta
//! for Spanish or Kandel–Moles for French).
//!
//! A failure names each lesson above the ceiling with its grade, its words per sentence and
//! its longest sentences, which are where a rewrite pays most: the grade grows by 0.39 for
//! every word a sentence averages.

use std::path::Path;

use hatua::course::readability::{self, Sentence};
use hatua::course::{self, DirSource, ItemKind};

/// The highest Flesch–Kincaid grade a shipped lesson may have.
const CEILING: f64 = 8.0;

/// How many of a hard lesson's longest sentences the failure shows.
const SHOWN_SENTENCES: usize = 3;

#[test]
fn every_shipped_lesson_reads_at_grade_8_or_below() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("courses");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut measured = 0;
    let mut too_hard = Vec::new();
    for dir in dirs {
        let course = course::load(&DirSource::new(&dir))
            .course
            .unwrap_or_else(|| panic!("{} does not load", dir.display()));
        if !course.language.starts_with("en") {
            continue;
        }
        for item in course.items() {
            let ItemKind::Lesson(lesson) = &item.kind else {
                continue;
            };
            measured += 1;
            let grade = readability::counts(&lesson.markdown).grade();
            if grade > CEILING {
                let path = format!("courses/{}/{}", dir_name(&dir), item.path);
                too_hard.push((grade, report(&path, &lesson.markdown)));
            }
        }
    }
    assert!(
        measured > 0,
        "no English lesson found under {}",
        root.display()
    );
    too_hard.sort_by(|a, b| b.0.total_cmp(&a.0));
    assert!(
        too_hard.is_empty(),
        "{} of {measured} lessons read above grade {CEILING} (Flesch–Kincaid), hardest first:\n\n{}",
        too_hard.len(),
        too_hard
            .iter()
            .map(|(_, r)| r.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn dir_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// A hard lesson: where it is, its grade and sentence length, and its longest sentences.
fn report(path: &str, markdown: &str) -> String {
    let c = readability::counts(markdown);
    let mut sentences: Vec<Sentence> = readability::sentences(markdown);
    sentences.sort_by_key(|s| std::cmp::Reverse(s.words));
    let mut out = format!(
        "{path}: grade {:.1}, {:.1} words a sentence, {} syllables a word\n",
        c.grade(),
        c.words_per_sentence(),
        format_args!("{:.2}", c.syllables as f64 / c.words.max(1) as f64)
    );
    for s in sentences.iter().take(SHOWN_SENTENCES) {
        out.push_str(&format!("    {:>3} words: {}\n", s.words, s.text));
    }
    out
}

/// The report itself: a hard text is named with its grade and its longest sentence first.
#[test]
fn a_hard_lesson_is_reported_with_its_grade_and_longest_sentences() {
    let text = "Short one. The Convention's comprehensive obligations necessitate the \
                progressive implementation of institutional mechanisms. Another short one.\n";
    let r = report("courses/x/lessons/hard.md", text);
    let mut lines = r.lines();
    let head = lines.next().unwrap();
    assert!(head.starts_with("courses/x/lessons/hard.md: grade "), "{r}");
    assert!(
        lines
            .next()
            .unwrap()
            .contains("11 words: The Convention's comprehensive"),
        "{r}"
    );
    assert_eq!(r.lines().count(), 1 + SHOWN_SENTENCES, "{r}");
}
