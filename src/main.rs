//! The `hatua` binary: parse the command line, dispatch, turn errors into sentences.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use hatua::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(dir) = hatua::paths::data_dir(cli.data_dir.as_deref()) {
        hatua::log::start(&dir);
    }
    install_panic_message();
    let command = command_name(&cli.command);
    // Every event, a panic's too, says which command it came from.
    let _span = tracing::info_span!("hatua", command).entered();
    let logged = changes_data(&cli.command);
    if logged {
        tracing::info!(version = env!("CARGO_PKG_VERSION"), "start");
    }
    let code = match run(cli) {
        Ok(code) => code,
        // `hatua learners list | head -1`: the reader has what it wanted. Nothing to say.
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let sentence = sentence(&e);
            tracing::error!("{sentence}");
            let _ = writeln!(hatua::sanitize::stderr(), "hatua: {sentence}");
            ExitCode::FAILURE
        }
    };
    if logged || command == "player" {
        tracing::info!("stop");
    }
    code
}

/// Whether a command's start and stop go to the log: those that change what the site
/// keeps. The others log only what goes wrong, so `hatua courses` leaves no trace; the
/// player logs its start once its data folder is there (see [`run`]).
fn changes_data(command: &Option<Command>) -> bool {
    use hatua::cli::{CertificateCommand, LearnersCommand, SupportCommand, TrustCommand};
    match command {
        None
        | Some(
            Command::Validate { .. }
            | Command::Translation { .. }
            | Command::New { .. }
            | Command::Preview { .. }
            | Command::Courses { .. }
            | Command::Pack { .. }
            | Command::Keygen { .. }
            | Command::Report { .. }
            | Command::Doctor
            | Command::Completions { .. }
            | Command::Man { .. },
        ) => false,
        Some(
            Command::Learners {
                action: LearnersCommand::List { .. },
            }
            | Command::Trust {
                action: TrustCommand::List { .. },
            }
            | Command::Certificate {
                action: Some(CertificateCommand::Verify { .. }),
                ..
            }
            | Command::Support {
                action: SupportCommand::Show | SupportCommand::Check,
            },
        ) => false,
        Some(_) => true,
    }
}

/// The command's name alone (`Learners`), never its arguments: a learner's name or a path
/// is not the log's to keep.
fn command_name(command: &Option<Command>) -> String {
    match command {
        None => "player".to_string(),
        Some(c) => format!("{c:?}")
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect(),
    }
}

/// Runs the command asked for. The configuration file is read only by the commands that
/// use it, so a broken one stops nothing else.
fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let data_dir = cli.data_dir.as_deref();
    let config = || {
        hatua::config::load(cli.config.as_deref()).map(|mut c| {
            c.ascii |= cli.ascii;
            c.plain |= cli.plain;
            c
        })
    };
    match cli.command {
        None => {
            let config = config()?;
            // The player makes its folder anyway; made here, the log has its start too.
            if let Some(dir) = hatua::paths::data_dir(data_dir) {
                let _ = std::fs::create_dir_all(dir);
            }
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "start");
            // For the test of what a panic leaves behind; a release build ignores it.
            if cfg!(debug_assertions)
                && std::env::var_os("HATUA_FAULT").is_some_and(|v| v == "panic")
            {
                panic!("a panic forced by HATUA_FAULT=panic");
            }
            hatua::tui::run(data_dir, &config)
        }
        Some(Command::Validate { path, format }) => {
            hatua::commands::validate(&path, format, data_dir, &config()?)
        }
        Some(Command::New { dir }) => hatua::commands::author::new_course(&dir),
        Some(Command::Translation { action }) => hatua::commands::translation::run(action),
        Some(Command::Preview { dir }) => hatua::tui::preview(&dir, data_dir, &config()?),
        Some(Command::Pack { dir, output, sign }) => {
            hatua::commands::bundles::pack(&dir, &output, sign.as_deref())
        }
        Some(Command::Keygen { file }) => hatua::commands::bundles::keygen(&file),
        Some(Command::Trust { action }) => hatua::commands::bundles::trust(data_dir, action),
        Some(Command::Import { paths, force }) => {
            hatua::commands::bundles::import(data_dir, &paths, force, &config()?)
        }
        Some(Command::Remove { course_id }) => {
            hatua::commands::bundles::remove(data_dir, &course_id)
        }
        Some(Command::Gift2Toml {
            file,
            output,
            force,
        }) => hatua::commands::gift::gift2toml(&file, output.as_deref(), force),
        Some(Command::Courses { format }) => hatua::commands::courses(data_dir, format),
        Some(Command::Learners { action }) => hatua::commands::learners::run(data_dir, action),
        Some(
            command @ (Command::Certificate { .. }
            | Command::Sync { .. }
            | Command::Export { .. }
            | Command::Merge { .. }
            | Command::Report { .. }),
        ) => records(command, data_dir, &config()?),
        Some(Command::Admin { action }) => hatua::commands::learners::admin(data_dir, action),
        Some(Command::Backup { to: _, list: true }) => hatua::commands::backup::list(data_dir),
        Some(Command::Backup { to, list: false }) => {
            hatua::commands::backup::make(data_dir, to.as_deref())
        }
        Some(Command::Restore {
            file: Some(file),
            empty: false,
            yes,
        }) => hatua::commands::restore::run(data_dir, &file, yes),
        Some(Command::Restore { yes, .. }) => hatua::commands::restore::empty(data_dir, yes),
        Some(Command::Doctor) => hatua::commands::doctor::run(data_dir, cli.config.as_deref()),
        Some(Command::Support { action }) => hatua::commands::support::run(data_dir, action),
        Some(Command::Completions { shell }) => hatua::commands::generated::completions(shell),
        Some(Command::Man { to }) => hatua::commands::generated::man(to.as_deref()),
    }
}

/// The commands that carry records beyond the desk: certificates, export, merge, sync,
/// reports.
fn records(
    command: Command,
    data_dir: Option<&std::path::Path>,
    config: &hatua::config::Config,
) -> anyhow::Result<ExitCode> {
    match command {
        Command::Certificate {
            action,
            learner,
            course,
        } => hatua::commands::certificates::run(
            data_dir,
            action,
            learner,
            course,
            config.site_name.as_deref(),
            config.language.as_deref(),
        ),
        Command::Sync {
            lrs,
            user,
            password_stdin,
            with_names,
            retries,
            batch,
        } => {
            let request = hatua::commands::sync::Request {
                lrs: lrs.as_deref(),
                user: user.as_deref(),
                with_names,
                password_stdin,
                retries,
                batch: batch as usize,
            };
            hatua::commands::sync::run(data_dir, &request, config)
        }
        Command::Export {
            to,
            all,
            with_names,
        } => hatua::commands::records::export(data_dir, &to, all, with_names, config),
        Command::Merge { files } => hatua::commands::records::merge(data_dir, &files, config.merge),
        Command::Report {
            site,
            course,
            learner,
            format,
        } => hatua::commands::report::run(
            data_dir,
            site.as_deref(),
            course.as_deref(),
            learner.as_deref(),
            format,
            config.site_name.as_deref(),
        ),
        _ => unreachable!("only the records commands are sent here"),
    }
}

/// Whether the error is a write to a pipe whose reader has gone.
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
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

/// A bug must not greet a learner with a backtrace. The TUI's own hook restores the terminal
/// first and then calls this one. The log gets the panic with its place and backtrace, and
/// the message names the log.
fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!("panic: {what}{place}\n{backtrace}");
        let report = match hatua::log::path() {
            Some(path) => format!("please report this message and the log, {}", path.display()),
            None => "please report this message".to_string(),
        };
        // Not `eprintln!`: with the terminal gone, a failed print would panic in the hook.
        let _ = writeln!(
            std::io::stderr(),
            "hatua: an internal error stopped the program ({what}{place}). Every answer shown as \
             saved is kept. Start Hatua again; if this happens again, {report}."
        );
    }));
}
