//! One person's row of the team overview, as text: the markdown table, the
//! HTML heat table and the calibration grid each lay out these same cells
//! (each escaping them its own way), so the three never disagree.

use super::cells::or_dash;
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
    /// Which of the two rounds are signed off: `self ✓ · Sam Lee ✓`, one
    /// of them, or `no`.
    pub is_final: String,
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
            is_final: final_text(person),
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
            &self.is_final,
            &self.updated,
        ]
    }
}

/// What "Final" says: each round beside the other that is signed off,
/// by whose it is (`self ✓ · Sam Lee ✓`), or `no` when neither is.
pub fn final_text(person: &Person) -> String {
    let mut signed = Vec::new();
    if person.is_final() {
        signed.push(format!("self {FINAL_MARK}"));
    }
    if let Some(review) = person.manager.as_ref().filter(|_| person.review_is_final()) {
        signed.push(format!("{} {FINAL_MARK}", review.assessor));
    }
    if signed.is_empty() {
        "no".to_owned()
    } else {
        signed.join(" · ")
    }
}

/// Marks a signed-off round.
pub const FINAL_MARK: &str = "✓";

/// An area cell: `2 · 1 of 3` (met by self · by the reviewer, of the
/// applicable statements), `2 of 3` when nobody reviewed.
pub fn area_text(cell: &AreaCell) -> String {
    match cell.manager_met {
        Some(m) => format!("{} · {m} of {}", cell.self_met, cell.total),
        None => format!("{} of {}", cell.self_met, cell.total),
    }
}

/// "Alex Doe: Sam Lee, the reviewer who rated the most (Lee Chen, the
/// direct manager, has not reviewed yet)": why a review stands beside
/// self when the rule chose it among several, or in a direct manager's
/// place.
pub fn beside_note(person: &Person) -> Option<String> {
    let review = person.manager.as_ref().filter(|_| person.chosen_by_rule)?;
    Some(format!(
        "{}: {}, {}",
        person.name,
        review.assessor,
        person.manager_because.as_deref().unwrap_or_default()
    ))
}

/// `Sam Lee in team/a.toml: the same person as …; dated 2099-01-01, in the
/// future`: a flagged row's note under the table.
pub fn flag_note(person: &Person) -> String {
    let flags: Vec<String> = person.flags.iter().map(|f| f.text()).collect();
    format!("{} in {}: {}", person.name, person.file, flags.join("; "))
}
