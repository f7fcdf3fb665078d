//! A publisher's ed25519 key pair as two small text files a trainer can keep and copy: the
//! secret one that signs bundles, and the `.pub` one that sites trust.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

use super::BundleError;
use super::durable::{sync_parent, temp_beside};
use super::manifest::{Manifest, Signature};

const SECRET_PREFIX: &str = "ed25519-secret:";
const PUBLIC_PREFIX: &str = "ed25519:";

/// A key file is two or three lines; anything much bigger is not one.
const MAX_KEY_FILE: u64 = 64 * 1024;

/// The key a trainer signs bundles with.
pub struct PublisherKey {
    key: SigningKey,
}

impl std::fmt::Debug for PublisherKey {
    // The secret never goes into a log or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublisherKey({})", self.public_hex())
    }
}

impl PublisherKey {
    /// A new key from the system's secure random source.
    pub fn generate() -> Result<PublisherKey, BundleError> {
        let mut secret = [0u8; 32];
        // The argon2 dependency already draws salts from the system's random source
        // (getrandom); two of its 16-byte salts make the 32 bytes of an ed25519 secret.
        for half in secret.chunks_mut(16) {
            let salt =
                argon2::password_hash::try_generate_salt().map_err(|e| BundleError::Random {
                    message: e.to_string(),
                })?;
            half.copy_from_slice(&salt);
        }
        Ok(PublisherKey {
            key: SigningKey::from_bytes(&secret),
        })
    }

    /// Writes the secret key to `secret_path` (readable by its owner only) and the public key
    /// beside it as `<secret_path>.pub`, which is returned. Never overwrites a file.
    pub fn save(&self, secret_path: &Path) -> Result<PathBuf, BundleError> {
        let public_path = public_path_of(secret_path);
        for path in [secret_path, public_path.as_path()] {
            if fs::symlink_metadata(path).is_ok() {
                return Err(key_error(
                    path,
                    "a file is already there, and Hatua never overwrites a key; move it away or choose another name",
                ));
            }
        }
        let secret = format!(
            "# Hatua publisher SECRET key. Keep it secret: whoever has this file can sign course\n\
             # bundles in your name. Give sites the public key beside it ({}), never this file.\n\
             {SECRET_PREFIX}{}\n",
            public_path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            hex::encode(self.key.to_bytes())
        );
        let public = format!(
            "# Hatua publisher public key: sites that trust it see your name on the bundles you sign.\n\
             {PUBLIC_PREFIX}{}\n",
            self.public_hex()
        );
        write_new(secret_path, &secret, 0o600)?;
        if let Err(e) = write_new(&public_path, &public, 0o644) {
            let _ = fs::remove_file(secret_path);
            return Err(e);
        }
        sync_parent(secret_path)?;
        Ok(public_path)
    }

    /// Reads a secret key file written by [`PublisherKey::save`].
    pub fn load(secret_path: &Path) -> Result<PublisherKey, BundleError> {
        let size = fs::metadata(secret_path)
            .map_err(|e| BundleError::io(secret_path, e))?
            .len();
        if size > MAX_KEY_FILE {
            return Err(key_error(secret_path, "it is far too big to be a key file"));
        }
        let text = fs::read_to_string(secret_path).map_err(|e| BundleError::io(secret_path, e))?;
        let line = key_line(&text).map_err(|m| key_error(secret_path, m))?;
        let Some(hex_text) = line.strip_prefix(SECRET_PREFIX) else {
            let message = if line.starts_with(PUBLIC_PREFIX) {
                "it is a public key; signing needs the secret key file (the one without .pub)"
            } else {
                "it has no `ed25519-secret:` line"
            };
            return Err(key_error(secret_path, message));
        };
        let bytes = decode_32(hex_text.trim())
            .ok_or_else(|| key_error(secret_path, "the secret key is not 64 hex digits"))?;
        Ok(PublisherKey {
            key: SigningKey::from_bytes(&bytes),
        })
    }

    /// The public key as lowercase hex, what a site adds to its trusted publishers.
    pub fn public_hex(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }

    /// The signature of `bytes`, 64 bytes as lowercase hex.
    pub fn sign_bytes(&self, bytes: &[u8]) -> String {
        hex::encode(self.key.sign(bytes).to_bytes())
    }

    /// Signs the manifest's canonical text and puts the signature in it.
    pub fn sign(&self, manifest: &mut Manifest) {
        let value = self.key.sign(&manifest.signed_bytes());
        manifest.signature = Some(Signature {
            public_key: self.public_hex(),
            value: hex::encode(value.to_bytes()),
        });
    }
}

/// Whether `signature` (hex) is `public_key`'s (hex) signature of `bytes`, checked strictly
/// (weak keys and malleable signatures refused).
pub fn signature_holds(public_key: &str, bytes: &[u8], signature: &str) -> bool {
    let mut key = [0u8; 32];
    let mut value = [0u8; 64];
    if hex::decode_to_slice(public_key, &mut key).is_err()
        || hex::decode_to_slice(signature, &mut value).is_err()
    {
        return false;
    }
    VerifyingKey::from_bytes(&key).is_ok_and(|key| {
        key.verify_strict(bytes, &ed25519_dalek::Signature::from_bytes(&value))
            .is_ok()
    })
}

/// A public key given as `ed25519:<hex>`, bare hex, or a whole `.pub` file (comment lines
/// ignored), as normalized lowercase hex.
pub fn parse_public_key(text: &str) -> Result<String, BundleError> {
    let fail = |message: &str| key_error(Path::new(""), message);
    let line = key_line(text).map_err(fail)?;
    if line.starts_with(SECRET_PREFIX) {
        return Err(fail(
            "this is a SECRET key, which must never be shared; give the public key (the .pub file) instead",
        ));
    }
    let hex_text = line.strip_prefix(PUBLIC_PREFIX).unwrap_or(line).trim();
    let bytes = decode_32(hex_text)
        .ok_or_else(|| fail("a public key is 64 hex digits, optionally after `ed25519:`"))?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| fail("these 64 hex digits are not a valid ed25519 public key"))?;
    Ok(hex::encode(bytes))
}

/// `<secret_path>.pub`.
fn public_path_of(secret_path: &Path) -> PathBuf {
    let mut name = secret_path.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// The one line of a key file that is not blank or a `#` comment.
fn key_line(text: &str) -> Result<&str, &'static str> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    match (lines.next(), lines.next()) {
        (Some(line), None) => Ok(line),
        (None, _) => Err("it holds no key"),
        (Some(_), Some(_)) => Err("it holds more than one line that is not a comment"),
    }
}

fn decode_32(hex_text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_text, &mut out).ok()?;
    Some(out)
}

fn key_error(path: &Path, message: &str) -> BundleError {
    BundleError::Key {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Creates `path` (failing if anything is there) whole or not at all: the text is written and
/// flushed under a temporary name, with `mode` on Unix from the first byte so the secret is
/// never readable by others even for a moment, then linked to `path`, which cannot overwrite.
/// A kill at any moment leaves no key file, or a complete one; never an empty one that every
/// later signature would trip on.
fn write_new(path: &Path, text: &str, mode: u32) -> Result<(), BundleError> {
    let temp = temp_beside(path);
    let _ = fs::remove_file(&temp);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(BundleError::io(&temp, e));
    }
    let placed = match fs::hard_link(&temp, path) {
        // FAT drives (portable mode) have no hard links: the check before saving stands in.
        Err(e) if e.kind() != ErrorKind::AlreadyExists && !path.exists() => fs::rename(&temp, path),
        linked => linked,
    };
    let _ = fs::remove_file(&temp);
    placed.map_err(|e| match e.kind() {
        ErrorKind::AlreadyExists => key_error(
            path,
            "a file is already there, and Hatua never overwrites a key",
        ),
        _ => BundleError::io(path, e),
    })
}

#[cfg(test)]
mod tests;
