use anyhow::Result;

use crate::cli::ValidateArgs;
use crate::store::Paths;

pub fn run(args: ValidateArgs, paths: &Paths) -> Result<()> {
    let _ = (args, paths);
    anyhow::bail!("`validate` is being built")
}
