//! Where a bundle's files come from: a folder on disk, or the courses built into the binary.

use std::io;
use std::path::{Path, PathBuf};

use include_dir::Dir;

/// Read access to the files of one bundle, by path inside it (`lessons/a.md`).
pub trait BundleSource {
    /// How to name the bundle in messages (a folder path, or `built-in:<name>`).
    fn name(&self) -> String;
    /// The bytes of a file, `None` when it does not exist. Paths that climb out of the
    /// bundle are refused before they get here (see [`is_safe_path`]).
    fn read(&self, path: &str) -> io::Result<Option<Vec<u8>>>;

    /// Every file in the bundle, sorted, when the source can list them (for the warnings
    /// about files nothing uses).
    fn list(&self) -> Option<Vec<String>> {
        None
    }

    /// Whether the file exists, without reading it: a link to a large asset is checked
    /// without loading the asset. An error says why it cannot be used (a symbolic link).
    fn exists(&self, path: &str) -> io::Result<bool> {
        self.read(path).map(|bytes| bytes.is_some())
    }
}

/// A bundle as an unpacked folder.
#[derive(Debug, Clone)]
pub struct DirSource {
    root: PathBuf,
    /// Refuse symbolic links on the way to each file (a folder from a drive).
    check_links: bool,
}

impl DirSource {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            check_links: true,
        }
    }

    /// A course Hatua installed itself: its files were written as regular files by the
    /// import, so start-up need not look for links again (three fewer system calls a file).
    pub fn installed(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            check_links: false,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl BundleSource for DirSource {
    fn name(&self) -> String {
        self.root.display().to_string()
    }

    fn read(&self, path: &str) -> io::Result<Option<Vec<u8>>> {
        if !is_safe_path(path) {
            return Ok(None);
        }
        // A link could point anywhere on the machine: a bundle from a USB drive gets none.
        let mut at = self.root.clone();
        for part in path.split('/').filter(|_| self.check_links) {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(io::Error::other(
                        "it is a symbolic link, and a bundle may not contain links",
                    ));
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        // Capped one byte past the largest file a bundle may hold, so that the loader can
        // say it is too large without a huge file ever being read whole.
        let cap = crate::bundle::Limits::default().max_asset;
        let file = match std::fs::File::open(self.root.join(path)) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::Read::take(file, cap + 1), &mut bytes)?;
        Ok(Some(bytes))
    }

    fn exists(&self, path: &str) -> io::Result<bool> {
        if !is_safe_path(path) {
            return Ok(false);
        }
        let mut at = self.root.clone();
        for part in path.split('/') {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() && self.check_links => {
                    return Err(io::Error::other(
                        "it is a symbolic link, and a bundle may not contain links",
                    ));
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
                Err(e) => return Err(e),
            }
        }
        Ok(std::fs::metadata(&at).is_ok_and(|m| m.is_file()))
    }

    fn list(&self) -> Option<Vec<String>> {
        let mut out = Vec::new();
        let mut stack = vec![(self.root.clone(), String::new())];
        while let Some((dir, prefix)) = stack.pop() {
            let entries = std::fs::read_dir(&dir).ok()?;
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let rel = format!("{prefix}{name}");
                match entry.file_type() {
                    Ok(t) if t.is_dir() => stack.push((entry.path(), format!("{rel}/"))),
                    // Links are listed so the loader can refuse them by name.
                    Ok(_) => out.push(rel),
                    Err(_) => {}
                }
            }
        }
        out.sort();
        Some(out)
    }
}

/// A bundle compiled into the binary (the sample courses under `courses/`).
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedSource {
    dir: &'static Dir<'static>,
}

impl EmbeddedSource {
    pub fn new(dir: &'static Dir<'static>) -> Self {
        Self { dir }
    }
}

impl BundleSource for EmbeddedSource {
    fn name(&self) -> String {
        format!("built-in:{}", self.dir.path().display())
    }

    fn read(&self, path: &str) -> io::Result<Option<Vec<u8>>> {
        if !is_safe_path(path) {
            return Ok(None);
        }
        // include_dir keys files by their path from the embedded root.
        let full = self.dir.path().join(path);
        Ok(self.dir.get_file(full).map(|f| f.contents().to_vec()))
    }

    fn exists(&self, path: &str) -> io::Result<bool> {
        Ok(is_safe_path(path) && self.dir.get_file(self.dir.path().join(path)).is_some())
    }

    fn list(&self) -> Option<Vec<String>> {
        fn walk(dir: &Dir<'_>, root: &Path, out: &mut Vec<String>) {
            for f in dir.files() {
                if let Ok(rel) = f.path().strip_prefix(root) {
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
            for d in dir.dirs() {
                walk(d, root, out);
            }
        }
        let mut out = Vec::new();
        walk(self.dir, self.dir.path(), &mut out);
        out.sort();
        Some(out)
    }
}

/// A path inside a bundle: relative, `/`-separated, never climbing out with `..`.
pub fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_bundle() {
        assert!(is_safe_path("lessons/a.md"));
        assert!(!is_safe_path("../secret"));
        assert!(!is_safe_path("lessons/../../x"));
        assert!(!is_safe_path("/etc/passwd"));
        assert!(!is_safe_path("C:/x"));
        assert!(!is_safe_path("lessons\\a.md"));
        assert!(!is_safe_path("lessons//a.md"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_in_a_folder_bundle_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("lessons")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("lessons/a.md")).unwrap();
        std::os::unix::fs::symlink("/etc", dir.path().join("assets")).unwrap();
        let src = DirSource::new(dir.path());
        let err = src.read("lessons/a.md").unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(
            src.read("assets/passwd").is_err(),
            "a linked folder is refused too"
        );
        assert_eq!(src.list().unwrap(), ["assets", "lessons/a.md"]);
    }

    #[test]
    fn a_folder_reads_files_and_reports_missing_ones_as_none() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("course.toml"), "x").unwrap();
        let src = DirSource::new(dir.path());
        assert_eq!(src.read("course.toml").unwrap(), Some(b"x".to_vec()));
        assert_eq!(src.read("missing.md").unwrap(), None);
        assert_eq!(src.read("../course.toml").unwrap(), None);
    }
}
