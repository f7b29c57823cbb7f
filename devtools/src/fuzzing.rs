//! The whole path from untrusted bytes to every screen and every output, in
//! one function per input kind. The fuzz targets (`fuzz/`), the property
//! tests and the regression-corpus replay all call these, so a crash found
//! by one is checked by all. None may panic, hang or grow without bound.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use rungs::export::Format as ExportFormat;
use rungs::model::{Framework, Profile, Role};
use rungs::store::read;
use rungs::tui::app::{App, Mode};
use rungs::tui::setup::{Answers, Setup};
use rungs::tui::theme::Theme;
use rungs::tui::view;

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

/// A session of keys, pastes, resizes and pauses, drawn at a fuzzed size,
/// on the embedded framework (one level) or on the atelier test framework
/// (three levels, a five-point scale, areas of one to three statements,
/// ratings on several levels). The first byte after the size picks the mode
/// (bit 0: review) and the framework (bit 1: atelier).
///
/// After every input the profile in memory must still validate (no
/// statement rated twice, no value off the scale). At the end every change
/// is undone — the ratings must be the ones the session started with, on
/// whichever level each was made — and then redone, back to where it was.
pub fn check_keys(bytes: &[u8]) {
    let (size, keys) = bytes.split_at(bytes.len().min(2));
    let width = size.first().map_or(80, |&b| u16::from(b) % 250);
    let height = size.get(1).map_or(24, |&b| u16::from(b) % 100);
    let pick = keys.first().copied().unwrap_or(0);
    let mode = if pick % 2 == 1 {
        Mode::Review
    } else {
        Mode::Assess
    };
    let Some((framework, profile)) = (if pick & 2 == 0 {
        embedded().map(|f| {
            let profile = Profile::new("Fuzz", &f.id, "devops-engineer", "level-4");
            (f, profile)
        })
    } else {
        atelier()
    }) else {
        return;
    };
    let Some(mut app) = App::new(framework.clone(), profile, mode, "Fuzz Manager") else {
        return;
    };
    app.set_screen(width, height);
    let mut screen = (width, height);
    let before = edited_ratings(&app);
    for &byte in keys.iter().take(512) {
        match byte {
            PASTE..=PASTE_LAST => {
                app.paste(PASTES[usize::from(byte - PASTE) % PASTES.len()]);
            }
            RESIZE..=RESIZE_LAST => {
                screen = SIZES[usize::from(byte - RESIZE) % SIZES.len()];
                app.set_screen(screen.0, screen.1);
            }
            IDLE => {
                app.flush_note();
            }
            _ => {
                app.handle_key(key_of(byte));
            }
        }
        draw(&app, screen.0, screen.1);
        debug_assert!(
            app.profile.check(&framework).problems.is_empty(),
            "the profile in memory no longer validates"
        );
    }
    // Back to a screen where keys work, every popup closed (a note being
    // typed is kept), then the whole history undone and redone.
    app.set_screen(100, 30);
    for _ in 0..4 {
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }
    let travel = |app: &mut App, key: KeyEvent, done: &str| {
        for _ in 0..=keys.len() * 2 + 1 {
            app.handle_key(key);
            if app.status.as_ref().is_some_and(|s| s.text == done) {
                break;
            }
        }
    };
    let undo = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE);
    let redo = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    // Redo what the session left undone, to stand at the end of the history.
    travel(&mut app, redo, "Nothing to redo.");
    let latest = edited_ratings(&app);
    travel(&mut app, undo, "Nothing to undo.");
    debug_assert!(
        edited_ratings(&app) == before,
        "undoing every change does not give back the ratings the session started with"
    );
    travel(&mut app, redo, "Nothing to redo.");
    debug_assert!(
        edited_ratings(&app) == latest,
        "redoing every change does not give back the ratings undo took away"
    );
    round_trip(&app.profile);
}

/// The edited assessment's ratings by statement key.
fn edited_ratings(app: &App) -> std::collections::BTreeMap<String, rungs::model::Rating> {
    app.edited()
        .map(|a| {
            a.ratings()
                .iter()
                .map(|r| (r.statement.clone(), r.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// The atelier test framework and a profile of two rounds rated on more
/// than one of its levels.
fn atelier() -> Option<(Framework, Profile)> {
    const FRAMEWORK: &str = include_str!("../../tests/fixtures/frameworks/atelier.toml");
    const PROFILE: &str = include_str!("../../tests/fixtures/atelier-profile.toml");
    let framework = read::parse_framework(Path::new("atelier.toml"), FRAMEWORK).ok()?;
    let profile = read::parse_profile(Path::new("atelier-profile.toml"), PROFILE).ok()?;
    Some((framework, profile))
}

/// Bytes from here on are not keys: pastes, resizes, a pause.
const PASTE: u8 = 240;
const PASTE_LAST: u8 = 243;
const RESIZE: u8 = 244;
const RESIZE_LAST: u8 = 249;
const IDLE: u8 = 250;

const PASTES: [&str; 4] = [
    "see https://wiki/x-123",
    "two\nlines\twith a tab",
    "\u{1b}[2J\u{1b}]0;title\u{7}\u{202e}",
    "3>u-ex",
];

const SIZES: [(u16, u16); 6] = [(30, 8), (100, 30), (40, 10), (39, 10), (40, 9), (160, 50)];

fn embedded() -> Option<Framework> {
    let (name, text) = rungs::store::catalog::embedded_files().first()?;
    read::parse_framework(Path::new(name), text).ok()
}

/// Markdown page bytes: import, write the framework, read it back.
pub fn check_import(bytes: &[u8]) {
    let path = Path::new("page.md");
    let Ok(text) = read::decode(path, bytes.to_vec()) else {
        return;
    };
    let Ok(page) = rungs::import::parse_page(path, &text) else {
        return;
    };
    let Ok(framework) = rungs::import::framework_of(&[(path.to_path_buf(), page)], None) else {
        return;
    };
    let written = rungs::import::to_toml(&framework);
    let back = read::parse_framework(Path::new("imported.toml"), &written);
    debug_assert!(
        back.as_ref().is_ok_and(|b| *b == framework),
        "an import does not read back:\n{written}"
    );
    check_framework(written.as_bytes());
}

/// Bytes as a file of one import format (`csv`, `monzo`, `ft`,
/// `snowflake`): read, detect, assemble, write, read back, then everything
/// a framework file goes through. A monzo input is also tried beside a
/// `generic.md` made of the same bytes.
pub fn check_import_format(format: rungs::import::Format, bytes: &[u8]) {
    use rungs::import::{self, Options, Source};
    let name = match format {
        import::Format::Csv => "fuzz.csv",
        import::Format::Monzo => "fuzz.md",
        import::Format::Ft => "fuzz.yml",
        import::Format::Snowflake => "constants.js",
        import::Format::Seed => "page.md",
    };
    let path = Path::new(name);
    let Ok(text) = read::decode(path, bytes.to_vec()) else {
        return;
    };
    let _ = import::detect(path, &text);
    let mut sources = vec![Source {
        path: path.to_path_buf(),
        text: text.clone(),
    }];
    if format == import::Format::Monzo {
        sources.push(Source {
            path: Path::new("generic.md").to_path_buf(),
            text,
        });
    }
    let options = Options {
        craft: Some("Fuzz Craft".into()),
        name: None,
    };
    let draft = match import::read(format, &sources, &options) {
        Ok(draft) => draft,
        Err(errors) => {
            let shown = errors.to_string();
            debug_assert!(
                !shown
                    .chars()
                    .any(|c| c != '\n' && rungs::model::text::is_unsafe(c)),
                "an import error holds a control character: {shown:?}"
            );
            return;
        }
    };
    let skipped = draft.skipped.clone();
    let Ok((framework, _)) = import::assemble(draft, &sources, &options, None) else {
        return;
    };
    let summary = import::summary(&framework, &skipped);
    debug_assert!(
        !summary
            .chars()
            .any(|c| c != '\n' && rungs::model::text::is_unsafe(c)),
        "the summary holds a control character"
    );
    let written = import::to_toml(&framework);
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
            let _ = terminal.draw(|f| view::setup::draw(f, &setup, "profile.toml", &Theme::DARK));
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
        if let Ok(text) = rungs::export::render(&profile, framework, format) {
            debug_assert!(
                !text
                    .chars()
                    .any(|c| c != '\n' && c != '\t' && rungs::model::text::is_unsafe(c)),
                "an export holds a control character"
            );
        }
    }
    let mut team = rungs::export::team::TeamBuilder::default();
    team.add(std::path::Path::new("fuzz.toml"), &profile, framework);
    let team = team.finish();
    use rungs::export::team_table::{By, csv, json, markdown};
    for by in [By::Person, By::Statement] {
        let _ = (markdown(&team, by), csv(&team, by), json(&team));
        let _ = rungs::export::team_html::render(&team, by);
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
    let mut shown = view::ViewState::default();
    let _ = terminal.draw(|f| view::draw(f, app, &mut shown, &Theme::DARK));
    let buffer = terminal.backend().buffer();
    debug_assert!(
        !buffer
            .content
            .iter()
            .any(|c| c.symbol().chars().any(rungs::model::text::is_unsafe)),
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
    const CHARS: &str = "jkhl0123456789-x][/nusedq?<>rk aZ|\\é日🙂\u{1b}\u{7}\u{202e}E";
    let chars: Vec<char> = CHARS.chars().collect();
    match byte {
        0..=11 => KeyEvent::new(CODES[byte as usize], KeyModifiers::NONE),
        12 => KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        13 => KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        14 => KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
        15 => KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
        b => KeyEvent::new(
            KeyCode::Char(chars[b as usize % chars.len()]),
            KeyModifiers::NONE,
        ),
    }
}
