//! The state of the assessment screen and every change to it. Plain data:
//! no terminal, no files. `update` returns the effect the loop must carry
//! out (save, export, hand the terminal to an editor).

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::action::Action;
use super::keys;
use crate::model::ids::statement_key;
use crate::model::profile::now;
use crate::model::progress::{Tally, area_tally};
use crate::model::{Area, Craft, Framework, Level, Mark, Profile, Rating, Role, Scale, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A person rates themselves.
    Assess,
    /// A manager rates beside the person's own ratings, which are read-only.
    Review,
}

impl Mode {
    pub fn role(self) -> Role {
        match self {
            Mode::Assess => Role::Own,
            Mode::Review => Role::Manager,
        }
    }

    /// The role whose ratings are shown beside, read-only.
    pub fn other(self) -> Role {
        match self {
            Mode::Assess => Role::Manager,
            Mode::Review => Role::Own,
        }
    }
}

/// What the loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Save,
    Export,
    EditExternal,
    /// Re-read the profile from disk (after it changed there).
    Reload,
    /// Save over a profile that changed on disk ("keep mine").
    Overwrite,
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Ok,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

/// The multi-line note editor over one statement.
pub struct NoteEditor {
    pub textarea: TextArea<'static>,
    pub area: usize,
    pub row: usize,
    pub prompt: &'static str,
}

/// The search line and its matches, as (area, row) in the level.
#[derive(Debug, Default)]
pub struct Search {
    pub query: String,
    pub matches: Vec<(usize, usize)>,
    pub selected: usize,
}

pub enum Overlay {
    None,
    Help,
    Summary,
    Note(Box<NoteEditor>),
    Search(Search),
    /// The file changed on disk since we read it: reload, or keep mine?
    Conflict,
}

struct Undo {
    area: usize,
    row: usize,
    before: Option<Rating>,
}

pub struct App {
    pub framework: Framework,
    craft: usize,
    level: usize,
    pub profile: Profile,
    pub mode: Mode,
    /// Who rates in this session (the person, or the manager).
    pub assessor: String,
    /// The assessment being edited; created on the first change.
    editing: Option<usize>,
    pub area: usize,
    pub row: usize,
    pub overlay: Overlay,
    pub status: Option<Status>,
    /// Set when another process holds the profile: nothing can be changed.
    pub read_only: Option<String>,
    undo: Vec<Undo>,
    /// Statement keys of each area of the level, built once.
    keys: Vec<Vec<String>>,
    /// The statements of each area in lower case, for search, built once.
    lowered: Vec<Vec<String>>,
    /// The edited assessment's tally per area, kept current on each change.
    tallies: Vec<Tally>,
    /// First visible row of the statement list; the view keeps the selection in sight.
    pub list_offset: Cell<usize>,
    pub help_offset: Cell<usize>,
}

/// The assessment a session edits: the latest of its role, and in a review
/// only one by this manager (another manager's round is never changed).
fn editable_index(profile: &Profile, mode: Mode, assessor: &str) -> Option<usize> {
    profile
        .current_index(mode.role())
        .filter(|&i| mode == Mode::Assess || profile.assessments[i].assessor == assessor)
}

impl App {
    /// An app over a profile already checked against `framework`. Returns
    /// `None` when its craft or level is not in the framework.
    pub fn new(framework: Framework, profile: Profile, mode: Mode, assessor: &str) -> Option<App> {
        let craft = framework
            .crafts
            .iter()
            .position(|c| c.id == profile.craft)?;
        let level = framework.crafts[craft]
            .levels
            .iter()
            .position(|l| l.id == profile.level)?;
        let editing = editable_index(&profile, mode, assessor);
        let mut app = App {
            framework,
            craft,
            level,
            profile,
            mode,
            assessor: assessor.to_owned(),
            editing,
            area: 0,
            row: 0,
            overlay: Overlay::None,
            status: None,
            read_only: None,
            undo: Vec::new(),
            keys: Vec::new(),
            lowered: Vec::new(),
            tallies: Vec::new(),
            list_offset: Cell::new(0),
            help_offset: Cell::new(0),
        };
        app.show_level(level);
        Some(app)
    }

    /// Shows the statements of another level of the craft, to rate ahead
    /// (readiness) or look back; the profile's own level stays as it is.
    fn show_level(&mut self, level: usize) {
        let level_ref = &self.framework.crafts[self.craft].levels[level];
        self.keys = level_ref
            .areas
            .iter()
            .map(|a| {
                a.statements
                    .iter()
                    .map(|s| statement_key(&level_ref.id, &a.id, &s.id))
                    .collect()
            })
            .collect();
        self.lowered = level_ref
            .areas
            .iter()
            .map(|a| a.statements.iter().map(|s| s.text.to_lowercase()).collect())
            .collect();
        self.level = level;
        (self.area, self.row) = (0, 0);
        self.list_offset.set(0);
        self.retally();
    }

    /// Levels of the craft ordered by rank, and the shown level's place among them.
    fn switch_level(&mut self, by: isize) {
        let mut order: Vec<usize> = (0..self.craft().levels.len()).collect();
        order.sort_by_key(|&i| self.craft().levels[i].rank);
        let here = order.iter().position(|&i| i == self.level).unwrap_or(0) as isize;
        let Some(&next) = usize::try_from(here + by).ok().and_then(|i| order.get(i)) else {
            self.info(if by > 0 {
                "This is the highest level."
            } else {
                "This is the lowest level."
            });
            return;
        };
        self.show_level(next);
        let title = self.level().title.clone();
        self.info(format!("Showing {title}."));
    }

    /// True when the shown level is not the one the profile is assessed against.
    pub fn is_other_level(&self) -> bool {
        self.level().id != self.profile.level
    }

    /// Starts a new dated round pre-filled from the last one.
    pub fn start_new_round(&mut self) {
        let index = self
            .profile
            .new_round(self.mode.role(), &self.assessor, now());
        self.editing = Some(index);
        self.undo.clear();
        self.retally();
    }

    /// Replaces the profile with the one re-read from disk.
    pub fn replace_profile(&mut self, profile: Profile) {
        self.editing = editable_index(&profile, self.mode, &self.assessor);
        self.profile = profile;
        self.undo.clear();
        self.retally();
    }

    pub fn craft(&self) -> &Craft {
        &self.framework.crafts[self.craft]
    }

    pub fn level(&self) -> &Level {
        &self.craft().levels[self.level]
    }

    pub fn scale(&self) -> &Scale {
        &self.framework.scale
    }

    pub fn current_area(&self) -> &Area {
        &self.level().areas[self.area]
    }

    pub fn area_count(&self) -> usize {
        self.keys.len()
    }

    pub fn rows_in(&self, area: usize) -> usize {
        self.keys.get(area).map_or(0, Vec::len)
    }

    pub fn key_of(&self, area: usize, row: usize) -> &str {
        &self.keys[area][row]
    }

    /// The assessment being edited, if there is one yet.
    pub fn edited(&self) -> Option<&crate::model::Assessment> {
        self.editing.map(|i| &self.profile.assessments[i])
    }

    /// The other role's current assessment, shown beside and never changed.
    pub fn beside(&self) -> Option<&crate::model::Assessment> {
        self.profile.current(self.mode.other())
    }

    pub fn rating_at(&self, area: usize, row: usize) -> Option<&Rating> {
        self.edited()?.rating(self.key_of(area, row))
    }

    /// The note on a statement, empty when there is none.
    pub fn note_at(&self, area: usize, row: usize) -> &str {
        self.rating_at(area, row).map_or("", Rating::note)
    }

    pub fn mark_at(&self, area: usize, row: usize) -> Mark {
        self.rating_at(area, row)
            .map_or(Mark::Unrated, Rating::mark)
    }

    pub fn beside_at(&self, area: usize, row: usize) -> Option<&Rating> {
        self.beside()?.rating(self.key_of(area, row))
    }

    pub fn tally(&self, area: usize) -> Tally {
        self.tallies.get(area).copied().unwrap_or_default()
    }

    pub fn total_tally(&self) -> Tally {
        let mut total = Tally::default();
        self.tallies.iter().for_each(|t| total.merge(t));
        total
    }

    /// Which round of this role the edited assessment is (1-based), or the
    /// round a first change would start.
    pub fn round(&self) -> usize {
        let role = self.mode.role();
        let until = self
            .editing
            .map_or(self.profile.assessments.len(), |i| i + 1);
        let earlier = self.profile.assessments[..until]
            .iter()
            .filter(|a| a.role == role)
            .count();
        if self.editing.is_some() {
            earlier
        } else {
            earlier + 1
        }
    }

    /// The two ratings on screen, this session's and the other role's
    /// beside it, differ by two points or more.
    pub fn is_gap(&self, area: usize, row: usize) -> bool {
        let theirs = self
            .beside_at(area, row)
            .map_or(Mark::Unrated, Rating::mark);
        crate::model::progress::is_gap(self.mark_at(area, row), theirs)
    }

    fn retally(&mut self) {
        let level = &self.framework.crafts[self.craft].levels[self.level];
        let edited = self.editing.map(|i| &self.profile.assessments[i]);
        self.tallies = level
            .areas
            .iter()
            .map(|area| area_tally(level, area, edited, &self.framework.scale))
            .collect();
    }

    fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            kind,
            text: text.into(),
        });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.say(StatusKind::Info, text);
    }

    pub fn ok(&mut self, text: impl Into<String>) {
        self.say(StatusKind::Ok, text);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(StatusKind::Error, text);
    }

    /// A key press: popups take their keys first, then the key table.
    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        if key.kind != KeyEventKind::Press {
            return Effect::None;
        }
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        match &mut self.overlay {
            Overlay::Note(_) if key.code == KeyCode::Esc || ctrl_c => return self.close_note(),
            Overlay::Note(editor) => {
                // Typed control characters (pasted escapes) never enter a note.
                if !matches!(key.code, KeyCode::Char(c) if text::is_unsafe(c)) {
                    editor.textarea.input(key);
                }
                return Effect::None;
            }
            Overlay::Search(_) if !ctrl_c => return self.search_key(key),
            Overlay::Conflict => return self.conflict_key(key, ctrl_c),
            _ => {}
        }
        match keys::action_for(&key, self.mode == Mode::Review) {
            Some(action) => self.update(action),
            None => Effect::None,
        }
    }

    fn conflict_key(&mut self, key: KeyEvent, ctrl_c: bool) -> Effect {
        let effect = match key.code {
            _ if ctrl_c => return Effect::Quit,
            KeyCode::Char('r') => Effect::Reload,
            KeyCode::Char('k') => Effect::Overwrite,
            KeyCode::Esc => {
                self.error("Not saved: the file changed on disk. Change a rating again to choose.");
                Effect::None
            }
            _ => return Effect::None,
        };
        self.overlay = Overlay::None;
        effect
    }

    pub fn update(&mut self, action: Action) -> Effect {
        match (&self.overlay, action) {
            (_, Action::Quit) => return Effect::Quit,
            (Overlay::Help, Action::Help) | (_, Action::Close) => {
                self.overlay = Overlay::None;
                return Effect::None;
            }
            (Overlay::Help, Action::Next) => {
                self.help_offset
                    .set(self.help_offset.get().saturating_add(1));
                return Effect::None;
            }
            (Overlay::Help, Action::Prev) => {
                self.help_offset
                    .set(self.help_offset.get().saturating_sub(1));
                return Effect::None;
            }
            (Overlay::Summary, Action::Help) => {
                self.overlay = Overlay::Help;
                return Effect::None;
            }
            (Overlay::Help | Overlay::Summary, Action::Summary) => {
                self.overlay = Overlay::Summary;
                return Effect::None;
            }
            (Overlay::Help | Overlay::Summary, _) => self.overlay = Overlay::None,
            _ => {}
        }
        match action {
            Action::Next => self.step(1),
            Action::Prev => self.step(-1),
            Action::NextArea => self.jump_area(1),
            Action::PrevArea => self.jump_area(-1),
            Action::Rate(value) => return self.rate(value),
            Action::Raise => {
                let value = self.scale().raise(self.value_here());
                return self.set_mark(Mark::Value(value));
            }
            Action::Lower => {
                let value = self.scale().lower(self.value_here());
                return self.set_mark(Mark::Value(value));
            }
            Action::NotApplicable => {
                let effect = self.set_mark(Mark::NotApplicable);
                if effect == Effect::Save && self.note_at(self.area, self.row).is_empty() {
                    self.open_note("Not applicable: say why (Esc keeps the note)");
                }
                return effect;
            }
            Action::Clear => return self.set_mark(Mark::Unrated),
            Action::NextUnrated => self.find(
                1,
                |app, a, r| app.mark_at(a, r) == Mark::Unrated,
                "All statements are rated.",
            ),
            Action::PrevUnrated => self.find(
                -1,
                |app, a, r| app.mark_at(a, r) == Mark::Unrated,
                "All statements are rated.",
            ),
            Action::NextGap => {
                self.find(1, App::is_gap, "No statement differs by 2 points or more.")
            }
            Action::NextLevel => self.switch_level(1),
            Action::PrevLevel => self.switch_level(-1),
            Action::Search => self.overlay = Overlay::Search(Search::default()),
            Action::EditNote => {
                if self.refuse_if_read_only() {
                    return Effect::None;
                }
                self.open_note("Note: your evidence (Esc closes and keeps it)");
            }
            Action::EditExternal => {
                if !self.refuse_if_read_only() {
                    return Effect::EditExternal;
                }
            }
            Action::Undo => return self.undo(),
            Action::Summary => self.overlay = Overlay::Summary,
            Action::Export => return Effect::Export,
            Action::Help => self.overlay = Overlay::Help,
            Action::Close | Action::Quit => {}
        }
        Effect::None
    }

    fn value_here(&self) -> Option<u8> {
        match self.mark_at(self.area, self.row) {
            Mark::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Moves `by` statements, crossing into the next or previous area at an
    /// area's end; stays put at the very first and last statement.
    fn step(&mut self, by: isize) {
        let (mut area, mut row) = (self.area, self.row as isize + by);
        while row < 0 && area > 0 {
            area -= 1;
            row += self.rows_in(area) as isize;
        }
        while row >= self.rows_in(area) as isize && area + 1 < self.area_count() {
            row -= self.rows_in(area) as isize;
            area += 1;
        }
        self.area = area;
        self.row = row.clamp(0, self.rows_in(area) as isize - 1) as usize;
    }

    fn jump_area(&mut self, by: isize) {
        let n = self.area_count() as isize;
        self.area = (self.area as isize + by).rem_euclid(n) as usize;
        self.row = 0;
        self.list_offset.set(0);
    }

    /// Every statement of the level in order, starting after the selection
    /// (or before it, backwards), wrapping around once.
    fn positions_from(&self, dir: isize) -> Vec<(usize, usize)> {
        let all: Vec<(usize, usize)> = (0..self.area_count())
            .flat_map(|a| (0..self.rows_in(a)).map(move |r| (a, r)))
            .collect();
        let here = all
            .iter()
            .position(|&p| p == (self.area, self.row))
            .unwrap_or(0);
        let n = all.len();
        (1..=n)
            .map(|i| {
                let i = if dir > 0 {
                    (here + i) % n
                } else {
                    (here + n * 2 - i) % n
                };
                all[i]
            })
            .collect()
    }

    fn find(&mut self, dir: isize, wanted: impl Fn(&App, usize, usize) -> bool, none: &str) {
        match self
            .positions_from(dir)
            .into_iter()
            .find(|&(a, r)| wanted(self, a, r))
        {
            Some((area, row)) => (self.area, self.row) = (area, row),
            None => self.info(none),
        }
    }

    fn refuse_if_read_only(&mut self) -> bool {
        match self.read_only.clone() {
            Some(holder) => {
                self.error(format!(
                    "Read-only: {holder} has this profile open for writing."
                ));
                true
            }
            None => false,
        }
    }

    fn rate(&mut self, value: u8) -> Effect {
        if !self.scale().contains(value) {
            let (lo, hi) = (self.scale().lowest(), self.scale().highest());
            self.error(format!("{value} is not on this scale: rate {lo} to {hi}."));
            return Effect::None;
        }
        let effect = self.set_mark(Mark::Value(value));
        if effect == Effect::Save {
            self.step(1);
        }
        effect
    }

    fn set_mark(&mut self, mark: Mark) -> Effect {
        if self.mark_at(self.area, self.row) == mark {
            return Effect::None;
        }
        self.change(self.area, self.row, |r| r.set_mark(mark))
    }

    /// The one door for every change to a rating: records the undo step,
    /// stamps the assessment and asks for a save.
    fn change(&mut self, area: usize, row: usize, edit: impl FnOnce(&mut Rating)) -> Effect {
        if self.refuse_if_read_only() {
            return Effect::None;
        }
        let index = match self.editing {
            Some(i) => i,
            None => {
                let role = self.mode.role();
                let round = crate::model::Assessment::new(role, &self.assessor, now());
                self.profile.assessments.push(round);
                let i = self.profile.assessments.len() - 1;
                self.editing = Some(i);
                i
            }
        };
        let key = self.keys[area][row].clone();
        let assessment = &mut self.profile.assessments[index];
        let before = assessment.edit(&key, edit);
        assessment.updated = now();
        self.undo.push(Undo { area, row, before });
        self.retally_area(area);
        Effect::Save
    }

    fn retally_area(&mut self, area: usize) {
        let level = &self.framework.crafts[self.craft].levels[self.level];
        let edited = self.editing.map(|i| &self.profile.assessments[i]);
        if let (Some(slot), Some(a)) = (self.tallies.get_mut(area), level.areas.get(area)) {
            *slot = area_tally(level, a, edited, &self.framework.scale);
        }
    }

    fn undo(&mut self) -> Effect {
        let (Some(step), Some(index)) = (self.undo.pop(), self.editing) else {
            self.info("Nothing to undo.");
            return Effect::None;
        };
        let key = self.keys[step.area][step.row].clone();
        let assessment = &mut self.profile.assessments[index];
        assessment.put(&key, step.before);
        assessment.updated = now();
        (self.area, self.row) = (step.area, step.row);
        self.retally_area(step.area);
        self.info("Undone.");
        Effect::Save
    }

    fn open_note(&mut self, prompt: &'static str) {
        let note = self.note_at(self.area, self.row);
        let mut textarea = TextArea::new(text::clean(note).lines().map(str::to_owned).collect());
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        self.overlay = Overlay::Note(Box::new(NoteEditor {
            textarea,
            area: self.area,
            row: self.row,
            prompt,
        }));
    }

    /// Closes the note editor, keeping its text.
    fn close_note(&mut self) -> Effect {
        let Overlay::Note(editor) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return Effect::None;
        };
        let text = editor.textarea.lines().join("\n").trim_end().to_owned();
        // The editor showed the note made safe; unchanged, it stays as written.
        if text::clean(self.note_at(editor.area, editor.row)).trim_end() == text {
            return Effect::None;
        }
        self.set_note(editor.area, editor.row, text)
    }

    /// Sets the note of a statement (from the editor or `$EDITOR`).
    pub fn set_note(&mut self, area: usize, row: usize, text: String) -> Effect {
        if self.note_at(area, row) == text {
            return Effect::None;
        }
        self.change(area, row, |r| r.note = (!text.is_empty()).then_some(text))
    }

    fn search_key(&mut self, key: KeyEvent) -> Effect {
        let Overlay::Search(search) = &mut self.overlay else {
            return Effect::None;
        };
        match key.code {
            KeyCode::Esc => self.overlay = Overlay::None,
            KeyCode::Enter => {
                if let Some(&(area, row)) = search.matches.get(search.selected) {
                    (self.area, self.row) = (area, row);
                }
                self.overlay = Overlay::None;
            }
            KeyCode::Down => {
                search.selected = (search.selected + 1).min(search.matches.len().saturating_sub(1))
            }
            KeyCode::Up => search.selected = search.selected.saturating_sub(1),
            KeyCode::Backspace => {
                search.query.pop();
                self.refresh_search();
            }
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL) && !text::is_unsafe(c) =>
            {
                search.query.push(c);
                self.refresh_search();
            }
            _ => {}
        }
        Effect::None
    }

    fn refresh_search(&mut self) {
        let query = match &self.overlay {
            Overlay::Search(s) => s.query.to_lowercase(),
            _ => return,
        };
        let mut matches = Vec::new();
        if !query.is_empty() {
            for (a, area) in self.lowered.iter().enumerate() {
                for (r, statement) in area.iter().enumerate() {
                    let notes = [self.rating_at(a, r), self.beside_at(a, r)];
                    let hit = statement.contains(&query)
                        || notes
                            .iter()
                            .flatten()
                            .any(|n| n.note().to_lowercase().contains(&query));
                    if hit {
                        matches.push((a, r));
                    }
                }
            }
        }
        if let Overlay::Search(search) = &mut self.overlay {
            search.matches = matches;
            search.selected = 0;
        }
    }
}
