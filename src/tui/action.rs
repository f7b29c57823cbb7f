//! What a person can do, one small enum per context: the assessment screen,
//! the note editor, the search line, and the questions the app asks.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Next,
    Prev,
    NextArea,
    PrevArea,
    /// Set the rating to this scale value, then move on.
    Rate(u8),
    Raise,
    Lower,
    NotApplicable,
    Clear,
    NextUnrated,
    PrevUnrated,
    /// Review: the next statement where self and manager differ by two or more.
    NextGap,
    /// Review: beside your ratings, the other reviewer's instead of the
    /// person's (and back).
    ShowOther,
    /// The next statement reworded since it was rated.
    NextReworded,
    /// What the next level asks for, beside the person's level.
    LevelDiff,
    /// What changed since the last round.
    RoundChanges,
    /// Sign off the round: it becomes read-only.
    Finish,
    /// Show this session's blind round to the other side now (asks first).
    Reveal,
    /// Type an action on the statement.
    AddAction,
    /// Mark the statement's oldest open action done (none open: reopen the
    /// latest done one).
    ToggleAction,
    /// Delete the statement's latest action (asks first).
    DeleteAction,
    /// Settle the merge conflict recorded on the statement (`≠`).
    SettleConflict,
    /// Scroll the detail pane (statement and notes) down / up.
    DetailDown,
    DetailUp,
    /// The first / last statement of the level.
    First,
    Last,
    /// A screenful of statements down / up.
    PageDown,
    PageUp,
    /// Show the next / previous level of the craft (rate ahead for readiness).
    NextLevel,
    PrevLevel,
    Search,
    /// The selected statement's evidence: list, add, link, unlink.
    Evidence,
    EditNote,
    EditExternal,
    Undo,
    Redo,
    Summary,
    Export,
    Help,
    /// `Esc`: close whatever popup is open.
    Close,
    Quit,
    /// `Ctrl-Z`: hand the terminal back to the shell until `fg`.
    Suspend,
}

/// The note editor's own keys; every other key is typed into the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteAction {
    Close,
    /// `Ctrl-Z` suspends from the editor too (the note is saved first).
    Suspend,
    /// Documents typing (and Enter's new line) in the help; never looked up.
    Type,
}

/// The search line's own keys; every other key is typed into the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchAction {
    Jump,
    Next,
    Prev,
    Erase,
    Close,
}

/// The action line's own keys; every other key is typed into the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineAction {
    Add,
    /// The other owner: the person or the reviewer.
    Owner,
    Erase,
    Close,
}

/// Answers to the questions the app asks (conflict, unsaved, confirm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogAction {
    Reload,
    KeepMine,
    Retry,
    WriteCopy,
    QuitAnyway,
    Yes,
    No,
    Back,
    Quit,
    /// A merge conflict: keep the version shown, take theirs or ours, keep both notes.
    KeepShown,
    TakeTheirs,
    TakeOurs,
    KeepBothNotes,
}

/// The first-run setup's keys; every other key types into the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupAction {
    Next,
    Back,
    ChoiceUp,
    ChoiceDown,
    ClearName,
    Erase,
    Quit,
}

/// The evidence dialog's keys, in its list, form, pick list and question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceAction {
    Next,
    Prev,
    Add,
    Link,
    Unlink,
    Delete,
    Undo,
    Redo,
    Close,
    /// Back to the list (the form or pick list is left unchanged).
    Back,
    NextField,
    PrevField,
    Erase,
    Save,
    Choose,
    Yes,
}

impl EvidenceAction {
    /// True for the keys of the list that change the evidence.
    pub fn changes(self) -> bool {
        matches!(
            self,
            Self::Add | Self::Link | Self::Unlink | Self::Delete | Self::Undo | Self::Redo
        )
    }
}
