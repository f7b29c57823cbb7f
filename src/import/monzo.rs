//! `monzo`: markdown files whose YAML front matter holds a craft's topics
//! (`title`, `levels: N`, `yaml: true`, `topics: [{name, title, content:
//! [{level, criteria, exampleCriteria: [{criteria, examples}]}]}]`). One file
//! is one craft; level 1..N is the rank; a topic is an area; criteria are
//! statements and examples their hint. A `generic.md` given alongside lends
//! its topics' titles and criteria to the topics of the same name. A file
//! with `yaml: false` is a page for the page reader.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::detect::front_matter;
use super::page::parse_page;
use super::seed::level_of;
use super::tree::{Draft, Lines, error_at, hint_of, id_of, text_of};
use super::yaml::from_yaml;
use super::{Source, shown};
use crate::error::{InputError, InputErrors, Location};
use crate::model::Level;
use crate::model::ids::slug;

#[derive(Debug, Deserialize)]
struct Front {
    title: Option<String>,
    levels: Option<u32>,
    yaml: Option<bool>,
    topics: Option<Vec<Topic>>,
}

#[derive(Debug, Clone, Deserialize)]
struct Topic {
    name: String,
    title: Option<String>,
    content: Option<Vec<Content>>,
}

#[derive(Debug, Clone, Deserialize)]
struct Content {
    level: u32,
    criteria: Option<Vec<String>>,
    #[serde(rename = "exampleCriteria")]
    example_criteria: Option<Vec<Example>>,
}

#[derive(Debug, Clone, Deserialize)]
struct Example {
    criteria: String,
    examples: Option<Vec<String>>,
}

/// A statement and its hint.
type Criterion = (String, Option<String>);

impl Content {
    fn criteria(&self) -> Vec<Criterion> {
        let plain = self.criteria.iter().flatten().map(|c| (text_of(c), None));
        let examples = self.example_criteria.iter().flatten().map(|e| {
            let hint = hint_of(e.examples.iter().flatten().map(String::as_str));
            (text_of(&e.criteria), hint)
        });
        plain
            .chain(examples)
            .filter(|(t, _)| !t.is_empty())
            .collect()
    }
}

/// A file's front matter parsed, with where it starts.
struct Parsed<'a> {
    source: &'a Source,
    front: Front,
    lines: Lines<'a>,
    /// Byte offset of the front matter's text.
    start: usize,
    /// Lookups made: each reads the file, so after a hundred (a hostile
    /// file) the rest are placed at the front matter, keeping cost linear.
    lookups: std::cell::Cell<u32>,
}

impl Parsed<'_> {
    fn path(&self) -> &Path {
        &self.source.path
    }

    /// Where a topic's `name` is written, else the front matter's start.
    fn topic_at(&self, name: &str) -> (Location, usize) {
        let text = &self.source.text;
        self.lookups.set(self.lookups.get() + 1);
        if self.lookups.get() > 100 {
            return (self.lines.location(self.start), self.start);
        }
        let found = text[self.start..]
            .match_indices(name)
            .map(|(i, _)| self.start + i)
            .find(|&i| {
                text[..i]
                    .trim_end_matches(['"', '\'', ' '])
                    .ends_with("name:")
            });
        let offset = found.unwrap_or(self.start);
        (self.lines.location(offset), offset)
    }

    /// Where `level: N` is written after a topic's name.
    fn level_at(&self, topic: &str, level: u32) -> Location {
        let (at, offset) = self.topic_at(topic);
        self.lines
            .find(&format!("level: {level}"), offset)
            .unwrap_or(at)
    }
}

fn parse(source: &Source) -> Result<Parsed<'_>, InputError> {
    let text = source.text.as_str();
    let Some(yaml) = front_matter(text) else {
        return Err(error_at(&source.path, Location::START, "the file has no YAML front matter")
            .hint("a Monzo-style file starts with front matter between `---` lines: title, levels, topics"));
    };
    let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
    let lines = Lines::new(text);
    let first_line = lines.location(start).line;
    let front = from_yaml(&source.path, yaml, first_line)?;
    Ok(Parsed {
        source,
        front,
        lines,
        start,
        lookups: std::cell::Cell::new(0),
    })
}

/// A topic of `generic.md`, and where it is written.
struct Lent<'a> {
    topic: Topic,
    path: &'a Path,
    line: usize,
}

fn is_generic(path: &Path) -> bool {
    path.file_stem()
        .is_some_and(|s| s.eq_ignore_ascii_case("generic"))
}

pub fn read(sources: &[Source]) -> Result<Draft, InputErrors> {
    let mut draft = Draft::default();
    let mut errors = Vec::new();
    let mut generic: HashMap<String, Lent<'_>> = HashMap::new();
    let mut crafts = Vec::new();
    for source in sources {
        let parsed = match parse(source) {
            Ok(parsed) => parsed,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        if is_generic(&source.path) {
            for topic in parsed.front.topics.iter().flatten() {
                let line = parsed.topic_at(&topic.name).0.line;
                generic.insert(
                    topic.name.clone(),
                    Lent {
                        topic: topic.clone(),
                        path: &source.path,
                        line,
                    },
                );
            }
        } else {
            crafts.push(parsed);
        }
    }
    if crafts.is_empty() && errors.is_empty() {
        errors.push(
            InputError::new(
                "no craft files: a generic.md only lends topics to the crafts given with it",
            )
            .hint("name the craft files (backend.md, …) beside generic.md"),
        );
    }
    for parsed in &crafts {
        if parsed.front.yaml == Some(false) {
            read_page(parsed, &mut draft);
            continue;
        }
        if let Err(err) = read_craft(parsed, &generic, &mut draft) {
            errors.extend(err.0);
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    if let Some(first) = crafts.iter().find(|p| p.front.yaml != Some(false)) {
        draft.name = first.front.title.as_deref().map(text_of);
        draft.name_from = format!("title of {}", shown(first.path()));
    }
    Ok(draft)
}

/// `yaml: false`: headings and paragraphs, for the page reader; a page it
/// cannot read is skipped, saying why.
fn read_page(parsed: &Parsed<'_>, draft: &mut Draft) {
    let path = parsed.path();
    match parse_page(path, &parsed.source.text) {
        Ok(page) => {
            let craft = draft.tree.craft(&slug(&page.craft), &page.craft);
            let level = level_of(&page);
            if draft.tree.find_level(craft, &level.id).is_some()
                || draft
                    .tree
                    .level_with_rank(craft, level.rank, &level.id)
                    .is_some()
            {
                draft.skip(
                    path,
                    page.title_line,
                    format!("level `{}` is given twice", level.id),
                );
            } else {
                draft.tree.add_level(craft, level);
            }
        }
        Err(err) => draft.skip(
            path,
            err.location.map_or(1, |l| l.line),
            format!(
                "`yaml: false` and the page reader cannot read it: {}",
                err.message
            ),
        ),
    }
}

fn read_craft(
    parsed: &Parsed<'_>,
    generic: &HashMap<String, Lent<'_>>,
    draft: &mut Draft,
) -> Result<(), InputErrors> {
    let path = parsed.path();
    let front_at = parsed.lines.location(parsed.start);
    let Some(title) = parsed
        .front
        .title
        .as_deref()
        .map(text_of)
        .filter(|t| !t.is_empty())
    else {
        return Err(error_at(path, front_at, "the front matter has no `title`")
            .hint("the title names the craft, as `title: Backend`")
            .into());
    };
    let Some(craft_id) = id_of(&title) else {
        return Err(error_at(
            path,
            front_at,
            format!("no craft id can be made from the title \"{title}\""),
        )
        .hint("use letters or digits in the title")
        .into());
    };
    let topics = parsed.front.topics.clone().unwrap_or_default();
    let mut errors = Vec::new();
    // Each topic with its criteria per level, generic ones first.
    let mut areas: Vec<(String, String, HashMap<u32, Vec<Criterion>>)> = Vec::new();
    let top = parsed.front.levels;
    let mut area_ids = std::collections::HashSet::new();
    for topic in &topics {
        let Some(id) = id_of(&topic.name) else {
            errors.push(
                error_at(
                    path,
                    parsed.topic_at(&topic.name).0,
                    "no area id can be made from this topic's name",
                )
                .hint("name topics with letters or digits"),
            );
            continue;
        };
        if !area_ids.insert(id.clone()) {
            errors.push(
                error_at(
                    path,
                    parsed.topic_at(&topic.name).0,
                    format!("two topics make area `{id}`"),
                )
                .hint("give each topic its own name"),
            );
            continue;
        }
        let inherited = generic.get(&topic.name);
        let name = topic
            .title
            .as_deref()
            .or_else(|| inherited.and_then(|g| g.topic.title.as_deref()))
            .map_or_else(|| text_of(&topic.name), text_of);
        let mut by_level: HashMap<u32, Vec<Criterion>> = HashMap::new();
        if let Some(lent) = inherited {
            let g = &lent.topic;
            for content in g.content.iter().flatten() {
                if content.level == 0 || top.is_some_and(|n| content.level > n) {
                    draft.skip(
                        lent.path,
                        lent.line,
                        format!(
                            "generic topic `{}` level {} is beyond {}'s {} levels",
                            text_of(&g.name),
                            content.level,
                            title,
                            top.unwrap_or(0)
                        ),
                    );
                    continue;
                }
                by_level
                    .entry(content.level)
                    .or_default()
                    .extend(content.criteria());
            }
        }
        for content in topic.content.iter().flatten() {
            if content.level == 0 || top.is_some_and(|n| content.level > n) {
                errors.push(
                    error_at(
                        path,
                        parsed.level_at(&topic.name, content.level),
                        format!(
                            "topic `{}` has criteria for level {}, the file has levels 1 to {}",
                            text_of(&topic.name),
                            content.level,
                            top.unwrap_or(0)
                        ),
                    )
                    .hint("levels are numbered from 1 to the front matter's `levels`"),
                );
                continue;
            }
            by_level
                .entry(content.level)
                .or_default()
                .extend(content.criteria());
        }
        if by_level.values().all(Vec::is_empty) {
            draft.skip(
                path,
                parsed.topic_at(&topic.name).0.line,
                format!(
                    "topic `{}` has no criteria at any level",
                    text_of(&topic.name)
                ),
            );
            continue;
        }
        areas.push((id, name, by_level));
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let top = top.unwrap_or_else(|| {
        areas
            .iter()
            .flat_map(|(_, _, l)| l.keys().copied())
            .max()
            .unwrap_or(0)
    });
    let craft = draft.tree.craft(&craft_id, &title);
    // The topics with criteria at each level, in topic order.
    let mut at_level: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (k, (_, _, by_level)) in areas.iter().enumerate() {
        for (&n, criteria) in by_level {
            if !criteria.is_empty() {
                at_level.entry(n).or_default().push(k);
            }
        }
    }
    for topics in at_level.values_mut() {
        topics.sort_unstable();
    }
    let levels_line = parsed
        .lines
        .find("levels:", parsed.start)
        .unwrap_or(front_at)
        .line;
    // Levels without criteria are said, up to a sane number of them.
    for n in (1..=top.min(1000)).filter(|n| !at_level.contains_key(n)) {
        draft.skip(
            path,
            levels_line,
            format!("level {n} has no criteria in any topic"),
        );
    }
    for (&n, topics) in &at_level {
        let level_id = format!("level-{n}");
        if draft.tree.find_level(craft, &level_id).is_some() {
            return Err(error_at(
                path,
                front_at,
                format!("craft `{craft_id}` is given by two files"),
            )
            .hint("import each craft from one file")
            .into());
        }
        let level = draft.tree.add_level(
            craft,
            Level {
                id: level_id,
                rank: n,
                title: format!("Level {n}"),
                summary: None,
                focus: None,
                areas: Vec::new(),
            },
        );
        for &k in topics {
            let (id, name, by_level) = &areas[k];
            let area = draft.tree.area(level, id, name);
            for (text, hint) in by_level.get(&n).into_iter().flatten() {
                draft.tree.push_numbered(area, text.clone(), hint.clone());
            }
        }
    }
    Ok(())
}
