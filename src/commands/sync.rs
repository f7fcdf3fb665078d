//! `hatua sync`: records on to the organisation's Learning Record Store.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::config::Config;
use crate::sync::{self, Lrs, Options, Progress, Summary};

/// The environment variable a script can give the LRS password in.
pub const PASSWORD_VAR: &str = "HATUA_LRS_PASSWORD";

/// What `hatua sync` was asked.
pub struct Request<'a> {
    pub lrs: Option<&'a str>,
    pub user: Option<&'a str>,
    pub with_names: bool,
    pub password_stdin: bool,
    pub retries: u32,
    pub batch: usize,
}

pub fn run(
    data_dir: Option<&Path>,
    request: &Request,
    config: &Config,
) -> anyhow::Result<ExitCode> {
    // Checked (and the day's backup made) as every start does; the sync opens its own.
    let (store, dir) = super::open_records(data_dir, crate::desk::Daily::Now)?;
    // Where and as whom the last sync from here went, for a facilitator who syncs monthly.
    let last = store.last_sync()?;
    drop(store);
    let url = request
        .lrs
        .or(config.lrs_url.as_deref())
        .or(last.as_ref().map(|l| l.lrs.as_str()))
        .context("say where the LRS is: `hatua sync --lrs https://lrs.example.org/xAPI`, or `lrs_url` in the config file")?;
    let user = request
        .user
        .or(config.lrs_user.as_deref())
        .or(last.as_ref().and_then(|l| l.user.as_deref()))
        .context(
            "say whom to log in as: `--user NAME` (the LRS's key), or `lrs_user` in the config file",
        )?;
    let password = password(request.password_stdin)?;
    let lrs = Lrs::new(url, user, &password)?;
    let mut err = crate::sanitize::stderr();
    if lrs.in_clear() {
        writeln!(
            err,
            "hatua: warning: {} is http://, not https://: the password and the records cross the network unencrypted",
            lrs.url
        )?;
    }
    let options = Options {
        with_names: request.with_names,
        retries: request.retries,
        batch: request.batch,
        ..Options::default()
    };
    let bar = std::io::stderr().is_terminal();
    let mut progress = |p: Progress| {
        if bar {
            let _ = write!(std::io::stderr(), "\r{}", progress_line(p, 30));
        }
    };
    let result = sync::sync_folder(&dir, &lrs, &options, &mut progress, &|| false);
    if bar {
        writeln!(err)?;
    }
    let summary = result?;
    print_summary(&summary, &lrs.url)?;
    Ok(if summary.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The password: from the environment, standard input (`--password-stdin`), or a prompt
/// that does not echo. Never an argument, which any user of the computer could read.
fn password(from_stdin: bool) -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(PASSWORD_VAR) {
        return Ok(p);
    }
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        let p = line.trim_end_matches(['\r', '\n']).to_string();
        if p.is_empty() {
            bail!("standard input held no password");
        }
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "give the LRS password: type it at a terminal, or pipe it with --password-stdin, or set {PASSWORD_VAR}"
        );
    }
    rpassword::prompt_password("LRS password: ").context("cannot read from the terminal")
}

/// `[#########---------]  12,000 of 200,000 statements`.
pub fn progress_line(p: Progress, width: usize) -> String {
    let filled = (p.done * width)
        .checked_div(p.total)
        .unwrap_or(0)
        .min(width);
    format!(
        "[{}{}] {} of {} statements",
        "#".repeat(filled),
        "-".repeat(width - filled),
        p.done,
        p.total
    )
}

fn print_summary(s: &Summary, url: &str) -> anyhow::Result<()> {
    let mut out = crate::sanitize::stdout();
    if s.sent + s.there + s.rejected.len() == 0 {
        if s.earlier == 0 {
            writeln!(out, "No records to send yet: the login to {url} works.")?;
        } else {
            writeln!(
                out,
                "Nothing new to send: {url} has all {} statements already.",
                s.earlier
            )?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "Synced with {url}: {} sent, {} already there, {} rejected.",
        s.sent,
        s.there,
        s.rejected.len()
    )?;
    for r in &s.rejected {
        writeln!(out, "  rejected {} ({}): {}", r.id, r.what, r.reason)?;
    }
    if !s.rejected.is_empty() {
        writeln!(
            out,
            "The rejected statements are tried again at the next sync; the rest are kept as sent."
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_statements_sent() {
        let line = |done, total| progress_line(Progress { done, total }, 10);
        assert_eq!(line(0, 0), "[----------] 0 of 0 statements");
        assert_eq!(line(5, 20), "[##--------] 5 of 20 statements");
        assert_eq!(line(20, 20), "[##########] 20 of 20 statements");
    }
}
