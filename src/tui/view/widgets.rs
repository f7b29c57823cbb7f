//! Small pieces the screens share: text fitted to a width, rating cells,
//! bars, popups.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

pub use crate::model::text::fit;

use crate::model::{Mark, Scale};
use crate::tui::theme::Theme;

/// `s` fitted and padded with spaces to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let mut out = fit(s, width);
    let used: usize = out.chars().map(|c| c.width().unwrap_or(0)).sum();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Display width of the widest label on the scale.
pub fn label_width(scale: &Scale) -> usize {
    scale
        .points
        .iter()
        .map(|p| unicode_width::UnicodeWidthStr::width(p.label.as_str()))
        .max()
        .unwrap_or(0)
        .max(9)
}

/// A rating as a pip gauge and its label: `■■■□ Mostly`, `·    not rated`,
/// `–    n/a`. The pips tell the value without colour.
pub fn mark_cell(mark: Mark, scale: &Scale, theme: &Theme) -> Span<'static> {
    let pips = scale.points.len();
    let width = label_width(scale);
    match mark {
        Mark::Unrated => Span::styled(
            format!(
                "{}{} {}",
                "·",
                " ".repeat(pips - 1),
                pad("not rated", width)
            ),
            theme.unrated(),
        ),
        Mark::NotApplicable => Span::styled(
            format!("{}{} {}", "–", " ".repeat(pips - 1), pad("n/a", width)),
            theme.dim(),
        ),
        Mark::Value(v) => {
            let filled = scale.points.iter().filter(|p| p.value <= v).count();
            let gauge = format!("{}{}", "■".repeat(filled), "□".repeat(pips - filled));
            let style = theme.rating(scale.fraction(f64::from(v)), scale.is_met(v));
            Span::styled(format!("{gauge} {}", pad(scale.label(v), width)), style)
        }
    }
}

/// A short form of a rating for the column beside: `3`, `n/a`, `·`.
pub fn mark_short(mark: Mark) -> String {
    match mark {
        Mark::Unrated => "·".into(),
        Mark::NotApplicable => "n/a".into(),
        Mark::Value(v) => v.to_string(),
    }
}

/// A bar of `width` cells for a share of 0.0 to 1.0.
pub fn bar(share: f64, width: usize, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    let filled = ((share.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    vec![
        Span::styled("█".repeat(filled), style),
        Span::styled("░".repeat(width - filled), theme.dim()),
    ]
}

/// A rectangle of the given size centred in `area`, never larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_respects_display_width() {
        assert_eq!(fit("hello", 10), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(pad("日本", 5), "日本 ");
        assert_eq!(fit("abc", 0), "");
    }
}
