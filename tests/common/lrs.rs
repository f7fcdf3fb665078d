//! Learning Record Stores for the sync tests: the real one CI starts (Ralph, found through
//! `HATUA_TEST_LRS_URL`, `_USER` and `_PASSWORD`), and a scripted one on a free port that
//! answers each batch as a test says, for what a real LRS will not do on demand (refuse
//! one statement, fail for a while, drop the connection).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde_json::Value;

/// The LRS CI started, or `None` (saying so) when there is none here. Where CI runs
/// (`HATUA_REQUIRE_LRS` set), there must be one.
pub fn ralph(test: &str) -> Option<RealLrs> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        var("HATUA_TEST_LRS_URL"),
        var("HATUA_TEST_LRS_USER"),
        var("HATUA_TEST_LRS_PASSWORD"),
    ) {
        (Some(url), Some(user), Some(password)) => Some(RealLrs {
            url,
            user,
            password,
        }),
        _ => {
            assert!(
                std::env::var_os("HATUA_REQUIRE_LRS").is_none(),
                "{test}: HATUA_REQUIRE_LRS is set but HATUA_TEST_LRS_URL/_USER/_PASSWORD are not"
            );
            eprintln!(
                "SKIPPED {test}: no LRS to test against (set HATUA_TEST_LRS_URL, _USER and \
                 _PASSWORD, as .ci/run does after starting Ralph)"
            );
            None
        }
    }
}

pub struct RealLrs {
    pub url: String,
    pub user: String,
    pub password: String,
}

impl RealLrs {
    /// Every statement the LRS holds, following `more` from page to page.
    pub fn all_statements(&self) -> Vec<Value> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let auth = {
            use base64::Engine;
            let b64 = base64::engine::general_purpose::STANDARD;
            format!(
                "Basic {}",
                b64.encode(format!("{}:{}", self.user, self.password))
            )
        };
        // `more` is a path from the server's root.
        let root = {
            let after_scheme = self.url.find("://").unwrap() + 3;
            let end = self.url[after_scheme..]
                .find('/')
                .map_or(self.url.len(), |i| after_scheme + i);
            self.url[..end].to_string()
        };
        let mut next = format!("{}/statements?limit=100", self.url);
        let mut all = Vec::new();
        loop {
            let mut response = agent
                .get(&next)
                .header("X-Experience-API-Version", "1.0.3")
                .header("Authorization", &auth)
                .call()
                .expect("the LRS answers");
            assert_eq!(response.status().as_u16(), 200, "GET {next}");
            let text = response
                .body_mut()
                .read_to_string()
                .expect("a page of statements");
            let page: Value = serde_json::from_str(&text).expect("a page of statements");
            let statements = page["statements"].as_array().expect("statements").clone();
            let empty = statements.is_empty();
            all.extend(statements);
            match page["more"].as_str() {
                Some(more) if !more.is_empty() && !empty => next = format!("{root}{more}"),
                _ => break,
            }
        }
        all
    }

    /// The ids of the statements the LRS holds from the site `site_id`, in the order it
    /// returns them (repeats kept: a statement stored twice would show twice).
    pub fn ids_of_site(&self, site_id: &str) -> Vec<String> {
        self.all_statements()
            .into_iter()
            .filter(|s| {
                s["context"]["extensions"][hatua::harvest::statements::EXT_SITE].as_str()
                    == Some(site_id)
            })
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    }
}

/// What the scripted LRS does with one POST: it sees the request's number (from 0) and
/// the statements in it.
pub enum Reply {
    /// Stores them: 200 with their ids.
    Store,
    /// Answers this status and body, storing nothing.
    Status(u16, String),
    /// Closes the connection without a word.
    Hang,
}

type Script = Box<dyn Fn(usize, &[Value]) -> Reply + Send + Sync>;

/// An LRS on 127.0.0.1 that answers as its script says.
pub struct FakeLrs {
    pub url: String,
    /// Every statement it stored, in order.
    pub stored: Arc<Mutex<Vec<Value>>>,
    /// How many POSTs it got.
    pub posts: Arc<Mutex<usize>>,
    script: Arc<Mutex<Script>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    port: u16,
}

impl FakeLrs {
    pub fn start(script: impl Fn(usize, &[Value]) -> Reply + Send + Sync + 'static) -> FakeLrs {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stored = Arc::new(Mutex::new(Vec::new()));
        let posts = Arc::new(Mutex::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let script: Arc<Mutex<Script>> = Arc::new(Mutex::new(Box::new(script)));
        let thread = {
            let (stored, posts, stop) = (stored.clone(), posts.clone(), stop.clone());
            let script = script.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (stored, posts, script) = (stored.clone(), posts.clone(), script.clone());
                    std::thread::spawn(move || serve(stream, &stored, &posts, &script));
                }
            })
        };
        FakeLrs {
            url: format!("http://127.0.0.1:{port}/xAPI"),
            stored,
            posts,
            script,
            stop,
            thread: Some(thread),
            port,
        }
    }

    /// From now on, answers as `script` says.
    pub fn set(&self, script: impl Fn(usize, &[Value]) -> Reply + Send + Sync + 'static) {
        *self.script.lock().unwrap() = Box::new(script);
    }

    pub fn stored_ids(&self) -> Vec<String> {
        self.stored
            .lock()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    }
}

impl Drop for FakeLrs {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers the requests of one connection, one after another, until it closes.
fn serve(
    stream: TcpStream,
    stored: &Mutex<Vec<Value>>,
    posts: &Mutex<usize>,
    script: &Mutex<Script>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut length = 0;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let (status, answer) = if request_line.starts_with("GET") {
            (200, r#"{"statements":[]}"#.to_string())
        } else {
            let batch: Vec<Value> = serde_json::from_slice(&body).unwrap_or_default();
            let n = {
                let mut p = posts.lock().unwrap();
                *p += 1;
                *p - 1
            };
            let reply = (script.lock().unwrap())(n, &batch);
            match reply {
                Reply::Store => {
                    let ids: Vec<&str> = batch.iter().filter_map(|s| s["id"].as_str()).collect();
                    let answer = serde_json::to_string(&ids).unwrap();
                    stored.lock().unwrap().extend(batch.iter().cloned());
                    (200, answer)
                }
                Reply::Status(status, body) => (status, body),
                Reply::Hang => return,
            }
        };
        let response = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{answer}",
            answer.len()
        );
        if out.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}
