//! The command line, as clap definitions. `main.rs` dispatches on them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Hatua: an offline course player for the terminal.
///
/// With no command, opens the player on the built-in and installed courses.
#[derive(Debug, Parser)]
#[command(name = "hatua", version, about, long_about)]
pub struct Cli {
    /// Keep data (the learners' records, installed courses) in DIR.
    #[arg(long, global = true, value_name = "DIR", env = "HATUA_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Read settings (idle lock, default language and theme) from FILE instead of the
    /// system's config folder.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a course folder and print every problem, like a compiler.
    ///
    /// Exits 0 when the course is valid (warnings allowed), 1 when it has errors.
    Validate {
        /// The course folder (the one holding course.toml).
        path: PathBuf,
    },
    /// List the available courses: id, version, title and number of items.
    Courses,
}
