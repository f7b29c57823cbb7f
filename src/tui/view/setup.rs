//! The first-run setup screen.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::widgets::{centered, fit, pad};
use crate::model::text::clean_line;
use crate::tui::setup::{Field, Setup};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, setup: &Setup, profile_path: &str, theme: &Theme) {
    if super::too_small(frame, theme) {
        return;
    }
    let full = frame.area();
    // Room for the questions, the open picker's choices, and the footer.
    let choices = match setup.field {
        Field::Name => 0,
        field => setup.choices(field).len().min(10) as u16,
    };
    let area = centered(
        full,
        full.width.saturating_sub(4).min(84),
        full.height.saturating_sub(2).min(12 + choices),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" Welcome to rungs ", theme.title()))
        .title_bottom(Span::styled(
            " ↑↓ choose · Enter next · S-Tab back · C-u clear name · Esc quit ",
            theme.dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;

    let mut lines = vec![
        Line::raw(fit(
            " Rate yourself against your career framework. A few questions first:",
            width,
        )),
        Line::from(Span::styled(
            fit(
                &format!(" Your profile will be saved in {profile_path}"),
                width,
            ),
            theme.dim(),
        )),
        Line::raw(""),
    ];
    let label = |field: Field| match field {
        Field::Name => "Your name",
        Field::Framework => "Framework",
        Field::Craft => "Craft",
        Field::Level => "Level",
    };
    for field in [Field::Name, Field::Framework, Field::Craft, Field::Level] {
        let focused = field == setup.field && setup.asked().contains(&field);
        let style = if focused { theme.key() } else { theme.dim() };
        let value = match field {
            Field::Name => clean_line(&setup.name).into_owned() + if focused { "▏" } else { "" },
            _ => setup.selected(field).map(|c| c.name).unwrap_or_default(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", pad(label(field), 10)), style),
            Span::styled(
                fit(&value, width.saturating_sub(12)),
                if focused {
                    theme.title()
                } else {
                    Default::default()
                },
            ),
        ]));
        if focused && field != Field::Name {
            let choices = setup.choices(field);
            let chosen = setup.selected(field);
            let room = (inner.height as usize)
                .saturating_sub(lines.len() + 6)
                .max(1);
            let here = choices
                .iter()
                .position(|c| Some(c) == chosen.as_ref())
                .unwrap_or(0);
            let first = here.saturating_sub(room.saturating_sub(1));
            for choice in choices.iter().skip(first).take(room) {
                let selected = Some(choice) == chosen.as_ref();
                let text = format!(
                    "   {} {} ({})",
                    if selected { "▶" } else { " " },
                    choice.name,
                    choice.id
                );
                let line = Line::raw(fit(&text, width));
                lines.push(if selected {
                    line.style(theme.selected())
                } else {
                    line
                });
            }
        }
    }
    lines.push(Line::raw(""));
    if let Some(error) = &setup.error {
        lines.push(Line::from(Span::styled(format!(" {error}"), theme.error())));
    } else {
        lines.push(Line::from(Span::styled(
            " Press Enter to go on; nothing is saved until the last answer.",
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
