//! The HTML report: one self-contained file (no scripts, no fonts, styles or
//! pictures from elsewhere) with the heading facts, the chart, a table per
//! area and the orphaned ratings, and a print stylesheet for A4. Every piece
//! of text from a file is escaped; a Content-Security-Policy forbids scripts
//! even if something slipped through.

use std::fmt::Write;

use super::report::{Counts, EvidenceReport, RatingReport, Report, StatementReport};
use super::xml::escape;
use crate::model::evidence::is_web_link;
use crate::model::text::clean_line;
use crate::present::cells::average;

/// One line of text: newlines become spaces.
fn line(text: &str) -> String {
    escape(&clean_line(text))
}

/// A note: escaped, its line breaks kept as `<br>`.
fn note(text: &str) -> String {
    escape(text).replace('\n', "<br>\n")
}

pub const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: #222; background: #fff; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.4rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure.chart { margin: 1rem 0; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #555; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.rating { white-space: nowrap; }
td.statement { width: 40%; }
td.notes { width: 34%; }
tr.gap td.gap { font-weight: 700; }
.who { font-weight: 600; }
p.note { margin: 0 0 0.3rem; overflow-wrap: anywhere; }
p.note:last-child { margin-bottom: 0; }
.muted { color: #666; }
footer { margin-top: 2rem; font-size: 0.85rem; color: #666; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  h2 { margin-top: 0; break-after: avoid; }
  section.area { break-before: page; }
  figure.chart, tr, dl.facts { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #f0f0f0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The whole report as one HTML document.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, report);
    out
}

fn write_all(out: &mut String, r: &Report) -> std::fmt::Result {
    let title = format!("{} — {}, {}", r.person, r.craft.name, r.level.name);
    super::page::head(out, &line(&title), STYLE)?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>{}</h1>", line(&title))?;
    facts(out, r)?;
    writeln!(out, "</header>")?;
    disagreements(out, r)?;
    overview(out, r)?;
    // The review beside self has columns only when there is one, headed by
    // the reviewer's name.
    let beside = r.beside_name().map(line);
    for area in &r.areas {
        writeln!(out, r#"<section class="area">"#)?;
        writeln!(out, "<h2>{}</h2>", line(&area.name))?;
        write!(
            out,
            "<p>{} of {} met; self average {}",
            area.counts.met,
            area.counts.total,
            average(area.counts.self_average),
        )?;
        if let Some(name) = &beside {
            write!(
                out,
                ", {name}’s average {}",
                average(area.counts.manager_average)
            )?;
        }
        writeln!(out, ".</p>")?;
        writeln!(out, "<table>")?;
        match &beside {
            Some(name) => writeln!(
                out,
                r#"<thead><tr><th class="num">#</th><th>Statement</th><th>Self</th><th>{name}</th><th class="num">Gap</th><th>Notes</th></tr></thead>"#
            )?,
            None => writeln!(
                out,
                r#"<thead><tr><th class="num">#</th><th>Statement</th><th>Self</th><th>Notes</th></tr></thead>"#
            )?,
        }
        writeln!(out, "<tbody>")?;
        for statement in &area.statements {
            statement_row(out, statement, beside.as_deref())?;
        }
        writeln!(out, "</tbody>")?;
        writeln!(out, "</table>")?;
        area_evidence(out, &area.statements)?;
        writeln!(out, "</section>")?;
    }
    other_reviews(out, r)?;
    actions(out, r)?;
    reworded(out, r)?;
    conflicts(out, r)?;
    orphans(out, r)?;
    let gap = match &beside {
        Some(name) => format!(" Gap: self and {name} differ by 2 points or more (⚠)."),
        None => String::new(),
    };
    super::page::foot(
        out,
        &format!("Made by rungs from {}'s profile.{gap}", line(&r.person)),
    )
}

/// The evidence of an area's statements, a list under its table: an item
/// supporting several statements shows under each.
fn area_evidence(out: &mut String, statements: &[StatementReport]) -> std::fmt::Result {
    if statements.iter().all(|s| s.evidence.is_empty()) {
        return Ok(());
    }
    writeln!(out, r#"<h3>Evidence</h3>"#)?;
    writeln!(out, r#"<ul class="evidence">"#)?;
    for statement in statements {
        for item in &statement.evidence {
            writeln!(
                out,
                r#"<li><span class="num">{}</span> {}</li>"#,
                line(&statement.id),
                evidence_item(item)
            )?;
        }
    }
    writeln!(out, "</ul>")
}

/// One evidence item in HTML: its day, its words, then its links: an
/// `http`/`https` one clickable, any other (and a commit) as plain text.
pub fn evidence_item(item: &EvidenceReport) -> String {
    let mut html = format!(
        r#"<time datetime="{date}">{date}</time> {}"#,
        note(&item.text),
        date = line(&item.date)
    );
    for link in &item.links {
        html.push_str(" · ");
        if is_web_link(link) {
            let _ = write!(
                html,
                r#"<a href="{href}" rel="noopener noreferrer nofollow">{href}</a>"#,
                href = line(link)
            );
        } else {
            let _ = write!(html, r#"<span class="link">{}</span>"#, line(link));
        }
    }
    for commit in &item.commits {
        let _ = write!(html, r#" · <code>{}</code>"#, line(commit));
    }
    html
}

/// Where a revealed blind round's two sides disagree, the widest first.
fn disagreements(out: &mut String, r: &Report) -> std::fmt::Result {
    let Some(name) = r.beside_name().map(line) else {
        return Ok(());
    };
    if r.disagreements.is_empty() {
        return Ok(());
    }
    writeln!(out, r#"<section class="disagreements">"#)?;
    writeln!(out, "<h2>Disagreements, the widest first</h2>")?;
    writeln!(out, "<table>")?;
    writeln!(
        out,
        r#"<thead><tr><th class="num">Gap</th><th>Area</th><th>Statement</th><th>Self</th><th>{name}</th><th>Self’s note</th><th>{name}’s note</th></tr></thead>"#
    )?;
    writeln!(out, "<tbody>")?;
    for d in &r.disagreements {
        writeln!(
            out,
            r#"<tr><td class="num">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            d.gap,
            line(&d.area),
            line(&d.text),
            line(&d.own.short()),
            line(&d.manager.short()),
            line(d.own.note.as_deref().unwrap_or("")),
            line(d.manager.note.as_deref().unwrap_or(""))
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</section>")
}

/// The actions agreed on statements, open ones first.
fn actions(out: &mut String, r: &Report) -> std::fmt::Result {
    if r.actions.is_empty() {
        return Ok(());
    }
    writeln!(out, r#"<section class="actions">"#)?;
    writeln!(out, "<h2>Actions</h2>")?;
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<thead><tr><th>Statement</th><th>Action</th><th>Owner</th><th>Status</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    for a in &r.actions {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            line(&a.statement),
            line(&a.text),
            line(&a.owner),
            a.status()
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</section>")
}

/// Each other reviewer's latest round and what they rated.
fn other_reviews(out: &mut String, r: &Report) -> std::fmt::Result {
    for other in &r.other_reviews {
        writeln!(out, r#"<section class="other-review">"#)?;
        writeln!(
            out,
            "<h2>{}’s review, round {}</h2>",
            line(&other.round.assessor),
            other.round.round
        )?;
        writeln!(out, "<p>{}.</p>", other.round.describe(line))?;
        if other.ratings.is_empty() {
            writeln!(out, "<p>No statement of this level rated.</p>")?;
            writeln!(out, "</section>")?;
            continue;
        }
        writeln!(out, "<table>")?;
        writeln!(
            out,
            r#"<thead><tr><th>Area</th><th class="num">#</th><th>Statement</th><th>Rating</th><th>Note</th></tr></thead>"#
        )?;
        writeln!(out, "<tbody>")?;
        for item in &other.ratings {
            writeln!(
                out,
                r#"<tr><td>{}</td><td class="num">{}</td><td class="statement">{}</td><td class="rating">{}</td><td class="notes">{}</td></tr>"#,
                line(&item.area),
                line(&item.id),
                line(&item.text),
                rating(&item.rating),
                item.rating.note.as_deref().map(note).unwrap_or_default()
            )?;
        }
        writeln!(out, "</tbody>")?;
        writeln!(out, "</table>")?;
        writeln!(out, "</section>")?;
    }
    Ok(())
}

fn facts(out: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(out, r#"<dl class="facts">"#)?;
    writeln!(
        out,
        "<dt>Framework</dt><dd>{} (<code>{}</code>)</dd>",
        line(&r.framework.name),
        line(&r.framework.id)
    )?;
    for (who, round) in [
        ("Self assessment", &r.own),
        ("Manager assessment", &r.manager),
        ("Previous self round", &r.previous_self),
    ] {
        let because = r
            .manager_because
            .as_deref()
            .filter(|_| who == "Manager assessment");
        match (round, because) {
            (Some(round), Some(because)) => writeln!(
                out,
                "<dt>{who}</dt><dd>{}</dd>",
                round.describe_because(because, line)
            )?,
            (Some(round), None) => {
                writeln!(out, "<dt>{who}</dt><dd>{}</dd>", round.describe(line))?
            }
            (None, _) if who != "Previous self round" => {
                writeln!(out, "<dt>{who}</dt><dd>none yet</dd>")?
            }
            (None, _) => {}
        }
    }
    let others: Vec<String> = r.other_reviewers().map(|rv| rv.describe(line)).collect();
    if !others.is_empty() {
        writeln!(
            out,
            "<dt>Also reviewed by</dt><dd>{}</dd>",
            others.join("; ")
        )?;
    }
    writeln!(out, "<dt>Scale</dt><dd>{}</dd>", r.scale_line(line))?;
    if let Some(day) = &r.dated_after_today {
        writeln!(
            out,
            "<dt>⚠ Dates</dt><dd>a round is dated {day}, after today: a wrong clock, or a date set to rank first</dd>"
        )?;
    }
    for round in &r.blind {
        writeln!(
            out,
            "<dt>Blind round</dt><dd>{}; its ratings and notes are not shown until both sides have signed off or it is revealed</dd>",
            round.describe(line)
        )?;
    }
    if let Some(ready) = &r.readiness {
        writeln!(
            out,
            "<dt>Readiness</dt><dd>for {}: {} of its {} statements met</dd>",
            line(&ready.level.name),
            ready.met,
            ready.total
        )?;
    }
    writeln!(out, "</dl>")
}

fn overview(out: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(out, r#"<section class="overview">"#)?;
    writeln!(out, "<h2>Overview</h2>")?;
    writeln!(out, r#"<figure class="chart">"#)?;
    out.push_str(&super::svg::chart(r));
    let shape = if r.areas.len() >= 3 {
        "Each corner is an area; further out is a higher average rating."
    } else {
        "One bar per round and area; longer is a higher average rating."
    };
    let manager = r.beside_name().map_or(String::new(), |name| {
        format!(" {}: dashed line, squares;", line(name))
    });
    writeln!(
        out,
        "<figcaption>Average rating per area. {shape} Self: solid line, circles;{manager} previous self round: dotted line, diamonds.</figcaption>"
    )?;
    writeln!(out, "</figure>")?;
    let previous = r.previous_self.is_some();
    let beside = r.beside_name().map(line);
    writeln!(out, "<table>")?;
    write!(
        out,
        r#"<thead><tr><th>Area</th><th class="num">Met</th><th class="num">Self avg</th>"#
    )?;
    if let Some(name) = &beside {
        write!(out, r#"<th class="num">{name} avg</th>"#)?;
    }
    if previous {
        write!(out, r#"<th class="num">Previous self avg</th>"#)?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for area in &r.areas {
        overview_row(
            out,
            &line(&area.name),
            &area.counts,
            beside.is_some(),
            previous.then_some(area.previous_self_average),
        )?;
    }
    writeln!(out, "</tbody>")?;
    write!(out, "<tfoot>")?;
    overview_row(
        out,
        "Total",
        &r.total,
        beside.is_some(),
        previous.then_some(r.previous_self_average),
    )?;
    writeln!(out, "</tfoot>")?;
    writeln!(out, "</table>")?;
    write!(
        out,
        "<p>{} of {} statements rated; {} not applicable (kept out of every total).",
        r.total.rated, r.total.total, r.total.not_applicable
    )?;
    if let Some(name) = &beside {
        write!(
            out,
            " {} with a gap of 2 points or more between self and {name} (⚠).",
            r.gap_count()
        )?;
    }
    writeln!(out, "</p>")?;
    writeln!(out, "</section>")
}

fn overview_row(
    out: &mut String,
    name: &str,
    counts: &Counts,
    reviewed: bool,
    previous: Option<Option<f64>>,
) -> std::fmt::Result {
    write!(
        out,
        r#"<tr><td>{name}</td><td class="num">{} / {}</td><td class="num">{}</td>"#,
        counts.met,
        counts.total,
        average(counts.self_average),
    )?;
    if reviewed {
        write!(
            out,
            r#"<td class="num">{}</td>"#,
            average(counts.manager_average)
        )?;
    }
    if let Some(previous) = previous {
        write!(out, r#"<td class="num">{}</td>"#, average(previous))?;
    }
    writeln!(out, "</tr>")
}

fn rating(r: &RatingReport) -> String {
    line(&r.short())
}

/// A statement's row; `beside` is the reviewer's name (escaped) when a
/// review stands beside self.
fn statement_row(out: &mut String, s: &StatementReport, beside: Option<&str>) -> std::fmt::Result {
    let gap = match (s.own.value, s.manager.value) {
        (Some(a), Some(b)) if s.gap => format!("⚠ {}", a.abs_diff(b)),
        _ => String::new(),
    };
    let mut notes = String::new();
    let sides = [("Self", &s.own)]
        .into_iter()
        .chain(beside.map(|name| (name, &s.manager)));
    for (who, rating) in sides {
        if let Some(text) = &rating.note {
            let _ = write!(
                notes,
                r#"<p class="note"><span class="who">{who}:</span> {}</p>"#,
                note(text)
            );
        }
    }
    if beside.is_none() {
        return writeln!(
            out,
            r#"<tr><td class="num">{}</td><td class="statement">{}</td><td class="rating">{}</td><td class="notes">{notes}</td></tr>"#,
            line(&s.id),
            line(&s.text),
            rating(&s.own)
        );
    }
    writeln!(
        out,
        r#"<tr{}><td class="num">{}</td><td class="statement">{}</td><td class="rating">{}</td><td class="rating">{}</td><td class="num gap">{gap}</td><td class="notes">{notes}</td></tr>"#,
        if s.gap { r#" class="gap""# } else { "" },
        line(&s.id),
        line(&s.text),
        rating(&s.own),
        rating(&s.manager)
    )
}

fn reworded(out: &mut String, r: &Report) -> std::fmt::Result {
    if r.reworded.is_empty() {
        return Ok(());
    }
    writeln!(out, r#"<section class="reworded">"#)?;
    writeln!(out, "<h2>Reworded since rated</h2>")?;
    writeln!(
        out,
        "<p>The framework words these statements differently now than when they were rated.</p>"
    )?;
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<thead><tr><th>Area</th><th>Statement</th><th>Role</th><th>Words now</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    for item in &r.reworded {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            line(&item.area),
            line(&item.key),
            item.role,
            line(&item.text)
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</section>")
}

fn conflicts(out: &mut String, r: &Report) -> std::fmt::Result {
    if r.conflicts.is_empty() {
        return Ok(());
    }
    writeln!(out, r#"<section class="conflicts">"#)?;
    writeln!(out, "<h2>Merge conflicts</h2>")?;
    writeln!(
        out,
        "<p>A merge of this profile kept one version of these ratings (shown above, and counted) and recorded the other; open the profile in rungs and press M on each ≠ to settle it.</p>"
    )?;
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<thead><tr><th>Statement</th><th>Round</th><th>Shown</th><th>Other version</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    for c in &r.conflicts {
        writeln!(
            out,
            "<tr><td>{}</td><td>{} · {}</td><td>{}</td><td>{}</td></tr>",
            line(&c.statement),
            c.role,
            line(&c.assessor),
            line(&c.shown),
            line(&c.others.join("; "))
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</section>")
}

fn orphans(out: &mut String, r: &Report) -> std::fmt::Result {
    if r.orphans.is_empty() {
        return Ok(());
    }
    writeln!(out, r#"<section class="orphans">"#)?;
    writeln!(out, "<h2>Orphaned ratings</h2>")?;
    writeln!(
        out,
        "<p>Ratings of statements that are no longer in the framework; kept as they were.</p>"
    )?;
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<thead><tr><th>Statement</th><th>Role</th><th>Rating</th><th>Note</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    for orphan in &r.orphans {
        writeln!(
            out,
            r#"<tr><td>{}</td><td>{}</td><td class="rating">{}</td><td class="notes">{}</td></tr>"#,
            line(&orphan.statement),
            orphan.role,
            rating(&orphan.rating),
            orphan.rating.note.as_deref().map(note).unwrap_or_default()
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</section>")
}
