//! The mouse: the wheel moves, a click selects or rates, from where the last frame drew what.

use super::*;

impl App {
    /// A mouse report: the wheel moves through the list, a click selects a
    /// statement or an area, a click on a rating pip rates with it. Popups
    /// take no clicks.
    pub fn mouse(&mut self, event: MouseEvent) -> Effect {
        self.just_rated = None;
        if !self.mouse_enabled
            || self.is_too_small()
            || self.held.is_some()
            || !matches!(self.overlay, Overlay::None)
        {
            return Effect::None;
        }
        self.status = None;
        match event.kind {
            MouseEventKind::ScrollDown => self.step(1),
            MouseEventKind::ScrollUp => self.step(-1),
            MouseEventKind::Down(MouseButton::Left) => {
                let at = Position::new(event.column, event.row);
                match self.layout.hit(at) {
                    Some(Hit::Area(area)) if area < self.area_count() => {
                        (self.area, self.row) = (area, 0);
                    }
                    Some(Hit::Statement(row)) if row < self.rows_in(self.area) => self.row = row,
                    Some(Hit::Pip { row, value }) if row < self.rows_in(self.area) => {
                        self.row = row;
                        return self.set_mark(Mark::Value(value));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        Effect::None
    }
}
