//! The state of the assessment screen and every change to it. Plain data:
//! no terminal, no files. `handle_key`, `paste` and `update` return the
//! effect the loop must carry out (save, export, hand the terminal to an
//! editor); the loop hands the result back through the `on_*` methods.
//!
//! Every change is addressed by the statement's key: an undo step, the note
//! editor, a search hit. A position (area, row) only ever means a place on
//! the level shown now, and is recomputed from a key when needed.

mod actions;
mod conflicts;
mod evidence;
mod finding;
mod history;
mod merged;
mod notes;
mod pointer;
mod questions;
mod results;
mod wordings;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::action::{Action, DialogAction};
use super::clock::Moment;
use super::dialog::{Asking, Dialog};
use super::keys::{self, lookup};
pub use super::layout::Hit;
use super::layout::{Layout, MIN_HEIGHT, MIN_WIDTH};
use super::note::{NoteEditor, NoteOutcome};
use super::search::{Match, Search, SearchOutcome};
use crate::model::fingerprint::Fingerprints;
use crate::model::progress::{Tally, area_tally};
use crate::model::reviewers::{self, Why};
use crate::model::{
    Area, Assessment, Craft, Framework, Level, Mark, Profile, Rating, Role, Scale, StatementKey,
    text,
};
use crate::store::SaveError;

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
    /// Save over a profile that changed on disk ("keep mine"), keeping theirs beside it.
    Overwrite,
    Export,
    EditExternal,
    /// Re-read the profile from disk (after it changed there).
    Reload,
    /// Write the profile to a new file elsewhere (the save keeps failing).
    WriteCopy,
    /// Leave, once everything is saved (else the app asks).
    Quit,
    /// Leave although changes are not saved: the person chose to.
    QuitUnsaved,
    Suspend,
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

pub enum Overlay {
    None,
    Help,
    Summary,
    Note(Box<NoteEditor>),
    Search(Search),
    /// The action being typed on a statement (`a`).
    ActionLine(crate::tui::action_line::ActionLine),
    Dialog(Dialog),
    /// The person's level beside the next one (`D`).
    LevelDiff,
    /// What changed since the last round (`C`).
    RoundChanges,
    /// The selected statement's evidence (`v`).
    Evidence(Box<super::evidence::EvidenceDialog>),
}

/// One undoable change.
enum Step {
    /// The rating of `key` in one assessment, as it was.
    Rating {
        assessment: usize,
        key: StatementKey,
        before: Option<Rating>,
    },
    /// A change to the evidence, as made (its inverse undoes it).
    Evidence(crate::model::evidence_edit::EvidenceChange),
}

/// A save that went through, as the session reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// Where the other program's version was kept ("keep mine").
    pub theirs: Option<PathBuf>,
    /// The profile as written, when another writer's changes (to other
    /// assessments) were taken in with this save: the app shows it.
    pub merged: Option<Profile>,
    /// Something that failed beside the save (the backup), to be said.
    pub warning: Option<String>,
}

/// The note being typed reaches the file at most this long after it first
/// differs from it, even while the typing goes on.
pub const NOTE_SAVE_EVERY: Duration = Duration::from_secs(1);

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
    /// Why nothing can be changed here, when nothing can.
    pub read_only: Option<String>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Statements changed since the last save that went through.
    unsaved: BTreeSet<StatementKey>,
    /// The profile itself changed (a new round, another level) and is not saved.
    unsaved_profile: bool,
    /// Why the last save failed, while it has not succeeded since.
    pub save_failure: Option<String>,
    /// Where a copy was written when saving failed.
    rescue_copy: Option<PathBuf>,
    /// The terminal's size: below the smallest one, keys do nothing but quit.
    screen: (u16, u16),
    /// The size the last frame was drawn at.
    drawn: Option<(u16, u16)>,
    /// Statement keys of each area of the level, built once.
    keys: Vec<Vec<StatementKey>>,
    /// The statements of each area in lower case, for search, built once.
    lowered: Vec<Vec<String>>,
    /// The fingerprints of each statement's words, built once.
    fingerprints: Vec<Vec<Fingerprints>>,
    /// The edited assessment's tally per area, kept current on each change.
    tallies: Vec<Tally>,
    /// `--no-mouse` turns clicks and the wheel off.
    pub mouse_enabled: bool,
    /// What the last frame drew where (handed over by the loop).
    layout: Layout,
    /// How far the open popup's text (help, `D`, `C`) is scrolled.
    popup_offset: usize,
    /// How far the detail pane is scrolled, and for which statement: moving
    /// to another statement starts it at the top again.
    detail_key: Option<StatementKey>,
    detail_offset: usize,
    /// The words of the ratings given before this session are kept (on its first change).
    wordings_kept: bool,
    /// The time of the input being handled, as the loop told it.
    now: Moment,
    /// Whether the open question takes answers yet.
    asking: Asking,
    /// A question that came while the person was typing (a note, a
    /// search): it waits until they leave the editor.
    waiting: Option<Dialog>,
    /// Keys still coming in the same read as the key that answered a
    /// question were typed before the screen below was back: they are
    /// dropped, and counted here, until the next frame.
    held: Option<usize>,
    /// The statement a digit just rated (the selection moved on): `n`,
    /// `Enter` or `E` right after writes its note.
    just_rated: Option<StatementKey>,
    /// Since when the note editor holds text the file does not.
    note_pending_since: Option<Instant>,
    /// `D` or `C` was opened from the summary: `Esc` goes back there.
    from_summary: bool,
    /// The statement whose note `E` hands to the editor, when it is not
    /// the selected one (the one just rated).
    external: Option<StatementKey>,
    /// The round shown beside this session's (`reviewers::beside`): in a
    /// self assessment the review that stands, in a review the person's
    /// current round. An index into the profile's assessments.
    person_beside: Option<(usize, Option<Why>)>,
    /// In a review: the review that would stand without this reviewer's (a
    /// skip-level calibrates against the direct manager's).
    other_review: Option<(usize, Why)>,
    /// In a review: `m` shows the other review beside instead of the person's.
    pub showing_other: bool,
    /// Rounds of the profile this session may not see yet: blind, of the
    /// other side, not open (`reviewers::hidden`).
    hidden: Vec<usize>,
    /// Which rounds are open to everyone (`reviewers::open_rounds`).
    open: Vec<bool>,
}

/// The note editor's title, by who writes.
const EVIDENCE_PROMPT: &str = "Note: your evidence (Esc closes and keeps it)";
const REVIEW_PROMPT: &str = "Note: your review of this rating (Esc closes and keeps it)";

/// The assessment a session edits: the latest of its role, and in a review
/// the latest by this manager (another manager's round is never changed,
/// and a later one by someone else does not hide this manager's own).
fn editable_index(profile: &Profile, mode: Mode, assessor: &str) -> Option<usize> {
    let role = mode.role();
    profile
        .assessments
        .iter()
        .rposition(|a| a.role == role && (mode == Mode::Assess || a.assessor == assessor))
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
        let now = Moment::now();
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
            redo: Vec::new(),
            unsaved: BTreeSet::new(),
            unsaved_profile: false,
            save_failure: None,
            rescue_copy: None,
            screen: (u16::MAX, u16::MAX),
            drawn: None,
            keys: Vec::new(),
            lowered: Vec::new(),
            fingerprints: Vec::new(),
            tallies: Vec::new(),
            mouse_enabled: true,
            layout: Layout::default(),
            popup_offset: 0,
            detail_key: None,
            detail_offset: 0,
            wordings_kept: false,
            asking: Asking::new(now.instant),
            now,
            waiting: None,
            held: None,
            just_rated: None,
            note_pending_since: None,
            from_summary: false,
            external: None,
            person_beside: None,
            other_review: None,
            showing_other: false,
            hidden: Vec::new(),
            open: Vec::new(),
        };
        app.show_level(level);
        app.restand();
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
                    .map(|s| StatementKey::new(&level_ref.id, &a.id, &s.id))
                    .collect()
            })
            .collect();
        self.lowered = level_ref
            .areas
            .iter()
            .map(|a| a.statements.iter().map(|s| text::folded(&s.text)).collect())
            .collect();
        self.fingerprints = level_ref
            .areas
            .iter()
            .map(|a| a.statements.iter().map(|s| s.fingerprints()).collect())
            .collect();
        self.level = level;
        (self.area, self.row) = (0, 0);
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

    /// The profile's own level (not the one shown).
    pub fn own_level(&self) -> &Level {
        self.craft()
            .level(&self.profile.level)
            .unwrap_or_else(|| self.level())
    }

    /// The level above the profile's own, by rank.
    pub fn next_level(&self) -> Option<&Level> {
        let own = self.own_level().rank;
        self.craft()
            .levels
            .iter()
            .filter(|l| l.rank > own)
            .min_by_key(|l| l.rank)
    }

    /// This session's rounds, oldest first, up to the edited one (or
    /// `None` in its place when nothing is rated yet): what the summary
    /// compares. In a review, only this manager's.
    pub fn rounds(&self) -> Vec<Option<&Assessment>> {
        let Some(index) = self.editing else {
            return vec![None];
        };
        let role = self.mode.role();
        self.profile.assessments[..=index]
            .iter()
            .filter(|a| {
                a.role == role && (self.mode == Mode::Assess || a.assessor == self.assessor)
            })
            .map(Some)
            .collect()
    }

    /// The round of this session's role before the edited one (in a
    /// review, this reviewer's own round before).
    pub fn previous_round(&self) -> Option<&Assessment> {
        let index = self.editing?;
        let role = self.mode.role();
        self.profile.assessments[..index].iter().rev().find(|a| {
            a.role == role
                && (self.mode == Mode::Assess || reviewers::same_name(&a.assessor, &self.assessor))
        })
    }

    /// `m` in a review: the other review beside yours, or the person's again.
    fn toggle_other(&mut self) {
        let person = text::clean_line(&self.profile.person).into_owned();
        let Some((other, _)) = self.other_review() else {
            self.info(format!("Nobody else has reviewed {person} yet."));
            return;
        };
        let name = text::clean_line(&other.assessor).into_owned();
        self.showing_other = !self.showing_other;
        self.info(if self.showing_other {
            format!("Beside yours: {name}'s ratings (m: {person}'s).")
        } else {
            format!("Beside yours: {person}'s ratings (m: {name}'s).")
        });
    }

    /// Finds again, by the one rule, the rounds shown beside this
    /// session's: after the profile or its direct manager changed.
    pub(crate) fn restand(&mut self) {
        let viewer = match self.mode {
            Mode::Assess => reviewers::Viewer::Person,
            Mode::Review => reviewers::Viewer::Reviewer(&self.assessor),
        };
        self.hidden = reviewers::hidden(&self.profile, viewer);
        self.open = reviewers::open_rounds(&self.profile);
        let profile = &self.profile;
        let index_of = |a: &Assessment| profile.assessments.iter().position(|b| std::ptr::eq(a, b));
        self.person_beside = match self.mode {
            Mode::Assess => reviewers::beside(profile, None)
                .ok()
                .flatten()
                .and_then(|b| Some((index_of(b.review)?, Some(b.why)))),
            Mode::Review => profile.current_index(Role::Own).map(|i| (i, None)),
        };
        self.other_review = match self.mode {
            Mode::Assess => None,
            Mode::Review => reviewers::beside_other(profile, &self.assessor)
                .and_then(|b| Some((index_of(b.review)?, b.why))),
        };
        if self.other_review.is_none() {
            self.showing_other = false;
        }
    }

    /// The other review of a review session (see `other_review`), and why
    /// it would stand.
    pub fn other_review(&self) -> Option<(&Assessment, Why)> {
        let (i, why) = self.other_review?;
        Some((self.seen(i)?, why))
    }

    /// The assessment at `i`, unless it is a blind round this session may
    /// not see yet: every round shown beside comes through here.
    fn seen(&self, i: usize) -> Option<&Assessment> {
        (!self.hidden.contains(&i)).then(|| &self.profile.assessments[i])
    }

    /// The blind round that would stand beside this session's, while it
    /// may not be seen: named on the screen, never shown.
    pub fn blind_beside(&self) -> Option<&Assessment> {
        let i = match (self.showing_other, self.other_review, self.person_beside) {
            (true, Some((i, _)), _) | (false, _, Some((i, _))) => i,
            _ => return None,
        };
        self.hidden
            .contains(&i)
            .then(|| &self.profile.assessments[i])
    }

    /// What the screen says of blindness: the other side's round it may
    /// not show yet, or this session's own blind round not shown to them.
    pub fn blind_words(&self) -> Option<String> {
        if let Some(other) = self.blind_beside() {
            let who = match other.role {
                Role::Own => text::clean_line(&self.profile.person),
                Role::Manager => text::clean_line(&other.assessor),
            };
            return Some(format!(
                "Blind round: {who}'s ratings and notes show once you both have signed off (F), or when {who} reveals them."
            ));
        }
        let mine = self.edited()?;
        (mine.blind && mine.revealed.is_none() && !self.is_open(self.editing?)).then(|| {
            "Your round is blind: the other side sees it once you both have signed off (F); V reveals it now."
                .to_owned()
        })
    }

    /// Whether the round at `i` is open to everyone.
    fn is_open(&self, i: usize) -> bool {
        self.open.get(i).copied().unwrap_or(true)
    }

    /// The person's current round, unless it is blind and not open to
    /// this reviewer yet.
    pub fn person_round(&self) -> Option<&Assessment> {
        self.seen(self.profile.current_index(Role::Own)?)
    }

    /// The round beside this session's by the rule, and why it stands
    /// (`None` for the person's own round in a review).
    pub fn standing(&self) -> Option<(&Assessment, Option<Why>)> {
        let (i, why) = self.person_beside?;
        Some((self.seen(i)?, why))
    }

    /// Whose ratings the column beside shows: the reviewer's name, or in a
    /// review `self` (the person's) or the other reviewer's name.
    pub fn beside_name(&self) -> Option<String> {
        if self.blind_beside().is_some() {
            return Some("blind".to_owned());
        }
        let shown = self.beside()?;
        Some(match (self.mode, self.showing_other) {
            (Mode::Review, false) => "self".to_owned(),
            _ => text::clean_line(&shown.assessor).into_owned(),
        })
    }

    /// The person's first name, for words spoken to a reviewer.
    pub fn person_first_name(&self) -> String {
        let person = text::clean_line(&self.profile.person);
        person.split_whitespace().next().unwrap_or("").to_owned()
    }

    /// The note editor's title for this session.
    fn note_prompt(&self) -> &'static str {
        match self.mode {
            Mode::Assess => EVIDENCE_PROMPT,
            Mode::Review => REVIEW_PROMPT,
        }
    }

    /// Names `name` the person's direct manager (`manager = "NAME"`): their
    /// review stands beside the person's from now on.
    pub fn name_manager(&mut self, name: &str) -> Effect {
        if let Some(reason) = self.read_only.clone() {
            self.error(format!("Read-only: {reason}."));
            return Effect::None;
        }
        if reviewers::is_direct_manager(&self.profile, name) {
            return Effect::None;
        }
        let before = self.profile.manager.replace(name.trim().to_owned());
        self.unsaved_profile = true;
        self.restand();
        let (who, person) = (
            text::clean_line(name),
            text::clean_line(&self.profile.person),
        );
        self.info(match before {
            Some(old) => format!(
                "{who} is now {person}'s direct manager (was {}).",
                text::clean_line(&old)
            ),
            None => format!("{who} is named {person}'s direct manager."),
        });
        Effect::Save
    }

    /// Selects the first statement of the area `id` of the profile's level.
    pub fn select_area(&mut self, id: &str) {
        let Some(level) = self.craft().level(&self.profile.level) else {
            return;
        };
        let Some(area) = level.area(id) else {
            return;
        };
        if let Some(first) = area.statements.first() {
            let key = StatementKey::new(&level.id, &area.id, &first.id);
            self.select(&key);
        }
    }

    /// True when the shown level is not the one the profile is assessed against.
    pub fn is_other_level(&self) -> bool {
        self.level().id != self.profile.level
    }

    /// Starts a new dated round pre-filled from the last one.
    pub fn start_new_round(&mut self) -> Effect {
        self.start_round(false)
    }

    /// Starts a new dated round, blind when asked (`--blind`), when the
    /// profile says every round is, or when the other side's is.
    pub fn start_round(&mut self, blind: bool) -> Effect {
        let role = self.mode.role();
        let blind = blind || reviewers::starts_blind(&self.profile, role, &self.assessor);
        let index = self
            .profile
            .new_round(role, &self.assessor, self.now.stamp());
        self.profile.assessments[index].blind = blind;
        self.editing = Some(index);
        self.undo.clear();
        self.redo.clear();
        self.unsaved_profile = true;
        self.retally();
        self.restand();
        Effect::Save
    }

    /// Marks a new profile (never saved yet) as needing its first save.
    pub fn mark_new(&mut self) -> Effect {
        self.unsaved_profile = true;
        Effect::Save
    }

    /// Replaces the profile with the one re-read from disk.
    fn replace_profile(&mut self, profile: Profile) {
        self.editing = editable_index(&profile, self.mode, &self.assessor);
        self.profile = profile;
        self.restand();
        self.undo.clear();
        self.redo.clear();
        self.unsaved.clear();
        self.unsaved_profile = false;
        self.save_failure = None;
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

    pub fn key_of(&self, area: usize, row: usize) -> &StatementKey {
        &self.keys[area][row]
    }

    /// The key of the selected statement.
    pub fn selected_key(&self) -> &StatementKey {
        self.key_of(self.area, self.row)
    }

    /// Where `key` stands on the level shown now, if it is on it.
    fn position_of(&self, key: &StatementKey) -> Option<(usize, usize)> {
        if key.level() != self.level().id {
            return None;
        }
        let area = self.level().areas.iter().position(|a| a.id == key.area())?;
        let row = self.level().areas[area]
            .statements
            .iter()
            .position(|s| s.id == key.statement())?;
        Some((area, row))
    }

    /// Selects the statement of `key`, showing its level first if need be.
    pub fn select(&mut self, key: &StatementKey) {
        if key.level() != self.level().id
            && let Some(level) = self.craft().levels.iter().position(|l| l.id == key.level())
        {
            self.show_level(level);
        }
        if let Some((area, row)) = self.position_of(key) {
            (self.area, self.row) = (area, row);
        }
    }

    /// "Automation 2": how a person finds a statement, from its key.
    pub fn describe(&self, key: &StatementKey) -> String {
        let area = self
            .craft()
            .level(key.level())
            .and_then(|l| l.area(key.area()));
        match area {
            Some(area) if key.level() == self.level().id => {
                format!("{} {}", area.name, key.statement())
            }
            Some(area) => format!("{} {} ({})", area.name, key.statement(), key.level()),
            None => key.to_string(),
        }
    }

    /// The statement of `key`, on any level of the craft.
    pub fn statement(&self, key: &StatementKey) -> Option<&crate::model::Statement> {
        self.craft()
            .level(key.level())
            .and_then(|l| l.area(key.area()))
            .and_then(|a| a.statements.iter().find(|s| s.id == key.statement()))
    }

    /// The statement's text, for popups that name it.
    pub fn statement_text(&self, key: &StatementKey) -> &str {
        self.statement(key).map_or("", |s| s.text.as_str())
    }

    /// The assessment being edited, if there is one yet.
    pub fn edited(&self) -> Option<&Assessment> {
        self.editing.map(|i| &self.profile.assessments[i])
    }

    /// The round shown beside this session's, never changed here: in a
    /// self assessment the review that stands by the one rule
    /// (`reviewers::beside`); in a review the person's current round, or
    /// with `m` the other review.
    pub fn beside(&self) -> Option<&Assessment> {
        if self.showing_other {
            return self.other_review().map(|(a, _)| a);
        }
        self.standing().map(|(a, _)| a)
    }

    pub fn rating_of(&self, key: &StatementKey) -> Option<&Rating> {
        self.edited()?.rating(key.as_str())
    }

    pub fn rating_at(&self, area: usize, row: usize) -> Option<&Rating> {
        self.rating_of(self.key_of(area, row))
    }

    /// The note on a statement, empty when there is none.
    pub fn note_at(&self, area: usize, row: usize) -> &str {
        self.rating_at(area, row).map_or("", Rating::note)
    }

    fn note_of(&self, key: &StatementKey) -> &str {
        self.rating_of(key).map_or("", Rating::note)
    }

    /// The rating of a statement in words: "3 Mostly", "not applicable",
    /// "not rated yet".
    pub fn rating_words(&self, key: &StatementKey) -> String {
        match self.rating_of(key).map_or(Mark::Unrated, Rating::mark) {
            Mark::Value(v) => format!("{v} {}", self.scale().label(v)),
            Mark::NotApplicable => "not applicable".to_owned(),
            Mark::Unrated => "not rated yet".to_owned(),
        }
    }

    pub fn mark_at(&self, area: usize, row: usize) -> Mark {
        self.rating_at(area, row)
            .map_or(Mark::Unrated, Rating::mark)
    }

    /// True when the statement was reworded since this session's rating of it.
    fn is_reworded(&self, key: &StatementKey) -> bool {
        self.position_of(key)
            .is_some_and(|(area, row)| self.is_reworded_at(area, row))
    }

    /// True when the statement was reworded since this session's rating of it.
    pub fn is_reworded_at(&self, area: usize, row: usize) -> bool {
        let seen = self.rating_at(area, row).and_then(|r| r.seen.as_deref());
        seen.is_some_and(|seen| {
            self.fingerprints_at(area, row)
                .is_some_and(|prints| !prints.matches(seen))
        })
    }

    fn fingerprints_at(&self, area: usize, row: usize) -> Option<&Fingerprints> {
        self.fingerprints.get(area).and_then(|a| a.get(row))
    }

    /// The fingerprint of a statement's words now, for a rating given now.
    fn fingerprint_of(&self, key: &StatementKey) -> Option<String> {
        match self.position_of(key) {
            Some((area, row)) => self
                .fingerprints_at(area, row)
                .map(|prints| prints.now().to_owned()),
            None => self
                .statement(key)
                .map(crate::model::Statement::fingerprint),
        }
    }

    pub fn beside_at(&self, area: usize, row: usize) -> Option<&Rating> {
        self.beside()?.rating(self.key_of(area, row).as_str())
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
        // In a review, this manager's rounds: another's are not theirs to count.
        let earlier = self.profile.assessments[..until]
            .iter()
            .filter(|a| {
                a.role == role && (self.mode == Mode::Assess || a.assessor == self.assessor)
            })
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

    /// The time of the input about to be handled, told by the loop.
    pub fn set_now(&mut self, now: Moment) {
        self.now = now;
    }

    pub fn now(&self) -> &Moment {
        &self.now
    }

    /// Before a frame is drawn at `now`: keys held back since a question
    /// was answered are used again from here on, and a question that has
    /// been on screen long enough, with no key typed, takes answers (this
    /// frame shows its choices).
    pub fn before_frame(&mut self, now: Moment) {
        self.now = now;
        self.held = None;
        if matches!(self.overlay, Overlay::Dialog(_)) {
            self.asking.settle(self.now.instant);
        }
    }

    /// A frame was drawn: a question on it has been shown (unless the
    /// terminal was too small to show it).
    pub fn after_frame(&mut self) {
        if !matches!(self.overlay, Overlay::Dialog(_)) {
            return;
        }
        if self.is_too_small() {
            self.asking.hidden();
        } else {
            self.asking.drawn(self.now.instant);
        }
    }

    /// The terminal's size, told by the loop before each frame.
    pub fn set_screen(&mut self, width: u16, height: u16) {
        self.screen = (width, height);
    }

    /// A frame was drawn at this size. A resize can be on screen before its
    /// event arrives, behind keys typed after it: the new size counts from
    /// the frame that shows it.
    pub fn drawn_at(&mut self, width: u16, height: u16) {
        if self.drawn != Some((width, height)) {
            self.drawn = Some((width, height));
            self.set_screen(width, height);
        }
    }

    /// True while the screen shows "too small" instead of the profile.
    pub fn is_too_small(&self) -> bool {
        self.screen.0 < MIN_WIDTH || self.screen.1 < MIN_HEIGHT
    }

    /// What the last frame drew where, handed over by the loop after each
    /// frame: the page size, the places a click reaches, how far texts scroll.
    pub fn set_layout(&mut self, layout: Layout) {
        self.layout = layout;
    }

    /// How far the open popup's text is scrolled.
    pub fn popup_offset(&self) -> usize {
        self.popup_offset.min(self.layout.popup_scroll_max)
    }

    /// A key press: the open popup's table first, then the main table.
    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        if key.kind != KeyEventKind::Press {
            return Effect::None;
        }
        let review = self.mode == Mode::Review;
        // Only the very next key may write the note of the statement just rated.
        let just_rated = self.just_rated.take();
        if let Some(held) = &mut self.held {
            *held += 1;
            let said = match *held {
                1 => "A key typed as the question closed was not used.".to_owned(),
                n => format!("{n} keys typed as the question closed were not used."),
            };
            self.info(said);
            return Effect::None;
        }
        // A message speaks of the last key only.
        self.status = None;
        if self.is_too_small() {
            // Nothing changes unseen: only quitting works until the screen fits.
            return match keys::action_for(&key, review) {
                Some(Action::Quit) => Effect::Quit,
                _ => Effect::None,
            };
        }
        match &mut self.overlay {
            Overlay::Note(editor) => match editor.handle(key) {
                NoteOutcome::Continue => Effect::None,
                NoteOutcome::Close => self.close_note(),
                NoteOutcome::Suspend => Effect::Suspend,
            },
            Overlay::Search(search) => {
                let outcome = search.handle(key);
                self.on_search(outcome)
            }
            Overlay::ActionLine(line) => {
                let outcome = line.handle(key);
                self.on_action_line(outcome)
            }
            Overlay::Dialog(_) if !self.asking.takes_answers() => {
                // Typed before the question could be read: not an answer.
                self.asking.ignore(self.now.instant);
                Effect::None
            }
            Overlay::Dialog(dialog) => match lookup(dialog.keys(), &key, review) {
                Some(answer) => self.answer(answer),
                None => Effect::None,
            },
            Overlay::Evidence(_) => self.evidence_key(key),
            _ => match keys::action_for(&key, review) {
                Some(action) => {
                    self.just_rated = just_rated;
                    self.update(action)
                }
                None => Effect::None,
            },
        }
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let just_rated = self.just_rated.take();
        let from_summary = matches!(self.overlay, Overlay::Summary);
        match (&self.overlay, action) {
            (_, Action::Quit) => return Effect::Quit,
            (_, Action::Suspend) => return Effect::Suspend,
            (Overlay::LevelDiff | Overlay::RoundChanges, Action::Close) if self.from_summary => {
                self.overlay = Overlay::Summary;
                return Effect::None;
            }
            (Overlay::Help, Action::Help) | (_, Action::Close) => {
                self.overlay = Overlay::None;
                return Effect::None;
            }
            (Overlay::Help | Overlay::LevelDiff | Overlay::RoundChanges, Action::Next) => {
                self.popup_offset = self.popup_offset().saturating_add(1);
                return Effect::None;
            }
            (Overlay::Help | Overlay::LevelDiff | Overlay::RoundChanges, Action::Prev) => {
                self.popup_offset = self.popup_offset().saturating_sub(1);
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
            (Overlay::Help | Overlay::Summary | Overlay::LevelDiff | Overlay::RoundChanges, _) => {
                self.overlay = Overlay::None
            }
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
                    let key = self.selected_key().clone();
                    self.open_note(key, "Not applicable: say why (Esc keeps the note)");
                }
                return effect;
            }
            Action::Clear => return self.set_mark(Mark::Unrated),
            Action::NextUnrated => self.find(
                1,
                "Unrated",
                |app, a, r| app.mark_at(a, r) == Mark::Unrated,
                "All statements are rated.",
            ),
            Action::PrevUnrated => self.find(
                -1,
                "Unrated",
                |app, a, r| app.mark_at(a, r) == Mark::Unrated,
                "All statements are rated.",
            ),
            Action::NextGap => self.find(
                1,
                "Gap",
                App::is_gap,
                "No statement differs by 2 points or more.",
            ),
            Action::ShowOther => self.toggle_other(),
            Action::NextLevel => self.switch_level(1),
            Action::PrevLevel => self.switch_level(-1),
            Action::Search => self.overlay = Overlay::Search(Search::default()),
            Action::Evidence => self.open_evidence(),
            Action::EditNote => {
                if self.refuse_if_read_only() {
                    return Effect::None;
                }
                let key = just_rated.unwrap_or_else(|| self.selected_key().clone());
                if self.is_reworded(&key) {
                    self.ask(Dialog::Reworded { key });
                } else {
                    self.open_note(key, self.note_prompt());
                }
            }
            Action::NextReworded => self.find(
                1,
                "Reworded",
                App::is_reworded_at,
                "No statement was reworded since you rated it.",
            ),
            Action::EditExternal => {
                if !self.refuse_if_read_only() {
                    self.external = just_rated;
                    return Effect::EditExternal;
                }
            }
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::Summary => self.overlay = Overlay::Summary,
            Action::Finish => self.ask_finish(),
            Action::Reveal => self.ask_reveal(),
            Action::AddAction => self.open_action_line(),
            Action::ToggleAction => return self.toggle_action(),
            Action::DeleteAction => self.ask_delete_action(),
            Action::SettleConflict => self.ask_settle(),
            Action::First => (self.area, self.row) = (0, 0),
            Action::Last => {
                self.area = self.area_count().saturating_sub(1);
                self.row = self.rows_in(self.area).saturating_sub(1);
            }
            Action::PageDown => self.step(self.page() as isize),
            Action::PageUp => self.step(-(self.page() as isize)),
            Action::DetailDown => self.scroll_detail(1),
            Action::DetailUp => self.scroll_detail(-1),
            Action::LevelDiff => {
                if self.next_level().is_some() {
                    self.popup_offset = 0;
                    self.from_summary = from_summary;
                    self.overlay = Overlay::LevelDiff;
                } else {
                    self.info("Your level is the highest of the craft.");
                }
            }
            Action::RoundChanges => {
                if self.previous_round().is_some() {
                    self.popup_offset = 0;
                    self.from_summary = from_summary;
                    self.overlay = Overlay::RoundChanges;
                } else {
                    self.info("There is no earlier round to compare with yet.");
                }
            }
            Action::Export => return Effect::Export,
            Action::Help => self.overlay = Overlay::Help,
            Action::Close | Action::Quit | Action::Suspend => {}
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
    }

    /// How many statement rows the list shows: a page for PgUp / PgDn.
    fn page(&self) -> usize {
        self.layout.list_rows.max(1)
    }

    fn refuse_if_read_only(&mut self) -> bool {
        if self.refuse_if_file_read_only() {
            return true;
        }
        if let Some(date) = self.finished_on() {
            self.error(format!(
                "This round was signed off on {date}: start a new round to change it ({}).",
                self.new_round_command()
            ));
            return true;
        }
        false
    }

    /// Nothing of the file changes here (another session has it): what
    /// is not a round's (the actions) changes after a sign-off too.
    fn refuse_if_file_read_only(&mut self) -> bool {
        if let Some(reason) = self.read_only.clone() {
            self.error(format!("Read-only: {reason}."));
            return true;
        }
        false
    }

    /// The first line of the detail pane shown for the selected statement,
    /// as scrolled (the view keeps it within the pane's text).
    pub fn detail_offset(&self) -> usize {
        if self.detail_key.as_ref() != Some(self.selected_key()) {
            return 0;
        }
        self.detail_offset.min(self.layout.detail_scroll_max)
    }

    fn scroll_detail(&mut self, by: isize) {
        let here = self.selected_key().clone();
        let from = self.detail_offset();
        self.detail_key = Some(here);
        self.detail_offset = from
            .saturating_add_signed(by)
            .min(self.layout.detail_scroll_max);
    }

    /// The day the edited round was signed off, if it was.
    pub fn finished_on(&self) -> Option<String> {
        let finished = self.edited()?.finished?;
        Some(
            finished
                .date
                .map_or_else(|| finished.to_string(), |d| d.to_string()),
        )
    }

    /// How to start a new round of this session's role.
    pub fn new_round_command(&self) -> &'static str {
        match self.mode {
            Mode::Assess => "rungs assess --new-round",
            Mode::Review => "rungs review PROFILE --as NAME --new-round",
        }
    }

    fn rate(&mut self, value: u8) -> Effect {
        if !self.scale().contains(value) {
            let (lo, hi) = (self.scale().lowest(), self.scale().highest());
            self.error(format!("{value} is not on this scale: rate {lo} to {hi}."));
            return Effect::None;
        }
        let rated = self.selected_key().clone();
        let effect = self.set_mark(Mark::Value(value));
        if effect == Effect::Save {
            self.step(1);
            if *self.selected_key() != rated {
                self.just_rated = Some(rated);
            }
        }
        effect
    }

    fn set_mark(&mut self, mark: Mark) -> Effect {
        if self.mark_at(self.area, self.row) == mark {
            return Effect::None;
        }
        let key = self.selected_key().clone();
        let seen = (mark != Mark::Unrated)
            .then(|| self.fingerprint_of(&key))
            .flatten();
        let was_done = self.all_rated();
        let effect = self.change(&key, true, |r| {
            r.set_mark(mark);
            r.seen = seen;
        });
        if effect == Effect::Save && !was_done && self.all_rated() {
            let total = self.total_tally().total;
            self.info(format!(
                "All {total} rated — s for the summary, e to export."
            ));
        }
        effect
    }

    /// Every applicable statement of the level shown has a rating.
    fn all_rated(&self) -> bool {
        let tally = self.total_tally();
        tally.total > 0 && tally.rated == tally.total
    }

    /// The one door for every change to a rating: records the undo step
    /// (unless this change continues one already recorded), stamps the
    /// assessment and asks for a save.
    fn change(
        &mut self,
        key: &StatementKey,
        record: bool,
        edit: impl FnOnce(&mut Rating),
    ) -> Effect {
        if self.refuse_if_read_only() {
            return Effect::None;
        }
        let index = match self.editing {
            Some(i) => i,
            None => {
                let mut round = Assessment::new(self.mode.role(), &self.assessor, self.now.stamp());
                round.blind =
                    reviewers::starts_blind(&self.profile, self.mode.role(), &self.assessor);
                self.profile.assessments.push(round);
                let i = self.profile.assessments.len() - 1;
                self.editing = Some(i);
                self.restand();
                i
            }
        };
        let assessment = &mut self.profile.assessments[index];
        let before = assessment.edit(key, edit);
        assessment.updated = self.now.stamp();
        if record {
            self.undo.push(Step::Rating {
                assessment: index,
                key: key.clone(),
                before,
            });
        }
        self.redo.clear();
        self.unsaved.insert(key.clone());
        self.retally_key(key);
        self.keep_wordings(key);
        Effect::Save
    }

    fn retally_key(&mut self, key: &StatementKey) {
        let Some((area, _)) = self.position_of(key) else {
            return;
        };
        let level = &self.framework.crafts[self.craft].levels[self.level];
        let edited = self.editing.map(|i| &self.profile.assessments[i]);
        if let (Some(slot), Some(a)) = (self.tallies.get_mut(area), level.areas.get(area)) {
            *slot = area_tally(level, a, edited, &self.framework.scale);
        }
    }
}
