//! Reads typed fields out of a TOML table while keeping every value's position, so that
//! one pass reports every wrong type, missing key and unknown key, each at its line.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostics;

/// A TOML file being read: its path inside the bundle and its text.
#[derive(Clone, Copy)]
pub struct TomlSource<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl<'a> TomlSource<'a> {
    /// Parses the text; syntax errors go to `diags`, and whatever could be recovered is returned.
    pub fn parse(self, diags: &mut Diagnostics) -> Spanned<DeTable<'a>> {
        let (table, errors) = DeTable::parse_recoverable(self.text);
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            diags.error_at(
                self.file,
                self.text,
                span,
                format!("this is not valid TOML: {}", e.message().trim()),
                Some("check quotes, brackets and `key = value` syntax near this spot".to_string()),
            );
        }
        table
    }
}

/// The fields of one table. Keys are checked against `allowed` when [`Fields::finish`] runs.
pub struct Fields<'t, 'i> {
    src: TomlSource<'t>,
    table: &'t DeTable<'i>,
    span: Range<usize>,
    allowed: &'static [&'static str],
    /// What this table is, for messages: "course.toml", "module 2", "question `q1`".
    what: String,
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn new(
        src: TomlSource<'t>,
        table: &'t Spanned<DeTable<'i>>,
        allowed: &'static [&'static str],
        what: impl Into<String>,
    ) -> Self {
        Self {
            src,
            table: table.get_ref(),
            span: table.span(),
            allowed,
            what: what.into(),
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    pub fn source(&self) -> TomlSource<'t> {
        self.src
    }

    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    /// Whether `key` holds an array of tables (`[[key]]`), as opposed to a plain list.
    pub fn is_table_list(&self, key: &str) -> bool {
        match self.get(key).map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => {
                !items.is_empty()
                    && items
                        .iter()
                        .all(|i| matches!(i.get_ref(), DeValue::Table(_)))
            }
            _ => false,
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn value_span(&self, key: &str) -> Range<usize> {
        self.get(key).map_or(self.span.clone(), |v| v.span())
    }

    fn missing(&self, d: &mut Diagnostics, key: &str, example: &str) {
        let message = format!("{} has no `{key}`", self.what);
        let hint = Some(format!("add a line such as `{key} = {example}`"));
        // A key missing from the file itself has no line to point at.
        if self.span.start == 0 {
            d.file_error(self.src.file, message, hint);
            return;
        }
        d.error_at(
            self.src.file,
            self.src.text,
            self.span.clone(),
            message,
            hint,
        );
    }

    fn wrong_type(&self, d: &mut Diagnostics, key: &str, v: &Spanned<DeValue<'_>>, want: &str) {
        d.error_at(
            self.src.file,
            self.src.text,
            v.span(),
            format!(
                "`{key}` should be {want}, but it is {}",
                describe(v.get_ref())
            ),
            Some(type_hint(key, want)),
        );
    }

    /// A required string; reports it missing with `example` as the suggested value.
    pub fn string(&self, d: &mut Diagnostics, key: &str, example: &str) -> Option<Spanned<String>> {
        match self.get(key) {
            None => {
                self.missing(d, key, example);
                None
            }
            Some(_) => self.opt_string(d, key),
        }
    }

    pub fn opt_string(&self, d: &mut Diagnostics, key: &str) -> Option<Spanned<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(v.span(), s.to_string())),
            _ => {
                self.wrong_type(d, key, v, "text in quotes");
                None
            }
        }
    }

    /// An integer within `range`.
    pub fn opt_int(
        &self,
        d: &mut Diagnostics,
        key: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<Spanned<i64>> {
        let v = self.get(key)?;
        let DeValue::Integer(i) = v.get_ref() else {
            self.wrong_type(d, key, v, "a whole number");
            return None;
        };
        match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if range.contains(&n) => Some(Spanned::new(v.span(), n)),
            _ => {
                d.error_at(
                    self.src.file,
                    self.src.text,
                    v.span(),
                    format!(
                        "`{key}` is out of range: it must be between {} and {}",
                        range.start(),
                        range.end()
                    ),
                    None,
                );
                None
            }
        }
    }

    /// A number (integer or decimal). TOML's `nan`, `inf` and numbers too large for a
    /// computer (`1e400`, read as infinity) are refused here, at their own line: nothing
    /// downstream ever meets a number that is not one.
    pub fn opt_number(&self, d: &mut Diagnostics, key: &str) -> Option<Spanned<f64>> {
        let v = self.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => {
                self.wrong_type(d, key, v, "a number");
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() => Some(Spanned::new(v.span(), n)),
            _ => {
                d.error_at(
                    self.src.file,
                    self.src.text,
                    v.span(),
                    format!("`{key}` is not a number Hatua can use: `nan`, `inf` and numbers this large mean nothing in a course"),
                    Some(format!("write an ordinary number, such as `{key} = 2` or `{key} = 0.5`")),
                );
                None
            }
        }
    }

    /// A number within `range`; one outside it is an error at its own line.
    pub fn opt_number_in(
        &self,
        d: &mut Diagnostics,
        key: &str,
        range: std::ops::RangeInclusive<f64>,
    ) -> Option<Spanned<f64>> {
        let n = self.opt_number(d, key)?;
        if range.contains(n.get_ref()) {
            return Some(n);
        }
        d.error_at(
            self.src.file,
            self.src.text,
            n.span(),
            format!(
                "`{key}` is out of range: it must be between {} and {}",
                range.start(),
                range.end()
            ),
            None,
        );
        None
    }

    pub fn opt_bool(&self, d: &mut Diagnostics, key: &str) -> Option<Spanned<bool>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(v.span(), *b)),
            _ => {
                self.wrong_type(d, key, v, "true or false");
                None
            }
        }
    }

    /// A list of strings; a wrong element is reported and skipped.
    pub fn opt_string_list(&self, d: &mut Diagnostics, key: &str) -> Option<Vec<Spanned<String>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(d, key, v, "a list of texts in brackets");
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(item.span(), s.to_string())),
                _ => self.wrong_type(d, key, item, "a list of texts in brackets"),
            }
        }
        Some(out)
    }

    /// A table (`[key]`) whose keys are names the file chooses (module ids, file paths) and
    /// whose values are texts: each name and value with its span. A value that is not text
    /// is reported and skipped.
    pub fn string_map(
        &self,
        d: &mut Diagnostics,
        key: &str,
    ) -> Option<Vec<(Spanned<String>, Spanned<String>)>> {
        let v = self.get(key)?;
        let DeValue::Table(entries) = v.get_ref() else {
            self.wrong_type(d, key, v, &format!("a table written `[{key}]`"));
            return None;
        };
        let mut out = Vec::new();
        for (name, value) in entries.iter() {
            match value.get_ref() {
                DeValue::String(s) => out.push((
                    Spanned::new(name.span(), name.get_ref().to_string()),
                    Spanned::new(value.span(), s.to_string()),
                )),
                _ => self.wrong_type(d, name.get_ref(), value, "text in quotes"),
            }
        }
        Some(out)
    }

    /// A table (`[key]`) as its own `Fields`.
    pub fn table(
        &self,
        d: &mut Diagnostics,
        key: &str,
        allowed: &'static [&'static str],
        what: impl Into<String>,
    ) -> Option<Fields<'t, 'i>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(Fields {
                src: self.src,
                table: t,
                span: v.span(),
                allowed,
                what: what.into(),
            }),
            _ => {
                self.wrong_type(d, key, v, &format!("a table written `[{key}]`"));
                None
            }
        }
    }

    /// An array of tables (`[[key]]`), each as its own `Fields`.
    pub fn tables(
        &self,
        d: &mut Diagnostics,
        key: &str,
        allowed: &'static [&'static str],
        what: impl Fn(usize) -> String,
    ) -> Option<Vec<Fields<'t, 'i>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(d, key, v, &format!("a list of tables written `[[{key}]]`"));
            return None;
        };
        let mut out = Vec::new();
        for (n, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(t) => out.push(Fields {
                    src: self.src,
                    table: t,
                    span: item.span(),
                    allowed,
                    what: what(n + 1),
                }),
                _ => self.wrong_type(
                    d,
                    key,
                    item,
                    &format!("a list of tables written `[[{key}]]`"),
                ),
            }
        }
        Some(out)
    }

    /// A table of named tables (`[key."name"]`): each name, with its span, and its fields.
    pub fn named_tables(
        &self,
        d: &mut Diagnostics,
        key: &str,
        allowed: &'static [&'static str],
        what: impl Fn(&str) -> String,
    ) -> Option<Vec<(Spanned<String>, Fields<'t, 'i>)>> {
        let v = self.get(key)?;
        let DeValue::Table(entries) = v.get_ref() else {
            self.wrong_type(d, key, v, &format!("tables written `[{key}.\"name\"]`"));
            return None;
        };
        let mut out = Vec::new();
        for (name, item) in entries.iter() {
            let name = Spanned::new(name.span(), name.get_ref().to_string());
            match item.get_ref() {
                DeValue::Table(t) => out.push((
                    name.clone(),
                    Fields {
                        src: self.src,
                        table: t,
                        span: item.span(),
                        allowed,
                        what: what(name.get_ref()),
                    },
                )),
                _ => self.wrong_type(d, name.get_ref(), item, "a table"),
            }
        }
        Some(out)
    }

    /// Names this table in later messages, once its id is known.
    pub fn rename(&mut self, what: impl Into<String>) {
        self.what = what.into();
    }

    pub fn what(&self) -> &str {
        &self.what
    }

    /// Reports every key not in `allowed`, with the nearest allowed key as a hint.
    pub fn finish(self, d: &mut Diagnostics) {
        for (k, _) in self.table.iter() {
            let key = k.get_ref().as_ref();
            if self.allowed.contains(&key) {
                continue;
            }
            let hint = match closest(key, self.allowed) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys allowed here are: {}", self.allowed.join(", ")),
            };
            d.error_at(
                self.src.file,
                self.src.text,
                k.span(),
                format!("unknown key `{key}` in {}", self.what),
                Some(hint),
            );
        }
    }
}

fn describe(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn type_hint(key: &str, want: &str) -> String {
    match want {
        "text in quotes" => format!("put the value in double quotes: `{key} = \"...\"`"),
        "a whole number" => format!("write digits without quotes: `{key} = 20`"),
        "true or false" => format!("write `{key} = true` or `{key} = false`, without quotes"),
        _ => format!("write {want}"),
    }
}

/// The allowed key nearest to a misspelt one, if it is close enough to be a typo.
fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    // A shortened key (`idle_lock` for `idle_lock_minutes`) is as likely as a typo.
    if let Some(longer) = allowed
        .iter()
        .find(|a| key.len() >= 3 && a.starts_with(key))
    {
        return Some(longer);
    }
    allowed
        .iter()
        .map(|a| (edit_distance(key, a), *a))
        .filter(|(dist, a)| *dist <= 2.max(a.len() / 3))
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLOWED: &[&str] = &["id", "title", "minutes", "draft"];

    fn read(text: &str) -> (Diagnostics, Option<Spanned<String>>, Option<Spanned<i64>>) {
        let mut d = Diagnostics::new();
        let src = TomlSource {
            file: "x.toml",
            text,
        };
        let root = src.parse(&mut d);
        let f = Fields::new(src, &root, ALLOWED, "x.toml");
        let id = f.string(&mut d, "id", "\"my-id\"");
        let minutes = f.opt_int(&mut d, "minutes", 0..=1000);
        f.opt_bool(&mut d, "draft");
        f.finish(&mut d);
        (d, id, minutes)
    }

    #[test]
    fn every_problem_in_a_table_is_reported_at_its_line() {
        let (d, id, minutes) = read("titel = \"x\"\nminutes = \"20\"\ndraft = 1\n");
        assert!(id.is_none() && minutes.is_none());
        let all: Vec<String> = d.into_sorted().iter().map(|d| d.headline()).collect();
        assert_eq!(
            all,
            [
                "x.toml: x.toml has no `id`",
                "x.toml:1:1: unknown key `titel` in x.toml",
                "x.toml:2:11: `minutes` should be a whole number, but it is text",
                "x.toml:3:9: `draft` should be true or false, but it is a whole number",
            ]
        );
    }

    #[test]
    fn a_typo_gets_a_did_you_mean_hint() {
        let (d, _, _) = read("id = \"a\"\nminuts = 3\n");
        let all = d.into_sorted();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].hint.as_deref(), Some("did you mean `minutes`?"));
    }

    #[test]
    fn values_out_of_range_are_errors() {
        let (d, _, minutes) = read("id = \"a\"\nminutes = 5000\n");
        assert!(minutes.is_none());
        assert!(d.into_sorted()[0].message.contains("between 0 and 1000"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let (d, _, _) = read("id = \"a\nminutes = 3\n");
        let first = &d.into_sorted()[0];
        assert_eq!(first.line, 1);
        assert!(first.message.starts_with("this is not valid TOML"));
    }
}
