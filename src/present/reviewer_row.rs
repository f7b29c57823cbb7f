//! The reviewers of a team calibrated against each other, as text: the
//! markdown and HTML exports and the calibration grid lay out these same
//! cells and sentences (each escaping names its own way, through the
//! `escape` they pass), so they never disagree.

use super::team_row::FLAG_MARK;
use crate::model::calibration::{Disagreement, Reviewer, ReviewerTable, Side, Standing};

/// The columns of the reviewer table, in order.
pub const HEADERS: [&str; 9] = [
    "Reviewer",
    "People",
    "Shared",
    "Mean",
    "Others",
    "Difference",
    "Met",
    "Spread",
    "Standing",
];

/// The columns of the disagreements table, in order.
pub const DISAGREEMENT_HEADERS: [&str; 6] = [
    "Group",
    "Statement",
    "Reviewers",
    "Highest",
    "Lowest",
    "Apart",
];

/// `3.85`, or `—` when there is none.
pub fn points(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

/// `+1.05`, `-0.98`, `0.00`: a difference with its sign.
pub fn signed(value: Option<f64>) -> String {
    match value {
        None => "—".to_owned(),
        Some(v) if v.abs() < 0.005 => "0.00".to_owned(),
        Some(v) => format!("{v:+.2}"),
    }
}

/// `1.00 point`, `0.75 points`.
pub fn distance(points: f64) -> String {
    if (points - 1.0).abs() < 1e-9 {
        "1 point".to_owned()
    } else {
        format!("{points} points")
    }
}

/// `78 % of 80`, or `—` when they gave no value.
pub fn met_text(r: &Reviewer) -> String {
    if r.rated == 0 {
        return "—".to_owned();
    }
    format!("{} % of {}", (r.met * 100 + r.rated / 2) / r.rated, r.rated)
}

/// `⚠ lenient`, `in line`, `not compared`.
pub fn standing_text(standing: Standing) -> String {
    if standing.flagged() {
        format!("{FLAG_MARK} {}", standing.text())
    } else {
        standing.text().to_owned()
    }
}

/// One reviewer's cells in `HEADERS` order, the name as given.
pub fn cells(r: &Reviewer) -> [String; 9] {
    [
        r.name.clone(),
        r.people.to_string(),
        r.shared.to_string(),
        points(r.mean),
        points(r.others),
        signed(r.difference),
        met_text(r),
        points(r.spread),
        standing_text(r.standing),
    ]
}

/// The sentence over the table: which reviews count, what is compared,
/// and when a reviewer is flagged.
pub fn rule_text(table: &ReviewerTable) -> String {
    let rules = &table.rules;
    format!(
        "Every reviewer's latest round of each profile counts; values only. Mean and Others: on the statements a reviewer shares with other reviewers (people at the same framework, craft and level), their mean and the other reviewers' mean, statement by statement. Lenient or severe: {} or more above or below the others. Compared: {} or more shared statements, with {} or more reviewers compared. Met: the share of their values at met or higher; Spread: the standard deviation of their values.",
        distance(rules.lenience),
        rules.min_shared,
        rules.min_reviewers
    )
}

/// Plainly, why no reviewer is compared; `None` when there is enough data.
pub fn not_enough(table: &ReviewerTable, escape: impl Fn(&str) -> String) -> Option<String> {
    if table.enough {
        return None;
    }
    let rules = &table.rules;
    let need = format!(
        "it takes {} or more reviewers who each share {} or more statements with other reviewers",
        rules.min_reviewers, rules.min_shared
    );
    Some(match table.reviewers.as_slice() {
        [] => format!("Not enough data to calibrate reviewers: nobody has reviewed yet ({need})."),
        [only] => format!(
            "Not enough data to calibrate reviewers: {} is the only reviewer ({need}).",
            escape(&only.name)
        ),
        all => {
            let shares: Vec<String> = all
                .iter()
                .map(|r| format!("{} {}", escape(&r.name), r.shared))
                .collect();
            format!(
                "Not enough data to calibrate reviewers: {need}; {} {} (shared statements: {}).",
                table.compared(),
                if table.compared() == 1 { "does" } else { "do" },
                shares.join(", ")
            )
        }
    })
}

/// `Lee Lenient is lenient: a mean of 3.85 against the others' 2.80 on 45
/// shared statements (+1.05)`: a flagged reviewer, with the numbers.
pub fn verdict(r: &Reviewer, escape: impl Fn(&str) -> String) -> Option<String> {
    if !r.standing.flagged() {
        return None;
    }
    Some(format!(
        "{FLAG_MARK} {} is {}: a mean of {} against the others' {} on {} shared statements ({} points)",
        escape(&r.name),
        r.standing.text(),
        points(r.mean),
        points(r.others),
        r.shared,
        signed(r.difference)
    ))
}

/// `Kim Park 4.00 (3 people)`.
pub fn side_text(side: &Side, escape: impl Fn(&str) -> String) -> String {
    format!(
        "{} {:.2} ({} {})",
        escape(&side.reviewer),
        side.mean,
        side.people,
        super::plural(side.people, "person", "people")
    )
}

/// One disagreement's cells in `DISAGREEMENT_HEADERS` order: the group,
/// the statement as `Area: text`, then the reviewers at both ends, escaped.
pub fn disagreement_cells(d: &Disagreement, escape: impl Fn(&str) -> String) -> [String; 6] {
    [
        escape(&d.group),
        escape(&statement_text(d)),
        d.reviewers.to_string(),
        side_text(&d.highest, &escape),
        side_text(&d.lowest, &escape),
        format!("{:.2}", d.range),
    ]
}

/// `Automation: I identify opportunities for automation, and apply it.`
pub fn statement_text(d: &Disagreement) -> String {
    format!("{}: {}", d.area, d.text)
}

/// The sentence over the disagreements.
pub fn disagreement_rule() -> String {
    format!(
        "Statements where the reviewers' means part most (each reviewer's mean over the people of that level they rated; at most {}):",
        crate::model::calibration::TOP_DISAGREEMENTS
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_the_same_everywhere() {
        assert_eq!(points(Some(3.8)), "3.80");
        assert_eq!(points(None), "—");
        assert_eq!(signed(Some(1.05)), "+1.05");
        assert_eq!(signed(Some(-0.98)), "-0.98");
        assert_eq!(signed(Some(-0.001)), "0.00");
        assert_eq!(distance(1.0), "1 point");
        assert_eq!(distance(0.75), "0.75 points");
    }
}
