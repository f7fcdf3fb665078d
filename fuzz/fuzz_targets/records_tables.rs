//! The CSV tables of a records export, as the hub reads them once the file's signature has
//! held: read back into records (every bad value an error naming file and line), then
//! merged into a hub's store. Past the signature the fuzzer cannot go through the zip, so
//! the tables come straight from the input.
//!
//! Input: the tables in the order below, separated by NUL bytes; a table left out is missing.
#![no_main]

use std::collections::HashMap;

use hatua::harvest::tables::{
    ANSWERS, ATTEMPTS, CERTIFICATES, COMPLETIONS, ITEMS, LEARNERS, read_tables,
};
use hatua::store::Store;
use hatua::store::harvest::SiteRow;
use libfuzzer_sys::fuzz_target;

const TABLES: [&str; 6] = [
    LEARNERS,
    ITEMS,
    COMPLETIONS,
    ATTEMPTS,
    ANSWERS,
    CERTIFICATES,
];

fuzz_target!(|data: &[u8]| {
    let files: HashMap<String, Vec<u8>> = TABLES
        .iter()
        .zip(data.split(|b| *b == 0))
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    let harvest = match read_tables(&files) {
        Ok(h) => h,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let mut hub = Store::open_in_memory().expect("an in-memory store opens");
    let site = SiteRow {
        id: "site-fuzz".into(),
        name: "Fuzzed site".into(),
        public_key: "00".repeat(32),
    };
    if let Err(e) = hub.merge_harvest(&site, "export-1", "fuzzed.hatua-records.zip", &harvest) {
        let _ = e.to_string();
    }
    // Merging the same file again adds nothing.
    if let Ok(again) = hub.merge_harvest(&site, "export-1", "fuzzed.hatua-records.zip", &harvest) {
        let added = again.learners + again.attempts + again.answers;
        let added = added + again.completions + again.certificates;
        assert_eq!(added, 0, "merged twice, added {again:?}");
    }
});
