use anyhow::Result;

use crate::cli::ShowArgs;
use crate::store::Paths;

pub fn run(args: ShowArgs, paths: &Paths) -> Result<()> {
    let _ = (args, paths);
    anyhow::bail!("`show` is being built")
}
