//! The main loop over a TestBackend and a scripted list of events, with a
//! real profile file: saving, the external editor, and a profile changed on
//! disk by another program.

use crate::tui_support;

use std::collections::VecDeque;
use std::io;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEvent};
use rungs::model::{Mark, Profile, Role};
use rungs::tui::app::{App, Mode};
use rungs::tui::session::Session;
use rungs::tui::theme::Theme;
use rungs::tui::{Ending, Events, Input, run_app};
use tui_support::*;

/// Each step is a key, a paste, a pause, a resize, or a closure run between
/// them (to play another program).
enum Step {
    Key(KeyEvent),
    Paste(String),
    Idle,
    Resize(u16, u16),
    Do(Box<dyn FnOnce()>),
}

struct Script {
    steps: VecDeque<Step>,
    editor_text: Option<String>,
    edited_with: Vec<String>,
    /// How the loop ended.
    ending: Option<Ending>,
}

impl Events for Script {
    /// The script's end plays a signal: the loop must leave as it would on SIGTERM.
    fn next(&mut self) -> io::Result<Input> {
        loop {
            match self.steps.pop_front() {
                Some(Step::Key(key)) => return Ok(Input::Event(Event::Key(key))),
                Some(Step::Paste(text)) => return Ok(Input::Event(Event::Paste(text))),
                Some(Step::Resize(w, h)) => return Ok(Input::Event(Event::Resize(w, h))),
                Some(Step::Idle) => return Ok(Input::Idle),
                Some(Step::Do(f)) => f(),
                None => return Ok(Input::Stop),
            }
        }
    }

    fn ready(&mut self) -> io::Result<Option<Event>> {
        Ok(None)
    }

    fn suspend(&mut self) -> anyhow::Result<()> {
        Ok(())
    }

    fn edit_externally(&mut self, text: &str) -> anyhow::Result<Option<String>> {
        self.edited_with.push(text.to_owned());
        Ok(self.editor_text.clone())
    }
}

fn keys(s: &str) -> Vec<Step> {
    s.chars().map(|c| Step::Key(ch(c))).collect()
}

/// Runs the loop over `profile` saved in a temp folder; `steps` gets the
/// folder so a step can play another program changing the file.
fn run(
    profile: Profile,
    steps: impl FnOnce(&std::path::Path) -> Vec<Step>,
    editor_text: Option<&str>,
) -> (tempfile::TempDir, App, Script, Terminal<TestBackend>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, toml::to_string(&profile).expect("serialise")).expect("write");
    let (file, _) = open_own(&path, "test");
    let mut session = Session::new(file);
    let mut app = App::new(vaarst(), profile, Mode::Assess, "Alex Doe").expect("app");
    let steps = steps(dir.path());
    let mut script = Script {
        steps: steps.into(),
        editor_text: editor_text.map(str::to_owned),
        edited_with: Vec::new(),
        ending: None,
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let ending = run_app(
        &mut terminal,
        &mut script,
        &mut app,
        &mut session,
        &Theme::DARK,
    )
    .expect("the loop ends cleanly");
    script.ending = Some(ending);
    (dir, app, script, terminal)
}

fn saved(dir: &tempfile::TempDir) -> Profile {
    let text = std::fs::read_to_string(dir.path().join("profile.toml")).expect("read");
    toml::from_str(&text).expect("valid")
}

#[test]
fn every_change_is_saved_at_once() {
    let (dir, app, _, terminal) = run(empty_profile(), |_| keys("34"), None);
    let own = saved(&dir);
    let own = own.current(Role::Own).expect("saved");
    assert_eq!(own.mark("level-4/engineering-maturity/1"), Mark::Value(3));
    assert_eq!(own.mark("level-4/engineering-maturity/2"), Mark::Value(4));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Saved"))
    );
    let footer: String = (0..100)
        .map(|x| terminal.backend().buffer()[(x, 29)].symbol().to_owned())
        .collect();
    assert!(
        footer.contains("Saved"),
        "the footer confirms the save: {footer}"
    );
}

#[test]
fn the_external_editor_sets_the_note() {
    let steps = vec![Step::Key(ch('E'))];
    let (dir, _, script, _) = run(partly_rated(), |_| steps, Some("Written in my editor\n\n"));
    assert_eq!(
        script.edited_with,
        vec!["Chose the queue design for the billing rewrite; wrote the ADR.".to_owned()]
    );
    let profile = saved(&dir);
    let note = profile
        .current(Role::Own)
        .and_then(|a| a.rating("level-4/engineering-maturity/1"))
        .map(|r| r.note().to_owned());
    assert_eq!(note.as_deref(), Some("Written in my editor"));
}

#[test]
fn a_failed_editor_changes_nothing() {
    let (dir, app, _, _) = run(partly_rated(), |_| vec![Step::Key(ch('E'))], None);
    assert_eq!(saved(&dir), partly_rated());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("editor failed"))
    );
}

fn edit_on_disk(dir: &std::path::Path) -> Box<dyn FnOnce()> {
    let path = dir.join("profile.toml");
    Box::new(move || {
        let text = std::fs::read_to_string(&path).expect("read");
        let mut profile: Profile = toml::from_str(&text).expect("valid");
        profile.person = "Changed Elsewhere".into();
        // The self round this session edits changes too: saving over it asks.
        let own = profile.current_index(Role::Own).expect("a self round");
        profile.assessments[own].updated = "2020-01-01T00:00:00Z".parse().expect("a datetime");
        std::thread::sleep(std::time::Duration::from_millis(5));
        std::fs::write(&path, toml::to_string(&profile).expect("serialise")).expect("write");
    })
}

fn run_with_change(keys_after: &str) -> (tempfile::TempDir, App) {
    let (dir, app, _, _) = run(
        partly_rated(),
        |dir| {
            let mut steps = vec![Step::Do(edit_on_disk(dir)), Step::Key(ch('1'))];
            steps.extend(keys(keys_after));
            steps
        },
        None,
    );
    (dir, app)
}

#[test]
fn a_change_on_disk_is_never_clobbered_silently_reload() {
    let (dir, app) = run_with_change("r");
    let profile = saved(&dir);
    assert_eq!(profile.person, "Changed Elsewhere", "their change is kept");
    assert_eq!(app.profile.person, "Changed Elsewhere", "and shown");
    assert_eq!(
        profile
            .current(Role::Own)
            .map(|a| a.mark("level-4/engineering-maturity/1")),
        Some(Mark::Value(3)),
        "my unsaved change was dropped, as chosen"
    );
}

#[test]
fn a_change_on_disk_is_never_clobbered_silently_keep_mine() {
    let (dir, _) = run_with_change("k");
    let profile = saved(&dir);
    assert_eq!(
        profile.person, "Changed Elsewhere",
        "only they changed the name: theirs stays"
    );
    assert_eq!(
        profile
            .current(Role::Own)
            .map(|a| a.mark("level-4/engineering-maturity/1")),
        Some(Mark::Value(1))
    );
}

#[test]
fn a_change_on_disk_asks_before_anything_is_written() {
    let (dir, app) = run_with_change("");
    assert!(matches!(
        app.overlay,
        rungs::tui::app::Overlay::Dialog(rungs::tui::dialog::Dialog::Conflict)
    ));
    assert_eq!(
        saved(&dir).person,
        "Changed Elsewhere",
        "nothing written until the person chooses"
    );
}

#[test]
fn e_exports_the_summary_next_to_the_profile_and_names_it() {
    let (dir, app, _, terminal) = run(partly_rated(), |_| keys("e"), None);
    let exported = dir.path().join("profile.md");
    let text = std::fs::read_to_string(&exported).expect("the summary was written");
    assert!(
        text.starts_with("# Alex Doe — DevOps Engineer, Level 4 \\(Mid\\)"),
        "{text}"
    );
    assert!(text.contains("Chose the queue design for the billing rewrite; wrote the ADR."));
    let status = app.status.expect("a status").text;
    assert_eq!(status, format!("Exported to {}", exported.display()));
    let footer: String = (0..100)
        .map(|x| terminal.backend().buffer()[(x, 29)].symbol().to_owned())
        .collect();
    assert!(footer.contains("Exported to"), "{footer}");
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char(c),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    )
}

fn note_on_disk(dir: &tempfile::TempDir) -> String {
    saved(dir)
        .current(Role::Own)
        .and_then(|a| a.rating("level-4/engineering-maturity/1"))
        .map(|r| r.note().to_owned())
        .unwrap_or_default()
}

#[test]
fn a_note_being_typed_reaches_the_file_on_a_pause() {
    let (dir, _, _, _) = run(
        partly_rated(),
        |dir| {
            let path = dir.join("profile.toml");
            let mut steps = keys("n Typed");
            steps.push(Step::Idle);
            steps.push(Step::Do(Box::new(move || {
                let text = std::fs::read_to_string(&path).expect("read");
                assert!(
                    text.contains("wrote the ADR. Typed"),
                    "saved on the pause:\n{text}"
                );
            })));
            // Leave the editor open: the script's end plays a signal.
            steps.extend(keys(" more"));
            steps
        },
        None,
    );
    assert!(
        note_on_disk(&dir).ends_with("ADR. Typed more"),
        "saved before leaving on a signal"
    );
}

#[test]
fn a_signal_with_the_note_open_saves_it_and_ends_saved() {
    let (dir, _, script, _) = run(partly_rated(), |_| keys("n and the rest"), None);
    assert!(note_on_disk(&dir).ends_with("ADR. and the rest"));
    assert_eq!(script.ending, Some(Ending::Saved));
}

#[test]
fn quitting_after_a_failed_save_asks_and_reports_what_is_lost() {
    let (dir, app, script, terminal) = run(
        partly_rated(),
        |dir| {
            let path = dir.join("profile.toml");
            let folder = dir.to_path_buf();
            vec![
                // The folder goes away: every save fails from here on.
                Step::Do(Box::new(move || {
                    assert!(path.exists());
                    std::fs::remove_dir_all(&folder).expect("rm -r");
                })),
                Step::Key(ch('1')),
                Step::Key(ch('q')),
                Step::Do(Box::new(|| {})),
                Step::Key(ch('q')),
            ]
        },
        None,
    );
    assert!(!dir.path().exists());
    let lines = match script.ending {
        Some(Ending::Unsaved(lines)) => lines,
        other => panic!("quit anyway ends unsaved: {other:?}"),
    };
    // The whole file is gone with its folder, and the rating with it.
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("gone from disk"), "{lines:?}");
    assert!(
        lines[1].contains("level-4/engineering-maturity/1"),
        "{lines:?}"
    );
    assert!(lines[1].contains("rated 1"), "{lines:?}");
    assert!(app.has_unsaved());
    let screen = format!("{:?}", terminal.backend());
    assert!(
        screen.contains("NOT SAVED"),
        "the banner says so:\n{screen}"
    );
}

#[test]
fn the_unsaved_question_offers_a_copy_elsewhere() {
    let (_dir, _, script, _) = run(
        partly_rated(),
        |dir| {
            let path = dir.join("profile.toml");
            let folder = dir.to_path_buf();
            vec![
                Step::Do(Box::new(move || {
                    assert!(path.exists());
                    std::fs::remove_dir_all(&folder).expect("rm -r");
                })),
                Step::Key(ch('2')),
                Step::Key(ctrl('c')),
                Step::Key(ch('w')),
                Step::Key(ch('q')),
            ]
        },
        None,
    );
    let Some(Ending::Unsaved(lines)) = script.ending else {
        panic!("ends unsaved");
    };
    let copy_line = lines.last().expect("the copy is named");
    let path = copy_line
        .trim_start_matches("(a copy with all of them is in ")
        .trim_end_matches(')');
    let copy: Profile =
        toml::from_str(&std::fs::read_to_string(path).expect("the copy")).expect("a profile");
    let _ = std::fs::remove_file(path);
    assert_eq!(
        copy.current(Role::Own)
            .map(|a| a.mark("level-4/engineering-maturity/1")),
        Some(Mark::Value(2))
    );
}

#[test]
fn keep_mine_keeps_theirs_beside_the_profile() {
    let (dir, app) = run_with_change("k");
    let backups = home_beside(&dir.path().join("profile.toml")).backups;
    let theirs: Vec<_> = std::fs::read_dir(
        backups
            .read_dir()
            .expect("a folder")
            .flatten()
            .next()
            .expect("this profile's")
            .path(),
    )
    .expect("list")
    .flatten()
    .filter(|e| e.file_name().to_string_lossy().starts_with("theirs-"))
    .collect();
    assert_eq!(theirs.len(), 1, "their version is kept");
    let kept: Profile =
        toml::from_str(&std::fs::read_to_string(theirs[0].path()).expect("read")).expect("toml");
    assert_eq!(kept.person, "Changed Elsewhere");
    let status = app.status.expect("a status").text;
    assert!(status.contains("theirs is kept as"), "{status}");
}

#[test]
fn a_review_exports_beside_and_never_over_the_persons_export() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("alex.md");
    let profile = with_manager(partly_rated());
    std::fs::write(&path, toml::to_string(&profile).expect("toml")).expect("write");
    let (file, _) = open_own(&path, "test");
    let session = Session::new(file);
    let before = std::fs::read(&path).expect("read");
    let mut own = App::new(vaarst(), profile.clone(), Mode::Assess, "Alex Doe").expect("app");
    own.on_exported(session.export(&own));
    let mut review = App::new(vaarst(), profile, Mode::Review, "Sam Lee").expect("app");
    review.on_exported(session.export(&review));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the profile is untouched"
    );
    assert!(dir.path().join("alex.summary.md").exists());
    assert!(dir.path().join("alex.review-sam-lee.md").exists());
    // A file of the person's own at the export's name is not replaced.
    std::fs::write(dir.path().join("alex.summary.md"), "my notes").expect("write");
    own.on_exported(session.export(&own));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("alex.summary.md")).expect("read"),
        "my notes"
    );
    assert!(
        own.status
            .expect("a status")
            .text
            .contains("not an earlier export")
    );
}

#[test]
fn a_long_paste_lands_in_the_note_at_once_and_a_small_screen_ignores_keys() {
    let long: String = (1..=40)
        .map(|i| format!("line {i} of the pasted evidence, {}\n", "x".repeat(100)))
        .collect();
    let (dir, _, _, terminal) = run(
        partly_rated(),
        |_| {
            vec![
                Step::Key(ch('n')),
                Step::Paste(long.clone()),
                Step::Key(key(ratatui::crossterm::event::KeyCode::Esc)),
                Step::Resize(30, 8),
                Step::Key(ch('4')),
                Step::Key(ch('x')),
                Step::Resize(100, 30),
            ]
        },
        None,
    );
    let note = note_on_disk(&dir);
    assert!(note.len() > 4000, "{}", note.len());
    assert!(
        note.ends_with("line 40 of the pasted evidence, xxxx".to_owned().as_str())
            || note.contains("line 40 of the pasted evidence")
    );
    let own = saved(&dir);
    assert_eq!(
        own.current(Role::Own)
            .map(|a| a.mark("level-4/engineering-maturity/1")),
        Some(Mark::Value(3)),
        "keys pressed while the screen was too small changed nothing"
    );
    let screen = format!("{:?}", terminal.backend());
    assert!(
        screen.contains("Engineering Maturity"),
        "redrawn after the resize"
    );
}
