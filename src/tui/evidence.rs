//! The evidence dialog of one statement (`v`): its items, a form to add
//! one, a pick list of the profile's other items to link, and the question
//! before an item is deleted for good. Plain state and keys: the app makes
//! the changes it asks for.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::EvidenceAction;
use super::keys::{
    Binding, EVIDENCE_CONFIRM_KEYS, EVIDENCE_FORM_KEYS, EVIDENCE_KEYS, EVIDENCE_PICK_KEYS, lookup,
};
use crate::model::evidence::Items;
use crate::model::{Evidence, StatementKey, text};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceDialog {
    pub key: StatementKey,
    /// The item chosen in the statement's list.
    pub selected: usize,
    pub stage: Stage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    List,
    Add(AddForm),
    /// Choosing one of the items not linked to the statement yet.
    Pick {
        selected: usize,
    },
    /// Delete the chosen item for good?
    ConfirmDelete,
}

/// The fields of a new item, each one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddForm {
    pub fields: [String; 3],
    pub focus: usize,
}

/// The form's fields in order: what each is called on screen.
pub const FIELDS: [&str; 3] = ["What", "Date", "Link"];

/// What the dialog asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceOutcome {
    Continue,
    Close,
    Add {
        text: String,
        date: String,
        link: String,
    },
    Link(String),
    Unlink(String),
    Delete(String),
    Undo,
    Redo,
    /// A key that would change the evidence, in a dialog that only shows it.
    Refused,
    /// `a`: the app opens the form, with today's date.
    OpenForm,
}

impl EvidenceDialog {
    pub fn new(key: StatementKey) -> Self {
        EvidenceDialog {
            key,
            selected: 0,
            stage: Stage::List,
        }
    }

    /// The key table of the stage shown.
    pub fn keys(&self) -> &'static [Binding<EvidenceAction>] {
        match self.stage {
            Stage::List => EVIDENCE_KEYS,
            Stage::Add(_) => EVIDENCE_FORM_KEYS,
            Stage::Pick { .. } => EVIDENCE_PICK_KEYS,
            Stage::ConfirmDelete => EVIDENCE_CONFIRM_KEYS,
        }
    }

    /// The statement's items, oldest first.
    pub fn listed<'a>(&'a self, items: Items<'a>) -> Vec<&'a Evidence> {
        items.of(self.key.as_str()).collect()
    }

    /// The items the pick list offers: those not linked to the statement.
    pub fn offered<'a>(&self, items: Items<'a>) -> Vec<&'a Evidence> {
        items
            .items
            .iter()
            .filter(|e| !e.supports(self.key.as_str()))
            .collect()
    }

    /// The chosen item of the statement's list, after the list changed.
    fn chosen<'a>(&mut self, items: Items<'a>) -> Option<&'a Evidence> {
        let key = self.key.as_str();
        let listed: Vec<&Evidence> = items.items.iter().filter(|e| e.supports(key)).collect();
        self.selected = self.selected.min(listed.len().saturating_sub(1));
        listed.get(self.selected).copied()
    }

    /// A new item's form, its date today's.
    pub fn open_form(&mut self, today: &str) {
        self.stage = Stage::Add(AddForm {
            fields: [String::new(), today.to_owned(), String::new()],
            focus: 0,
        });
    }

    /// A key press; `locked` when the evidence is only shown here (a
    /// review, a read-only file).
    pub fn handle(&mut self, key: KeyEvent, items: Items, locked: bool) -> EvidenceOutcome {
        let action = lookup(self.keys(), &key, false);
        let offered: Vec<String> = match self.stage {
            Stage::Pick { .. } => self.offered(items).iter().map(|e| e.id.clone()).collect(),
            _ => Vec::new(),
        };
        match (&mut self.stage, action) {
            (_, Some(EvidenceAction::Close)) => EvidenceOutcome::Close,
            (Stage::List, Some(action)) if locked && action.changes() => EvidenceOutcome::Refused,
            (Stage::List, Some(action)) => self.on_list(action, items),
            (Stage::Add(form), Some(action)) => match action {
                EvidenceAction::NextField => {
                    form.focus = (form.focus + 1) % FIELDS.len();
                    EvidenceOutcome::Continue
                }
                EvidenceAction::PrevField => {
                    form.focus = (form.focus + FIELDS.len() - 1) % FIELDS.len();
                    EvidenceOutcome::Continue
                }
                EvidenceAction::Erase => {
                    form.fields[form.focus].pop();
                    EvidenceOutcome::Continue
                }
                EvidenceAction::Save => {
                    let [text, date, link] = form.fields.clone();
                    EvidenceOutcome::Add { text, date, link }
                }
                _ => self.back(),
            },
            (Stage::Add(form), None) => {
                if let Some(c) = typed(&key) {
                    form.fields[form.focus].push(c);
                }
                EvidenceOutcome::Continue
            }
            (Stage::Pick { selected }, Some(action)) => match action {
                EvidenceAction::Next => {
                    *selected = (*selected + 1).min(offered.len().saturating_sub(1));
                    EvidenceOutcome::Continue
                }
                EvidenceAction::Prev => {
                    *selected = selected.saturating_sub(1);
                    EvidenceOutcome::Continue
                }
                EvidenceAction::Choose => match offered.get(*selected) {
                    Some(id) => {
                        let id = id.clone();
                        self.stage = Stage::List;
                        EvidenceOutcome::Link(id)
                    }
                    None => self.back(),
                },
                _ => self.back(),
            },
            (Stage::ConfirmDelete, Some(EvidenceAction::Yes)) => {
                self.stage = Stage::List;
                match self.chosen(items) {
                    Some(item) => EvidenceOutcome::Delete(item.id.clone()),
                    None => EvidenceOutcome::Continue,
                }
            }
            (Stage::ConfirmDelete, Some(_)) => self.back(),
            (_, None) => EvidenceOutcome::Continue,
        }
    }

    /// A paste types its first line into the focused field of the form.
    pub fn paste(&mut self, pasted: &str) {
        if let Stage::Add(form) = &mut self.stage {
            let line = pasted.lines().next().unwrap_or("");
            form.fields[form.focus].extend(line.chars().filter(|&c| !text::is_unsafe(c)));
        }
    }

    fn on_list(&mut self, action: EvidenceAction, items: Items) -> EvidenceOutcome {
        let count = self.listed(items).len();
        match action {
            EvidenceAction::Next => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1))
            }
            EvidenceAction::Prev => self.selected = self.selected.saturating_sub(1),
            EvidenceAction::Add => return EvidenceOutcome::OpenForm,
            EvidenceAction::Link => self.stage = Stage::Pick { selected: 0 },
            EvidenceAction::Unlink => {
                if let Some(item) = self.chosen(items) {
                    return EvidenceOutcome::Unlink(item.id.clone());
                }
            }
            EvidenceAction::Delete if count > 0 => self.stage = Stage::ConfirmDelete,
            EvidenceAction::Undo => return EvidenceOutcome::Undo,
            EvidenceAction::Redo => return EvidenceOutcome::Redo,
            _ => {}
        }
        EvidenceOutcome::Continue
    }

    fn back(&mut self) -> EvidenceOutcome {
        self.stage = Stage::List;
        EvidenceOutcome::Continue
    }
}

/// The character a key types into a field, if it types one.
fn typed(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                && !text::is_unsafe(c) =>
        {
            Some(c)
        }
        _ => None,
    }
}
