//! The note editor over one statement: its text, which statement it edits
//! (by key, so nothing changes meaning when the screen moves), and whether
//! it holds text not yet handed to the profile. A note comes back exactly
//! as it was written and typed; only the screen sees it made safe.

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
    /// The note as the editor holds it (see [`held`]): drawn by the view,
    /// read back as written by [`NoteEditor::text`].
    pub textarea: TextArea<'static>,
    pub key: StatementKey,
    pub prompt: &'static str,
    /// The note's line breaks are `\r\n` (a file written on Windows): the
    /// editor shows lines and gives `\r\n` back.
    crlf: bool,
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
    /// An editor over `note`, which it gives back byte for byte: a
    /// character that must not reach the terminal raw is held as a
    /// stand-in while it is edited (see [`held`]).
    pub fn new(key: StatementKey, note: &str, prompt: &'static str) -> NoteEditor {
        let crlf =
            note.contains("\r\n") && note.matches('\n').count() == note.matches("\r\n").count();
        let lines = if crlf {
            note.split("\r\n").map(held).collect()
        } else {
            note.split('\n').map(held).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        NoteEditor {
            textarea,
            key,
            prompt,
            crlf,
            flushed: note.to_owned(),
            undo_recorded: false,
        }
    }

    pub fn handle(&mut self, key: KeyEvent) -> NoteOutcome {
        match lookup(NOTE_KEYS, &key, false) {
            Some(NoteAction::Close) => NoteOutcome::Close,
            Some(NoteAction::Suspend) => NoteOutcome::Suspend,
            Some(NoteAction::Type) | None => {
                match key.code {
                    // Control characters sent as keys (an escape sequence
                    // taken apart) are not typing.
                    KeyCode::Char(c) if c.is_control() => {}
                    KeyCode::Char(c) if swap(c) != c => self.textarea.insert_char(swap(c)),
                    _ => {
                        self.textarea.input(key);
                    }
                }
                NoteOutcome::Continue
            }
        }
    }

    /// Inserts pasted text in one step, as pasted: line breaks are kept (as
    /// the note's own), and so are tabs, joiners and every other
    /// character, except control characters, which a paste only carries
    /// from a terminal's colours and titles. False, and nothing inserted,
    /// when the note would grow past [`MAX_NOTE_BYTES`].
    pub fn paste(&mut self, pasted: &str) -> bool {
        let size: usize = self.textarea.lines().iter().map(|l| l.len() + 1).sum();
        if size + pasted.len() > MAX_NOTE_BYTES {
            return false;
        }
        let kept: String = pasted
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
            .map(swap)
            .collect();
        self.textarea.insert_str(kept);
        true
    }

    /// The note as it stands, as written.
    pub fn text(&self) -> String {
        let lines = self.textarea.lines();
        let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                text.push_str(if self.crlf { "\r\n" } else { "\n" });
            }
            text.extend(line.chars().map(swap));
        }
        text
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

/// A line of a note as the editor holds it: each character that must not
/// reach the terminal raw (a control character, a bidi control, an
/// invisible format character) is held as a character of the
/// Supplementary Private Use Areas, one cell wide as the cursor expects,
/// which the view draws as a visible stand-in (`␛`, `�`) and
/// [`NoteEditor::text`] gives back as the character it holds. Tabs stay
/// tabs (the editor shows them as spaces), line breaks are lines.
fn held(line: &str) -> String {
    line.chars().map(swap).collect()
}

/// The character held for `c` in the editor, and back: an exchange, so a
/// private-use character that a note really holds comes back as itself.
fn swap(c: char) -> char {
    let holds = |c: char| c != '\t' && c != '\n' && text::is_unsafe(c);
    if holds(c) {
        return hold(c).unwrap_or(c);
    }
    match release(c) {
        Some(raw) if holds(raw) => raw,
        _ => c,
    }
}

/// Where the stand-ins live: U+F0000 and on for the Basic Multilingual
/// Plane, U+100000 for the tag block, U+101000 for the first plane.
const BMP_AT: u32 = 0xF_0000;
const TAGS_AT: u32 = 0x10_0000;
const PLANE_ONE_AT: u32 = 0x10_1000;

fn hold(c: char) -> Option<char> {
    let code = c as u32;
    let at = match code {
        0..=0xFFFF => BMP_AT + code,
        0xE_0000..=0xE_0FFF => TAGS_AT + (code - 0xE_0000),
        0x1_0000..=0x1_FFFF => PLANE_ONE_AT + (code - 0x1_0000),
        _ => return None,
    };
    char::from_u32(at)
}

fn release(c: char) -> Option<char> {
    let code = c as u32;
    let raw = match code {
        BMP_AT..=0xF_FFFF => code - BMP_AT,
        TAGS_AT..=0x10_0FFF => code - TAGS_AT + 0xE_0000,
        PLANE_ONE_AT..=0x11_0FFF => code - PLANE_ONE_AT + 0x1_0000,
        _ => return None,
    };
    char::from_u32(raw)
}

/// What the editor shows for a character it holds (see [`held`]): the
/// visible stand-in of the character held, or `None` for ordinary text.
pub fn shown_as(c: char) -> Option<char> {
    let raw = swap(c);
    (raw != c && text::is_unsafe(raw)).then(|| text::stand_in(raw))
}
