//! The questions the app asks and their answers: a move to another level, a sign-off, a new review round, a reworded statement, the unsaved and conflict questions.

use super::*;
use crate::model::conflict::{Pick, Side};

impl App {
    /// Asks `dialog`. While the person types (a note, a search) it waits
    /// until they leave the editor; the footer of the editor says so.
    /// Asked again while it is open, it stays as it is.
    pub(super) fn ask(&mut self, dialog: Dialog) {
        match &self.overlay {
            Overlay::Dialog(open) if *open == dialog => {}
            Overlay::Note(_) | Overlay::Search(_) | Overlay::Evidence(_) => {
                self.waiting = Some(dialog)
            }
            _ => {
                self.overlay = Overlay::Dialog(dialog);
                self.asking = Asking::new(self.now.instant);
            }
        }
    }

    /// The question that waits for the person to leave the editor.
    pub fn waiting(&self) -> Option<&Dialog> {
        self.waiting.as_ref()
    }

    pub(super) fn ask_waiting(&mut self) {
        if let Some(dialog) = self.waiting.take() {
            self.ask(dialog);
        }
    }

    /// Whether the open question takes answers yet (its choices are shown
    /// from then on), and how many keys it did not take before.
    pub fn question_state(&self) -> (bool, usize) {
        (self.asking.takes_answers(), self.asking.ignored)
    }

    /// Answers the open question, as its key would. Keys still coming in
    /// the same read were typed before the answer could show: they are
    /// not used until the next frame.
    pub fn answer(&mut self, answer: DialogAction) -> Effect {
        let Overlay::Dialog(dialog) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return Effect::None;
        };
        self.held = Some(0);
        match (dialog, answer) {
            (_, DialogAction::Quit) => Effect::Quit,
            (Dialog::Conflict, DialogAction::Reload) => Effect::Reload,
            (Dialog::Conflict, DialogAction::KeepMine) => Effect::Overwrite,
            (Dialog::Conflict, _) => {
                self.error("Not saved: the file changed on disk. Change a rating again to choose.");
                Effect::None
            }
            (Dialog::Unsaved { .. }, DialogAction::Retry) => {
                // Quitting tries the save again only once it is not known to fail.
                self.save_failure = None;
                Effect::Quit
            }
            (Dialog::Unsaved { .. }, DialogAction::QuitAnyway) => Effect::QuitUnsaved,
            (dialog @ Dialog::Unsaved { .. }, DialogAction::WriteCopy) => {
                self.overlay = Overlay::Dialog(dialog);
                Effect::WriteCopy
            }
            (Dialog::Unsaved { .. }, _) => Effect::None,
            (Dialog::MoveLevel { to, title }, DialogAction::Yes) => {
                if self.refuse_if_read_only() {
                    return Effect::None;
                }
                self.profile.level = to;
                if let Some(level) = self
                    .craft()
                    .levels
                    .iter()
                    .position(|l| l.id == self.profile.level)
                {
                    self.show_level(level);
                }
                self.unsaved_profile = true;
                self.info(format!("Moved to {title}."));
                Effect::Save
            }
            (Dialog::Reworded { key }, DialogAction::Yes) => self.confirm_still_true(&key),
            (Dialog::Reworded { key }, DialogAction::No) => {
                self.select(&key);
                self.open_note(key, self.note_prompt());
                Effect::None
            }
            (Dialog::Reworded { .. }, _) => Effect::None,
            (Dialog::Finish { whose, round }, DialogAction::Yes) => {
                let Some(index) = self.editing else {
                    return Effect::None;
                };
                let assessment = &mut self.profile.assessments[index];
                let stamp = self.now.stamp();
                assessment.finished = Some(stamp);
                assessment.updated = stamp;
                self.unsaved_profile = true;
                // Both sides signed off: a blind round opens.
                self.restand();
                self.undo.clear();
                self.redo.clear();
                self.info(format!(
                    "{}, round {round}, is signed off and read-only from now on.",
                    capitalised(&whose)
                ));
                Effect::Save
            }
            (Dialog::Finish { .. }, _) => Effect::None,
            (Dialog::Reveal { to, .. }, DialogAction::Yes) => {
                let Some(index) = self.editing else {
                    return Effect::None;
                };
                let assessment = &mut self.profile.assessments[index];
                let stamp = self.now.stamp();
                assessment.revealed = Some(stamp);
                assessment.updated = stamp;
                self.unsaved_profile = true;
                self.restand();
                self.info(format!(
                    "Revealed: {} sees your round now.",
                    text::clean_line(&to)
                ));
                Effect::Save
            }
            (Dialog::Reveal { .. }, _) => Effect::None,
            (Dialog::DeleteAction { id, .. }, DialogAction::Yes) => self.delete_action(&id),
            (Dialog::DeleteAction { .. }, _) => Effect::None,
            (Dialog::NewRound { .. }, DialogAction::Yes) => {
                let effect = self.start_new_round();
                self.info(format!("Started review round {}.", self.round()));
                effect
            }
            (Dialog::NewRound { .. }, _) => Effect::None,
            (Dialog::Merge { key, .. }, DialogAction::KeepShown) => self.settle(&key, Pick::Kept),
            (Dialog::Merge { key, .. }, DialogAction::TakeTheirs) => {
                self.settle(&key, Pick::Side(Side::Theirs))
            }
            (Dialog::Merge { key, .. }, DialogAction::TakeOurs) => {
                self.settle(&key, Pick::Side(Side::Ours))
            }
            (Dialog::Merge { key, .. }, DialogAction::KeepBothNotes) => {
                self.settle(&key, Pick::BothNotes)
            }
            (Dialog::Merge { .. }, _) => Effect::None,
            (Dialog::DirectManager { .. }, DialogAction::Yes) => {
                let name = self.assessor.clone();
                self.name_manager(&name)
            }
            (Dialog::DirectManager { person }, _) => {
                self.info(format!(
                    "{} names no direct manager; your review is one of theirs (rungs review --direct names you).",
                    text::clean_line(&person)
                ));
                Effect::None
            }
            (Dialog::MoveLevel { .. }, _) => {
                let title = self.level().title.clone();
                self.info(format!("The profile stays at {title}."));
                Effect::None
            }
        }
    }

    /// Asks whether to move the profile to level `to` (from `--level`).
    pub fn ask_move_level(&mut self, to: &str) {
        let Some(level) = self.craft().level(to) else {
            return;
        };
        if level.id == self.profile.level {
            return;
        }
        let title = level.title.clone();
        self.ask(Dialog::MoveLevel {
            to: to.to_owned(),
            title,
        });
    }

    /// Asks to sign off the edited round (`F`).
    pub(super) fn ask_finish(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.edited() {
            Some(_) => self.ask(Dialog::Finish {
                whose: self.whose_round(),
                round: self.round(),
            }),
            None => self.info("Nothing to sign off yet: rate something first."),
        }
    }

    /// `V`: asks before showing this session's blind round to the other
    /// side, saying exactly what they will see.
    pub(super) fn ask_reveal(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(mine) = self.edited() else {
            self.info("Nothing to reveal yet: rate something first.");
            return;
        };
        let said = if !mine.blind {
            Some("This round is not blind: the other side sees it already.")
        } else if mine.revealed.is_some() {
            Some("This round is revealed already.")
        } else if mine.finished.is_some() {
            Some("This round is signed off: it shows once the other side signs off theirs.")
        } else {
            None
        };
        if let Some(said) = said {
            self.info(said);
            return;
        }
        let ratings = mine
            .ratings()
            .iter()
            .filter(|r| r.mark() != crate::model::Mark::Unrated)
            .count();
        let notes = mine
            .ratings()
            .iter()
            .filter(|r| !r.note().trim().is_empty())
            .count();
        let to = match self.mode {
            Mode::Review => text::clean_line(&self.profile.person).into_owned(),
            Mode::Assess => {
                let names: Vec<String> = reviewers::latest_reviews(&self.profile)
                    .iter()
                    .map(|a| text::clean_line(&a.assessor).into_owned())
                    .collect();
                if names.is_empty() {
                    "Your reviewers".to_owned()
                } else {
                    names.join(" and ")
                }
            }
        };
        self.ask(Dialog::Reveal {
            to,
            round: self.round(),
            ratings,
            notes,
        });
    }

    /// "Sam Lee's review", "Alex Doe's self-assessment": whose rounds this
    /// session edits, as a dialog names them.
    pub fn whose_round(&self) -> String {
        match self.mode {
            Mode::Assess => format!(
                "{}'s self-assessment",
                text::clean_line(&self.profile.person)
            ),
            Mode::Review => format!("{}'s review", text::clean_line(&self.assessor)),
        }
    }

    /// In a first review of a profile that names no direct manager, asks
    /// the reviewer whether they are the person's direct manager.
    pub fn offer_direct_manager(&mut self) {
        let unnamed = self.profile.manager.is_none();
        if self.mode == Mode::Review
            && unnamed
            && self.edited().is_none()
            && self.read_only.is_none()
            && matches!(self.overlay, Overlay::None)
        {
            self.overlay = Overlay::Dialog(Dialog::DirectManager {
                person: self.profile.person.clone(),
            });
        }
    }

    /// In a review: when the person has started a round since this
    /// manager's last one, offer a new review round.
    pub fn offer_new_round(&mut self) {
        if self.mode != Mode::Review {
            return;
        }
        let (Some(mine), Some(theirs)) = (self.edited(), self.profile.current(Role::Own)) else {
            return;
        };
        if theirs.started > mine.started {
            let since = theirs
                .started
                .date
                .map(|d| d.to_string())
                .unwrap_or_default();
            self.ask(Dialog::NewRound {
                person: self.profile.person.clone(),
                since,
            });
        }
    }

    /// "My rating still holds": the rating is pinned to the words shown now.
    pub(super) fn confirm_still_true(&mut self, key: &StatementKey) -> Effect {
        let seen = self.fingerprint_of(key);
        let effect = self.change(key, true, |r| r.seen = seen);
        if effect == Effect::Save {
            self.info("Your rating stands for the new wording.");
        }
        effect
    }

    /// Asks what to do now that quitting finds changes not saved.
    pub fn ask_unsaved(&mut self) {
        let reason = self
            .save_failure
            .clone()
            .unwrap_or_else(|| "the last save did not go through".to_owned());
        self.ask(Dialog::Unsaved { reason, copy: None });
    }
}

/// "Sam Lee's review" at the start of a sentence (a name keeps its case).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
