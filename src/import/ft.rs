//! `ft`: a job-family YAML file (`name`, `levels: [{id, name}]`, `themes:
//! [{id, name}]`, `competencies: [{id, level, theme, summary, proficiency,
//! examples}]`). One file is one craft; the order of the levels is their
//! rank; a theme is an area; a competency is a statement that keeps its id,
//! with its proficiency and examples as the hint.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::tree::LevelAt;
use super::tree::{Draft, Lines, bare_level, error_at, hint_of, id_of, text_of};
use super::yaml::from_yaml;
use super::{Source, shown};
use crate::error::{InputError, InputErrors, Location};

#[derive(Debug, Deserialize)]
struct Family {
    id: Option<String>,
    name: Option<String>,
    levels: Option<Vec<Named>>,
    themes: Option<Vec<Named>>,
    competencies: Option<Vec<Competency>>,
}

#[derive(Debug, Deserialize)]
struct Named {
    id: String,
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Competency {
    id: String,
    level: String,
    theme: String,
    summary: Option<String>,
    proficiency: Option<String>,
    examples: Option<Vec<String>>,
}

impl Competency {
    /// Its proficiency, then its examples.
    fn hint(&self) -> Option<String> {
        hint_of(
            self.proficiency
                .iter()
                .chain(self.examples.iter().flatten())
                .map(String::as_str),
        )
    }
}

pub fn read(sources: &[Source]) -> Result<Draft, InputErrors> {
    let mut draft = Draft::default();
    let mut errors = Vec::new();
    for source in sources {
        match read_file(source, &mut draft) {
            Ok(name) => {
                if draft.name.is_none() {
                    draft.name = Some(name);
                    draft.name_from = format!("name of {}", shown(&source.path));
                }
            }
            Err(errs) => errors.extend(errs.0),
        }
    }
    if errors.is_empty() {
        Ok(draft)
    } else {
        Err(InputErrors(errors))
    }
}

/// Where things are written in one file. Each lookup reads the file from
/// the top: after a hundred (a hostile file), the rest are placed at its
/// start, so the cost stays linear.
struct File<'a> {
    path: &'a Path,
    lines: Lines<'a>,
    lookups: std::cell::Cell<u32>,
}

impl File<'_> {
    fn at(&self, needle: &str) -> Location {
        self.lookups.set(self.lookups.get() + 1);
        if self.lookups.get() > 100 {
            return Location::START;
        }
        self.lines.find(needle, 0).unwrap_or(Location::START)
    }

    fn error(&self, at: Location, message: impl Into<String>) -> InputError {
        error_at(self.path, at, message)
    }
}

/// A theme as an area, and whether a competency used it.
struct Theme {
    id: String,
    name: String,
    used: bool,
}

/// Reads one job family into a craft; gives its name.
fn read_file(source: &Source, draft: &mut Draft) -> Result<String, InputErrors> {
    let family: Family = from_yaml(&source.path, &source.text, 1)?;
    let file = File {
        path: &source.path,
        lines: Lines::new(&source.text),
        lookups: std::cell::Cell::new(0),
    };
    let (name, craft_id) = craft_of(&file, &family)?;
    let levels = family.levels.as_deref().unwrap_or_default();
    let themes = family.themes.as_deref().unwrap_or_default();
    check_lists(&file, &craft_id, levels, themes, draft)?;
    let craft = draft.tree.craft(&craft_id, &name);
    let mut errors = Vec::new();
    let (level_of, level_lines) = add_levels(&file, craft, levels, draft, &mut errors);
    let mut theme_of = themes_of(&file, themes, &mut errors);
    for competency in competencies_placed(&file, family.competencies.as_deref().unwrap_or_default())
    {
        if let Err(error) = add_competency(&file, competency, &level_of, &mut theme_of, draft) {
            errors.push(error);
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    skip_unused(&file, craft, &level_lines, themes, &theme_of, draft);
    Ok(name)
}

/// The craft's name and id: the family's `name`, its `id` if it has one.
fn craft_of(file: &File<'_>, family: &Family) -> Result<(String, String), InputError> {
    let Some(name) = family
        .name
        .as_deref()
        .map(text_of)
        .filter(|n| !n.is_empty())
    else {
        return Err(file
            .error(Location::START, "the job family has no `name`")
            .hint("the name names the craft, as `name: Engineering`"));
    };
    let Some(craft_id) = family
        .id
        .as_deref()
        .and_then(id_of)
        .or_else(|| id_of(&name))
    else {
        return Err(file
            .error(
                file.at("name:"),
                format!("no craft id can be made from \"{name}\""),
            )
            .hint("give the job family an `id` of letters, digits and dashes"));
    };
    Ok((name, craft_id))
}

/// Levels and themes are listed, and no other file gave this craft.
fn check_lists(
    file: &File<'_>,
    craft_id: &str,
    levels: &[Named],
    themes: &[Named],
    draft: &Draft,
) -> Result<(), InputErrors> {
    let mut errors = Vec::new();
    if levels.is_empty() {
        errors.push(
            file.error(file.at("levels:"), "the job family lists no levels").hint(
                "list them in order, lowest first: `levels: [{id: engineer-1, name: Engineer 1}]`",
            ),
        );
    }
    if themes.is_empty() {
        errors.push(
            file.error(file.at("themes:"), "the job family lists no themes")
                .hint("list the themes as `themes: [{id: delivery, name: Delivery}]`"),
        );
    }
    if draft.tree.crafts.iter().any(|c| c.id == craft_id) {
        errors.push(
            file.error(
                file.at("name:"),
                format!("craft `{craft_id}` is given by two files"),
            )
            .hint("import each job family from one file"),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(InputErrors(errors))
    }
}

/// A level per listed level, ranked in listed order: the source id → the
/// level made for it, and each made level's line.
fn add_levels<'a>(
    file: &File<'_>,
    craft: usize,
    levels: &'a [Named],
    draft: &mut Draft,
    errors: &mut Vec<InputError>,
) -> (HashMap<&'a str, LevelAt>, HashMap<String, usize>) {
    let mut level_of = HashMap::new();
    let mut level_lines = HashMap::new();
    // Each level's line, found in file order from `levels:` on.
    let mut cursor = file.lines.find_offset("levels:", 0).unwrap_or(0);
    for (i, level) in levels.iter().enumerate() {
        let rank = i as u32 + 1;
        let found = file.lines.find_offset(&level.id, cursor);
        if let Some(offset) = found {
            cursor = offset + level.id.len();
        }
        let line = found.map_or(1, |o| file.lines.location(o).line);
        let Some(mut id) = id_of(&level.id) else {
            errors.push(
                file.error(file.at(&level.id), "no level id can be made from this id")
                    .hint("level ids are letters, digits and dashes"),
            );
            continue;
        };
        if draft.tree.find_level(craft, &id).is_some() {
            let again = format!("{id}-{rank}");
            draft.skip(file.path, line, format!(
                "level id `{id}` is listed twice: the second (rank {rank}) becomes `{again}`, and competencies of `{id}` go to the first"
            ));
            id = again;
        }
        let title = level
            .name
            .as_deref()
            .map(text_of)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| id.clone());
        level_lines.insert(id.clone(), line);
        let made = draft.tree.add_level(craft, bare_level(id, rank, title));
        level_of.entry(level.id.as_str()).or_insert(made);
    }
    (level_of, level_lines)
}

/// The themes by source id, as areas.
fn themes_of<'a>(
    file: &File<'_>,
    themes: &'a [Named],
    errors: &mut Vec<InputError>,
) -> HashMap<&'a str, Theme> {
    let mut theme_of = HashMap::new();
    for theme in themes {
        let Some(id) = id_of(&theme.id) else {
            errors.push(file.error(
                file.at(&theme.id),
                "no area id can be made from this theme's id",
            ));
            continue;
        };
        let name = theme
            .name
            .as_deref()
            .map(text_of)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| id.clone());
        theme_of.insert(
            theme.id.as_str(),
            Theme {
                id,
                name,
                used: false,
            },
        );
    }
    theme_of
}

/// Each competency with where it is written. They are found in file order,
/// each after the one before, so locating them all reads the file once.
fn competencies_placed<'a>(
    file: &File<'_>,
    competencies: &'a [Competency],
) -> Vec<(&'a Competency, Location)> {
    let mut cursor = file.lines.find_offset("competencies:", 0).unwrap_or(0);
    competencies
        .iter()
        .map(|competency| {
            let found = file.lines.find_offset(&competency.id, cursor);
            if let Some(offset) = found {
                cursor = offset + competency.id.len();
            }
            (
                competency,
                found.map_or(Location::START, |o| file.lines.location(o)),
            )
        })
        .collect()
}

/// A competency as a statement of its level's area for its theme; one
/// without a summary is skipped, saying so.
fn add_competency(
    file: &File<'_>,
    (competency, here): (&Competency, Location),
    level_of: &HashMap<&str, LevelAt>,
    theme_of: &mut HashMap<&str, Theme>,
    draft: &mut Draft,
) -> Result<(), InputError> {
    let named = text_of(&competency.id);
    let (level, theme) = competency_place(file, (competency, here), level_of, theme_of)?;
    let text = competency
        .summary
        .as_deref()
        .map(text_of)
        .unwrap_or_default();
    if text.is_empty() {
        let why = format!("competency `{named}` has no summary");
        draft.skip(file.path, here.line, why);
        return Ok(());
    }
    let Some(id) = id_of(&competency.id.to_ascii_lowercase()) else {
        let why = "no statement id can be made from this competency's id";
        return Err(file.error(here, why));
    };
    theme.used = true;
    let area = draft.tree.area(level, &theme.id, &theme.name);
    if !draft
        .tree
        .push_with_id(area, id.clone(), text, competency.hint())
    {
        return Err(file
            .error(here, format!("competency id `{id}` is used twice"))
            .hint("give each competency its own id"));
    }
    Ok(())
}

/// The level and the theme a competency names, each one the lists have.
fn competency_place<'t>(
    file: &File<'_>,
    (competency, here): (&Competency, Location),
    level_of: &HashMap<&str, LevelAt>,
    theme_of: &'t mut HashMap<&str, Theme>,
) -> Result<(LevelAt, &'t mut Theme), InputError> {
    let named = text_of(&competency.id);
    let Some(&level) = level_of.get(competency.level.as_str()) else {
        return Err(file
            .error(
                here,
                format!(
                    "competency `{named}` names level `{}`, which the levels do not list",
                    text_of(&competency.level)
                ),
            )
            .hint("use one of the ids under `levels:`"));
    };
    let Some(theme) = theme_of.get_mut(competency.theme.as_str()) else {
        return Err(file
            .error(
                here,
                format!(
                    "competency `{named}` names theme `{}`, which the themes do not list",
                    text_of(&competency.theme)
                ),
            )
            .hint("use one of the ids under `themes:`"));
    };
    Ok((level, theme))
}

/// Levels and themes with no competencies have nothing to rate: left out,
/// and said.
fn skip_unused(
    file: &File<'_>,
    craft: usize,
    level_lines: &HashMap<String, usize>,
    themes: &[Named],
    theme_of: &HashMap<&str, Theme>,
    draft: &mut Draft,
) {
    let empty: Vec<(String, usize)> = draft.tree.crafts[craft]
        .levels
        .iter()
        .filter(|l| l.areas.is_empty())
        .map(|l| (l.id.clone(), level_lines.get(&l.id).copied().unwrap_or(1)))
        .collect();
    for (id, line) in empty {
        draft.skip(file.path, line, format!("level `{id}` has no competencies"));
    }
    draft.tree.crafts[craft]
        .levels
        .retain(|l| !l.areas.is_empty());
    // Themes in listed order, each said once.
    let mut said = std::collections::HashSet::new();
    for theme in themes {
        if let Some(t) = theme_of.get(theme.id.as_str())
            && !t.used
            && said.insert(theme.id.as_str())
        {
            draft.skip(
                file.path,
                file.at(&theme.id).line,
                format!("theme `{}` has no competencies", t.id),
            );
        }
    }
}
