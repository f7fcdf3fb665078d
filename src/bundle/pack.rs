//! `hatua pack`: a checked course folder into one zip that is the same, byte for byte, every
//! time the same folder is packed — so a trainer can compare two copies by their hash, and
//! a signature made once stays meaningful.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::BundleError;
use super::archive::Limits;
use super::checks::is_manifest;
use super::durable::{QuietAfterError, rename_into_place, temp_beside};
use super::folder::folder_files;
use super::keys::PublisherKey;
use super::manifest::{MANIFEST_FILE, Manifest};
use super::memory::MemorySource;
use crate::course::{self, Diagnostic};

/// Deflate's usual balance of size and speed. Fixed, because another level gives other bytes.
const DEFLATE_LEVEL: i64 = 6;

/// What was packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    pub course_id: String,
    pub version: String,
    /// Files in the bundle, the manifest not counted.
    pub files: usize,
    /// Size of the archive written.
    pub bytes: u64,
    pub signed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The course has errors; every diagnostic, errors and warnings, in file order.
    #[error("{}", invalid_sentence(.0))]
    Invalid(Vec<Diagnostic>),
    #[error(transparent)]
    Bundle(#[from] BundleError),
}

fn invalid_sentence(diagnostics: &[Diagnostic]) -> String {
    let mut errors = diagnostics.iter().filter(|d| d.is_error());
    let first = errors.next().map_or_else(String::new, Diagnostic::headline);
    let more = match errors.count() {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    format!(
        "The course was not packed because it has errors: {first}{more}. Fix them and pack again."
    )
}

/// Validates the course folder `dir` (refusing it, with the diagnostics, if it has errors),
/// builds the manifest of every file, signs it when `key` is given and writes the zip `out`.
/// A `MANIFEST.toml` already in the folder is ignored and not packed.
///
/// The archive is reproducible: the manifest first, then the files sorted by path, each with
/// the timestamp 1980-01-01 00:00, permissions 0644, deflate at one fixed level and no extra
/// fields. It is written beside `out` and renamed into place, so `out` is never half written.
pub fn pack(dir: &Path, out: &Path, key: Option<&PublisherKey>) -> Result<Packed, PackError> {
    let mut files = folder_files(dir, &Limits::default())?;
    files.retain(|(path, _)| !is_manifest(path));
    // The course is validated from the very bytes that will be packed.
    let source = MemorySource::new(dir.display().to_string(), files);
    let loaded = course::load(&source);
    let Some(course) = loaded.course else {
        return Err(PackError::Invalid(loaded.diagnostics));
    };
    let mut manifest = Manifest::for_files(&course.id, &course.version, source.files());
    if let Some(key) = key {
        key.sign(&mut manifest);
    }
    let bytes = write_zip(out, &manifest, &source)?;
    Ok(Packed {
        files: manifest.files.len(),
        signed: manifest.signature.is_some(),
        course_id: manifest.course_id,
        version: manifest.version,
        bytes,
    })
}

/// Writes the archive to a temporary file beside `out`, flushes it and renames it over
/// `out`; returns its size.
fn write_zip(out: &Path, manifest: &Manifest, source: &MemorySource) -> Result<u64, BundleError> {
    let temp = temp_beside(out);
    let written = (|| {
        let file = File::create(&temp)?;
        let mut zip = ZipWriter::new(QuietAfterError::new(BufWriter::new(file)));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            .large_file(false);
        // The manifest first: a reader streaming the archive knows what to expect.
        let entries = std::iter::once((MANIFEST_FILE, manifest.to_toml().into_bytes()))
            .chain(source.files().map(|(p, b)| (p, b.to_vec())));
        for (path, bytes) in entries {
            zip.start_file(path, options)?;
            zip.write_all(&bytes)?;
        }
        let file = zip
            .finish()?
            .into_inner()
            .into_inner()
            .map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok::<u64, zip::result::ZipError>(file.metadata()?.len())
    })();
    match written {
        Ok(size) => {
            rename_into_place(&temp, out)?;
            Ok(size)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            let source = match e {
                zip::result::ZipError::Io(e) => e,
                other => std::io::Error::other(other),
            };
            Err(BundleError::io(out, source))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_first_error_and_counts_the_rest() {
        let d = |file: &str| Diagnostic {
            severity: course::Severity::Error,
            file: file.into(),
            line: 3,
            col: 1,
            message: "bad".into(),
            hint: None,
            excerpt: None,
        };
        let e = PackError::Invalid(vec![d("course.toml"), d("lessons/a.md"), d("b.md")]);
        assert_eq!(
            e.to_string(),
            "The course was not packed because it has errors: course.toml:3:1: bad (and 2 more). \
             Fix them and pack again."
        );
    }
}
