//! The evidence of the selected statement (`v`): the dialog's requests
//! carried out on the profile, each saved at once and undoable with `u`.

use super::*;
use crate::model::Evidence;
use crate::model::evidence::{self, CommitLink};
use crate::model::evidence_edit::EvidenceChange;
use crate::tui::evidence::{EvidenceDialog, EvidenceOutcome, Stage};

impl App {
    pub(super) fn open_evidence(&mut self) {
        let key = self.selected_key().clone();
        self.overlay = Overlay::Evidence(Box::new(EvidenceDialog::new(key)));
    }

    /// Why the evidence is only shown, when it is: a manager reads the
    /// person's evidence and never changes it.
    pub fn evidence_locked(&self) -> Option<String> {
        if let Some(reason) = &self.read_only {
            return Some(reason.clone());
        }
        (self.mode == Mode::Review).then(|| {
            format!(
                "this is {}'s evidence; only they change it",
                text::clean_line(&self.profile.person)
            )
        })
    }

    pub(super) fn evidence_key(&mut self, key: KeyEvent) -> Effect {
        let locked = self.evidence_locked();
        let Overlay::Evidence(dialog) = &mut self.overlay else {
            return Effect::None;
        };
        let outcome = dialog.handle(key, self.profile.items(), locked.is_some());
        match outcome {
            EvidenceOutcome::Continue => Effect::None,
            EvidenceOutcome::Close => {
                self.overlay = Overlay::None;
                self.ask_waiting();
                Effect::None
            }
            EvidenceOutcome::Refused => {
                self.error(format!("Read-only: {}.", locked.unwrap_or_default()));
                Effect::None
            }
            EvidenceOutcome::OpenForm => {
                let today = self.now.wall.date().to_string();
                dialog.open_form(&today);
                Effect::None
            }
            EvidenceOutcome::Add { text, date, link } => self.add_evidence(&text, &date, &link),
            EvidenceOutcome::Link(id) => {
                let key = dialog.key.to_string();
                let change = self.profile.link_evidence_change(&id, &key);
                self.record_evidence(change, "Linked")
            }
            EvidenceOutcome::Unlink(id) => {
                let key = dialog.key.to_string();
                let change = self.profile.unlink_evidence_change(&id, &key);
                self.record_evidence(change, "Unlinked (the item stays)")
            }
            EvidenceOutcome::Delete(id) => {
                let change = self.profile.remove_evidence_change(&id);
                self.record_evidence(change, "Deleted (u brings it back)")
            }
            EvidenceOutcome::Undo => self.undo(),
            EvidenceOutcome::Redo => self.redo(),
        }
    }

    /// The form's fields made an item of the dialog's statement; a field
    /// that does not read says so and the form stays as typed.
    fn add_evidence(&mut self, text: &str, date: &str, link: &str) -> Effect {
        let Overlay::Evidence(dialog) = &mut self.overlay else {
            return Effect::None;
        };
        let text = text.trim();
        if text.is_empty() {
            self.error("Say what was done first (the What field).");
            return Effect::None;
        }
        let day = match evidence::parse_day(date, self.now.wall.date()) {
            Ok(day) => day,
            Err(why) => {
                self.error(format!("Date: {}.", text::clean_line(&why)));
                return Effect::None;
            }
        };
        let made = self.now.stamp().to_string();
        let mut item = Evidence::new(day, text, &made);
        item.statements = vec![dialog.key.to_string()];
        evidence::add_link(&mut item, link);
        let unknown: Vec<String> = item
            .commits
            .iter()
            .filter_map(|c| CommitLink::parse(c))
            .filter(|c| !self.profile.repositories.contains_key(c.repo))
            .map(|c| c.repo.to_owned())
            .collect();
        dialog.stage = Stage::List;
        let change = self.profile.add_evidence_change(item);
        let effect = self.record_evidence(Some(change), "Added");
        if let Some(repo) = unknown.first() {
            self.info(format!(
                "Added. The profile does not say where `{}` is yet: `rungs evidence repo {} DIR` records it, so `rungs validate --evidence` can check the commit.",
                text::clean_line(repo),
                text::clean_line(repo)
            ));
        }
        // The new item is the statement's newest: it is chosen.
        if let Overlay::Evidence(dialog) = &mut self.overlay {
            let key = dialog.key.as_str();
            dialog.selected = self.profile.items().of(key).count().saturating_sub(1);
        }
        effect
    }

    /// A change made: kept for `u`, and saved at once.
    fn record_evidence(&mut self, change: Option<EvidenceChange>, done: &str) -> Effect {
        let Some(change) = change else {
            return Effect::None;
        };
        self.undo.push(Step::Evidence(change));
        self.redo.clear();
        self.unsaved_profile = true;
        self.info(format!("{done}."));
        Effect::Save
    }
}
