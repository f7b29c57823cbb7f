//! The promotion packet as markdown: the heading facts, the readiness with
//! its rule and the spread of evidence per area, a table per area, and the
//! gaps. Every text from a file goes through [`super::markdown::escape`],
//! so nothing in a profile becomes a link, HTML or another table cell.

use std::fmt::Write;

use super::markdown::escape;
use super::markdown::evidence_line;
use super::packet::{AreaFact, Packet, Spread, StatementFact, round_line};

/// `2026-Q1 2 · 2026-Q2 0`: the count of every quarter in the spread.
pub fn quarters(spread: &Spread) -> String {
    spread
        .quarters
        .iter()
        .map(|(q, n)| format!("{q} {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `✓ met`, or `✗` and why not.
pub fn verdict(s: &StatementFact) -> String {
    if s.not_applicable {
        return "n/a".to_owned();
    }
    if s.met {
        return "✓ met".to_owned();
    }
    let why: Vec<&str> = s.short.iter().map(|r| r.words()).collect();
    format!("✗ {}", why.join("; "))
}

pub fn render(packet: &Packet) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, packet);
    out
}

fn write_all(out: &mut String, p: &Packet) -> std::fmt::Result {
    writeln!(
        out,
        "# Promotion case: {} — {}, {} → {}\n",
        escape(&p.person),
        escape(&p.craft),
        escape(&p.from.title),
        escape(&p.to.title)
    )?;
    writeln!(out, "- Framework: {}", escape(&p.framework))?;
    writeln!(
        out,
        "- Self assessment: {}",
        round_line(p.own.as_ref(), None, escape)
    )?;
    writeln!(
        out,
        "- Beside self: {}",
        round_line(p.reviewer.as_ref(), p.reviewer_because.as_deref(), escape)
    )?;
    writeln!(out, "\n## Readiness for {}\n", escape(&p.to.title))?;
    writeln!(
        out,
        "**{} of {} statements met.** {} of {} have evidence; {} with self and reviewer two points or more apart.\n",
        p.met, p.total, p.with_evidence, p.total, p.gaps
    )?;
    writeln!(out, "How \"met\" is decided: {}\n", p.rule)?;
    writeln!(
        out,
        "| Area | Met | With evidence | Items | First | Last | Per quarter |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |")?;
    for a in &p.areas {
        let s = &a.spread;
        writeln!(
            out,
            "| {} | {} / {} | {} / {} | {} | {} | {} | {} |",
            escape(&a.name),
            a.met,
            a.total,
            a.with_evidence,
            a.total,
            s.items,
            s.first.as_deref().unwrap_or("—"),
            s.last.as_deref().unwrap_or("—"),
            if s.quarters.is_empty() {
                "—".to_owned()
            } else {
                quarters(s)
            }
        )?;
    }
    let reviewer = p.reviewer.as_ref().map(|r| escape(&r.assessor));
    for a in &p.areas {
        area(out, a, reviewer.as_deref())?;
    }
    writeln!(out, "\n## Gaps\n")?;
    let mut any = false;
    for (a, s) in p.short_of() {
        any = true;
        writeln!(
            out,
            "- {} {}: {} — {}",
            escape(&a.name),
            s.number,
            verdict(s).trim_start_matches("✗ "),
            escape(&s.text)
        )?;
    }
    for (a, s) in p
        .areas
        .iter()
        .flat_map(|a| a.statements.iter().map(move |s| (a, s)))
    {
        if s.gap {
            any = true;
            writeln!(
                out,
                "- {} {}: self and reviewer two points or more apart ({} · {})",
                escape(&a.name),
                s.number,
                escape(&s.own.short()),
                escape(&s.reviewer.short())
            )?;
        }
    }
    if !any {
        writeln!(out, "None: every statement is met.")?;
    }
    writeln!(out, "\n{}", super::MARKDOWN_MARK)
}

fn area(out: &mut String, a: &AreaFact, reviewer: Option<&str>) -> std::fmt::Result {
    writeln!(out, "\n## {}\n", escape(&a.name))?;
    writeln!(
        out,
        "{} of {} met; {} of {} with evidence.\n",
        a.met, a.total, a.with_evidence, a.total
    )?;
    writeln!(
        out,
        "| # | Statement | Self | {} | Met | Evidence |",
        reviewer.unwrap_or("Reviewer")
    )?;
    writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
    for s in &a.statements {
        let evidence: Vec<String> = s.evidence.iter().map(evidence_line).collect();
        writeln!(
            out,
            "| {} | {} | {} | {}{} | {} | {} |",
            s.number,
            escape(&s.text),
            escape(&s.own.short()),
            escape(&s.reviewer.short()),
            if s.gap { " ⚠" } else { "" },
            verdict(s),
            if evidence.is_empty() {
                "—".to_owned()
            } else {
                evidence.join("<br>")
            }
        )?;
    }
    Ok(())
}
