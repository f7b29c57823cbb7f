//! One person's row of the team overview, as text: the markdown table, the
//! HTML heat table and the calibration grid each lay out these same cells
//! (each escaping them its own way), so the three never disagree.

use super::cells::{or_dash, yes_no};
use crate::model::team::{AreaCell, Person};

/// The columns before the area cells, in order.
pub const HEADERS: [&str; 9] = [
    "Person",
    "Rated",
    "Met (self)",
    "Met (manager)",
    "Gaps",
    "Manager",
    "Round",
    "Final",
    "Updated",
];

/// Marks a row with flags (two profiles of one person, a future date).
pub const FLAG_MARK: &str = "⚠";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    /// The name, with ` ⚠` when the row is flagged.
    pub name: String,
    /// `5 of 15`.
    pub rated: String,
    pub self_met: String,
    pub manager_met: String,
    pub gaps: String,
    /// Whose review stands beside self, `—` for none.
    pub manager: String,
    /// The current self round's number.
    pub round: String,
    pub is_final: &'static str,
    pub updated: String,
}

impl PersonRow {
    pub fn of(person: &Person) -> PersonRow {
        let mut name = person.name.clone();
        if !person.flags.is_empty() {
            name.push(' ');
            name.push_str(FLAG_MARK);
        }
        PersonRow {
            name,
            rated: format!("{} of {}", person.rated, person.total),
            self_met: person.self_met.to_string(),
            manager_met: or_dash(person.manager_met),
            gaps: or_dash(person.gaps),
            manager: person
                .manager
                .as_ref()
                .map_or_else(|| "—".to_owned(), |m| m.assessor.clone()),
            round: person
                .own
                .as_ref()
                .map_or_else(|| "—".to_owned(), |r| r.round.to_string()),
            is_final: yes_no(person.is_final()),
            updated: person.updated.clone().unwrap_or_else(|| "—".to_owned()),
        }
    }

    /// The cells in `HEADERS` order.
    pub fn cells(&self) -> [&str; 9] {
        [
            &self.name,
            &self.rated,
            &self.self_met,
            &self.manager_met,
            &self.gaps,
            &self.manager,
            &self.round,
            self.is_final,
            &self.updated,
        ]
    }
}

/// An area cell: `2 · 1 of 3` (met by self · by the reviewer, of the
/// applicable statements), `2 of 3` when nobody reviewed.
pub fn area_text(cell: &AreaCell) -> String {
    match cell.manager_met {
        Some(m) => format!("{} · {m} of {}", cell.self_met, cell.total),
        None => format!("{} of {}", cell.self_met, cell.total),
    }
}

/// `Sam Lee in team/a.toml: the same person as …; dated 2099-01-01, in the
/// future`: a flagged row's note under the table.
pub fn flag_note(person: &Person) -> String {
    let flags: Vec<String> = person.flags.iter().map(|f| f.text()).collect();
    format!("{} in {}: {}", person.name, person.file, flags.join("; "))
}
