//! The command line: one `Cli`, one `Command` per subcommand. Doc comments
//! are the help text.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Rate yourself against your career framework, compare with your manager,
/// export a summary. Everything stays in local files.
///
/// With no command, opens the self-assessment on the default profile (a short
/// setup on the first run).
#[derive(Debug, Parser)]
// Help wraps at the terminal's width, at most 100 columns to stay readable.
#[command(
    name = "rungs",
    version,
    propagate_version = true,
    max_term_width = 100
)]
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
    /// What changed between two rounds of a profile, or between two people.
    Diff(DiffArgs),
    /// Move orphaned ratings to the statement that now has their words.
    Relink(RelinkArgs),
    /// Propose your commits in local git history as evidence items, one by one.
    ///
    /// Reads the history of each repository on disk (never the network) for
    /// the commits of `git config user.email`/`user.name` and the profile's
    /// `identities`; a list opens where you accept one (linking it to
    /// statements), edit its text, or skip it for good. With --print, or
    /// when standard output is not a terminal, the proposals are printed.
    Harvest(HarvestArgs),
    /// The promotion case for the next level: each statement with both
    /// ratings, its dated evidence, the gaps, and an explained readiness.
    Packet(PacketArgs),
    /// Actions agreed on statements: add one, list them, mark one done.
    Action(ActionArgs),
    /// What the next one-to-one should cover: disagreements, actions, new
    /// notes, reworded statements, and what stands before the next level.
    Agenda(AgendaArgs),
    /// Print a profile as one line per rating and note, for `git diff` (git's textconv).
    ShowProfile(ShowProfileArgs),
    /// Dated evidence items, each supporting one or more statements: add,
    /// list, link, unlink, remove, and where a commit's repository is.
    Evidence(EvidenceArgs),
    /// Merge three versions of a profile by meaning: git's merge driver (%O %A %B).
    ///
    /// The merge is written to OURS. Exit code 0: merged cleanly; 1: conflicts
    /// are recorded in the profile, to settle in rungs; 2: an input is not a
    /// readable profile (OURS is left as it was). Files that are not profiles
    /// are merged as text by `git merge-file`.
    MergeFile(MergeFileArgs),
    /// Set up a git repository of profiles: the merge driver and readable history.
    ///
    /// Prints the `.gitattributes` lines the folder of profiles needs and the
    /// git config entries of this clone (with this binary's path); `--write`
    /// writes them. Running it again adds nothing twice.
    GitSetup(GitSetupArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `rungs man | man -l -`.
    Man,
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
    /// Your direct manager's name: their review stands beside yours (also
    /// on an existing profile, after a team change).
    #[arg(long, value_name = "NAME")]
    pub manager: Option<String>,
    /// Start a new dated round, pre-filled from the last one.
    #[arg(long)]
    pub new_round: bool,
    /// Make that new round blind: your manager sees none of it, and you none
    /// of theirs, until both have signed off (F) or one reveals (V).
    #[arg(long, requires = "new_round")]
    pub blind: bool,
    /// Move an existing profile to `--level` without asking (for scripts).
    #[arg(long)]
    pub yes: bool,
    /// Leave the mouse to the terminal (no clicks or wheel in rungs).
    #[arg(long)]
    pub no_mouse: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The profile of the person you review.
    pub profile: PathBuf,
    /// Your name as their manager [default: git user.name, else $USER].
    #[arg(long = "as", value_name = "NAME")]
    pub manager: Option<String>,
    /// Start a new dated review round, pre-filled from your last one.
    #[arg(long)]
    pub new_round: bool,
    /// Make that new round blind: the person sees none of it, and you none
    /// of theirs, until both have signed off (F) or one reveals (V).
    #[arg(long, requires = "new_round")]
    pub blind: bool,
    /// You are the person's direct manager: the profile names you
    /// (`manager = "NAME"`), and your review stands beside theirs.
    #[arg(long)]
    pub direct: bool,
    /// Leave the mouse to the terminal (no clicks or wheel in rungs).
    #[arg(long)]
    pub no_mouse: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    #[default]
    Markdown,
    Json,
    Csv,
    /// One self-contained page with a chart, ready to print to PDF.
    Html,
    /// The chart alone: average rating per area.
    Svg,
}

impl From<ExportFormat> for crate::export::Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Markdown => Self::Markdown,
            ExportFormat::Json => Self::Json,
            ExportFormat::Csv => Self::Csv,
            ExportFormat::Html => Self::Html,
            ExportFormat::Svg => Self::Svg,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The profile file [default: the default profile].
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The summary's format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE even when it is not an earlier export of rungs (never a profile).
    #[arg(long)]
    pub force: bool,
    /// Export this self round (1 = the first) instead of the current one.
    #[arg(long, value_name = "N")]
    pub round: Option<usize>,
    /// The reviewer whose round stands beside self [default: the direct
    /// manager, else the reviewer who rated the most].
    #[arg(long = "as", value_name = "NAME")]
    pub manager: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TeamFormat {
    #[default]
    Markdown,
    /// One row per person, one value per cell.
    Csv,
    /// Every group, person, area and statement value, for other tools.
    Json,
    /// One self-contained page: a heat table of people × areas.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TeamBy {
    /// Counts per person and area.
    #[default]
    Person,
    /// Each person's self and manager value of each statement (calibration).
    Statement,
    /// Only the reviewers calibrated against each other (in CSV, a row per
    /// reviewer).
    Reviewer,
}

impl From<TeamBy> for crate::export::team_table::By {
    fn from(by: TeamBy) -> Self {
        match by {
            TeamBy::Person => Self::Person,
            TeamBy::Statement => Self::Statement,
            TeamBy::Reviewer => Self::Reviewer,
        }
    }
}

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Profile files, or folders whose *.toml files are profiles.
    #[arg(required = true, value_name = "DIR_OR_FILES")]
    pub inputs: Vec<PathBuf>,
    /// The overview's format.
    #[arg(long, value_enum, default_value_t)]
    pub format: TeamFormat,
    /// A row of counts per person, or the people × statements grid.
    #[arg(long, value_enum, default_value_t)]
    pub by: TeamBy,
    /// Shared growth areas are statements at least N people rated.
    #[arg(long, value_name = "N", default_value_t = crate::model::team::MIN_RATERS,
          value_parser = clap::value_parser!(u16).range(1..).map(usize::from))]
    pub min_raters: usize,
    /// A reviewer whose mean is this many points above (below) the other
    /// reviewers' on the statements they share is flagged lenient (severe).
    #[arg(long, value_name = "POINTS", default_value_t = crate::model::calibration::LENIENCE,
          value_parser = parse_points)]
    pub lenience: f64,
    /// Reviewers are compared only when each shares at least N statements
    /// with other reviewers (of people at the same level), two or more of them.
    #[arg(long, value_name = "N", default_value_t = crate::model::calibration::MIN_SHARED,
          value_parser = clap::value_parser!(u16).range(1..).map(usize::from))]
    pub min_shared: usize,
    /// The reviewer whose rounds stand beside self [default: in each
    /// profile, the direct manager, else the reviewer who rated the most];
    /// also who reviews from the grid.
    #[arg(long = "as", value_name = "NAME")]
    pub manager: Option<String>,
    /// The team as it stood at the end of DATE (YYYY-MM-DD), by the dates
    /// in the files: later rounds left out, later sign-offs not final.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub on: Option<crate::model::as_of::Day>,
    /// The calibration grid: people × areas in the terminal; Enter opens
    /// that person's review at the selected area.
    #[arg(long, conflicts_with_all = ["format", "by", "output"])]
    pub tui: bool,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE even when it is not an earlier export of rungs (never a profile).
    #[arg(long, requires = "output")]
    pub force: bool,
}

fn parse_points(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(points) if points.is_finite() && points > 0.0 => Ok(points),
        _ => Err(format!(
            "`{text}` is not a distance in points: write a number above 0, e.g. 0.75"
        )),
    }
}

fn parse_day(text: &str) -> Result<crate::model::as_of::Day, String> {
    crate::model::as_of::Day::parse(text)
        .ok_or_else(|| format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-06-30"))
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
    /// Compare two levels of the craft: what only A has, what only B has,
    /// what is reworded, and the areas new in B.
    #[arg(long, num_args = 2, value_names = ["LEVEL_A", "LEVEL_B"], conflicts_with = "level")]
    pub diff: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Framework and profile files; frameworks named here are used to check
    /// the profiles named here.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print every problem and every orphaned rating of a file, not only the first ones.
    #[arg(long)]
    pub all: bool,
    /// Check each evidence item too: its date a real day not after today,
    /// each commit found in its repository (a warning when it is not).
    #[arg(long)]
    pub evidence: bool,
    /// A git repository to look for evidence commits in, beside the paths
    /// the profile records: used for the commits whose repository name is
    /// its folder's name or its remote's. May be given more than once.
    #[arg(long = "repo", value_name = "DIR", requires = "evidence")]
    pub repos: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvidenceArgs {
    #[command(subcommand)]
    pub command: EvidenceCommand,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Add an item supporting one or more statements.
    Add(EvidenceAddArgs),
    /// List the items, oldest first, or those of one statement.
    List(EvidenceListArgs),
    /// Link an item to another statement too.
    Link(EvidenceLinkArgs),
    /// Unlink an item from a statement; the item stays.
    Unlink(EvidenceLinkArgs),
    /// Delete an item for good, from every statement.
    Remove(EvidenceRemoveArgs),
    /// Record where a repository named by commit links is.
    Repo(EvidenceRepoArgs),
}

#[derive(Debug, Args)]
pub struct EvidenceAddArgs {
    /// The profile (default: your own).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// A statement the item supports, as LEVEL/AREA/STATEMENT
    /// (`level-4/automation/1`); give it once per statement.
    #[arg(long, value_name = "KEY", required = true)]
    pub statement: Vec<String>,
    /// A web address of the work (a pull request, a document); may be
    /// given more than once.
    #[arg(long, value_name = "URL")]
    pub link: Vec<String>,
    /// A commit as REPO@SHA (`rungs@1a2b3c4`); may be given more than once.
    #[arg(long, value_name = "REPO@SHA")]
    pub commit: Vec<String>,
    /// Where the commits' repository is on this machine: recorded in the
    /// profile when it does not name that repository yet.
    #[arg(long, value_name = "DIR", requires = "commit")]
    pub repo_path: Option<PathBuf>,
    /// The day of the work, YYYY-MM-DD (default: today); not after today.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// What was done, in a line or a few.
    #[arg(value_name = "TEXT")]
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum EvidenceFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct EvidenceListArgs {
    /// The profile (default: your own).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Only the items supporting this statement (LEVEL/AREA/STATEMENT).
    #[arg(long, value_name = "KEY")]
    pub statement: Option<String>,
    /// `text`: one item a line; `json`: an array of items.
    #[arg(long, value_enum, default_value_t)]
    pub format: EvidenceFormat,
}

#[derive(Debug, Args)]
pub struct EvidenceLinkArgs {
    /// The profile (default: your own).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The item's id (`rungs evidence list` shows it).
    #[arg(value_name = "ID")]
    pub id: String,
    /// The statement, as LEVEL/AREA/STATEMENT.
    #[arg(long, value_name = "KEY")]
    pub statement: String,
}

#[derive(Debug, Args)]
pub struct EvidenceRemoveArgs {
    /// The profile (default: your own).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The item's id (`rungs evidence list` shows it).
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct EvidenceRepoArgs {
    /// The profile (default: your own).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The name commit links use (`rungs` in `rungs@1a2b3c4`).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The repository's folder on this machine.
    #[arg(long, value_name = "DIR", required_unless_present = "remote")]
    pub path: Option<PathBuf>,
    /// Its remote's URL.
    #[arg(long, value_name = "URL")]
    pub remote: Option<String>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DiffFormat {
    #[default]
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum RoleArg {
    #[default]
    #[value(name = "self")]
    SelfRole,
    Manager,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// One profile (two of its rounds), or two profiles on the same level
    /// (their current rounds) [default: the default profile].
    #[arg(value_name = "PROFILE", num_args = 0..=2)]
    pub profiles: Vec<PathBuf>,
    /// The earlier round, by number (1 = the first) [default: the one before --to].
    #[arg(long, value_name = "ROUND")]
    pub from: Option<usize>,
    /// The later round [default: the latest].
    #[arg(long, value_name = "ROUND")]
    pub to: Option<usize>,
    /// Whose rounds: the person's own [default], or one reviewer's (the
    /// one standing beside self, or --as NAME's).
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
    /// Compare this reviewer's rounds (implies --role manager) [default:
    /// the direct manager, else the reviewer who rated the most].
    #[arg(long = "as", value_name = "NAME")]
    pub manager: Option<String>,
    /// The format of what changed.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiffFormat,
}

#[derive(Debug, Args)]
pub struct ActionArgs {
    #[command(subcommand)]
    pub command: ActionCommand,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action on a statement, open until done.
    Add {
        /// The profile file [default: the default profile].
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
        /// The statement's key, LEVEL/AREA/STATEMENT (`rungs show` lists them).
        #[arg(long, value_name = "KEY")]
        statement: String,
        /// Who does it: the person or a reviewer, by name.
        #[arg(long, value_name = "NAME")]
        owner: String,
        /// The day it is due, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// What is to be done.
        text: String,
    },
    /// List the actions, numbered as `action done` takes them: open ones
    /// (overdue marked) first, then done ones with their day.
    List {
        /// The profile file [default: the default profile].
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
    },
    /// Mark action N (as `action list` numbers it) done today.
    Done {
        /// The profile file [default: the default profile].
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
        /// The action's number in `rungs action list`.
        number: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum AgendaFormat {
    #[default]
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// The profile file [default: the default profile].
    pub profile: Option<PathBuf>,
    /// The reviewer meeting the person [default: the direct manager, else
    /// the reviewer who rated the most].
    #[arg(long = "as", value_name = "NAME")]
    pub manager: Option<String>,
    /// The agenda's format.
    #[arg(long, value_enum, default_value_t)]
    pub format: AgendaFormat,
}

#[derive(Debug, Args)]
pub struct RelinkArgs {
    /// The profile whose orphaned ratings to move.
    pub profile: PathBuf,
    /// Write the moves (the file before is kept as a backup); without it, only list them.
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct HarvestArgs {
    /// The profile file [default: the default profile].
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// A repository to read (repeat for several) [default: the one the
    /// current folder is in].
    #[arg(long = "repo", value_name = "DIR")]
    pub repos: Vec<PathBuf>,
    /// Only commits authored on or after DATE (YYYY-MM-DD) [default: the
    /// start of the current self round; all history without one].
    #[arg(long, value_name = "DATE", value_parser = parse_day, conflicts_with = "round")]
    pub since: Option<crate::model::as_of::Day>,
    /// Only commits since the start of the current self round.
    #[arg(long)]
    pub round: bool,
    /// Print the proposals, one a line, instead of opening the list.
    #[arg(long)]
    pub print: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PacketFormat {
    #[default]
    Markdown,
    /// One self-contained page, ready to print to PDF.
    Html,
    /// Every fact of the packet, for other tools.
    Json,
}

#[derive(Debug, Args)]
pub struct PacketArgs {
    /// The profile file [default: the default profile].
    #[arg(value_name = "PROFILE")]
    pub profile: Option<PathBuf>,
    /// The level the case is made for [default: the level above the profile's].
    #[arg(long, value_name = "LEVEL")]
    pub to: Option<String>,
    /// The packet's format.
    #[arg(long, value_enum, default_value_t)]
    pub format: PacketFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE even when it is not an earlier export of rungs (never a profile).
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// The folder that holds the profiles [default: the current folder].
    pub dir: Option<PathBuf>,
    /// Write `.gitattributes` and set the git config, instead of printing them.
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct ShowProfileArgs {
    /// The profile file.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct MergeFileArgs {
    /// The common ancestor (git's %O); empty or missing for a file added on both sides.
    pub base: PathBuf,
    /// This side's version (git's %A): the merge replaces it.
    pub ours: PathBuf,
    /// The other side's version (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P), to name it in messages.
    #[arg(long, value_name = "PATH")]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }

    /// An argument without words of its own has its help begin with its
    /// values, the last one running into "[default: …]".
    #[test]
    fn every_argument_says_what_it_is() {
        let cli = super::Cli::command();
        for command in std::iter::once(&cli).chain(cli.get_subcommands()) {
            for arg in command.get_arguments() {
                assert!(
                    arg.get_help().is_some(),
                    "rungs {} {}: no help text",
                    command.get_name(),
                    arg.get_id()
                );
            }
        }
    }
}
