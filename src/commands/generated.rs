//! `hatua completions SHELL` and `hatua man`: the shell completion scripts and the man pages,
//! generated from the clap definitions in `cli.rs`, so they can never disagree with `--help`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;

use crate::cli::Cli;

/// `hatua completions SHELL`: the script on standard output.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    // Made in memory first: clap_complete panics on a failed write, and a closed pipe
    // (`hatua completions bash | head`) is an ordinary error here.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hatua", &mut script);
    write_stdout(&script)
}

/// `hatua man [--to DIR]`: the page of `hatua` on standard output, or every page (one per
/// command and subcommand, as `hatua-learners-add.1`) written into `dir`.
pub fn man(dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    match dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            write_stdout(&page)
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
            clap_mangen::generate_to(Cli::command(), dir)
                .with_context(|| format!("cannot write the man pages into {}", dir.display()))?;
            writeln!(
                crate::sanitize::stdout(),
                "wrote the man pages into {} (hatua.1, and one per command)",
                dir.display()
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut out = crate::sanitize::stdout();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_man_page_of_its_own() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        man(Some(dir.path())).expect("the pages are written");
        for page in ["hatua.1", "hatua-validate.1", "hatua-learners-add.1"] {
            let text = std::fs::read_to_string(dir.path().join(page))
                .unwrap_or_else(|e| panic!("{page}: {e}"));
            assert!(text.contains(".TH"), "{page}: no title line");
        }
        // clap's own `help` pseudo-command is no page.
        assert!(!dir.path().join("hatua-help.1").exists());
    }
}
