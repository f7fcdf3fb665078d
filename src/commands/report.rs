//! `hatua report`: the reports of this site, or of every site merged at a hub.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::ReportFormat;
use crate::library::Library;
use crate::reports::{self, Filter, render};
use crate::store::Store;
use crate::store::tally::Learners;

pub fn run(
    data_dir: Option<&Path>,
    site: Option<&str>,
    course: Option<&str>,
    learner: Option<&str>,
    format: ReportFormat,
    site_name_config: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let (mut store, dir) = super::open_records(data_dir, crate::desk::Daily::Now)?;
    let library = Library::load(Some(&dir));
    let (learners, scope) = resolve_site(&mut store, site, site_name_config)?;
    if let Some(c) = course
        && library.course(c).is_none()
    {
        anyhow::bail!("no course has the id “{c}” here; `hatua courses` lists them");
    }
    let filter = Filter {
        learners,
        course: course.map(str::to_string),
    };
    let only = match learner {
        Some(l) => Some(learner_in(&store, &filter.learners, l)?),
        None => None,
    };
    let report = reports::report(&store, &library, &filter)?;
    // The question tables for one course; learners' tables for one learner, or for tools.
    let mut questions = Vec::new();
    if let Some(c) = course.and_then(|c| library.course(c)) {
        for q in report.quizzes.iter().filter(|q| q.course_id == c.id) {
            let rows = reports::question_reports(&store, &filter.learners, c, &q.quiz_id)?;
            questions.push((format!("{}/{}", q.course_id, q.quiz_id), rows));
        }
    }
    let learners = if only.is_some() || format != ReportFormat::Table {
        reports::learner_reports(&store, &library, &filter, only.as_deref())?
    } else {
        Vec::new()
    };
    let full = render::Full {
        scope,
        report,
        questions,
        learners,
    };
    let text = match format {
        ReportFormat::Table => render::table(&full),
        ReportFormat::Csv => render::csv(&full),
        ReportFormat::Json => render::json(&full),
    };
    let mut out = crate::sanitize::stdout();
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The learners `--site` names and the heading that says so: by default this site's, or on a
/// hub every site's; a site is named by its id or its name, this one's included.
fn resolve_site(
    store: &mut Store,
    site: Option<&str>,
    site_name_config: Option<&str>,
) -> anyhow::Result<(Learners, String)> {
    let sites = store.sites()?;
    let own_id = store.setting("site_id")?;
    let own_name = store.setting(crate::site::NAME_SETTING)?;
    let this_site = format!(
        "Site {}",
        crate::site::display_name(store, site_name_config)?
    );
    Ok(match site {
        None if sites.is_empty() => (Learners::Local, this_site),
        None => (
            Learners::All,
            format!("{this_site} and {} sites merged here", sites.len()),
        ),
        Some(s) if Some(s) == own_id.as_deref() || Some(s) == own_name.as_deref() => {
            (Learners::Local, this_site)
        }
        Some(s) => match sites.iter().find(|(id, name)| id == s || name == s) {
            Some((id, name)) => (Learners::Site(id.clone()), format!("Site {name}")),
            None => anyhow::bail!(
                "no site is called or has the id “{s}” here; the sites merged are: {}",
                if sites.is_empty() {
                    "none".to_string()
                } else {
                    sites
                        .iter()
                        .map(|s| s.1.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
        },
    })
}

/// The id of the learner the report covers whose id is `wanted`, or whose name is, with
/// capitals and accents set aside as the picker sets them aside. At a hub that means the
/// learners merged from other sites too, not only this desk's.
fn learner_in(store: &Store, who: &Learners, wanted: &str) -> anyhow::Result<String> {
    let wanted = wanted.trim();
    let key = crate::store::name_key(wanted);
    let found: Vec<String> = store
        .tally_learners(who)?
        .into_iter()
        .map(|(l, _)| l)
        .filter(|l| l.id.0 == wanted || crate::store::name_key(&l.name) == key)
        .map(|l| l.id.0)
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => anyhow::bail!("no learner in this report is called or has the id “{wanted}”"),
        _ => anyhow::bail!(
            "{} learners in this report are called “{wanted}”; give one's id (`--format json` \
             lists them)",
            found.len()
        ),
    }
}
