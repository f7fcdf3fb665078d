//! A bundle as a folder: reading one with the same checks as a zip, and writing one out
//! (the last step of an import) durably and never outside its destination.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use super::BundleError;
use super::archive::Limits;
use super::checks::{Budget, check_case_clashes, check_name, check_text, is_ignored};
use super::durable::{Syncer, sync_dir, sync_parent};
use super::unpack::{InMemory, Pour, Unpack};

/// Deeper than any course needs; a hostile folder nested thousands deep would otherwise
/// exhaust the stack.
const MAX_DEPTH: usize = 32;

/// Every regular file of the bundle folder `dir` with its size, sorted by path with `/`
/// separators, refusing links, special files and anything over `limits` — all from the file
/// system's metadata, before a byte is read, so a 4 GiB file is refused at once. Hidden files
/// and folders (`.git`, `.DS_Store`) are left out: they are not part of a bundle.
pub fn scan_folder(dir: &Path, limits: &Limits) -> Result<Vec<(String, u64)>, BundleError> {
    let mut budget = Budget::new(limits);
    let mut found = Vec::new();
    walk(dir, "", 0, &mut budget, &mut found)?;
    budget.check_count()?;
    found.sort();
    check_case_clashes(found.iter().map(|(p, _)| p.as_str()))?;
    if !found.iter().any(|(p, _)| p == "course.toml") {
        return Err(BundleError::NotABundle {
            path: dir.to_path_buf(),
        });
    }
    Ok(found)
}

/// Every regular file of the bundle folder `dir`, read, after [`scan_folder`]'s checks; each
/// read is capped again, since a file can grow between the scan and the read.
pub fn folder_files(dir: &Path, limits: &Limits) -> Result<Vec<(String, Vec<u8>)>, BundleError> {
    let mut files = InMemory::default();
    unpack_folder(dir, limits, &mut files)?;
    Ok(files.into_files())
}

/// Hands every regular file of the bundle folder `dir` to `out`, in path order, after
/// [`scan_folder`]'s checks, each read in pieces and capped again, since a file can grow
/// between the scan and the read.
pub(crate) fn unpack_folder(
    dir: &Path,
    limits: &Limits,
    out: &mut dyn Unpack,
) -> Result<(), BundleError> {
    let found = scan_folder(dir, limits)?;
    let mut budget = Budget::new(limits);
    let mut pour = Pour::default();
    for (path, size) in found {
        let full = dir.join(&path);
        let file = File::open(&full).map_err(|e| BundleError::io(&full, e))?;
        // The walk saw a regular file; refuse whatever may have been swapped in since.
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(BundleError::unsafe_entry(&path, "it is not a regular file"));
        }
        let cap = budget.file_limit(&path).min(budget.remaining());
        out.begin(&path, size.min(cap))?;
        let read = pour.pour(file, &path, cap, out, |e| BundleError::io(&full, e))?;
        budget.add(&path, &path, read)?;
        check_text(&path, &path, pour.text())?;
        out.end()?;
    }
    Ok(())
}

/// The sha256 of each of `files` (as [`scan_folder`] lists them) under `dir`, read in pieces
/// so memory stays flat; a file grown past its limit since the scan is refused.
pub fn hash_files(
    dir: &Path,
    files: &[(String, u64)],
    limits: &Limits,
) -> Result<Vec<(String, String)>, BundleError> {
    let budget = Budget::new(limits);
    files
        .iter()
        .map(|(path, _)| {
            let cap = budget.file_limit(path);
            let full = dir.join(path);
            match super::manifest::hash_file(&full, cap) {
                Ok(Some(hash)) => Ok((path.clone(), hash)),
                Ok(None) => Err(BundleError::TooLarge {
                    entry: path.clone(),
                    limit: cap,
                }),
                Err(e) => Err(BundleError::io(&full, e)),
            }
        })
        .collect()
}

fn walk(
    dir: &Path,
    prefix: &str,
    depth: usize,
    budget: &mut Budget<'_>,
    out: &mut Vec<(String, u64)>,
) -> Result<(), BundleError> {
    let read = fs::read_dir(dir).map_err(|e| BundleError::io(dir, e))?;
    let mut entries = read
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| BundleError::io(dir, e))?;
    // In name order, so the same folder is always refused for the same file.
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            let shown = format!("{prefix}{}", name.to_string_lossy());
            return Err(BundleError::unsafe_entry(&shown, "its name is not UTF-8"));
        };
        let rel = format!("{prefix}{name}");
        if is_ignored(name) {
            continue;
        }
        check_name(&rel)?;
        // file_type does not follow links: a link is seen as a link.
        let kind = entry
            .file_type()
            .map_err(|e| BundleError::io(&entry.path(), e))?;
        if kind.is_symlink() {
            return Err(BundleError::unsafe_entry(&rel, "it is a symbolic link"));
        } else if kind.is_dir() {
            if depth >= MAX_DEPTH {
                return Err(BundleError::unsafe_entry(
                    &rel,
                    format!("it is nested more than {MAX_DEPTH} folders deep"),
                ));
            }
            walk(&entry.path(), &format!("{rel}/"), depth + 1, budget, out)?;
        } else if kind.is_file() {
            budget.count_file();
            // Past the limit, files are only counted, for the refusal to say how many.
            if budget.over_count() {
                continue;
            }
            let size = entry
                .metadata()
                .map_err(|e| BundleError::io(&entry.path(), e))?
                .len();
            budget.add(&rel, &rel, size)?;
            out.push((rel, size));
        } else {
            return Err(BundleError::unsafe_entry(
                &rel,
                "it is a device, pipe or other special file",
            ));
        }
    }
    Ok(())
}

/// Writes `files` under `dest`, which must not exist yet: every name is checked first, each
/// file is created new (never through an existing file or link) and flushed, then every
/// folder is flushed. On failure `dest` is removed, so there is never half a course.
pub fn write_tree(dest: &Path, files: &[(String, Vec<u8>)]) -> Result<(), BundleError> {
    for (path, _) in files {
        check_name(path)?;
    }
    check_case_clashes(files.iter().map(|(p, _)| p.as_str()))?;
    let mut tree = Tree::create(dest, Flush::Synced)?;
    for (path, bytes) in files {
        tree.write_file(path, bytes)?;
    }
    tree.finish()
}

/// Whether a folder being written must survive a power cut: an install's must, before it is
/// renamed into place; a preview's, deleted a moment later, need not pay for the syncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flush {
    Synced,
    Scratch,
}

/// A bundle's folder being written, file by file, by [`write_tree`] or an unpack. Each file
/// is created new (never through an existing file or link) under `dest`, and the folders
/// made on the way are remembered, to be flushed deepest first once every file is in.
/// Dropped before [`Tree::finish`], it removes `dest`: there is never half a course.
pub(crate) struct Tree {
    dest: PathBuf,
    /// Folders made under `dest`, by path inside it.
    dirs: BTreeSet<String>,
    /// Flushes the files as they are written; `None` in a scratch folder.
    syncer: Option<Syncer>,
    finished: bool,
}

impl Tree {
    /// Makes `dest` and the folders above it; `dest` itself must not exist yet, so nothing
    /// already there is ever written into.
    pub(crate) fn create(dest: &Path, flush: Flush) -> Result<Tree, BundleError> {
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| BundleError::io(parent, e))?;
        }
        fs::create_dir(dest).map_err(|e| BundleError::io(dest, e))?;
        Ok(Tree {
            dest: dest.to_path_buf(),
            dirs: BTreeSet::new(),
            syncer: (flush == Flush::Synced).then(Syncer::new),
            finished: false,
        })
    }

    pub(crate) fn dest(&self) -> &Path {
        &self.dest
    }

    /// Creates the new file `path` (a checked name inside the bundle), making the folders on
    /// its way; returns it open for writing, with its full path for messages.
    pub(crate) fn create_file(&mut self, path: &str) -> Result<(File, PathBuf), BundleError> {
        let mut at = self.dest.clone();
        let mut parts = path.split('/').peekable();
        let mut rel = String::new();
        while let Some(part) = parts.next() {
            at.push(part);
            if parts.peek().is_none() {
                break;
            }
            if !rel.is_empty() {
                rel.push('/');
            }
            rel.push_str(part);
            if self.dirs.insert(rel.clone()) {
                make_dir(&at)?;
            }
        }
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&at)
            .map_err(|e| BundleError::io(&at, e))?;
        Ok((file, at))
    }

    /// Writes the whole file `path` and flushes it.
    pub(crate) fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), BundleError> {
        let (mut file, at) = self.create_file(path)?;
        file.write_all(bytes).map_err(|e| BundleError::io(&at, e))?;
        self.close(file, at)
    }

    /// Closes a file once written, flushing it to the disk (on another thread, done by
    /// [`Tree::finish`]) unless this is a scratch folder.
    pub(crate) fn close(&mut self, file: File, at: PathBuf) -> Result<(), BundleError> {
        match &mut self.syncer {
            Some(syncer) => syncer.flush(file, at),
            None => Ok(()),
        }
    }

    /// Waits until every file is flushed, then flushes every folder, deepest first, then
    /// `dest` and the folder holding it; from here on the folder is kept.
    pub(crate) fn finish(mut self) -> Result<(), BundleError> {
        if let Some(syncer) = self.syncer.take() {
            syncer.finish()?;
            for rel in self.dirs.iter().rev() {
                sync_dir(&self.dest.join(rel))?;
            }
            sync_dir(&self.dest)?;
            sync_parent(&self.dest)?;
        }
        self.finished = true;
        Ok(())
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        // The flushing threads let go of the files first.
        drop(self.syncer.take());
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dest);
        }
    }
}

fn make_dir(at: &Path) -> Result<(), BundleError> {
    match fs::create_dir(at) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(BundleError::io(
            at,
            std::io::Error::new(
                ErrorKind::AlreadyExists,
                "a file of the bundle has this name",
            ),
        )),
        Err(e) => Err(BundleError::io(at, e)),
    }
}

#[cfg(test)]
mod tests;
