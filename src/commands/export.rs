//! `rungs export`: a profile's summary, markdown by default, to standard
//! output or a file.

use anyhow::{Context, Result};

use crate::cli::ExportArgs;
use crate::store::{Catalog, Paths, load_profile, save};

pub fn run(args: ExportArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let path = args.profile.unwrap_or_else(|| paths.profile.clone());
    let checked = load_profile(&path, &catalog)?;
    for orphan in &checked.orphans {
        eprintln!("warning: {orphan}");
    }
    let choice = crate::export::report::Choice {
        round: args.round,
        manager: args.manager.clone(),
    };
    let text = crate::export::render_chosen(
        &checked.profile,
        checked.framework,
        args.format.into(),
        &choice,
    )?;
    match args.output {
        Some(output) => {
            crate::store::target::check_export_target(
                &output,
                &path,
                args.force,
                crate::export::is_earlier_export,
            )?;
            save::write_atomic(&output, text.as_bytes())
                .with_context(|| format!("cannot write {}", output.display()))?;
            eprintln!("Exported {} to {}", path.display(), output.display());
        }
        None => super::output::print(&text)?,
    }
    Ok(())
}
