//! The signed statement a certificate carries, so that anyone can check it offline: what
//! was achieved, by whom, where and when, signed with the site's key. On the page it is a
//! line of text and a QR code of the same line:
//!
//! `HATUA1.<claim>.<public key>.<signature>`, each part base64url without padding; the
//! claim is JSON, and the signature covers its bytes exactly as written.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::{Deserialize, Serialize};

use crate::bundle::TrustStore;
use crate::bundle::keys::signature_holds;

const PREFIX: &str = "HATUA1";

/// What a certificate says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The learner's name as printed.
    pub name: String,
    pub course_id: String,
    pub course_title: String,
    pub course_version: String,
    /// Who stands behind the course: the publisher who signed it, or "built-in", or
    /// "unsigned".
    pub publisher: String,
    /// Percent.
    pub score: u32,
    /// `2026-11-30`.
    pub date: String,
    pub site_id: String,
    pub site_name: String,
    /// The short code the issuing desk knows it by.
    pub code: String,
}

/// Why a signed statement does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignedError {
    #[error("this is not a Hatua certificate's signed statement (it starts with {PREFIX}.)")]
    NotOne,
    #[error("the signed statement is damaged: {0}")]
    Damaged(String),
    #[error(
        "the signature does not match what the certificate says: it was changed after it was issued"
    )]
    BadSignature,
}

/// A claim, signed: the text that goes on the page and into the QR code.
pub fn sign(claim: &Claim, public_key: &str, sign: impl FnOnce(&[u8]) -> String) -> String {
    let json = serde_json::to_vec(claim).expect("a claim is plain data");
    let signature = sign(&json);
    let key = hex::decode(public_key).unwrap_or_default();
    let sig = hex::decode(signature).unwrap_or_default();
    format!(
        "{PREFIX}.{}.{}.{}",
        B64.encode(&json),
        B64.encode(key),
        B64.encode(sig)
    )
}

/// A checked claim: it holds, and who (by this computer's trust) signed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub claim: Claim,
    /// The site key that signed it, hex.
    pub public_key: String,
    /// The name this computer trusts that key under, if it does.
    pub trusted_as: Option<String>,
}

/// Checks `text` (a signed statement, with any spaces or line breaks inside it removed):
/// the signature must hold over the claim exactly as written.
pub fn check(text: &str, trust: &TrustStore) -> Result<Checked, SignedError> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut parts = compact.split('.');
    if parts.next() != Some(PREFIX) {
        return Err(SignedError::NotOne);
    }
    let mut next = |what: &str| -> Result<Vec<u8>, SignedError> {
        let part = parts
            .next()
            .ok_or_else(|| SignedError::Damaged(format!("its {what} is missing")))?;
        B64.decode(part)
            .map_err(|_| SignedError::Damaged(format!("its {what} is not base64url")))
    };
    let json = next("claim")?;
    let key = next("key")?;
    let sig = next("signature")?;
    let (key, sig) = (hex::encode(key), hex::encode(sig));
    if !signature_holds(&key, &json, &sig) {
        return Err(SignedError::BadSignature);
    }
    let claim: Claim = serde_json::from_slice(&json)
        .map_err(|e| SignedError::Damaged(format!("its claim cannot be read ({e})")))?;
    Ok(Checked {
        claim,
        trusted_as: trust.name_of(&key).map(str::to_string),
        public_key: key,
    })
}

/// The signed statement within a page or a text copy of a certificate, if there is one.
pub fn find_in(text: &str) -> Option<String> {
    let start = text.find(&format!("{PREFIX}."))?;
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    Some(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::PublisherKey;

    fn claim() -> Claim {
        Claim {
            name: "Amélie N.".into(),
            course_id: "cedaw".into(),
            course_title: "CEDAW".into(),
            course_version: "1.1.0".into(),
            publisher: "UN Women training centre".into(),
            score: 85,
            date: "2026-11-30".into(),
            site_id: "a0c1".into(),
            site_name: "Kisumu centre".into(),
            code: "AAAA-BBBB-CCCC".into(),
        }
    }

    #[test]
    fn a_signed_claim_checks_and_any_edit_fails() {
        let key = PublisherKey::generate().unwrap();
        let text = sign(&claim(), &key.public_hex(), |b| key.sign_bytes(b));
        let dir = tempfile::tempdir().unwrap();
        let mut trust = TrustStore::load(&dir.path().join("trust.toml")).unwrap();
        let checked = check(&text, &trust).unwrap();
        assert_eq!(checked.claim, claim());
        assert_eq!(checked.trusted_as, None, "unknown here until trusted");
        trust.add(&key.public_hex(), "Kisumu centre").unwrap();
        assert_eq!(
            check(&text, &trust).unwrap().trusted_as.as_deref(),
            Some("Kisumu centre")
        );
        // Another score, signed by nobody: the signature no longer holds.
        let mut edited = claim();
        edited.score = 100;
        let forged_json = B64.encode(serde_json::to_vec(&edited).unwrap());
        let parts: Vec<&str> = text.split('.').collect();
        let forged = format!("{}.{forged_json}.{}.{}", parts[0], parts[2], parts[3]);
        assert_eq!(check(&forged, &trust), Err(SignedError::BadSignature));
        assert_eq!(
            find_in(&format!("Signed: {text}\nmore")),
            Some(text.clone())
        );
        assert!(matches!(
            check("HATUA1.abc", &trust),
            Err(SignedError::Damaged(_))
        ));
    }
}
