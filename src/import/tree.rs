//! What every reader builds: crafts, levels, areas and statements, looked up
//! by id through maps so that a source of tens of thousands of rows is read
//! in time linear in its size, and the lines a reader chose to skip.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{InputError, Location};
use crate::model::ids::{is_valid_id, slug};
use crate::model::text::clean_line;
use crate::model::{Area, Craft, Level, Statement};

/// A line of a source the importer read past, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub file: PathBuf,
    pub line: usize,
    pub reason: String,
}

/// What a reader made of its sources.
#[derive(Debug, Default)]
pub struct Draft {
    /// The framework's name as the source gives it, if it gives one.
    pub name: Option<String>,
    /// Where the name was found, for the summary: "grand_parent of x.md".
    pub name_from: String,
    pub tree: Tree,
    pub skipped: Vec<Skip>,
}

impl Draft {
    pub fn skip(&mut self, file: &Path, line: usize, reason: impl Into<String>) {
        self.skipped.push(Skip {
            file: file.to_path_buf(),
            line,
            reason: clean_line(&reason.into()).into_owned(),
        });
    }
}

/// Crafts in the order first met, each with its levels and areas in the
/// order first met.
#[derive(Debug, Default)]
pub struct Tree {
    pub crafts: Vec<Craft>,
    crafts_at: HashMap<String, usize>,
    levels_at: HashMap<(usize, String), usize>,
    /// The first level of each rank per craft: a source of many levels is
    /// checked for equal ranks without rescanning its levels.
    ranks_at: HashMap<(usize, u32), usize>,
    areas_at: HashMap<(usize, usize, String), usize>,
    /// Statement ids in use per area, for explicit ids.
    ids_at: HashMap<(usize, usize, usize), std::collections::HashSet<String>>,
}

/// Where a level sits in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LevelAt {
    pub craft: usize,
    pub level: usize,
}

/// Where an area sits in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaAt {
    pub craft: usize,
    pub level: usize,
    pub area: usize,
}

impl Tree {
    /// The craft of this id, added with `name` when new.
    pub fn craft(&mut self, id: &str, name: &str) -> usize {
        if let Some(&at) = self.crafts_at.get(id) {
            return at;
        }
        self.crafts.push(Craft {
            id: id.to_owned(),
            name: name.to_owned(),
            levels: Vec::new(),
            index: Default::default(),
        });
        let at = self.crafts.len() - 1;
        self.crafts_at.insert(id.to_owned(), at);
        at
    }

    pub fn find_level(&self, craft: usize, id: &str) -> Option<LevelAt> {
        self.levels_at
            .get(&(craft, id.to_owned()))
            .map(|&level| LevelAt { craft, level })
    }

    /// Adds a level (with no areas yet) to a craft.
    pub fn add_level(&mut self, craft: usize, level: Level) -> LevelAt {
        let levels = &mut self.crafts[craft].levels;
        let id = level.id.clone();
        let rank = level.rank;
        levels.push(level);
        let at = levels.len() - 1;
        self.levels_at.insert((craft, id), at);
        self.ranks_at.entry((craft, rank)).or_insert(at);
        LevelAt { craft, level: at }
    }

    pub fn level(&self, at: LevelAt) -> &Level {
        &self.crafts[at.craft].levels[at.level]
    }

    pub fn level_mut(&mut self, at: LevelAt) -> &mut Level {
        &mut self.crafts[at.craft].levels[at.level]
    }

    /// The level of a craft holding `rank`, other than `except`.
    pub fn level_with_rank(&self, craft: usize, rank: u32, except: &str) -> Option<&Level> {
        let at = *self.ranks_at.get(&(craft, rank))?;
        self.crafts[craft]
            .levels
            .get(at)
            .filter(|l| l.rank == rank && l.id != except)
    }

    /// The area of this id in a level, added with `name` when new.
    pub fn area(&mut self, at: LevelAt, id: &str, name: &str) -> AreaAt {
        let key = (at.craft, at.level, id.to_owned());
        if let Some(&area) = self.areas_at.get(&key) {
            return AreaAt {
                craft: at.craft,
                level: at.level,
                area,
            };
        }
        let areas = &mut self.crafts[at.craft].levels[at.level].areas;
        areas.push(Area {
            id: id.to_owned(),
            name: name.to_owned(),
            statements: Vec::new(),
        });
        let area = areas.len() - 1;
        self.areas_at.insert(key, area);
        AreaAt {
            craft: at.craft,
            level: at.level,
            area,
        }
    }

    pub fn area_ref(&self, at: AreaAt) -> &Area {
        &self.crafts[at.craft].levels[at.level].areas[at.area]
    }

    /// Adds a statement numbered after the area's others (`1`, `2`, ...),
    /// skipping numbers an explicit id already took.
    pub fn push_numbered(&mut self, at: AreaAt, text: String, hint: Option<String>) {
        let used = self.ids_at.get(&(at.craft, at.level, at.area));
        let statements = &self.crafts[at.craft].levels[at.level].areas[at.area].statements;
        let mut n = statements.len() + 1;
        while used.is_some_and(|u| u.contains(&n.to_string())) {
            n += 1;
        }
        let id = n.to_string();
        self.ids_at
            .entry((at.craft, at.level, at.area))
            .or_default()
            .insert(id.clone());
        self.crafts[at.craft].levels[at.level].areas[at.area]
            .statements
            .push(Statement::new(id, text, hint));
    }

    /// Adds a statement with the source's own id; false when the area
    /// already has a statement of that id.
    pub fn push_with_id(
        &mut self,
        at: AreaAt,
        id: String,
        text: String,
        hint: Option<String>,
    ) -> bool {
        let used = self
            .ids_at
            .entry((at.craft, at.level, at.area))
            .or_default();
        if !used.insert(id.clone()) {
            return false;
        }
        self.crafts[at.craft].levels[at.level].areas[at.area]
            .statements
            .push(Statement::new(id, text, hint));
        true
    }
}

/// A level as most sources make it: an id, a rank and a title, its
/// areas added after.
pub fn bare_level(id: String, rank: u32, title: String) -> Level {
    Level {
        id,
        rank,
        title,
        summary: None,
        focus: None,
        areas: Vec::new(),
    }
}

/// An id for something the source names: the name itself when it is a
/// valid id, else its slug (`None` when nothing of it is left).
pub fn id_of(name: &str) -> Option<String> {
    let name = name.trim();
    if is_valid_id(name) {
        return Some(name.to_owned());
    }
    let slug = slug(name);
    (!slug.is_empty()).then_some(slug)
}

/// Source text made safe and one-line, trimmed.
pub fn text_of(s: &str) -> String {
    clean_line(s.trim()).trim().to_owned()
}

/// Hint text from a list of examples: each made safe, joined by ` · `.
pub fn hint_of<'a>(items: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let parts: Vec<String> = items
        .into_iter()
        .map(text_of)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Line starts of a text, built once so that locating many errors costs
/// a binary search each instead of a rescan.
#[derive(Debug)]
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines { text, starts }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        Location { line, column }
    }

    /// The first place `needle` occurs at or after byte `from`.
    pub fn find(&self, needle: &str, from: usize) -> Option<Location> {
        self.find_offset(needle, from).map(|i| self.location(i))
    }

    /// The byte offset of the first `needle` at or after byte `from`.
    pub fn find_offset(&self, needle: &str, from: usize) -> Option<usize> {
        let from = from.min(self.text.len());
        let rest = self.text.get(from..)?;
        rest.find(needle).map(|i| from + i)
    }
}

pub fn error_at(file: &Path, at: Location, message: impl Into<String>) -> InputError {
    InputError::in_file(file, at, clean_line(&message.into()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_locate_offsets_in_characters() {
        let lines = Lines::new("ab\nçd\n\nx");
        assert_eq!(lines.location(0), Location { line: 1, column: 1 });
        assert_eq!(lines.location(3), Location { line: 2, column: 1 });
        assert_eq!(lines.location(5), Location { line: 2, column: 2 });
        assert_eq!(lines.location(8), Location { line: 4, column: 1 });
        assert_eq!(lines.find("x", 0), Some(Location { line: 4, column: 1 }));
    }

    #[test]
    fn numbered_ids_step_over_explicit_ones() {
        let mut tree = Tree::default();
        let c = tree.craft("c", "C");
        let l = tree.add_level(
            c,
            Level {
                id: "l".into(),
                rank: 1,
                title: "L".into(),
                summary: None,
                focus: None,
                areas: Vec::new(),
            },
        );
        let a = tree.area(l, "a", "A");
        assert!(tree.push_with_id(a, "1".into(), "one".into(), None));
        tree.push_numbered(a, "two".into(), None);
        assert!(!tree.push_with_id(a, "2".into(), "again".into(), None));
        let ids: Vec<&str> = tree
            .area_ref(a)
            .statements
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["1", "2"]);
    }

    #[test]
    fn ids_and_hints() {
        assert_eq!(id_of("level-4").as_deref(), Some("level-4"));
        assert_eq!(id_of("Level 4").as_deref(), Some("level-4"));
        assert_eq!(id_of("日本"), None);
        assert_eq!(
            hint_of(["a\u{1b}[2J", " ", "b"]).as_deref(),
            Some("a\u{241b}[2J · b")
        );
    }
}
