//! A bundle's files read one after another, in pieces, into wherever they go: kept in memory
//! (to validate or pack a course folder), or written into a new folder and hashed on the way
//! (to import a bundle of any size without ever holding it whole).

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::BundleError;
use super::archive::{Limits, unpack_zip};
use super::checks::{check_case_clashes, check_name, is_text};
use super::folder::{Flush, Tree, unpack_folder};
use super::manifest::{MANIFEST_FILE, Manifest};

/// How much of a file is read at a time: small beside any limit, large enough that the
/// system calls do not count.
const PIECE: usize = 64 * 1024;

/// Where a bundle's files go as they are read, each once it has passed the checks so far.
pub(crate) trait Unpack {
    /// A new file begins; `size` is what its header or the file system says, capped at its
    /// limit (a hint: the bytes that follow may differ, and are checked).
    fn begin(&mut self, path: &str, size: u64) -> Result<(), BundleError>;
    /// The next bytes of the file begun last.
    fn write(&mut self, bytes: &[u8]) -> Result<(), BundleError>;
    /// The file begun last is whole and passed every check.
    fn end(&mut self) -> Result<(), BundleError>;
}

/// Reads files into an [`Unpack`] in pieces, with one buffer for them all.
#[derive(Default)]
pub(crate) struct Pour {
    piece: Vec<u8>,
    /// The last file's bytes when it is text, for `check_text`: a text file is at most
    /// 2 MiB, and only one is held at a time.
    text: Vec<u8>,
}

impl Pour {
    /// Reads `from` into `out` as the file `path`: at most `cap` bytes and one more, so a
    /// file over its limit (or a header that lies) is noticed without reading on. Returns
    /// how many bytes were read; `read_error` names the source in a failed read's error.
    pub(crate) fn pour(
        &mut self,
        from: impl Read,
        path: &str,
        cap: u64,
        out: &mut dyn Unpack,
        read_error: impl Fn(io::Error) -> BundleError,
    ) -> Result<u64, BundleError> {
        self.piece.resize(PIECE, 0);
        self.text.clear();
        let keep_text = is_text(path);
        let mut from = from.take(cap.saturating_add(1));
        let mut total = 0u64;
        loop {
            let n = match from.read(&mut self.piece) {
                Ok(0) => return Ok(total),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(read_error(e)),
            };
            let bytes = &self.piece[..n];
            if keep_text {
                self.text.extend_from_slice(bytes);
            }
            out.write(bytes)?;
            total += n as u64;
        }
    }

    /// The last file's bytes if it is text; empty otherwise.
    pub(crate) fn text(&self) -> &[u8] {
        &self.text
    }
}

/// Keeps every file in memory, in the order read.
#[derive(Default)]
pub(crate) struct InMemory {
    files: Vec<(String, Vec<u8>)>,
}

impl InMemory {
    pub(crate) fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files
    }
}

impl Unpack for InMemory {
    fn begin(&mut self, path: &str, size: u64) -> Result<(), BundleError> {
        let capacity = usize::try_from(size).unwrap_or(0);
        self.files
            .push((path.to_string(), Vec::with_capacity(capacity)));
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), BundleError> {
        if let Some((_, file)) = self.files.last_mut() {
            file.extend_from_slice(bytes);
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), BundleError> {
        Ok(())
    }
}

/// Writes each file into a new folder as it is read, hashing it on the way.
struct Written {
    tree: Tree,
    current: Option<Current>,
    sums: Sums,
    manifest: Option<Vec<u8>>,
}

/// The path and sha256 of every file unpacked, packed into three growing buffers rather
/// than two small allocations a file: made between the inflater's large buffers, which
/// each zip entry allocates and frees, those would pin the freed space and fragment the
/// heap (a 4,900-file zip grew the import by 60 MB so).
#[derive(Default)]
struct Sums {
    paths: String,
    /// Where each path ends in `paths`.
    ends: Vec<usize>,
    sums: Vec<[u8; 32]>,
}

impl Sums {
    /// The file `path` begins.
    fn begin(&mut self, path: &str) {
        self.paths.push_str(path);
    }

    /// The path of the file begun last and not yet ended.
    fn current(&self) -> &str {
        &self.paths[self.ends.last().copied().unwrap_or(0)..]
    }

    /// The file begun last ends, with this sha256.
    fn end(&mut self, sum: [u8; 32]) {
        self.ends.push(self.paths.len());
        self.sums.push(sum);
    }

    fn paths(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.paths[start..end])
    }

    /// Every file's path and sha256 as lowercase hex.
    fn hex(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.paths()
            .zip(&self.sums)
            .map(|(path, sum)| (path.to_string(), hex::encode(sum)))
    }
}

/// The file being written.
struct Current {
    file: File,
    /// Its full path, for messages.
    at: PathBuf,
    hash: Sha256,
}

impl Unpack for Written {
    fn begin(&mut self, path: &str, _size: u64) -> Result<(), BundleError> {
        let (file, at) = self.tree.create_file(path)?;
        if path == MANIFEST_FILE {
            self.manifest = Some(Vec::new());
        }
        self.sums.begin(path);
        self.current = Some(Current {
            file,
            at,
            hash: Sha256::new(),
        });
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), BundleError> {
        let Some(current) = &mut self.current else {
            return Ok(());
        };
        current.hash.update(bytes);
        if self.sums.current() == MANIFEST_FILE
            && let Some(manifest) = &mut self.manifest
        {
            manifest.extend_from_slice(bytes);
        }
        current
            .file
            .write_all(bytes)
            .map_err(|e| BundleError::io(&current.at, e))
    }

    fn end(&mut self) -> Result<(), BundleError> {
        let Some(current) = self.current.take() else {
            return Ok(());
        };
        self.tree.close(current.file, current.at)?;
        self.sums.end(current.hash.finalize().into());
        Ok(())
    }
}

/// A bundle unpacked into a new folder, each file hashed as it was written: what an import
/// verifies, loads and installs is that folder, and the bundle is never held whole in
/// memory. Dropped before [`Unpacked::finish`], the folder is removed.
pub struct Unpacked {
    tree: Tree,
    sums: Sums,
    manifest: Option<Vec<u8>>,
}

/// Unpacks the bundle at `from`, a `.zip` or a course folder, into the new folder `dest`
/// with every check [`super::ZipBundle::open`] and [`super::folder_files`] make, reading
/// each file in pieces. On a refusal, nothing of `dest` is left.
pub fn unpack(
    from: &Path,
    dest: &Path,
    limits: &Limits,
    flush: Flush,
) -> Result<Unpacked, BundleError> {
    let mut written = Written {
        tree: Tree::create(dest, flush)?,
        current: None,
        sums: Sums::default(),
        manifest: None,
    };
    if from.is_dir() {
        unpack_folder(from, limits, &mut written)?;
    } else {
        unpack_zip(from, limits, &mut written)?;
    }
    Ok(Unpacked {
        tree: written.tree,
        sums: written.sums,
        manifest: written.manifest,
    })
}

impl Unpacked {
    /// The folder the files are in.
    pub fn folder(&self) -> &Path {
        self.tree.dest()
    }

    /// Every file of the bundle with its sha256 (lowercase hex), in the order unpacked.
    pub fn hashes(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.sums.hex()
    }

    /// The bytes of the bundle's manifest, if it has one.
    pub fn manifest_bytes(&self) -> Option<&[u8]> {
        self.manifest.as_deref()
    }

    /// The bundle's manifest, `None` when it has none (a folder that was never packed).
    pub fn manifest(&self) -> Result<Option<Manifest>, BundleError> {
        self.manifest
            .as_deref()
            .map(Manifest::from_bytes)
            .transpose()
    }

    /// Writes one more file that is not part of the bundle (a manifest made for it, the
    /// outline index), refused if its name would clash with one of the bundle's.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<(), BundleError> {
        check_name(path)?;
        check_case_clashes(self.sums.paths().chain([path]))?;
        self.tree.write_file(path, bytes)
    }

    /// Flushes the folders (the files were flushed as written) and keeps the folder.
    pub fn finish(self) -> Result<PathBuf, BundleError> {
        let dest = self.tree.dest().to_path_buf();
        self.tree.finish()?;
        Ok(dest)
    }
}
