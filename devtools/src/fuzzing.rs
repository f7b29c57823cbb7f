//! The whole path from untrusted bytes to every screen and every output, in
//! one function per input kind. The fuzz targets (`fuzz/`), the property
//! tests and the regression-corpus replay all call these, so a crash found
//! by one is checked by all. None may panic, hang or grow without bound.
//!
//! Each check says how far an input got ([`Reached`]): a kept seed declares
//! how far it must get (its folder's `MANIFEST`), and [`replay`] fails when
//! it stops short, so a seed that stops parsing cannot silently stop testing.

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

/// How far an input got through a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    /// Refused before parsing: not UTF-8, or over the size rungs reads.
    NotText,
    /// Refused with an error that names no line and column.
    Refused,
    /// Refused with an error naming a line and column of the file.
    RefusedAt,
    /// Accepted, and taken the whole way: every screen and export for a
    /// framework or profile; for an import, the framework made, written,
    /// read back equal and then taken the whole way too; for keys, the
    /// session played, undone and redone.
    Exercised,
}

impl Reached {
    /// The name a `MANIFEST` line gives it.
    pub fn name(self) -> &'static str {
        match self {
            Reached::NotText => "not-text",
            Reached::Refused => "refused",
            Reached::RefusedAt => "refused-at",
            Reached::Exercised => "exercised",
        }
    }

    fn named(name: &str) -> Option<Reached> {
        [
            Reached::NotText,
            Reached::Refused,
            Reached::RefusedAt,
            Reached::Exercised,
        ]
        .into_iter()
        .find(|r| r.name() == name)
    }

    /// Refused, located when any of the errors names a line and column.
    fn refusal(errors: &rungs::error::InputErrors) -> Reached {
        if errors.0.iter().any(|e| e.location.is_some()) {
            Reached::RefusedAt
        } else {
            Reached::Refused
        }
    }
}

/// Replays a folder of kept inputs through `check`. Its `MANIFEST` has a
/// line `FILE REACHED  # why it is kept` for every other file there; each
/// must reach exactly what its line says. Gives how many were replayed, or
/// every file that did not (and every file the manifest and folder do not
/// agree on).
pub fn replay(dir: &Path, check: impl Fn(&[u8]) -> Reached) -> Result<usize, String> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST"))
        .map_err(|e| format!("{}: no MANIFEST: {e}", dir.display()))?;
    let mut problems = Vec::new();
    let mut listed = std::collections::BTreeSet::new();
    for (n, line) in manifest.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(file), Some(want), None) = (words.next(), words.next(), words.next()) else {
            problems.push(format!("MANIFEST:{}: not `FILE REACHED`", n + 1));
            continue;
        };
        let Some(want) = Reached::named(want) else {
            problems.push(format!(
                "MANIFEST:{}: `{want}` is none of not-text, refused, refused-at, exercised",
                n + 1
            ));
            continue;
        };
        listed.insert(file.to_owned());
        match std::fs::read(dir.join(file)) {
            Ok(bytes) => {
                let got = check(&bytes);
                if got != want {
                    problems.push(format!(
                        "{file}: kept as {}, now {}",
                        want.name(),
                        got.name()
                    ));
                }
            }
            Err(e) => problems.push(format!("{file}: listed, cannot be read: {e}")),
        }
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{}: cannot be listed: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != "MANIFEST" && !listed.contains(&name) {
            problems.push(format!("{name}: not in the MANIFEST"));
        }
    }
    if listed.is_empty() {
        problems.push("the MANIFEST lists no input".to_owned());
    }
    if problems.is_empty() {
        Ok(listed.len())
    } else {
        Err(format!("{}:\n  {}", dir.display(), problems.join("\n  ")))
    }
}

/// Framework file bytes: load, validate, draw every screen, export.
pub fn check_framework(bytes: &[u8]) -> Reached {
    let path = Path::new("fuzz.toml");
    let Ok(text) = read::decode(path, bytes.to_vec()) else {
        return Reached::NotText;
    };
    let framework = match read::parse_framework(path, &text) {
        Ok(framework) => framework,
        Err(errors) => return Reached::refusal(&errors),
    };
    // A framework that parses has a craft with a level (the rules say so).
    let Some((craft, level)) = framework
        .crafts
        .first()
        .and_then(|c| c.levels.first().map(|l| (c, l)))
    else {
        return Reached::Refused;
    };
    let profile = Profile::new("Fuzz", &framework.id, &craft.id, &level.id);
    exercised(exercise(&framework, profile))
}

fn exercised(opened: bool) -> Reached {
    if opened {
        Reached::Exercised
    } else {
        Reached::Refused
    }
}

/// Profile file bytes against the embedded framework: the same path.
pub fn check_profile(bytes: &[u8]) -> Reached {
    let path = Path::new("profile.toml");
    let Some(framework) = embedded() else {
        return Reached::Refused;
    };
    let Ok(text) = read::decode(path, bytes.to_vec()) else {
        return Reached::NotText;
    };
    let profile = match read::parse_profile(path, &text) {
        Ok(profile) => profile,
        Err(errors) => return Reached::refusal(&errors),
    };
    let check = profile.check(&framework);
    if !check.problems.is_empty() {
        // The located errors read the text again: exercised too.
        let errors = read::locate_all(path, &text, &check.problems);
        let _ = errors.to_string();
        return Reached::refusal(&errors);
    }
    exercised(exercise(&framework, profile))
}

/// A session of keys, pastes, resizes and pauses, drawn at a fuzzed size,
/// on the embedded framework (one level) or on the atelier test framework
/// (three levels, a five-point scale, areas of one to three statements,
/// ratings on several levels). The first byte after the size picks the mode
/// (bit 0: review) and the framework (bit 1: atelier).
///
/// Each input comes a second after the one before, with a frame drawn in
/// between, as the loop does (so a question takes answers, as once a person
/// has read it). After every input the profile in memory must still
/// validate (no statement rated twice, no value off the scale). At the end every change
/// is undone — the ratings must be the ones the session started with, on
/// whichever level each was made — and then redone, back to where it was.
pub fn check_keys(bytes: &[u8]) -> Reached {
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
        return Reached::Refused;
    };
    let Some(mut app) = App::new(framework.clone(), profile, mode, "Fuzz Manager") else {
        return Reached::Refused;
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
        frame(&mut app, screen.0, screen.1);
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
        frame(&mut app, 100, 30);
    }
    let travel = |app: &mut App, key: KeyEvent, done: &str| {
        for _ in 0..=keys.len() * 2 + 1 {
            frame(app, 100, 30);
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
    Reached::Exercised
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
pub fn check_import(bytes: &[u8]) -> Reached {
    let path = Path::new("page.md");
    let Ok(text) = read::decode(path, bytes.to_vec()) else {
        return Reached::NotText;
    };
    let page = match rungs::import::parse_page(path, &text) {
        Ok(page) => page,
        Err(error) => return Reached::refusal(&error.into()),
    };
    let framework = match rungs::import::framework_of(&[(path.to_path_buf(), page)], None) {
        Ok(framework) => framework,
        Err(errors) => return Reached::refusal(&errors),
    };
    written_and_read_back(&framework)
}

/// An imported framework as `rungs import` writes it: it must read back
/// equal, and then go the whole way a framework file goes.
fn written_and_read_back(framework: &Framework) -> Reached {
    let written = rungs::import::to_toml(framework);
    let back = read::parse_framework(Path::new("imported.toml"), &written);
    debug_assert!(
        back.as_ref().is_ok_and(|b| b == framework),
        "an import does not read back:\n{written}"
    );
    check_framework(written.as_bytes())
}

/// Bytes as a file of one import format (`csv`, `monzo`, `ft`,
/// `snowflake`): read, detect, assemble, write, read back, then everything
/// a framework file goes through. A monzo input is also tried beside a
/// `generic.md` made of the same bytes.
pub fn check_import_format(format: rungs::import::Format, bytes: &[u8]) -> Reached {
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
        return Reached::NotText;
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
            return Reached::refusal(&errors);
        }
    };
    let skipped = draft.skipped.clone();
    let framework = match import::assemble(draft, &sources, &options, None) {
        Ok((framework, _)) => framework,
        Err(errors) => return Reached::refusal(&errors),
    };
    let summary = import::summary(&framework, &skipped);
    debug_assert!(
        !summary
            .chars()
            .any(|c| c != '\n' && rungs::model::text::is_unsafe(c)),
        "the summary holds a control character"
    );
    written_and_read_back(&framework)
}

/// Every screen at a few sizes, then the exports. False when the app
/// would not open the profile at all.
fn exercise(framework: &Framework, profile: Profile) -> bool {
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
            return false;
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
    let mut team = rungs::model::team::TeamBuilder::default();
    // The app opened on it above: its craft and level are in the framework.
    assert!(
        team.add(std::path::Path::new("fuzz.toml"), &profile, framework)
            .is_ok(),
        "a profile the app opens is summarised"
    );
    let team = team.finish();
    use rungs::export::team_table::{By, csv, json, markdown};
    for by in [By::Person, By::Statement] {
        let _ = (markdown(&team, by), csv(&team, by), json(&team));
        let _ = rungs::export::team_html::render(&team, by);
    }
    round_trip(&profile);
    true
}

/// Saving and loading a profile gives the same profile.
fn round_trip(profile: &Profile) {
    let text = toml::to_string(profile);
    debug_assert!(text.is_ok(), "a profile cannot be written: {text:?}");
    let Ok(text) = text else { return };
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

/// A frame as the loop draws one, a second after the last.
fn frame(app: &mut App, width: u16, height: u16) {
    let later = app.now().later(std::time::Duration::from_secs(1));
    app.before_frame(later);
    draw(app, width, height);
    app.after_frame();
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

/// Three documents separated by NUL bytes (which TOML text never holds):
/// base, ours, theirs. Whatever they hold, the merge never panics; a
/// version merged with itself comes back unchanged; every change of each
/// side is in the result or recorded beside it; and when all three are
/// profiles (or the base is empty), the result is a profile that is
/// written and read back unchanged, with no problem against the embedded
/// framework that the sides did not have.
pub fn check_merge(bytes: &[u8]) -> Reached {
    use rungs::model::conflict::Side;
    use rungs::model::merge::merge;
    let texts: Vec<&str> = match bytes
        .splitn(3, |&b| b == 0)
        .map(std::str::from_utf8)
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(texts) if texts.len() == 3 => texts,
        _ => return Reached::NotText,
    };
    let tables: Vec<toml::Table> = match texts
        .iter()
        .map(|t| toml::from_str(t))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(tables) => tables,
        Err(_) => return Reached::Refused,
    };
    let (base_text, ours_text, theirs_text) = (texts[0], texts[1], texts[2]);
    let (base, ours, theirs) = (&tables[0], &tables[1], &tables[2]);
    let merged = merge(base, ours, theirs);
    assert!(
        merge(base, ours, ours).table == *ours,
        "a version merged with itself changed"
    );
    for (side, which) in [(ours, Side::Ours), (theirs, Side::Theirs)] {
        let kept = crate::merging::each_change_kept(base, side, &merged.table, which);
        assert!(kept.is_ok(), "{kept:?}");
    }
    let path = Path::new("profile.toml");
    let profile = |text: &str| read::parse_profile(path, text).ok();
    let base_ok = base_text.trim().is_empty() || profile(base_text).is_some();
    // Merged and checked to keep every change, but not profiles: taken as
    // far as a merge of any TOML goes.
    let (Some(o), Some(t)) = (profile(ours_text), profile(theirs_text)) else {
        return Reached::Refused;
    };
    if !base_ok {
        return Reached::Refused;
    }
    let result: Result<Profile, _> = toml::Value::Table(merged.table).try_into();
    assert!(
        result.is_ok(),
        "the merge of two profiles is no profile: {result:?}"
    );
    let Ok(result) = result else {
        return Reached::Refused;
    };
    let text = toml::to_string(&result).unwrap_or_default();
    let again = read::parse_profile(path, &text).ok();
    assert!(
        again.as_ref() == Some(&result),
        "the merge does not read back"
    );
    if let Some(framework) = embedded()
        && o.check(&framework).problems.is_empty()
        && t.check(&framework).problems.is_empty()
    {
        let problems = result.check(&framework).problems;
        assert!(problems.is_empty(), "the merge broke a rule: {problems:?}");
    }
    Reached::Exercised
}
