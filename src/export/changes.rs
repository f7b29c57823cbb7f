//! What changes, as text: between two levels of a craft (`rungs show
//! --diff`) and between two rounds of ratings (`rungs diff`). Pure
//! functions from the model's comparisons to plain text, markdown or JSON.

use std::fmt::Write;

use serde::Serialize;

use super::markdown::escape;
use crate::model::level_diff::{LevelDiff, word_diff_plain};
use crate::model::round_diff::RoundDiff;
use crate::model::{Framework, Scale};
use crate::present::cells::average;

/// `rungs show --diff A B`: area by area, the statements only in A, only in
/// B, reworded (`[-old-]{+new+}`, paired by their words) and with the same
/// words under another number or from another area, then the areas new in B.
pub fn level_diff_text(framework: &Framework, diff: &LevelDiff<'_>) -> String {
    let mut out = String::new();
    let (a, b) = (diff.a, diff.b);
    let _ = writeln!(
        out,
        "{}: {} ({}) → {} ({})",
        framework.name, a.title, a.id, b.title, b.id
    );
    for area in &diff.areas {
        let _ = writeln!(out, "\n{} ({})", area.area.name, area.area.id);
        if area.is_empty() {
            let _ = writeln!(out, "  the same statements at both levels");
            continue;
        }
        if !area.only_a.is_empty() {
            let _ = writeln!(out, "  only in {}:", a.title);
            for s in &area.only_a {
                let _ = writeln!(out, "    [-{}. {}-]", s.id, s.text);
            }
        }
        if !area.only_b.is_empty() {
            let _ = writeln!(out, "  only in {}:", b.title);
            for s in &area.only_b {
                let _ = writeln!(out, "    {{+{}. {}+}}", s.id, s.text);
            }
        }
        if !area.reworded.is_empty() {
            let _ = writeln!(out, "  in both, reworded:");
            for (old, new) in &area.reworded {
                let _ = writeln!(
                    out,
                    "    {}. {}",
                    numbers(&old.id, &new.id),
                    word_diff_plain(&old.text, &new.text)
                );
            }
        }
        if !area.moved.is_empty() {
            let _ = writeln!(out, "  in both, the same words elsewhere:");
            for moved in &area.moved {
                let from = if moved.from.id == area.area.id {
                    String::new()
                } else {
                    format!("from {} ({}) ", moved.from.name, moved.from.id)
                };
                let _ = writeln!(
                    out,
                    "    {from}{}. {}",
                    numbers(&moved.a.id, &moved.b.id),
                    moved.b.text
                );
            }
        }
    }
    if !diff.new_areas.is_empty() {
        let _ = writeln!(out, "\nNew in {}:", b.title);
        for area in &diff.new_areas {
            let _ = writeln!(out, "\n{} ({})", area.name, area.id);
            for s in &area.statements {
                let _ = writeln!(out, "    {{+{}. {}+}}", s.id, s.text);
            }
        }
    }
    out
}

/// A statement's number at both levels: `3`, or `3 → 5` when it moved.
fn numbers(a: &str, b: &str) -> String {
    if a == b {
        a.to_owned()
    } else {
        format!("{a} → {b}")
    }
}

/// The two sides of a `rungs diff`, as its heading names them.
#[derive(Debug, Clone, Serialize)]
pub struct Sides {
    pub title: String,
    pub from: String,
    pub to: String,
    /// The day each side was last updated, when the sides are rounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_date: Option<String>,
    /// Whose rounds are compared and why, when they are a reviewer's
    /// ("Sam Lee's rounds: the direct manager").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    #[serde(flatten)]
    sides: &'a Sides,
    #[serde(flatten)]
    diff: &'a RoundDiff,
}

pub fn round_diff_json(sides: &Sides, diff: &RoundDiff) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&JsonDiff { sides, diff })?;
    text.push('\n');
    Ok(text)
}

fn value(v: Option<u8>, na: bool, scale: &Scale) -> String {
    match (v, na) {
        (_, true) => "n/a".to_owned(),
        (Some(v), _) => format!("{v} {}", scale.label(v)),
        (None, _) => "not rated".to_owned(),
    }
}

/// `rungs diff` in markdown: per-area deltas, what moved to met or fell
/// below it, every changed rating, and notes new or changed.
pub fn round_diff_markdown(sides: &Sides, diff: &RoundDiff, scale: &Scale) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# What changed: {}\n", escape(&sides.title));
    let dated = |side: &str, date: &Option<String>| match date {
        Some(day) => format!("{} ({day})", escape(side)),
        None => escape(side),
    };
    let _ = writeln!(
        out,
        "From {} to {}.\n",
        dated(&sides.from, &sides.from_date),
        dated(&sides.to, &sides.to_date)
    );
    if let Some(reviewer) = &sides.reviewer {
        let _ = writeln!(out, "{}.\n", escape(reviewer));
    }
    let _ = writeln!(out, "## Per area\n");
    let _ = writeln!(
        out,
        "| Area | Met before | Met now | Average before | Average now |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for area in &diff.areas {
        let _ = writeln!(
            out,
            "| {} | {} / {} | {} / {} | {} | {} |",
            escape(&area.name),
            area.met_from,
            area.total,
            area.met_to,
            area.total,
            average(area.average_from),
            average(area.average_to)
        );
    }
    let list = |out: &mut String, title: &str, items: Vec<String>| {
        let _ = writeln!(out, "\n## {title} ({})\n", items.len());
        if items.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for item in items {
            let _ = writeln!(out, "- {item}");
        }
    };
    let line = |c: &crate::model::round_diff::RatingChange| {
        format!(
            "{} `{}`: {} — {} → {}",
            escape(&c.area),
            c.statement,
            escape(&c.text),
            value(c.from, c.from_na, scale),
            value(c.to, c.to_na, scale)
        )
    };
    list(&mut out, "Now met", diff.now_met().map(line).collect());
    list(
        &mut out,
        "Fell below met",
        diff.fell_below().map(line).collect(),
    );
    list(
        &mut out,
        "Newly not applicable",
        diff.newly_na().map(line).collect(),
    );
    list(
        &mut out,
        &format!("Not rated in {}", escape(&sides.to)),
        diff.not_rated().map(line).collect(),
    );
    list(
        &mut out,
        "Every changed rating",
        diff.ratings.iter().map(line).collect(),
    );
    list(
        &mut out,
        "Notes new or changed",
        diff.notes
            .iter()
            .map(|n| {
                let was = if n.from.is_empty() {
                    "new".to_owned()
                } else {
                    format!("was: {}", escape(&n.from))
                };
                format!(
                    "{} `{}`: {} ({was})",
                    escape(&n.area),
                    n.statement,
                    escape(&n.to)
                )
            })
            .collect(),
    );
    out
}
