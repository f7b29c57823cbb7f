//! `rungs packet`: the promotion case for the next level (or `--to`), as
//! markdown, a self-contained page or JSON, to standard output or a file.

use anyhow::Result;

use crate::cli::{PacketArgs, PacketFormat};
use crate::export::packet::{self, Packet};
use crate::store::{Catalog, Paths, load_profile};

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
    let done = format!("Wrote the case for {} of", packet.to.title);
    super::export::deliver(&text, args.output.as_deref(), &path, args.force, &done)
}
