//! `rungs review PROFILE [--as NAME]`: a manager's ratings beside the
//! person's own, saved as a `manager` assessment in the same file.

use std::path::{Path, PathBuf};

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::cli::ReviewArgs;
use crate::error::InputError;
use crate::model::Role;
use crate::model::save_merge::Claim;
use crate::store::{Catalog, Found, Paths, Writer, check_profile};
use crate::tui::app::Mode;
use crate::tui::entry::{Closing, Opened, Start};
use crate::tui::terminal::with_terminal;
use crate::tui::theme::Theme;
use crate::tui::{Ending, Events};

pub fn run(args: ReviewArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let manager = args
        .manager
        .clone()
        .unwrap_or_else(super::assess::default_name);
    let mut review = Review::open_with(
        &args.profile,
        &manager,
        &catalog,
        paths,
        Options {
            new_round: args.new_round,
            blind: args.blind,
            mouse: !args.no_mouse,
            state: Some(paths.state.clone()),
            direct: args.direct,
            at_area: None,
        },
    )?;
    let ending = with_terminal(!args.no_mouse, |terminal, events| {
        review.run(terminal, events)
    })?;
    super::assess::report_ending(review.closing(ending), &review.shown_path())
}

/// One manager's review of one profile, opened and ready to run on a
/// terminal: `rungs review`, and `Enter` in the calibration grid.
pub struct Review {
    opened: Opened,
    theme: Theme,
}

/// How a review opens.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Start a new round, pre-filled from this reviewer's last.
    pub new_round: bool,
    /// That new round is blind (`--blind`).
    pub blind: bool,
    pub mouse: bool,
    /// This user's state file (where the place in the profile is kept).
    pub state: Option<PathBuf>,
    /// `--direct`: the reviewer is the person's direct manager.
    pub direct: bool,
    /// Open at the first statement of this area.
    pub at_area: Option<String>,
}

impl Review {
    /// Opens the profile for `manager` (read-only when their review is open
    /// elsewhere), at `area` when given: `Enter` in the calibration grid.
    pub fn open(
        profile: &Path,
        manager: &str,
        catalog: &Catalog,
        paths: &Paths,
        area: Option<&str>,
    ) -> Result<Review> {
        let options = Options {
            mouse: true,
            at_area: area.map(str::to_owned),
            ..Options::default()
        };
        Review::open_with(profile, manager, catalog, paths, options)
    }

    /// Opens the profile for `manager` (read-only when it is open
    /// elsewhere) as `options` say; errors come before any screen.
    pub fn open_with(
        profile: &Path,
        manager: &str,
        catalog: &Catalog,
        paths: &Paths,
        options: Options,
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
        let found = Found::read(profile)?;
        let Some(text) = found.text() else {
            return Err(InputError::new(format!("{}: no such file", profile.display())).into());
        };
        let checked = check_profile(found.path(), text, catalog)?;
        let writer = Writer {
            claim: Claim::ReviewsBy(manager.to_owned()),
            holder: format!("{manager} (rungs review)"),
        };
        let file = found.open(&writer, paths, Some(&checked.profile))?;
        let unrated = checked.profile.current(Role::Own).is_none();
        let notice =
            unrated.then(|| format!("{} has not rated themselves yet.", checked.profile.person));
        let opened = Opened::open(Start {
            framework: checked.framework.clone(),
            profile: checked.profile,
            mode: Mode::Review,
            assessor: manager.to_owned(),
            file,
            new_profile: false,
            new_round: options.new_round,
            blind: options.blind,
            move_to: None,
            move_without_asking: false,
            mouse: options.mouse,
            state: options.state,
            notice,
            name_manager: options.direct.then(|| manager.to_owned()),
            at_area: options.at_area,
        })?;
        Ok(Review {
            opened,
            theme: Theme::from_env(),
        })
    }

    pub fn run<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        events: &mut dyn Events,
    ) -> Result<Ending>
    where
        B::Error: Send + Sync + 'static,
    {
        self.opened.run(terminal, events, &self.theme)
    }

    /// What to say once the review has ended (see [`Opened::closing`]).
    pub fn closing(&self, ending: Ending) -> Closing {
        self.opened.closing(ending)
    }

    pub fn shown_path(&self) -> String {
        crate::model::text::shown_path(self.opened.path())
    }
}
