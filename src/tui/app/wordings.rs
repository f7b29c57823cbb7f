//! The words a rating was given against, kept in the profile as the rating
//! is made (by the fingerprint it holds), so that a statement reworded
//! later can show what it said.

use super::*;

impl App {
    /// After a change to the rating of `key`: keeps the words of the
    /// statement it was given against, and on the session's first change
    /// the words of every other rating given against today's words.
    pub(super) fn keep_wordings(&mut self, key: &StatementKey) {
        if !self.wordings_kept {
            self.wordings_kept = true;
            let held: Vec<(StatementKey, String)> = self
                .profile
                .assessments
                .iter()
                .flat_map(|a| a.ratings())
                .filter_map(|r| Some((StatementKey::parse(&r.statement)?, r.seen.clone()?)))
                .filter(|(_, seen)| self.profile.wording(seen).is_none())
                .collect();
            for (key, seen) in held {
                self.keep_wording(&key, &seen);
            }
        }
        if let Some(seen) = self.rating_of(key).and_then(|r| r.seen.clone()) {
            self.keep_wording(key, &seen);
        }
    }

    /// Keeps the statement's words as the wording of `seen`, when they are
    /// the words `seen` was taken of.
    fn keep_wording(&mut self, key: &StatementKey, seen: &str) {
        if self.profile.wording(seen).is_some() {
            return;
        }
        let matches = match self.position_of(key) {
            Some((area, row)) => self
                .fingerprints_at(area, row)
                .is_some_and(|prints| prints.matches(seen)),
            None => self
                .statement(key)
                .is_some_and(|s| s.fingerprints().matches(seen)),
        };
        if let Some(statement) = self.statement(key).filter(|_| matches) {
            let words = statement.text.clone();
            self.profile.keep_wording(seen, &words);
        }
    }

    /// The words the selected statement had when this session's rating of
    /// it was given, when the statement was reworded since and they were kept.
    pub fn earlier_words(&self, area: usize, row: usize) -> Option<&str> {
        if !self.is_reworded_at(area, row) {
            return None;
        }
        let seen = self.rating_at(area, row)?.seen.as_deref()?;
        self.profile.wording(seen)
    }
}
