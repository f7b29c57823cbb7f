//! A profile as it stood at the end of a day, by the dates it keeps: for
//! `rungs team --on DATE`, to compare two quarters without checking out
//! old commits.
//!
//! A round that started after the day did not exist yet, and is left out.
//! A round signed off after the day was not final yet. The file keeps no
//! old values of ratings, so a round changed after the day (`updated`
//! later) shows its ratings as last saved: [`Assessment::changed_after`]
//! tells, and the output says so.

use toml::value::Datetime;

use super::profile::{Assessment, Profile};

/// A day, as `YYYY-MM-DD` orders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// Parses `YYYY-MM-DD` (a real date).
    pub fn parse(text: &str) -> Option<Day> {
        let date: jiff::civil::Date = text.trim().parse().ok()?;
        Some(Day {
            year: u16::try_from(date.year()).ok()?,
            month: u8::try_from(date.month()).ok()?,
            day: u8::try_from(date.day()).ok()?,
        })
    }

    /// The day of a datetime in UTC (as written when it has no offset);
    /// `None` for a time without a date.
    pub fn of(stamp: &Datetime) -> Option<Day> {
        if stamp.offset.is_some()
            && let Ok(at) = stamp.to_string().parse::<jiff::Timestamp>()
        {
            let date = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
            return Some(Day {
                year: u16::try_from(date.year()).ok()?,
                month: u8::try_from(date.month()).ok()?,
                day: u8::try_from(date.day()).ok()?,
            });
        }
        let date = stamp.date?;
        Some(Day {
            year: date.year,
            month: date.month,
            day: date.day,
        })
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// True when `stamp` falls after the end of `day` (a stamp without a date never does).
fn after(stamp: &Datetime, day: Day) -> bool {
    Day::of(stamp).is_some_and(|d| d > day)
}

impl Assessment {
    /// The round was saved again after `day`: its ratings may differ from
    /// what they were then, and the file does not keep those.
    pub fn changed_after(&self, day: Day) -> bool {
        after(&self.updated, day)
    }
}

impl Profile {
    /// The profile as it stood at the end of `day` (see the module's rules).
    pub fn as_of(&self, day: Day) -> Profile {
        let mut profile = self.clone();
        profile.assessments.retain(|a| !after(&a.started, day));
        for round in &mut profile.assessments {
            if round.finished.as_ref().is_some_and(|f| after(f, day)) {
                round.finished = None;
            }
        }
        profile
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn at(text: &str) -> Datetime {
        text.parse().expect("a datetime")
    }

    fn round(role: Role, started: &str, updated: &str, finished: Option<&str>) -> Assessment {
        let mut a = Assessment::new(role, "Alex Doe", at(started));
        a.updated = at(updated);
        a.finished = finished.map(at);
        a
    }

    fn profile() -> Profile {
        let mut p = Profile::new("Alex Doe", "vaarst", "devops-engineer", "level-4");
        p.assessments = vec![
            round(
                Role::Own,
                "2026-03-01T09:00:00Z",
                "2026-03-20T09:00:00Z",
                Some("2026-03-31T17:00:00Z"),
            ),
            round(
                Role::Manager,
                "2026-03-25T09:00:00Z",
                "2026-07-02T09:00:00Z",
                Some("2026-07-02T09:00:00Z"),
            ),
            round(
                Role::Own,
                "2026-06-01T09:00:00Z",
                "2026-06-30T23:59:59Z",
                None,
            ),
            round(
                Role::Own,
                "2026-07-01T00:00:00Z",
                "2026-07-05T09:00:00Z",
                None,
            ),
        ];
        p
    }

    #[test]
    fn a_round_started_after_the_day_did_not_exist() {
        let day = Day::parse("2026-06-30").expect("a day");
        let then = profile().as_of(day);
        assert_eq!(then.assessments.len(), 3);
        assert_eq!(
            then.current(Role::Own).map(|a| a.started),
            Some(at("2026-06-01T09:00:00Z")),
            "the round of July 1st is not the current one yet"
        );
        let early = profile().as_of(Day::parse("2026-02-28").expect("a day"));
        assert!(early.assessments.is_empty());
    }

    #[test]
    fn a_round_signed_off_after_the_day_was_not_final_then() {
        let then = profile().as_of(Day::parse("2026-06-30").expect("a day"));
        assert!(
            then.assessments[0].finished.is_some(),
            "signed off in March"
        );
        assert!(then.assessments[1].finished.is_none(), "signed off in July");
        let later = profile().as_of(Day::parse("2026-07-02").expect("a day"));
        assert!(
            later.assessments[1].finished.is_some(),
            "the day itself counts"
        );
    }

    #[test]
    fn a_round_saved_after_the_day_says_so() {
        let day = Day::parse("2026-06-30").expect("a day");
        let then = profile().as_of(day);
        let changed: Vec<bool> = then
            .assessments
            .iter()
            .map(|a| a.changed_after(day))
            .collect();
        assert_eq!(changed, [false, true, false]);
    }

    #[test]
    fn days_are_real_dates_and_offsets_count_in_utc() {
        assert_eq!(Day::parse("2026-02-30"), None);
        assert_eq!(Day::parse("30/06/2026"), None);
        assert_eq!(
            Day::of(&at("2026-06-30T23:30:00-05:00")),
            Day::parse("2026-07-01")
        );
        assert_eq!(
            Day::of(&at("2026-06-30T10:00:00")),
            Day::parse("2026-06-30")
        );
    }
}
