//! `rungs relink PROFILE [--write]`: moves orphaned ratings to the statement
//! that now carries the very words they were given against (a statement
//! renumbered or moved to another area). A dry run unless `--write`.

use anyhow::Result;

use crate::cli::RelinkArgs;
use crate::model::Profile;
use crate::model::relink::{self, Stay};
use crate::model::save_merge::Claim;
use crate::store::{Catalog, Found, Paths, Writer, check_profile};

pub fn run(args: RelinkArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    // Read and checked first: a dry run creates nothing anywhere, and
    // `--write` locks the profile only once it is known to be one.
    let found = Found::read(&args.profile)?;
    let Some(text) = found.text() else {
        return Err(crate::error::InputError::new(format!(
            "{}: no such file",
            args.profile.display()
        ))
        .into());
    };
    let checked = check_profile(found.path(), text, &catalog)?;
    let base = checked.profile.clone();
    let mut profile = checked.profile;
    let craft = checked.framework.craft(&profile.craft).ok_or_else(|| {
        crate::error::InputError::new("the profile's craft is not in its framework")
    })?;
    let plan = relink::plan(&profile, craft);
    let mut out = String::new();
    for m in &plan.moves {
        out.push_str(&format!(
            "move  {} → {}  ({})\n",
            m.from,
            m.to,
            round(&profile, m.assessment)
        ));
    }
    for kept in &plan.kept {
        out.push_str(&format!(
            "keep  {}: {}  ({})\n",
            kept.statement,
            why(&kept.why),
            round(&profile, kept.assessment)
        ));
    }
    if plan.moves.is_empty() {
        out.push_str("Nothing to relink.\n");
        return super::output::print(&out);
    }
    if !args.write {
        out.push_str(&format!(
            "{} would move; nothing was written (add --write).\n",
            crate::present::count(plan.moves.len(), "rating")
        ));
        return super::output::print(&out);
    }
    relink::apply(&mut profile, &plan);
    let writer = Writer {
        claim: Claim::Everything,
        holder: "rungs relink --write".to_owned(),
    };
    let mut file = found.open(&writer, paths, Some(&base))?;
    if let Some(why) = file.read_only_reason() {
        return Err(anyhow::anyhow!("nothing was written: {why}"));
    }
    let written = file.save(&profile)?;
    let kept = match &written.warning {
        Some(warning) => warning.clone(),
        None => format!(
            "the file before is kept as {}",
            crate::model::text::shown_path(&file.backup_path())
        ),
    };
    out.push_str(&format!(
        "Moved {}; {kept}.\n",
        crate::present::count(plan.moves.len(), "rating")
    ));
    super::output::print(&out)
}

/// `self round of Alex Doe, started 2026-11-26T09:00:00Z`.
fn round(profile: &Profile, assessment: usize) -> String {
    profile
        .assessments
        .get(assessment)
        .map_or_else(String::new, |a| {
            format!("{} round of {}, {}", a.role.as_str(), a.assessor, a.started)
        })
}

fn why(stay: &Stay) -> String {
    match stay {
        Stay::NoFingerprint => "no fingerprint (rated by an older rungs)".to_owned(),
        Stay::NoMatch => "no statement has its words now".to_owned(),
        Stay::SeveralMatch(n) => format!("{n} statements have its words now; move it by hand"),
        Stay::TargetRated(to) => format!("{to} is rated already in this round"),
        Stay::SameWordsTwice { target, orphans } => format!(
            "{orphans} orphaned ratings of this round have the words of {target}; move the one that belongs there by hand"
        ),
    }
}
