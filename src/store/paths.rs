//! Where files live: `RUNGS_HOME` when set, else the platform's folders.

use std::path::PathBuf;

use anyhow::{Context, Result};

pub const PROFILE_FILE: &str = "profile.toml";
pub const STATE_FILE: &str = "state.toml";
pub const LOCKS_FOLDER: &str = "locks";
pub const BACKUPS_FOLDER: &str = "backups";

#[derive(Debug, Clone)]
pub struct Paths {
    /// The default profile.
    pub profile: PathBuf,
    /// User frameworks: every `*.toml` here is loaded beside the embedded ones.
    pub frameworks: PathBuf,
    /// This user's own small state (where each profile was left), never shared.
    pub state: PathBuf,
    /// Who writes which profile now (`store::locks`), never beside a profile.
    pub locks: PathBuf,
    /// The copies kept of each profile (`store::backups`), never beside it.
    pub backups: PathBuf,
}

impl Paths {
    pub fn from_env() -> Result<Paths> {
        if let Some(home) = std::env::var_os("RUNGS_HOME").filter(|h| !h.is_empty()) {
            return Ok(Paths::in_home(PathBuf::from(home)));
        }
        let dirs = directories::ProjectDirs::from("", "", "rungs")
            .context("no home folder found; set RUNGS_HOME to the folder rungs should use")?;
        Ok(Paths {
            profile: dirs.data_dir().join(PROFILE_FILE),
            frameworks: dirs.config_dir().join("frameworks"),
            state: dirs.data_dir().join(STATE_FILE),
            locks: dirs.data_dir().join(LOCKS_FOLDER),
            backups: dirs.data_dir().join(BACKUPS_FOLDER),
        })
    }

    /// Everything in one folder: for tests and portable use.
    pub fn in_home(home: PathBuf) -> Paths {
        Paths {
            profile: home.join(PROFILE_FILE),
            frameworks: home.join("frameworks"),
            state: home.join(STATE_FILE),
            locks: home.join(LOCKS_FOLDER),
            backups: home.join(BACKUPS_FOLDER),
        }
    }
}
