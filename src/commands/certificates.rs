//! `hatua certificate`: write a learner's certificate, or check a code.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::certificate::{self, Verification};
use crate::cli::CertificateCommand;
use crate::library::Library;
use crate::store::Store;

pub fn run(
    data_dir: Option<&Path>,
    action: Option<CertificateCommand>,
    learner: Option<String>,
    course: Option<String>,
    site_name: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let dir = crate::paths::data_dir(data_dir).context(
        "cannot find a folder for Hatua's data on this system; give one with --data-dir DIR",
    )?;
    let mut store = Store::open(&dir.join(crate::paths::DATABASE_FILE))?;
    let mut out = crate::sanitize::stdout();
    if let Some(CertificateCommand::Verify { code }) = action {
        return match certificate::verify(&store, &code)? {
            Verification::Valid(r) => {
                writeln!(
                    out,
                    "valid: {} completed “{}” (version {}) on {} with a score of {}%",
                    r.learner_name, r.course_title, r.course_version, r.issued_on, r.score
                )?;
                Ok(ExitCode::SUCCESS)
            }
            Verification::Retired(r) => {
                writeln!(
                    out,
                    "valid: issued on {} for completing “{}” (version {}) with a score of {}%; the holder's profile has since been deleted, so the name is no longer kept here",
                    r.issued_on, r.course_title, r.course_version, r.score
                )?;
                Ok(ExitCode::SUCCESS)
            }
            Verification::Altered(_) => bail!(
                "the records for {code} do not match its code: they were changed after the certificate was issued"
            ),
            Verification::Unknown => bail!(
                "no certificate with the code {code} was issued on this computer; check the code, or ask the site that issued it"
            ),
        };
    }
    let (Some(who), Some(course_id)) = (learner, course) else {
        bail!(
            "say whose certificate and for which course: `hatua certificate --learner NAME --course ID` (or `hatua certificate verify CODE`)"
        );
    };
    let learner = store.find_learner(&who)?.with_context(|| {
        format!(
            "no learner is called or has the id “{who}”; `hatua learners list --all` shows them"
        )
    })?;
    let library = Library::load(Some(&dir));
    let course = library.course(&course_id).with_context(|| {
        format!("no course has the id `{course_id}`; `hatua courses` lists them")
    })?;
    let site = crate::site::display_name(&mut store, site_name)?;
    let (record, html, text) = certificate::issue(
        &mut store,
        &dir,
        &learner,
        course,
        &certificate::today(),
        &site,
    )?;
    writeln!(
        out,
        "wrote the certificate of {} for “{}”:",
        record.learner_name, record.course_title
    )?;
    writeln!(out, "  {}", html.display())?;
    writeln!(out, "  {}", text.display())?;
    writeln!(out, "verification code: {}", record.code)?;
    Ok(ExitCode::SUCCESS)
}
