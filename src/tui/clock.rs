//! The time as the screens see it. The loop asks its source of input for
//! the time of each input and hands it to the app, which never reads a
//! clock itself: tests set the time, so autosave timing, the moment a
//! question starts taking answers and "Saved 14:02:03" are tested without
//! waiting.

use std::time::{Duration, Instant};

use jiff::ZonedDateTime;
use toml::value::Datetime;

/// One moment: a monotonic instant for timing, and the wall-clock time
/// (with its time zone) for what is written and said.
#[derive(Debug, Clone)]
pub struct Moment {
    pub instant: Instant,
    pub wall: ZonedDateTime,
}

impl Moment {
    /// The system's time now, in the local time zone.
    pub fn now() -> Moment {
        Moment {
            instant: Instant::now(),
            wall: ZonedDateTime::now(),
        }
    }

    /// The same clock `by` later.
    pub fn later(&self, by: Duration) -> Moment {
        let wall = jiff::SignedDuration::try_from(by)
            .ok()
            .and_then(|d| self.wall.checked_add(d).ok())
            .unwrap_or_else(|| self.wall.clone());
        Moment {
            instant: self.instant + by,
            wall,
        }
    }

    /// How long after `earlier` this is (zero if it is not after it).
    pub fn since(&self, earlier: Instant) -> Duration {
        self.instant.saturating_duration_since(earlier)
    }

    /// The time to stamp on a profile (UTC, to the second).
    pub fn stamp(&self) -> Datetime {
        crate::model::profile::stamp(self.wall.timestamp())
    }

    /// The local time of day, as "Saved 14:02:03" says it.
    pub fn time_of_day(&self) -> String {
        self.wall.strftime("%H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Moment {
        let wall = jiff::Timestamp::from_second(second)
            .expect("a valid second")
            .to_zoned_datetime(jiff::tz::TimeZone::UTC);
        Moment {
            instant: Instant::now(),
            wall,
        }
    }

    #[test]
    fn a_moment_later_moves_both_clocks() {
        // 2026-11-26T14:02:03Z
        let start = at(1_795_701_723);
        assert_eq!(start.time_of_day(), "14:02:03");
        assert_eq!(start.stamp().to_string(), "2026-11-26T14:02:03Z");
        let later = start.later(Duration::from_millis(1500));
        assert_eq!(later.since(start.instant), Duration::from_millis(1500));
        assert_eq!(start.since(later.instant), Duration::ZERO);
        assert_eq!(later.time_of_day(), "14:02:04");
    }
}
