//! The records jobs, run on their own thread like the import: planning and writing an
//! export, finding and merging exports, computing a report. Each opens the store itself.

use std::path::{Path, PathBuf};

use crate::harvest;
use crate::library::Library;
use crate::site::Site;
use crate::store::Store;
use crate::store::backup::Why;
use crate::store::harvest::Range;
use crate::store::tally::Learners;

use super::action::Action;
use super::job::{ExportCounts, Job, ReportView};
use super::problem::Problem;

fn open(data_dir: &Path) -> Result<Store, Problem> {
    Store::open(&data_dir.join(crate::paths::DATABASE_FILE)).map_err(|e| Problem::from(&e))
}

/// The learners a report covers: this desk's, or on a hub every site's too.
pub fn report_scope(store: &Store) -> Learners {
    match store.sites() {
        Ok(sites) if !sites.is_empty() => Learners::All,
        _ => Learners::Local,
    }
}

/// The store, the site, the courses, and what an export of `all` (or what is new) holds.
fn planned(
    data_dir: &Path,
    all: bool,
    site_name: Option<&str>,
) -> Result<(Store, Site, Library, harvest::Planned), Problem> {
    let mut store = open(data_dir)?;
    let site = Site::open(&mut store, data_dir, site_name).map_err(Problem::other)?;
    let library = Library::load(Some(data_dir));
    let range = if all { Range::All } else { Range::New };
    let planned = harvest::plan(&store, &library, range).map_err(Problem::other)?;
    Ok((store, site, library, planned))
}

/// Runs a records job, telling `send` what became of it (and, for an export, how far it is).
pub fn run(job: Job, data_dir: &Path, send: &mut dyn FnMut(Action)) {
    let done = match job {
        Job::ExportPlan {
            patterns,
            all,
            site_name,
        } => plan_export(data_dir, &patterns, all, site_name.as_deref()),
        Job::Export {
            dir,
            all,
            with_names,
            site_name,
        } => export(data_dir, &dir, all, with_names, site_name.as_deref(), send),
        Job::FindExports { patterns } => find_exports(&patterns),
        Job::Merge { files, policy } => merge(data_dir, &files, policy, send),
        Job::Report { course, quiz } => report(data_dir, course, quiz),
        Job::LearnerReports => learner_reports(data_dir),
        Job::SyncStatus => {
            match open(data_dir).and_then(|s| s.last_sync().map_err(|e| Problem::from(&e))) {
                Ok(last) => Action::SyncStatus(last),
                Err(p) => Action::Failed(p),
            }
        }
        Job::Sync {
            url,
            user,
            password,
            with_names,
            stop,
        } => match sync(data_dir, &url, &user, &password.0, with_names, &stop, send) {
            Ok(summary) => Action::SyncDone(Box::new(summary)),
            Err(p) => Action::Failed(p),
        },
        Job::Scan { .. } | Job::Import { .. } | Job::DailyBackup => return,
    };
    send(done);
}

/// The drives an export can go to, and what it would hold.
fn plan_export(data_dir: &Path, patterns: &[String], all: bool, site_name: Option<&str>) -> Action {
    let drives = crate::library::find::drives(patterns);
    let counts = (|| -> Result<(String, ExportCounts), Problem> {
        let (_, site, _, planned) = planned(data_dir, all, site_name)?;
        Ok((
            site.name,
            ExportCounts {
                learners: planned.learners,
                attempts: planned.attempts(),
                answers: planned.answers(),
                empty: planned.is_empty(),
            },
        ))
    })();
    match counts {
        Ok((site, counts)) => Action::ExportPlanned {
            drives,
            counts,
            site,
        },
        Err(p) => Action::Failed(p),
    }
}

/// Writes the export into `dir`, telling `send` of its progress.
fn export(
    data_dir: &Path,
    dir: &Path,
    all: bool,
    with_names: bool,
    site_name: Option<&str>,
    send: &mut dyn FnMut(Action),
) -> Action {
    let written = (|| -> Result<PathBuf, Problem> {
        let (mut store, site, library, planned) = planned(data_dir, all, site_name)?;
        backup_before(&store, Why::Export, send);
        let mut progress = |done, total| send(Action::ExportProgress { done, total });
        harvest::write(
            &mut store,
            &site,
            &library,
            &planned,
            dir,
            with_names,
            &mut progress,
        )
        .map(|w| w.path)
        .map_err(Problem::from)
    })();
    match written {
        Ok(path) => Action::ExportWritten(path),
        Err(p) => Action::Failed(p),
    }
}

/// The exports on the drives, at their top or in their records folder.
fn find_exports(patterns: &[String]) -> Action {
    let mut files = Vec::new();
    for drive in crate::library::find::drives(patterns) {
        let places: Vec<PathBuf> = [drive.clone(), drive.join(EXPORT_FOLDER)]
            .into_iter()
            .filter(|p| p.is_dir())
            .collect();
        files.extend(crate::harvest::export_files(&places));
    }
    Action::ExportsFound(files)
}

/// A copy of the records before a job changes them; a failure is said, and the job goes on.
fn backup_before(store: &Store, why: Why, send: &mut dyn FnMut(Action)) {
    if let Some(Err(e)) = store.backup_beside(why) {
        send(Action::BackupFailed(Problem::from(&e)));
    }
}

/// Merges each file in turn, a failure of one leaving the others to go on.
fn merge(
    data_dir: &Path,
    files: &[PathBuf],
    policy: harvest::merge::MergePolicy,
    send: &mut dyn FnMut(Action),
) -> Action {
    let trust = match harvest::merge::SiteTrust::load(data_dir, policy) {
        Ok(trust) => trust,
        Err(e) => return Action::Failed(Problem::other(e)),
    };
    match open(data_dir) {
        Ok(mut store) => {
            backup_before(&store, Why::Merge, send);
            merge_into(&mut store, files, &trust)
        }
        Err(p) => Action::Failed(p),
    }
}

fn merge_into(store: &mut Store, files: &[PathBuf], trust: &harvest::merge::SiteTrust) -> Action {
    Action::Merged(
        files
            .iter()
            .map(|f| harvest::merge_file(store, f, trust).map_err(|e| e.message()))
            .collect(),
    )
}

/// The report's courses; with `course`, its quizzes; with `quiz` too, its questions.
fn report(data_dir: &Path, course: Option<String>, quiz: Option<String>) -> Action {
    let view = (|| -> Result<ReportView, Problem> {
        let store = open(data_dir)?;
        let library = Library::load(Some(data_dir));
        let filter = crate::reports::Filter {
            learners: report_scope(&store),
            course: course.clone(),
        };
        let store_problem = |e: crate::store::StoreError| Problem::from(&e);
        match (course.as_deref().and_then(|c| library.course(c)), quiz) {
            (Some(c), Some(q)) => crate::reports::question_reports(&store, &filter.learners, c, &q)
                .map(ReportView::Questions)
                .map_err(store_problem),
            (Some(_), None) => crate::reports::report(&store, &library, &filter)
                .map(|r| ReportView::Quizzes(r.quizzes))
                .map_err(store_problem),
            _ => crate::reports::report(&store, &library, &filter)
                .map(|r| ReportView::Courses(r.courses))
                .map_err(store_problem),
        }
    })();
    match view {
        Ok(v) => Action::ReportReady(Box::new(v)),
        Err(p) => Action::Failed(p),
    }
}

/// Every learner's report, her quizzes named by their titles.
fn learner_reports(data_dir: &Path) -> Action {
    let view = (|| -> Result<ReportView, Problem> {
        let store = open(data_dir)?;
        let library = Library::load(Some(data_dir));
        let filter = crate::reports::Filter {
            learners: report_scope(&store),
            course: None,
        };
        let reports = crate::reports::learner_reports(&store, &library, &filter, None)
            .map_err(|e| Problem::from(&e))?;
        Ok(ReportView::Learners(
            reports
                .into_iter()
                .map(|l| {
                    let titles = l
                        .quizzes
                        .iter()
                        .map(|q| crate::reports::quiz_title_in(&library, &q.course_id, &q.quiz_id))
                        .collect();
                    (l, titles)
                })
                .collect(),
        ))
    })();
    match view {
        Ok(v) => Action::ReportReady(Box::new(v)),
        Err(p) => Action::Failed(p),
    }
}

/// Sends the records on to the LRS at `url`, saying how far it got.
fn sync(
    data_dir: &Path,
    url: &str,
    user: &str,
    password: &str,
    with_names: bool,
    stop: &super::sync::StopFlag,
    send: &mut dyn FnMut(Action),
) -> Result<crate::sync::Summary, Problem> {
    let lrs = crate::sync::Lrs::new(url, user, password)
        .map_err(|error| sync_problem(crate::sync::SyncError::Lrs { error, done: 0 }))?;
    let options = crate::sync::Options {
        with_names,
        ..crate::sync::Options::default()
    };
    let mut progress = |p: crate::sync::Progress| {
        send(Action::SyncProgress {
            done: p.done,
            total: p.total,
        });
    };
    crate::sync::sync_folder(data_dir, &lrs, &options, &mut progress, &|| stop.stopped())
        .map_err(sync_problem)
}

/// What stopped a sync, as the sync screen says it (what was kept, the screen's line about
/// the last sync says).
fn sync_problem(e: crate::sync::SyncError) -> Problem {
    use crate::sync::{LrsError, SyncError};
    match e {
        SyncError::Store(e) => Problem::from(&e),
        SyncError::Site(e) => Problem::other(e),
        SyncError::Stopped { .. } => Problem::new("sync.stopped"),
        SyncError::Lrs { error, .. } => match error {
            LrsError::BadUrl { url, .. } => Problem::new("sync.bad_url").with("url", url),
            LrsError::Login { url, user, .. } => Problem::new("sync.login")
                .with("url", url)
                .with("user", user),
            LrsError::WrongUrl { url, status } => Problem::new("sync.wrong_url")
                .with("url", url)
                .with("status", status),
            LrsError::Server {
                url,
                status,
                reason,
            } => Problem::new("sync.server")
                .with("url", url)
                .with("status", status)
                .with("reason", reason),
            LrsError::Unreachable { url, message } => Problem::new("sync.unreachable")
                .with("url", url)
                .with("reason", message),
        },
    }
}

/// The folder on a drive exports are written into, and looked for in.
pub const EXPORT_FOLDER: &str = "hatua-records";
