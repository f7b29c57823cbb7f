//! `rungs validate FILE...`: checks framework and profile files. Frameworks
//! named here are used to check the profiles named here.

use std::path::{Path, PathBuf};

use std::fmt::Write;

use anyhow::Result;
use toml::de::DeTable;

use crate::cli::ValidateArgs;
use crate::error::InputError;
use crate::store::{Catalog, Paths, check_profile, read};

enum Kind {
    Framework,
    Profile,
}

/// A file is a profile when it names a person, else a framework.
fn kind_of(text: &str) -> Kind {
    let is_profile = DeTable::parse(text)
        .map(|root| {
            ["person", "assessments"]
                .iter()
                .any(|k| root.get_ref().contains_key(*k))
        })
        .unwrap_or(false);
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
                report(&err);
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
                        path.display(),
                        framework.id,
                        framework.crafts.len(),
                        framework.statement_count()
                    )?;
                    catalog.add_framework(framework, path);
                }
                Err(err) => {
                    report(&err.into());
                    failed += 1;
                }
            },
        }
    }
    for (path, text) in &profiles {
        if !check_one(path, text, &catalog, &mut out)? {
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

fn check_one(path: &Path, text: &str, catalog: &Catalog, out: &mut String) -> Result<bool> {
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
                path.display(),
                crate::model::text::fit(
                    &crate::model::text::clean_line(&checked.profile.person),
                    60
                ),
                checked.profile.framework,
                checked.profile.craft,
                checked.profile.level,
                checked.profile.assessments.len()
            )?;
            print_orphans(&checked.orphans);
            Ok(true)
        }
        Err(err) => {
            report(&err.into());
            Ok(false)
        }
    }
}

/// Orphaned ratings are kept, so they warn rather than fail; a long list is cut.
fn print_orphans(orphans: &[InputError]) {
    const SHOWN: usize = 10;
    for orphan in orphans.iter().take(SHOWN) {
        eprintln!("warning: {orphan}");
    }
    if orphans.len() > SHOWN {
        eprintln!(
            "warning: ... and {} more orphaned ratings",
            orphans.len() - SHOWN
        );
    }
}

fn report(err: &anyhow::Error) {
    eprintln!("{err:#}");
}
