//! A bundle packed as a `.zip`, opened without trusting it: every entry is checked, and read
//! with a hard cap, before the bundle is handed to anything else.

use std::fs::File;
use std::io::{self, BufReader, Cursor, Read, Seek};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

mod central;

use super::checks::{Budget, check_case_clashes, check_text, is_ignored, name_problem};
use super::manifest::{MANIFEST_FILE, Manifest};
use super::memory::MemorySource;
use super::unpack::{InMemory, Pour, Unpack};
use super::{BundleError, shown};
use crate::course::source::BundleSource;

const MIB: u64 = 1024 * 1024;

/// How much a bundle may hold. The defaults are far above any real course and far below
/// what would fill an old PC's memory or disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub max_files: usize,
    /// Uncompressed bytes of all files together.
    pub max_total: u64,
    /// Bytes of one text file (anything outside `assets/`).
    pub max_text: u64,
    /// Bytes of one file under `assets/`.
    pub max_asset: u64,
    /// Uncompressed size over compressed size, for an entry over [`RATIO_FLOOR`].
    pub max_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_files: 5_000,
            max_total: 200 * MIB,
            max_text: crate::course::load::MAX_TEXT_BYTES as u64,
            max_asset: 20 * MIB,
            max_ratio: 200,
        }
    }
}

/// Below this size an entry's ratio is not checked: a small run of repeated text can compress
/// past any ratio, and a small entry cannot hurt; the size limits bound it anyway.
pub const RATIO_FLOOR: u64 = MIB;

// The file type bits of a Unix mode, as zip tools store it in the external attributes.
const S_IFMT: u32 = 0o170_000;
const S_IFREG: u32 = 0o100_000;
const S_IFDIR: u32 = 0o040_000;
const S_IFLNK: u32 = 0o120_000;

/// A zip bundle whose every entry passed the checks, held in memory.
#[derive(Debug, Clone)]
pub struct ZipBundle {
    path: PathBuf,
    source: MemorySource,
}

/// A file entry that passed the name and type checks, not yet read.
struct Pending {
    index: usize,
    /// The name in the archive, for messages: what `unzip -l` would show.
    name: String,
    /// The path inside the bundle, after any common top folder is stripped.
    path: String,
    size: u64,
    compressed: u64,
}

impl ZipBundle {
    /// Opens a zip bundle, checking every entry before returning; see [`Limits`]. A bundle
    /// zipped with one top folder (`my-course/course.toml`) is read as if it had none.
    pub fn open(path: &Path, limits: &Limits) -> Result<ZipBundle, BundleError> {
        let file = File::open(path).map_err(|e| BundleError::io(path, e))?;
        Self::read(path, BufReader::new(file), || File::open(path), limits)
    }

    /// [`ZipBundle::open`] for an archive already in memory, with every check the same;
    /// `path` only names it in messages. The fuzz targets read bundles this way.
    pub fn from_bytes(
        path: &Path,
        bytes: &[u8],
        limits: &Limits,
    ) -> Result<ZipBundle, BundleError> {
        Self::read(path, Cursor::new(bytes), || Ok(Cursor::new(bytes)), limits)
    }

    /// Reads and checks the archive in `reader`; `again` opens it a second time, for the
    /// count of names written in its central directory.
    fn read<R: Read + Seek, S: Read + Seek>(
        path: &Path,
        reader: R,
        again: impl FnOnce() -> io::Result<S>,
        limits: &Limits,
    ) -> Result<ZipBundle, BundleError> {
        let mut files = InMemory::default();
        unpack_archive(path, reader, again, limits, &mut files)?;
        Ok(ZipBundle {
            path: path.to_path_buf(),
            source: MemorySource::new(path.display().to_string(), files.into_files()),
        })
    }

    /// The archive this bundle was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every file, sorted by path inside the bundle (the manifest included).
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.source.files()
    }

    /// The files, for [`super::write_tree`].
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect()
    }

    /// The bundle's manifest, `None` when it has none (an unpacked-then-zipped folder).
    pub fn manifest(&self) -> Result<Option<Manifest>, BundleError> {
        self.source
            .get(MANIFEST_FILE)
            .map(Manifest::from_bytes)
            .transpose()
    }
}

impl BundleSource for ZipBundle {
    fn name(&self) -> String {
        self.source.name()
    }

    fn read(&self, path: &str) -> io::Result<Option<Vec<u8>>> {
        self.source.read(path)
    }

    fn list(&self) -> Option<Vec<String>> {
        self.source.list()
    }

    fn exists(&self, path: &str) -> io::Result<bool> {
        self.source.exists(path)
    }
}

/// Hands every file of the zip bundle at `path` to `out`, checked as [`ZipBundle::open`]
/// checks them, each read in pieces: an import unpacks a bundle of any size this way.
pub(crate) fn unpack_zip(
    path: &Path,
    limits: &Limits,
    out: &mut dyn Unpack,
) -> Result<(), BundleError> {
    let file = File::open(path).map_err(|e| BundleError::io(path, e))?;
    unpack_archive(path, BufReader::new(file), || File::open(path), limits, out)
}

/// Checks every entry of the archive in `reader` from its headers, then inflates each into
/// `out`; `again` opens the archive a second time, for the count of names written in its
/// central directory.
fn unpack_archive<R: Read + Seek, S: Read + Seek>(
    path: &Path,
    reader: R,
    again: impl FnOnce() -> io::Result<S>,
    limits: &Limits,
    out: &mut dyn Unpack,
) -> Result<(), BundleError> {
    let mut archive = ZipArchive::new(reader).map_err(|e| zip_error(path, e))?;
    refuse_repeated_names(path, &archive, again)?;
    let mut pending = list_entries(path, &mut archive, limits)?;
    strip_top_folder(&mut pending);
    check_case_clashes(pending.iter().map(|p| p.path.as_str()))?;
    if !pending.iter().any(|p| p.path == "course.toml") {
        return Err(BundleError::NotABundle {
            path: path.to_path_buf(),
        });
    }

    // What the headers declare is checked before anything is inflated...
    let mut declared = Budget::new(limits);
    for p in &pending {
        declared.add(&p.name, &p.path, p.size)?;
        check_ratio(&p.name, p.size, p.compressed, limits)?;
    }
    // ...and what the entries really inflate to is capped while reading, since a header
    // can lie.
    let mut actual = Budget::new(limits);
    let mut pour = Pour::default();
    for p in pending {
        let cap = actual.file_limit(&p.path).min(actual.remaining());
        let entry = archive
            .by_index(p.index)
            .map_err(|e| entry_error(path, &p.name, e))?;
        out.begin(&p.path, p.size.min(cap))?;
        let read = pour.pour(entry, &p.path, cap, out, |e| entry_error(path, &p.name, e))?;
        actual.add(&p.name, &p.path, read)?;
        check_ratio(&p.name, read, p.compressed, limits)?;
        if read != p.size {
            return Err(BundleError::Zip {
                path: path.to_path_buf(),
                message: format!(
                    "the entry `{}` unpacks to {read} bytes but its header says {}",
                    shown(&p.name),
                    p.size
                ),
            });
        }
        check_text(&p.name, &p.path, pour.text())?;
        out.end()?;
    }
    Ok(())
}

/// Checks every entry's name and type and counts the files; directories and hidden files are
/// checked, then left out.
fn list_entries<R: Read + Seek>(
    path: &Path,
    archive: &mut ZipArchive<R>,
    limits: &Limits,
) -> Result<Vec<Pending>, BundleError> {
    let mut budget = Budget::new(limits);
    let mut pending = Vec::new();
    for index in 0..archive.len() {
        // Raw: nothing is inflated or decrypted yet, only the header is read.
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| zip_error(path, e))?;
        let name = entry.name().to_string();
        let bare = name.strip_suffix('/').unwrap_or(&name);
        if let Some(problem) = name_problem(bare) {
            return Err(BundleError::unsafe_entry(&name, problem));
        }
        if entry.encrypted() {
            return Err(BundleError::unsafe_entry(
                &name,
                "it is encrypted, and a bundle never is",
            ));
        }
        let is_dir = match entry.unix_mode().map(|mode| mode & S_IFMT) {
            None | Some(0 | S_IFREG) => entry.is_dir(),
            Some(S_IFDIR) => true,
            Some(S_IFLNK) => {
                return Err(BundleError::unsafe_entry(&name, "it is a symbolic link"));
            }
            Some(_) => {
                return Err(BundleError::unsafe_entry(
                    &name,
                    "it is a device, pipe or other special file",
                ));
            }
        };
        if is_dir || is_ignored(bare) {
            continue;
        }
        budget.count_file();
        // Past the limit, files are only counted, for the refusal to say how many.
        if budget.over_count() {
            continue;
        }
        pending.push(Pending {
            index,
            path: name.clone(),
            name,
            size: entry.size(),
            compressed: entry.compressed_size(),
        });
    }
    budget.check_count()?;
    Ok(pending)
}

/// Refuses an archive whose central directory names one entry twice: the `zip` crate keeps
/// only the last, and a tool that unpacks the first would install what nobody checked.
fn refuse_repeated_names<R: Read + Seek, S: Read + Seek>(
    path: &Path,
    archive: &ZipArchive<R>,
    again: impl FnOnce() -> io::Result<S>,
) -> Result<(), BundleError> {
    let mut file = again().map_err(|e| BundleError::io(path, e))?;
    // One name more than the distinct ones is enough to know one repeats.
    let names = central::names(&mut file, archive.central_directory_start(), archive.len())
        .map_err(|e| BundleError::io(path, e))?;
    if names.len() <= archive.len() {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    let repeated = names
        .iter()
        .find(|n| !seen.insert(n.as_slice()))
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    Err(BundleError::unsafe_entry(
        &repeated,
        "the archive holds two entries of that name, and tools disagree on which one counts",
    ))
}

/// When every file sits under one folder, the bundle is that folder: a trainer who zips the
/// course folder itself gets the same bundle as one who zips its contents.
fn strip_top_folder(pending: &mut [Pending]) {
    let mut tops = pending
        .iter()
        .map(|p| p.path.split_once('/').map(|(top, _)| top));
    let Some(Some(first)) = tops.next() else {
        return;
    };
    if !tops.all(|top| top == Some(first)) {
        return;
    }
    let cut = first.len() + 1;
    for p in pending.iter_mut() {
        p.path = p.path[cut..].to_string();
    }
}

fn check_ratio(
    entry: &str,
    size: u64,
    compressed: u64,
    limits: &Limits,
) -> Result<(), BundleError> {
    let allowed = compressed.saturating_mul(limits.max_ratio).max(RATIO_FLOOR);
    if size > allowed {
        return Err(BundleError::Bomb {
            entry: entry.to_string(),
            total: size,
            limit: allowed,
        });
    }
    Ok(())
}

fn zip_error(path: &Path, e: zip::result::ZipError) -> BundleError {
    BundleError::Zip {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

fn entry_error(path: &Path, entry: &str, e: impl std::fmt::Display) -> BundleError {
    BundleError::Zip {
        path: path.to_path_buf(),
        message: format!("the entry `{}` cannot be unpacked: {e}", shown(entry)),
    }
}

#[cfg(test)]
mod tests;
