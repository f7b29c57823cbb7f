//! Frameworks kept elsewhere → a framework file. One reader per format
//! turns its sources into a [`Draft`] (crafts, levels, areas, statements and
//! the lines it skipped); [`assemble`] gives it an id and checks it against
//! every rule of the format, and [`grow`] adds it to a copy of an installed
//! framework instead. Text from a source is untrusted: every reader makes it
//! safe and one-line as it reads it.

mod csv;
mod detect;
mod ft;
mod js;
mod monzo;
mod page;
mod seed;
mod snowflake;
mod tree;
mod yaml;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::error::{InputError, InputErrors};
use crate::model::framework::FRAMEWORK_FORMAT;
use crate::model::{Framework, Level, Scale};

pub use detect::detect;
pub use page::{Page, parse_page};
pub use seed::framework_of;
pub use tree::{Draft, Skip};
pub use yaml::MAX_DEPTH as MAX_YAML_DEPTH;

/// The formats `rungs import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown pages like the embedded seed: one level of one craft each.
    Seed,
    /// A spreadsheet saved as CSV or TSV, one statement a row or a grid.
    Csv,
    /// Markdown files with YAML front matter listing topics and criteria.
    Monzo,
    /// A job-family YAML file: levels, themes, competencies.
    Ft,
    /// The `tracks` object of a `constants.js` or `.ts` file.
    Snowflake,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Seed,
        Format::Csv,
        Format::Monzo,
        Format::Ft,
        Format::Snowflake,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Seed => "seed",
            Format::Csv => "csv",
            Format::Monzo => "monzo",
            Format::Ft => "ft",
            Format::Snowflake => "snowflake",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One file to import, read already.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// What the command line adds to what the sources say.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The craft's name where the source names none (a CSV grid, Snowflake tracks).
    pub craft: Option<String>,
    /// The framework's name where the source names none.
    pub name: Option<String>,
}

/// Reads sources of one format.
pub fn read(format: Format, sources: &[Source], options: &Options) -> Result<Draft, InputErrors> {
    if sources.is_empty() {
        return Err(InputError::new("no files to import").into());
    }
    match format {
        Format::Seed => seed::read(sources),
        Format::Csv => csv::read(sources, options),
        Format::Monzo => monzo::read(sources),
        Format::Ft => ft::read(sources),
        Format::Snowflake => snowflake::read(sources, options),
    }
}

/// The framework's name: `--name`, else the source's, else the first file's name.
fn name_of(draft: &Draft, sources: &[Source], options: &Options) -> (String, String) {
    if let Some(name) = &options.name {
        return (tree::text_of(name), "--name".to_owned());
    }
    if let Some(name) = &draft.name {
        return (name.clone(), draft.name_from.clone());
    }
    let stem = sources
        .first()
        .and_then(|s| s.path.file_stem())
        .map(|s| tree::text_of(&s.to_string_lossy()))
        .unwrap_or_default();
    let from = sources.first().map_or(String::new(), |s| {
        format!("the file name {}", s.path.display())
    });
    (stem, from)
}

/// A new framework of the draft's crafts. The id is `id` if given, else
/// made from the framework's name; the second value says where it came from.
pub fn assemble(
    draft: Draft,
    sources: &[Source],
    options: &Options,
    id: Option<&str>,
) -> Result<(Framework, String), InputErrors> {
    let (name, name_from) = name_of(&draft, sources, options);
    let (id, id_from) = match id {
        Some(id) => (id.to_owned(), "from --id".to_owned()),
        None => match tree::id_of(&name) {
            Some(id) => (id, format!("from the name \"{name}\" ({name_from})")),
            None => {
                return Err(InputError::new(format!(
                    "no framework id can be made from the name \"{name}\""
                ))
                .hint("name the framework's id with --id ID")
                .into());
            }
        },
    };
    let framework = Framework {
        version: None,
        format: FRAMEWORK_FORMAT,
        id,
        name: if name.is_empty() {
            "Imported".into()
        } else {
            name
        },
        description: None,
        scale: Scale::default(),
        crafts: draft.tree.crafts,
    };
    check(&framework)?;
    Ok((framework, id_from))
}

/// Adds the draft's crafts and levels to a copy of `base`, keeping every id
/// `base` has. A level whose id or rank its craft already has is refused,
/// unless `replace` (then the old level of that id or rank goes).
pub fn grow(base: &Framework, draft: Draft, replace: bool) -> Result<Framework, InputErrors> {
    let mut framework = base.clone();
    let mut errors = Vec::new();
    for craft in draft.tree.crafts {
        let Some(into) = framework.crafts.iter_mut().find(|c| c.id == craft.id) else {
            framework.crafts.push(craft);
            continue;
        };
        for level in craft.levels {
            let clash: Vec<String> = into
                .levels
                .iter()
                .filter(|l| l.id == level.id || l.rank == level.rank)
                .map(|l| format!("`{}` (rank {})", l.id, l.rank))
                .collect();
            if !clash.is_empty() && !replace {
                errors.push(
                    InputError::new(format!(
                        "craft `{}` of `{}` already has level {} where `{}` (rank {}) would go",
                        into.id,
                        base.id,
                        clash.join(" and "),
                        level.id,
                        level.rank
                    ))
                    .hint("pass --replace-level to replace it, or give the new level its own id and rank"),
                );
                continue;
            }
            into.levels
                .retain(|l| l.id != level.id && l.rank != level.rank);
            into.levels.push(level);
            into.levels.sort_by_key(|l| l.rank);
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    check(&framework)?;
    Ok(framework)
}

/// Every rule of the format, on what an import made.
fn check(framework: &Framework) -> Result<(), InputErrors> {
    let problems = framework.problems();
    if problems.is_empty() {
        return Ok(());
    }
    Err(InputErrors(
        problems
            .into_iter()
            .take(20)
            .map(|problem| {
                InputError::new(format!(
                    "the imported framework breaks a rule: {} (at {})",
                    problem.message, problem.path
                ))
                .hint(problem.hint)
            })
            .collect(),
    ))
}

/// What an import made, for the person who ran it: crafts, levels with
/// ranks, areas and statement counts, then every skipped line.
pub fn summary(framework: &Framework, skipped: &[Skip]) -> String {
    let mut out = String::new();
    for craft in &framework.crafts {
        let _ = writeln!(
            out,
            "  craft {} \"{}\": {} level(s)",
            craft.id,
            craft.name,
            craft.levels.len()
        );
        for level in craft.levels_by_rank() {
            let areas: Vec<String> = level
                .areas
                .iter()
                .map(|a| format!("{} {}", a.id, a.statements.len()))
                .collect();
            let _ = writeln!(
                out,
                "    rank {} {} \"{}\": {} area(s), {} statements ({})",
                level.rank,
                level.id,
                level.title,
                level.areas.len(),
                level.statement_count(),
                areas.join(", ")
            );
        }
    }
    if skipped.is_empty() {
        out.push_str("Skipped nothing.\n");
    } else {
        let _ = writeln!(out, "Skipped {} line(s):", skipped.len());
        for skip in skipped {
            let _ = writeln!(
                out,
                "  {}:{}: {}",
                skip.file.display(),
                skip.line,
                skip.reason
            );
        }
    }
    crate::model::text::clean(&out).into_owned()
}

/// The framework as TOML in the layout of `frameworks/vaarst.toml`: one
/// statement a line, so a framework diffs well.
pub fn to_toml(framework: &Framework) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "format = {}\nid = {}\nname = {}",
        framework.format,
        quoted(&framework.id),
        quoted(&framework.name)
    );
    if let Some(description) = &framework.description {
        let _ = writeln!(out, "description = {}", quoted(description));
    }
    #[derive(serde::Serialize)]
    struct ScaleOnly<'a> {
        scale: &'a Scale,
    }
    if !framework.scale.is_default()
        && let Ok(scale) = toml::to_string(&ScaleOnly {
            scale: &framework.scale,
        })
    {
        let _ = write!(out, "\n{scale}");
    }
    for craft in &framework.crafts {
        let _ = writeln!(
            out,
            "\n[[crafts]]\nid = {}\nname = {}",
            quoted(&craft.id),
            quoted(&craft.name)
        );
        for level in &craft.levels {
            write_level(&mut out, level);
        }
    }
    out
}

/// A TOML string: quoted, with what needs it escaped.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A level's table, then its areas', each statement on a line of its own.
fn write_level(out: &mut String, level: &Level) {
    let _ = writeln!(
        out,
        "\n[[crafts.levels]]\nid = {}\nrank = {}\ntitle = {}",
        quoted(&level.id),
        level.rank,
        quoted(&level.title)
    );
    for (key, value) in [("summary", &level.summary), ("focus", &level.focus)] {
        if let Some(value) = value {
            let _ = writeln!(out, "{key} = {}", quoted(value));
        }
    }
    for area in &level.areas {
        let _ = writeln!(
            out,
            "\n[[crafts.levels.areas]]\nid = {}\nname = {}\nstatements = [",
            quoted(&area.id),
            quoted(&area.name)
        );
        for s in &area.statements {
            let _ = write!(
                out,
                "  {{ id = {}, text = {}",
                quoted(&s.id),
                quoted(&s.text)
            );
            if let Some(hint) = &s.hint {
                let _ = write!(out, ", hint = {}", quoted(hint));
            }
            out.push_str(" },\n");
        }
        out.push_str("]\n");
    }
}

/// A path for messages: the file as named on the command line.
pub fn shown(path: &Path) -> String {
    crate::model::text::clean_line(&path.display().to_string()).into_owned()
}
