//! One file per subcommand, each `run(args, &Paths)`; `run` dispatches.

pub mod action;
pub mod agenda;
pub mod assess;
pub mod completions;
pub mod diff;
pub mod evidence;
pub mod export;
pub mod frameworks;
pub mod git_setup;
pub mod harvest;
pub mod import;
pub mod man;
pub mod merge_file;
pub mod output;
pub mod packet;
pub mod relink;
pub mod review;
pub mod show;
pub mod show_profile;
pub mod team;
pub mod validate;
pub mod validate_evidence;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::store::Paths;

pub fn run(cli: Cli) -> Result<()> {
    // None of these needs a profile, a framework or a home folder.
    let cli = match cli.command {
        Some(Command::Completions(args)) => return completions::run(args),
        Some(Command::Man) => return man::run(),
        Some(Command::MergeFile(args)) => return merge_file::run(args),
        Some(Command::GitSetup(args)) => return git_setup::run(args),
        command => Cli { command },
    };
    let paths = Paths::from_env()?;
    match cli.command {
        None => assess::run(Default::default(), &paths),
        Some(Command::Assess(args)) => assess::run(args, &paths),
        Some(Command::Review(args)) => review::run(args, &paths),
        Some(Command::Export(args)) => export::run(args, &paths),
        Some(Command::Team(args)) => team::run(args, &paths),
        Some(Command::Frameworks) => frameworks::run(&paths),
        Some(Command::Show(args)) => show::run(args, &paths),
        Some(Command::Validate(args)) => validate::run(args, &paths),
        Some(Command::Import(args)) => import::run(args, &paths),
        Some(Command::Diff(args)) => diff::run(args, &paths),
        Some(Command::Relink(args)) => relink::run(args, &paths),
        Some(Command::Harvest(args)) => harvest::run(args, &paths),
        Some(Command::Packet(args)) => packet::run(args, &paths),
        Some(Command::Action(args)) => action::run(args, &paths),
        Some(Command::Agenda(args)) => agenda::run(args, &paths),
        Some(Command::ShowProfile(args)) => show_profile::run(args, &paths),
        Some(Command::Evidence(args)) => evidence::run(args, &paths),
        Some(
            Command::Completions(_) | Command::Man | Command::MergeFile(_) | Command::GitSetup(_),
        ) => Ok(()),
    }
}
