//! The overview of many profiles, for calibration: one group per framework,
//! craft and level (each with its own area and statement columns), one
//! summary per person (how much they rated, what they and their reviewer
//! count as met, where the two are far apart, which rounds and whether they
//! are final), and the statements the group is weak on. Every format of
//! `rungs team` and the calibration grid print these facts; none recomputes
//! them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use super::calibration::{Comparable, Place, ReviewerTable, Reviews, Rules};
use super::framework::{Framework, Level, Named};
use super::profile::{Assessment, Mark, Profile, Role};
use super::progress::{area_tally, is_gap};
use super::reviewers::{self, Round};
use super::text::{clean_line, identity, shown_path};

/// How many people must have rated a statement before it can be a shared
/// growth area: one low rating says something about one person.
pub const MIN_RATERS: usize = 3;

/// What the overview is built with.
#[derive(Debug, Clone)]
pub struct Options {
    /// Whose review stands beside self (`--as NAME`): this reviewer's latest
    /// round. `None`: each profile's own rule (`reviewers::beside`).
    pub manager: Option<String>,
    /// Shared growth areas are statements at least this many people rated.
    pub min_raters: usize,
    /// Today, `YYYY-MM-DD`: a round dated later is flagged. `None`: no check.
    pub today: Option<String>,
    /// How reviewers are calibrated against each other.
    pub calibration: Rules,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            manager: None,
            min_raters: MIN_RATERS,
            today: None,
            calibration: Rules::default(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Team {
    pub groups: Vec<Group>,
    /// The reviewer named with `--as`, whose rounds stand beside self.
    pub manager: Option<String>,
    pub min_raters: usize,
    /// `--on DATE`: each profile as it stood at the end of that day.
    pub on: Option<String>,
    /// With `--on`: people whose rounds shown were saved after that day, so
    /// their ratings are as last saved (the files keep no older values).
    pub changed_after: Vec<String>,
    /// Per framework, each reviewer against the others (`calibration`).
    pub reviewers: Vec<ReviewerTable>,
    /// What stands out across files (one person in two files): said on
    /// standard error as well as marked in the rows.
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
    /// What two spellings of one person share (`person_key`).
    #[serde(skip)]
    pub key: String,
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
    /// `None` when no review stands beside self.
    pub manager_met: Option<usize>,
    /// Statements self and reviewer rate two points or more apart.
    pub gaps: Option<usize>,
    /// The current self round: its number, dates, and when it was signed off.
    #[serde(rename = "self")]
    pub own: Option<Round>,
    /// The review beside self.
    pub manager: Option<Round>,
    /// Why that review stands beside self (`reviewers::Why::reason`).
    pub manager_because: Option<String>,
    /// The review beside self was chosen among several, or stands in for a
    /// direct manager who has not reviewed: worth a word under the table.
    #[serde(skip)]
    pub chosen_by_rule: bool,
    /// The later of the two rounds' last change.
    pub updated: Option<String>,
    /// One per area of the group, in column order.
    pub areas: Vec<AreaCell>,
    /// One per statement of the group, in column order.
    pub statements: Vec<Cell>,
    /// What a reader must know before trusting the row.
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct AreaCell {
    pub rated: usize,
    pub total: usize,
    pub self_met: usize,
    pub manager_met: Option<usize>,
    pub gaps: usize,
}

/// One statement of one person: self's mark and the reviewer's.
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

/// Something about a row that a reader must see beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    /// Another profile of the overview names the same person (the names
    /// differ only by invisible characters, case or width): both are shown,
    /// neither chosen.
    SamePerson { name: String, file: String },
    /// A round of this row is dated after today: a wrong clock, or a date
    /// written to rank first.
    FutureDate { date: String },
}

impl Flag {
    /// The flag in words, names as given (each format escapes them its own way).
    pub fn text(&self) -> String {
        match self {
            Flag::SamePerson { name, file } => {
                format!("the same person as {name} in {file}: two profiles, both shown")
            }
            Flag::FutureDate { date } => format!("dated {date}, in the future"),
        }
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
    /// Whether a review stands beside self.
    pub fn reviewed(&self) -> bool {
        self.manager.is_some()
    }

    /// Whether the current self round is signed off.
    pub fn is_final(&self) -> bool {
        self.own.as_ref().is_some_and(|r| r.finished.is_some())
    }

    /// Whether the review beside self is signed off.
    pub fn review_is_final(&self) -> bool {
        self.manager.as_ref().is_some_and(|r| r.finished.is_some())
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

impl Comparable for Group {
    fn keys(&self) -> impl Iterator<Item = &str> {
        self.statements().map(|(_, s)| s.key.as_str())
    }

    fn place(&self, statement: usize) -> Option<Place> {
        let (area, s) = self.statements().nth(statement)?;
        Some(Place {
            group: format!("{} · {}", self.craft.name, self.level.name),
            level: self.level.name.clone(),
            area: area.name.clone(),
            key: s.key.clone(),
            text: s.text.clone(),
        })
    }

    fn order(&self) -> (String, usize, u32) {
        self.order.clone()
    }
}

impl Team {
    /// Rows: one per profile summarised.
    pub fn rows(&self) -> usize {
        self.groups.iter().map(|g| g.people.len()).sum()
    }

    /// People: two profiles of one person (flagged) count once.
    pub fn people(&self) -> usize {
        let mut seen = std::collections::HashSet::new();
        self.groups
            .iter()
            .flat_map(|g| g.people.iter().map(move |p| (&g.framework.id, &p.key)))
            .filter(|key| seen.insert(*key))
            .count()
    }

    /// Every flagged row, with its group: for the notes under the tables.
    pub fn flagged(&self) -> impl Iterator<Item = (&Group, &Person)> {
        self.groups.iter().flat_map(|g| {
            g.people
                .iter()
                .filter(|p| !p.flags.is_empty())
                .map(move |p| (g, p))
        })
    }
}

/// Why a profile is left out of the overview.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: cannot be summarised: {why}")]
pub struct Unsummarised {
    pub file: String,
    pub why: String,
}

/// The key two spellings of one person share: invisible characters gone,
/// compatibility forms folded (fullwidth letters), case ignored.
fn person_key(name: &str) -> String {
    identity(name).nfkc().flat_map(char::to_lowercase).collect()
}

/// The overview built one profile at a time: only a profile's summary is
/// kept once it is added, so a team of any size costs the size of its
/// summaries, not of its files.
#[derive(Default)]
pub struct TeamBuilder {
    options: Options,
    groups: Vec<Group>,
    group_index: HashMap<(String, String, String), usize>,
    /// (person key, framework id) → (group, row) of each of their rows.
    by_person: HashMap<(String, String), Vec<(usize, usize)>>,
    reviews: Reviews,
    warnings: Vec<String>,
}

impl TeamBuilder {
    pub fn new(options: Options) -> TeamBuilder {
        TeamBuilder {
            options,
            ..TeamBuilder::default()
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
            framework: Named::new(&framework.id, &framework.name),
            craft: Named::new(&craft.id, &craft.name),
            level: Named::new(&level.id, &level.title),
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
    /// not in its framework cannot be summarised and is refused, to be
    /// reported (a checked profile always fits).
    pub fn add(
        &mut self,
        path: &Path,
        profile: &Profile,
        framework: &Framework,
    ) -> Result<(), Unsummarised> {
        let refused = |why: &str| Unsummarised {
            file: shown_path(path),
            why: why.to_owned(),
        };
        let level = framework
            .craft(&profile.craft)
            .and_then(|c| c.level(&profile.level))
            .ok_or_else(|| refused("its craft or level is not in its framework"))?;
        let group = self
            .group(framework, &profile.craft, &profile.level)
            .ok_or_else(|| refused("its craft or level is not in its framework"))?;
        // Who looks: the reviewer `--as` names, else anyone: a blind round
        // not open yet is read as unrated.
        let viewer = self
            .options
            .manager
            .as_deref()
            .map_or(reviewers::Viewer::Anyone, reviewers::Viewer::Reviewer);
        let sighted = reviewers::sighted(profile, viewer);
        let profile = &*sighted;
        // `--as NAME` over a profile NAME has not reviewed: self alone.
        let beside = reviewers::beside(profile, self.options.manager.as_deref())
            .ok()
            .flatten();
        let person = summarise(path, profile, framework, level, beside, &self.options);
        self.reviews
            .add(framework, group, &self.groups[group], profile, &person.key);
        let rows = &mut self.groups[group].people;
        rows.push(person);
        let row = rows.len() - 1;
        let key = (person_key(&profile.person), framework.id.clone());
        let same = self.by_person.entry(key).or_default();
        same.push((group, row));
        if same.len() > 1 {
            let same = same.clone();
            self.mark_same_person(&same);
        }
        Ok(())
    }

    /// Flags every row of one person (`rows`) with the others, and says so.
    fn mark_same_person(&mut self, rows: &[(usize, usize)]) {
        let who: Vec<(String, String)> = rows
            .iter()
            .map(|&(g, r)| {
                let p = &self.groups[g].people[r];
                (p.name.clone(), p.file.clone())
            })
            .collect();
        for (i, &(g, r)) in rows.iter().enumerate() {
            let flags = &mut self.groups[g].people[r].flags;
            flags.retain(|f| !matches!(f, Flag::SamePerson { .. }));
            for (j, (name, file)) in who.iter().enumerate() {
                if i != j {
                    flags.push(Flag::SamePerson {
                        name: name.clone(),
                        file: file.clone(),
                    });
                }
            }
        }
        let listed: Vec<String> = who.iter().map(|(n, f)| format!("`{n}` ({f})")).collect();
        self.warnings.push(format!(
            "{} are one person by name: every profile is shown, marked ⚠; check which is theirs",
            listed.join(" and ")
        ));
    }

    pub fn finish(mut self) -> Team {
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
        // Before the groups are sorted: the reviews name them by position.
        let reviewers =
            std::mem::take(&mut self.reviews).finish(&self.groups, self.options.calibration);
        self.groups.sort_by(|a, b| a.order.cmp(&b.order));
        Team {
            groups: self.groups,
            manager: self.options.manager.map(|m| clean_line(&m).into_owned()),
            min_raters,
            on: None,
            changed_after: Vec::new(),
            reviewers,
            warnings: self.warnings,
            notes: Vec::new(),
        }
    }
}

/// One person's facts at their level: self's current round beside the
/// review the rule chose.
fn summarise(
    path: &Path,
    profile: &Profile,
    framework: &Framework,
    level: &Level,
    beside: Option<reviewers::Beside<'_>>,
    options: &Options,
) -> Person {
    let own = profile.current(Role::Own);
    let review = beside.map(|b| b.review);
    let scale = &framework.scale;
    let mut statements = Vec::new();
    let areas: Vec<AreaCell> = level
        .areas
        .iter()
        .map(|area| {
            let tally = area_tally(level, area, own, scale);
            let mut cell = AreaCell {
                rated: tally.rated,
                total: tally.total,
                self_met: tally.met,
                manager_met: review.map(|_| 0),
                gaps: 0,
            };
            // One key buffer per area: this runs for every person of a team.
            let mut key = format!("{}/{}/", level.id, area.id);
            let prefix = key.len();
            for s in &area.statements {
                key.truncate(prefix);
                key.push_str(&s.id);
                let mark = |a: Option<&Assessment>| a.map_or(Mark::Unrated, |a| a.mark(&key));
                let (mine, theirs) = (mark(own), mark(review));
                // Counted where the statement applies to the person, as
                // self's met is: out of the same total.
                if let (Mark::Value(v), Some(met)) = (theirs, cell.manager_met.as_mut())
                    && mine != Mark::NotApplicable
                {
                    *met += usize::from(scale.is_met(v));
                }
                let gap = is_gap(mine, theirs);
                cell.gaps += usize::from(gap);
                statements.push(Cell {
                    own: mine,
                    manager: theirs,
                    gap,
                });
            }
            cell
        })
        .collect();
    let own_round = own.map(|a| Round::of(profile, a));
    let review_round = review.map(|a| Round::of(profile, a));
    let updated = [&own_round, &review_round]
        .into_iter()
        .flatten()
        .map(|r| r.updated.clone())
        .max();
    let flags = options
        .today
        .as_deref()
        .and_then(|today| reviewers::latest_after(profile, today))
        .map(|date| Flag::FutureDate { date })
        .into_iter()
        .collect();
    Person {
        name: clean_line(&profile.person).into_owned(),
        key: person_key(&profile.person),
        file: shown_path(path),
        path: path.to_owned(),
        rated: areas.iter().map(|a| a.rated).sum(),
        total: areas.iter().map(|a| a.total).sum(),
        not_applicable: statements
            .iter()
            .filter(|c| c.own == Mark::NotApplicable)
            .count(),
        self_met: areas.iter().map(|a| a.self_met).sum(),
        manager_met: review.map(|_| areas.iter().filter_map(|a| a.manager_met).sum()),
        gaps: review.map(|_| areas.iter().map(|a| a.gaps).sum()),
        own: own_round,
        manager: review_round,
        manager_because: beside.map(|b| b.why.reason(profile)),
        chosen_by_rule: beside.is_some_and(|b| match b.why {
            reviewers::Why::MostRated => true,
            reviewers::Why::OnlyReviewer => profile.manager.is_some(),
            _ => false,
        }),
        updated,
        areas,
        statements,
        flags,
    }
}

/// The statements at least `min_raters` people gave a value, more than half
/// of them below met. A person with two profiles counts once: rated when
/// either rates it, below when either rates it below met.
fn growth(group: &Group, min_raters: usize) -> Vec<Growth> {
    let mut found: Vec<(usize, Growth)> = group
        .statements()
        .enumerate()
        .filter_map(|(i, (area, statement))| {
            // Each person once: their first name seen, and whether below met.
            let mut raters: Vec<(&str, bool)> = Vec::new();
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for person in &group.people {
                let key = person.key.as_str();
                let Some(Mark::Value(v)) = person.statements.get(i).map(|c| c.own) else {
                    continue;
                };
                let below = v < group.met_from;
                match seen.get(key) {
                    Some(&at) => raters[at].1 |= below,
                    None => {
                        seen.insert(key, raters.len());
                        raters.push((&person.name, below));
                    }
                }
            }
            let rated = raters.len();
            let people: Vec<String> = raters
                .into_iter()
                .filter(|(_, below)| *below)
                .map(|(name, _)| name.to_owned())
                .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_person_share_a_key() {
        assert_eq!(person_key("S\u{200B}am Lee"), person_key("Sam Lee"));
        assert_eq!(person_key("ＳＡＭ lee"), person_key("Sam Lee"));
        assert_ne!(person_key("Sam Lee"), person_key("Sam Leo"));
    }

    #[test]
    fn a_profile_that_cannot_be_summarised_is_refused_with_its_file() {
        let framework: Framework = toml::from_str(
            r#"
format = 1
id = "t"
name = "T"
[[crafts]]
id = "c"
name = "C"
[[crafts.levels]]
id = "level-4"
rank = 4
title = "L4"
[[crafts.levels.areas]]
id = "a"
name = "A"
statements = [{ id = "1", text = "I ship." }]
"#,
        )
        .expect("a framework");
        let mut team = TeamBuilder::new(Options::default());
        let stray = Profile::new("Alex", "t", "other-craft", "level-4");
        let refused = team
            .add(Path::new("people/alex.toml"), &stray, &framework)
            .expect_err("refused");
        assert_eq!(
            refused.to_string(),
            "people/alex.toml: cannot be summarised: its craft or level is not in its framework"
        );
        let fits = Profile::new("Bea", "t", "c", "level-4");
        team.add(Path::new("people/bea.toml"), &fits, &framework)
            .expect("summarised");
    }
}
