//! `monzo`: markdown files whose YAML front matter holds a craft's topics
//! (`title`, `levels: N`, `yaml: true`, `topics: [{name, title, content:
//! [{level, criteria, exampleCriteria: [{criteria, examples}]}]}]`). One file
//! is one craft; level 1..N is the rank; a topic is an area; criteria are
//! statements and examples their hint. A `generic.md` given alongside lends
//! its topics' titles and criteria to the topics of the same name. A file
//! with `yaml: false` is a page for the page reader.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::detect::front_matter;
use super::page::parse_page;
use super::seed::level_of;
use super::tree::{Draft, Lines, bare_level, error_at, hint_of, id_of, text_of};
use super::yaml::from_yaml;
use super::{Source, shown};
use crate::error::{InputError, InputErrors, Location};
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

/// Criteria by level number.
type ByLevel = HashMap<u32, Vec<Criterion>>;

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

    /// Whether a level number is outside 1 to the front matter's `levels`.
    fn beyond(&self, level: u32) -> bool {
        level == 0 || self.front.levels.is_some_and(|n| level > n)
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
    let (generic, crafts, mut errors) = parse_all(sources);
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
    skip_unborrowed(&generic, &crafts, &mut draft);
    if let Some(first) = crafts.iter().find(|p| p.front.yaml != Some(false)) {
        draft.name = first.front.title.as_deref().map(text_of);
        draft.name_from = format!("title of {}", shown(first.path()));
    }
    Ok(draft)
}

/// Each source parsed: the topics `generic.md` lends by name, the craft
/// files, and the errors of the files that do not parse.
fn parse_all(sources: &[Source]) -> (HashMap<String, Lent<'_>>, Vec<Parsed<'_>>, Vec<InputError>) {
    let mut generic = HashMap::new();
    let mut crafts = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        match parse(source) {
            Ok(parsed) if is_generic(&source.path) => lend(&parsed, &mut generic),
            Ok(parsed) => crafts.push(parsed),
            Err(err) => errors.push(err),
        }
    }
    (generic, crafts, errors)
}

/// The topics of `generic.md`, each lent by its name.
fn lend<'a>(parsed: &Parsed<'a>, generic: &mut HashMap<String, Lent<'a>>) {
    for topic in parsed.front.topics.iter().flatten() {
        let line = parsed.topic_at(&topic.name).0.line;
        generic.insert(
            topic.name.clone(),
            Lent {
                topic: topic.clone(),
                path: &parsed.source.path,
                line,
            },
        );
    }
}

/// Generic topics that no craft file names a topic after lend nothing:
/// said, each at its place in `generic.md`.
fn skip_unborrowed(generic: &HashMap<String, Lent<'_>>, crafts: &[Parsed<'_>], draft: &mut Draft) {
    let named: std::collections::HashSet<&str> = crafts
        .iter()
        .filter(|p| p.front.yaml != Some(false))
        .flat_map(|p| p.front.topics.iter().flatten())
        .map(|t| t.name.as_str())
        .collect();
    let mut unborrowed: Vec<&Lent<'_>> = generic
        .iter()
        .filter(|(name, _)| !named.contains(name.as_str()))
        .map(|(_, lent)| lent)
        .collect();
    unborrowed.sort_by_key(|lent| (lent.path, lent.line));
    for lent in unborrowed {
        let name = text_of(&lent.topic.name);
        draft.skip(
            lent.path,
            lent.line,
            format!(
                "generic topic `{name}` is not imported: no craft file has a topic named `{name}`"
            ),
        );
    }
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

/// A topic as an area: its id, its name and its criteria per level (a
/// generic topic's first).
struct TopicArea {
    id: String,
    name: String,
    by_level: ByLevel,
}

fn read_craft(
    parsed: &Parsed<'_>,
    generic: &HashMap<String, Lent<'_>>,
    draft: &mut Draft,
) -> Result<(), InputErrors> {
    let (title, craft_id) = craft_of(parsed)?;
    let mut areas = Vec::new();
    let mut errors = Vec::new();
    let mut area_ids = std::collections::HashSet::new();
    for topic in parsed.front.topics.iter().flatten() {
        match topic_area(parsed, topic, generic.get(&topic.name), &title, draft) {
            Ok(Some(area)) if !area_ids.insert(area.id.clone()) => errors.push(
                error_at(
                    parsed.path(),
                    parsed.topic_at(&topic.name).0,
                    format!("two topics make area `{}`", area.id),
                )
                .hint("give each topic its own name"),
            ),
            Ok(Some(area)) => areas.push(area),
            Ok(None) => {}
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let craft = draft.tree.craft(&craft_id, &title);
    add_levels(parsed, craft, &craft_id, &areas, draft)
}

/// The craft's title and id, from the front matter's `title`.
fn craft_of(parsed: &Parsed<'_>) -> Result<(String, String), InputError> {
    let front_at = parsed.lines.location(parsed.start);
    let Some(title) = parsed
        .front
        .title
        .as_deref()
        .map(text_of)
        .filter(|t| !t.is_empty())
    else {
        return Err(
            error_at(parsed.path(), front_at, "the front matter has no `title`")
                .hint("the title names the craft, as `title: Backend`"),
        );
    };
    let Some(craft_id) = id_of(&title) else {
        return Err(error_at(
            parsed.path(),
            front_at,
            format!("no craft id can be made from the title \"{title}\""),
        )
        .hint("use letters or digits in the title"));
    };
    Ok((title, craft_id))
}

/// A topic's area, with what `generic.md` lends it; `None` (and a skipped
/// line) when it has no criteria at any level.
fn topic_area(
    parsed: &Parsed<'_>,
    topic: &Topic,
    lent: Option<&Lent<'_>>,
    craft_title: &str,
    draft: &mut Draft,
) -> Result<Option<TopicArea>, Vec<InputError>> {
    let Some(id) = id_of(&topic.name) else {
        return Err(vec![
            error_at(
                parsed.path(),
                parsed.topic_at(&topic.name).0,
                "no area id can be made from this topic's name",
            )
            .hint("name topics with letters or digits"),
        ]);
    };
    let name = topic
        .title
        .as_deref()
        .or_else(|| lent.and_then(|g| g.topic.title.as_deref()))
        .map_or_else(|| text_of(&topic.name), text_of);
    let mut by_level = ByLevel::new();
    if let Some(lent) = lent {
        lend_criteria(parsed, lent, craft_title, &mut by_level, draft);
    }
    own_criteria(parsed, topic, &mut by_level)?;
    if by_level.values().all(Vec::is_empty) {
        let why = format!(
            "topic `{}` has no criteria at any level",
            text_of(&topic.name)
        );
        draft.skip(parsed.path(), parsed.topic_at(&topic.name).0.line, why);
        return Ok(None);
    }
    Ok(Some(TopicArea { id, name, by_level }))
}

/// A generic topic's criteria at the levels the file has; those at a
/// level beyond them are left out, said at the generic topic.
fn lend_criteria(
    parsed: &Parsed<'_>,
    lent: &Lent<'_>,
    craft_title: &str,
    by_level: &mut ByLevel,
    draft: &mut Draft,
) {
    for content in lent.topic.content.iter().flatten() {
        if parsed.beyond(content.level) {
            draft.skip(
                lent.path,
                lent.line,
                format!(
                    "generic topic `{}` level {} is beyond {craft_title}'s {} levels",
                    text_of(&lent.topic.name),
                    content.level,
                    parsed.front.levels.unwrap_or(0)
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

/// The topic's own criteria; any at a level the file does not have is refused.
fn own_criteria(
    parsed: &Parsed<'_>,
    topic: &Topic,
    by_level: &mut ByLevel,
) -> Result<(), Vec<InputError>> {
    let mut errors = Vec::new();
    for content in topic.content.iter().flatten() {
        if parsed.beyond(content.level) {
            errors.push(
                error_at(
                    parsed.path(),
                    parsed.level_at(&topic.name, content.level),
                    format!(
                        "topic `{}` has criteria for level {}, the file has levels 1 to {}",
                        text_of(&topic.name),
                        content.level,
                        parsed.front.levels.unwrap_or(0)
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
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A level per number some topic has criteria for, its areas in topic
/// order; the numbers up to `levels` that none has are said.
fn add_levels(
    parsed: &Parsed<'_>,
    craft: usize,
    craft_id: &str,
    areas: &[TopicArea],
    draft: &mut Draft,
) -> Result<(), InputErrors> {
    let at_level = topics_by_level(areas);
    skip_empty_levels(parsed, &at_level, draft);
    for (&n, topics) in &at_level {
        let level_id = format!("level-{n}");
        if draft.tree.find_level(craft, &level_id).is_some() {
            return Err(error_at(
                parsed.path(),
                parsed.lines.location(parsed.start),
                format!("craft `{craft_id}` is given by two files"),
            )
            .hint("import each craft from one file")
            .into());
        }
        let level = bare_level(level_id, n, format!("Level {n}"));
        let level = draft.tree.add_level(craft, level);
        for area in topics {
            let at = draft.tree.area(level, &area.id, &area.name);
            for (text, hint) in area.by_level.get(&n).into_iter().flatten() {
                draft.tree.push_numbered(at, text.clone(), hint.clone());
            }
        }
    }
    Ok(())
}

/// The topics with criteria at each level, in topic order.
fn topics_by_level(areas: &[TopicArea]) -> BTreeMap<u32, Vec<&TopicArea>> {
    let mut at_level: BTreeMap<u32, Vec<&TopicArea>> = BTreeMap::new();
    for area in areas {
        for (&n, criteria) in &area.by_level {
            if !criteria.is_empty() {
                at_level.entry(n).or_default().push(area);
            }
        }
    }
    at_level
}

/// Levels up to `levels` (else the highest with criteria) that no topic
/// has criteria for are said at the `levels:` line, up to a sane number
/// of them.
fn skip_empty_levels(
    parsed: &Parsed<'_>,
    at_level: &BTreeMap<u32, Vec<&TopicArea>>,
    draft: &mut Draft,
) {
    let top = parsed
        .front
        .levels
        .unwrap_or_else(|| at_level.keys().copied().max().unwrap_or(0));
    let levels_line = parsed
        .lines
        .find("levels:", parsed.start)
        .unwrap_or(parsed.lines.location(parsed.start))
        .line;
    for n in (1..=top.min(1000)).filter(|n| !at_level.contains_key(n)) {
        draft.skip(
            parsed.path(),
            levels_line,
            format!("level {n} has no criteria in any topic"),
        );
    }
}
