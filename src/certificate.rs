//! Certificates of completion: the facts, a verification code that is a hash of them, a
//! printable HTML page and a plain-text copy, and checking a code against the records.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::course::{Course, ItemKind};
use crate::progress::{course_progress, is_required};
use crate::quiz::percent;
use crate::store::{CertificateRecord, ItemStatus, Learner, RetiredCertificate, Store, StoreError};

/// Today's date as certificates print it (UTC).
pub fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Where certificates are written, inside the data dir.
pub const CERTIFICATES_DIR: &str = "certificates";

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error(
        "{name} has not completed “{course}” yet: {finished} of {required} required lessons and quizzes are done. A certificate comes with completion."
    )]
    NotComplete {
        name: String,
        course: String,
        finished: usize,
        required: usize,
    },
    #[error("Hatua could not write the certificate to {}: {source}. Check that the folder is writable.", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The verification code of a certificate's facts: `XXXX-XXXX-XXXX`, from their SHA-256.
/// Any change to a fact gives another code.
pub fn code(
    learner_id: &str,
    name: &str,
    course_id: &str,
    version: &str,
    date: &str,
    score: u32,
) -> String {
    let facts =
        format!("hatua-certificate\n{learner_id}\n{name}\n{course_id}\n{version}\n{date}\n{score}");
    let hex = hex::encode(Sha256::digest(facts.as_bytes())).to_uppercase();
    format!("{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..12])
}

/// The code recomputed from a record's facts, so a record edited by hand is noticed.
fn record_code(r: &CertificateRecord) -> String {
    code(
        &r.learner_id.0,
        &r.learner_name,
        &r.course_id,
        &r.course_version,
        &r.issued_on,
        r.score,
    )
}

/// The learner's score for a course: the mean of their best result in each required quiz.
pub fn score(store: &Store, learner: &Learner, course: &Course) -> Result<u32, StoreError> {
    let mut best = Vec::new();
    for item in course.items().filter(|i| is_required(course, i)) {
        if let ItemKind::Quiz(_) = item.kind {
            let top = store
                .attempts(&learner.id, &course.id, &item.id)?
                .iter()
                .filter_map(|a| a.result.as_ref())
                .map(|r| percent(r.score, r.max_score))
                .max()
                .unwrap_or(0);
            best.push(top);
        }
    }
    Ok(if best.is_empty() {
        100
    } else {
        best.iter().sum::<u32>() / best.len() as u32
    })
}

/// Issues a certificate to a learner who has completed the course: records it and writes
/// the HTML page and the text copy. Returns the record and the two files.
pub fn issue(
    store: &mut Store,
    data_dir: &Path,
    learner: &Learner,
    course: &Course,
    today: &str,
    site: &str,
) -> Result<(CertificateRecord, PathBuf, PathBuf), CertificateError> {
    let progress = store.item_progress(&learner.id, &course.id)?;
    let p = course_progress(course, |id| {
        progress
            .get(id)
            .map_or(ItemStatus::NotStarted, |p| p.status)
    });
    if !p.complete() {
        return Err(CertificateError::NotComplete {
            name: learner.name.clone(),
            course: course.title.clone(),
            finished: p.finished,
            required: p.required,
        });
    }
    let score = score(store, learner, course)?;
    let record = CertificateRecord {
        code: code(
            &learner.id.0,
            &learner.name,
            &course.id,
            &course.version,
            today,
            score,
        ),
        learner_id: learner.id.clone(),
        learner_name: learner.name.clone(),
        course_id: course.id.clone(),
        course_title: course.title.clone(),
        course_version: course.version.clone(),
        score,
        issued_on: today.to_string(),
    };
    store.record_certificate(&record)?;
    let dir = data_dir.join(CERTIFICATES_DIR);
    std::fs::create_dir_all(&dir).map_err(|source| CertificateError::Write {
        path: dir.clone(),
        source,
    })?;
    let [html, text] = files_of(&dir, &record);
    for (path, body) in [
        (&html, render_html(&record, site)),
        (&text, render_text(&record, site)),
    ] {
        std::fs::write(path, body).map_err(|source| CertificateError::Write {
            path: path.clone(),
            source,
        })?;
    }
    Ok((record, html, text))
}

/// What the records say about a certificate's code.
#[derive(Debug, Clone, PartialEq)]
pub enum Verification {
    /// Issued here, and its facts still give its code.
    Valid(CertificateRecord),
    /// The record was changed after it was issued.
    Altered(CertificateRecord),
    /// Issued here to a learner whose profile has since been deleted.
    Retired(RetiredCertificate),
    /// Never issued on this computer.
    Unknown,
}

/// What a code says: the certificate's facts and whether they still give that code.
pub fn verify(store: &Store, code: &str) -> Result<Verification, StoreError> {
    let wanted = code.trim().to_uppercase();
    if let Some(r) = store.certificate(&wanted)? {
        // A certificate issued under a profile since merged into this one was coded with
        // the old id.
        let mut ids = vec![r.learner_id.clone()];
        ids.extend(store.merged_into(&r.learner_id)?);
        let intact = ids.into_iter().any(|id| {
            let as_issued = CertificateRecord {
                learner_id: id,
                ..r.clone()
            };
            record_code(&as_issued) == r.code
        });
        return Ok(if intact {
            Verification::Valid(r)
        } else {
            Verification::Altered(r)
        });
    }
    Ok(match store.retired_certificate(&wanted)? {
        Some(r) => Verification::Retired(r),
        None => Verification::Unknown,
    })
}

/// Deletes a learner with every record of theirs, and the certificate files that carry
/// her name: on a shared computer, nothing with her name should stay behind. Her
/// certificates stay checkable by their codes, without the name.
pub fn delete_learner(
    store: &mut Store,
    data_dir: &Path,
    learner: &crate::store::LearnerId,
) -> Result<(), CertificateError> {
    let held = store.delete_learner(learner)?;
    let dir = data_dir.join(CERTIFICATES_DIR);
    for record in held {
        for path in files_of(&dir, &record) {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(CertificateError::Write { path, source }),
            }
        }
    }
    Ok(())
}

/// The HTML page and the text copy of a certificate, in `dir`.
fn files_of(dir: &Path, r: &CertificateRecord) -> [PathBuf; 2] {
    let stem = format!("{}-{}-{}", r.course_id, slug(&r.learner_name), r.issued_on);
    [
        dir.join(format!("{stem}.html")),
        dir.join(format!("{stem}.txt")),
    ]
}

fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "learner".to_string()
    } else {
        s
    }
}

/// The plain-text copy: readable in any editor, printable on any printer.
pub fn render_text(r: &CertificateRecord, site: &str) -> String {
    format!(
        "CERTIFICATE OF COMPLETION\n\n\
         This certifies that\n\n    {}\n\n\
         has completed the course\n\n    {} (version {})\n\n\
         on {}, with a score of {}%, at {}.\n\n\
         Verification code: {}\n\
         Check it with: hatua certificate verify {}\n",
        r.learner_name,
        r.course_title,
        r.course_version,
        r.issued_on,
        r.score,
        site,
        r.code,
        r.code
    )
}

/// A printable page; every fact is escaped, since names and titles are text from people.
pub fn render_html(r: &CertificateRecord, site: &str) -> String {
    let e = escape;
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Certificate: {title}</title>
<style>
  body {{ font-family: Georgia, serif; margin: 0; }}
  .page {{ border: 6px double #333; margin: 2cm; padding: 2cm; text-align: center; }}
  h1 {{ font-size: 2.2em; letter-spacing: .1em; margin-bottom: 1.5em; }}
  .name {{ font-size: 2em; margin: .5em 0; }}
  .course {{ font-size: 1.5em; margin: .5em 0; }}
  .code {{ font-family: monospace; font-size: 1.2em; margin-top: 2em; }}
  @media print {{ .page {{ margin: 1cm; }} }}
</style>
</head>
<body>
<div class="page">
  <h1>Certificate of completion</h1>
  <p>This certifies that</p>
  <p class="name">{name}</p>
  <p>has completed the course</p>
  <p class="course">{title}</p>
  <p>version {version}, on {date}, with a score of {score}%, at {site}.</p>
  <p class="code">Verification code: {code}</p>
  <p><small>Check it with <code>hatua certificate verify {code}</code></small></p>
</div>
</body>
</html>
"#,
        title = e(&r.course_title),
        name = e(&r.learner_name),
        version = e(&r.course_version),
        date = e(&r.issued_on),
        score = r.score,
        site = e(site),
        code = e(&r.code),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_changed_fact_changes_the_code() {
        let base = code("id", "Amina", "cedaw", "1.0.0", "2026-11-28", 85);
        assert_eq!(base.len(), 14);
        assert_eq!(
            base,
            code("id", "Amina", "cedaw", "1.0.0", "2026-11-28", 85)
        );
        for other in [
            code("id", "Amina N", "cedaw", "1.0.0", "2026-11-28", 85),
            code("id", "Amina", "cedaw", "1.0.1", "2026-11-28", 85),
            code("id", "Amina", "cedaw", "1.0.0", "2026-11-29", 85),
            code("id", "Amina", "cedaw", "1.0.0", "2026-11-28", 86),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn names_are_escaped_in_the_page() {
        let r = CertificateRecord {
            code: "AAAA-BBBB-CCCC".into(),
            learner_id: crate::store::LearnerId("x".into()),
            learner_name: "<script>alert(1)</script>".into(),
            course_id: "c".into(),
            course_title: "Rights & duties".into(),
            course_version: "1.0.0".into(),
            score: 90,
            issued_on: "2026-11-28".into(),
        };
        let html = render_html(&r, "Kisumu <centre>");
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        assert!(html.contains("Rights &amp; duties"));
        assert!(
            html.contains("at Kisumu &lt;centre&gt;."),
            "the site, escaped"
        );
        let text = render_text(&r, "Kisumu centre");
        assert!(text.contains("Verification code: AAAA-BBBB-CCCC"));
        assert!(text.contains("with a score of 90%, at Kisumu centre."));
    }
}
