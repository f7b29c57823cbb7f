//! `rungs review PROFILE [--as NAME]`: a manager's ratings beside the
//! person's own, saved as a `manager` assessment in the same file.

use anyhow::Result;

use crate::cli::ReviewArgs;
use crate::error::InputError;
use crate::model::progress::level_tally;
use crate::store::{Catalog, Paths, ProfileFile, check_profile, state};
use crate::tui::app::{App, Mode};
use crate::tui::run_app;
use crate::tui::session::Session;
use crate::tui::terminal::with_terminal;
use crate::tui::theme::Theme;

pub fn run(args: ReviewArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let manager = args
        .manager
        .clone()
        .unwrap_or_else(super::assess::default_name);
    if manager.trim().is_empty() {
        return Err(InputError::new("who is reviewing? no name found")
            .hint("pass --as \"Your Name\"")
            .into());
    }
    if !args.profile.exists() {
        return Err(
            InputError::new(format!("{}: no such file", args.profile.display()))
                .hint("name the profile file of the person you review")
                .into(),
        );
    }
    let (file, text) = ProfileFile::open(&args.profile, &format!("{manager} (rungs review)"))?;
    let Some(text) = text else {
        return Err(InputError::new(format!("{}: no such file", args.profile.display())).into());
    };
    let checked = check_profile(file.path(), &text, &catalog)?;
    let Some(mut app) = App::new(
        checked.framework.clone(),
        checked.profile,
        Mode::Review,
        &manager,
    ) else {
        return Err(InputError::new("the profile's craft or level is not in its framework").into());
    };
    app.read_only = file.read_only_reason().map(str::to_owned);
    app.mouse_enabled = !args.no_mouse;
    if app.beside().is_none() {
        app.info(format!(
            "{} has not rated themselves yet.",
            app.profile.person
        ));
    }
    let theme = Theme::from_env();
    let mut session = Session::new(file);
    if args.new_round && app.read_only.is_none() {
        if app.start_new_round() == crate::tui::app::Effect::Save {
            app.on_saved(session.save(&app.profile));
        }
    } else {
        app.offer_new_round();
    }
    let shown_path = crate::model::text::shown_path(session.file.path());
    if let Some(place) = state::last_place(&paths.state, session.file.path()) {
        app.select(&place);
    }
    let ending = with_terminal(!args.no_mouse, |terminal, events| {
        run_app(terminal, events, &mut app, &mut session, &theme)
    })?;
    state::remember(&paths.state, session.file.path(), app.selected_key());
    let tally = level_tally(app.level(), app.edited(), app.scale());
    let summary = format!(
        "Review of {} by {manager}: {} of {} rated, {} met.",
        app.profile.person, tally.rated, tally.total, tally.met
    );
    super::assess::report_ending(&summary, &shown_path, ending)
}
