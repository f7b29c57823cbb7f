//! The one way a command enters the assessment screen: it says what it
//! wants in a [`Start`], [`Opened::open`] prepares the state and the file
//! (first save, new round, a move to another level, the place last left),
//! and [`Opened::run`] runs the loop on a terminal and keeps the place.

use std::path::{Path, PathBuf};

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::action::DialogAction;
use super::app::{App, Effect, Mode};
use super::session::Session;
use super::theme::Theme;
use super::{Ending, Events, run_app};
use crate::error::InputError;
use crate::model::progress::level_tally;
use crate::model::{Framework, Profile};
use crate::store::{ProfileFile, state};

/// What a command asks of a session.
pub struct Start {
    pub framework: Framework,
    pub profile: Profile,
    pub mode: Mode,
    /// Who rates: the person, or the manager.
    pub assessor: String,
    pub file: ProfileFile,
    /// A profile never saved yet: the first save makes its file.
    pub new_profile: bool,
    /// Start a new dated round of this role, pre-filled from the last.
    pub new_round: bool,
    /// `--blind`: that new round is blind.
    pub blind: bool,
    /// `--level`: move the profile there (asking first, unless `move_without_asking`).
    pub move_to: Option<String>,
    pub move_without_asking: bool,
    pub mouse: bool,
    /// This user's state file, where the place in each profile is kept.
    pub state: Option<PathBuf>,
    /// A word for the footer when the screen opens.
    pub notice: Option<String>,
    /// Name this person the profile's direct manager (`assess --manager`,
    /// `review --direct`).
    pub name_manager: Option<String>,
    /// Open at the first statement of this area of the profile's level
    /// (`Enter` on a cell of the calibration grid).
    pub at_area: Option<String>,
}

/// A session ready to run: the app over the profile and the file it saves to.
pub struct Opened {
    app: App,
    session: Session,
    state: Option<PathBuf>,
}

impl Opened {
    pub fn open(start: Start) -> Result<Opened, InputError> {
        let Some(mut app) = App::new(start.framework, start.profile, start.mode, &start.assessor)
        else {
            return Err(InputError::new(
                "the profile's craft or level is not in its framework",
            ));
        };
        let mut session = Session::new(start.file);
        app.read_only = session.file.read_only_reason().map(str::to_owned);
        app.mouse_enabled = start.mouse;
        if let Some(notice) = start.notice {
            app.info(notice);
        }
        let writable = app.read_only.is_none();
        let first = if start.new_round && writable {
            app.start_round(start.blind)
        } else if start.new_profile {
            app.mark_new()
        } else {
            Effect::None
        };
        if first == Effect::Save {
            app.on_saved(session.save(&app.profile));
        }
        if let Some(level) = &start.move_to {
            app.ask_move_level(level);
            if start.move_without_asking && app.answer(DialogAction::Yes) == Effect::Save {
                app.on_saved(session.save(&app.profile));
            }
        }
        if let Some(name) = start.name_manager.as_deref()
            && app.name_manager(name) == Effect::Save
        {
            app.on_saved(session.save(&app.profile));
        }
        if start.mode == Mode::Review && !start.new_round {
            app.offer_new_round();
            app.offer_direct_manager();
        }
        if let Some(place) = start
            .state
            .as_deref()
            .and_then(|s| state::last_place(s, session.file.path()))
        {
            app.select(&place);
        }
        if let Some(area) = &start.at_area {
            app.select_area(area);
        }
        Ok(Opened {
            app,
            session,
            state: start.state,
        })
    }

    /// Runs the screen until the person leaves, and keeps their place.
    pub fn run<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        events: &mut dyn Events,
        theme: &Theme,
    ) -> Result<Ending>
    where
        B::Error: Send + Sync + 'static,
    {
        let ending = run_app(terminal, events, &mut self.app, &mut self.session, theme);
        if let Some(state) = &self.state {
            state::remember(state, self.session.file.path(), self.app.selected_key());
        }
        ending
    }

    /// "Alex Doe: 12 of 15 rated, 8 met." (or "Review of … by …").
    pub fn summary(&self) -> String {
        let app = &self.app;
        let tally = level_tally(app.level(), app.edited(), app.scale());
        match app.mode {
            Mode::Assess => format!(
                "{}: {} of {} rated, {} met.",
                app.profile.person, tally.rated, tally.total, tally.met
            ),
            Mode::Review => format!(
                "Review of {} by {}: {} of {} rated, {} met.",
                app.profile.person, app.assessor, tally.rated, tally.total, tally.met
            ),
        }
    }

    pub fn path(&self) -> &Path {
        self.session.file.path()
    }

    /// What to say once the session has ended: where its changes are, that
    /// there was nothing it could save (read-only, and why), or what the
    /// file lacks.
    pub fn closing(&self, ending: Ending) -> Closing {
        let summary = self.summary();
        let path = crate::model::text::shown_path(self.path());
        match (ending, &self.app.read_only) {
            (Ending::Saved, Some(why)) => Closing {
                line: format!("{summary} Nothing to save: {path} was read-only ({why})."),
                lacking: None,
            },
            (Ending::Saved, None) => Closing {
                line: format!("{summary} Saved in {path}"),
                lacking: None,
            },
            (Ending::Unsaved(lacking), _) => Closing {
                line: format!("{summary} NOT saved in {path}"),
                lacking: Some(lacking),
            },
        }
    }
}

/// The words a session ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    pub line: String,
    /// The changes the file lacks, one line each; `None` when it lacks none.
    pub lacking: Option<Vec<String>>,
}
