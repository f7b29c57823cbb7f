//! The summary as JSON: the same facts as the markdown, for other tools.

use super::report::Report;

pub fn render(report: &Report) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(report)?;
    text.push('\n');
    Ok(text)
}
