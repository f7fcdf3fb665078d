//! Whether a bundle may be installed: the site's rule (`install` in the config), who vouches
//! for the copy already installed, and the versions. Pure: the facts come in, the verdict goes
//! out, so `import`, the import screen and `validate` all say the same thing.

use std::cmp::Ordering;

use crate::bundle::Standing;
use crate::i18n::Message;

use super::compare_versions;

/// What a site lets in, from `install = "…"` in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InstallPolicy {
    /// Only courses signed by a publisher this computer trusts.
    Trusted,
    /// Only signed courses, by any key.
    Signed,
    /// Anything that passes its checks; an unsigned course is installed with a warning.
    #[default]
    Any,
}

impl InstallPolicy {
    pub const NAMES: &[&str] = &["trusted", "signed", "any"];

    pub fn named(name: &str) -> Option<InstallPolicy> {
        match name {
            "trusted" => Some(InstallPolicy::Trusted),
            "signed" => Some(InstallPolicy::Signed),
            "any" => Some(InstallPolicy::Any),
            _ => None,
        }
    }
}

/// A bundle, as far as installing it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming<'a> {
    pub version: &'a str,
    pub standing: &'a Standing,
    /// The key that signed it (hex), when signed.
    pub key: Option<&'a str>,
}

/// The copy installed now.
#[derive(Debug, Clone, PartialEq)]
pub struct InPlace {
    pub version: String,
    pub standing: Standing,
    /// The key that signed it (hex), when signed.
    pub key: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Install it. `from` is the version it replaces; `note` says anything a facilitator
    /// should know.
    Install {
        from: Option<String>,
        note: Option<Note>,
    },
    /// Nothing to do: this version is installed.
    Skip(Message),
    Refuse(Message),
}

/// What a facilitator should know about an install that goes ahead.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Nobody vouches for this copy.
    Unsigned,
    /// A trusted publisher's course takes the place of a copy of this standing.
    Replaces(Standing),
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::Unsigned => f.write_str(
                "unsigned: nobody vouches for this copy; a site can accept only signed courses with install = \"signed\"",
            ),
            Note::Replaces(old) => {
                write!(f, "replaces a copy that was {}", standing_words(old))
            }
        }
    }
}

/// A standing as a message's two values: `standing` (`signed`, `unknown` or `unsigned`, which
/// the catalogs put into words) and `signer`, the publisher's name.
pub fn with_standing(m: Message, prefix: &'static str, standing: &Standing) -> Message {
    let (kind, signer) = match standing {
        Standing::SignedBy { name } => ("signed", name.as_str()),
        Standing::UnknownSigner { .. } => ("unknown", ""),
        Standing::Unsigned | Standing::NoManifest => ("unsigned", ""),
    };
    let (standing_key, signer_key) = match prefix {
        "old" => ("old_standing", "old_signer"),
        _ => ("standing", "signer"),
    };
    m.with(standing_key, kind).with(signer_key, signer)
}

/// How a course's trust standing reads in a table or on screen.
pub fn standing_words(standing: &Standing) -> String {
    match standing {
        Standing::SignedBy { name } => format!("signed by {name}"),
        Standing::UnknownSigner { .. } => "signed by an unknown key".to_string(),
        Standing::Unsigned | Standing::NoManifest => "unsigned".to_string(),
    }
}

fn trusted(standing: &Standing) -> bool {
    matches!(standing, Standing::SignedBy { .. })
}

/// Whether installing a bundle of this standing should be confirmed by a person first.
pub fn needs_confirmation(standing: &Standing) -> bool {
    !trusted(standing)
}

/// The verdict on installing `new` where `old` is installed (if it is), under `policy`.
/// `force` lets an older or equal version in, and a copy by another publisher replace a
/// signed one; it never overrides the site's policy.
pub fn decide(
    new: &Incoming<'_>,
    old: Option<&InPlace>,
    policy: InstallPolicy,
    force: bool,
) -> Verdict {
    match policy {
        InstallPolicy::Trusted if !trusted(new.standing) => {
            let m = Message::new("import.refuse_untrusted");
            return Verdict::Refuse(with_standing(m, "new", new.standing));
        }
        InstallPolicy::Signed if new.key.is_none() => {
            return Verdict::Refuse(Message::new("import.refuse_unsigned"));
        }
        _ => {}
    }
    let unsigned_note = new.key.is_none().then_some(Note::Unsigned);
    let Some(old) = old else {
        return Verdict::Install {
            from: None,
            note: unsigned_note,
        };
    };
    // A trusted publisher's course may always take the place of a copy nobody here trusts:
    // otherwise whoever installs first, signed with any key, would own the course id.
    if trusted(new.standing) && !trusted(&old.standing) {
        return Verdict::Install {
            from: Some(old.version.clone()),
            note: Some(Note::Replaces(old.standing.clone())),
        };
    }
    if let Some(old_key) = &old.key
        && new.key != Some(old_key.as_str())
        && !force
    {
        let m = Message::new("import.refuse_other_publisher");
        let m = with_standing(m, "new", new.standing);
        return Verdict::Refuse(with_standing(m, "old", &old.standing));
    }
    match compare_versions(new.version, &old.version) {
        Ordering::Equal if !force => {
            Verdict::Skip(Message::new("import.skip_installed").with("version", &old.version))
        }
        Ordering::Less if !force => Verdict::Refuse(
            Message::new("import.refuse_newer")
                .with("installed", &old.version)
                .with("version", new.version),
        ),
        _ => Verdict::Install {
            from: Some(old.version.clone()),
            note: unsigned_note,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG: &str = "aa";
    const STRANGER: &str = "bb";

    fn by(key: &str) -> Standing {
        if key == ORG {
            Standing::SignedBy { name: "Org".into() }
        } else {
            Standing::UnknownSigner { key: key.into() }
        }
    }

    fn old(version: &str, key: Option<&str>) -> InPlace {
        InPlace {
            version: version.into(),
            standing: key.map_or(Standing::Unsigned, by),
            key: key.map(str::to_string),
        }
    }

    fn verdict(version: &str, key: Option<&str>, installed: Option<InPlace>) -> Verdict {
        let standing = key.map_or(Standing::Unsigned, by);
        let new = Incoming {
            version,
            standing: &standing,
            key,
        };
        decide(&new, installed.as_ref(), InstallPolicy::Any, false)
    }

    #[test]
    fn a_trusted_publisher_takes_back_a_course_id_claimed_by_a_stranger() {
        // A stranger installed a copy of Org's course first, with a high version.
        let claimed = old("9.0.0", Some(STRANGER));
        assert!(matches!(
            verdict("1.1.0", Some(ORG), Some(claimed)),
            Verdict::Install { from: Some(v), note: Some(n) }
                if v == "9.0.0" && n.to_string().contains("signed by an unknown key")
        ));
        // And an unsigned copy just the same.
        assert!(matches!(
            verdict("1.0.0", Some(ORG), Some(old("1.0.0", None))),
            Verdict::Install { .. }
        ));
    }

    #[test]
    fn a_signed_course_is_not_replaced_by_someone_elses_copy() {
        for key in [None, Some(STRANGER)] {
            let v = verdict("2.0.0", key, Some(old("1.0.0", Some(ORG))));
            assert!(
                matches!(&v, Verdict::Refuse(r) if r.to_string().contains("signed by Org") && r.to_string().contains("--force")),
                "{v:?}"
            );
        }
        // The same publisher's next version goes in.
        assert!(matches!(
            verdict("1.1.0", Some(ORG), Some(old("1.0.0", Some(ORG)))),
            Verdict::Install {
                from: Some(_),
                note: None
            }
        ));
    }

    #[test]
    fn a_refusal_is_said_in_the_readers_language() {
        use crate::i18n::Lang;
        let Verdict::Refuse(m) = verdict("2.0.0", None, Some(old("1.0.0", Some(ORG)))) else {
            panic!("refused")
        };
        assert!(
            m.text(Lang::Fr).contains("signée par Org"),
            "{}",
            m.text(Lang::Fr)
        );
        assert!(
            m.text(Lang::Es).contains("sin firmar"),
            "{}",
            m.text(Lang::Es)
        );
        let Verdict::Skip(m) = verdict("1.0.0", None, Some(old("1.0.0", None))) else {
            panic!("skipped")
        };
        assert_eq!(m.text(Lang::Es), "la versión 1.0.0 ya está instalada");
    }

    #[test]
    fn versions_decide_between_copies_of_equal_standing() {
        assert!(matches!(
            verdict("1.0.0", None, Some(old("1.0.0", None))),
            Verdict::Skip(_)
        ));
        assert!(matches!(
            verdict("1.0.0-rc.1", None, Some(old("1.0.0", None))),
            Verdict::Refuse(r) if r.to_string().contains("newer")
        ));
        assert!(matches!(
            verdict("1.0.0", None, None),
            Verdict::Install {
                from: None,
                note: Some(Note::Unsigned)
            }
        ));
    }

    #[test]
    fn the_sites_policy_comes_first_and_force_does_not_override_it() {
        let standing = by(STRANGER);
        let signed_by_stranger = Incoming {
            version: "1.0.0",
            standing: &standing,
            key: Some(STRANGER),
        };
        assert!(matches!(
            decide(&signed_by_stranger, None, InstallPolicy::Trusted, true),
            Verdict::Refuse(r) if r.to_string().contains("install = \"trusted\"")
        ));
        assert!(matches!(
            decide(&signed_by_stranger, None, InstallPolicy::Signed, false),
            Verdict::Install { note: None, .. }
        ));
        let unsigned = Incoming {
            version: "1.0.0",
            standing: &Standing::Unsigned,
            key: None,
        };
        assert!(matches!(
            decide(&unsigned, None, InstallPolicy::Signed, true),
            Verdict::Refuse(r) if r.to_string().contains("install = \"signed\"")
        ));
    }
}
