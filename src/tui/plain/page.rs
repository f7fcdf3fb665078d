//! Each screen as lines of text: what it says, its choices numbered, and what to type.

use super::super::app::App;
use super::super::outline::status_label;
use super::super::picker::Row;
use super::super::screen::{Cx, Screen};

/// How the answer is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Line,
    /// Not echoed: a PIN.
    Secret,
}

/// A screen written as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Which screen: its heading is written when another screen was on show before.
    pub screen: String,
    /// Which screen and what on it: a page with another key is written whole; the same
    /// key grown longer is written from where it stopped.
    pub key: String,
    /// Written only when the screen is new: "Who is learning?", a lesson's title.
    pub heading: Vec<String>,
    pub lines: Vec<String>,
    /// The first line worth writing when the page is new (a lesson opened half way).
    pub from: usize,
    /// What to type, in words.
    pub prompt: String,
    pub input: Input,
    /// The line is text (a name, a PIN, an answer): `?` is not help there.
    pub typing: bool,
}

impl Page {
    pub(super) fn new(key: impl Into<String>, lines: Vec<String>, prompt: String) -> Page {
        let key = key.into();
        Page {
            screen: key.clone(),
            key,
            heading: Vec::new(),
            lines,
            from: 0,
            prompt,
            input: Input::Line,
            typing: false,
        }
    }

    pub(super) fn typed(mut self) -> Page {
        self.typing = true;
        self
    }
}

/// The screen on show, as text.
pub fn of(app: &App) -> Page {
    app.with_cx(|cx| match &app.screen {
        Screen::Picker(p) => picker(cx, p),
        Screen::NewLearner(n) => {
            let again = n.focus == 1;
            let mut lines = vec![
                cx.tf("signin.new_title", &[("name", n.name.as_str().into())]),
                cx.t("signin.new_pin_intro"),
            ];
            lines.extend(n.message.as_ref().map(|m| m.text(cx.lang)));
            let prompt = cx.t(if again {
                "plain.pin_again"
            } else {
                "plain.pin_new"
            });
            let mut page = Page::new(format!("new:{}:{again}", n.name), lines, prompt).typed();
            page.input = Input::Secret;
            page
        }
        Screen::Pin(p) => {
            let mut lines = vec![cx.tf(
                "signin.pin_title",
                &[("name", p.learner.name.as_str().into())],
            )];
            if let Some(secs) = p
                .paused_until
                .and_then(|until| super::super::widgets::seconds_until(until, cx.now))
            {
                let time = super::super::widgets::pause_words(cx.lang, secs);
                lines.push(cx.tf("signin.paused", &[("time", time.into())]));
            } else if let Some(left) = p.tries_left {
                lines.push(cx.tf("signin.wrong_pin", &[("left", left.into())]));
            }
            // A PIN of pictures is typed as their places on the grid, named here.
            if p.pictures.is_some() {
                let grid = crate::pictures::Symbol::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{} {}", i + 1, cx.t(symbol_name(*s))))
                    .collect::<Vec<_>>()
                    .join(", ");
                lines.push(cx.tf("plain.picture_pin", &[("grid", grid.into())]));
            }
            // Each wrong PIN is a new page: its words are written again.
            let key = format!(
                "pin:{:?}:{:?}:{:?}",
                p.learner.id, p.tries_left, p.paused_until
            );
            let mut page = Page::new(key, lines, cx.t("plain.pin_prompt")).typed();
            page.input = Input::Secret;
            page
        }
        Screen::Library(_) => courses(cx),
        Screen::Outline(o) => outline(cx, o),
        Screen::Lesson(l) => lesson(cx, l),
        Screen::Quiz(q) => super::quiz_page::quiz(cx, q),
        Screen::Review(r) => super::quiz_page::review(cx, r),
        other => {
            let title = other.component().title(cx).unwrap_or_default();
            Page::new(
                format!("other:{title}"),
                vec![title, cx.t("plain.not_here")],
                cx.t("plain.enter"),
            )
        }
    })
}

/// What each kind of line does here, said when the learner types `?`.
pub fn help(app: &App) -> Vec<String> {
    app.lang
        .t("plain.help")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The catalog key of a picture's name.
fn symbol_name(symbol: crate::pictures::Symbol) -> &'static str {
    use crate::pictures::Symbol;
    match symbol {
        Symbol::Sun => "plain.sun",
        Symbol::Tree => "plain.tree",
        Symbol::House => "plain.house",
        Symbol::Fish => "plain.fish",
        Symbol::Star => "plain.star",
        Symbol::Cup => "plain.cup",
        Symbol::Key => "plain.key",
        Symbol::Bird => "plain.bird",
        Symbol::Flower => "plain.flower",
    }
}

pub(super) fn numbered(n: usize, text: &str) -> String {
    format!("{n}. {text}")
}

fn picker(cx: &Cx, p: &super::super::picker::Picker) -> Page {
    let languages = crate::i18n::Lang::ALL
        .iter()
        .map(|l| l.own_name())
        .collect::<Vec<_>>()
        .join(", ");
    let heading = vec![
        cx.t("picker.title"),
        cx.tf("plain.languages", &[("list", languages.into())]),
    ];
    if p.asking_quit {
        let mut page = Page::new(
            "picker:quit",
            vec![cx.t("picker.quit_question")],
            cx.t("plain.enter"),
        );
        page.screen = "picker".into();
        page.heading = heading;
        return page;
    }
    let mut lines = Vec::new();
    let rows = p.rows(cx.learners);
    if rows.is_empty() {
        lines.push(cx.t("picker.empty"));
    }
    for (i, row) in rows.iter().enumerate() {
        lines.push(match row {
            Row::Existing(l) => {
                let note = match cx.locks.get(&l.id) {
                    Some(secs) => {
                        let time = super::super::widgets::pause_words(cx.lang, *secs);
                        format!(" {}", cx.tf("picker.paused", &[("time", time.into())]))
                    }
                    None if l.has_pin => format!(" {}", cx.t("picker.has_pin")),
                    None => String::new(),
                };
                numbered(i + 1, &format!("{}{note}", l.name))
            }
            Row::Create(name) => numbered(i + 1, &cx.tf("plain.create", &[("name", name.into())])),
        });
    }
    let key = format!("picker:{}:{}", p.filter.text, cx.learners.len());
    let mut page = Page::new(key, lines, cx.t("plain.name_prompt")).typed();
    page.screen = "picker".into();
    page.heading = heading;
    page
}

fn courses(cx: &Cx) -> Page {
    let mut lines = vec![cx.t("library.title")];
    let mut n = 0;
    if let Some(title) = &cx.continue_label {
        n += 1;
        lines.push(numbered(
            n,
            &cx.tf("library.continue_to", &[("title", title.into())]),
        ));
    }
    if cx.library.entries.is_empty() {
        lines.push(cx.t("library.empty"));
    }
    for entry in &cx.library.entries {
        n += 1;
        let words = match entry.course() {
            Some(course) => {
                let done = (cx.course_progress(course).fraction() * 100.0).round() as u32;
                let progress = cx.tf("plain.course_done", &[("percent", done.into())]);
                format!("{}. {progress}", course.title)
            }
            None => format!("{} ({})", entry.title(), cx.t("plain.unavailable")),
        };
        lines.push(numbered(n, &words));
    }
    Page::new("courses", lines, cx.t("plain.course_prompt"))
}

fn outline(cx: &Cx, o: &super::super::outline::Outline) -> Page {
    let course = &o.course;
    let progress = cx.course_progress(course);
    let done = (progress.fraction() * 100.0).round() as u32;
    let mut lines = vec![
        course.title.clone(),
        cx.tf("plain.course_done", &[("percent", done.into())]),
    ];
    for (i, item) in course.items().enumerate() {
        let status = cx.status(&course.id, &item.id);
        let kind = cx.t(if item.is_quiz() {
            "outline.quiz"
        } else {
            "outline.lesson"
        });
        let mut words = status_label(cx.lang, status).1;
        if o.updated_since_read(cx, &item.id) {
            words = cx.t("status.updated");
        }
        lines.push(numbered(i + 1, &format!("{}: {kind}, {words}", item.title)));
    }
    let prompt = if progress.complete() {
        cx.t("plain.item_prompt_certificate")
    } else {
        cx.t("plain.item_prompt")
    };
    Page::new(format!("outline:{}", course.id), lines, prompt)
}

fn lesson(cx: &Cx, l: &super::super::lesson::Lesson) -> Page {
    let all: Vec<String> = l.lines().iter().map(ToString::to_string).collect();
    let end = (l.scroll + l.height() as usize).min(all.len());
    let start = l.scroll.min(end);
    // The rules drawn under headings are read aloud as a row of symbols: left out.
    let words = |lines: &[String]| -> Vec<String> {
        lines.iter().filter(|t| !is_rule(t)).cloned().collect()
    };
    let lines = words(&all[..end]);
    let prompt = cx.t(if l.at_end() {
        "plain.lesson_end"
    } else {
        "plain.lesson_more"
    });
    let mut page = Page::new(format!("lesson:{}:{}", l.course.id, l.index), lines, prompt);
    // The title, unless the lesson's own first line says it.
    if all.first().map(|t| t.trim()) != Some(l.title().trim()) || start > 0 {
        page.heading = vec![l.title().to_string()];
    }
    // Opened where the learner stopped: from that page on.
    page.from = words(&all[..start]).len();
    page
}

/// A line drawn only to underline or divide: `═══`, `───`.
fn is_rule(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line
            .chars()
            .all(|c| matches!(c, '─' | '═' | '━' | '-' | '=' | '_'))
}

/// Lines as the text they show, without what only a screen of cells needs: trailing spaces.
pub(super) fn text(lines: Vec<ratatui::text::Line<'_>>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| l.to_string().trim_end().to_string())
        .collect()
}
