//! The interactive screens: state in [`app`], keys in [`keys`], drawing in
//! [`view`], and the loop here that ties them to a terminal and the store.
//! The loop is generic over the backend and the source of events, so tests
//! drive it with a `TestBackend` and a list of keys.

pub mod action;
pub mod app;
pub mod calibrate;
pub mod dialog;
pub mod entry;
pub mod keys;
pub mod layout;
pub mod note;
pub mod search;
pub mod session;
pub mod setup;
pub mod terminal;
pub mod theme;
pub mod view;

use std::io;
use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use app::{App, Effect};
use session::Session;
use setup::{Outcome, Setup};
use theme::Theme;

/// What the loop is handed next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    /// Nothing came for a moment: the person paused.
    Idle,
    /// A signal asks rungs to end.
    Stop,
    /// A signal asks rungs to suspend (SIGTSTP).
    Suspend,
}

/// Where input comes from: the terminal, or a test's script.
pub trait Events {
    /// The next input, waiting a moment at most (then `Idle`).
    fn next(&mut self) -> io::Result<Input>;

    /// An event already waiting, without waiting: a burst of input (a long
    /// paste) is taken in whole before the next frame is drawn.
    fn ready(&mut self) -> io::Result<Option<Event>>;

    /// Hands the terminal to `$VISUAL`/`$EDITOR` with `text`, and takes it
    /// back; `None` if the editor failed (the note is then unchanged).
    fn edit_externally(&mut self, text: &str) -> Result<Option<String>>;

    /// Hands the terminal back to the shell until the process is continued.
    fn suspend(&mut self) -> Result<()>;
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Everything is in the file.
    Saved,
    /// The person quit although these changes are not in the file.
    Unsaved(Vec<String>),
}

/// The note being typed reaches the file at most this long after a key.
const NOTE_SAVE_EVERY: Duration = Duration::from_secs(1);

/// Runs the setup until it is answered: false when the person quits.
pub fn run_setup<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn Events,
    setup: &mut Setup,
    profile_path: &str,
    theme: &Theme,
) -> Result<bool>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        terminal.draw(|frame| view::setup::draw(frame, setup, profile_path, theme))?;
        match events.next()? {
            Input::Stop => return Ok(false),
            Input::Suspend => {
                events.suspend()?;
                redraw_all(terminal)?;
            }
            Input::Event(Event::Key(key)) => match setup.handle_key(key) {
                Outcome::Continue => {}
                Outcome::Done => return Ok(true),
                Outcome::Quit => return Ok(false),
            },
            Input::Event(_) | Input::Idle => {}
        }
    }
}

/// The main loop: draw, take every input that is waiting, update, carry out
/// the effects; the note being typed is saved on a pause, at least every
/// second, and before leaving.
pub fn run_app<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn Events,
    app: &mut App,
    session: &mut Session,
    theme: &Theme,
) -> Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    let mut last_note_save = Instant::now();
    // From here on the terminal's resize events keep the size current.
    let size = terminal.size()?;
    app.set_screen(size.width, size.height);
    let mut shown = view::ViewState::default();
    loop {
        terminal.draw(|frame| view::draw(frame, app, &mut shown, theme))?;
        app.set_layout(shown.layout());
        let mut effects = Vec::new();
        match events.next()? {
            Input::Stop => return Ok(leave(app, session)),
            Input::Idle => effects.push(app.flush_note()),
            Input::Suspend => effects.push(Effect::Suspend),
            Input::Event(event) => {
                effects.push(on_event(app, event));
                while let Some(event) = events.ready()? {
                    effects.push(on_event(app, event));
                }
            }
        }
        if app.note_pending() && last_note_save.elapsed() >= NOTE_SAVE_EVERY {
            effects.push(app.flush_note());
        }
        for effect in effects {
            if effect == Effect::Save {
                last_note_save = Instant::now();
            }
            if let Some(ending) = apply(terminal, events, app, session, effect)? {
                return Ok(ending);
            }
        }
    }
}

fn on_event(app: &mut App, event: Event) -> Effect {
    match event {
        Event::Key(key) => app.handle_key(key),
        Event::Paste(text) => app.paste(&text),
        Event::Mouse(mouse) => app.mouse(mouse),
        Event::Resize(width, height) => {
            app.set_screen(width, height);
            Effect::None
        }
        _ => Effect::None,
    }
}

/// Carries out one effect and hands its result back to the app; `Some`
/// when the session is over.
pub fn apply<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn Events,
    app: &mut App,
    session: &mut Session,
    effect: Effect,
) -> Result<Option<Ending>>
where
    B::Error: Send + Sync + 'static,
{
    match effect {
        Effect::None => {}
        Effect::Save => app.on_saved(session.save(&app.profile)),
        Effect::Overwrite => app.on_saved(session.keep_mine(&app.profile)),
        Effect::Export => app.on_exported(session.export(app)),
        Effect::Reload => app.on_reloaded(session.reload(&app.framework)),
        Effect::WriteCopy => app.on_copy_written(session.write_copy(&app.profile)),
        Effect::EditExternal => {
            let key = app.selected_key().clone();
            let note = app.rating_of(&key).map_or("", |r| r.note()).to_owned();
            let edited = events.edit_externally(&note);
            redraw_all(terminal)?;
            match edited {
                Ok(Some(text)) => {
                    let effect = app.set_note(&key, text.trim_end().to_owned());
                    return apply(terminal, events, app, session, effect);
                }
                Ok(None) => app.error("The editor failed; the note is unchanged."),
                Err(err) => app.error(format!("Cannot run the editor: {err:#}")),
            }
        }
        Effect::Quit => return Ok(finish(app, session)),
        Effect::QuitUnsaved => return Ok(Some(Ending::Unsaved(app.unsaved_report()))),
        Effect::Suspend => {
            if app.flush_note() == Effect::Save {
                app.on_saved(session.save(&app.profile));
            }
            events.suspend()?;
            redraw_all(terminal)?;
        }
    }
    Ok(None)
}

/// Quitting: the note being typed is saved first; anything the file still
/// lacks makes the app ask (retry, a copy elsewhere, or quit anyway).
fn finish(app: &mut App, session: &mut Session) -> Option<Ending> {
    // A file deleted from outside is written again: "saved" must be true.
    let gone = session.file.is_missing() && app.read_only.is_none();
    if gone {
        app.mark_new();
    }
    if app.flush_note() == Effect::Save || (app.has_unsaved() && app.save_failure.is_none()) {
        app.on_saved(session.save(&app.profile));
    }
    if app.has_unsaved() {
        if !matches!(app.overlay, app::Overlay::Dialog(dialog::Dialog::Conflict)) {
            app.ask_unsaved();
        }
        return None;
    }
    Some(Ending::Saved)
}

/// Leaving on a signal: no question can be asked, so the note is saved,
/// one more save is tried, and what is still missing is reported.
fn leave(app: &mut App, session: &mut Session) -> Ending {
    if session.file.is_missing() && app.read_only.is_none() {
        app.mark_new();
    }
    if app.flush_note() == Effect::Save || app.has_unsaved() {
        app.on_saved(session.save(&app.profile));
    }
    if app.has_unsaved() {
        Ending::Unsaved(app.unsaved_report())
    } else {
        Ending::Saved
    }
}

/// The grid's loop: draw, read a key, act; `open` runs a person's review on
/// the same terminal and events (then the grid is drawn whole again).
pub fn run_grid<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn Events,
    grid: &mut calibrate::Calibration,
    theme: &Theme,
    mut open: impl FnMut(&mut Terminal<B>, &mut dyn Events, &std::path::Path) -> calibrate::Reviewed,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        terminal.draw(|frame| view::calibrate::draw(frame, grid, theme))?;
        let outcome = match events.next()? {
            Input::Stop => return Ok(()),
            Input::Suspend => {
                events.suspend()?;
                terminal.draw(|_| {})?;
                calibrate::Outcome::Continue
            }
            Input::Event(Event::Key(key)) => grid.handle(key),
            Input::Event(Event::Paste(text)) => {
                grid.paste(&text);
                calibrate::Outcome::Continue
            }
            Input::Event(_) | Input::Idle => calibrate::Outcome::Continue,
        };
        match outcome {
            calibrate::Outcome::Continue => {}
            calibrate::Outcome::Quit => return Ok(()),
            calibrate::Outcome::Open(path) => {
                let (said, team) = open(terminal, events, &path);
                if let Some(team) = team {
                    grid.replace(team);
                }
                grid.status = Some(said);
                terminal.draw(|_| {})?;
            }
        }
    }
}

/// After an editor or a suspend drew over the screen: the next frame is
/// drawn whole.
fn redraw_all<B: Backend>(terminal: &mut Terminal<B>) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    terminal.draw(|_| {})?;
    Ok(())
}
