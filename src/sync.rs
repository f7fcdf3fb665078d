//! Records sent on to the organisation's Learning Record Store: every statement the LRS
//! has not acknowledged yet — of this site, or on a hub of every merged site — in batches,
//! each batch's outcome committed as soon as the LRS answers, so that a cut connection or a
//! kill -9 resumes where it stopped. A statement sent twice is harmless: its id is stable,
//! and an LRS holding it already counts it as done.

pub mod lrs;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde_json::Value;

use crate::harvest::export::{Planned, plan_of};
use crate::harvest::statements::{Writer, each_statement};
use crate::library::Library;
use crate::store::harvest::Range;
use crate::store::synced::BatchOutcome;
use crate::store::tally::Learners;
use crate::store::{Store, StoreError};

pub use lrs::{Answer, Lrs, LrsError};

/// How a sync goes.
#[derive(Debug, Clone)]
pub struct Options {
    /// Learners' names in the statements (else only their ids), as in an export.
    pub with_names: bool,
    /// Statements a batch; a batch is also cut at [`MAX_BATCH_BYTES`].
    pub batch: usize,
    /// How many times a batch is tried again after a network or LRS failure.
    pub retries: u32,
    /// The wait before the first retry; each next one waits twice as long.
    pub first_wait: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            with_names: false,
            batch: 500,
            retries: 4,
            first_wait: Duration::from_secs(1),
        }
    }
}

/// A batch's body is cut here whatever its count: some LRSs and proxies refuse large
/// requests.
pub const MAX_BATCH_BYTES: usize = 2 * 1024 * 1024;

/// A statement the LRS refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub id: String,
    /// What it tells, in short: `answered <question IRI>`.
    pub what: String,
    /// The LRS's answer.
    pub reason: String,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Statements the LRS stored now.
    pub sent: usize,
    /// Statements it held already (sent before, by an earlier sync cut short).
    pub there: usize,
    pub rejected: Vec<Rejected>,
    /// Statements the LRS acknowledged at an earlier sync, not sent again.
    pub earlier: usize,
    /// Sites whose statements went (this one, or every merged one on a hub).
    pub sites: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Site(#[from] crate::site::SiteError),
    #[error("{error}. {}", kept(*.done))]
    Lrs { error: LrsError, done: usize },
    #[error("the sync was stopped. {}", kept(*.done))]
    Stopped { done: usize },
}

/// What became of the statements before a sync stopped.
fn kept(done: usize) -> String {
    match done {
        0 => "Nothing was lost: the next sync sends everything".to_string(),
        1 => "The 1 statement acknowledged before that is kept; the next sync sends the rest"
            .to_string(),
        n => format!(
            "The {n} statements acknowledged before that are kept; the next sync sends the rest"
        ),
    }
}

/// Where a sync has got to: statements acknowledged or refused so far, of about how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// A site whose statements a sync sends: this desk's own (`site_id` of its learners is
/// NULL), or one merged here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub site_id: String,
    pub learners: Learners,
}

/// Every site whose records are in this data folder: this desk's, then the merged ones.
pub fn sources(store: &Store, own_site_id: &str) -> Result<Vec<Source>, StoreError> {
    let mut all = vec![Source {
        site_id: own_site_id.to_string(),
        learners: Learners::Local,
    }];
    for (id, _) in store.sites()? {
        all.push(Source {
            learners: Learners::Site(id.clone()),
            site_id: id,
        });
    }
    Ok(all)
}

/// The LRS as the `synced` table knows it: its address, without a trailing slash.
pub fn lrs_key(url: &str) -> String {
    url.trim().trim_end_matches('/').to_string()
}

/// The scheme and host of an LRS's address, for the log: never a password written into it
/// (`https://user:secret@lrs.example/xapi`) nor its path.
fn server_of(url: &str) -> String {
    let (scheme, rest) = url.trim().split_once("://").unwrap_or(("", url.trim()));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}")
}

/// Sends the records of the data folder `data_dir` — its own site's, and every merged
/// site's — that `lrs` has not acknowledged. See [`sync`].
pub fn sync_folder(
    data_dir: &std::path::Path,
    lrs: &Lrs,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
    stop: &dyn Fn() -> bool,
) -> Result<Summary, SyncError> {
    let mut store = Store::open(&data_dir.join(crate::paths::DATABASE_FILE))?;
    // Only the site's id is needed: its name goes in no statement.
    let site = crate::site::Site::open(&mut store, data_dir, None)?;
    let library = Library::load(Some(data_dir));
    let sources = sources(&store, &site.id)?;
    sync(&mut store, &library, lrs, &sources, options, progress, stop)
}

/// Sends every statement of `sources` that `lrs` has not acknowledged. `progress` hears
/// how far it got after each batch; `stop` is asked between batches.
pub fn sync(
    store: &mut Store,
    library: &Library,
    lrs: &Lrs,
    sources: &[Source],
    options: &Options,
    progress: &mut dyn FnMut(Progress),
    stop: &dyn Fn() -> bool,
) -> Result<Summary, SyncError> {
    let key = lrs_key(&lrs.url);
    lrs.check()
        .map_err(|error| SyncError::Lrs { error, done: 0 })?;
    let acknowledged = store.acknowledged(&key)?;
    let sync_id = store.start_sync(&key, &lrs.user)?;
    let mut run = Run {
        store,
        lrs,
        key: &key,
        sync_id: &sync_id,
        options,
        summary: Summary::default(),
        batch: Batch::default(),
        progress: Progress { done: 0, total: 0 },
        report: progress,
        stop,
    };
    let result = run.all(library, sources, &acknowledged);
    let summary = run.summary;
    let outcome = match &result {
        Ok(()) => "done".to_string(),
        Err(e) => e.to_string(),
    };
    tracing::info!(
        lrs = %server_of(&lrs.url),
        sent = summary.sent,
        there = summary.there,
        rejected = summary.rejected.len(),
        earlier = summary.earlier,
        "sync: {outcome}"
    );
    store.finish_sync(&sync_id, &outcome)?;
    result.map(|()| summary)
}

/// Statements waiting to go, serialized, with their ids.
#[derive(Default)]
struct Batch {
    items: Vec<(String, Vec<u8>)>,
    bytes: usize,
}

struct Run<'a> {
    store: &'a mut Store,
    lrs: &'a Lrs,
    key: &'a str,
    sync_id: &'a str,
    options: &'a Options,
    summary: Summary,
    batch: Batch,
    progress: Progress,
    report: &'a mut dyn FnMut(Progress),
    stop: &'a dyn Fn() -> bool,
}

impl Run<'_> {
    fn all(
        &mut self,
        library: &Library,
        sources: &[Source],
        acknowledged: &HashSet<String>,
    ) -> Result<(), SyncError> {
        let planned: Vec<(&Source, Planned)> = sources
            .iter()
            .map(|s| Ok((s, plan_of(self.store, library, &s.learners, Range::All)?)))
            .collect::<Result<_, SyncError>>()?;
        let all: usize = planned.iter().map(|(_, p)| statement_count(p)).sum();
        self.progress.total = all.saturating_sub(acknowledged.len());
        (self.report)(self.progress);
        for (source, planned) in &planned {
            if statement_count(planned) == 0 {
                continue;
            }
            self.summary.sites += 1;
            self.source(library, source, planned, acknowledged)?;
        }
        self.flush()
    }

    fn source(
        &mut self,
        library: &Library,
        source: &Source,
        planned: &Planned,
        acknowledged: &HashSet<String>,
    ) -> Result<(), SyncError> {
        let h = &planned.harvest;
        let names: Option<HashMap<&str, &str>> = self.options.with_names.then(|| {
            h.learners
                .iter()
                .map(|l| (l.id.as_str(), l.name.as_str()))
                .collect()
        });
        // Every statement is made, acknowledged or not, so that an activity's definition
        // rides with the same statement each time: a statement sent again after a cut is
        // then the very same statement.
        let mut writer = Writer::new(
            &source.site_id,
            crate::site::home_page(&source.site_id),
            library,
            names,
        );
        each_statement(&mut writer, h, &planned.completed, |v| {
            let id = v["id"].as_str().unwrap_or_default();
            if acknowledged.contains(id) {
                self.summary.earlier += 1;
                return Ok(());
            }
            let bytes = serde_json::to_vec(v).expect("a statement is plain JSON");
            if !self.batch.items.is_empty()
                && (self.batch.items.len() >= self.options.batch
                    || self.batch.bytes + bytes.len() > MAX_BATCH_BYTES)
            {
                self.flush()?;
            }
            self.batch.bytes += bytes.len() + 1;
            self.batch.items.push((id.to_string(), bytes));
            Ok::<(), SyncError>(())
        })?;
        Ok(())
    }

    /// Sends what is waiting, and keeps what the LRS made of it.
    fn flush(&mut self) -> Result<(), SyncError> {
        if self.batch.items.is_empty() {
            return Ok(());
        }
        if (self.stop)() {
            return Err(SyncError::Stopped {
                done: self.summary.sent + self.summary.there,
            });
        }
        let items = std::mem::take(&mut self.batch.items);
        self.batch.bytes = 0;
        self.send(&items)
    }

    /// Sends `items`; a refused batch is halved until the refused statements stand alone,
    /// so that one bad statement keeps none of the others back.
    fn send(&mut self, items: &[(String, Vec<u8>)]) -> Result<(), SyncError> {
        let mut outcome = BatchOutcome::default();
        match self.post(items)? {
            Answer::Stored(stored) => {
                let stored: HashSet<String> = stored.into_iter().collect();
                for (id, _) in items {
                    if stored.contains(id) {
                        outcome.sent.push(id.clone());
                    } else {
                        outcome.there.push(id.clone());
                    }
                }
            }
            Answer::AllThere => outcome.there = items.iter().map(|(id, _)| id.clone()).collect(),
            Answer::Refused { .. } if items.len() > 1 => {
                let (left, right) = items.split_at(items.len() / 2);
                self.send(left)?;
                return self.send(right);
            }
            // The LRS holds a statement of this id already, told differently (by an older
            // Hatua, or with its activity defined elsewhere): the record is there.
            Answer::Refused { status: 409, .. } => outcome.there.push(items[0].0.clone()),
            Answer::Refused { status, reason } => {
                let (id, bytes) = &items[0];
                let reason = format!("HTTP {status}: {reason}");
                self.summary.rejected.push(Rejected {
                    id: id.clone(),
                    what: describe(bytes),
                    reason: reason.clone(),
                });
                outcome.rejected.push((id.clone(), reason));
            }
        }
        self.store.record_batch(self.sync_id, self.key, &outcome)?;
        self.summary.sent += outcome.sent.len();
        self.summary.there += outcome.there.len();
        self.progress.done += items.len();
        self.progress.total = self.progress.total.max(self.progress.done);
        (self.report)(self.progress);
        Ok(())
    }

    /// Posts `items` as one JSON array, trying again with longer and longer waits while the
    /// network or the LRS fails.
    fn post(&self, items: &[(String, Vec<u8>)]) -> Result<Answer, SyncError> {
        let mut body =
            Vec::with_capacity(items.iter().map(|(_, b)| b.len() + 1).sum::<usize>() + 2);
        body.push(b'[');
        for (i, (_, bytes)) in items.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            body.extend_from_slice(bytes);
        }
        body.push(b']');
        let mut wait = self.options.first_wait;
        let mut tries = 0;
        loop {
            match self.lrs.post(&body) {
                Ok(answer) => return Ok(answer),
                Err(e) if e.is_transient() && tries < self.options.retries && !(self.stop)() => {
                    tries += 1;
                    std::thread::sleep(wait);
                    wait *= 2;
                }
                Err(error) => {
                    return Err(SyncError::Lrs {
                        error,
                        done: self.summary.sent + self.summary.there,
                    });
                }
            }
        }
    }
}

/// How many statements `planned` makes (as `each_statement` makes them).
fn statement_count(p: &Planned) -> usize {
    let h = &p.harvest;
    h.completions.len() + 2 * h.attempts.len() + h.answers.len() + p.completed.len()
}

/// A statement in short: its verb and what it is about.
fn describe(bytes: &[u8]) -> String {
    let v: Value = serde_json::from_slice(bytes).unwrap_or_default();
    let verb = v["verb"]["display"]["en-US"]
        .as_str()
        .or_else(|| v["verb"]["id"].as_str())
        .unwrap_or("?");
    let object = v["object"]["id"].as_str().unwrap_or("?");
    format!("{verb} {object}")
}

#[cfg(test)]
mod tests {
    use super::server_of;

    #[test]
    fn the_log_names_the_lrs_by_its_host_and_never_a_password() {
        assert_eq!(
            server_of("https://site:s3cret@lrs.example.org:8443/xapi/?x=1"),
            "https://lrs.example.org:8443"
        );
        assert_eq!(
            server_of("http://127.0.0.1:9000/xAPI"),
            "http://127.0.0.1:9000"
        );
        assert!(!server_of("lrs.example.org/xapi@s3cret").contains("s3cret"));
    }
}
