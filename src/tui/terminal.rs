//! The real terminal: ratatui owns it (raw mode, alternate screen, a panic
//! hook that restores it); SIGTERM and SIGHUP become a quit, so they leave
//! through the same door as `q`, with everything already saved.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

use super::Events;

pub struct TerminalEvents {
    stop: Arc<AtomicBool>,
}

impl TerminalEvents {
    /// Listens for SIGTERM and SIGHUP. The loop sees the flag and quits
    /// through the normal door; if it cannot (a hung-up terminal can keep the
    /// input reader busy), the process restores the terminal and leaves
    /// anyway after a grace period: every change is already saved.
    pub fn new() -> Result<TerminalEvents> {
        let stop = Arc::new(AtomicBool::new(false));
        let mut signals = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
        ])
        .context("cannot listen for signals")?;
        let flag = Arc::clone(&stop);
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                flag.store(true, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(800));
                ratatui::restore();
                std::process::exit(0);
            }
        });
        Ok(TerminalEvents { stop })
    }
}

impl Events for TerminalEvents {
    fn next(&mut self) -> io::Result<Option<Event>> {
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            // Wake up now and then to notice a signal.
            if event::poll(Duration::from_millis(200))? {
                return event::read().map(Some);
            }
        }
    }

    fn edit_externally(&mut self, text: &str) -> Result<Option<String>> {
        let editor = std::env::var("VISUAL")
            .ok()
            .filter(|e| !e.trim().is_empty())
            .or_else(|| {
                std::env::var("EDITOR")
                    .ok()
                    .filter(|e| !e.trim().is_empty())
            })
            .unwrap_or_else(|| "vi".to_owned());
        let mut file = tempfile::Builder::new()
            .prefix("rungs-note-")
            .suffix(".md")
            .tempfile()?;
        file.write_all(text.as_bytes())?;
        file.flush()?;
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("vi");
        ratatui::try_restore()?;
        let status = std::process::Command::new(program)
            .args(words)
            .arg(file.path())
            .status();
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
        let status = status.with_context(|| format!("cannot start `{editor}`"))?;
        if !status.success() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(file.path())?;
        Ok(Some(text))
    }
}

/// Runs `f` with the terminal in raw mode on the alternate screen, and
/// restores it afterwards whatever happens (a panic is restored by
/// ratatui's hook).
pub fn with_terminal<R>(
    f: impl FnOnce(&mut ratatui::DefaultTerminal, &mut TerminalEvents) -> Result<R>,
) -> Result<R> {
    let mut events = TerminalEvents::new()?;
    let mut terminal =
        ratatui::try_init().context("rungs needs an interactive terminal for this command")?;
    let result = f(&mut terminal, &mut events);
    ratatui::restore();
    result
}
