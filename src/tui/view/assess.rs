//! The assessment screen: header with progress, areas, statements, the
//! selected statement in full, and the footer. The manager's review is the
//! same screen with the other role's ratings beside.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::widgets::{
    bar, draw_box, draw_rule, fit, label_width, mark_cell, mark_short, pad, pad_into, put_line,
};
use crate::model::progress::is_gap;
use crate::model::text::{clean, clean_line};
use crate::model::{Mark, Rating};
use crate::tui::app::{App, Hit, Mode, StatusKind};
use crate::tui::keys::BINDINGS;
use crate::tui::theme::Theme;

/// From this width of the statements pane, the other side's rating has a column.
const BESIDE_COLUMN_FROM: usize = 60;

/// Below this width the areas pane gives its room to the statements.
const AREAS_PANE_FROM: u16 = 70;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    app.hits.borrow_mut().clear();
    let banner_text = banner(app);
    let banner = u16::from(banner_text.is_some());
    let [banner_area, header, body, detail, footer] = Layout::vertical([
        Constraint::Length(banner),
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(detail_height(frame.area().height)),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    if let Some(text) = banner_text {
        frame.render_widget(
            Paragraph::new(fit(&text, banner_area.width as usize)).style(theme.warning()),
            banner_area,
        );
    }
    draw_header(frame, app, theme, header);
    if body.width >= AREAS_PANE_FROM {
        let side = (body.width / 3).min(36);
        let [areas, statements] =
            Layout::horizontal([Constraint::Length(side), Constraint::Min(10)]).areas(body);
        draw_areas(frame, app, theme, areas);
        draw_statements(frame, app, theme, statements);
    } else {
        draw_statements(frame, app, theme, body);
    }
    draw_detail(frame, app, theme, detail);
    draw_footer(frame, app, theme, footer);
}

/// The line above the header, when something is wrong with the file.
fn banner(app: &App) -> Option<String> {
    if let Some(reason) = &app.read_only {
        return Some(format!(
            " READ-ONLY: {}. Ratings cannot be changed here.",
            clean_line(reason)
        ));
    }
    if let Some(date) = app.finished_on() {
        return Some(format!(
            " FINISHED: this round was signed off on {date} and is read-only; a new round changes it."
        ));
    }
    let failure = app.save_failure.as_ref().filter(|_| app.has_unsaved())?;
    Some(format!(
        " NOT SAVED: {}. Your changes are kept here; q offers a retry or a copy.",
        clean_line(failure)
    ))
}

fn detail_height(height: u16) -> u16 {
    (height / 3).clamp(4, 12)
}

fn draw_header(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let width = area.width as usize;
    let who = match app.mode {
        Mode::Assess => "self assessment".to_owned(),
        Mode::Review => format!("review by {}", clean_line(&app.assessor)),
    };
    let level = if app.is_other_level() {
        format!("{} (not your level)", app.level().title)
    } else {
        app.level().title.clone()
    };
    // The right side keeps its words while the title fits whole beside it.
    let person = clean_line(&app.profile.person);
    let title_needs = width_of(&header_title(&person, &app.craft().name, &level, 4096));
    let right = format!("{who} · round {} ", app.round());
    let right = fit(&right, width.saturating_sub(title_needs + 1).max(width / 3));
    let title_width = width.saturating_sub(width_of(&right) + 1);
    let title = header_title(&person, &app.craft().name, &level, title_width);
    let mut top = vec![Span::styled(pad(&title, title_width), theme.title())];
    top.push(Span::styled(format!(" {right}"), theme.dim()));

    let total = app.total_tally();
    let bar_width = (width.saturating_sub(44) / 2).clamp(4, 24);
    let mut gauges = vec![Span::raw(format!(
        " Rated {:>3}/{:<3} ",
        total.rated, total.total
    ))];
    gauges.extend(bar(total.rated_share(), bar_width, theme.gauge(), theme));
    gauges.push(Span::raw(format!(
        "   Met {:>3}/{:<3} ",
        total.met, total.total
    )));
    gauges.extend(bar(total.met_share(), bar_width, theme.ok(), theme));
    if total.not_applicable > 0 {
        gauges.push(Span::styled(
            format!("  {} n/a", total.not_applicable),
            theme.dim(),
        ));
    }
    put_lines(frame, area, &[Line::from(top), Line::from(gauges)]);
}

fn width_of(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// " rungs  PERSON · CRAFT · LEVEL" in `width` columns: the person's name
/// gives way first, then the craft; the level (and "not your level") stays.
fn header_title(person: &str, craft: &str, level: &str, width: usize) -> String {
    const PREFIX: &str = " rungs  ";
    const SEP: usize = 3;
    let level_width = width_of(level);
    let room = width.saturating_sub(width_of(PREFIX) + level_width + 2 * SEP);
    // The name shrinks to a few letters before the craft gives any room.
    const NAME_AT_LEAST: usize = 8;
    let (person_full, craft_full) = (width_of(person), width_of(craft));
    let person_width = person_full.min(
        room.saturating_sub(craft_full)
            .max(NAME_AT_LEAST.min(person_full)),
    );
    let craft_width = room.saturating_sub(person_width).min(craft_full);
    if person_width == 0 || craft_width == 0 {
        // Not even a letter of each fits: the level alone.
        return fit(&format!(" {level}"), width);
    }
    fit(
        &format!(
            "{PREFIX}{} · {} · {level}",
            fit(person, person_width),
            fit(craft, craft_width)
        ),
        width,
    )
}

fn draw_areas(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let inner = draw_box(
        frame.buffer_mut(),
        area,
        Span::raw(" Areas "),
        theme.border(),
    );
    let rows = inner.height as usize;
    let first = app.area.saturating_sub(rows.saturating_sub(1));
    let width = inner.width as usize;
    {
        let mut hits = app.hits.borrow_mut();
        for (i, y) in (first..app.area_count().min(first + rows)).zip(inner.y..) {
            hits.push((Rect::new(inner.x, y, inner.width, 1), Hit::Area(i)));
        }
    }
    let lines: Vec<Line> = (first..app.area_count().min(first + rows))
        .map(|i| {
            let tally = app.tally(i);
            let counts = format!(" {}/{}", tally.met, tally.total);
            let name_width = width.saturating_sub(2 + 4 + counts.chars().count());
            let selected = i == app.area;
            let marker = if selected { "▶ " } else { "  " };
            let mut spans = vec![
                Span::raw(marker),
                Span::raw(pad(&app.level().areas[i].name, name_width)),
            ];
            spans.extend(bar(tally.met_share(), 4, theme.ok(), theme));
            spans.push(Span::raw(counts));
            let line = Line::from(spans);
            if selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    put_lines(frame, inner, &lines);
}

fn draw_statements(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let current = app.current_area();
    let tally = app.tally(app.area);
    let title = format!(
        " {} · {}/{} met · area {} of {} ",
        current.name,
        tally.met,
        tally.total,
        app.area + 1,
        app.area_count()
    );
    let title = Span::styled(
        fit(&title, area.width.saturating_sub(2) as usize),
        theme.title(),
    );
    let inner = draw_box(frame.buffer_mut(), area, title, theme.focus_border());

    let rows = inner.height as usize;
    let count = app.rows_in(app.area);
    let offset = keep_in_view(app.list_offset.get(), app.row, rows, count);
    app.list_offset.set(offset);
    app.list_rows.set(rows);
    {
        // A row is "▶", two digits and a space, then one pip a scale point.
        let mut hits = app.hits.borrow_mut();
        for (row, y) in (offset..count.min(offset + rows)).zip(inner.y..) {
            hits.push((Rect::new(inner.x, y, inner.width, 1), Hit::Statement(row)));
            for (i, point) in app.scale().points.iter().enumerate() {
                let x = inner.x.saturating_add(4 + i as u16);
                if x < inner.right() {
                    hits.push((
                        Rect::new(x, y, 1, 1),
                        Hit::Pip {
                            row,
                            value: point.value,
                        },
                    ));
                }
            }
        }
    }

    let scale = app.scale();
    let label_width = label_width(scale);
    let (mine, beside) = (app.edited(), app.beside());
    let other = app.mode.other().as_str();
    let width = inner.width as usize;
    let lines: Vec<Line> = (offset..count.min(offset + rows))
        .map(|row| {
            let key = app.key_of(app.area, row);
            let rating = mine.and_then(|a| a.rating(key));
            let mark = rating.map_or(Mark::Unrated, Rating::mark);
            let mut spans = vec![
                Span::raw(if row == app.row { "▶" } else { " " }),
                Span::styled(format!("{:>2} ", row + 1), theme.dim()),
            ];
            spans.extend(mark_cell(mark, scale, label_width, theme));
            if let Some(beside) = beside {
                let theirs = beside.mark(key);
                // On a narrow pane the other side's rating is in the detail
                // below, and the statement keeps the room.
                if width >= BESIDE_COLUMN_FROM {
                    spans.push(Span::styled(
                        format!(" {other} {:<3}", mark_short(theirs)),
                        theme.dim(),
                    ));
                } else {
                    spans.push(Span::raw(" "));
                }
                spans.push(if is_gap(mark, theirs) {
                    Span::styled("⚠", theme.warning())
                } else {
                    Span::raw(" ")
                });
            }
            let has_note = rating.is_some_and(|r| !r.note().is_empty());
            let used: usize = spans.iter().map(|s| s.width()).sum();
            let text_width = width.saturating_sub(used + 3);
            let mut text = String::with_capacity(text_width + 4);
            text.push(' ');
            pad_into(&mut text, &current.statements[row].text, text_width);
            text.push(' ');
            spans.push(Span::raw(text));
            spans.push(if app.is_reworded_at(app.area, row) {
                Span::styled("Δ", theme.warning())
            } else if has_note {
                Span::styled("✎", theme.key())
            } else {
                Span::raw(" ")
            });
            let line = Line::from(spans);
            if row == app.row {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    put_lines(frame, inner, &lines);
}

/// Lines written straight into the buffer, one a row: the lists are redrawn
/// every frame, and a paragraph's pass over its whole area costs more than
/// the rows themselves.
fn put_lines(frame: &mut Frame, area: Rect, lines: &[Line]) {
    let buffer = frame.buffer_mut();
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        put_line(buffer, area.x, y, line, area.width);
    }
}

/// The first visible row, moved only as far as needed to show `selected`.
fn keep_in_view(offset: usize, selected: usize, rows: usize, count: usize) -> usize {
    if rows == 0 {
        return 0;
    }
    let offset = offset.min(count.saturating_sub(rows));
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

fn draw_detail(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let statement = &app.current_area().statements[app.row];
    let title = format!(" Statement {} of {} ", app.row + 1, app.rows_in(app.area));
    // Only what the pane can show of a long statement or note, as far as
    // it is scrolled, is drawn.
    let scrolled = u16::try_from(app.detail_offset(usize::MAX)).unwrap_or(u16::MAX);
    let pane = Rect::new(
        0,
        0,
        area.width,
        area.height.saturating_sub(1).saturating_add(scrolled),
    );
    let shown = |text| super::widgets::visible_part(text, pane);
    let mut lines = vec![Line::from(shown(&statement.text))];
    if app.is_reworded_at(app.area, app.row) {
        let rated = app
            .edited()
            .map(|a| a.updated.to_string())
            .unwrap_or_default();
        lines.push(Line::from(Span::styled(
            format!(
                "Δ Reworded since you rated it (your round of {}): the words above are new. Rate again, or Enter: still holds.",
                rated.get(..10).unwrap_or(&rated)
            ),
            theme.warning(),
        )));
    }
    let mine = app.rating_at(app.area, app.row);
    let theirs = app.beside_at(app.area, app.row);
    let label = |mark: Mark| match mark {
        Mark::Value(v) => format!("{v} {}", app.scale().label(v)),
        other => mark_short(other),
    };
    // This session's own note first: a long note of the other side never
    // pushes it out of sight.
    match mine.map(|r| r.note()).filter(|n| !n.is_empty()) {
        Some(note) => {
            lines.push(Line::from(Span::styled("Note:", theme.key())));
            note_lines(&mut lines, &clean(shown(note)), pane, Style::default());
        }
        None => lines.push(Line::from(Span::styled(
            "No note yet: press n to add your evidence.",
            theme.dim(),
        ))),
    }
    if let Some(rating) = theirs {
        let who = app.mode.other().as_str();
        lines.push(Line::from(Span::styled(
            format!("{who}: {}", label(rating.mark())),
            theme.key(),
        )));
        note_lines(&mut lines, &clean(shown(rating.note())), pane, theme.dim());
    }
    let inner = draw_rule(frame.buffer_mut(), area, Span::raw(title), theme.border());
    let width = usize::from(inner.width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let room = usize::from(inner.height);
    let offset = app.detail_offset(rows.saturating_sub(room));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((u16::try_from(offset).unwrap_or(u16::MAX), 0)),
        inner,
    );
    if rows > offset + room && inner.width > 12 {
        let marker = Rect::new(inner.right() - 12, inner.bottom() - 1, 12, 1);
        frame.render_widget(
            Paragraph::new(" more ↓ J/K ").style(theme.warning()),
            marker,
        );
    }
}

/// A note's lines as written (its line breaks kept), at most as many as the pane holds.
fn note_lines<'a>(lines: &mut Vec<Line<'a>>, note: &str, pane: Rect, style: Style) {
    lines.extend(
        note.lines()
            .take(usize::from(pane.height))
            .map(|l| Line::styled(l.to_owned(), style)),
    );
}

fn draw_footer(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let width = area.width as usize;
    let status = app.status.as_ref().map(|s| {
        let style = match s.kind {
            StatusKind::Info => theme.dim(),
            StatusKind::Ok => theme.ok(),
            StatusKind::Error => theme.error(),
        };
        (clean_line(&s.text).into_owned(), style)
    });
    let status_width = status.as_ref().map_or(0, |(t, _)| {
        unicode_width::UnicodeWidthStr::width(t.as_str()) + 1
    });
    let mut spans = Vec::new();
    let mut used = 0;
    let shown = BINDINGS
        .iter()
        .filter(|b| b.footer.is_some() && b.applies(app.mode == Mode::Review));
    for binding in shown {
        let key = binding.label_for(app.scale());
        let words = binding.footer.unwrap_or_default();
        let piece = key.chars().count() + words.chars().count() + 3;
        if used + piece + status_width > width {
            break;
        }
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::styled(format!(" {words} "), theme.dim()));
        used += piece;
    }
    if let Some((text, style)) = status {
        let room = width.saturating_sub(used + 1);
        let text = fit(&text, room);
        let gap = room.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(text, style));
    }
    put_lines(frame, area, &[Line::from(spans)]);
}

#[cfg(test)]
mod tests {
    use super::{header_title, keep_in_view};

    #[test]
    fn the_header_keeps_the_level_and_shortens_the_name_first() {
        let name = "Maximiliana Alexandrina von Hohenzollern-Sigmaringen";
        let level = "Level 5 (Senior) (not your level)";
        for width in [40, 50, 60, 80, 100, 120] {
            let title = header_title(name, "DevOps Engineer", level, width);
            assert!(title.ends_with(level), "{width}: {title}");
            assert!(super::width_of(&title) <= width, "{width}: {title}");
        }
        let wide = header_title(name, "DevOps Engineer", level, 120);
        assert!(
            wide.contains("DevOps Engineer"),
            "the craft whole first: {wide}"
        );
        assert!(wide.contains("Maximiliana"), "{wide}");
        let narrow = header_title(name, "DevOps Engineer", level, 60);
        assert!(narrow.contains("Max"), "{narrow}");
        let short = header_title("Alex Doe", "DevOps Engineer", "Level 4 (Mid)", 80);
        assert_eq!(short, " rungs  Alex Doe · DevOps Engineer · Level 4 (Mid)");
    }

    #[test]
    fn the_list_scrolls_only_as_far_as_needed() {
        assert_eq!(keep_in_view(0, 3, 10, 50), 0);
        assert_eq!(keep_in_view(0, 12, 10, 50), 3);
        assert_eq!(keep_in_view(5, 2, 10, 50), 2);
        assert_eq!(keep_in_view(40, 11, 10, 12), 2);
    }
}
