//! Changing the courses folder so that a crash or a pulled drive leaves it whole: a course
//! swapped in with renames, a course removed through a trash folder, and what an interrupted
//! install left behind put right at start-up. Apart from checking and deciding, which never
//! touch the courses folder.

use std::path::Path;

use super::Checked;
use crate::bundle::{self, BundleError, MANIFEST_FILE, Manifest};
use crate::course;
use crate::paths::COURSES_DIR;

/// Writes the bundle to a temporary folder beside the courses, synced, then swaps it in with
/// renames: at every moment either the old or the new version is complete in place.
pub(super) fn install(data_dir: &Path, checked: &Checked) -> Result<(), BundleError> {
    let courses = data_dir.join(COURSES_DIR);
    crate::bundle::durable::create_dir_all(&courses).map_err(|source| BundleError::Io {
        path: courses.clone(),
        source,
    })?;
    let _lock = install_lock(&courses, true);
    let id = &checked.course.id;
    let stamp = uuid::Uuid::new_v4().simple().to_string();
    let incoming = courses.join(format!(".incoming-{id}-{stamp}"));
    let mut files = checked.files.clone();
    // An installed course always carries a manifest, so it can be checked before each use.
    if checked.manifest.is_none() {
        let manifest = Manifest::for_files(
            &checked.course.id,
            &checked.course.version,
            files.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
        );
        files.push((MANIFEST_FILE.to_string(), manifest.to_toml().into_bytes()));
    }
    // The outline index lets start-up read one small file instead of every lesson.
    if let Some((_, manifest)) = files.iter().find(|(p, _)| p == MANIFEST_FILE) {
        let index = crate::library::index::render(&checked.course, manifest);
        files.push((
            crate::library::index::INDEX_FILE.to_string(),
            index.into_bytes(),
        ));
    }
    bundle::write_tree(&incoming, &files)?;
    let target = courses.join(id);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BundleError::Io { path, source }
    };
    if target.exists() {
        let old = courses.join(format!(".replaced-{id}-{stamp}"));
        std::fs::rename(&target, &old).map_err(io(&target))?;
        std::fs::rename(&incoming, &target).map_err(io(&incoming))?;
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    } else {
        std::fs::rename(&incoming, &target).map_err(io(&incoming))?;
    }
    sync_dir(&courses);
    // The library's catalog follows, so the next start reads it and nothing else.
    crate::library::catalog::put(&courses, &target);
    Ok(())
}

/// The lock that keeps one process's install and another's start-up clean-up apart. With
/// `wait`, waits for it (installing); without, gives up at once (start-up). `None` when the
/// lock file cannot be made: installing then goes on unlocked, clean-up does not.
fn install_lock(courses: &Path, wait: bool) -> Option<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(courses.join(".install.lock"))
        .ok()?;
    let locked = if wait {
        file.lock().is_ok()
    } else {
        file.try_lock().is_ok()
    };
    locked.then_some(file)
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
