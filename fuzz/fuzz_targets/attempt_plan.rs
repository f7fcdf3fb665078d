//! An unfinished attempt read back from the store: its recorded plan (JSON) and answers
//! (`choice:2`, `order:1,0`, …) against the all-types quiz, resumed on the quiz screen,
//! answered with keys to the end, and shown in the review of past attempts. The store writes
//! these itself, but a database outlives versions of Hatua and of the course: what it holds
//! must never bring the player down.
//!
//! Input: the plan on the first line; then one answer a line, `question-id response`; then,
//! after an empty line, one key a byte.
#![no_main]

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use hatua::course::markdown::MdStyles;
use hatua::course::{Course, ItemKind};
use hatua::library::Library;
use hatua::records::Progress;
use hatua::store::{Answer, Attempt, AttemptId, AttemptResult, LearnerId};
use hatua::tui::action::Action;
use hatua::tui::effect::Effect;
use hatua::tui::quiz::QuizScreen;
use hatua::tui::review::Review;
use hatua::tui::screen::{Component, Cx};
use hatua::tui::theme::Theme;
use hatua_fuzz::{ALL_TYPES, source_with};
use libfuzzer_sys::fuzz_target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SIZE: (u16, u16) = (80, 24);

fn course() -> &'static (Arc<Course>, usize) {
    static COURSE: OnceLock<(Arc<Course>, usize)> = OnceLock::new();
    COURSE.get_or_init(|| {
        let source = source_with(ALL_TYPES, "course.toml", ALL_TYPES[0].1);
        let course = hatua::course::load_for_play(&source)
            .course
            .expect("the all-types fixture loads");
        let index = course
            .items()
            .position(|i| matches!(i.kind, ItemKind::Quiz(_)))
            .expect("it has a quiz");
        (Arc::new(course), index)
    })
}

/// The keys a learner can press on a quiz, by byte.
fn action(byte: u8) -> Action {
    const FIXED: [Action; 16] = [
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::Home,
        Action::End,
        Action::Confirm,
        Action::Toggle,
        Action::Hint,
        Action::Retry,
        Action::Review,
        Action::Erase,
        Action::Confirm,
        Action::Confirm,
    ];
    match byte {
        0..16 => FIXED[usize::from(byte)].clone(),
        16..48 => Action::Pick(usize::from(byte - 16)),
        _ => Action::Type(char::from(byte)),
    }
}

fn draw(screen: &dyn Component, cx: &Cx) {
    let area = Rect::new(0, 0, cx.size.0, cx.size.1);
    let mut buf = Buffer::empty(area);
    screen.draw(cx, area, &mut buf);
}

/// What the store would answer to an effect of the quiz screen.
fn answered(effect: Effect) -> Option<Action> {
    match effect {
        Effect::StartAttempt { .. } => Some(Action::AttemptStarted(AttemptId("next".into()))),
        Effect::RecordAnswer { question_id, .. } => Some(Action::AnswerSaved(question_id)),
        Effect::FinishAttempt {
            score,
            max_score,
            passed,
            ..
        } => Some(Action::AttemptFinished {
            result: AttemptResult {
                score: score.get(),
                max_score: max_score.get(),
                passed,
                finished_at: "2026-01-01T10:00:00Z".into(),
            },
            attempts: Vec::new(),
        }),
        _ => None,
    }
}

fn press(screen: &mut dyn Component, action: Action, cx: &Cx) {
    let mut queue = vec![action];
    // Bounded: each answer of the store is one more step at most.
    for _ in 0..4 {
        let Some(action) = queue.pop() else { break };
        let step = screen.update(action, cx);
        queue.extend(step.effects.into_iter().filter_map(answered));
        draw(&*screen, cx);
    }
}

fuzz_target!(|data: &[u8]| {
    let (course, index) = course();
    let text = String::from_utf8_lossy(data);
    let (head, keys) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let plan = lines.next().unwrap_or_default().to_string();
    let ItemKind::Quiz(quiz) = &course.item_at(*index).expect("the quiz").kind else {
        unreachable!()
    };
    let attempt = Attempt {
        id: AttemptId("fuzzed".into()),
        learner_id: LearnerId("learner".into()),
        course_id: course.id.clone(),
        course_version: course.version.clone(),
        quiz_id: quiz.id.clone(),
        seed: 1,
        plan,
        started_at: "2026-01-01T09:00:00Z".into(),
        result: None,
    };
    let answers: Vec<Answer> = lines
        .enumerate()
        .map(|(n, line)| {
            let (question_id, response) = line.split_once(' ').unwrap_or((line, ""));
            Answer {
                id: format!("answer-{n}"),
                attempt_id: attempt.id.clone(),
                question_id: question_id.to_string(),
                response: response.to_string(),
                score: 0.5,
                max_score: 1.0,
                correct: false,
                answered_at: "2026-01-01T09:01:00Z".into(),
            }
        })
        .collect();

    let library = Library::default();
    let theme = Theme::default();
    let progress = Progress::default();
    let cx = Cx {
        lang: Default::default(),
        theme: &theme,
        size: SIZE,
        now: std::time::Instant::now(),
        library: &library,
        learners: &[],
        locks: HashMap::new(),
        learner: None,
        progress: &progress,
        continue_label: None,
        seed: 3,
        drive_patterns: &[],
        install_policy: Default::default(),
        merge_policy: Default::default(),
        site_name: None,
        lrs_url: None,
        lrs_user: None,
    };
    let styles = MdStyles::default();

    // Resumed on the quiz screen, then answered with the keys.
    let mut screen = QuizScreen::new(Arc::clone(course), *index, SIZE, &styles);
    let loaded = Action::QuizLoaded {
        attempts: vec![attempt.clone()],
        granted: 0,
        open: Some((attempt.clone(), answers.clone())),
    };
    press(&mut screen, loaded, &cx);
    press(&mut screen, Action::Confirm, &cx);
    for byte in keys.bytes().take(256) {
        press(&mut screen, action(byte), &cx);
    }

    // The same attempt, finished, in the review of past attempts.
    let finished = Attempt {
        result: Some(AttemptResult {
            score: 1.0,
            max_score: 7.0,
            passed: false,
            finished_at: "2026-01-01T09:30:00Z".into(),
        }),
        ..attempt
    };
    let mut review = Review::new(Arc::clone(course), *index, vec![finished.clone()], &styles);
    press(
        &mut review,
        Action::ReviewAnswers {
            attempt: finished,
            answers,
        },
        &cx,
    );
    for action in [Action::End, Action::PageUp, Action::Down] {
        press(&mut review, action, &cx);
    }
});
