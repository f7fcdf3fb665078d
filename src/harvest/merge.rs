//! Merging exports at a hub: each file checked against its signed manifest (a changed byte is
//! refused, naming the file inside that changed), its site recognised by id and key, and its
//! records added by id in one transaction, so a file merged twice adds nothing and a merge
//! cut short leaves the hub as it was.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::bundle::TrustStore;
use crate::store::Store;
use crate::store::harvest::{MergeCounts, SiteRow};

use super::manifest::{MANIFEST_FILE, ManifestError, RecordsManifest};
use super::tables::read_tables;
use super::{SITE_FILE, STATEMENTS_FILE};

/// The most a table or `site.toml` may hold, uncompressed; statements are hashed as they
/// stream and never held.
const MAX_TABLE: u64 = 1 << 30;

/// Which sites' exports a hub takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MergePolicy {
    /// Only sites whose key is in the trusted list (`hatua trust add`).
    Trusted,
    /// Any site; its key is kept from its first export, and a later export signed with
    /// another key is refused.
    #[default]
    Any,
}

impl MergePolicy {
    pub const NAMES: &[&str] = &["trusted", "any"];

    pub fn named(name: &str) -> Option<MergePolicy> {
        match name {
            "trusted" => Some(MergePolicy::Trusted),
            "any" => Some(MergePolicy::Any),
            _ => None,
        }
    }
}

/// The keys a hub trusts, and what it does with a site whose key is not among them.
#[derive(Debug, Clone, Default)]
pub struct SiteTrust {
    pub trusted: TrustStore,
    pub policy: MergePolicy,
}

impl SiteTrust {
    /// The data folder's trusted list (`trust.toml`), under `policy`.
    pub fn load(
        data_dir: &Path,
        policy: MergePolicy,
    ) -> Result<SiteTrust, crate::bundle::BundleError> {
        Ok(SiteTrust {
            trusted: TrustStore::load(&data_dir.join(crate::bundle::TRUST_FILE))?,
            policy,
        })
    }
}

/// What merging one file did.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub file: PathBuf,
    pub site_id: String,
    pub site_name: String,
    /// The site was not known here before this file.
    pub new_site: bool,
    /// The name the trusted list gives the site's key, if it is there.
    pub trusted_as: Option<String>,
    pub counts: MergeCounts,
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{}: cannot be read: {message}", path.display())]
    Read { path: PathBuf, message: String },
    #[error("{}: is not a Hatua records export: {message}", path.display())]
    NotAnExport { path: PathBuf, message: String },
    #[error("{}: refused: {source}", path.display())]
    Manifest {
        path: PathBuf,
        source: ManifestError,
    },
    #[error(
        "{}: refused: it says it comes from site {site} but is signed with another key than \
         that site's earlier exports. If the site's data folder was rebuilt, check with its \
         facilitator before merging",
        path.display()
    )]
    OtherKey { path: PathBuf, site: String },
    #[error(
        "{}: refused: site {site} signs with a key this hub does not trust (ed25519:{key}). \
         If it is one of the programme's sites, trust it with `hatua trust add --name \"{site}\" \
         site.key.pub` (the file beside its site.key), then merge again",
        path.display()
    )]
    Untrusted {
        path: PathBuf,
        site: String,
        key: String,
    },
    #[error("{}: {source}", path.display())]
    Table {
        path: PathBuf,
        source: super::tables::TableError,
    },
    #[error("{}: the records could not be added: {source}", path.display())]
    Store {
        path: PathBuf,
        source: crate::store::StoreError,
    },
}

impl MergeError {
    /// The sentence for the hub's screen, in the facilitator's language: the refusals a
    /// hub meets in practice have sentences of their own; the rest are given in English
    /// inside one that is not. In English it reads as the error's `Display`.
    pub fn message(&self) -> crate::i18n::Message {
        use super::manifest::ManifestError;
        use crate::i18n::Message;
        match self {
            MergeError::OtherKey { path, site } => Message::new("hub.refused_other_key")
                .with("path", path.display())
                .with("site", site),
            MergeError::Untrusted { path, site, key } => Message::new("hub.refused_untrusted")
                .with("path", path.display())
                .with("site", site)
                .with("key", key),
            MergeError::Manifest {
                path,
                source: ManifestError::BadSignature,
            } => Message::new("hub.refused_signature").with("path", path.display()),
            MergeError::Manifest {
                path,
                source: ManifestError::Changed(file),
            } => Message::new("hub.refused_changed")
                .with("path", path.display())
                .with("file", file),
            other => Message::new("hub.merge_failed").with("detail", other),
        }
    }
}

#[derive(serde::Deserialize)]
struct SiteToml {
    export_id: String,
    site_id: String,
    site_name: String,
    public_key: String,
}

fn read_error(path: &Path, message: String) -> MergeError {
    MergeError::Read {
        path: path.to_path_buf(),
        message,
    }
}

/// Reads every entry of the zip but the statements (another reader hashes them meanwhile):
/// tables and `site.toml` kept. Also says whether the statements are there.
fn read_zip(
    path: &Path,
    reader: impl Read + Seek,
) -> Result<(HashMap<String, Vec<u8>>, bool), MergeError> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| MergeError::NotAnExport {
        path: path.to_path_buf(),
        message: format!("not a zip archive ({e})"),
    })?;
    let mut files = HashMap::new();
    let mut statements = false;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| read_error(path, e.to_string()))?;
        let name = entry.name().to_string();
        if name == STATEMENTS_FILE {
            if statements {
                return Err(read_error(path, format!("{name} is in it twice")));
            }
            statements = true;
            continue;
        }
        if files.contains_key(&name) {
            return Err(read_error(path, format!("{name} is in it twice")));
        }
        let mut bytes = Vec::new();
        entry
            .by_ref()
            .take(MAX_TABLE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| read_error(path, e.to_string()))?;
        if bytes.len() as u64 > MAX_TABLE {
            return Err(read_error(
                path,
                format!("{name} is larger than any export writes"),
            ));
        }
        files.insert(name, bytes);
    }
    Ok((files, statements))
}

/// The sha256 of an entry, read in blocks.
fn hash_entry(path: &Path, entry: &mut impl Read) -> Result<String, MergeError> {
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = entry
            .read(&mut buf)
            .map_err(|e| read_error(path, e.to_string()))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    Ok(hex::encode(hash.finalize()))
}

/// The statements' hash, from a reader of its own: run on the second core while the first
/// reads the tables and merges them, since inflating and hashing them is half a merge's work.
fn hash_statements(path: &Path, reader: impl Read + Seek) -> Result<String, MergeError> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| read_error(path, e.to_string()))?;
    let mut entry = zip
        .by_name(STATEMENTS_FILE)
        .map_err(|e| read_error(path, e.to_string()))?;
    hash_entry(path, &mut entry)
}

/// Checks `path` and merges its records into `store`, if `trust` takes its site.
pub fn merge_file(store: &mut Store, path: &Path, trust: &SiteTrust) -> Result<Merged, MergeError> {
    let open = || {
        std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .map_err(|e| read_error(path, e.to_string()))
    };
    let (first, second) = (open()?, open()?);
    let merged = merge_from(store, path, first, second, trust);
    match &merged {
        Ok(_) => tracing::info!(file = %path.display(), "merge"),
        Err(e) => tracing::warn!(file = %path.display(), "merge refused: {e}"),
    }
    merged
}

/// [`merge_file`] for an export already in memory, with every check the same; `path` only
/// names it in messages. The fuzz targets merge this way.
pub fn merge_bytes(
    store: &mut Store,
    path: &Path,
    bytes: &[u8],
    trust: &SiteTrust,
) -> Result<Merged, MergeError> {
    merge_from(store, path, Cursor::new(bytes), Cursor::new(bytes), trust)
}

/// Merges from `reader`, while a thread hashes the statements through `second`, a reader
/// of the same bytes; the merge is committed only if their hash is the manifest's.
fn merge_from<R: Read + Seek + Send>(
    store: &mut Store,
    path: &Path,
    reader: R,
    second: R,
    trust: &SiteTrust,
) -> Result<Merged, MergeError> {
    std::thread::scope(|scope| {
        let hashing = scope.spawn(|| hash_statements(path, second));
        let statements = move || {
            hashing.join().unwrap_or_else(|_| {
                Err(read_error(path, "its statements could not be read".into()))
            })
        };
        merge_checked(store, path, reader, statements, trust)
    })
}

fn merge_checked(
    store: &mut Store,
    path: &Path,
    reader: impl Read + Seek,
    statements_hash: impl FnOnce() -> Result<String, MergeError>,
    trust: &SiteTrust,
) -> Result<Merged, MergeError> {
    let (files, has_statements) = read_zip(path, reader)?;
    let refused = |source: ManifestError| MergeError::Manifest {
        path: path.to_path_buf(),
        source,
    };
    let manifest_text = files
        .get(MANIFEST_FILE)
        .ok_or_else(|| refused(ManifestError::Missing))?;
    let manifest =
        RecordsManifest::parse(&String::from_utf8_lossy(manifest_text)).map_err(refused)?;
    // Every file but the statements checked now; the statements, as the manifest has them
    // for now, and against their own hash before the merge is committed.
    let expected = manifest.files.get(STATEMENTS_FILE).cloned();
    let pending = has_statements.then(|| expected.clone().unwrap_or_default());
    check_hashes(&manifest, &files, pending.as_deref()).map_err(refused)?;
    let (site, known, trusted_as) = site_of(store, path, &files, &manifest, trust)?;
    let store_error = |source| MergeError::Store {
        path: path.to_path_buf(),
        source,
    };
    let harvest = read_tables(&files).map_err(|source| MergeError::Table {
        path: path.to_path_buf(),
        source,
    })?;
    let row = SiteRow {
        id: site.site_id.clone(),
        name: crate::sanitize::clean_line(&site.site_name),
        public_key: manifest.public_key.clone(),
    };
    let file = path.display().to_string();
    let mut refusal = None;
    let keep = || match has_statements.then(statements_hash) {
        None => true,
        Some(Ok(h)) if Some(&h) == expected.as_ref() => true,
        Some(Ok(_)) => {
            refusal = Some(refused(ManifestError::Changed(STATEMENTS_FILE.to_string())));
            false
        }
        Some(Err(e)) => {
            refusal = Some(e);
            false
        }
    };
    let counts = store
        .merge_harvest_if(&row, &manifest.export_id, &file, &harvest, keep)
        .map_err(store_error)?;
    let Some(counts) = counts else {
        return Err(refusal.unwrap_or_else(|| refused(ManifestError::BadSignature)));
    };
    Ok(Merged {
        file: path.to_path_buf(),
        site_id: row.id,
        site_name: row.name,
        new_site: known.is_none(),
        trusted_as,
        counts,
    })
}

/// The export's site, checked against its manifest, the key this hub knows for it (`None`
/// for a new site) and `trust`: the site, its known key, and the name it is trusted as.
fn site_of(
    store: &Store,
    path: &Path,
    files: &HashMap<String, Vec<u8>>,
    manifest: &RecordsManifest,
    trust: &SiteTrust,
) -> Result<(SiteToml, Option<String>, Option<String>), MergeError> {
    let site: SiteToml = files
        .get(SITE_FILE)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| toml::from_str(t).ok())
        .ok_or_else(|| MergeError::NotAnExport {
            path: path.to_path_buf(),
            message: format!("its {SITE_FILE} cannot be read"),
        })?;
    if site.site_id != manifest.site_id
        || site.public_key != manifest.public_key
        || site.export_id != manifest.export_id
    {
        return Err(MergeError::Manifest {
            path: path.to_path_buf(),
            source: ManifestError::BadSignature,
        });
    }
    let known = store
        .site_key(&site.site_id)
        .map_err(|source| MergeError::Store {
            path: path.to_path_buf(),
            source,
        })?;
    if known.as_ref().is_some_and(|k| *k != manifest.public_key) {
        return Err(MergeError::OtherKey {
            path: path.to_path_buf(),
            site: site.site_name,
        });
    }
    let trusted_as = trust
        .trusted
        .name_of(&manifest.public_key)
        .map(str::to_string);
    if trusted_as.is_none() && trust.policy == MergePolicy::Trusted {
        return Err(MergeError::Untrusted {
            path: path.to_path_buf(),
            site: crate::sanitize::clean_line(&site.site_name),
            key: manifest.public_key.clone(),
        });
    }
    Ok((site, known, trusted_as))
}

fn check_hashes(
    manifest: &RecordsManifest,
    files: &HashMap<String, Vec<u8>>,
    statements: Option<&str>,
) -> Result<(), ManifestError> {
    // The statements are hashed by a reader of their own (`merge_from`), the rest here.
    let hashed = files
        .iter()
        .map(|(n, b)| (n.as_str(), crate::bundle::manifest::hash_bytes(b)))
        .chain(statements.map(|h| (STATEMENTS_FILE, h.to_string())));
    manifest.check(hashed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harvest::manifest::ManifestError;
    use crate::i18n::Lang;

    #[test]
    fn a_hubs_refusals_read_as_the_error_in_english_and_in_the_facilitators_language() {
        let path = || PathBuf::from("/media/usb/kisumu-2026-11-30.hatua-records.zip");
        let errors = [
            MergeError::OtherKey {
                path: path(),
                site: "Kisumu".into(),
            },
            MergeError::Untrusted {
                path: path(),
                site: "Kisumu".into(),
                key: "ab12".into(),
            },
            MergeError::Manifest {
                path: path(),
                source: ManifestError::BadSignature,
            },
            MergeError::Manifest {
                path: path(),
                source: ManifestError::Changed("answers.csv".into()),
            },
        ];
        for e in &errors {
            e.message().assert_worded_as(&e.to_string());
        }
        assert!(
            errors[3]
                .message()
                .text(Lang::Fr)
                .contains("answers.csv a été modifié")
        );
    }
}
