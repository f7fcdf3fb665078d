//! A course bundle as a `.zip` from a USB drive, read from memory by the same checks an
//! import runs (names, links, devices, encryption, bombs, lying headers, repeated names),
//! then its manifest verified and the course loaded as an import and `hatua validate` do.
#![no_main]

use std::path::Path;

use hatua::bundle::{self, Limits, MemorySource, TrustStore, ZipBundle};
use hatua_fuzz::{exercise, load_both};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(zip) = ZipBundle::from_bytes(Path::new("fuzzed.zip"), data, &Limits::default()) else {
        return;
    };
    let manifest = match zip.manifest() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    if let Err(e) = bundle::verify(zip.files(), manifest.as_ref(), &TrustStore::default()) {
        let _ = e.to_string();
    }
    let source = MemorySource::new("fuzzed.zip", zip.into_files());
    if let Some(course) = load_both(&source) {
        exercise(&source, &course);
    }
});
