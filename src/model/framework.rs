//! A career framework: crafts, their levels, each level's areas and the
//! first-person statements a person rates themselves against.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::ids::{StatementKey, is_valid_id};
use super::problem::{Problem, TreePath};
use super::scale::{self, Scale};

/// A framework, craft, level or area as outputs name it: its id and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

impl Named {
    pub fn new(id: &str, name: &str) -> Named {
        Named {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// The newest framework file format this build reads and writes.
pub const FRAMEWORK_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub format: u32,
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The framework's own edition ("2026.2"), printed by exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Scale::is_default")]
    pub scale: Scale,
    #[serde(default)]
    pub crafts: Vec<Craft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Craft {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Every statement key of the craft, built the first time it is asked
    /// for: a team of 10,000 profiles builds it once, not once per profile.
    #[serde(skip)]
    pub index: IndexCache,
}

/// A craft's [`CraftIndex`], made on first use. Two crafts are equal by
/// their content: whether the index was made yet does not count, and a
/// clone starts without it (a changed copy must not keep a stale one).
#[derive(Debug, Default)]
pub struct IndexCache(std::sync::OnceLock<CraftIndex>);

impl Clone for IndexCache {
    fn clone(&self) -> Self {
        IndexCache::default()
    }
}

impl PartialEq for IndexCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for IndexCache {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub rank: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    #[serde(default)]
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: String,
    /// The words, made safe to show (see [`Statement::make_safe`]).
    pub text: String,
    /// Examples or guidance shown beside the statement; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The words as the file wrote them, where making them safe to show
    /// changed them (line breaks, control characters): what a fingerprint
    /// is taken of.
    #[serde(skip)]
    pub written: Option<String>,
}

impl Statement {
    pub fn new(id: impl Into<String>, text: impl Into<String>, hint: Option<String>) -> Statement {
        Statement {
            id: id.into(),
            text: text.into(),
            hint,
            written: None,
        }
    }

    /// The words as the framework file wrote them.
    pub fn written(&self) -> &str {
        self.written.as_deref().unwrap_or(&self.text)
    }

    /// The fingerprint a rating of this statement records now.
    pub fn fingerprint(&self) -> String {
        super::fingerprint::fingerprint(self.written())
    }

    /// The fingerprints a rating of this statement may hold.
    pub fn fingerprints(&self) -> super::fingerprint::Fingerprints {
        super::fingerprint::Fingerprints::of(self.written())
    }

    /// Makes the words and the hint safe to show (on one line, control
    /// characters as pictures), keeping the words as written beside.
    pub fn make_safe(&mut self) {
        if let std::borrow::Cow::Owned(shown) = super::text::clean_line(&self.text) {
            self.written = Some(std::mem::replace(&mut self.text, shown));
        }
        if let Some(hint) = &mut self.hint
            && let std::borrow::Cow::Owned(shown) = super::text::clean_line(hint)
        {
            *hint = shown;
        }
    }
}

impl Framework {
    pub fn craft(&self, id: &str) -> Option<&Craft> {
        self.crafts.iter().find(|c| c.id == id)
    }

    pub fn statement_count(&self) -> usize {
        self.crafts
            .iter()
            .flat_map(|c| &c.levels)
            .map(Level::statement_count)
            .sum()
    }

    /// Every rule of the file format; an empty list means the framework is sound.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let root = TreePath::default();
        if self.format != FRAMEWORK_FORMAT {
            problems.push(format_problem(self.format, &root));
        }
        check_id(&self.id, || root.key("id"), "framework", &mut problems);
        check_scale(&self.scale, &root.key("scale"), &mut problems);
        if self.crafts.is_empty() {
            problems.push(Problem::new(
                root.clone(),
                "the framework has no crafts",
                "add at least one [[crafts]] table with its levels",
            ));
        }
        check_unique(
            self.crafts.iter().map(|c| c.id.as_str()),
            &root,
            "crafts",
            &mut problems,
        );
        for (ci, craft) in self.crafts.iter().enumerate() {
            let craft_path = root.at("crafts", ci);
            check_id(&craft.id, || craft_path.key("id"), "craft", &mut problems);
            if craft.levels.is_empty() {
                problems.push(Problem::new(
                    craft_path.key("id"),
                    format!("craft `{}` has no levels", craft.id),
                    "add at least one [[crafts.levels]] table",
                ));
            }
            check_unique(
                craft.levels.iter().map(|l| l.id.as_str()),
                &craft_path,
                "levels",
                &mut problems,
            );
            check_ranks(craft, &craft_path, &mut problems);
            for (li, level) in craft.levels.iter().enumerate() {
                check_level(level, &craft_path.at("levels", li), &mut problems);
            }
        }
        problems
    }
}

impl Craft {
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// The levels from the lowest rank up (equal ranks in file order).
    pub fn levels_by_rank(&self) -> Vec<&Level> {
        let mut levels: Vec<&Level> = self.levels.iter().collect();
        levels.sort_by_key(|l| l.rank);
        levels
    }

    /// The level ranked just above `level`, for readiness.
    pub fn next_level(&self, level: &Level) -> Option<&Level> {
        self.levels
            .iter()
            .filter(|l| l.rank > level.rank)
            .min_by_key(|l| l.rank)
    }

    pub fn level_ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.id.as_str()).collect()
    }
}

impl Level {
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    pub fn statement_count(&self) -> usize {
        self.areas.iter().map(|a| a.statements.len()).sum()
    }

    /// Every statement of the level with its key, in framework order.
    pub fn statements(&self) -> impl Iterator<Item = (StatementKey, &Area, &Statement)> {
        self.areas.iter().flat_map(move |area| {
            area.statements
                .iter()
                .map(move |s| (StatementKey::new(&self.id, &area.id, &s.id), area, s))
        })
    }
}

/// All statement keys of one craft, built once when a profile is opened so
/// that no rating lookup scans the framework.
#[derive(Debug, Default)]
pub struct CraftIndex {
    keys: HashSet<StatementKey>,
}

impl Craft {
    /// The craft's statement keys (made once; a craft changed in place
    /// after it was asked for must be a fresh clone to be indexed again).
    pub fn index(&self) -> &CraftIndex {
        self.index.0.get_or_init(|| CraftIndex::new(self))
    }
}

impl CraftIndex {
    pub fn new(craft: &Craft) -> Self {
        let keys = craft
            .levels
            .iter()
            .flat_map(|level| {
                level.areas.iter().flat_map(move |area| {
                    area.statements
                        .iter()
                        .map(move |s| StatementKey::new(&level.id, &area.id, &s.id))
                })
            })
            .collect();
        CraftIndex { keys }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }
}

pub(crate) fn format_problem(found: u32, root: &TreePath) -> Problem {
    if found > FRAMEWORK_FORMAT {
        Problem::new(
            root.key("format"),
            format!(
                "format {found} was made by a newer rungs (this one reads format {FRAMEWORK_FORMAT})"
            ),
            "update rungs to open this file",
        )
    } else {
        Problem::new(
            root.key("format"),
            format!("unknown format {found}"),
            format!("use `format = {FRAMEWORK_FORMAT}`"),
        )
    }
}

/// Ranks order the levels of a craft, so no two may share one.
fn check_ranks(craft: &Craft, path: &TreePath, problems: &mut Vec<Problem>) {
    let mut seen = std::collections::HashMap::new();
    for (i, level) in craft.levels.iter().enumerate() {
        let first = *seen.entry(level.rank).or_insert(level.id.as_str());
        if first != level.id {
            problems.push(Problem::new(
                path.at("levels", i).key("rank"),
                format!(
                    "levels `{first}` and `{}` of craft `{}` both have rank {}",
                    level.id, craft.id, level.rank
                ),
                "give each level of a craft its own rank; higher is more senior",
            ));
        }
    }
}

fn check_level(level: &Level, path: &TreePath, problems: &mut Vec<Problem>) {
    check_id(&level.id, || path.key("id"), "level", problems);
    if level.areas.is_empty() {
        problems.push(Problem::new(
            path.key("id"),
            format!("level `{}` has no areas", level.id),
            "add at least one [[crafts.levels.areas]] table with statements",
        ));
    }
    check_unique(
        level.areas.iter().map(|a| a.id.as_str()),
        path,
        "areas",
        problems,
    );
    for (ai, area) in level.areas.iter().enumerate() {
        let area_path = path.at("areas", ai);
        check_id(&area.id, || area_path.key("id"), "area", problems);
        if area.statements.is_empty() {
            problems.push(Problem::new(
                area_path.key("statements"),
                format!("area `{}` has no statements", area.id),
                "add statements such as `{ id = \"1\", text = \"I ...\" }`",
            ));
        }
        check_unique(
            area.statements.iter().map(|s| s.id.as_str()),
            &area_path,
            "statements",
            problems,
        );
        for (si, statement) in area.statements.iter().enumerate() {
            check_id(
                &statement.id,
                || area_path.at("statements", si).key("id"),
                "statement",
                problems,
            );
        }
    }
}

/// `path` is built only for a bad id: a sound framework of 40,000
/// statements should not allocate 40,000 paths to find nothing wrong.
fn check_id(id: &str, path: impl FnOnce() -> TreePath, what: &str, problems: &mut Vec<Problem>) {
    if !is_valid_id(id) {
        problems.push(Problem::new(
            path(),
            format!("`{id}` is not a valid {what} id"),
            "ids are lowercase letters, digits and dashes, starting with a letter or digit, like `level-4`",
        ));
    }
}

fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    parent: &TreePath,
    list: &'static str,
    problems: &mut Vec<Problem>,
) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            problems.push(Problem::new(
                parent.at(list, i).key("id"),
                format!("id `{id}` is used twice among these {list}"),
                "give each one its own id",
            ));
        }
    }
}

fn check_scale(scale: &Scale, path: &TreePath, problems: &mut Vec<Problem>) {
    let n = scale.points.len();
    if !(scale::MIN_POINTS..=scale::MAX_POINTS).contains(&n) {
        problems.push(Problem::new(
            path.key("points"),
            format!("the scale has {n} points"),
            format!(
                "a scale has {} to {} points",
                scale::MIN_POINTS,
                scale::MAX_POINTS
            ),
        ));
    }
    for (i, point) in scale.points.iter().enumerate() {
        let point_path = path.at("points", i).key("value");
        if point.value > scale::MAX_VALUE {
            problems.push(Problem::new(
                point_path,
                format!("scale value {} is not a single digit", point.value),
                format!(
                    "values are whole numbers from 0 to {}, typed by their digit key",
                    scale::MAX_VALUE
                ),
            ));
        } else if i > 0 && point.value <= scale.points[i - 1].value {
            problems.push(Problem::new(
                point_path,
                format!(
                    "scale value {} does not increase on {}",
                    point.value,
                    scale.points[i - 1].value
                ),
                "list the points from lowest to highest, each value greater than the one before",
            ));
        }
    }
    if !scale.contains(scale.met_from) {
        let values: Vec<String> = scale.points.iter().map(|p| p.value.to_string()).collect();
        problems.push(Problem::new(
            path.key("met_from"),
            format!("met_from = {} is not a value on the scale", scale.met_from),
            format!("pick one of {}", values.join(", ")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn craft() -> Craft {
        let statement = Statement {
            id: "1".into(),
            text: "I ship.".into(),
            hint: None,
            written: None,
        };
        let area = Area {
            id: "a".into(),
            name: "A".into(),
            statements: vec![statement],
        };
        let level = Level {
            id: "l1".into(),
            rank: 1,
            title: "L1".into(),
            summary: None,
            focus: None,
            areas: vec![area],
        };
        Craft {
            id: "c".into(),
            name: "C".into(),
            levels: vec![level],
            index: IndexCache::default(),
        }
    }

    #[test]
    fn the_index_is_made_once_and_a_clone_makes_its_own() {
        let craft = craft();
        assert!(craft.index().contains("l1/a/1"));
        let mut copy = craft.clone();
        assert_eq!(copy, craft, "the index is no part of a craft's content");
        copy.levels[0].areas[0].statements[0].id = "2".into();
        assert!(
            copy.index().contains("l1/a/2"),
            "a changed clone is indexed anew"
        );
        assert!(!copy.index().contains("l1/a/1"));
    }
}
