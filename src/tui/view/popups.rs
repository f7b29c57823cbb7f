//! The smaller popups: note editor, search, and the questions the app asks.
//! Their key hints come from the context's key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::widgets::{centered, fit};
use crate::model::text::clean_line;
use crate::model::text::is_unsafe;
use crate::tui::action_line::ActionLine;
use crate::tui::app::App;
use crate::tui::dialog::Dialog;
use crate::tui::keys::{ACTION_LINE_KEYS, NOTE_KEYS, SEARCH_KEYS, hints};
use crate::tui::note::{NoteEditor, shown_as};
use crate::tui::search::Search;
use crate::tui::theme::Theme;

pub fn draw_note(frame: &mut Frame, app: &App, editor: &NoteEditor, theme: &Theme) {
    let full = frame.area();
    let area = centered(
        full,
        full.width.saturating_sub(6).min(100),
        full.height.saturating_sub(4).min(20),
    );
    frame.render_widget(Clear, area);
    let statement = app.statement_text(&editor.key);
    let mut bottom = vec![Span::styled(format!(" {} ", hints(NOTE_KEYS)), theme.dim())];
    if app.waiting().is_some() {
        // The question waits for the person to leave the note; it says so
        // here without taking a key from the typing.
        bottom.insert(
            0,
            Span::styled(
                " The file changed on disk: Esc, then choose ",
                theme.error(),
            ),
        );
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {} ", editor.prompt), theme.title()))
        .title_bottom(Line::from(bottom));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_height = (inner.height / 3).clamp(1, 4);
    let [text, rule, edit] = Layout::vertical([
        Constraint::Length(text_height),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(super::widgets::visible_part(statement, text))
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
        text,
    );
    frame.render_widget(
        Paragraph::new("─".repeat(rule.width as usize)).style(theme.border()),
        rule,
    );
    frame.render_widget(&editor.textarea, edit);
    show_held_characters(frame.buffer_mut(), edit);
}

/// The characters the editor holds for control characters and other
/// unsafe ones are drawn as their visible stand-ins (`␛`, `�`), and
/// nothing unsafe that a cell might carry reaches the terminal raw.
fn show_held_characters(buffer: &mut ratatui::buffer::Buffer, area: ratatui::layout::Rect) {
    let area = area.intersection(buffer.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buffer[(x, y)];
            let symbol = cell.symbol();
            if symbol.is_ascii() {
                continue;
            }
            let needs = |c: char| shown_as(c).is_some() || (c != '\n' && is_unsafe(c));
            if symbol.chars().any(needs) {
                let shown: String = symbol
                    .chars()
                    .filter_map(|c| match shown_as(c) {
                        Some(stand_in) => Some(stand_in),
                        None => (!is_unsafe(c)).then_some(c),
                    })
                    .collect();
                cell.set_symbol(if shown.is_empty() { " " } else { &shown });
            }
        }
    }
}

/// The action line: the statement it is on, the words typed, the owner.
pub fn draw_action_line(frame: &mut Frame, app: &App, line: &ActionLine, theme: &Theme) {
    let full = frame.area();
    let area = centered(full, full.width.saturating_sub(6).min(100), 6);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" New action ", theme.title()))
        .title_bottom(Span::styled(
            format!(" {} ", hints(ACTION_LINE_KEYS)),
            theme.dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let said = line.problem.as_deref().map_or_else(
        || "End with `by YYYY-MM-DD` for a due day.".to_owned(),
        |problem| format!("Not added: {problem}."),
    );
    let lines = vec![
        Line::raw(fit(&format!("On {}", app.describe(&line.key)), width)),
        Line::from(vec![
            Span::styled("> ", theme.key()),
            Span::raw(line.text.clone()),
            Span::styled("▏", theme.key()),
        ]),
        Line::from(vec![
            Span::styled("Owner: ", theme.key()),
            Span::raw(clean_line(line.owner_name()).into_owned()),
        ]),
        Line::from(Span::styled(
            fit(&said, width),
            if line.problem.is_some() {
                theme.warning()
            } else {
                theme.dim()
            },
        )),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_search(frame: &mut Frame, app: &App, search: &Search, theme: &Theme) {
    let full = frame.area();
    let height = (search.matches.len() as u16 + 3).clamp(3, full.height.saturating_sub(2).max(3));
    let area = centered(full, full.width.saturating_sub(6).min(100), height);
    frame.render_widget(Clear, area);
    let count = match search.matches.len() {
        0 if search.query.is_empty() => "type to search statements and notes".to_owned(),
        0 => "no match".to_owned(),
        1 => format!("1 match · {}", hints(SEARCH_KEYS)),
        n => format!("{n} matches · {}", hints(SEARCH_KEYS)),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Span::styled(" Search ", theme.title()))
        .title_bottom(Span::styled(format!(" {count} "), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(search.query.clone()),
        Span::styled("▏", theme.key()),
    ])];
    let rows = (inner.height as usize).saturating_sub(1);
    let first = search.selected.saturating_sub(rows.saturating_sub(1));
    for (i, found) in search.matches.iter().enumerate().skip(first).take(rows) {
        let what = match &found.note_line {
            Some(line) => format!("✎ {line}"),
            None => app.statement_text(&found.key).to_owned(),
        };
        let text = format!(
            "{} {} · {what}",
            if i == search.selected { "▶" } else { " " },
            app.describe(&found.key),
        );
        let line = Line::raw(fit(&text, width));
        lines.push(if i == search.selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `(takes_answers, ignored)`: the choices show once the question takes
/// answers; until then it says that keys typed before it are not answers.
pub fn draw_dialog(frame: &mut Frame, dialog: &Dialog, state: (bool, usize), theme: &Theme) {
    let (takes_answers, ignored) = state;
    let (title, mut lines) = match dialog {
        Dialog::Conflict => (
            " The profile changed on disk ",
            vec![
                Line::raw("Another program changed the profile since rungs read it."),
                Line::raw("Your last change is not saved yet."),
            ],
        ),
        Dialog::Unsaved { reason, copy } => {
            let mut lines = vec![
                Line::raw("Your last changes are NOT saved:"),
                Line::raw(clean_line(reason).into_owned()),
            ];
            if let Some(copy) = copy {
                lines.push(Line::styled(
                    format!("A copy is in {}", clean_line(&copy.display().to_string())),
                    theme.ok(),
                ));
            }
            (" Not saved ", lines)
        }
        Dialog::Reworded { .. } => (
            " Reworded since you rated it ",
            vec![Line::raw(
                "The framework words this statement differently now than when you rated it (shown below the list).",
            )],
        ),
        Dialog::Finish { whose, round } => (
            " Sign off this round? ",
            vec![Line::raw(format!(
                "{}, round {round} becomes final and read-only; exports mark it final. A new round is the way to change it.",
                clean_line(whose)
            ))],
        ),
        Dialog::Reveal {
            to,
            round,
            ratings,
            notes,
        } => (
            " Reveal your blind round? ",
            vec![
                Line::raw(format!(
                    "{} will see your round {round} now: {} and {}, as they stand and as you change them.",
                    clean_line(to),
                    crate::present::count(*ratings, "rating"),
                    crate::present::count(*notes, "note"),
                )),
                Line::raw(
                    "You still see none of theirs until they reveal or you both sign off. The file records the reveal; it cannot be undone.",
                ),
            ],
        ),
        Dialog::DeleteAction { text, .. } => (
            " Delete this action? ",
            vec![Line::raw(format!(
                "“{}” goes from the profile, open or done.",
                clean_line(text)
            ))],
        ),
        Dialog::DirectManager { person } => (
            " The direct manager ",
            vec![
                Line::raw(format!("Are you {}'s direct manager?", clean_line(person))),
                Line::raw(
                    "Yes: the profile names you (manager = \"…\"), and your review stands beside theirs in every summary. No: yours is one review among others.",
                ),
            ],
        ),
        Dialog::NewRound { person, since } => (
            " A new round to review ",
            vec![Line::raw(format!(
                "{} started a new round on {} after your last review. Start a new review round (pre-filled from your last)?",
                clean_line(person),
                clean_line(since)
            ))],
        ),
        Dialog::Merge { lines, .. } => (
            " Merge conflict ",
            lines
                .iter()
                .map(|l| Line::raw(clean_line(l).into_owned()))
                .collect(),
        ),
        Dialog::MoveLevel { title, .. } => (
            " Move the profile? ",
            vec![Line::raw(format!(
                "Move this profile to {}? Its ratings stay; the level it is assessed against changes.",
                clean_line(title)
            ))],
        ),
    };
    lines.push(Line::raw(""));
    let choices = dialog.keys().iter().filter(|b| b.footer.is_some());
    if takes_answers {
        for binding in choices {
            lines.push(Line::from(vec![
                Span::styled(format!(" {} ", binding.label), theme.key()),
                Span::raw(binding.footer.unwrap_or_default()),
            ]));
        }
    } else {
        // As tall as the choices will be, so nothing moves when they come.
        lines.push(Line::styled(
            "The choices show once typing pauses.",
            theme.dim(),
        ));
        lines.extend(choices.skip(1).map(|_| Line::raw("")));
    }
    if ignored > 0 {
        lines.push(Line::styled(
            match ignored {
                1 => "A key typed before this question was not taken as an answer.".to_owned(),
                n => format!("{n} keys typed before this question were not taken as answers."),
            },
            theme.dim(),
        ));
    }
    let width = frame.area().width.saturating_sub(4).min(72);
    let height = (lines.len() as u16 + 4).min(frame.area().height);
    let area = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.error())
        .title(Span::styled(title, theme.error()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
