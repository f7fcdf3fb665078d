//! Long jobs (scanning drives, importing bundles) run on a thread of their own and report
//! back as actions, so the screen keeps drawing and shows their progress.

use std::path::{Path, PathBuf};

use crate::bundle::{TRUST_FILE, TrustStore};
use crate::library::Library;
use crate::library::install::{self, Candidate};

use super::action::Action;

#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Look for bundles on the drives matching these patterns.
    Scan { patterns: Vec<String> },
    /// Install these bundles.
    Import { paths: Vec<PathBuf> },
}

/// The bundles found on one drive.
#[derive(Debug, Clone, PartialEq)]
pub struct DriveFind {
    pub drive: PathBuf,
    pub bundles: Vec<Candidate>,
}

/// Runs a job to its end, handing each action to `send` as it happens.
pub fn run(job: Job, data_dir: &Path, send: &mut dyn FnMut(Action)) {
    let trust = TrustStore::load(&data_dir.join(TRUST_FILE)).unwrap_or_default();
    match job {
        Job::Scan { patterns } => {
            let installed = Library::load(Some(data_dir));
            let finds = install::drives(&patterns)
                .into_iter()
                .map(|drive| {
                    let bundles = install::find_bundles(std::slice::from_ref(&drive))
                        .iter()
                        .map(|b| install::inspect(b, &installed, &trust))
                        .collect();
                    DriveFind { drive, bundles }
                })
                .collect();
            send(Action::DrivesScanned(finds));
        }
        Job::Import { paths } => {
            let mut progress = |done, total| send(Action::ImportProgress { done, total });
            let rows = install::import(data_dir, &paths, false, &trust, &mut progress);
            send(Action::ImportDone(rows));
            send(Action::LibraryReloaded(Box::new(Library::load(Some(
                data_dir,
            )))));
        }
    }
}

/// Runs a job and collects its actions: for tests, and anywhere a thread is not wanted.
pub fn run_blocking(job: Job, data_dir: &Path) -> Vec<Action> {
    let mut actions = Vec::new();
    run(job, data_dir, &mut |a| actions.push(a));
    actions
}
