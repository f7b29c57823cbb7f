//! Builds apps and screens for the TUI tests: the embedded framework, a
//! profile with ratings, a TestBackend to draw on.
#![allow(dead_code)]

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rungs::model::{Framework, Mark, Profile, Role};
use rungs::store::Catalog;
use rungs::tui::app::{App, Mode};
use rungs::tui::theme::Theme;
use rungs::tui::view;

pub fn vaarst() -> Framework {
    let catalog = Catalog::load(Path::new("/nonexistent"));
    catalog
        .find("vaarst")
        .expect("the embedded framework")
        .clone()
}

pub fn framework_file(path: &str) -> Framework {
    let text = std::fs::read_to_string(path).expect("fixture");
    rungs::store::read::parse_framework(Path::new(path), &text).expect("a valid fixture")
}

/// A statement key, from its text.
pub fn k(key: &str) -> rungs::model::StatementKey {
    rungs::model::StatementKey::parse(key).expect("a valid statement key")
}

pub fn stamp() -> toml::value::Datetime {
    "2026-11-26T09:00:00Z".parse().expect("a datetime")
}

pub fn empty_profile() -> Profile {
    Profile::new("Alex Doe", "vaarst", "devops-engineer", "level-4")
}

/// Alex has rated the first area and written a note; nothing else.
pub fn partly_rated() -> Profile {
    let mut profile = empty_profile();
    let i = profile.new_round(Role::Own, "Alex Doe", stamp());
    let round = &mut profile.assessments[i];
    round.edit(&k("level-4/engineering-maturity/1"), |r| {
        r.set_mark(Mark::Value(3));
        r.note = Some("Chose the queue design for the billing rewrite; wrote the ADR.".into());
    });
    round.edit(&k("level-4/engineering-maturity/2"), |r| {
        r.set_mark(Mark::Value(4))
    });
    round.edit(&k("level-4/engineering-maturity/3"), |r| {
        r.set_mark(Mark::Value(2))
    });
    round.edit(&k("level-4/automation/2"), |r| {
        r.set_mark(Mark::NotApplicable);
        r.note = Some("Our platform team owns this.".into());
    });
    profile
}

/// A manager rated beside Alex, differing by two points on one statement.
pub fn with_manager(mut profile: Profile) -> Profile {
    let i = profile.new_round(Role::Manager, "Sam Lee", stamp());
    let round = &mut profile.assessments[i];
    for key in round
        .ratings()
        .iter()
        .map(|r| r.statement.clone())
        .collect::<Vec<_>>()
    {
        round.put(&key, None).expect("removing never mismatches");
    }
    round.edit(&k("level-4/engineering-maturity/1"), |r| {
        r.set_mark(Mark::Value(3))
    });
    round.edit(&k("level-4/engineering-maturity/2"), |r| {
        r.set_mark(Mark::Value(2));
        r.note = Some("Needs more guidance than this says.".into());
    });
    round.edit(&k("level-4/engineering-maturity/3"), |r| {
        r.set_mark(Mark::Value(4))
    });
    profile
}

pub fn app(profile: Profile, mode: Mode, assessor: &str) -> App {
    App::new(vaarst(), profile, mode, assessor).expect("the profile fits the framework")
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(ch(c));
    }
}

/// A frame of `app`, drawn as the first frame of a session.
pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    render_with(app, &mut view::ViewState::default(), width, height)
}

fn render_with(
    app: &App,
    shown: &mut view::ViewState,
    width: u16,
    height: u16,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| view::draw(frame, app, shown, &Theme::DARK))
        .expect("drawing never fails on a test backend");
    terminal
}

/// The screen as text, one line per row.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    text_of(&render(app, width, height))
}

/// A frame drawn as the loop draws it: what it laid out where (the page
/// size, where a click lands, how far texts scroll) is handed to the app.
/// The screen as text.
pub fn frame(app: &mut App, width: u16, height: u16) -> String {
    let mut shown = view::ViewState::default();
    let terminal = render_with(app, &mut shown, width, height);
    app.set_layout(shown.layout());
    text_of(&terminal)
}

fn text_of(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
