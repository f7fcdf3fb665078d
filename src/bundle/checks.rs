//! The checks a zip and a folder share: which names may enter a bundle, which files are text,
//! and a running budget of files and bytes so that no bundle can exhaust the disk or memory.

use std::collections::BTreeMap;

use super::archive::Limits;
use super::{BundleError, MANIFEST_FILE};
use crate::course::source::is_safe_path;

/// Refuses a name that could land outside the bundle, or mean different files on different
/// systems. `name` is a file path inside the bundle, `/`-separated, with no trailing `/`.
pub(crate) fn check_name(name: &str) -> Result<(), BundleError> {
    match name_problem(name) {
        Some(reason) => Err(BundleError::unsafe_entry(name, reason)),
        None => Ok(()),
    }
}

/// What is wrong with a name, if anything; see [`check_name`].
pub(crate) fn name_problem(name: &str) -> Option<&'static str> {
    if name.starts_with('/') {
        Some("it is an absolute path")
    } else if name.contains('\\') {
        // Windows reads `a\..\..\x` as climbing out; Linux as one odd name. Neither is ours.
        Some("it contains a backslash")
    } else if name.as_bytes().get(1) == Some(&b':') {
        Some("it starts with a drive letter")
    } else if name.split('/').any(|part| part == "..") {
        Some("it climbs out of the bundle with `..`")
    } else if name.chars().any(char::is_control) {
        Some("its name contains control characters")
    } else if !is_safe_path(name) {
        Some("it is not a plain relative path (empty parts, `.` or `:` in it)")
    } else {
        None
    }
}

/// Hidden files and folders (`.git`, `.DS_Store`, macOS's `__MACOSX` and `._x` twins) are
/// left by editors, git and file managers, never by an author: they are not part of a bundle,
/// are neither packed nor installed, and so cannot count as tampering.
pub(crate) fn is_ignored(path: &str) -> bool {
    path.split('/').next() == Some("__MACOSX") || path.split('/').any(|part| part.starts_with('.'))
}

/// Everything outside `assets/` is UTF-8 text, with the tighter size limit.
pub(crate) fn is_text(path: &str) -> bool {
    !path.starts_with("assets/")
}

/// Counts files and bytes as a bundle is read; the first one over a limit is refused.
pub(crate) struct Budget<'a> {
    limits: &'a Limits,
    files: usize,
    total: u64,
}

impl<'a> Budget<'a> {
    pub(crate) fn new(limits: &'a Limits) -> Self {
        Budget {
            limits,
            files: 0,
            total: 0,
        }
    }

    /// Counts one more file; [`Budget::check_count`] says whether there were too many, once
    /// all are counted, so the refusal can say how many there are.
    pub(crate) fn count_file(&mut self) {
        self.files += 1;
    }

    /// Whether more files than a bundle may hold were counted.
    pub(crate) fn over_count(&self) -> bool {
        self.files > self.limits.max_files
    }

    /// Refuses a bundle that holds more files than the limit, saying how many it holds.
    pub(crate) fn check_count(&self) -> Result<(), BundleError> {
        if self.over_count() {
            return Err(BundleError::TooManyFiles {
                count: self.files,
                limit: self.limits.max_files,
            });
        }
        Ok(())
    }

    /// The most bytes `path` may have, by its own limit and by what is left of the total.
    pub(crate) fn file_limit(&self, path: &str) -> u64 {
        if is_text(path) {
            self.limits.max_text
        } else {
            self.limits.max_asset
        }
    }

    /// How many more bytes the bundle may hold in all.
    pub(crate) fn remaining(&self) -> u64 {
        self.limits.max_total.saturating_sub(self.total)
    }

    /// Adds `size` bytes of `entry` (named as in the archive) whose bundle path is `path`.
    pub(crate) fn add(&mut self, entry: &str, path: &str, size: u64) -> Result<(), BundleError> {
        let limit = self.file_limit(path);
        if size > limit {
            return Err(BundleError::TooLarge {
                entry: entry.to_string(),
                limit,
            });
        }
        self.total = self.total.saturating_add(size);
        if self.total > self.limits.max_total {
            return Err(BundleError::Bomb {
                entry: entry.to_string(),
                total: self.total,
                limit: self.limits.max_total,
            });
        }
        Ok(())
    }
}

/// Refuses a text file that is not UTF-8; the loader would refuse it later anyway, but a
/// bundle should be refused whole, before anything is installed.
pub(crate) fn check_text(entry: &str, path: &str, bytes: &[u8]) -> Result<(), BundleError> {
    if is_text(path) && std::str::from_utf8(bytes).is_err() {
        return Err(BundleError::NotUtf8 {
            entry: entry.to_string(),
        });
    }
    Ok(())
}

/// Refuses two paths that differ only in case: on Windows and macOS they are one file, so
/// the second would silently replace the first when installed.
pub(crate) fn check_case_clashes<'a>(
    paths: impl IntoIterator<Item = &'a str>,
) -> Result<(), BundleError> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for path in paths {
        if let Some(first) = seen.insert(path.to_lowercase(), path) {
            let reason = if first == path {
                "it appears twice".to_string()
            } else {
                format!(
                    "it differs from `{}` only in upper and lower case, and on Windows and macOS they would be one file",
                    super::shown(first)
                )
            };
            return Err(BundleError::unsafe_entry(path, reason));
        }
    }
    Ok(())
}

/// Whether `path` is the manifest, which lives beside the files it describes.
pub(crate) fn is_manifest(path: &str) -> bool {
    path == MANIFEST_FILE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(name: &str) -> String {
        match check_name(name) {
            Err(BundleError::UnsafeEntry { entry, reason }) => {
                assert_eq!(entry, name);
                reason
            }
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn names_that_leave_the_bundle_are_refused_with_the_reason() {
        assert!(check_name("lessons/a.md").is_ok());
        assert!(check_name("assets/a b (1).png").is_ok());
        assert!(reason("../evil.md").contains(".."));
        assert!(reason("lessons/../../evil.md").contains(".."));
        assert!(reason("/tmp/evil").contains("absolute"));
        assert!(reason("C:/evil").contains("drive letter"));
        assert!(reason("c:evil").contains("drive letter"));
        assert!(reason("lessons\\a.md").contains("backslash"));
        assert!(reason("a\u{1b}[2J.md").contains("control"));
        assert!(reason("a//b.md").contains("plain relative"));
        assert!(reason("./a.md").contains("plain relative"));
    }

    #[test]
    fn hidden_and_file_manager_leftovers_are_ignored() {
        assert!(is_ignored(".git/config"));
        assert!(is_ignored("lessons/.DS_Store"));
        assert!(is_ignored("__MACOSX/course/._a.md"));
        assert!(!is_ignored("lessons/a.md"));
        assert!(!is_ignored("lessons/__MACOSX"));
    }

    #[test]
    fn the_budget_refuses_the_first_file_over_a_limit() {
        let limits = Limits {
            max_files: 2,
            max_total: 100,
            max_text: 10,
            max_asset: 60,
            max_ratio: 200,
        };
        let mut b = Budget::new(&limits);
        assert!(b.add("t.md", "t.md", 10).is_ok());
        assert!(matches!(
            b.add("t.md", "t.md", 11),
            Err(BundleError::TooLarge { limit: 10, .. })
        ));
        assert!(b.add("assets/a", "assets/a", 60).is_ok());
        assert!(matches!(
            b.add("assets/b", "assets/b", 31),
            Err(BundleError::Bomb {
                total: 101,
                limit: 100,
                ..
            })
        ));
        b.count_file();
        b.count_file();
        assert!(b.check_count().is_ok());
        b.count_file();
        assert!(matches!(
            b.check_count(),
            Err(BundleError::TooManyFiles { count: 3, limit: 2 })
        ));
    }

    #[test]
    fn names_equal_but_for_case_clash() {
        assert!(check_case_clashes(["a.md", "b.md"]).is_ok());
        let err = check_case_clashes(["lessons/A.md", "lessons/a.md"]).unwrap_err();
        assert!(err.to_string().contains("`lessons/a.md`"), "{err}");
        assert!(err.to_string().contains("lessons/A.md"), "{err}");
    }
}
