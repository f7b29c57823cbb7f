//! The summary popup: per area met / total and a chart of the average
//! rating; the trend of that average over every round and the change since
//! the last one, the other role's view, and the readiness for the next level,
//! when there is something to compare.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::widgets::{bar, centered, fit, pad};
use crate::model::disagreements::disagreements;
use crate::model::progress::Tally;
use crate::model::summary::{Summary, TREND_ROUNDS};
use crate::model::text::clean_line;
use crate::present::wrap_or_cut;
use crate::tui::app::{App, Mode};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let full = frame.area();
    let width = full.width.saturating_sub(4).min(110);
    let content = lines(
        app,
        theme,
        Rect {
            width: width.saturating_sub(2),
            ..full
        },
    );
    let height = (content.len() as u16 + 2).min(full.height.saturating_sub(2));
    let area = centered(full, width, height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(
            format!(" Summary · {} ", app.level().title),
            theme.title(),
        ))
        .title_bottom(Span::styled(
            " D next level · C since last round · Esc close · ? help ",
            theme.dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(content).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

/// The column beside: whose ratings they are, by name.
fn beside_header(app: &App) -> String {
    let name = match (app.mode, app.showing_other) {
        (Mode::Review, false) => app.profile.person.as_str(),
        _ => app.beside().map_or("", |a| a.assessor.as_str()),
    };
    fit(&clean_line(name), BESIDE_HEADER_WIDTH)
}

/// The evidence column: `12 on 3/5`.
const EVIDENCE_WIDTH: usize = 10;

/// The column beside is headed by a name at most this wide.
const BESIDE_HEADER_WIDTH: usize = 17;

fn lines(app: &App, theme: &Theme, area: Rect) -> Vec<Line<'static>> {
    let level = app.level();
    let scale = app.scale();
    let rounds = app.rounds();
    let summary = Summary::of(
        level,
        app.craft().next_level(level),
        &rounds,
        app.beside(),
        scale,
    );
    let trend_rounds = rounds.len().min(TREND_ROUNDS);
    let trend_width = if trend_rounds > 1 {
        trend_rounds.max(5)
    } else {
        0
    };
    let has_previous = summary.previous_total.is_some();
    let has_beside = summary.beside_total.is_some();
    // Evidence is the person's, whoever looks: a column only when there is some.
    let evidence = (!app.profile.evidence.is_empty()).then(|| app.profile.items().per_area(level));

    let width = area.width as usize;
    let name_width = level
        .areas
        .iter()
        .map(|a| unicode_width::UnicodeWidthStr::width(a.name.as_str()))
        .max()
        .unwrap_or(4)
        .max(8);
    let extra = 18 * usize::from(has_previous)
        + 18 * usize::from(has_beside)
        + (EVIDENCE_WIDTH + 3) * usize::from(evidence.is_some())
        + (trend_width + 3) * usize::from(trend_width > 0);
    let chart_width = width.saturating_sub(name_width + 20 + extra).clamp(6, 30);
    // On a narrow screen the area names give way before the columns do:
    // a name longer than its column goes on over the next lines, whole.
    let name_width = name_width
        .min(width.saturating_sub(chart_width + 20 + extra))
        .max(8);
    let avg = |t: &Tally| {
        t.average()
            .map_or("  – ".to_owned(), |v| format!("{v:>4.1}"))
    };

    let mut header = format!(
        " {}  {:>7}  {}  {:>4}",
        pad("Area", name_width),
        "Met",
        pad(
            if chart_width < 7 { "Chart" } else { "Average" },
            chart_width
        ),
        "Avg"
    );
    if trend_width > 0 {
        header.push_str(&format!("   {}", pad("Trend", trend_width)));
    }
    if has_previous {
        header.push_str(&format!("   {}", pad("Since last round", 17)));
    }
    if evidence.is_some() {
        header.push_str(&format!("   {}", pad("Evidence", EVIDENCE_WIDTH)));
    }
    if has_beside {
        header.push_str(&format!("   {}", beside_header(app)));
    }
    let mut out = disagreement_lines(app, theme, width);
    out.push(Line::from(Span::styled(header, theme.key())));
    for (i, a) in summary.areas.iter().enumerate() {
        let tally = a.now;
        let name = wrap_or_cut(&a.area.name, name_width, 3);
        let mut spans = vec![Span::raw(format!(
            " {}  {:>7}  ",
            pad(name.first().map_or("", String::as_str), name_width),
            format!("{}/{}", tally.met, tally.total)
        ))];
        let share = tally.average().map_or(0.0, |v| scale.fraction(v));
        spans.extend(bar(share, chart_width, theme.gauge(), theme));
        spans.push(Span::raw(format!("  {}", avg(&tally))));
        if trend_width > 0 {
            spans.push(Span::raw("   "));
            spans.push(Span::styled(
                pad(&trend(&a.trend, |v| scale.fraction(v)), trend_width),
                theme.gauge(),
            ));
        }
        if let Some(before) = &a.previous {
            spans.push(Span::raw(format!(
                "   {}",
                pad(&change(&tally, before), 17)
            )));
        }
        if let Some(counts) = evidence.as_ref().and_then(|e| e.get(i)) {
            let cell = format!(
                "{} on {}/{}",
                counts.items,
                counts.statements,
                a.area.statements.len()
            );
            spans.push(Span::raw(format!("   {}", pad(&cell, EVIDENCE_WIDTH))));
        }
        if let Some(theirs) = &a.beside {
            spans.push(Span::raw(format!(
                "   {} ({}/{} met)",
                avg(theirs),
                theirs.met,
                theirs.total
            )));
        }
        out.push(Line::from(spans));
        out.extend(
            name.iter()
                .skip(1)
                .map(|rest| Line::raw(format!(" {rest}"))),
        );
    }
    let total = summary.total;
    out.push(Line::from(Span::styled(
        format!(
            " {}  {:>7}  {}  {}",
            pad("Total", name_width),
            format!("{}/{}", total.met, total.total),
            " ".repeat(chart_width),
            avg(&total)
        ),
        theme.title(),
    )));
    out.push(Line::raw(""));
    out.push(Line::from(format!(
        " Rated {} of {} applicable statements; {} not applicable.",
        total.rated, total.total, total.not_applicable
    )));
    out.push(Line::from(Span::styled(
        format!(
            " Met means rated {} ({}) or higher.",
            scale.met_from,
            scale.label(scale.met_from)
        ),
        theme.dim(),
    )));
    if let Some((next, ready)) = summary.readiness {
        let mut spans = vec![Span::raw(format!(
            " Readiness for {}: {}/{} statements met ({:.0}%) ",
            next.title,
            ready.met,
            ready.total,
            ready.met_share() * 100.0
        ))];
        spans.extend(bar(ready.met_share(), 12, theme.ok(), theme));
        out.push(Line::from(spans));
        if ready.rated == 0 {
            out.push(Line::from(Span::styled(
                format!(
                    " Press > on the main screen to rate the {} statements.",
                    next.title
                ),
                theme.dim(),
            )));
        }
    }
    if evidence.is_some() {
        out.push(Line::from(Span::styled(
            " Evidence: the area's items, on how many of its statements.",
            theme.dim(),
        )));
    }
    let (open, overdue, done) = app.action_counts();
    if open + done > 0 {
        out.push(Line::from(format!(
            " Actions: {open} open ({overdue} overdue), {done} done; the detail pane lists a statement's."
        )));
    }
    if trend_width > 0 {
        out.push(Line::from(Span::styled(
            format!(" Trend: the average of the last {trend_rounds} rounds, oldest first."),
            theme.dim(),
        )));
    }
    if !has_previous && app.round() > 1 {
        out.push(Line::from(Span::styled(
            " No earlier round to compare with.",
            theme.dim(),
        )));
    }
    out
}

/// The summary of a revealed blind round opens on where the two sides
/// disagree: the widest gaps first, both notes side by side.
fn disagreement_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let (Some(mine), Some(beside)) = (app.edited(), app.beside()) else {
        return Vec::new();
    };
    if !(mine.blind || beside.blind) {
        return Vec::new();
    }
    let found = disagreements(app.level(), mine, beside);
    if found.is_empty() {
        return Vec::new();
    }
    let scale = app.scale();
    let mark = |v: u8| clean_line(&format!("{v} {}", scale.label(v))).into_owned();
    let (you, them) = (
        "You".to_owned(),
        clean_line(&beside_header(app)).into_owned(),
    );
    // Gap, statement, then each side's rating in a column of its own.
    let side = 16;
    let text_width = width.saturating_sub(6 + 2 * side + 4).max(10);
    let half = width.saturating_sub(6).max(20) / 2;
    let mut out = vec![
        Line::from(Span::styled(
            format!(
                " Disagreements, the widest first ({} of {})",
                found.len().min(SHOWN_DISAGREEMENTS),
                found.len()
            ),
            theme.title(),
        )),
        Line::from(Span::styled(
            format!(
                " {:>3}  {}  {}  {}",
                "Gap",
                pad("Statement", text_width),
                pad(&you, side),
                pad(&them, side)
            ),
            theme.key(),
        )),
    ];
    for d in found.iter().take(SHOWN_DISAGREEMENTS) {
        out.push(Line::raw(format!(
            " {:>3}  {}  {}  {}",
            d.gap(),
            pad(&clean_line(&d.statement.text), text_width),
            pad(&mark(d.own), side),
            pad(&mark(d.other), side)
        )));
        // Both notes side by side, each wrapped in its half (three lines
        // at most: the export has them whole).
        let note = |who: &str, note: &str| {
            let note = if note.is_empty() { "no note" } else { note };
            wrap_or_cut(
                &clean_line(&format!("{who}: {note}")),
                half.saturating_sub(1),
                NOTE_LINES,
            )
        };
        let (left, right) = (note(&you, d.own_note), note(&them, d.other_note));
        for i in 0..left.len().max(right.len()) {
            let side = |lines: &[String]| pad(lines.get(i).map_or("", String::as_str), half - 1);
            out.push(Line::from(Span::styled(
                format!("      {} {}", side(&left), side(&right)),
                theme.dim(),
            )));
        }
    }
    if found.len() > SHOWN_DISAGREEMENTS {
        out.push(Line::from(Span::styled(
            format!(
                "      and {} more: rungs export lists them all.",
                found.len() - SHOWN_DISAGREEMENTS
            ),
            theme.dim(),
        )));
    }
    out.push(Line::raw(""));
    out
}

/// The summary shows this many disagreements; the export has them all.
const SHOWN_DISAGREEMENTS: usize = 5;

/// A note beside a disagreement takes at most this many lines.
const NOTE_LINES: usize = 3;

/// One block per round, its height the round's average on the scale (from
/// `fraction`, 0.0 to 1.0); `·` for a round in which nothing was rated.
fn trend(averages: &[Option<f64>], fraction: impl Fn(f64) -> f64) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    averages
        .iter()
        .map(|average| match average {
            Some(v) => BLOCKS[((fraction(*v) * 7.0).round() as usize).min(7)],
            None => '·',
        })
        .collect()
}

fn change(now: &Tally, before: &Tally) -> String {
    let met = now.met as isize - before.met as isize;
    let avg = match (now.average(), before.average()) {
        (Some(a), Some(b)) => format!("{:+.1} avg", a - b),
        _ => "".to_owned(),
    };
    format!("{met:+} met {avg}")
}

#[cfg(test)]
mod tests {
    use super::trend;

    #[test]
    fn a_block_per_round_as_high_as_its_average() {
        let fraction = |v: f64| (v - 1.0) / 3.0;
        assert_eq!(
            trend(&[Some(1.0), None, Some(2.5), Some(4.0)], fraction),
            "▁·▅█"
        );
        assert_eq!(trend(&[], fraction), "");
    }
}
