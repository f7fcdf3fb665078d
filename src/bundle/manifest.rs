//! `MANIFEST.toml`: the sha256 of every file in a bundle and, optionally, the publisher's
//! ed25519 signature over the rest of the manifest.
//!
//! What is signed is the manifest's canonical text, written by this module's own few lines of
//! formatting rather than a TOML library's: a library may change how it quotes a string from
//! one version to the next, and every signature made before would stop verifying.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::BundleError;
use super::checks::{is_manifest, name_problem};

/// The manifest's file name, at the bundle's root.
pub const MANIFEST_FILE: &str = "MANIFEST.toml";

/// The manifest format this build writes and reads.
const FORMAT: u32 = 1;

const HEADER: &str = "# The manifest of a Hatua course bundle, written by `hatua pack`: the sha256 of every\n\
                      # file, and the publisher's signature over everything above [signature].\n";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    pub course_id: String,
    pub version: String,
    /// The program that wrote it, `hatua 0.1.0`.
    pub created_by: String,
    /// Path inside the bundle → sha256 as lowercase hex; every file except the manifest.
    pub files: BTreeMap<String, String>,
    pub signature: Option<Signature>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The publisher's ed25519 public key, 32 bytes as lowercase hex.
    pub public_key: String,
    /// The signature of [`Manifest::signed_bytes`], 64 bytes as lowercase hex.
    pub value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    format: u32,
    course_id: String,
    version: String,
    created_by: String,
    files: BTreeMap<String, String>,
    signature: Option<RawSignature>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignature {
    public_key: String,
    value: String,
}

impl Manifest {
    /// The unsigned manifest of `files` (the manifest itself left out), written by this build.
    pub fn for_files<'a>(
        course_id: &str,
        version: &str,
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Manifest {
        let hashes = files
            .into_iter()
            .map(|(path, bytes)| (path.to_string(), hash_bytes(bytes)));
        Self::for_hashes(course_id, version, hashes)
    }

    /// [`Manifest::for_files`] from the files' sha256 (lowercase hex), for files hashed as
    /// they were unpacked.
    pub fn for_hashes(
        course_id: &str,
        version: &str,
        hashes: impl IntoIterator<Item = (String, String)>,
    ) -> Manifest {
        Manifest {
            format: FORMAT,
            course_id: course_id.to_string(),
            version: version.to_string(),
            created_by: format!("hatua {}", env!("CARGO_PKG_VERSION")),
            files: hashes
                .into_iter()
                .filter(|(path, _)| path != MANIFEST_FILE)
                .collect(),
            signature: None,
        }
    }

    /// [`Manifest::parse`] of a bundle's `MANIFEST.toml` as read: UTF-8, like every text
    /// file of a bundle (checked as it was read; refused here all the same).
    pub fn from_bytes(bytes: &[u8]) -> Result<Manifest, BundleError> {
        let text = std::str::from_utf8(bytes).map_err(|_| BundleError::NotUtf8 {
            entry: MANIFEST_FILE.to_string(),
        })?;
        Manifest::parse(text)
    }

    /// Reads a manifest, refusing anything this build would not write: a newer format, an
    /// unknown key, a path that leaves the bundle, a hash or key of the wrong shape.
    pub fn parse(text: &str) -> Result<Manifest, BundleError> {
        // The format comes first: a newer manifest's other fields may mean something else.
        let table: toml::Table = text.parse().map_err(|e| toml_error(text, &e))?;
        match table.get("format").and_then(toml::Value::as_integer) {
            Some(f) if f == i64::from(FORMAT) => {}
            Some(f) if f > i64::from(FORMAT) => {
                return Err(invalid(format!(
                    "it is format {f}, written by a newer Hatua; this one reads format {FORMAT}, so install a newer Hatua"
                )));
            }
            _ => return Err(invalid(format!("it has no `format = {FORMAT}` line"))),
        }
        let raw: RawManifest = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        if !crate::course::is_valid_id(&raw.course_id) {
            return Err(invalid(format!(
                "its course_id `{}` is not a course id",
                raw.course_id
            )));
        }
        if raw.version.trim().is_empty() {
            return Err(invalid("its version is empty"));
        }
        let mut files = BTreeMap::new();
        for (path, hash) in raw.files {
            if let Some(problem) = name_problem(&path) {
                return Err(invalid(format!(
                    "it lists `{path}`, refused because {problem}"
                )));
            }
            if is_manifest(&path) {
                return Err(invalid(format!("it lists itself, {MANIFEST_FILE}")));
            }
            let hash = lower_hex(&hash, 32)
                .ok_or_else(|| invalid(format!("the hash of `{path}` is not 64 hex digits")))?;
            files.insert(path, hash);
        }
        let signature = match raw.signature {
            None => None,
            Some(sig) => Some(Signature {
                public_key: lower_hex(&sig.public_key, 32).ok_or_else(|| {
                    invalid("the signature's public_key is not 64 hex digits (32 bytes)")
                })?,
                value: lower_hex(&sig.value, 64).ok_or_else(|| {
                    invalid("the signature's value is not 128 hex digits (64 bytes)")
                })?,
            }),
        };
        Ok(Manifest {
            format: raw.format,
            course_id: raw.course_id,
            version: raw.version,
            created_by: raw.created_by,
            files,
            signature,
        })
    }

    /// The canonical text: the same manifest always gives the same bytes, whatever order
    /// its files were added in.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(HEADER);
        // Writing to a String cannot fail.
        let _ = writeln!(out, "format = {}", self.format);
        let _ = writeln!(out, "course_id = {}", quote(&self.course_id));
        let _ = writeln!(out, "version = {}", quote(&self.version));
        let _ = writeln!(out, "created_by = {}", quote(&self.created_by));
        out.push_str("\n[files]\n");
        for (path, hash) in &self.files {
            let _ = writeln!(out, "{} = {}", quote(path), quote(hash));
        }
        if let Some(sig) = &self.signature {
            out.push_str("\n[signature]\n");
            let _ = writeln!(out, "public_key = {}", quote(&sig.public_key));
            let _ = writeln!(out, "value = {}", quote(&sig.value));
        }
        out
    }

    /// What the publisher signs: the canonical text without the signature, so adding the
    /// signature does not change what it signs.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let unsigned = Manifest {
            signature: None,
            ..self.clone()
        };
        unsigned.to_toml().into_bytes()
    }
}

/// sha256 of `bytes` as lowercase hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The sha256 of a file as lowercase hex, read in pieces: memory stays flat whatever its
/// size. Reads at most `cap` bytes plus one, so a file that grew past its limit is noticed
/// (`Ok(None)`).
pub fn hash_file(path: &std::path::Path, cap: u64) -> std::io::Result<Option<String>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?.take(cap.saturating_add(1));
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((total <= cap).then(|| hex::encode(hasher.finalize())))
}

/// A TOML basic string. Control characters cannot be in a checked path or id, but a course
/// version or a future field might carry one, and the output must stay valid TOML.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as lowercase hex if it is exactly `len` bytes of hex.
fn lower_hex(text: &str, len: usize) -> Option<String> {
    (text.len() == len * 2 && text.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| text.to_ascii_lowercase())
}

fn invalid(message: impl Into<String>) -> BundleError {
    BundleError::Manifest {
        message: message.into(),
    }
}

fn toml_error(text: &str, e: &toml::de::Error) -> BundleError {
    let place = e
        .span()
        .map(|span| format!("line {}: ", line_of(text, &span)))
        .unwrap_or_default();
    invalid(format!("{place}{}", e.message().trim()))
}

/// The 1-based line on which `span` starts.
pub(crate) fn line_of(text: &str, span: &Range<usize>) -> usize {
    let end = span.start.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let mut files = BTreeMap::new();
        files.insert("lessons/b.md".to_string(), hash_bytes(b"b"));
        files.insert("course.toml".to_string(), hash_bytes(b"c"));
        files.insert("lessons/a \"quoted\".md".to_string(), hash_bytes(b"a"));
        Manifest {
            format: 1,
            course_id: "minimal".into(),
            version: "1.0.0".into(),
            created_by: "hatua 0.1.0".into(),
            files,
            signature: None,
        }
    }

    fn message(text: &str) -> String {
        match Manifest::parse(text) {
            Err(BundleError::Manifest { message }) => message,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn hashes_are_sha256_hex() {
        assert_eq!(
            hash_bytes(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_manifest_survives_a_round_trip() {
        let mut m = sample();
        assert_eq!(Manifest::parse(&m.to_toml()).unwrap(), m);
        m.signature = Some(Signature {
            public_key: "ab".repeat(32),
            value: "cd".repeat(64),
        });
        assert_eq!(Manifest::parse(&m.to_toml()).unwrap(), m);
    }

    #[test]
    fn the_text_is_the_same_whatever_order_files_were_added_in() {
        let a = sample();
        let mut b = sample();
        b.files = a
            .files
            .iter()
            .rev()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        assert_eq!(a.to_toml(), b.to_toml());
        let text = a.to_toml();
        let course = text.find("\"course.toml\"").unwrap();
        let lesson = text.find("\"lessons/b.md\"").unwrap();
        assert!(course < lesson, "{text}");
    }

    #[test]
    fn what_is_signed_leaves_the_signature_out() {
        let unsigned = sample();
        let mut signed = sample();
        signed.signature = Some(Signature {
            public_key: "ab".repeat(32),
            value: "cd".repeat(64),
        });
        assert_eq!(unsigned.signed_bytes(), signed.signed_bytes());
        assert_eq!(unsigned.signed_bytes(), unsigned.to_toml().into_bytes());
        assert!(signed.to_toml().starts_with(&unsigned.to_toml()));
    }

    #[test]
    fn uppercase_hex_is_read_as_lowercase() {
        let m = sample();
        let text = m
            .to_toml()
            .replace(&hash_bytes(b"b"), &hash_bytes(b"b").to_uppercase());
        assert_eq!(Manifest::parse(&text).unwrap(), m);
    }

    #[test]
    fn a_newer_format_is_refused_and_says_so() {
        let text = sample().to_toml().replace("format = 1", "format = 2");
        assert!(message(&text).contains("newer Hatua"));
    }

    #[test]
    fn bad_manifests_are_refused_saying_what_is_wrong() {
        let good = sample().to_toml();
        let h = hash_bytes(b"b");
        assert!(message(&good.replace(&h, "123")).contains("`lessons/b.md`"));
        assert!(message(&good.replace("lessons/b.md", "../b.md")).contains("`../b.md`"));
        assert!(message(&good.replace("course.toml", MANIFEST_FILE)).contains("itself"));
        assert!(message(&good.replace("created_by", "made_by")).contains("made_by"));
        assert!(message(&good.replace("\"minimal\"", "\"Not An Id\"")).contains("course_id"));
        assert!(message("format = 1\ncourse_id = \n").starts_with("line 2:"));
        assert!(message("course_id = \"x\"\n").contains("format = 1"));
    }

    #[test]
    fn strings_are_quoted_as_toml() {
        assert_eq!(quote("a\"b\\c\u{7}"), "\"a\\\"b\\\\c\\u0007\"");
        let parsed: toml::Table = format!("k = {}", quote("a\"b\\c\u{7}")).parse().unwrap();
        assert_eq!(parsed["k"].as_str(), Some("a\"b\\c\u{7}"));
    }
}
