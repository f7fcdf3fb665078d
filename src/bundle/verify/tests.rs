//! Verification against a manifest: every kind of change is named, every bad signature refused.

use super::*;
use crate::bundle::{MANIFEST_FILE, PublisherKey};

fn files() -> Vec<(String, Vec<u8>)> {
    vec![
        ("course.toml".into(), b"format = 1\n".to_vec()),
        ("lessons/a.md".into(), b"# A\n".to_vec()),
        ("assets/pic.png".into(), vec![0, 1, 2, 255]),
    ]
}

fn manifest_of(files: &[(String, Vec<u8>)]) -> Manifest {
    Manifest {
        format: 1,
        course_id: "minimal".into(),
        version: "1.0.0".into(),
        created_by: "hatua test".into(),
        files: files
            .iter()
            .map(|(p, b)| (p.clone(), hash_bytes(b)))
            .collect(),
        signature: None,
    }
}

fn empty_trust() -> (tempfile::TempDir, TrustStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = TrustStore::load(&dir.path().join("trust.toml")).unwrap();
    (dir, store)
}

fn tampered(result: Result<Standing, BundleError>) -> (String, Change) {
    match result {
        Err(BundleError::Tampered { file, change }) => (file, change),
        other => panic!("{other:?}"),
    }
}

#[test]
fn matching_files_verify_as_unsigned_and_no_manifest_is_said() {
    let (_d, trust) = empty_trust();
    let files = files();
    let m = manifest_of(&files);
    assert_eq!(
        verify(&files, Some(&m), &trust).unwrap(),
        Standing::Unsigned
    );
    assert_eq!(verify(&files, None, &trust).unwrap(), Standing::NoManifest);
    // The manifest's own file may be among them.
    let mut with_manifest = files.clone();
    with_manifest.push((MANIFEST_FILE.into(), m.to_toml().into_bytes()));
    assert_eq!(
        verify(&with_manifest, Some(&m), &trust).unwrap(),
        Standing::Unsigned
    );
}

#[test]
fn a_flipped_bit_in_any_file_names_that_file() {
    let (_d, trust) = empty_trust();
    let key = PublisherKey::generate().unwrap();
    let original = files();
    let mut m = manifest_of(&original);
    key.sign(&mut m);
    for i in 0..original.len() {
        let mut files = original.clone();
        files[i].1[0] ^= 0x01;
        let (file, change) = tampered(verify(&files, Some(&m), &trust));
        assert_eq!(
            (file.as_str(), change),
            (original[i].0.as_str(), Change::Modified)
        );
    }
}

#[test]
fn a_missing_or_added_file_is_named() {
    let (_d, trust) = empty_trust();
    let original = files();
    let m = manifest_of(&original);
    let mut fewer = original.clone();
    fewer.remove(1);
    assert_eq!(
        tampered(verify(&fewer, Some(&m), &trust)),
        ("lessons/a.md".into(), Change::Missing)
    );
    let mut more = original.clone();
    more.push(("lessons/extra.md".into(), b"x".to_vec()));
    assert_eq!(
        tampered(verify(&more, Some(&m), &trust)),
        ("lessons/extra.md".into(), Change::Added)
    );
}

#[test]
fn a_flipped_bit_in_the_signature_or_the_manifest_is_a_bad_signature() {
    let (_d, trust) = empty_trust();
    let files = files();
    let key = PublisherKey::generate().unwrap();
    let mut m = manifest_of(&files);
    key.sign(&mut m);
    let sig = m.signature.clone().unwrap();
    let value = hex::decode(&sig.value).unwrap();
    for i in 0..value.len() {
        let mut flipped = value.clone();
        flipped[i] ^= 1 << (i % 8);
        let mut bad = m.clone();
        bad.signature.as_mut().unwrap().value = hex::encode(flipped);
        assert!(
            matches!(
                verify(&files, Some(&bad), &trust),
                Err(BundleError::BadSignature)
            ),
            "byte {i}"
        );
    }
    // A manifest changed after signing: a file's hash (with the file to match), the version.
    let mut edited = files.clone();
    edited[1].1 = b"# Changed\n".to_vec();
    let mut rehashed = m.clone();
    rehashed.files = manifest_of(&edited).files;
    assert!(matches!(
        verify(&edited, Some(&rehashed), &trust),
        Err(BundleError::BadSignature)
    ));
    let mut bumped = m.clone();
    bumped.version = "9.0.0".into();
    assert!(matches!(
        standing_of(&bumped, &trust),
        Err(BundleError::BadSignature)
    ));
}

#[test]
fn another_key_in_the_signature_is_a_bad_signature() {
    let (_d, trust) = empty_trust();
    let files = files();
    let mut m = manifest_of(&files);
    PublisherKey::generate().unwrap().sign(&mut m);
    m.signature.as_mut().unwrap().public_key = PublisherKey::generate().unwrap().public_hex();
    assert!(matches!(
        verify(&files, Some(&m), &trust),
        Err(BundleError::BadSignature)
    ));
}

#[test]
fn the_signer_is_named_only_when_trusted() {
    let (_d, mut trust) = empty_trust();
    let files = files();
    let key = PublisherKey::generate().unwrap();
    let mut m = manifest_of(&files);
    key.sign(&mut m);
    assert_eq!(
        verify(&files, Some(&m), &trust).unwrap(),
        Standing::UnknownSigner {
            key: key.public_hex()
        }
    );
    trust.add(&key.public_hex(), "Training centre").unwrap();
    let signed_by = Standing::SignedBy {
        name: "Training centre".into(),
    };
    assert_eq!(verify(&files, Some(&m), &trust).unwrap(), signed_by);
    assert_eq!(standing_of(&m, &trust).unwrap(), signed_by);
}

#[test]
fn the_standing_alone_does_not_look_at_files() {
    let (_d, trust) = empty_trust();
    let mut m = manifest_of(&files());
    assert_eq!(standing_of(&m, &trust).unwrap(), Standing::Unsigned);
    // Hashes that match no file: the signature still holds, and that is all it checks.
    m.files.insert("lessons/ghost.md".into(), "ab".repeat(32));
    let key = PublisherKey::generate().unwrap();
    key.sign(&mut m);
    assert!(matches!(
        standing_of(&m, &trust).unwrap(),
        Standing::UnknownSigner { .. }
    ));
}

#[test]
fn files_can_come_as_borrowed_pairs() {
    let (_d, trust) = empty_trust();
    let files = files();
    let m = manifest_of(&files);
    let borrowed = files.iter().map(|(p, b)| (p.as_str(), b.as_slice()));
    assert_eq!(
        verify(borrowed, Some(&m), &trust).unwrap(),
        Standing::Unsigned
    );
}
