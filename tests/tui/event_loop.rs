//! The main loop over a TestBackend and a scripted list of events, with a
//! real profile file: saving, the external editor, a profile changed on
//! disk by another program, questions and the keys typed around them. The
//! script keeps its own clock: each input comes a second after the one
//! before (a person reading the screen), unless a step says otherwise.

use crate::tui_support;

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEvent};
use rungs::model::{Mark, Profile, Role};
use rungs::tui::app::{App, Mode, Overlay};
use rungs::tui::clock::Moment;
use rungs::tui::session::Session;
use rungs::tui::theme::Theme;
use rungs::tui::{Ending, Events, Input, run_app};
use tui_support::*;

/// Each step is a key, a paste, a pause, a resize, keys read at once (a
/// burst), the clock moving on, a failing terminal, or a closure run
/// between them (to play another program).
enum Step {
    Key(KeyEvent),
    Paste(String),
    Idle,
    Resize(u16, u16),
    Burst(Vec<KeyEvent>),
    /// The next inputs come this far apart (instead of a second).
    Pace(Duration),
    /// The terminal fails to read (a closed terminal reads EIO).
    Fail,
    Do(Box<dyn FnOnce()>),
}

/// 2026-11-26T14:02:03Z, read in UTC.
fn start_of_script() -> Moment {
    let wall = jiff::Timestamp::from_second(1_795_701_723)
        .expect("a valid second")
        .to_zoned_datetime(jiff::tz::TimeZone::UTC);
    Moment {
        instant: std::time::Instant::now(),
        wall,
    }
}

struct Script {
    steps: VecDeque<Step>,
    /// The rest of a burst, read without waiting.
    burst: VecDeque<Event>,
    clock: Moment,
    pace: Duration,
    editor_text: Option<String>,
    edited_with: Vec<String>,
    /// How the loop ended.
    ending: Option<Ending>,
}

impl Events for Script {
    /// The script's end plays a signal: the loop must leave as it would on SIGTERM.
    fn next(&mut self) -> io::Result<Input> {
        loop {
            let step = self.steps.pop_front();
            if !matches!(step, Some(Step::Do(_) | Step::Pace(_))) {
                self.clock = self.clock.later(self.pace);
            }
            match step {
                Some(Step::Key(key)) => return Ok(Input::Event(Event::Key(key))),
                Some(Step::Paste(text)) => return Ok(Input::Event(Event::Paste(text))),
                Some(Step::Resize(w, h)) => return Ok(Input::Event(Event::Resize(w, h))),
                Some(Step::Burst(keys)) => {
                    self.burst = keys.into_iter().map(Event::Key).collect();
                    if let Some(first) = self.burst.pop_front() {
                        return Ok(Input::Event(first));
                    }
                }
                Some(Step::Idle) => return Ok(Input::Idle),
                Some(Step::Pace(pace)) => self.pace = pace,
                Some(Step::Fail) => return Err(io::Error::from_raw_os_error(libc::EIO)),
                Some(Step::Do(f)) => f(),
                None => return Ok(Input::Stop),
            }
        }
    }

    fn ready(&mut self) -> io::Result<Option<Event>> {
        Ok(self.burst.pop_front())
    }

    fn now(&self) -> Moment {
        self.clock.clone()
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
    let (dir, app, script, terminal, result) = try_run(profile, steps, editor_text);
    result.expect("the loop ends cleanly");
    (dir, app, script, terminal)
}

type Run = (
    tempfile::TempDir,
    App,
    Script,
    Terminal<TestBackend>,
    anyhow::Result<()>,
);

/// Runs the loop; its error, if it fails, is in the last place.
fn try_run(
    profile: Profile,
    steps: impl FnOnce(&std::path::Path) -> Vec<Step>,
    editor_text: Option<&str>,
) -> Run {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, toml::to_string(&profile).expect("serialise")).expect("write");
    let (file, _) = open_own(&path, "test");
    let mut session = Session::new(file);
    let mut app = App::new(vaarst(), profile, Mode::Assess, "Alex Doe").expect("app");
    let steps = steps(dir.path());
    let mut script = Script {
        steps: steps.into(),
        burst: VecDeque::new(),
        clock: start_of_script(),
        pace: Duration::from_secs(1),
        editor_text: editor_text.map(str::to_owned),
        edited_with: Vec::new(),
        ending: None,
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let result = run_app(
        &mut terminal,
        &mut script,
        &mut app,
        &mut session,
        &Theme::DARK,
    );
    let result = result.map(|ending| script.ending = Some(ending));
    (dir, app, script, terminal, result)
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
        vec![
            "# ── rungs: your note on Engineering Maturity 1 ──\n\
             # Your rating: 3 Mostly\n\
             # I am able to pitch my engineering approach at an appropriate level (in\n\
             # both scale and resiliance) most of the time.\n\
             # ── Write below this line; the lines above are taken off. ──\n\
             Chose the queue design for the billing rewrite; wrote the ADR.\n"
                .to_owned()
        ],
        "the editor is shown the statement and its rating above the note"
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
        let before = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("a time");
        std::fs::write(&path, toml::to_string(&profile).expect("serialise")).expect("write");
        // Another program's write, as a later clock tick would stamp it
        // (on a coarse clock the two writes could share a time).
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(before + std::time::Duration::from_secs(1)))
            .expect("stamp the change");
    })
}

/// Another program changes the file, a rating makes the question come;
/// the person reads it (a pause), then types `keys_after`.
fn run_with_change(keys_after: &str) -> (tempfile::TempDir, App) {
    let (dir, app, _, _) = run(
        partly_rated(),
        |dir| {
            let mut steps = vec![Step::Do(edit_on_disk(dir)), Step::Key(ch('1')), Step::Idle];
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
        text.starts_with("# Alex Doe — DevOps Engineer, Level 4 (Mid)"),
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

/// Keys that never pause: the note opens, then a character at a time, each
/// as soon as the loop asks; stops once the note is in the file.
struct Typist {
    path: std::path::PathBuf,
    opened: bool,
    typed: usize,
    saved_while_typing: Option<String>,
    deadline: std::time::Instant,
}

impl Events for Typist {
    fn next(&mut self) -> io::Result<Input> {
        if !self.opened {
            self.opened = true;
            return Ok(Input::Event(Event::Key(ch('n'))));
        }
        let text = std::fs::read_to_string(&self.path).expect("read");
        let profile: Profile = toml::from_str(&text).expect("valid");
        let note = profile
            .current(Role::Own)
            .and_then(|a| a.rating("level-4/engineering-maturity/1"))
            .map(|r| r.note().to_owned());
        if let Some(note) = note.filter(|n| !n.is_empty()) {
            self.saved_while_typing = Some(note);
            return Ok(Input::Stop);
        }
        if std::time::Instant::now() > self.deadline {
            return Ok(Input::Stop);
        }
        self.typed += 1;
        Ok(Input::Event(Event::Key(ch('a'))))
    }

    fn ready(&mut self) -> io::Result<Option<Event>> {
        Ok(None)
    }

    fn suspend(&mut self) -> anyhow::Result<()> {
        Ok(())
    }

    fn edit_externally(&mut self, _: &str) -> anyhow::Result<Option<String>> {
        Ok(None)
    }
}

#[test]
fn a_note_typed_without_a_pause_reaches_the_file_while_keys_keep_coming() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("profile.toml");
    let profile = empty_profile();
    std::fs::write(&path, toml::to_string(&profile).expect("serialise")).expect("write");
    let (file, _) = open_own(&path, "test");
    let mut session = Session::new(file);
    let mut app = App::new(vaarst(), profile, Mode::Assess, "Alex Doe").expect("app");
    let mut typist = Typist {
        path,
        opened: false,
        typed: 0,
        saved_while_typing: None,
        deadline: std::time::Instant::now() + crate::pty_support::timeout(),
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    run_app(
        &mut terminal,
        &mut typist,
        &mut app,
        &mut session,
        &Theme::DARK,
    )
    .expect("the loop ends cleanly");
    let saved = typist.saved_while_typing.unwrap_or_else(|| {
        panic!(
            "{} keys without a pause and nothing saved (RUNGS_TEST_TIMEOUT)",
            typist.typed
        )
    });
    assert!(
        !saved.is_empty() && saved.chars().all(|c| c == 'a') && saved.len() <= typist.typed,
        "what is saved is what was typed: {saved:?}"
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
                Step::Idle,
                Step::Key(ch('Q')),
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
                Step::Idle,
                Step::Key(ch('w')),
                Step::Idle,
                Step::Key(ch('Q')),
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
    own.on_exported(session.export(&own.profile, &own.framework, None));
    let mut review = App::new(vaarst(), profile, Mode::Review, "Sam Lee").expect("app");
    review.on_exported(session.export(&review.profile, &review.framework, Some("Sam Lee")));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the profile is untouched"
    );
    assert!(dir.path().join("alex.summary.md").exists());
    assert!(dir.path().join("alex.review-sam-lee.md").exists());
    // A file of the person's own at the export's name is not replaced.
    std::fs::write(dir.path().join("alex.summary.md"), "my notes").expect("write");
    own.on_exported(session.export(&own.profile, &own.framework, None));
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

fn conflict_open(app: &App) -> bool {
    matches!(
        app.overlay,
        Overlay::Dialog(rungs::tui::dialog::Dialog::Conflict)
    )
}

/// Item 18.1, made general: keys typed on while a question comes (read
/// in one burst just after it was first drawn, or with no pause since)
/// were meant for the screen before it: they answer nothing.
#[test]
fn a_question_takes_no_answer_from_keys_typed_before_it_was_shown() {
    let (dir, app, _, _) = run(
        partly_rated(),
        |dir| {
            vec![
                Step::Do(edit_on_disk(dir)),
                // 1 rates; its save finds the file changed: the question comes.
                Step::Key(ch('1')),
                // The typing goes on, fast: r would reload theirs, k keep
                // mine, 4 rate the next statement.
                Step::Pace(Duration::from_millis(100)),
                Step::Burst(vec![ch('r'), ch('k'), ch('4')]),
                Step::Key(ch('r')),
            ]
        },
        None,
    );
    assert!(conflict_open(&app), "the question is still open");
    assert_eq!(
        saved(&dir).person,
        "Changed Elsewhere",
        "nothing was answered: theirs is untouched"
    );
    assert_eq!(
        app.profile
            .current(Role::Own)
            .map(|a| a.mark("level-4/engineering-maturity/2")),
        Some(Mark::Value(4)),
        "the second statement keeps its rating: 4 was typed for no one"
    );
    assert_eq!(app.question_state(), (false, 4));
}

#[test]
fn a_question_answered_after_a_pause_acts_and_keys_read_with_the_answer_do_not() {
    let (dir, app, _, _) = run(
        partly_rated(),
        |dir| {
            vec![
                Step::Do(edit_on_disk(dir)),
                Step::Key(ch('1')),
                Step::Idle,
                // k answers; 2 and e came in the same read, before the
                // screen below was back.
                Step::Burst(vec![ch('k'), ch('2'), ch('e')]),
            ]
        },
        None,
    );
    let profile = saved(&dir);
    assert_ne!(
        profile.current(Role::Own).map(|a| a.updated.to_string()),
        Some("2020-01-01T00:00:00Z".to_owned()),
        "k kept my round"
    );
    assert_eq!(
        profile.person, "Changed Elsewhere",
        "their other change stays"
    );
    assert_eq!(
        profile
            .current(Role::Own)
            .map(|a| a.mark("level-4/engineering-maturity/1")),
        Some(Mark::Value(1))
    );
    assert_eq!(
        profile
            .current(Role::Own)
            .map(|a| a.mark("level-4/engineering-maturity/2")),
        Some(Mark::Value(4)),
        "2 was not used"
    );
    assert!(!dir.path().join("profile.md").exists(), "e was not used");
    let status = app.status.expect("a status").text;
    assert!(
        status.starts_with("2 keys typed as the question closed were not used."),
        "{status}"
    );
}

/// Item 18.1: the question that comes while a note is typed waits; every
/// key goes on into the note; leaving the note asks it.
#[test]
fn a_conflict_while_a_note_is_typed_waits_for_the_note_to_be_left() {
    let (dir, app, _, terminal) = run(
        empty_profile(),
        |dir| {
            let mut steps = keys("nfirst");
            steps.push(Step::Idle);
            steps.push(Step::Do(edit_on_disk(dir)));
            steps.extend(keys(" rk e1"));
            steps.push(Step::Idle);
            steps.extend(keys("23"));
            steps
        },
        None,
    );
    let Overlay::Note(editor) = &app.overlay else {
        panic!("the note editor stays open");
    };
    assert_eq!(editor.text(), "first rk e123");
    assert!(
        app.waiting()
            .is_some_and(|q| *q == rungs::tui::dialog::Dialog::Conflict),
        "the question waits"
    );
    let screen = format!("{:?}", terminal.backend());
    assert!(
        screen.contains("The file changed on disk: Esc, then choose"),
        "{screen}"
    );
    assert_eq!(saved(&dir).person, "Changed Elsewhere");
    assert!(!dir.path().join("profile.md").exists());
}

#[test]
fn leaving_the_note_asks_the_question_that_waited() {
    let (dir, app, _, _) = run(
        empty_profile(),
        |dir| {
            let mut steps = keys("nfirst");
            steps.push(Step::Idle);
            steps.push(Step::Do(edit_on_disk(dir)));
            steps.extend(keys(" more"));
            steps.push(Step::Idle);
            steps.push(Step::Key(key(ratatui::crossterm::event::KeyCode::Esc)));
            steps.push(Step::Idle);
            steps.push(Step::Key(ch('k')));
            steps
        },
        None,
    );
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(note_on_disk(&dir), "first more");
    // "Keep mine" keeps this session's round; their other change stays.
    assert_eq!(saved(&dir).person, "Changed Elsewhere");
}

/// Item 24.8: the note reaches the file within a second of the clock the
/// loop is given, though the typing never pauses.
#[test]
fn a_note_typed_without_a_pause_reaches_the_file_a_second_after_it_changed() {
    let (dir, _, _, _) = run(
        partly_rated(),
        |dir| {
            let path = dir.join("profile.toml");
            let note = move || {
                let text = std::fs::read_to_string(&path).expect("read");
                let profile: Profile = toml::from_str(&text).expect("valid");
                profile
                    .current(Role::Own)
                    .and_then(|a| a.rating("level-4/engineering-maturity/1"))
                    .map(|r| r.note().to_owned())
                    .unwrap_or_default()
            };
            let check = note.clone();
            let check_later = note;
            // A key every 0.3 s: a, b, c, d are typed over 0.9 s.
            let mut steps = vec![Step::Pace(Duration::from_millis(300))];
            steps.extend(keys("nabcd"));
            steps.push(Step::Do(Box::new(move || {
                assert!(
                    check().ends_with("ADR."),
                    "0.9 s after the first letter: not yet"
                );
            })));
            steps.extend(keys("e"));
            steps.push(Step::Do(Box::new(move || {
                assert!(
                    check_later().ends_with("ADR.abcde"),
                    "1.2 s after the first letter: saved, though the typing goes on"
                );
            })));
            steps.extend(keys("f"));
            steps
        },
        None,
    );
    assert!(note_on_disk(&dir).ends_with("ADR.abcdef"));
}

#[test]
fn saved_says_the_time_of_the_clock_the_loop_is_given() {
    let (_, app, _, _) = run(empty_profile(), |_| keys("3"), None);
    let status = app.status.expect("a status").text;
    assert_eq!(status, "Saved 14:02:04", "a second after 14:02:03");
    let round = app.profile.current(Role::Own).expect("rated");
    assert_eq!(round.started.to_string(), "2026-11-26T14:02:04Z");
}

/// Item 18.4 in the loop: a terminal that fails (EIO, as a closed one
/// reads) still leaves through the door that saves.
#[test]
fn a_failing_terminal_saves_the_note_being_typed_before_the_loop_fails() {
    let (dir, _, _, _, result) = try_run(
        partly_rated(),
        |_| {
            let mut steps = keys("n and more");
            steps.push(Step::Fail);
            steps
        },
        None,
    );
    let err = result.expect_err("the terminal failed");
    assert!(
        format!("{err:#}").contains("every change was saved first"),
        "{err:#}"
    );
    assert!(note_on_disk(&dir).ends_with("ADR. and more"));
}

/// Item 23.1 through the loop: a digit, then `E`, edits the note of the
/// statement just rated.
#[test]
fn a_digit_then_e_edits_the_note_of_the_statement_just_rated() {
    let (dir, _, script, _) = run(empty_profile(), |_| keys("3E"), Some("Evidence\n"));
    assert!(
        script.edited_with[0]
            .contains("your note on Engineering Maturity 1 ──\n# Your rating: 3 Mostly"),
        "{}",
        script.edited_with[0]
    );
    assert_eq!(note_on_disk(&dir), "Evidence");
}
