//! The interactive screens: state in [`app`], keys in [`keys`], drawing in
//! [`view`], and the loop here that ties them to a terminal and the store.
//! The loop is generic over the backend and the source of events, so tests
//! drive it with a `TestBackend` and a list of keys.

pub mod action;
pub mod action_line;
pub mod app;
pub mod calibrate;
pub mod clock;
pub mod dialog;
pub mod entry;
pub mod evidence;
pub mod external;
pub mod harvest;
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

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use app::{App, Effect};
use clock::Moment;
use external::NoteFile;
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

    /// Hands the terminal to `$VISUAL`/`$EDITOR` with a file holding
    /// `text`, takes it back, and returns what the file holds then; `None`
    /// if the editor failed (the note is then unchanged). A signal to end
    /// while the editor is open ends the editor: what it wrote so far is
    /// returned.
    fn edit_externally(&mut self, text: &str) -> Result<Option<String>>;

    /// Hands the terminal back to the shell until the process is continued.
    fn suspend(&mut self) -> Result<()>;

    /// The time now; a test's script tells its own.
    fn now(&self) -> Moment {
        Moment::now()
    }
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Everything is in the file.
    Saved,
    /// The person quit although these changes are not in the file.
    Unsaved(Vec<String>),
}

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

/// The main loop: turn after turn until the person leaves. Whatever the
/// terminal does (a drawing or reading error, a terminal closed under it),
/// the way out saves first, as a signal's does.
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
    let result = terminal
        .size()
        .map_err(anyhow::Error::from)
        .and_then(|size| {
            // From here on the terminal's resize events keep the size current.
            app.set_screen(size.width, size.height);
            let mut shown = view::ViewState::default();
            loop {
                if let Some(ending) = turn(terminal, events, app, session, &mut shown, theme)? {
                    return Ok(ending);
                }
            }
        });
    match result {
        Ok(ending) => Ok(ending),
        Err(err) => match leave(app, session) {
            Ending::Saved => Err(err.context("the terminal failed; every change was saved first")),
            unsaved => Ok(unsaved),
        },
    }
}

/// One turn of the loop: draw, take the next input and every one already
/// waiting, update, carry out the effects. The note being typed is saved
/// on a pause, and at least every second while the typing goes on.
/// `Some` when the session is over.
pub fn turn<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn Events,
    app: &mut App,
    session: &mut Session,
    shown: &mut view::ViewState,
    theme: &Theme,
) -> Result<Option<Ending>>
where
    B::Error: Send + Sync + 'static,
{
    app.before_frame(events.now());
    let drawn = terminal
        .draw(|frame| view::draw(frame, app, shown, theme))?
        .area;
    app.set_layout(shown.layout());
    app.drawn_at(drawn.width, drawn.height);
    app.after_frame();
    let mut effects = Vec::new();
    let input = events.next()?;
    app.set_now(events.now());
    match input {
        Input::Stop => return Ok(Some(leave(app, session))),
        Input::Idle => effects.push(app.flush_note()),
        Input::Suspend => effects.push(Effect::Suspend),
        Input::Event(event) => {
            effects.push(on_event(app, event));
            while let Some(event) = events.ready()? {
                effects.push(on_event(app, event));
            }
        }
    }
    if app.note_due() {
        effects.push(app.flush_note());
    }
    for effect in effects {
        if let Some(ending) = apply(terminal, events, app, session, effect)? {
            return Ok(Some(ending));
        }
    }
    Ok(None)
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
        Effect::Export => {
            let reviewer = (app.mode == app::Mode::Review).then_some(app.assessor.as_str());
            app.on_exported(session.export(&app.profile, &app.framework, reviewer));
        }
        Effect::Reload => app.on_reloaded(session.reload(&app.framework)),
        Effect::WriteCopy => app.on_copy_written(session.write_copy(&app.profile)),
        Effect::EditExternal => {
            let key = app.external_note();
            let file = NoteFile::new(
                &app.describe(&key),
                app.statement_text(&key),
                &app.rating_words(&key),
                app.rating_of(&key).map_or("", |r| r.note()),
            );
            let edited = events.edit_externally(&file.text);
            // Saved before anything is drawn: a signal may have ended the editor.
            let effect = match edited {
                Ok(Some(text)) => app.set_note(&key, file.read_back(&text).trim_end().to_owned()),
                Ok(None) => {
                    app.error("The editor failed; the note is unchanged.");
                    Effect::None
                }
                Err(err) => {
                    app.error(format!("{err:#}"));
                    Effect::None
                }
            };
            let ending = apply(terminal, events, app, session, effect)?;
            redraw_all(terminal)?;
            return Ok(ending);
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
    // Leaving closes the note being typed: a question may follow.
    if app.leave_editor() == Effect::Save || (app.has_unsaved() && app.save_failure.is_none()) {
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
    mut open: impl FnMut(&mut Terminal<B>, &mut dyn Events, &calibrate::Opening) -> calibrate::Reviewed,
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
            calibrate::Outcome::Open(opening) => {
                let (said, team) = open(terminal, events, &opening);
                if let Some(team) = team {
                    grid.replace(team);
                }
                grid.status = Some(said);
                terminal.draw(|_| {})?;
            }
        }
    }
}

/// The harvest list's loop: draw, read a key, act; every accept and skip
/// is handed to `save` at once. Leaving with the last save failed tries
/// once more, and says what the file lacks if that fails too.
pub fn run_harvest<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn Events,
    state: &mut harvest::Harvesting,
    theme: &Theme,
    mut save: impl FnMut(&crate::model::Profile) -> Result<(), String>,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut unsaved = false;
    loop {
        terminal.draw(|frame| view::harvest::draw(frame, state, theme))?;
        let outcome = match events.next()? {
            Input::Stop => harvest::Outcome::Quit,
            Input::Suspend => {
                events.suspend()?;
                terminal.draw(|_| {})?;
                harvest::Outcome::Continue
            }
            Input::Event(Event::Key(key)) => state.handle(key),
            Input::Event(Event::Paste(text)) => {
                state.paste(&text);
                harvest::Outcome::Continue
            }
            Input::Event(_) | Input::Idle => harvest::Outcome::Continue,
        };
        match outcome {
            harvest::Outcome::Continue => {}
            harvest::Outcome::Save => {
                let result = save(&state.profile);
                unsaved = result.is_err();
                state.on_saved(result);
            }
            harvest::Outcome::Quit if unsaved => {
                return save(&state.profile).map_err(|why| {
                    anyhow::anyhow!(
                        "the last choices were not saved ({why}): {} accepted and {} skipped in this session",
                        state.count(true),
                        state.count(false)
                    )
                });
            }
            harvest::Outcome::Quit => return Ok(()),
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
