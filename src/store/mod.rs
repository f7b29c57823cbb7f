//! Files: where they live, how they are read (size-capped, located errors),
//! how a profile is saved (atomic, locked, merged with another writer's
//! save, backed up).

pub mod backups;
pub mod catalog;
pub mod git;
pub mod locks;
pub mod open;
pub mod paths;
pub mod profile_file;
pub mod read;
pub mod save;
pub mod state;
pub mod target;

use std::path::Path;

use anyhow::Result;

pub use catalog::Catalog;
pub use paths::Paths;
pub use profile_file::{Found, ProfileFile, SaveError, Writer, Written};

use crate::error::{InputError, InputErrors};
use crate::model::{Framework, Problem, Profile, TreePath};

/// A profile read for a command, checked against its framework.
pub struct Checked<'c> {
    pub profile: Profile,
    pub framework: &'c Framework,
    /// Ratings of statements no longer in the framework: kept, and reported.
    pub orphans: Vec<InputError>,
}

/// Reads and checks a profile file (no lock: for commands that only read).
pub fn load_profile<'c>(path: &Path, catalog: &'c Catalog) -> Result<Checked<'c>> {
    let text = read::read_text(path)?;
    Ok(check_profile(path, &text, catalog)?)
}

/// Parses `text` as a profile and checks it against the framework it names.
pub fn check_profile<'c>(
    path: &Path,
    text: &str,
    catalog: &'c Catalog,
) -> Result<Checked<'c>, InputErrors> {
    // The framework first, read from the profile's head: its parse (the
    // larger one) then never overlaps the profile's ratings in memory.
    if let Some(id) = catalog::head_string(text.as_bytes(), "framework") {
        let _ = catalog.lookup(&id);
    }
    let profile = read::parse_profile(path, text)?;
    let framework = match catalog.lookup(&profile.framework) {
        Some((Ok(framework), _)) => framework,
        Some((Err(err), source)) => {
            let why = catalog::cannot_load(&profile.framework, err, source);
            let problem = Problem::new(
                TreePath::default().key("framework"),
                why.message,
                why.hint.unwrap_or_default(),
            );
            return Err(read::locate_all(path, text, &[problem]));
        }
        None => {
            let problem = Problem::new(
                TreePath::default().key("framework"),
                format!("no framework `{}` is installed", profile.framework),
                format!(
                    "frameworks are: {}; put its file in the user frameworks folder (see `rungs frameworks`)",
                    catalog.ids().join(", ")
                ),
            );
            return Err(read::locate_all(path, text, &[problem]));
        }
    };
    let check = profile.check(framework);
    if !check.problems.is_empty() {
        return Err(read::locate_all(path, text, &check.problems));
    }
    let orphans = if check.orphans.is_empty() {
        Vec::new()
    } else {
        let relink = format!(
            "if the statement moved or was renumbered, `rungs relink {}` finds it by its words and moves the rating",
            crate::model::text::shown_path(path)
        );
        let problems: Vec<Problem> = check
            .orphans
            .into_iter()
            .map(|(path, key)| {
                Problem::new(
                    path,
                    format!("`{key}` is not a statement of this framework (any more); the rating is kept as orphaned"),
                    relink.as_str(),
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
