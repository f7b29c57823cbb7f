//! `rungs diff`: what changed between two rounds of one profile, or between
//! two people on the same level (their current self rounds).

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{DiffArgs, DiffFormat, RoleArg};
use crate::error::InputError;
use crate::export::changes::{Sides, round_diff_json, round_diff_markdown};
use crate::model::round_diff::round_diff;
use crate::model::{Assessment, Role};
use crate::store::{Catalog, Checked, Paths, load_profile};

pub fn run(args: DiffArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let role = match args.role {
        RoleArg::SelfRole => Role::Own,
        RoleArg::Manager => Role::Manager,
    };
    let text = match args.profiles.as_slice() {
        [] => one_profile(&load_profile(&paths.profile, &catalog)?, role, &args)?,
        [one] => one_profile(&load_profile(one, &catalog)?, role, &args)?,
        [a, b] => two_people(
            (a, &load_profile(a, &catalog)?),
            (b, &load_profile(b, &catalog)?),
            role,
            args.format,
        )?,
        _ => {
            return Err(
                InputError::new("rungs diff takes one profile, or two to compare")
                    .hint("rungs diff alex.toml, or rungs diff alex.toml sam.toml")
                    .into(),
            );
        }
    };
    super::output::print(&text)
}

/// Two rounds of one role of one profile (by number, 1 = the first).
fn one_profile(checked: &Checked<'_>, role: Role, args: &DiffArgs) -> Result<String> {
    let profile = &checked.profile;
    let rounds: Vec<&Assessment> = profile
        .assessments
        .iter()
        .filter(|a| a.role == role)
        .collect();
    let n = rounds.len();
    let pick = |given: Option<usize>, default: usize, flag: &str| -> Result<usize> {
        let round = given.unwrap_or(default);
        if round == 0 || round > n {
            return Err(InputError::new(format!(
                "there is no {} round {round} (the profile has {n})",
                role.as_str()
            ))
            .hint(format!("{flag} takes 1 to {n}"))
            .into());
        }
        Ok(round)
    };
    if n < 2 && (args.from.is_none() || args.to.is_none()) {
        return Err(InputError::new(format!(
            "{} has {n} {} round(s): nothing to compare yet",
            profile.person,
            role.as_str()
        ))
        .hint("a new round starts with rungs assess --new-round")
        .into());
    }
    let to = pick(args.to, n, "--to")?;
    let from = pick(args.from, to.saturating_sub(1).max(1), "--from")?;
    let level = level_of(checked)?;
    let scale = &checked.framework.scale;
    let diff = round_diff(level, Some(rounds[from - 1]), Some(rounds[to - 1]), scale);
    let side = |i: usize| {
        let a = rounds[i - 1];
        format!(
            "{} round {i} ({}, {})",
            role.as_str(),
            a.assessor,
            date(&a.updated)
        )
    };
    let sides = Sides {
        title: format!("{} — {}", profile.person, level.title),
        from: side(from),
        to: side(to),
    };
    render(&sides, &diff, scale, args.format)
}

/// Two people on the same framework, craft and level: their current rounds.
fn two_people(
    a: (&PathBuf, &Checked<'_>),
    b: (&PathBuf, &Checked<'_>),
    role: Role,
    format: DiffFormat,
) -> Result<String> {
    let (pa, pb) = (&a.1.profile, &b.1.profile);
    if (&pa.framework, &pa.craft, &pa.level) != (&pb.framework, &pb.craft, &pb.level) {
        return Err(InputError::new(format!(
            "{} and {} are not on the same level ({}/{}/{} and {}/{}/{})",
            a.0.display(),
            b.0.display(),
            pa.framework,
            pa.craft,
            pa.level,
            pb.framework,
            pb.craft,
            pb.level
        ))
        .hint("two people compare only on the same framework, craft and level")
        .into());
    }
    let level = level_of(a.1)?;
    let scale = &a.1.framework.scale;
    let diff = round_diff(level, pa.current(role), pb.current(role), scale);
    let sides = Sides {
        title: format!("{} and {} — {}", pa.person, pb.person, level.title),
        from: format!("{} ({})", pa.person, role.as_str()),
        to: format!("{} ({})", pb.person, role.as_str()),
    };
    render(&sides, &diff, scale, format)
}

fn render(
    sides: &Sides,
    diff: &crate::model::round_diff::RoundDiff,
    scale: &crate::model::Scale,
    format: DiffFormat,
) -> Result<String> {
    Ok(match format {
        DiffFormat::Markdown => round_diff_markdown(sides, diff, scale),
        DiffFormat::Json => round_diff_json(sides, diff)?,
    })
}

fn level_of<'c>(checked: &Checked<'c>) -> Result<&'c crate::model::Level> {
    let p = &checked.profile;
    checked
        .framework
        .craft(&p.craft)
        .and_then(|c| c.level(&p.level))
        .ok_or_else(|| {
            InputError::new("the profile's craft or level is not in its framework").into()
        })
}

fn date(stamp: &toml::value::Datetime) -> String {
    stamp.date.map_or_else(String::new, |d| d.to_string())
}
