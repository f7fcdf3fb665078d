//! `hatua learners …` and `hatua admin init`: profiles and the facilitator password from the
//! shell. Secrets are read without echo and never taken as arguments.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::cli::{AdminCommand, Format, LearnersCommand};
use crate::pictures::{Colour, Picture, Symbol};
use crate::store::{Learner, NewPin, Store};

fn open_store(data_dir: Option<&Path>) -> anyhow::Result<(Store, PathBuf)> {
    super::open_records(data_dir, crate::desk::Daily::Now)
}

/// `text` padded with spaces to `width` terminal cells (CJK characters take two).
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

fn find(store: &Store, who: &str) -> anyhow::Result<Learner> {
    store.find_learner(who)?.with_context(|| {
        format!("no learner is called or has the id “{who}”. `hatua learners list --all` shows them all.")
    })
}

pub fn run(data_dir: Option<&Path>, action: LearnersCommand) -> anyhow::Result<ExitCode> {
    let (mut store, dir) = open_store(data_dir)?;
    let mut out = crate::sanitize::stdout();
    match action {
        LearnersCommand::List { all, format } => list(&store, &mut out, all, format)?,
        LearnersCommand::Add {
            name,
            pin_stdin,
            picture,
        } => {
            // The picture first: a mistake in it is said before a PIN is asked for.
            let picture = picture.map(|p| chosen_picture(&store, &p)).transpose()?;
            let pin = if pin_stdin {
                Some(read_secret("PIN (4 to 8 digits): ", true)?)
            } else {
                None
            };
            let learner =
                store.add_learner_with(&name, picture, pin.as_deref().map(NewPin::Digits))?;
            writeln!(
                out,
                "added {} ({}){}{}",
                learner.name,
                learner.id.0,
                learner
                    .picture
                    .map(|p| format!(" with the picture {}:{}", p.symbol.id(), p.colour.id()))
                    .unwrap_or_default(),
                if learner.has_pin { " with a PIN" } else { "" }
            )?;
        }
        LearnersCommand::Rename { learner, new_name } => {
            let l = find(&store, &learner)?;
            let renamed = store.rename_learner(&l.id, &new_name)?;
            writeln!(out, "renamed {} to {}", l.name, renamed.name)?;
        }
        LearnersCommand::Remove { learner, yes } => {
            remove(&mut store, &dir, &mut out, &learner, yes)?;
        }
        LearnersCommand::Merge { keep, other, yes } => {
            merge(&mut store, &mut out, (&keep, &other), yes)?;
        }
        LearnersCommand::Grant {
            learner,
            course,
            quiz,
            attempts,
            by,
        } => {
            let l = find(&store, &learner)?;
            let by = by
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "a coordinator".to_string());
            let library = crate::library::Library::load(Some(&dir));
            let has_quiz = library
                .course(&course)
                .is_some_and(|c| c.items().any(|i| i.is_quiz() && i.id == quiz));
            if !has_quiz {
                bail!(
                    "no course `{course}` with a quiz `{quiz}` is installed here; `hatua courses` lists the courses, and a course's outline its quizzes"
                );
            }
            store.grant_attempts(&l.id, &course, &quiz, attempts, &by)?;
            writeln!(
                out,
                "{} may take the quiz `{quiz}` of `{course}` {attempts} more time{} (granted by {by})",
                l.name,
                if attempts == 1 { "" } else { "s" }
            )?;
        }
        LearnersCommand::Archive { learner, undo } => {
            let l = find(&store, &learner)?;
            store.set_archived(&l.id, !undo)?;
            let done = if undo {
                "brought back"
            } else {
                "archived (records kept)"
            };
            writeln!(out, "{} {done}", l.name)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `hatua learners list`: a table, most recently seen first, or the same as JSON.
fn list(store: &Store, out: &mut impl Write, all: bool, format: Format) -> anyhow::Result<()> {
    let learners = store.learners_recent_first(all)?;
    if format == Format::Json {
        let rows: Vec<ListedLearner> = learners.iter().map(ListedLearner::of).collect();
        let json = serde_json::to_string_pretty(&rows).expect("learners are plain data");
        writeln!(out, "{json}")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<36}  {}  {:<4}  {:<8}  LAST SEEN",
        "ID",
        pad("NAME", 24),
        "PIN",
        "STATE"
    )?;
    for l in learners {
        writeln!(
            out,
            "{:<36}  {}  {:<4}  {:<8}  {}",
            l.id.0,
            pad(&l.name, 24),
            if l.has_pin { "yes" } else { "no" },
            if l.archived { "archived" } else { "active" },
            l.last_seen_at.as_deref().unwrap_or("never")
        )?;
    }
    Ok(())
}

/// A learner in `hatua learners list --format json`: the fields its `--help` promises, in
/// this order. A PIN's hash never leaves the store.
#[derive(serde::Serialize)]
struct ListedLearner<'a> {
    id: &'a str,
    name: std::borrow::Cow<'a, str>,
    has_pin: bool,
    /// `symbol:colour` (`fish:blue`), as `learners add --picture` takes it, or null.
    picture: Option<String>,
    archived: bool,
    created_at: &'a str,
    last_seen_at: Option<&'a str>,
}

impl<'a> ListedLearner<'a> {
    fn of(l: &'a Learner) -> Self {
        ListedLearner {
            id: &l.id.0,
            name: crate::sanitize::visible_line(&l.name),
            has_pin: l.has_pin,
            picture: l
                .picture
                .map(|p| format!("{}:{}", p.symbol.id(), p.colour.id())),
            archived: l.archived,
            created_at: &l.created_at,
            last_seen_at: l.last_seen_at.as_deref(),
        }
    }
}

/// `hatua learners remove`: the learner, their records and certificate files, once confirmed.
fn remove(
    store: &mut Store,
    dir: &Path,
    out: &mut impl Write,
    learner: &str,
    yes: bool,
) -> anyhow::Result<()> {
    let l = find(store, learner)?;
    if !yes
        && !confirm(&format!(
            "Delete {} and every record of theirs? This cannot be undone. [y/N] ",
            l.name
        ))?
    {
        writeln!(out, "nothing was deleted")?;
        return Ok(());
    }
    crate::certificate::delete_learner(store, dir, &l.id)?;
    writeln!(
        out,
        "deleted {} with their records and certificate files; their certificates' codes still check out, without the name",
        l.name
    )?;
    Ok(())
}

/// `hatua learners merge`: every record of `other` moved to `keep`, once confirmed.
fn merge(
    store: &mut Store,
    out: &mut impl Write,
    (keep, other): (&str, &str),
    yes: bool,
) -> anyhow::Result<()> {
    let (k, o) = (find(store, keep)?, find(store, other)?);
    if !yes
        && !confirm(&format!(
            "Move every record of {} to {} and remove the profile {}? [y/N] ",
            o.name, k.name, o.name
        ))?
    {
        writeln!(out, "nothing was merged")?;
        return Ok(());
    }
    store.merge_learners(&k.id, &o.id)?;
    writeln!(out, "merged {} into {}", o.name, k.name)?;
    Ok(())
}

pub fn admin(data_dir: Option<&Path>, action: AdminCommand) -> anyhow::Result<ExitCode> {
    let AdminCommand::Init {
        change,
        password_stdin,
    } = action;
    let (mut store, _) = open_store(data_dir)?;
    // Standard input is locked only when it carries the passwords: read_secret locks it too.
    let mut piped = password_stdin.then(|| std::io::stdin().lock().lines());
    let mut read = |prompt: &str| -> anyhow::Result<String> {
        match &mut piped {
            Some(lines) => lines
                .next()
                .context("standard input ended before the password")?
                .context("cannot read standard input"),
            None => read_secret(prompt, false),
        }
    };
    if store.has_facilitator_password()? {
        if !change {
            bail!(
                "a facilitator password is already set. To change it, run `hatua admin init --change`, which asks for the current one first."
            );
        }
        let current = read("Current facilitator password: ")?;
        if !store.check_facilitator_password(&current)? {
            bail!("that is not the current facilitator password; nothing was changed.");
        }
    }
    let password = read("New facilitator password (at least 8 characters): ")?;
    if !password_stdin {
        let again = read("The same password again: ")?;
        if again != password {
            bail!("the two passwords are not the same; nothing was changed.");
        }
    }
    store.set_facilitator_password(&password)?;
    writeln!(crate::sanitize::stdout(), "the facilitator password is set")?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a secret: from the terminal without echo (asked twice when `twice`), or one line
/// from standard input when it is not a terminal (a script).
fn read_secret(prompt: &str, twice: bool) -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        let read = std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read standard input")?;
        if read == 0 {
            bail!(
                "standard input ended before the secret was given; pipe it in, e.g. \
                 `echo 4821 | hatua learners add NAME --pin-stdin`"
            );
        }
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = rpassword::prompt_password(prompt).context("cannot read from the terminal")?;
    if twice {
        let again = rpassword::prompt_password("The same again: ")
            .context("cannot read from the terminal")?;
        if again != first {
            bail!("the two entries are not the same; nothing was changed.");
        }
    }
    Ok(first)
}

/// Asks a yes/no question on the terminal; without a terminal the answer is no.
fn confirm(question: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!("deleting needs confirmation: run it in a terminal, or add --yes");
    }
    write!(crate::sanitize::stderr(), "{question}")?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// The picture `--picture` names: `fish`, `fish:blue` or `auto`. Without a colour, the
/// first colour no other learner has with that symbol.
fn chosen_picture(store: &Store, given: &str) -> anyhow::Result<Picture> {
    let taken: Vec<Picture> = store
        .all_learners()?
        .iter()
        .filter_map(|l| l.picture)
        .collect();
    let given = given.trim().to_lowercase();
    if given == "auto" {
        return Ok(Picture::first_free(&taken));
    }
    let (symbol, colour) = given.split_once(':').unwrap_or((&given, ""));
    let words = |ids: Vec<&str>| ids.join(", ");
    if symbol.is_empty() {
        bail!(
            "`--picture {given}` names no picture before the colour; use one of: {}, as `fish:blue`",
            words(Symbol::ALL.iter().map(|s| s.id()).collect())
        );
    }
    let Some(symbol) = Symbol::from_id(symbol) else {
        bail!(
            "`{symbol}` is not a picture; use one of: {}, or `auto`",
            words(Symbol::ALL.iter().map(|s| s.id()).collect())
        );
    };
    let colour = if colour.is_empty() {
        Colour::ALL
            .into_iter()
            .find(|&colour| !taken.contains(&Picture { symbol, colour }))
            .unwrap_or(Colour::Red)
    } else {
        Colour::from_id(colour).with_context(|| {
            format!(
                "`{colour}` is not a picture colour; use one of: {}",
                words(Colour::ALL.iter().map(|c| c.id()).collect())
            )
        })?
    };
    Ok(Picture { symbol, colour })
}
