//! Every sentence the player shows, from Project Fluent catalogs (`assets/i18n/*.ftl`):
//! plural forms from CLDR through Fluent's selectors, and numbers written as each language
//! writes them, so translators add a language without touching code.
//!
//! The language is a value, [`Lang`], passed to whoever writes a sentence: the screen being
//! drawn knows its learner's language, nothing is set behind anyone's back.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the player speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
    Es,
}

/// The catalogs, in the order of [`Lang::ALL`].
static SOURCES: &[(&str, &str)] = &[
    ("en", include_str!("../assets/i18n/en.ftl")),
    ("fr", include_str!("../assets/i18n/fr.ftl")),
    ("es", include_str!("../assets/i18n/es.ftl")),
];

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

    /// The BCP 47 code: `en`, `fr`, `es`.
    pub fn code(self) -> &'static str {
        SOURCES[self as usize].0
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language the system's locale asks for: GNU's `LANGUAGE` list first, then the
    /// first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set; `None` when it names none of
    /// ours, or is the "C" locale.
    pub fn from_env() -> Option<Lang> {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] with the variables from `var`.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(set);
        // As gettext does: the "C" locale means untranslated, whatever LANGUAGE says.
        if locale
            .as_deref()
            .is_some_and(|l| l == "C" || l == "POSIX" || l.starts_with("C."))
        {
            return None;
        }
        let listed = set("LANGUAGE").unwrap_or_default();
        listed
            .split(':')
            .map(str::to_string)
            .chain(locale)
            .find_map(|l| {
                // `fr_FR.UTF-8@euro` → `fr`
                let code = l.split(['_', '.', '@', '-']).next().unwrap_or("");
                Lang::from_code(&code.to_ascii_lowercase())
            })
    }

    /// A course's language (`fr`, `pt`) named in this language: "French", "français".
    pub fn language_name(self, code: &str) -> String {
        self.tf("outline.language_name", &[("code", code.into())])
    }

    /// The language by its own name: a learner looks for the one she reads.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
        }
    }

    /// The message `key` (`section.name`, as the code writes it).
    pub fn t(self, key: &str) -> String {
        self.tf(key, &[])
    }

    /// The message `key` with its variables filled in. A message missing from this
    /// language's catalog comes from English; one missing from English shows its key, so a
    /// gap shows rather than panics.
    pub fn tf(self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let id = key.replace('.', "-");
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.to_fluent(self));
        }
        for lang in [self, Lang::En] {
            let bundle = &bundles()[lang as usize];
            if let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors)
                    .into_owned();
            }
        }
        key.to_string()
    }

    /// A number as this language writes it: `0.8` in English, `0,8` in French and Spanish;
    /// whole numbers without decimals, others with at most two.
    pub fn number(self, n: f64) -> String {
        let rounded = (n * 100.0).round() / 100.0;
        let text = if rounded.fract() == 0.0 {
            format!("{rounded:.0}")
        } else {
            format!("{rounded}")
        };
        match self {
            Lang::En => text,
            Lang::Fr | Lang::Es => text.replace('.', ","),
        }
    }
}

/// A sentence to show people, by its catalog key and the values it names: made where
/// something happens (an import refused, a store error), put into words where it is shown,
/// in the reader's language. Displayed with `{}` it is English, for the command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Message {
        self.args.push((name, value.to_string()));
        self
    }

    /// The sentence, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, Arg::from(v.as_str())))
            .collect();
        lang.tf(self.key, &args)
    }

    /// Something the catalog has no sentence for: shown as it is, after a sentence that
    /// says what to do.
    pub fn other(detail: impl ToString) -> Message {
        Message::new("error.other").with("detail", detail)
    }
}

#[cfg(test)]
impl Message {
    /// For tests of errors turned into messages: in English the message reads exactly as
    /// `english` (what the command line prints), and in French and Spanish it does not.
    pub fn assert_worded_as(&self, english: &str) {
        assert_eq!(self.text(Lang::En), english);
        for lang in [Lang::Fr, Lang::Es] {
            assert_ne!(self.text(lang), english, "{lang:?} says it in English");
        }
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A value for a message's variable.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    /// A count: it chooses plural forms.
    Count(i64),
    /// A decimal, written as the language writes numbers.
    Decimal(f64),
}

impl Arg<'_> {
    fn to_fluent(&self, lang: Lang) -> FluentValue<'static> {
        match self {
            Arg::Text(t) => FluentValue::from(t.to_string()),
            Arg::Count(n) => FluentValue::from(*n),
            // A whole number stays a number, so it chooses plural forms ("1 point"); a
            // fraction is written the language's way ("0,5"), which Fluent would not do.
            Arg::Decimal(d) if d.fract() == 0.0 && d.abs() < 1e15 => FluentValue::from(*d as i64),
            Arg::Decimal(d) => FluentValue::from(lang.number(*d)),
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

macro_rules! counts {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
counts!(usize, u64, u32, u16, u8, i64, i32);

impl From<f64> for Arg<'_> {
    fn from(n: f64) -> Self {
        Arg::Decimal(n)
    }
}

fn bundles() -> &'static [FluentBundle<FluentResource>] {
    static BUNDLES: OnceLock<Vec<FluentBundle<FluentResource>>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(code, text)| {
                let lang = code.parse().expect("a language code");
                let mut bundle = FluentBundle::new_concurrent(vec![lang]);
                // Fluent wraps variables in bidi isolation marks by default; the terminal
                // would show them, and Hatua strips bidi controls from everything anyway.
                bundle.set_use_isolating(false);
                let resource = FluentResource::try_new(text.to_string())
                    .unwrap_or_else(|(partial, _)| partial);
                // A message defined twice keeps its first form; the catalog test catches it.
                let _ = bundle.add_resource(resource);
                bundle
            })
            .collect()
    })
}

/// The message ids of a catalog and the variables each uses, for the catalog tests.
pub fn catalog_messages(lang: Lang) -> Vec<(String, Vec<String>)> {
    use fluent_syntax::ast;
    let text = SOURCES[lang as usize].1;
    let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(partial, _)| partial);
    let mut out = Vec::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = Vec::new();
            if let Some(p) = &m.value {
                pattern_variables(p, &mut vars);
            }
            vars.sort();
            vars.dedup();
            out.push((m.id.name.to_string(), vars));
        }
    }
    out
}

fn pattern_variables(p: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
        if let InlineExpression::VariableReference { id } = e {
            out.push(id.name.to_string());
        }
    }
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            match expression {
                Expression::Inline(e) => inline(e, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        pattern_variables(&v.value, out);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
