//! Certificates of completion: the facts, a verification code that is a hash of them, a
//! statement of them signed with the site's key (checkable anywhere, offline), a printable
//! page and a plain-text copy, and checking a code against the records.

pub mod page;
pub mod signed;

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

/// Who stands behind a course, in `lang`: the publisher who signed it, or what it is.
pub fn publisher_words(
    lang: crate::i18n::Lang,
    library: &crate::library::Library,
    course_id: &str,
) -> String {
    use crate::bundle::Standing;
    use crate::library::Origin;
    let entry = library
        .entries
        .iter()
        .find(|e| e.course().is_some_and(|c| c.id == course_id));
    match entry.map(|e| (e.origin(), e.standing())) {
        Some((Origin::BuiltIn, _)) => lang.t("certificate.builtin"),
        Some((_, Some(Standing::SignedBy { name }))) => name.clone(),
        Some((_, Some(Standing::UnknownSigner { .. }))) => lang.t("certificate.unknown_signer"),
        _ => lang.t("certificate.unsigned"),
    }
}

/// Who issues a certificate, and how it reads.
pub struct Issuer<'a> {
    /// The site, whose key signs the statement.
    pub site: &'a crate::site::Site,
    /// Who stands behind the course, in words.
    pub publisher: String,
    /// The learner's language.
    pub lang: crate::i18n::Lang,
}

/// Issues a certificate to a learner who has completed the course: records it and writes
/// the HTML page and the text copy, both carrying the signed statement. Returns the record
/// and the two files.
pub fn issue(
    store: &mut Store,
    data_dir: &Path,
    learner: &Learner,
    course: &Course,
    today: &str,
    issuer: &Issuer,
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
    let claim = signed::Claim {
        name: record.learner_name.clone(),
        course_id: record.course_id.clone(),
        course_title: record.course_title.clone(),
        course_version: record.course_version.clone(),
        publisher: issuer.publisher.clone(),
        score: record.score,
        date: record.issued_on.clone(),
        site_id: issuer.site.id.clone(),
        site_name: issuer.site.name.clone(),
        code: record.code.clone(),
    };
    let statement = signed::sign(&claim, &issuer.site.public_key(), |b| issuer.site.sign(b));
    let page = page::Page {
        record: &record,
        site: &issuer.site.name,
        publisher: &issuer.publisher,
        signed: &statement,
        lang: issuer.lang,
    };
    for (path, body) in [(&html, page::html(&page)), (&text, page::text(&page))] {
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
}
