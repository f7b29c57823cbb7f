//! `rungs git-setup [DIR] [--write]`: what a repository of profiles needs
//! for git to merge them by meaning (`rungs merge-file`) and show their
//! history as ratings (`rungs show-profile`): a `.gitattributes` in the
//! folder of profiles, and the driver and textconv in the clone's own git
//! config, with the path of this very binary. Printed; `--write` does it,
//! and running it again adds nothing twice.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use toml::de::DeTable;

use super::output;
use crate::cli::GitSetupArgs;
use crate::error::InputError;
use crate::model::text::shown_path;
use crate::store::{read, save};

/// The driver's name in `.gitattributes` and git config.
const DRIVER: &str = "rungs";
const HEADER: &str = "# rungs: profiles merge by meaning and diff as ratings (rungs git-setup)";
const PROFILES: &str = "*.toml merge=rungs diff=rungs";
const OTHERS: &str = "# other TOML files here (frameworks) merge and diff as text";

pub fn run(args: GitSetupArgs) -> Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        return Err(
            InputError::new(format!("{}: no such folder", shown_path(&dir)))
                .hint("name the folder that holds the profiles")
                .into(),
        );
    }
    let repository = top_level(&dir);
    if args.write && repository.is_none() {
        return Err(
            InputError::new(format!("{} is not in a git repository", shown_path(&dir)))
                .hint("run `git init` (or clone the team's repository) first")
                .into(),
        );
    }
    let exe = std::env::current_exe().context("cannot tell where this rungs binary is")?;
    let exe = exe
        .to_str()
        .ok_or_else(|| {
            InputError::new(
                "the path of this rungs binary is not UTF-8 text, which git config cannot hold",
            )
            .hint("install rungs in a folder with a plain name")
        })?
        .to_owned();
    let others = non_profiles(&dir);
    let lines = attribute_lines(&others);
    let config = config_entries(&exe);
    let attributes = dir.join(".gitattributes");
    if args.write {
        write(&dir, &attributes, &lines, &config)
    } else {
        print(&dir, repository.as_deref(), &attributes, &lines, &config)
    }
}

/// The lines the folder's `.gitattributes` needs: every TOML file to the
/// driver, then the files found here that are not profiles back to text
/// (a later line wins in `.gitattributes`).
pub fn attribute_lines(others: &[String]) -> Vec<String> {
    let mut lines = vec![HEADER.to_owned(), PROFILES.to_owned()];
    if !others.is_empty() {
        lines.push(OTHERS.to_owned());
        lines.extend(
            others
                .iter()
                .map(|path| format!("{} !merge !diff", pattern(path))),
        );
    }
    lines
}

/// A path as a `.gitattributes` pattern anchored at its folder: spaces and
/// the pattern's special characters escaped.
fn pattern(relative: &str) -> String {
    let mut out = String::from("/");
    for c in relative.chars() {
        if matches!(c, ' ' | '*' | '?' | '[' | ']' | '\\' | '!' | '#' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The git config entries, for this binary.
pub fn config_entries(exe: &str) -> Vec<(String, String)> {
    let exe = shell_word(exe);
    vec![
        (
            format!("merge.{DRIVER}.name"),
            "rungs: profiles merged by meaning".to_owned(),
        ),
        (
            format!("merge.{DRIVER}.driver"),
            format!("{exe} merge-file %O %A %B --name %P"),
        ),
        (
            format!("diff.{DRIVER}.textconv"),
            format!("{exe} show-profile"),
        ),
    ]
}

/// `s` as one word for the POSIX shell git runs drivers with.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c));
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The top folder of the repository `dir` is in, if it is in one.
fn top_level(dir: &Path) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The TOML files under `dir` that are not profiles, relative to it and
/// sorted (hidden folders skipped).
fn non_profiles(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            if kind.is_dir() {
                folders.push(path);
            } else if kind.is_file()
                && path.extension().is_some_and(|e| e == "toml")
                && !is_profile(&path)
                && let Ok(relative) = path.strip_prefix(dir)
            {
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// A profile names a person (or holds assessments); a file that does not
/// parse counts as one when its lines say so (conflict markers).
fn is_profile(path: &Path) -> bool {
    let Ok(text) = read::read_text(path) else {
        return false;
    };
    match DeTable::parse(&text) {
        Ok(root) => ["person", "assessments"]
            .iter()
            .any(|k| root.get_ref().contains_key(*k)),
        Err(_) => text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("person =") || l.starts_with("[[assessments")
        }),
    }
}

fn print(
    dir: &Path,
    repository: Option<&str>,
    attributes: &Path,
    lines: &[String],
    config: &[(String, String)],
) -> Result<()> {
    let mut out = String::new();
    writeln!(
        out,
        "For git to merge the profiles in {} by meaning and show their history as ratings:",
        shown_path(dir)
    )?;
    writeln!(out)?;
    writeln!(out, "{} needs these lines:", shown_path(attributes))?;
    for line in lines {
        writeln!(out, "  {line}")?;
    }
    writeln!(out)?;
    writeln!(out, "and the clone's own git config (git never shares it):")?;
    for (key, value) in config {
        writeln!(out, "  git config {key} {}", shell_word(value))?;
    }
    writeln!(out)?;
    match repository {
        Some(_) => writeln!(
            out,
            "`rungs git-setup {} --write` does both. Commit .gitattributes; each clone runs it once for its own config.",
            shell_word(&shown_path(dir))
        )?,
        None => writeln!(
            out,
            "{} is not in a git repository yet: `git init` (or clone the team's repository), then `rungs git-setup --write`.",
            shown_path(dir)
        )?,
    }
    output::print(&out)
}

fn write(
    dir: &Path,
    attributes: &Path,
    lines: &[String],
    config: &[(String, String)],
) -> Result<()> {
    let existing = match read::read_existing(attributes)? {
        Some((bytes, _)) => read::decode(attributes, bytes)?,
        None => String::new(),
    };
    let have: Vec<&str> = existing.lines().map(str::trim).collect();
    let missing: Vec<&String> = lines
        .iter()
        .filter(|l| !have.contains(&l.as_str()))
        .collect();
    if missing.is_empty() {
        output::println(format_args!("{}: already set up", shown_path(attributes)))?;
    } else {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in &missing {
            text.push_str(line);
            text.push('\n');
        }
        save::write_atomic(attributes, text.as_bytes())
            .with_context(|| format!("cannot write {}", shown_path(attributes)))?;
        output::println(format_args!(
            "{}: added {} line(s)",
            shown_path(attributes),
            missing.len()
        ))?;
    }
    for (key, value) in config {
        let current = git_config(dir, &["--local", "--get", key])?;
        if current.as_deref().map(str::trim) == Some(value.as_str()) {
            output::println(format_args!("git config {key}: already set"))?;
            continue;
        }
        if git_config(dir, &["--local", key, value])?.is_none() {
            return Err(anyhow::anyhow!(
                "`git config --local {key}` failed in {}",
                shown_path(dir)
            ));
        }
        output::println(format_args!("git config {key}: set"))?;
    }
    output::println(format_args!(
        "Commit {} so every clone has it; each other clone runs `rungs git-setup --write` once.",
        shown_path(attributes)
    ))
}

/// `git config ARGS` in `dir`: its output when it succeeded.
fn git_config(dir: &Path, args: &[&str]) -> Result<Option<String>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("config")
        .args(args)
        .output()
        .context("cannot run git")?;
    Ok(out
        .status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_one_word_for_the_shell() {
        assert_eq!(shell_word("/usr/local/bin/rungs"), "/usr/local/bin/rungs");
        assert_eq!(shell_word("/home/a b/rungs"), "'/home/a b/rungs'");
        assert_eq!(shell_word("/it's/rungs"), "'/it'\\''s/rungs'");
        assert_eq!(shell_word("$(rm)"), "'$(rm)'");
    }

    #[test]
    fn files_that_are_not_profiles_are_named_after_the_rule_for_all() {
        let lines = attribute_lines(&["frameworks/acme.toml".into(), "odd name[1].toml".into()]);
        assert_eq!(lines[1], PROFILES);
        assert_eq!(lines[3], "/frameworks/acme.toml !merge !diff");
        assert_eq!(lines[4], "/odd\\ name\\[1\\].toml !merge !diff");
        let config = config_entries("/opt/my tools/rungs");
        assert_eq!(
            config[1].1,
            "'/opt/my tools/rungs' merge-file %O %A %B --name %P"
        );
    }
}
