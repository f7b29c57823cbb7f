//! A person's profile: who they are, what they are assessed against, and the
//! dated rounds of ratings by themselves and by their manager.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use super::actions::Action;
use super::evidence::{self, Evidence, Items, Repository};
use super::framework::{Framework, format_problem};
use super::harvest_record::{self, Harvest};
use super::ids::{StatementKey, is_statement_key};
use super::problem::{Problem, TreePath};

/// The newest profile file format this build reads and writes.
pub const PROFILE_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub format: u32,
    pub person: String,
    pub framework: String,
    pub craft: String,
    pub level: String,
    /// The person's direct manager: their latest review stands beside the
    /// person's own (see `reviewers::beside`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// Other names and e-mail addresses the person commits under, beside
    /// git's `user.name`/`user.email`: `harvest` looks for all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identities: Vec<String>,
    /// Every new round of this profile is blind (`blind = true`): neither
    /// side sees the other's until both have signed off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blind: bool,
    /// Keys this build does not know, kept so a rewrite never loses them.
    #[serde(flatten)]
    pub extra: toml::Table,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    /// The words statements had when they were rated, by the fingerprint
    /// the ratings hold (`seen`): once per wording, whatever the number of
    /// rounds and reviewers, so a statement reworded since can show what it
    /// said. Only wordings some rating holds are kept.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub wordings: BTreeMap<String, String>,
    /// The person's evidence items (`evidence`): not part of any round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Where the repositories named by evidence commit links are, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub repositories: BTreeMap<String, Repository>,
    /// What `rungs harvest` remembers: the commits the person skipped.
    #[serde(default, skip_serializing_if = "Harvest::is_empty")]
    pub harvest: Harvest,
    /// What was agreed on statements, open or done: the profile's, not a
    /// round's, so a new round finds the open ones where they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[serde(rename = "self")]
    Own,
    Manager,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Own => "self",
            Role::Manager => "manager",
        }
    }

    /// The side across a review: the reviewers for the person, and back.
    pub fn other(self) -> Role {
        match self {
            Role::Own => Role::Manager,
            Role::Manager => Role::Own,
        }
    }
}

/// One dated round of ratings by one person in one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "AssessmentFile")]
pub struct Assessment {
    pub role: Role,
    pub assessor: String,
    pub started: Datetime,
    pub updated: Datetime,
    /// When the round was signed off: from then on it is read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<Datetime>,
    /// A blind round: the other side sees none of it until both sides
    /// have signed off, or it is revealed (`reviewers::hidden`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blind: bool,
    /// When its author showed this blind round to the other side early.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revealed: Option<Datetime>,
    #[serde(flatten)]
    pub extra: toml::Table,
    ratings: Vec<Rating>,
    /// Statement key to position in `ratings`; derived, never written.
    #[serde(skip)]
    index: HashMap<StatementKey, usize>,
}

#[derive(Deserialize)]
struct AssessmentFile {
    role: Role,
    assessor: String,
    started: Datetime,
    updated: Datetime,
    #[serde(default)]
    finished: Option<Datetime>,
    #[serde(default)]
    blind: bool,
    #[serde(default)]
    revealed: Option<Datetime>,
    #[serde(default)]
    ratings: Vec<Rating>,
    #[serde(flatten)]
    extra: toml::Table,
}

impl From<AssessmentFile> for Assessment {
    fn from(file: AssessmentFile) -> Self {
        let mut assessment = Assessment {
            role: file.role,
            assessor: file.assessor,
            started: file.started,
            updated: file.updated,
            finished: file.finished,
            blind: file.blind,
            revealed: file.revealed,
            extra: file.extra,
            ratings: file.ratings,
            index: HashMap::new(),
        };
        assessment.reindex();
        assessment
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub statement: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u8>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub na: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The fingerprint of the statement's text when it was rated
    /// (`fingerprint::fingerprint`): a later rewording shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<String>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// `Assessment::put` was given a rating of another statement than the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a rating of `{names}` cannot be stored as the rating of `{key}`")]
pub struct KeyMismatch {
    pub key: String,
    pub names: String,
}

/// A rating's judgement, apart from its note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Unrated,
    NotApplicable,
    Value(u8),
}

impl Rating {
    pub fn new(statement: &str) -> Self {
        Rating {
            statement: statement.to_owned(),
            value: None,
            na: false,
            note: None,
            seen: None,
            extra: toml::Table::new(),
        }
    }

    pub fn mark(&self) -> Mark {
        match (self.na, self.value) {
            (true, _) => Mark::NotApplicable,
            (false, Some(v)) => Mark::Value(v),
            (false, None) => Mark::Unrated,
        }
    }

    pub fn set_mark(&mut self, mark: Mark) {
        (self.na, self.value) = match mark {
            Mark::Unrated => (false, None),
            Mark::NotApplicable => (true, None),
            Mark::Value(v) => (false, Some(v)),
        };
    }

    pub fn note(&self) -> &str {
        self.note.as_deref().unwrap_or("")
    }

    /// True when the rating was given against other words than the
    /// statement has now (a rating without a fingerprint, from an older
    /// rungs, never is).
    pub fn is_reworded(&self, statement: &super::Statement) -> bool {
        self.seen
            .as_deref()
            .is_some_and(|seen| !statement.fingerprints().matches(seen))
    }

    /// Nothing worth keeping: no judgement, no note, no unknown keys.
    fn is_empty(&self) -> bool {
        self.mark() == Mark::Unrated && self.note().is_empty() && self.extra.is_empty()
    }
}

impl Assessment {
    pub fn new(role: Role, assessor: &str, now: Datetime) -> Self {
        Assessment {
            role,
            assessor: assessor.to_owned(),
            started: now,
            updated: now,
            finished: None,
            blind: false,
            revealed: None,
            extra: toml::Table::new(),
            ratings: Vec::new(),
            index: HashMap::new(),
        }
    }

    pub fn ratings(&self) -> &[Rating] {
        &self.ratings
    }

    /// This round as one may know of it before it is shown: who, when,
    /// and none of its ratings or notes.
    pub fn unrated(&self) -> Assessment {
        Assessment {
            role: self.role,
            assessor: self.assessor.clone(),
            started: self.started,
            updated: self.updated,
            finished: self.finished,
            blind: self.blind,
            revealed: self.revealed,
            extra: toml::Table::new(),
            ratings: Vec::new(),
            index: HashMap::new(),
        }
    }

    pub fn rating(&self, key: impl AsRef<str>) -> Option<&Rating> {
        self.index.get(key.as_ref()).map(|&i| &self.ratings[i])
    }

    pub fn mark(&self, key: impl AsRef<str>) -> Mark {
        self.rating(key).map_or(Mark::Unrated, Rating::mark)
    }

    /// Replaces the rating of `key` (or removes it, given `None` or an empty
    /// rating), returning what was there before: the undo of this call. A
    /// rating that names another statement than `key` is refused and
    /// nothing changes, so no statement can end up rated twice.
    pub fn put(
        &mut self,
        key: &str,
        rating: Option<Rating>,
    ) -> Result<Option<Rating>, KeyMismatch> {
        if let Some(r) = rating.as_ref().filter(|r| r.statement != key) {
            return Err(KeyMismatch {
                key: key.to_owned(),
                names: r.statement.clone(),
            });
        }
        let rating = rating.filter(|r| !r.is_empty());
        Ok(match (self.index.get(key).copied(), rating) {
            (Some(i), Some(new)) => Some(std::mem::replace(&mut self.ratings[i], new)),
            (Some(i), None) => {
                let old = self.ratings.remove(i);
                self.reindex();
                Some(old)
            }
            (None, Some(new)) => {
                self.index
                    .insert(StatementKey::as_written(key), self.ratings.len());
                self.ratings.push(new);
                None
            }
            (None, None) => None,
        })
    }

    /// Changes the rating of `key` through `edit`, returning the rating before.
    pub fn edit(&mut self, key: &StatementKey, edit: impl FnOnce(&mut Rating)) -> Option<Rating> {
        let mut rating = self
            .rating(key.as_str())
            .cloned()
            .unwrap_or_else(|| Rating::new(key.as_str()));
        edit(&mut rating);
        rating.statement = key.to_string();
        // The rating was made for `key` just above: it cannot name another.
        self.put(key.as_str(), Some(rating)).unwrap_or_default()
    }

    /// Renames the ratings of the keys in `renames`, in one pass. A rename
    /// onto a statement already rated, or two onto one, would rate it twice:
    /// such renames are left undone, so no rating is ever lost.
    pub fn rename(&mut self, renames: &HashMap<&str, &StatementKey>) {
        let mut taken: HashSet<&str> = self.ratings.iter().map(|r| r.statement.as_str()).collect();
        let mut planned: Vec<(usize, String)> = Vec::new();
        for (i, rating) in self.ratings.iter().enumerate() {
            if let Some(to) = renames.get(rating.statement.as_str())
                && taken.insert(to.as_str())
            {
                planned.push((i, to.to_string()));
            }
        }
        for (i, to) in planned {
            self.ratings[i].statement = to;
        }
        self.reindex();
    }

    fn reindex(&mut self) {
        self.index = self
            .ratings
            .iter()
            .enumerate()
            .map(|(i, r)| (StatementKey::as_written(&r.statement), i))
            .collect();
    }
}

/// What checking a profile against its framework found.
#[derive(Debug, Default)]
pub struct ProfileCheck {
    /// Broken rules: the profile cannot be used until they are fixed.
    pub problems: Vec<Problem>,
    /// Ratings whose statement is not in the framework (any more): kept, shown apart.
    pub orphans: Vec<(TreePath, String)>,
}

impl Profile {
    pub fn new(person: &str, framework: &str, craft: &str, level: &str) -> Self {
        Profile {
            format: PROFILE_FORMAT,
            person: person.to_owned(),
            framework: framework.to_owned(),
            craft: craft.to_owned(),
            level: level.to_owned(),
            manager: None,
            identities: Vec::new(),
            extra: toml::Table::new(),
            assessments: Vec::new(),
            wordings: BTreeMap::new(),
            evidence: Vec::new(),
            repositories: BTreeMap::new(),
            harvest: Harvest::default(),
            blind: false,
            actions: Vec::new(),
        }
    }

    pub fn items(&self) -> Items<'_> {
        Items {
            items: &self.evidence,
        }
    }

    /// Adds an item (its id made unique in this profile) and returns its id.
    pub fn add_evidence(&mut self, mut item: Evidence) -> String {
        let base = item.id.clone();
        let mut n = 1;
        while self.evidence.iter().any(|e| e.id == item.id) {
            n += 1;
            item.id = format!("{base}-{n}");
        }
        self.evidence.push(item);
        self.evidence
            .last()
            .map(|e| e.id.clone())
            .unwrap_or_default()
    }

    /// Links item `id` to the statement `key` too; false when there is no
    /// such item or it is linked already.
    pub fn link_evidence(&mut self, id: &str, key: &str) -> bool {
        match self.evidence.iter_mut().find(|e| e.id == id) {
            Some(item) if !item.supports(key) => {
                item.statements.push(key.to_owned());
                true
            }
            _ => false,
        }
    }

    /// Unlinks item `id` from `key`; the item stays, with its other links
    /// (or none). False when there was no such link.
    pub fn unlink_evidence(&mut self, id: &str, key: &str) -> bool {
        let Some(item) = self.evidence.iter_mut().find(|e| e.id == id) else {
            return false;
        };
        let before = item.statements.len();
        item.statements.retain(|s| s != key);
        item.statements.len() != before
    }

    /// Deletes item `id`, returning where it was and what it held (the undo
    /// puts it back there).
    pub fn remove_evidence(&mut self, id: &str) -> Option<(usize, Evidence)> {
        let at = self.evidence.iter().position(|e| e.id == id)?;
        Some((at, self.evidence.remove(at)))
    }

    /// The words a rating holding the fingerprint `seen` was given against,
    /// if they were kept.
    pub fn wording(&self, seen: &str) -> Option<&str> {
        self.wordings.get(seen).map(String::as_str)
    }

    /// Keeps `words` as the wording of the fingerprint `seen`, and lets go
    /// of the wordings no rating holds any more.
    pub fn keep_wording(&mut self, seen: &str, words: &str) {
        if self.wordings.get(seen).is_some_and(|w| w == words) {
            return;
        }
        self.wordings.insert(seen.to_owned(), words.to_owned());
        let held: HashSet<&str> = self
            .assessments
            .iter()
            .flat_map(|a| a.ratings())
            .filter_map(|r| r.seen.as_deref())
            .collect();
        self.wordings.retain(|seen, _| held.contains(seen.as_str()));
    }

    /// The newest assessment of a role (the last one in the file); older ones are history.
    pub fn current(&self, role: Role) -> Option<&Assessment> {
        self.assessments.iter().rev().find(|a| a.role == role)
    }

    pub fn current_index(&self, role: Role) -> Option<usize> {
        self.assessments.iter().rposition(|a| a.role == role)
    }

    /// The newest assessment of `role` by `assessor`.
    pub fn latest_by(&self, role: Role, assessor: &str) -> Option<&Assessment> {
        self.assessments
            .iter()
            .rev()
            .find(|a| a.role == role && a.assessor == assessor)
    }

    /// Ratings of the current rounds (self, and each manager's latest)
    /// given against other words than their statement has now.
    pub fn reworded_count(&self, framework: &Framework) -> usize {
        self.reworded(framework).len()
    }

    /// Where those ratings are: (assessment, rating) positions in the file.
    pub fn reworded(&self, framework: &Framework) -> Vec<(usize, usize)> {
        let Some(craft) = framework.craft(&self.craft) else {
            return Vec::new();
        };
        let statements: HashMap<StatementKey, &super::Statement> = craft
            .levels
            .iter()
            .flat_map(|l| l.statements().map(|(key, _, s)| (key, s)))
            .collect();
        self.assessments
            .iter()
            .enumerate()
            .filter(|(i, a)| match a.role {
                Role::Own => self.current_index(Role::Own) == Some(*i),
                Role::Manager => self
                    .latest_by(Role::Manager, &a.assessor)
                    .is_some_and(|latest| std::ptr::eq(latest, *a)),
            })
            .flat_map(|(i, a)| a.ratings().iter().enumerate().map(move |(j, r)| (i, j, r)))
            .filter(|(_, _, r)| {
                statements
                    .get(r.statement.as_str())
                    .is_some_and(|s| r.is_reworded(s))
            })
            .map(|(i, j, _)| (i, j))
            .collect()
    }

    /// The assessment of `role` before the current one, for "since last round".
    pub fn previous(&self, role: Role) -> Option<&Assessment> {
        self.assessments
            .iter()
            .rev()
            .filter(|a| a.role == role)
            .nth(1)
    }

    /// Starts a new round of `role`, pre-filled from the last one so a person
    /// only changes what changed. Returns its index.
    pub fn new_round(&mut self, role: Role, assessor: &str, now: Datetime) -> usize {
        let mut round = Assessment::new(role, assessor, now);
        // A manager's round starts from that manager's own last one.
        let last = match role {
            Role::Own => self.current(role),
            Role::Manager => self.latest_by(role, assessor),
        };
        if let Some(last) = last {
            round.ratings = last.ratings.clone();
            round.reindex();
        }
        self.assessments.push(round);
        self.assessments.len() - 1
    }

    /// The rules a profile must keep against its framework.
    pub fn check(&self, framework: &Framework) -> ProfileCheck {
        let mut check = ProfileCheck::default();
        let root = TreePath::default();
        if self.format != PROFILE_FORMAT {
            let mut problem = format_problem(self.format, &root);
            problem.hint = problem.hint.replace("this file", "this profile");
            check.problems.push(problem);
            return check;
        }
        if self.framework != framework.id {
            check.problems.push(Problem::new(
                root.key("framework"),
                format!(
                    "the profile is for framework `{}`, not `{}`",
                    self.framework, framework.id
                ),
                format!("use `framework = \"{}\"`", framework.id),
            ));
            return check;
        }
        let Some(craft) = framework.craft(&self.craft) else {
            let crafts: Vec<&str> = framework.crafts.iter().map(|c| c.id.as_str()).collect();
            check.problems.push(Problem::new(
                root.key("craft"),
                format!("framework `{}` has no craft `{}`", framework.id, self.craft),
                format!("crafts are: {}", crafts.join(", ")),
            ));
            return check;
        };
        if craft.level(&self.level).is_none() {
            check.problems.push(Problem::new(
                root.key("level"),
                format!("craft `{}` has no level `{}`", craft.id, self.level),
                format!("levels are: {}", craft.level_ids().join(", ")),
            ));
            return check;
        }
        check.problems.extend(evidence::check(&self.evidence));
        check.problems.extend(harvest_record::check(&self.harvest));
        let index = craft.index();
        let scale = &framework.scale;
        for (ai, assessment) in self.assessments.iter().enumerate() {
            let mut seen = HashSet::new();
            for (ri, rating) in assessment.ratings.iter().enumerate() {
                let path = root.at("assessments", ai).at("ratings", ri);
                let key = rating.statement.as_str();
                if !is_statement_key(key) {
                    check.problems.push(Problem::new(
                        path.key("statement"),
                        format!("`{key}` is not a statement key"),
                        "a key is LEVEL/AREA/STATEMENT ids, like `level-4/automation/1`",
                    ));
                    continue;
                }
                if !seen.insert(key) {
                    check.problems.push(Problem::new(
                        path.key("statement"),
                        format!("`{key}` is rated twice in this assessment"),
                        "keep one of the two ratings and delete the other",
                    ));
                }
                if let Some(value) = rating.value {
                    if rating.na {
                        check.problems.push(Problem::new(
                            path.key("na"),
                            format!("`{key}` has both a value and `na = true`"),
                            "keep either the value or `na = true`",
                        ));
                    } else if !scale.contains(value) {
                        let values: Vec<String> =
                            scale.points.iter().map(|p| p.value.to_string()).collect();
                        check.problems.push(Problem::new(
                            path.key("value"),
                            format!("{value} is not on the scale of `{}`", framework.id),
                            format!("use one of {}, or `na = true`", values.join(", ")),
                        ));
                    }
                }
                if !index.contains(key) {
                    check.orphans.push((path.key("statement"), key.to_owned()));
                }
            }
        }
        let mut ids = HashSet::new();
        for (i, action) in self.actions.iter().enumerate() {
            let path = root.at("actions", i);
            if !is_statement_key(&action.statement) {
                check.problems.push(Problem::new(
                    path.key("statement"),
                    format!("`{}` is not a statement key", action.statement),
                    "a key is LEVEL/AREA/STATEMENT ids, like `level-4/automation/1`",
                ));
            }
            if !ids.insert(action.id.as_str()) {
                check.problems.push(Problem::new(
                    path.key("id"),
                    format!("two actions have the id `{}`", action.id),
                    "give one of them another id (any word no other action has)",
                ));
            }
        }
        check
    }
}

/// A moment as a TOML datetime, to the second, in UTC.
pub fn stamp(at: jiff::Timestamp) -> Datetime {
    let stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    stamp.parse().unwrap_or_else(|_| epoch())
}

fn epoch() -> Datetime {
    Datetime {
        date: Some(toml::value::Date {
            year: 1970,
            month: 1,
            day: 1,
        }),
        time: Some(toml::value::Time {
            hour: 0,
            minute: 0,
            second: Some(0),
            nanosecond: Some(0),
        }),
        offset: Some(toml::value::Offset::Z),
    }
}
