//! The summary as CSV: one row per statement, then one per orphaned rating.
//! A cell that a spreadsheet would run as a formula gets a leading `'`.

use super::report::{RatingReport, Report};

const HEADER: [&str; 11] = [
    "area",
    "statement",
    "text",
    "self_value",
    "self_label",
    "self_note",
    "manager_value",
    "manager_label",
    "manager_note",
    "gap",
    "orphaned",
];

/// The header row as the file holds it, to recognise an earlier export.
pub fn header_line() -> String {
    HEADER.join(",")
}

/// Keeps spreadsheets from running text from a file as a formula.
pub(crate) fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn rating_cells(rating: &RatingReport) -> [String; 3] {
    let value = match (rating.status, rating.value) {
        (_, Some(v)) => v.to_string(),
        ("not_applicable", _) => "n/a".to_owned(),
        _ => String::new(),
    };
    [
        value,
        defuse(rating.label.as_deref().unwrap_or("")),
        defuse(rating.note.as_deref().unwrap_or("")),
    ]
}

/// One record: where, what, the two ratings (value, label, note each).
fn record(
    area: &str,
    key: &str,
    text: &str,
    own: [String; 3],
    manager: [String; 3],
    gap: bool,
    orphaned: bool,
) -> Vec<String> {
    let flag = |on: bool| if on { "yes".to_owned() } else { String::new() };
    let mut cells = vec![defuse(area), defuse(key), defuse(text)];
    cells.extend(own);
    cells.extend(manager);
    cells.extend([flag(gap), flag(orphaned)]);
    cells
}

pub fn render(report: &Report) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for area in &report.areas {
        for s in &area.statements {
            writer.write_record(record(
                &area.name,
                &s.key,
                &s.text,
                rating_cells(&s.own),
                rating_cells(&s.manager),
                s.gap,
                false,
            ))?;
        }
    }
    for orphan in &report.orphans {
        let none = || [String::new(), String::new(), String::new()];
        let cells = rating_cells(&orphan.rating);
        let (own, manager) = if orphan.role == "self" {
            (cells, none())
        } else {
            (none(), cells)
        };
        writer.write_record(record("", &orphan.statement, "", own, manager, false, true))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
