//! The learners' level of the reports screen: one row per learner, and one learner in
//! full — her courses, her best score and attempts at each quiz, her certificates.

use ratatui::text::Line;

use crate::reports::LearnerReport;

use super::reports::laid_table;
use super::screen::Cx;
use super::widgets::para;

/// Name · courses completed of started · best average · attempts · last seen (her
/// certificates are in her full report).
pub fn rows(learners: &[(LearnerReport, Vec<String>)]) -> Vec<Vec<String>> {
    learners
        .iter()
        .map(|(l, _)| {
            let done = l.courses.iter().filter(|c| c.complete).count();
            let best = (!l.quizzes.is_empty()).then(|| {
                l.quizzes.iter().map(|q| q.best_percent).sum::<u32>() / l.quizzes.len() as u32
            });
            vec![
                l.name.clone(),
                format!("{done}/{}", l.courses.len()),
                best.map_or("—".into(), |b| format!("{b}%")),
                l.quizzes
                    .iter()
                    .map(|q| q.attempts)
                    .sum::<usize>()
                    .to_string(),
                day(l.last_seen.as_deref()),
            ]
        })
        .collect()
}

/// One learner in full, `titles` naming her quizzes in order.
pub fn detail(cx: &Cx, l: &LearnerReport, titles: &[String], width: usize) -> Vec<Line<'static>> {
    let mut lines = para(
        &cx.tf(
            "reports.last_seen",
            &[("date", day(l.last_seen.as_deref()).into())],
        ),
        width,
        cx.theme.dim,
    );
    lines.push(Line::from(""));
    let courses: Vec<Vec<String>> = l
        .courses
        .iter()
        .map(|c| {
            vec![
                c.title.clone(),
                format!("{}/{}", c.finished, c.required),
                if c.complete {
                    "✓".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    lines.extend(laid_table(cx, "reports.learner_courses_head", &courses, width, None).0);
    if !l.quizzes.is_empty() {
        let quizzes: Vec<Vec<String>> = l
            .quizzes
            .iter()
            .zip(titles)
            .map(|(q, title)| {
                vec![
                    title.clone(),
                    format!("{}%", q.best_percent),
                    q.attempts.to_string(),
                ]
            })
            .collect();
        lines.push(Line::from(""));
        lines.extend(laid_table(cx, "reports.learner_quizzes_head", &quizzes, width, None).0);
    }
    lines.push(Line::from(""));
    let certificates = if l.certificates.is_empty() {
        cx.t("reports.no_certificates")
    } else {
        cx.tf(
            "reports.certificates",
            &[("codes", l.certificates.join(", ").into())],
        )
    };
    lines.extend(para(&certificates, width, Default::default()));
    lines
}

/// The day of a UTC timestamp, or a dash.
fn day(at: Option<&str>) -> String {
    at.and_then(|t| t.get(..10)).unwrap_or("—").to_string()
}
