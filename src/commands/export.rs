//! `rungs export`: a profile's summary, markdown by default, to standard
//! output or a file.

use anyhow::{Context, Result};

use crate::cli::ExportArgs;
use crate::store::{Parsed, Paths, check_parsed, load_with_catalog, save};

pub fn run(args: ExportArgs, paths: &Paths) -> Result<()> {
    let path = args.profile.unwrap_or_else(|| paths.profile.clone());
    let (catalog, parsed) = load_with_catalog(&paths.frameworks, &path);
    let Parsed { text, profile } = parsed?;
    let checked = check_parsed(&path, &text, profile, &catalog)?;
    for orphan in &checked.orphans {
        eprintln!("warning: {orphan}");
    }
    let text = crate::export::render(&checked.profile, checked.framework, args.format)?;
    match args.output {
        Some(output) => {
            save::write_atomic(&output, text.as_bytes())
                .with_context(|| format!("cannot write {}", output.display()))?;
            eprintln!("Exported {} to {}", path.display(), output.display());
        }
        None => super::output::print(&text)?,
    }
    Ok(())
}
