//! `hatua certificate`: write a learner's certificate, or check one.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::certificate;
use crate::cli::CertificateCommand;
use crate::library::Library;

mod verify;

pub fn run(
    data_dir: Option<&Path>,
    action: Option<CertificateCommand>,
    learner: Option<String>,
    course: Option<String>,
    site_name: Option<&str>,
    language: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let dir = crate::paths::data_dir(data_dir).context(
        "cannot find a folder for Hatua's data on this system; give one with --data-dir DIR",
    )?;
    if let Some(CertificateCommand::Verify { certificate }) = action {
        return verify::run(&dir, &certificate);
    }
    let (mut store, _) = super::open_records(Some(&dir), crate::desk::Daily::Now)?;
    let mut out = crate::sanitize::stdout();
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
    let site = crate::site::Site::open(&mut store, &dir, site_name)?;
    let lang = learner
        .language
        .as_deref()
        .or(language)
        .and_then(crate::i18n::Lang::from_code)
        .or_else(crate::i18n::Lang::from_env)
        .unwrap_or_default();
    // The course's title in the certificate's language, when the course has it.
    let course = &std::sync::Arc::new(course.in_language(lang.code()));
    let issuer = certificate::Issuer {
        site: &site,
        publisher: certificate::publisher_words(lang, &library, course_id.as_str()),
        lang,
    };
    let (record, html, text) = certificate::issue(
        &mut store,
        &dir,
        &learner,
        course,
        &certificate::today(),
        &issuer,
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
