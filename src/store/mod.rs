//! Files: where they live, how they are read (size-capped, located errors),
//! how a profile is saved (atomic, locked, backed up).

pub mod catalog;
pub mod lock;
pub mod paths;
pub mod profile_file;
pub mod read;
pub mod save;

use std::path::Path;

use anyhow::Result;

pub use catalog::Catalog;
pub use paths::Paths;
pub use profile_file::{ProfileFile, SaveError};

use crate::error::{InputError, InputErrors};
use crate::model::{Framework, Problem, Profile, TreePath};

/// A profile read for a command, checked against its framework.
pub struct Checked<'c> {
    pub profile: Profile,
    pub framework: &'c Framework,
    /// Ratings of statements no longer in the framework: kept, and reported.
    pub orphans: Vec<InputError>,
}

/// A profile file's text and what it parses to, not yet checked.
pub struct Parsed {
    pub text: String,
    pub profile: Profile,
}

/// Loads the frameworks and reads and parses a profile (no lock: for
/// commands that only read) at once, on two threads: with a large framework
/// both take a while, and neither needs the other.
pub fn load_with_catalog(frameworks: &Path, path: &Path) -> (Catalog, Result<Parsed>) {
    std::thread::scope(|scope| {
        let parsed = scope.spawn(|| -> Result<Parsed> {
            let text = read::read_text(path)?;
            let profile = read::parse_profile(path, &text)?;
            Ok(Parsed { text, profile })
        });
        let catalog = Catalog::load(frameworks);
        let parsed = parsed
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (catalog, parsed)
    })
}

/// Parses `text` as a profile and checks it against the framework it names.
pub fn check_profile<'c>(
    path: &Path,
    text: &str,
    catalog: &'c Catalog,
) -> Result<Checked<'c>, InputErrors> {
    let profile = read::parse_profile(path, text)?;
    check_parsed(path, text, profile, catalog)
}

/// Checks a parsed profile against the framework it names; `text` is its
/// file's, for the positions of any problem.
pub fn check_parsed<'c>(
    path: &Path,
    text: &str,
    profile: Profile,
    catalog: &'c Catalog,
) -> Result<Checked<'c>, InputErrors> {
    let Some(framework) = catalog.find(&profile.framework) else {
        let problem = Problem::new(
            TreePath::default().key("framework"),
            format!("no framework `{}` is installed", profile.framework),
            format!(
                "frameworks are: {}; put its file in the user frameworks folder (see `rungs frameworks`)",
                catalog.ids().join(", ")
            ),
        );
        return Err(read::locate_all(path, text, &[problem]));
    };
    let check = profile.check(framework);
    if !check.problems.is_empty() {
        return Err(read::locate_all(path, text, &check.problems));
    }
    let orphans = if check.orphans.is_empty() {
        Vec::new()
    } else {
        let problems: Vec<Problem> = check
            .orphans
            .into_iter()
            .map(|(path, key)| {
                Problem::new(
                    path,
                    format!("`{key}` is not a statement of this framework (any more); the rating is kept as orphaned"),
                    "nothing to do unless the statement was renamed: then update the key",
                )
            })
            .collect();
        read::locate_all(path, text, &problems).0
    };
    Ok(Checked {
        profile,
        framework,
        orphans,
    })
}
