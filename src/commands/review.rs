use anyhow::Result;

use crate::cli::ReviewArgs;
use crate::store::Paths;

pub fn run(args: ReviewArgs, paths: &Paths) -> Result<()> {
    let _ = (args, paths);
    anyhow::bail!("`review` is being built")
}
