//! The markdown summary: a heading, an overview table, one table per area,
//! and the orphaned ratings. Every piece of text from a file is escaped, so
//! a note can never add a link, HTML, or a table row.

use std::fmt::Write;

use super::report::{Counts, EvidenceReport, Report, StatementReport};
use crate::present::bar;
use crate::present::cells::average;

const BAR_WIDTH: usize = 10;

/// Text safe inside a table cell or a heading: no text from a file may
/// become a link, an image, HTML, emphasis or another table cell in any GFM
/// renderer, and nothing else is touched, so the file still reads as
/// written in a plain-text viewer (`Level 4 (Mid)`, `PR #311`). Newlines
/// become `<br>`. A word a GFM renderer would turn into a link on its own
/// (extended autolinks: `www.`, `scheme:…`, `name@domain`) is written as a
/// code span, where the GFM spec recognises no autolink.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut word = String::new();
    // A line break is `<br>`: markup that a `~` or `*` beside it flanks,
    // unlike a blank.
    let mut before_word = None;
    for c in text.chars() {
        if c.is_whitespace() {
            let next = if matches!(c, '\n' | '\r') {
                Next::Char('<')
            } else {
                Next::Blank
            };
            push_word(&mut out, &word, next, before_word);
            word.clear();
            before_word = None;
            match c {
                '\n' => {
                    out.push_str("<br>");
                    before_word = Some('>');
                }
                '\r' => {}
                c => out.push(c),
            }
        } else {
            word.push(c);
        }
    }
    // What follows the text is the format's own (`, round`, ` |`): unknown.
    push_word(&mut out, &word, Next::Unknown, before_word);
    out
}

/// A revealed blind round opens on where the two sides disagree, the
/// widest gap first, both notes side by side.
fn disagreements(out: &mut String, r: &Report) -> std::fmt::Result {
    let Some(name) = r.beside_name().map(escape_line) else {
        return Ok(());
    };
    if r.disagreements.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Disagreements, the widest first")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Gap | Area | Statement | Self | {name} | Self's note | {name}'s note |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |")?;
    for d in &r.disagreements {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            d.gap,
            escape(&d.area),
            escape(&d.text),
            escape(&d.own.short()),
            escape(&d.manager.short()),
            escape(d.own.note.as_deref().unwrap_or("")),
            escape(d.manager.note.as_deref().unwrap_or(""))
        )?;
    }
    writeln!(out)
}

/// The actions agreed on statements, open ones first.
fn actions(out: &mut String, r: &Report) -> std::fmt::Result {
    if r.actions.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "## Actions")?;
    writeln!(out)?;
    writeln!(out, "| Statement | Action | Owner | Status |")?;
    writeln!(out, "| --- | --- | --- | --- |")?;
    for a in &r.actions {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&a.statement),
            escape(&a.text),
            escape(&a.owner),
            a.status()
        )?;
    }
    Ok(())
}

/// What comes after a character, as far as escaping needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Char(char),
    /// White space (a line break becomes `<br>`, which is markup).
    Blank,
    /// The end of the text: the caller's own text follows.
    Unknown,
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

fn push_word(out: &mut String, word: &str, after: Next, before_word: Option<char>) {
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
    // A run of `#` alone could close a heading (or open one at a line's
    // start); a `#` inside a word (`PR #311`, `C#`) is text.
    if word.chars().all(|c| c == '#') {
        for _ in word.chars() {
            out.push_str("\\#");
        }
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]).or(before_word);
        let next = chars.get(i + 1).map_or(after, |&n| Next::Char(n));
        if acts(c, before, next, &chars[i + 1..], after) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Whether markdown would act on `c` here: only then is it escaped.
/// `before` is the character before it in the word (`None`: white space),
/// `next` what follows, `rest` the word after it and `after` what follows
/// the word.
fn acts(c: char, before: Option<char>, next: Next, rest: &[char], after: Next) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match c {
        // Table cells split at a pipe; a code span starts at a backtick;
        // brackets make links and images (and with them escaped, `(`, `)`
        // and `!` are plain text).
        '|' | '`' | '[' | ']' => true,
        // A backslash escapes the punctuation after it, or ends a line.
        '\\' => match next {
            Next::Char(n) => n.is_ascii_punctuation(),
            Next::Blank | Next::Unknown => true,
        },
        // Emphasis and strikethrough: a `*` or `~` can open or close unless
        // blanks surround it; a `_` within a word (`snake_case`) cannot.
        '*' | '~' => before.is_some() || next != Next::Blank,
        '_' => !(alnum(before) && matches!(next, Next::Char(n) if n.is_alphanumeric())),
        // HTML and autolinks start with `<` and a letter, `/`, `!` or `?`.
        '<' => match next {
            Next::Char(n) => n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'),
            Next::Blank => false,
            Next::Unknown => true,
        },
        // An entity (`&amp;`, `&#58;`) turns into another character.
        '&' => {
            let name: Vec<&char> = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                .collect();
            !name.is_empty()
                && (rest.get(name.len()) == Some(&';')
                    || (rest.len() == name.len() && after == Next::Unknown))
        }
        _ => false,
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
    match &r.own {
        Some(round) => writeln!(out, "- Self assessment: {}", round.describe(escape_line))?,
        None => writeln!(out, "- Self assessment: none yet")?,
    }
    match (&r.manager, &r.manager_because) {
        (Some(round), Some(because)) => writeln!(
            out,
            "- Manager assessment: {}",
            round.describe_because(because, escape_line)
        )?,
        (Some(round), None) => {
            writeln!(out, "- Manager assessment: {}", round.describe(escape_line))?
        }
        (None, _) => writeln!(out, "- Manager assessment: none yet")?,
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
    for round in &r.blind {
        writeln!(
            out,
            "- Blind round: {}; its ratings and notes are not shown until both sides have signed off or it is revealed",
            round.describe(escape_line)
        )?;
    }
    writeln!(out)?;
    disagreements(out, r)?;

    // The review beside self has a column only when there is one, headed
    // by the reviewer's name.
    let beside = r.beside_name().map(escape_line);
    writeln!(out, "## Overview")?;
    writeln!(out)?;
    match &beside {
        Some(name) => {
            writeln!(out, "| Area | Met | Progress | Self avg | {name} avg |")?;
            writeln!(out, "| --- | --- | --- | --- | --- |")?;
        }
        None => {
            writeln!(out, "| Area | Met | Progress | Self avg |")?;
            writeln!(out, "| --- | --- | --- | --- |")?;
        }
    }
    let reviewed = beside.is_some();
    for area in &r.areas {
        overview_row(out, &escape_line(&area.name), &area.counts, reviewed)?;
    }
    overview_row(out, "**Total**", &r.total, reviewed)?;
    writeln!(out)?;
    write!(
        out,
        "{} of {} statements rated; {} not applicable (kept out of every total).",
        r.total.rated, r.total.total, r.total.not_applicable
    )?;
    if let Some(name) = &beside {
        write!(
            out,
            " {} with a gap of 2 points or more between self and {name} (⚠).",
            r.gap_count()
        )?;
    }
    writeln!(out)?;

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
        match &beside {
            Some(name) => {
                writeln!(out, "| # | Statement | Self | {name} | Gap | Note |")?;
                writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
            }
            None => {
                writeln!(out, "| # | Statement | Self | Note |")?;
                writeln!(out, "| --- | --- | --- | --- |")?;
            }
        }
        for statement in &area.statements {
            statement_row(out, statement, beside.as_deref())?;
        }
        area_evidence(out, &area.statements)?;
    }

    for other in &r.other_reviews {
        writeln!(out)?;
        writeln!(
            out,
            "## {}'s review, round {}",
            escape_line(&other.round.assessor),
            other.round.round
        )?;
        writeln!(out)?;
        writeln!(out, "{}.", other.round.describe(escape_line))?;
        writeln!(out)?;
        if other.ratings.is_empty() {
            writeln!(out, "No statement of this level rated.")?;
            continue;
        }
        writeln!(out, "| Area | # | Statement | Rating | Note |")?;
        writeln!(out, "| --- | --- | --- | --- | --- |")?;
        for item in &other.ratings {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&item.area),
                escape(&item.id),
                escape(&item.text),
                escape(&item.rating.short()),
                escape(item.rating.note.as_deref().unwrap_or(""))
            )?;
        }
    }

    actions(out, r)?;

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
            "A merge of this profile kept one version of these ratings (shown above, and counted) and recorded the other; open the profile in rungs and press M on each ≠ to settle it."
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

/// The evidence of an area's statements, a list under its table: an item
/// supporting several statements shows under each.
fn area_evidence(out: &mut String, statements: &[StatementReport]) -> std::fmt::Result {
    if statements.iter().all(|s| s.evidence.is_empty()) {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Evidence:")?;
    writeln!(out)?;
    for statement in statements {
        for item in &statement.evidence {
            writeln!(out, "- {} · {}", escape(&statement.id), evidence_line(item))?;
        }
    }
    Ok(())
}

/// One evidence item as a markdown line: `2026-10-04 — what was done ·
/// links`. Links and commits are code spans: inert, readable, copyable.
pub fn evidence_line(item: &EvidenceReport) -> String {
    let mut line = format!("{} — {}", escape(&item.date), escape(&item.text));
    for link in item.links.iter().chain(&item.commits) {
        line.push_str(" · ");
        // As any file text: a link-like word becomes a code span, and a
        // pipe cannot split the table cell the line may sit in.
        line.push_str(&escape(link));
    }
    line
}

fn overview_row(out: &mut String, name: &str, counts: &Counts, reviewed: bool) -> std::fmt::Result {
    write!(
        out,
        "| {name} | {} / {} | {} | {} |",
        counts.met,
        counts.total,
        bar(share(counts), BAR_WIDTH),
        average(counts.self_average),
    )?;
    if reviewed {
        write!(out, " {} |", average(counts.manager_average))?;
    }
    writeln!(out)
}

/// A statement's row; `beside` is the reviewer's name (escaped) when a
/// review stands beside self.
fn statement_row(out: &mut String, s: &StatementReport, beside: Option<&str>) -> std::fmt::Result {
    let Some(name) = beside else {
        return writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&s.id),
            escape(&s.text),
            escape(&s.own.short()),
            s.own.note.as_deref().map(escape).unwrap_or_default()
        );
    };
    let gap = match (s.own.value, s.manager.value) {
        (Some(a), Some(b)) if s.gap => format!("⚠ {}", a.abs_diff(b)),
        _ => String::new(),
    };
    let note = match (&s.own.note, &s.manager.note) {
        (Some(own), Some(manager)) => format!("{}<br>{name}: {}", escape(own), escape(manager)),
        (Some(own), None) => escape(own),
        (None, Some(manager)) => format!("{name}: {}", escape(manager)),
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
        assert_eq!(escape(r"a|b\c"), r"a\|b\c");
        assert_eq!(escape(r"a\|b"), r"a\\\|b");
        assert_eq!(escape("one\ntwo"), "one<br>two");
        assert_eq!(
            escape("[x](e) <b> & *y* _z_ ~s~ `c` !"),
            r"\[x\](e) \<b> & \*y\* \_z\_ \~s\~ \`c\` !"
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
        assert_eq!(escape("<br>"), r"\<br>");
    }

    #[test]
    fn what_markdown_leaves_alone_reads_as_written() {
        for plain in [
            "Level 4 (Mid)",
            "PR #311",
            "C# and F#",
            "snake_case_name",
            "R&D, 3 < 4 > 2",
            "2 * 3 = 6",
            "Wow! (really)",
            "a - b + c",
        ] {
            assert_eq!(escape(plain), plain);
        }
        assert_eq!(escape("Level 4 #"), r"Level 4 \#");
        assert_eq!(escape("&amp; &#58; x&lt"), r"\&amp; \&#58; x\&lt");
        assert_eq!(escape("2*3*4"), r"2\*3\*4");
        assert_eq!(escape("_lead trail_"), r"\_lead trail\_");
        assert_eq!(escape("end\\"), r"end\\");
    }
}
