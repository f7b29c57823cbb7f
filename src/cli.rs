//! The command line: one `Cli`, one `Command` per subcommand. Doc comments
//! are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Rate yourself against your career framework, compare with your manager,
/// export a summary. Everything stays in local files.
///
/// With no command, opens the self-assessment on the default profile (a short
/// setup on the first run).
#[derive(Debug, Parser)]
#[command(name = "rungs", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rate yourself: the self-assessment screen.
    Assess(AssessArgs),
    /// Review someone's profile as their manager: their ratings beside yours.
    Review(ReviewArgs),
    /// Print a summary of a profile (markdown by default).
    Export(ExportArgs),
    /// Overview of many profiles: who meets what, where the team is weak.
    Team(TeamArgs),
    /// List the embedded and user frameworks with their crafts and levels.
    Frameworks,
    /// Print a framework's statements.
    Show(ShowArgs),
    /// Check framework and profile files; errors name file:line:column.
    Validate(ValidateArgs),
    /// Turn a framework kept elsewhere (pages, a spreadsheet, YAML, JS) into a framework file.
    Import(ImportArgs),
}

#[derive(Debug, Args, Default)]
pub struct AssessArgs {
    /// The profile file [default: profile.toml in the data folder, or $RUNGS_HOME]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Your name, for a new profile.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Framework id or framework file, for a new profile.
    #[arg(long, value_name = "ID|FILE")]
    pub framework: Option<String>,
    /// Craft id, for a new profile.
    #[arg(long, value_name = "ID")]
    pub craft: Option<String>,
    /// Level id, for a new profile (or to move an existing one to another level).
    #[arg(long, value_name = "ID")]
    pub level: Option<String>,
    /// Start a new dated round, pre-filled from the last one.
    #[arg(long)]
    pub new_round: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The profile of the person you review.
    pub profile: PathBuf,
    /// Your name as their manager [default: git user.name, else $USER].
    #[arg(long = "as", value_name = "NAME")]
    pub manager: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    #[default]
    Markdown,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The profile file [default: the default profile].
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TeamFormat {
    #[default]
    Markdown,
    Csv,
}

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Profile files, or folders whose *.toml files are profiles.
    #[arg(required = true, value_name = "DIR_OR_FILES")]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: TeamFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A framework id or a framework file [default: the only framework].
    pub framework: Option<String>,
    /// Only this craft.
    #[arg(long, value_name = "ID")]
    pub craft: Option<String>,
    /// Only this level.
    #[arg(long, value_name = "ID")]
    pub level: Option<String>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Framework and profile files; frameworks named here are used to check
    /// the profiles named here.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files to import: markdown pages, a CSV/TSV spreadsheet, Monzo-style
    /// markdown (with a generic.md alongside), FT job-family YAML, or a
    /// Snowflake-style constants.js.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The files' format [default: detected from their content and extension].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<crate::import::Format>,
    /// The framework id [default: made from the framework's name].
    #[arg(long, value_name = "ID", conflicts_with = "into")]
    pub id: Option<String>,
    /// The framework's name, where the source names none (CSV, Snowflake).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The craft's name, where the source names none (a CSV grid, Snowflake tracks).
    #[arg(long, value_name = "NAME")]
    pub craft: Option<String>,
    /// Add the imported levels and crafts to a copy of this installed framework.
    #[arg(long, value_name = "FRAMEWORK")]
    pub into: Option<String>,
    /// With --into: replace a level whose id or rank is already there.
    #[arg(long, requires = "into")]
    pub replace_level: bool,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the -o file, or take the id of an installed framework.
    #[arg(long)]
    pub force: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
