//! Career-framework markdown pages → a framework. A page holds one level of
//! one craft: YAML front matter naming the level, craft and framework, two
//! opening paragraphs (the level's summary and focus), and a table of areas
//! whose description cells hold the statements, separated by `<br>` runs.

mod page;

use std::path::Path;

use crate::error::{InputError, InputErrors};
use crate::model::framework::FRAMEWORK_FORMAT;
use crate::model::ids::slug;
use crate::model::{Area, Craft, Framework, Level, Scale, Statement};
pub use page::{Page, parse_page};

/// Merges pages (of any crafts and levels) into one framework, checked
/// against every rule of the format. `id` overrides the slug of its name.
pub fn framework_of(
    pages: &[(std::path::PathBuf, Page)],
    id: Option<&str>,
) -> Result<Framework, InputErrors> {
    let Some((first_path, first)) = pages.first() else {
        return Err(InputError::new("no pages to import").into());
    };
    let mut framework = Framework {
        version: None,
        format: FRAMEWORK_FORMAT,
        id: id.map_or_else(|| slug(&first.framework), str::to_owned),
        name: first.framework.clone(),
        description: None,
        scale: Scale::default(),
        crafts: Vec::new(),
    };
    let mut errors = Vec::new();
    for (path, page) in pages {
        if page.framework != framework.name {
            errors.push(
                located(
                    path,
                    page.framework_line,
                    format!(
                        "this page belongs to framework \"{}\", the first page ({}) to \"{}\"",
                        page.framework,
                        first_path.display(),
                        framework.name
                    ),
                )
                .hint("import the pages of one framework at a time"),
            );
            continue;
        }
        let craft_id = slug(&page.craft);
        let craft = match framework.crafts.iter().position(|c| c.id == craft_id) {
            Some(i) => &mut framework.crafts[i],
            None => {
                framework.crafts.push(Craft {
                    id: craft_id,
                    name: page.craft.clone(),
                    levels: Vec::new(),
                });
                let last = framework.crafts.len() - 1;
                &mut framework.crafts[last]
            }
        };
        let level = level_of(page);
        if craft.levels.iter().any(|l| l.id == level.id) {
            errors.push(
                located(
                    path,
                    page.title_line,
                    format!("level `{}` of {} is imported twice", level.id, page.craft),
                )
                .hint("give each page of a craft its own level"),
            );
            continue;
        }
        craft.levels.push(level);
        craft.levels.sort_by_key(|l| l.rank);
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let problems = framework.problems();
    if let Some(problem) = problems.first() {
        return Err(InputError::new(format!(
            "the imported framework breaks a rule: {} (at {})",
            problem.message, problem.path
        ))
        .hint(problem.hint.clone())
        .into());
    }
    Ok(framework)
}

fn located(path: &Path, line: usize, message: String) -> InputError {
    InputError::in_file(path, crate::error::Location { line, column: 1 }, message)
}

/// `Level 4 (Mid)` → id `level-4`, rank 4; any other title → its slug, ranked by `nav_order`.
fn level_of(page: &Page) -> Level {
    let number = page
        .title
        .strip_prefix("Level ")
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse::<u32>().ok());
    let (id, rank) = match number {
        Some(n) => (format!("level-{n}"), n),
        None => (slug(&page.title), page.nav_order.unwrap_or(0)),
    };
    Level {
        id,
        rank,
        title: page.title.clone(),
        summary: page.summary.clone(),
        focus: page.focus.clone(),
        areas: page
            .areas
            .iter()
            .map(|(name, statements)| Area {
                id: slug(name),
                name: name.clone(),
                statements: statements
                    .iter()
                    .enumerate()
                    .map(|(i, text)| Statement {
                        id: (i + 1).to_string(),
                        text: text.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The framework as TOML in the layout of `frameworks/vaarst.toml`: one
/// statement a line, so a framework diffs well.
pub fn to_toml(framework: &Framework) -> String {
    use std::fmt::Write;
    let q = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "format = {}\nid = {}\nname = {}",
        framework.format,
        q(&framework.id),
        q(&framework.name)
    );
    if let Some(description) = &framework.description {
        let _ = writeln!(out, "description = {}", q(description));
    }
    for craft in &framework.crafts {
        let _ = writeln!(
            out,
            "\n[[crafts]]\nid = {}\nname = {}",
            q(&craft.id),
            q(&craft.name)
        );
        for level in &craft.levels {
            let _ = writeln!(
                out,
                "\n[[crafts.levels]]\nid = {}\nrank = {}\ntitle = {}",
                q(&level.id),
                level.rank,
                q(&level.title)
            );
            for (key, value) in [("summary", &level.summary), ("focus", &level.focus)] {
                if let Some(value) = value {
                    let _ = writeln!(out, "{key} = {}", q(value));
                }
            }
            for area in &level.areas {
                let _ = writeln!(
                    out,
                    "\n[[crafts.levels.areas]]\nid = {}\nname = {}\nstatements = [",
                    q(&area.id),
                    q(&area.name)
                );
                for s in &area.statements {
                    let _ = writeln!(out, "  {{ id = {}, text = {} }},", q(&s.id), q(&s.text));
                }
                out.push_str("]\n");
            }
        }
    }
    out
}
