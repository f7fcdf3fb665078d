//! The command line, as clap definitions. `main.rs` dispatches on them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// How `hatua report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tables for people, with small bar charts.
    Table,
    /// One CSV section per table, for spreadsheets.
    Csv,
    /// Everything as one JSON document, for tools.
    Json,
}

/// How a listing or a check writes: for people, or for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines and columns for people.
    Text,
    /// One JSON document on standard output, with field names that stay the same.
    Json,
}

// The examples `--help` shows under the commands trainers use most. Each is a command line
// that works as written (with the names changed), and says what it is for.

const VALIDATE_EXAMPLES: &str = "\
Examples:
  hatua validate my-course                check the course folder you are writing
  hatua validate my-course-1.0.0.zip      check an archive before handing it out
  hatua validate my-course --format json  the same, for an editor or a script";

const PACK_EXAMPLES: &str = "\
Examples:
  hatua pack my-course -o my-course-1.0.0.zip
  hatua keygen org.key                    once: org.key (keep it secret) and org.key.pub
  hatua pack my-course -o my-course-1.0.0.zip --sign org.key";

const IMPORT_EXAMPLES: &str = "\
Examples:
  hatua import my-course-1.0.0.zip
  hatua import /media/usb                 every course found on the drive
  hatua import my-course-1.0.0.zip --force    put back an older version";

const EXPORT_EXAMPLES: &str = "\
Examples:
  hatua export --to /media/usb            what is new since the last export
  hatua export --to /media/usb --all      every record, again";

const REPORT_EXAMPLES: &str = "\
Examples:
  hatua report                            every course, quiz and learner
  hatua report --course cedaw             one course, with each question
  hatua report --learner Amina            one learner
  hatua report --format csv > report.csv  for a spreadsheet";

const LEARNERS_EXAMPLES: &str = "\
Examples:
  hatua learners list --all
  hatua learners list --format json
  hatua learners add Amina
  echo 4821 | hatua learners add Amina --pin-stdin
  hatua learners add Wanjiru --picture fish:blue
  hatua learners grant Amina --course cedaw --quiz cedaw-final --attempts 2
  hatua learners archive Amina";

const SYNC_EXAMPLES: &str = "\
Examples:
  hatua sync --lrs https://lrs.example.org/xAPI --user site-12    asks for the password
  hatua sync --password-stdin < lrs-password.txt    lrs_url and lrs_user in config.toml";

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

    /// Draw with ASCII characters only (marks, borders, accents), for a terminal or font
    /// that shows other characters wrongly. Hatua chooses this by itself on the Linux
    /// console and without a UTF-8 locale.
    #[arg(long, global = true)]
    pub ascii: bool,

    /// Plain mode, for screen readers and braille displays: the player writes each screen
    /// once as lines of text, choices as a numbered list, and reads each answer as a line.
    /// No boxes, no colours, nothing redrawn.
    #[arg(long, env = "HATUA_PLAIN", value_parser = clap::builder::BoolishValueParser::new())]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a course folder or a packed .zip and print every problem, like a compiler,
    /// and what `hatua import` on this computer would do with it.
    ///
    /// Exits 0 when the course is valid (warnings allowed), 1 when it has errors.
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate {
        /// The course folder (the one holding course.toml), or a .zip made by `hatua pack`.
        path: PathBuf,
        /// `text` for people, `json` for tools and editors.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// A course's translations: how far each language is, and marking a translation as
    /// up to date with its source (docs/translating.md).
    Translation {
        #[command(subcommand)]
        action: TranslationCommand,
    },
    /// Create a starter course in a new folder, every field explained in comments.
    New {
        /// The folder to create; its name becomes the course id.
        dir: PathBuf,
    },
    /// Play a course folder without installing it, reloading when a file changes. Its
    /// records are kept apart from real learners'.
    Preview {
        /// The course folder (the one holding course.toml).
        dir: PathBuf,
    },
    /// Convert a Moodle GIFT question file into Hatua's native quiz format (TOML).
    ///
    /// Warnings go to standard error. With errors nothing is written and the exit code is 1.
    #[command(name = "gift2toml")]
    Gift2Toml {
        /// The GIFT file (a `.gift` file, or a Moodle export `.txt`).
        file: PathBuf,
        /// Write the quiz to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists (a quiz edited by hand would be lost).
        #[arg(long)]
        force: bool,
    },
    /// List the available courses: id, version, number of items, origin and title.
    ///
    /// ORIGIN says where a course comes from: `built-in`, or for an installed one who
    /// signed it (`signed by NAME`, `signed by an unknown key`, `unsigned`).
    ///
    /// With --format json: an array with one object per course, fields `id`, `version`,
    /// `title`, `items`, `origin` (`built-in` or `installed`), `signature` (`signed`,
    /// `unknown-key`, `unsigned`, or null for a built-in course), `signed_by` (the trusted
    /// publisher's name, or null), `folder` (an installed course's folder, or null),
    /// `available` (false for a course that cannot be opened) and `problem` (why not, or
    /// null). `version` and `items` are null for a course that cannot be opened.
    Courses {
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Pack a course folder into one reproducible .zip, with a manifest of every file's
    /// hash, optionally signed.
    #[command(after_help = PACK_EXAMPLES)]
    Pack {
        /// The course folder.
        dir: PathBuf,
        /// The archive to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Sign the manifest with this secret key (made by `hatua keygen`).
        #[arg(long, value_name = "KEY")]
        sign: Option<PathBuf>,
    },
    /// Make an ed25519 key pair for an organisation that signs its courses.
    Keygen {
        /// Where to write the secret key; the public key goes beside it, ending in .pub.
        file: PathBuf,
    },
    /// The publishers whose signatures this workstation trusts.
    Trust {
        #[command(subcommand)]
        action: TrustCommand,
    },
    /// Install course bundles: archives, course folders, or a drive to search.
    #[command(after_help = IMPORT_EXAMPLES)]
    Import {
        /// Archives, course folders, or folders (like /media/usb) to search a few levels down.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Install even when the bundle is older than the installed version, or the same.
        #[arg(long)]
        force: bool,
    },
    /// Uninstall a course. Learners' records of it are kept.
    Remove { course_id: String },
    /// Manage learners' profiles, for coordinators who script a site's set-up.
    #[command(after_help = LEARNERS_EXAMPLES)]
    Learners {
        #[command(subcommand)]
        action: LearnersCommand,
    },
    /// Write a learner's certificate for a completed course, or check a certificate's code.
    #[command(args_conflicts_with_subcommands = true)]
    Certificate {
        #[command(subcommand)]
        action: Option<CertificateCommand>,
        /// The learner's name or id.
        #[arg(long)]
        learner: Option<String>,
        /// The course id.
        #[arg(long)]
        course: Option<String>,
    },
    /// Write this site's records to a drive: one signed file of xAPI statements and CSV
    /// tables, holding what no export held before (or everything, with --all).
    #[command(after_help = EXPORT_EXAMPLES)]
    Export {
        /// The folder to write into (a drive, or a folder on it).
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// Every record, not only what is new since the last export.
        #[arg(long)]
        all: bool,
        /// Put learners' names in the file. Without it a learner is an opaque id and her
        /// site: some courses deal with gender-based violence.
        #[arg(long)]
        with_names: bool,
    },
    /// Merge other sites' exports into this data folder (the trainer's hub). Merging a file
    /// twice adds nothing.
    Merge {
        /// Export files (`*.hatua-records.zip`), or folders to look in.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Send the records on to the organisation's Learning Record Store (xAPI): every
    /// statement it has not acknowledged yet, from this site or, on a hub, every merged one.
    /// The password comes from a prompt, --password-stdin, or HATUA_LRS_PASSWORD.
    #[command(after_help = SYNC_EXAMPLES)]
    Sync {
        /// The LRS's xAPI address, e.g. https://lrs.example.org/xAPI (or `lrs_url` in the
        /// config file).
        #[arg(long, value_name = "URL")]
        lrs: Option<String>,
        /// The user (the LRS's key) to log in as (or `lrs_user` in the config file).
        #[arg(long)]
        user: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Put learners' names in the statements. Without it a learner is an opaque id and
        /// her site.
        #[arg(long)]
        with_names: bool,
        /// How many times a batch is tried again when the network or the LRS fails (waiting
        /// 1, 2, 4… seconds).
        #[arg(long, default_value_t = 4, value_name = "N")]
        retries: u32,
        /// Statements a request: lower it if the LRS or a proxy refuses large requests.
        #[arg(long, default_value_t = 500, value_name = "N",
              value_parser = clap::value_parser!(u32).range(1..=10_000))]
        batch: u32,
    },
    /// Reports from the records: per course, quiz, question and learner.
    ///
    /// --format json writes one document for tools: the courses, quizzes and learners
    /// tables under stable field names (`course_id`, `quiz_id`, `learner_id`…).
    #[command(after_help = REPORT_EXAMPLES)]
    Report {
        /// Only this site (its id or name); on a hub, every site merged is included.
        #[arg(long)]
        site: Option<String>,
        /// Only this course (its id).
        #[arg(long)]
        course: Option<String>,
        /// One learner's report (name or id).
        #[arg(long)]
        learner: Option<String>,
        /// `table` for people, `csv` for spreadsheets, `json` for tools.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Make a checked copy of the records now: into the data folder's backups/, or into a
    /// folder on a drive for the trainer. The first start of each day makes one by itself.
    Backup {
        /// Write the copy into DIR (a drive) instead of the data folder's backups/.
        #[arg(long, value_name = "DIR", conflicts_with = "list")]
        to: Option<PathBuf>,
        /// List the backups kept in backups/, newest first, instead of making one.
        #[arg(long)]
        list: bool,
    },
    /// Put a backup back in place of the records, after checking it and asking. The
    /// records there now are set aside with the time in their name, never deleted.
    Restore {
        /// The backup to put back (`hatua backup --list` shows them).
        #[arg(required_unless_present = "empty", conflicts_with = "empty")]
        file: Option<PathBuf>,
        /// Start empty records instead (after a damaged file was set aside, with no backup).
        #[arg(long)]
        empty: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Check this installation and say what is found, for a site to read out to whoever
    /// helps it: versions, the folders and files in use and why, the config file's
    /// mistakes, the log, free space, the records file (checked in full), every installed
    /// course (checked against its manifest), trusted keys and the terminal. Last, each
    /// problem with what to do. Changes nothing; exits 1 when something is wrong.
    Doctor,
    /// The site's own support contacts (support.toml in the data folder), which lessons
    /// show where they ask for them.
    Support {
        #[command(subcommand)]
        action: SupportCommand,
    },
    /// Facilitator settings.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
    /// Print a tab-completion script for SHELL, generated from the commands themselves.
    ///
    /// bash: `hatua completions bash > ~/.local/share/bash-completion/completions/hatua`;
    /// zsh: into a folder on $fpath as `_hatua`; fish:
    /// `hatua completions fish > ~/.config/fish/completions/hatua.fish`; PowerShell: add
    /// `hatua completions powershell | Out-String | Invoke-Expression` to $PROFILE.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from the commands themselves:
    /// `hatua man > hatua.1`, or `hatua man | man -l -` to read it now.
    Man {
        /// Write hatua.1 and one page per command (hatua-validate.1…) into DIR instead.
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LearnersCommand {
    /// List learners, most recently seen first (the shared screen lists them by name).
    ///
    /// With --format json: an array with one object per learner, fields `id`, `name`,
    /// `has_pin`, `picture` (`symbol:colour`, or null), `archived`, `created_at` and
    /// `last_seen_at` (UTC, or null when never seen). A PIN itself is never shown.
    List {
        /// Include archived learners.
        #[arg(long)]
        all: bool,
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Add a learner.
    Add {
        /// The display name (a pseudonym is fine).
        name: String,
        /// Read a PIN of 4 to 8 digits from standard input (asked twice, without echo, on a
        /// terminal), so it never appears in the shell's history.
        #[arg(long)]
        pin_stdin: bool,
        /// The picture shown by her name, for a learner who does not read it: a symbol
        /// (sun, tree, house, fish, star, cup, key, bird, flower), optionally with a colour
        /// (red, yellow, green, cyan, blue, magenta) as `fish:blue`; or `auto` for the first
        /// picture no other learner has, as the New learner screen starts with.
        #[arg(long, value_name = "SYMBOL[:COLOUR]|auto")]
        picture: Option<String>,
    },
    /// Give a learner another name.
    Rename {
        /// The learner's current name or id.
        learner: String,
        new_name: String,
    },
    /// Delete a learner and every record of theirs. Archive keeps the records instead.
    Remove {
        /// The learner's name or id.
        learner: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Merge two profiles of one person: every record of OTHER moves to KEEP, then OTHER
    /// is removed. KEEP's name, PIN and preferences stay.
    Merge {
        /// The profile to keep (name or id).
        keep: String,
        /// The profile whose records move to KEEP (name or id).
        other: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Give a learner more attempts at a quiz whose attempts she has used up.
    Grant {
        /// The learner's name or id.
        learner: String,
        /// The course id.
        #[arg(long)]
        course: String,
        /// The quiz id (as `hatua courses` and the course's outline show it).
        #[arg(long)]
        quiz: String,
        /// How many more attempts (1 to 100).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
        attempts: u32,
        /// Who grants them, for the record; by default the user running the command.
        #[arg(long)]
        by: Option<String>,
    },
    /// Hide a learner from "Who is learning?", keeping their records.
    Archive {
        /// The learner's name or id.
        learner: String,
        /// Bring an archived learner back instead.
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CertificateCommand {
    /// Check a certificate: its file (.html or .txt), the signed statement it carries
    /// (`HATUA1.…`), or its short code on the desk that issued it.
    Verify {
        #[arg(value_name = "FILE|PAYLOAD|CODE")]
        certificate: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    /// Trust a publisher's or a site's key: a .pub file (from `hatua keygen`, or a site's
    /// site.key.pub), or `ed25519:<hex>`. Courses and certificates it signed then show its name.
    Add {
        key: String,
        /// The name shown as "signed by <name>".
        #[arg(long)]
        name: String,
    },
    /// List the trusted publishers.
    ///
    /// With --format json: an array with one object per publisher, fields `name`, `key`
    /// (`ed25519:<hex>`, as `hatua trust add` takes it) and `added_at` (UTC); `[]` when
    /// none is trusted.
    List {
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Stop trusting a publisher, by name or key.
    Remove { key_or_name: String },
}

#[derive(Debug, Subcommand)]
pub enum TranslationCommand {
    /// Per language: files translated, missing, and changed in the source since they were
    /// translated.
    Status {
        /// The course folder (the one holding course.toml).
        dir: PathBuf,
    },
    /// Record that the translations into LANGUAGE follow the source as it is now (in
    /// `[follows]` of course.LANGUAGE.toml). Run it once a translation is checked.
    Stamp {
        /// The course folder (the one holding course.toml).
        dir: PathBuf,
        /// The language of the translation: `fr`, `es`.
        language: String,
        /// Only these source files (`lessons/intro.md`); all translated ones by default.
        files: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SupportCommand {
    /// Show the contacts as lessons will list them, and where the file is.
    Show,
    /// Check the file; exits 1 with each mistake at its line when it cannot be used.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Set the facilitator password, which guards the facilitator's screen.
    Init {
        /// Change a password that is already set (asks for the current one first).
        #[arg(long)]
        change: bool,
        /// Read the password(s) from standard input, one per line, instead of the terminal
        /// (with --change: the current one first).
        #[arg(long)]
        password_stdin: bool,
    },
}
