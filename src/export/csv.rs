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

pub fn render(report: &Report) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for area in &report.areas {
        for s in &area.statements {
            let [sv, sl, sn] = rating_cells(&s.own);
            let [mv, ml, mn] = rating_cells(&s.manager);
            let gap = if s.gap { "yes" } else { "" };
            writer.write_record([
                defuse(&area.name),
                s.key.clone(),
                defuse(&s.text),
                sv,
                sl,
                sn,
                mv,
                ml,
                mn,
                gap.into(),
                String::new(),
            ])?;
        }
    }
    for orphan in &report.orphans {
        let [v, l, n] = rating_cells(&orphan.rating);
        let (own, manager) = if orphan.role == "self" {
            ([v, l, n], [String::new(), String::new(), String::new()])
        } else {
            ([String::new(), String::new(), String::new()], [v, l, n])
        };
        let [sv, sl, sn] = own;
        let [mv, ml, mn] = manager;
        writer.write_record([
            String::new(),
            defuse(&orphan.statement),
            String::new(),
            sv,
            sl,
            sn,
            mv,
            ml,
            mn,
            String::new(),
            "yes".into(),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
