//! Figures drawn from ratings: how much of an area is rated and met, the
//! average, and how ready a person is for the next level.

use super::framework::{Area, Level};
use super::profile::{Assessment, Mark};
use super::scale::Scale;

/// Counts over a set of statements. Not-applicable statements are kept out of
/// every total, so `total` counts only the statements that apply.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub total: usize,
    pub rated: usize,
    pub met: usize,
    pub not_applicable: usize,
    sum: u32,
}

impl Tally {
    pub fn add(&mut self, mark: Mark, scale: &Scale) {
        match mark {
            Mark::NotApplicable => self.not_applicable += 1,
            Mark::Unrated => self.total += 1,
            Mark::Value(v) => {
                self.total += 1;
                self.rated += 1;
                self.sum += u32::from(v);
                if scale.is_met(v) {
                    self.met += 1;
                }
            }
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.total += other.total;
        self.rated += other.rated;
        self.met += other.met;
        self.not_applicable += other.not_applicable;
        self.sum += other.sum;
    }

    /// Mean of the values given, `None` when nothing is rated.
    pub fn average(&self) -> Option<f64> {
        (self.rated > 0).then(|| f64::from(self.sum) / self.rated as f64)
    }

    /// Share of applicable statements met, 0.0 to 1.0.
    pub fn met_share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.met as f64 / self.total as f64
        }
    }

    pub fn rated_share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.rated as f64 / self.total as f64
        }
    }
}

/// Self and manager differ by this many points or more: worth a talk.
pub const GAP_POINTS: u8 = 2;

/// Both rated, and far apart.
pub fn is_gap(own: Mark, manager: Mark) -> bool {
    matches!((own, manager), (Mark::Value(a), Mark::Value(b)) if a.abs_diff(b) >= GAP_POINTS)
}

/// The tally of one area of a level from one assessment (none: all unrated).
pub fn area_tally(
    level: &Level,
    area: &Area,
    assessment: Option<&Assessment>,
    scale: &Scale,
) -> Tally {
    let mut tally = Tally::default();
    // One key buffer for the area: this runs after every key press.
    let mut key = format!("{}/{}/", level.id, area.id);
    let prefix = key.len();
    for statement in &area.statements {
        key.truncate(prefix);
        key.push_str(&statement.id);
        tally.add(assessment.map_or(Mark::Unrated, |a| a.mark(&key)), scale);
    }
    tally
}

pub fn level_tally(level: &Level, assessment: Option<&Assessment>, scale: &Scale) -> Tally {
    let mut total = Tally::default();
    for area in &level.areas {
        total.merge(&area_tally(level, area, assessment, scale));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_applicable_is_out_of_every_total() {
        let scale = Scale::default();
        let mut tally = Tally::default();
        for mark in [
            Mark::Value(4),
            Mark::Value(2),
            Mark::NotApplicable,
            Mark::Unrated,
        ] {
            tally.add(mark, &scale);
        }
        assert_eq!(
            (tally.total, tally.rated, tally.met, tally.not_applicable),
            (3, 2, 1, 1)
        );
        assert_eq!(tally.average(), Some(3.0));
    }

    #[test]
    fn a_gap_is_two_points_or_more_between_two_values() {
        assert!(is_gap(Mark::Value(4), Mark::Value(2)));
        assert!(is_gap(Mark::Value(1), Mark::Value(3)));
        assert!(!is_gap(Mark::Value(3), Mark::Value(2)));
        assert!(!is_gap(Mark::Value(4), Mark::NotApplicable));
        assert!(!is_gap(Mark::Unrated, Mark::Value(1)));
    }
}
