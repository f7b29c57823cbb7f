//! The one harness that runs the real binary in a real pseudo-terminal:
//! start it, type keys and pastes, resize, send signals, read the emulated
//! screen back. Used by the end-to-end tests, the calibration grid's tests
//! and the pty benches; nothing else opens a pseudo-terminal.
//!
//! Nothing here sleeps for a fixed time. Every wait is for a condition (a
//! text on screen, a file, the process state, a key read by rungs) and ends
//! in a failure after the one limit, `timeout()` (`RUNGS_TEST_TIMEOUT`).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

#[path = "../timeout/mod.rs"]
mod limit;
pub use limit::timeout;

/// The limit when `RUNGS_TEST_TIMEOUT` is not set; waits use `timeout()`.
pub const WAIT: Duration = limit::DEFAULT_TIMEOUT;

/// How often a wait looks again at a condition no output announces (a
/// file, the process state) while nothing is printed.
const LOOK_AGAIN: Duration = Duration::from_millis(10);

pub const ESC: &str = "\u{1b}";
pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const CTRL_R: &str = "\u{12}";
pub const CTRL_U: &str = "\u{15}";
pub const CTRL_Z: &str = "\u{1a}";
/// The note editor's bottom line, on screen while it is open.
pub const EDITOR_HINT: &str = "Esc close and keep";

/// Answers every setup question, so the assessment opens at once.
pub const NEW_PROFILE: [&str; 9] = [
    "assess",
    "--name",
    "Pat Tester",
    "--framework",
    "vaarst",
    "--craft",
    "devops-engineer",
    "--level",
    "level-4",
];

/// What the reader thread has taken in so far: waits wake on each chunk.
#[derive(Default)]
struct Output {
    chunks: u64,
    /// The terminal's other side is closed: every byte rungs wrote is on
    /// the screen.
    closed: bool,
}

type Shared = Arc<(Mutex<Output>, Condvar)>;

pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    output: Shared,
    /// The terminal rungs reads its keys from, to see whether it took them.
    tty: PathBuf,
    /// Just before the process was started (the benches time from here).
    pub spawned: Instant,
}

impl Tui {
    pub fn start(home: &Path, args: &[&str]) -> Tui {
        Tui::start_with(home, args, &[])
    }

    pub fn start_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Tui {
        Tui::start_sized(home, args, env, 30, 100)
    }

    /// Starts rungs in a `rows` × `cols` terminal, with `RUNGS_HOME`, `HOME`
    /// and `TMPDIR` in `home` and `env` on top.
    pub fn start_sized(
        home: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rungs"));
        cmd.args(args);
        cmd.env("RUNGS_HOME", home);
        cmd.env("HOME", home);
        cmd.env("TMPDIR", home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("USER", "tester");
        cmd.env("GIT_CONFIG_NOSYSTEM", "1");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("VISUAL");
        cmd.env_remove("EDITOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(home);
        let tty = pty.master.tty_name().expect("the terminal's name");
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let output: Shared = Arc::default();
        let (sink, told) = (Arc::clone(&screen), Arc::clone(&output));
        let spawned = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("rungs starts");
        // Only rungs holds the terminal's other side now, so the reader
        // sees its end when rungs (and whatever it started) has exited.
        drop(pty.slave);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                if n > 0
                    && let Ok(mut parser) = sink.lock()
                {
                    parser.process(&buf[..n]);
                }
                let (lock, wake) = &*told;
                if let Ok(mut out) = lock.lock() {
                    out.chunks += 1;
                    out.closed = n == 0;
                }
                wake.notify_all();
                if n == 0 {
                    break;
                }
            }
        });
        Tui {
            child,
            writer,
            screen,
            master: pty.master,
            output,
            tty,
            spawned,
        }
    }

    /// Resizes the pseudo-terminal and the screen reading it as one step.
    pub fn resize(&self, rows: u16, cols: u16) {
        let mut parser = self.screen.lock().expect("the screen");
        parser.screen_mut().set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), || {
            self.contents().contains(text)
        });
    }

    /// Waits until a row of the screen holds `text`; gives the row's number
    /// and text. (A frame can be on screen in part: wait for what you read.)
    pub fn wait_for_line(&self, text: &str) -> (usize, String) {
        self.wait_for(text);
        self.contents()
            .lines()
            .enumerate()
            .find(|(_, line)| line.contains(text))
            .map(|(row, line)| (row, line.to_owned()))
            .unwrap_or_else(|| panic!("{text:?} within one row; the screen:\n{}", self.contents()))
    }

    /// Waits until the bottom row has text. A frame drawn on a blank screen
    /// (the first one, or the first after a resize) is written top to
    /// bottom, so all of it is then on screen: what is absent is absent
    /// from the frame, not yet to come.
    pub fn wait_whole_frame(&self) {
        self.wait_until("the bottom row drawn", || {
            self.screen.lock().is_ok_and(|p| {
                let (_, cols) = p.screen().size();
                p.screen()
                    .rows(0, cols.get())
                    .last()
                    .is_some_and(|row| !row.trim().is_empty())
            })
        });
    }

    /// Waits until `text` has left the screen (a dialog or the editor closed).
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} gone from the screen"), || {
            !self.contents().contains(text)
        });
    }

    /// Waits until `done`, looking again on every output of rungs and at
    /// least every few milliseconds (for files and processes); fails after
    /// `timeout()` saying `what` never happened, with the screen.
    pub fn wait_until(&self, what: &str, done: impl Fn() -> bool) {
        let deadline = Instant::now() + timeout();
        loop {
            let seen = self.chunks();
            if done() {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                panic!(
                    "never happened within {:?} (RUNGS_TEST_TIMEOUT): {what}; the screen:\n{}",
                    timeout(),
                    self.contents()
                );
            }
            self.next_output(seen, (deadline - now).min(LOOK_AGAIN));
        }
    }

    /// Types keys one at a time as a person does: each is sent when rungs
    /// has read the one before, so an Esc is never read together with the
    /// next key (which a terminal program takes for Alt and that key).
    pub fn keys(&mut self, keys: &[&str]) {
        for key in keys {
            self.write(key);
            self.wait_read(key);
        }
    }

    /// Writes bytes as they are, without waiting for rungs to read them:
    /// for input that must arrive in one piece.
    pub fn write(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("typing");
        self.writer.flush().expect("typing");
    }

    /// A bracketed paste, as a terminal sends it, read by rungs.
    pub fn paste(&mut self, text: &str) {
        self.write(&format!("\u{1b}[200~{text}\u{1b}[201~"));
        self.wait_read("the paste");
    }

    /// Waits until rungs has read everything typed (or has ended: keys
    /// typed after its last read stay unread).
    fn wait_read(&self, what: &str) {
        self.wait_until(&format!("rungs reads {what:?}"), || {
            !self.input_waiting() || self.ended()
        });
    }

    /// True while typed bytes wait in the terminal for rungs to read them.
    /// Asked with `poll` on the terminal's side rungs reads: unlike
    /// FIONREAD, Linux's `poll` first moves bytes still in transit from our
    /// side into the queue, so a key just written is never missed.
    fn input_waiting(&self) -> bool {
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
            .open(&self.tty)
            .unwrap_or_else(|e| panic!("{}: {e}", self.tty.display()));
        let mut asked = libc::pollfd {
            fd: tty.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd for an open descriptor, and no waiting.
        let ready = unsafe { libc::poll(&mut asked, 1, 0) };
        assert!(ready >= 0, "poll: {}", std::io::Error::last_os_error());
        asked.revents & libc::POLLIN != 0
    }

    /// True once rungs has exited (a zombie until `wait_exit` reaps it).
    fn ended(&self) -> bool {
        matches!(self.state(), 'Z' | 'X' | '?')
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Sends a signal (`HUP`, `TERM`, `TSTP`, ...) from outside.
    pub fn signal(&self, name: &str) {
        let sent = std::process::Command::new("kill")
            .args([&format!("-{name}"), &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -{name}");
    }

    /// The process state letter from /proc (`T` when stopped, `Z` when it
    /// has exited and is not reaped yet, `?` when it is gone).
    pub fn state(&self) -> char {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .unwrap_or('?')
    }

    /// Waits for rungs to exit and for every byte it wrote to be on the
    /// screen (the reader has reached the terminal's end).
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout();
        let status = loop {
            let seen = self.chunks();
            if let Some(status) = self.child.try_wait().expect("waiting") {
                break status;
            }
            let now = Instant::now();
            if now >= deadline {
                let _ = self.child.kill();
                panic!(
                    "rungs did not exit within {:?} (RUNGS_TEST_TIMEOUT); the screen:\n{}",
                    timeout(),
                    self.contents()
                );
            }
            self.next_output(seen, (deadline - now).min(LOOK_AGAIN));
        };
        self.wait_until("the last output of rungs read", || self.closed());
        status
    }

    pub fn alternate_screen(&self) -> bool {
        self.screen
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    }

    fn chunks(&self) -> u64 {
        self.output.0.lock().map(|o| o.chunks).unwrap_or_default()
    }

    fn closed(&self) -> bool {
        self.output.0.lock().map(|o| o.closed).unwrap_or(true)
    }

    /// Blocks until the reader takes in output after the `seen`th chunk, or
    /// `at_most` has passed.
    fn next_output(&self, seen: u64, at_most: Duration) {
        let (lock, wake) = &*self.output;
        if let Ok(out) = lock.lock() {
            let _ = wake.wait_timeout_while(out, at_most, |o| o.chunks == seen);
        }
    }
}

impl Drop for Tui {
    /// A failed test never leaves a rungs behind.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("not zero")
}

/// One rungs session: start it, wait for `ready`, type `keys` and leave
/// with `q`, asserting it exits well. Between the keys, `wait:TEXT` waits
/// for a text on screen and `gone:TEXT` for it to leave (after answering a
/// question: keys read with the answer, before the screen below is back,
/// are not used).
pub fn session(home: &Path, args: &[&str], ready: &str, keys: &[&str]) {
    let mut tui = Tui::start(home, args);
    tui.wait_for(ready);
    for key in keys {
        if let Some(text) = key.strip_prefix("wait:") {
            tui.wait_for(text);
        } else if let Some(text) = key.strip_prefix("gone:") {
            tui.wait_gone(text);
        } else {
            tui.keys(&[key]);
        }
    }
    tui.keys(&["q"]);
    let status = tui.wait_exit();
    assert!(status.success(), "{args:?}: {status:?}\n{}", tui.contents());
}
