//! The real terminal: ratatui owns it (raw mode, alternate screen, a panic
//! hook that restores it), with bracketed paste on. Every signal that ends
//! rungs (SIGTERM, SIGHUP, SIGINT, SIGQUIT) becomes the loop's stop, so it
//! leaves through the same door as `q`: the note being typed is saved and
//! the terminal restored. SIGTSTP (`kill -TSTP`, or `Ctrl-Z` read as a key)
//! suspends: the terminal is restored, the process stops, and on `fg` it
//! takes the terminal back and redraws.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use super::{Events, Input};

/// How long the loop may wait for input before it is told the person paused
/// (when a note being typed is saved).
pub const IDLE: Duration = Duration::from_millis(200);

/// How long the loop has to leave after a signal before the process
/// restores the terminal and leaves on its own.
const GRACE: Duration = Duration::from_secs(3);

pub struct TerminalEvents {
    stop: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
}

impl TerminalEvents {
    pub fn new() -> Result<TerminalEvents> {
        let stop = Arc::new(AtomicBool::new(false));
        let suspend = Arc::new(AtomicBool::new(false));
        let mut signals =
            signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])
                .context("cannot listen for signals")?;
        let (on_stop, on_suspend) = (Arc::clone(&stop), Arc::clone(&suspend));
        std::thread::spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    on_suspend.store(true, Ordering::Relaxed);
                    continue;
                }
                on_stop.store(true, Ordering::Relaxed);
                // The loop notices within IDLE; should it not leave in time
                // (a hung-up terminal can block output), leave anyway: every
                // change but the last fraction of a second is already saved.
                std::thread::sleep(GRACE);
                restore();
                std::process::exit(crate::error::EXIT_FAILURE);
            }
        });
        Ok(TerminalEvents { stop, suspend })
    }
}

impl Events for TerminalEvents {
    fn next(&mut self) -> io::Result<Input> {
        if self.stop.load(Ordering::Relaxed) {
            return Ok(Input::Stop);
        }
        if self.suspend.swap(false, Ordering::Relaxed) {
            return Ok(Input::Suspend);
        }
        if event::poll(IDLE)? {
            return event::read().map(Input::Event);
        }
        Ok(Input::Idle)
    }

    fn ready(&mut self) -> io::Result<Option<event::Event>> {
        if self.stop.load(Ordering::Relaxed) || !event::poll(Duration::ZERO)? {
            return Ok(None);
        }
        event::read().map(Some)
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
        restore();
        let status = std::process::Command::new(program)
            .args(words)
            .arg(file.path())
            .status();
        take_back()?;
        let status = status.with_context(|| format!("cannot start `{editor}`"))?;
        if !status.success() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(file.path())?;
        Ok(Some(text))
    }

    fn suspend(&mut self) -> Result<()> {
        restore();
        // Stops the process here, as the terminal's Ctrl-Z would have; `fg`
        // (SIGCONT) continues from this line.
        signal_hook::low_level::emulate_default_handler(SIGTSTP).context("cannot suspend")?;
        take_back()
    }
}

/// Gives the terminal back as it was: cooked mode, main screen, no
/// bracketed paste, no mouse reports. Safe to call more than once.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// Takes the terminal again after an editor or a suspend, on a blank screen.
fn take_back() -> Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    if MOUSE.load(Ordering::Relaxed) {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Whether this session asked for mouse reports (`--no-mouse` turns them off).
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Runs `f` with the terminal in raw mode on the alternate screen, and
/// restores it afterwards whatever happens (a panic too: ratatui's hook
/// restores the screen, and ours turns bracketed paste off first).
pub fn with_terminal<R>(
    mouse: bool,
    f: impl FnOnce(&mut ratatui::DefaultTerminal, &mut TerminalEvents) -> Result<R>,
) -> Result<R> {
    let mut events = TerminalEvents::new()?;
    let mut terminal =
        ratatui::try_init().context("rungs needs an interactive terminal for this command")?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        hook(info);
    }));
    execute!(io::stdout(), EnableBracketedPaste)?;
    MOUSE.store(mouse, Ordering::Relaxed);
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    let result = f(&mut terminal, &mut events);
    restore();
    result
}
