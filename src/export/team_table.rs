//! `rungs team` as markdown, CSV and JSON, by person (a row of counts per
//! person, a column per area) or by statement (a column per statement, the
//! self and manager values in it). Only formatting: the facts are in
//! [`Team`].

use std::fmt::Write;

use super::csv::{Cell, Figure, Sheet};
use super::markdown::escape;
use crate::model::Mark;
use crate::model::calibration::ReviewerTable;
use crate::model::team::{Group, Person, Team};
use crate::present::cells::{mark_text, yes_no};
use crate::present::reviewer_row;
use crate::present::team_row::{
    FINAL_MARK, FLAG_MARK, HEADERS, PersonRow, area_text, beside_note, flag_note,
};

/// What a row of the overview is against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// Counts per person and area.
    #[default]
    Person,
    /// Each person's value of each statement, for calibration.
    Statement,
    /// Only the reviewers calibrated against each other.
    Reviewer,
}

/// `3`, `n/a` or an empty cell.
fn mark_cell(mark: Mark) -> String {
    match mark {
        Mark::Unrated => String::new(),
        other => mark_text(other),
    }
}

/// Whose review stands beside self, for the sentence over the tables.
pub fn beside_rule(team: &Team, escape: impl Fn(&str) -> String) -> String {
    match &team.manager {
        Some(name) => format!("{}'s latest review", escape(name)),
        None => "the direct manager's latest review (the one the profile names), else the review that rated the most statements; the Manager column names it".to_owned(),
    }
}

/// `28 people`, or `30 profiles of 28 people` when someone has two.
pub fn headcount(team: &Team) -> String {
    let (rows, people) = (team.rows(), team.people());
    if rows == people {
        people_text(people)
    } else {
        format!("{rows} profiles of {}", people_text(people))
    }
}

pub fn markdown(team: &Team, by: By) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(&mut out, team, by);
    out.push('\n');
    out.push_str(super::MARKDOWN_MARK);
    out.push('\n');
    out
}

fn write_markdown(out: &mut String, team: &Team, by: By) -> std::fmt::Result {
    writeln!(out, "# Team overview")?;
    writeln!(out)?;
    writeln!(
        out,
        "{} in {}. Self: each person's current self round; beside it: {}. A gap is a statement self and reviewer rate two points or more apart. Final names the rounds signed off ({FINAL_MARK}).",
        headcount(team),
        crate::present::count(team.groups.len(), "group"),
        beside_rule(team, escape)
    )?;
    if let Some(day) = &team.on {
        writeln!(out)?;
        writeln!(
            out,
            "As of {day}, by the dates in the files: rounds started later are left out, and sign-offs after that day are not final yet.{}",
            changed_after(team)
        )?;
    }
    let groups = if by == By::Reviewer {
        &[][..]
    } else {
        &team.groups[..]
    };
    for group in groups {
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
            By::Person | By::Reviewer => people_table(out, group)?,
            By::Statement => statement_grid(out, group)?,
        }
        flag_notes(out, group)?;
        beside_notes(out, group)?;
        growth_table(out, group, team.min_raters)?;
    }
    for table in &team.reviewers {
        reviewer_section(out, team, table)?;
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

/// Under a group's table, what each flagged row (`⚠`) must be read with.
fn flag_notes(out: &mut String, group: &Group) -> std::fmt::Result {
    let flagged: Vec<&Person> = group
        .people
        .iter()
        .filter(|p| !p.flags.is_empty())
        .collect();
    if flagged.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for person in flagged {
        writeln!(out, "- {FLAG_MARK} {}", escape(&flag_note(person)))?;
    }
    Ok(())
}

/// Who was saved after the `--on` day: the files keep no older ratings.
pub fn changed_after(team: &Team) -> String {
    if team.changed_after.is_empty() {
        return String::new();
    }
    let names: Vec<String> = team.changed_after.iter().map(|n| escape(n)).collect();
    format!(
        " Saved after that day, so their ratings are as last saved (the files keep no older values): {}.",
        names.join(", ")
    )
}

/// Under a group's table, each row whose review beside self is not the
/// direct manager's, and why it stands there.
fn beside_notes(out: &mut String, group: &Group) -> std::fmt::Result {
    let notes: Vec<String> = group.people.iter().filter_map(beside_note).collect();
    if notes.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "Beside self by the rule, not a direct manager's review:"
    )?;
    writeln!(out)?;
    for note in notes {
        writeln!(out, "- {}", escape(&note))?;
    }
    Ok(())
}

/// Whose reviews are calibrated: a title per framework when the team
/// spans more than one (a scale's points are compared only within it).
pub fn reviewers_title(team: &Team, table: &ReviewerTable) -> String {
    if team.reviewers.len() > 1 {
        format!("Reviewers calibrated · {}", table.framework.name)
    } else {
        "Reviewers calibrated".to_owned()
    }
}

fn reviewer_section(out: &mut String, team: &Team, table: &ReviewerTable) -> std::fmt::Result {
    writeln!(out)?;
    writeln!(out, "## {}", escape(&reviewers_title(team, table)))?;
    writeln!(out)?;
    writeln!(out, "{}", reviewer_row::rule_text(table))?;
    if let Some(why) = reviewer_row::not_enough(table, escape) {
        writeln!(out)?;
        writeln!(out, "{why}")?;
    }
    if table.reviewers.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "| {} |", reviewer_row::HEADERS.join(" | "))?;
    rule(out, reviewer_row::HEADERS.len())?;
    for reviewer in &table.reviewers {
        let cells: Vec<String> = reviewer_row::cells(reviewer)
            .iter()
            .map(|c| escape(c))
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    let verdicts: Vec<String> = table
        .reviewers
        .iter()
        .filter_map(|r| reviewer_row::verdict(r, escape))
        .collect();
    if !verdicts.is_empty() {
        writeln!(out)?;
        for verdict in verdicts {
            writeln!(out, "- {verdict}")?;
        }
    }
    if table.disagreements.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "### Where reviewers disagree most")?;
    writeln!(out)?;
    writeln!(out, "{}", reviewer_row::disagreement_rule())?;
    writeln!(out)?;
    writeln!(
        out,
        "| {} |",
        reviewer_row::DISAGREEMENT_HEADERS.join(" | ")
    )?;
    rule(out, reviewer_row::DISAGREEMENT_HEADERS.len())?;
    for d in &table.disagreements {
        writeln!(
            out,
            "| {} |",
            reviewer_row::disagreement_cells(d, escape).join(" | ")
        )?;
    }
    Ok(())
}

fn rule(out: &mut String, columns: usize) -> std::fmt::Result {
    writeln!(out, "|{}", " --- |".repeat(columns))
}

fn people_table(out: &mut String, group: &Group) -> std::fmt::Result {
    writeln!(
        out,
        "Area cells: met by self · met by the reviewer, of the applicable statements."
    )?;
    writeln!(out)?;
    let head: Vec<String> = HEADERS
        .iter()
        .map(|h| (*h).to_owned())
        .chain(group.areas.iter().map(|a| escape(&a.name)))
        .collect();
    writeln!(out, "| {} |", head.join(" | "))?;
    rule(out, head.len())?;
    for person in &group.people {
        let row = PersonRow::of(person);
        let cells: Vec<String> = row
            .cells()
            .iter()
            .map(|c| escape(c))
            .chain(person.areas.iter().map(area_text))
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
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
        let row = PersonRow::of(person);
        writeln!(
            out,
            "| {} | {} | {} |",
            escape(&row.name),
            escape(&row.manager),
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

const PERSON_COLUMNS: [&str; 19] = [
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
    "manager_because",
    "flags",
];

/// The first columns of the CSV's header, as the file holds them: how an
/// earlier export is recognised.
pub fn csv_header_start() -> String {
    PERSON_COLUMNS.join(",")
}

fn person_cells(group: &Group, person: &Person) -> Vec<String> {
    let num = |v: Option<usize>| v.map_or(String::new(), |v| v.to_string());
    let flag = |on: Option<bool>| on.map_or(String::new(), |on| yes_no(on).to_owned());
    let flags: Vec<String> = person.flags.iter().map(|f| f.text()).collect();
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
        person.manager_because.clone().unwrap_or_default(),
        flags.join("; "),
    ]
}

/// One row per person, one value per cell: counts are whole numbers, never
/// `2/3` (which a spreadsheet reads as a date). By person, three columns per
/// area (`LEVEL/AREA self_met`, `… manager_met`, `… total`); by statement,
/// two per statement (`LEVEL/AREA/STATEMENT self`, `… manager`). A column
/// of another group's level is empty in a row.
pub fn csv(team: &Team, by: By) -> Result<String, csv::Error> {
    if by == By::Reviewer {
        return reviewer_csv(team);
    }
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
            By::Reviewer => {}
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
                By::Reviewer => Vec::new(),
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

const REVIEWER_COLUMNS: [&str; 12] = [
    "framework",
    "reviewer",
    "people",
    "shared",
    "mean",
    "others_mean",
    "difference",
    "rated",
    "met",
    "spread",
    "standing",
    "compared",
];

/// `--by reviewer`: a row per reviewer of each framework, one value per
/// cell, numbers as numbers (`1.05`, `-0.98`); `compared` says whether
/// there was enough data to compare the reviewer at all.
fn reviewer_csv(team: &Team) -> Result<String, csv::Error> {
    let mut sheet = Sheet::default();
    sheet.row(REVIEWER_COLUMNS)?;
    let number = |v: Option<f64>| Cell::Figure(Figure::decimal(v));
    let text = |t: String| Cell::Text(t);
    for table in &team.reviewers {
        for r in &table.reviewers {
            sheet.mixed_row(&[
                text(table.framework.name.clone()),
                text(r.name.clone()),
                text(r.people.to_string()),
                text(r.shared.to_string()),
                number(r.mean),
                number(r.others),
                number(r.difference),
                text(r.rated.to_string()),
                text(r.met.to_string()),
                number(r.spread),
                text(r.standing.text().to_owned()),
                text(yes_no(r.mean.is_some()).to_owned()),
            ])?;
        }
    }
    sheet.finish()
}

/// The first line of `--by reviewer` CSV: how an earlier export is
/// recognised.
pub fn reviewer_csv_header() -> String {
    REVIEWER_COLUMNS.join(",")
}

/// The whole overview as JSON: every group with its columns, each person's
/// counts, area cells and statement values (a number, `"n/a"` or `null`).
pub fn json(team: &Team) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(team)?;
    text.push('\n');
    Ok(text)
}

/// `1 person`, `28 people`.
pub fn people_text(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}
