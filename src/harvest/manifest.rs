//! The `MANIFEST.toml` of a records export: the sha256 of every file in it, signed with the
//! site's key. Like a course bundle's manifest, what is signed is text this module writes
//! itself, so a signature made today still checks after any library changes its quoting.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::bundle::keys::signature_holds;
use crate::bundle::manifest::hash_bytes;

pub const MANIFEST_FILE: &str = "MANIFEST.toml";

const FORMAT: u32 = 1;
const KIND: &str = "hatua-records";

const HEADER: &str = "# The manifest of a Hatua records export: the sha256 of every file, and the\n\
                      # site's signature over everything above [signature].\n";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordsManifest {
    pub export_id: String,
    pub site_id: String,
    pub created_by: String,
    /// File name → sha256 (lowercase hex), every file but the manifest.
    pub files: BTreeMap<String, String>,
    /// The site's public key and its signature, both hex.
    pub public_key: String,
    pub signature: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    format: u32,
    kind: String,
    export_id: String,
    site_id: String,
    created_by: String,
    files: BTreeMap<String, String>,
    signature: RawSignature,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignature {
    public_key: String,
    value: String,
}

/// What is wrong with an export's manifest or files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    #[error("it has no MANIFEST.toml, so nothing shows its records are as the site wrote them")]
    Missing,
    #[error("its MANIFEST.toml cannot be read: {0}")]
    Unreadable(String),
    #[error("its MANIFEST.toml is of format {0}, which this Hatua does not know; update Hatua")]
    Format(u32),
    #[error(
        "the site's signature on it does not match: the export was changed after it was written"
    )]
    BadSignature,
    #[error(
        "{0} in it was changed after the export was written (its sha256 differs from the manifest's)"
    )]
    Changed(String),
    #[error("{0} is listed in its manifest but not in the file")]
    MissingFile(String),
    #[error("{0} in it is not listed in its manifest")]
    Unlisted(String),
}

impl RecordsManifest {
    /// The text the signature covers: everything but the `[signature]` table.
    fn signed_text(
        export_id: &str,
        site_id: &str,
        created_by: &str,
        files: &BTreeMap<String, String>,
    ) -> String {
        let mut t = String::from(HEADER);
        let q = |s: &str| toml_string(s);
        let _ = writeln!(t, "format = {FORMAT}");
        let _ = writeln!(t, "kind = {}", q(KIND));
        let _ = writeln!(t, "export_id = {}", q(export_id));
        let _ = writeln!(t, "site_id = {}", q(site_id));
        let _ = writeln!(t, "created_by = {}", q(created_by));
        let _ = writeln!(t, "\n[files]");
        for (name, hash) in files {
            let _ = writeln!(t, "{} = {}", q(name), q(hash));
        }
        t
    }

    /// The manifest of `files`, signed by `sign` (the site key) as `public_key`.
    pub fn sign<'a>(
        export_id: &str,
        site_id: &str,
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
        public_key: &str,
        sign: impl FnOnce(&[u8]) -> String,
    ) -> RecordsManifest {
        let files: BTreeMap<String, String> = files
            .into_iter()
            .map(|(n, b)| (n.to_string(), hash_bytes(b)))
            .collect();
        Self::sign_hashes(export_id, site_id, files, public_key, sign)
    }

    /// The manifest of files already hashed (name → sha256 hex), signed.
    pub fn sign_hashes(
        export_id: &str,
        site_id: &str,
        files: BTreeMap<String, String>,
        public_key: &str,
        sign: impl FnOnce(&[u8]) -> String,
    ) -> RecordsManifest {
        let created_by = format!("hatua {}", env!("CARGO_PKG_VERSION"));
        let text = Self::signed_text(export_id, site_id, &created_by, &files);
        RecordsManifest {
            export_id: export_id.to_string(),
            site_id: site_id.to_string(),
            created_by,
            files,
            public_key: public_key.to_string(),
            signature: sign(text.as_bytes()),
        }
    }

    pub fn to_toml(&self) -> String {
        let mut t = Self::signed_text(
            &self.export_id,
            &self.site_id,
            &self.created_by,
            &self.files,
        );
        let _ = writeln!(t, "\n[signature]");
        let _ = writeln!(t, "public_key = {}", toml_string(&self.public_key));
        let _ = writeln!(t, "value = {}", toml_string(&self.signature));
        t
    }

    /// Reads a manifest and checks its signature (by the key it names; whether that key is
    /// the site's is the hub's to say).
    pub fn parse(text: &str) -> Result<RecordsManifest, ManifestError> {
        let raw: Raw =
            toml::from_str(text).map_err(|e| ManifestError::Unreadable(e.message().to_string()))?;
        if raw.format != FORMAT || raw.kind != KIND {
            return Err(ManifestError::Format(raw.format));
        }
        let signed = Self::signed_text(&raw.export_id, &raw.site_id, &raw.created_by, &raw.files);
        if !signature_holds(
            &raw.signature.public_key,
            signed.as_bytes(),
            &raw.signature.value,
        ) {
            return Err(ManifestError::BadSignature);
        }
        Ok(RecordsManifest {
            export_id: raw.export_id,
            site_id: raw.site_id,
            created_by: raw.created_by,
            files: raw.files,
            public_key: raw.signature.public_key,
            signature: raw.signature.value,
        })
    }

    /// Checks every file (name and sha256 hex) against the manifest: none changed, none
    /// missing, none added.
    pub fn check<'a>(
        &self,
        files: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Result<(), ManifestError> {
        let mut seen = std::collections::BTreeSet::new();
        for (name, hash) in files {
            if name == MANIFEST_FILE {
                continue;
            }
            match self.files.get(name) {
                None => return Err(ManifestError::Unlisted(name.to_string())),
                Some(h) if *h != hash => {
                    return Err(ManifestError::Changed(name.to_string()));
                }
                Some(_) => {
                    seen.insert(name.to_string());
                }
            }
        }
        match self.files.keys().find(|n| !seen.contains(*n)) {
            Some(missing) => Err(ManifestError::MissingFile(missing.clone())),
            None => Ok(()),
        }
    }
}

/// A TOML basic string, escaped by this module (see the module's note on why).
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
