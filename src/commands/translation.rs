//! `hatua translation status|stamp`: how far each translation of a course is, and marking
//! translations as following the source as it is now, so `validate` notices when the source
//! changes after them.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::cli::TranslationCommand;
use crate::course::load::translations::source_digest;
use crate::course::translation::{Followed, Rendition, translated_path};
use crate::course::{self, Course, DirSource};

pub fn run(action: TranslationCommand) -> anyhow::Result<ExitCode> {
    match action {
        TranslationCommand::Status { dir } => status(&dir),
        TranslationCommand::Stamp {
            dir,
            language,
            files,
        } => stamp(&dir, &language, &files),
    }
}

/// The course as its author has it; errors stop here, with `validate` to show them.
fn load(dir: &Path) -> anyhow::Result<Course> {
    let loaded = course::load(&DirSource::new(dir));
    match loaded.course {
        Some(c) => Ok(c),
        None => bail!(
            "{} has errors; `hatua validate {}` shows each at its line",
            dir.display(),
            dir.display()
        ),
    }
}

/// The course's translation into `language`, with where each file stands.
fn rendition<'c>(course: &'c Course, language: &str) -> Option<&'c Rendition> {
    course
        .renditions
        .all
        .iter()
        .skip(1)
        .find(|r| r.language == language)
}

fn status(dir: &Path) -> anyhow::Result<ExitCode> {
    let course = load(dir)?;
    let mut out = crate::sanitize::stdout();
    let languages = course.languages();
    writeln!(
        out,
        "{}: {} items, in {}",
        course.id,
        course.item_count(),
        languages.join(", ")
    )?;
    if languages.len() < 2 {
        writeln!(
            out,
            "No translations: list their languages in course.toml (`translations = [\"fr\"]`); docs/translating.md shows how."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in course.renditions.all.iter().skip(1) {
        let language = &r.language;
        let done = r
            .followed
            .iter()
            .filter(|f| **f != Followed::Missing)
            .count();
        writeln!(
            out,
            "\n{language}: {done} of {} translated",
            course.item_count()
        )?;
        for (item, state) in course.items().zip(&r.followed) {
            match state {
                Followed::Missing => writeln!(out, "  missing   {}", item.path)?,
                Followed::Stale(_) => writeln!(
                    out,
                    "  changed   {} (the source changed since it was translated)",
                    item.path
                )?,
                Followed::Unstamped | Followed::Current(_) => {}
            }
        }
        let unstamped = r
            .followed
            .iter()
            .filter(|s| **s == Followed::Unstamped)
            .count();
        if unstamped > 0 {
            writeln!(
                out,
                "  {unstamped} translated file(s) not stamped: once checked, `hatua translation stamp {} {language}`",
                dir.display()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn stamp(dir: &Path, language: &str, files: &[String]) -> anyhow::Result<ExitCode> {
    let course = load(dir)?;
    let Some(r) = rendition(&course, language) else {
        bail!(
            "course.toml does not list `{language}` in `translations` (it has: {})",
            course.languages()[1..].join(", ")
        );
    };
    for f in files {
        let known = course
            .items()
            .any(|i| *f == i.path || *f == translated_path(&i.path, language));
        if !known {
            bail!("`{f}` is not a lesson or quiz of the course, nor its translation");
        }
    }
    let head = dir.join(format!("course.{language}.toml"));
    let text = std::fs::read_to_string(&head)
        .with_context(|| format!("cannot read {}", head.display()))?;
    // What each translated file follows: the source as it is now for those stamped here,
    // what was recorded for the others.
    let mut followed = std::collections::BTreeMap::new();
    let mut stamped = 0;
    for (item, state) in course.items().zip(&r.followed) {
        let named = files.is_empty()
            || files
                .iter()
                .any(|f| *f == item.path || *f == translated_path(&item.path, language));
        if named && *state != Followed::Missing {
            let bytes = std::fs::read(dir.join(&item.path))
                .with_context(|| format!("cannot read {}", item.path))?;
            followed.insert(item.path.clone(), source_digest(&bytes));
            stamped += 1;
        } else if let Some(recorded) = state.recorded() {
            followed.insert(item.path.clone(), recorded.to_string());
        }
    }
    let mut table = String::from(
        "\n# Which text of the source each translation follows (the start of its SHA-256),\n\
         # written by `hatua translation stamp`: `hatua validate` warns when the source changes.\n\
         [follows]\n",
    );
    for (path, digest) in &followed {
        table.push_str(&format!("\"{path}\" = \"{digest}\"\n"));
    }
    // A stamp killed half-way leaves its hidden temporary file; `validate` would list it.
    clear_leftovers(&head);
    let kept = without_follows(&text);
    let new_text = format!("{}\n{table}", kept.trim_end());
    crate::bundle::durable::write_atomic(&head, new_text.as_bytes())
        .with_context(|| format!("cannot write {}", head.display()))?;
    let mut out = crate::sanitize::stdout();
    writeln!(
        out,
        "Stamped {stamped} translated file(s) in {}: they follow the source as it is now.",
        head.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Removes the hidden temporary files an earlier `stamp` of `head` left when it was killed
/// before it could rename them (`.course.fr.toml.tmp-<pid>`).
fn clear_leftovers(head: &Path) {
    let (Some(dir), Some(name)) = (head.parent(), head.file_name()) else {
        return;
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The text without its `[follows]` table (and the comment above it), which `stamp` writes
/// again at the end.
fn without_follows(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed == "[follows]" {
            inside = true;
            while out.last().is_some_and(|l| l.trim_start().starts_with('#')) {
                out.pop();
            }
            continue;
        }
        if inside && trimmed.starts_with('[') {
            inside = false;
        }
        if !inside {
            out.push(line);
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_follows_table_is_replaced_and_the_rest_kept() {
        let text = "title = \"Cours\"\n\n[modules]\na = \"A\"\n\n# Which text\n# written by\n[follows]\n\"lessons/a.md\" = \"00\"\n";
        let kept = without_follows(text);
        assert!(kept.contains("[modules]\na = \"A\""), "{kept}");
        assert!(
            !kept.contains("follows") && !kept.contains("Which text"),
            "{kept}"
        );
    }
}
