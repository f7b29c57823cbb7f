//! Small pieces the screens share: text fitted to a width, rating cells,
//! bars, popups.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

pub use crate::present::{fit, fit_into, wrap_words};

/// The start of `text` that can fill `area` when wrapped: a pane of `w`×`h`
/// cells shows at most `w`·`h` characters, so only that much of a long note
/// or statement is cleaned, wrapped and drawn, whatever the text's length.
pub fn visible_part(text: &str, area: Rect) -> &str {
    crate::present::head(text, usize::from(area.width) * usize::from(area.height))
}

use crate::model::{Mark, Scale};
use crate::tui::theme::Theme;

/// `s` fitted and padded with spaces to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(width + 2);
    pad_into(&mut out, s, width);
    out
}

/// Appends `s` fitted and padded with spaces to exactly `width` columns.
pub fn pad_into(out: &mut String, s: &str, width: usize) {
    let used = fit_into(out, s, width);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
}

/// Writes `line` at `(x, y)`, at most `max_width` columns, as
/// `Buffer::set_line` does, but copies runs of simple characters (see
/// `is_simple`) a character a cell: splitting text into graphemes is most of
/// the cost of a frame whose list of statements fills a wide screen, and
/// almost all text shown is made of such characters.
pub fn put_line(buffer: &mut Buffer, x: u16, y: u16, line: &Line, max_width: u16) {
    let right = x.saturating_add(max_width).min(buffer.area.right());
    let mut x = x;
    for span in line {
        if x >= right {
            break;
        }
        x = put_str(
            buffer,
            x,
            y,
            &span.content,
            right,
            line.style.patch(span.style),
        );
    }
}

fn put_str(buffer: &mut Buffer, x: u16, y: u16, text: &str, right: u16, style: Style) -> u16 {
    if !buffer.area.contains(Position { x, y }) {
        return x;
    }
    let start = buffer.index_of(x, y);
    let room = usize::from(right - x);
    let mut count = 0;
    let mut rest = text.len();
    let mut chars = text.char_indices();
    let mut current = chars.next();
    let mut current_is_simple = current.is_some_and(|(_, c)| is_simple(c));
    while let Some((i, c)) = current {
        // A character is a grapheme of its own when neither it nor the next
        // one can join it (`e` and a combining accent, an emoji and its
        // variation selector): such pairs go the careful way.
        let next = chars.next();
        let next_is_simple = next.is_none_or(|(_, n)| is_simple(n));
        if count == room || !current_is_simple || !next_is_simple {
            rest = i;
            break;
        }
        buffer.content[start + count].set_char(c).set_style(style);
        count += 1;
        (current, current_is_simple) = (next, next_is_simple);
    }
    let x = x + u16::try_from(count).unwrap_or(0);
    if rest == text.len() || x >= right {
        return x;
    }
    buffer
        .set_stringn(x, y, &text[rest..], usize::from(right - x), style)
        .0
}

/// Characters one column wide that never join the character before or
/// after them into one grapheme, when that one is simple too: printable
/// ASCII, Latin-1 letters and signs, and the dashes, quotes, arrows, box
/// lines, blocks, shapes and dingbats the screens are drawn with.
fn is_simple(c: char) -> bool {
    match c {
        ' '..='~' => true,
        '\u{A0}'..='\u{FF}' => c != '\u{AD}',
        '\u{2010}'..='\u{2027}' | '\u{2190}'..='\u{23FF}' | '\u{2500}'..='\u{27BF}' => {
            c.width() == Some(1)
        }
        _ => false,
    }
}

/// Draws a pane's border with `title` on its top edge, as `Block` with all
/// borders draws it, and gives the room inside. `Block` also restyles every
/// cell inside, a pass over the whole pane that ours never needs.
pub fn draw_box(buffer: &mut Buffer, area: Rect, title: Span, style: Style) -> Rect {
    let area = area.intersection(buffer.area);
    if area.width < 2 || area.height < 2 {
        let block = ratatui::widgets::Block::bordered()
            .border_style(style)
            .title(title);
        let inner = block.inner(area);
        ratatui::widgets::Widget::render(block, area, buffer);
        return inner;
    }
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    let (left, right) = (area.left(), area.right() - 1);
    let (top, bottom) = (area.top(), area.bottom() - 1);
    let mut put = |x: u16, y: u16, symbol: &str| {
        buffer[(x, y)].set_symbol(symbol).set_style(style);
    };
    for x in inner.left()..inner.right() {
        put(x, top, "─");
        put(x, bottom, "─");
    }
    for y in inner.top()..inner.bottom() {
        put(left, y, "│");
        put(right, y, "│");
    }
    put(left, top, "┌");
    put(right, top, "┐");
    put(left, bottom, "└");
    put(right, bottom, "┘");
    put_line(buffer, inner.x, area.y, &Line::from(title), inner.width);
    inner
}

/// A rule along the top row of `area` with `title` on it, as `Block` with a
/// top border draws it, and the room below, a column in from each side.
pub fn draw_rule(buffer: &mut Buffer, area: Rect, title: Span, style: Style) -> Rect {
    let area = area.intersection(buffer.area);
    if !area.is_empty() {
        for x in area.left()..area.right() {
            buffer[(x, area.y)].set_symbol("─").set_style(style);
        }
        put_line(buffer, area.x, area.y, &Line::from(title), area.width);
    }
    Rect {
        x: area.x.saturating_add(1),
        y: area.y + area.height.min(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(1),
    }
}

/// Display width of the widest label on the scale.
pub fn label_width(scale: &Scale) -> usize {
    scale
        .points
        .iter()
        .map(|p| unicode_width::UnicodeWidthStr::width(p.label.as_str()))
        .max()
        .unwrap_or(0)
        .max(9)
}

/// A rating as a pip gauge and its label: `■■■□ Mostly`, `·    not rated`,
/// `–    n/a`, the label padded to `width` (`label_width`). The pips tell
/// the value without colour.
pub fn mark_cell(mark: Mark, scale: &Scale, width: usize, theme: &Theme) -> [Span<'static>; 2] {
    let pips = scale.points.len();
    // The gauge and the label are two spans so the label, mostly ASCII,
    // takes `put_line`'s quick way.
    let (gauge, label, style) = match mark {
        Mark::Unrated => (
            format!("·{}", " ".repeat(pips - 1)),
            "not rated",
            theme.unrated(),
        ),
        Mark::NotApplicable => (format!("–{}", " ".repeat(pips - 1)), "n/a", theme.dim()),
        Mark::Value(v) => {
            let filled = scale.points.iter().filter(|p| p.value <= v).count();
            let gauge = format!("{}{}", "■".repeat(filled), "□".repeat(pips - filled));
            let style = theme.rating(scale.fraction(f64::from(v)), scale.is_met(v));
            (gauge, scale.label(v), style)
        }
    };
    [
        Span::styled(gauge, style),
        Span::styled(format!(" {}", pad(label, width)), style),
    ]
}

/// A short form of a rating for the column beside: `3`, `n/a`, `·`.
pub fn mark_short(mark: Mark) -> String {
    match mark {
        Mark::Unrated => "·".into(),
        Mark::NotApplicable => "n/a".into(),
        Mark::Value(v) => v.to_string(),
    }
}

/// A bar of `width` cells for a share of 0.0 to 1.0.
pub fn bar(share: f64, width: usize, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    let filled = crate::present::filled(share, width);
    vec![
        Span::styled("█".repeat(filled), style),
        Span::styled("░".repeat(width - filled), theme.dim()),
    ]
}

/// Writes `lines` into `area` from its top, a line a row, with
/// [`put_line`]'s fast path (no wrapping: each line is fitted already).
pub fn put_lines(frame: &mut ratatui::Frame, area: Rect, lines: &[Line]) {
    let buffer = frame.buffer_mut();
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        put_line(buffer, area.x, y, line, area.width);
    }
}

/// A rectangle of the given size centred in `area`, never larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Block;

    #[test]
    fn only_what_a_pane_can_show_of_a_long_text_is_taken() {
        let long = "é".repeat(10_000_000);
        let part = visible_part(&long, Rect::new(0, 0, 80, 10));
        assert_eq!(part.chars().count(), 800);
        assert_eq!(visible_part("short", Rect::new(0, 0, 80, 10)), "short");
        assert_eq!(visible_part("text", Rect::new(0, 0, 0, 10)), "");
    }

    #[test]
    fn fit_respects_display_width() {
        assert_eq!(fit("hello", 10), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("日本語テキスト", 5), "日本…");
        assert_eq!(pad("日本", 5), "日本 ");
        assert_eq!(fit("abc", 0), "");
    }

    fn both_ways(line: &Line, x: u16, width: u16) -> (Buffer, Buffer) {
        let area = Rect::new(0, 0, 12, 2);
        let mut ours = Buffer::empty(area);
        let mut theirs = Buffer::empty(area);
        put_line(&mut ours, x, 1, line, width);
        theirs.set_line(x, 1, line, width);
        (ours, theirs)
    }

    #[test]
    fn put_line_writes_what_set_line_writes() {
        let styled = Style::default().fg(ratatui::style::Color::Red);
        for text in [
            "plain ascii text",
            "e\u{301}tude",
            "ab日本語cd",
            "a\u{1b}[2Jb",
            "👍🏽 ok",
            "■■■□ Mostly ✎ … ▶ ·",
            "✎\u{FE0F}x",
            "é\u{301}",
            "tab\there",
            "",
        ] {
            let line = Line::from(vec![Span::raw("> "), Span::styled(text, styled)]);
            for (x, width) in [(0, 12), (3, 5), (11, 4), (12, 3)] {
                let (ours, theirs) = both_ways(&line, x, width);
                assert_eq!(ours, theirs, "{text:?} at {x} in {width}");
            }
        }
    }

    #[test]
    fn every_simple_character_is_drawn_as_set_line_draws_it() {
        // `a{c}b` drawn alike means `c` neither joins what comes before it
        // nor what comes after, so no two simple characters ever join.
        let simple = ('\u{0}'..='\u{27FF}').filter(|&c| is_simple(c));
        for c in simple {
            for text in [
                format!("{c}"),
                format!("a{c}b"),
                format!("{c}{c}"),
                format!("{c}\u{301}x"),
                format!("{c}\u{FE0F}x"),
                format!("{c}\u{200D}{c}"),
            ] {
                let line = Line::from(text.as_str());
                let (ours, theirs) = both_ways(&line, 1, 10);
                assert_eq!(ours, theirs, "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn put_line_matches_set_line_on_any_text(text in "\\PC{0,16}|[ -~]{0,16}|[a-e■✎…é\u{301}\u{FE0F}\u{200D}日👍]{0,16}", x in 0u16..14, width in 0u16..14) {
            let line = Line::from(vec![Span::raw(text.clone()), Span::raw("|")]);
            let (ours, theirs) = both_ways(&line, x, width);
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    /// Draws with `ours` and with `block` at each size and compares the
    /// cells and the room inside.
    fn same_as_block(ours: impl Fn(&mut Buffer, Rect) -> Rect, block: Block, sizes: &[(u16, u16)]) {
        for &(width, height) in sizes {
            let area = Rect::new(0, 0, 24, 8);
            let pane = Rect::new(1, 1, width, height);
            let mut mine = Buffer::empty(area);
            let mut theirs = Buffer::empty(area);
            let inner = ours(&mut mine, pane);
            assert_eq!(
                inner,
                block.inner(pane.intersection(area)),
                "{width}×{height}"
            );
            ratatui::widgets::Widget::render(&block, pane, &mut theirs);
            assert_eq!(mine, theirs, "{width}×{height}");
        }
    }

    #[test]
    fn draw_box_draws_what_block_draws() {
        let style = Style::default().fg(ratatui::style::Color::Blue);
        let title = Span::styled(
            " Title · 日本 ",
            Style::default().fg(ratatui::style::Color::Red),
        );
        same_as_block(
            |buffer, pane| draw_box(buffer, pane, title.clone(), style),
            Block::bordered().border_style(style).title(title.clone()),
            &[(20, 6), (8, 3), (2, 2), (1, 4), (5, 1), (0, 0), (30, 9)],
        );
    }

    #[test]
    fn draw_rule_draws_what_a_top_border_draws() {
        let style = Style::default().fg(ratatui::style::Color::Blue);
        let title = " Statement 2 of 3 ";
        same_as_block(
            |buffer, pane| draw_rule(buffer, pane, Span::raw(title), style),
            Block::new()
                .borders(ratatui::widgets::Borders::TOP)
                .border_style(style)
                .title(title)
                .padding(ratatui::widgets::Padding::horizontal(1)),
            &[(20, 6), (8, 1), (1, 3), (2, 2), (0, 0), (30, 9)],
        );
    }
}
