//! `seed`: markdown pages like the embedded one, each one level of one craft.

use std::path::{Path, PathBuf};

use super::page::{Page, parse_page};
use super::tree::{Draft, Tree};
use super::{Options, Source};
use crate::error::{InputError, InputErrors, Location};
use crate::model::ids::slug;
use crate::model::{Area, Framework, Level, Statement};

pub fn read(sources: &[Source]) -> Result<Draft, InputErrors> {
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        match parse_page(&source.path, &source.text) {
            Ok(page) => pages.push((source.path.clone(), page)),
            Err(err) => errors.push(err),
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    draft_of(&pages)
}

/// Merges pages (of any crafts and levels) into one framework, checked
/// against every rule of the format. `id` overrides the slug of its name.
pub fn framework_of(pages: &[(PathBuf, Page)], id: Option<&str>) -> Result<Framework, InputErrors> {
    let draft = draft_of(pages)?;
    let sources: Vec<Source> = pages
        .iter()
        .map(|(path, _)| Source {
            path: path.clone(),
            text: String::new(),
        })
        .collect();
    super::assemble(draft, &sources, &Options::default(), id).map(|(f, _)| f)
}

fn draft_of(pages: &[(PathBuf, Page)]) -> Result<Draft, InputErrors> {
    let Some((first_path, first)) = pages.first() else {
        return Err(InputError::new("no pages to import").into());
    };
    let mut tree = Tree::default();
    let mut errors = Vec::new();
    for (path, page) in pages {
        if let Err(error) = add_page(&mut tree, (path, page), (first_path, first)) {
            errors.push(error);
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    for craft in &mut tree.crafts {
        craft.levels.sort_by_key(|l| l.rank);
    }
    Ok(Draft {
        name: Some(first.framework.clone()),
        name_from: format!("grand_parent of {}", super::shown(first_path)),
        tree,
        skipped: Vec::new(),
    })
}

/// A page as a level of its craft: refused when it belongs to another
/// framework than the first page, or its craft has its level's id or rank.
fn add_page(
    tree: &mut Tree,
    (path, page): (&Path, &Page),
    (first_path, first): (&Path, &Page),
) -> Result<(), InputError> {
    if page.framework != first.framework {
        return Err(located(
            path,
            page.framework_line,
            format!(
                "this page belongs to framework \"{}\", the first page ({}) to \"{}\"",
                page.framework,
                super::shown(first_path),
                first.framework
            ),
        )
        .hint("import the pages of one framework at a time"));
    }
    let craft = tree.craft(&slug(&page.craft), &page.craft);
    let level = level_of(page);
    if tree.find_level(craft, &level.id).is_some() {
        return Err(located(
            path,
            page.title_line,
            format!("level `{}` of {} is imported twice", level.id, page.craft),
        )
        .hint("give each page of a craft its own level"));
    }
    if let Some(other) = tree.level_with_rank(craft, level.rank, &level.id) {
        return Err(located(
            path,
            page.title_line,
            format!(
                "level `{}` of {} has rank {}, as level `{}` has",
                level.id, page.craft, level.rank, other.id
            ),
        )
        .hint("number the titles (`Level 5 (Senior)`) or give each page its own nav_order"));
    }
    tree.add_level(craft, level);
    Ok(())
}

fn located(path: &Path, line: usize, message: String) -> InputError {
    InputError::in_file(path, Location { line, column: 1 }, message)
}

/// `Level 4 (Mid)` → id `level-4`, rank 4; any other title → its slug, ranked by `nav_order`.
pub fn level_of(page: &Page) -> Level {
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
                    .map(|(i, text)| Statement::new((i + 1).to_string(), text.clone(), None))
                    .collect(),
            })
            .collect(),
    }
}
