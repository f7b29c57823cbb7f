//! `rungs team --format html`: the team overview as one self-contained page,
//! per group a heat table of people × areas (the share of statements met
//! shades each cell, the count is written in it so it reads without colour)
//! or, by statement, of people × statements, then the group's shared growth
//! areas. Built from the [`Team`] the other formats print.

use std::fmt::Write;

use super::html::{STYLE, escape};
use super::page;
use super::team_table::{By, beside_rule, headcount};
use crate::model::Mark;
use crate::model::team::{Group, Team};
use crate::model::text::clean_line;
use crate::present::cells::{heat, mark_text};
use crate::present::team_row::{FLAG_MARK, HEADERS, PersonRow, flag_note};

fn line(text: &str) -> String {
    escape(&clean_line(text))
}

const HEAT_STYLE: &str = r#"
body { max-width: 80rem; }
table.heat th.area { text-align: center; }
table.heat td.cell { text-align: center; white-space: nowrap; }
table.heat td { white-space: nowrap; }
.h0 { background: #ffffff; }
.h1 { background: #e3f1e3; }
.h2 { background: #b6dcb6; }
.h3 { background: #6fb56f; }
.h4 { background: #2e7d32; color: #ffffff; }
td.none { color: #888; }
ul.key { list-style: none; padding: 0; display: flex; gap: 0.5rem; flex-wrap: wrap; font-size: 0.9rem; }
ul.key li { border: 1px solid #ccc; padding: 0.1rem 0.5rem; }
@media print { td.cell { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
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
        "<p>{} in {} group(s). Self: each person’s current self round; beside it: {}. A gap is a statement self and reviewer rate two points or more apart.</p>",
        headcount(team),
        team.groups.len(),
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
    }
    for group in &team.groups {
        writeln!(out, "<h2>{}</h2>", line(&group.title()))?;
        writeln!(
            out,
            "<p>Met: {} {} or higher.</p>",
            group.met_from,
            line(&group.met_label)
        )?;
        match by {
            By::Person => heat_table(out, group)?,
            By::Statement => statement_table(out, group)?,
        }
        flag_notes(out, group)?;
        growth(out, group, team.min_raters)?;
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

/// People × areas, each cell shaded by the share of statements self meets.
fn heat_table(out: &mut String, group: &Group) -> std::fmt::Result {
    writeln!(out, r#"<table class="heat">"#)?;
    write!(out, "<thead><tr>")?;
    for (i, header) in HEADERS.iter().enumerate() {
        let class = if (1..=4).contains(&i) || i == 6 {
            r#" class="num""#
        } else {
            ""
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
            let class = if i < 4 || i == 5 {
                r#" class="num""#
            } else {
                ""
            };
            write!(out, "<td{class}>{}</td>", line(cell))?;
        }
        for cell in &person.areas {
            let manager = cell
                .manager_met
                .map_or(String::new(), |m| format!(" · {m}"));
            write!(
                out,
                r#"<td class="cell h{}">{}{manager} of {}</td>"#,
                heat(cell.self_met, cell.total),
                cell.self_met,
                cell.total
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")
}

/// People × statements: self · manager in each cell, met shaded.
fn statement_table(out: &mut String, group: &Group) -> std::fmt::Result {
    writeln!(out, r#"<table class="heat">"#)?;
    write!(out, "<thead><tr><th>Person</th><th>Manager</th>")?;
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
    writeln!(out, "</table>")
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
