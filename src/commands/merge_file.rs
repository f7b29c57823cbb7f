//! `rungs merge-file BASE OURS THEIRS`: git's merge driver for profiles
//! (`merge.rungs.driver = rungs merge-file %O %A %B`). The three versions
//! merge by meaning ([`crate::model::merge`]) and the result replaces OURS
//! atomically. Exit 0: merged cleanly; 1: conflicts are recorded in the
//! profile (git then leaves the file for the person to settle); 2: an input
//! is not a readable profile, and OURS is untouched. Files that are not
//! profiles at all (a framework beside them) go to git's own text merge.

use std::fmt;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use toml::Table;

use crate::cli::MergeFileArgs;
use crate::error::{InputError, Location};
use crate::model::conflict::{self, Found};
use crate::model::merge::merge;
use crate::model::text::shown_path;
use crate::model::{Profile, text};
use crate::store::{read, save};

/// Conflicts were recorded: git must not take the merge as clean.
#[derive(Debug)]
pub struct Conflicts {
    file: String,
    places: Vec<String>,
}

impl fmt::Display for Conflicts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.file;
        writeln!(
            f,
            "{file}: {} merge conflict(s) recorded in the profile, each beside the version kept:",
            self.places.len()
        )?;
        for place in &self.places {
            writeln!(f, "  {}", text::clean_line(place))?;
        }
        write!(
            f,
            "  open it in rungs (`rungs assess --profile {file}`, or `rungs review {file} --as NAME`) and press M on each ≠ to choose; then `git add {file}`"
        )
    }
}

impl std::error::Error for Conflicts {}

/// A version as the driver reads it.
enum Input {
    Profile(Table),
    /// Valid TOML that names no person (a framework, say).
    Other,
}

pub fn run(args: MergeFileArgs) -> Result<()> {
    let shown = args.name.clone().unwrap_or_else(|| shown_path(&args.ours));
    let ours = read_version(&args.ours)?;
    let theirs = read_version(&args.theirs)?;
    let base = read_base(&args.base)?;
    let (ours, theirs) = match (ours, theirs) {
        (Input::Profile(o), Input::Profile(t)) => (o, t),
        (Input::Other, Input::Other) => return text_merge(&args, &shown),
        (o, _) => {
            let (profile, other) = match o {
                Input::Profile(_) => (&args.ours, &args.theirs),
                Input::Other => (&args.theirs, &args.ours),
            };
            return Err(InputError::new(format!(
                "{} is a profile but {} is not: rungs merges two profiles",
                shown_path(profile),
                shown_path(other)
            ))
            .hint("settle this file by hand; OURS is left as it was")
            .into());
        }
    };
    let base = match base {
        Input::Profile(table) => table,
        Input::Other => Table::new(),
    };
    let merged = merge(&base, &ours, &theirs);
    // Written as rungs writes every profile; a result the model cannot read
    // would be a fault of the merge, and OURS stays as it was.
    let profile: Profile = toml::Value::Table(merged.table.clone())
        .try_into()
        .context("the merged profile could not be read back (nothing was written)")?;
    let text = toml::to_string(&profile).context("cannot write the merged profile")?;
    save::write_atomic(&args.ours, text.as_bytes())
        .with_context(|| format!("cannot write {}", shown_path(&args.ours)))?;
    if merged.conflicts == 0 {
        return Ok(());
    }
    let places = conflict::find_all(&merged.table)
        .iter()
        .map(|Found { path, record }| {
            format!(
                "{}: {}",
                conflict::describe(&merged.table, path),
                conflict::summary(record)
            )
        })
        .collect();
    Err(Conflicts {
        file: shown,
        places,
    }
    .into())
}

/// OURS or THEIRS: a profile (checked as one, so a broken file is refused
/// with its place), or a TOML file of another kind.
fn read_version(path: &Path) -> Result<Input> {
    let text = read::read_text(path)?;
    classify(path, &text)
}

/// The common ancestor: empty when git has none (a file added on both
/// sides: an empty file, `/dev/null`, or no file at all).
fn read_base(path: &Path) -> Result<Input> {
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if special || std::fs::symlink_metadata(path).is_err() {
        return Ok(Input::Other);
    }
    let text = read::read_text(path)?;
    if text.trim().is_empty() {
        return Ok(Input::Other);
    }
    classify(path, &text)
}

fn classify(path: &Path, text: &str) -> Result<Input> {
    let table: Table = match toml::from_str(text) {
        Ok(table) => table,
        // Not TOML: say where, and why (conflict markers first).
        Err(_) => {
            read::parse_profile(path, text)?;
            return Err(InputError::in_file(path, Location::START, "not a TOML file").into());
        }
    };
    if !["person", "assessments"]
        .iter()
        .any(|k| table.contains_key(*k))
    {
        return Ok(Input::Other);
    }
    read::check_is_profile(path, text)?;
    read::parse_profile(path, text)?;
    Ok(Input::Profile(table))
}

/// Two files that are not profiles: git's own line merge, with conflict
/// markers named after the sides.
fn text_merge(args: &MergeFileArgs, shown: &str) -> Result<()> {
    let status = Command::new("git")
        .arg("merge-file")
        .args(["-L", &format!("{shown} (ours)")])
        .args(["-L", &format!("{shown} (base)")])
        .args(["-L", &format!("{shown} (theirs)")])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status()
        .context("cannot run `git merge-file` for a file that is not a profile")?;
    match status.code() {
        Some(0) => Ok(()),
        Some(n) if (1..=127).contains(&n) => Err(anyhow::anyhow!(
            "{shown} is not a profile: merged as text, with {n} conflict(s) marked in it"
        )),
        _ => Err(anyhow::anyhow!(
            "{shown} is not a profile, and `git merge-file` could not merge it as text"
        )),
    }
}
