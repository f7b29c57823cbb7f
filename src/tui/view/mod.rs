//! Drawing: one file per screen or popup, each reading `&App`.

pub mod assess;
pub mod calibrate;
pub mod compare;
pub mod evidence;
pub mod harvest;
pub mod help;
pub mod popups;
pub mod reviewers;
pub mod setup;
pub mod summary;
pub mod widgets;

use ratatui::Frame;
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay};
use super::layout::Layout;
pub use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;

/// What the view keeps from one frame to the next, and the layout facts it
/// found while drawing: owned by the loop, apart from the app's state, which
/// drawing only reads.
#[derive(Default)]
pub struct ViewState {
    /// The first row of the statement list shown: the list moves only as
    /// far as the selection needs.
    list_offset: usize,
    /// The facts of the last frame, for the app ([`ViewState::layout`]).
    layout: Layout,
    /// The `D` view's comparison, made once per change.
    level_diff: compare::LevelDiffCache,
}

impl ViewState {
    /// What the last frame drew where: the loop hands it to the app.
    pub fn layout(&self) -> Layout {
        self.layout.clone()
    }

    /// How many times the `D` view's comparison was made (for the tests:
    /// once per change, never once per frame).
    pub fn level_diffs_made(&self) -> usize {
        self.level_diff.made()
    }
}

pub fn draw(frame: &mut Frame, app: &App, view: &mut ViewState, theme: &Theme) {
    view.layout = Layout::default();
    if too_small(frame, theme) {
        return;
    }
    assess::draw(frame, app, view, theme);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help => help::draw(frame, app, view, theme),
        Overlay::Summary => summary::draw(frame, app, theme),
        Overlay::Note(editor) => popups::draw_note(frame, app, editor, theme),
        Overlay::Search(search) => popups::draw_search(frame, app, search, theme),
        Overlay::ActionLine(line) => popups::draw_action_line(frame, app, line, theme),
        Overlay::Dialog(dialog) => popups::draw_dialog(frame, dialog, app.question_state(), theme),
        Overlay::LevelDiff => compare::draw_level_diff(frame, app, view, theme),
        Overlay::RoundChanges => compare::draw_round_changes(frame, app, view, theme),
        Overlay::Evidence(dialog) => evidence::draw(frame, app, dialog, theme),
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
