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
use crate::present::{count, fit};

/// How many orphaned or reworded ratings of a file are listed one by one
/// (`--all` lists every one).
const SHOWN: usize = 5;
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
                        "ok  {}: framework `{}` ({}, {}, {})",
                        shown_path(path),
                        framework.id,
                        count(framework.crafts.len(), "craft"),
                        count(levels, "level"),
                        count(framework.statement_count(), "statement")
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
        if !check_one(path, text, &catalog, &mut out, &args)? {
            failed += 1;
        }
    }
    super::output::print(&out)?;
    if failed > 0 {
        return Err(InputError::new(format!(
            "{failed} of {} failed validation",
            count(args.files.len(), "file")
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
    args: &ValidateArgs,
) -> Result<bool> {
    let all = args.all;
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
                "ok  {}: profile of {} ({} / {} / {}; {}, {})",
                shown_path(path),
                fit(&clean_line(&checked.profile.person), 60),
                clean_line(&checked.profile.framework),
                clean_line(&checked.profile.craft),
                clean_line(&checked.profile.level),
                count(checked.profile.assessments.len(), "assessment"),
                count(ratings, "rating")
            )?;
            if all {
                checked.orphans.iter().for_each(output::warn);
            } else {
                print_orphans(&checked.orphans);
            }
            merge_conflicts(path, text);
            warn_reworded(path, text, &checked.profile, checked.framework, all);
            warn_future_dates(path, text, &checked.profile);
            if args.evidence {
                let found =
                    super::validate_evidence::check(path, text, &checked.profile, &args.repos);
                writeln!(out, "    evidence: {}", found.describe())?;
            }
            Ok(true)
        }
        Err(err) => {
            report(&err.into(), all);
            Ok(false)
        }
    }
}

/// Each rating given against other words than its statement has now, at
/// its line: the first few, then a count (`--all` lists every one).
fn warn_reworded(
    path: &Path,
    text: &str,
    profile: &crate::model::Profile,
    framework: &crate::model::Framework,
    all: bool,
) {
    let found = profile.reworded(framework);
    let problems: Vec<Problem> = found
        .iter()
        .take(if all { usize::MAX } else { SHOWN })
        .map(|&(i, j)| {
            let assessment = &profile.assessments[i];
            let key = &assessment.ratings()[j].statement;
            let whose = match assessment.role {
                crate::model::Role::Own => "self".to_owned(),
                crate::model::Role::Manager => clean_line(&assessment.assessor).into_owned(),
            };
            Problem::new(
                TreePath::default()
                    .at("assessments", i)
                    .at("ratings", j)
                    .key("statement"),
                format!(
                    "`{key}` ({whose}) was rated against other words than the statement has now"
                ),
                "the app marks it Δ: c jumps to it; rate it again, or Enter to keep the rating",
            )
        })
        .collect();
    read::locate_all(path, text, &problems)
        .0
        .iter()
        .for_each(output::warn);
    if found.len() > problems.len() {
        output::warn(format_args!(
            "... and {} more reworded in {} (`rungs validate --all {}` lists them)",
            found.len() - problems.len(),
            shown_path(path),
            shown_path(path)
        ));
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
        "{}: {} merge conflict(s) to settle: open the profile in rungs and press M on each ≠ (a rating), or keep one version in the file and delete its `conflict` table",
        shown_path(path),
        found.len()
    ));
}

/// Orphaned ratings are kept, so they warn rather than fail: the first few
/// one by one, the rest as one summary line per file.
pub fn print_orphans(orphans: &[InputError]) {
    orphans.iter().take(SHOWN).for_each(output::warn);
    if orphans.len() > SHOWN {
        let file = orphans[0]
            .file
            .as_deref()
            .map_or_else(|| "FILE".to_owned(), shown_path);
        let more = orphans.len() - SHOWN;
        output::warn(format_args!(
            "... and {more} more orphaned {} in {file} (`rungs validate --all {file}` lists them)",
            crate::present::plural(more, "rating", "ratings")
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
