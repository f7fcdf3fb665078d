//! xAPI 1.0.3 statements from a site's records: lessons completed, attempts started,
//! questions answered (as `cmi.interaction`s), quizzes passed or failed, courses completed.
//! docs/xapi.md is the reference for every field.
//!
//! A statement's id is a UUIDv5 of the kind and id of the record it tells, so the same
//! record always gives the same statement, and a Learning Record Store that has it already
//! keeps one.

mod interaction;

use std::collections::HashMap;

use serde_json::{Value, json};

pub use interaction::response_text;

use crate::course::{Course, ItemKind};
use crate::library::Library;
use crate::quiz::Question;
use crate::quiz::grade::Response;
use crate::store::ItemStatus;
use crate::store::harvest::{AnswerRow, AttemptRow, CompletionRow, Harvest};

/// The namespace of statement ids (a UUIDv4 made once for Hatua): `uuid5(NS, kind:id)`.
pub const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6b1d_58a5_0c9e_4f3d_9a71_2c84_e0b3_f6a2);

/// Where Hatua's own IRIs live. `.invalid` is reserved: these name things, never pages.
pub const IRI_BASE: &str = "https://hatua.invalid";

/// Context extensions: the site, the course's version, the program that wrote it.
pub const EXT_SITE: &str = "https://hatua.invalid/xapi/extensions/site";
pub const EXT_COURSE_VERSION: &str = "https://hatua.invalid/xapi/extensions/course-version";
pub const EXT_TOOL: &str = "https://hatua.invalid/xapi/extensions/tool";

const ADL: &str = "http://adlnet.gov/expapi/verbs/";
const ACTIVITY: &str = "http://adlnet.gov/expapi/activities/";

/// The statement id of a record: `kind` is `completion`, `attempt`, `answer`, `result` or
/// `course-completed`; `id` the record's own id.
pub fn statement_id(kind: &str, id: &str) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, format!("{kind}:{id}").as_bytes()).to_string()
}

pub fn course_iri(course_id: &str) -> String {
    format!("{IRI_BASE}/courses/{course_id}")
}

pub fn item_iri(course_id: &str, item_id: &str, quiz: bool) -> String {
    let kind = if quiz { "quizzes" } else { "lessons" };
    format!("{}/{kind}/{item_id}", course_iri(course_id))
}

pub fn question_iri(course_id: &str, quiz_id: &str, question_id: &str) -> String {
    format!(
        "{}/questions/{question_id}",
        item_iri(course_id, quiz_id, true)
    )
}

/// What the statements of one course need, looked up once rather than per statement.
struct CourseFacts<'a> {
    course: &'a Course,
    /// Item id → (title, is a quiz).
    items: HashMap<&'a str, (&'a str, bool)>,
    /// (quiz id, question id) → the question.
    questions: HashMap<(&'a str, &'a str), &'a Question>,
}

/// Writes the statements of one export. An activity's definition (its name, a question's
/// options and right answers) goes with the first statement about it in the file; the
/// rest name it by its id, as a Learning Record Store keeps one definition per activity.
pub struct Writer<'a> {
    site_id: &'a str,
    home_page: String,
    /// Learner id → name, when the facilitator chose to send names.
    names: Option<HashMap<&'a str, &'a str>>,
    courses: HashMap<&'a str, CourseFacts<'a>>,
    defined: std::collections::HashSet<String>,
    tool: String,
}

impl<'a> Writer<'a> {
    pub fn new(
        site_id: &'a str,
        home_page: String,
        library: &'a Library,
        names: Option<HashMap<&'a str, &'a str>>,
    ) -> Writer<'a> {
        let courses = library
            .ready()
            .map(|c| {
                let course = c.as_ref();
                let mut items = HashMap::new();
                let mut questions = HashMap::new();
                for i in course.items() {
                    let quiz = matches!(i.kind, ItemKind::Quiz(_));
                    items.insert(i.id.as_str(), (i.title.as_str(), quiz));
                    if let ItemKind::Quiz(q) = &i.kind {
                        for question in &q.questions {
                            questions.insert((i.id.as_str(), question.id.as_str()), question);
                        }
                    }
                }
                (
                    course.id.as_str(),
                    CourseFacts {
                        course,
                        items,
                        questions,
                    },
                )
            })
            .collect();
        Writer {
            site_id,
            home_page,
            names,
            courses,
            defined: std::collections::HashSet::new(),
            tool: format!("hatua {}", env!("CARGO_PKG_VERSION")),
        }
    }

    fn actor(&self, learner: &str) -> Value {
        let mut actor = json!({
            "objectType": "Agent",
            "account": { "homePage": self.home_page, "name": learner },
        });
        if let Some(name) = self.names.as_ref().and_then(|n| n.get(learner)) {
            actor["name"] = json!(name);
        }
        actor
    }

    fn course(&self, id: &str) -> Option<&CourseFacts<'a>> {
        self.courses.get(id)
    }

    fn lang(&self, course_id: &str) -> &str {
        self.course(course_id)
            .map_or("und", |c| c.course.language.as_str())
    }

    /// Whether `iri` still needs its definition in this file (and notes that it has one).
    fn first_time(&mut self, iri: &str) -> bool {
        !self.defined.contains(iri) && self.defined.insert(iri.to_string())
    }

    fn context(&self, course_id: &str, version: Option<&str>, registration: Option<&str>) -> Value {
        let mut extensions = serde_json::Map::new();
        extensions.insert(EXT_SITE.into(), json!(self.site_id));
        extensions.insert(EXT_TOOL.into(), json!(self.tool));
        let course = self.course(course_id).map(|c| c.course);
        if let Some(v) = version.or(course.map(|c| c.version.as_str())) {
            extensions.insert(EXT_COURSE_VERSION.into(), json!(v));
        }
        let mut context = json!({
            "platform": "Hatua",
            "contextActivities": { "grouping": [reference(&course_iri(course_id))] },
            "extensions": extensions,
        });
        if let Some(c) = course {
            context["language"] = json!(c.language);
        }
        if let Some(r) = registration {
            context["registration"] = json!(r);
        }
        context
    }

    fn course_activity(&mut self, course_id: &str) -> Value {
        let iri = course_iri(course_id);
        let mut a = reference(&iri);
        if self.first_time(&iri) {
            let mut d = json!({ "type": format!("{ACTIVITY}course") });
            if let Some(c) = self.course(course_id) {
                d["name"] = json!({ self.lang(course_id): c.course.title });
            }
            a["definition"] = d;
        }
        a
    }

    fn item_activity(&mut self, course_id: &str, item_id: &str, quiz: bool) -> Value {
        let iri = item_iri(course_id, item_id, quiz);
        let mut a = reference(&iri);
        if self.first_time(&iri) {
            let kind = if quiz { "assessment" } else { "lesson" };
            let mut d = json!({ "type": format!("{ACTIVITY}{kind}") });
            if let Some((title, _)) = self.course(course_id).and_then(|c| c.items.get(item_id)) {
                d["name"] = json!({ self.lang(course_id): title });
            }
            a["definition"] = d;
        }
        a
    }

    /// A lesson read to its end.
    pub fn completion(&mut self, r: &CompletionRow) -> Option<Value> {
        // A quiz's pass or fail is told by its attempt's result.
        if r.status != ItemStatus::Done {
            return None;
        }
        Some(json!({
            "id": statement_id("completion", &r.id),
            "actor": self.actor(&r.learner_id),
            "verb": verb("completed"),
            "object": self.item_activity(&r.course_id, &r.item_id, false),
            "result": { "completion": true },
            "context": self.context(&r.course_id, None, None),
            "timestamp": r.recorded_at,
        }))
    }

    /// An attempt started.
    pub fn attempt(&mut self, a: &AttemptRow) -> Value {
        json!({
            "id": statement_id("attempt", &a.id),
            "actor": self.actor(&a.learner_id),
            "verb": verb("attempted"),
            "object": self.item_activity(&a.course_id, &a.quiz_id, true),
            "context": self.context(&a.course_id, Some(&a.course_version), Some(&a.id)),
            "timestamp": a.started_at,
        })
    }

    /// A finished attempt's result: passed or failed, with the score.
    pub fn result(&mut self, a: &AttemptRow) -> Option<Value> {
        let r = a.result.as_ref()?;
        Some(json!({
            "id": statement_id("result", &a.id),
            "actor": self.actor(&a.learner_id),
            "verb": verb(if r.passed { "passed" } else { "failed" }),
            "object": self.item_activity(&a.course_id, &a.quiz_id, true),
            "result": {
                "score": score(r.score, r.max_score),
                "success": r.passed,
                "completion": true,
            },
            "context": self.context(&a.course_id, Some(&a.course_version), Some(&a.id)),
            "timestamp": r.finished_at,
        }))
    }

    /// A question answered, as a `cmi.interaction` (with its right answers, the first time).
    pub fn answer(&mut self, s: &AnswerRow, version: Option<&str>) -> Value {
        let iri = question_iri(&s.course_id, &s.quiz_id, &s.question_id);
        let response = Response::from_record(&s.response);
        let mut object = reference(&iri);
        if self.first_time(&iri) {
            let question = self
                .course(&s.course_id)
                .and_then(|c| {
                    c.questions
                        .get(&(s.quiz_id.as_str(), s.question_id.as_str()))
                })
                .copied();
            let d = interaction::definition(question, response.as_ref(), self.lang(&s.course_id));
            if d.as_object().is_some_and(|d| !d.is_empty()) {
                object["definition"] = d;
            }
        }
        let mut result = json!({
            "score": score(s.score, s.max_score),
            "success": s.correct,
            "completion": true,
        });
        if let Some(r) = &response {
            result["response"] = json!(response_text(r));
        }
        let mut context = self.context(&s.course_id, version, Some(&s.attempt_id));
        context["contextActivities"]["parent"] =
            json!([reference(&item_iri(&s.course_id, &s.quiz_id, true))]);
        json!({
            "id": statement_id("answer", &s.id),
            "actor": self.actor(&s.learner_id),
            "verb": verb("answered"),
            "object": object,
            "result": result,
            "context": context,
            "timestamp": s.answered_at,
        })
    }

    /// A course completed under its own rule, at the time the last required item was done.
    pub fn course_completed(&mut self, learner: &str, course_id: &str, at: &str) -> Value {
        json!({
            "id": statement_id("course-completed", &format!("{learner}:{course_id}")),
            "actor": self.actor(learner),
            "verb": verb("completed"),
            "object": self.course_activity(course_id),
            "result": { "completion": true },
            "context": self.context(course_id, None, None),
            "timestamp": at,
        })
    }
}

/// An activity named by its id alone.
fn reference(iri: &str) -> Value {
    json!({ "objectType": "Activity", "id": iri })
}

fn verb(name: &str) -> Value {
    json!({ "id": format!("{ADL}{name}"), "display": { "en-US": name } })
}

/// A score as xAPI wants it: raw, its range, and scaled 0–1.
fn score(raw: f64, max: f64) -> Value {
    let scaled = if max > 0.0 {
        (raw / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    json!({ "raw": raw, "min": 0.0, "max": max.max(raw), "scaled": scaled })
}

/// Hands every statement an export holds to `out`, one at a time (two hundred thousand
/// answers are never all in memory as JSON): lessons, attempts, answers, results, and
/// courses completed (`completed` gives, per learner and course, when the course became
/// complete). Returns how many there were.
pub fn each_statement<E>(
    w: &mut Writer,
    h: &Harvest,
    completed: &[(String, String, String)],
    mut out: impl FnMut(&Value) -> Result<(), E>,
) -> Result<usize, E> {
    let versions: HashMap<&str, &str> = h
        .attempts
        .iter()
        .map(|a| (a.id.as_str(), a.course_version.as_str()))
        .collect();
    let mut n = 0;
    let mut put = |v: Value| {
        n += 1;
        out(&v)
    };
    for c in &h.completions {
        if let Some(v) = w.completion(c) {
            put(v)?;
        }
    }
    for a in &h.attempts {
        put(w.attempt(a))?;
    }
    for s in &h.answers {
        put(w.answer(s, versions.get(s.attempt_id.as_str()).copied()))?;
    }
    for a in &h.attempts {
        if let Some(v) = w.result(a) {
            put(v)?;
        }
    }
    for (learner, course, at) in completed {
        put(w.course_completed(learner, course, at))?;
    }
    Ok(n)
}
