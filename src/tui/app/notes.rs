//! The note editor as the app sees it: opened over a statement, handed to the profile as typed, and pastes.

use super::*;

impl App {
    pub(super) fn open_note(&mut self, key: StatementKey, prompt: &'static str) {
        let size = self.note_of(&key).len();
        if size > crate::tui::note::MAX_NOTE_BYTES {
            self.info(format!(
                "This note is {} KB: edit it in your editor with E.",
                size / 1024
            ));
            return;
        }
        let editor = NoteEditor::new(key.clone(), self.note_of(&key), prompt);
        self.overlay = Overlay::Note(Box::new(editor));
    }

    /// True when the note editor holds text the profile does not have yet.
    pub fn note_pending(&self) -> bool {
        matches!(&self.overlay, Overlay::Note(editor) if editor.pending())
    }

    /// Hands the note editor's text to the profile, if it changed: the loop
    /// calls this as the person types (at most about a second behind) and
    /// before leaving for any reason. One editing session is one undo step.
    pub fn flush_note(&mut self) -> Effect {
        let Overlay::Note(editor) = &mut self.overlay else {
            return Effect::None;
        };
        let Some(text) = editor.take_pending() else {
            return Effect::None;
        };
        let record = !editor.undo_recorded;
        editor.undo_recorded = true;
        self.note_pending_since = None;
        let key = editor.key.clone();
        self.change(&key, record, |r| {
            r.note = (!text.is_empty()).then_some(text)
        })
    }

    /// True when the note being typed has differed from the file for
    /// [`NOTE_SAVE_EVERY`]: the loop then saves it, though the typing goes on.
    pub fn note_due(&mut self) -> bool {
        if !self.note_pending() {
            self.note_pending_since = None;
            return false;
        }
        let since = *self.note_pending_since.get_or_insert(self.now.instant);
        self.now.since(since) >= NOTE_SAVE_EVERY
    }

    /// Closes the note editor, keeping its text; a question that waited
    /// while it was open is asked now.
    pub(super) fn close_note(&mut self) -> Effect {
        let effect = self.flush_note();
        self.overlay = Overlay::None;
        self.ask_waiting();
        effect
    }

    /// Leaving the screen: the note being typed is handed to the profile
    /// and its editor (or the search line) closed, so a question that
    /// waited for it can be asked.
    pub fn leave_editor(&mut self) -> Effect {
        match self.overlay {
            Overlay::Note(_) => self.close_note(),
            Overlay::Search(_) | Overlay::Evidence(_) => {
                self.overlay = Overlay::None;
                self.ask_waiting();
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// The statement whose note `E` hands to the external editor: the one
    /// just rated when `E` came right after a digit, else the selected one.
    pub fn external_note(&mut self) -> StatementKey {
        self.external
            .take()
            .unwrap_or_else(|| self.selected_key().clone())
    }

    /// The statement a digit just rated, while the next key may still
    /// write its note, as the list names it ("3", or "Automation 3" when
    /// the selection crossed into the next area).
    pub fn just_rated(&self) -> Option<String> {
        let key = self.just_rated.as_ref()?;
        let (area, row) = self.position_of(key)?;
        Some(if area == self.area {
            format!("{}", row + 1)
        } else {
            format!("{} {}", self.level().areas[area].name, row + 1)
        })
    }

    /// Sets the note of a statement (from `$EDITOR`).
    pub fn set_note(&mut self, key: &StatementKey, text: String) -> Effect {
        if self.note_of(key) == text {
            return Effect::None;
        }
        self.change(key, true, |r| r.note = (!text.is_empty()).then_some(text))
    }

    /// Text pasted into the terminal (bracketed paste): typed into the note
    /// or the search line in one step, and nowhere else.
    pub fn paste(&mut self, text: &str) -> Effect {
        self.just_rated = None;
        if self.is_too_small() || self.held.is_some() {
            return Effect::None;
        }
        match &mut self.overlay {
            Overlay::Note(editor) => {
                if !editor.paste(text) {
                    self.error(format!(
                        "Too long to paste here ({} KB): press Esc, then E to paste it in your editor.",
                        text.len() / 1024
                    ));
                }
                Effect::None
            }
            Overlay::Search(search) => {
                let outcome = search.paste(text);
                self.on_search(outcome)
            }
            Overlay::Evidence(dialog) => {
                dialog.paste(text);
                Effect::None
            }
            Overlay::ActionLine(line) => {
                line.paste(text);
                Effect::None
            }
            _ => {
                self.info("A paste changes nothing here: paste into a note (press n first).");
                Effect::None
            }
        }
    }
}
