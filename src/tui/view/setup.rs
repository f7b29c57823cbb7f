//! The first-run setup screen.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::widgets::{centered, fit, pad};
use crate::model::text::clean_line;
use crate::tui::keys::{SETUP_KEYS, hints};
use crate::tui::setup::{Field, Setup};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, setup: &Setup, profile_path: &str, theme: &Theme) {
    if super::too_small(frame, theme) {
        return;
    }
    let full = frame.area();
    // Every framework, craft and level choice is listed at once, each list
    // under its question; the footer, questions and intro take 9 rows.
    let pickers = [Field::Framework, Field::Craft, Field::Level];
    let lists = pickers.map(|field| setup.choices(field));
    let wanted: usize = lists.iter().map(Vec::len).sum();
    let area = centered(
        full,
        full.width.saturating_sub(4).min(84),
        full.height
            .saturating_sub(2)
            .min(12 + wanted.min(usize::from(u16::MAX)) as u16),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" Welcome to rungs ", theme.title()))
        .title_bottom(Span::styled(
            format!(" {} ", hints(SETUP_KEYS)),
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
        Field::Manager => "Manager",
        Field::Framework => "Framework",
        Field::Craft => "Craft",
        Field::Level => "Level",
    };
    let rows = rows_for(
        &lists.each_ref().map(Vec::len),
        pickers.iter().position(|&f| f == setup.field),
        (inner.height as usize).saturating_sub(10),
    );
    for field in [
        Field::Name,
        Field::Manager,
        Field::Framework,
        Field::Craft,
        Field::Level,
    ] {
        let focused = field == setup.field && setup.asked().contains(&field);
        let style = if focused { theme.key() } else { theme.dim() };
        let cursor = if focused { "▏" } else { "" };
        let value = match field {
            Field::Name => clean_line(&setup.name).into_owned() + cursor,
            Field::Manager if setup.manager.is_empty() && focused => {
                format!("{cursor} your direct manager's name (optional: Enter skips)")
            }
            Field::Manager if setup.manager.is_empty() => "(optional)".to_owned(),
            Field::Manager => clean_line(&setup.manager).into_owned() + cursor,
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
        let Some(slot) = pickers.iter().position(|&f| f == field) else {
            continue;
        };
        let choices = &lists[slot];
        let chosen = setup.selected(field);
        let room = rows[slot];
        let here = choices
            .iter()
            .position(|c| Some(c) == chosen.as_ref())
            .unwrap_or(0);
        let first = here
            .saturating_sub(room.saturating_sub(1) / 2)
            .min(choices.len().saturating_sub(room));
        for choice in choices.iter().skip(first).take(room) {
            let selected = Some(choice) == chosen.as_ref();
            let text = format!(
                "   {} {} ({})",
                if selected { "▶" } else { " " },
                choice.name,
                choice.id
            );
            let line = Line::raw(fit(&text, width));
            lines.push(match (selected, focused) {
                (true, true) => line.style(theme.selected()),
                (true, false) => line.style(theme.title()),
                (false, true) => line,
                (false, false) => line.style(theme.dim()),
            });
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

/// Rows for each list of choices out of `room`: one at a time to each list
/// that wants more, the focused list first, so every list shows at least
/// its chosen line when there is room for it.
fn rows_for(lengths: &[usize; 3], focused: Option<usize>, room: usize) -> [usize; 3] {
    let mut rows = [0; 3];
    let mut room = room;
    let order: Vec<usize> = focused
        .into_iter()
        .chain((0..3).filter(|&i| Some(i) != focused))
        .collect();
    while room > 0 && (0..3).any(|i| rows[i] < lengths[i]) {
        for &i in &order {
            if room > 0 && rows[i] < lengths[i] {
                rows[i] += 1;
                room -= 1;
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::rows_for;

    #[test]
    fn rows_are_shared_focused_list_first() {
        assert_eq!(rows_for(&[1, 1, 1], Some(2), 20), [1, 1, 1]);
        assert_eq!(rows_for(&[10, 2, 10], Some(2), 9), [3, 2, 4]);
        assert_eq!(rows_for(&[10, 10, 10], Some(0), 4), [2, 1, 1]);
        assert_eq!(rows_for(&[3, 3, 3], None, 0), [0, 0, 0]);
    }
}
