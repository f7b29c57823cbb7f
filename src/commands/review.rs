//! `rungs review PROFILE [--as NAME]`: a manager's ratings beside the
//! person's own, saved as a `manager` assessment in the same file.

use std::path::{Path, PathBuf};

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::cli::ReviewArgs;
use crate::error::InputError;
use crate::model::progress::level_tally;
use crate::store::{Catalog, Paths, ProfileFile, check_profile};
use crate::tui::app::{App, Mode};
use crate::tui::session::Session;
use crate::tui::terminal::with_terminal;
use crate::tui::theme::Theme;
use crate::tui::{Ending, Events, run_app};

pub fn run(args: ReviewArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let manager = args
        .manager
        .clone()
        .unwrap_or_else(super::assess::default_name);
    let mut review = Review::open(&args.profile, &manager, &catalog, args.new_round)?;
    review.app.mouse_enabled = !args.no_mouse;
    review.resume_from(&paths.state);
    let ending = with_terminal(!args.no_mouse, |terminal, events| {
        review.run(terminal, events)
    })?;
    super::assess::report_ending(&review.summary(), &review.shown_path(), ending)
}

/// One manager's review of one profile, opened and ready to run on a
/// terminal: `rungs review`, and `Enter` in the calibration grid.
pub struct Review {
    app: App,
    session: Session,
    manager: String,
    theme: Theme,
    /// This user's state file, where the place in the profile is kept.
    state: Option<PathBuf>,
}

impl Review {
    /// Opens the profile for `manager` (read-only when it is open elsewhere)
    /// and starts their new round if asked; errors come before any screen.
    pub fn open(
        profile: &Path,
        manager: &str,
        catalog: &Catalog,
        new_round: bool,
    ) -> Result<Review> {
        if manager.trim().is_empty() {
            return Err(InputError::new("who is reviewing? no name found")
                .hint("pass --as \"Your Name\"")
                .into());
        }
        if !profile.exists() {
            return Err(
                InputError::new(format!("{}: no such file", profile.display()))
                    .hint("name the profile file of the person you review")
                    .into(),
            );
        }
        let (file, text) = ProfileFile::open(profile, &format!("{manager} (rungs review)"))?;
        let Some(text) = text else {
            return Err(InputError::new(format!("{}: no such file", profile.display())).into());
        };
        let checked = check_profile(file.path(), &text, catalog)?;
        let Some(mut app) = App::new(
            checked.framework.clone(),
            checked.profile,
            Mode::Review,
            manager,
        ) else {
            return Err(
                InputError::new("the profile's craft or level is not in its framework").into(),
            );
        };
        app.read_only = file.read_only_reason().map(str::to_owned);
        if app.beside().is_none() {
            app.info(format!(
                "{} has not rated themselves yet.",
                app.profile.person
            ));
        }
        let mut session = Session::new(file);
        if new_round && app.read_only.is_none() {
            if app.start_new_round() == crate::tui::app::Effect::Save {
                app.on_saved(session.save(&app.profile));
            }
        } else {
            app.offer_new_round();
        }
        Ok(Review {
            app,
            session,
            manager: manager.to_owned(),
            theme: Theme::from_env(),
            state: None,
        })
    }

    /// Opens where this user left the profile last time, and remembers
    /// where they leave it now.
    pub fn resume_from(&mut self, state: &Path) {
        if let Some(place) = crate::store::state::last_place(state, self.session.file.path()) {
            self.app.select(&place);
        }
        self.state = Some(state.to_path_buf());
    }

    /// The review screen until `q`, on a terminal already set up.
    pub fn run<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        events: &mut dyn Events,
    ) -> Result<Ending>
    where
        B::Error: Send + Sync + 'static,
    {
        let ending = run_app(
            terminal,
            events,
            &mut self.app,
            &mut self.session,
            &self.theme,
        );
        if let Some(state) = &self.state {
            crate::store::state::remember(state, self.session.file.path(), self.app.selected_key());
        }
        ending
    }

    /// `Review of Alex by Sam: 12 of 15 rated, 8 met.`
    pub fn summary(&self) -> String {
        let app = &self.app;
        let tally = level_tally(app.level(), app.edited(), app.scale());
        format!(
            "Review of {} by {}: {} of {} rated, {} met.",
            app.profile.person, self.manager, tally.rated, tally.total, tally.met
        )
    }

    pub fn shown_path(&self) -> String {
        crate::model::text::shown_path(self.session.file.path())
    }
}
