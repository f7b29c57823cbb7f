//! `rungs harvest`: the person's commits in local repositories, proposed as
//! evidence items. Printed with `--print` (or when standard output is not
//! a terminal); otherwise the list opens, and each choice is saved through
//! the store at once.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use toml::value::Date;

use super::output;
use crate::cli::HarvestArgs;
use crate::error::InputError;
use crate::model::harvest::{self, Identities, Proposal, Source};
use crate::model::save_merge::Claim;
use crate::model::text::shown_path;
use crate::model::{Profile, Role};
use crate::store::git::Repo;
use crate::store::{Catalog, Found, Paths, Writer, check_profile};

pub fn run(args: HarvestArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let path = args
        .profile
        .clone()
        .unwrap_or_else(|| paths.profile.clone());
    let found = Found::read(&path)?;
    let Some(text) = found.text() else {
        return Err(
            InputError::new(format!("{}: no such profile", shown_path(&path)))
                .hint("make one first with `rungs assess`, or name it with --profile FILE")
                .into(),
        );
    };
    let checked = check_profile(found.path(), text, &catalog)?;
    super::validate::print_orphans(&checked.orphans);
    let profile = checked.profile;
    let since = since(&args, &profile);
    let dirs = if args.repos.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.repos.clone()
    };
    let Gathered { sources, proposals } = gather(&profile, &dirs, since)?;
    let said = format!(
        "{} to decide from {}{}",
        crate::present::count(proposals.len(), "commit"),
        sources
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        since.map_or(String::new(), |d| format!(" since {d}"))
    );
    if args.print || !std::io::stdout().is_terminal() {
        output::print(&listing(&proposals))?;
        output::eprintln(said);
        return Ok(());
    }
    if proposals.is_empty() {
        output::eprintln(format_args!("Nothing to harvest: {said}."));
        return Ok(());
    }
    let base = profile.clone();
    let writer = Writer {
        claim: Claim::OwnRounds,
        holder: format!("{} (rungs harvest)", profile.person),
    };
    let mut file = found.open(&writer, paths, Some(&base))?;
    if let Some(why) = file.read_only_reason() {
        return Err(anyhow::anyhow!(
            "cannot harvest into {}: {why}",
            shown_path(&path)
        ));
    }
    let framework = checked.framework;
    let craft = framework
        .craft(&profile.craft)
        .ok_or_else(|| InputError::new("the profile's craft is not in its framework"))?;
    let made = crate::model::profile::stamp(jiff::Timestamp::now()).to_string();
    let mut state = crate::tui::harvest::Harvesting::new(profile, craft, sources, proposals, made);
    let theme = crate::tui::theme::Theme::from_env();
    crate::tui::terminal::with_terminal(false, |terminal, events| {
        crate::tui::run_harvest(terminal, events, &mut state, &theme, |profile| {
            file.save(profile).map(|_| ()).map_err(|e| e.to_string())
        })
    })?;
    output::eprintln(format_args!(
        "{}: {} accepted, {} skipped, {} left for another time.",
        shown_path(&path),
        state.count(true),
        state.count(false),
        state.open_count()
    ));
    Ok(())
}

/// From when commits count: `--since`, else the start of the current self
/// round (`--round`, and the default), else all history.
fn since(args: &HarvestArgs, profile: &Profile) -> Option<Date> {
    let day = match args.since {
        Some(day) => Some(day),
        None => profile
            .current(Role::Own)
            .and_then(|round| crate::model::as_of::Day::of(&round.started)),
    }?;
    Some(Date {
        year: day.year,
        month: day.month,
        day: day.day,
    })
}

/// The repositories read, and the proposals with the source each is from.
struct Gathered {
    sources: Vec<Source>,
    proposals: Vec<(usize, Proposal)>,
}

/// Each repository's proposals, oldest first across them all.
fn gather(profile: &Profile, dirs: &[PathBuf], since: Option<Date>) -> Result<Gathered> {
    let mut sources: Vec<Source> = Vec::new();
    let mut proposals = Vec::new();
    for dir in dirs {
        let repo = Repo::find(dir)?;
        let top = repo.top.to_string_lossy().into_owned();
        if sources.iter().any(|s| s.path == top) {
            continue;
        }
        let identities = Identities::new(
            ["user.email", "user.name"]
                .iter()
                .filter_map(|key| repo.config(key))
                .chain(profile.identities.iter().cloned()),
        );
        if identities.is_empty() {
            return Err(InputError::new(format!(
                "no identity to look for in {}",
                shown_path(&repo.top)
            ))
            .hint("set `git config user.email`, or list your names and addresses in the profile's `identities`")
            .into());
        }
        let mut name = harvest::repository_name(profile, &repo.folder_name(), &top);
        while sources.iter().any(|s| s.name == name) {
            name.push_str("-2");
        }
        let (commits, unread) = harvest::parse_log(&repo.log()?);
        if unread > 0 {
            output::warn(format_args!(
                "{}: {} of the log could not be read and were left out",
                shown_path(&repo.top),
                crate::present::count(unread, "record")
            ));
        }
        let found = harvest::propose(profile, &name, commits, &identities, since);
        let at = sources.len();
        sources.push(Source {
            name,
            path: top,
            remote: repo.config("remote.origin.url"),
        });
        proposals.extend(found.into_iter().map(|p| (at, p)));
    }
    // Stable: within a day, each repository's own order stays.
    proposals.sort_by_key(|(_, p)| {
        let d = p.commit.date;
        (d.year, d.month, d.day)
    });
    Ok(Gathered { sources, proposals })
}

/// One proposal a line: day, `REPO@SHA`, `[merge · PR #12]`, the subject.
fn listing(proposals: &[(usize, Proposal)]) -> String {
    let mut out = String::new();
    for (_, p) in proposals {
        let kind = p.kind();
        let kind = if kind.is_empty() {
            String::new()
        } else {
            format!("[{kind}] ")
        };
        let line = format!("{}  {}  {kind}{}", p.commit.date, p.link(), p.text());
        out.push_str(&crate::model::text::clean_line(&line));
        out.push('\n');
    }
    out
}
