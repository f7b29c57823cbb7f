//! `rungs team DIR_OR_FILES...`: one overview of many profiles, printed
//! (markdown, CSV, JSON, HTML; by person or by statement) or shown as the
//! calibration grid (`--tui`). A bad file, an empty folder or a duplicate
//! person is reported and the rest still summarised.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::cli::{TeamArgs, TeamFormat};
use crate::error::InputError;
use crate::export::team_table;
use crate::model::as_of::Day;
use crate::model::team::{Options, Team, TeamBuilder};
use crate::model::text::{clean, shown_path};
use crate::store::{Catalog, Paths, check_profile, read};

/// The profile files of the inputs: folders become their `*.toml` files,
/// sorted; files stay as given. An input that gives none is named in the
/// second list. A symbolic link in a folder that leads out of it (to a
/// private profile elsewhere, say, committed to a shared repository) is
/// not followed: the third list says so.
fn expand(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<String>, Vec<String>)> {
    let mut files = Vec::new();
    let mut empty = Vec::new();
    let mut skipped = Vec::new();
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
            found.sort();
            let before = found.len();
            found.retain(|path| match leads_out(input, path) {
                Some(note) => {
                    skipped.push(note);
                    false
                }
                None => true,
            });
            if before == 0 {
                empty.push(shown_path(input));
            }
            files.extend(found);
        } else if std::fs::symlink_metadata(input).is_err() {
            empty.push(format!("{} (no such file or folder)", shown_path(input)));
        } else {
            files.push(input.clone());
        }
    }
    Ok((files, empty, skipped))
}

/// Why `path`, listed in `folder`, is left out: it is a symbolic link to a
/// file outside the folder.
fn leads_out(folder: &Path, path: &Path) -> Option<String> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link || within(folder, path) {
        return None;
    }
    Some(format!(
        "{} was not read: a symbolic link to a file outside {}",
        shown_path(path),
        shown_path(folder)
    ))
}

/// True when `path`, its links followed, is a file inside `folder` (also
/// when it leads nowhere: reading it then says so).
fn within(folder: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(folder), std::fs::canonicalize(path)) {
        (Ok(folder), Ok(target)) => target.starts_with(folder),
        (_, Err(_)) => true,
        (Err(_), Ok(_)) => false,
    }
}

/// What reading the inputs gave: the overview, and how many inputs failed.
pub struct Read {
    pub team: Team,
    pub files: usize,
    pub bad: usize,
    pub empty: Vec<String>,
}

/// Reads every profile one at a time (its text and ratings are dropped once
/// its summary is kept), handing each bad one's error to `on_error`. With
/// `on`, each profile as it stood at the end of that day.
pub fn read_team(
    inputs: &[PathBuf],
    catalog: &Catalog,
    options: &Options,
    on: Option<Day>,
    mut on_error: impl FnMut(&anyhow::Error),
) -> Result<Read> {
    let (files, empty, skipped) = expand(inputs)?;
    let mut team = TeamBuilder::new(options.clone());
    let mut bad = 0;
    // With `on`: people with no round yet by that day, left out.
    let mut not_yet = Vec::new();
    for path in &files {
        let checked =
            read::read_text(path).and_then(|text| Ok(check_profile(path, &text, catalog)?));
        let added = checked.and_then(|checked| match on {
            Some(day) => {
                let then = checked.profile.as_of(day);
                if then.assessments.is_empty() {
                    not_yet.push(crate::model::text::clean_line(&then.person).into_owned());
                    Ok(())
                } else {
                    Ok(team.add(path, &then, checked.framework)?)
                }
            }
            None => Ok(team.add(path, &checked.profile, checked.framework)?),
        });
        if let Err(err) = added {
            on_error(&err);
            bad += 1;
        }
    }
    let mut team = team.finish();
    if let Some(day) = on {
        mark_changed_after(&mut team, day);
        if !not_yet.is_empty() {
            team.warnings.push(format!(
                "as of {day}: left out, with no round by that day: {}",
                not_yet.join(", ")
            ));
        }
    }
    team.notes = skipped;
    Ok(Read {
        team,
        files: files.len(),
        bad,
        empty,
    })
}

/// Who, as of `day`, shows a round saved after it: their ratings are as
/// last saved, which the files cannot undo.
fn mark_changed_after(team: &mut Team, day: Day) {
    let day_text = day.to_string();
    team.on = Some(day_text.clone());
    let later = |round: &Option<crate::export::report::Round>| {
        round.as_ref().is_some_and(|r| r.updated > day_text)
    };
    let mut names: Vec<String> = team
        .groups
        .iter()
        .flat_map(|g| &g.people)
        .filter(|p| later(&p.own) || later(&p.manager))
        .map(|p| p.name.clone())
        .collect();
    names.sort();
    names.dedup();
    team.changed_after = names;
}

pub fn run(args: TeamArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let options = Options {
        manager: args.manager.clone(),
        min_raters: args.min_raters,
        today: Some(crate::clock::today()),
        calibration: crate::model::calibration::Rules {
            lenience: args.lenience,
            min_shared: args.min_shared,
            ..Default::default()
        },
    };
    let Read {
        team,
        files,
        bad,
        empty,
    } = read_team(
        &args.inputs,
        &catalog,
        &options,
        args.on,
        super::output::error,
    )?;
    team.warnings.iter().for_each(super::output::warn);
    if let Some(day) = &team.on
        && !team.changed_after.is_empty()
    {
        super::output::warn(format_args!(
            "as of {day}: {} saved after that day ({}); the files keep no older ratings, so theirs are as last saved",
            if team.changed_after.len() == 1 {
                "1 person's rounds were"
            } else {
                "some people's rounds were"
            },
            team.changed_after.join(", ")
        ));
    }
    team.notes.iter().for_each(super::output::warn);
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
                "none of the {} could be read; nothing to summarise",
                crate::present::count(files, "profile")
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
        calibrate(&args, team, &catalog, paths, &options)?;
    } else {
        let by = args.by.into();
        let text = match args.format {
            TeamFormat::Markdown => team_table::markdown(&team, by),
            TeamFormat::Csv => team_table::csv(&team, by)?,
            TeamFormat::Json => team_table::json(&team)?,
            TeamFormat::Html => crate::export::team_html::render(&team, by),
        };
        match &args.output {
            Some(target) => write_to(target, &text, &team, args.force)?,
            None => super::output::print(&text)?,
        }
    }
    if bad > 0 || !empty.is_empty() {
        let mut problems = Vec::new();
        if bad > 0 {
            problems.push(format!(
                "{bad} of {} could not be read",
                crate::present::count(files, "profile")
            ));
        }
        if !empty.is_empty() {
            problems.push(format!(
                "{} held no profile",
                crate::present::count(empty.len(), "input")
            ));
        }
        return Err(InputError::new(format!(
            "{}; the others are summarised",
            problems.join(", ")
        ))
        .into());
    }
    Ok(())
}

/// Writes the overview to `target` under the rules of `rungs export -o`:
/// never over a profile (one of the team's or any other) or a file rungs
/// has open, over another existing file only when it is an earlier export
/// or with `--force`; the text passes the same guard as the terminal.
fn write_to(target: &Path, text: &str, team: &Team, force: bool) -> Result<()> {
    let profiles = team
        .groups
        .iter()
        .flat_map(|g| g.people.iter().map(|p| &p.path));
    for profile in profiles {
        crate::store::target::check_export_target(
            target,
            profile,
            force,
            crate::export::is_earlier_export,
        )?;
    }
    crate::store::save::write_atomic(target, clean(text).as_bytes())
        .with_context(|| format!("cannot write {}", shown_path(target)))?;
    super::output::eprintln(format_args!(
        "Wrote the overview of {} to {}",
        team_table::headcount(team),
        shown_path(target)
    ));
    Ok(())
}

/// The calibration grid; `Enter` runs `rungs review` of that person on the
/// same terminal, and the grid is read again when it ends.
fn calibrate(
    args: &TeamArgs,
    team: Team,
    catalog: &Catalog,
    paths: &Paths,
    options: &Options,
) -> Result<()> {
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
            |terminal, events, opening| {
                let said = match left_folder(&args.inputs, &opening.path) {
                    Some(why) => why,
                    None => review_from_grid(terminal, events, opening, &reviewer, catalog, paths),
                };
                // Quiet: a file that broke since is said in the grid's status.
                let team = quiet_read(&args.inputs, catalog, options, args.on);
                (said, team)
            },
        )
    })
}

/// Why the profile at `path`, read from one of the folders, may not be
/// reviewed: it has become a symbolic link out of that folder since.
fn left_folder(inputs: &[PathBuf], path: &Path) -> Option<String> {
    let folder = inputs
        .iter()
        .find(|input| input.is_dir() && path.parent() == Some(input.as_path()))?;
    leads_out(folder, path).map(|why| format!("Cannot open the review: {why}"))
}

fn review_from_grid<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
    events: &mut dyn crate::tui::Events,
    opening: &crate::tui::calibrate::Opening,
    reviewer: &str,
    catalog: &Catalog,
    paths: &Paths,
) -> String
where
    B::Error: Send + Sync + 'static,
{
    let opened = super::review::Review::open(
        &opening.path,
        reviewer,
        catalog,
        paths,
        opening.area.as_deref(),
    );
    let mut review = match opened {
        Ok(review) => review,
        Err(err) => return format!("Cannot open the review: {err:#}"),
    };
    match review.run(terminal, events) {
        Ok(ending) => {
            let closing = review.closing(ending);
            match closing.lacking {
                None => closing.line,
                Some(lacking) => format!(
                    "{}: {} change(s) could not be saved",
                    closing.line,
                    lacking.len()
                ),
            }
        }
        Err(err) => format!("The review ended: {err:#}"),
    }
}

/// The overview read again after a review, without messages (the terminal
/// is the grid's).
fn quiet_read(
    inputs: &[PathBuf],
    catalog: &Catalog,
    options: &Options,
    on: Option<Day>,
) -> Option<Team> {
    read_team(inputs, catalog, options, on, |_| {})
        .ok()
        .map(|read| read.team)
}
