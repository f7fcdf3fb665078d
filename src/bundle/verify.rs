//! Whether a bundle is the one that was packed (every file matches the manifest) and who
//! vouches for it (the signature, and the trusted publisher who owns the key).

use std::collections::{BTreeMap, BTreeSet};

use ed25519_dalek::VerifyingKey;

use super::checks::is_manifest;
use super::manifest::{Manifest, hash_bytes};
use super::trust::TrustStore;
use super::{BundleError, Change};

/// Who stands behind a bundle that passed verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// The files match the manifest, which nobody signed.
    Unsigned,
    /// Signed by a publisher this workstation trusts.
    SignedBy { name: String },
    /// Signed, and the signature holds, but by a key nobody here trusts (hex).
    UnknownSigner { key: String },
    /// The bundle has no manifest: a folder that was never packed. Nothing can be checked.
    NoManifest,
}

/// One file of a bundle, however the caller holds it: `(&str, &[u8])` from
/// [`super::ZipBundle::files`], or `&(String, Vec<u8>)` from [`super::folder_files`].
pub trait BundleFile {
    fn path(&self) -> &str;
    fn bytes(&self) -> &[u8];
}

impl BundleFile for (&str, &[u8]) {
    fn path(&self) -> &str {
        self.0
    }
    fn bytes(&self) -> &[u8] {
        self.1
    }
}

impl BundleFile for &(String, Vec<u8>) {
    fn path(&self) -> &str {
        &self.0
    }
    fn bytes(&self) -> &[u8] {
        &self.1
    }
}

impl BundleFile for (String, Vec<u8>) {
    fn path(&self) -> &str {
        &self.0
    }
    fn bytes(&self) -> &[u8] {
        &self.1
    }
}

/// Checks the signature, then that every file the manifest lists is there with its hash and
/// that no other file is (the manifest itself aside); then names the signer from `trust`.
/// The first difference, in path order, is the error.
pub fn verify<F: BundleFile>(
    files: impl IntoIterator<Item = F>,
    manifest: Option<&Manifest>,
    trust: &TrustStore,
) -> Result<Standing, BundleError> {
    let Some(manifest) = manifest else {
        return Ok(Standing::NoManifest);
    };
    let present = files
        .into_iter()
        .map(|f| (f.path().to_string(), hash_bytes(f.bytes())));
    verify_hashes(present, Some(manifest), trust)
}

/// [`verify`] from the files' hashes (path, sha256 hex), for a caller that hashed them
/// while streaming them from a disk instead of holding them.
pub fn verify_hashes(
    hashes: impl IntoIterator<Item = (String, String)>,
    manifest: Option<&Manifest>,
    trust: &TrustStore,
) -> Result<Standing, BundleError> {
    let Some(manifest) = manifest else {
        return Ok(Standing::NoManifest);
    };
    // A manifest whose signature fails cannot be believed about any file, so it goes first.
    let signer = check_signature(manifest)?;
    let present: BTreeMap<String, String> = hashes
        .into_iter()
        .filter(|(path, _)| !is_manifest(path))
        .collect();
    let paths: BTreeSet<&String> = manifest.files.keys().chain(present.keys()).collect();
    for path in paths {
        let change = match (manifest.files.get(path), present.get(path)) {
            (Some(want), Some(got)) if want != got => Change::Modified,
            (Some(_), None) => Change::Missing,
            (None, Some(_)) => Change::Added,
            _ => continue,
        };
        return Err(BundleError::Tampered {
            file: path.clone(),
            change,
        });
    }
    Ok(standing(signer, trust))
}

/// The signature alone, without hashing a file: cheap enough to show every installed
/// course's standing at start-up. A course is checked in full when it is imported.
pub fn standing_of(manifest: &Manifest, trust: &TrustStore) -> Result<Standing, BundleError> {
    Ok(standing(check_signature(manifest)?, trust))
}

/// Who signed, by the key [`signer_of`] found, as this workstation's trust names them.
pub fn standing_by(signer: Option<String>, trust: &TrustStore) -> Standing {
    standing(signer, trust)
}

/// The signing key (hex) when the manifest is signed and its signature holds; `None` when
/// it is unsigned. Kept in the library's catalog, so start-up need not check it again.
pub fn signer_of(manifest: &Manifest) -> Result<Option<String>, BundleError> {
    check_signature(manifest)
}

fn standing(signer: Option<String>, trust: &TrustStore) -> Standing {
    match signer {
        None => Standing::Unsigned,
        Some(key) => match trust.name_of(&key) {
            Some(name) => Standing::SignedBy {
                name: name.to_string(),
            },
            None => Standing::UnknownSigner { key },
        },
    }
}

/// The signing key (hex) when the manifest is signed and the signature holds.
fn check_signature(manifest: &Manifest) -> Result<Option<String>, BundleError> {
    let Some(sig) = &manifest.signature else {
        return Ok(None);
    };
    let mut key = [0u8; 32];
    let mut value = [0u8; 64];
    hex::decode_to_slice(&sig.public_key, &mut key).map_err(|_| BundleError::BadSignature)?;
    hex::decode_to_slice(&sig.value, &mut value).map_err(|_| BundleError::BadSignature)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| BundleError::BadSignature)?;
    // Strict: refuses the weak keys and malleable signatures plain `verify` lets through.
    key.verify_strict(
        &manifest.signed_bytes(),
        &ed25519_dalek::Signature::from_bytes(&value),
    )
    .map_err(|_| BundleError::BadSignature)?;
    Ok(Some(sig.public_key.clone()))
}

#[cfg(test)]
mod tests;
