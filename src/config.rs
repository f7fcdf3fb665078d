//! The site's settings: a TOML file in the system's config folder (or `--config FILE`).
//! A coordinator edits it by hand, so every mistake names the key, the file and the line.

use std::path::{Path, PathBuf};

use crate::course::Diagnostics;
use crate::course::fields::{Fields, TomlSource};
use crate::harvest::merge::MergePolicy;
use crate::library::policy::InstallPolicy;

const KEYS: &[&str] = &[
    "idle_lock_minutes",
    "language",
    "theme",
    "drives",
    "install",
    "merge",
    "site_name",
    "lrs_url",
    "lrs_user",
    "ascii",
    "plain",
];

/// The themes a learner or this file can choose, by name.
pub const THEMES: &[&str] = &["default", "high-contrast", "monochrome"];

/// Languages the UI has a catalog for, by code.
pub fn languages() -> Vec<&'static str> {
    crate::i18n::Lang::ALL.iter().map(|l| l.code()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Minutes without a key before the player returns to "Who is learning?"; 0 turns it off.
    pub idle_lock_minutes: u32,
    /// The UI language when a learner has not chosen one; unset, the system's locale
    /// (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`) chooses.
    pub language: Option<String>,
    /// The theme when a learner has not chosen one.
    pub theme: String,
    /// Where the import screen looks for removable drives; `*` stands for one folder name.
    pub drives: Vec<String>,
    /// Which courses may be installed: trusted publishers' only, signed ones, or any.
    pub install: InstallPolicy,
    /// Which sites' exports a hub merges: trusted sites' only, or any site's.
    pub merge: MergePolicy,
    /// The name of this site on exports, certificates and reports; when unset, the name the
    /// facilitator gave when setting the password.
    pub site_name: Option<String>,
    /// The organisation's Learning Record Store, where `hatua sync` sends records.
    pub lrs_url: Option<String>,
    /// The user (or key) `hatua sync` logs in as; the password is never kept here.
    pub lrs_user: Option<String>,
    /// Draw ASCII only, whatever the terminal claims (`--ascii` does the same once).
    pub ascii: bool,
    /// Start in plain mode, line by line, for screen readers (`--plain` does the same once).
    pub plain: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            idle_lock_minutes: 10,
            language: None,
            theme: "default".to_string(),
            drives: crate::library::find::DRIVE_PATTERNS
                .iter()
                .map(ToString::to_string)
                .collect(),
            install: InstallPolicy::default(),
            merge: MergePolicy::default(),
            site_name: None,
            lrs_url: None,
            lrs_user: None,
            ascii: false,
            plain: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}. Check the path given with --config.")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} has mistakes:\n{details}")]
    Invalid { path: PathBuf, details: String },
}

/// Where the config file lives when `--config` is not given: beside the binary in portable
/// mode (`hatua-data/config.toml`), when there is one there, so a USB drive carries its
/// site's language and name; otherwise the system's config folder.
pub fn default_path() -> Option<PathBuf> {
    if let Some(portable) = crate::paths::portable_dir().map(|d| d.join("config.toml"))
        && portable.is_file()
    {
        return Some(portable);
    }
    directories::ProjectDirs::from("org", "Hatua", "hatua")
        .map(|p| p.config_dir().join("config.toml"))
}

/// Reads the config. An explicit path must exist; the default one may be missing.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let (path, required) = match explicit {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path),
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(source) => Err(ConfigError::Read { path, source }),
    }
}

/// Parses the text of a config file; `path` names it in messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let name = path.display().to_string();
    let mut d = Diagnostics::new();
    let src = TomlSource { file: &name, text };
    let root = src.parse(&mut d);
    let f = Fields::new(src, &root, KEYS, "the config file");
    let mut config = Config::default();
    if let Some(m) = f.opt_int(&mut d, "idle_lock_minutes", 0..=24 * 60) {
        config.idle_lock_minutes = *m.get_ref() as u32;
    }
    if let Some(ascii) = f.opt_bool(&mut d, "ascii") {
        config.ascii = *ascii.get_ref();
    }
    if let Some(plain) = f.opt_bool(&mut d, "plain") {
        config.plain = *plain.get_ref();
    }
    if let Some(drives) = f.opt_string_list(&mut d, "drives") {
        config.drives = drives.into_iter().map(|s| s.into_inner()).collect();
    }
    let mut key = |key: &str, check: &dyn Fn(&str) -> Result<String, Refusal>| {
        let value = f.opt_string(&mut d, key)?;
        check(value.get_ref())
            .map_err(|(message, hint)| d.error_at(&name, text, value.span(), message, hint))
            .ok()
    };
    if let Some(lang) = key("language", &language) {
        config.language = Some(lang);
    }
    if let Some(theme) = key("theme", &theme) {
        config.theme = theme;
    }
    if let Some(install) = key("install", &|v| {
        rule(
            "install",
            v,
            InstallPolicy::NAMES,
            "only trusted publishers' courses, only signed ones, or any",
        )
    }) {
        config.install = InstallPolicy::named(&install).unwrap_or_default();
    }
    if let Some(merge) = key("merge", &|v| {
        rule(
            "merge",
            v,
            MergePolicy::NAMES,
            "only exports of sites in `hatua trust list`, or any site's, its key kept from its first export",
        )
    }) {
        config.merge = MergePolicy::named(&merge).unwrap_or_default();
    }
    config.site_name = key("site_name", &site_name);
    config.lrs_url = key("lrs_url", &lrs_url);
    config.lrs_user = key("lrs_user", &lrs_user);
    f.finish(&mut d);
    if d.is_empty() {
        return Ok(config);
    }
    let details: Vec<String> = d.into_sorted().iter().map(ToString::to_string).collect();
    Err(ConfigError::Invalid {
        path: path.to_path_buf(),
        details: details.join("\n"),
    })
}

/// Why a value was refused, and a hint.
type Refusal = (String, Option<String>);

fn language(v: &str) -> Result<String, Refusal> {
    match crate::i18n::Lang::from_code(v) {
        Some(_) => Ok(v.to_string()),
        None => Err((
            format!("`language` is `{v}`, which Hatua has no text for"),
            Some(format!("use one of: {}", languages().join(", "))),
        )),
    }
}

fn theme(v: &str) -> Result<String, Refusal> {
    if THEMES.contains(&v) {
        return Ok(v.to_string());
    }
    Err((
        format!("`theme` is `{v}`, which is not a theme"),
        Some(format!("use one of: {}", THEMES.join(", "))),
    ))
}

/// One of the `names` of a rule, each explained by `meaning`.
fn rule(key: &str, v: &str, names: &[&str], meaning: &str) -> Result<String, Refusal> {
    if names.contains(&v) {
        return Ok(v.to_string());
    }
    Err((
        format!("`{key}` is `{v}`, which is not a rule Hatua knows"),
        Some(format!("use one of: {} ({meaning})", names.join(", "))),
    ))
}

fn site_name(v: &str) -> Result<String, Refusal> {
    let clean = crate::sanitize::clean_line(v).trim().to_string();
    if clean.is_empty() || clean.chars().count() > 80 {
        return Err((
            "`site_name` must be 1 to 80 characters".to_string(),
            Some("for example: site_name = \"Kisumu women's centre\"".to_string()),
        ));
    }
    Ok(clean)
}

fn lrs_url(v: &str) -> Result<String, Refusal> {
    crate::sync::Lrs::new(v, "", "")
        .map(|lrs| lrs.url)
        .map_err(|e| {
            (
                format!("`lrs_url`: {e}"),
                Some("for example: lrs_url = \"https://lrs.example.org/xAPI\"".to_string()),
            )
        })
}

fn lrs_user(v: &str) -> Result<String, Refusal> {
    let clean = crate::sanitize::clean_line(v);
    if clean.trim().is_empty() || clean != v {
        return Err((
            "`lrs_user` must be a user name on one line".to_string(),
            None,
        ));
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config, String> {
        parse(text, Path::new("/etc/hatua/config.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(parse_str(""), Ok(Config::default()));
        assert_eq!(Config::default().idle_lock_minutes, 10);
    }

    #[test]
    fn every_setting_is_read() {
        let c = parse_str(
            "idle_lock_minutes = 3\nlanguage = \"fr\"\ntheme = \"monochrome\"\ndrives = [\"/srv/usb/*\"]\ninstall = \"signed\"\nmerge = \"trusted\"\nsite_name = \"Kisumu centre\"\nlrs_url = \"https://lrs.example.org/xAPI/\"\nlrs_user = \"kisumu\"\nascii = true\nplain = true\n",
        )
        .unwrap();
        assert_eq!(
            c,
            Config {
                idle_lock_minutes: 3,
                language: Some("fr".into()),
                theme: "monochrome".into(),
                drives: vec!["/srv/usb/*".into()],
                install: InstallPolicy::Signed,
                merge: MergePolicy::Trusted,
                site_name: Some("Kisumu centre".into()),
                lrs_url: Some("https://lrs.example.org/xAPI".into()),
                lrs_user: Some("kisumu".into()),
                ascii: true,
                plain: true,
            }
        );
        let e = parse_str("lrs_url = \"lrs.example.org\"\n").unwrap_err();
        assert!(
            e.contains("config.toml:1:") && e.contains("https://"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_key_names_the_key_the_file_and_the_line() {
        let err = parse_str("theme = \"default\"\nidle_lock = 5\n").unwrap_err();
        assert!(
            err.contains("/etc/hatua/config.toml:2:1: error: unknown key `idle_lock`"),
            "{err}"
        );
        assert!(err.contains("did you mean `idle_lock_minutes`?"), "{err}");
    }

    #[test]
    fn bad_values_are_errors_with_the_choices() {
        let err = parse_str(
            "idle_lock_minutes = \"ten\"\ntheme = \"neon\"\nlanguage = \"xx\"\ninstall = \"all\"\nmerge = \"signed\"\n",
        )
        .unwrap_err();
        assert!(
            err.contains(":5:9: error: `merge` is `signed`") && err.contains("trusted, any"),
            "{err}"
        );
        assert!(
            err.contains(":4:11: error: `install` is `all`")
                && err.contains("trusted, signed, any"),
            "{err}"
        );
        assert!(
            err.contains(":1:21: error: `idle_lock_minutes` should be a whole number"),
            "{err}"
        );
        assert!(
            err.contains("`theme` is `neon`") && err.contains("default, high-contrast, monochrome"),
            "{err}"
        );
        assert!(
            err.contains("`language` is `xx`") && err.contains("en, fr, es"),
            "{err}"
        );
    }

    #[test]
    fn an_explicit_file_must_exist_but_the_default_may_be_missing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let err = load(Some(&missing)).unwrap_err().to_string();
        assert!(
            err.contains("nope.toml") && err.contains("--config"),
            "{err}"
        );
    }
}
