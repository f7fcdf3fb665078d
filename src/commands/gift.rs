//! `hatua gift2toml`: a Moodle GIFT file converted to Hatua's native quiz format, for a
//! trainer who wants to go on editing the questions as TOML.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::course::gift::{self, GiftSettings};
use crate::course::load::MAX_TEXT_BYTES;
use crate::course::{Diagnostics, is_valid_id};

/// Converts `file`, writing the TOML to `output` or standard output. Warnings go to standard
/// error; with errors nothing is written and the exit code is 1.
pub fn gift2toml(file: &Path, output: Option<&Path>, force: bool) -> anyhow::Result<ExitCode> {
    if let Some(out) = output
        && out.exists()
        && !force
        && !same_file(file, out)
    {
        bail!(
            "{} already exists, and writing the quiz there would replace it (with any edits made to it by hand). Choose another name, or add --force to replace it.",
            out.display()
        );
    }
    let text = read_text(file)?;
    let name = file.display().to_string();
    let mut d = Diagnostics::new();
    let mut read = gift::read_as(
        &quiz_id(file),
        &name,
        &text,
        &GiftSettings::default(),
        &mut d,
    );
    // A quiz that would be refused as too large once written is refused now.
    if read
        .as_ref()
        .is_some_and(|g| !gift::fits_as_toml(g, &name, &mut d))
    {
        read = None;
    }
    let diagnostics = d.into_sorted();
    let errors = diagnostics.iter().filter(|x| x.is_error()).count();
    let mut err = crate::sanitize::stderr();
    for x in &diagnostics {
        writeln!(err, "{}", x.render())?;
    }
    let gift = match read {
        Some(gift) if errors == 0 => gift,
        _ => {
            writeln!(
                err,
                "{name}: {errors} error{}; nothing was written",
                if errors == 1 { "" } else { "s" }
            )?;
            return Ok(ExitCode::from(1));
        }
    };
    let source = file
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let toml = gift::to_toml(&gift, &source);
    match output {
        None => crate::sanitize::stdout()
            .write_all(toml.as_bytes())
            .context("cannot write to standard output")?,
        Some(out) => {
            write_toml(file, out, &toml)?;
            writeln!(
                err,
                "wrote {} question{} to {}",
                gift.quiz.questions.len(),
                if gift.quiz.questions.len() == 1 {
                    ""
                } else {
                    "s"
                },
                out.display()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The GIFT file's text: no larger than a quiz may be, and UTF-8.
fn read_text(file: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    if bytes.len() > MAX_TEXT_BYTES {
        bail!(
            "{} is {} KiB; a quiz may be at most {} KiB. Split it into several files.",
            file.display(),
            bytes.len() / 1024,
            MAX_TEXT_BYTES / 1024
        );
    }
    let Ok(text) = String::from_utf8(bytes) else {
        bail!(
            "{} is not UTF-8 text. Open it in your editor and save it with the UTF-8 encoding.",
            file.display()
        );
    };
    Ok(text)
}

/// Writes the TOML quiz to `out`, which must not be the GIFT file itself.
fn write_toml(file: &Path, out: &Path, toml: &str) -> anyhow::Result<()> {
    if same_file(file, out) {
        bail!(
            "{} is the GIFT file itself; choose another name for the TOML quiz, such as {}",
            out.display(),
            file.with_extension("toml").display()
        );
    }
    std::fs::write(out, toml).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(())
}

/// The quiz id: the file's name without its extension, made into an id if it is not one
/// (Moodle names its exports like `questions-Course-20240101-1200.txt`).
fn quiz_id(file: &Path) -> String {
    let stem = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.split('.').next().unwrap_or_default();
    if is_valid_id(stem) {
        return stem.to_string();
    }
    let id = super::author::id_from_name(stem);
    if id == "my-course" {
        "quiz".to_string()
    } else {
        id
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiz_ids_come_from_file_names() {
        assert_eq!(quiz_id(Path::new("quizzes/basics.gift")), "basics");
        assert_eq!(
            quiz_id(Path::new("questions-Gender 101-20240101.txt")),
            "questions-gender-101-20240101"
        );
        assert_eq!(quiz_id(Path::new("性别.gift")), "quiz");
    }
}
