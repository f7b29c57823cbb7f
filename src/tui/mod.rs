//! The interactive screens: state in [`app`], keys in [`keys`], drawing in
//! [`view`], and the loop here that ties them to a terminal and the store.
//! The loop is generic over the backend and the source of events, so tests
//! drive it with a `TestBackend` and a list of keys.

pub mod action;
pub mod app;
pub mod keys;
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
use session::Session;
use setup::{Outcome, Setup};
use theme::Theme;

/// Where key presses come from: the terminal, or a test's script.
pub trait Events {
    /// The next event; `None` when it is time to stop (a signal, or the
    /// script ran out).
    fn next(&mut self) -> io::Result<Option<Event>>;

    /// Hands the terminal to `$VISUAL`/`$EDITOR` with `text`, and takes it
    /// back; `None` if the editor failed (the note is then unchanged).
    fn edit_externally(&mut self, text: &str) -> Result<Option<String>>;
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
        let Some(event) = events.next()? else {
            return Ok(false);
        };
        if let Event::Key(key) = event {
            match setup.handle_key(key) {
                Outcome::Continue => {}
                Outcome::Done => return Ok(true),
                Outcome::Quit => return Ok(false),
            }
        }
    }
}

/// The main loop: draw, wait for a key, update, carry out the effect.
pub fn run_app<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn Events,
    app: &mut App,
    session: &mut Session,
    theme: &Theme,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        terminal.draw(|frame| view::draw(frame, app, theme))?;
        let Some(event) = events.next()? else {
            return Ok(());
        };
        let effect = match event {
            Event::Key(key) => app.handle_key(key),
            _ => Effect::None,
        };
        match effect {
            Effect::Quit => return Ok(()),
            Effect::EditExternal => {
                let (area, row) = (app.area, app.row);
                let edited = events.edit_externally(app.note_at(area, row));
                // The editor drew over the screen: draw everything afresh.
                terminal.draw(|_| {})?;
                match edited {
                    Ok(Some(text)) => {
                        let effect = app.set_note(area, row, text.trim_end().to_owned());
                        session.carry_out(effect, app);
                    }
                    Ok(None) => app.error("The editor failed; the note is unchanged."),
                    Err(err) => app.error(format!("Cannot run the editor: {err:#}")),
                }
            }
            other => session.carry_out(other, app),
        }
    }
}
