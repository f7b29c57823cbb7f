use anyhow::Result;

use crate::cli::ImportArgs;
use crate::store::Paths;

pub fn run(args: ImportArgs, paths: &Paths) -> Result<()> {
    let _ = (args, paths);
    anyhow::bail!("`import` is being built")
}
