//! A typed line, turned into what the screen on show understands. A number chooses from
//! the page's numbered list; a line alone (Enter) goes on; a single letter is that key, as
//! the full-screen player's own key tables read it, so every "press r to try again" a
//! screen says holds here too; on a screen that asks for text, the line is the text.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::quiz::QuestionKind;

use super::super::action::Action;
use super::super::app::App;
use super::super::effect::Effect;
use super::super::quiz::Phase;
use super::super::quiz_answer::{Mode, mode};
use super::super::screen::Screen;

/// Ctrl+X or F12, then Enter: the quick exit, as in the full-screen player. A terminal
/// reading lines passes both through as characters.
pub fn is_quick_exit(line: &str) -> bool {
    line.contains('\u{18}') || line.contains("\x1b[24~")
}

/// What `line` does on the screen on show; `Err` is a sentence saying what to type instead.
pub fn to(app: &mut App, line: &str) -> Result<Vec<Effect>, String> {
    let lang = app.lang;
    let trimmed = line.trim();
    // The course list's rows: "Continue where you left off" first, when it is there.
    let course_rows = usize::from(app.continue_screen.is_some()) + app.library.entries.len();
    match &mut app.screen {
        Screen::Picker(p) if p.asking_quit => Ok(press(app, trimmed)),
        Screen::Picker(_) => Ok(picker(app, trimmed)),
        Screen::NewLearner(n) => {
            let field = if n.focus == 0 { &n.pin } else { &n.again };
            let erase = field.text.chars().count();
            Ok(typed(app, erase, trimmed))
        }
        Screen::Pin(_) if trimmed.is_empty() => Ok(app.update(Action::Back)),
        Screen::Pin(_) => Ok(typed(app, 0, trimmed)),
        Screen::Library(c) => match number(trimmed) {
            Some(n) => {
                c.selected = in_range(n, course_rows, lang)?;
                Ok(app.update(Action::Confirm))
            }
            None => Ok(press(app, trimmed)),
        },
        Screen::Outline(o) => match number(trimmed) {
            Some(n) => {
                o.selected = in_range(n, o.course.item_count(), lang)?;
                Ok(app.update(Action::Confirm))
            }
            None => Ok(press(app, trimmed)),
        },
        Screen::Lesson(l) if trimmed.is_empty() => {
            let next = if l.at_end() {
                Action::NextItem
            } else {
                Action::PageDown
            };
            Ok(app.update(next))
        }
        Screen::Lesson(_) => Ok(press(app, trimmed)),
        Screen::Quiz(q) => {
            let quiz = q.quiz().clone();
            let Phase::Asking(run) = &mut q.phase else {
                return Ok(press(app, trimmed));
            };
            let (Some(question), Some(planned)) = (run.question(&quiz), run.planned()) else {
                return Ok(press(app, trimmed));
            };
            // Feedback on show, or a save to try again: Enter goes on.
            if run.submitted.is_some() || run.error.is_some() {
                return Ok(press(app, trimmed));
            }
            let question = question.clone();
            let order = planned.option_order.clone();
            let answering = &mut run.answering;
            let options = order.len();
            match mode(&question) {
                Mode::Type => {
                    if trimmed.is_empty() {
                        return Err(lang.t(match question.kind {
                            QuestionKind::Number { .. } => "quiz.type_number",
                            _ => "quiz.type_first",
                        }));
                    }
                    answering.input.clear();
                    for c in trimmed.chars() {
                        answering.input.push(c);
                    }
                }
                // A lone letter on a question of choices is a key: h for a hint, q to leave.
                _ if trimmed.len() == 1 && trimmed.chars().all(char::is_alphabetic) => {
                    return Ok(press(app, trimmed));
                }
                Mode::Choose => {
                    let many = matches!(question.kind, QuestionKind::Multiple { .. });
                    let picked = numbers(trimmed, options, lang)?;
                    if picked.is_empty() || (!many && picked.len() > 1) {
                        return Err(lang.tf("plain.bad_number", &[("max", options.into())]));
                    }
                    answering.cursor = picked[0];
                    answering.picked = picked;
                }
                Mode::Arrange => {
                    let put = numbers(trimmed, options, lang)?;
                    if put.len() != options {
                        return Err(lang.tf("plain.each_once", &[("max", options.into())]));
                    }
                    answering.arrangement = put.iter().map(|&d| order[d]).collect();
                }
                Mode::Pair => {
                    let rows = answering.matches.len();
                    let chosen = numbers_allowing_repeats(trimmed, options, lang)?;
                    if chosen.len() != rows {
                        return Err(lang.tf("plain.one_each", &[("count", rows.into())]));
                    }
                    answering.matches = chosen.into_iter().map(Some).collect();
                }
            }
            Ok(app.update(Action::Confirm))
        }
        Screen::Review(r) if r.open.is_none() => match number(trimmed) {
            Some(n) => {
                r.selected = in_range(n, r.attempts.len(), lang)?;
                Ok(app.update(Action::Confirm))
            }
            None if trimmed.is_empty() => Ok(app.update(Action::Back)),
            None => Ok(press(app, trimmed)),
        },
        Screen::Review(_) if trimmed.is_empty() => Ok(app.update(Action::Back)),
        Screen::Review(_) => Ok(press(app, trimmed)),
        // A screen plain mode does not write: Enter leaves it.
        _ if trimmed.is_empty() => Ok(app.update(Action::Back)),
        _ => Ok(press(app, trimmed)),
    }
}

/// Who is learning: a number opens that row, a language's name switches to it, anything
/// else is a name (or its start) to look for. A name that is exactly one learner's opens
/// her profile; a new name is only offered, so a slip of the finger creates no one.
fn picker(app: &mut App, line: &str) -> Vec<Effect> {
    if let Some(n) = number(line) {
        let rows = match &app.screen {
            Screen::Picker(p) => p.rows(&app.learners).len(),
            _ => 0,
        };
        if (1..=rows).contains(&n) {
            if let Screen::Picker(p) = &mut app.screen {
                p.selected = Some(n - 1);
            }
            return app.update(Action::Confirm);
        }
    }
    let wanted = crate::quiz::text::normalize(line);
    if let Some(lang) = crate::i18n::Lang::ALL
        .into_iter()
        .find(|l| crate::quiz::text::normalize(l.own_name()) == wanted && !wanted.is_empty())
    {
        let mut effects = Vec::new();
        for _ in crate::i18n::Lang::ALL {
            if app.lang == lang {
                break;
            }
            effects.extend(app.update(Action::NextLanguage));
        }
        return effects;
    }
    let mut effects = Vec::new();
    if let Screen::Picker(p) = &app.screen
        && !p.filter.text.is_empty()
    {
        // Esc with a name typed clears it (without one, it would ask to close Hatua).
        effects.extend(app.update(Action::Back));
    }
    for c in line.chars() {
        effects.extend(app.update(Action::Type(c)));
    }
    let key = crate::store::name_key(line);
    let exact = match &app.screen {
        Screen::Picker(p) => p.rows(&app.learners).iter().position(|r| {
            matches!(r, super::super::picker::Row::Existing(l)
                if crate::store::name_key(&l.name) == key)
        }),
        _ => None,
    };
    if let (Some(i), Screen::Picker(p)) = (exact, &mut app.screen) {
        p.selected = Some(i);
        effects.extend(app.update(Action::Confirm));
    }
    effects
}

/// The line typed into the field on show (after erasing `erase` characters), then Enter.
fn typed(app: &mut App, erase: usize, line: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for _ in 0..erase {
        effects.extend(app.update(Action::Erase));
    }
    for c in line.chars() {
        effects.extend(app.update(Action::Type(c)));
    }
    effects.extend(app.update(Action::Confirm));
    effects
}

/// Enter for an empty line, the key for a single character; anything else does nothing.
fn press(app: &mut App, line: &str) -> Vec<Effect> {
    let mut chars = line.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => KeyCode::Enter,
        (Some(c), None) => KeyCode::Char(c),
        _ => return Vec::new(),
    };
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The line as one number, when it is one.
fn number(line: &str) -> Option<usize> {
    line.parse().ok()
}

/// A number from 1 to `max`, as a position from 0.
fn in_range(n: usize, max: usize, lang: crate::i18n::Lang) -> Result<usize, String> {
    if (1..=max).contains(&n) {
        Ok(n - 1)
    } else {
        Err(lang.tf("plain.bad_number", &[("max", max.into())]))
    }
}

/// Numbers from 1 to `max`, apart by spaces or commas, each once; as positions from 0.
fn numbers(line: &str, max: usize, lang: crate::i18n::Lang) -> Result<Vec<usize>, String> {
    let all = numbers_allowing_repeats(line, max, lang)?;
    let mut seen = std::collections::HashSet::new();
    if all.iter().all(|n| seen.insert(*n)) {
        Ok(all)
    } else {
        Err(lang.tf("plain.each_once", &[("max", max.into())]))
    }
}

fn numbers_allowing_repeats(
    line: &str,
    max: usize,
    lang: crate::i18n::Lang,
) -> Result<Vec<usize>, String> {
    line.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.parse::<usize>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .map(|n| n - 1)
                .ok_or_else(|| lang.tf("plain.bad_number", &[("max", max.into())]))
        })
        .collect()
}
