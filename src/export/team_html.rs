//! `rungs team --format html`: the team overview as one self-contained page,
//! per group a heat table of people × areas (the share of statements met
//! shades each cell, the count is written in it so it reads without colour)
//! or, by statement, of people × statements, then the group's shared growth
//! areas. Built from the [`Team`] the other formats print.

use std::fmt::Write;

use super::html::STYLE;
use super::page;
use super::team_table::{By, beside_rule, headcount, reviewers_title};
use super::xml::escape;
use crate::model::Mark;
use crate::model::calibration::ReviewerTable;
use crate::model::team::{Group, Team};
use crate::model::text::clean_line;
use crate::present::cells::{heat, mark_text};
use crate::present::reviewer_row;
use crate::present::team_row::{FINAL_MARK, FLAG_MARK, HEADERS, PersonRow, beside_note, flag_note};

fn line(text: &str) -> String {
    escape(&clean_line(text))
}

const HEAT_STYLE: &str = r#"
body { max-width: 80rem; }
div.wide { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1rem; }
div.wide table { margin: 0; }
table.heat { width: auto; min-width: 100%; font-size: 0.88rem; }
p.caption { font-size: 0.9rem; color: #555; margin-bottom: 0.3rem; }
table.heat th, table.heat td { padding: 0.25rem 0.35rem; }
table.heat th, table.heat th.num { white-space: normal; vertical-align: bottom; }
table.heat th.area { text-align: center; }
table.heat td.who { white-space: nowrap; }
table.heat td.cell { text-align: center; white-space: nowrap; padding: 0.2rem 0.3rem; }
table.heat td.num, table.heat td.date { white-space: nowrap; }
table.heat .who { position: sticky; left: 0; background: #ffffff; z-index: 1; box-shadow: 1px 0 0 #ccc; }
table.heat th.who { background: #f0f0f0; }
span.side { display: inline-block; min-width: 1.4em; padding: 0 0.2rem; border: 1px solid #ddd; }
span.of { color: #555; margin-left: 0.15rem; }
.h0 { background: #ffffff; }
.h1 { background: #e3f1e3; }
.h2 { background: #b6dcb6; }
.h3 { background: #6fb56f; }
.h4 { background: #2e7d32; color: #ffffff; }
td.none { color: #888; }
table.reviewers tr.lenient td, table.reviewers tr.severe td { font-weight: bold; }
ul.key { list-style: none; padding: 0; display: flex; gap: 0.5rem; flex-wrap: wrap; font-size: 0.9rem; }
ul.key li { border: 1px solid #ccc; padding: 0.1rem 0.5rem; }
@media (max-width: 72rem) {
  table.heat { font-size: 0.8rem; }
  table.heat th, table.heat td { padding: 0.2rem 0.25rem; }
}
@media print {
  div.wide { overflow: visible; }
  td.cell, span.side { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

pub fn render(team: &Team, by: By) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, team, by);
    out
}

fn write_all(out: &mut String, team: &Team, by: By) -> std::fmt::Result {
    page::head(out, "Team overview", &format!("{STYLE}{HEAT_STYLE}"))?;
    writeln!(out, "<h1>Team overview</h1>")?;
    writeln!(
        out,
        "<p>{} in {}. Self: each person’s current self round; beside it: {}. A gap is a statement self and reviewer rate two points or more apart. Final names the rounds signed off ({FINAL_MARK}).</p>",
        headcount(team),
        crate::present::count(team.groups.len(), "group"),
        beside_rule(team, line)
    )?;
    if let Some(day) = &team.on {
        let names: Vec<String> = team.changed_after.iter().map(|n| line(n)).collect();
        let changed = if names.is_empty() {
            String::new()
        } else {
            format!(
                " Saved after that day, so their ratings are as last saved (the files keep no older values): {}.",
                names.join(", ")
            )
        };
        writeln!(
            out,
            "<p>As of {}, by the dates in the files: rounds started later are left out, and sign-offs after that day are not final yet.{changed}</p>",
            line(day)
        )?;
    }
    match by {
        By::Person => writeln!(
            out,
            r#"<ul class="key"><li class="h0">none met</li><li class="h1">under a quarter</li><li class="h2">a quarter or more</li><li class="h3">half or more</li><li class="h4">three quarters or more</li></ul>"#
        )?,
        By::Statement => writeln!(
            out,
            r#"<ul class="key"><li class="h0">below met</li><li class="h4">met</li><li>! a gap</li><li>n/a not applicable</li><li>— not rated</li></ul>"#
        )?,
        By::Reviewer => {}
    }
    let groups = if by == By::Reviewer {
        &[][..]
    } else {
        &team.groups[..]
    };
    for group in groups {
        writeln!(out, "<h2>{}</h2>", line(&group.title()))?;
        writeln!(
            out,
            "<p>Met: {} {} or higher.</p>",
            group.met_from,
            line(&group.met_label)
        )?;
        match by {
            By::Person | By::Reviewer => heat_table(out, group)?,
            By::Statement => statement_table(out, group)?,
        }
        flag_notes(out, group)?;
        let notes: Vec<String> = group
            .people
            .iter()
            .filter_map(beside_note)
            .map(|n| format!("<li>{}</li>", line(&n)))
            .collect();
        if !notes.is_empty() {
            writeln!(
                out,
                r#"<p>Beside self by the rule, not a direct manager's review:</p><ul class="beside">{}</ul>"#,
                notes.concat()
            )?;
        }
        growth(out, group, team.min_raters)?;
    }
    for table in &team.reviewers {
        reviewers(out, team, table)?;
    }
    if !team.notes.is_empty() {
        writeln!(out, "<h2>Notes</h2>")?;
        writeln!(out, "<ul>")?;
        for note in &team.notes {
            writeln!(out, "<li>{}</li>", line(note))?;
        }
        writeln!(out, "</ul>")?;
    }
    page::foot(out, "Made by rungs.")
}

/// Under a group's table, what each flagged row (⚠) must be read with.
fn flag_notes(out: &mut String, group: &Group) -> std::fmt::Result {
    let notes: Vec<String> = group
        .people
        .iter()
        .filter(|p| !p.flags.is_empty())
        .map(|p| format!("<li>{FLAG_MARK} {}</li>", line(&flag_note(p))))
        .collect();
    if notes.is_empty() {
        return Ok(());
    }
    writeln!(out, r#"<ul class="flags">{}</ul>"#, notes.concat())
}

/// People × areas: each cell holds both sides, each shaded by its own
/// share of statements met (self first, then the reviewer beside self),
/// the counts written in them so it reads without colour. The names stay
/// in view when a narrow page scrolls the table sideways.
fn heat_table(out: &mut String, group: &Group) -> std::fmt::Result {
    writeln!(
        out,
        r#"<p class="caption">Each area: met by self, then met by the reviewer beside self (named in the Manager column), of the applicable statements; each side shaded by its own share met.</p>"#
    )?;
    writeln!(out, r#"<div class="wide">"#)?;
    writeln!(out, r#"<table class="heat">"#)?;
    write!(out, "<thead><tr>")?;
    for (i, header) in HEADERS.iter().enumerate() {
        let class = match i {
            0 => r#" class="who""#,
            1..=4 | 6 => r#" class="num""#,
            _ => "",
        };
        write!(out, "<th{class}>{header}</th>")?;
    }
    for area in &group.areas {
        write!(out, r#"<th class="area">{}</th>"#, line(&area.name))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for person in &group.people {
        let row = PersonRow::of(person);
        let [name, rest @ ..] = row.cells();
        write!(out, r#"<tr><td class="who">{}</td>"#, line(name))?;
        for (i, cell) in rest.iter().enumerate() {
            let class = match i {
                0..=3 | 5 => r#" class="num""#,
                7 => r#" class="date""#,
                _ => "",
            };
            write!(out, "<td{class}>{}</td>", line(cell))?;
        }
        let reviewer = person
            .manager
            .as_ref()
            .map_or(String::new(), |m| line(&m.assessor));
        for cell in &person.areas {
            write!(
                out,
                r#"<td class="cell"><span class="side h{}" title="self">{}</span>"#,
                heat(cell.self_met, cell.total),
                cell.self_met
            )?;
            if let Some(met) = cell.manager_met {
                write!(
                    out,
                    r#"<span class="side h{}" title="{reviewer}">{met}</span>"#,
                    heat(met, cell.total)
                )?;
            }
            write!(out, r#"<span class="of">of {}</span></td>"#, cell.total)?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")
}

/// People × statements: self · manager in each cell, met shaded.
fn statement_table(out: &mut String, group: &Group) -> std::fmt::Result {
    writeln!(out, r#"<div class="wide">"#)?;
    writeln!(out, r#"<table class="heat">"#)?;
    write!(
        out,
        r#"<thead><tr><th class="who">Person</th><th>Manager</th>"#
    )?;
    for (area, s) in group.statements() {
        write!(
            out,
            r#"<th class="area" title="{}">{} {}</th>"#,
            line(&s.text),
            line(&area.name),
            line(&s.id)
        )?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for person in &group.people {
        let row = PersonRow::of(person);
        write!(
            out,
            r#"<tr><td class="who">{}</td><td>{}</td>"#,
            line(&row.name),
            line(&row.manager)
        )?;
        for cell in &person.statements {
            let shade = match cell.own {
                Mark::Value(v) if v >= group.met_from => "h4",
                Mark::Value(_) => "h0",
                _ => "none",
            };
            let mut text = mark_text(cell.own);
            if person.reviewed() {
                text.push_str(" · ");
                text.push_str(&mark_text(cell.manager));
            }
            if cell.gap {
                text.push_str(" !");
            }
            write!(out, r#"<td class="cell {shade}">{text}</td>"#)?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")
}

fn growth(out: &mut String, group: &Group, min_raters: usize) -> std::fmt::Result {
    writeln!(out, "<h3>Shared growth areas</h3>")?;
    if group.growth.is_empty() {
        return writeln!(
            out,
            "<p>No statement that {min_raters} or more people rated is rated below met by most of them.</p>"
        );
    }
    writeln!(
        out,
        "<p>Statements that {min_raters} or more people rated, most of them below met:</p>"
    )?;
    writeln!(out, "<table>")?;
    writeln!(
        out,
        r#"<thead><tr><th>Area</th><th>Statement</th><th class="num">Below met</th><th>Who</th></tr></thead>"#
    )?;
    writeln!(out, "<tbody>")?;
    for g in &group.growth {
        writeln!(
            out,
            r#"<tr><td>{}</td><td>{}</td><td class="num">{} of {}</td><td>{}</td></tr>"#,
            line(&g.area),
            line(&g.text),
            g.below,
            g.rated,
            line(&g.people.join(", "))
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")
}

/// The reviewers calibrated against each other, flagged rows marked, then
/// where they disagree most.
fn reviewers(out: &mut String, team: &Team, table: &ReviewerTable) -> std::fmt::Result {
    writeln!(out, "<h2>{}</h2>", line(&reviewers_title(team, table)))?;
    writeln!(out, "<p>{}</p>", line(&reviewer_row::rule_text(table)))?;
    if let Some(why) = reviewer_row::not_enough(table, line) {
        writeln!(out, r#"<p class="not-enough">{why}</p>"#)?;
    }
    if table.reviewers.is_empty() {
        return Ok(());
    }
    let rows = table.reviewers.iter().map(|reviewer| {
        let class = if reviewer.standing.flagged() {
            reviewer.standing.text()
        } else {
            ""
        };
        let cells = reviewer_row::cells(reviewer).map(|c| line(&c));
        (class, cells.to_vec())
    });
    plain_table(
        out,
        "reviewers",
        &reviewer_row::HEADERS,
        |i| (1..=7).contains(&i),
        rows,
    )?;
    let verdicts: Vec<String> = table
        .reviewers
        .iter()
        .filter_map(|r| reviewer_row::verdict(r, line))
        .map(|v| format!("<li>{v}</li>"))
        .collect();
    if !verdicts.is_empty() {
        writeln!(out, r#"<ul class="flags">{}</ul>"#, verdicts.concat())?;
    }
    if table.disagreements.is_empty() {
        return Ok(());
    }
    writeln!(out, "<h3>Where reviewers disagree most</h3>")?;
    writeln!(out, "<p>{}</p>", line(&reviewer_row::disagreement_rule()))?;
    let rows = table
        .disagreements
        .iter()
        .map(|d| ("", reviewer_row::disagreement_cells(d, line).to_vec()));
    plain_table(
        out,
        "disagreements",
        &reviewer_row::DISAGREEMENT_HEADERS,
        |i| i == 2 || i == 5,
        rows,
    )
}

/// A table of cells already escaped, its figure columns (`numeric`) right
/// aligned, each row with its class (empty for none).
fn plain_table<'a>(
    out: &mut String,
    class: &str,
    headers: &[&str],
    numeric: impl Fn(usize) -> bool,
    rows: impl Iterator<Item = (&'a str, Vec<String>)>,
) -> std::fmt::Result {
    let num = |i: usize| if numeric(i) { r#" class="num""# } else { "" };
    writeln!(out, r#"<table class="{class}">"#)?;
    write!(out, "<thead><tr>")?;
    for (i, header) in headers.iter().enumerate() {
        write!(out, "<th{}>{header}</th>", num(i))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for (row_class, cells) in rows {
        if row_class.is_empty() {
            write!(out, "<tr>")?;
        } else {
            write!(out, r#"<tr class="{row_class}">"#)?;
        }
        for (i, cell) in cells.iter().enumerate() {
            write!(out, "<td{}>{cell}</td>", num(i))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")
}
