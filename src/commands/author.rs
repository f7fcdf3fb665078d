//! Commands for course authors: `hatua new` (a starter course that explains itself) and
//! `hatua preview` (play a folder without installing it).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use include_dir::{Dir, include_dir};

static TEMPLATE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/new-course");

/// A course id from a folder name: lowercase, with hyphens for anything else.
pub fn id_from_name(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id
        .trim_end_matches('-')
        .chars()
        .take(64)
        .collect::<String>();
    if id.is_empty() {
        "my-course".to_string()
    } else {
        id
    }
}

/// `hatua new DIR`: writes the starter course into a new or empty folder.
pub fn new_course(dir: &Path) -> anyhow::Result<ExitCode> {
    if dir.exists() {
        let empty = dir.is_dir()
            && std::fs::read_dir(dir)
                .with_context(|| format!("cannot read {}", dir.display()))?
                .next()
                .is_none();
        if !empty {
            bail!(
                "{} already exists and is not an empty folder; choose a new folder name so nothing is overwritten",
                dir.display()
            );
        }
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = id_from_name(&name);
    write_template(&TEMPLATE, dir, &id)?;
    let mut out = crate::sanitize::stdout();
    writeln!(out, "created the course `{id}` in {}", dir.display())?;
    writeln!(
        out,
        "next: edit course.toml, lessons/welcome.md and quizzes/check.toml, then run"
    )?;
    writeln!(out, "  hatua validate {}", dir.display())?;
    writeln!(out, "  hatua preview {}", dir.display())?;
    Ok(ExitCode::SUCCESS)
}

fn write_template(dir: &Dir<'_>, dest: &Path, id: &str) -> anyhow::Result<()> {
    for file in dir.files() {
        let path = dest.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        }
        let text = String::from_utf8_lossy(file.contents()).replace("{{id}}", id);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    for sub in dir.dirs() {
        write_template(sub, dest, id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{self, DirSource};

    #[test]
    fn folder_names_become_valid_ids() {
        assert_eq!(id_from_name("Gender Basics 2027"), "gender-basics-2027");
        assert_eq!(id_from_name("  CEDAW: rights!"), "cedaw-rights");
        assert_eq!(id_from_name("性别"), "my-course");
        assert!(course::is_valid_id(&id_from_name("Ünïcode Ñame")));
    }

    #[test]
    fn the_starter_course_validates_without_errors_or_warnings() {
        let dir = tempfile::tempdir().unwrap();
        let course_dir = dir.path().join("Inclusive Meetings");
        new_course(&course_dir).unwrap();
        let loaded = course::load(&DirSource::new(&course_dir));
        assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
        let c = loaded.course.unwrap();
        assert_eq!(c.id, "inclusive-meetings");
        assert_eq!(c.item_count(), 2);
        // Every field is explained in a comment.
        let toml = std::fs::read_to_string(course_dir.join("course.toml")).unwrap();
        for key in [
            "format", "id", "version", "title", "language", "summary", "minutes", "modules",
        ] {
            let explained = toml.lines().collect::<Vec<_>>().windows(2).any(|w| {
                w[0].starts_with('#')
                    && (w[1].starts_with(key) || w[1].starts_with(&format!("[[{key}")))
            }) || toml.contains(&format!("# {key}"));
            assert!(explained, "`{key}` has no comment above it");
        }
    }

    #[test]
    fn new_never_overwrites_a_folder_with_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = new_course(dir.path()).unwrap_err().to_string();
        assert!(err.contains("not an empty folder"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }
}
