//! A site: one data folder where learners work, known by an id made once, a name people
//! read, and an ed25519 key that signs what it exports, so a hub can tell its records from
//! anyone else's.

use std::path::{Path, PathBuf};

use crate::bundle::{BundleError, PublisherKey};
use crate::store::{Store, StoreError};

/// The site's secret key, in the data folder (its public half beside it, `.pub`).
pub const KEY_FILE: &str = "site.key";

/// The setting that holds the site's id.
const ID_SETTING: &str = "site_id";
/// The setting that holds the name given when the facilitator password was set.
pub const NAME_SETTING: &str = "site_name";

#[derive(Debug)]
pub struct Site {
    /// A UUID, made the first time anything asks for it, never changed.
    pub id: String,
    pub name: String,
    key: PublisherKey,
}

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "the site key {} cannot be read or made: {message}. Exports are signed with it; check \
         that the data folder is writable, or restore the key from a backup",
        path.display()
    )]
    Key { path: PathBuf, message: String },
}

impl Site {
    /// This data folder's site: its id (made now if it has none), its name (the config's
    /// `site_name`, else the one the facilitator gave, else a name from the id), and its key
    /// (made now if there is none).
    pub fn open(
        store: &mut Store,
        data_dir: &Path,
        config_name: Option<&str>,
    ) -> Result<Site, SiteError> {
        let id = store.setting_or_insert(ID_SETTING, || uuid::Uuid::new_v4().to_string())?;
        let name = match config_name {
            Some(n) => n.to_string(),
            None => store
                .setting(NAME_SETTING)?
                .unwrap_or_else(|| default_name(&id)),
        };
        let path = data_dir.join(KEY_FILE);
        let key_error = |message: String| SiteError::Key {
            path: path.clone(),
            message,
        };
        // The key's own reason, not its sentence: this error says which key and what to do.
        let bundle_error = |e: BundleError| match e {
            BundleError::Key { message, .. } => key_error(message),
            other => key_error(other.to_string().trim_end_matches('.').to_string()),
        };
        let key = if path.exists() {
            PublisherKey::load(&path).map_err(bundle_error)?
        } else {
            crate::bundle::durable::create_dir_all(data_dir)
                .map_err(|e| key_error(e.to_string()))?;
            let key = PublisherKey::generate().map_err(bundle_error)?;
            key.save(&path).map_err(bundle_error)?;
            key
        };
        Ok(Site { id, name, key })
    }

    /// The IRI the site's learners are accounts of, in xAPI statements.
    pub fn home_page(&self) -> String {
        home_page(&self.id)
    }

    /// The public key, as lowercase hex: what a hub trusts this site by.
    pub fn public_key(&self) -> String {
        self.key.public_hex()
    }

    /// A signature of `bytes` with the site key, as hex.
    pub fn sign(&self, bytes: &[u8]) -> String {
        self.key.sign_bytes(bytes)
    }
}

/// The site's name without its key: the config's `site_name`, else the name the
/// facilitator gave, else a name from its id (made now if it has none). For certificates
/// and reports, which need no key.
pub fn display_name(store: &mut Store, config_name: Option<&str>) -> Result<String, StoreError> {
    if let Some(n) = config_name {
        return Ok(n.to_string());
    }
    if let Some(n) = store.setting(NAME_SETTING)? {
        return Ok(n);
    }
    let id = store.setting_or_insert(ID_SETTING, || uuid::Uuid::new_v4().to_string())?;
    Ok(default_name(&id))
}

/// The name of a site nobody named: "site" and the first part of its id.
pub fn default_name(id: &str) -> String {
    format!("site {}", id.chars().take(8).collect::<String>())
}

/// The IRI of the site `id`'s learner accounts. `.invalid` is a reserved domain: the IRI
/// names the site and is never fetched.
pub fn home_page(id: &str) -> String {
    format!("https://hatua.invalid/sites/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_keeps_its_id_and_key_and_takes_the_configured_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
        let first = Site::open(&mut store, dir.path(), None).unwrap();
        assert!(first.name.starts_with("site "), "{}", first.name);
        let again = Site::open(&mut store, dir.path(), Some("Kisumu centre")).unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(again.public_key(), first.public_key());
        assert_eq!(again.name, "Kisumu centre");
        store.set_setting(NAME_SETTING, "Kisii hall").unwrap();
        assert_eq!(
            Site::open(&mut store, dir.path(), None).unwrap().name,
            "Kisii hall"
        );
        let sig = first.sign(b"records");
        assert!(crate::bundle::keys::signature_holds(
            &first.public_key(),
            b"records",
            &sig
        ));
        assert!(!crate::bundle::keys::signature_holds(
            &first.public_key(),
            b"record5",
            &sig
        ));
    }

    #[test]
    fn a_damaged_site_key_is_named_once_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("hatua.db")).unwrap();
        std::fs::write(dir.path().join(KEY_FILE), "").unwrap();
        let message = Site::open(&mut store, dir.path(), None)
            .err()
            .unwrap()
            .to_string();
        assert!(message.contains("site.key"), "{message}");
        assert!(message.contains("it holds no key. Exports"), "{message}");
        assert!(!message.contains(".."), "{message}");
        assert!(!message.contains("publisher"), "{message}");
    }
}
