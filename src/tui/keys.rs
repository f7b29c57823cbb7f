//! The key tables, one per context (the main screen, the note editor, the
//! search line, each question). Every key a context acts on is looked up
//! here, and the help screen and the hints of each context are drawn from
//! the same tables, so a key's action, its help line and its hint are one row.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use std::borrow::Cow;

use super::action::{
    Action, DialogAction, EvidenceAction, LineAction, NoteAction, SearchAction, SetupAction,
};
use crate::model::Scale;

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
    /// Any digit: the rating of that value.
    Digit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    /// Only in a manager's review.
    Review,
}

/// An action a table can hold; only the main screen's takes digits.
pub trait TableAction: Copy {
    fn digit(_value: u8) -> Option<Self> {
        None
    }
}

impl TableAction for Action {
    fn digit(value: u8) -> Option<Self> {
        Some(Action::Rate(value))
    }
}
impl TableAction for NoteAction {}
impl TableAction for SearchAction {}
impl TableAction for LineAction {}
impl TableAction for DialogAction {}
impl TableAction for SetupAction {}
impl TableAction for EvidenceAction {}

#[derive(Debug, Clone, Copy)]
pub struct Binding<A> {
    pub keys: &'static [Key],
    /// How the keys are written in help and hints.
    pub label: &'static str,
    pub action: A,
    pub help: &'static str,
    /// Short words for the footer or the popup's hint line, when shown there.
    pub footer: Option<&'static str>,
    pub scope: Scope,
}

impl<A> Binding<A> {
    /// Whether the binding works in a self assessment (`review` false) or a
    /// manager's review.
    pub fn applies(&self, review: bool) -> bool {
        review || self.scope == Scope::Everywhere
    }

    /// How help and footer write the keys: the digits as the scale's range.
    pub fn label_for(&self, scale: &Scale) -> Cow<'static, str> {
        if self.keys.contains(&Key::Digit) {
            Cow::Owned(format!("{}-{}", scale.lowest(), scale.highest()))
        } else {
            Cow::Borrowed(self.label)
        }
    }
}

const fn bind<A: Copy>(
    keys: &'static [Key],
    label: &'static str,
    action: A,
    help: &'static str,
) -> Binding<A> {
    Binding {
        keys,
        label,
        action,
        help,
        footer: None,
        scope: Scope::Everywhere,
    }
}

/// A binding whose short words show in the footer or the popup's hints.
const fn hint<A: Copy>(
    keys: &'static [Key],
    label: &'static str,
    action: A,
    help: &'static str,
    footer: &'static str,
) -> Binding<A> {
    Binding {
        footer: Some(footer),
        ..bind(keys, label, action, help)
    }
}

const fn c(ch: char) -> Key {
    Key::Code(KeyCode::Char(ch))
}

const ESC: Key = Key::Code(KeyCode::Esc);
const ENTER: Key = Key::Code(KeyCode::Enter);

/// The assessment screen (and the summary and help popups over it).
pub const BINDINGS: &[Binding<Action>] = &[
    Binding {
        footer: Some("move"),
        ..bind(
            &[c('j'), Key::Code(KeyCode::Down)],
            "j/↓",
            Action::Next,
            "next statement",
        )
    },
    bind(
        &[c('k'), Key::Code(KeyCode::Up)],
        "k/↑",
        Action::Prev,
        "previous statement",
    ),
    bind(
        &[c('g'), Key::Code(KeyCode::Home)],
        "g/Home",
        Action::First,
        "first statement of the level",
    ),
    bind(
        &[c('G'), Key::Code(KeyCode::End)],
        "G/End",
        Action::Last,
        "last statement of the level",
    ),
    bind(
        &[Key::Code(KeyCode::PageDown)],
        "PgDn",
        Action::PageDown,
        "a screenful of statements down",
    ),
    bind(
        &[Key::Code(KeyCode::PageUp)],
        "PgUp",
        Action::PageUp,
        "a screenful of statements up",
    ),
    Binding {
        footer: Some("area"),
        ..bind(
            &[Key::Code(KeyCode::Tab)],
            "Tab",
            Action::NextArea,
            "next area",
        )
    },
    bind(
        &[Key::Code(KeyCode::BackTab)],
        "S-Tab",
        Action::PrevArea,
        "previous area",
    ),
    Binding {
        footer: Some("rate"),
        ..bind(
            &[Key::Digit],
            "1-9",
            Action::Rate(0),
            "rate with that value and move on (n right after: its note)",
        )
    },
    bind(
        &[c('l'), Key::Code(KeyCode::Right)],
        "l/→",
        Action::Raise,
        "raise the rating",
    ),
    bind(
        &[c('h'), Key::Code(KeyCode::Left)],
        "h/←",
        Action::Lower,
        "lower the rating",
    ),
    bind(
        &[c('-')],
        "-",
        Action::NotApplicable,
        "not applicable to you (out of every total; a note says why)",
    ),
    bind(
        &[c('x'), Key::Code(KeyCode::Delete)],
        "x/Del",
        Action::Clear,
        "clear the rating",
    ),
    bind(
        &[c(']')],
        "]",
        Action::NextUnrated,
        "next unrated statement",
    ),
    bind(
        &[c('[')],
        "[",
        Action::PrevUnrated,
        "previous unrated statement",
    ),
    Binding {
        footer: Some("gap"),
        scope: Scope::Review,
        ..bind(
            &[c('d')],
            "d",
            Action::NextGap,
            "next statement where your rating and the one beside it differ by 2+",
        )
    },
    Binding {
        scope: Scope::Review,
        ..bind(
            &[c('m')],
            "m",
            Action::ShowOther,
            "beside yours, the other reviewer's ratings (a skip-level sees the direct manager's) or the person's",
        )
    },
    bind(
        &[c('c')],
        "c",
        Action::NextReworded,
        "next statement reworded since you rated it (Δ)",
    ),
    bind(
        &[c('J')],
        "J",
        Action::DetailDown,
        "scroll the statement and notes below the list down",
    ),
    bind(
        &[c('K')],
        "K",
        Action::DetailUp,
        "scroll the statement and notes below the list up",
    ),
    bind(
        &[c('D')],
        "D",
        Action::LevelDiff,
        "what the next level asks for, with your ratings ahead",
    ),
    bind(
        &[c('C')],
        "C",
        Action::RoundChanges,
        "what changed since your last round",
    ),
    bind(
        &[c('>')],
        ">",
        Action::NextLevel,
        "show the next level up (rate ahead for readiness)",
    ),
    bind(&[c('<')], "<", Action::PrevLevel, "show the previous level"),
    bind(
        &[c('/')],
        "/",
        Action::Search,
        "search statements and notes; Enter jumps to a match",
    ),
    bind(
        &[c('v')],
        "v",
        Action::Evidence,
        "the statement's evidence: list, add, link an item of another statement, unlink",
    ),
    Binding {
        footer: Some("note"),
        ..bind(
            &[c('n'), Key::Code(KeyCode::Enter)],
            "n/Enter",
            Action::EditNote,
            "edit the note (Esc keeps it); right after a digit, the one just rated",
        )
    },
    bind(
        &[c('E')],
        "E",
        Action::EditExternal,
        "edit the note in $VISUAL / $EDITOR (right after a digit: the one just rated)",
    ),
    bind(&[c('u')], "u", Action::Undo, "undo the last change"),
    bind(
        &[Key::Ctrl('r')],
        "C-r",
        Action::Redo,
        "redo what was undone",
    ),
    Binding {
        footer: Some("summary"),
        ..bind(
            &[c('s')],
            "s",
            Action::Summary,
            "summary: progress per area, readiness, chart",
        )
    },
    bind(
        &[c('F')],
        "F",
        Action::Finish,
        "sign off this round: it becomes read-only (asks first)",
    ),
    bind(
        &[c('a')],
        "a",
        Action::AddAction,
        "add an action on the statement (Tab: its owner; end with `by YYYY-MM-DD`: a due day)",
    ),
    bind(
        &[c('t')],
        "t",
        Action::ToggleAction,
        "mark the statement's oldest open action done (none open: reopen the last done)",
    ),
    bind(
        &[c('X')],
        "X",
        Action::DeleteAction,
        "delete the statement's latest action (asks first)",
    ),
    bind(
        &[c('V')],
        "V",
        Action::Reveal,
        "reveal your blind round to the other side now (says what they will see; asks first)",
    ),
    bind(
        &[c('M')],
        "M",
        Action::SettleConflict,
        "settle a merge conflict (≠): keep the version shown or take the other",
    ),
    bind(
        &[c('e')],
        "e",
        Action::Export,
        "export the markdown summary next to the profile",
    ),
    Binding {
        footer: Some("help"),
        ..bind(
            &[c('?')],
            "?",
            Action::Help,
            "this help; Esc or ? closes it",
        )
    },
    bind(
        &[Key::Code(KeyCode::Esc)],
        "Esc",
        Action::Close,
        "close a popup",
    ),
    Binding {
        footer: Some("quit"),
        ..bind(
            &[c('q'), Key::Ctrl('c')],
            "q/C-c",
            Action::Quit,
            "quit; everything is already saved",
        )
    },
    bind(
        &[Key::Ctrl('z')],
        "C-z",
        Action::Suspend,
        "suspend to the shell (fg comes back)",
    ),
];

/// The note editor: every other key types into the note.
pub const NOTE_KEYS: &[Binding<NoteAction>] = &[
    hint(
        &[ESC, Key::Ctrl('c')],
        "Esc",
        NoteAction::Close,
        "close the note; the text is kept (it is saved as you type)",
        "close and keep",
    ),
    bind(
        &[Key::Ctrl('z')],
        "C-z",
        NoteAction::Suspend,
        "suspend to the shell; the note is saved first",
    ),
    hint(
        &[],
        "Enter",
        NoteAction::Type,
        "a new line; any other key or a paste types into the note",
        "new line",
    ),
];

/// The search line: every other key types into the query.
pub const SEARCH_KEYS: &[Binding<SearchAction>] = &[
    hint(
        &[Key::Code(KeyCode::Down)],
        "↓",
        SearchAction::Next,
        "next match",
        "choose",
    ),
    hint(
        &[ENTER],
        "Enter",
        SearchAction::Jump,
        "jump to the chosen match",
        "jump",
    ),
    bind(
        &[Key::Code(KeyCode::Up)],
        "↑",
        SearchAction::Prev,
        "previous match",
    ),
    bind(
        &[Key::Code(KeyCode::Backspace)],
        "Bksp",
        SearchAction::Erase,
        "erase the last character",
    ),
    hint(
        &[ESC, Key::Ctrl('c')],
        "Esc",
        SearchAction::Close,
        "close the search",
        "close",
    ),
];

/// The action line (`a`): every other key types into the action.
pub const ACTION_LINE_KEYS: &[Binding<LineAction>] = &[
    hint(&[ENTER], "Enter", LineAction::Add, "add the action", "add"),
    hint(
        &[Key::Code(KeyCode::Tab)],
        "Tab",
        LineAction::Owner,
        "the other owner: the person or the reviewer",
        "owner",
    ),
    bind(
        &[Key::Code(KeyCode::Backspace)],
        "Bksp",
        LineAction::Erase,
        "erase the last character",
    ),
    hint(
        &[ESC, Key::Ctrl('c')],
        "Esc",
        LineAction::Close,
        "close without adding",
        "close",
    ),
];

/// The first-run setup. On the name, `j` and `k` are letters of it.
pub const SETUP_KEYS: &[Binding<SetupAction>] = &[
    hint(
        &[Key::Code(KeyCode::Up), c('k')],
        "↑↓",
        SetupAction::ChoiceUp,
        "the choice above",
        "choose",
    ),
    bind(
        &[Key::Code(KeyCode::Down), c('j')],
        "↓",
        SetupAction::ChoiceDown,
        "the choice below",
    ),
    hint(
        &[ENTER, Key::Code(KeyCode::Tab)],
        "Enter",
        SetupAction::Next,
        "the next question (the last one starts)",
        "next",
    ),
    hint(
        &[Key::Code(KeyCode::BackTab)],
        "S-Tab",
        SetupAction::Back,
        "the question before",
        "back",
    ),
    hint(
        &[Key::Ctrl('u')],
        "C-u",
        SetupAction::ClearName,
        "clear the name",
        "clear name",
    ),
    bind(
        &[Key::Code(KeyCode::Backspace)],
        "Bksp",
        SetupAction::Erase,
        "erase the name's last letter",
    ),
    hint(
        &[ESC, Key::Ctrl('c')],
        "Esc",
        SetupAction::Quit,
        "leave; nothing is saved",
        "quit",
    ),
];

/// The evidence dialog's list of a statement's items.
pub const EVIDENCE_KEYS: &[Binding<EvidenceAction>] = &[
    bind(
        &[c('j'), Key::Code(KeyCode::Down)],
        "j/↓",
        EvidenceAction::Next,
        "next item",
    ),
    bind(
        &[c('k'), Key::Code(KeyCode::Up)],
        "k/↑",
        EvidenceAction::Prev,
        "previous item",
    ),
    hint(
        &[c('a')],
        "a",
        EvidenceAction::Add,
        "add an item: what, the day (today unless changed), a link or REPO@SHA",
        "add",
    ),
    hint(
        &[c('l')],
        "l",
        EvidenceAction::Link,
        "link an item of another statement to this one too",
        "link",
    ),
    hint(
        &[c('d'), c('x')],
        "d/x",
        EvidenceAction::Unlink,
        "unlink the item from this statement (the item stays)",
        "unlink",
    ),
    hint(
        &[c('X')],
        "X",
        EvidenceAction::Delete,
        "delete the item for good, from every statement (asks first)",
        "delete",
    ),
    hint(
        &[c('u')],
        "u",
        EvidenceAction::Undo,
        "undo the last change",
        "undo",
    ),
    bind(
        &[Key::Ctrl('r')],
        "C-r",
        EvidenceAction::Redo,
        "redo what was undone",
    ),
    hint(
        &[ESC, c('q'), Key::Ctrl('c')],
        "Esc/q",
        EvidenceAction::Close,
        "close the evidence",
        "close",
    ),
];

/// The form of a new evidence item: every other key types into the field.
pub const EVIDENCE_FORM_KEYS: &[Binding<EvidenceAction>] = &[
    hint(
        &[Key::Code(KeyCode::Tab), Key::Code(KeyCode::Down)],
        "Tab",
        EvidenceAction::NextField,
        "the next field",
        "next field",
    ),
    bind(
        &[Key::Code(KeyCode::BackTab), Key::Code(KeyCode::Up)],
        "S-Tab",
        EvidenceAction::PrevField,
        "the field before",
    ),
    bind(
        &[Key::Code(KeyCode::Backspace)],
        "Bksp",
        EvidenceAction::Erase,
        "erase the last character",
    ),
    hint(
        &[ENTER],
        "Enter",
        EvidenceAction::Save,
        "add the item to this statement (saved at once)",
        "add",
    ),
    hint(
        &[ESC],
        "Esc",
        EvidenceAction::Back,
        "back to the list; nothing is added",
        "cancel",
    ),
    bind(
        &[Key::Ctrl('c')],
        "C-c",
        EvidenceAction::Close,
        "close the evidence; nothing is added",
    ),
];

/// The pick list of items to link to the statement.
pub const EVIDENCE_PICK_KEYS: &[Binding<EvidenceAction>] = &[
    hint(
        &[c('j'), Key::Code(KeyCode::Down)],
        "j/↓",
        EvidenceAction::Next,
        "next item",
        "choose",
    ),
    bind(
        &[c('k'), Key::Code(KeyCode::Up)],
        "k/↑",
        EvidenceAction::Prev,
        "previous item",
    ),
    hint(
        &[ENTER],
        "Enter",
        EvidenceAction::Choose,
        "link the chosen item to this statement too",
        "link",
    ),
    hint(
        &[ESC, c('q')],
        "Esc/q",
        EvidenceAction::Back,
        "back to the list",
        "back",
    ),
    bind(
        &[Key::Ctrl('c')],
        "C-c",
        EvidenceAction::Close,
        "close the evidence",
    ),
];

/// Delete an evidence item for good?
pub const EVIDENCE_CONFIRM_KEYS: &[Binding<EvidenceAction>] = &[
    hint(
        &[c('y')],
        "y",
        EvidenceAction::Yes,
        "delete it (u undoes)",
        "delete it (u undoes)",
    ),
    hint(
        &[c('n'), ESC, c('q')],
        "n/Esc",
        EvidenceAction::Back,
        "keep it",
        "keep it",
    ),
    bind(
        &[Key::Ctrl('c')],
        "C-c",
        EvidenceAction::Close,
        "close the evidence",
    ),
];

/// "The profile changed on disk": reload theirs or keep mine.
pub const CONFLICT_KEYS: &[Binding<DialogAction>] = &[
    hint(
        &[c('r')],
        "r",
        DialogAction::Reload,
        "reload theirs (your last change is dropped)",
        "reload theirs (your last change is dropped)",
    ),
    hint(
        &[c('k')],
        "k",
        DialogAction::KeepMine,
        "keep mine (their version is copied to rungs' backups)",
        "keep mine (their version is copied to rungs' backups)",
    ),
    hint(
        &[ESC, c('q')],
        "Esc/q",
        DialogAction::Back,
        "decide later (nothing is saved until then)",
        "decide later (nothing is saved until then)",
    ),
    bind(
        &[Key::Ctrl('c')],
        "C-c",
        DialogAction::Quit,
        "quit (asks first when something is not saved)",
    ),
];

/// Quitting while the last save failed.
pub const UNSAVED_KEYS: &[Binding<DialogAction>] = &[
    hint(
        &[c('r')],
        "r",
        DialogAction::Retry,
        "try the save again",
        "retry the save",
    ),
    hint(
        &[c('w')],
        "w",
        DialogAction::WriteCopy,
        "write a copy of the profile to a new file elsewhere",
        "write a copy elsewhere",
    ),
    hint(
        &[c('Q'), Key::Ctrl('c')],
        "Q",
        DialogAction::QuitAnyway,
        "quit anyway: what was not saved is listed",
        "quit anyway (lists what is lost)",
    ),
    hint(
        &[ESC, c('q')],
        "Esc/q",
        DialogAction::Back,
        "back to the profile",
        "back",
    ),
];

/// A statement reworded since it was rated: does the rating still hold?
pub const REWORDED_KEYS: &[Binding<DialogAction>] = &[
    hint(
        &[c('y'), ENTER],
        "y/Enter",
        DialogAction::Yes,
        "my rating still holds for the new wording",
        "my rating still holds",
    ),
    hint(
        &[c('n')],
        "n",
        DialogAction::No,
        "edit the note instead (rate again with a digit)",
        "edit the note (rate again with a digit)",
    ),
    hint(&[ESC, c('q')], "Esc/q", DialogAction::Back, "back", "back"),
    bind(&[Key::Ctrl('c')], "C-c", DialogAction::Quit, "quit"),
];

/// A merge conflict on a rating (`m` on `≠`): which version stays.
pub const MERGE_KEYS: &[Binding<DialogAction>] = &[
    hint(
        &[c('k')],
        "k",
        DialogAction::KeepShown,
        "keep the version shown (the other is dropped)",
        "keep the version shown (the other is dropped)",
    ),
    hint(
        &[c('t')],
        "t",
        DialogAction::TakeTheirs,
        "take theirs",
        "take theirs",
    ),
    hint(
        &[c('b')],
        "b",
        DialogAction::KeepBothNotes,
        "keep both notes, one after the other",
        "keep both notes (when the notes differ)",
    ),
    hint(
        &[ESC],
        "Esc",
        DialogAction::Back,
        "decide later (it stays marked ≠)",
        "decide later (it stays marked ≠)",
    ),
    bind(&[Key::Ctrl('c')], "C-c", DialogAction::Quit, "quit"),
];

/// A merge conflict in a signed-off round: the signed-off version is shown.
pub const SIGNED_MERGE_KEYS: &[Binding<DialogAction>] = &[
    hint(
        &[c('k')],
        "k",
        DialogAction::KeepShown,
        "keep the signed-off version (the change is dropped)",
        "keep the signed-off version (the change is dropped)",
    ),
    hint(
        &[ESC],
        "Esc",
        DialogAction::Back,
        "decide later (it stays marked ≠)",
        "decide later (it stays marked ≠)",
    ),
    bind(&[Key::Ctrl('c')], "C-c", DialogAction::Quit, "quit"),
];

/// A yes / no question (moving the profile to another level).
pub const CONFIRM_KEYS: &[Binding<DialogAction>] = &[
    hint(&[c('y')], "y", DialogAction::Yes, "yes", "yes"),
    hint(
        &[c('n'), ESC, c('q')],
        "n/Esc/q",
        DialogAction::No,
        "no",
        "no",
    ),
    bind(&[Key::Ctrl('c')], "C-c", DialogAction::Quit, "quit"),
];

/// The action of a key press in a table, in the given scope; releases and
/// repeats of other kinds are ignored (Windows reports releases too).
/// Modifiers match exactly: Alt+q is not q, and Ctrl+Alt+c is not Ctrl-C.
pub fn lookup<A: TableAction>(table: &[Binding<A>], key: &KeyEvent, review: bool) -> Option<A> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    // Shift is part of a character (`E`, `?`) and of BackTab, and some
    // terminals report it there; anywhere else it is a modifier like the others.
    let modifiers = match key.code {
        KeyCode::Char(_) | KeyCode::BackTab => key.modifiers.difference(KeyModifiers::SHIFT),
        _ => key.modifiers,
    };
    let plain = modifiers.is_empty();
    let ctrl = modifiers == KeyModifiers::CONTROL;
    table.iter().filter(|b| b.applies(review)).find_map(|b| {
        b.keys.iter().find_map(|k| match (*k, key.code) {
            (Key::Digit, KeyCode::Char(d)) if plain && d.is_ascii_digit() => {
                A::digit(d as u8 - b'0')
            }
            (Key::Ctrl(want), KeyCode::Char(got)) if ctrl && want == got.to_ascii_lowercase() => {
                Some(b.action)
            }
            (Key::Code(want), got) if plain && want == got => Some(b.action),
            _ => None,
        })
    })
}

/// The main screen's action of a key press.
pub fn action_for(key: &KeyEvent, review: bool) -> Option<Action> {
    lookup(BINDINGS, key, review)
}

/// The hint line of a popup: `key words · key words`.
pub fn hints<A>(table: &[Binding<A>]) -> String {
    table
        .iter()
        .filter_map(|b| b.footer.map(|words| format!("{} {words}", b.label)))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_to_actions() {
        assert_eq!(
            action_for(&press(KeyCode::Char('j')), false),
            Some(Action::Next)
        );
        assert_eq!(action_for(&press(KeyCode::Down), false), Some(Action::Next));
        assert_eq!(
            action_for(&press(KeyCode::Char('3')), false),
            Some(Action::Rate(3))
        );
        assert_eq!(
            action_for(&press(KeyCode::Char('0')), false),
            Some(Action::Rate(0))
        );
        assert_eq!(
            action_for(&press(KeyCode::BackTab), false),
            Some(Action::PrevArea)
        );
        assert_eq!(
            action_for(
                &KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT),
                false
            ),
            Some(Action::EditExternal)
        );
        assert_eq!(
            action_for(
                &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                false
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(
                &KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
                false
            ),
            Some(Action::Redo)
        );
        assert_eq!(
            action_for(
                &KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
                false
            ),
            Some(Action::Suspend)
        );
        assert_eq!(
            action_for(
                &KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
                false
            ),
            None
        );
    }

    #[test]
    fn review_keys_only_in_review() {
        assert_eq!(action_for(&press(KeyCode::Char('d')), false), None);
        assert_eq!(
            action_for(&press(KeyCode::Char('d')), true),
            Some(Action::NextGap)
        );
    }

    #[test]
    fn modifiers_match_exactly() {
        let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
        for code in [
            KeyCode::Char('q'),
            KeyCode::Char('3'),
            KeyCode::Char('j'),
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Esc,
        ] {
            assert_eq!(action_for(&alt(code), false), None, "Alt+{code:?}");
        }
        let ctrl_alt_c = KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        assert_eq!(action_for(&ctrl_alt_c, false), None);
        assert_eq!(
            lookup(CONFLICT_KEYS, &alt(KeyCode::Char('r')), false),
            None,
            "Alt+r does not reload"
        );
        // Shift is part of the character, however the terminal reports it.
        let shifted = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&shifted, false), Some(Action::Help));
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(&back_tab, false), Some(Action::PrevArea));
        let shift_down = KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT);
        assert_eq!(action_for(&shift_down, false), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut key = press(KeyCode::Char('j'));
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for(&key, false), None);
    }

    fn bound_once<A>(table: &[Binding<A>]) {
        let mut seen = Vec::new();
        for key in table.iter().flat_map(|b| b.keys) {
            assert!(!seen.contains(key), "{key:?} is bound twice");
            seen.push(*key);
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        bound_once(BINDINGS);
        bound_once(NOTE_KEYS);
        bound_once(SEARCH_KEYS);
        bound_once(ACTION_LINE_KEYS);
        bound_once(CONFLICT_KEYS);
        bound_once(UNSAVED_KEYS);
        bound_once(CONFIRM_KEYS);
        bound_once(REWORDED_KEYS);
        bound_once(MERGE_KEYS);
        bound_once(SIGNED_MERGE_KEYS);
        bound_once(SETUP_KEYS);
        bound_once(EVIDENCE_KEYS);
        bound_once(EVIDENCE_FORM_KEYS);
        bound_once(EVIDENCE_PICK_KEYS);
        bound_once(EVIDENCE_CONFIRM_KEYS);
    }

    #[test]
    fn every_context_can_be_left_with_esc_or_ctrl_c() {
        let esc = press(KeyCode::Esc);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(NOTE_KEYS, &esc, false), Some(NoteAction::Close));
        assert_eq!(lookup(NOTE_KEYS, &ctrl_c, false), Some(NoteAction::Close));
        assert_eq!(
            lookup(SEARCH_KEYS, &ctrl_c, false),
            Some(SearchAction::Close)
        );
        assert_eq!(lookup(CONFLICT_KEYS, &esc, false), Some(DialogAction::Back));
        assert_eq!(
            lookup(UNSAVED_KEYS, &ctrl_c, false),
            Some(DialogAction::QuitAnyway)
        );
        assert_eq!(lookup(CONFIRM_KEYS, &esc, false), Some(DialogAction::No));
        let q = press(KeyCode::Char('q'));
        for table in [CONFLICT_KEYS, UNSAVED_KEYS, REWORDED_KEYS] {
            assert_eq!(lookup(table, &esc, false), Some(DialogAction::Back));
            assert_eq!(lookup(table, &q, false), Some(DialogAction::Back));
        }
        assert_eq!(lookup(CONFIRM_KEYS, &q, false), Some(DialogAction::No));
        assert_eq!(
            lookup(NOTE_KEYS, &press(KeyCode::Enter), false),
            None,
            "Enter types a new line into the note"
        );
    }

    #[test]
    fn hints_come_from_the_table() {
        assert_eq!(
            hints(UNSAVED_KEYS),
            "r retry the save · w write a copy elsewhere · Q quit anyway (lists what is lost) · Esc/q back"
        );
    }
}
