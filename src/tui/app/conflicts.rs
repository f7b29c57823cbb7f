//! Merge conflicts recorded on ratings (`rungs merge-file`): the list marks
//! them `≠`, the detail pane shows the other version, and `m` asks which
//! version stays.

use super::*;
use crate::model::conflict::{Pick, RatingConflict, RatingVersion, Side};

impl App {
    /// The conflict recorded on this session's rating of a statement.
    pub fn conflict_at(&self, area: usize, row: usize) -> Option<RatingConflict> {
        self.rating_at(area, row)?.conflict()
    }

    /// `3 Mostly`, `n/a`, `not rated`, with the note's first words.
    pub fn describe_version(&self, version: &RatingVersion, with_note: bool) -> String {
        let mark = match version.mark {
            Mark::Value(v) => format!("{v} {}", self.scale().label(v)),
            Mark::NotApplicable => "n/a".to_owned(),
            Mark::Unrated => "not rated".to_owned(),
        };
        let note = version.note.trim();
        match (with_note, note.is_empty()) {
            (false, _) => mark,
            (true, true) => format!("{mark}, no note"),
            (true, false) => format!("{mark}, note: {}", crate::export::lines::one_line(note)),
        }
    }

    /// `m`: asks which version of the selected rating stays.
    pub(super) fn ask_settle(&mut self) {
        let key = self.selected_key().clone();
        let Some(conflict) = self.conflict_at(self.area, self.row) else {
            self.info("No merge conflict here: ≠ marks the statements that have one.");
            return;
        };
        if let Some(reason) = self.read_only.clone() {
            self.error(format!("Read-only: {reason}."));
            return;
        }
        let signed = self.finished_on().is_some();
        let notes = conflict.notes_differ();
        let what = self.describe(&key);
        let mut lines = vec![format!(
            "{what}: {}",
            if signed {
                "changed after this round was signed off."
            } else {
                "both sides of a merge changed this rating."
            }
        )];
        lines.push(format!(
            "Shown: {}",
            self.describe_version(&conflict.kept, notes)
        ));
        for (side, version) in conflict.others() {
            lines.push(format!(
                "{}: {}",
                match side {
                    Side::Theirs => "Theirs",
                    Side::Ours => "Ours",
                },
                self.describe_version(&version, notes)
            ));
        }
        if signed {
            lines.push(
                "A signed-off round keeps its version; start a new round to change it.".to_owned(),
            );
        }
        self.overlay = Overlay::Dialog(Dialog::Merge { key, lines, signed });
    }

    /// Settles the conflict on `key` as the person chose.
    pub(super) fn settle(&mut self, key: &StatementKey, pick: Pick) -> Effect {
        let Some(rating) = self.rating_of(key) else {
            return Effect::None;
        };
        let Some(settled) = rating.resolved(pick) else {
            self.info("This conflict holds no such version.");
            return Effect::None;
        };
        if pick == Pick::BothNotes && !rating.conflict().is_some_and(|c| c.notes_differ()) {
            self.info("Only the notes can be kept both: here they do not differ.");
            return Effect::None;
        }
        // Keeping a signed-off round's own version changes none of its
        // ratings: allowed, where every other change is refused.
        let signed_off = self.finished_on().is_some();
        let effect = if signed_off && pick == Pick::Kept && self.read_only.is_none() {
            self.drop_record(key, settled)
        } else {
            self.change(key, true, move |r| *r = settled)
        };
        if effect == Effect::Save {
            let what = self.describe(key);
            self.info(match pick {
                Pick::Kept => format!("{what}: kept the version shown."),
                Pick::Side(Side::Theirs) => format!("{what}: took theirs."),
                Pick::Side(Side::Ours) => format!("{what}: took ours."),
                Pick::BothNotes => format!("{what}: both notes kept."),
            });
        }
        effect
    }

    /// Removes the record of a signed-off round's rating, nothing else.
    fn drop_record(&mut self, key: &StatementKey, settled: Rating) -> Effect {
        let Some(index) = self.editing else {
            return Effect::None;
        };
        match self.profile.assessments[index].put(key.as_str(), Some(settled)) {
            Ok(_) => {
                self.unsaved.insert(key.clone());
                Effect::Save
            }
            Err(err) => {
                self.error(err.to_string());
                Effect::None
            }
        }
    }
}
