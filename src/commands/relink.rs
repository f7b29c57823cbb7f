//! `rungs relink PROFILE [--write]`: moves orphaned ratings to the statement
//! that now carries the very words they were given against (a statement
//! renumbered or moved to another area). A dry run unless `--write`.

use anyhow::Result;

use crate::cli::RelinkArgs;
use crate::model::StatementKey;
use crate::store::{Catalog, Paths, ProfileFile, check_profile};

pub fn run(args: RelinkArgs, paths: &Paths) -> Result<()> {
    let catalog = Catalog::load(&paths.frameworks);
    let (mut file, text) = ProfileFile::open(&args.profile, "rungs relink")?;
    let Some(text) = text else {
        return Err(crate::error::InputError::new(format!(
            "{}: no such file",
            args.profile.display()
        ))
        .into());
    };
    let checked = check_profile(file.path(), &text, &catalog)?;
    let mut profile = checked.profile;
    let craft = checked.framework.craft(&profile.craft).ok_or_else(|| {
        crate::error::InputError::new("the profile's craft is not in its framework")
    })?;
    // Every statement of the craft by the fingerprint of its words.
    let mut by_words: Vec<(String, StatementKey)> = craft
        .levels
        .iter()
        .flat_map(|l| l.statements().map(|(key, _, s)| (s.fingerprint(), key)))
        .collect();
    by_words.sort();
    let known: std::collections::HashSet<&str> = by_words.iter().map(|(_, k)| k.as_str()).collect();
    let mut moves = Vec::new();
    let mut stuck = Vec::new();
    for (ai, assessment) in profile.assessments.iter().enumerate() {
        for rating in assessment.ratings() {
            if known.contains(rating.statement.as_str()) {
                continue;
            }
            let Some(seen) = rating.seen.as_deref() else {
                stuck.push(format!(
                    "{}: no fingerprint (rated by an older rungs)",
                    rating.statement
                ));
                continue;
            };
            let targets: Vec<&StatementKey> = by_words
                .iter()
                .filter(|(f, _)| f == seen)
                .map(|(_, k)| k)
                .collect();
            match targets.as_slice() {
                [to] if assessment.rating(to.as_str()).is_none() => {
                    moves.push((ai, rating.statement.clone(), (*to).clone()));
                }
                [to] => stuck.push(format!("{}: {to} is rated already", rating.statement)),
                [] => stuck.push(format!(
                    "{}: no statement has its words now",
                    rating.statement
                )),
                _ => stuck.push(format!(
                    "{}: several statements have its words now",
                    rating.statement
                )),
            }
        }
    }
    let mut out = String::new();
    for (ai, from, to) in &moves {
        let a = &profile.assessments[*ai];
        out.push_str(&format!(
            "move  {from} → {to}  ({} round of {}, {})\n",
            a.role.as_str(),
            a.assessor,
            a.started
        ));
    }
    for line in &stuck {
        out.push_str(&format!("keep  {line}\n"));
    }
    if moves.is_empty() {
        out.push_str("Nothing to relink.\n");
        return super::output::print(&out);
    }
    if !args.write {
        out.push_str(&format!(
            "{} rating(s) would move; nothing was written (add --write).\n",
            moves.len()
        ));
        return super::output::print(&out);
    }
    for (ai, from, to) in &moves {
        let assessment = &mut profile.assessments[*ai];
        if let Ok(Some(mut rating)) = assessment.put(from, None) {
            rating.statement = to.to_string();
            assessment.put(to.as_str(), Some(rating))?;
        }
    }
    file.save(&profile)?;
    out.push_str(&format!(
        "Moved {} rating(s); the file before is kept as {}.\n",
        moves.len(),
        file.backup_path().display()
    ));
    super::output::print(&out)
}
