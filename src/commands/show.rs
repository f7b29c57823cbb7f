//! `rungs show [FRAMEWORK]`: a framework's statements, as text.

use std::fmt::Write;

use anyhow::Result;

use crate::cli::ShowArgs;
use crate::error::InputError;
use crate::store::{Catalog, Paths};

pub fn run(args: ShowArgs, paths: &Paths) -> Result<()> {
    let mut catalog = Catalog::load(&paths.frameworks);
    let framework = match &args.framework {
        Some(name) => catalog.resolve(name)?,
        None => catalog.single().ok_or_else(|| {
            InputError::new("which framework? there are several").hint(format!(
                "name one: rungs show ID (frameworks are: {})",
                catalog.ids().join(", ")
            ))
        })?,
    };
    let crafts: Vec<_> = framework
        .crafts
        .iter()
        .filter(|c| args.craft.as_deref().is_none_or(|id| c.id == id))
        .collect();
    if crafts.is_empty() {
        let ids: Vec<&str> = framework.crafts.iter().map(|c| c.id.as_str()).collect();
        return Err(InputError::new(format!(
            "framework `{}` has no craft `{}`",
            framework.id,
            args.craft.unwrap_or_default()
        ))
        .hint(format!("crafts are: {}", ids.join(", ")))
        .into());
    }
    if let Some(level) = &args.level
        && !crafts.iter().any(|c| c.level(level).is_some())
    {
        let ids: Vec<&str> = crafts.iter().flat_map(|c| c.level_ids()).collect();
        return Err(InputError::new(format!("no level `{level}` here"))
            .hint(format!("levels are: {}", ids.join(", ")))
            .into());
    }

    let mut out = String::new();
    let scale = &framework.scale;
    writeln!(out, "{} ({})", framework.name, framework.id)?;
    if let Some(description) = &framework.description {
        writeln!(out, "{description}")?;
    }
    let points: Vec<String> = scale
        .points
        .iter()
        .map(|p| format!("{} {}", p.value, p.label))
        .collect();
    writeln!(
        out,
        "Scale: {}; met from {}",
        points.join(" · "),
        scale.met_from
    )?;
    for craft in crafts {
        writeln!(out, "\n{} ({})", craft.name, craft.id)?;
        let levels = craft.levels_by_rank().into_iter();
        for level in levels.filter(|l| args.level.as_deref().is_none_or(|id| l.id == id)) {
            writeln!(
                out,
                "\n  {} ({}, rank {})",
                level.title, level.id, level.rank
            )?;
            for paragraph in level.summary.iter().chain(&level.focus) {
                writeln!(out, "  {paragraph}")?;
            }
            for area in &level.areas {
                writeln!(out, "\n    {} ({})", area.name, area.id)?;
                for statement in &area.statements {
                    writeln!(out, "      {}. {}", statement.id, statement.text)?;
                }
            }
        }
    }
    super::output::print(&out)
}
