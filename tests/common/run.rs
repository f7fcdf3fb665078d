//! Running the built binary as a script or a person at a shell would: every stream a pipe,
//! standard input written and closed (never a terminal), the output drained by two threads
//! so the child never blocks, and a hang guard.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// A hang guard, not a performance assertion: every command finishes in well under a
/// second, even with two dozen of them sharing two cores.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// `hatua --data-dir <data> args…`, with `HATUA_DATA_DIR` unset so that only the flag counts.
pub fn with_data_dir(data: &std::path::Path, args: &[&str]) -> Command {
    let mut command = Command::new(super::HATUA);
    command
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("HATUA_DATA_DIR")
        // English, whatever the machine running the tests is set to (a certificate for a
        // learner without a language follows the locale).
        .env("LANG", "C.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

/// What a finished `hatua` did.
pub struct Run {
    pub what: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// Both streams exactly as written, for checks on bytes a terminal would act on.
    pub raw: Vec<u8>,
}

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// The command and both streams, for failure messages.
    pub fn dump(&self) -> String {
        format!(
            "`{}` exited with {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.what, self.status, self.stdout, self.stderr
        )
    }

    /// A user never sees a panic, a backtrace or an internal error.
    pub fn assert_no_panic(&self) {
        for s in [&self.stdout, &self.stderr] {
            assert!(
                !s.contains("panicked")
                    && !s.contains("RUST_BACKTRACE")
                    && !s.contains("internal error"),
                "a user must never see a panic:\n{}",
                self.dump()
            );
        }
    }

    /// Exit 0, whatever it said on stderr (for programs other than Hatua: dpkg, chroot).
    pub fn assert_exit_0(&self) -> &Self {
        assert_eq!(self.code(), Some(0), "{}", self.dump());
        self
    }

    /// Standard output says each of `words`.
    pub fn assert_says(&self, words: &[&str]) -> &Self {
        for word in words {
            assert!(
                self.stdout.contains(word),
                "stdout does not say `{word}`:\n{}",
                self.dump()
            );
        }
        self
    }

    /// Exit 0 and nothing on stderr.
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code(), Some(0), "{}", self.dump());
        assert!(
            self.stderr.is_empty(),
            "nothing on stderr:\n{}",
            self.dump()
        );
        self
    }

    /// Failed with exit code 1 (not a signal, not a crash), printed nothing on stdout, and
    /// said one `hatua: …` sentence on stderr containing every one of `words`.
    pub fn assert_refused(&self, words: &[&str]) -> &Self {
        assert_eq!(self.code(), Some(1), "{}", self.dump());
        assert!(
            self.stdout.is_empty(),
            "nothing on stdout:\n{}",
            self.dump()
        );
        assert!(self.stderr.starts_with("hatua: "), "{}", self.dump());
        assert_eq!(
            self.stderr.lines().count(),
            1,
            "one sentence:\n{}",
            self.dump()
        );
        for word in words {
            assert!(
                self.stderr.contains(word),
                "stderr does not say `{word}`:\n{}",
                self.dump()
            );
        }
        self
    }

    /// Neither stream holds a byte sequence a terminal would act on: an escape, a control
    /// character other than newline and tab, a C1 control or a bidi control.
    pub fn assert_terminal_safe(&self) -> &Self {
        let b = &self.raw;
        for (i, &c) in b.iter().enumerate() {
            let bad = match c {
                b'\n' | b'\t' => false,
                0..=0x1f | 0x7f => true,
                0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
                0xe2 => matches!(
                    (b.get(i + 1), b.get(i + 2)),
                    (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
                ),
                _ => false,
            };
            assert!(
                !bad,
                "byte {i} ({c:#04x}) would reach the terminal raw:\n{}",
                self.dump()
            );
        }
        self
    }

    /// Neither stream shows `secret`.
    pub fn assert_silent_about(&self, secret: &str) {
        assert!(
            !self.stdout.contains(secret) && !self.stderr.contains(secret),
            "the secret `{secret}` was printed:\n{}",
            self.dump()
        );
    }
}

/// A started `hatua`, its output being drained.
pub struct Pending {
    what: String,
    child: Child,
    stdout: JoinHandle<Vec<u8>>,
    stderr: JoinHandle<Vec<u8>>,
}

fn drain(mut stream: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        stream
            .read_to_end(&mut buf)
            .expect("read the child's output");
        buf
    })
}

/// Starts `command` with pipes for all three streams, writes `stdin` and closes it.
pub fn start(mut command: Command, stdin: &str) -> Pending {
    let program = command.get_program().to_string_lossy().into_owned();
    let what = std::iter::once(if program == super::HATUA {
        "hatua".into()
    } else {
        program
    })
    .chain(command.get_args().map(|a| a.to_string_lossy().into_owned()))
    .collect::<Vec<_>>()
    .join(" ");
    let mut child = command
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the hatua binary starts");
    let mut input = child.stdin.take().expect("piped stdin");
    // A child that exits without reading closes the pipe; that is its business, not an error.
    input.write_all(stdin.as_bytes()).ok();
    drop(input);
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    Pending {
        what,
        child,
        stdout,
        stderr,
    }
}

impl Pending {
    /// Waits for the child, killing it and failing if it takes longer than [`TIMEOUT`];
    /// fails too if it showed a panic.
    pub fn finish(self) -> Run {
        let run = self.finish_even_a_crash();
        run.assert_no_panic();
        run
    }

    /// [`Pending::finish`] with a longer guard, for slow programs (dpkg, a copy of a root).
    pub fn finish_within(self, guard: Duration) -> Run {
        let run = self.finish_guarded(guard);
        run.assert_no_panic();
        run
    }

    /// [`Pending::finish`] for the tests that make the program crash on purpose.
    pub fn finish_even_a_crash(self) -> Run {
        self.finish_guarded(TIMEOUT)
    }

    fn finish_guarded(mut self, guard: Duration) -> Run {
        let deadline = Instant::now() + guard;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("waiting for hatua") {
                break status;
            }
            if Instant::now() > deadline {
                self.child.kill().ok();
                self.child.wait().ok();
                panic!("`{}` did not finish within {guard:?}", self.what);
            }
            thread::sleep(Duration::from_millis(5));
        };
        let out = self.stdout.join().expect("reader thread");
        let err = self.stderr.join().expect("reader thread");
        Run {
            what: self.what,
            status,
            stdout: String::from_utf8_lossy(&out).into_owned(),
            stderr: String::from_utf8_lossy(&err).into_owned(),
            raw: [out, err].concat(),
        }
    }
}

/// Runs `command` to its end with `stdin` as its input.
pub fn run(command: Command, stdin: &str) -> Run {
    start(command, stdin).finish()
}
