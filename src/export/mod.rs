//! Profile + framework → markdown, JSON and CSV summaries: pure functions
//! from data to text. The facts are gathered once, in [`report`].

pub mod changes;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod report;
pub mod team;

use anyhow::{Context, Result};

use crate::cli::ExportFormat;
use crate::model::{Framework, Profile};
use report::Report;

/// The summary of a checked profile in the given format.
pub fn render(profile: &Profile, framework: &Framework, format: ExportFormat) -> Result<String> {
    let report = Report::new(profile, framework)
        .context("the profile's craft or level is not in its framework")?;
    Ok(match format {
        ExportFormat::Markdown => markdown::render(&report),
        ExportFormat::Json => json::render(&report)?,
        ExportFormat::Csv => csv::render(&report)?,
    })
}

/// The last line of every markdown export: invisible when rendered, and how
/// rungs knows a file it may replace without `--force`.
pub const MARKDOWN_MARK: &str = "<!-- written by rungs export -->";

/// True when `bytes` are an earlier export of rungs in any format: the
/// markdown mark, the CSV header, or the JSON report's shape.
pub fn is_earlier_export(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    if text.lines().any(|l| l == MARKDOWN_MARK)
        || text.lines().next() == Some(csv::header_line().as_str())
    {
        return true;
    }
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
        ["person", "framework", "areas"]
            .iter()
            .all(|k| v.get(k).is_some())
    })
}
