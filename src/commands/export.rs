use anyhow::Result;

use crate::cli::ExportArgs;
use crate::store::Paths;

pub fn run(args: ExportArgs, paths: &Paths) -> Result<()> {
    let _ = (args, paths);
    anyhow::bail!("`export` is being built")
}
