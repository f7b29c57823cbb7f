//! `rungs validate FILE...`: checks framework and profile files. Frameworks
//! named here are used to check the profiles named here.

use std::path::{Path, PathBuf};

use std::fmt::Write;

use anyhow::Result;
use toml::de::DeTable;

use super::output;
use crate::cli::ValidateArgs;
use crate::error::{InputError, InputErrors};
use crate::model::conflict;
use crate::model::reviewers;
use crate::model::text::{clean_line, shown_path};
use crate::model::{Problem, TreePath};
use crate::present::fit;
use crate::store::{Catalog, Paths, check_profile, read};

enum Kind {
    Framework,
    Profile,
}

/// A file is a profile when it names a person, else a framework. A file
/// that does not parse (conflict markers) is told by its lines.
fn kind_of(text: &str) -> Kind {
    let is_profile = DeTable::parse(text)
        .map(|root| {
            ["person", "assessments"]
                .iter()
                .any(|k| root.get_ref().contains_key(*k))
        })
        .unwrap_or_else(|_| {
            text.lines().any(|l| {
                let l = l.trim_start();
                l.starts_with("[[assessments") || l.starts_with("person =")
            })
        });
    if is_profile {
        Kind::Profile
    } else {
        Kind::Framework
    }
}

pub fn run(args: ValidateArgs, paths: &Paths) -> Result<()> {
    let mut catalog = Catalog::load(&paths.frameworks);
    let mut out = String::new();
    let mut failed = 0;
    let mut profiles: Vec<(PathBuf, String)> = Vec::new();
    for path in &args.files {
        let text = match read::read_text(path) {
            Ok(text) => text,
            Err(err) => {
                report(&err, args.all);
                failed += 1;
                continue;
            }
        };
        match kind_of(&text) {
            Kind::Profile => profiles.push((path.clone(), text)),
            Kind::Framework => match read::parse_framework(path, &text) {
                Ok(framework) => {
                    let levels: usize = framework.crafts.iter().map(|c| c.levels.len()).sum();
                    writeln!(
                        out,
                        "ok  {}: framework `{}` ({} crafts, {levels} levels, {} statements)",
                        shown_path(path),
                        framework.id,
                        framework.crafts.len(),
                        framework.statement_count()
                    )?;
                    catalog.add_framework(framework, path);
                }
                Err(err) => {
                    report(&err.into(), args.all);
                    failed += 1;
                }
            },
        }
    }
    for (path, text) in &profiles {
        if !check_one(path, text, &catalog, &mut out, args.all)? {
            failed += 1;
        }
    }
    super::output::print(&out)?;
    if failed > 0 {
        return Err(InputError::new(format!(
            "{failed} of {} file(s) failed validation",
            args.files.len()
        ))
        .into());
    }
    Ok(())
}

fn check_one(
    path: &Path,
    text: &str,
    catalog: &Catalog,
    out: &mut String,
    all: bool,
) -> Result<bool> {
    match check_profile(path, text, catalog) {
        Ok(checked) => {
            let ratings: usize = checked
                .profile
                .assessments
                .iter()
                .map(|a| a.ratings().len())
                .sum();
            writeln!(
                out,
                "ok  {}: profile of {} ({} / {} / {}; {} assessments, {ratings} ratings)",
                shown_path(path),
                fit(&clean_line(&checked.profile.person), 60),
                clean_line(&checked.profile.framework),
                clean_line(&checked.profile.craft),
                clean_line(&checked.profile.level),
                checked.profile.assessments.len()
            )?;
            if all {
                checked.orphans.iter().for_each(output::warn);
            } else {
                print_orphans(&checked.orphans);
            }
            merge_conflicts(path, text);
            let reworded = checked.profile.reworded_count(checked.framework);
            if reworded > 0 {
                output::warn(format_args!(
                    "{}: {reworded} rating(s) were given against other words than their statement has now; the app marks them Δ (c jumps to them)",
                    shown_path(path)
                ));
            }
            warn_future_dates(path, text, &checked.profile);
            Ok(true)
        }
        Err(err) => {
            report(&err.into(), all);
            Ok(false)
        }
    }
}

/// A round dated after today is a wrong clock or a date set to rank first
/// (the newest round counts as the current one): a warning at its line.
fn warn_future_dates(path: &Path, text: &str, profile: &crate::model::Profile) {
    let today = crate::clock::today();
    let problems: Vec<Problem> = reviewers::dated_after(profile, &today)
        .into_iter()
        .map(|(i, field, day)| {
            Problem::new(
                TreePath::default().at("assessments", i).key(field),
                format!("`{field}` is {day}, after today ({today})"),
                "a wrong clock, or a date set to rank first: correct the date",
            )
        })
        .collect();
    if !problems.is_empty() {
        read::locate_all(path, text, &problems)
            .0
            .iter()
            .for_each(output::warn);
    }
}

/// Merge conflicts recorded in a profile (`rungs merge-file`) are warnings,
/// not errors: the file reads everywhere, with one version of each in
/// place. Each is named with its place and how to settle it.
fn merge_conflicts(path: &Path, text: &str) {
    // Most profiles have none: only a file that mentions one is read again.
    if !text.contains(conflict::KEY) {
        return;
    }
    let Ok(document) = toml::from_str::<toml::Table>(text) else {
        return;
    };
    let found = conflict::find_all(&document);
    if found.is_empty() {
        return;
    }
    let paths: Vec<&[conflict::Step]> = found.iter().map(|f| f.path.as_slice()).collect();
    let locations = read::locate_records(text, &paths);
    for (f, at) in found.iter().zip(locations) {
        output::warn(format_args!(
            "{}:{}:{}: merge conflict in {}: {}",
            shown_path(path),
            at.line,
            at.column,
            conflict::describe(&document, &f.path),
            conflict::summary(&f.record)
        ));
    }
    output::warn(format_args!(
        "{}: {} merge conflict(s) to settle: open the profile in rungs and press m on each ≠ (a rating), or keep one version in the file and delete its `conflict` table",
        shown_path(path),
        found.len()
    ));
}

/// Orphaned ratings are kept, so they warn rather than fail: the first few
/// one by one, the rest as one summary line per file.
pub fn print_orphans(orphans: &[InputError]) {
    const SHOWN: usize = 5;
    orphans.iter().take(SHOWN).for_each(output::warn);
    if orphans.len() > SHOWN {
        let file = orphans[0]
            .file
            .as_deref()
            .map_or_else(|| "FILE".to_owned(), shown_path);
        output::warn(format_args!(
            "... and {} more orphaned ratings in {file} (`rungs validate --all {file}` lists them)",
            orphans.len() - SHOWN
        ));
    }
}

/// A file's problems: the first ones, or all of them with `--all`.
fn report(err: &anyhow::Error, all: bool) {
    match err.downcast_ref::<InputErrors>() {
        Some(errors) if all => output::eprintln(errors.all()),
        _ => output::error(err),
    }
}
