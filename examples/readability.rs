//! The reading grade of every lesson of a course folder, for authors:
//! `cargo run --example readability -- courses/cedaw`.
//!
//! Prints each lesson's Flesch–Kincaid grade, words per sentence and word count; see
//! `hatua::course::readability` for the formula.

use std::path::PathBuf;

fn main() {
    let mut worst = 0.0f64;
    for dir in std::env::args().skip(1).map(PathBuf::from) {
        let mut lessons: Vec<PathBuf> = std::fs::read_dir(dir.join("lessons"))
            .map(|r| r.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        lessons.sort();
        for path in lessons
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
        {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let body = strip_front_matter(&text);
            let c = hatua::course::readability::counts(body);
            worst = worst.max(c.grade());
            println!(
                "{:5.1}  {:5.1} w/s  {:5} words  {}",
                c.grade(),
                c.words_per_sentence(),
                c.words,
                path.display()
            );
        }
    }
    println!("highest grade: {worst:.1}");
}

fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return text;
    };
    rest.find("\n+++\n").map_or(text, |end| &rest[end + 5..])
}
