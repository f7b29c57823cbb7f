//! The local git repositories `rungs harvest` and `validate --evidence`
//! read, through the `git` program: the repository's top folder, its
//! remotes, the configured author, the log and whether a commit is there. Nothing here reaches the network: `rev-parse`,
//! `config` and `log` only read the folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result};

use crate::error::InputError;
use crate::model::harvest::LOG_FORMAT;
use crate::model::text::shown_path;

/// A repository on disk, found from a folder inside it.
#[derive(Debug, Clone)]
pub struct Repo {
    pub top: PathBuf,
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        // No pager, no prompt for credentials, whatever the person's config.
        .env("GIT_PAGER", "cat")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null());
    command
}

fn run(command: &mut Command) -> Result<Output> {
    command
        .output()
        .context("cannot run `git`: rungs reads history through it; install git and put it on PATH")
}

impl Repo {
    /// The repository `dir` is in; bad input when it is in none.
    pub fn find(dir: &Path) -> Result<Repo> {
        let out = run(git(dir).args(["rev-parse", "--show-toplevel"]))?;
        if !out.status.success() {
            return Err(
                InputError::new(format!("{} is not in a git repository", shown_path(dir)))
                    .hint("name a repository's folder with --repo DIR")
                    .into(),
            );
        }
        let top = String::from_utf8_lossy(&out.stdout)
            .trim_end_matches('\n')
            .to_owned();
        Ok(Repo {
            top: PathBuf::from(top),
        })
    }

    /// The repository's name in a profile: its folder's name.
    pub fn folder_name(&self) -> String {
        self.top
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// A value of the repository's git config (its own, the person's, the
    /// system's), when set.
    pub fn config(&self, key: &str) -> Option<String> {
        let out = run(git(&self.top).args(["config", "--get", key])).ok()?;
        let value = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        (out.status.success() && !value.is_empty()).then_some(value)
    }

    /// `git log` of `HEAD`, oldest first, as [`crate::model::harvest::parse_log`]
    /// reads it; empty for a repository without commits yet.
    pub fn log(&self) -> Result<String> {
        let out = run(git(&self.top).args([
            "-c",
            "log.showSignature=false",
            "log",
            "-z",
            "--reverse",
            "--no-color",
            "--date=short",
            &format!("--format={LOG_FORMAT}"),
            "HEAD",
            "--",
        ]))?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        let unborn = run(git(&self.top).args(["rev-parse", "--verify", "-q", "HEAD"]))
            .is_ok_and(|o| !o.status.success());
        if unborn {
            return Ok(String::new());
        }
        Err(anyhow::anyhow!(
            "git log failed in {}: {}",
            shown_path(&self.top),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// True when `sha` names a commit of the repository in `dir`
/// (`validate --evidence`); false when it does not, or `dir` is no
/// repository, or git cannot run.
pub fn has_commit(dir: &Path, sha: &str) -> bool {
    run(git(dir).args(["cat-file", "-e", &format!("{sha}^{{commit}}")]))
        .is_ok_and(|out| out.status.success())
}

/// The URLs of the remotes of the repository in `dir`; none when it has
/// none, is no repository, or git cannot run.
pub fn remote_urls(dir: &Path) -> Vec<String> {
    let Ok(out) = run(git(dir).args(["remote", "-v"])) else {
        return Vec::new();
    };
    let mut urls: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .map(str::to_owned)
        .collect();
    // Each remote is listed for fetch and for push.
    urls.dedup();
    urls
}
