//! `rungs completions SHELL`: the shell's completion script for every
//! command and flag, on standard output.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "rungs", &mut script);
    super::output::print(&String::from_utf8_lossy(&script))
}
