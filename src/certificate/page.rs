//! The certificate as people see it: a page that prints on one A4 sheet, in the learner's
//! language, with the site, the course's publisher, the short code and the signed statement
//! with its QR code; and a plain-text copy of the same.

use qrcode::QrCode;
use qrcode::render::svg;

use crate::i18n::Lang;
use crate::store::CertificateRecord;

/// What a certificate's page shows besides its record.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub record: &'a CertificateRecord,
    pub site: &'a str,
    /// Who stands behind the course, in words.
    pub publisher: &'a str,
    /// The signed statement (`signed::sign`).
    pub signed: &'a str,
    pub lang: Lang,
}

impl Page<'_> {
    fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    fn details(&self) -> String {
        let r = self.record;
        details(
            self.lang,
            &r.course_version,
            &r.issued_on,
            r.score,
            self.site,
        )
    }

    fn publisher_line(&self) -> String {
        self.lang.tf(
            "certificate.publisher",
            &[("publisher", self.publisher.into())],
        )
    }

    fn code_line(&self) -> String {
        self.lang.tf(
            "certificate.code",
            &[("code", self.record.code.as_str().into())],
        )
    }

    fn check_line(&self) -> String {
        self.lang.tf(
            "certificate.check",
            &[("code", self.record.code.as_str().into())],
        )
    }
}

/// The line under the course's title: version, date, score and site.
pub fn details(lang: Lang, version: &str, date: &str, score: u32, site: &str) -> String {
    lang.tf(
        "certificate.details",
        &[
            ("version", version.into()),
            ("date", date.into()),
            ("score", score.into()),
            ("site", site.into()),
        ],
    )
}

/// The facts a page or a text copy shows people, as written on it: what must agree with
/// its signed statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub name: String,
    pub course: String,
    /// The details line (`details`).
    pub details: String,
}

/// The facts shown on a certificate's page (HTML) or text copy, if it has the shape of one.
pub fn shown(file: &str) -> Option<Shown> {
    if file.trim_start().starts_with("<!DOCTYPE html") {
        let inner = |class: &str| -> Option<String> {
            let open = format!(r#"<p class="{class}">"#);
            let start = file.find(&open)? + open.len();
            let end = start + file[start..].find("</p>")?;
            Some(unescape(&file[start..end]))
        };
        return Some(Shown {
            name: inner("name")?,
            course: inner("course")?,
            details: inner("details")?,
        });
    }
    // The text copy: the name and the course are the two indented lines; the details are
    // the next line with words on it.
    let lines: Vec<&str> = file.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut indented = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("    "));
    let (_, name) = indented.next()?;
    let (at, course) = indented.next()?;
    let details = lines[at + 1..].iter().find(|l| !l.trim().is_empty())?;
    Some(Shown {
        name: name.trim().to_string(),
        course: course.trim().to_string(),
        details: details.trim().to_string(),
    })
}

/// The plain-text copy: readable in any editor, printable on any printer, and checkable
/// with `hatua certificate verify` (the signed statement is its last line).
pub fn text(p: &Page) -> String {
    let r = p.record;
    format!(
        "{}\n\n{}\n\n    {}\n\n{}\n\n    {}\n\n{}\n{}\n\n{}\n{}\n\n{}:\n{}\n",
        p.t("certificate.title").to_uppercase(),
        p.t("certificate.certifies"),
        r.learner_name,
        p.t("certificate.completed"),
        r.course_title,
        p.details(),
        p.publisher_line(),
        p.code_line(),
        p.check_line(),
        p.t("certificate.signed"),
        p.signed,
    )
}

/// The QR code of the signed statement, as SVG.
pub fn qr_svg(signed: &str) -> String {
    match QrCode::new(signed.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(180, 180)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// A printable page on one A4 sheet; every fact is escaped, since names and titles are
/// text from people.
pub fn html(p: &Page) -> String {
    let e = escape;
    let r = p.record;
    // The signed statement is long and unbroken: it wraps anywhere, in small type.
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}: {course}</title>
<style>
  @page {{ size: A4; margin: 12mm; }}
  html, body {{ margin: 0; }}
  body {{ font-family: Georgia, serif; }}
  .page {{ border: 5px double #333; padding: 12mm 14mm; text-align: center;
           box-sizing: border-box; height: 268mm; }}
  h1 {{ font-size: 26pt; letter-spacing: .08em; margin: 0 0 10mm; }}
  .name {{ font-size: 22pt; margin: 3mm 0; }}
  .course {{ font-size: 17pt; margin: 3mm 0; }}
  p {{ margin: 2mm 0; font-size: 12pt; }}
  .code {{ font-family: monospace; font-size: 14pt; margin-top: 8mm; }}
  .qr svg {{ width: 62mm; height: 62mm; }}
  .signed {{ font-family: monospace; font-size: 6.5pt; word-break: break-all;
             text-align: left; margin: 2mm 8mm; color: #333; }}
  small {{ font-size: 9pt; }}
</style>
</head>
<body>
<div class="page">
  <h1>{title}</h1>
  <p>{certifies}</p>
  <p class="name">{name}</p>
  <p>{completed}</p>
  <p class="course">{course}</p>
  <p class="details">{details}</p>
  <p>{publisher}</p>
  <p class="code">{code}</p>
  <div class="qr">{qr}</div>
  <p><small>{check}</small></p>
  <p><small>{signed_label}:</small></p>
  <p class="signed">{signed}</p>
</div>
</body>
</html>
"#,
        lang = p.lang.code(),
        title = e(&p.t("certificate.title")),
        certifies = e(&p.t("certificate.certifies")),
        name = e(&r.learner_name),
        completed = e(&p.t("certificate.completed")),
        course = e(&r.course_title),
        details = e(&p.details()),
        publisher = e(&p.publisher_line()),
        code = e(&p.code_line()),
        qr = qr_svg(p.signed).replace("<?xml version=\"1.0\" standalone=\"yes\"?>", ""),
        check = e(&p.check_line()),
        signed_label = e(&p.t("certificate.signed")),
        signed = e(p.signed),
    )
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> CertificateRecord {
        CertificateRecord {
            code: "AAAA-BBBB-CCCC".into(),
            learner_id: crate::store::LearnerId("x".into()),
            learner_name: "<script>alert(1)</script>".into(),
            course_id: "c".into(),
            course_title: "Rights & duties".into(),
            course_version: "1.0.0".into(),
            score: 90,
            issued_on: "2026-11-28".into(),
        }
    }

    #[test]
    fn names_are_escaped_and_the_page_speaks_the_learners_language() {
        let r = record();
        let page = Page {
            record: &r,
            site: "Kisumu <centre>",
            publisher: "UN Women",
            signed: "HATUA1.abc.def.ghi",
            lang: Lang::En,
        };
        let html = html(&page);
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        assert!(html.contains("Rights &amp; duties"));
        assert!(html.contains("Kisumu &lt;centre&gt;"), "the site, escaped");
        assert!(html.contains("<svg"), "a QR code");
        let text = text(&page);
        assert!(text.contains("AAAA-BBBB-CCCC") && text.ends_with("HATUA1.abc.def.ghi\n"));
        let french = super::html(&Page {
            lang: Lang::Fr,
            ..page
        });
        assert!(french.contains(r#"<html lang="fr">"#) && french.contains("Attestation"));
        // What the page and the text copy show, read back as written.
        let want = Shown {
            name: r.learner_name.clone(),
            course: r.course_title.clone(),
            details: details(Lang::Fr, "1.0.0", "2026-11-28", 90, "Kisumu <centre>"),
        };
        assert_eq!(shown(&french), Some(want.clone()));
        let french_text = super::text(&Page {
            lang: Lang::Fr,
            ..page
        });
        assert_eq!(shown(&french_text), Some(want));
        assert_eq!(shown("just some words"), None);
    }
}
