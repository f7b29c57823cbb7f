//! `rungs import PAGE.md...`: career-framework pages into one framework file.

use anyhow::{Context, Result};

use crate::cli::ImportArgs;
use crate::error::InputErrors;
use crate::import::{framework_of, parse_page, to_toml};
use crate::store::{Paths, read::read_text, save};

pub fn run(args: ImportArgs, _paths: &Paths) -> Result<()> {
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for path in &args.pages {
        let text = read_text(path)?;
        match parse_page(path, &text) {
            Ok(page) => pages.push((path.clone(), page)),
            Err(err) => errors.push(err),
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors).into());
    }
    let framework = framework_of(&pages, args.id.as_deref())?;
    let text = to_toml(&framework);
    match &args.output {
        Some(output) => {
            save::write_atomic(output, text.as_bytes())
                .with_context(|| format!("cannot write {}", output.display()))?;
            let statements = framework.statement_count();
            eprintln!(
                "Imported {} page(s) into {} ({}: {} craft(s), {statements} statements)",
                pages.len(),
                output.display(),
                framework.id,
                framework.crafts.len()
            );
        }
        None => super::output::print(&text)?,
    }
    Ok(())
}
