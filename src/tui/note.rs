//! The note editor over one statement: its text, which statement it edits
//! (by key, so nothing changes meaning when the screen moves), and whether
//! it holds text not yet handed to the profile.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::action::NoteAction;
use super::keys::{NOTE_KEYS, lookup};
use crate::model::{StatementKey, text};

/// The in-app editor holds notes up to this size; a longer note (pasted
/// logs, say) is edited in `$EDITOR` with `E`, where its size costs nothing
/// per key.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

pub struct NoteEditor {
    pub textarea: TextArea<'static>,
    pub key: StatementKey,
    pub prompt: &'static str,
    /// The text last handed to the profile (or found there when opened).
    flushed: String,
    /// Whether this editing session has recorded its undo step yet: a
    /// note typed over many saves is undone in one step.
    pub undo_recorded: bool,
}

pub enum NoteOutcome {
    Continue,
    Close,
    Suspend,
}

impl NoteEditor {
    /// An editor over `note` (shown made safe: no control characters).
    pub fn new(key: StatementKey, note: &str, prompt: &'static str) -> NoteEditor {
        let shown = text::clean(note).into_owned();
        let mut textarea = TextArea::new(shown.lines().map(str::to_owned).collect());
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        NoteEditor {
            textarea,
            key,
            prompt,
            flushed: shown.trim_end().to_owned(),
            undo_recorded: false,
        }
    }

    pub fn handle(&mut self, key: KeyEvent) -> NoteOutcome {
        match lookup(NOTE_KEYS, &key, false) {
            Some(NoteAction::Close) => NoteOutcome::Close,
            Some(NoteAction::Suspend) => NoteOutcome::Suspend,
            Some(NoteAction::Type) | None => {
                // Typed control characters (escapes sent as keys) never enter a note.
                if !matches!(key.code, KeyCode::Char(c) if text::is_unsafe(c)) {
                    self.textarea.input(key);
                }
                NoteOutcome::Continue
            }
        }
    }

    /// Inserts pasted text in one step, made safe (tabs become spaces, other
    /// control characters are dropped, line breaks are kept). False, and
    /// nothing inserted, when the note would grow past [`MAX_NOTE_BYTES`].
    pub fn paste(&mut self, pasted: &str) -> bool {
        let size: usize = self.textarea.lines().iter().map(|l| l.len() + 1).sum();
        if size + pasted.len() > MAX_NOTE_BYTES {
            return false;
        }
        let safe: String = pasted
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|&c| c == '\n' || !text::is_unsafe(c))
            .collect();
        self.textarea.insert_str(safe);
        true
    }

    /// The note as it stands, without trailing blank space.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n").trim_end().to_owned()
    }

    /// True when the text differs from what was last handed to the profile.
    pub fn pending(&self) -> bool {
        self.text() != self.flushed
    }

    /// Takes the text to hand to the profile, if it changed since the last time.
    pub fn take_pending(&mut self) -> Option<String> {
        let text = self.text();
        if text == self.flushed {
            return None;
        }
        self.flushed.clone_from(&text);
        Some(text)
    }
}
