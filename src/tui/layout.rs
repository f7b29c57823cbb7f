//! What a frame learned about the screen that answering keys and clicks
//! needs: where things were drawn, how many statement rows fitted, how far
//! the scrolling texts go. The view finds these while drawing into the
//! loop's [`ViewState`](super::view::ViewState); the loop hands them to the
//! app after each frame ([`App::set_layout`](super::app::App::set_layout)),
//! so drawing never writes the app's state.

use ratatui::layout::{Position, Rect};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// What a click on the screen reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Area(usize),
    Statement(usize),
    /// A rating pip of a statement's gauge: a click rates with its value.
    Pip {
        row: usize,
        value: u8,
    },
}

/// The facts of the last frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// How many statement rows the list showed: a page for PgUp / PgDn.
    pub list_rows: usize,
    /// Where the frame drew what a click can reach, later ones on top.
    pub hits: Vec<(Rect, Hit)>,
    /// How far the open popup's text (help, `D`, `C`) can scroll.
    pub popup_scroll_max: usize,
    /// How far the detail pane below the list can scroll.
    pub detail_scroll_max: usize,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            list_rows: 1,
            hits: Vec::new(),
            popup_scroll_max: usize::MAX,
            detail_scroll_max: usize::MAX,
        }
    }
}

impl Layout {
    /// What a click at `at` reaches, if anything.
    pub fn hit(&self, at: Position) -> Option<Hit> {
        self.hits
            .iter()
            .rev()
            .find(|(rect, _)| rect.contains(at))
            .map(|&(_, hit)| hit)
    }
}
