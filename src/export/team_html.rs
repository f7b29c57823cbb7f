//! `rungs team --format html`: the team overview as one self-contained page,
//! per group a heat table of people × areas (the share of statements met
//! shades each cell, the count is written in it so it reads without colour)
//! or, by statement, of people × statements, then the group's shared growth
//! areas. Built from the [`Team`] the other formats print.

use std::fmt::Write;

use super::html::{CONTENT_SECURITY_POLICY, STYLE};
use super::team::{Group, Team};
use super::team_table::{By, people};
use super::xml::escape;
use crate::model::Mark;
use crate::model::text::clean_line;

fn line(text: &str) -> String {
    escape(&clean_line(text))
}

/// The heat of a cell, 0 (nothing met) to 4 (three quarters or more met).
pub fn heat(met: usize, total: usize) -> usize {
    if total == 0 || met == 0 {
        0
    } else {
        (1 + met * 4 / total).min(4)
    }
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
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="en">"#)?;
    writeln!(out, "<head>")?;
    writeln!(out, r#"<meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">"#
    )?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(out, "<title>Team overview</title>")?;
    writeln!(out, "<style>{STYLE}{HEAT_STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<h1>Team overview</h1>")?;
    let beside = match &team.manager {
        Some(name) => format!("{}’s latest manager round", line(name)),
        None => "the manager round updated last".to_owned(),
    };
    writeln!(
        out,
        "<p>{} in {} group(s). Self: each person’s current self round; manager: {beside}. A gap is a statement self and manager rate two points or more apart.</p>",
        people(team.people()),
        team.groups.len()
    )?;
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
        growth(out, group, team.min_raters)?;
    }
    writeln!(out, "<footer>Made by rungs.</footer>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn or_dash(value: Option<usize>) -> String {
    value.map_or("—".to_owned(), |v| v.to_string())
}

/// People × areas, each cell shaded by the share of statements self meets.
fn heat_table(out: &mut String, group: &Group) -> std::fmt::Result {
    writeln!(out, r#"<table class="heat">"#)?;
    write!(
        out,
        r#"<thead><tr><th>Person</th><th class="num">Rated</th><th class="num">Met (self)</th><th class="num">Met (manager)</th><th class="num">Gaps</th><th>Manager</th><th class="num">Round</th><th>Final</th><th>Updated</th>"#
    )?;
    for area in &group.areas {
        write!(out, r#"<th class="area">{}</th>"#, line(&area.name))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for person in &group.people {
        write!(
            out,
            r#"<tr><td class="who">{}</td><td class="num">{} of {}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td class="num">{}</td><td>{}</td><td>{}</td>"#,
            line(&person.name),
            person.rated,
            person.total,
            person.self_met,
            or_dash(person.manager_met),
            or_dash(person.gaps),
            person
                .manager
                .as_ref()
                .map_or("—".to_owned(), |m| line(&m.assessor)),
            person
                .own
                .as_ref()
                .map_or("—".to_owned(), |r| r.round.to_string()),
            if person.is_final() { "yes" } else { "no" },
            line(person.updated.as_deref().unwrap_or("—")),
        )?;
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

fn mark_text(mark: Mark) -> String {
    match mark {
        Mark::Value(v) => v.to_string(),
        Mark::NotApplicable => "n/a".to_owned(),
        Mark::Unrated => "—".to_owned(),
    }
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
        write!(
            out,
            r#"<tr><td class="who">{}</td><td>{}</td>"#,
            line(&person.name),
            person
                .manager
                .as_ref()
                .map_or("—".to_owned(), |m| line(&m.assessor))
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

#[cfg(test)]
mod tests {
    use super::heat;

    #[test]
    fn heat_buckets() {
        assert_eq!(heat(0, 4), 0);
        assert_eq!(heat(0, 0), 0, "no applicable statement is no heat");
        assert_eq!(heat(1, 5), 1, "any statement met shows");
        assert_eq!(heat(1, 4), 2, "a quarter");
        assert_eq!(heat(2, 4), 3, "a half");
        assert_eq!(heat(3, 4), 4, "three quarters");
        assert_eq!(heat(4, 4), 4);
        assert_eq!(heat(9, 4), 4);
    }
}
