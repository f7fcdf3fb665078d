//! Records at a programme's size: 2,000 learners, 500 courses, 200,000 answers. Export
//! against writing the same statements with serde_json and syncing; merge into an empty hub
//! and into one that has it all; the facilitator's board and the reports at that size.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use hatua::library::Library;
use hatua::store::harvest::{
    AnswerRow, AttemptRow, CompletionRow, Harvest, ItemRow, LearnerRow, Range, ResultRow, SiteRow,
};
use hatua::store::{ItemStatus, Store};

const LEARNERS: usize = 2_000;
const COURSES: usize = 500;
/// Courses each learner takes, each with one attempt at its 10-question quiz.
const TAKEN: usize = 10;
const QUESTIONS: usize = 10;

/// Five hundred courses of two lessons and a ten-question quiz, installed in `data/courses`.
pub fn courses(data: &Path) {
    for c in 0..COURSES {
        let dir = data.join(format!("courses/course-{c:03}"));
        std::fs::create_dir_all(dir.join("lessons")).unwrap();
        std::fs::create_dir_all(dir.join("quizzes")).unwrap();
        std::fs::write(
            dir.join("course.toml"),
            format!(
                "format = 1\nid = \"course-{c:03}\"\nversion = \"1.0.0\"\ntitle = \"Course {c}\"\n\
                 language = \"en\"\nsummary = \"A course.\"\nauthors = [\"bench\"]\n\
                 license = \"CC0-1.0\"\nminutes = 10\n\n[[modules]]\nid = \"m\"\ntitle = \"M\"\n\
                 items = [\"lessons/a.md\", \"lessons/b.md\", \"quizzes/q.toml\"]\n"
            ),
        )
        .unwrap();
        for l in ["a", "b"] {
            std::fs::write(
                dir.join(format!("lessons/{l}.md")),
                format!("# Lesson {l}\n\nText.\n\n## Sources\n\n- x\n"),
            )
            .unwrap();
        }
        let mut quiz =
            String::from("id = \"q\"\ntitle = \"Quiz\"\npass_mark = 60\nmax_attempts = 3\n");
        for q in 0..QUESTIONS {
            quiz.push_str(&format!(
                "\n[[questions]]\nid = \"q{q}\"\ntype = \"single\"\nprompt = \"Question {q}?\"\n\
                 [[questions.choices]]\ntext = \"right\"\ncorrect = true\n\
                 [[questions.choices]]\ntext = \"wrong\"\n"
            ));
        }
        std::fs::write(dir.join("quizzes/q.toml"), quiz).unwrap();
    }
}

fn id(kind: u128, n: usize) -> String {
    uuid::Uuid::from_u128((kind << 96) | n as u128).to_string()
}

/// The records: every learner reads both lessons of ten courses and makes one attempt at
/// each quiz, answering each question right or wrong by a fixed pattern.
fn harvest() -> Harvest {
    harvest_of(LEARNERS)
}

/// The records of the first `learners` learners (100 answers each).
pub fn harvest_of(learners: usize) -> Harvest {
    let mut h = Harvest::default();
    let at = |n: usize| {
        format!(
            "2026-{:02}-{:02}T09:{:02}:00.000Z",
            1 + n % 12,
            1 + n % 28,
            n % 60
        )
    };
    let mut n = 0;
    for l in 0..learners {
        let learner = id(1, l);
        h.learners.push(LearnerRow {
            id: learner.clone(),
            name: format!("Learner {l}"),
            created_at: at(l),
            last_seen_at: Some(at(l + 1)),
            archived_at: None,
        });
        for t in 0..TAKEN {
            let course = format!("course-{:03}", (l + t * 7) % COURSES);
            for lesson in ["a", "b"] {
                n += 1;
                h.completions.push(CompletionRow {
                    id: id(2, n),
                    learner_id: learner.clone(),
                    course_id: course.clone(),
                    item_id: lesson.into(),
                    status: ItemStatus::Done,
                    recorded_at: at(n),
                });
                h.items.push(ItemRow {
                    learner_id: learner.clone(),
                    course_id: course.clone(),
                    item_id: lesson.into(),
                    status: ItemStatus::Done,
                    position: 0,
                    updated_at: at(n),
                });
            }
            let attempt = id(3, l * TAKEN + t);
            let mut score = 0.0;
            for q in 0..QUESTIONS {
                n += 1;
                let right = (l + q + t) % 3 != 0;
                score += if right { 1.0 } else { 0.0 };
                h.answers.push(AnswerRow {
                    id: id(4, n),
                    attempt_id: attempt.clone(),
                    learner_id: learner.clone(),
                    course_id: course.clone(),
                    quiz_id: "q".into(),
                    question_id: format!("q{q}"),
                    response: format!("choice:{}", usize::from(!right)),
                    score: if right { 1.0 } else { 0.0 },
                    max_score: 1.0,
                    correct: right,
                    answered_at: at(n),
                });
            }
            let passed = score >= 6.0;
            let status = if passed {
                ItemStatus::Passed
            } else {
                ItemStatus::Failed
            };
            n += 1;
            h.completions.push(CompletionRow {
                id: id(2, n),
                learner_id: learner.clone(),
                course_id: course.clone(),
                item_id: "q".into(),
                status,
                recorded_at: at(n),
            });
            h.items.push(ItemRow {
                learner_id: learner.clone(),
                course_id: course.clone(),
                item_id: "q".into(),
                status,
                position: 0,
                updated_at: at(n),
            });
            h.attempts.push(AttemptRow {
                id: attempt,
                learner_id: learner.clone(),
                course_id: course.clone(),
                course_version: "1.0.0".into(),
                quiz_id: "q".into(),
                seed: 1,
                plan: "[]".into(),
                started_at: at(n),
                result: Some(ResultRow {
                    score,
                    max_score: QUESTIONS as f64,
                    passed,
                    finished_at: at(n),
                }),
            });
        }
    }
    h
}

/// A site's data folder holding the records as its own learners'.
pub fn site(data: &Path, h: &Harvest) -> Store {
    courses(data);
    let db = data.join("hatua.db");
    let mut store = Store::open(&db).unwrap();
    let row = SiteRow {
        id: "generator".into(),
        name: "generator".into(),
        public_key: "0".repeat(64),
    };
    store
        .merge_harvest(&row, "generated", "generated", h)
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE learners SET site_id = NULL; DELETE FROM sites; DELETE FROM merges;",
    )
    .unwrap();
    drop(conn);
    Store::open(&db).unwrap()
}

pub fn run(tmp: &Path) {
    let h = harvest();
    println!(
        "\nrecords: {} learners, {COURSES} courses, {} answers, {} attempts",
        h.learners.len(),
        h.answers.len(),
        h.attempts.len()
    );
    let data = tmp.join("records-site");
    let mut store = site(&data, &h);
    let library = Library::load(Some(&data));
    let site = hatua::site::Site::open(&mut store, &data, Some("Bench centre")).unwrap();

    // The learner picker, the board and the reports at this size.
    let mut shown = String::new();
    let picker = super::spread(11, || {
        let mut app = hatua::tui::App::new(library.clone(), (80, 24), 1);
        hatua::tui::run_effects(
            &mut app,
            &mut store,
            vec![hatua::tui::effect::Effect::LoadLearners],
        );
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
        shown = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
    });
    assert!(
        shown.contains("Learner 0"),
        "the picker lists no one:\n{shown}"
    );
    println!("learner picker: read and draw        {picker:>24}   (target < 100 ms)");
    let board = super::spread(11, || {
        hatua::records::board(&store, &library).unwrap().len()
    });
    println!("facilitator board, 2,000 learners    {board:>24}   (target < 100 ms)");
    let filter = hatua::reports::Filter {
        learners: hatua::store::tally::Learners::Local,
        course: None,
    };
    let report = super::spread(11, || {
        hatua::reports::report(&store, &library, &filter).unwrap()
    });
    println!("reports: courses and quizzes         {report:>24}   (target < 100 ms)");
    let course = library.course("course-000").unwrap();
    let items = super::spread(11, || {
        hatua::reports::question_reports(&store, &filter.learners, course, "q").unwrap()
    });
    println!("reports: one quiz's item analysis    {items:>24}   (target < 100 ms)");
    let learners = super::spread(5, || {
        hatua::reports::learner_reports(&store, &library, &filter, None).unwrap()
    });
    println!("reports: every learner's             {learners:>24}   (target < 100 ms)");

    // Export, against serde_json writing the same statements and syncing.
    let planned = hatua::harvest::plan(&store, &library, Range::All).unwrap();
    let mut writer =
        hatua::harvest::statements::Writer::new(&site.id, site.home_page(), &library, None);
    let mut values = Vec::new();
    hatua::harvest::statements::each_statement(
        &mut writer,
        &planned.harvest,
        &planned.completed,
        |v| {
            values.push(v.clone());
            Ok::<(), ()>(())
        },
    )
    .unwrap();
    let baseline_file = tmp.join("baseline.jsonl");
    let baseline = super::spread(3, || {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&baseline_file).unwrap());
        for v in &values {
            serde_json::to_writer(&mut out, v).unwrap();
            out.write_all(b"\n").unwrap();
        }
        out.into_inner().unwrap().sync_all().unwrap();
    });
    let raw = std::fs::metadata(&baseline_file).unwrap().len();
    drop(values);
    let drive = tmp.join("records-drive");
    let mut file = None;
    let export = super::spread(3, || {
        let planned = hatua::harvest::plan(&store, &library, Range::All).unwrap();
        let w = hatua::harvest::write(
            &mut store,
            &site,
            &library,
            &planned,
            &drive,
            false,
            &mut |_, _| {},
        )
        .unwrap();
        file = Some(w.path.clone());
        w
    });
    let file = file.unwrap();
    let zipped = std::fs::metadata(&file).unwrap().len();
    println!(
        "export 200,000 answers               {export:>24}   (serde_json + sync baseline {baseline}, {:.1}x; target 3x; {} MB of JSON, {} MB zipped)",
        export.ratio(&baseline),
        raw / 1_000_000,
        zipped / 1_000_000
    );

    // Merge into an empty hub, then into one that has it all.
    let mut n = 0;
    let empty = super::spread(3, || {
        n += 1;
        let hub = tmp.join(format!("records-hub-{n}"));
        std::fs::create_dir_all(&hub).unwrap();
        let mut hub_store = Store::open(&hub.join("hatua.db")).unwrap();
        hatua::harvest::merge_file(&mut hub_store, &file, &Default::default()).unwrap()
    });
    let hub = tmp.join("records-hub-1");
    let mut hub_store = Store::open(&hub.join("hatua.db")).unwrap();
    let again = super::spread(3, || {
        hatua::harvest::merge_file(&mut hub_store, &file, &Default::default()).unwrap()
    });
    println!("merge it into an empty hub           {empty:>24}   (target < 2 s)");
    println!("merge it again (all present)         {again:>24}");
    let mut sizes = BTreeMap::new();
    sizes.insert(
        "hub",
        std::fs::metadata(hub.join("hatua.db")).unwrap().len(),
    );
    let hub_report = super::spread(5, || {
        hatua::reports::report(
            &hub_store,
            &library,
            &hatua::reports::Filter {
                learners: hatua::store::tally::Learners::All,
                course: None,
            },
        )
        .unwrap()
    });
    println!("reports at the hub                   {hub_report:>24}   (target < 100 ms)");
}
