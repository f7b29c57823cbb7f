//! `rungs import PAGE.md...`: career-framework pages into one framework file.

use anyhow::{Context, Result};

use crate::cli::ImportArgs;
use crate::error::{InputError, InputErrors};
use crate::import::{framework_of, parse_page, to_toml};
use crate::store::read::{MAX_FILE_BYTES, read_text};
use crate::store::{Paths, save};

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
    // rungs would refuse to read back what it wrote over its read cap.
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::new(format!(
            "the framework would be {:.1} MiB, over the {} MiB rungs reads",
            text.len() as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        ))
        .hint("import fewer pages into each framework file")
        .into());
    }
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
