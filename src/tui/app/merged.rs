//! A save that took in what another writer saved meanwhile (the manager's
//! review while the person rates, or the other way round): the app shows
//! the profile as written, keeping its own place, undo history and edits.

use std::collections::HashMap;

use super::*;
use crate::model::save_merge::{AssessmentId, Claim, assessment_ids};

impl App {
    /// What this session edits: its own rounds, or this reviewer's.
    pub fn claim(&self) -> Claim {
        match self.mode {
            Mode::Assess => Claim::OwnRounds,
            Mode::Review => Claim::ReviewsBy(self.assessor.clone()),
        }
    }

    /// Takes the profile a save wrote when it holds others' changes too.
    /// Returns who changed what, for the footer; or, when their part does
    /// not fit the framework as this session knows it, says so and keeps
    /// showing the profile as it was (the file keeps theirs all the same).
    pub(super) fn take_merged(&mut self, merged: Profile) -> Result<String, String> {
        let problems = merged.check(&self.framework).problems;
        if let Some(problem) = problems.first() {
            return Err(format!(
                "the file now holds changes made elsewhere that do not fit the framework ({}); they are kept there",
                problem.message
            ));
        }
        let who = self.changed_by_others(&merged);
        let new_at: HashMap<AssessmentId, usize> = assessment_ids(&merged)
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect();
        let old_ids = assessment_ids(&self.profile);
        let moved = |i: usize| old_ids.get(i).and_then(|id| new_at.get(id)).copied();
        for steps in [&mut self.undo, &mut self.redo] {
            // Evidence steps name their item by id, wherever it moved.
            steps.retain_mut(|step| match step {
                Step::Rating { assessment, .. } => match moved(*assessment) {
                    Some(to) => {
                        *assessment = to;
                        true
                    }
                    None => false,
                },
                Step::Evidence(_) => true,
            });
        }
        self.editing = self.editing.and_then(moved);
        self.profile = merged;
        self.retally();
        Ok(who)
    }

    /// "Sam Lee", "Alex Doe and Kim Park", or "someone else": whose
    /// assessments (or which of the profile's own keys) differ in `merged`.
    fn changed_by_others(&self, merged: &Profile) -> String {
        let claim = self.claim();
        let old: HashMap<AssessmentId, &Assessment> = assessment_ids(&self.profile)
            .into_iter()
            .zip(&self.profile.assessments)
            .collect();
        let mut names: Vec<&str> = Vec::new();
        for (id, assessment) in assessment_ids(merged).iter().zip(&merged.assessments) {
            let changed = old.get(id).is_none_or(|before| *before != assessment);
            if changed
                && !claim.covers(assessment)
                && !names.contains(&assessment.assessor.as_str())
            {
                names.push(&assessment.assessor);
            }
        }
        match names.as_slice() {
            [] => "someone else".to_owned(),
            [one] => (*one).to_owned(),
            [first @ .., last] => format!("{} and {last}", first.join(", ")),
        }
    }
}
