//! The markdown summary: a heading, an overview table, one table per area,
//! and the orphaned ratings. Every piece of text from a file is escaped, so
//! a note can never add a link, HTML, or a table row.

use std::fmt::Write;

use super::report::{Counts, Report, StatementReport};
use crate::present::bar;
use crate::present::cells::average;

const BAR_WIDTH: usize = 10;

/// Text safe inside a table cell or a heading: no text from a file may
/// become a link, an image, HTML or another table cell in any GFM renderer.
/// Backslash first, then the pipe, then every inline metacharacter; newlines
/// become `<br>`. A word a GFM renderer would turn into a link on its own
/// (extended autolinks: `www.`, `scheme:…`, `name@domain`) is written as a
/// code span, where the GFM spec recognises no autolink.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut word = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            push_word(&mut out, &word);
            word.clear();
            match c {
                '\n' => out.push_str("<br>"),
                '\r' => {}
                c => out.push(c),
            }
        } else {
            word.push(c);
        }
    }
    push_word(&mut out, &word);
    out
}

/// True for a word an extended-autolink renderer could make a link of: it
/// holds `www.`, an `@` between two characters, or a `:` after a scheme-like
/// run of letters with something after it (`https://…`, `mailto:…`).
fn could_link(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    if lower.contains("www.") || lower.contains("://") {
        return true;
    }
    let inner = |i: usize| i > 0 && i + 1 < word.len();
    if word.match_indices('@').any(|(i, _)| inner(i)) {
        return true;
    }
    word.match_indices(':').any(|(i, _)| {
        inner(i)
            && word[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
            && word[..i].chars().any(|c| c.is_ascii_alphabetic())
    })
}

fn push_word(out: &mut String, word: &str) {
    if word.is_empty() {
        return;
    }
    if could_link(word) {
        // A code span: its fence is longer than any run of backticks in it,
        // and only `|` needs a backslash there (tables split at it first).
        let longest = word.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = if word.starts_with('`') || word.ends_with('`') {
            " "
        } else {
            ""
        };
        out.push_str(&fence);
        out.push_str(pad);
        for c in word.chars() {
            if c == '|' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push_str(pad);
        out.push_str(&fence);
        return;
    }
    for c in word.chars() {
        if matches!(
            c,
            '\\' | '|'
                | '<'
                | '>'
                | '&'
                | '['
                | ']'
                | '('
                | ')'
                | '!'
                | '*'
                | '_'
                | '~'
                | '`'
                | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Like [`escape`], on one line: for headings and list items.
fn escape_line(text: &str) -> String {
    escape(&text.replace('\n', " "))
}

fn share(counts: &Counts) -> f64 {
    if counts.total == 0 {
        0.0
    } else {
        counts.met as f64 / counts.total as f64
    }
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, report);
    out.push('\n');
    out.push_str(super::MARKDOWN_MARK);
    out.push('\n');
    out
}

fn write_all(out: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(
        out,
        "# {} — {}, {}",
        escape_line(&r.person),
        escape_line(&r.craft.name),
        escape_line(&r.level.name)
    )?;
    writeln!(out)?;
    let version = r
        .framework_version
        .as_deref()
        .map_or(String::new(), |v| format!(", version {}", escape_line(v)));
    writeln!(
        out,
        "- Framework: {} (`{}`){version}",
        escape_line(&r.framework.name),
        r.framework.id
    )?;
    for (who, round) in [
        ("Self assessment", &r.own),
        ("Manager assessment", &r.manager),
    ] {
        match round {
            Some(round) => writeln!(out, "- {who}: {}", round.describe(escape_line))?,
            None => writeln!(out, "- {who}: none yet")?,
        }
    }
    let others: Vec<String> = r
        .other_reviewers()
        .map(|rv| rv.describe(escape_line))
        .collect();
    if !others.is_empty() {
        writeln!(out, "- Also reviewed by: {}", others.join("; "))?;
    }
    writeln!(out, "- Scale: {}", r.scale_line(escape_line))?;
    if let Some(day) = &r.dated_after_today {
        writeln!(
            out,
            "- ⚠ A round is dated {day}, after today: a wrong clock, or a date set to rank first"
        )?;
    }
    writeln!(out)?;

    writeln!(out, "## Overview")?;
    writeln!(out)?;
    writeln!(out, "| Area | Met | Progress | Self avg | Manager avg |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for area in &r.areas {
        overview_row(out, &escape_line(&area.name), &area.counts)?;
    }
    overview_row(out, "**Total**", &r.total)?;
    writeln!(out)?;
    let gaps = r
        .areas
        .iter()
        .flat_map(|a| &a.statements)
        .filter(|s| s.gap)
        .count();
    writeln!(
        out,
        "{} of {} statements rated; {} not applicable (kept out of every total). {} with a gap of 2 points or more between self and manager (⚠).",
        r.total.rated, r.total.total, r.total.not_applicable, gaps
    )?;

    if let Some(ready) = &r.readiness {
        writeln!(out)?;
        writeln!(
            out,
            "Readiness for {}: {} of its {} statements met.",
            escape_line(&ready.level.name),
            ready.met,
            ready.total
        )?;
    }

    for area in &r.areas {
        writeln!(out)?;
        writeln!(out, "## {}", escape_line(&area.name))?;
        writeln!(out)?;
        writeln!(out, "{} of {} met.", area.counts.met, area.counts.total)?;
        writeln!(out)?;
        writeln!(out, "| # | Statement | Self | Manager | Gap | Note |")?;
        writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
        for statement in &area.statements {
            statement_row(out, statement)?;
        }
    }

    if !r.reworded.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Reworded since rated")?;
        writeln!(out)?;
        writeln!(
            out,
            "The framework words these statements differently now than when they were rated: worth a second look."
        )?;
        writeln!(out)?;
        writeln!(out, "| Area | Statement | Role | Words now |")?;
        writeln!(out, "| --- | --- | --- | --- |")?;
        for item in &r.reworded {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&item.area),
                escape(&item.key),
                item.role,
                escape(&item.text)
            )?;
        }
    }

    if !r.conflicts.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Merge conflicts")?;
        writeln!(out)?;
        writeln!(
            out,
            "A merge of this profile kept one version of these ratings (shown above, and counted) and recorded the other; open the profile in rungs and press m on each ≠ to settle it."
        )?;
        writeln!(out)?;
        writeln!(out, "| Statement | Round | Shown | Other version |")?;
        writeln!(out, "| --- | --- | --- | --- |")?;
        for c in &r.conflicts {
            writeln!(
                out,
                "| {} | {} · {} | {} | {} |",
                escape(&c.statement),
                c.role,
                escape(&c.assessor),
                escape(&c.shown),
                escape(&c.others.join("; "))
            )?;
        }
    }

    if !r.orphans.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Orphaned ratings")?;
        writeln!(out)?;
        writeln!(
            out,
            "Ratings of statements that are no longer in the framework; kept as they were."
        )?;
        writeln!(out)?;
        writeln!(out, "| Statement | Role | Rating | Note |")?;
        writeln!(out, "| --- | --- | --- | --- |")?;
        for orphan in &r.orphans {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&orphan.statement),
                orphan.role,
                escape(&orphan.rating.short()),
                escape(orphan.rating.note.as_deref().unwrap_or(""))
            )?;
        }
    }
    Ok(())
}

fn overview_row(out: &mut String, name: &str, counts: &Counts) -> std::fmt::Result {
    writeln!(
        out,
        "| {name} | {} / {} | {} | {} | {} |",
        counts.met,
        counts.total,
        bar(share(counts), BAR_WIDTH),
        average(counts.self_average),
        average(counts.manager_average)
    )
}

fn statement_row(out: &mut String, s: &StatementReport) -> std::fmt::Result {
    let gap = match (s.own.value, s.manager.value) {
        (Some(a), Some(b)) if s.gap => format!("⚠ {}", a.abs_diff(b)),
        _ => String::new(),
    };
    let note = match (&s.own.note, &s.manager.note) {
        (Some(own), Some(manager)) => format!("{}<br>Manager: {}", escape(own), escape(manager)),
        (Some(own), None) => escape(own),
        (None, Some(manager)) => format!("Manager: {}", escape(manager)),
        (None, None) => String::new(),
    };
    writeln!(
        out,
        "| {} | {} | {} | {} | {gap} | {note} |",
        escape(&s.id),
        escape(&s.text),
        escape(&s.own.short()),
        escape(&s.manager.short())
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping_keeps_a_cell_a_cell() {
        assert_eq!(escape(r"a|b\c"), r"a\|b\\c");
        assert_eq!(escape("one\ntwo"), "one<br>two");
        assert_eq!(
            escape("[x](e) <b> & *y* _z_ ~s~ `c` !"),
            r"\[x\]\(e\) \<b\> \& \*y\* \_z\_ \~s\~ \`c\` \!"
        );
        assert_eq!(escape("see https://e.x/a|b"), r"see `https://e.x/a\|b`");
        assert_eq!(
            escape("www.e.x a@b.c ``x@y``"),
            "`www.e.x` `a@b.c` ``` ``x@y`` ```"
        );
        assert_eq!(
            escape("at 10:30, note: done @home"),
            "at 10:30, note: done @home"
        );
        assert_eq!(escape("<br>"), r"\<br\>");
    }
}
