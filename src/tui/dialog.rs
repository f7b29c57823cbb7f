//! The questions the app asks before it goes on: the profile changed on
//! disk, a save failed and the person wants to quit, the profile would move
//! to another level. Each has its key table in `keys`.

use std::path::PathBuf;

use super::action::DialogAction;
use super::keys::{Binding, CONFIRM_KEYS, CONFLICT_KEYS, REWORDED_KEYS, UNSAVED_KEYS};
use crate::model::StatementKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// The file changed on disk since rungs read it: reload, or keep mine?
    Conflict,
    /// Quitting while changes are not saved.
    Unsaved {
        /// Why the last save failed.
        reason: String,
        /// Where a copy was written, once it was.
        copy: Option<PathBuf>,
    },
    /// `--level` names another level than the profile's: move it there?
    MoveLevel { to: String, title: String },
    /// The statement was reworded since it was rated: does the rating hold?
    Reworded { key: StatementKey },
    /// Sign off round `round` of `whose` ("Sam Lee's review", "your self-assessment")?
    Finish { whose: String, round: usize },
    /// The profile names no direct manager: is this reviewer the person's?
    DirectManager { person: String },
    /// The person started a round after this manager's last review: start a new one?
    NewRound { person: String, since: String },
}

impl Dialog {
    pub fn keys(&self) -> &'static [Binding<DialogAction>] {
        match self {
            Dialog::Conflict => CONFLICT_KEYS,
            Dialog::Unsaved { .. } => UNSAVED_KEYS,
            Dialog::MoveLevel { .. } => CONFIRM_KEYS,
            Dialog::Reworded { .. } => REWORDED_KEYS,
            Dialog::Finish { .. } | Dialog::NewRound { .. } | Dialog::DirectManager { .. } => {
                CONFIRM_KEYS
            }
        }
    }
}
