use anyhow::Result;

use crate::cli::TeamArgs;
use crate::store::Paths;

pub fn run(args: TeamArgs, paths: &Paths) -> Result<()> {
    let _ = (args, paths);
    anyhow::bail!("`team` is being built")
}
