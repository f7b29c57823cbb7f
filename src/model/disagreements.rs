//! Where the person and the review beside them disagree, the widest gap
//! first: what a revealed blind round opens on, and what the one-to-one's
//! agenda starts with.

use super::framework::{Area, Level, Statement};
use super::ids::StatementKey;
use super::profile::{Assessment, Mark, Rating};

/// One statement both sides gave a value, and differently.
#[derive(Debug, Clone)]
pub struct Disagreement<'a> {
    pub key: StatementKey,
    pub area: &'a Area,
    pub statement: &'a Statement,
    pub own: u8,
    pub other: u8,
    pub own_note: &'a str,
    pub other_note: &'a str,
}

impl Disagreement<'_> {
    pub fn gap(&self) -> u8 {
        self.own.abs_diff(self.other)
    }
}

/// The statements of `level` that `own` and `other` both gave a value, and
/// not the same one: largest gap first, in the framework's order on a tie.
pub fn disagreements<'a>(
    level: &'a Level,
    own: &'a Assessment,
    other: &'a Assessment,
) -> Vec<Disagreement<'a>> {
    let mut found: Vec<Disagreement<'a>> = level
        .statements()
        .filter_map(|(key, area, statement)| {
            let (a, b) = (own.rating(key.as_str())?, other.rating(key.as_str())?);
            let (Mark::Value(x), Mark::Value(y)) = (a.mark(), b.mark()) else {
                return None;
            };
            (x != y).then(|| Disagreement {
                key,
                area,
                statement,
                own: x,
                other: y,
                own_note: Rating::note(a).trim(),
                other_note: Rating::note(b).trim(),
            })
        })
        .collect();
    // A stable sort keeps the framework's order among equal gaps.
    found.sort_by_key(|d| std::cmp::Reverse(d.gap()));
    found
}
