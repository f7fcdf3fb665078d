//! Writing an export: the records read, the statements and tables made, everything signed,
//! into one zip written beside its final name, synced, then renamed, so a drive pulled out
//! half-way never holds a file that looks complete.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::bundle::durable::{QuietAfterError, create_dir_all, rename_into_place, temp_beside};
use crate::library::Library;
use crate::site::Site;
use crate::store::harvest::{ExportRecord, Harvest, Range};
use crate::store::tally::Learners;
use crate::store::{ItemStatus, Store, StoreError};

use super::manifest::{MANIFEST_FILE, RecordsManifest};
use super::statements::{Writer, each_statement};
use super::tables::{CourseRow, write_tables};
use super::{ExportError, SITE_FILE, STATEMENTS_FILE};

/// Deflate's fastest level: statements are repetitive JSON, and the drive is slower than
/// the compression either way.
const DEFLATE_LEVEL: i64 = 1;

/// Statements travel from the thread that makes them to the one that compresses them in
/// pieces of about this many bytes.
const CHUNK: usize = 1 << 20;

/// What an export would hold, read before anything is written, so the screen can say what
/// is new.
#[derive(Debug)]
pub struct Planned {
    pub harvest: Harvest,
    /// Learner, course, when it was completed: courses completed and not yet told.
    pub completed: Vec<(String, String, String)>,
    /// Per learner and course, for the progress table.
    pub courses: Vec<CourseRow>,
    pub range: Range,
    /// Learners with a record in it.
    pub learners: usize,
}

impl Planned {
    pub fn attempts(&self) -> usize {
        self.harvest.attempts.len()
    }

    pub fn answers(&self) -> usize {
        self.harvest.answers.len()
    }

    /// Nothing to send: no fact and no course completed that was not sent before.
    pub fn is_empty(&self) -> bool {
        self.harvest.is_empty() && self.completed.is_empty()
    }
}

/// Item id → its status and when it was last changed, for one learner and course.
type ItemStatuses<'a> = HashMap<&'a str, (ItemStatus, &'a str)>;

/// A written export.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub path: PathBuf,
    pub statements: usize,
    pub bytes: u64,
}

/// Reads what an export of `range` holds: the records, and the courses completed under
/// each course's own rule (the one the outline and the board use).
pub fn plan(store: &Store, library: &Library, range: Range) -> Result<Planned, ExportError> {
    Ok(plan_of(store, library, &Learners::Local, range)?)
}

/// Like [`plan`], for the records of `learners`: a hub reads each merged site's this way.
pub fn plan_of(
    store: &Store,
    library: &Library,
    learners: &Learners,
    range: Range,
) -> Result<Planned, StoreError> {
    let harvest = store.harvest_of(learners, range)?;
    // Course progress from every item's status, not only the new ones.
    let all_items = if range == Range::All {
        harvest.items.clone()
    } else {
        store.harvest_of(learners, Range::All)?.items
    };
    let mut status: HashMap<(&str, &str), ItemStatuses> = HashMap::new();
    for i in &all_items {
        status
            .entry((i.learner_id.as_str(), i.course_id.as_str()))
            .or_default()
            .insert(i.item_id.as_str(), (i.status, i.updated_at.as_str()));
    }
    let mut courses = Vec::new();
    let mut completed = Vec::new();
    for ((learner, course_id), items) in &status {
        let Some(course) = library.course(course_id) else {
            continue;
        };
        let of = |id: &str| items.get(id).map_or(ItemStatus::NotStarted, |s| s.0);
        let p = crate::progress::course_progress(course, of);
        let at = items
            .values()
            .map(|s| s.1)
            .max()
            .unwrap_or_default()
            .to_string();
        if p.complete() && p.required > 0 {
            completed.push((learner.to_string(), course_id.to_string(), at.clone()));
        }
        courses.push(CourseRow {
            learner_id: learner.to_string(),
            course_id: course_id.to_string(),
            course_title: course.title.clone(),
            required: p.required,
            finished: p.finished,
            completed_at: p.complete().then_some(at),
        });
    }
    courses.sort_by(|a, b| (&a.learner_id, &a.course_id).cmp(&(&b.learner_id, &b.course_id)));
    completed.sort();
    if range == Range::New {
        let marks: Vec<String> = completed.iter().map(completed_mark).collect();
        let told: HashSet<String> = store.exported_among(&marks)?.into_iter().collect();
        completed.retain(|c| !told.contains(&completed_mark(c)));
    }
    let mut active: HashSet<&str> = HashSet::new();
    active.extend(harvest.completions.iter().map(|c| c.learner_id.as_str()));
    active.extend(harvest.attempts.iter().map(|a| a.learner_id.as_str()));
    active.extend(completed.iter().map(|c| c.0.as_str()));
    let learners = active.len();
    Ok(Planned {
        harvest,
        completed,
        courses,
        range,
        learners,
    })
}

fn completed_mark(c: &(String, String, String)) -> String {
    format!("course-completed:{}:{}", c.0, c.1)
}

/// The file name of an export: the site's name made safe for any drive, and the date.
pub fn file_name(site: &Site, date: &str, n: usize) -> String {
    let slug: String = site
        .name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "site".to_string()
    } else {
        slug
    };
    let suffix = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    format!("{slug}-{date}{suffix}.hatua-records.zip")
}

/// A writer that hashes what goes through it.
struct Hashing<W: Write> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the export of `planned` into the folder `dir`, and marks its records exported
/// once the file is in place. `progress` hears (statements written, statements in all).
#[allow(clippy::too_many_arguments)]
pub fn write(
    store: &mut Store,
    site: &Site,
    library: &Library,
    planned: &Planned,
    dir: &Path,
    with_names: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Written, ExportError> {
    // A folder made for the export on a drive must outlast a power cut as the file does:
    // the records are marked exported once the file is in it.
    create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
    let date = crate::certificate::today();
    let path = (1..)
        .map(|n| dir.join(file_name(site, &date, n)))
        .find(|p| !p.exists())
        .expect("a free name");
    let export_id = uuid::Uuid::new_v4().to_string();
    let temp = temp_beside(&path);
    let result = write_zip(
        &temp, site, library, planned, &export_id, with_names, progress,
    );
    let (statements, bytes) = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            tracing::error!(file = %path.display(), "export failed: {e}");
            return Err(ExportError::io(&path, e));
        }
    };
    rename_into_place(&temp, &path).map_err(|e| ExportError::Write {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let record = ExportRecord {
        id: export_id,
        file: path.display().to_string(),
        with_names,
    };
    let extra: Vec<String> = planned.completed.iter().map(completed_mark).collect();
    store.mark_exported(&record, &planned.harvest, &extra)?;
    tracing::info!(file = %path.display(), statements, bytes, with_names, "export");
    Ok(Written {
        path,
        statements,
        bytes,
    })
}

fn write_zip(
    temp: &Path,
    site: &Site,
    library: &Library,
    planned: &Planned,
    export_id: &str,
    with_names: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<(usize, u64)> {
    let h = &planned.harvest;
    let file = File::create(temp)?;
    let mut zip = ZipWriter::new(QuietAfterError::new(BufWriter::with_capacity(
        1 << 20,
        file,
    )));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .unix_permissions(0o644);
    let total =
        h.completions.len() + 2 * h.attempts.len() + h.answers.len() + planned.completed.len();
    zip.start_file(STATEMENTS_FILE, options.large_file(true))?;
    let (statements, statements_hash) = write_statements(
        &mut zip, site, library, planned, with_names, total, progress,
    )?;
    let mut files: Vec<(&str, Vec<u8>)> = write_tables(h, &site.id, with_names, &planned.courses);
    files.push((
        SITE_FILE,
        site_toml(site, planned, export_id, with_names).into_bytes(),
    ));
    let mut hashes: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, bytes) in &files {
        zip.start_file(*name, options)?;
        zip.write_all(bytes)?;
        hashes.push((name.to_string(), bytes.clone()));
    }
    let mut hashed: std::collections::BTreeMap<String, String> = hashes
        .iter()
        .map(|(n, b)| (n.clone(), crate::bundle::manifest::hash_bytes(b)))
        .collect();
    hashed.insert(STATEMENTS_FILE.to_string(), statements_hash);
    let signed =
        RecordsManifest::sign_hashes(export_id, &site.id, hashed, &site.public_key(), |b| {
            site.sign(b)
        });
    zip.start_file(MANIFEST_FILE, options)?;
    zip.write_all(signed.to_toml().as_bytes())?;
    let file = zip
        .finish()
        .map_err(|e| match e {
            zip::result::ZipError::Io(e) => e,
            other => std::io::Error::other(other),
        })?
        .into_inner()
        .into_inner()
        .map_err(|e| e.into_error())?;
    file.sync_all()?;
    progress(total, total);
    Ok((statements, file.metadata()?.len()))
}

/// Writes every statement to `out`, one JSON object a line, telling `progress` as they go;
/// returns how many there were and the SHA-256 of what was written, for the manifest.
fn write_statements(
    out: impl Write,
    site: &Site,
    library: &Library,
    planned: &Planned,
    with_names: bool,
    total: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> std::io::Result<(usize, String)> {
    let h = &planned.harvest;
    let names: Option<HashMap<&str, &str>> = with_names.then(|| {
        h.learners
            .iter()
            .map(|l| (l.id.as_str(), l.name.as_str()))
            .collect()
    });
    let mut out = Hashing {
        inner: out,
        hash: Sha256::new(),
    };
    // Two cores: one makes the statements, the other compresses them.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<u8>>(8);
    let statements = std::thread::scope(|scope| -> std::io::Result<usize> {
        let home = site.home_page();
        let producer = scope.spawn(move || -> std::io::Result<usize> {
            let mut writer = Writer::new(&site.id, home, library, names);
            let mut buf = Vec::with_capacity(CHUNK + 4096);
            let n = each_statement(&mut writer, h, &planned.completed, |v| {
                serde_json::to_writer(&mut buf, v)?;
                buf.push(b'\n');
                if buf.len() >= CHUNK {
                    let full = std::mem::replace(&mut buf, Vec::with_capacity(CHUNK + 4096));
                    // The writer stopped (a write failed): stop making statements.
                    send.send(full)
                        .map_err(|_| std::io::Error::other("stopped"))?;
                }
                Ok::<(), std::io::Error>(())
            })?;
            if !buf.is_empty() {
                let _ = send.send(buf);
            }
            Ok(n)
        });
        let mut done = 0;
        for chunk in receive {
            out.write_all(&chunk)?;
            done += chunk.iter().filter(|b| **b == b'\n').count();
            progress(done, total);
        }
        producer
            .join()
            .map_err(|_| std::io::Error::other("the statements stopped"))?
    })?;
    Ok((statements, hex::encode(out.hash.finalize())))
}

/// `site.toml`: who wrote the export, when, and what range of records it holds.
fn site_toml(site: &Site, planned: &Planned, export_id: &str, with_names: bool) -> String {
    let h = &planned.harvest;
    let times = h
        .completions
        .iter()
        .map(|c| c.recorded_at.as_str())
        .chain(h.attempts.iter().map(|a| a.started_at.as_str()))
        .chain(h.answers.iter().map(|a| a.answered_at.as_str()));
    let (first, last) = times.fold((None, None), |(lo, hi): (Option<&str>, Option<&str>), t| {
        (
            Some(lo.map_or(t, |l| l.min(t))),
            Some(hi.map_or(t, |h| h.max(t))),
        )
    });
    let value = toml::toml! {
        format = 1
    };
    let mut table = value;
    let mut put = |k: &str, v: toml::Value| {
        table.insert(k.to_string(), v);
    };
    put("export_id", export_id.into());
    put("site_id", site.id.clone().into());
    put("site_name", site.name.clone().into());
    put("public_key", site.public_key().into());
    put(
        "created_by",
        format!("hatua {}", env!("CARGO_PKG_VERSION")).into(),
    );
    put(
        "written_at",
        crate::store::timestamp_now().unwrap_or_default().into(),
    );
    put(
        "range",
        (if planned.range == Range::All {
            "all"
        } else {
            "new"
        })
        .into(),
    );
    put("with_names", with_names.into());
    put("first_record", first.unwrap_or("").into());
    put("last_record", last.unwrap_or("").into());
    put("learners", (h.learners.len() as i64).into());
    put("attempts", (h.attempts.len() as i64).into());
    put("answers", (h.answers.len() as i64).into());
    put("completions", (h.completions.len() as i64).into());
    format!(
        "# A Hatua records export: the site that wrote it and what it holds.\n{}",
        toml::to_string(&table).unwrap_or_default()
    )
}
