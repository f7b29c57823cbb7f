//! The note editor as the app sees it: opened over a statement, handed to the profile as typed, and pastes.

use super::*;

impl App {
    pub(super) fn open_note(&mut self, prompt: &'static str) {
        let key = self.selected_key().clone();
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
        let key = editor.key.clone();
        self.change(&key, record, |r| {
            r.note = (!text.is_empty()).then_some(text)
        })
    }

    /// Closes the note editor, keeping its text.
    pub(super) fn close_note(&mut self) -> Effect {
        let effect = self.flush_note();
        self.overlay = Overlay::None;
        effect
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
        if self.is_too_small() {
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
            _ => {
                self.info("A paste changes nothing here: paste into a note (press n first).");
                Effect::None
            }
        }
    }
}
