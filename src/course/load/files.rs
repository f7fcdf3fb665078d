//! The author's checks on the bundle's files, which a learner's start-up skips: links from a
//! lesson to files the bundle lacks, and files that nothing in the course uses.

use crate::course::diagnostic::Diagnostics;
use crate::course::lesson_file;
use crate::course::source::{BundleSource, is_safe_path};

/// Warns about links from a lesson to files the bundle does not have, and records the
/// files it does link to as used.
pub(super) fn check_links(
    source: &dyn BundleSource,
    path: &str,
    text: &str,
    used: &mut std::collections::HashSet<String>,
    d: &mut Diagnostics,
) {
    for (target, span) in lesson_file::local_links(text) {
        match resolve(path, &target) {
            Some(file) if matches!(source.exists(&file), Ok(true)) => {
                used.insert(file);
            }
            Some(file) => d.warning_at(
                path,
                text,
                span,
                format!("this links to `{file}`, which is not in the bundle"),
                Some("put the file under assets/, or fix the link".to_string()),
            ),
            None => d.warning_at(
                path,
                text,
                span,
                format!("the link `{target}` points outside the bundle"),
                Some(
                    "link only to files inside the course folder, such as ../assets/chart.png"
                        .to_string(),
                ),
            ),
        }
    }
}

/// A link target relative to the lesson at `from`, as a path inside the bundle.
fn resolve(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("");
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    is_safe_path(&joined).then_some(joined)
}

/// Warns about files that nothing in the course uses, and refuses links in the folder.
pub(super) fn check_unused(
    source: &dyn BundleSource,
    used: &std::collections::HashSet<String>,
    d: &mut Diagnostics,
) {
    let Some(all) = source.list() else { return };
    // Used files were read already; a link among them was refused then. The others are
    // only looked at, never read: an unused 4 GiB file costs nothing.
    for file in all.into_iter().filter(|f| !used.contains(f)) {
        if let Err(e) = source.exists(&file) {
            d.file_error(
                &file,
                format!("cannot read this file: {e}"),
                Some("replace the link with the file itself".to_string()),
            );
            continue;
        }
        let hint = if file.starts_with("assets/") {
            "link to it from a lesson, or delete it"
        } else {
            "add it to a module's `items` in course.toml, or delete it"
        };
        d.push_warning(
            &file,
            "nothing in the course uses this file",
            Some(hint.to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_inside_the_bundle_only() {
        assert_eq!(
            resolve("lessons/a.md", "../assets/x.png").as_deref(),
            Some("assets/x.png")
        );
        assert_eq!(
            resolve("lessons/a.md", "b.md#part").as_deref(),
            Some("lessons/b.md")
        );
        assert_eq!(resolve("lessons/a.md", "../../etc/passwd"), None);
        assert_eq!(resolve("lessons/a.md", "/etc/passwd"), None);
    }
}
