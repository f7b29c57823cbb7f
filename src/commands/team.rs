//! `rungs team DIR_OR_FILES...`: one overview of many profiles. A bad file is
//! reported and the rest still summarised.

use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::cli::{TeamArgs, TeamFormat};
use crate::error::InputError;
use crate::export::team::TeamBuilder;
use crate::store::{Catalog, Paths, check_profile, read};

/// Folders become their `*.toml` files, sorted; files stay as given.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .with_context(|| format!("cannot list {}", crate::model::text::shown_path(input)))?
                .flatten()
                .map(|e| e.path())
                // Not `is_file`: a FIFO or a device named `*.toml` is listed
                // too, and refused with a message when it is read.
                .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.is_dir())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

pub fn run(args: TeamArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let files = expand(&args.inputs)?;
    // One profile at a time: its text and ratings are dropped once its
    // tallies are added, so memory follows the team's tallies, not its files.
    let mut team = TeamBuilder::default();
    let mut bad = 0;
    for path in &files {
        let checked =
            read::read_text(path).and_then(|text| Ok(check_profile(path, &text, &catalog)?));
        match checked {
            Ok(checked) => team.add(&checked.profile, checked.framework),
            Err(err) => {
                super::output::error(&err);
                bad += 1;
            }
        }
    }
    let team = team.finish();
    team.warnings.iter().for_each(super::output::warn);
    let text = match args.format {
        TeamFormat::Markdown => team.markdown(),
        TeamFormat::Csv => team.csv()?,
        TeamFormat::Html => crate::export::team_html::render(&team),
    };
    super::output::print(&text)?;
    if files.is_empty() {
        return Err(InputError::new("no profiles found")
            .hint("name profile files, or folders holding *.toml profiles")
            .into());
    }
    if bad > 0 {
        return Err(InputError::new(format!(
            "{bad} of {} profile(s) could not be read; the others are summarised",
            files.len()
        ))
        .into());
    }
    Ok(())
}
