//! The harvest list (`rungs harvest`): the person's commits proposed one
//! by one. `a`/`Enter` accepts one (after picking the statements it
//! supports), `e` edits its text first, `s` skips it for good; nothing is
//! added without that choice. The state and its key tables are here;
//! [`super::view::harvest`] draws it and [`super::run_harvest`] is its
//! loop, which saves the profile after every accept and skip.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::calibrate::{bind, c};
use super::keys::{Binding, Key, TableAction, lookup};
use crate::model::harvest::{self, Proposal, Source};
use crate::model::text::{clean_line, is_unsafe};
use crate::model::{Craft, Profile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListAction {
    Down,
    Up,
    First,
    Last,
    Accept,
    Edit,
    Skip,
    Help,
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickAction {
    Down,
    Up,
    Toggle,
    Done,
    Cancel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditAction {
    Keep,
    Cancel,
    Erase,
    Delete,
    Left,
    Right,
    Start,
    End,
}

impl TableAction for ListAction {}
impl TableAction for PickAction {}
impl TableAction for EditAction {}

const ENTER: Key = Key::Code(KeyCode::Enter);
const ESC: Key = Key::Code(KeyCode::Esc);

/// The list's keys: its help and its footer are drawn from this table.
pub const LIST_KEYS: &[Binding<ListAction>] = &[
    bind(
        &[c('j'), Key::Code(KeyCode::Down)],
        "j/↓",
        ListAction::Down,
        "next commit",
        Some("move"),
    ),
    bind(
        &[c('k'), Key::Code(KeyCode::Up)],
        "k/↑",
        ListAction::Up,
        "previous commit",
        None,
    ),
    bind(&[c('g')], "g", ListAction::First, "first commit", None),
    bind(&[c('G')], "G", ListAction::Last, "last commit", None),
    bind(
        &[c('a'), ENTER],
        "a/Enter",
        ListAction::Accept,
        "accept: pick the statements it supports, then it is saved as an evidence item",
        Some("accept"),
    ),
    bind(
        &[c('e')],
        "e",
        ListAction::Edit,
        "edit the item's text before accepting",
        Some("edit"),
    ),
    bind(
        &[c('s')],
        "s",
        ListAction::Skip,
        "skip: never proposed again (saved at once)",
        Some("skip"),
    ),
    bind(&[c('?')], "?", ListAction::Help, "help", Some("help")),
    bind(
        &[c('q'), ESC, Key::Ctrl('c')],
        "q/Esc",
        ListAction::Quit,
        "leave (every choice is saved already)",
        Some("quit"),
    ),
];

/// The statement pick list's keys.
pub const PICK_KEYS: &[Binding<PickAction>] = &[
    bind(
        &[c('j'), Key::Code(KeyCode::Down)],
        "j/↓",
        PickAction::Down,
        "next statement",
        Some("move"),
    ),
    bind(
        &[c('k'), Key::Code(KeyCode::Up)],
        "k/↑",
        PickAction::Up,
        "previous statement",
        None,
    ),
    bind(
        &[c(' '), c('x')],
        "Space",
        PickAction::Toggle,
        "pick or unpick this statement (several allowed)",
        Some("pick"),
    ),
    bind(
        &[ENTER],
        "Enter",
        PickAction::Done,
        "accept, linked to the picked statements",
        Some("accept"),
    ),
    bind(
        &[ESC, c('q'), Key::Ctrl('c')],
        "Esc",
        PickAction::Cancel,
        "back to the list, nothing added",
        Some("cancel"),
    ),
];

/// The text line's keys: every other key types.
pub const EDIT_KEYS: &[Binding<EditAction>] = &[
    bind(
        &[ENTER],
        "Enter",
        EditAction::Keep,
        "keep the text",
        Some("keep"),
    ),
    bind(
        &[ESC, Key::Ctrl('c')],
        "Esc",
        EditAction::Cancel,
        "leave the text as it was",
        Some("cancel"),
    ),
    bind(
        &[Key::Code(KeyCode::Backspace)],
        "Bksp",
        EditAction::Erase,
        "erase before the cursor",
        None,
    ),
    bind(
        &[Key::Code(KeyCode::Delete)],
        "Del",
        EditAction::Delete,
        "erase at the cursor",
        None,
    ),
    bind(
        &[Key::Code(KeyCode::Left)],
        "←",
        EditAction::Left,
        "back",
        None,
    ),
    bind(
        &[Key::Code(KeyCode::Right)],
        "→",
        EditAction::Right,
        "on",
        None,
    ),
    bind(
        &[Key::Code(KeyCode::Home), Key::Ctrl('a')],
        "Home",
        EditAction::Start,
        "to the start",
        None,
    ),
    bind(
        &[Key::Code(KeyCode::End), Key::Ctrl('e')],
        "End",
        EditAction::End,
        "to the end",
        None,
    ),
];

/// Where a proposal stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Open,
    /// Accepted as the item with this id.
    Accepted(String),
    Skipped,
}

/// One row of the list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub proposal: Proposal,
    /// Which of the sources it comes from.
    pub source: usize,
    /// The item's text: the subject, or what the person made of it.
    pub text: String,
    pub decision: Decision,
}

/// A statement of the craft, as the pick list shows it.
#[derive(Debug, Clone)]
pub struct Choice {
    pub key: String,
    /// The level's title.
    pub level: String,
    /// `Automation 2`
    pub place: String,
    pub text: String,
}

/// The statements of a craft, level by level from the lowest, and where
/// the profile's own level begins.
pub fn choices(craft: &Craft, level: &str) -> (Vec<Choice>, usize) {
    let mut out = Vec::new();
    let mut start = 0;
    for l in craft.levels_by_rank() {
        if l.id == level {
            start = out.len();
        }
        for (key, area, statement) in l.statements() {
            let number = area
                .statements
                .iter()
                .position(|s| s.id == statement.id)
                .map_or(0, |i| i + 1);
            out.push(Choice {
                key: key.to_string(),
                level: l.title.clone(),
                place: format!("{} {number}", area.name),
                text: statement.text.clone(),
            });
        }
    }
    (out, start)
}

/// The statement pick list of the proposal being accepted.
#[derive(Debug, Clone)]
pub struct Picker {
    pub row: usize,
    pub picked: Vec<bool>,
}

/// A line of text being typed, with its cursor (in characters).
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: String,
    pub cursor: usize,
}

impl Line {
    pub fn new(text: &str) -> Line {
        let text: String = text
            .chars()
            .map(|ch| if ch == '\n' { ' ' } else { ch })
            .collect();
        Line {
            cursor: text.chars().count(),
            text,
        }
    }

    fn at(&self, cursor: usize) -> usize {
        self.text
            .char_indices()
            .nth(cursor)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, ch: char) {
        let at = self.at(self.cursor);
        self.text.insert(at, ch);
        self.cursor += 1;
    }

    fn act(&mut self, action: EditAction) {
        let len = self.text.chars().count();
        match action {
            EditAction::Erase if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.at(self.cursor);
                self.text.remove(at);
            }
            EditAction::Delete if self.cursor < len => {
                let at = self.at(self.cursor);
                self.text.remove(at);
            }
            EditAction::Left => self.cursor = self.cursor.saturating_sub(1),
            EditAction::Right => self.cursor = (self.cursor + 1).min(len),
            EditAction::Start => self.cursor = 0,
            EditAction::End => self.cursor = len,
            _ => {}
        }
    }
}

#[derive(Debug, Clone)]
pub enum Mode {
    List,
    Help,
    Edit(Line),
    Pick(Picker),
}

/// What the loop does after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    /// The profile changed: save it.
    Save,
    Quit,
}

pub struct Harvesting {
    pub profile: Profile,
    pub sources: Vec<Source>,
    pub entries: Vec<Entry>,
    pub choices: Vec<Choice>,
    /// Where the profile's own level begins in `choices`.
    pub own_level: usize,
    pub row: usize,
    pub mode: Mode,
    /// The last thing to tell: what was saved, or why not.
    pub status: Option<String>,
    /// How many were accepted and skipped in this session.
    accepted: usize,
    skipped: usize,
    /// The widest `REPO@SHA` and statement place, in columns: found once,
    /// so a frame costs what it shows, not what the list holds.
    pub link_width: usize,
    pub place_width: usize,
    /// The moment the session began: with a commit's link it makes the ids
    /// of the items accepted.
    made: String,
}

impl Harvesting {
    pub fn new(
        profile: Profile,
        craft: &Craft,
        sources: Vec<Source>,
        proposals: Vec<(usize, Proposal)>,
        made: String,
    ) -> Harvesting {
        let (choices, own_level) = choices(craft, &profile.level);
        let entries: Vec<Entry> = proposals
            .into_iter()
            .map(|(source, proposal)| Entry {
                text: proposal.text().to_owned(),
                proposal,
                source,
                decision: Decision::Open,
            })
            .collect();
        let width = |text: &str| unicode_width::UnicodeWidthStr::width(clean_line(text).as_ref());
        let link_width = entries
            .iter()
            .map(|e| width(&e.proposal.link()))
            .max()
            .unwrap_or(0);
        let place_width = choices.iter().map(|c| width(&c.place)).max().unwrap_or(0);
        Harvesting {
            profile,
            sources,
            entries,
            choices,
            own_level,
            row: 0,
            mode: Mode::List,
            status: None,
            accepted: 0,
            skipped: 0,
            link_width,
            place_width,
            made,
        }
    }

    /// How many were accepted (`true`) or skipped (`false`) so far.
    pub fn count(&self, accepted: bool) -> usize {
        if accepted {
            self.accepted
        } else {
            self.skipped
        }
    }

    pub fn open_count(&self) -> usize {
        self.entries.len() - self.accepted - self.skipped
    }

    pub fn handle(&mut self, key: KeyEvent) -> Outcome {
        match &self.mode {
            Mode::List => self.handle_list(key),
            Mode::Help => {
                // Any key closes the help; only quitting goes further.
                self.mode = Mode::List;
                match lookup(LIST_KEYS, &key, false) {
                    Some(ListAction::Quit) if key.code != KeyCode::Esc => Outcome::Quit,
                    _ => Outcome::Continue,
                }
            }
            Mode::Edit(_) => {
                self.handle_edit(key);
                Outcome::Continue
            }
            Mode::Pick(_) => self.handle_pick(key),
        }
    }

    fn handle_list(&mut self, key: KeyEvent) -> Outcome {
        let Some(action) = lookup(LIST_KEYS, &key, false) else {
            return Outcome::Continue;
        };
        let last = self.entries.len().saturating_sub(1);
        match action {
            ListAction::Down => self.row = (self.row + 1).min(last),
            ListAction::Up => self.row = self.row.saturating_sub(1),
            ListAction::First => self.row = 0,
            ListAction::Last => self.row = last,
            ListAction::Help => self.mode = Mode::Help,
            ListAction::Quit => return Outcome::Quit,
            ListAction::Accept | ListAction::Edit | ListAction::Skip => {
                let Some(entry) = self.entries.get(self.row) else {
                    return Outcome::Continue;
                };
                if entry.decision != Decision::Open {
                    self.status = Some(format!(
                        "{} is {} already.",
                        entry.proposal.link(),
                        if entry.decision == Decision::Skipped {
                            "skipped"
                        } else {
                            "accepted"
                        }
                    ));
                    return Outcome::Continue;
                }
                match action {
                    ListAction::Accept => {
                        self.mode = Mode::Pick(Picker {
                            row: self.own_level,
                            picked: vec![false; self.choices.len()],
                        })
                    }
                    ListAction::Edit => self.mode = Mode::Edit(Line::new(&entry.text)),
                    _ => {
                        harvest::skip(&mut self.profile, &entry.proposal);
                        self.status = Some(format!("Skipped {}.", entry.proposal.link()));
                        self.entries[self.row].decision = Decision::Skipped;
                        self.skipped += 1;
                        self.next_open();
                        return Outcome::Save;
                    }
                }
            }
        }
        Outcome::Continue
    }

    /// Moves to the next proposal still open, if there is one below.
    fn next_open(&mut self) {
        if let Some(i) = self.entries[self.row..]
            .iter()
            .position(|e| e.decision == Decision::Open)
        {
            self.row += i;
        }
    }

    fn handle_edit(&mut self, key: KeyEvent) {
        let Mode::Edit(line) = &mut self.mode else {
            return;
        };
        match lookup(EDIT_KEYS, &key, false) {
            Some(EditAction::Keep) => {
                let text = line.text.trim().to_owned();
                if text.is_empty() {
                    self.status = Some("An item needs some text; it is as it was.".into());
                } else if let Some(entry) = self.entries.get_mut(self.row) {
                    entry.text = text;
                    self.status = Some("Text changed: a or Enter accepts it.".into());
                }
                self.mode = Mode::List;
            }
            Some(EditAction::Cancel) => self.mode = Mode::List,
            Some(action) => line.act(action),
            None => {
                if let KeyCode::Char(ch) = key.code
                    && !key.modifiers.contains(KeyModifiers::CONTROL)
                    && !key.modifiers.contains(KeyModifiers::ALT)
                    && !is_unsafe(ch)
                {
                    line.insert(ch);
                }
            }
        }
    }

    /// A paste types into the text line when it is open; anywhere else it
    /// does nothing (a pasted word never runs as keys).
    pub fn paste(&mut self, text: &str) {
        if let Mode::Edit(line) = &mut self.mode {
            for ch in text.chars() {
                match ch {
                    '\n' | '\r' | '\t' => line.insert(' '),
                    ch if !is_unsafe(ch) => line.insert(ch),
                    _ => {}
                }
            }
        }
    }

    fn handle_pick(&mut self, key: KeyEvent) -> Outcome {
        let Mode::Pick(picker) = &mut self.mode else {
            return Outcome::Continue;
        };
        let last = self.choices.len().saturating_sub(1);
        match lookup(PICK_KEYS, &key, false) {
            Some(PickAction::Down) => picker.row = (picker.row + 1).min(last),
            Some(PickAction::Up) => picker.row = picker.row.saturating_sub(1),
            Some(PickAction::Toggle) => {
                if let Some(p) = picker.picked.get_mut(picker.row) {
                    *p = !*p;
                }
            }
            Some(PickAction::Cancel) => self.mode = Mode::List,
            Some(PickAction::Done) => {
                let statements: Vec<String> = picker
                    .picked
                    .iter()
                    .zip(&self.choices)
                    .filter(|(p, _)| **p)
                    .map(|(_, c)| c.key.clone())
                    .collect();
                if statements.is_empty() {
                    self.status = Some("Pick at least one statement (Space), or Esc.".into());
                    return Outcome::Continue;
                }
                self.mode = Mode::List;
                return self.accept(statements);
            }
            None => {}
        }
        Outcome::Continue
    }

    fn accept(&mut self, statements: Vec<String>) -> Outcome {
        let Some(entry) = self.entries.get(self.row) else {
            return Outcome::Continue;
        };
        let Some(source) = self.sources.get(entry.source) else {
            return Outcome::Continue;
        };
        let count = statements.len();
        let id = harvest::accept(
            &mut self.profile,
            &entry.proposal,
            source,
            &entry.text,
            statements,
            &self.made,
        );
        self.status = Some(format!(
            "Accepted {} as evidence of {}.",
            entry.proposal.link(),
            crate::present::count(count, "statement")
        ));
        self.entries[self.row].decision = Decision::Accepted(id);
        self.accepted += 1;
        self.next_open();
        Outcome::Save
    }

    /// Tells the person how the save went.
    pub fn on_saved(&mut self, result: Result<(), String>) {
        if let Err(why) = result {
            self.status = Some(format!("NOT SAVED: {why}"));
        }
    }
}
