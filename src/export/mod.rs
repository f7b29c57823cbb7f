//! Profile + framework → markdown, JSON, CSV, HTML and SVG summaries: pure functions
//! from data to text. The facts are gathered once, in [`report`].

pub mod chart;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod report;
pub mod svg;
pub mod team;
pub mod team_html;

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
        ExportFormat::Html => html::render(&report),
        ExportFormat::Svg => svg::render(&report),
    })
}
