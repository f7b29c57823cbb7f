//! The line an action is typed into (`a` on a statement): its words, whose
//! it is (Tab goes between the person and the reviewer), and a due day
//! typed at the end as `by YYYY-MM-DD`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::LineAction;
use super::keys::{ACTION_LINE_KEYS, lookup};
use crate::model::actions::parse_due;
use crate::model::{StatementKey, text};
use toml::value::Date;

#[derive(Debug)]
pub struct ActionLine {
    /// The statement the action is on.
    pub key: StatementKey,
    pub text: String,
    /// Who may own it, this session's writer first; `owner` is the chosen one.
    pub owners: Vec<String>,
    pub owner: usize,
    /// Why Enter did not add it (no words, a day that is not one).
    pub problem: Option<String>,
}

pub enum LineOutcome {
    Continue,
    Close,
    /// Add this action: its words, owner and due day.
    Add {
        text: String,
        owner: String,
        due: Option<Date>,
    },
}

impl ActionLine {
    pub fn new(key: StatementKey, owners: Vec<String>) -> ActionLine {
        ActionLine {
            key,
            text: String::new(),
            owners,
            owner: 0,
            problem: None,
        }
    }

    pub fn owner_name(&self) -> &str {
        self.owners.get(self.owner).map_or("", String::as_str)
    }

    pub fn handle(&mut self, key: KeyEvent) -> LineOutcome {
        match lookup(ACTION_LINE_KEYS, &key, false) {
            Some(LineAction::Close) => LineOutcome::Close,
            Some(LineAction::Owner) => {
                self.owner = (self.owner + 1) % self.owners.len().max(1);
                LineOutcome::Continue
            }
            Some(LineAction::Erase) => {
                self.text.pop();
                LineOutcome::Continue
            }
            Some(LineAction::Add) => self.finish(),
            None => {
                if let KeyCode::Char(c) = key.code
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && !text::is_unsafe(c)
                {
                    self.text.push(c);
                    self.problem = None;
                }
                LineOutcome::Continue
            }
        }
    }

    /// A paste types its first line.
    pub fn paste(&mut self, pasted: &str) {
        let line = pasted.lines().next().unwrap_or("");
        self.text
            .extend(line.chars().filter(|&c| !text::is_unsafe(c)));
    }

    fn finish(&mut self) -> LineOutcome {
        let (words, due) = match split_due(&self.text) {
            Ok(split) => split,
            Err(why) => {
                self.problem = Some(why);
                return LineOutcome::Continue;
            }
        };
        if words.is_empty() {
            self.problem = Some("type what is to be done first".to_owned());
            return LineOutcome::Continue;
        }
        LineOutcome::Add {
            text: words,
            owner: self.owner_name().to_owned(),
            due,
        }
    }
}

/// The words, and the day of a trailing `by YYYY-MM-DD`.
pub fn split_due(typed: &str) -> Result<(String, Option<Date>), String> {
    let typed = typed.trim();
    match typed.rsplit_once(" by ") {
        Some((words, day)) if day.trim().starts_with(|c: char| c.is_ascii_digit()) => {
            Ok((words.trim().to_owned(), Some(parse_due(day)?)))
        }
        _ => Ok((typed.to_owned(), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::split_due;

    #[test]
    fn a_trailing_by_day_is_the_due_date() {
        let (words, due) = split_due("Pair on the pipeline by 2027-01-31").expect("a day");
        assert_eq!(words, "Pair on the pipeline");
        assert_eq!(due.map(|d| d.to_string()).as_deref(), Some("2027-01-31"));
        let (words, due) = split_due("Stand by the team").expect("no day");
        assert_eq!((words.as_str(), due), ("Stand by the team", None));
        assert!(split_due("Ship by 2027-02-30").is_err());
    }
}
