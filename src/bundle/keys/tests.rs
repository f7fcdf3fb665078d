//! Key files on disk: round trips, permissions, refusals, and the signature they make.

use std::collections::BTreeMap;

use super::*;

fn manifest() -> Manifest {
    Manifest {
        format: 1,
        course_id: "minimal".into(),
        version: "1.0.0".into(),
        created_by: "hatua test".into(),
        files: BTreeMap::from([("course.toml".into(), "00".repeat(32))]),
        signature: None,
    }
}

#[test]
fn a_saved_key_loads_as_the_same_key() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("publisher.key");
    let key = PublisherKey::generate().unwrap();
    let public = key.save(&secret).unwrap();
    assert_eq!(public, dir.path().join("publisher.key.pub"));
    let loaded = PublisherKey::load(&secret).unwrap();
    assert_eq!(loaded.public_hex(), key.public_hex());
    let public_text = fs::read_to_string(&public).unwrap();
    assert_eq!(parse_public_key(&public_text).unwrap(), key.public_hex());
}

#[test]
fn two_keys_differ() {
    let a = PublisherKey::generate().unwrap();
    let b = PublisherKey::generate().unwrap();
    assert_ne!(a.public_hex(), b.public_hex());
}

#[test]
fn the_files_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("k");
    let key = PublisherKey::generate().unwrap();
    let public = key.save(&secret).unwrap();
    let secret_text = fs::read_to_string(&secret).unwrap();
    let mut lines = secret_text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("# Hatua publisher SECRET key. Keep it secret")
    );
    assert!(secret_text.contains("k.pub"));
    let key_line = secret_text.lines().last().unwrap();
    assert!(key_line.starts_with("ed25519-secret:") && key_line.len() == 15 + 64);
    let public_text = fs::read_to_string(public).unwrap();
    assert!(public_text.starts_with("# Hatua publisher public key"));
    assert!(public_text.ends_with(&format!("\ned25519:{}\n", key.public_hex())));
    // The secret never shows in a debug print.
    assert!(!format!("{key:?}").contains(&key_line[15..]));
}

#[cfg(unix)]
#[test]
fn the_secret_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("k");
    let public = PublisherKey::generate().unwrap().save(&secret).unwrap();
    let mode = fs::metadata(&secret).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let mode = fs::metadata(public).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o077 & !0o044,
        0,
        "the public key may be read by others, not written"
    );
}

#[test]
fn a_key_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("k");
    fs::write(&secret, "precious").unwrap();
    let err = PublisherKey::generate().unwrap().save(&secret).unwrap_err();
    assert!(
        matches!(&err, BundleError::Key { path, .. } if path == &secret),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&secret).unwrap(), "precious");

    // Nor the public key beside it; and then no secret is left without its public half.
    let other = dir.path().join("other");
    fs::write(dir.path().join("other.pub"), "precious").unwrap();
    let err = PublisherKey::generate().unwrap().save(&other).unwrap_err();
    assert!(err.to_string().contains("other.pub"), "{err}");
    assert!(!other.exists());
}

#[test]
fn loading_a_public_key_as_the_secret_says_which_file_to_use() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("k");
    let public = PublisherKey::generate().unwrap().save(&secret).unwrap();
    let err = PublisherKey::load(&public).unwrap_err();
    assert!(err.to_string().contains("the one without .pub"), "{err}");
    assert!(err.to_string().contains("k.pub"), "{err}");

    fs::write(&secret, "# comment\ned25519-secret:xyz\n").unwrap();
    let err = PublisherKey::load(&secret).unwrap_err();
    assert!(err.to_string().contains("not 64 hex digits"), "{err}");
}

#[test]
fn public_keys_are_read_in_every_form() {
    let key = PublisherKey::generate().unwrap();
    let hex = key.public_hex();
    assert_eq!(parse_public_key(&hex).unwrap(), hex);
    assert_eq!(parse_public_key(&format!("ed25519:{hex}")).unwrap(), hex);
    assert_eq!(
        parse_public_key(&format!("  {}  \n", hex.to_uppercase())).unwrap(),
        hex
    );
    let file = format!("# a comment\n\ned25519:{hex}\n");
    assert_eq!(parse_public_key(&file).unwrap(), hex);
}

#[test]
fn bad_public_keys_are_refused_saying_why() {
    let message = |text: &str| parse_public_key(text).unwrap_err().to_string();
    assert!(message("").contains("no key"));
    assert!(message("ed25519:abcd").contains("64 hex digits"));
    assert!(message(&format!("ed25519-secret:{}", "11".repeat(32))).contains("SECRET"));
    assert!(
        message(&format!("{}\n{}", "11".repeat(32), "22".repeat(32))).contains("more than one")
    );
}

#[test]
fn signing_fills_in_the_signature_over_the_manifest() {
    let key = PublisherKey::generate().unwrap();
    let mut m = manifest();
    key.sign(&mut m);
    let sig = m.signature.clone().unwrap();
    assert_eq!(sig.public_key, key.public_hex());
    assert_eq!(sig.value.len(), 128);
    let verifying = VerifyingKey::from_bytes(&decode_32(&sig.public_key).unwrap()).unwrap();
    let mut value = [0u8; 64];
    hex::decode_to_slice(&sig.value, &mut value).unwrap();
    let value = ed25519_dalek::Signature::from_bytes(&value);
    assert!(verifying.verify_strict(&m.signed_bytes(), &value).is_ok());
    // Signing again gives the same signature: ed25519 is deterministic, so packs stay
    // reproducible.
    let mut again = manifest();
    key.sign(&mut again);
    assert_eq!(again, m);
}

#[test]
fn a_key_that_cannot_be_written_whole_leaves_no_key_file() {
    // The temporary name taken by a folder: the write fails before the key has a name, as a
    // kill would stop it, and nothing half-made is left where the key belongs.
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("site.key");
    fs::create_dir(temp_beside(&secret)).unwrap();
    let err = PublisherKey::generate().unwrap().save(&secret).unwrap_err();
    assert!(matches!(err, BundleError::Io { .. }), "{err}");
    assert!(!secret.exists());

    // A key saved whole leaves nothing beside it but its public half.
    fs::remove_dir(temp_beside(&secret)).unwrap();
    PublisherKey::generate().unwrap().save(&secret).unwrap();
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["site.key", "site.key.pub"]);
    assert!(PublisherKey::load(&secret).is_ok());
}
