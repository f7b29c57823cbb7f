//! The questions the app asks before it goes on: the profile changed on
//! disk, a save failed and the person wants to quit, the profile would move
//! to another level. Each has its key table in `keys`. A question takes
//! no answer from keys typed before it could be seen ([`Asking`]).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::action::DialogAction;
use super::keys::{
    Binding, CONFIRM_KEYS, CONFLICT_KEYS, MERGE_KEYS, REWORDED_KEYS, SIGNED_MERGE_KEYS,
    UNSAVED_KEYS,
};
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
    /// Reveal this session's blind round `round` to `to` now? They will
    /// see `ratings` ratings and `notes` notes.
    Reveal {
        to: String,
        round: usize,
        ratings: usize,
        notes: usize,
    },
    /// Delete the action `id` (its words `text`)?
    DeleteAction { id: String, text: String },
    /// The profile names no direct manager: is this reviewer the person's?
    DirectManager { person: String },
    /// The person started a round after this manager's last review: start a new one?
    NewRound { person: String, since: String },
    /// A merge recorded two versions of the rating of `key`: which stays?
    /// `lines` say both; `signed` when the round is signed off.
    Merge {
        key: StatementKey,
        lines: Vec<String>,
        signed: bool,
    },
}

impl Dialog {
    pub fn keys(&self) -> &'static [Binding<DialogAction>] {
        match self {
            Dialog::Conflict => CONFLICT_KEYS,
            Dialog::Unsaved { .. } => UNSAVED_KEYS,
            Dialog::MoveLevel { .. } => CONFIRM_KEYS,
            Dialog::Reworded { .. } => REWORDED_KEYS,
            Dialog::Finish { .. }
            | Dialog::Reveal { .. }
            | Dialog::DeleteAction { .. }
            | Dialog::NewRound { .. }
            | Dialog::DirectManager { .. } => CONFIRM_KEYS,
            Dialog::Merge { signed: false, .. } => MERGE_KEYS,
            Dialog::Merge { signed: true, .. } => SIGNED_MERGE_KEYS,
        }
    }
}

/// How long a question must be on screen with no key typed before it takes
/// an answer. Keys typed before it appeared, or in the same breath, were
/// meant for what was there before: they are never taken as answers.
pub const SETTLE: Duration = Duration::from_millis(500);

/// Whether the open question takes answers yet: once it has been drawn and
/// then left alone for [`SETTLE`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking {
    /// When a frame first showed the question.
    drawn: Option<Instant>,
    /// When it was asked, or the last key that reached it before it took
    /// answers: the pause is counted from here.
    quiet_since: Instant,
    taking: bool,
    /// Keys that reached the question before it took answers.
    pub ignored: usize,
}

impl Asking {
    pub fn new(asked: Instant) -> Asking {
        Asking {
            drawn: None,
            quiet_since: asked,
            taking: false,
            ignored: 0,
        }
    }

    /// A frame showed the question.
    pub fn drawn(&mut self, at: Instant) {
        self.drawn.get_or_insert(at);
    }

    /// Before a frame: a question shown and then left alone long enough
    /// starts taking answers (and this frame shows its choices).
    pub fn settle(&mut self, now: Instant) {
        if let Some(drawn) = self.drawn
            && now.saturating_duration_since(drawn.max(self.quiet_since)) >= SETTLE
        {
            self.taking = true;
        }
    }

    /// A frame could not show the question (the terminal is too small):
    /// once it can, it is new again.
    pub fn hidden(&mut self) {
        self.drawn = None;
        self.taking = false;
    }

    pub fn takes_answers(&self) -> bool {
        self.taking
    }

    /// A key that came before the question took answers: it answers
    /// nothing, and the pause starts again.
    pub fn ignore(&mut self, at: Instant) {
        self.ignored += 1;
        self.quiet_since = self.quiet_since.max(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_takes_answers_only_after_it_was_shown_and_left_alone() {
        let start = Instant::now();
        let ms = |n| start + Duration::from_millis(n);
        let mut asking = Asking::new(start);
        asking.settle(ms(2000));
        assert!(!asking.takes_answers(), "never drawn yet");
        asking.drawn(ms(10));
        asking.settle(ms(300));
        assert!(!asking.takes_answers(), "too soon after it was drawn");
        // Typing goes on: each key restarts the pause.
        asking.ignore(ms(400));
        asking.ignore(ms(800));
        asking.settle(ms(1200));
        assert!(!asking.takes_answers(), "a key 400 ms ago");
        asking.settle(ms(1300));
        assert!(asking.takes_answers(), "half a second with no key");
        assert_eq!(asking.ignored, 2);
    }
}
