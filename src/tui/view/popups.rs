//! The smaller popups: note editor, search, and the question asked when the
//! profile changed on disk.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::widgets::{centered, fit};
use crate::tui::app::{App, NoteEditor, Search};
use crate::tui::theme::Theme;

pub fn draw_note(frame: &mut Frame, app: &App, editor: &NoteEditor, theme: &Theme) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(6).min(100),
        full.height.saturating_sub(4).min(20),
    );
    frame.render_widget(Clear, area);
    let statement = &app.level().areas[editor.area].statements[editor.row];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {} ", editor.prompt), theme.title()))
        .title_bottom(Span::styled(
            " Esc close and keep · Enter new line ",
            theme.dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_height = (inner.height / 3).clamp(1, 4);
    let [text, rule, edit] = Layout::vertical([
        Constraint::Length(text_height),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(super::widgets::visible_part(&statement.text, text))
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
        text,
    );
    frame.render_widget(
        Paragraph::new("─".repeat(rule.width as usize)).style(theme.border()),
        rule,
    );
    frame.render_widget(&editor.textarea, edit);
}

pub fn draw_search(frame: &mut Frame, app: &App, search: &Search, theme: &Theme) {
    let full = frame.area();
    let height = (search.matches.len() as u16 + 3).clamp(3, full.height.saturating_sub(2).max(3));
    let area = centered(full, full.width.saturating_sub(6).min(100), height);
    frame.render_widget(Clear, area);
    let count = match search.matches.len() {
        0 if search.query.is_empty() => "type to search statements and notes".to_owned(),
        0 => "no match".to_owned(),
        n => format!("{n} matches · ↑↓ choose · Enter jump"),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" Search ", theme.title()))
        .title_bottom(Span::styled(format!(" {count} · Esc close "), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(search.query.clone()),
        Span::styled("▏", theme.key()),
    ])];
    let rows = (inner.height as usize).saturating_sub(1);
    let first = search.selected.saturating_sub(rows.saturating_sub(1));
    for (i, &(a, r)) in search.matches.iter().enumerate().skip(first).take(rows) {
        let area = &app.level().areas[a];
        let text = format!(
            "{} {} · {}",
            if i == search.selected { "▶" } else { " " },
            area.name,
            area.statements[r].text
        );
        let line = Line::raw(fit(&text, width));
        lines.push(if i == search.selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_conflict(frame: &mut Frame, theme: &Theme) {
    let area = centered(frame.area(), 64, 8);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error())
        .title(Span::styled(" The profile changed on disk ", theme.error()));
    let lines = vec![
        Line::raw("Another program changed the profile since rungs read it."),
        Line::raw("Your last change is not saved yet."),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" r ", theme.key()),
            Span::raw("reload theirs (your last change is dropped)"),
        ]),
        Line::from(vec![
            Span::styled(" k ", theme.key()),
            Span::raw("keep mine (save over theirs; a backup stays)"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
