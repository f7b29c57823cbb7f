//! Everything a person can do on the assessment screen, apart from typing
//! text into the note editor or the search line.

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
    /// Show the next / previous level of the craft (rate ahead for readiness).
    NextLevel,
    PrevLevel,
    Search,
    EditNote,
    EditExternal,
    Undo,
    Summary,
    Export,
    Help,
    /// `Esc`: close whatever popup is open.
    Close,
    Quit,
}
