//! `rungs team --format html`: the team overview as one self-contained page,
//! a heat table of people × areas (the share of statements met shades each
//! cell, the count is written in it so it reads without colour), then the
//! shared growth areas. Built from the [`Team`] the other formats print.

use std::fmt::Write;

use super::html::{CONTENT_SECURITY_POLICY, STYLE, escape};
use super::team::Team;
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
table.heat td.who { white-space: nowrap; }
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

pub fn render(team: &Team) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, team);
    out
}

fn write_all(out: &mut String, team: &Team) -> std::fmt::Result {
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
    writeln!(
        out,
        "<p>{} profiles. Statements met / applicable per area, from each person's current self assessment; a darker cell means more met.</p>",
        team.rows.len()
    )?;
    writeln!(
        out,
        r#"<ul class="key"><li class="h0">none met</li><li class="h1">under a quarter</li><li class="h2">a quarter or more</li><li class="h3">half or more</li><li class="h4">three quarters or more</li></ul>"#
    )?;
    writeln!(out, r#"<table class="heat">"#)?;
    write!(
        out,
        "<thead><tr><th>Person</th><th>Craft</th><th>Level</th>"
    )?;
    for column in &team.columns {
        write!(out, r#"<th class="area">{}</th>"#, line(column))?;
    }
    writeln!(
        out,
        r#"<th class="num">Met</th><th>Updated</th></tr></thead>"#
    )?;
    writeln!(out, "<tbody>")?;
    for row in &team.rows {
        write!(
            out,
            r#"<tr><td class="who">{}</td><td>{}</td><td>{}</td>"#,
            line(&row.person),
            line(&row.craft),
            line(&row.level)
        )?;
        for column in &team.columns {
            match row.areas.iter().find(|(name, _, _)| name == column) {
                Some((_, met, total)) => write!(
                    out,
                    r#"<td class="cell h{}">{met} / {total}</td>"#,
                    heat(*met, *total)
                )?,
                None => write!(out, r#"<td class="cell none">—</td>"#)?,
            }
        }
        writeln!(
            out,
            r#"<td class="num cell h{}">{} / {}</td><td>{}</td></tr>"#,
            heat(row.met, row.total),
            row.met,
            row.total,
            line(&row.updated)
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "<h2>Shared growth areas</h2>")?;
    if team.growth.is_empty() {
        writeln!(
            out,
            "<p>No statement is rated below “met” by most of the people assessed on it.</p>"
        )?;
    } else {
        writeln!(
            out,
            "<p>Statements that most of the people who rated them rate below “met”:</p>"
        )?;
        writeln!(out, "<table>")?;
        writeln!(
            out,
            r#"<thead><tr><th>Area</th><th>Statement</th><th class="num">Below met</th><th>Who</th></tr></thead>"#
        )?;
        writeln!(out, "<tbody>")?;
        for g in &team.growth {
            writeln!(
                out,
                r#"<tr><td>{}</td><td>{}</td><td class="num">{} of {}</td><td>{}</td></tr>"#,
                line(&g.area),
                line(&g.text),
                g.below,
                g.assessed,
                line(&g.people.join(", "))
            )?;
        }
        writeln!(out, "</tbody>")?;
        writeln!(out, "</table>")?;
    }
    writeln!(out, "<footer>Made by rungs.</footer>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
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
