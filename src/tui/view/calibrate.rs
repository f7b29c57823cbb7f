//! The calibration grid: a row per person (rated, met by self and by the
//! manager, gaps, round), a heat cell per area. Each cell has a symbol and a
//! number as well as a colour, so it reads without colour (`NO_COLOR`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::widgets::{centered, fit, pad};
use crate::model::team::{AreaCell, Group, Person};
use crate::model::text::clean_line;
use crate::present::cells::{heat, or_dash};
use crate::present::team_row::{FINAL_MARK, FLAG_MARK, PersonRow};
use crate::present::wrap_or_cut;
use crate::tui::calibrate::{Calibration, FILTER_KEYS, GRID_KEYS, Side};
use crate::tui::keys::{Binding, hints};
use crate::tui::theme::Theme;

/// The shade of a cell by its heat (0 none met … 4 three quarters or more).
const SYMBOLS: [&str; 5] = ["○", "░", "▒", "▓", "█"];

/// Columns of one area cell, at least; wider when the screen has room.
const CELL: usize = 8;
const WIDEST_CELL: usize = 18;
/// Rated, met (self), met (manager), gaps, round.
const FIXED: usize = 6 + 5 + 5 + 5 + 4;

fn heat_style(theme: &Theme, heat: usize) -> Style {
    if !theme.color {
        return if heat >= 3 {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
    }
    let color = match heat {
        0 => Color::Red,
        1 => Color::LightRed,
        2 => Color::Yellow,
        3 => Color::Green,
        _ => Color::LightGreen,
    };
    Style::new().fg(color)
}

/// `▓ 2/3`: the symbol and count of met statements of an area.
fn side_cell(met: Option<usize>, total: usize) -> (String, usize) {
    match met {
        None => ("   —".to_owned(), 0),
        Some(met) => {
            let heat = heat(met, total);
            (format!("{} {met}/{total}", SYMBOLS[heat]), heat)
        }
    }
}

fn area_spans(cell: &AreaCell, side: Side, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let unrated = cell.rated == 0 && cell.total > 0;
    let gap = if cell.gaps > 0 && side != Side::Own {
        "!"
    } else {
        ""
    };
    match side {
        Side::Own | Side::Manager => {
            let met = if side == Side::Own {
                Some(cell.self_met)
            } else {
                cell.manager_met
            };
            if side == Side::Own && unrated {
                return vec![Span::styled(pad("   ·", width), theme.unrated())];
            }
            let (text, heat) = side_cell(met, cell.total);
            vec![
                Span::styled(text.clone(), heat_style(theme, heat)),
                Span::styled(
                    pad(gap, width.saturating_sub(width_of(&text))),
                    theme.error(),
                ),
            ]
        }
        Side::Both => {
            let own = heat(cell.self_met, cell.total);
            let mut spans = vec![if unrated {
                Span::styled(" ·".to_owned(), theme.unrated())
            } else {
                Span::styled(
                    format!("{}{}", SYMBOLS[own], cell.self_met),
                    heat_style(theme, own),
                )
            }];
            let used = width_of(&spans[0].content);
            let theirs = match cell.manager_met {
                Some(m) => {
                    let h = heat(m, cell.total);
                    Span::styled(format!("│{}{m}", SYMBOLS[h]), heat_style(theme, h))
                }
                None => Span::styled("│—".to_owned(), theme.dim()),
            };
            let used = used + width_of(&theirs.content);
            spans.push(theirs);
            spans.push(Span::styled(
                pad(gap, width.saturating_sub(used)),
                theme.error(),
            ));
            spans
        }
    }
}

fn width_of(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// The person's fixed columns: rated, met, manager met, gaps, round; `✓`
/// after the self round and after the review's count when signed off.
fn fixed(person: &Person) -> String {
    let signed = |on: bool| if on { FINAL_MARK } else { "" };
    let round = person.own.as_ref().map_or("—".to_owned(), |r| {
        format!("{}{}", r.round, signed(person.is_final()))
    });
    let manager = format!(
        "{}{}",
        or_dash(person.manager_met),
        signed(person.review_is_final())
    );
    format!(
        "{:>5} {:>4} {:>4} {:>4} {:>3}",
        format!("{}/{}", person.rated, person.total),
        person.self_met,
        manager,
        or_dash(person.gaps),
        round
    )
}

pub fn draw(frame: &mut Frame, grid: &Calibration, theme: &Theme) {
    if super::too_small(frame, theme) {
        return;
    }
    let area = frame.area();
    let Some(group) = grid.current_group() else {
        frame.render_widget(Paragraph::new("No profiles to show."), area);
        return;
    };
    let width = usize::from(area.width);
    // The names column is as wide as the longest name needs, up to a fifth.
    let longest_person = group
        .people
        .iter()
        .map(|p| width_of(&PersonRow::of(p).name) + 1)
        .max()
        .unwrap_or(10);
    let name_width = (width / 5).clamp(10, 24).min(longest_person.max(10));
    let cells_width = width.saturating_sub(name_width + 1 + FIXED + 1);
    let columns = group.areas.len().max(1);
    // A column as wide as the longest name, when the screen has the room.
    let longest = group
        .areas
        .iter()
        .map(|a| width_of(&clean_line(&a.name)) + 1)
        .max()
        .unwrap_or(CELL);
    // Each cell ends with a space; the last one's may fall off the edge.
    let cell = ((cells_width + 1) / columns).clamp(CELL, WIDEST_CELL.max(longest));
    let mut visible = ((cells_width + 1) / cell).clamp(1, columns);
    if visible < columns {
        // Room for the sign that more areas are off to the side.
        visible = (cells_width.saturating_sub(MORE_AREAS) / cell).clamp(1, columns);
    }
    let first = grid.column.saturating_sub(visible - 1);
    let areas: Vec<usize> = (first..group.areas.len()).take(visible).collect();
    let layout = Layout {
        areas: &areas,
        name: name_width,
        cell,
        width,
    };
    // Names too long for their column are numbered, and named whole below.
    let names = if layout.names_fit(group) {
        Vec::new()
    } else {
        wrap_or_cut(&area_legend(group), width.saturating_sub(1), 2)
    };
    let status = status(grid, width, theme);
    let detail = detail(grid, group, width, theme);
    let legend: Vec<Line> = wrap_or_cut(LEGEND, width.saturating_sub(1), 2)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.dim()))
        .collect();
    let body = usize::from(area.height)
        .saturating_sub(4 + names.len() + legend.len() + detail.len() + status.len());
    let offset = grid.row.saturating_sub(body.saturating_sub(1));

    let mut lines: Vec<Line> = Vec::with_capacity(usize::from(area.height));
    let groups = grid.team.groups.len();
    lines.push(Line::from(vec![
        Span::styled(" Calibration ", theme.title()),
        Span::raw(fit(
            &clean_line(&format!(
                "· {}{} · group {} of {groups}",
                grid.team
                    .on
                    .as_ref()
                    .map_or(String::new(), |day| format!("as of {day} · ")),
                group.title(),
                grid.group + 1
            )),
            width.saturating_sub(13),
        )),
    ]));
    lines.push(if grid.reviewers {
        Line::from(vec![
            Span::styled(" Reviewers calibrated", theme.key()),
            Span::raw(fit(
                &clean_line(&format!(
                    " · {} · r: back to the people",
                    grid.reviewer_table()
                        .map_or(&group.framework.name, |t| &t.framework.name)
                )),
                width.saturating_sub(21),
            )),
        ])
    } else {
        Line::from(vec![
            Span::raw(format!(
                " {} of {} people · showing ",
                grid.row_count(),
                group.people.len()
            )),
            Span::styled(grid.side.name(), theme.key()),
            Span::raw(" · sort: "),
            Span::styled(grid.sort.name(), theme.key()),
            Span::raw(format!(" · met: {} or higher", group.met_from)),
        ])
    });
    if grid.reviewers {
        // Enter reviews nobody from here: only what a review said shows.
        let status = if grid.status.is_some() {
            status
        } else {
            Vec::new()
        };
        let footer_and_status = 1 + status.len();
        let room = usize::from(area.height).saturating_sub(lines.len() + footer_and_status);
        let mut body = super::reviewers::lines(grid.reviewer_table(), width, room, theme);
        body.resize(room, Line::raw(""));
        lines.extend(body);
        lines.extend(status);
        lines.push(Line::styled(
            fit(&format!(" {}", hints(GRID_KEYS)), width),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), area);
        if grid.help {
            draw_help(frame, theme);
        }
        return;
    }
    lines.push(header(group, &layout, grid, theme));
    for (i, person) in grid.rows().enumerate().skip(offset).take(body) {
        lines.push(row(person, &layout, grid, i == grid.row, theme));
    }
    while lines.len() < 3 + body {
        lines.push(Line::raw(""));
    }
    lines.extend(
        names
            .into_iter()
            .map(|l| Line::styled(format!(" {l}"), theme.dim())),
    );
    lines.extend(legend);
    lines.extend(detail);
    lines.extend(status);
    let footer = if grid.filtering {
        hints(FILTER_KEYS)
    } else {
        hints(GRID_KEYS)
    };
    lines.push(Line::styled(fit(&format!(" {footer}"), width), theme.dim()));
    frame.render_widget(Paragraph::new(lines), area);
    if grid.help {
        draw_help(frame, theme);
    }
}

/// Columns kept, at least, for the sign that areas are off to the side.
const MORE_AREAS: usize = 5;

/// "Areas: 1 Qualité & Fiabilité · 2 …": every area of the group whole,
/// by the number its column shows.
fn area_legend(group: &Group) -> String {
    let names: Vec<String> = group
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{} {}", i + 1, clean_line(&a.name)))
        .collect();
    format!("Areas: {}", names.join(" · "))
}

/// The key to the symbols, under the grid.
const LEGEND: &str =
    "met of applicable: ○ none ░ under ¼ ▒ ¼+ ▓ ½+ █ ¾+ · not rated │ ! gap │ ✓ final round";

/// Where the grid's columns go.
struct Layout<'a> {
    /// The areas shown, by position in the group.
    areas: &'a [usize],
    name: usize,
    cell: usize,
    width: usize,
}

impl Layout<'_> {
    /// True when every area shown has its name whole in its column.
    fn names_fit(&self, group: &Group) -> bool {
        self.areas.len() == group.areas.len()
            && self
                .areas
                .iter()
                .all(|&a| width_of(&clean_line(&group.areas[a].name)) < self.cell)
    }
}

fn header(group: &Group, layout: &Layout, grid: &Calibration, theme: &Theme) -> Line<'static> {
    let name_width = layout.name;
    let mut spans = vec![Span::styled(
        format!(
            " {} {:>5} {:>4} {:>4} {:>4} {:>3} ",
            pad("Person", name_width - 1),
            "Rated",
            "Met",
            "Mgr",
            "Gaps",
            "Rnd"
        ),
        theme.title(),
    )];
    let numbered = !layout.names_fit(group);
    for &a in layout.areas {
        let name = clean_line(&group.areas[a].name);
        let name = if numbered {
            format!("{} {name}", a + 1)
        } else {
            name.into_owned()
        };
        let style = if a == grid.column {
            theme.key()
        } else {
            theme.title()
        };
        spans.push(Span::styled(pad(&name, layout.cell - 1) + " ", style));
    }
    let first = layout.areas.first().copied().unwrap_or(0);
    let (left, right) = (
        first,
        group.areas.len().saturating_sub(first + layout.areas.len()),
    );
    if left + right > 0 {
        // In words when there is room, else in short: `→ 1 more area`, `→+1`.
        let room = layout
            .width
            .saturating_sub(spans.iter().map(|s| s.width()).sum());
        let more = |n: usize| if n == 1 { "area" } else { "areas" };
        let long = match (left, right) {
            (0, r) => format!("→ {r} more {}", more(r)),
            (l, 0) => format!("← {l} more {}", more(l)),
            (l, r) => format!("← {l} · {r} → more areas"),
        };
        let short = match (left, right) {
            (0, r) => format!("→+{r}"),
            (l, 0) => format!("+{l}←"),
            (l, r) => format!("+{l}←→+{r}"),
        };
        let marker = if width_of(&long) <= room { long } else { short };
        spans.push(Span::styled(marker, theme.warning()));
    }
    Line::from(spans)
}

/// The person's name in `width` columns; a cut name keeps its ⚠ at the end.
fn name_cell(person: &Person, width: usize) -> String {
    if person.flags.is_empty() {
        return pad(&person.name, width);
    }
    let mark_width = width_of(FLAG_MARK) + 1;
    format!(
        "{} {FLAG_MARK}",
        pad(&person.name, width.saturating_sub(mark_width))
    )
}

fn row(
    person: &Person,
    layout: &Layout,
    grid: &Calibration,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = vec![Span::raw(format!(
        " {} {} ",
        name_cell(person, layout.name - 1),
        fixed(person)
    ))];
    for &a in layout.areas {
        if let Some(cell) = person.areas.get(a) {
            let mut cell_spans = area_spans(cell, grid.side, layout.cell, theme);
            if selected && a == grid.column {
                for span in &mut cell_spans {
                    span.style = span.style.add_modifier(Modifier::REVERSED);
                }
            }
            spans.extend(cell_spans);
        }
    }
    let mut line = Line::from(spans);
    if selected {
        let used: usize = line.spans.iter().map(|s| s.width()).sum();
        line.spans
            .push(Span::raw(" ".repeat(layout.width.saturating_sub(used))));
        line = line.style(theme.selected());
    }
    line
}

/// The selected person and area in words, over two lines when long.
fn detail(grid: &Calibration, group: &Group, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(person) = grid.selected() else {
        return vec![Line::styled(" No one matches the filter.", theme.dim())];
    };
    let Some((area, cell)) = group
        .areas
        .get(grid.column)
        .zip(person.areas.get(grid.column))
    else {
        return vec![Line::raw("")];
    };
    let mut text = format!(
        "{} · {}: self {} of {} met ({} rated)",
        person.name, area.name, cell.self_met, cell.total, cell.rated
    );
    match (&person.manager, cell.manager_met) {
        (Some(manager), Some(met)) => text.push_str(&format!(
            ", {} {met} (round {}{}), {}",
            manager.assessor,
            manager.round,
            if person.review_is_final() {
                ", final"
            } else {
                ""
            },
            crate::present::count(cell.gaps, "gap")
        )),
        _ => text.push_str(", no review"),
    }
    if let Some(own) = &person.own {
        text.push_str(&format!(
            " · round {}{}",
            own.round,
            if person.is_final() { ", final" } else { "" }
        ));
    }
    for flag in &person.flags {
        text.push_str(" · ⚠ ");
        text.push_str(&flag.text());
    }
    wrap_or_cut(&clean_line(&text), width.saturating_sub(1), 2)
        .into_iter()
        .map(|l| Line::raw(format!(" {l}")))
        .collect()
}

/// The status line: the filter being typed, or what the last review said
/// (over two lines when it is long: it is never cut short of them), or
/// who reviews.
fn status(grid: &Calibration, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    if grid.filtering {
        return vec![Line::from(vec![
            Span::styled(" Filter: ", theme.key()),
            Span::raw(fit(&grid.filter, width.saturating_sub(10))),
            Span::styled("▏", theme.key()),
        ])];
    }
    if let Some(said) = &grid.status {
        return wrap_or_cut(&clean_line(said), width.saturating_sub(1), 2)
            .into_iter()
            .map(|l| Line::styled(format!(" {l}"), theme.ok()))
            .collect();
    }
    if !grid.filter.is_empty() {
        return vec![Line::raw(fit(
            &format!(" Filter: {} (Esc clears)", grid.filter),
            width,
        ))];
    }
    let reviewer = if grid.reviewer.trim().is_empty() {
        "nobody (start with --as NAME)".to_owned()
    } else {
        clean_line(&grid.reviewer).into_owned()
    };
    vec![Line::styled(
        fit(&format!(" Enter reviews as {reviewer}"), width),
        theme.dim(),
    )]
}

fn draw_help(frame: &mut Frame, theme: &Theme) {
    let full = frame.area();
    let height = (GRID_KEYS.len() + FILTER_KEYS.len() + 8) as u16;
    let area: Rect = centered(full, full.width.saturating_sub(4).min(90), height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" Calibration keys ", theme.title()))
        .title_bottom(Span::styled(" any key closes ", theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = keys(GRID_KEYS, theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(" In the filter line", theme.title()));
    lines.extend(keys(FILTER_KEYS, theme));
    lines.push(Line::raw(""));
    lines.push(Line::raw(
        " Cells: met of applicable, ○ none ░ < ¼ ▒ ¼+ ▓ ½+ █ ¾+; · not rated;",
    ));
    lines.push(Line::raw(
        " ! self and manager two points apart; ✓ round signed off.",
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub(crate) fn keys<A>(table: &[Binding<A>], theme: &Theme) -> Vec<Line<'static>> {
    table
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {} ", pad(b.label, 7)), theme.key()),
                Span::raw(b.help),
            ])
        })
        .collect()
}
