//! `rungs team DIR_OR_FILES...`: one overview of many profiles, printed
//! (markdown, CSV, JSON, HTML; by person or by statement) or shown as the
//! calibration grid (`--tui`). A bad file, an empty folder or a duplicate
//! person is reported and the rest still summarised.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::{TeamArgs, TeamFormat};
use crate::error::InputError;
use crate::export::team::{Options, Team, TeamBuilder};
use crate::export::team_table;
use crate::model::text::shown_path;
use crate::store::{Catalog, Paths, check_profile, read};

/// The profile files of the inputs: folders become their `*.toml` files,
/// sorted; files stay as given. An input that gives none is named in the
/// second list.
fn expand(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let mut files = Vec::new();
    let mut empty = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .with_context(|| format!("cannot list {}", shown_path(input)))?
                .flatten()
                .map(|e| e.path())
                // Not `is_file`: a FIFO or a device named `*.toml` is listed
                // too, and refused with a message when it is read.
                .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.is_dir())
                .collect();
            if found.is_empty() {
                empty.push(shown_path(input));
            }
            found.sort();
            files.extend(found);
        } else if std::fs::symlink_metadata(input).is_err() {
            empty.push(format!("{} (no such file or folder)", shown_path(input)));
        } else {
            files.push(input.clone());
        }
    }
    Ok((files, empty))
}

/// What reading the inputs gave: the overview, and how many inputs failed.
pub struct Read {
    pub team: Team,
    pub files: usize,
    pub bad: usize,
    pub empty: Vec<String>,
}

/// Reads every profile one at a time (its text and ratings are dropped once
/// its summary is kept), handing each bad one's error to `on_error`.
pub fn read_team(
    inputs: &[PathBuf],
    catalog: &Catalog,
    options: &Options,
    mut on_error: impl FnMut(&anyhow::Error),
) -> Result<Read> {
    let (files, empty) = expand(inputs)?;
    let mut team = TeamBuilder::new(options.clone());
    let mut bad = 0;
    for path in &files {
        let checked =
            read::read_text(path).and_then(|text| Ok(check_profile(path, &text, catalog)?));
        match checked {
            Ok(checked) => team.add(path, &checked.profile, checked.framework),
            Err(err) => {
                on_error(&err);
                bad += 1;
            }
        }
    }
    Ok(Read {
        team: team.finish(),
        files: files.len(),
        bad,
        empty,
    })
}

pub fn run(args: TeamArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let options = Options {
        manager: args.manager.clone(),
        min_raters: args.min_raters,
    };
    let Read {
        team,
        files,
        bad,
        empty,
    } = read_team(&args.inputs, &catalog, &options, super::output::error)?;
    team.warnings.iter().for_each(super::output::warn);
    let no_profiles = |empty: &[String]| {
        InputError::new(format!("no profiles found in {}", empty.join(", ")))
            .hint("name profile files, or folders holding *.toml profiles")
    };
    if team.people() == 0 {
        if bad > 0 {
            empty
                .iter()
                .for_each(|e| super::output::eprintln(format_args!("no profiles found in {e}")));
            return Err(InputError::new(format!(
                "none of the {files} profile(s) could be read; nothing to summarise"
            ))
            .into());
        }
        let named: Vec<String> = if empty.is_empty() {
            args.inputs.iter().map(|p| shown_path(p)).collect()
        } else {
            empty
        };
        return Err(no_profiles(&named).into());
    }
    for e in &empty {
        super::output::eprintln(format_args!("no profiles found in {e}"));
    }
    if args.tui {
        calibrate(&args, team, &catalog, &options)?;
    } else {
        let by = args.by.into();
        let text = match args.format {
            TeamFormat::Markdown => team_table::markdown(&team, by),
            TeamFormat::Csv => team_table::csv(&team, by)?,
            TeamFormat::Json => team_table::json(&team)?,
            TeamFormat::Html => crate::export::team_html::render(&team, by),
        };
        super::output::print(&text)?;
    }
    if bad > 0 || !empty.is_empty() {
        let mut problems = Vec::new();
        if bad > 0 {
            problems.push(format!("{bad} of {files} profile(s) could not be read"));
        }
        if !empty.is_empty() {
            problems.push(format!("{} input(s) held no profile", empty.len()));
        }
        return Err(InputError::new(format!(
            "{}; the others are summarised",
            problems.join(", ")
        ))
        .into());
    }
    Ok(())
}

/// The calibration grid; `Enter` runs `rungs review` of that person on the
/// same terminal, and the grid is read again when it ends.
fn calibrate(args: &TeamArgs, team: Team, catalog: &Catalog, options: &Options) -> Result<()> {
    use crate::tui::calibrate::Calibration;
    use crate::tui::run_grid;
    let reviewer = args
        .manager
        .clone()
        .unwrap_or_else(super::assess::default_name);
    let theme = crate::tui::theme::Theme::from_env();
    let mut grid = Calibration::new(team, reviewer.clone());
    crate::tui::terminal::with_terminal(true, |terminal, events| {
        run_grid(
            terminal,
            events,
            &mut grid,
            &theme,
            |terminal, events, path| {
                let said = review_from_grid(terminal, events, path, &reviewer, catalog);
                // Quiet: a file that broke since is said in the grid's status.
                let team = quiet_read(&args.inputs, catalog, options);
                (said, team)
            },
        )
    })
}

fn review_from_grid<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
    events: &mut dyn crate::tui::Events,
    path: &Path,
    reviewer: &str,
    catalog: &Catalog,
) -> String
where
    B::Error: Send + Sync + 'static,
{
    let mut review = match super::review::Review::open(path, reviewer, catalog, false) {
        Ok(review) => review,
        Err(err) => return format!("Cannot open the review: {err:#}"),
    };
    let (summary, shown) = (review.summary(), review.shown_path());
    match review.run(terminal, events) {
        Ok(crate::tui::Ending::Saved) => format!("{} Saved in {shown}", review.summary()),
        Ok(crate::tui::Ending::Unsaved(lines)) => format!(
            "{summary} NOT saved in {shown}: {} change(s) could not be saved",
            lines.len()
        ),
        Err(err) => format!("The review ended: {err:#}"),
    }
}

/// The overview read again after a review, without messages (the terminal
/// is the grid's).
fn quiet_read(inputs: &[PathBuf], catalog: &Catalog, options: &Options) -> Option<Team> {
    read_team(inputs, catalog, options, |_| {})
        .ok()
        .map(|read| read.team)
}
