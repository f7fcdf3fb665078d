//! The `hatua` binary: parse the command line, dispatch, turn errors into sentences.

use std::process::ExitCode;

use clap::Parser;
use hatua::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => hatua::tui::run(cli.data_dir.as_deref()),
        Some(Command::Validate { path }) => hatua::commands::validate(&path),
        Some(Command::Courses) => hatua::commands::courses(cli.data_dir.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("hatua: {}", sentence(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, skipping a cause whose text the message already contains.
fn sentence(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}
