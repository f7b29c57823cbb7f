//! Two comparisons drawn from the model's: the person's level beside the
//! next one (`D`, with the ratings given ahead), and what changed since the
//! last round (`C`). Both scroll with j/k.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::ViewState;
use super::widgets::centered;
use crate::model::Level;
use crate::model::level_diff::{Whole, Words, level_diff, word_diff};
use crate::model::round_diff::round_diff;
use crate::model::text::clean_line;
use crate::model::{Mark, Rating, StatementKey};
use crate::present::head;
use crate::tui::app::App;
use crate::tui::layout::Layout;
use crate::tui::theme::Theme;

/// The `D` view's lines, made when what they show changes (the levels
/// compared, the ratings given ahead), not every frame: pairing statements
/// and comparing their words costs more than a frame may.
#[derive(Default)]
pub struct LevelDiffCache {
    key: Option<LevelDiffKey>,
    lines: Vec<Line<'static>>,
    made: usize,
}

impl LevelDiffCache {
    pub fn made(&self) -> usize {
        self.made
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct LevelDiffKey {
    framework: String,
    craft: String,
    own: String,
    next: String,
    /// The ratings given ahead on the next level, by statement.
    ahead: Vec<(StatementKey, Mark)>,
}

/// A statement's words in the `D` view are cut past this many characters.
const MOST_SHOWN: usize = 2_000;

pub fn draw_level_diff(frame: &mut Frame, app: &App, view: &mut ViewState, theme: &Theme) {
    let Some(next) = app.next_level() else {
        return;
    };
    let own = app.own_level();
    let ahead: Vec<(StatementKey, Mark)> = next
        .statements()
        .filter_map(|(key, _, _)| {
            let mark = app.rating_of(&key).map_or(Mark::Unrated, Rating::mark);
            (mark != Mark::Unrated).then_some((key, mark))
        })
        .collect();
    let key = LevelDiffKey {
        framework: app.framework.id.clone(),
        craft: app.craft().id.clone(),
        own: own.id.clone(),
        next: next.id.clone(),
        ahead,
    };
    let cache = &mut view.level_diff;
    if cache.key.as_ref() != Some(&key) {
        cache.lines = level_diff_lines(own, next, &key.ahead, theme);
        cache.key = Some(key);
        cache.made += 1;
    }
    // The lines are lent to the frame, not copied.
    let lines: Vec<Line<'_>> = cache
        .lines
        .iter()
        .map(|line| {
            Line::from(
                line.spans
                    .iter()
                    .map(|s| Span::styled(s.content.as_ref(), s.style))
                    .collect::<Vec<_>>(),
            )
            .style(line.style)
        })
        .collect();
    let title = format!(" What {} asks for ", next.title);
    popup(frame, app, &mut view.layout, theme, &title, lines);
}

fn level_diff_lines(
    own: &Level,
    next: &Level,
    ahead: &[(StatementKey, Mark)],
    theme: &Theme,
) -> Vec<Line<'static>> {
    let diff = level_diff(own, next);
    let ahead = |area: &str, id: &str| -> String {
        let key = StatementKey::new(&next.id, area, id);
        match ahead.iter().find(|(k, _)| *k == key).map(|(_, m)| *m) {
            Some(Mark::Value(v)) => format!("[ahead {v}] "),
            Some(Mark::NotApplicable) => "[ahead n/a] ".to_owned(),
            _ => String::new(),
        }
    };
    let shown = |text: &str| -> String {
        let part = head(text, MOST_SHOWN);
        if part.len() < text.len() {
            format!("{part}…")
        } else {
            part.to_owned()
        }
    };
    let mut lines = vec![Line::styled(
        format!(
            "{} → {}: rate ahead with > on the next level.",
            own.title, next.title
        ),
        theme.dim(),
    )];
    for area in &diff.areas {
        lines.push(Line::raw(""));
        lines.push(Line::styled(area.area.name.clone(), theme.title()));
        if area.is_empty() {
            lines.push(Line::styled(
                "  the same statements at both levels",
                theme.dim(),
            ));
        }
        for s in &area.only_a {
            lines.push(Line::from(vec![
                Span::styled("  − ", theme.error()),
                Span::styled(shown(&s.text), theme.dim()),
            ]));
        }
        for s in &area.only_b {
            lines.push(Line::from(vec![
                Span::styled("  + ", theme.ok()),
                Span::styled(ahead(&area.area.id, &s.id), theme.key()),
                Span::raw(shown(&s.text)),
            ]));
        }
        for (old, new) in &area.reworded {
            let mut spans = vec![
                Span::styled("  ~ ", theme.warning()),
                Span::styled(ahead(&area.area.id, &new.id), theme.key()),
            ];
            let compared = word_diff(&old.text, &new.text);
            for words in compared.pieces {
                spans.push(match words {
                    Words::Same(t) => Span::raw(shown(&t)),
                    Words::Removed(t) => Span::styled(format!("[-{}-]", shown(&t)), theme.error()),
                    Words::Added(t) => Span::styled(format!("{{+{}+}}", shown(&t)), theme.ok()),
                });
            }
            if let Some(Whole::TooLong) = compared.whole {
                spans.push(Span::styled(
                    format!(" ({})", Whole::TooLong.reason()),
                    theme.dim(),
                ));
            }
            lines.push(Line::from(spans));
        }
        for moved in &area.moved {
            let from = if moved.from.id == area.area.id {
                String::new()
            } else {
                format!("from {}, ", moved.from.name)
            };
            lines.push(Line::from(vec![
                Span::styled("  → ", theme.dim()),
                Span::styled(ahead(&area.area.id, &moved.b.id), theme.key()),
                Span::styled(format!("({from}the same words) "), theme.dim()),
                Span::raw(shown(&moved.b.text)),
            ]));
        }
    }
    for area in &diff.new_areas {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("{} (new at this level)", area.name),
            theme.title(),
        ));
        for s in &area.statements {
            lines.push(Line::from(vec![
                Span::styled("  + ", theme.ok()),
                Span::styled(ahead(&area.id, &s.id), theme.key()),
                Span::raw(shown(&s.text)),
            ]));
        }
    }
    lines
}

pub fn draw_round_changes(frame: &mut Frame, app: &App, view: &mut ViewState, theme: &Theme) {
    let level = app.level();
    let scale = app.scale();
    let diff = round_diff(level, app.previous_round(), app.edited(), scale);
    let mark = |v: Option<u8>, na: bool| match (v, na) {
        (_, true) => "n/a".to_owned(),
        (Some(v), _) => v.to_string(),
        (None, _) => "–".to_owned(),
    };
    let mut lines = Vec::new();
    for area in &diff.areas {
        lines.push(Line::raw(format!(
            "{:<32} met {} → {} of {}",
            clean_line(&area.name),
            area.met_from,
            area.met_to,
            area.total
        )));
    }
    lines.push(Line::raw(""));
    if diff.ratings.is_empty() {
        lines.push(Line::styled(
            "No rating changed since the last round.",
            theme.dim(),
        ));
    }
    for change in &diff.ratings {
        let (sign, style) = match change.met {
            Some(true) => ("▲ now met  ", theme.ok()),
            Some(false) => ("▼ below met", theme.error()),
            // Left unrated this round: not judged again, so not "below".
            None if change.is_unrated_now() => ("○ not rated", theme.dim()),
            None => ("  changed  ", theme.dim()),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{sign} "), style),
            Span::styled(
                format!(
                    "{} → {}  ",
                    mark(change.from, change.from_na),
                    mark(change.to, change.to_na)
                ),
                theme.key(),
            ),
            Span::raw(clean_line(&change.text).into_owned()),
        ]));
    }
    for note in &diff.notes {
        lines.push(Line::from(vec![
            Span::styled("✎ note       ", theme.key()),
            Span::raw(clean_line(&note.to).into_owned()),
        ]));
    }
    let title = format!(
        " {} since round {} ",
        app.whose_round(),
        app.round().saturating_sub(1)
    );
    popup(frame, app, &mut view.layout, theme, &title, lines);
}

fn popup(
    frame: &mut Frame,
    app: &App,
    layout: &mut Layout,
    theme: &Theme,
    title: &str,
    lines: Vec<Line<'_>>,
) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(4).min(110),
        full.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(title.to_owned(), theme.title()))
        .title_bottom(Span::styled(" Esc close · j/k scroll ", theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let max = lines.len().saturating_sub(inner.height as usize);
    layout.popup_scroll_max = max;
    let offset = app.popup_offset().min(max);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((offset as u16, 0)),
        inner,
    );
}
