//! The harvest list: a row per proposed commit (its day, `REPO@SHA`, what
//! kind of commit, the text), the selected one in full below, and over it
//! the statement pick list or the text line when they are open. Every text
//! from git passes `clean_line` before it is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::calibrate::keys;
use super::widgets::{centered, fit, pad, pad_into, put_lines};
use crate::model::text::clean_line;
use crate::present::wrap_or_cut;
use crate::tui::harvest::{
    Decision, EDIT_KEYS, Harvesting, LIST_KEYS, Line as TextLine, Mode, PICK_KEYS, Picker,
};
use crate::tui::keys::hints;
use crate::tui::theme::Theme;

/// Columns of a row before the text: marker, mark, day, link.
const DAY: usize = 10;

pub fn draw(frame: &mut Frame, state: &Harvesting, theme: &Theme) {
    let area = frame.area();
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let repos: Vec<String> = state
        .sources
        .iter()
        .map(|s| clean_line(&s.name).into_owned())
        .collect();
    lines.push(Line::from(vec![
        Span::styled(" Harvest ", theme.title()),
        Span::raw(fit(
            &clean_line(&format!(
                "· {} · {} from {}",
                state.profile.person,
                crate::present::count(state.entries.len(), "commit"),
                repos.join(", ")
            )),
            width.saturating_sub(9),
        )),
    ]));
    lines.push(Line::raw(fit(
        &format!(
            " {} accepted · {} skipped · {} to decide",
            state.count(true),
            state.count(false),
            state.open_count()
        ),
        width,
    )));
    let detail = detail(state, width, theme);
    let status = status(state, width, theme);
    let body = height.saturating_sub(3 + detail.len() + status.len());
    if state.entries.is_empty() {
        lines.push(Line::styled(
            " Nothing to propose: every commit of yours in range is accepted or skipped.",
            theme.dim(),
        ));
    }
    let offset = state.row.saturating_sub(body.saturating_sub(1));
    let link_width = state.link_width.min(width / 3);
    for (i, entry) in state.entries.iter().enumerate().skip(offset).take(body) {
        let selected = i == state.row;
        let mark = match entry.decision {
            Decision::Open => " ",
            Decision::Accepted(_) => "✓",
            Decision::Skipped => "–",
        };
        let kind = entry.proposal.kind();
        let kind = if kind.is_empty() {
            String::new()
        } else {
            format!("[{kind}] ")
        };
        let head = format!(
            "{}{mark} {} {} ",
            if selected { "▶" } else { " " },
            pad(&entry.proposal.commit.date.to_string(), DAY),
            pad(&clean_line(&entry.proposal.link()), link_width),
        );
        let rest = width.saturating_sub(UnicodeWidthStr::width(head.as_str()));
        let mut line = head;
        pad_into(
            &mut line,
            &clean_line(&format!("{kind}{}", entry.text)),
            rest,
        );
        let style = match (&entry.decision, selected) {
            (_, true) => theme.selected(),
            (Decision::Open, false) => ratatui::style::Style::new(),
            (_, false) => theme.dim(),
        };
        lines.push(Line::styled(line, style));
    }
    while lines.len() < 2 + body {
        lines.push(Line::raw(""));
    }
    lines.extend(detail);
    lines.extend(status);
    let footer = match &state.mode {
        Mode::Edit(_) => hints(EDIT_KEYS),
        Mode::Pick(_) => hints(PICK_KEYS),
        Mode::List | Mode::Help => hints(LIST_KEYS),
    };
    lines.push(Line::styled(fit(&format!(" {footer}"), width), theme.dim()));
    put_lines(frame, area, &lines);
    match &state.mode {
        Mode::Pick(picker) => draw_picker(frame, state, picker, theme),
        Mode::Help => draw_help(frame, theme),
        Mode::List | Mode::Edit(_) => {}
    }
}

/// The selected commit in full: its text over two lines at most, its
/// author and where it is.
fn detail(state: &Harvesting, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(entry) = state.entries.get(state.row) else {
        return Vec::new();
    };
    let commit = &entry.proposal.commit;
    let mut lines = vec![Line::styled(
        fit(
            &format!(" Commit {} of {} ", state.row + 1, state.entries.len()),
            width,
        ),
        theme.title(),
    )];
    lines.extend(
        wrap_or_cut(&clean_line(&entry.text), width.saturating_sub(2), 2)
            .into_iter()
            .map(|l| Line::raw(format!(" {l}"))),
    );
    let source = state
        .sources
        .get(entry.source)
        .map_or(String::new(), |s| format!(" in {}", s.path));
    lines.push(Line::styled(
        fit(
            &clean_line(&format!(
                " {} <{}> · {}{source}",
                commit.author, commit.email, commit.sha
            )),
            width,
        ),
        theme.dim(),
    ));
    if let Decision::Accepted(id) = &entry.decision {
        let statements = state
            .profile
            .items()
            .get(id)
            .map_or(0, |item| item.statements.len());
        lines.push(Line::styled(
            fit(
                &clean_line(&format!(
                    " Evidence {id}, supporting {}",
                    crate::present::count(statements, "statement")
                )),
                width,
            ),
            theme.ok(),
        ));
    }
    lines
}

/// The text line being typed, or what the last choice did.
fn status(state: &Harvesting, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    if let Mode::Edit(line) = &state.mode {
        return vec![edit_line(line, width, theme)];
    }
    match &state.status {
        Some(said) => {
            let style = if said.starts_with("NOT SAVED") {
                theme.error()
            } else {
                theme.ok()
            };
            wrap_or_cut(&clean_line(said), width.saturating_sub(1), 2)
                .into_iter()
                .map(|l| Line::styled(format!(" {l}"), style))
                .collect()
        }
        None => Vec::new(),
    }
}

/// ` Text: words▏more`, scrolled so the cursor is in view.
fn edit_line(line: &TextLine, width: usize, theme: &Theme) -> Line<'static> {
    const LABEL: &str = " Text: ";
    let room = width.saturating_sub(LABEL.len() + 1).max(1);
    let chars: Vec<char> = line.text.chars().collect();
    let first = line.cursor.saturating_sub(room.saturating_sub(1));
    let before: String = chars[first..line.cursor].iter().collect();
    let after: String = chars[line.cursor..].iter().collect();
    let before = clean_line(&before).into_owned();
    let after = fit(
        &clean_line(&after),
        room.saturating_sub(UnicodeWidthStr::width(before.as_str())),
    );
    Line::from(vec![
        Span::styled(LABEL, theme.key()),
        Span::raw(before),
        Span::styled("▏", theme.key()),
        Span::raw(after),
    ])
}

fn draw_picker(frame: &mut Frame, state: &Harvesting, picker: &Picker, theme: &Theme) {
    let full = frame.area();
    let area: Rect = centered(
        full,
        full.width.saturating_sub(4).min(110),
        full.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let picked = picker.picked.iter().filter(|p| **p).count();
    let level = state
        .choices
        .get(picker.row)
        .map_or(String::new(), |c| format!("{} · ", clean_line(&c.level)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(
            fit(
                &format!(" Statements this commit supports · {level}{picked} picked "),
                usize::from(area.width).saturating_sub(2),
            ),
            theme.title(),
        ))
        .title_bottom(Span::styled(format!(" {} ", hints(PICK_KEYS)), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // Below the list: a blank line, the statement's key, its words whole.
    let rows = usize::from(inner.height).saturating_sub(4);
    let offset = picker.row.saturating_sub(rows.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::with_capacity(rows + 2);
    let place_width = state.place_width.min(width / 2);
    for (i, choice) in state.choices.iter().enumerate().skip(offset).take(rows) {
        let tick = if picker.picked.get(i).copied().unwrap_or(false) {
            "[x]"
        } else {
            "[ ]"
        };
        let head = format!(
            "{}{tick} {} ",
            if i == picker.row { "▶" } else { " " },
            pad(&clean_line(&choice.place), place_width)
        );
        let rest = width.saturating_sub(UnicodeWidthStr::width(head.as_str()));
        let mut line = head;
        pad_into(&mut line, &clean_line(&choice.text), rest);
        let style = if i == picker.row {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(line, style));
    }
    lines.push(Line::raw(""));
    if let Some(choice) = state.choices.get(picker.row) {
        let words = wrap_or_cut(
            &clean_line(&format!("{}: {}", choice.key, choice.text)),
            width.saturating_sub(2),
            2,
        );
        lines.extend(words.into_iter().map(|l| Line::raw(format!(" {l}"))));
    }
    put_lines(frame, inner, &lines);
}

fn draw_help(frame: &mut Frame, theme: &Theme) {
    let full = frame.area();
    let height = (LIST_KEYS.len() + PICK_KEYS.len() + EDIT_KEYS.len() + 8) as u16;
    let area: Rect = centered(full, full.width.saturating_sub(4).min(96), height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" Harvest keys ", theme.title()))
        .title_bottom(Span::styled(" any key closes ", theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = keys(LIST_KEYS, theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Picking statements", theme.title()));
    lines.extend(keys(PICK_KEYS, theme));
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Editing the text", theme.title()));
    lines.extend(keys(EDIT_KEYS, theme));
    frame.render_widget(Paragraph::new(lines), inner);
}
