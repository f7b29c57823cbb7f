//! `rungs packet`: the promotion case for the next level (or `--to`), as
//! markdown, a self-contained page or JSON, to standard output or a file.

use anyhow::{Context, Result};

use super::output;
use crate::cli::{PacketArgs, PacketFormat};
use crate::export::packet::{self, Packet};
use crate::model::text::{clean, shown_path};
use crate::store::{Catalog, Paths, load_profile, save};

pub fn run(args: PacketArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let path = args.profile.unwrap_or_else(|| paths.profile.clone());
    let checked = load_profile(&path, &catalog)?;
    super::validate::print_orphans(&checked.orphans);
    let packet = Packet::of(&checked.profile, checked.framework, args.to.as_deref())?;
    let text = match args.format {
        PacketFormat::Markdown => crate::export::packet_markdown::render(&packet),
        PacketFormat::Html => crate::export::packet_html::render(&packet),
        PacketFormat::Json => packet::json(&packet)?,
    };
    match args.output {
        Some(target) => {
            crate::store::target::check_export_target(
                &target,
                &path,
                args.force,
                crate::export::is_earlier_export,
            )?;
            // A file written for others to open passes the same guard as the terminal.
            save::write_atomic(&target, clean(&text).as_bytes())
                .with_context(|| format!("cannot write {}", shown_path(&target)))?;
            output::eprintln(format_args!(
                "Wrote the case for {} to {}",
                packet.to.title,
                shown_path(&target)
            ));
        }
        None => output::print(&text)?,
    }
    Ok(())
}
