//! The assessment screen: header with progress, areas, statements, the
//! selected statement in full, and the footer. The manager's review is the
//! same screen with the other role's ratings beside.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::ViewState;
use super::widgets::{
    bar, draw_box, draw_rule, fit, label_width, mark_cell, mark_short, pad, pad_into, put_lines,
    wrap_words,
};
use crate::model::level_diff::{Words, word_diff};
use crate::model::progress::is_gap;
use crate::model::reviewers;
use crate::model::text::{clean, clean_line};
use crate::model::{Assessment, Mark, Rating};
use crate::present::wrap_or_cut;
use crate::tui::action::Action;
use crate::tui::app::{App, Hit, Mode, StatusKind};
use crate::tui::keys::BINDINGS;
use crate::tui::theme::Theme;

/// From this width of the statements pane, the other side's rating has a column.
const BESIDE_COLUMN_FROM: usize = 60;

/// Below this width the areas pane gives its room to the statements.
const AREAS_PANE_FROM: u16 = 70;

pub fn draw(frame: &mut Frame, app: &App, view: &mut ViewState, theme: &Theme) {
    let width = usize::from(frame.area().width);
    // A banner or a status line says all it has to say: it wraps onto
    // more lines rather than lose its end (up to a few, on a small screen).
    let most = if frame.area().height >= 20 { 3 } else { 1 };
    let banner_lines: Vec<String> = banner(app)
        .map(|text| wrap_or_cut(&text, width.saturating_sub(1), most))
        .unwrap_or_default();
    let footer_lines = footer(app, theme, width, most);
    let [banner_area, header, rest, footer_area] = Layout::vertical([
        Constraint::Length(banner_lines.len() as u16),
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(footer_lines.len() as u16),
    ])
    .areas(frame.area());
    let banner_lines: Vec<Line> = banner_lines
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.warning()))
        .collect();
    put_lines(frame, banner_area, &banner_lines);
    draw_header(frame, app, theme, header);
    if rest.width >= DETAIL_BESIDE_FROM {
        // Wide: the detail pane beside the list, the whole height.
        let detail_width = (rest.width * 2 / 5).min(80);
        let [lists, detail] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(detail_width)]).areas(rest);
        let width = statements_pane_width(app, lists.width);
        let mut wrapped = wrap_area(app, width);
        // A tall screen shows the notes under every statement of the area,
        // when they all fit: the height shows evidence, not empty rows.
        let text_width = StatementRows::text_width(app, usize::from(width.saturating_sub(2)));
        let with_notes = with_notes(app, &wrapped, text_width);
        if rows_of(&with_notes) <= usize::from(lists.height.saturating_sub(2)) {
            wrapped = with_notes;
        }
        draw_lists(frame, app, view, theme, lists, &wrapped);
        draw_detail(frame, app, view, theme, detail.inner(Margin::new(1, 0)));
    } else {
        // The selected statement's detail (its words, the person's note)
        // gets the rows it needs first; the list takes the rest, showing
        // the selected statement whole and the others whole while they fit.
        let wrapped = wrap_area(app, statements_pane_width(app, rest.width));
        let need = rows_of(&wrapped) + 2;
        let areas_need = if rest.width >= AREAS_PANE_FROM {
            let inner = areas_pane_width(app, rest.width).saturating_sub(2);
            area_names(app, inner)
                .iter()
                .map(|n| n.len().max(1))
                .sum::<usize>()
                + 2
        } else {
            0
        };
        // The selected statement whole, and a line of a few others around it.
        let others = app
            .rows_in(app.area)
            .saturating_sub(1)
            .min(LIST_CONTEXT_ROWS);
        let selected_need = wrapped.lines.get(app.row).map_or(1, Vec::len) + others + 2;
        let detail_need = detail_rows(app, theme, Rect::new(0, 0, rest.width, rest.height)) + 1;
        let floor = usize::from(rest.height)
            .saturating_sub(detail_need.max(usize::from(DETAIL_AT_LEAST)))
            .max(selected_need);
        let list = u16::try_from(need.max(areas_need).min(floor))
            .unwrap_or(u16::MAX)
            .min(rest.height.saturating_sub(DETAIL_AT_LEAST.min(3)))
            .max(rest.height.min(5));
        let [lists, detail] =
            Layout::vertical([Constraint::Length(list), Constraint::Min(0)]).areas(rest);
        draw_lists(frame, app, view, theme, lists, &wrapped);
        draw_detail(frame, app, view, theme, detail);
    }
    put_lines(frame, footer_area, &footer_lines);
}

/// From this width the detail pane sits beside the list.
const DETAIL_BESIDE_FROM: u16 = 160;
/// Below the list, the detail pane keeps at least this many rows.
const DETAIL_AT_LEAST: u16 = 6;
/// However much the detail needs, the list keeps a line for this many of
/// the other statements around the selected one.
const LIST_CONTEXT_ROWS: usize = 2;

/// The areas pane (when there is room) and the statements beside it.
fn draw_lists(
    frame: &mut Frame,
    app: &App,
    view: &mut ViewState,
    theme: &Theme,
    body: Rect,
    wrapped: &AreaRows,
) {
    if body.width >= AREAS_PANE_FROM {
        let side = areas_pane_width(app, body.width);
        let [areas, statements] =
            Layout::horizontal([Constraint::Length(side), Constraint::Min(10)]).areas(body);
        draw_areas(frame, app, view, theme, areas);
        draw_statements(frame, app, view, theme, statements, wrapped);
    } else {
        draw_statements(frame, app, view, theme, body, wrapped);
    }
}

/// The areas pane takes a third of the width (at most 36 columns), or
/// what every area's name needs on one line when that leaves the
/// statements room enough.
fn areas_pane_width(app: &App, width: u16) -> u16 {
    let usual = (width / 3).min(36);
    let longest = (0..app.area_count())
        .map(|i| width_of(&app.level().areas[i].name) + AREA_ROW_EXTRA + counts(app, i).len())
        .max()
        .unwrap_or(0);
    // The borders, and a space between the longest name and its bar.
    let need = u16::try_from(longest + 3).unwrap_or(u16::MAX);
    if need > usual && need <= width.saturating_sub(STATEMENTS_AT_LEAST) {
        need
    } else {
        usual
    }
}

/// The statements pane keeps at least this many columns beside the areas.
const STATEMENTS_AT_LEAST: u16 = 64;
/// An area's row besides its name and counts: the marker and the bar.
const AREA_ROW_EXTRA: usize = 2 + 4;

/// " 2/3": an area's met of total in the areas pane.
fn counts(app: &App, area: usize) -> String {
    let tally = app.tally(area);
    format!(" {}/{}", tally.met, tally.total)
}

/// The statements pane's width inside a body of `width` columns.
fn statements_pane_width(app: &App, width: u16) -> u16 {
    if width >= AREAS_PANE_FROM {
        width - areas_pane_width(app, width)
    } else {
        width
    }
}

/// The shown area's rows as the list draws them: each statement's words
/// wrapped, and on a tall wide screen the note under it.
struct AreaRows {
    lines: Vec<Vec<String>>,
    /// Per row, where the note's lines start (the row's length when none).
    notes_from: Vec<usize>,
}

/// Lines all rows take, each at least one.
fn rows_of(rows: &AreaRows) -> usize {
    rows.lines.iter().map(|w| w.len().max(1)).sum()
}

/// Each area's name in the lines it takes in an areas pane `inner`
/// columns wide: whole, over up to three lines.
fn area_names(app: &App, inner: u16) -> Vec<Vec<String>> {
    (0..app.area_count())
        .map(|i| {
            let width = usize::from(inner).saturating_sub(AREA_ROW_EXTRA + counts(app, i).len());
            wrap_or_cut(&app.level().areas[i].name, width.max(1), 3)
        })
        .collect()
}

/// The shown area's statements wrapped for a statements pane of `width`:
/// once a frame, for the layout's need and for the list.
fn wrap_area(app: &App, width: u16) -> AreaRows {
    let text_width = StatementRows::text_width(app, usize::from(width.saturating_sub(2)));
    let lines: Vec<Vec<String>> = app
        .current_area()
        .statements
        .iter()
        .map(|s| wrap_words(&s.text, text_width, MAX_ROW_LINES))
        .collect();
    let notes_from = lines.iter().map(Vec::len).collect();
    AreaRows { lines, notes_from }
}

/// A note under a statement of the list shows at most this many lines.
const NOTE_PREVIEW_LINES: usize = 12;

/// The rows with, under each statement, the note that matters most here:
/// in a review the person's evidence, in a self assessment one's own.
fn with_notes(app: &App, rows: &AreaRows, width: usize) -> AreaRows {
    let person = match app.mode {
        Mode::Review => app.person_round(),
        Mode::Assess => app.edited(),
    };
    let mut lines = rows.lines.clone();
    for (row, words) in lines.iter_mut().enumerate() {
        let key = app.key_of(app.area, row);
        let note = person
            .and_then(|a| a.rating(key))
            .map_or("", Rating::note)
            .trim();
        let mut shown: Vec<String> = Vec::new();
        for line in clean(note).lines().filter(|l| !l.trim().is_empty()) {
            let room = NOTE_PREVIEW_LINES.saturating_sub(shown.len());
            shown.extend(wrap_words(line, width.saturating_sub(2), room));
        }
        for (i, line) in shown.into_iter().enumerate() {
            words.push(format!("{} {line}", if i == 0 { "✎" } else { " " }));
        }
    }
    AreaRows {
        lines,
        notes_from: rows.notes_from.clone(),
    }
}

/// A statement row wraps to at most this many lines.
const MAX_ROW_LINES: usize = 12;

/// The lines above the header, when something is wrong with the file.
fn banner(app: &App) -> Option<String> {
    if let Some(reason) = &app.read_only {
        return Some(format!(
            "READ-ONLY: {}. Ratings cannot be changed here.",
            clean_line(reason)
        ));
    }
    if let Some(date) = app.finished_on() {
        return Some(format!(
            "FINISHED: this round was signed off on {date} and is read-only; a new round changes it."
        ));
    }
    let failure = app.save_failure.as_ref().filter(|_| app.has_unsaved())?;
    Some(format!(
        "NOT SAVED: {}. Your changes are kept here; q offers a retry or a copy.",
        clean_line(failure)
    ))
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

fn draw_areas(frame: &mut Frame, app: &App, view: &mut ViewState, theme: &Theme, area: Rect) {
    let inner = draw_box(
        frame.buffer_mut(),
        area,
        Span::raw(" Areas "),
        theme.border(),
    );
    let rows = usize::from(inner.height);
    let width = usize::from(inner.width);
    // Every name whole when they all fit; else a line each, cut with "…",
    // scrolled to keep the selected area in sight.
    let mut names = area_names(app, inner.width);
    let first = if names.iter().map(Vec::len).sum::<usize>() <= rows {
        0
    } else {
        names = (0..app.area_count())
            .map(|i| vec![app.level().areas[i].name.clone()])
            .collect();
        app.area.saturating_sub(rows.saturating_sub(1))
    };
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    for (i, name) in names.iter().enumerate().skip(first) {
        if lines.len() >= rows {
            break;
        }
        let y = inner.y.saturating_add(lines.len() as u16);
        let height = name.len().min(rows - lines.len()).max(1) as u16;
        view.layout
            .hits
            .push((Rect::new(inner.x, y, inner.width, height), Hit::Area(i)));
        let tally = app.tally(i);
        let counts = counts(app, i);
        let name_width = width.saturating_sub(AREA_ROW_EXTRA + counts.chars().count());
        let selected = i == app.area;
        let marker = if selected { "▶ " } else { "  " };
        let mut spans = vec![
            Span::raw(marker),
            Span::raw(pad(name.first().map_or("", String::as_str), name_width)),
        ];
        spans.extend(bar(tally.met_share(), 4, theme.ok(), theme));
        spans.push(Span::raw(counts));
        let style = |line: Line<'static>| {
            if selected {
                line.style(theme.selected())
            } else {
                line
            }
        };
        lines.push(style(Line::from(spans)));
        for rest in name.iter().skip(1) {
            lines.push(style(Line::raw(format!(
                "  {}",
                pad(rest, width.saturating_sub(2))
            ))));
        }
    }
    put_lines(frame, inner, &lines);
}

/// How the rows of the statements pane are laid out: what comes before the
/// statement's words, and so how wide the words may be.
struct StatementRows;

impl StatementRows {
    /// The columns before the words: "▶", two digits and a space, the
    /// gauge and label, and the rating beside (named) and ⚠.
    fn prefix_width(app: &App, width: usize) -> usize {
        let scale = app.scale();
        let mut used = 4 + scale.points.len() + 1 + label_width(scale);
        if let Some(tag) = beside_tag(app) {
            used += if width >= BESIDE_COLUMN_FROM {
                2 + width_of(&tag) + 3
            } else {
                1
            };
            used += 1;
        }
        used
    }

    /// The columns the words get: a space either side, the evidence
    /// count (when the profile has evidence) and the note mark.
    fn text_width(app: &App, width: usize) -> usize {
        width.saturating_sub(Self::prefix_width(app, width) + 3 + Self::evidence_width(app))
    }

    /// The evidence count's column, `◆2`: only in a profile with evidence.
    fn evidence_width(app: &App) -> usize {
        if app.profile.evidence.is_empty() {
            0
        } else {
            EVIDENCE_COLUMN
        }
    }
}

/// `◆` and up to two digits.
const EVIDENCE_COLUMN: usize = 3;

/// A statement's evidence count as the list shows it (`◆3`, `◆99` for
/// more), blank for none.
fn evidence_mark(count: usize) -> String {
    match count {
        0 => " ".repeat(EVIDENCE_COLUMN),
        n => format!("◆{:<2}", n.min(99)),
    }
}

/// How many lines each visible row gets, from `offset`: the selected row
/// whole, the others whole while there is room, else one line cut with `…`.
fn row_heights(full: &[usize], selected: usize, offset: usize, rows: usize) -> Vec<usize> {
    let mut heights: Vec<usize> = Vec::new();
    let mut used = 0;
    for (row, &lines) in full.iter().enumerate().skip(offset) {
        if used >= rows {
            break;
        }
        let want = if row == selected { lines } else { 1 };
        let take = want.min(rows - used).max(1);
        heights.push(take);
        used += take;
    }
    // The room left goes to the other rows, whole, in order; the last one
    // it reaches may get only part (cut with "…"), so no row stays empty.
    let mut spare = rows.saturating_sub(used);
    for (i, height) in heights.iter_mut().enumerate() {
        let lines = full[offset + i];
        if offset + i != selected && lines > *height && spare > 0 {
            let more = (lines - *height).min(spare);
            spare -= more;
            *height += more;
        }
    }
    heights
}

/// The first row shown, moved only as far as needed for the selected row
/// to show whole (or from its first line, when it is taller than the pane).
fn first_row(full: &[usize], selected: usize, offset: usize, rows: usize) -> usize {
    let mut offset = offset.min(selected);
    loop {
        let before = selected - offset;
        let need = before + full.get(selected).copied().unwrap_or(1).min(rows);
        if need <= rows || offset == selected {
            return offset;
        }
        offset += 1;
    }
}

/// The name over the column beside, cut to a few letters: whose ratings
/// they are ("Sam Lee 3", "self 3").
fn beside_tag(app: &App) -> Option<String> {
    app.beside_name().map(|name| fit(&name, BESIDE_NAME_WIDTH))
}

/// The widest name the column beside shows.
const BESIDE_NAME_WIDTH: usize = 12;

fn draw_statements(
    frame: &mut Frame,
    app: &App,
    view: &mut ViewState,
    theme: &Theme,
    area: Rect,
    area_rows: &AreaRows,
) {
    let wrapped = &area_rows.lines;
    let current = app.current_area();
    let tally = app.tally(app.area);
    // The area's name whole first: the counts give way before it does.
    let room = usize::from(area.width.saturating_sub(2));
    let title = [
        format!(
            " {} · {}/{} met · area {} of {} ",
            current.name,
            tally.met,
            tally.total,
            app.area + 1,
            app.area_count()
        ),
        format!(" {} · {}/{} met ", current.name, tally.met, tally.total),
    ]
    .into_iter()
    .find(|t| width_of(t) <= room)
    .unwrap_or_else(|| format!(" {} ", current.name));
    let title = Span::styled(fit(&title, room), theme.title());
    let inner = draw_box(frame.buffer_mut(), area, title, theme.focus_border());

    let rows = inner.height as usize;
    let width = inner.width as usize;
    let text_width = StatementRows::text_width(app, width);
    // A row never takes more than the pane.
    let full: Vec<usize> = wrapped
        .iter()
        .map(|w| w.len().clamp(1, rows.max(1)))
        .collect();
    let offset = first_row(&full, app.row, view.list_offset.min(app.row), rows);
    view.list_offset = offset;
    let heights = row_heights(&full, app.row, offset, rows);
    view.layout.list_rows = heights.len().max(1);

    let scale = app.scale();
    let label_width = label_width(scale);
    let (mine, beside) = (app.edited(), app.beside());
    let tag = beside_tag(app).unwrap_or_default();
    let prefix = StatementRows::prefix_width(app, width);
    let evidence_width = StatementRows::evidence_width(app);
    let evidence = app.profile.items().counts();
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    let hits = &mut view.layout.hits;
    for (i, &height) in heights.iter().enumerate() {
        let row = offset + i;
        let y = inner.y.saturating_add(lines.len() as u16);
        hits.push((
            Rect::new(inner.x, y, inner.width, height as u16),
            Hit::Statement(row),
        ));
        for (p, point) in scale.points.iter().enumerate() {
            let x = inner.x.saturating_add(4 + p as u16);
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
                    format!(" {tag} {:<3}", mark_short(theirs)),
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
        let words = &wrapped[row];
        // A row shown in fewer lines than it needs ends with the rest of
        // its words cut with "…" (pad_into's fit).
        let cut = height < words.len();
        let line_text = |n: usize| -> String {
            if cut && n + 1 == height {
                words[n..].join(" ")
            } else {
                words.get(n).cloned().unwrap_or_default()
            }
        };
        let first = line_text(0);
        let mut text = String::with_capacity(text_width + 4);
        text.push(' ');
        pad_into(&mut text, &first, text_width);
        text.push(' ');
        spans.push(Span::raw(text));
        if evidence_width > 0 {
            let count = evidence.get(key.as_str()).copied().unwrap_or(0);
            spans.push(Span::styled(evidence_mark(count), theme.key()));
        }
        spans.push(if app.conflict_at(app.area, row).is_some() {
            Span::styled("≠", theme.warning())
        } else if app.is_reworded_at(app.area, row) {
            Span::styled("Δ", theme.warning())
        } else if has_note {
            Span::styled("✎", theme.key())
        } else {
            Span::raw(" ")
        });
        let style = |line: Line<'static>| {
            if row == app.row {
                line.style(theme.selected())
            } else {
                line
            }
        };
        lines.push(style(Line::from(spans)));
        let notes_from = area_rows.notes_from.get(row).copied().unwrap_or(usize::MAX);
        for n in 1..height {
            let mut text = " ".repeat(prefix + 1);
            pad_into(&mut text, &line_text(n), text_width);
            text.push_str("  ");
            text.push_str(&" ".repeat(evidence_width));
            let line = if n >= notes_from {
                Line::styled(text, theme.dim())
            } else {
                Line::raw(text)
            };
            lines.push(style(line));
        }
    }
    put_lines(frame, inner, &lines);
}

/// Lines written straight into the buffer, one a row: the lists are redrawn
/// every frame, and a paragraph's pass over its whole area costs more than
/// the rows themselves.
/// What the detail pane shows of the selected statement, for a pane the
/// size of `pane`: its words, then the person's evidence before anything
/// else (in a review the person's rating and note, then one's own), then
/// the other review's rating and note, each named.
fn detail_lines<'a>(app: &'a App, theme: &Theme, pane: Rect) -> Vec<Line<'a>> {
    let statement = &app.current_area().statements[app.row];
    let shown = |text| super::widgets::visible_part(text, pane);
    let mut lines = vec![Line::from(shown(&statement.text))];
    // Examples or guidance an imported framework carries with a statement.
    if let Some(hint) = statement.hint.as_deref().filter(|h| !h.trim().is_empty()) {
        lines.push(Line::styled(
            format!("Hint: {}", clean_line(shown(hint))),
            theme.dim(),
        ));
    }
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
        lines.push(earlier_words(app, statement, pane, theme));
    }
    if let Some(conflict) = app.conflict_at(app.area, app.row) {
        conflict_lines(&mut lines, app, &conflict, theme);
    }
    let key = app.selected_key();
    let label = |mark: Mark| match mark {
        Mark::Value(v) => format!("{v} {}", app.scale().label(v)),
        Mark::NotApplicable => "not applicable".to_owned(),
        Mark::Unrated => "not rated".to_owned(),
    };
    let mine = app.rating_at(app.area, app.row);
    let own_note = |lines: &mut Vec<Line<'a>>, hint: String| match mine
        .map(|r| r.note())
        .filter(|n| !n.is_empty())
    {
        Some(note) => {
            lines.push(Line::from(Span::styled(
                if app.mode == Mode::Review {
                    "Your note:"
                } else {
                    "Note:"
                },
                theme.key(),
            )));
            note_lines(lines, &clean(shown(note)), pane, Style::default());
        }
        // A round that cannot change invites no note.
        None if app.read_only.is_some() || app.finished_on().is_some() => {}
        None => lines.push(Line::from(Span::styled(hint, theme.dim()))),
    };
    // A round beside, named: "Sam Lee, the direct manager, round 2: 3 Mostly".
    let named = |lines: &mut Vec<Line<'a>>, round: &'a Assessment, why: Option<String>| {
        let rating = round.rating(key.as_str());
        let who = clean_line(&round.assessor).into_owned();
        let because = why.map_or(String::new(), |w| format!(", {w}"));
        lines.push(Line::from(Span::styled(
            format!(
                "{who}{because}, round {}: {}",
                reviewers::round_number(&app.profile, round),
                label(rating.map_or(Mark::Unrated, Rating::mark))
            ),
            theme.key(),
        )));
        if let Some(note) = rating.map(Rating::note).filter(|n| !n.is_empty()) {
            note_lines(lines, &clean(shown(note)), pane, theme.dim());
        }
    };
    match app.mode {
        Mode::Review => {
            // The person's rating and evidence first: what a reviewer reads.
            let person = clean_line(&app.profile.person).into_owned();
            let own = app.person_round().and_then(|a| a.rating(key.as_str()));
            let said = match app.person_round() {
                None if app.blind_beside().is_some() => "blind".to_owned(),
                _ => label(own.map_or(Mark::Unrated, Rating::mark)),
            };
            lines.push(Line::from(Span::styled(
                format!("{person} (self): {said}"),
                theme.key(),
            )));
            if let Some(note) = own.map(Rating::note).filter(|n| !n.is_empty()) {
                note_lines(&mut lines, &clean(shown(note)), pane, Style::default());
            }
            lines.extend(super::evidence::detail_lines(
                app,
                theme,
                usize::from(pane.height),
            ));
            own_note(
                &mut lines,
                format!("n: add your note on {}'s rating.", app.person_first_name()),
            );
            if let Some((other, why)) = app.other_review() {
                named(&mut lines, other, Some(why.reason(&app.profile)));
            }
        }
        Mode::Assess => {
            own_note(
                &mut lines,
                "No note yet: press n to add your evidence.".to_owned(),
            );
            lines.extend(super::evidence::detail_lines(
                app,
                theme,
                usize::from(pane.height),
            ));
            if let Some((review, why)) = app.standing() {
                named(&mut lines, review, why.map(|w| w.reason(&app.profile)));
            }
        }
    }
    for action in app.actions_on(key) {
        let status = match (action.done_day(), action.due_day()) {
            (Some(day), _) => format!("done {day}"),
            (None, Some(due)) => format!("open, due {due}"),
            (None, None) => "open".to_owned(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("Action ({status}) "), theme.key()),
            Span::raw(format!(
                "{}: {}",
                clean_line(&action.owner),
                clean_line(&action.text)
            )),
        ]));
    }
    if let Some(words) = app.blind_words() {
        lines.push(Line::from(Span::styled(words, theme.dim())));
    }
    lines
}

/// The rows the detail pane's lines take at the pane's width, as a word
/// wrap lays them out.
fn wrapped_rows(lines: &[Line], width: u16) -> usize {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            wrap_words(&text, width, usize::MAX).len().max(1)
        })
        .sum()
}

/// The rows the selected statement's detail needs in a pane of `pane`'s width.
fn detail_rows(app: &App, theme: &Theme, pane: Rect) -> usize {
    wrapped_rows(&detail_lines(app, theme, pane), pane.width)
}

fn draw_detail(frame: &mut Frame, app: &App, view: &mut ViewState, theme: &Theme, area: Rect) {
    let title = format!(" Statement {} of {} ", app.row + 1, app.rows_in(app.area));
    // Only what the pane can show of a long statement or note, as far as
    // it is scrolled, is drawn.
    let scrolled = u16::try_from(app.detail_offset()).unwrap_or(u16::MAX);
    let pane = Rect::new(
        0,
        0,
        area.width,
        area.height.saturating_sub(1).saturating_add(scrolled),
    );
    let lines = detail_lines(app, theme, pane);
    let inner = draw_rule(frame.buffer_mut(), area, Span::raw(title), theme.border());
    let rows = wrapped_rows(&lines, inner.width);
    let room = usize::from(inner.height);
    let max = rows.saturating_sub(room);
    view.layout.detail_scroll_max = max;
    let offset = app.detail_offset().min(max);
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

/// A merge recorded two versions of this rating: the other one, and how to choose.
fn conflict_lines(
    lines: &mut Vec<Line>,
    app: &App,
    conflict: &crate::model::conflict::RatingConflict,
    theme: &Theme,
) {
    let notes = conflict.notes_differ();
    let others: Vec<String> = conflict
        .others()
        .iter()
        .map(|(side, version)| {
            format!("{} {}", side.as_str(), app.describe_version(version, notes))
        })
        .collect();
    lines.push(Line::from(Span::styled(
        format!(
            "≠ Merge conflict: {} — shown here: {}. M chooses.",
            clean_line(&others.join("; ")),
            app.describe_version(&conflict.kept, false)
        ),
        theme.warning(),
    )));
}

/// What the statement said when it was rated, word-marked against what it
/// says now (`[-was-]{+is+}`, as `rungs show --diff` marks them), or why
/// that cannot be shown.
fn earlier_words(
    app: &App,
    statement: &crate::model::Statement,
    pane: Rect,
    theme: &Theme,
) -> Line<'static> {
    let Some(before) = app.earlier_words(app.area, app.row) else {
        return Line::styled(
            "The words it had then were not kept (rated before rungs kept them).",
            theme.dim(),
        );
    };
    let mut spans = vec![Span::styled("Then: ", theme.key())];
    // Only what the pane can show of either is compared.
    let shown = |text| super::widgets::visible_part(text, pane);
    let compared = word_diff(&clean_line(shown(before)), shown(&statement.text));
    for words in compared.pieces {
        spans.push(match words {
            Words::Same(t) => Span::raw(t),
            Words::Removed(t) => Span::styled(format!("[-{t}-]"), theme.error()),
            Words::Added(t) => Span::styled(format!("{{+{t}+}}"), theme.ok()),
        });
    }
    if let Some(why) = compared.whole {
        spans.push(Span::styled(format!(" ({})", why.reason()), theme.dim()));
    }
    Line::from(spans)
}

/// A note's lines as written (its line breaks kept), at most as many as the pane holds.
fn note_lines<'a>(lines: &mut Vec<Line<'a>>, note: &str, pane: Rect, style: Style) {
    lines.extend(
        note.lines()
            .take(usize::from(pane.height))
            .map(|l| Line::styled(l.to_owned(), style)),
    );
}

/// The footer: the most used keys, and the last message at the right. A
/// message too long to sit beside the keys takes lines of its own above
/// them, wrapped (at most `most`), so nothing it says is cut.
fn footer(app: &App, theme: &Theme, width: usize, most: usize) -> Vec<Line<'static>> {
    let status = app.status.as_ref().map(|s| {
        let style = match s.kind {
            StatusKind::Info => theme.dim(),
            StatusKind::Ok => theme.ok(),
            StatusKind::Error => theme.error(),
        };
        (clean_line(&s.text).into_owned(), style)
    });
    let status_width = status.as_ref().map_or(0, |(t, _)| width_of(t.as_str()) + 1);
    let just_rated = app.just_rated();
    let keys = |room: usize| {
        let mut spans = Vec::new();
        let mut used = 0;
        let shown = BINDINGS
            .iter()
            .filter(|b| b.footer.is_some() && b.applies(app.mode == Mode::Review));
        for binding in shown {
            let key = binding.label_for(app.scale());
            let words = match (&just_rated, binding.action) {
                // Says where `n` writes right after a digit moved the selection on.
                (Some(row), Action::EditNote) => format!("note on {row} (just rated)"),
                _ => binding.footer.unwrap_or_default().to_owned(),
            };
            let piece = key.chars().count() + words.chars().count() + 3;
            if used + piece > room {
                break;
            }
            spans.push(Span::styled(format!(" {key}"), theme.key()));
            spans.push(Span::styled(format!(" {words} "), theme.dim()));
            used += piece;
        }
        (spans, used)
    };
    let Some((text, style)) = status else {
        return vec![Line::from(keys(width).0)];
    };
    // Beside the keys when it leaves room for a few of them, as it always did.
    const KEYS_AT_LEAST: usize = 24;
    if most == 1 || status_width + KEYS_AT_LEAST <= width {
        let (mut spans, used) = keys(width.saturating_sub(status_width));
        let room = width.saturating_sub(used + 1);
        let text = fit(&text, room);
        let gap = room.saturating_sub(width_of(text.as_str()));
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(text, style));
        return vec![Line::from(spans)];
    }
    let mut lines: Vec<Line<'static>> = wrap_or_cut(&text, width.saturating_sub(1), most.max(1))
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect();
    lines.push(Line::from(keys(width).0));
    lines
}

#[cfg(test)]
mod tests {
    use super::{first_row, header_title, row_heights};

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
    fn rows_are_whole_while_there_is_room_and_the_selected_one_always() {
        // Five rows of 3 lines each in a pane of 9: the selected row whole,
        // the others whole in order while they fit, the rest one line.
        assert_eq!(row_heights(&[3, 3, 3, 3, 3], 2, 0, 9), [3, 1, 3, 1, 1]);
        // Room for part of a row: it takes it (and is cut with "…").
        assert_eq!(row_heights(&[6, 5, 5, 6], 0, 0, 12), [6, 4, 1, 1]);
        assert_eq!(row_heights(&[1, 2, 1], 0, 0, 10), [1, 2, 1]);
        // A row taller than the pane gets the pane.
        assert_eq!(row_heights(&[20, 1], 0, 0, 5), [5]);
        assert_eq!(
            first_row(&[3, 3, 3, 3], 3, 0, 4),
            2,
            "one line of the row before fits"
        );
        assert_eq!(first_row(&[1, 1, 1, 3], 3, 0, 5), 1);
        assert_eq!(
            first_row(&[1, 1, 1, 1], 0, 2, 5),
            0,
            "never below the selection"
        );
    }
}
