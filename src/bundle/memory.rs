//! A bundle's files held in memory after their checks, so that what is validated, verified
//! and installed are the very same bytes, not a second read of a drive that may have changed.

use std::collections::BTreeMap;
use std::io;

use crate::course::source::{BundleSource, is_safe_path};

/// Checked files by path inside the bundle, sorted; see [`super::folder_files`] and
/// [`super::ZipBundle`].
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    name: String,
    files: BTreeMap<String, Vec<u8>>,
}

impl MemorySource {
    /// `name` names the bundle in messages (its folder or archive path).
    pub fn new(
        name: impl Into<String>,
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> Self {
        MemorySource {
            name: name.into(),
            files: files.into_iter().collect(),
        }
    }

    /// Every file, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl BundleSource for MemorySource {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn read(&self, path: &str) -> io::Result<Option<Vec<u8>>> {
        if !is_safe_path(path) {
            return Ok(None);
        }
        Ok(self.files.get(path).cloned())
    }

    fn list(&self) -> Option<Vec<String>> {
        Some(self.files.keys().cloned().collect())
    }

    fn exists(&self, path: &str) -> io::Result<bool> {
        Ok(is_safe_path(path) && self.files.contains_key(path))
    }
}
