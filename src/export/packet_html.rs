//! The promotion packet as one self-contained page, under the report's
//! rules: the policy that forbids scripts and anything from elsewhere
//! ([`super::page`]), every text escaped, a link clickable only when it is
//! `http`/`https`, and the report's stylesheet with its A4 print rules.

use std::fmt::Write;

use super::html::evidence_item;
use super::packet::{AreaFact, Packet, Spread, round_line};
use super::packet_markdown::verdict;
use super::xml::escape;

/// What the packet adds to the report's stylesheet.
const EXTRA_STYLE: &str = r#"
p.rule { background: #f6f6f6; border-left: 3px solid #999; padding: 0.4rem 0.6rem; }
td.met { white-space: nowrap; }
ul.evidence { margin: 0; padding-left: 1.1rem; }
ul.evidence li { overflow-wrap: anywhere; }
td.day, span.quarter { white-space: nowrap; }
"#;

pub fn render(packet: &Packet) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, packet);
    out
}

fn write_all(out: &mut String, p: &Packet) -> std::fmt::Result {
    let title = format!(
        "Promotion case: {} — {} → {}",
        p.person, p.from.title, p.to.title
    );
    let style = format!("{}{EXTRA_STYLE}", super::html::STYLE);
    super::page::head(out, &escape(&title), &style)?;
    writeln!(out, "<h1>{}</h1>", escape(&title))?;
    writeln!(out, "<dl class=\"facts\">")?;
    writeln!(out, "<dt>Framework</dt><dd>{}</dd>", escape(&p.framework))?;
    writeln!(out, "<dt>Craft</dt><dd>{}</dd>", escape(&p.craft))?;
    writeln!(
        out,
        "<dt>Self assessment</dt><dd>{}</dd>",
        round_line(p.own.as_ref(), None, escape)
    )?;
    writeln!(
        out,
        "<dt>Beside self</dt><dd>{}</dd>",
        round_line(p.reviewer.as_ref(), p.reviewer_because.as_deref(), escape)
    )?;
    writeln!(out, "</dl>")?;
    writeln!(out, "<h2>Readiness for {}</h2>", escape(&p.to.title))?;
    writeln!(
        out,
        "<p><strong>{} of {} statements met.</strong> {} of {} have evidence; {} with self and reviewer two points or more apart.</p>",
        p.met, p.total, p.with_evidence, p.total, p.gaps
    )?;
    writeln!(
        out,
        "<p class=\"rule\">How “met” is decided: {}</p>",
        escape(&p.rule)
    )?;
    writeln!(
        out,
        "<table><thead><tr><th>Area</th><th class=\"num\">Met</th><th class=\"num\">With evidence</th><th class=\"num\">Items</th><th>First</th><th>Last</th><th>Per quarter</th></tr></thead><tbody>"
    )?;
    for a in &p.areas {
        let s = &a.spread;
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{} / {}</td><td class=\"num\">{} / {}</td><td class=\"num\">{}</td><td class=\"day\">{}</td><td class=\"day\">{}</td><td>{}</td></tr>",
            escape(&a.name),
            a.met,
            a.total,
            a.with_evidence,
            a.total,
            s.items,
            escape(s.first.as_deref().unwrap_or("—")),
            escape(s.last.as_deref().unwrap_or("—")),
            quarter_spans(s)
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    let reviewer = p
        .reviewer
        .as_ref()
        .map_or_else(|| "Reviewer".to_owned(), |r| escape(&r.assessor));
    for a in &p.areas {
        area(out, a, &reviewer)?;
    }
    writeln!(out, "<h2>Gaps</h2>")?;
    let gaps: Vec<String> = p
        .short_of()
        .map(|(a, s)| {
            format!(
                "<li>{} {}: {} — {}</li>",
                escape(&a.name),
                s.number,
                escape(verdict(s).trim_start_matches("✗ ")),
                escape(&s.text)
            )
        })
        .collect();
    if gaps.is_empty() {
        writeln!(out, "<p>None: every statement is met.</p>")?;
    } else {
        writeln!(out, "<ul>\n{}\n</ul>", gaps.join("\n"))?;
    }
    super::page::foot(
        out,
        &escape(&format!(
            "Made by rungs from the profile of {}: the same profile gives the same page.",
            p.person
        )),
    )
}

/// Each quarter's count kept on one line: `2026-Q1 2 · 2026-Q2 0`.
fn quarter_spans(spread: &Spread) -> String {
    if spread.quarters.is_empty() {
        return "—".to_owned();
    }
    spread
        .quarters
        .iter()
        .map(|(q, n)| format!("<span class=\"quarter\">{} {n}</span>", escape(q)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn area(out: &mut String, a: &AreaFact, reviewer: &str) -> std::fmt::Result {
    writeln!(out, "<section class=\"area\">")?;
    writeln!(out, "<h2>{}</h2>", escape(&a.name))?;
    writeln!(
        out,
        "<p>{} of {} met; {} of {} with evidence.</p>",
        a.met, a.total, a.with_evidence, a.total
    )?;
    writeln!(
        out,
        "<table><thead><tr><th class=\"num\">#</th><th>Statement</th><th>Self</th><th>{reviewer}</th><th>Met</th><th>Evidence</th></tr></thead><tbody>"
    )?;
    for s in &a.statements {
        let evidence = if s.evidence.is_empty() {
            "—".to_owned()
        } else {
            let items: Vec<String> = s
                .evidence
                .iter()
                .map(|item| format!("<li>{}</li>", evidence_item(item)))
                .collect();
            format!("<ul class=\"evidence\">{}</ul>", items.join(""))
        };
        writeln!(
            out,
            "<tr{}><td class=\"num\">{}</td><td class=\"statement\">{}</td><td class=\"rating\">{}</td><td class=\"rating gap\">{}{}</td><td class=\"met\">{}</td><td>{}</td></tr>",
            if s.gap { " class=\"gap\"" } else { "" },
            s.number,
            escape(&s.text),
            escape(&s.own.short()),
            escape(&s.reviewer.short()),
            if s.gap { " ⚠" } else { "" },
            escape(&verdict(s)),
            evidence
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    writeln!(out, "</section>")
}
