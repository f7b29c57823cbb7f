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

/// Alex's five-line note on the first statement: their evidence.
pub const FIVE_LINE_NOTE: [&str; 5] = [
    "Pitched the queue design for the billing rewrite to the team.",
    "Wrote the ADR and took questions from two other teams.",
    "Sized it for ten times today's load; the failover is tested.",
    "Reviewed it again after the first incident: it held.",
    "Evidence: ADR-14, the design review notes, the load test.",
];

/// Three reviewers of Alex: Sam Lee, the direct manager the profile names
/// (all three statements of the first area, with notes), Kim Park, the
/// skip-level (one statement), and Alex's own round with a five-line note.
pub fn three_reviewers() -> Profile {
    let mut profile = partly_rated();
    profile.manager = Some("Sam Lee".into());
    let i = profile.current_index(Role::Own).expect("self");
    profile.assessments[i].edit(&k("level-4/engineering-maturity/1"), |r| {
        r.note = Some(FIVE_LINE_NOTE.join("\n"))
    });
    let sam = profile.new_round(Role::Manager, "Sam Lee", stamp());
    for (key, value, note) in [
        (
            "level-4/engineering-maturity/1",
            3,
            "Agreed: the ADR is the evidence.",
        ),
        (
            "level-4/engineering-maturity/2",
            2,
            "Still leans on the team here.",
        ),
        ("level-4/engineering-maturity/3", 4, ""),
    ] {
        profile.assessments[sam].edit(&k(key), |r| {
            r.set_mark(Mark::Value(value));
            r.note = (!note.is_empty()).then(|| note.to_owned());
        });
    }
    let kim = profile.new_round(Role::Manager, "Kim Park", stamp());
    profile.assessments[kim]
        .put("level-4/automation/2", None)
        .expect("same key");
    for key in [
        "level-4/engineering-maturity/2",
        "level-4/engineering-maturity/3",
    ] {
        profile.assessments[kim].put(key, None).expect("same key");
    }
    profile.assessments[kim].edit(&k("level-4/engineering-maturity/1"), |r| {
        r.set_mark(Mark::Value(2));
        r.note = Some("I want to see it pitched outside the team.".into());
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

/// A frame is drawn, then another after a pause with no key: a question on
/// screen takes answers from here on (as once a person has read it), and
/// keys are used again after one was answered.
pub fn pause(app: &mut App) {
    app.after_frame();
    let later = app.now().later(std::time::Duration::from_secs(1));
    app.before_frame(later);
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

/// Any terminal's screen as text, one line per row.
pub fn text_of(terminal: &Terminal<TestBackend>) -> String {
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

/// Where tests keep rungs' own folders (locks, backups) for a profile at
/// `path`: `rungs-home` beside it, so they go with the test's folder.
pub fn home_beside(path: &Path) -> rungs::store::Paths {
    let folder = path.parent().unwrap_or(Path::new("."));
    rungs::store::Paths::in_home(folder.join("rungs-home"))
}

/// Opens `path` to write as `claim` would, as a command opens it (without
/// the check against a framework).
pub fn open_as(
    path: &Path,
    claim: rungs::model::save_merge::Claim,
    holder: &str,
) -> (rungs::store::ProfileFile, Option<String>) {
    open_in(path, claim, holder, &home_beside(path))
}

/// As [`open_as`], with rungs' own folders in `home`.
pub fn open_in(
    path: &Path,
    claim: rungs::model::save_merge::Claim,
    holder: &str,
    home: &rungs::store::Paths,
) -> (rungs::store::ProfileFile, Option<String>) {
    let writer = rungs::store::Writer {
        claim,
        holder: holder.to_owned(),
    };
    rungs::store::ProfileFile::open(path, &writer, home).expect("the profile opens")
}

/// Opens `path` as the person's own session (`rungs assess`).
pub fn open_own(path: &Path, holder: &str) -> (rungs::store::ProfileFile, Option<String>) {
    open_as(path, rungs::model::save_merge::Claim::OwnRounds, holder)
}
