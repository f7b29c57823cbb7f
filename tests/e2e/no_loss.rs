//! Issue 8, "nothing typed is ever lost", end to end: the real binary in a
//! real pseudo-terminal, one test per way a rating or a note could be lost
//! (or reported saved when it was not). Each reads back the file, the
//! screen and the exit code.

use crate::pty_support;

use std::path::{Path, PathBuf};

use pty_support::*;
use rungs::model::{Mark, Profile, Role, StatementKey};

pub(crate) const FIRST: &str = "level-4/engineering-maturity/1";
pub(crate) const SECOND: &str = "level-4/engineering-maturity/2";

pub(crate) fn read_profile(path: &Path) -> Profile {
    let text = std::fs::read_to_string(path).expect("the profile was saved");
    toml::from_str(&text).expect("the profile is valid TOML")
}

pub(crate) fn own_mark(path: &Path, key: &str) -> Mark {
    read_profile(path)
        .current(Role::Own)
        .map_or(Mark::Unrated, |a| a.mark(key))
}

pub(crate) fn own_note(path: &Path, key: &str) -> String {
    read_profile(path)
        .current(Role::Own)
        .and_then(|a| a.rating(key))
        .map(|r| r.note().to_owned())
        .unwrap_or_default()
}

/// Alex has rated the first two statements; the second has a note.
pub(crate) fn rated_profile() -> Profile {
    let mut profile = Profile::new("Alex Doe", "vaarst", "devops-engineer", "level-4");
    let stamp = "2026-11-26T09:00:00Z".parse().expect("a datetime");
    let i = profile.new_round(Role::Own, "Alex Doe", stamp);
    let key = |k: &str| StatementKey::parse(k).expect("a key");
    profile.assessments[i].edit(&key(FIRST), |r| r.set_mark(Mark::Value(3)));
    profile.assessments[i].edit(&key(SECOND), |r| {
        r.set_mark(Mark::Value(2));
        r.note = Some("Ran the on-call review.".into());
    });
    profile
}

pub(crate) fn write_profile(path: &Path, profile: &Profile) {
    std::fs::write(path, toml::to_string(profile).expect("serialise")).expect("write");
}

/// Starts a new profile at `path` (relative to the home folder) and waits
/// for the assessment screen.
pub(crate) fn start_new(home: &Path, profile: &str) -> Tui {
    let mut args = NEW_PROFILE.to_vec();
    args.extend(["--profile", profile]);
    let tui = Tui::start(home, &args);
    tui.wait_for("Rated   0/15");
    tui
}

/// Another program rewrites the profile at `path`: the person's name, and
/// the self round a session there edits (so saving over it asks first).
pub(crate) fn rewrite_elsewhere(path: &Path, person: &str) {
    let mut theirs = read_profile(path);
    theirs.person = person.into();
    let stamp = "2020-01-01T00:00:00Z".parse().expect("a datetime");
    match theirs.current_index(Role::Own) {
        Some(own) => theirs.assessments[own].updated = stamp,
        None => {
            theirs.new_round(Role::Own, person, stamp);
        }
    }
    let temp = path.with_extension("other-tmp");
    write_profile(&temp, &theirs);
    std::fs::rename(&temp, path).expect("rename");
}

/// The files rungs keeps of a profile in its own backups folder (`home`
/// is `RUNGS_HOME`) whose names start with `prefix`.
pub(crate) fn kept_in_backups(home: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(folders) = std::fs::read_dir(home.join("backups")) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = folders
        .flatten()
        .flat_map(|folder| files_named(&folder.path(), prefix))
        .collect();
    found.sort();
    found
}

pub(crate) fn files_named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    found.sort();
    found
}

// --- 2. a note being typed is saved on SIGHUP and SIGTERM -----------------

fn a_signal_saves_the_note_being_typed(signal: &str) {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["3", "k", "n"]);
    tui.wait_for(EDITOR_HINT);
    tui.keys(&["Typed but never closed"]);
    tui.wait_for("Typed but never closed");
    // No Esc, no pause long enough to matter: the signal comes at once.
    tui.signal(signal);
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "SIG{signal} ends through the normal door: {status:?}"
    );
    assert!(!tui.alternate_screen(), "the terminal is restored");
    assert_eq!(own_mark(&path, FIRST), Mark::Value(3));
    assert_eq!(own_note(&path, FIRST), "Typed but never closed");
    let screen = tui.contents();
    assert!(screen.contains("Saved in"), "{screen}");
}

#[test]
fn sighup_with_the_note_editor_open_saves_the_typed_note() {
    a_signal_saves_the_note_being_typed("HUP");
}

#[test]
fn sigterm_with_the_note_editor_open_saves_the_typed_note() {
    a_signal_saves_the_note_being_typed("TERM");
}

/// Item 10: SIGINT and SIGQUIT from outside restore the terminal and keep
/// every change.
#[test]
fn sigint_and_sigquit_from_outside_restore_the_terminal() {
    for signal in ["INT", "QUIT"] {
        let home = tempfile::tempdir().expect("a temp dir");
        let path = home.path().join("profile.toml");
        let mut tui = start_new(home.path(), "profile.toml");
        tui.keys(&["4"]);
        tui.wait_for("Rated   1/15");
        tui.signal(signal);
        let status = tui.wait_exit();
        assert!(status.success(), "SIG{signal}: {status:?}");
        assert!(!tui.alternate_screen(), "SIG{signal} restores the terminal");
        assert_eq!(own_mark(&path, FIRST), Mark::Value(4), "SIG{signal}");
    }
}

// --- 3. a failed save is never reported as saved ------------------------

/// The profile's folder is deleted under a running session (a save fails as
/// on a full disk: rungs runs as root here, so permissions cannot refuse
/// it); a rating is made, the header says it is not saved, and `q` asks.
fn a_save_that_fails(home: &Path) -> Tui {
    let mut tui = start_new(home, "people/alex.toml");
    std::fs::remove_dir_all(home.join("people")).expect("delete the folder");
    tui.keys(&["3"]);
    tui.wait_for("NOT SAVED");
    tui.keys(&["q"]);
    tui.wait_for(" Not saved ");
    // The choices show once the question takes answers.
    tui.wait_for("r retry the save");
    tui.wait_for("w write a copy elsewhere");
    tui.wait_for("Q quit anyway");
    tui.wait_for("Esc/q back");
    tui
}

#[test]
fn a_failed_save_then_quit_anyway_lists_what_is_lost_and_exits_1() {
    let home = tempfile::tempdir().expect("a temp dir");
    let mut tui = a_save_that_fails(home.path());
    // q closes the question without acting; Q quits anyway.
    tui.keys(&["q"]);
    tui.wait_gone(" Not saved ");
    tui.keys(&["q"]);
    tui.wait_for("Q quit anyway");
    tui.keys(&["Q"]);
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 1, "{status:?}");
    assert!(!tui.alternate_screen());
    let screen = tui.contents();
    assert!(screen.contains("NOT saved in"), "{screen}");
    assert!(
        screen.contains(&format!("({FIRST}): rated 3")),
        "the lost rating is listed: {screen}"
    );
    assert!(!screen.contains("Saved in"), "{screen}");
}

/// Item 3's second way: the "changed on disk" question left with Ctrl-C
/// must not end with "Saved".
#[test]
fn ctrl_c_on_the_conflict_question_does_not_claim_saved() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    rewrite_elsewhere(&path, "Changed Elsewhere");
    tui.keys(&["3"]);
    tui.wait_for("changed on disk");
    tui.wait_for("k keep mine");
    tui.keys(&["\u{3}"]);
    tui.wait_for(" Not saved ");
    tui.wait_for("Q quit anyway");
    tui.keys(&["Q"]);
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 1, "{status:?}");
    let screen = tui.contents();
    assert!(screen.contains(&format!("({FIRST}): rated 3")), "{screen}");
    assert!(!screen.contains("Saved in"), "{screen}");
    assert_eq!(
        read_profile(&path).person,
        "Changed Elsewhere",
        "theirs untouched"
    );
}

/// A hang-up while saves fail: no question can be asked, so the exit code
/// and the message say what is lost.
#[test]
fn sighup_while_saves_fail_exits_1_and_lists_what_is_lost() {
    let home = tempfile::tempdir().expect("a temp dir");
    let mut tui = start_new(home.path(), "people/alex.toml");
    std::fs::remove_dir_all(home.path().join("people")).expect("delete the folder");
    tui.keys(&["3", "j", "n"]);
    tui.wait_for(EDITOR_HINT);
    tui.keys(&["evidence"]);
    tui.wait_for("evidence");
    tui.signal("HUP");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 1, "{status:?}");
    let screen = tui.contents();
    assert!(screen.contains("NOT saved in"), "{screen}");
    assert!(screen.contains(&format!("({FIRST}): rated 3")), "{screen}");
    let third = "level-4/engineering-maturity/3";
    assert!(
        screen.contains(&format!("({third}): not rated, with its note")),
        "the note being typed is listed too: {screen}"
    );
}

#[test]
fn a_failed_save_then_write_a_copy_holds_the_rating() {
    let home = tempfile::tempdir().expect("a temp dir");
    let mut tui = a_save_that_fails(home.path());
    tui.keys(&["w"]);
    tui.wait_for("A copy is in");
    let copies = files_named(home.path(), "rungs-copy-alex-");
    assert_eq!(copies.len(), 1, "one copy in TMPDIR: {copies:?}");
    // The path is shown.
    tui.wait_for(&copies[0].display().to_string());
    assert_eq!(
        read_profile(&copies[0])
            .current(Role::Own)
            .map(|a| a.mark(FIRST)),
        Some(Mark::Value(3))
    );
    tui.keys(&["Q"]);
    assert_eq!(tui.wait_exit().exit_code(), 1);
}

#[test]
fn a_failed_save_then_retry_once_the_folder_is_back_saves() {
    let home = tempfile::tempdir().expect("a temp dir");
    let mut tui = a_save_that_fails(home.path());
    std::fs::create_dir(home.path().join("people")).expect("the folder again");
    tui.keys(&["r"]);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    let path = home.path().join("people/alex.toml");
    assert_eq!(own_mark(&path, FIRST), Mark::Value(3));
    assert!(tui.contents().contains("Saved in"));
}

/// The profile deleted by another program after the last save: quitting
/// must not say "Saved in" a file that is not there.
#[test]
fn quitting_after_the_profile_was_deleted_does_not_claim_saved() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["3"]);
    tui.wait_for("Rated   1/15");
    tui.wait_until("the rating saved", || {
        own_mark(&path, FIRST) == Mark::Value(3)
    });
    std::fs::remove_file(&path).expect("another program deletes the profile");
    tui.keys(&["q"]);
    tui.wait_until("rungs ends or asks", || {
        tui.contents().contains(" Not saved ") || !tui.alternate_screen()
    });
    if !tui.alternate_screen() {
        // It ended: read all it said.
        tui.wait_exit();
    }
    let screen = tui.contents();
    let claims_saved = screen.contains("Saved in");
    assert!(
        !claims_saved || path.exists(),
        "\"Saved in\" but there is no file: {screen}"
    );
}

// --- 4. keep mine keeps theirs ------------------------------------------

#[test]
fn keep_mine_keeps_theirs_in_the_backups_folder() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["3"]);
    tui.wait_for("Rated   1/15");
    tui.wait_for("Saved");
    // Another program rewrites the file, this session's round too.
    rewrite_elsewhere(&path, "Changed Elsewhere");
    tui.keys(&["4"]);
    tui.wait_for("changed on disk");
    tui.wait_for("k keep mine");
    tui.keys(&["k"]);
    tui.wait_for("theirs is kept as");
    tui.wait_for("Rated   2/15");

    // A second conflict in the same session gets a copy of its own.
    rewrite_elsewhere(&path, "Changed Again");
    tui.keys(&["2"]);
    tui.wait_for("changed on disk");
    tui.wait_for("k keep mine");
    tui.keys(&["k"]);
    // Keys read with the answer, before the screen below is back, are not used.
    tui.wait_gone("k keep mine");
    tui.wait_for("Rated   3/15");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());

    let kept = kept_in_backups(home.path(), "theirs-");
    assert_eq!(kept.len(), 2, "{kept:?}");
    let mut people: Vec<String> = kept.iter().map(|k| read_profile(k).person).collect();
    people.sort();
    assert_eq!(
        people,
        ["Changed Again", "Changed Elsewhere"],
        "theirs, both times"
    );
    let first = kept
        .iter()
        .map(|k| read_profile(k))
        .find(|p| p.person == "Changed Elsewhere")
        .expect("the first copy");
    assert_eq!(
        first.current(Role::Own).map(|a| a.mark(SECOND)),
        Some(Mark::Unrated),
        "their version whole, without my unsaved change"
    );
    assert!(
        files_named(home.path(), "profile.toml.").is_empty(),
        "nothing kept beside the profile"
    );
    let mine = read_profile(&path);
    assert_eq!(
        mine.person, "Changed Again",
        "their name stays: only they changed it"
    );
    assert_eq!(own_mark(&path, FIRST), Mark::Value(3));
    assert_eq!(
        own_mark(&path, SECOND),
        Mark::Value(4),
        "my rating, as chosen"
    );
}

// --- 5 and 6. an export never replaces a profile or another's export -----

#[test]
fn e_on_a_profile_named_md_never_replaces_it() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("alex.md");
    write_profile(&path, &rated_profile());
    let before = std::fs::read(&path).expect("read");
    let mut tui = Tui::start(home.path(), &["assess", "--profile", "alex.md"]);
    tui.wait_for("Rated   2/15");
    tui.keys(&["e"]);
    tui.wait_for("Exported to");
    tui.wait_for("alex.summary.md");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the profile is unchanged"
    );
    let summary = std::fs::read_to_string(home.path().join("alex.summary.md")).expect("exported");
    assert!(summary.starts_with("# Alex Doe"), "{summary}");
    assert!(summary.contains("Ran the on-call review."));
}

#[test]
fn e_in_a_review_writes_the_reviewers_own_file() {
    let home = tempfile::tempdir().expect("a temp dir");
    write_profile(&home.path().join("alex.toml"), &rated_profile());
    let mut tui = Tui::start(home.path(), &["review", "alex.toml", "--as", "Sam Lee"]);
    tui.wait_for("review by Sam Lee");
    tui.wait_for("direct manager?");
    tui.wait_for("y yes");
    tui.keys(&["n"]);
    tui.wait_gone("direct manager?");
    tui.keys(&["4", "e"]);
    tui.wait_for("alex.review-sam-lee.md");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let review = home.path().join("alex.review-sam-lee.md");
    assert!(review.exists(), "the reviewer's export has its own name");
    assert!(
        !home.path().join("alex.md").exists(),
        "the engineer's export name is left alone"
    );
}

#[test]
fn export_o_onto_the_profile_or_an_open_profile_is_refused() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("alex.toml");
    write_profile(&path, &rated_profile());
    let before = std::fs::read(&path).expect("read");
    let export = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_rungs"))
            .args(args)
            .env("RUNGS_HOME", home.path())
            .current_dir(home.path())
            .output()
            .expect("rungs runs")
    };
    for force in [false, true] {
        let mut args = vec!["export", "--profile", "alex.toml", "-o", "alex.toml"];
        if force {
            args.push("--force");
        }
        let out = export(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is the profile being exported"),
            "refused for the right reason: {err}"
        );
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the profile is unchanged"
    );

    // A file that is not an earlier export needs --force.
    let notes = home.path().join("notes.md");
    std::fs::write(&notes, "my own notes\n").expect("write");
    let out = export(&["export", "--profile", "alex.toml", "-o", "notes.md"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&notes).expect("read"),
        "my own notes\n"
    );
    let out = export(&[
        "export",
        "--profile",
        "alex.toml",
        "-o",
        "notes.md",
        "--force",
    ]);
    assert!(out.status.success(), "{out:?}");

    // A profile (one a session has open too) is refused even with --force.
    let mut tui = Tui::start(home.path(), &["assess", "--profile", "alex.toml"]);
    tui.wait_for("Rated   2/15");
    let other = home.path().join("bob.toml");
    write_profile(&other, &rated_profile());
    let bob_before = std::fs::read(&other).expect("read");
    let mut bob = Tui::start(home.path(), &["assess", "--profile", "bob.toml"]);
    bob.wait_for("Rated   2/15");
    let out = export(&[
        "export",
        "--profile",
        "alex.toml",
        "-o",
        "bob.toml",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a rungs profile"), "{err}");
    assert_eq!(std::fs::read(&other).expect("read"), bob_before);
    tui.keys(&["q"]);
    bob.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert!(bob.wait_exit().success());
}

// --- 7. keys do nothing while the terminal is too small -----------------

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    let before = std::fs::read(&path).expect("the first save");
    tui.resize(8, 30);
    tui.wait_for("too small");
    // Each key is read before the resize is sent, so rungs handles them all
    // (and saves what they change) before it draws the full screen again.
    tui.keys(&["2", "3", "l", "-", "x", "e", "n", "u"]);
    tui.resize(30, 100);
    tui.wait_for("Rated   0/15");
    tui.wait_whole_frame();
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "nothing changed unseen"
    );
    assert!(
        !tui.contents().contains(EDITOR_HINT),
        "no editor opened unseen"
    );
    assert!(
        !home.path().join("profile.md").exists(),
        "no export written unseen"
    );
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(own_mark(&path, FIRST), Mark::Unrated);
}

// --- 8 and 9. pastes ----------------------------------------------------

#[test]
fn a_paste_on_the_main_screen_changes_nothing_and_in_the_editor_is_typed() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    let before = std::fs::read(&path).expect("the first save");
    tui.paste("see https://wiki/x-123 then 3 e h n");
    // Said once the paste is handled, and after what it caused was saved.
    tui.wait_for("paste into a note");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the paste changed nothing"
    );
    assert!(
        !home.path().join("profile.md").exists(),
        "the paste exported nothing"
    );
    assert!(
        !tui.contents().contains(EDITOR_HINT),
        "and opened no editor"
    );
    tui.wait_for("Rated   0/15");

    tui.keys(&["n"]);
    tui.wait_for(EDITOR_HINT);
    tui.paste("pasted line\nsecond\tline \u{1b}[31mred");
    // The tab shows as spaces to the next tab stop.
    tui.wait_for("second  line");
    tui.keys(&[ESC]);
    tui.wait_gone(EDITOR_HINT);
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(
        own_note(&path, FIRST),
        "pasted line\nsecond\tline [31mred",
        "as pasted: its tab kept, the escape (a terminal's colours) not"
    );
}

/// How long a paste takes to show and to save is measured by the `typing`
/// bench; here, the order: shown whole, then saved while the editor is open.
#[test]
fn a_long_paste_is_shown_whole_and_saved_before_the_editor_closes() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["n"]);
    tui.wait_for(EDITOR_HINT);
    let lines: Vec<String> = (1..=40)
        .map(|i| format!("line {i:02}: {}", "evidence of the work done ".repeat(5)))
        .collect();
    let text = lines.join("\n");
    assert!(text.len() >= 5000, "{} bytes", text.len());
    tui.paste(&text);
    tui.wait_for("line 40: evidence");
    tui.wait_until("the whole paste in the file", || {
        // As pasted, to its last trailing space.
        std::fs::read_to_string(&path).is_ok_and(|_| own_note(&path, FIRST) == text)
    });
    assert!(
        tui.contents().contains(EDITOR_HINT),
        "saved with the editor still open"
    );
    tui.keys(&[ESC]);
    tui.wait_gone(EDITOR_HINT);
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(own_note(&path, FIRST), text);
}

/// Item 2: a note typed without a pause reaches the file while typing goes
/// on. Keys follow each other as fast as rungs reads them, so the save
/// comes from the at-least-every-second rule (tested on its own in
/// `event_loop`), not from a pause; the bench `typing` measures how soon.
#[test]
fn a_note_is_saved_while_it_is_typed() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["n"]);
    tui.wait_for(EDITOR_HINT);
    let words = "steady typing with no pause at all ".chars().cycle();
    let mut typed = String::new();
    let deadline = std::time::Instant::now() + timeout();
    for c in words {
        tui.keys(&[&c.to_string()]);
        typed.push(c);
        let saved = own_note(&path, FIRST);
        if !saved.is_empty() {
            assert!(
                typed.starts_with(&saved),
                "what is saved was typed, in order: {saved:?}"
            );
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "nothing saved after typing {} characters for {:?} (RUNGS_TEST_TIMEOUT)",
            typed.len(),
            timeout()
        );
    }
    // Still typing: the rest reaches the file on the way out.
    tui.keys(&["e", "n", "d"]);
    typed.push_str("end");
    tui.signal("TERM");
    assert!(tui.wait_exit().success());
    assert_eq!(own_note(&path, FIRST), typed);
}

// --- 10. suspend --------------------------------------------------------

fn wait_stopped(tui: &Tui) {
    tui.wait_until("the process stopped", || tui.state() == 'T');
    tui.wait_until("the terminal given back", || !tui.alternate_screen());
}

fn continue_and_wait_redrawn(tui: &Tui, rated: &str) {
    tui.signal("CONT");
    tui.wait_until("the terminal taken back", || tui.alternate_screen());
    tui.wait_for(rated);
    tui.wait_for("Pat Tester · DevOps Engineer");
}

#[test]
fn tstp_and_ctrl_z_suspend_and_cont_takes_the_terminal_back() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.signal("TSTP");
    wait_stopped(&tui);
    continue_and_wait_redrawn(&tui, "Rated   0/15");
    tui.keys(&["3"]);
    tui.wait_for("Rated   1/15");

    // Ctrl-Z read as a key does the same.
    tui.keys(&[CTRL_Z]);
    wait_stopped(&tui);
    continue_and_wait_redrawn(&tui, "Rated   1/15");
    tui.keys(&["4"]);
    tui.wait_for("Rated   2/15");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(own_mark(&path, FIRST), Mark::Value(3));
    assert_eq!(own_mark(&path, SECOND), Mark::Value(4));
}

// --- 11. a read-only profile --------------------------------------------

#[test]
fn a_0444_profile_opens_read_only_and_stays_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    write_profile(&path, &rated_profile());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&path).expect("read");
    let mut tui = Tui::start(home.path(), &[]);
    tui.wait_for("READ-ONLY");
    tui.wait_for("permissions");
    tui.keys(&["4", "x", "n"]);
    tui.wait_for("Read-only");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(std::fs::read(&path).expect("read"), before, "byte for byte");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
    assert!(
        kept_in_backups(home.path(), "backup").is_empty(),
        "nothing was saved, so nothing was backed up"
    );
}

// --- 12. the smaller ones -----------------------------------------------

#[test]
fn esc_on_the_first_run_setup_leaves_nothing_behind() {
    let home = tempfile::tempdir().expect("a temp dir");
    let data = home.path().join("data");
    let data_str = data.to_str().expect("utf-8");
    let mut tui = Tui::start_with(home.path(), &[], &[("RUNGS_HOME", data_str)]);
    tui.wait_for("Welcome to rungs");
    tui.keys(&[ESC]);
    tui.wait_exit();
    assert!(!data.exists(), "no folder for the default profile");

    let mut tui = Tui::start(home.path(), &["assess", "--profile", "new/dir/alex.toml"]);
    tui.wait_for("Welcome to rungs");
    tui.keys(&[ESC]);
    tui.wait_exit();
    assert!(
        !home.path().join("new").exists(),
        "no folder, so no lock file"
    );
    assert!(files_named(home.path(), "alex.toml").is_empty());
}

/// The atelier framework installed in the home folder and a profile at its
/// middle level (compagnon).
fn atelier_home() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().expect("a temp dir");
    let frameworks = home.path().join("frameworks");
    std::fs::create_dir(&frameworks).expect("mkdir");
    std::fs::copy(
        "tests/fixtures/frameworks/atelier.toml",
        frameworks.join("atelier.toml"),
    )
    .expect("install the framework");
    let path = home.path().join("zoe.toml");
    std::fs::copy("tests/fixtures/atelier-profile.toml", &path).expect("the profile");
    (home, path)
}

#[test]
fn level_on_an_existing_profile_asks_first() {
    for (answer, level) in [("y", "maitre"), ("n", "compagnon")] {
        let (home, path) = atelier_home();
        let before = std::fs::read(&path).expect("read");
        let mut tui = Tui::start(
            home.path(),
            &["assess", "--profile", "zoe.toml", "--level", "maitre"],
        );
        tui.wait_for("Move the profile?");
        tui.wait_for(" y yes");
        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "nothing moves before the answer"
        );
        tui.keys(&[answer]);
        tui.wait_gone("Move the profile?");
        tui.keys(&["q"]);
        assert!(tui.wait_exit().success());
        assert_eq!(read_profile(&path).level, level, "answer {answer}");
        if answer == "n" {
            assert_eq!(
                std::fs::read(&path).expect("read"),
                before,
                "n keeps the file as it was"
            );
        }
    }
}

#[test]
fn level_with_yes_moves_without_asking() {
    let (home, path) = atelier_home();
    let mut tui = Tui::start(
        home.path(),
        &[
            "assess",
            "--profile",
            "zoe.toml",
            "--level",
            "maitre",
            "--yes",
        ],
    );
    tui.wait_for("Maître·sse d'atelier");
    tui.wait_whole_frame();
    assert!(!tui.contents().contains("Move the profile?"));
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(read_profile(&path).level, "maitre");
}

#[test]
fn undo_and_redo_reach_the_file() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["3"]);
    tui.wait_for("Rated   1/15");
    tui.keys(&["u"]);
    tui.wait_for("Rated   0/15");
    tui.wait_until("the undo saved", || own_mark(&path, FIRST) == Mark::Unrated);
    tui.keys(&[CTRL_R]);
    tui.wait_for("Rated   1/15");
    tui.wait_until("the redo saved", || {
        own_mark(&path, FIRST) == Mark::Value(3)
    });
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(own_mark(&path, FIRST), Mark::Value(3));
}

#[test]
fn undo_and_redo_say_what_they_did_on_screen() {
    let home = tempfile::tempdir().expect("a temp dir");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["3"]);
    tui.wait_for("Rated   1/15");
    tui.keys(&["u"]);
    tui.wait_for("Undone: the rating of");
    tui.keys(&[CTRL_R]);
    tui.wait_for("Redone: the rating of");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
}
