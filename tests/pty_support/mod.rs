//! The real binary in a real pseudo-terminal: start it, type keys and
//! pastes, send it signals, read the screen back. Shared by the end-to-end
//! tests (the same harness as `e2e/pty.rs`, with signals and pastes).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for anything: the machine is shared and slow.
pub const WAIT: Duration = Duration::from_secs(20);

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

pub struct Tui {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
}

impl Tui {
    pub fn start(home: &Path, args: &[&str]) -> Tui {
        Tui::start_with(home, args, &[])
    }

    pub fn start_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
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
        let child = pty.slave.spawn_command(cmd).expect("rungs starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(30), nz(100), 0)));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = sink.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        Tui {
            child,
            writer,
            screen,
            master: pty.master,
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

    /// Waits until `text` has left the screen: after an Esc, so that the next
    /// key is never read together with it as an Alt chord on a busy machine.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} gone from the screen"), || {
            !self.contents().contains(text)
        });
    }

    pub fn wait_until(&self, what: &str, done: impl Fn() -> bool) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if done() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never happened: {what}; the screen:\n{}", self.contents());
    }

    /// Types keys one by one, pausing so an Esc is never read as Alt.
    pub fn keys(&mut self, keys: &[&str]) {
        for key in keys {
            self.write(key);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn write(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("typing");
        self.writer.flush().expect("typing");
    }

    /// A bracketed paste, as a terminal sends it.
    pub fn paste(&mut self, text: &str) {
        self.write(&format!("\u{1b}[200~{text}\u{1b}[201~"));
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

    /// The process state letter from /proc (`T` when stopped).
    pub fn state(&self) -> char {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .unwrap_or('?')
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().expect("waiting") {
                // Let the reader take in the last bytes written before the exit.
                std::thread::sleep(Duration::from_millis(150));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("rungs did not exit; the screen:\n{}", self.contents());
    }

    pub fn alternate_screen(&self) -> bool {
        self.screen
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
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
