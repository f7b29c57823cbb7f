//! The rating scale of a framework: a few numbered points, and the value from
//! which a statement counts as met.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    pub value: u8,
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub met_from: u8,
    pub points: Vec<ScalePoint>,
}

pub const MIN_POINTS: usize = 2;
pub const MAX_POINTS: usize = 9;
pub const MAX_VALUE: u8 = 9;

impl Default for Scale {
    fn default() -> Self {
        let point = |value, label: &str, description: &str| ScalePoint {
            value,
            label: label.to_owned(),
            description: description.to_owned(),
        };
        Scale {
            met_from: 3,
            points: vec![
                point(1, "Not yet", "I don't do this yet."),
                point(2, "Sometimes", "I do this occasionally, or with help."),
                point(3, "Mostly", "I do this most of the time, on my own."),
                point(
                    4,
                    "Consistently",
                    "I do this consistently and can show evidence.",
                ),
            ],
        }
    }
}

impl Scale {
    pub fn is_default(&self) -> bool {
        *self == Scale::default()
    }

    pub fn point(&self, value: u8) -> Option<&ScalePoint> {
        self.points.iter().find(|p| p.value == value)
    }

    pub fn contains(&self, value: u8) -> bool {
        self.point(value).is_some()
    }

    pub fn label(&self, value: u8) -> &str {
        self.point(value).map_or("?", |p| p.label.as_str())
    }

    pub fn is_met(&self, value: u8) -> bool {
        value >= self.met_from
    }

    pub fn lowest(&self) -> u8 {
        self.points.first().map_or(0, |p| p.value)
    }

    pub fn highest(&self) -> u8 {
        self.points.last().map_or(0, |p| p.value)
    }

    /// The next point above `value`, or the lowest when unrated.
    pub fn raise(&self, value: Option<u8>) -> u8 {
        match value {
            None => self.lowest(),
            Some(v) => self
                .points
                .iter()
                .map(|p| p.value)
                .find(|&p| p > v)
                .unwrap_or(v),
        }
    }

    /// The next point below `value`; stays at the lowest.
    pub fn lower(&self, value: Option<u8>) -> u8 {
        match value {
            None => self.lowest(),
            Some(v) => self
                .points
                .iter()
                .rev()
                .map(|p| p.value)
                .find(|&p| p < v)
                .unwrap_or(v),
        }
    }

    /// Where a value sits between the lowest and the highest point, 0.0 to 1.0.
    pub fn fraction(&self, value: f64) -> f64 {
        let (lo, hi) = (f64::from(self.lowest()), f64::from(self.highest()));
        if hi > lo {
            ((value - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raise_and_lower_walk_the_points_and_stop_at_the_ends() {
        let scale = Scale::default();
        assert_eq!(scale.raise(None), 1);
        assert_eq!(scale.raise(Some(2)), 3);
        assert_eq!(scale.raise(Some(4)), 4);
        assert_eq!(scale.lower(Some(1)), 1);
        assert_eq!(scale.lower(Some(3)), 2);
        assert!(scale.is_met(3) && !scale.is_met(2));
        assert_eq!(scale.label(4), "Consistently");
    }
}
