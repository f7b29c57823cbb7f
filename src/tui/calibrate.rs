//! The calibration grid (`rungs team DIR --tui`): people × areas of one
//! group at a time, self or manager or both, sorted and filtered; `Enter`
//! hands the terminal to that person's review and the grid comes back when
//! it ends. The state and its key tables are here; [`super::view::calibrate`]
//! draws it from the same [`Team`] the exports print, and
//! [`super::run_grid`] is its loop.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keys::{Binding, Key, Scope, TableAction, lookup};
use crate::model::calibration::ReviewerTable;
use crate::model::team::{Group, Person, Team};
use crate::model::text::{identity, is_unsafe};

/// Which ratings the cells show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Own,
    Manager,
    /// Self and manager side by side.
    Both,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Own => "self",
            Side::Manager => "manager",
            Side::Both => "self │ manager",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Name,
    /// Most of the applicable statements met first.
    Met,
    /// Most self-vs-manager gaps first.
    Gaps,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Met => "met",
            Sort::Gaps => "gaps",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridAction {
    Down,
    Up,
    Left,
    Right,
    First,
    Last,
    PageDown,
    PageUp,
    NextGroup,
    PrevGroup,
    Side,
    Sort,
    Filter,
    Reviewers,
    Open,
    Help,
    Close,
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    Keep,
    Clear,
    Erase,
}

impl TableAction for GridAction {}
impl TableAction for FilterAction {}

pub(crate) const fn c(ch: char) -> Key {
    Key::Code(KeyCode::Char(ch))
}

pub(crate) const fn bind<A: Copy>(
    keys: &'static [Key],
    label: &'static str,
    action: A,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding<A> {
    Binding {
        keys,
        label,
        action,
        help,
        footer,
        scope: Scope::Everywhere,
    }
}

/// The grid's keys: its help and its footer are drawn from this table.
pub const GRID_KEYS: &[Binding<GridAction>] = &[
    bind(
        &[c('j'), Key::Code(KeyCode::Down)],
        "j/↓",
        GridAction::Down,
        "next person",
        Some("move"),
    ),
    bind(
        &[c('k'), Key::Code(KeyCode::Up)],
        "k/↑",
        GridAction::Up,
        "previous person",
        None,
    ),
    bind(
        &[c('l'), Key::Code(KeyCode::Right)],
        "l/→",
        GridAction::Right,
        "next area",
        None,
    ),
    bind(
        &[c('h'), Key::Code(KeyCode::Left)],
        "h/←",
        GridAction::Left,
        "previous area",
        None,
    ),
    bind(&[c('g')], "g", GridAction::First, "first person", None),
    bind(&[c('G')], "G", GridAction::Last, "last person", None),
    bind(
        &[Key::Code(KeyCode::PageDown)],
        "PgDn",
        GridAction::PageDown,
        "a page down",
        None,
    ),
    bind(
        &[Key::Code(KeyCode::PageUp)],
        "PgUp",
        GridAction::PageUp,
        "a page up",
        None,
    ),
    bind(
        &[Key::Code(KeyCode::Tab)],
        "Tab",
        GridAction::NextGroup,
        "next group (framework · craft · level)",
        Some("group"),
    ),
    bind(
        &[Key::Code(KeyCode::BackTab)],
        "S-Tab",
        GridAction::PrevGroup,
        "previous group",
        None,
    ),
    bind(
        &[c('m')],
        "m",
        GridAction::Side,
        "show self, manager, or both side by side",
        Some("self/manager"),
    ),
    bind(
        &[c('s')],
        "s",
        GridAction::Sort,
        "sort by name, met, or gaps",
        Some("sort"),
    ),
    bind(
        &[c('/')],
        "/",
        GridAction::Filter,
        "filter people by name",
        Some("filter"),
    ),
    bind(
        &[c('r')],
        "r",
        GridAction::Reviewers,
        "the reviewers calibrated against each other, and where they disagree (again: the people)",
        Some("reviewers"),
    ),
    bind(
        &[Key::Code(KeyCode::Enter)],
        "Enter",
        GridAction::Open,
        "open this person's review at the selected area (read-only if open elsewhere); q there comes back",
        Some("review"),
    ),
    bind(&[c('?')], "?", GridAction::Help, "help", Some("help")),
    bind(
        &[Key::Code(KeyCode::Esc)],
        "Esc",
        GridAction::Close,
        "close the help or the reviewers; clear the filter",
        None,
    ),
    bind(
        &[c('q'), Key::Ctrl('c')],
        "q",
        GridAction::Quit,
        "quit",
        Some("quit"),
    ),
];

/// The filter line's keys: every other key types into the filter.
pub const FILTER_KEYS: &[Binding<FilterAction>] = &[
    bind(
        &[Key::Code(KeyCode::Enter)],
        "Enter",
        FilterAction::Keep,
        "keep the filter",
        Some("keep"),
    ),
    bind(
        &[Key::Code(KeyCode::Esc), Key::Ctrl('c')],
        "Esc",
        FilterAction::Clear,
        "clear the filter",
        Some("clear"),
    ),
    bind(
        &[Key::Code(KeyCode::Backspace)],
        "Bksp",
        FilterAction::Erase,
        "erase the last character",
        None,
    ),
];

/// What the loop does after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    /// Run the review of this profile, then come back.
    Open(Opening),
    Quit,
}

/// A review to open from the grid: whose, and at which area (the selected
/// cell's column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub path: PathBuf,
    /// The area's id at the group's level.
    pub area: Option<String>,
}

const PAGE: usize = 10;

pub struct Calibration {
    pub team: Team,
    /// Who reviews from the grid (`--as`, else git's user.name or $USER).
    pub reviewer: String,
    pub group: usize,
    /// Position in `rows`.
    pub row: usize,
    /// The selected area of the group.
    pub column: usize,
    pub side: Side,
    pub sort: Sort,
    pub filter: String,
    pub filtering: bool,
    /// The reviewer table of the group's framework shows instead of the people.
    pub reviewers: bool,
    pub help: bool,
    /// The last thing to tell: what a review did, or why it could not open.
    pub status: Option<String>,
    /// The people shown, as positions in the group's list: sorted, filtered.
    rows: Vec<usize>,
}

impl Calibration {
    pub fn new(team: Team, reviewer: String) -> Calibration {
        let mut grid = Calibration {
            team,
            reviewer,
            group: 0,
            row: 0,
            column: 0,
            side: Side::Own,
            sort: Sort::Name,
            filter: String::new(),
            filtering: false,
            reviewers: false,
            help: false,
            status: None,
            rows: Vec::new(),
        };
        grid.refresh();
        grid
    }

    pub fn current_group(&self) -> Option<&Group> {
        self.team.groups.get(self.group)
    }

    /// The reviewers calibrated of the current group's framework (`None`:
    /// nobody there has reviewed).
    pub fn reviewer_table(&self) -> Option<&ReviewerTable> {
        let group = self.current_group()?;
        self.team
            .reviewers
            .iter()
            .find(|t| t.framework.id == group.framework.id)
    }

    /// The people shown, in order.
    pub fn rows(&self) -> impl Iterator<Item = &Person> {
        let people = self.current_group().map_or(&[][..], |g| &g.people[..]);
        self.rows.iter().filter_map(move |&i| people.get(i))
    }

    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    pub fn selected(&self) -> Option<&Person> {
        let group = self.current_group()?;
        group.people.get(*self.rows.get(self.row)?)
    }

    /// Sorts and filters the group's people again, keeping the selected
    /// person selected when they are still shown.
    fn refresh(&mut self) {
        let keep = self.selected().map(|p| p.path.clone());
        self.group = self.group.min(self.team.groups.len().saturating_sub(1));
        let Some(group) = self.team.groups.get(self.group) else {
            self.rows.clear();
            return;
        };
        let query = identity(&self.filter).to_lowercase();
        let mut rows: Vec<usize> = (0..group.people.len())
            .filter(|&i| {
                identity(&group.people[i].name)
                    .to_lowercase()
                    .contains(&query)
            })
            .collect();
        let side = self.side;
        let met = |p: &Person| -> f64 {
            let met = match side {
                Side::Manager => p.manager_met,
                Side::Own | Side::Both => Some(p.self_met),
            };
            match met {
                Some(m) if p.total > 0 => m as f64 / p.total as f64,
                Some(_) => 0.0,
                None => -1.0,
            }
        };
        // People are in name order already; the sorts are stable.
        match self.sort {
            Sort::Name => {}
            Sort::Met => {
                rows.sort_by(|&a, &b| met(&group.people[b]).total_cmp(&met(&group.people[a])))
            }
            Sort::Gaps => rows
                .sort_by_key(|&i| std::cmp::Reverse(group.people[i].gaps.map_or(-1, |g| g as i64))),
        }
        self.rows = rows;
        self.row = keep
            .and_then(|path| self.rows.iter().position(|&i| group.people[i].path == path))
            .unwrap_or(self.row)
            .min(self.rows.len().saturating_sub(1));
        self.column = self.column.min(group.areas.len().saturating_sub(1));
    }

    /// The overview read again (after a review): the same person stays
    /// selected, in whichever group they now are.
    pub fn replace(&mut self, team: Team) {
        let keep = self.selected().map(|p| p.path.clone());
        self.team = team;
        let found = keep.and_then(|path| {
            let group = self
                .team
                .groups
                .iter()
                .position(|g| g.people.iter().any(|p| p.path == path))?;
            Some((group, path))
        });
        if let Some((group, path)) = found {
            self.group = group;
            self.refresh();
            let row = self.rows().position(|p| p.path == path);
            if let Some(row) = row {
                self.row = row;
            }
            return;
        }
        self.refresh();
    }

    pub fn handle(&mut self, key: KeyEvent) -> Outcome {
        if self.filtering {
            self.handle_filter(key);
            return Outcome::Continue;
        }
        let Some(action) = lookup(GRID_KEYS, &key, false) else {
            return Outcome::Continue;
        };
        if self.help {
            // Any key closes the help; only quitting goes further.
            self.help = false;
            return if action == GridAction::Quit {
                Outcome::Quit
            } else {
                Outcome::Continue
            };
        }
        let last = self.rows.len().saturating_sub(1);
        let areas = self.current_group().map_or(0, |g| g.areas.len());
        let groups = self.team.groups.len().max(1);
        match action {
            GridAction::Down => self.row = (self.row + 1).min(last),
            GridAction::Up => self.row = self.row.saturating_sub(1),
            GridAction::PageDown => self.row = (self.row + PAGE).min(last),
            GridAction::PageUp => self.row = self.row.saturating_sub(PAGE),
            GridAction::First => self.row = 0,
            GridAction::Last => self.row = last,
            GridAction::Right => self.column = (self.column + 1).min(areas.saturating_sub(1)),
            GridAction::Left => self.column = self.column.saturating_sub(1),
            GridAction::NextGroup | GridAction::PrevGroup => {
                self.group = if action == GridAction::NextGroup {
                    (self.group + 1) % groups
                } else {
                    (self.group + groups - 1) % groups
                };
                self.row = 0;
                self.column = 0;
                self.rows.clear();
                self.refresh();
            }
            GridAction::Side => {
                self.side = match self.side {
                    Side::Own => Side::Manager,
                    Side::Manager => Side::Both,
                    Side::Both => Side::Own,
                };
                self.refresh();
            }
            GridAction::Sort => {
                self.sort = match self.sort {
                    Sort::Name => Sort::Met,
                    Sort::Met => Sort::Gaps,
                    Sort::Gaps => Sort::Name,
                };
                self.refresh();
            }
            GridAction::Filter => {
                self.reviewers = false;
                self.filtering = true;
            }
            GridAction::Reviewers => self.reviewers = !self.reviewers,
            GridAction::Open => {
                // The people are not on screen: Enter must not open a
                // review of someone the user cannot see selected.
                if self.reviewers {
                    return Outcome::Continue;
                }
                if let Some(person) = self.selected() {
                    let area = self
                        .current_group()
                        .and_then(|g| g.areas.get(self.column))
                        .map(|a| a.id.clone());
                    return Outcome::Open(Opening {
                        path: person.path.clone(),
                        area,
                    });
                }
            }
            GridAction::Help => self.help = true,
            GridAction::Close => {
                if self.reviewers {
                    self.reviewers = false;
                } else if !self.filter.is_empty() {
                    self.filter.clear();
                    self.refresh();
                }
            }
            GridAction::Quit => return Outcome::Quit,
        }
        Outcome::Continue
    }

    fn handle_filter(&mut self, key: KeyEvent) {
        match lookup(FILTER_KEYS, &key, false) {
            Some(FilterAction::Keep) => self.filtering = false,
            Some(FilterAction::Clear) => {
                self.filtering = false;
                self.filter.clear();
            }
            Some(FilterAction::Erase) => {
                self.filter.pop();
            }
            None => match key.code {
                KeyCode::Char(ch)
                    if !key.modifiers.contains(KeyModifiers::CONTROL) && !is_unsafe(ch) =>
                {
                    self.filter.push(ch);
                }
                _ => return,
            },
        }
        self.refresh();
    }

    /// A paste types its first line into the filter when it is open.
    pub fn paste(&mut self, text: &str) {
        if self.filtering {
            let line = text.lines().next().unwrap_or("");
            self.filter.extend(line.chars().filter(|&c| !is_unsafe(c)));
            self.refresh();
        }
    }
}

/// What `open` hands back: the line to show, and the overview read again.
pub type Reviewed = (String, Option<Team>);
