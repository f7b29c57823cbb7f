//! The whole path from untrusted bytes to every screen and every output, in
//! one function per input kind. The fuzz targets (`fuzz/`), the property
//! tests and the regression-corpus replay all call these, so a crash found
//! by one is checked by all. None may panic, hang or grow without bound.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::export::Format as ExportFormat;
use crate::model::{Framework, Profile, Role};
use crate::store::read;
use crate::tui::app::{App, Mode};
use crate::tui::setup::{Answers, Setup};
use crate::tui::theme::Theme;
use crate::tui::view;

/// Framework file bytes: load, validate, draw every screen, export.
pub fn check_framework(bytes: &[u8]) {
    let path = Path::new("fuzz.toml");
    let Ok(text) = read::decode(path, bytes.to_vec()) else {
        return;
    };
    let Ok(framework) = read::parse_framework(path, &text) else {
        return;
    };
    let Some(craft) = framework.crafts.first() else {
        return;
    };
    let Some(level) = craft.levels.first() else {
        return;
    };
    let profile = Profile::new("Fuzz", &framework.id, &craft.id, &level.id);
    exercise(&framework, profile);
}

/// Profile file bytes against the embedded framework: the same path.
pub fn check_profile(bytes: &[u8]) {
    let path = Path::new("profile.toml");
    let Some(framework) = embedded() else { return };
    let Ok(text) = read::decode(path, bytes.to_vec()) else {
        return;
    };
    let Ok(profile) = read::parse_profile(path, &text) else {
        return;
    };
    let check = profile.check(&framework);
    if !check.problems.is_empty() {
        // Still exercise the located errors: they read the text again.
        let _ = read::locate_all(path, &text, &check.problems).to_string();
        return;
    }
    exercise(&framework, profile);
}

/// A key sequence against the embedded framework, drawn at a fuzzed size.
pub fn check_keys(bytes: &[u8]) {
    let Some(framework) = embedded() else { return };
    let (size, keys) = bytes.split_at(bytes.len().min(2));
    let width = size.first().map_or(80, |&b| u16::from(b) % 250);
    let height = size.get(1).map_or(24, |&b| u16::from(b) % 100);
    let mode = if keys.first().is_some_and(|b| b % 2 == 1) {
        Mode::Review
    } else {
        Mode::Assess
    };
    let profile = Profile::new("Fuzz", &framework.id, "devops-engineer", "level-4");
    let Some(mut app) = App::new(framework, profile, mode, "Fuzz Manager") else {
        return;
    };
    for &byte in keys.iter().take(512) {
        app.handle_key(key_of(byte));
        draw(&app, width, height);
    }
    round_trip(&app.profile);
}

fn embedded() -> Option<Framework> {
    let (name, text) = crate::store::catalog::embedded_files().first()?;
    read::parse_framework(Path::new(name), text).ok()
}

/// Markdown page bytes: import, write the framework, read it back.
pub fn check_import(bytes: &[u8]) {
    let path = Path::new("page.md");
    let Ok(text) = read::decode(path, bytes.to_vec()) else {
        return;
    };
    let Ok(page) = crate::import::parse_page(path, &text) else {
        return;
    };
    let Ok(framework) = crate::import::framework_of(&[(path.to_path_buf(), page)], None) else {
        return;
    };
    let written = crate::import::to_toml(&framework);
    let back = read::parse_framework(Path::new("imported.toml"), &written);
    debug_assert!(
        back.as_ref().is_ok_and(|b| *b == framework),
        "an import does not read back:\n{written}"
    );
    check_framework(written.as_bytes());
}

/// Every screen at a few sizes, then the exports.
fn exercise(framework: &Framework, profile: Profile) {
    let answers = Answers::default();
    if let Ok(setup) = Setup::new(vec![framework.clone()], &answers, "Fuzz".into()) {
        for (w, h) in [(80, 24), (41, 10), (200, 60)] {
            let mut terminal = test_terminal(w, h);
            let _ = terminal
                .draw(|f| view::setup::draw(f, &setup, "profile.toml", &Theme { color: true }));
        }
    }
    for mode in [Mode::Assess, Mode::Review] {
        let Some(mut app) = App::new(framework.clone(), profile.clone(), mode, "Fuzz Manager")
        else {
            return;
        };
        for keys in ["", "s", "?", "/a", "n", ">", "]"] {
            for c in keys.chars() {
                app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            for (w, h) in [(80, 24), (40, 10), (160, 50)] {
                draw(&app, w, h);
            }
            app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        }
    }
    for format in [
        ExportFormat::Markdown,
        ExportFormat::Json,
        ExportFormat::Csv,
        ExportFormat::Html,
        ExportFormat::Svg,
    ] {
        if let Ok(text) = crate::export::render(&profile, framework, format) {
            debug_assert!(
                !text
                    .chars()
                    .any(|c| c != '\n' && c != '\t' && crate::model::text::is_unsafe(c)),
                "an export holds a control character"
            );
        }
    }
    let mut team = crate::export::team::TeamBuilder::default();
    team.add(std::path::Path::new("fuzz.toml"), &profile, framework);
    let team = team.finish();
    use crate::export::team_table::{By, csv, json, markdown};
    for by in [By::Person, By::Statement] {
        let _ = (markdown(&team, by), csv(&team, by), json(&team));
        let _ = crate::export::team_html::render(&team, by);
    }
    round_trip(&profile);
}

/// Saving and loading a profile gives the same profile.
fn round_trip(profile: &Profile) {
    let Ok(text) = toml::to_string(profile) else {
        return;
    };
    let back: Result<Profile, _> = toml::from_str(&text);
    debug_assert!(
        back.as_ref().is_ok_and(|b| b == profile),
        "round trip changed the profile:\n{text}"
    );
    let _ = profile.current(Role::Own);
}

fn test_terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    // TestBackend cannot fail to build; a failure here would be ratatui's bug.
    match Terminal::new(TestBackend::new(width, height)) {
        Ok(terminal) => terminal,
        Err(never) => match never {},
    }
}

fn draw(app: &App, width: u16, height: u16) {
    let mut terminal = test_terminal(width, height);
    let _ = terminal.draw(|f| view::draw(f, app, &Theme { color: true }));
    let buffer = terminal.backend().buffer();
    debug_assert!(
        !buffer
            .content
            .iter()
            .any(|c| c.symbol().chars().any(crate::model::text::is_unsafe)),
        "a control character reached the screen"
    );
}

/// A byte as a key: the bound keys most often, typing and oddities too.
fn key_of(byte: u8) -> KeyEvent {
    const CODES: [KeyCode; 12] = [
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Home,
        KeyCode::F(1),
    ];
    const CHARS: &str = "jkhl0123456789-x][/nusedq?<>rk aZ|\\é日🙂\u{1b}\u{7}\u{202e}";
    let chars: Vec<char> = CHARS.chars().collect();
    match byte {
        0..=11 => KeyEvent::new(CODES[byte as usize], KeyModifiers::NONE),
        12 => KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        13 => KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        b => KeyEvent::new(
            KeyCode::Char(chars[b as usize % chars.len()]),
            KeyModifiers::NONE,
        ),
    }
}
