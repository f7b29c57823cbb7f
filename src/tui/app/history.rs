//! Undo and redo: each step is the rating of one statement, by key, as it was.

use super::*;

impl App {
    pub(super) fn undo(&mut self) -> Effect {
        self.travel(true)
    }

    pub(super) fn redo(&mut self) -> Effect {
        self.travel(false)
    }

    /// Takes the last step off the undo (or redo) history, puts its rating
    /// back, and records the rating it replaced on the other history.
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
        if self.refuse_if_read_only() {
            let from = if back { &mut self.undo } else { &mut self.redo };
            from.push(step);
            return Effect::None;
        }
        let Some(assessment) = self.profile.assessments.get_mut(step.assessment) else {
            return Effect::None;
        };
        let replaced = match assessment.put(step.key.as_str(), step.before) {
            Ok(replaced) => replaced,
            Err(err) => {
                self.error(err.to_string());
                return Effect::None;
            }
        };
        assessment.updated = self.now.stamp();
        let to = if back { &mut self.redo } else { &mut self.undo };
        to.push(Step {
            assessment: step.assessment,
            key: step.key.clone(),
            before: replaced,
        });
        self.select(&step.key);
        self.retally_key(&step.key);
        self.unsaved.insert(step.key.clone());
        let what = self.describe(&step.key);
        self.info(format!(
            "{}: the rating of {what}.",
            if back { "Undone" } else { "Redone" }
        ));
        Effect::Save
    }
}
