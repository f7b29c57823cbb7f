//! Profile + framework → markdown, JSON, CSV, HTML and SVG summaries: pure functions
//! from data to text. The facts are gathered once, in [`report`].

pub mod agenda;
pub mod changes;
pub mod chart;
pub mod conflicts;
pub mod csv;
pub mod html;
pub mod json;
pub mod lines;
pub mod markdown;
pub mod packet;
pub mod packet_html;
pub mod packet_markdown;
pub mod page;
pub mod report;
pub mod svg;

pub mod team_html;
pub mod team_table;
pub mod xml;

use anyhow::Result;

use crate::model::{Framework, Profile};
use report::{Choice, Report};

/// The formats of a profile's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Json,
    Csv,
    Html,
    Svg,
}

/// The summary of a checked profile's current rounds in the given format.
pub fn render(profile: &Profile, framework: &Framework, format: Format) -> Result<String> {
    render_chosen(profile, framework, format, &Choice::default())
}

/// The summary of the chosen rounds (a self round by number, a manager by name).
pub fn render_chosen(
    profile: &Profile,
    framework: &Framework,
    format: Format,
    choice: &Choice,
) -> Result<String> {
    let report = Report::of(profile, framework, choice)?;
    Ok(match format {
        Format::Markdown => markdown::render(&report),
        Format::Json => json::render(&report)?,
        Format::Csv => csv::render(&report)?,
        Format::Html => html::render(&report),
        Format::Svg => svg::render(&report),
    })
}

/// The last line of every markdown export: invisible when rendered, and how
/// rungs knows a file it may replace without `--force`.
pub const MARKDOWN_MARK: &str = "<!-- written by rungs export -->";

/// True when `bytes` are an earlier export of rungs in any format, of a
/// profile or of a team: the markdown mark, a CSV header, the HTML page's
/// generator, the SVG chart's root, or a JSON report's shape.
pub fn is_earlier_export(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut end = text.len().min(2048);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let first = text.lines().next();
    if text.lines().any(|l| l == MARKDOWN_MARK)
        || first == Some(csv::header_line().as_str())
        || first.is_some_and(|l| l.starts_with(&team_table::csv_header_start()))
        || first == Some(team_table::reviewer_csv_header().as_str())
        || (head.starts_with("<!DOCTYPE html>")
            && head.contains(r#"<meta name="generator" content="rungs">"#))
        || (head.starts_with("<?xml")
            && head.contains(r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart"#))
    {
        return true;
    }
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
        let has = |keys: &[&str]| keys.iter().all(|k| v.get(k).is_some());
        has(&["person", "framework", "areas"]) || has(&["groups", "min_raters"])
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_format_is_recognised_as_an_earlier_export() {
        let profile: crate::model::Profile =
            toml::from_str(include_str!("../../tests/fixtures/mixed-profile.toml")).expect("toml");
        let catalog = crate::store::Catalog::load(std::path::Path::new("/nonexistent"));
        let framework = catalog.find("vaarst").expect("embedded");
        for format in [
            super::Format::Markdown,
            super::Format::Json,
            super::Format::Csv,
            super::Format::Html,
            super::Format::Svg,
        ] {
            let text = super::render(&profile, framework, format).expect("renders");
            assert!(super::is_earlier_export(text.as_bytes()), "{format:?}");
        }
        assert!(!super::is_earlier_export(b"# My notes\n"));
        assert!(!super::is_earlier_export(
            b"<!DOCTYPE html>\n<title>x</title>"
        ));
    }
}
