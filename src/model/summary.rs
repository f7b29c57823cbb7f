//! The figures of a summary, computed once from the rounds being compared:
//! per area the tally now, the round before, the other side's, and the
//! trend of the average over the rounds; the total; the readiness for the
//! next level. The summary screen and every export only format these.

use super::framework::Level;
use super::profile::Assessment;
use super::progress::{Tally, area_tally, level_tally};
use super::scale::Scale;

/// How many rounds a trend covers at most.
pub const TREND_ROUNDS: usize = 8;

#[derive(Debug, Clone, PartialEq)]
pub struct AreaSummary<'f> {
    pub area: &'f super::Area,
    /// The current round's tally.
    pub now: Tally,
    /// The round before's, when there is one.
    pub previous: Option<Tally>,
    /// The other side's (the manager beside self, or self beside a manager).
    pub beside: Option<Tally>,
    /// The average of each of the last rounds, oldest first, the current last.
    pub trend: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary<'f> {
    pub areas: Vec<AreaSummary<'f>>,
    pub total: Tally,
    pub previous_total: Option<Tally>,
    pub beside_total: Option<Tally>,
    /// The next level and how much of it the current round meets.
    pub readiness: Option<(&'f Level, Tally)>,
}

impl<'f> Summary<'f> {
    /// `rounds` are one role's rounds, oldest first, ending with the current
    /// one (which may be `None`: nothing rated yet).
    pub fn of(
        level: &'f Level,
        next: Option<&'f Level>,
        rounds: &[Option<&Assessment>],
        beside: Option<&Assessment>,
        scale: &Scale,
    ) -> Summary<'f> {
        let current = rounds.last().copied().flatten();
        let previous = rounds.len().checked_sub(2).and_then(|i| rounds[i]);
        let trend_rounds = &rounds[rounds.len().saturating_sub(TREND_ROUNDS)..];
        let mut total = Tally::default();
        let mut previous_total = previous.map(|_| Tally::default());
        let mut beside_total = beside.map(|_| Tally::default());
        let areas = level
            .areas
            .iter()
            .map(|area| {
                let tally = |a: Option<&Assessment>| area_tally(level, area, a, scale);
                let now = tally(current);
                total.merge(&now);
                let previous = previous.map(|p| tally(Some(p)));
                if let (Some(sum), Some(t)) = (previous_total.as_mut(), previous.as_ref()) {
                    sum.merge(t);
                }
                let beside = beside.map(|b| tally(Some(b)));
                if let (Some(sum), Some(t)) = (beside_total.as_mut(), beside.as_ref()) {
                    sum.merge(t);
                }
                let trend = if rounds.len() > 1 {
                    trend_rounds.iter().map(|r| tally(*r).average()).collect()
                } else {
                    Vec::new()
                };
                AreaSummary {
                    area,
                    now,
                    previous,
                    beside,
                    trend,
                }
            })
            .collect();
        Summary {
            areas,
            total,
            previous_total,
            beside_total,
            readiness: next.map(|next| (next, level_tally(next, current, scale))),
        }
    }
}
