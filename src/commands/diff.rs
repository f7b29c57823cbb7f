//! `rungs diff`: what changed between two rounds of one profile, or between
//! two people on the same level (their current self rounds, or the reviews
//! standing beside them). A reviewer's rounds are always one reviewer's:
//! the one standing beside self (`reviewers::beside`), or `--as NAME`'s.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{DiffArgs, DiffFormat, RoleArg};
use crate::error::InputError;
use crate::export::changes::{Sides, round_diff_json, round_diff_markdown};
use crate::model::reviewers::{self, date, same_name};
use crate::model::round_diff::round_diff;
use crate::model::text::clean_line;
use crate::model::{Assessment, Profile, Role};
use crate::store::{Catalog, Checked, Paths, load_profile};

pub fn run(args: DiffArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let role = role_of(&args)?;
    // Blind rounds not open yet show as unrated, to the person or to the
    // reviewer `--as` names.
    let viewer = reviewers::Viewer::named(args.manager.as_deref());
    let load = |path: &std::path::Path| -> Result<Checked<'_>> {
        let mut checked = load_profile(path, &catalog)?;
        if let std::borrow::Cow::Owned(seen) = reviewers::sighted(&checked.profile, viewer) {
            checked.profile = seen;
        }
        Ok(checked)
    };
    let text = match args.profiles.as_slice() {
        [] => one_profile(&load(&paths.profile)?, role, &args)?,
        [one] => one_profile(&load(one)?, role, &args)?,
        [a, b] => two_people((a, &load(a)?), (b, &load(b)?), role, &args)?,
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

/// Self's rounds unless a reviewer's are asked for (`--role manager`, or
/// `--as NAME`, which names a reviewer).
fn role_of(args: &DiffArgs) -> Result<Role> {
    match (args.role, &args.manager) {
        (Some(RoleArg::SelfRole), Some(_)) => Err(InputError::new(
            "--as names a reviewer, whose rounds are not self rounds",
        )
        .hint("leave out --role self, or --as")
        .into()),
        (Some(RoleArg::Manager), _) | (None, Some(_)) => Ok(Role::Manager),
        (Some(RoleArg::SelfRole), None) | (None, None) => Ok(Role::Own),
    }
}

/// Whose rounds are compared: self's, or the one reviewer's (and why).
struct Whose<'p> {
    rounds: Vec<&'p Assessment>,
    /// "Alex Doe", "Sam Lee".
    who: String,
    /// "self round", "round".
    kind: &'static str,
    reviewer: Option<String>,
}

fn whose<'p>(profile: &'p Profile, role: Role, named: Option<&str>) -> Result<Whose<'p>> {
    let person = clean_line(&profile.person);
    if role == Role::Own {
        return Ok(Whose {
            rounds: profile
                .assessments
                .iter()
                .filter(|a| a.role == Role::Own)
                .collect(),
            who: person.into_owned(),
            kind: "self round",
            reviewer: None,
        });
    }
    let Some(beside) = reviewers::beside(profile, named).map_err(InputError::from)? else {
        return Err(InputError::new(format!("nobody has reviewed {person} yet"))
            .hint("a review starts with rungs review PROFILE --as NAME")
            .into());
    };
    let reviewer = beside.review.assessor.as_str();
    let shown = clean_line(reviewer);
    Ok(Whose {
        rounds: profile
            .assessments
            .iter()
            .filter(|a| a.role == Role::Manager && same_name(&a.assessor, reviewer))
            .collect(),
        reviewer: Some(format!("Rounds of {shown}, {}", beside.why.reason(profile))),
        who: shown.into_owned(),
        kind: "round",
    })
}

/// Two rounds of one person's rounds (self's, or one reviewer's), by their
/// number: the same number the screen and the exports give them.
fn one_profile(checked: &Checked<'_>, role: Role, args: &DiffArgs) -> Result<String> {
    let profile = &checked.profile;
    let whose = whose(profile, role, args.manager.as_deref())?;
    let rounds = &whose.rounds;
    let n = rounds.len();
    let (who, kind) = (&whose.who, whose.kind);
    let pick = |given: Option<usize>, default: usize, flag: &str| -> Result<usize> {
        let round = given.unwrap_or(default);
        if round == 0 || round > n {
            return Err(InputError::new(format!(
                "{who} has no {kind} {round} (there {})",
                crate::present::plural(n, "is 1", &format!("are {n}"))
            ))
            .hint(format!("{flag} takes 1 to {n}"))
            .into());
        }
        Ok(round)
    };
    if n < 2 && (args.from.is_none() || args.to.is_none()) {
        let again = match role {
            Role::Own => "a new round starts with rungs assess --new-round",
            Role::Manager => {
                "a new review round starts with rungs review PROFILE --as NAME --new-round"
            }
        };
        return Err(InputError::new(format!(
            "{who} has {}: nothing to compare yet",
            crate::present::count(n, kind)
        ))
        .hint(again)
        .into());
    }
    let to = pick(args.to, n, "--to")?;
    let from = pick(args.from, to.saturating_sub(1).max(1), "--from")?;
    let level = level_of(checked)?;
    let scale = &checked.framework.scale;
    let (a, b) = (rounds[from - 1], rounds[to - 1]);
    let diff = round_diff(level, Some(a), Some(b), scale);
    let side = |a: &Assessment| format!("{who}'s {kind} {}", reviewers::round_number(profile, a));
    let sides = Sides {
        title: format!("{} — {}", clean_line(&profile.person), level.title),
        from: side(a),
        to: side(b),
        from_date: Some(date(&a.updated)),
        to_date: Some(date(&b.updated)),
        reviewer: whose.reviewer,
    };
    render(&sides, &diff, scale, args.format)
}

/// Two people on the same framework, craft and level: their current self
/// rounds, or the reviews standing beside them.
fn two_people(
    a: (&PathBuf, &Checked<'_>),
    b: (&PathBuf, &Checked<'_>),
    role: Role,
    args: &DiffArgs,
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
    let named = args.manager.as_deref();
    let (ra, rb) = (
        whose(pa, role, named)?.rounds.last().copied(),
        whose(pb, role, named)?.rounds.last().copied(),
    );
    let diff = round_diff(level, ra, rb, scale);
    let side = |p: &Profile, round: Option<&Assessment>| {
        let person = clean_line(&p.person);
        match (role, round) {
            (Role::Own, _) | (_, None) => format!("{person} (self)"),
            (Role::Manager, Some(r)) => {
                format!("{person} ({}'s review)", clean_line(&r.assessor))
            }
        }
    };
    let sides = Sides {
        title: format!(
            "{} and {} — {}",
            clean_line(&pa.person),
            clean_line(&pb.person),
            level.title
        ),
        from: side(pa, ra),
        to: side(pb, rb),
        from_date: None,
        to_date: None,
        reviewer: None,
    };
    render(&sides, &diff, scale, args.format)
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
