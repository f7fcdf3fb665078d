//! Bundles as a trainer packs them and a site receives them: reproducible packing, signing
//! and trust, tampering caught file by file, and (in `bundle/hostile.rs`) archives crafted
//! to escape, explode or mislead.

#[path = "bundle/hostile.rs"]
mod hostile;

use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use hatua::bundle::{
    self, BundleError, Change, Limits, MANIFEST_FILE, Manifest, PackError, PublisherKey, Standing,
    TrustStore, ZipBundle, pack, verify,
};
use hatua::course::{self, DirSource};
use zip::write::SimpleFileOptions;
use zip::{DateTime, ZipArchive, ZipWriter};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn empty_trust(dir: &Path) -> TrustStore {
    TrustStore::load(&dir.join("trust.toml")).unwrap()
}

/// Every entry of a zip, in archive order.
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}

/// Writes `entries` as a new zip at `to`, the way someone altering a bundle by hand would.
fn write_zip(to: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    fs::write(to, zip.finish().unwrap().into_inner()).unwrap();
}

/// Packs `tests/fixtures/minimal` into `dir/name`.
fn pack_minimal(dir: &Path, name: &str, key: Option<&PublisherKey>) -> PathBuf {
    let out = dir.join(name);
    pack(&fixture("minimal"), &out, key).unwrap();
    out
}

fn verify_zip(zip: &Path, trust: &TrustStore) -> Result<Standing, BundleError> {
    let bundle = ZipBundle::open(zip, &Limits::default())?;
    let manifest = bundle.manifest()?;
    verify(bundle.files(), manifest.as_ref(), trust)
}

#[test]
fn packing_the_same_folder_twice_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = pack_minimal(dir.path(), "a.zip", None);
    let b = pack_minimal(dir.path(), "b.zip", None);
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());

    // Signed too: ed25519 signatures are deterministic.
    let key = PublisherKey::generate().unwrap();
    let a = pack_minimal(dir.path(), "sa.zip", Some(&key));
    let b = pack_minimal(dir.path(), "sb.zip", Some(&key));
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
}

#[test]
fn a_packed_zip_lists_the_manifest_then_sorted_files_with_fixed_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minimal.zip");
    let packed = pack(&fixture("minimal"), &out, None).unwrap();
    assert_eq!(packed.course_id, "minimal");
    assert_eq!(packed.version, "1.0.0");
    assert_eq!(packed.files, 4);
    assert!(!packed.signed);
    assert_eq!(packed.bytes, fs::metadata(&out).unwrap().len());

    let mut archive = ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    let names: Vec<&str> = archive.file_names().collect();
    assert_eq!(
        names,
        [
            MANIFEST_FILE,
            "course.toml",
            "lessons/first.md",
            "lessons/second.md",
            "quizzes/check.toml"
        ]
    );
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        assert_eq!(
            entry.last_modified(),
            Some(DateTime::default()),
            "{}",
            entry.name()
        );
        assert_eq!(entry.unix_mode(), Some(0o100644), "{}", entry.name());
        assert_eq!(entry.compression(), zip::CompressionMethod::Deflated);
        assert!(
            entry.extra_data().is_none_or(<[u8]>::is_empty),
            "{}",
            entry.name()
        );
    }
    // Nothing is left beside the archive: the temporary file was renamed into place.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_packed_zip_loads_as_the_same_course_as_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let zip =
        ZipBundle::open(&pack_minimal(dir.path(), "m.zip", None), &Limits::default()).unwrap();
    let from_zip = course::load(&zip);
    let from_folder = course::load(&DirSource::new(fixture("minimal")));
    assert!(from_zip.course.is_some(), "{:?}", from_zip.diagnostics);
    assert_eq!(from_zip.course, from_folder.course);
    let manifest = zip.manifest().unwrap().unwrap();
    assert_eq!(manifest.course_id, "minimal");
    assert_eq!(manifest.files.len(), 4);
    assert_eq!(
        manifest.files["course.toml"],
        bundle::hash_bytes(&fs::read(fixture("minimal/course.toml")).unwrap())
    );
}

#[test]
fn a_manifest_left_in_the_folder_is_not_packed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("course");
    for (path, bytes) in bundle::folder_files(&fixture("minimal"), &Limits::default()).unwrap() {
        fs::create_dir_all(folder.join(&path).parent().unwrap()).unwrap();
        fs::write(folder.join(&path), bytes).unwrap();
    }
    fs::write(folder.join(MANIFEST_FILE), "stale, and not even TOML").unwrap();
    pack(&folder, &dir.path().join("a.zip"), None).unwrap();
    let b = pack_minimal(dir.path(), "b.zip", None);
    assert_eq!(
        fs::read(dir.path().join("a.zip")).unwrap(),
        fs::read(b).unwrap()
    );
}

#[test]
fn a_broken_course_is_not_packed_and_its_diagnostics_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("broken.zip");
    let err = pack(&fixture("missing-file"), &out, None).unwrap_err();
    let PackError::Invalid(diagnostics) = &err else {
        panic!("{err}");
    };
    assert!(
        diagnostics
            .iter()
            .any(|d| d.is_error() && d.headline().contains("lessons/absent.md")),
        "{diagnostics:?}"
    );
    assert!(err.to_string().contains("not packed"), "{err}");
    assert!(!out.exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_folder_that_is_no_course_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let err = pack(&fixture("minimal/lessons"), &dir.path().join("x.zip"), None).unwrap_err();
    assert!(
        matches!(err, PackError::Bundle(BundleError::NotABundle { .. })),
        "{err}"
    );
}

#[test]
fn a_signed_bundle_names_its_publisher_once_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let key = PublisherKey::generate().unwrap();
    let zip = pack_minimal(dir.path(), "signed.zip", Some(&key));
    let mut trust = empty_trust(dir.path());
    assert_eq!(
        verify_zip(&zip, &trust).unwrap(),
        Standing::UnknownSigner {
            key: key.public_hex()
        }
    );
    trust
        .add(&key.public_hex(), "Gender Training Centre")
        .unwrap();
    let trust = TrustStore::load(&dir.path().join("trust.toml")).unwrap();
    assert_eq!(
        verify_zip(&zip, &trust).unwrap(),
        Standing::SignedBy {
            name: "Gender Training Centre".into()
        }
    );
    let unsigned = pack_minimal(dir.path(), "unsigned.zip", None);
    assert_eq!(verify_zip(&unsigned, &trust).unwrap(), Standing::Unsigned);
}

/// Packs and signs minimal, then rewrites the archive through `change`, keeping the old
/// manifest; returns what verification says.
fn tamper(change: impl FnOnce(&mut Vec<(String, Vec<u8>)>)) -> Result<Standing, BundleError> {
    let dir = tempfile::tempdir().unwrap();
    let key = PublisherKey::generate().unwrap();
    let zip = pack_minimal(dir.path(), "signed.zip", Some(&key));
    let mut all = entries(&zip);
    change(&mut all);
    let altered = dir.path().join("altered.zip");
    write_zip(&altered, &all);
    verify_zip(&altered, &empty_trust(dir.path()))
}

fn tampered(result: Result<Standing, BundleError>, file: &str, change: Change) {
    match result {
        Err(e @ BundleError::Tampered { .. }) => {
            let BundleError::Tampered { file: f, change: c } = &e else {
                unreachable!()
            };
            assert_eq!((f.as_str(), *c), (file, change));
            assert!(e.to_string().contains(&format!("`{file}`")), "{e}");
        }
        other => panic!("expected {file} {change:?}, got {other:?}"),
    }
}

#[test]
fn one_changed_byte_in_a_lesson_is_caught_and_named() {
    let result = tamper(|all| {
        let (_, lesson) = all
            .iter_mut()
            .find(|(n, _)| n == "lessons/first.md")
            .unwrap();
        lesson[3] ^= 0x20;
    });
    tampered(result, "lessons/first.md", Change::Modified);
}

#[test]
fn a_removed_file_is_caught_and_named() {
    let result = tamper(|all| all.retain(|(n, _)| n != "quizzes/check.toml"));
    tampered(result, "quizzes/check.toml", Change::Missing);
}

#[test]
fn an_added_file_is_caught_and_named() {
    let result = tamper(|all| all.push(("lessons/extra.md".into(), b"# Extra\n".to_vec())));
    tampered(result, "lessons/extra.md", Change::Added);
}

#[test]
fn a_swapped_signing_key_is_a_bad_signature() {
    let result = tamper(|all| {
        let (_, text) = all.iter_mut().find(|(n, _)| n == MANIFEST_FILE).unwrap();
        let mut manifest = Manifest::parse(std::str::from_utf8(text).unwrap()).unwrap();
        let other = PublisherKey::generate().unwrap();
        manifest.signature.as_mut().unwrap().public_key = other.public_hex();
        *text = manifest.to_toml().into_bytes();
    });
    assert!(
        matches!(result, Err(BundleError::BadSignature)),
        "{result:?}"
    );
}

#[test]
fn a_bundle_zipped_inside_one_folder_opens_like_one_zipped_flat() {
    let dir = tempfile::tempdir().unwrap();
    let flat = pack_minimal(dir.path(), "flat.zip", None);
    let nested: Vec<(String, Vec<u8>)> = entries(&flat)
        .into_iter()
        .map(|(name, bytes)| (format!("minimal-1.0.0/{name}"), bytes))
        .collect();
    let nested_zip = dir.path().join("nested.zip");
    write_zip(&nested_zip, &nested);
    let a = ZipBundle::open(&flat, &Limits::default()).unwrap();
    let b = ZipBundle::open(&nested_zip, &Limits::default()).unwrap();
    assert!(a.files().eq(b.files()));
    assert_eq!(course::load(&a).course, course::load(&b).course);
    assert_eq!(
        verify_zip(&nested_zip, &empty_trust(dir.path())).unwrap(),
        Standing::Unsigned
    );
}

#[test]
fn an_imported_tree_still_verifies_as_a_folder() {
    // The path an import takes: open, verify, write out; later, read the folder back.
    let dir = tempfile::tempdir().unwrap();
    let key = PublisherKey::generate().unwrap();
    let zip = ZipBundle::open(
        &pack_minimal(dir.path(), "m.zip", Some(&key)),
        &Limits::default(),
    )
    .unwrap();
    let manifest = zip.manifest().unwrap();
    let installed = dir.path().join("data/courses/minimal");
    bundle::write_tree(&installed, &zip.into_files()).unwrap();
    let files = bundle::folder_files(&installed, &Limits::default()).unwrap();
    let mut trust = empty_trust(dir.path());
    trust.add(&key.public_hex(), "Centre").unwrap();
    assert_eq!(
        verify(&files, manifest.as_ref(), &trust).unwrap(),
        Standing::SignedBy {
            name: "Centre".into()
        }
    );
    assert_eq!(
        course::load(&DirSource::new(&installed)).course,
        course::load(&DirSource::new(fixture("minimal"))).course
    );
}
