//! The real terminal: ratatui owns it (raw mode, alternate screen, a panic
//! hook that restores it), with bracketed paste on. Every signal that ends
//! rungs (SIGTERM, SIGHUP, SIGINT, SIGQUIT) becomes the loop's stop, so it
//! leaves through the same door as `q`: the note being typed is saved and
//! the terminal restored. SIGTSTP (`kill -TSTP`, or `Ctrl-Z` read as a key)
//! suspends: the terminal is restored (the cursor shown), the process
//! stops, and on `fg` it takes the terminal back and redraws. A signal to
//! end while `$EDITOR` is open ends the editor first, and what it wrote so
//! far is saved.

use std::io::{self, Write};
use std::process::{Child, ExitStatus};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use super::external::editor_command;
use super::{Events, Input};

/// How long the loop may wait for input before it is told the person paused
/// (when a note being typed is saved).
pub const IDLE: Duration = Duration::from_millis(200);

/// How long the loop has to leave after a signal before the process
/// restores the terminal and leaves on its own.
const GRACE: Duration = Duration::from_secs(3);

/// How long an editor asked to end (a signal ends rungs) has before it is
/// killed: well inside [`GRACE`], so what it wrote is still saved.
const EDITOR_GRACE: Duration = Duration::from_secs(1);

/// How long the rest of an input burst may take to arrive once it has
/// begun: it is read before the next frame, not one chunk per frame.
const BURST: Duration = Duration::from_millis(1);

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
        // A zero timeout would only hand out what crossterm has parsed
        // already: a moment lets it read the rest of a burst from the terminal.
        if self.stop.load(Ordering::Relaxed) || !event::poll(BURST)? {
            return Ok(None);
        }
        event::read().map(Some)
    }

    fn edit_externally(&mut self, text: &str) -> Result<Option<String>> {
        let visual = std::env::var("VISUAL").ok();
        let editor = std::env::var("EDITOR").ok();
        let command = editor_command(visual.as_deref(), editor.as_deref())
            .map_err(|why| anyhow!("Cannot run the editor: {why}."))?;
        // Removed when this returns, whichever way the editor ended.
        let mut file = tempfile::Builder::new()
            .prefix("rungs-note-")
            .suffix(".md")
            .tempfile()?;
        file.write_all(text.as_bytes())?;
        file.flush()?;
        restore();
        let child = std::process::Command::new(&command.program)
            .args(&command.args)
            .arg(file.path())
            .spawn();
        let ended = child.and_then(|child| wait_for_editor(child, &self.stop));
        let back = take_back();
        let status = ended.map_err(|err| {
            anyhow!(
                "Cannot start the editor `{}` (from {}): {err}. Set $VISUAL or $EDITOR to your editor's command.",
                command.written,
                command.from
            )
        })?;
        let text = std::fs::read_to_string(file.path())?;
        match status {
            // Leaving: what the editor wrote so far is the note, even when
            // the terminal is gone and cannot be taken back.
            Ended::Stopped => Ok(Some(text)),
            Ended::Exited(status) => {
                back?;
                Ok(status.success().then_some(text))
            }
        }
    }

    fn suspend(&mut self) -> Result<()> {
        restore();
        // Stops the process here, as the terminal's Ctrl-Z would have; `fg`
        // (SIGCONT) continues from this line.
        signal_hook::low_level::emulate_default_handler(SIGTSTP).context("cannot suspend")?;
        take_back()
    }
}

/// How the external editor ended.
enum Ended {
    Exited(ExitStatus),
    /// rungs was asked to end while the editor was open, and ended it.
    Stopped,
}

/// Waits for the editor to end, or for a signal asking rungs to end: then
/// the editor is asked to end too (and killed if it does not in time). An
/// editor that ended on the same hang-up as rungs counts as stopped.
fn wait_for_editor(mut child: Child, stop: &AtomicBool) -> io::Result<Ended> {
    loop {
        if let Some(status) = child.try_wait()? {
            if stop.load(Ordering::Relaxed) {
                return Ok(Ended::Stopped);
            }
            return Ok(Ended::Exited(status));
        }
        if stop.load(Ordering::Relaxed) {
            end_editor(&mut child);
            return Ok(Ended::Stopped);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn end_editor(child: &mut Child) {
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: a plain kill(2) of our own child, which has not been
        // waited for yet, so its pid is still its own.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
    }
    let asked = Instant::now();
    while asked.elapsed() < EDITOR_GRACE {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Gives the terminal back as it was: cooked mode, main screen, the
/// cursor shown, no bracketed paste, no mouse reports. Safe to call more
/// than once.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        Show
    );
    ratatui::restore();
}

/// Takes the terminal again after an editor or a suspend, on a blank screen.
fn take_back() -> Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        Hide,
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
