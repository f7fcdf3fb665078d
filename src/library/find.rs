//! Finding course bundles on a drive: where removable drives appear, and a search of each
//! that goes as deep as a trainer's folders do (`TRAINING/2024/courses/…`) while skipping
//! system and hidden folders, bounded by how many entries it looks at rather than by depth.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// Where removable drives appear, as patterns in which `*` stands for one folder name.
pub const DRIVE_PATTERNS: &[&str] = &["/media/*/*", "/run/media/*/*", "/mnt/*"];

/// How many folder entries one search looks at before it stops: a stick full of photos
/// is searched in well under a second, and a whole disk given by mistake does not hang.
pub const ENTRY_BUDGET: usize = 50_000;

/// Deeper than any trainer's folders; a guard against loops the budget would also stop.
const MAX_DEPTH: usize = 24;

/// Folders that hold a system's files, never courses: Windows' and macOS's on a stick, and
/// the recovery folder of a Linux file system.
const SYSTEM_FOLDERS: &[&str] = &[
    "system volume information",
    "$recycle.bin",
    "recycler",
    "lost+found",
    "windows",
    "program files",
    "program files (x86)",
    "programdata",
    "appdata",
    "node_modules",
];

/// What a search found, and how far it looked (for the sentence when nothing was found).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// Bundles: `.zip` files and folders holding `course.toml`, sorted.
    pub bundles: Vec<PathBuf>,
    /// Folders looked into.
    pub folders: usize,
    /// Entries (files and folders) looked at.
    pub entries: usize,
    /// The deepest level looked into, the given folder being 0.
    pub depth: usize,
    /// The budget ran out before everything was seen.
    pub stopped: bool,
}

impl Search {
    /// "looked through 12 folders, 4 levels deep" or "stopped after 50000 entries".
    pub fn extent(&self) -> String {
        if self.stopped {
            format!(
                "stopped after looking at {} entries in {} folders; give the folder that holds the courses",
                self.entries, self.folders
            )
        } else {
            format!(
                "looked through {} folder{}, {} level{} deep",
                self.folders,
                if self.folders == 1 { "" } else { "s" },
                self.depth,
                if self.depth == 1 { "" } else { "s" }
            )
        }
    }
}

/// Every bundle at or under `roots`, breadth first so that the shallow ones are found even
/// when the budget runs out. A bundle folder is not searched further.
pub fn find_bundles(roots: &[PathBuf]) -> Search {
    find_bundles_within(roots, ENTRY_BUDGET)
}

/// [`find_bundles`] with another budget, for tests.
pub fn find_bundles_within(roots: &[PathBuf], budget: usize) -> Search {
    let mut s = Search::default();
    let mut queue: VecDeque<(PathBuf, usize)> = VecDeque::new();
    for root in roots {
        match std::fs::symlink_metadata(root) {
            Ok(m) if m.is_file() && is_zip(root) => s.bundles.push(root.clone()),
            Ok(m) if m.is_dir() => queue.push_back((root.clone(), 0)),
            _ => {}
        }
    }
    while let Some((dir, depth)) = queue.pop_front() {
        if dir.join("course.toml").is_file() {
            s.bundles.push(dir);
            continue;
        }
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        s.folders += 1;
        s.depth = s.depth.max(depth);
        let mut children: Vec<_> = read.flatten().collect();
        children.sort_by_key(|e| e.file_name());
        for entry in children {
            if s.entries >= budget {
                s.stopped = true;
                break;
            }
            s.entries += 1;
            let name = entry.file_name().to_string_lossy().to_lowercase();
            if name.starts_with('.') || SYSTEM_FOLDERS.contains(&name.as_str()) {
                continue;
            }
            // file_type does not follow links: a link to / would search the whole machine.
            match entry.file_type() {
                Ok(t) if t.is_dir() && depth < MAX_DEPTH => {
                    queue.push_back((entry.path(), depth + 1));
                }
                Ok(t) if t.is_file() && is_zip(&entry.path()) => s.bundles.push(entry.path()),
                _ => {}
            }
        }
        if s.stopped {
            break;
        }
    }
    s.bundles.sort();
    s.bundles.dedup();
    s
}

fn is_zip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// The folders matching `patterns` (see [`DRIVE_PATTERNS`]), sorted.
pub fn drives(patterns: &[String]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for pattern in patterns {
        let mut level = vec![PathBuf::from("/")];
        for part in pattern.split('/').filter(|p| !p.is_empty()) {
            let mut next = Vec::new();
            for dir in level {
                if part == "*" {
                    if let Ok(entries) = std::fs::read_dir(&dir) {
                        next.extend(
                            entries
                                .flatten()
                                .filter(|e| e.path().is_dir())
                                .map(|e| e.path()),
                        );
                    }
                } else if dir.join(part).is_dir() {
                    next.push(dir.join(part));
                }
            }
            level = next;
        }
        found.extend(level);
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(root: &Path, rel: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "x").unwrap();
    }

    #[test]
    fn a_trainers_deep_folders_are_searched_and_system_ones_skipped() {
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        touch(r, "TRAINING/2024/courses/cedaw-fr/course.toml");
        touch(r, "TRAINING/2024/courses/gender.zip");
        touch(r, "TRAINING/2024/courses/cedaw-fr/lessons/inner.zip");
        touch(r, "a/b/c/d/e/f/g/deep.ZIP");
        touch(r, "System Volume Information/hidden.zip");
        touch(r, "$RECYCLE.BIN/old.zip");
        touch(r, ".Trash-1000/files/gone.zip");
        touch(r, "photos/holiday.jpg");
        let s = find_bundles(&[r.to_path_buf()]);
        let got: Vec<String> = s
            .bundles
            .iter()
            .map(|p| p.strip_prefix(r).unwrap().display().to_string())
            .collect();
        assert_eq!(
            got,
            [
                "TRAINING/2024/courses/cedaw-fr",
                "TRAINING/2024/courses/gender.zip",
                "a/b/c/d/e/f/g/deep.ZIP"
            ]
        );
        assert!(!s.stopped);
        assert_eq!(s.depth, 7);
    }

    #[test]
    fn the_budget_stops_a_search_and_says_how_far_it_went() {
        let root = tempfile::tempdir().unwrap();
        for i in 0..50 {
            touch(root.path(), &format!("photos/{i:03}.jpg"));
        }
        touch(root.path(), "zz/late.zip");
        let s = find_bundles_within(&[root.path().to_path_buf()], 20);
        assert!(s.stopped);
        assert!(s.bundles.is_empty());
        assert_eq!(s.entries, 20);
        assert!(
            s.extent().contains("stopped after looking at 20 entries"),
            "{}",
            s.extent()
        );
        let s = find_bundles(&[root.path().join("photos")]);
        assert_eq!(s.extent(), "looked through 1 folder, 0 levels deep");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_not_followed() {
        let root = tempfile::tempdir().unwrap();
        touch(root.path(), "elsewhere/course.zip");
        fs::create_dir(root.path().join("stick")).unwrap();
        std::os::unix::fs::symlink(
            root.path().join("elsewhere"),
            root.path().join("stick/link"),
        )
        .unwrap();
        assert!(
            find_bundles(&[root.path().join("stick")])
                .bundles
                .is_empty()
        );
    }

    #[test]
    fn drive_patterns_expand_one_folder_per_star() {
        let root = tempfile::tempdir().unwrap();
        for d in [
            "media/amina/USB1",
            "media/amina/USB2",
            "media/kwame/DISK",
            "mnt/backup",
        ] {
            fs::create_dir_all(root.path().join(d)).unwrap();
        }
        fs::write(
            root.path().join("media/amina/notes.txt"),
            "a file is not a drive",
        )
        .unwrap();
        let base = root.path().display().to_string();
        let patterns = vec![
            format!("{base}/media/*/*"),
            format!("{base}/mnt/*"),
            format!("{base}/run/media/*/*"),
        ];
        let got: Vec<String> = drives(&patterns)
            .iter()
            .map(|p| p.strip_prefix(root.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            got,
            [
                "media/amina/USB1",
                "media/amina/USB2",
                "media/kwame/DISK",
                "mnt/backup"
            ]
        );
    }
}
