//! The evidence dialog (`v`) and the lines the detail pane shows of a
//! statement's evidence. Every text of an item comes from a file: each is
//! shown through `clean_line`, a line of its own at most.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::widgets::{centered, fit, visible_part};
use crate::model::Evidence;
use crate::model::text::clean_line;
use crate::tui::app::App;
use crate::tui::evidence::{EvidenceDialog, FIELDS, Stage};
use crate::tui::keys::hints;
use crate::tui::theme::Theme;

/// `2026-10-04  Led the design review`: an item's day and words.
pub fn item_line(item: &Evidence) -> String {
    format!("{}  {}", item.date, clean_line(&item.text))
}

/// Its links and commits, `·` between, or nothing.
pub fn item_links(item: &Evidence) -> Option<String> {
    let all: Vec<String> = item
        .links
        .iter()
        .chain(&item.commits)
        .map(|l| clean_line(l).into_owned())
        .collect();
    (!all.is_empty()).then(|| all.join(" · "))
}

/// The statement's evidence for the detail pane: a heading, then each
/// item's line and its links, as many items as `rows` can show (the pane
/// draws no more than that; `v` lists them all).
pub fn detail_lines(app: &App, theme: &Theme, rows: usize) -> Vec<Line<'static>> {
    let key = app.selected_key();
    let count = app.profile.items().of(key.as_str()).count();
    if count == 0 {
        return Vec::new();
    }
    let whose = match app.evidence_locked() {
        Some(_) => format!("{}'s evidence", clean_line(&app.profile.person)),
        None => "Evidence".to_owned(),
    };
    let mut lines = vec![Line::styled(
        format!("{whose} ({count}, v opens):"),
        theme.key(),
    )];
    let shown = (rows / 2).max(1).min(count);
    for item in app.profile.items().of(key.as_str()).take(shown) {
        lines.push(Line::raw(format!("◆ {}", item_line(item))));
        if let Some(links) = item_links(item) {
            lines.push(Line::styled(format!("  {links}"), theme.dim()));
        }
    }
    if shown < count {
        lines.push(Line::styled(
            format!("… and {} more: v lists them all", count - shown),
            theme.dim(),
        ));
    }
    lines
}

pub fn draw(frame: &mut Frame, app: &App, dialog: &EvidenceDialog, theme: &Theme) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(6).min(100),
        full.height.saturating_sub(4).min(24),
    );
    frame.render_widget(Clear, area);
    let mut bottom = vec![Span::styled(
        format!(" {} ", hints(dialog.keys())),
        theme.dim(),
    )];
    if app.waiting().is_some() {
        bottom.insert(
            0,
            Span::styled(
                " The file changed on disk: Esc, then choose ",
                theme.error(),
            ),
        );
    }
    let title = match dialog.stage {
        Stage::Add(_) => " New evidence ",
        Stage::Pick { .. } => " Link an item of another statement ",
        _ => " Evidence ",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(
            format!("{title}· {} ", clean_line(&app.describe(&dialog.key))),
            theme.title(),
        ))
        .title_bottom(Line::from(bottom));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let statement = visible_part(app.statement_text(&dialog.key), inner);
    let mut lines = vec![
        Line::styled(fit(&clean_line(statement), width), theme.dim()),
        Line::raw(""),
    ];
    let items = app.profile.items();
    match &dialog.stage {
        Stage::List | Stage::ConfirmDelete => {
            let listed = dialog.listed(items);
            if listed.is_empty() {
                lines.push(Line::raw(match app.evidence_locked() {
                    Some(_) => "No evidence for this statement.",
                    None => "No evidence yet: a adds an item, l links one of another statement.",
                }));
            }
            // After an unlink the choice may be past the end: the last is chosen.
            let selected = dialog.selected.min(listed.len().saturating_sub(1));
            let rows = usize::from(inner.height).saturating_sub(4) / 2;
            let first = selected.saturating_sub(rows.saturating_sub(1));
            for (i, item) in listed.iter().enumerate().skip(first).take(rows.max(1)) {
                item_rows(&mut lines, app, item, i == selected, width, theme);
            }
            if dialog.stage == Stage::ConfirmDelete
                && let Some(item) = listed.get(selected)
            {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    fit(
                        &format!(
                            "Delete “{}” for good, from all {} of its statements? y deletes (u undoes), n keeps it.",
                            clean_line(&item.text),
                            item.statements.len()
                        ),
                        width * 2,
                    ),
                    theme.error(),
                ));
            }
        }
        Stage::Pick { selected } => {
            let offered = dialog.offered(items);
            if offered.is_empty() {
                lines.push(Line::raw(
                    "Every item of the profile is linked to this statement already.",
                ));
            }
            let rows = usize::from(inner.height).saturating_sub(2) / 2;
            let first = selected.saturating_sub(rows.saturating_sub(1));
            for (i, item) in offered.iter().enumerate().skip(first).take(rows.max(1)) {
                item_rows(&mut lines, app, item, i == *selected, width, theme);
            }
        }
        Stage::Add(form) => {
            for (i, (name, value)) in FIELDS.iter().zip(&form.fields).enumerate() {
                let focused = i == form.focus;
                let mut spans = vec![
                    Span::styled(format!("{name:>5}: "), theme.key()),
                    Span::raw(clean_line(value).into_owned()),
                ];
                if focused {
                    spans.push(Span::styled("▏", theme.key()));
                }
                let line = Line::from(spans);
                lines.push(if focused {
                    line.style(theme.selected())
                } else {
                    line
                });
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Date: YYYY-MM-DD, not after today. Link: a web address, or a commit as REPO@SHA (rungs@1a2b3c4); may stay empty.",
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// An item in a list: its line (chosen or not) and, dim, its links and the
/// other statements it supports.
fn item_rows(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    item: &Evidence,
    chosen: bool,
    width: usize,
    theme: &Theme,
) {
    let head = format!("{} {}", if chosen { "▶" } else { " " }, item_line(item));
    let line = Line::raw(fit(&head, width));
    lines.push(if chosen {
        line.style(theme.selected())
    } else {
        line
    });
    let mut more: Vec<String> = item_links(item).into_iter().collect();
    let others: Vec<String> = item
        .statements
        .iter()
        .map(|k| crate::model::StatementKey::as_written(k))
        .map(|k| clean_line(&app.describe(&k)).into_owned())
        .collect();
    if !others.is_empty() {
        more.push(format!("supports {}", others.join(", ")));
    }
    lines.push(Line::styled(
        fit(&format!("    {}", more.join(" · ")), width),
        theme.dim(),
    ));
}
