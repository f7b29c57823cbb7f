//! Drawing: one file per screen or popup, each reading `&App`.

pub mod assess;
pub mod calibrate;
pub mod compare;
pub mod help;
pub mod popups;
pub mod setup;
pub mod summary;
pub mod widgets;

use ratatui::Frame;
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay};
use super::theme::Theme;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    if too_small(frame, theme) {
        return;
    }
    assess::draw(frame, app, theme);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => help::draw(frame, app, theme),
        Overlay::Summary => summary::draw(frame, app, theme),
        Overlay::Note(editor) => popups::draw_note(frame, app, editor, theme),
        Overlay::Search(search) => popups::draw_search(frame, app, search, theme),
        Overlay::Dialog(dialog) => popups::draw_dialog(frame, dialog, app.question_state(), theme),
        Overlay::LevelDiff => compare::draw_level_diff(frame, app, theme),
        Overlay::RoundChanges => compare::draw_round_changes(frame, app, theme),
    }
}

/// Draws the "too small" message instead of a screen that cannot fit.
pub fn too_small(frame: &mut Frame, theme: &Theme) -> bool {
    let area = frame.area();
    if area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT {
        return false;
    }
    let text = format!(
        "Terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})",
        area.width, area.height
    );
    let lines = textwrap_simple(&text, area.width as usize);
    let height = lines.len() as u16;
    let centered = widgets::centered(area, area.width, height);
    frame.render_widget(
        Paragraph::new(lines.join("\n"))
            .style(theme.error())
            .centered(),
        centered,
    );
    true
}

/// Splits at spaces so the message reads even on a very narrow terminal.
fn textwrap_simple(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().map(|l| l.chars().count()).unwrap_or(0);
        if last > 0 && last + 1 + word.chars().count() > width.max(1) {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}
