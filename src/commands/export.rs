//! `rungs export`: a profile's summary, markdown by default, to standard
//! output or a file.

use std::path::Path;

use anyhow::{Context, Result};

use super::output;
use crate::cli::ExportArgs;
use crate::model::text::{clean, shown_path};
use crate::store::{Catalog, Paths, load_profile, save};

pub fn run(args: ExportArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let path = args.profile.unwrap_or_else(|| paths.profile.clone());
    let checked = load_profile(&path, &catalog)?;
    super::validate::print_orphans(&checked.orphans);
    let choice = crate::export::report::Choice {
        round: args.round,
        manager: args.manager.clone(),
        today: Some(crate::clock::today()),
    };
    let text = crate::export::render_chosen(
        &checked.profile,
        checked.framework,
        args.format.into(),
        &choice,
    )?;
    deliver(&text, args.output.as_deref(), &path, args.force, "Exported")
}

/// Prints `text`, or writes it to `output` under the export rules (never
/// over the profile, over a file rungs did not write only with `force`,
/// the terminal's guard applied) and says so: `{done} PROFILE to FILE`.
pub fn deliver(
    text: &str,
    output: Option<&Path>,
    profile: &Path,
    force: bool,
    done: &str,
) -> Result<()> {
    let Some(target) = output else {
        return output::print(text);
    };
    crate::store::target::check_export_target(
        target,
        profile,
        force,
        crate::export::is_earlier_export,
    )?;
    // A file written for others to open passes the same guard as the terminal.
    save::write_atomic(target, clean(text).as_bytes())
        .with_context(|| format!("cannot write {}", shown_path(target)))?;
    output::eprintln(format_args!(
        "{done} {} to {}",
        shown_path(profile),
        shown_path(target)
    ));
    Ok(())
}
