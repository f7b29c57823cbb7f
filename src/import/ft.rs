//! `ft`: a job-family YAML file (`name`, `levels: [{id, name}]`, `themes:
//! [{id, name}]`, `competencies: [{id, level, theme, summary, proficiency,
//! examples}]`). One file is one craft; the order of the levels is their
//! rank; a theme is an area; a competency is a statement that keeps its id,
//! with its proficiency and examples as the hint.

use std::collections::HashMap;

use serde::Deserialize;

use super::tree::{Draft, Lines, error_at, hint_of, id_of, text_of};
use super::yaml::from_yaml;
use super::{Source, shown};
use crate::error::{InputError, InputErrors, Location};
use crate::model::Level;

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

/// Reads one job family into a craft; gives its name.
fn read_file(source: &Source, draft: &mut Draft) -> Result<String, InputErrors> {
    let path = source.path.as_path();
    let family: Family = from_yaml(path, &source.text, 1)?;
    let lines = Lines::new(&source.text);
    // Each lookup reads the file from the top: after a hundred (a hostile
    // file), the rest are placed at its start, so the cost stays linear.
    let lookups = std::cell::Cell::new(0u32);
    let at = |needle: &str| {
        lookups.set(lookups.get() + 1);
        if lookups.get() > 100 {
            return Location::START;
        }
        lines.find(needle, 0).unwrap_or(Location::START)
    };
    let Some(name) = family
        .name
        .as_deref()
        .map(text_of)
        .filter(|n| !n.is_empty())
    else {
        return Err(
            error_at(path, Location::START, "the job family has no `name`")
                .hint("the name names the craft, as `name: Engineering`")
                .into(),
        );
    };
    let Some(craft_id) = family
        .id
        .as_deref()
        .and_then(id_of)
        .or_else(|| id_of(&name))
    else {
        return Err(error_at(
            path,
            at("name:"),
            format!("no craft id can be made from \"{name}\""),
        )
        .hint("give the job family an `id` of letters, digits and dashes")
        .into());
    };
    let mut errors: Vec<InputError> = Vec::new();
    let levels = family.levels.unwrap_or_default();
    if levels.is_empty() {
        errors.push(
            error_at(path, at("levels:"), "the job family lists no levels").hint(
                "list them in order, lowest first: `levels: [{id: engineer-1, name: Engineer 1}]`",
            ),
        );
    }
    let themes = family.themes.unwrap_or_default();
    if themes.is_empty() {
        errors.push(
            error_at(path, at("themes:"), "the job family lists no themes")
                .hint("list the themes as `themes: [{id: delivery, name: Delivery}]`"),
        );
    }
    if draft.tree.crafts.iter().any(|c| c.id == craft_id) {
        errors.push(
            error_at(
                path,
                at("name:"),
                format!("craft `{craft_id}` is given by two files"),
            )
            .hint("import each job family from one file"),
        );
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let craft = draft.tree.craft(&craft_id, &name);
    // Source level id → the level made for it; listed order is rank.
    let mut level_of: HashMap<&str, crate::import::tree::LevelAt> = HashMap::new();
    // Each level's line, found in file order from `levels:` on.
    let mut level_lines: HashMap<String, usize> = HashMap::new();
    let mut cursor = lines.find_offset("levels:", 0).unwrap_or(0);
    for (i, level) in levels.iter().enumerate() {
        let rank = i as u32 + 1;
        let found = lines.find_offset(&level.id, cursor);
        if let Some(offset) = found {
            cursor = offset + level.id.len();
        }
        let line = found.map_or(1, |o| lines.location(o).line);
        let Some(mut id) = id_of(&level.id) else {
            errors.push(
                error_at(path, at(&level.id), "no level id can be made from this id")
                    .hint("level ids are letters, digits and dashes"),
            );
            continue;
        };
        if draft.tree.find_level(craft, &id).is_some() {
            let again = format!("{id}-{rank}");
            draft.skip(path, line, format!(
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
        let made = draft.tree.add_level(
            craft,
            Level {
                id,
                rank,
                title,
                summary: None,
                focus: None,
                areas: Vec::new(),
            },
        );
        level_of.entry(level.id.as_str()).or_insert(made);
    }
    let mut theme_of: HashMap<&str, (String, String)> = HashMap::new();
    for theme in &themes {
        let Some(id) = id_of(&theme.id) else {
            errors.push(error_at(
                path,
                at(&theme.id),
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
        theme_of.insert(theme.id.as_str(), (id, name));
    }
    // Competencies are found in file order, each after the one before, so
    // locating them all reads the file once.
    let mut cursor = lines.find_offset("competencies:", 0).unwrap_or(0);
    for competency in family.competencies.iter().flatten() {
        let found = lines.find_offset(&competency.id, cursor);
        if let Some(offset) = found {
            cursor = offset + competency.id.len();
        }
        let here = found.map_or(Location::START, |o| lines.location(o));
        let Some(&level) = level_of.get(competency.level.as_str()) else {
            errors.push(
                error_at(
                    path,
                    here,
                    format!(
                        "competency `{}` names level `{}`, which the levels do not list",
                        text_of(&competency.id),
                        text_of(&competency.level)
                    ),
                )
                .hint("use one of the ids under `levels:`"),
            );
            continue;
        };
        let Some((area_id, area_name)) = theme_of.get(competency.theme.as_str()) else {
            errors.push(
                error_at(
                    path,
                    here,
                    format!(
                        "competency `{}` names theme `{}`, which the themes do not list",
                        text_of(&competency.id),
                        text_of(&competency.theme)
                    ),
                )
                .hint("use one of the ids under `themes:`"),
            );
            continue;
        };
        let text = competency
            .summary
            .as_deref()
            .map(text_of)
            .unwrap_or_default();
        if text.is_empty() {
            draft.skip(
                path,
                here.line,
                format!("competency `{}` has no summary", text_of(&competency.id)),
            );
            continue;
        }
        let Some(id) = id_of(&competency.id.to_ascii_lowercase()) else {
            errors.push(error_at(
                path,
                here,
                "no statement id can be made from this competency's id",
            ));
            continue;
        };
        let hint = hint_of(
            competency
                .proficiency
                .iter()
                .chain(competency.examples.iter().flatten())
                .map(String::as_str),
        );
        let area = draft.tree.area(level, area_id, area_name);
        if !draft.tree.push_with_id(area, id.clone(), text, hint) {
            errors.push(
                error_at(path, here, format!("competency id `{id}` is used twice"))
                    .hint("give each competency its own id"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    // A level with no competencies has nothing to rate: left out, and said.
    let empty: Vec<(String, usize)> = draft.tree.crafts[craft]
        .levels
        .iter()
        .filter(|l| l.areas.is_empty())
        .map(|l| (l.id.clone(), level_lines.get(&l.id).copied().unwrap_or(1)))
        .collect();
    for (id, line) in empty {
        draft.skip(path, line, format!("level `{id}` has no competencies"));
    }
    draft.tree.crafts[craft]
        .levels
        .retain(|l| !l.areas.is_empty());
    Ok(name)
}
