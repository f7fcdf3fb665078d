//! The trust store: adding, renaming, removing, and refusing a damaged file by line.

use super::*;
use crate::bundle::PublisherKey;

fn key() -> String {
    PublisherKey::generate().unwrap().public_hex()
}

#[test]
fn a_missing_file_is_an_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = TrustStore::load(&dir.path().join(TRUST_FILE)).unwrap();
    assert!(store.list().is_empty());
}

#[test]
fn publishers_are_added_listed_named_and_removed_and_it_lasts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join(TRUST_FILE);
    let (a, b) = (key(), key());
    let mut store = TrustStore::load(&path).unwrap();
    store
        .add(&format!("ed25519:{a}"), "UN Women Training Centre")
        .unwrap();
    store.add(&b, "District office").unwrap();
    assert_eq!(store.name_of(&a), Some("UN Women Training Centre"));
    assert_eq!(store.name_of(&b.to_uppercase()), Some("District office"));

    let reloaded = TrustStore::load(&path).unwrap();
    assert_eq!(reloaded.list(), store.list());
    assert_eq!(reloaded.list()[0].key, a);
    assert_eq!(
        reloaded.list()[0].added_at.len(),
        "2025-01-31T09:00:00Z".len()
    );

    let removed = store.remove("District office").unwrap();
    assert_eq!(removed.key, b);
    let removed = store.remove(&a).unwrap();
    assert_eq!(removed.name, "UN Women Training Centre");
    assert!(TrustStore::load(&path).unwrap().list().is_empty());
}

#[test]
fn the_same_key_again_is_renamed_not_added() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(TRUST_FILE);
    let a = key();
    let mut store = TrustStore::load(&path).unwrap();
    store.add(&a, "Old name").unwrap();
    let added_at = store.list()[0].added_at.clone();
    store.add(&a, "New name").unwrap();
    assert_eq!(store.list().len(), 1);
    assert_eq!(store.list()[0].name, "New name");
    assert_eq!(store.list()[0].added_at, added_at);
}

#[test]
fn names_are_one_clean_line_and_never_shared_by_two_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = TrustStore::load(&dir.path().join(TRUST_FILE)).unwrap();
    store.add(&key(), "  Centre\u{1b}[31m\nA  ").unwrap();
    assert_eq!(store.list()[0].name, "Centre A");
    let err = store.add(&key(), "Centre A").unwrap_err();
    assert!(matches!(err, BundleError::PublisherName { .. }), "{err}");
    assert!(err.to_string().contains("`Centre A`"), "{err}");
    assert!(store.add(&key(), " \t ").is_err());
    assert_eq!(store.list().len(), 1);
}

#[test]
fn removing_someone_unknown_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = TrustStore::load(&dir.path().join(TRUST_FILE)).unwrap();
    let err = store.remove("Nobody").unwrap_err();
    assert!(matches!(err, BundleError::UnknownPublisher { .. }), "{err}");
    assert!(err.to_string().contains("`Nobody`"), "{err}");
}

#[test]
fn a_damaged_file_is_an_error_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(TRUST_FILE);
    let good = key();
    let cases = [
        (
            format!(
                "[[publisher]]\nname = \"A\"\nkey = \"{good}\"\nadded_at = \"x\"\n\n[[publisher]]\nname = \"B\"\nkey = \"nothex\"\n"
            ),
            8,
        ),
        (
            "[[publisher]]\nname = \"A\"\nkey = \"unterminated\n".to_string(),
            3,
        ),
        (
            format!("# c\n[[publisher]]\nname = \"\"\nkey = \"{good}\"\n"),
            3,
        ),
        (
            format!(
                "[[publisher]]\nname = \"A\"\nkey = \"{good}\"\n[[publisher]]\nname = \"B\"\nkey = \"{good}\"\n"
            ),
            6,
        ),
    ];
    for (text, line) in cases {
        fs::write(&path, &text).unwrap();
        let err = TrustStore::load(&path).unwrap_err();
        assert!(
            matches!(&err, BundleError::Trust { line: l, .. } if *l == line),
            "{text}\n{err:?}"
        );
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
        assert!(err.to_string().contains(&format!("(line {line})")), "{err}");
    }
}

#[test]
fn a_failed_write_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The store's folder is a file: it can be read (as missing) but not written.
    let blocker = dir.path().join("data");
    fs::write(&blocker, "").unwrap();
    let mut store = TrustStore {
        path: blocker.join(TRUST_FILE),
        publishers: Vec::new(),
    };
    assert!(store.add(&key(), "A").is_err());
    assert!(store.list().is_empty());
}
