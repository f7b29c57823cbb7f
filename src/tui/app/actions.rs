//! Actions on the selected statement: `a` types one, `t` marks one done
//! (or open again), `X` deletes one after asking. They are the profile's,
//! so a new round, an undo or a sign-off leaves them as they are.

use super::*;
use crate::model::actions::Action as Agreed;
use crate::tui::action_line::{ActionLine, LineOutcome};

impl App {
    /// The actions on `key`, in the order they were added.
    pub fn actions_on(&self, key: &StatementKey) -> Vec<&Agreed> {
        self.profile
            .actions
            .iter()
            .filter(|a| a.statement == key.as_str())
            .collect()
    }

    /// Open, overdue (of the open ones) and done actions on the profile.
    pub fn action_counts(&self) -> (usize, usize, usize) {
        let today = reviewers::date(&self.now.stamp());
        let open = self.profile.actions.iter().filter(|a| a.is_open()).count();
        let overdue = self
            .profile
            .actions
            .iter()
            .filter(|a| a.is_overdue(&today))
            .count();
        (open, overdue, self.profile.actions.len() - open)
    }

    /// Who may own an action here: this session's writer first, then the
    /// other side (the review beside, or the direct manager, or the person).
    fn owners(&self) -> Vec<String> {
        let person = text::clean_line(&self.profile.person).into_owned();
        let mut owners = match self.mode {
            Mode::Review => vec![text::clean_line(&self.assessor).into_owned(), person],
            Mode::Assess => {
                let reviewer = self
                    .profile
                    .manager
                    .clone()
                    .or_else(|| self.standing().map(|(a, _)| a.assessor.clone()));
                let mut owners = vec![person];
                owners.extend(reviewer.map(|r| text::clean_line(&r).into_owned()));
                owners
            }
        };
        owners.dedup();
        owners
    }

    pub(super) fn open_action_line(&mut self) {
        if self.refuse_if_file_read_only() {
            return;
        }
        let key = self.selected_key().clone();
        self.overlay = Overlay::ActionLine(ActionLine::new(key, self.owners()));
    }

    pub(super) fn on_action_line(&mut self, outcome: LineOutcome) -> Effect {
        let Overlay::ActionLine(line) = &self.overlay else {
            return Effect::None;
        };
        let key = line.key.clone();
        match outcome {
            LineOutcome::Continue => Effect::None,
            LineOutcome::Close => {
                self.overlay = Overlay::None;
                self.ask_waiting();
                Effect::None
            }
            LineOutcome::Add { text, owner, due } => {
                let action = Agreed::new(key.as_str(), &text, &owner, due, self.now.stamp());
                crate::model::actions::add(&mut self.profile.actions, action);
                self.unsaved_profile = true;
                self.overlay = Overlay::None;
                self.info(format!(
                    "Action added for {}: {}",
                    text::clean_line(&owner),
                    text::clean_line(&text)
                ));
                self.ask_waiting();
                Effect::Save
            }
        }
    }

    /// `t`: the oldest open action on the statement is done today; with
    /// none open, the latest done one is open again.
    pub(super) fn toggle_action(&mut self) -> Effect {
        if self.refuse_if_file_read_only() {
            return Effect::None;
        }
        let key = self.selected_key().as_str().to_owned();
        let stamp = self.now.stamp();
        let chosen = match self
            .profile
            .actions
            .iter()
            .position(|a| a.statement == key && a.is_open())
        {
            Some(i) => Some(i),
            None => self
                .profile
                .actions
                .iter()
                .rposition(|a| a.statement == key),
        };
        let Some(i) = chosen else {
            self.info("No action on this statement: a adds one.");
            return Effect::None;
        };
        let action = &mut self.profile.actions[i];
        action.toggle(stamp);
        let said = match action.done_day() {
            Some(day) => format!("Done {day}: {}", text::clean_line(&action.text)),
            None => format!("Open again: {}", text::clean_line(&action.text)),
        };
        self.unsaved_profile = true;
        self.info(said);
        Effect::Save
    }

    /// `X`: asks before deleting the statement's latest action.
    pub(super) fn ask_delete_action(&mut self) {
        if self.refuse_if_file_read_only() {
            return;
        }
        let key = self.selected_key().as_str().to_owned();
        match self
            .profile
            .actions
            .iter()
            .rev()
            .find(|a| a.statement == key)
        {
            Some(action) => self.ask(Dialog::DeleteAction {
                id: action.id.clone(),
                text: action.text.clone(),
            }),
            None => self.info("No action on this statement: a adds one."),
        }
    }

    pub(super) fn delete_action(&mut self, id: &str) -> Effect {
        let before = self.profile.actions.len();
        self.profile.actions.retain(|a| a.id != id);
        if self.profile.actions.len() == before {
            return Effect::None;
        }
        self.unsaved_profile = true;
        self.info("Action deleted.");
        Effect::Save
    }
}
