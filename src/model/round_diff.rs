//! What changed between two rounds of ratings over one level: every changed
//! rating, what moved to met or fell below it, notes new or changed,
//! statements newly not applicable, and per area the met count and average
//! before and after. Also serves two people on the same level (mentor and
//! mentee), whose rounds compare the same way.

use serde::Serialize;

use super::framework::Level;
use super::profile::{Assessment, Mark, Rating};
use super::progress::area_tally;
use super::scale::Scale;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingChange {
    pub statement: String,
    pub area: String,
    pub text: String,
    pub from: Option<u8>,
    pub to: Option<u8>,
    pub from_na: bool,
    pub to_na: bool,
    /// Crossed the scale's `met_from` upwards (true) or downwards (false);
    /// `None` too when the later round left the statement unrated.
    pub met: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteChange {
    pub statement: String,
    pub area: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaDelta {
    pub area: String,
    pub name: String,
    pub total: usize,
    pub met_from: usize,
    pub met_to: usize,
    pub average_from: Option<f64>,
    pub average_to: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundDiff {
    pub ratings: Vec<RatingChange>,
    pub notes: Vec<NoteChange>,
    pub areas: Vec<AreaDelta>,
}

impl RoundDiff {
    pub fn now_met(&self) -> impl Iterator<Item = &RatingChange> {
        self.ratings.iter().filter(|c| c.met == Some(true))
    }

    pub fn fell_below(&self) -> impl Iterator<Item = &RatingChange> {
        self.ratings.iter().filter(|c| c.met == Some(false))
    }

    pub fn newly_na(&self) -> impl Iterator<Item = &RatingChange> {
        self.ratings.iter().filter(|c| c.to_na && !c.from_na)
    }

    /// Rated (or judged not applicable) before, left unrated in the later
    /// round: not a judgement, so never "fell below met".
    pub fn not_rated(&self) -> impl Iterator<Item = &RatingChange> {
        self.ratings.iter().filter(|c| c.is_unrated_now())
    }
}

impl RatingChange {
    /// The later round gives the statement no judgement at all.
    pub fn is_unrated_now(&self) -> bool {
        self.to.is_none() && !self.to_na
    }
}

/// Compares round `from` with round `to` over the statements of `level`.
pub fn round_diff(
    level: &Level,
    from: Option<&Assessment>,
    to: Option<&Assessment>,
    scale: &Scale,
) -> RoundDiff {
    let mut diff = RoundDiff {
        ratings: Vec::new(),
        notes: Vec::new(),
        areas: Vec::new(),
    };
    let rating = |a: Option<&Assessment>, key: &str| a.and_then(|a| a.rating(key)).cloned();
    for (key, area, statement) in level.statements() {
        let (old, new) = (rating(from, key.as_str()), rating(to, key.as_str()));
        let (old_mark, new_mark) = (mark(&old), mark(&new));
        if old_mark != new_mark {
            let met = |m: Mark| matches!(m, Mark::Value(v) if scale.is_met(v));
            diff.ratings.push(RatingChange {
                statement: key.to_string(),
                area: area.name.clone(),
                text: statement.text.clone(),
                from: value(old_mark),
                to: value(new_mark),
                from_na: old_mark == Mark::NotApplicable,
                to_na: new_mark == Mark::NotApplicable,
                // A statement left unrated later was not judged again:
                // it neither fell below met nor reached it.
                met: (met(old_mark) != met(new_mark) && new_mark != Mark::Unrated)
                    .then_some(met(new_mark)),
            });
        }
        let (old_note, new_note) = (note(&old), note(&new));
        if old_note != new_note && !new_note.is_empty() {
            diff.notes.push(NoteChange {
                statement: key.to_string(),
                area: area.name.clone(),
                from: old_note.to_owned(),
                to: new_note.to_owned(),
            });
        }
    }
    for area in &level.areas {
        let (before, after) = (
            area_tally(level, area, from, scale),
            area_tally(level, area, to, scale),
        );
        diff.areas.push(AreaDelta {
            area: area.id.clone(),
            name: area.name.clone(),
            total: after.total,
            met_from: before.met,
            met_to: after.met,
            average_from: before.average(),
            average_to: after.average(),
        });
    }
    diff
}

fn mark(rating: &Option<Rating>) -> Mark {
    rating.as_ref().map_or(Mark::Unrated, Rating::mark)
}

fn note(rating: &Option<Rating>) -> &str {
    rating.as_ref().map_or("", Rating::note)
}

fn value(mark: Mark) -> Option<u8> {
    match mark {
        Mark::Value(v) => Some(v),
        _ => None,
    }
}
