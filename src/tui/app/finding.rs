//! Moving to what is wanted: the next unrated, gap or reworded statement, and search.

use super::*;

impl App {
    /// Every statement of the level in order, starting after the selection
    /// (or before it, backwards), wrapping around once.
    pub(super) fn positions_from(&self, dir: isize) -> Vec<(usize, usize)> {
        let all: Vec<(usize, usize)> = (0..self.area_count())
            .flat_map(|a| (0..self.rows_in(a)).map(move |r| (a, r)))
            .collect();
        let here = all
            .iter()
            .position(|&p| p == (self.area, self.row))
            .unwrap_or(0);
        let n = all.len();
        (1..=n)
            .map(|i| {
                let i = if dir > 0 {
                    (here + i) % n
                } else {
                    (here + n * 2 - i) % n
                };
                all[i]
            })
            .collect()
    }

    /// Jumps to the next (or previous) statement that is `wanted`, and says
    /// which of how many it is ("unrated 2 of 6").
    pub(super) fn find(
        &mut self,
        dir: isize,
        what: &str,
        wanted: impl Fn(&App, usize, usize) -> bool,
        none: &str,
    ) {
        let Some((area, row)) = self
            .positions_from(dir)
            .into_iter()
            .find(|&(a, r)| wanted(self, a, r))
        else {
            self.info(none);
            return;
        };
        (self.area, self.row) = (area, row);
        let all: Vec<(usize, usize)> = (0..self.area_count())
            .flat_map(|a| (0..self.rows_in(a)).map(move |r| (a, r)))
            .filter(|&(a, r)| wanted(self, a, r))
            .collect();
        if let Some(n) = all.iter().position(|&p| p == (area, row)) {
            self.info(format!("{what} {} of {}", n + 1, all.len()));
        }
    }

    pub(super) fn on_search(&mut self, outcome: SearchOutcome) -> Effect {
        match outcome {
            SearchOutcome::Continue => {}
            SearchOutcome::Changed => self.refresh_search(),
            SearchOutcome::Jump(key) => {
                if let Some(key) = key {
                    self.select(&key);
                }
                self.overlay = Overlay::None;
                self.ask_waiting();
            }
            SearchOutcome::Close => {
                self.overlay = Overlay::None;
                self.ask_waiting();
            }
        }
        Effect::None
    }

    pub(super) fn refresh_search(&mut self) {
        let query = match &self.overlay {
            Overlay::Search(s) => text::folded(&s.query),
            _ => return,
        };
        let mut matches = Vec::new();
        if !query.is_empty() {
            for (a, area) in self.lowered.iter().enumerate() {
                for (r, statement) in area.iter().enumerate() {
                    let in_note = || {
                        [self.rating_at(a, r), self.beside_at(a, r)]
                            .into_iter()
                            .flatten()
                            .flat_map(|rating| rating.note().lines())
                            .find(|line| text::folded(line).contains(&query))
                            .map(|line| text::clean_line(line.trim()).into_owned())
                    };
                    let note_line = if statement.contains(&query) {
                        None
                    } else {
                        match in_note() {
                            Some(line) => Some(line),
                            None => continue,
                        }
                    };
                    matches.push(Match {
                        key: self.key_of(a, r).clone(),
                        note_line,
                    });
                }
            }
        }
        if let Overlay::Search(search) = &mut self.overlay {
            search.set_matches(matches);
        }
    }
}
