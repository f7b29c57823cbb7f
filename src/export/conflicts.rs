//! The merge conflicts recorded on the ratings a summary shows (`rungs
//! merge-file` kept one version and recorded the other): every export that
//! lists ratings lists these, so a conflict is never read as settled.

use serde::Serialize;

use crate::export::lines::one_line;
use crate::model::conflict::{RatingConflict, RatingVersion, Reason};
use crate::model::text::{clean, clean_line};
use crate::model::{Assessment, Framework, Level, Mark};

#[derive(Debug, Serialize)]
pub struct ConflictNote {
    /// `self` or `manager`.
    pub role: &'static str,
    pub assessor: String,
    pub key: String,
    /// "Automation 2", or the key when the level does not have it.
    pub statement: String,
    /// `both` (both sides changed it) or `signed-off` (changed after a sign-off).
    pub reason: &'static str,
    /// The version in the file, which every figure counts.
    pub shown: String,
    /// The other versions, each `theirs: 2 Sometimes, note: …`.
    pub others: Vec<String>,
}

/// The conflicts on the ratings of `rounds` (the ones a summary shows).
pub fn notes(
    rounds: &[Option<&Assessment>],
    level: &Level,
    framework: &Framework,
) -> Vec<ConflictNote> {
    let name = |key: &str| {
        level
            .statements()
            .find(|(k, _, _)| k.as_str() == key)
            .map_or_else(
                || key.to_owned(),
                |(_, area, s)| format!("{} {}", area.name, s.id),
            )
    };
    let version = |v: &RatingVersion, with_note: bool| {
        let mark = match v.mark {
            Mark::Value(n) => format!("{n} {}", clean_line(framework.scale.label(n))),
            Mark::NotApplicable => "n/a".to_owned(),
            Mark::Unrated => "not rated".to_owned(),
        };
        let note = v.note.trim();
        if with_note && !note.is_empty() {
            format!("{mark}, note: {}", one_line(&clean(note)))
        } else {
            mark
        }
    };
    rounds
        .iter()
        .flatten()
        .flat_map(|round| {
            round.ratings().iter().filter_map(move |r| {
                let conflict: RatingConflict = r.conflict()?;
                Some((round, r.statement.clone(), conflict))
            })
        })
        .map(|(round, key, conflict)| {
            let notes = conflict.notes_differ();
            ConflictNote {
                role: round.role.as_str(),
                assessor: clean_line(&round.assessor).into_owned(),
                statement: clean_line(&name(&key)).into_owned(),
                key: clean_line(&key).into_owned(),
                reason: match conflict.record.reason {
                    Reason::Both => "both",
                    Reason::SignedOff => "signed-off",
                },
                shown: version(&conflict.kept, notes),
                others: conflict
                    .others()
                    .iter()
                    .map(|(side, v)| format!("{}: {}", side.as_str(), version(v, notes)))
                    .collect(),
            }
        })
        .collect()
}
