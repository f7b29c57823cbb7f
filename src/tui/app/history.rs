//! Undo and redo: each step is the rating of one statement, by key, as it
//! was, or a change to the evidence.

use super::*;
use crate::model::evidence_edit::EvidenceChange;

impl App {
    pub(super) fn undo(&mut self) -> Effect {
        self.travel(true)
    }

    pub(super) fn redo(&mut self) -> Effect {
        self.travel(false)
    }

    /// Takes the last step off the undo (or redo) history, puts its rating
    /// back (or undoes its evidence change), and records the step on the
    /// other history.
    pub(super) fn travel(&mut self, back: bool) -> Effect {
        let from = if back { &mut self.undo } else { &mut self.redo };
        let Some(step) = from.pop() else {
            self.info(if back {
                "Nothing to undo."
            } else {
                "Nothing to redo."
            });
            return Effect::None;
        };
        // Evidence belongs to no round: a signed-off round does not lock it.
        let refused = match &step {
            Step::Rating { .. } => self.refuse_if_read_only(),
            Step::Evidence(_) => match self.evidence_locked() {
                Some(why) => {
                    self.error(format!("Read-only: {why}."));
                    true
                }
                None => false,
            },
        };
        if refused {
            let from = if back { &mut self.undo } else { &mut self.redo };
            from.push(step);
            return Effect::None;
        }
        let (assessment, key, before) = match step {
            Step::Rating {
                assessment,
                key,
                before,
            } => (assessment, key, before),
            Step::Evidence(change) => return self.travel_evidence(back, change),
        };
        let Some(round) = self.profile.assessments.get_mut(assessment) else {
            return Effect::None;
        };
        let replaced = match round.put(key.as_str(), before) {
            Ok(replaced) => replaced,
            Err(err) => {
                self.error(err.to_string());
                return Effect::None;
            }
        };
        round.updated = self.now.stamp();
        let to = if back { &mut self.redo } else { &mut self.undo };
        to.push(Step::Rating {
            assessment,
            key: key.clone(),
            before: replaced,
        });
        self.select(&key);
        self.retally_key(&key);
        self.unsaved.insert(key.clone());
        let what = self.describe(&key);
        self.info(format!(
            "{}: the rating of {what}.",
            if back { "Undone" } else { "Redone" }
        ));
        Effect::Save
    }
}

impl App {
    /// Undoes (or redoes) a change to the evidence. One whose item another
    /// writer deleted meanwhile changes nothing and is dropped.
    fn travel_evidence(&mut self, back: bool, change: EvidenceChange) -> Effect {
        let made = if back {
            change.inverse()
        } else {
            change.clone()
        };
        let done = if back { "Undone" } else { "Redone" };
        if !made.apply(&mut self.profile) {
            self.info(format!(
                "{done}: nothing, the evidence changed elsewhere meanwhile."
            ));
            return Effect::None;
        }
        let what = match &change {
            EvidenceChange::Insert { .. } => "the added evidence",
            EvidenceChange::Delete { .. } => "the deleted evidence",
            EvidenceChange::Link { .. } => "the evidence's link",
            EvidenceChange::Unlink { .. } => "the evidence's unlink",
        };
        let to = if back { &mut self.redo } else { &mut self.undo };
        to.push(Step::Evidence(change));
        self.unsaved_profile = true;
        self.info(format!("{done}: {what}."));
        Effect::Save
    }
}
