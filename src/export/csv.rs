//! The summary as CSV: one row per statement, then one per orphaned rating.
//! Every CSV rungs writes goes through one [`Sheet`], which defuses every
//! cell: one that a spreadsheet would run as a formula gets a leading `'`.

use super::report::{RatingReport, Report};
use crate::model::text::{is_invisible, is_joiner};

/// The one CSV writer: every cell of every row is defused.
pub struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet {
            writer: csv::Writer::from_writer(Vec::new()),
        }
    }
}

impl Sheet {
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.writer
            .write_record(cells.into_iter().map(|cell| defuse(cell.as_ref())))
    }

    pub fn finish(self) -> Result<String, csv::Error> {
        let bytes = self.writer.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

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

/// Keeps spreadsheets from running text from a file as a formula. A
/// spreadsheet skips leading spaces (any kind: NBSP, U+3000), tabs, line
/// breaks and invisible characters, and reads the fullwidth `＝＋－＠` as the
/// ASCII ones, so those are looked through before the first character.
pub fn defuse(text: &str) -> String {
    let lead = text.trim_start_matches(|c: char| {
        c.is_whitespace() || c.is_control() || is_invisible(c) || is_joiner(c)
    });
    if lead.starts_with([
        '=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫',
    ]) {
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
        rating.label.clone().unwrap_or_default(),
        rating.note.clone().unwrap_or_default(),
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
    let mut cells = vec![area.to_owned(), key.to_owned(), text.to_owned()];
    cells.extend(own);
    cells.extend(manager);
    cells.extend([flag(gap), flag(orphaned)]);
    cells
}

pub fn render(report: &Report) -> Result<String, csv::Error> {
    let mut writer = Sheet::default();
    writer.row(HEADER)?;
    for area in &report.areas {
        for s in &area.statements {
            writer.row(record(
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
        writer.row(record("", &orphan.statement, "", own, manager, false, true))?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formulas_are_defused_behind_any_leading_blank_or_invisible() {
        for cell in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1+1",
            "\r=1",
            " =1",
            "\u{A0}=1",
            "\u{3000}=1",
            "\u{200B}=1",
            "\u{FEFF}=1",
            "\u{2060}+1",
            "＝1+1",
            "＋1",
            "－1",
            "＠x",
            "\n=1",
        ] {
            assert_eq!(defuse(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["plain", "1 = 1", "", "a-b", "3", "n/a"] {
            assert_eq!(defuse(cell), cell);
        }
    }
}
