//! What went wrong, as a screen shows it: a catalog message and its values, chosen from the
//! typed error where it happened, so a learner reads it in her own language.

use crate::i18n::Message;
use crate::store::StoreError;
use crate::store::backup::BackupError;

/// A problem to show: the catalog key of its sentence and the values it names. The same
/// thing as a [`Message`] made outside the screens (an import's reason), under the name the
/// screens use.
pub type Problem = Message;

/// A sentence shown above the footer until the next key: news, or a problem.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Good(Problem),
    Bad(Problem),
}

impl Notice {
    pub fn message(&self) -> &Problem {
        match self {
            Notice::Good(m) | Notice::Bad(m) => m,
        }
    }
}

impl From<&StoreError> for Problem {
    fn from(e: &StoreError) -> Problem {
        use StoreError as E;
        match e {
            E::EmptyName => Problem::new("error.empty_name"),
            E::NameTaken(name) => Problem::new("error.name_taken").with("name", name),
            E::SameName(name) => Problem::new("error.same_name").with("name", name),
            E::BadPin => Problem::new("signin.pin_format"),
            E::WeakPassword => {
                Problem::new("facilitator.too_short").with("min", crate::store::MIN_PASSWORD_CHARS)
            }
            E::NoLearner | E::LearnerNotFound(_) => Problem::new("error.no_learner"),
            E::AttemptNotFound(_) | E::AttemptFinished(_) => Problem::new("error.attempt"),
            E::AlreadyAnswered { .. } => Problem::new("error.already_answered"),
            E::Clock(_) => Problem::new("error.clock"),
            E::Sqlite(err) if is_full(err) => Problem::new("error.disk_full"),
            E::Sqlite(err) if is_read_only(err) => Problem::new("error.read_only"),
            E::Io { path, .. } | E::CannotOpen { path, .. } => {
                Problem::new("error.cannot_write").with("path", path.display())
            }
            other => Problem::other(other),
        }
    }
}

impl From<crate::harvest::ExportError> for Problem {
    fn from(e: crate::harvest::ExportError) -> Problem {
        use crate::harvest::ExportError as E;
        match e {
            E::Full { path } => Problem::new("error.drive_full").with("path", path.display()),
            E::Store(e) => Problem::from(&e),
            other => Problem::other(other),
        }
    }
}

impl From<&BackupError> for Problem {
    fn from(e: &BackupError) -> Problem {
        match e {
            BackupError::NoRoom { .. } => Problem::new("backup.no_room"),
            BackupError::Folder { dir, .. } => {
                Problem::new("backup.folder").with("path", dir.display())
            }
            BackupError::BadCopy { .. } => Problem::new("backup.bad_copy"),
            other => Problem::new("backup.failed").with("detail", other),
        }
    }
}

impl From<&crate::desk::Notice> for Problem {
    fn from(n: &crate::desk::Notice) -> Problem {
        match n {
            crate::desk::Notice::ForeignWal { aside } => Problem::new("damaged.foreign_wal").with(
                "file",
                aside.file_name().unwrap_or_default().to_string_lossy(),
            ),
            crate::desk::Notice::Backup(e) => Problem::from(e),
        }
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        Problem::from(&e)
    }
}

fn is_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
}

fn is_read_only(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_store_error_reads_in_the_learners_language() {
        let p = Problem::from(&StoreError::NameTaken("Amina".into()));
        assert!(p.text(Lang::En).contains("Amina"));
        assert_ne!(p.text(Lang::Fr), p.text(Lang::En));
        assert!(p.text(Lang::Fr).contains("Amina"));
    }
}
