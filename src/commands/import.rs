//! `rungs import FILE…`: a framework kept elsewhere into one framework file,
//! new or grown from an installed one. What was made and every skipped line
//! go to standard error; the TOML goes to `-o` or standard output.

use anyhow::{Context, Result};

use crate::cli::ImportArgs;
use crate::error::{InputError, InputErrors, Location};
use crate::import::{self, Format, Options, Source, shown};
use crate::store::read::{MAX_FILE_BYTES, parse_framework, read_text};
use crate::store::{Catalog, Paths, save};

pub fn run(args: ImportArgs, paths: &Paths) -> Result<()> {
    if let Some(output) = &args.output
        && !args.force
        && std::fs::symlink_metadata(output).is_ok()
    {
        return Err(InputError::new(format!("{} exists already", shown(output)))
            .hint("pass --force to overwrite it, or name another file with -o")
            .into());
    }
    let mut sources = Vec::new();
    for path in &args.files {
        sources.push(Source {
            path: path.clone(),
            text: read_text(path)?,
        });
    }
    let format = match args.from {
        Some(format) => format,
        None => format_of(&sources)?,
    };
    let options = Options {
        craft: args.craft.clone(),
        name: args.name.clone(),
    };
    let draft = import::read(format, &sources, &options)?;
    let skipped = draft.skipped.clone();
    let mut catalog = Catalog::load(&paths.frameworks);
    let (framework, made) = match &args.into {
        Some(into) => {
            let base = catalog.resolve(into)?.clone();
            let grown = import::grow(&base, draft, args.replace_level)?;
            let made = format!("grew a copy of framework `{}`", grown.id);
            (grown, made)
        }
        None => {
            let (framework, id_from) =
                import::assemble(draft, &sources, &options, args.id.as_deref())?;
            if !args.force && catalog.contains(&framework.id) {
                return Err(InputError::new(format!(
                    "an installed framework has the id `{}` already",
                    framework.id
                ))
                .hint(format!(
                    "pass --into {0} to add these levels to it, --id to choose another id, or --force to import as `{0}` anyway",
                    framework.id
                ))
                .into());
            }
            let made = format!("made framework `{}` (id {id_from})", framework.id);
            (framework, made)
        }
    };
    let text = import::to_toml(&framework);
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
    // What is written must read back as what was made: a failure here is
    // rungs' own bug, reported rather than written.
    let written = std::path::Path::new("imported.toml");
    parse_framework(written, &text).context("the imported framework does not read back")?;
    if let Some(output) = &args.output {
        save::write_atomic(output, text.as_bytes())
            .with_context(|| format!("cannot write {}", shown(output)))?;
    }
    let mut report = format!(
        "Imported {} file(s) as {format}: {made}: {} craft(s), {} statements\n",
        sources.len(),
        framework.crafts.len(),
        framework.statement_count()
    );
    report.push_str(&import::summary(&framework, &skipped));
    if let Some(output) = &args.output {
        report.push_str(&format!("Wrote {}\n", shown(output)));
    }
    super::output::eprintln(report.trim_end());
    if args.output.is_none() {
        super::output::print(&text)?;
    }
    Ok(())
}

/// The one format all files are in, from their content and extension.
fn format_of(sources: &[Source]) -> Result<Format, InputErrors> {
    let names = Format::ALL.map(Format::as_str).join(", ");
    let mut found: Vec<(Format, &Source)> = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        let candidates = import::detect(&source.path, &source.text);
        match candidates.as_slice() {
            [one] => found.push((*one, source)),
            [] => errors.push(
                InputError::in_file(
                    &source.path,
                    Location::START,
                    "rungs cannot tell which format this file is in",
                )
                .hint(format!("name it with --from FORMAT ({names})")),
            ),
            many => {
                let list: Vec<&str> = many.iter().map(|f| f.as_str()).collect();
                errors.push(
                    InputError::in_file(
                        &source.path,
                        Location::START,
                        format!(
                            "this file could be in more than one format: {}",
                            list.join(", ")
                        ),
                    )
                    .hint(format!("choose one with --from {}", list[0])),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let first = found[0].0;
    if let Some((other, source)) = found.iter().find(|(f, _)| *f != first) {
        return Err(InputError::new(format!(
            "{} is {first}, {} is {other}: one import reads one format",
            shown(&found[0].1.path),
            shown(&source.path)
        ))
        .hint("import the files of each format apart, or name the format with --from")
        .into());
    }
    Ok(first)
}
