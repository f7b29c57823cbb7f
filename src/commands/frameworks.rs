//! `rungs frameworks`: every framework this rungs can use, where it comes
//! from, and its crafts and levels.

use std::fmt::Write;

use anyhow::Result;

use crate::error::InputError;
use crate::store::{Catalog, Paths};

pub fn run(paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let (frameworks, broken) = catalog.load_all();
    let mut out = String::new();
    for (framework, source) in frameworks {
        writeln!(out, "{}  {}  ({source})", framework.id, framework.name)?;
        for craft in &framework.crafts {
            writeln!(out, "  {}  {}", craft.id, craft.name)?;
            for level in craft.levels_by_rank() {
                writeln!(
                    out,
                    "    {}  {}  rank {}, {} areas, {} statements",
                    level.id,
                    level.title,
                    level.rank,
                    level.areas.len(),
                    level.statement_count()
                )?;
            }
        }
    }
    writeln!(
        out,
        "\nUser frameworks are read from {}",
        crate::model::text::shown_path(&paths.frameworks)
    )?;
    super::output::print(&out)?;
    for err in &broken {
        super::output::error(err);
    }
    if !broken.is_empty() {
        return Err(InputError::new(format!(
            "{} could not be loaded",
            crate::present::count(broken.len(), "framework file")
        ))
        .into());
    }
    Ok(())
}
