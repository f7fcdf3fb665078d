//! Reading aloud with espeak-ng, where it is installed: a learner who reads slowly, or
//! not at all, hears the page on screen in the lesson's language. The program speaks on
//! its own while the learner goes on; asking again while it speaks stops it.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use super::super::action::Action;
use super::super::problem::Problem;

/// The voice program; `HATUA_SPEECH` names another (a test's stand-in, a site's own).
const PROGRAM: &str = "espeak-ng";

/// The reading going on now, stopped when another starts.
static SPEAKING: Mutex<Option<Child>> = Mutex::new(None);

pub(super) fn speak(text: &str, voice: &str) -> Vec<Action> {
    let program = std::env::var("HATUA_SPEECH").unwrap_or_else(|_| PROGRAM.to_string());
    let mut speaking = SPEAKING.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(mut before) = speaking.take() {
        let still = matches!(before.try_wait(), Ok(None));
        let _ = before.kill();
        let _ = before.wait();
        if still {
            return vec![Action::Said(Problem::new("lesson.speech_stopped"))];
        }
    }
    // espeak-ng's voices are named by language: `en`, `fr`, `es`, `pt-br`.
    let voice = voice.to_ascii_lowercase();
    let started = Command::new(&program)
        .args(["-v", &voice, "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match started {
        Ok(mut child) => {
            if let Some(mut input) = child.stdin.take() {
                // A page is a few kilobytes: the pipe takes it at once.
                let _ = input.write_all(text.as_bytes());
            }
            *speaking = Some(child);
            vec![Action::Said(Problem::new("lesson.speaking"))]
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            vec![Action::Warned(Problem::new("lesson.speech_missing"))]
        }
        Err(e) => vec![Action::Warned(Problem::other(e))],
    }
}
