//! Moving orphaned ratings to the statement that now carries the very words
//! they were given against (a statement renumbered, or moved to another
//! area). A move is made only when it is certain: one statement has the
//! words, it is not rated in that round, and no other orphan of the round
//! claims it. Anything else is listed and left where it is, so relinking
//! never drops a rating.

use std::collections::{HashMap, HashSet};

use super::framework::Craft;
use super::ids::StatementKey;
use super::profile::Profile;

/// One rating to move, within its own assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The assessment's position in the profile.
    pub assessment: usize,
    pub from: String,
    pub to: StatementKey,
}

/// Why an orphaned rating stays where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stay {
    /// Rated by an older rungs, which kept no fingerprint of the words.
    NoFingerprint,
    /// No statement of the craft has its words now.
    NoMatch,
    /// Several statements have its words: which one is meant is a person's call.
    SeveralMatch(usize),
    /// The statement with its words is rated in the same round already.
    TargetRated(StatementKey),
    /// Other orphans of the same round have the same words: only one could move.
    SameWordsTwice {
        target: StatementKey,
        orphans: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub assessment: usize,
    pub statement: String,
    pub why: Stay,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub moves: Vec<Move>,
    pub kept: Vec<Kept>,
}

/// Finds the moves for every orphaned rating of `profile`, in one pass over
/// the craft's statements and one over the ratings.
pub fn plan(profile: &Profile, craft: &Craft) -> Plan {
    let mut by_words: HashMap<String, Vec<StatementKey>> = HashMap::new();
    let mut known: HashSet<StatementKey> = HashSet::new();
    for level in &craft.levels {
        for (key, _, statement) in level.statements() {
            for words in statement.fingerprints().all() {
                by_words
                    .entry(words.to_owned())
                    .or_default()
                    .push(key.clone());
            }
            known.insert(key);
        }
    }
    let mut plan = Plan::default();
    for (ai, assessment) in profile.assessments.iter().enumerate() {
        // First every orphan's single candidate, then the claims counted, so
        // that two orphans with the same words both stay.
        let mut candidates: Vec<(&str, Result<&StatementKey, Stay>)> = Vec::new();
        let mut claims: HashMap<&StatementKey, usize> = HashMap::new();
        for rating in assessment.ratings() {
            if known.contains(rating.statement.as_str()) {
                continue;
            }
            let target = match rating.seen.as_deref() {
                None => Err(Stay::NoFingerprint),
                Some(seen) => match by_words.get(seen).map(Vec::as_slice) {
                    None | Some([]) => Err(Stay::NoMatch),
                    Some([to]) if assessment.rating(to.as_str()).is_some() => {
                        Err(Stay::TargetRated(to.clone()))
                    }
                    Some([to]) => Ok(to),
                    Some(several) => Err(Stay::SeveralMatch(several.len())),
                },
            };
            if let Ok(to) = target {
                *claims.entry(to).or_default() += 1;
            }
            candidates.push((rating.statement.as_str(), target));
        }
        for (statement, target) in candidates {
            let why = match target {
                Ok(to) if claims.get(to).copied() == Some(1) => {
                    plan.moves.push(Move {
                        assessment: ai,
                        from: statement.to_owned(),
                        to: to.clone(),
                    });
                    continue;
                }
                Ok(to) => Stay::SameWordsTwice {
                    target: to.clone(),
                    orphans: claims.get(to).copied().unwrap_or_default(),
                },
                Err(why) => why,
            };
            plan.kept.push(Kept {
                assessment: ai,
                statement: statement.to_owned(),
                why,
            });
        }
    }
    plan
}

/// Carries out the moves: each assessment's ratings are renamed in one pass.
pub fn apply(profile: &mut Profile, plan: &Plan) {
    let mut per_assessment: HashMap<usize, HashMap<&str, &StatementKey>> = HashMap::new();
    for m in &plan.moves {
        per_assessment
            .entry(m.assessment)
            .or_default()
            .insert(m.from.as_str(), &m.to);
    }
    // Evidence names statements too: its links follow a move, unless the
    // orphan's ratings moved to different statements (then they stay).
    let mut evidence_moves: HashMap<&str, Option<&StatementKey>> = HashMap::new();
    for m in &plan.moves {
        evidence_moves
            .entry(m.from.as_str())
            .and_modify(|to| *to = to.filter(|to| *to == &m.to))
            .or_insert(Some(&m.to));
    }
    let evidence_renames: HashMap<&str, &StatementKey> = evidence_moves
        .into_iter()
        .filter_map(|(from, to)| Some((from, to?)))
        .collect();
    for (ai, renames) in per_assessment {
        if let Some(assessment) = profile.assessments.get_mut(ai) {
            assessment.rename(&renames);
        }
    }
    super::evidence::rename_links(&mut profile.evidence, &evidence_renames);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::{Assessment, Rating, Role};
    use crate::model::{Framework, Mark};

    fn craft() -> Craft {
        let framework: Framework = toml::from_str(
            r#"
format = 1
id = "t"
name = "T"
[[crafts]]
id = "c"
name = "C"
[[crafts.levels]]
id = "level-4"
rank = 4
title = "L4"
[[crafts.levels.areas]]
id = "a"
name = "A"
statements = [{ id = "1", text = "I ship." }, { id = "2", text = "I review." }]
"#,
        )
        .expect("a framework");
        framework.crafts[0].clone()
    }

    fn orphan(key: &str, words: &str, value: u8, note: &str) -> Rating {
        let mut rating = Rating::new(key);
        rating.set_mark(Mark::Value(value));
        rating.note = Some(note.to_owned());
        rating.seen = Some(crate::model::fingerprint::fingerprint(words));
        rating
    }

    fn profile_with(ratings: Vec<Rating>) -> Profile {
        let mut profile = Profile::new("Alex", "t", "c", "level-4");
        let mut round = Assessment::new(
            Role::Own,
            "Alex",
            "2026-11-26T09:00:00Z".parse().expect("a date"),
        );
        for r in ratings {
            let key = r.statement.clone();
            round.put(&key, Some(r)).expect("same key");
        }
        profile.assessments.push(round);
        profile
    }

    #[test]
    fn two_orphans_with_the_same_words_both_stay() {
        let craft = craft();
        let (_, _, statement) = craft.levels[0].statements().next().expect("a statement");
        let profile = profile_with(vec![
            orphan("level-4/old/1", &statement.text, 3, "first"),
            orphan("level-4/old/2", &statement.text, 2, "second"),
        ]);
        let plan = plan(&profile, &craft);
        assert!(plan.moves.is_empty(), "{plan:?}");
        assert_eq!(plan.kept.len(), 2);
        assert!(
            plan.kept
                .iter()
                .all(|k| matches!(&k.why, Stay::SameWordsTwice { orphans: 2, .. }))
        );
        let mut after = profile.clone();
        apply(&mut after, &plan);
        assert_eq!(after, profile);
    }

    #[test]
    fn evidence_links_follow_the_rating_they_moved_with() {
        let craft = craft();
        let (key, _, statement) = craft.levels[0].statements().next().expect("a statement");
        let mut profile = profile_with(vec![orphan("level-4/old/1", &statement.text, 3, "mine")]);
        let day = "2026-10-04"
            .parse::<toml::value::Datetime>()
            .expect("a day");
        let mut item = crate::model::Evidence::new(day.date.expect("a date"), "Led it", "t");
        item.statements = vec!["level-4/old/1".into(), "level-4/a/2".into()];
        profile.add_evidence(item);
        let plan = plan(&profile, &craft);
        apply(&mut profile, &plan);
        assert_eq!(profile.evidence.len(), 1);
        assert_eq!(
            profile.evidence[0].statements,
            [key.to_string(), "level-4/a/2".into()]
        );
    }

    #[test]
    fn a_single_orphan_moves_with_its_note() {
        let craft = craft();
        let (key, _, statement) = craft.levels[0].statements().next().expect("a statement");
        let profile = profile_with(vec![orphan("level-4/old/1", &statement.text, 3, "mine")]);
        let plan = plan(&profile, &craft);
        assert_eq!(
            plan.moves,
            vec![Move {
                assessment: 0,
                from: "level-4/old/1".into(),
                to: key.clone()
            }]
        );
        let mut after = profile.clone();
        apply(&mut after, &plan);
        let moved = after.assessments[0].rating(key.as_str()).expect("moved");
        assert_eq!((moved.mark(), moved.note()), (Mark::Value(3), "mine"));
        assert!(after.assessments[0].rating("level-4/old/1").is_none());
    }
}
