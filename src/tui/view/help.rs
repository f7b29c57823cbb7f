//! The help popup, drawn from the key table and the framework's scale.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::widgets::{centered, pad};
use crate::tui::app::{App, Mode};
use crate::tui::keys::{
    ACTION_LINE_KEYS, BINDINGS, Binding, CONFIRM_KEYS, CONFLICT_KEYS, EVIDENCE_FORM_KEYS,
    EVIDENCE_KEYS, EVIDENCE_PICK_KEYS, NOTE_KEYS, REWORDED_KEYS, SEARCH_KEYS, UNSAVED_KEYS,
};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App, view: &mut super::ViewState, theme: &Theme) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(4).min(96),
        full.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" Keys ", theme.title()))
        .title_bottom(Span::styled(" Esc or ? close · j/k scroll ", theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let scale = app.scale();
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .filter(|b| b.applies(app.mode == Mode::Review))
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {} ", pad(&b.label_for(scale), 8)), theme.key()),
                Span::raw(b.help),
            ])
        })
        .collect();
    section(&mut lines, " In the note editor", NOTE_KEYS, theme);
    section(&mut lines, " In the search line", SEARCH_KEYS, theme);
    section(&mut lines, " In the evidence (v)", EVIDENCE_KEYS, theme);
    section(
        &mut lines,
        " In a new evidence item",
        EVIDENCE_FORM_KEYS,
        theme,
    );
    section(
        &mut lines,
        " Linking an item of another statement",
        EVIDENCE_PICK_KEYS,
        theme,
    );
    section(
        &mut lines,
        " In the action line (a)",
        ACTION_LINE_KEYS,
        theme,
    );
    section(
        &mut lines,
        " When the file changed on disk",
        CONFLICT_KEYS,
        theme,
    );
    section(
        &mut lines,
        " When quitting finds changes not saved",
        UNSAVED_KEYS,
        theme,
    );
    section(
        &mut lines,
        " On a statement reworded since rated",
        REWORDED_KEYS,
        theme,
    );
    section(&mut lines, " When asked yes or no", CONFIRM_KEYS, theme);
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        format!(" The scale (met from {})", scale.met_from),
        theme.title(),
    )));
    for point in &scale.points {
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {} ", pad(&point.value.to_string(), 8)),
                theme.key(),
            ),
            Span::raw(format!("{}: {}", point.label, point.description)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        " Every change is saved at once; a note is saved as you type. A paste only types into a note or the search.",
        theme.dim(),
    )));
    let max_offset = lines.len().saturating_sub(inner.height as usize);
    view.layout.popup_scroll_max = max_offset;
    let offset = app.popup_offset().min(max_offset);
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((offset as u16, 0));
    frame.render_widget(paragraph, inner);
}

/// The keys of one popup's table, under a heading.
fn section<A>(
    lines: &mut Vec<Line<'static>>,
    title: &'static str,
    table: &[Binding<A>],
    theme: &Theme,
) {
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(title, theme.title())));
    for binding in table {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", pad(binding.label, 8)), theme.key()),
            Span::raw(binding.help),
        ]));
    }
}
