//! The overview of many profiles, for calibration: one group per framework,
//! craft and level (each with its own area and statement columns), one
//! summary per person (how much they rated, what they and their manager
//! count as met, where the two are far apart, which round and whether it is
//! final), and the statements the group is weak on. Every format of `rungs
//! team` and the calibration grid print these facts; none recomputes them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

use super::report::{Choice, RatingReport, Report, Round};
use crate::model::text::{clean_line, identity, shown_path};
use crate::model::{Framework, Mark, Profile, Role};

/// How many people must have rated a statement before it can be a shared
/// growth area: one low rating says something about one person.
pub const MIN_RATERS: usize = 3;

/// What the overview is built with.
#[derive(Debug, Clone)]
pub struct Options {
    /// Whose manager round stands beside self: this manager's latest one.
    /// `None`: each profile's manager round updated last (as `rungs export`).
    pub manager: Option<String>,
    /// Shared growth areas are statements at least this many people rated.
    pub min_raters: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            manager: None,
            min_raters: MIN_RATERS,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct Team {
    pub groups: Vec<Group>,
    /// The manager named with `--as`, whose rounds stand beside self.
    pub manager: Option<String>,
    pub min_raters: usize,
    /// Duplicates and look-alike names: said on standard error, never in a table.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Files left out of the overview and why (a symbolic link out of its
    /// folder): said on standard error and in the output's notes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The people assessed against one level of one craft of one framework.
#[derive(Debug, Serialize)]
pub struct Group {
    pub framework: Named,
    pub craft: Named,
    pub level: Named,
    /// Values at or above this count as met.
    pub met_from: u8,
    pub met_label: String,
    pub areas: Vec<AreaColumn>,
    pub people: Vec<Person>,
    /// Statements most of their raters rate below met (at least
    /// `min_raters` raters), most below first.
    pub growth: Vec<Growth>,
    /// Framework name, craft position, level rank: the order groups print in.
    #[serde(skip)]
    order: (String, usize, u32),
}

#[derive(Debug, Serialize)]
pub struct AreaColumn {
    pub id: String,
    pub name: String,
    pub statements: Vec<StatementColumn>,
}

#[derive(Debug, Serialize)]
pub struct StatementColumn {
    /// `LEVEL/AREA/STATEMENT`.
    pub key: String,
    pub id: String,
    pub text: String,
}

/// One person's summary within their group.
#[derive(Debug, Serialize)]
pub struct Person {
    pub name: String,
    /// The profile file, as it may be shown.
    pub file: String,
    #[serde(skip)]
    pub path: PathBuf,
    /// Applicable statements rated by self.
    pub rated: usize,
    /// Applicable statements: not-applicable ones are out of every total.
    pub total: usize,
    pub not_applicable: usize,
    pub self_met: usize,
    /// `None` when no manager round stands beside self.
    pub manager_met: Option<usize>,
    /// Statements self and manager rate two points or more apart.
    pub gaps: Option<usize>,
    /// The current self round: its number, dates, and when it was signed off.
    #[serde(rename = "self")]
    pub own: Option<Round>,
    pub manager: Option<Round>,
    /// The later of the two rounds' last change.
    pub updated: Option<String>,
    /// One per area of the group, in column order.
    pub areas: Vec<AreaCell>,
    /// One per statement of the group, in column order.
    pub statements: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct AreaCell {
    pub rated: usize,
    pub total: usize,
    pub self_met: usize,
    pub manager_met: Option<usize>,
    pub gaps: usize,
}

/// One statement of one person: self's mark and the manager's.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Cell {
    #[serde(rename = "self", serialize_with = "mark_json")]
    pub own: Mark,
    #[serde(serialize_with = "mark_json")]
    pub manager: Mark,
    pub gap: bool,
}

/// A value as a number, not applicable as `"n/a"`, unrated as `null`.
fn mark_json<S: Serializer>(mark: &Mark, s: S) -> Result<S::Ok, S::Error> {
    match mark {
        Mark::Value(v) => s.serialize_u8(*v),
        Mark::NotApplicable => s.serialize_str("n/a"),
        Mark::Unrated => s.serialize_none(),
    }
}

#[derive(Debug, Serialize)]
pub struct Growth {
    pub area: String,
    pub key: String,
    pub text: String,
    pub below: usize,
    /// People who gave the statement a value (not applicable is not a value).
    pub rated: usize,
    pub people: Vec<String>,
}

impl Person {
    /// Whether a manager round stands beside self.
    pub fn reviewed(&self) -> bool {
        self.manager.is_some()
    }

    /// Whether the current self round is signed off.
    pub fn is_final(&self) -> bool {
        self.own.as_ref().is_some_and(|r| r.finished.is_some())
    }
}

impl Group {
    /// `Framework · Craft · Level`.
    pub fn title(&self) -> String {
        format!(
            "{} · {} · {}",
            self.framework.name, self.craft.name, self.level.name
        )
    }

    pub fn statements(&self) -> impl Iterator<Item = (&AreaColumn, &StatementColumn)> {
        self.areas
            .iter()
            .flat_map(|a| a.statements.iter().map(move |s| (a, s)))
    }
}

impl Team {
    pub fn people(&self) -> usize {
        self.groups.iter().map(|g| g.people.len()).sum()
    }

    /// The overview of profiles already read and checked (files unnamed).
    pub fn of(loaded: &[crate::store::Checked<'_>]) -> Team {
        let mut team = TeamBuilder::default();
        for checked in loaded {
            team.add(Path::new(""), &checked.profile, checked.framework);
        }
        team.finish()
    }
}

/// A person kept so far, and what decides between two profiles of theirs.
struct Entry {
    group: usize,
    person: Person,
    /// The latest `updated` of any of the profile's rounds.
    stamp: String,
}

/// The overview built one profile at a time: only a profile's summary is
/// kept once it is added, so a team of any size costs the size of its
/// summaries, not of its files.
#[derive(Default)]
pub struct TeamBuilder {
    options: Options,
    groups: Vec<Group>,
    group_index: HashMap<(String, String, String), usize>,
    entries: Vec<Entry>,
    /// (name without invisible characters, framework id) → entry.
    by_person: HashMap<(String, String), usize>,
    /// A name without its invisible characters → the name shown for it.
    names: HashMap<String, String>,
    warnings: Vec<String>,
}

impl TeamBuilder {
    pub fn new(options: Options) -> TeamBuilder {
        TeamBuilder {
            options,
            ..TeamBuilder::default()
        }
    }

    /// The name a person is shown by: the first spelling met of all those
    /// that differ only by invisible characters (`Sam` and `S\u{200B}am`).
    fn name(&mut self, name: &str) -> String {
        let shown = clean_line(name).into_owned();
        let key = identity(name);
        match self.names.get(&key) {
            Some(first) if *first != shown => {
                self.warnings.push(format!(
                    "`{shown}` and `{first}` differ only by invisible characters: counted as one person, `{first}`"
                ));
                first.clone()
            }
            Some(first) => first.clone(),
            None => {
                self.names.insert(key, shown.clone());
                shown
            }
        }
    }

    fn group(&mut self, framework: &Framework, craft_id: &str, level_id: &str) -> Option<usize> {
        let key = (
            framework.id.clone(),
            craft_id.to_owned(),
            level_id.to_owned(),
        );
        if let Some(&i) = self.group_index.get(&key) {
            return Some(i);
        }
        let (position, craft) = framework
            .crafts
            .iter()
            .enumerate()
            .find(|(_, c)| c.id == craft_id)?;
        let level = craft.level(level_id)?;
        let areas = level
            .areas
            .iter()
            .map(|area| AreaColumn {
                id: area.id.clone(),
                name: area.name.clone(),
                statements: area
                    .statements
                    .iter()
                    .map(|s| StatementColumn {
                        key: format!("{}/{}/{}", level.id, area.id, s.id),
                        id: s.id.clone(),
                        text: s.text.clone(),
                    })
                    .collect(),
            })
            .collect();
        let scale = &framework.scale;
        self.groups.push(Group {
            framework: Named {
                id: framework.id.clone(),
                name: framework.name.clone(),
            },
            craft: Named {
                id: craft.id.clone(),
                name: craft.name.clone(),
            },
            level: Named {
                id: level.id.clone(),
                name: level.title.clone(),
            },
            met_from: scale.met_from,
            met_label: scale.label(scale.met_from).to_owned(),
            areas,
            people: Vec::new(),
            growth: Vec::new(),
            order: (framework.name.clone(), position, level.rank),
        });
        self.group_index.insert(key, self.groups.len() - 1);
        Some(self.groups.len() - 1)
    }

    /// Adds one profile, read from `path`. A profile whose craft or level is
    /// not in its framework is left out (a checked profile always fits).
    pub fn add(&mut self, path: &Path, profile: &Profile, framework: &Framework) {
        let Some(group) = self.group(framework, &profile.craft, &profile.level) else {
            return;
        };
        // `--as NAME` over a profile NAME has not reviewed: self alone.
        let (choice, beside) = match &self.options.manager {
            Some(name) if profile.latest_by(Role::Manager, name).is_none() => {
                (Choice::default(), false)
            }
            manager => (
                Choice {
                    round: None,
                    manager: manager.clone(),
                },
                true,
            ),
        };
        let Ok(report) = Report::of(profile, framework, &choice) else {
            return;
        };
        let name = self.name(&profile.person);
        let person = summarise(name, path, report, beside, framework);
        let stamp = profile
            .assessments
            .iter()
            .map(|a| a.updated.to_string())
            .max()
            .unwrap_or_default();
        let key = (identity(&profile.person), framework.id.clone());
        let entry = Entry {
            group,
            person,
            stamp,
        };
        match self.by_person.get(&key) {
            None => {
                self.by_person.insert(key, self.entries.len());
                self.entries.push(entry);
            }
            Some(&i) => {
                let kept = &self.entries[i];
                let newer = entry.stamp > kept.stamp;
                let (first, second) = (&kept.person.file, &entry.person.file);
                let why = match entry.stamp.cmp(&kept.stamp) {
                    std::cmp::Ordering::Greater => format!("from {second}, updated last"),
                    std::cmp::Ordering::Less => format!("from {first}, updated last"),
                    std::cmp::Ordering::Equal => format!("from {first}, the first named"),
                };
                self.warnings.push(format!(
                    "`{}` has two profiles of framework `{}`: {first} and {second}; counted once, {why}",
                    kept.person.name, framework.id
                ));
                if newer {
                    self.entries[i] = entry;
                }
            }
        }
    }

    pub fn finish(mut self) -> Team {
        for entry in self.entries {
            self.groups[entry.group].people.push(entry.person);
        }
        let min_raters = self.options.min_raters;
        for group in &mut self.groups {
            group.people.sort_by(|a, b| {
                a.name
                    .to_lowercase()
                    .cmp(&b.name.to_lowercase())
                    .then_with(|| a.name.cmp(&b.name))
                    .then_with(|| a.file.cmp(&b.file))
            });
            group.growth = growth(group, min_raters);
        }
        self.groups.sort_by(|a, b| a.order.cmp(&b.order));
        Team {
            groups: self.groups,
            manager: self.options.manager.map(|m| clean_line(&m).into_owned()),
            min_raters,
            warnings: self.warnings,
            notes: Vec::new(),
        }
    }
}

fn mark(rating: &RatingReport) -> Mark {
    match (rating.status, rating.value) {
        ("not_applicable", _) => Mark::NotApplicable,
        (_, Some(v)) => Mark::Value(v),
        _ => Mark::Unrated,
    }
}

/// One person's facts, from the summary `rungs export` prints.
fn summarise(
    name: String,
    path: &Path,
    report: Report,
    beside: bool,
    framework: &Framework,
) -> Person {
    let manager = report.manager.filter(|_| beside);
    let reviewed = manager.is_some();
    let scale = &framework.scale;
    let mut statements = Vec::new();
    let areas: Vec<AreaCell> = report
        .areas
        .iter()
        .map(|area| {
            let mut cell = AreaCell {
                rated: area.counts.rated,
                total: area.counts.total,
                self_met: area.counts.met,
                manager_met: reviewed.then_some(0),
                gaps: 0,
            };
            for s in &area.statements {
                let own = mark(&s.own);
                let theirs = if reviewed {
                    mark(&s.manager)
                } else {
                    Mark::Unrated
                };
                let gap = reviewed && s.gap;
                // Counted where the statement applies to the person, as
                // self's met is: out of the same total.
                if let (Mark::Value(v), Some(met)) = (theirs, cell.manager_met.as_mut())
                    && own != Mark::NotApplicable
                {
                    *met += usize::from(scale.is_met(v));
                }
                cell.gaps += usize::from(gap);
                statements.push(Cell {
                    own,
                    manager: theirs,
                    gap,
                });
            }
            cell
        })
        .collect();
    let updated = [
        report.own.as_ref().map(|r| r.updated.clone()),
        manager.as_ref().map(|r| r.updated.clone()),
    ]
    .into_iter()
    .flatten()
    .max();
    Person {
        name,
        file: shown_path(path),
        path: path.to_owned(),
        rated: report.total.rated,
        total: report.total.total,
        not_applicable: report.total.not_applicable,
        self_met: report.total.met,
        manager_met: reviewed.then(|| areas.iter().filter_map(|a| a.manager_met).sum()),
        gaps: reviewed.then(|| areas.iter().map(|a| a.gaps).sum()),
        own: report.own,
        manager,
        updated,
        areas,
        statements,
    }
}

/// The statements at least `min_raters` people gave a value, more than half
/// of them below met.
fn growth(group: &Group, min_raters: usize) -> Vec<Growth> {
    let mut found: Vec<(usize, Growth)> = group
        .statements()
        .enumerate()
        .filter_map(|(i, (area, statement))| {
            let mut rated = 0;
            let mut people = Vec::new();
            for person in &group.people {
                if let Some(Mark::Value(v)) = person.statements.get(i).map(|c| c.own) {
                    rated += 1;
                    if v < group.met_from && !people.contains(&person.name) {
                        people.push(person.name.clone());
                    }
                }
            }
            let below = people.len();
            (rated >= min_raters.max(1) && below * 2 > rated).then(|| {
                (
                    i,
                    Growth {
                        area: area.name.clone(),
                        key: statement.key.clone(),
                        text: statement.text.clone(),
                        below,
                        rated,
                        people,
                    },
                )
            })
        })
        .collect();
    found.sort_by(|(i, a), (j, b)| b.below.cmp(&a.below).then(i.cmp(j)));
    found.into_iter().map(|(_, g)| g).collect()
}
