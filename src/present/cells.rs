//! How one figure reads in a table cell, the same in every format: a count
//! or `—`, a mark as `3`, `n/a` or `—`, an average to one decimal.

use crate::model::Mark;

/// A count, or `—` where there is none.
pub fn or_dash(value: Option<usize>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

/// `3`, `n/a` or `—`.
pub fn mark_text(mark: Mark) -> String {
    match mark {
        Mark::Value(v) => v.to_string(),
        Mark::NotApplicable => "n/a".to_owned(),
        Mark::Unrated => "—".to_owned(),
    }
}

/// `3.5`, or `—` when nothing is rated.
pub fn average(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}"))
}

pub fn yes_no(on: bool) -> &'static str {
    if on { "yes" } else { "no" }
}

/// The heat of a share met, 0 (nothing met) to 4 (three quarters or more):
/// the shade of a cell on the page and the symbol of a cell in the grid.
pub fn heat(met: usize, total: usize) -> usize {
    if total == 0 || met == 0 {
        0
    } else {
        (1 + met * 4 / total).min(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_buckets() {
        assert_eq!(heat(0, 4), 0);
        assert_eq!(heat(0, 0), 0, "no applicable statement is no heat");
        assert_eq!(heat(1, 5), 1, "any statement met shows");
        assert_eq!(heat(1, 4), 2, "a quarter");
        assert_eq!(heat(2, 4), 3, "a half");
        assert_eq!(heat(3, 4), 4, "three quarters");
        assert_eq!(heat(4, 4), 4);
        assert_eq!(heat(9, 4), 4);
    }

    #[test]
    fn figures_read_the_same_everywhere() {
        assert_eq!(or_dash(None), "—");
        assert_eq!(mark_text(Mark::NotApplicable), "n/a");
        assert_eq!(average(Some(2.26)), "2.3");
        assert_eq!(average(None), "—");
    }
}
