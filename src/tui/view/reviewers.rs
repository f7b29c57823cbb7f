//! The grid's reviewer table (`r`): each reviewer of the group's framework
//! against the others, the flagged ones in words, and where reviewers
//! disagree most; the same cells and sentences as the exports
//! ([`crate::present::reviewer_row`]).

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::widgets::{fit, pad};
use crate::model::calibration::ReviewerTable;
use crate::model::text::clean_line;
use crate::present::reviewer_row::{self, HEADERS};
use crate::present::wrap_or_cut;
use crate::tui::theme::Theme;

/// Columns the reviewer's name gets, at least, however narrow the screen.
const MIN_NAME: usize = 8;

fn shown(text: &str) -> String {
    clean_line(text).into_owned()
}

/// The lines of the table, at most `height` of them, `width` columns each.
pub fn lines(
    table: Option<&ReviewerTable>,
    width: usize,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let room = width.saturating_sub(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    let say = |out: &mut Vec<Line<'static>>, text: &str, lines: usize| {
        out.extend(
            wrap_or_cut(text, room, lines)
                .into_iter()
                .map(|l| Line::raw(format!(" {l}"))),
        );
    };
    let Some(table) = table else {
        say(
            &mut out,
            "Not enough data to calibrate reviewers: nobody has reviewed yet.",
            2,
        );
        return out;
    };
    if let Some(why) = reviewer_row::not_enough(table, shown) {
        out.extend(
            wrap_or_cut(&why, room, 3)
                .into_iter()
                .map(|l| Line::styled(format!(" {l}"), theme.warning())),
        );
    }
    if !table.reviewers.is_empty() {
        let rows: Vec<[String; 9]> = table
            .reviewers
            .iter()
            .map(|r| reviewer_row::cells(r).map(|c| shown(&c)))
            .collect();
        // Each figure column as wide as its widest cell; the name takes
        // what is left.
        let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.width()).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let figures: usize = widths[1..].iter().map(|w| w + 1).sum();
        widths[0] = widths[0].min(room.saturating_sub(figures + 1).max(MIN_NAME));
        let line = |cells: [&str; 9]| -> String {
            let mut text = String::from(" ");
            for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
                if i == 0 || i == 8 {
                    text.push_str(&pad(cell, *w));
                } else {
                    text.push_str(&" ".repeat(w.saturating_sub(cell.width())));
                    text.push_str(cell);
                }
                text.push(' ');
            }
            fit(text.trim_end(), width)
        };
        out.push(Line::styled(line(HEADERS), theme.title()));
        // More reviewers than the screen holds: the flagged ones always
        // show, the others as many as fit, and how many are left is said.
        let flagged = table.flagged().count();
        let fits = height.saturating_sub(out.len() + 2 * flagged);
        let (mut others, hidden) = if rows.len() > fits {
            let shown = fits.saturating_sub(1 + flagged);
            (shown, rows.len() - flagged - shown)
        } else {
            (rows.len(), 0)
        };
        for (row, reviewer) in rows.iter().zip(&table.reviewers) {
            if !reviewer.standing.flagged() {
                if others == 0 {
                    continue;
                }
                others -= 1;
            }
            let cells = row.each_ref().map(String::as_str);
            let style = if reviewer.standing.flagged() {
                theme.error()
            } else {
                ratatui::style::Style::new()
            };
            out.push(Line::styled(line(cells), style));
        }
        if hidden > 0 {
            out.push(Line::styled(
                fit(
                    &format!(
                        " … {hidden} more in line or not compared: rungs team --by reviewer lists them all"
                    ),
                    width,
                ),
                theme.dim(),
            ));
        }
        for r in &table.reviewers {
            if let Some(verdict) = reviewer_row::verdict(r, shown) {
                say(&mut out, &verdict, 2);
            }
        }
    }
    if !table.disagreements.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::from(Span::styled(
            " Where reviewers disagree most (apart: highest / lowest · level · statement)",
            theme.title(),
        )));
        for d in &table.disagreements {
            let text = format!(
                " {:.2}  {} {:.2} / {} {:.2} · {} · {}",
                d.range,
                d.highest.reviewer,
                d.highest.mean,
                d.lowest.reviewer,
                d.lowest.mean,
                d.level,
                reviewer_row::statement_text(d)
            );
            out.push(Line::raw(fit(&shown(&text), width)));
        }
    }
    out.push(Line::raw(""));
    say(&mut out, &reviewer_row::rule_text(table), 4);
    out.truncate(height);
    out
}
