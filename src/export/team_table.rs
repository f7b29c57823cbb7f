//! `rungs team` as markdown, CSV and JSON, by person (a row of counts per
//! person, a column per area) or by statement (a column per statement, the
//! self and manager values in it). Only formatting: the facts are in
//! [`Team`].

use std::fmt::Write;

use super::csv::Sheet;
use super::markdown::escape;
use super::team::{Group, Person, Team};
use crate::model::Mark;

/// What a row of the overview is against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// Counts per person and area.
    #[default]
    Person,
    /// Each person's value of each statement, for calibration.
    Statement,
}

/// `3`, `n/a` or `—`.
fn mark_text(mark: Mark) -> String {
    match mark {
        Mark::Value(v) => v.to_string(),
        Mark::NotApplicable => "n/a".to_owned(),
        Mark::Unrated => "—".to_owned(),
    }
}

/// `3`, `n/a` or an empty cell.
fn mark_cell(mark: Mark) -> String {
    match mark {
        Mark::Unrated => String::new(),
        other => mark_text(other),
    }
}

fn or_dash(value: Option<usize>) -> String {
    value.map_or("—".to_owned(), |v| v.to_string())
}

fn yes(on: bool) -> &'static str {
    if on { "yes" } else { "no" }
}

pub fn markdown(team: &Team, by: By) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(&mut out, team, by);
    out
}

fn write_markdown(out: &mut String, team: &Team, by: By) -> std::fmt::Result {
    writeln!(out, "# Team overview")?;
    writeln!(out)?;
    let beside = match &team.manager {
        Some(name) => format!("{}'s latest manager round", escape(name)),
        None => "the manager round updated last".to_owned(),
    };
    writeln!(
        out,
        "{} in {} group(s). Self: each person's current self round; manager: {beside}. A gap is a statement self and manager rate two points or more apart.",
        people(team.people()),
        team.groups.len()
    )?;
    for group in &team.groups {
        writeln!(out)?;
        writeln!(out, "## {}", escape(&group.title()))?;
        writeln!(out)?;
        writeln!(
            out,
            "Met: {} {} or higher.",
            group.met_from,
            escape(&group.met_label)
        )?;
        writeln!(out)?;
        match by {
            By::Person => people_table(out, group)?,
            By::Statement => statement_grid(out, group)?,
        }
        growth_table(out, group, team.min_raters)?;
    }
    if !team.notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Notes")?;
        writeln!(out)?;
        for note in &team.notes {
            writeln!(out, "- {}", escape(note))?;
        }
    }
    Ok(())
}

fn rule(out: &mut String, columns: usize) -> std::fmt::Result {
    writeln!(out, "|{}", " --- |".repeat(columns))
}

fn people_table(out: &mut String, group: &Group) -> std::fmt::Result {
    writeln!(
        out,
        "Area cells: met by self · met by manager, of the applicable statements."
    )?;
    writeln!(out)?;
    let areas: Vec<String> = group.areas.iter().map(|a| escape(&a.name)).collect();
    writeln!(
        out,
        "| Person | Rated | Met (self) | Met (manager) | Gaps | Manager | Round | Final | Updated | {} |",
        areas.join(" | ")
    )?;
    rule(out, areas.len() + 9)?;
    for person in &group.people {
        let cells: Vec<String> = person
            .areas
            .iter()
            .map(|a| match a.manager_met {
                Some(m) => format!("{} · {m} of {}", a.self_met, a.total),
                None => format!("{} of {}", a.self_met, a.total),
            })
            .collect();
        writeln!(
            out,
            "| {} | {} of {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            escape(&person.name),
            person.rated,
            person.total,
            person.self_met,
            or_dash(person.manager_met),
            or_dash(person.gaps),
            person
                .manager
                .as_ref()
                .map_or("—".to_owned(), |m| escape(&m.assessor)),
            person
                .own
                .as_ref()
                .map_or("—".to_owned(), |r| r.round.to_string()),
            yes(person.is_final()),
            person.updated.as_deref().unwrap_or("—"),
            cells.join(" | ")
        )?;
    }
    Ok(())
}

fn statement_grid(out: &mut String, group: &Group) -> std::fmt::Result {
    writeln!(
        out,
        "Cells: self · manager; `!` marks a gap, n/a not applicable, — not rated."
    )?;
    writeln!(out)?;
    let columns: Vec<String> = group
        .statements()
        .map(|(area, s)| escape(&format!("{} {}", area.name, s.id)))
        .collect();
    writeln!(out, "| Person | Manager | {} |", columns.join(" | "))?;
    rule(out, columns.len() + 2)?;
    for person in &group.people {
        let cells: Vec<String> = person
            .statements
            .iter()
            .map(|c| {
                let mut cell = mark_text(c.own);
                if person.reviewed() {
                    cell.push_str(" · ");
                    cell.push_str(&mark_text(c.manager));
                }
                if c.gap {
                    cell.push_str(" !");
                }
                cell
            })
            .collect();
        writeln!(
            out,
            "| {} | {} | {} |",
            escape(&person.name),
            person
                .manager
                .as_ref()
                .map_or("—".to_owned(), |m| escape(&m.assessor)),
            cells.join(" | ")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "| Column | Statement |")?;
    rule(out, 2)?;
    for (area, s) in group.statements() {
        writeln!(
            out,
            "| {} | {} |",
            escape(&format!("{} {}", area.name, s.id)),
            escape(&s.text)
        )?;
    }
    Ok(())
}

fn growth_table(out: &mut String, group: &Group, min_raters: usize) -> std::fmt::Result {
    writeln!(out)?;
    writeln!(out, "### Shared growth areas")?;
    writeln!(out)?;
    if group.growth.is_empty() {
        writeln!(
            out,
            "No statement that {min_raters} or more people rated is rated below met by most of them."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "Statements that {min_raters} or more people rated, most of them below met:"
    )?;
    writeln!(out)?;
    writeln!(out, "| Area | Statement | Below met | Who |")?;
    rule(out, 4)?;
    for g in &group.growth {
        writeln!(
            out,
            "| {} | {} | {} of {} | {} |",
            escape(&g.area),
            escape(&g.text),
            g.below,
            g.rated,
            escape(&g.people.join(", "))
        )?;
    }
    Ok(())
}

/// The column names of a group's areas or statements start with
/// `FRAMEWORK/CRAFT/` when the team spans more than one craft; the level is
/// always in them, so two levels' areas never share a column.
fn prefix(team: &Team, group: &Group) -> String {
    let first = team.groups.first();
    let one_craft = team.groups.iter().all(|g| {
        first.is_some_and(|f| f.framework.id == g.framework.id && f.craft.id == g.craft.id)
    });
    if one_craft {
        String::new()
    } else {
        format!("{}/{}/", group.framework.id, group.craft.id)
    }
}

const PERSON_COLUMNS: [&str; 17] = [
    "framework",
    "craft",
    "level",
    "person",
    "rated",
    "total",
    "not_applicable",
    "self_met",
    "manager",
    "manager_met",
    "gaps",
    "self_round",
    "self_final",
    "manager_round",
    "manager_final",
    "updated",
    "file",
];

fn person_cells(group: &Group, person: &Person) -> Vec<String> {
    let num = |v: Option<usize>| v.map_or(String::new(), |v| v.to_string());
    let flag = |on: Option<bool>| on.map_or(String::new(), |on| yes(on).to_owned());
    vec![
        group.framework.name.clone(),
        group.craft.name.clone(),
        group.level.name.clone(),
        person.name.clone(),
        person.rated.to_string(),
        person.total.to_string(),
        person.not_applicable.to_string(),
        person.self_met.to_string(),
        person
            .manager
            .as_ref()
            .map_or(String::new(), |m| m.assessor.clone()),
        num(person.manager_met),
        num(person.gaps),
        num(person.own.as_ref().map(|r| r.round)),
        flag(person.own.as_ref().map(|r| r.finished.is_some())),
        num(person.manager.as_ref().map(|r| r.round)),
        flag(person.manager.as_ref().map(|r| r.finished.is_some())),
        person.updated.clone().unwrap_or_default(),
        person.file.clone(),
    ]
}

/// One row per person, one value per cell: counts are whole numbers, never
/// `2/3` (which a spreadsheet reads as a date). By person, three columns per
/// area (`LEVEL/AREA self_met`, `… manager_met`, `… total`); by statement,
/// two per statement (`LEVEL/AREA/STATEMENT self`, `… manager`). A column
/// of another group's level is empty in a row.
pub fn csv(team: &Team, by: By) -> Result<String, csv::Error> {
    let mut columns: Vec<String> = Vec::new();
    let mut spans = Vec::new();
    for group in &team.groups {
        let prefix = prefix(team, group);
        let start = columns.len();
        match by {
            By::Person => {
                for area in &group.areas {
                    let name = format!("{prefix}{}/{}", group.level.id, area.id);
                    for what in ["self_met", "manager_met", "total"] {
                        columns.push(format!("{name} {what}"));
                    }
                }
            }
            By::Statement => {
                for (_, s) in group.statements() {
                    for what in ["self", "manager"] {
                        columns.push(format!("{prefix}{} {what}", s.key));
                    }
                }
            }
        }
        spans.push(start);
    }
    let mut sheet = Sheet::default();
    let mut header: Vec<String> = PERSON_COLUMNS.iter().map(|&c| c.to_owned()).collect();
    header.extend(columns.iter().cloned());
    sheet.row(&header)?;
    for (group, &start) in team.groups.iter().zip(&spans) {
        for person in &group.people {
            let mut row = person_cells(group, person);
            let mut own = vec![String::new(); columns.len()];
            let cells: Vec<String> = match by {
                By::Person => person
                    .areas
                    .iter()
                    .flat_map(|a| {
                        [
                            a.self_met.to_string(),
                            a.manager_met.map_or(String::new(), |m| m.to_string()),
                            a.total.to_string(),
                        ]
                    })
                    .collect(),
                By::Statement => person
                    .statements
                    .iter()
                    .flat_map(|c| [mark_cell(c.own), mark_cell(c.manager)])
                    .collect(),
            };
            for (i, cell) in cells.into_iter().enumerate() {
                if let Some(slot) = own.get_mut(start + i) {
                    *slot = cell;
                }
            }
            row.extend(own);
            sheet.row(&row)?;
        }
    }
    sheet.finish()
}

/// The whole overview as JSON: every group with its columns, each person's
/// counts, area cells and statement values (a number, `"n/a"` or `null`).
pub fn json(team: &Team) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(team)?;
    text.push('\n');
    Ok(text)
}

/// `1 person`, `28 people`.
pub fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}
