//! `rungs agenda [PROFILE] [--as NAME]`: what the next one-to-one should
//! cover, in markdown or JSON.

use anyhow::Result;

use crate::cli::{AgendaArgs, AgendaFormat};
use crate::export::agenda::{self, Agenda};
use crate::store::{Catalog, Paths, load_profile};

pub fn run(args: AgendaArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let path = args.profile.unwrap_or_else(|| paths.profile.clone());
    let checked = load_profile(&path, &catalog)?;
    let agenda = Agenda::of(
        &checked.profile,
        checked.framework,
        args.manager.as_deref(),
        &crate::clock::today(),
    )?;
    let text = match args.format {
        AgendaFormat::Markdown => agenda::markdown(&agenda),
        AgendaFormat::Json => agenda::json(&agenda)?,
    };
    super::output::print(&text)
}
