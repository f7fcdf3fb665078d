//! A Learning Record Store as xAPI 1.0.3 describes it, as far as Hatua needs one: `POST
//! {URL}/statements` with a batch of statements, basic auth and the version header, and
//! what its answer means.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

/// The xAPI version Hatua's statements follow.
pub const XAPI_VERSION: &str = "1.0.3";

/// Longer than any LRS takes to store a batch, short enough that a dead link is noticed.
const TIMEOUT: Duration = Duration::from_secs(120);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// An LRS's answer to a batch is a list of ids or an error: a few hundred kilobytes at most.
const MAX_ANSWER_BYTES: u64 = 8 * 1024 * 1024;

const NO_SUCH_HOST: &str =
    "no computer has that name (check the address, and that this computer is online)";

/// An LRS, by its address and login.
pub struct Lrs {
    /// The address as given, without a trailing slash: `https://lrs.example.org/xAPI`.
    pub url: String,
    pub user: String,
    authorization: String,
    agent: ureq::Agent,
}

/// What the LRS made of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Stored: the ids it stored now (those of the batch it does not list, it held already).
    Stored(Vec<String>),
    /// Every statement was there already (204).
    AllThere,
    /// It refused the batch (400, 409, 413, 422): one of its statements, or its size.
    Refused { status: u16, reason: String },
}

/// Why a batch could not be given to the LRS at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LrsError {
    #[error(
        "the address {url} is not one an LRS can have: {message}. It looks like \
         https://lrs.example.org/xAPI"
    )]
    BadUrl { url: String, message: String },
    #[error(
        "the LRS at {url} refused the login of “{user}” (HTTP {status}): check the user name \
         and the password (the LRS's key and secret)"
    )]
    Login {
        url: String,
        user: String,
        status: u16,
    },
    #[error(
        "{url}/statements answered HTTP {status}: there is no LRS at that address. Check it: \
         it is the address of the LRS's xAPI endpoint, often ending in /xAPI or /data/xAPI"
    )]
    WrongUrl { url: String, status: u16 },
    #[error("the LRS at {url} had a problem of its own (HTTP {status}): {reason}")]
    Server {
        url: String,
        status: u16,
        reason: String,
    },
    #[error("cannot reach the LRS at {url}: {message}")]
    Unreachable { url: String, message: String },
}

impl LrsError {
    /// Whether trying again later may succeed: a network or the LRS itself, not the
    /// address or the login.
    pub fn is_transient(&self) -> bool {
        matches!(self, LrsError::Server { .. } | LrsError::Unreachable { .. })
    }
}

impl Lrs {
    /// The LRS at `url` (http or https), logged in as `user`.
    pub fn new(url: &str, user: &str, password: &str) -> Result<Lrs, LrsError> {
        let url = url.trim().trim_end_matches('/').to_string();
        let bad = |message: &str| LrsError::BadUrl {
            url: url.clone(),
            message: message.to_string(),
        };
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| bad("it must begin with https:// (or http://)"))?;
        if rest.is_empty() || rest.starts_with('/') {
            return Err(bad("it names no computer"));
        }
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("it has spaces or control characters in it"));
        }
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .http_status_as_error(false)
            .user_agent(format!("hatua/{}", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Lrs {
            authorization: format!("Basic {}", B64.encode(format!("{user}:{password}"))),
            user: user.to_string(),
            url,
            agent: config.into(),
        })
    }

    /// Whether the password would cross the network unencrypted: plain http to another
    /// computer.
    pub fn in_clear(&self) -> bool {
        let host = self
            .url
            .strip_prefix("http://")
            .map(|r| r.split(['/', ':']).next().unwrap_or(""));
        host.is_some_and(|h| !matches!(h, "127.0.0.1" | "localhost" | "[::1]"))
    }

    /// Checks the address and the login before anything is sent, with the smallest read
    /// xAPI has (`GET statements?limit=1`). A key that may write but not read (403) passes:
    /// writing is all a sync does.
    pub fn check(&self) -> Result<(), LrsError> {
        let response = self
            .agent
            .get(format!("{}/statements?limit=1", self.url))
            .header("X-Experience-API-Version", XAPI_VERSION)
            .header("Authorization", &self.authorization)
            .call()
            .map_err(|e| self.unreachable(&e))?;
        let (status, text) = status_and_text(response);
        match status {
            200..=299 | 403 => Ok(()),
            _ => match self.answer(status, &text) {
                Err(e) => Err(e),
                Ok(_) => Err(LrsError::Server {
                    url: self.url.clone(),
                    status,
                    reason: short(&text),
                }),
            },
        }
    }

    /// Posts `body`, a JSON array of statements.
    pub fn post(&self, body: &[u8]) -> Result<Answer, LrsError> {
        let response = self
            .agent
            .post(format!("{}/statements", self.url))
            .header("X-Experience-API-Version", XAPI_VERSION)
            .header("Authorization", &self.authorization)
            .header("Content-Type", "application/json")
            .send(body)
            .map_err(|e| self.unreachable(&e))?;
        let (status, text) = status_and_text(response);
        self.answer(status, &text)
    }

    fn answer(&self, status: u16, text: &str) -> Result<Answer, LrsError> {
        match status {
            200 => {
                let ids: Vec<String> =
                    serde_json::from_str(text).map_err(|_| LrsError::Server {
                        url: self.url.clone(),
                        status,
                        reason: format!(
                            "its answer is not a list of statement ids: {}",
                            short(text)
                        ),
                    })?;
                Ok(Answer::Stored(
                    ids.into_iter().map(|i| i.to_lowercase()).collect(),
                ))
            }
            204 => Ok(Answer::AllThere),
            400 | 409 | 413 | 422 => Ok(Answer::Refused {
                status,
                reason: short(text),
            }),
            401 | 403 => Err(LrsError::Login {
                url: self.url.clone(),
                user: self.user.clone(),
                status,
            }),
            404 | 405 => Err(LrsError::WrongUrl {
                url: self.url.clone(),
                status,
            }),
            _ => Err(LrsError::Server {
                url: self.url.clone(),
                status,
                reason: short(text),
            }),
        }
    }

    fn unreachable(&self, e: &ureq::Error) -> LrsError {
        let message = match e {
            ureq::Error::HostNotFound => NO_SUCH_HOST.to_string(),
            // The system's resolver failing, as ureq reports it.
            ureq::Error::Io(io) if io.to_string().contains("lookup address") => {
                NO_SUCH_HOST.to_string()
            }
            ureq::Error::Timeout(_) => "it did not answer in time".to_string(),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                "nothing answers at that address (connection refused)".to_string()
            }
            ureq::Error::BadUri(_) => {
                return LrsError::BadUrl {
                    url: self.url.clone(),
                    message: e.to_string(),
                };
            }
            other => other.to_string(),
        };
        LrsError::Unreachable {
            url: self.url.clone(),
            message,
        }
    }
}

/// A response's status and its body as text (empty if it cannot be read).
fn status_and_text(response: ureq::http::Response<ureq::Body>) -> (u16, String) {
    let status = response.status().as_u16();
    let text = response
        .into_body()
        .with_config()
        .limit(MAX_ANSWER_BYTES)
        .read_to_string()
        .unwrap_or_default();
    (status, text)
}

/// An LRS's answer, short enough for one line and free of anything a terminal would act
/// on.
fn short(text: &str) -> String {
    let clean = crate::sanitize::clean_line(text);
    let mut s: String = clean.chars().take(300).collect();
    if clean.chars().count() > 300 {
        s.push('…');
    }
    if s.is_empty() {
        "no reason given".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_answers_read_as_xapi_says() {
        for bad in [
            "lrs.example.org",
            "ftp://x",
            "https://",
            "https:///xAPI",
            "https://a b",
        ] {
            assert!(
                matches!(Lrs::new(bad, "u", "p"), Err(LrsError::BadUrl { .. })),
                "{bad}"
            );
        }
        let lrs = Lrs::new("https://lrs.example.org/xAPI/", "key", "secret").unwrap();
        assert_eq!(lrs.url, "https://lrs.example.org/xAPI");
        assert_eq!(lrs.authorization, "Basic a2V5OnNlY3JldA==");
        assert!(!lrs.in_clear());
        assert!(
            Lrs::new("http://10.0.0.2/xAPI", "u", "p")
                .unwrap()
                .in_clear()
        );
        assert!(
            !Lrs::new("http://127.0.0.1:8100/xAPI", "u", "p")
                .unwrap()
                .in_clear()
        );
        assert_eq!(
            lrs.answer(200, r#"["AB-1","cd-2"]"#),
            Ok(Answer::Stored(vec!["ab-1".into(), "cd-2".into()]))
        );
        assert_eq!(lrs.answer(204, ""), Ok(Answer::AllThere));
        assert!(matches!(
            lrs.answer(409, "{\"detail\":\"Differing statements\u{1b}[2J\"}"),
            Ok(Answer::Refused { status: 409, reason }) if !reason.contains('\u{1b}')
        ));
        assert!(matches!(lrs.answer(401, ""), Err(LrsError::Login { .. })));
        assert!(matches!(
            lrs.answer(404, ""),
            Err(LrsError::WrongUrl { .. })
        ));
        let server = lrs.answer(503, "").unwrap_err();
        assert!(server.is_transient(), "{server}");
        assert!(!lrs.answer(401, "").unwrap_err().is_transient());
        assert!(matches!(
            lrs.answer(200, "<html>proxy login</html>"),
            Err(LrsError::Server { .. })
        ));
    }
}
