//! Moving between screens: where a [`Goto`] leads, and what the app does when an effect's
//! result arrives that changes the screen (a learner opened, a course checked, a lesson
//! read from disk).

use std::sync::Arc;

use crate::course::{Course, ItemKind};
use crate::store::Place;

use super::action::Action;
use super::app::{App, Goto};
use super::board::Board;
use super::courses::Courses;
use super::effect::Effect;
use super::import::Import;
use super::job::Job;
use super::lesson::Lesson;
use super::login::Login;
use super::outline::Outline;
use super::picker::Picker;
use super::pin::Pin;
use super::problem::{Notice, Problem};
use super::quiz::{Phase, QuizScreen};
use super::review::Review;
use super::screen::Screen;

/// An effect's result that is the app's to handle, or else the screen's.
pub fn arrive(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        a @ (Action::PinRequired { .. }
        | Action::LearnerOpened { .. }
        | Action::LearnerGone
        | Action::ProfileSaved(_)
        | Action::FacilitatorLogin { .. }) => people(app, a),
        Action::FacilitatorBoard(rows) if !matches!(app.screen, Screen::Board(_)) => {
            app.facilitator = true;
            app.screen = Screen::Board(Box::new(Board::new(rows)));
            Vec::new()
        }
        a @ (Action::ReviewLoaded(_)
        | Action::CertificateIssued { .. }
        | Action::CourseChecked { .. }
        | Action::CourseRefused { .. }
        | Action::ItemLoaded { .. }) => learning(app, a),
        other => app.forward(other),
    }
}

/// Who is on screen: a PIN asked, a learner opened or gone, a profile saved, the
/// facilitator's password asked.
fn people(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::PinRequired { learner, locked } => {
            app.screen = Screen::Pin(Box::new(Pin::new(learner, locked, app.now)));
            Vec::new()
        }
        Action::LearnerOpened {
            learner,
            progress,
            place,
        } => {
            let parked = app.unpark(&learner.id);
            app.apply_preferences(learner.language.as_deref(), learner.theme.as_deref());
            app.learner = Some(learner);
            app.progress = progress;
            if let Some(parked) = parked {
                app.continue_screen = Some(parked);
                return app.goto(Goto::Library);
            }
            resume(app, place)
        }
        Action::LearnerGone => {
            if let Some(l) = app.learner.take() {
                app.forget(&l.id);
            }
            let effects = app.goto(Goto::Picker);
            app.say(Notice::Bad(Problem::new("picker.profile_gone")));
            effects
        }
        Action::ProfileSaved(learner) => {
            app.apply_preferences(learner.language.as_deref(), learner.theme.as_deref());
            app.learner = Some(learner);
            let effects = app.goto(Goto::Library);
            app.say(Notice::Good(Problem::new("profile.saved")));
            effects
        }
        Action::FacilitatorLogin {
            has_password,
            site_named,
        } => {
            let ask_site = !has_password && !site_named && app.site_name.is_none();
            app.screen = Screen::Login(Box::new(Login::new(!has_password, ask_site)));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// What the learner opens: a quiz's review, a certificate, a course checked or refused, a
/// lesson read from disk.
fn learning(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::ReviewLoaded(attempts) => {
            if let Screen::Quiz(q) = &app.screen {
                let review = Review::new(
                    Arc::clone(&q.course),
                    q.index,
                    attempts,
                    &app.theme.markdown,
                );
                app.screen = Screen::Review(Box::new(review));
            }
            Vec::new()
        }
        Action::CertificateIssued { html, code } => {
            let folder = html.parent().unwrap_or(&html).display().to_string();
            app.say(Notice::Good(
                Problem::new("outline.certificate_written")
                    .with("folder", folder)
                    .with("code", code),
            ));
            Vec::new()
        }
        Action::CourseChecked { course_id, item } => match item {
            Some(index) => app.goto(Goto::Item { course_id, index }),
            None => app.goto(Goto::Outline {
                course_id,
                select: 0,
            }),
        },
        Action::CourseRefused { course_id, reason } => {
            // The course list keeps the reason in the learner's language too.
            let reason = reason.text(app.lang);
            app.library.refuse(&course_id, &reason);
            let effects = app.goto(Goto::Library);
            app.say(Notice::Bad(
                Problem::new("library.refused").with("reason", reason),
            ));
            effects
        }
        Action::ItemLoaded {
            course_id,
            index,
            item,
        } => {
            // The outline with this one item in full: the course's other lessons are never
            // all in memory at once.
            let Some(outline) = app.library.course(&course_id) else {
                return Vec::new();
            };
            let mut course = (**outline).clone();
            if let Some(slot) = course
                .modules
                .iter_mut()
                .flat_map(|m| m.items.iter_mut())
                .nth(index)
            {
                let mut item = *item;
                // A translated lesson answers to its source's hash, which the outline has.
                if let (ItemKind::Lesson(loaded), ItemKind::Lesson(outline)) =
                    (&mut item.kind, &slot.kind)
                {
                    loaded.set_hash(outline.content_hash());
                }
                *slot = item;
            }
            show_item(app, Arc::new(course), index)
        }
        _ => Vec::new(),
    }
}

impl App {
    pub fn goto(&mut self, goto: Goto) -> Vec<Effect> {
        match goto {
            Goto::Exit => self.quit_effects(),
            Goto::Import if self.facilitator => {
                self.screen = Screen::Import(Box::new(Import::Scanning));
                vec![Effect::Job(Job::Scan {
                    patterns: self.drive_patterns.clone(),
                    policy: self.install_policy,
                })]
            }
            Goto::Import => Vec::new(),
            Goto::Continue => {
                let Some(parked) = self.continue_screen.take() else {
                    return Vec::new();
                };
                self.screen = parked.screen;
                self.screen.component_mut().resize(self.size);
                match &self.screen {
                    // A facilitator may have granted an attempt meanwhile; a question half
                    // answered is left exactly as it was.
                    Screen::Quiz(q) if !matches!(q.phase, Phase::Asking(_)) => {
                        vec![Effect::LoadQuiz {
                            course_id: q.course.id.clone(),
                            quiz_id: q.quiz().id.clone(),
                        }]
                    }
                    _ => Vec::new(),
                }
            }
            Goto::Speak(lang) => {
                self.chosen_lang = Some(lang);
                self.apply_preferences(None, None);
                Vec::new()
            }
            Goto::Picker => {
                self.learner = None;
                self.continue_screen = None;
                self.facilitator = false;
                self.chosen_lang = None;
                self.progress.clear();
                self.apply_preferences(None, None);
                self.screen = Screen::Picker(Box::new(Picker::new()));
                vec![Effect::LoadLearners]
            }
            Goto::Library => {
                let selected = match &self.screen {
                    Screen::Outline(o) => self
                        .library
                        .entries
                        .iter()
                        .position(|e| e.course().is_some_and(|c| c.id == o.course.id))
                        .map_or(0, |i| i + usize::from(self.continue_screen.is_some())),
                    _ => 0,
                };
                self.screen = Screen::Library(Box::new(Courses::new(selected)));
                Vec::new()
            }
            Goto::Outline { course_id, select } => {
                if let Some(course) = self.library.course(&course_id) {
                    let outline = Outline::new(Arc::clone(course), select);
                    self.screen = Screen::Outline(Box::new(outline));
                }
                Vec::new()
            }
            Goto::Item { course_id, index } => open_item(self, &course_id, index),
        }
    }
}

/// After choosing a learner: back where they stopped, or the library.
fn resume(app: &mut App, place: Option<Place>) -> Vec<Effect> {
    if let Some(place) = place
        && let Some(course) = app.library.course(&place.course_id)
        && let Some(index) = course.index_of(&place.item_id)
    {
        // The library shows behind, in case the course fails its check.
        let course_id = course.id.clone();
        let mut effects = app.goto(Goto::Library);
        effects.push(Effect::OpenCourse {
            course_id,
            item: Some(index),
        });
        return effects;
    }
    app.goto(Goto::Library)
}

fn open_item(app: &mut App, course_id: &str, index: usize) -> Vec<Effect> {
    let Some(course) = app.library.course(course_id).cloned() else {
        return app.goto(Goto::Library);
    };
    if course.item_at(index).is_none() {
        return app.goto(Goto::Outline {
            course_id: course_id.to_string(),
            select: 0,
        });
    }
    // An installed course is known by its outline: the item is read when opened.
    if course.outline_only {
        return vec![Effect::LoadItem {
            course_id: course_id.to_string(),
            index,
        }];
    }
    show_item(app, course, index)
}

/// Opens the item at `index` of `course`, which holds it in full.
fn show_item(app: &mut App, course: Arc<Course>, index: usize) -> Vec<Effect> {
    let Some(item) = course.item_at(index) else {
        return Vec::new();
    };
    let place = Effect::SetPlace(Place {
        course_id: course.id.clone(),
        item_id: item.id.clone(),
    });
    let (course_id, item_id) = (course.id.clone(), item.id.clone());
    // A course in her language with this one item not yet translated: say so.
    let language = course.item_language(item).to_string();
    let wanted = app.lang.code();
    let fallback = (course.speaks(wanted) && language != wanted).then(|| {
        Problem::new("lesson.other_language")
            .with("wanted", app.lang.language_name(wanted))
            .with("shown", app.lang.language_name(&language))
    });
    let effects = match &item.kind {
        ItemKind::Lesson(_) => {
            let saved = app
                .progress
                .get(&course_id)
                .and_then(|p| p.get(&item_id))
                .cloned();
            let (lesson, mut effects) = Lesson::open(
                course,
                index,
                saved,
                app.size,
                &app.theme.markdown,
                &app.support,
            );
            app.screen = Screen::Lesson(Box::new(lesson));
            effects.insert(0, place);
            effects
        }
        ItemKind::Quiz(_) => {
            let quiz = QuizScreen::new(course, index, app.size, &app.theme.markdown);
            app.screen = Screen::Quiz(Box::new(quiz));
            vec![
                place,
                Effect::LoadQuiz {
                    course_id,
                    quiz_id: item_id,
                },
            ]
        }
    };
    if let Some(problem) = fallback {
        app.say(Notice::Bad(problem));
    }
    effects
}

/// After the library changed under the screen (a previewed course was edited): the same
/// place in the new text.
pub fn reopen(app: &mut App) -> Vec<Effect> {
    let (goto, scroll) = match &app.screen {
        Screen::Lesson(l) => (
            Some(Goto::Item {
                course_id: l.course.id.clone(),
                index: l.index,
            }),
            Some(l.scroll),
        ),
        Screen::Quiz(q) => (
            Some(Goto::Item {
                course_id: q.course.id.clone(),
                index: q.index,
            }),
            None,
        ),
        Screen::Outline(o) => (
            Some(Goto::Outline {
                course_id: o.course.id.clone(),
                select: o.selected,
            }),
            None,
        ),
        _ => (None, None),
    };
    let effects = goto.map(|g| app.goto(g)).unwrap_or_default();
    if let (Screen::Lesson(l), Some(scroll)) = (&mut app.screen, scroll) {
        l.scroll_to(scroll);
    }
    effects
}
