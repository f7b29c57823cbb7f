//! The search line: a query, the statements that match it (by key), and
//! which match is chosen.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::SearchAction;
use super::keys::{SEARCH_KEYS, lookup};
use crate::model::{StatementKey, text};

#[derive(Debug, Default)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Match>,
    pub selected: usize,
}

/// A statement that matches, and the line of a note that does when the
/// statement's own words do not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub key: StatementKey,
    pub note_line: Option<String>,
}

pub enum SearchOutcome {
    Continue,
    /// The query changed: the matches must be found again.
    Changed,
    Jump(Option<StatementKey>),
    Close,
}

impl Search {
    pub fn handle(&mut self, key: KeyEvent) -> SearchOutcome {
        match lookup(SEARCH_KEYS, &key, false) {
            Some(SearchAction::Close) => SearchOutcome::Close,
            Some(SearchAction::Jump) => {
                SearchOutcome::Jump(self.matches.get(self.selected).map(|m| m.key.clone()))
            }
            Some(SearchAction::Next) => {
                self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1));
                SearchOutcome::Continue
            }
            Some(SearchAction::Prev) => {
                self.selected = self.selected.saturating_sub(1);
                SearchOutcome::Continue
            }
            Some(SearchAction::Erase) => {
                self.query.pop();
                SearchOutcome::Changed
            }
            None => match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                        && !text::is_unsafe(c) =>
                {
                    self.query.push(c);
                    SearchOutcome::Changed
                }
                _ => SearchOutcome::Continue,
            },
        }
    }

    /// A paste types its first line into the query.
    pub fn paste(&mut self, pasted: &str) -> SearchOutcome {
        let line = pasted.lines().next().unwrap_or("");
        self.query
            .extend(line.chars().filter(|&c| !text::is_unsafe(c)));
        SearchOutcome::Changed
    }

    pub fn set_matches(&mut self, matches: Vec<Match>) {
        self.matches = matches;
        self.selected = 0;
    }
}
