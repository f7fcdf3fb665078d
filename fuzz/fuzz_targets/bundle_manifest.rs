//! A bundle's `MANIFEST.toml`: parsed, checked against the files it lists and its
//! signature. What parses must write back to the same manifest: the signature covers the
//! canonical text, so a manifest that does not survive the round trip could never verify.
#![no_main]

use hatua::bundle::{self, Manifest, TrustStore};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let manifest = match Manifest::parse(text) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let written = manifest.to_toml();
    match Manifest::parse(&written) {
        Ok(again) => assert_eq!(
            again, manifest,
            "the manifest changed when written:\n{written}"
        ),
        Err(e) => panic!("a manifest written by Hatua does not parse: {e}\n{written}"),
    }
    let _ = manifest.signed_bytes();
    let trust = TrustStore::default();
    if let Err(e) = bundle::standing_of(&manifest, &trust) {
        let _ = e.to_string();
    }
    // Every file it lists, present with its hash: only the signature can be wrong now.
    let files = manifest.files.clone();
    match bundle::verify_hashes(files, Some(&manifest), &trust) {
        Ok(_) => {}
        Err(bundle::BundleError::BadSignature) if manifest.signature.is_some() => {}
        Err(e) => panic!("the manifest's own files were refused: {e}"),
    }
});
