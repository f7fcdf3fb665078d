//! Reports as people and tools read them: aligned tables with small bar charts, CSV for a
//! spreadsheet, JSON for anything else.

use std::fmt::Write as _;

use serde::Serialize;

use super::{LearnerReport, QuestionReport, Report};

/// Everything `hatua report` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Full {
    pub scope: String,
    pub report: Report,
    /// Per quiz id (`course/quiz`), its questions.
    pub questions: Vec<(String, Vec<QuestionReport>)>,
    pub learners: Vec<LearnerReport>,
}

/// A share (0–1) as a whole percent: a rate.
pub fn percent(f: f64) -> String {
    format!("{:.0}%", f * 100.0)
}

/// A score in percent as the learner's own result screen shows it: rounded down
/// (`quiz::percent`), so 7 of 9 points reads 77 % in every report as on her screen.
pub fn score_percent(p: f64) -> String {
    format!("{}%", crate::quiz::percent(p, 100.0))
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or_else(|| "—".to_string(), f)
}

/// Blocks from ▁ to █, one per bucket, scaled to the largest.
pub fn sparkline(buckets: &[usize]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = buckets.iter().copied().max().unwrap_or(0);
    buckets
        .iter()
        .map(|&n| {
            if n == 0 || max == 0 {
                ' '
            } else {
                BARS[((n * 7) / max).min(7)]
            }
        })
        .collect()
}

/// `s` in `n` terminal cells: cut with `…` or padded, by width on screen rather than by
/// characters, so a name with accents written as combining marks, or in a wide script,
/// keeps the columns after it in line.
fn cut(s: &str, n: usize) -> String {
    let s = crate::width::truncate(s, n);
    let pad = n.saturating_sub(crate::width::cells(&s));
    format!("{s}{}", " ".repeat(pad))
}

/// The report as tables.
pub fn table(full: &Full) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "{}\n", full.scope);
    courses_table(&mut t, full);
    quizzes_table(&mut t, full);
    questions_tables(&mut t, full);
    learners_table(&mut t, full);
    t
}

fn courses_table(t: &mut String, full: &Full) {
    let _ = writeln!(
        t,
        "{:<34} {:>7} {:>9} {:>6} {:>9} {:>6} {:>11}",
        "COURSE", "STARTED", "COMPLETED", "RATE", "AVG BEST", "CERTS", "MEDIAN DAYS"
    );
    for c in &full.report.courses {
        let _ = writeln!(
            t,
            "{} {:>7} {:>9} {:>6} {:>9} {:>6} {:>11}",
            cut(&c.title, 34),
            c.started,
            c.completed,
            percent(c.completion_rate),
            opt(c.average_best_score, score_percent),
            c.certificates,
            opt(c.median_days_to_complete, |d| format!("{d:.1}")),
        );
    }
}

fn quizzes_table(t: &mut String, full: &Full) {
    let _ = writeln!(
        t,
        "\n{:<34} {:>8} {:>8} {:>6}  SCORES 0%…100%",
        "QUIZ", "ATTEMPTS", "LEARNERS", "PASS"
    );
    for q in &full.report.quizzes {
        let _ = writeln!(
            t,
            "{} {:>8} {:>8} {:>6}  [{}]",
            cut(&q.title, 34),
            q.attempts,
            q.learners,
            percent(q.pass_rate),
            sparkline(&q.distribution)
        );
    }
}

/// One table per quiz, under its id.
fn questions_tables(t: &mut String, full: &Full) {
    for (quiz, questions) in &full.questions {
        let _ = writeln!(
            t,
            "\n{quiz}\n{:<44} {:>7} {:>8} {:>8}  WRONG ANSWER GIVEN MOST",
            "QUESTION", "ANSWERS", "FACILITY", "DISCRIM."
        );
        for q in questions {
            let wrong = q
                .most_picked_wrong
                .as_ref()
                .map_or_else(String::new, |(w, n)| {
                    format!("{} ({n})", cut(w, 30).trim_end())
                });
            let _ = writeln!(
                t,
                "{} {:>7} {:>8} {:>8}  {wrong}",
                cut(&q.prompt, 44),
                q.answers,
                opt(q.facility, percent),
                opt(q.discrimination, |d| format!("{d:.2}")),
            );
        }
    }
}

fn learners_table(t: &mut String, full: &Full) {
    for l in &full.learners {
        let _ = writeln!(
            t,
            "\n{} ({}), last seen {}",
            l.name,
            l.learner_id,
            l.last_seen.as_deref().unwrap_or("never")
        );
        for c in &l.courses {
            let _ = writeln!(
                t,
                "  {} {}/{} {}",
                cut(&c.title, 40),
                c.finished,
                c.required,
                if c.complete { "complete" } else { "" }
            );
        }
        for q in &l.quizzes {
            let _ = writeln!(
                t,
                "  {}/{}: best {}%, {} attempts",
                q.course_id, q.quiz_id, q.best_percent, q.attempts
            );
        }
        for code in &l.certificates {
            let _ = writeln!(t, "  certificate {code}");
        }
    }
}

/// The report as CSV sections, one table each: a row holding the section's name (`courses`,
/// `quizzes`, `questions`, `learners`), its header row, then its rows.
pub fn csv(full: &Full) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    courses_csv(&mut w, full);
    quizzes_csv(&mut w, full);
    questions_csv(&mut w, full);
    learners_csv(&mut w, full);
    let bytes = w.into_inner().expect("writing to memory");
    // Sections of different widths: the csv writer pads nothing, so each row keeps its own.
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

type CsvWriter = csv::Writer<Vec<u8>>;

fn row(w: &mut CsvWriter, cells: Vec<String>) {
    w.write_record(&cells).expect("writing to memory");
}

fn courses_csv(w: &mut CsvWriter, full: &Full) {
    row(w, vec!["courses".into()]);
    row(
        w,
        [
            "course_id",
            "title",
            "started",
            "completed",
            "completion_rate",
            "average_best_score",
            "certificates",
            "median_days_to_complete",
        ]
        .map(String::from)
        .to_vec(),
    );
    for c in &full.report.courses {
        row(
            w,
            vec![
                c.course_id.clone(),
                c.title.clone(),
                c.started.to_string(),
                c.completed.to_string(),
                format!("{:.4}", c.completion_rate),
                c.average_best_score
                    .map_or_else(String::new, |s| format!("{s:.2}")),
                c.certificates.to_string(),
                c.median_days_to_complete
                    .map_or_else(String::new, |d| format!("{d:.2}")),
            ],
        );
    }
}

fn quizzes_csv(w: &mut CsvWriter, full: &Full) {
    row(w, vec!["quizzes".into()]);
    let mut head: Vec<String> = [
        "course_id",
        "quiz_id",
        "title",
        "attempts",
        "learners",
        "pass_rate",
    ]
    .map(String::from)
    .to_vec();
    head.extend((0..10).map(|i| {
        format!(
            "scores_{}_{}",
            i * 10,
            if i == 9 { 100 } else { i * 10 + 9 }
        )
    }));
    row(w, head);
    for q in &full.report.quizzes {
        let mut r = vec![
            q.course_id.clone(),
            q.quiz_id.clone(),
            q.title.clone(),
            q.attempts.to_string(),
            q.learners.to_string(),
            format!("{:.4}", q.pass_rate),
        ];
        r.extend(q.distribution.iter().map(ToString::to_string));
        row(w, r);
    }
}

fn questions_csv(w: &mut CsvWriter, full: &Full) {
    row(w, vec!["questions".into()]);
    row(
        w,
        [
            "quiz",
            "question_id",
            "prompt",
            "answers",
            "facility",
            "discrimination",
            "most_picked_wrong",
            "most_picked_wrong_count",
        ]
        .map(String::from)
        .to_vec(),
    );
    for (quiz, questions) in &full.questions {
        for q in questions {
            row(
                w,
                vec![
                    quiz.clone(),
                    q.question_id.clone(),
                    q.prompt.clone(),
                    q.answers.to_string(),
                    q.facility.map_or_else(String::new, |f| format!("{f:.4}")),
                    q.discrimination
                        .map_or_else(String::new, |d| format!("{d:.4}")),
                    q.most_picked_wrong
                        .as_ref()
                        .map_or_else(String::new, |w| w.0.clone()),
                    q.most_picked_wrong
                        .as_ref()
                        .map_or_else(String::new, |w| w.1.to_string()),
                ],
            );
        }
    }
}

fn learners_csv(w: &mut CsvWriter, full: &Full) {
    row(w, vec!["learners".into()]);
    row(
        w,
        [
            "learner_id",
            "name",
            "site_id",
            "last_seen",
            "course_id",
            "required",
            "finished",
            "complete",
        ]
        .map(String::from)
        .to_vec(),
    );
    for l in &full.learners {
        for c in &l.courses {
            row(
                w,
                vec![
                    l.learner_id.clone(),
                    l.name.clone(),
                    l.site_id.clone().unwrap_or_default(),
                    l.last_seen.clone().unwrap_or_default(),
                    c.course_id.clone(),
                    c.required.to_string(),
                    c.finished.to_string(),
                    c.complete.to_string(),
                ],
            );
        }
    }
}

pub fn json(full: &Full) -> String {
    serde_json::to_string_pretty(full).expect("reports are plain data")
}
