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
        None => catalog.single().unwrap_or_else(|| {
            Err(InputError::new("which framework? there are several")
                .hint(format!(
                    "name one: rungs show ID (frameworks are: {})",
                    catalog.ids().join(", ")
                ))
                .into())
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

    if let Some(levels) = &args.diff {
        return show_diff(framework, &crafts, levels);
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

/// `--diff A B`: the two levels of the craft compared.
fn show_diff(
    framework: &crate::model::Framework,
    crafts: &[&crate::model::Craft],
    levels: &[String],
) -> Result<()> {
    let [craft] = crafts else {
        let ids: Vec<&str> = crafts.iter().map(|c| c.id.as_str()).collect();
        return Err(
            InputError::new("which craft? --diff compares two levels of one craft")
                .hint(format!("add --craft, one of: {}", ids.join(", ")))
                .into(),
        );
    };
    let find = |id: &String| {
        craft.level(id).ok_or_else(|| {
            InputError::new(format!("craft `{}` has no level `{id}`", craft.id))
                .hint(format!("levels are: {}", craft.level_ids().join(", ")))
        })
    };
    let (Some(a), Some(b)) = (levels.first(), levels.get(1)) else {
        return Err(InputError::new("--diff takes two levels").into());
    };
    let diff = crate::model::level_diff::level_diff(find(a)?, find(b)?);
    super::output::print_diff(&crate::export::changes::level_diff_text(framework, &diff))
}
