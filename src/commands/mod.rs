//! One file per subcommand; `run` dispatches.

use anyhow::Result;

use crate::cli::Cli;

pub fn run(cli: Cli) -> Result<()> {
    let _ = cli;
    Ok(())
}
