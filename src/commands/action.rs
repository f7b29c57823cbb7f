//! `rungs action add | list | done`: the actions agreed on a profile's
//! statements, from the command line. A change is saved through the store
//! like any other (atomically, merged with another writer's changes).

use std::path::Path;

use anyhow::Result;

use crate::cli::{ActionArgs, ActionCommand};
use crate::error::InputError;
use crate::model::actions::{self, Action, parse_due};
use crate::model::profile::stamp;
use crate::model::save_merge::Claim;
use crate::model::text::clean_line;
use crate::model::{Framework, Profile};
use crate::store::{Catalog, Found, Paths, Writer, check_profile};

pub fn run(args: ActionArgs, paths: &Paths) -> Result<()> {
    match args.command {
        ActionCommand::Add {
            profile,
            statement,
            owner,
            due,
            text,
        } => {
            let path = profile.unwrap_or_else(|| paths.profile.clone());
            let due = due
                .as_deref()
                .map(parse_due)
                .transpose()
                .map_err(|why| InputError::new(format!("--due: {why}")))?;
            let (owner, text) = (owner.trim().to_owned(), text.trim().to_owned());
            if owner.is_empty() || text.is_empty() {
                return Err(InputError::new("an action needs a text and an owner")
                    .hint("rungs action add --statement KEY --owner NAME \"what to do\"")
                    .into());
            }
            change(&path, paths, |profile, framework| {
                let known = framework
                    .craft(&profile.craft)
                    .is_some_and(|craft| craft.index().contains(&statement));
                if !known {
                    return Err(InputError::new(format!(
                        "`{}` is not a statement of {}",
                        clean_line(&statement),
                        clean_line(&profile.craft)
                    ))
                    .hint("rungs show lists the statements with their keys")
                    .into());
                }
                let now = stamp(jiff::Timestamp::now());
                let action = Action::new(&statement, &text, &owner, due, now);
                actions::add(&mut profile.actions, action);
                // Open ones are numbered first: the new one is the last of them.
                let number = profile.actions.iter().filter(|a| a.is_open()).count();
                Ok(format!(
                    "Added action {number} on {}.\n",
                    clean_line(&statement)
                ))
            })
        }
        ActionCommand::List { profile } => {
            let path = profile.unwrap_or_else(|| paths.profile.clone());
            let catalog = Catalog::load(&paths.frameworks);
            let checked = crate::store::load_profile(&path, &catalog)?;
            super::output::print(&list(&checked.profile, &crate::clock::today()))
        }
        ActionCommand::Done { profile, number } => {
            let path = profile.unwrap_or_else(|| paths.profile.clone());
            change(&path, paths, |profile, _| {
                let order = numbered(profile);
                let Some(&at) = number.checked_sub(1).and_then(|i| order.get(i)) else {
                    return Err(InputError::new(format!("there is no action {number}"))
                        .hint(format!(
                            "rungs action list numbers them 1 to {}",
                            order.len()
                        ))
                        .into());
                };
                let action = &mut profile.actions[at];
                if let Some(day) = action.done_day() {
                    return Err(InputError::new(format!(
                        "action {number} was done on {day} already"
                    ))
                    .into());
                }
                action.toggle(stamp(jiff::Timestamp::now()));
                Ok(format!("Done: {}\n", clean_line(&profile.actions[at].text)))
            })
        }
    }
}

/// Where the actions are in the file, in the order they are listed and
/// numbered: open ones first, each group in the order they were added.
pub fn numbered(profile: &Profile) -> Vec<usize> {
    let mut order: Vec<usize> = (0..profile.actions.len()).collect();
    order.sort_by_key(|&i| !profile.actions[i].is_open());
    order
}

/// The numbered list `rungs action list` prints.
pub fn list(profile: &Profile, today: &str) -> String {
    if profile.actions.is_empty() {
        return "No actions yet: rungs action add --statement KEY --owner NAME \"what to do\".\n"
            .to_owned();
    }
    numbered(profile)
        .into_iter()
        .enumerate()
        .map(|(n, i)| {
            let a = &profile.actions[i];
            let status = match (a.done_day(), a.due_day()) {
                (Some(day), _) => format!("done {day}"),
                (None, Some(due)) if a.is_overdue(today) => format!("OVERDUE since {due}"),
                (None, Some(due)) => format!("open, due {due}"),
                (None, None) => "open".to_owned(),
            };
            format!(
                "{}. [{status}] {} · {}: {}\n",
                n + 1,
                clean_line(&a.statement),
                clean_line(&a.owner),
                clean_line(&a.text)
            )
        })
        .collect()
}

/// Reads and checks the profile, lets `edit` change it, and saves it
/// through the store; prints what `edit` says.
fn change(
    path: &Path,
    paths: &Paths,
    edit: impl FnOnce(&mut Profile, &Framework) -> Result<String>,
) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let found = Found::read(path)?;
    let Some(text) = found.text() else {
        return Err(InputError::new(format!("{}: no such file", shown(path)))
            .hint("name a profile with --profile, or start one with rungs assess")
            .into());
    };
    let checked = check_profile(found.path(), text, &catalog)?;
    let base = checked.profile.clone();
    let mut profile = checked.profile;
    let said = edit(&mut profile, checked.framework)?;
    let writer = Writer {
        claim: Claim::Actions,
        holder: "rungs action".to_owned(),
    };
    let mut file = found.open(&writer, paths, Some(&base))?;
    if let Some(why) = file.read_only_reason() {
        return Err(anyhow::anyhow!("nothing was written: {why}"));
    }
    file.save(&profile)?;
    super::output::print(&said)
}

fn shown(path: &Path) -> String {
    crate::model::text::shown_path(path)
}
