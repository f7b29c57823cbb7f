//! `rungs evidence add|list|link|unlink|remove|repo`: a profile's evidence
//! items from a shell. Each change reads the profile, checks what it is
//! given against the framework, and saves through the store like the app.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{
    EvidenceAddArgs, EvidenceArgs, EvidenceCommand, EvidenceFormat, EvidenceLinkArgs,
    EvidenceListArgs, EvidenceRemoveArgs, EvidenceRepoArgs,
};
use crate::error::InputError;
use crate::export::report::EvidenceReport;
use crate::model::evidence::{self, CommitLink};
use crate::model::save_merge::Claim;
use crate::model::text::{clean_line, shown_path};
use crate::model::{Evidence, Framework, Profile, Repository};
use crate::present::count;
use crate::store::{Catalog, Found, Paths, Writer, check_profile, load_profile};

pub fn run(args: EvidenceArgs, paths: &Paths) -> Result<()> {
    match args.command {
        EvidenceCommand::Add(args) => add(args, paths),
        EvidenceCommand::List(args) => list(args, paths),
        EvidenceCommand::Link(args) => link(args, paths, true),
        EvidenceCommand::Unlink(args) => link(args, paths, false),
        EvidenceCommand::Remove(args) => remove(args, paths),
        EvidenceCommand::Repo(args) => repo(args, paths),
    }
}

fn add(args: EvidenceAddArgs, paths: &Paths) -> Result<()> {
    let text = args.text.trim().to_owned();
    if text.is_empty() {
        return Err(InputError::new("the evidence has no text")
            .hint("say what was done, like `rungs evidence add --statement KEY \"Led the design review\"`")
            .into());
    }
    let today = crate::clock::today_date();
    let day = match &args.date {
        Some(date) => evidence::parse_day(date, today).map_err(InputError::new)?,
        None => evidence::parse_day(&today.to_string(), today).map_err(InputError::new)?,
    };
    for commit in &args.commit {
        if CommitLink::parse(commit).is_none() {
            return Err(InputError::new(format!("`{commit}` is not a commit link"))
                .hint("write it as the repository's name, `@`, and the commit id, like `rungs@1a2b3c4`")
                .into());
        }
    }
    let repo_path = args.repo_path.as_deref().map(folder).transpose()?;
    let path = profile_path(args.profile, paths);
    edit(&path, paths, "rungs evidence add", |profile, framework| {
        let keys = statement_keys(profile, framework, &args.statement)?;
        for commit in args.commit.iter().filter_map(|c| CommitLink::parse(c)) {
            if profile.repositories.contains_key(commit.repo) {
                continue;
            }
            let Some(dir) = &repo_path else {
                return Err(InputError::new(format!(
                    "the profile does not say where repository `{}` is",
                    commit.repo
                ))
                .hint(format!(
                    "add --repo-path DIR (its folder on this machine), or record it once: `rungs evidence repo {} --path DIR`",
                    commit.repo
                )));
            };
            profile.repositories.insert(
                commit.repo.to_owned(),
                Repository {
                    path: Some(dir.clone()),
                    remote: None,
                    extra: toml::Table::new(),
                },
            );
        }
        let made = crate::model::profile::stamp(jiff::Timestamp::now()).to_string();
        let mut item = Evidence::new(day, &text, &made);
        item.statements = keys;
        item.links = args.link.clone();
        item.commits = args.commit.clone();
        let id = profile.add_evidence(item);
        Ok(format!(
            "Added evidence {id} ({}).\n",
            count(args.statement.len(), "statement")
        ))
    })
}

fn list(args: EvidenceListArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let path = profile_path(args.profile, paths);
    let checked = load_profile(&path, &catalog)?;
    let profile = &checked.profile;
    if let Some(key) = &args.statement {
        statement_keys(profile, checked.framework, std::slice::from_ref(key))?;
    }
    let items: Vec<EvidenceReport> = profile
        .evidence
        .iter()
        .filter(|e| args.statement.as_deref().is_none_or(|k| e.supports(k)))
        .map(EvidenceReport::of)
        .collect();
    let out = match args.format {
        EvidenceFormat::Json => serde_json::to_string_pretty(&items)? + "\n",
        EvidenceFormat::Text => {
            let mut out = String::new();
            for item in &items {
                out.push_str(&text_line(item));
                out.push('\n');
            }
            if items.is_empty() {
                out.push_str(
                    "No evidence yet: `rungs evidence add --statement KEY TEXT` adds an item.\n",
                );
            }
            out
        }
    };
    super::output::print(&out)
}

/// `1a2b3c4d  2026-10-04  Led the review  [level-4/a/1, level-4/b/2]  https://…  rungs@1a2b`.
pub fn text_line(item: &EvidenceReport) -> String {
    let mut line = format!(
        "{}  {}  {}  [{}]",
        item.id,
        item.date,
        item.text,
        item.statements.join(", ")
    );
    for link in item.links.iter().chain(&item.commits) {
        line.push_str("  ");
        line.push_str(link);
    }
    line
}

fn link(args: EvidenceLinkArgs, paths: &Paths, link: bool) -> Result<()> {
    let path = profile_path(args.profile, paths);
    let holder = if link {
        "rungs evidence link"
    } else {
        "rungs evidence unlink"
    };
    edit(&path, paths, holder, |profile, framework| {
        item_exists(profile, &args.id)?;
        let key = if link {
            statement_keys(profile, framework, std::slice::from_ref(&args.statement))?.remove(0)
        } else {
            args.statement.clone()
        };
        let (done, said) = if link {
            (profile.link_evidence(&args.id, &key), "linked to")
        } else {
            (profile.unlink_evidence(&args.id, &key), "unlinked from")
        };
        if !done {
            let why = if link {
                "is linked to"
            } else {
                "is not linked to"
            };
            return Err(InputError::new(format!(
                "evidence {} {why} `{key}` already",
                args.id
            )));
        }
        Ok(format!("Evidence {} {said} {key}.\n", args.id))
    })
}

fn remove(args: EvidenceRemoveArgs, paths: &Paths) -> Result<()> {
    let path = profile_path(args.profile, paths);
    edit(&path, paths, "rungs evidence remove", |profile, _| {
        item_exists(profile, &args.id)?;
        let (_, item) = profile
            .remove_evidence(&args.id)
            .ok_or_else(|| InputError::new("the item went missing"))?;
        Ok(format!(
            "Removed evidence {}: {}.\n",
            args.id,
            clean_line(&item.text)
        ))
    })
}

fn repo(args: EvidenceRepoArgs, paths: &Paths) -> Result<()> {
    let dir = args.path.as_deref().map(folder).transpose()?;
    let path = profile_path(args.profile, paths);
    edit(&path, paths, "rungs evidence repo", |profile, _| {
        if args.name.trim().is_empty() || args.name.contains('@') {
            return Err(
                InputError::new(format!("`{}` cannot name a repository", args.name))
                    .hint("use the name commit links use before `@`, like `rungs`"),
            );
        }
        let entry = profile
            .repositories
            .entry(args.name.clone())
            .or_insert_with(|| Repository {
                path: None,
                remote: None,
                extra: toml::Table::new(),
            });
        if let Some(dir) = &dir {
            entry.path = Some(dir.clone());
        }
        if let Some(remote) = &args.remote {
            entry.remote = Some(remote.clone());
        }
        Ok(format!("Recorded repository {}.\n", args.name))
    })
}

fn profile_path(given: Option<PathBuf>, paths: &Paths) -> PathBuf {
    given.unwrap_or_else(|| paths.profile.clone())
}

/// A repository folder as the profile records it: absolute, so it reads
/// the same from any folder.
fn folder(dir: &Path) -> Result<String, InputError> {
    std::fs::canonicalize(dir)
        .ok()
        .filter(|d| d.is_dir())
        .map(|d| d.to_string_lossy().into_owned())
        .ok_or_else(|| {
            InputError::new(format!("{}: no such folder", shown_path(dir)))
                .hint("give the folder of the repository on this machine")
        })
}

/// The keys checked against the profile's craft: each a statement of it.
fn statement_keys(
    profile: &Profile,
    framework: &Framework,
    keys: &[String],
) -> Result<Vec<String>, InputError> {
    let craft = framework
        .craft(&profile.craft)
        .ok_or_else(|| InputError::new("the profile's craft is not in its framework"))?;
    let index = craft.index();
    keys.iter()
        .map(|key| {
            if index.contains(key) {
                Ok(key.clone())
            } else {
                let example = craft
                    .level(&profile.level)
                    .and_then(|l| l.statements().next().map(|(k, _, _)| k.to_string()))
                    .unwrap_or_else(|| "level-4/automation/1".to_owned());
                Err(InputError::new(format!(
                    "`{key}` is not a statement of craft `{}`",
                    profile.craft
                ))
                .hint(format!(
                    "a statement is LEVEL/AREA/STATEMENT, like `{example}`; `rungs show --craft {} --level {}` lists them",
                    profile.craft, profile.level
                )))
            }
        })
        .collect()
}

fn item_exists(profile: &Profile, id: &str) -> Result<(), InputError> {
    if profile.items().get(id).is_some() {
        return Ok(());
    }
    Err(
        InputError::new(format!("the profile has no evidence `{id}`"))
            .hint("`rungs evidence list` shows the ids"),
    )
}

/// Reads the profile at `path`, changes it with `change`, and saves it as
/// the person's own writer; prints what `change` says it did.
fn edit(
    path: &Path,
    paths: &Paths,
    holder: &str,
    change: impl FnOnce(&mut Profile, &Framework) -> Result<String, InputError>,
) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let found = Found::read(path)?;
    let Some(text) = found.text() else {
        return Err(
            InputError::new(format!("{}: no such file", shown_path(path)))
                .hint("name the profile with --profile FILE, or make yours with `rungs assess`")
                .into(),
        );
    };
    let checked = check_profile(found.path(), text, &catalog)?;
    let base = checked.profile.clone();
    let mut profile = checked.profile;
    let said = change(&mut profile, checked.framework)?;
    let writer = Writer {
        claim: Claim::OwnRounds,
        holder: holder.to_owned(),
    };
    let mut file = found.open(&writer, paths, Some(&base))?;
    if let Some(why) = file.read_only_reason() {
        return Err(anyhow::anyhow!("nothing was written: {why}"));
    }
    let written = file.save(&profile)?;
    if let Some(warning) = &written.warning {
        super::output::warn(warning);
    }
    super::output::print(&said)
}
