//! `hatua certificate verify`: a certificate's file, its signed statement, or its code.
//!
//! The signed statement is checked offline on any computer: the signature must hold, and
//! the key that made it must be one this computer knows — trusted with `hatua trust add`,
//! this desk's own site key, or (on a hub) the key of a site whose records are merged
//! here. A signature that holds under a key nobody here knows proves nothing: anyone can
//! make a key.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::certificate::page;
use crate::certificate::signed::{self, Checked};
use crate::certificate::{self, Verification};
use crate::i18n::Lang;

/// A certificate file is a page of a few kilobytes; more is not one.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Who this computer knows a certificate's key as.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Signer {
    /// Trusted with `hatua trust add` under this name.
    Trusted(String),
    /// This desk's own site key.
    ThisSite,
    /// A site whose records are merged on this hub, by the name it exports under.
    MergedSite(String),
    Unknown,
}

pub fn run(dir: &Path, given: &str) -> anyhow::Result<ExitCode> {
    let given = given.trim();
    let path = Path::new(given);
    if path.is_file() {
        let file = read_certificate(path)?;
        let payload = signed::find_in(&file).with_context(|| {
            format!(
                "{} carries no signed statement (a line starting HATUA1.), so it cannot be \
                 checked offline. A certificate from an older Hatua carries only a code: check \
                 that with `hatua certificate verify CODE` on the computer that issued it",
                path.display()
            )
        })?;
        check_payload(dir, &payload, Some(&file))
    } else if given.starts_with("HATUA1.") {
        check_payload(dir, given, None)
    } else {
        check_code(dir, given)
    }
}

fn read_certificate(path: &Path) -> anyhow::Result<String> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        bail!(
            "{} is {size} bytes, far larger than any certificate: it is not one",
            path.display()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What a page shows that its signed statement does not say: someone edited the page.
fn edits(claim: &signed::Claim, file: &str) -> Vec<String> {
    let Some(shown) = page::shown(file) else {
        return vec!["the page no longer has the shape of a certificate".into()];
    };
    let mut edits = Vec::new();
    if shown.name != claim.name {
        edits.push(format!("the name “{}”", shown.name));
    }
    if shown.course != claim.course_title {
        edits.push(format!("the course “{}”", shown.course));
    }
    let details_as_issued = Lang::ALL.into_iter().any(|lang| {
        shown.details
            == page::details(
                lang,
                &claim.course_version,
                &claim.date,
                claim.score,
                &claim.site_name,
            )
    });
    if !details_as_issued {
        edits.push(format!("“{}”", shown.details));
    }
    edits
}

fn check_payload(dir: &Path, payload: &str, file: Option<&str>) -> anyhow::Result<ExitCode> {
    let trust = crate::commands::bundles::trust_store(dir)?;
    let checked = signed::check(payload, &trust)?;
    if let Some(file) = file {
        let edits = edits(&checked.claim, file);
        if !edits.is_empty() {
            let c = &checked.claim;
            bail!(
                "this certificate was edited after it was issued: it shows {}, but its signed \
                 statement says {} completed “{}” (version {}) on {} with a score of {}%",
                edits.join(" and "),
                c.name,
                c.course_title,
                c.course_version,
                c.date,
                c.score
            );
        }
    }
    let signer = signer_of(dir, &checked)?;
    let c = &checked.claim;
    let mut out = crate::sanitize::stdout();
    let facts = format!(
        "{} completed “{}” (version {}) on {} with a score of {}%",
        c.name, c.course_title, c.course_version, c.date, c.score
    );
    let says = format!(
        "the certificate says it was issued by “{}” (site {}), for a course published by {}, with the code {}",
        c.site_name, c.site_id, c.publisher, c.code
    );
    let issuer = match &signer {
        Signer::Trusted(name) => format!("issued by {name}, whose key this computer trusts"),
        Signer::ThisSite => "issued by this site: it was signed with this desk's own key".into(),
        Signer::MergedSite(name) => {
            format!("issued by the site {name}, whose records are merged here under the same key")
        }
        Signer::Unknown => {
            writeln!(out, "not verified: {facts}")?;
            writeln!(out, "{says}")?;
            bail!(
                "the signature holds, but it was made with a key this computer does not know \
                 (ed25519:{}), and anyone can make a key. Get the issuing site's key (the file \
                 site.key.pub in its data folder) from someone you trust, run `hatua trust add \
                 site.key.pub --name NAME`, and check again",
                checked.public_key
            );
        }
    };
    writeln!(out, "valid: {facts}")?;
    writeln!(out, "{issuer}")?;
    writeln!(out, "{says}")?;
    Ok(ExitCode::SUCCESS)
}

/// Who this computer knows the certificate's key as; the desk's own records are read only
/// if there are any (checking a certificate makes no database).
fn signer_of(dir: &Path, checked: &Checked) -> anyhow::Result<Signer> {
    if let Some(name) = &checked.trusted_as {
        return Ok(Signer::Trusted(name.clone()));
    }
    let own = dir.join(format!("{}.pub", crate::site::KEY_FILE));
    if let Ok(text) = std::fs::read_to_string(&own)
        && crate::bundle::parse_public_key(&text).ok().as_deref() == Some(&checked.public_key)
    {
        return Ok(Signer::ThisSite);
    }
    let db = dir.join(crate::paths::DATABASE_FILE);
    if db.exists() {
        let (store, _) = super::super::open_records(Some(dir), crate::desk::Daily::Now)?;
        let site = &checked.claim.site_id;
        if store.site_key(site)?.as_deref() == Some(&checked.public_key) {
            let name = store
                .sites()?
                .into_iter()
                .find(|(id, _)| id == site)
                .map_or_else(|| site.clone(), |(_, name)| name);
            return Ok(Signer::MergedSite(name));
        }
    }
    Ok(Signer::Unknown)
}

fn check_code(dir: &Path, code: &str) -> anyhow::Result<ExitCode> {
    let db = dir.join(crate::paths::DATABASE_FILE);
    if !db.exists() {
        bail!(
            "“{code}” is not a certificate file or a signed statement, and this computer has \
             issued no certificates to check a code against. Give the certificate's file, or \
             the line starting HATUA1. printed on it"
        );
    }
    let (store, _) = super::super::open_records(Some(dir), crate::desk::Daily::Now)?;
    let mut out = crate::sanitize::stdout();
    match certificate::verify(&store, code)? {
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
            "no certificate with the code {code} was issued on this computer; check the code, or give the certificate's file or signed statement, which can be checked on any computer"
        ),
    }
}
