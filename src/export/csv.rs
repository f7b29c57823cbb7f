//! The summary as CSV: one row per statement (self beside the review that
//! stands beside it), one per orphaned rating, then one per statement each
//! other reviewer rated, their name in the `reviewer` column.
//! Every CSV rungs writes goes through one [`Sheet`], which defuses every
//! cell: one that a spreadsheet would run as a formula gets a leading `'`.

use super::report::{RatingReport, Report, Round};
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

    /// A row of text from files and figures the program computed: the
    /// figures are written as they are (a negative difference keeps its
    /// minus sign and stays a number), the text is defused.
    pub fn mixed_row(&mut self, cells: &[Cell]) -> Result<(), csv::Error> {
        self.writer
            .write_record(cells.iter().map(|cell| match cell {
                Cell::Text(text) => defuse(text),
                Cell::Figure(figure) => figure.0.clone(),
            }))
    }

    pub fn finish(self) -> Result<String, csv::Error> {
        let bytes = self.writer.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A cell of [`Sheet::mixed_row`].
pub enum Cell {
    Text(String),
    Figure(Figure),
}

/// A number the program formatted, never text from a file: only these
/// constructors make one.
pub struct Figure(String);

impl Figure {
    /// `-0.98`, to two decimals; an empty cell for none.
    pub fn decimal(value: Option<f64>) -> Figure {
        Figure(value.map_or(String::new(), |v| format!("{v:.2}")))
    }
}

const HEADER: [&str; 13] = [
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
    "reviewer",
    "reviewer_round",
];

/// The text of a blind round's row.
const BLIND: &str = "blind round: its ratings and notes are not shown until both sides have signed off or it is revealed";

/// The header row as the file holds it, to recognise an earlier export.
pub fn header_line() -> String {
    HEADER.join(",")
}

/// Keeps spreadsheets from running text from a file as a formula. A
/// spreadsheet skips leading spaces (any kind: NBSP, U+3000), tabs, line
/// breaks and invisible characters, and reads the fullwidth `＝＋－＠` as the
/// ASCII ones, so those are looked through before the first character.
pub fn defuse(text: &str) -> String {
    // `�` is what a cleaned name shows for an invisible character: looked
    // through as the character itself would be.
    let lead = text.trim_start_matches(|c: char| {
        c.is_whitespace() || c.is_control() || is_invisible(c) || is_joiner(c) || c == '\u{FFFD}'
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

/// One record: where, what, the two ratings (value, label, note each),
/// and whose review the manager cells are (name, round number).
struct Record<'a> {
    area: &'a str,
    key: &'a str,
    text: &'a str,
    own: [String; 3],
    manager: [String; 3],
    gap: bool,
    orphaned: bool,
    reviewer: Option<&'a Round>,
}

impl Record<'_> {
    fn cells(self) -> Vec<String> {
        let flag = |on: bool| if on { "yes".to_owned() } else { String::new() };
        let mut cells = vec![
            self.area.to_owned(),
            self.key.to_owned(),
            self.text.to_owned(),
        ];
        cells.extend(self.own);
        cells.extend(self.manager);
        cells.extend([flag(self.gap), flag(self.orphaned)]);
        cells.extend(match self.reviewer {
            Some(round) => [round.assessor.clone(), round.round.to_string()],
            None => [String::new(), String::new()],
        });
        cells
    }
}

fn none() -> [String; 3] {
    [String::new(), String::new(), String::new()]
}

pub fn render(report: &Report) -> Result<String, csv::Error> {
    let mut writer = Sheet::default();
    writer.row(HEADER)?;
    let beside = report.manager.as_ref();
    for area in &report.areas {
        for s in &area.statements {
            let record = Record {
                area: &area.name,
                key: &s.key,
                text: &s.text,
                own: rating_cells(&s.own),
                manager: rating_cells(&s.manager),
                gap: s.gap,
                orphaned: false,
                reviewer: beside,
            };
            writer.row(record.cells())?;
        }
    }
    for orphan in &report.orphans {
        let cells = rating_cells(&orphan.rating);
        let mine = orphan.role == "self";
        let (own, manager) = if mine {
            (cells, none())
        } else {
            (none(), cells)
        };
        let record = Record {
            area: "",
            key: &orphan.statement,
            text: "",
            own,
            manager,
            gap: false,
            orphaned: true,
            reviewer: beside.filter(|_| !mine),
        };
        writer.row(record.cells())?;
    }
    // A blind round not open yet: named in a row of its own, never shown.
    for round in &report.blind {
        let record = Record {
            area: "",
            key: "",
            text: BLIND,
            own: none(),
            manager: none(),
            gap: false,
            orphaned: false,
            reviewer: Some(round),
        };
        writer.row(record.cells())?;
    }
    for other in &report.other_reviews {
        for item in &other.ratings {
            let record = Record {
                area: &item.area,
                key: &item.key,
                text: &item.text,
                own: none(),
                manager: rating_cells(&item.rating),
                gap: false,
                orphaned: false,
                reviewer: Some(&other.round),
            };
            writer.row(record.cells())?;
        }
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
