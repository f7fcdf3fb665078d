//! A site's `.hatua-records.zip` as `hatua merge` reads it at the hub: the zip, its signed
//! manifest checked against every file, `site.toml`, the CSV tables, and the merge into a
//! hub's store. A forged file is refused; nothing may bring the hub down.
#![no_main]

use std::path::Path;

use hatua::harvest::merge_bytes;
use hatua::store::Store;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut hub = Store::open_in_memory().expect("an in-memory store opens");
    if let Err(e) = merge_bytes(
        &mut hub,
        Path::new("fuzzed.hatua-records.zip"),
        data,
        &Default::default(),
    ) {
        let _ = e.to_string();
    }
});
