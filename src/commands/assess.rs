use anyhow::Result;

use crate::cli::AssessArgs;
use crate::store::Paths;

pub fn run(args: AssessArgs, paths: &Paths) -> Result<()> {
    let _ = (args, paths);
    anyhow::bail!("`assess` is being built")
}
