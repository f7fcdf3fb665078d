//! Long jobs (scanning drives, importing bundles) run on a thread of their own and report
//! back as actions, so the screen keeps drawing and shows their progress.

use std::path::{Path, PathBuf};

use crate::bundle::{TRUST_FILE, TrustStore};
use crate::library::Library;
use crate::library::find;
use crate::library::install::{self, Candidate, ImportOptions};
use crate::library::policy::InstallPolicy;

use super::action::Action;

#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Look for bundles on the drives matching these patterns.
    Scan {
        patterns: Vec<String>,
        policy: InstallPolicy,
    },
    /// Install these bundles.
    Import {
        paths: Vec<PathBuf>,
        policy: InstallPolicy,
    },
    /// The drives an export can go to, and what it would hold.
    ExportPlan {
        patterns: Vec<String>,
        all: bool,
        site_name: Option<String>,
    },
    /// Write an export into `dir`.
    Export {
        dir: PathBuf,
        all: bool,
        with_names: bool,
        site_name: Option<String>,
    },
    /// Look for records exports on the drives.
    FindExports { patterns: Vec<String> },
    /// Merge these exports into this data folder.
    Merge {
        files: Vec<PathBuf>,
        policy: crate::harvest::merge::MergePolicy,
    },
    /// The last sync, for the sync screen.
    SyncStatus,
    /// Send the records on to an LRS.
    Sync {
        url: String,
        user: String,
        password: super::effect::Secret,
        with_names: bool,
        stop: super::sync::StopFlag,
    },
    /// Each learner's report, for the reports screen.
    LearnerReports,
    /// A report: the courses; one course's quizzes; one quiz's questions.
    Report {
        course: Option<String>,
        quiz: Option<String>,
    },
    /// The day's backup, made once the first screen is up; only a failure is said.
    DailyBackup,
}

/// What an export would hold, as the export screen says it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportCounts {
    pub learners: usize,
    pub attempts: usize,
    pub answers: usize,
    pub empty: bool,
}

/// A report, as the reports screen shows one level of it.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportView {
    Courses(Vec<crate::reports::CourseReport>),
    /// Each learner, with her quizzes' titles in the order of her quizzes.
    Learners(Vec<(crate::reports::LearnerReport, Vec<String>)>),
    Quizzes(Vec<crate::reports::QuizReport>),
    Questions(Vec<crate::reports::QuestionReport>),
}

/// The bundles found on one drive.
#[derive(Debug, Clone, PartialEq)]
pub struct DriveFind {
    pub drive: PathBuf,
    pub bundles: Vec<Candidate>,
    /// How far the search looked, said when it found nothing.
    pub extent: String,
}

/// Runs a job to its end, handing each action to `send` as it happens.
pub fn run(job: Job, data_dir: &Path, send: &mut dyn FnMut(Action)) {
    let trust = TrustStore::load(&data_dir.join(TRUST_FILE)).unwrap_or_default();
    match job {
        Job::Scan { patterns, policy } => {
            let installed = Library::load(Some(data_dir));
            let options = ImportOptions {
                policy,
                force: false,
            };
            let finds = find::drives(&patterns)
                .into_iter()
                .map(|drive| {
                    let search = find::find_bundles(std::slice::from_ref(&drive));
                    let bundles = search
                        .bundles
                        .iter()
                        .map(|b| install::inspect(b, data_dir, &installed, options, &trust))
                        .collect();
                    DriveFind {
                        drive,
                        bundles,
                        extent: search.extent(),
                    }
                })
                .collect();
            send(Action::DrivesScanned(finds));
        }
        Job::Import { paths, policy } => {
            let mut progress = |done, total| send(Action::ImportProgress { done, total });
            let options = ImportOptions {
                policy,
                force: false,
            };
            let (mut rows, _) = install::import(data_dir, &paths, options, &trust, &mut progress);
            // A bundle chosen on screen and gone since (the drive was pulled) is said so,
            // rather than left out of the list without a word.
            for gone in paths
                .iter()
                .filter(|p| std::fs::symlink_metadata(p).is_err())
            {
                rows.push(install::ImportRow::gone(gone));
            }
            send(Action::ImportDone(rows));
            send(Action::LibraryReloaded(Box::new(Library::load(Some(
                data_dir,
            )))));
        }
        Job::DailyBackup => {
            if let Err(e) = crate::desk::daily_backup(data_dir) {
                send(Action::BackupFailed(super::problem::Problem::from(&e)));
            }
        }
        other => super::job_records::run(other, data_dir, send),
    }
}

/// Runs a job and collects its actions: for tests, and anywhere a thread is not wanted.
pub fn run_blocking(job: Job, data_dir: &Path) -> Vec<Action> {
    let mut actions = Vec::new();
    run(job, data_dir, &mut |a| actions.push(a));
    actions
}
