//! What a review agreed to do about a statement: a text, who does it, by
//! when, and whether (and when) it was done. Actions belong to the profile,
//! not to a round, so an open one is still there in every round that
//! follows; each carries an `id` that no copy of the file changes, which
//! both merges match on.

use serde::{Deserialize, Serialize};
use toml::value::{Date, Datetime};

use super::fingerprint::fingerprint;
use super::reviewers::date;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Made once, when the action is added: the same in every copy.
    pub id: String,
    pub statement: String,
    pub text: String,
    /// Who does it: the person or a reviewer, by name.
    pub owner: String,
    /// The day it is due, if one was agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Datetime>,
    pub added: Datetime,
    /// When it was done; open while absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Datetime>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl Action {
    pub fn new(statement: &str, text: &str, owner: &str, due: Option<Date>, now: Datetime) -> Self {
        Action {
            id: fingerprint(&format!("{now} {statement} {owner} {text}")),
            statement: statement.to_owned(),
            text: text.to_owned(),
            owner: owner.to_owned(),
            due: due.map(day),
            added: now,
            done: None,
            extra: toml::Table::new(),
        }
    }

    pub fn is_open(&self) -> bool {
        self.done.is_none()
    }

    /// Open and due before `today` (`YYYY-MM-DD`).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.is_open() && self.due_day().is_some_and(|d| d.as_str() < today)
    }

    pub fn due_day(&self) -> Option<String> {
        self.due.as_ref().map(date)
    }

    pub fn done_day(&self) -> Option<String> {
        self.done.as_ref().map(date)
    }

    /// Done as of `now`, or open again.
    pub fn toggle(&mut self, now: Datetime) {
        self.done = match self.done {
            Some(_) => None,
            None => Some(now),
        };
    }
}

/// Adds `action` to `actions`, its id made new if another action has it
/// (the same words added twice in one second): ids never repeat.
pub fn add(actions: &mut Vec<Action>, mut action: Action) {
    while actions.iter().any(|a| a.id == action.id) {
        action.id = fingerprint(&format!("{} again", action.id));
    }
    actions.push(action);
}

/// A date-only TOML value of a day.
fn day(d: Date) -> Datetime {
    Datetime {
        date: Some(d),
        time: None,
        offset: None,
    }
}

/// A due date as typed, `YYYY-MM-DD`; the error says what is expected.
pub fn parse_due(text: &str) -> Result<Date, String> {
    let wrong = || format!("`{}` is not a date like 2027-01-31", text.trim());
    let parsed: Datetime = text.trim().parse().map_err(|_| wrong())?;
    match parsed {
        Datetime {
            date: Some(d),
            time: None,
            offset: None,
        } if is_real_day(d) => Ok(d),
        _ => Err(wrong()),
    }
}

/// TOML takes 2026-02-30; the calendar does not.
fn is_real_day(d: Date) -> bool {
    let (Ok(year), Ok(month), Ok(day)) = (
        i16::try_from(d.year),
        i8::try_from(d.month),
        i8::try_from(d.day),
    ) else {
        return false;
    };
    jiff::civil::Date::new(year, month, day).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Datetime {
        "2026-12-01T09:00:00Z".parse().expect("a date")
    }

    #[test]
    fn a_due_date_is_a_day_and_overdue_is_open_past_it() {
        let due = parse_due("2026-12-10").expect("a day");
        let mut action = Action::new("level-4/a/1", "Pair on it", "Alex", Some(due), now());
        assert_eq!(action.due_day().as_deref(), Some("2026-12-10"));
        assert!(action.is_overdue("2026-12-11"));
        assert!(!action.is_overdue("2026-12-10"));
        action.toggle(now());
        assert!(!action.is_overdue("2026-12-11"));
        assert_eq!(action.done_day().as_deref(), Some("2026-12-01"));
        for wrong in [
            "2026-13-01",
            "2026-02-30",
            "tomorrow",
            "2026-12-01T09:00:00Z",
            "",
        ] {
            assert!(parse_due(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn ids_never_repeat_even_for_the_same_words_in_one_second() {
        let a = Action::new("level-4/a/1", "One", "Alex", None, now());
        let b = Action::new("level-4/a/1", "Two", "Alex", None, now());
        assert_ne!(a.id, b.id);
        assert_eq!(a.id.len(), 12);
        let mut list = Vec::new();
        for _ in 0..3 {
            add(&mut list, a.clone());
        }
        let ids: std::collections::HashSet<&str> = list.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 3);
    }
}
