//! Changing the courses folder so that a crash or a pulled drive leaves it whole: a bundle
//! unpacked into a hidden folder there and checked, then swapped in with renames, a course
//! removed through a trash folder, and what an interrupted install left behind put right at
//! start-up. A preview (the import screen's) unpacks beside the data instead, never in the
//! courses folder.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Checked;
use crate::bundle::{BundleError, MANIFEST_FILE, Manifest};
use crate::course;
use crate::library::index::{INDEX_FILE, render};
use crate::paths::COURSES_DIR;

/// The lock file in the courses folder.
const LOCK_FILE: &str = ".install.lock";

/// How an import preview's scratch folder in the data folder begins.
pub(super) const PREVIEW_PREFIX: &str = ".inspect-";

/// A preview's scratch folder this much older than its last change was left by a crash:
/// a preview takes seconds, so one that old is nobody's.
const PREVIEW_LEFT_AFTER: Duration = Duration::from_secs(60 * 60);

/// Where an import unpacks a bundle before it is known to be good: a new hidden folder in
/// the courses folder, on the same disk, so that the checked folder itself is renamed into
/// place. Held under the install lock, which keeps another process's start-up clean-up away
/// from it. Dropped before the install is done, it removes that folder.
pub(super) struct Staging {
    courses: PathBuf,
    /// `.incoming-<stamp>`: the course's id is known only once the bundle is read.
    incoming: PathBuf,
    stamp: String,
    lock: Option<File>,
    /// This import made the courses folder: a refused bundle takes it away again, so that
    /// a data folder without courses is left as it was found.
    made: bool,
    installed: bool,
}

impl Staging {
    /// Makes the courses folder if need be and takes the install lock, waiting for it.
    pub(super) fn open(data_dir: &Path) -> Result<Staging, BundleError> {
        let courses = data_dir.join(COURSES_DIR);
        let made = !courses.is_dir();
        let lock = lock_for_install(&courses)?;
        let stamp = uuid::Uuid::new_v4().simple().to_string();
        Ok(Staging {
            incoming: courses.join(format!(".incoming-{stamp}")),
            courses,
            stamp,
            lock,
            made,
            installed: false,
        })
    }

    /// The folder to unpack the bundle into; it does not exist yet.
    pub(super) fn incoming(&self) -> &Path {
        &self.incoming
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.installed {
            return;
        }
        let _ = std::fs::remove_dir_all(&self.incoming);
        // The lock is still held here: an install waiting for it finds its lock file gone
        // and takes the lock again on a new one (see `lock_for_install`). Only Unix can
        // tell a lock file from its replacement, so elsewhere the folder stays.
        if cfg!(unix) && self.made && self.lock.is_some() {
            let _ = std::fs::remove_file(self.courses.join(LOCK_FILE));
            let _ = std::fs::remove_dir(&self.courses);
        }
    }
}

/// Adds the manifest (when the bundle had none) and the outline index to the checked
/// folder, syncs it, then swaps it in with renames: at every moment either the old or the
/// new version is complete in place.
pub(super) fn install(mut staging: Staging, checked: Checked) -> Result<(), BundleError> {
    let Checked {
        mut unpacked,
        course,
        ..
    } = checked;
    // An installed course always carries a manifest, so it can be checked before each use.
    let manifest = match unpacked.manifest_bytes() {
        Some(bytes) => bytes.to_vec(),
        None => {
            let made = Manifest::for_hashes(&course.id, &course.version, unpacked.hashes());
            let bytes = made.to_toml().into_bytes();
            unpacked.add(MANIFEST_FILE, &bytes)?;
            bytes
        }
    };
    // The outline index lets start-up read one small file instead of every lesson.
    unpacked.add(INDEX_FILE, render(&course, &manifest).as_bytes())?;
    let incoming = unpacked.finish()?;
    let courses = staging.courses.clone();
    let target = courses.join(&course.id);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BundleError::Io { path, source }
    };
    if target.exists() {
        let old = courses.join(format!(".replaced-{}-{}", course.id, staging.stamp));
        std::fs::rename(&target, &old).map_err(io(&target))?;
        std::fs::rename(&incoming, &target).map_err(io(&incoming))?;
        staging.installed = true;
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    } else {
        std::fs::rename(&incoming, &target).map_err(io(&incoming))?;
        staging.installed = true;
    }
    sync_dir(&courses);
    // The library's catalog follows, so the next start reads it and nothing else.
    crate::library::catalog::put(&courses, &target, &course, &manifest);
    Ok(())
}

/// Makes the courses folder and takes the install lock, waiting for it. A refused first
/// import removes that folder, lock file and all (see [`Staging`]): a lock taken meanwhile
/// on the removed file keeps nothing apart, so it is taken again on the file there now.
/// `None` when no lock can be had: installing then goes on unlocked.
fn lock_for_install(courses: &Path) -> Result<Option<File>, BundleError> {
    for _ in 0..3 {
        crate::bundle::durable::create_dir_all(courses)
            .map_err(|source| BundleError::io(courses, source))?;
        if let Some(lock) = install_lock(courses, true) {
            return Ok(Some(lock));
        }
    }
    Ok(None)
}

/// The lock that keeps one process's install and another's start-up clean-up apart. With
/// `wait`, waits for it (installing); without, gives up at once (start-up). `None` when the
/// lock file cannot be made, or was removed while this process waited for it.
fn install_lock(courses: &Path, wait: bool) -> Option<File> {
    let path = courses.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .ok()?;
    let locked = if wait {
        file.lock().is_ok()
    } else {
        file.try_lock().is_ok()
    };
    (locked && is_still_at(&file, &path)).then_some(file)
}

/// Whether `file` is still the file at `path`, not one removed since it was opened.
#[cfg(unix)]
fn is_still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(there)) => open.dev() == there.dev() && open.ino() == there.ino(),
        _ => false,
    }
}

/// Elsewhere the lock file is never removed (see [`Staging`]).
#[cfg(not(unix))]
fn is_still_at(_file: &File, _path: &Path) -> bool {
    true
}

/// Removes the scratch folders of import previews that a crash or a power cut left in the
/// data folder; each preview removes its own when it is done.
pub fn clear_previews(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return;
    };
    for e in entries.flatten() {
        let left = e.file_name().to_string_lossy().starts_with(PREVIEW_PREFIX)
            && e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > PREVIEW_LEFT_AFTER));
        if left {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Makes the renames durable. Not every system can sync a directory; the rename itself is
/// atomic either way.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Finishes or undoes an install that a crash or power cut interrupted: a course moved aside
/// for its new version but not yet replaced goes back in place, and half-written folders go.
pub fn recover(courses: &Path) {
    // While another process installs, its folders are not leftovers: leave them be.
    if !courses.is_dir() {
        return;
    }
    let Some(_lock) = install_lock(courses, false) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(courses) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix(".replaced-") {
            // `.replaced-<id>-<32 hex>`: the id is everything before the last dash.
            if let Some((id, _)) = rest.rsplit_once('-') {
                let target = courses.join(id);
                if target.exists() {
                    let _ = std::fs::remove_dir_all(e.path());
                } else {
                    let _ = std::fs::rename(e.path(), &target);
                }
            }
        } else if name.starts_with(".incoming-") || name.starts_with(".removed-") {
            let _ = std::fs::remove_dir_all(e.path());
        } else if crate::library::catalog::is_left_over(&e) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `hatua remove COURSE_ID`: uninstalls a course; learners' records stay in the database.
pub fn remove(data_dir: &Path, course_id: &str) -> Result<String, String> {
    if !course::is_valid_id(course_id) {
        return Err(format!(
            "`{course_id}` is not a course id; `hatua courses` lists them"
        ));
    }
    let target = data_dir.join(COURSES_DIR).join(course_id);
    let built_in = crate::library::built_in_sources().iter().any(|src| {
        course::load_for_play(src)
            .course
            .is_some_and(|c| c.id == course_id)
    });
    if built_in && !target.is_dir() {
        return Err(format!(
            "`{course_id}` is a built-in course, part of Hatua itself; built-in courses cannot be removed"
        ));
    }
    if !target.is_dir() {
        return Err(format!(
            "no installed course has the id `{course_id}` (built-in courses cannot be removed); `hatua courses` lists them"
        ));
    }
    let trash = data_dir.join(COURSES_DIR).join(format!(
        ".removed-{course_id}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::rename(&target, &trash)
        .map_err(|e| format!("cannot remove {}: {e}", target.display()))?;
    crate::library::catalog::forget(&data_dir.join(COURSES_DIR), course_id);
    std::fs::remove_dir_all(&trash)
        .map_err(|e| format!("cannot delete {}: {e}", trash.display()))?;
    sync_dir(&data_dir.join(COURSES_DIR));
    Ok(course_id.to_string())
}
