//! Issues 18 and 23, the keys' side, end to end: no key is applied to a
//! purpose it was not typed for, every way out saves (a closed terminal, a
//! signal while `$EDITOR` is open), suspend gives the shell its cursor, a
//! burst of input is read whole, and the flows a newcomer expects (a digit
//! then `n`, the editor showing what is answered, `q` on a question).

use crate::no_loss::{
    FIRST, SECOND, files_named, kept_in_backups, own_mark, own_note, rated_profile, read_profile,
    rewrite_elsewhere, start_new, write_profile,
};
use crate::pty_support::*;

use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

use rungs::model::Mark;

/// The question's choices are drawn only once it takes answers.
const KEEP_MINE: &str = "k keep mine";

/// An executable shell script standing in for `$VISUAL`.
fn fake_editor(path: &Path, body: &str) -> PathBuf {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("the editor's folder");
    }
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).expect("write the editor");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path.to_path_buf()
}

// --- 18.1: a question never takes the keys typed into an editor --------

#[test]
fn keys_typed_into_a_note_while_the_file_changes_stay_in_the_note() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["n"]);
    tui.wait_for(EDITOR_HINT);
    tui.keys(&["first "]);
    // "Saved" comes once the save is done whole: a change made before that
    // would be one the session never saw (the store adopts it).
    tui.wait_for("Saved");
    assert_eq!(own_note(&path, FIRST), "first ");
    rewrite_elsewhere(&path, "Changed Elsewhere");
    // The letters a question would take as answers, digits that would rate,
    // e that would export: all typed while the question comes.
    for key in ["r", "k", "e", "1", "2", "3", " "] {
        tui.keys(&[key]);
    }
    tui.wait_for("The file changed on disk: Esc, then choose");
    for key in ["r", "e", "4", "k", " ", "d", "o", "n", "e"] {
        tui.keys(&[key]);
    }
    tui.wait_for("first rke123 re4k done");
    assert!(
        tui.contents().contains(EDITOR_HINT),
        "the editor is still open"
    );
    assert_eq!(
        read_profile(&path).person,
        "Changed Elsewhere",
        "nothing answered for the person: theirs is untouched"
    );
    assert!(
        !home.path().join("profile.md").exists(),
        "e exported nothing"
    );

    // Leaving the note asks the question; it is answered deliberately.
    tui.keys(&[ESC]);
    tui.wait_for("The profile changed on disk");
    tui.wait_for(KEEP_MINE);
    tui.keys(&["k"]);
    tui.wait_for("theirs is kept as");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let mine = read_profile(&path);
    // Keep mine keeps this session's own round; their change elsewhere
    // (the person's name) stays.
    assert_eq!(mine.person, "Changed Elsewhere");
    assert_eq!(own_note(&path, FIRST), "first rke123 re4k done");
    assert_eq!(own_mark(&path, FIRST), Mark::Unrated, "no digit rated");
    assert_eq!(own_mark(&path, SECOND), Mark::Unrated, "no digit rated");
    let theirs = kept_in_backups(home.path(), "theirs-");
    assert_eq!(theirs.len(), 1, "{theirs:?}");
    assert_eq!(read_profile(&theirs[0]).person, "Changed Elsewhere");
}

// --- 18.4: a closed terminal still saves --------------------------------

/// Hangs the terminal up as closing its window does: the kernel's pty code
/// runs the same hang-up when the last master is closed (rungs then reads
/// and writes EIO, and gets SIGHUP).
fn close_the_terminal(tui: &Tui) {
    let tty =
        std::fs::read_link(format!("/proc/{}/fd/0", tui.pid())).expect("the terminal rungs reads");
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(&tty)
        .expect("the terminal opens");
    // SAFETY: an ioctl without arguments on a descriptor we own.
    let done = unsafe { libc::ioctl(file.as_raw_fd(), libc::TIOCVHANGUP) };
    assert_eq!(
        done,
        0,
        "hanging up {}: {}",
        tty.display(),
        std::io::Error::last_os_error()
    );
}

#[test]
fn closing_the_terminal_saves_the_note_being_typed() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["3", "k", "n"]);
    tui.wait_for(EDITOR_HINT);
    // No pause: the terminal goes away within the second the note is typed in.
    tui.write("Typed as the window closed");
    tui.wait_for("window closed");
    close_the_terminal(&tui);
    let status = tui.wait_exit();
    assert_ne!(status.exit_code(), 101, "no panic: {status:?}");
    assert_eq!(own_mark(&path, FIRST), Mark::Value(3));
    assert_eq!(own_note(&path, FIRST), "Typed as the window closed");
}

// --- 18.11: the shell gets its cursor while rungs is suspended ----------

fn cursor_hidden(tui: &Tui) -> bool {
    tui.screen
        .lock()
        .map(|p| p.screen().hide_cursor())
        .unwrap_or(false)
}

#[test]
fn suspend_shows_the_cursor_and_coming_back_hides_it() {
    let home = tempfile::tempdir().expect("a temp dir");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.wait_until("the cursor hidden on the screen", || cursor_hidden(&tui));
    tui.keys(&[CTRL_Z]);
    tui.wait_until("the process stopped", || tui.state() == 'T');
    tui.wait_until("the terminal given back", || !tui.alternate_screen());
    assert!(!cursor_hidden(&tui), "the shell's cursor is shown");
    tui.signal("CONT");
    tui.wait_until("the terminal taken back", || tui.alternate_screen());
    tui.wait_for("Rated   0/15");
    tui.wait_until("the cursor hidden again", || cursor_hidden(&tui));
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
}

// --- 18.15: SIGTERM while $EDITOR is open --------------------------------

#[test]
fn sigterm_while_the_external_editor_is_open_saves_what_it_wrote_and_removes_its_file() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    // The person saved part of the note in the editor and is still in it.
    let editor = fake_editor(
        &home.path().join("editor"),
        r#"printf 'Half written in the editor\n' >> "$1"
printf '%s' "$1" > "$HOME/editor-file"
: > "$HOME/editor-open"
exec sleep 60"#,
    );
    let mut args = NEW_PROFILE.to_vec();
    args.extend(["--profile", "profile.toml"]);
    let mut tui = Tui::start_with(
        home.path(),
        &args,
        &[("VISUAL", editor.to_str().expect("utf-8"))],
    );
    tui.wait_for("Rated   0/15");
    tui.keys(&["3", "k", "E"]);
    let open = home.path().join("editor-open");
    tui.wait_until("the editor is open", || open.exists());
    let note_file = PathBuf::from(
        std::fs::read_to_string(home.path().join("editor-file")).expect("the editor's file"),
    );
    assert!(note_file.exists(), "{}", note_file.display());
    tui.signal("TERM");
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "SIGTERM leaves through the normal door: {status:?}"
    );
    assert_eq!(own_note(&path, FIRST), "Half written in the editor");
    assert_eq!(own_mark(&path, FIRST), Mark::Value(3));
    assert!(!note_file.exists(), "the temporary note is removed");
    assert!(files_named(home.path(), "rungs-note-").is_empty());
}

// --- 18.16: a burst of input is read whole --------------------------------

#[test]
fn an_unbracketed_burst_of_5_kb_lands_in_the_note_without_further_keys() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["n"]);
    tui.wait_for(EDITOR_HINT);
    let lines: Vec<String> = (1..=40)
        .map(|i| format!("line {i:02}: {}", "evidence of the work done ".repeat(5)))
        .collect();
    let burst = lines.join("\r");
    assert!(burst.len() > 5000, "{} bytes", burst.len());
    // As a terminal without bracketed paste sends a paste: plain keys, at once.
    tui.write(&burst);
    tui.wait_for("line 40: evidence");
    let expected = lines.join("\n");
    tui.wait_until("the whole burst in the file", || {
        std::fs::read_to_string(&path).is_ok() && own_note(&path, FIRST) == expected
    });
    tui.keys(&[ESC]);
    tui.wait_gone(EDITOR_HINT);
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
}

// --- 23.1: rate, then write the evidence of what was rated ---------------

#[test]
fn a_digit_then_n_writes_the_note_of_the_statement_just_rated() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    let mut tui = start_new(home.path(), "profile.toml");
    tui.keys(&["3"]);
    tui.wait_for("Statement 2 of 3");
    tui.wait_for("n/Enter note on 1 (just rated)");
    tui.keys(&["n"]);
    tui.wait_for(EDITOR_HINT);
    tui.keys(&["Chose the queue design", ESC]);
    tui.wait_gone(EDITOR_HINT);
    // Rating on with digits alone is as fast as ever.
    tui.keys(&["4", "2"]);
    tui.wait_for("Rated   3/15");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(own_mark(&path, FIRST), Mark::Value(3));
    assert_eq!(own_note(&path, FIRST), "Chose the queue design");
    assert_eq!(own_note(&path, SECOND), "", "not on the next statement");
    assert_eq!(own_mark(&path, SECOND), Mark::Value(4));
}

// --- 23.2: the editor shows what is being answered ------------------------

#[test]
fn the_external_editor_is_shown_the_statement_and_its_rating() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("alex.toml");
    let mut profile = rated_profile();
    // A note that starts like the comment block keeps its own first line.
    let own = "# ── rungs: my own heading\nRan the on-call review.";
    let key = rungs::model::StatementKey::parse(SECOND).expect("a key");
    let round = profile.assessments.len() - 1;
    profile.assessments[round].edit(&key, |r| r.note = Some(own.into()));
    write_profile(&path, &profile);
    // Its path has a space: $VISUAL quotes it, as a shell would read it.
    let editor = fake_editor(
        &home.path().join("my editors/fake editor"),
        r#"printf '%s\n' "$@" > "$HOME/args"
cp "$2" "$HOME/given.md"
printf 'Added in the editor.\n' >> "$2""#,
    );
    let visual = format!("\"{}\" --wait", editor.display());
    let mut tui = Tui::start_with(
        home.path(),
        &["assess", "--profile", "alex.toml"],
        &[("VISUAL", visual.as_str())],
    );
    tui.wait_for("Rated   2/15");
    tui.keys(&["j", "E"]);
    tui.wait_until("the note read back", || {
        own_note(&path, SECOND).ends_with("Added in the editor.")
    });
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let args = std::fs::read_to_string(home.path().join("args")).expect("the editor ran");
    assert!(args.starts_with("--wait\n"), "{args}");
    let given = std::fs::read_to_string(home.path().join("given.md")).expect("the file given");
    assert!(
        given.starts_with("# ── rungs: your note on Engineering Maturity 2 ──\n# Your rating: 2 Sometimes\n# I have built myself a working knowledge"),
        "{given}"
    );
    assert!(
        given.ends_with(&format!("{own}\n")),
        "the note follows the block: {given}"
    );
    assert_eq!(
        own_note(&path, SECOND),
        format!("{own}\nAdded in the editor.")
    );
}

#[test]
fn an_editor_that_cannot_start_says_so_and_changes_nothing() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("alex.toml");
    write_profile(&path, &rated_profile());
    let before = std::fs::read(&path).expect("read");
    let mut tui = Tui::start_with(
        home.path(),
        &["assess", "--profile", "alex.toml"],
        &[("VISUAL", "no-such-editor --wait")],
    );
    tui.wait_for("Rated   2/15");
    tui.keys(&["E"]);
    tui.wait_for("Cannot start the editor `no-such-editor --wait` (from $VISUAL)");
    assert!(tui.alternate_screen(), "rungs is back on its screen");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

// --- 23.4: every question closes the way people try ------------------------

#[test]
fn q_closes_the_reworded_question_and_keys_typed_with_it_change_nothing() {
    let home = tempfile::tempdir().expect("a temp dir");
    let frameworks = home.path().join("frameworks");
    std::fs::create_dir(&frameworks).expect("mkdir");
    let fixture = |v: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/evolution/forge-{v}.toml"))
    };
    std::fs::copy(fixture("v1"), frameworks.join("forge.toml")).expect("copy");
    let new = [
        "assess",
        "--name",
        "Robin Roe",
        "--framework",
        "forge",
        "--craft",
        "backend",
        "--level",
        "l1",
    ];
    let mut tui = Tui::start(home.path(), &new);
    tui.wait_for("Rated   0/");
    tui.keys(&["3"]);
    tui.wait_for("Rated   1/");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    std::fs::copy(fixture("v2"), frameworks.join("forge.toml")).expect("the framework moves on");
    let path = home.path().join("profile.toml");
    let before = std::fs::read(&path).expect("read");

    let mut tui = Tui::start(home.path(), &["assess"]);
    tui.wait_for("Δ");
    tui.keys(&["G", "c"]);
    tui.wait_for("Reworded 1 of 1");
    tui.keys(&["n"]);
    tui.wait_for("my rating still holds");
    tui.keys(&["q"]);
    tui.wait_gone("my rating still holds");
    assert!(!tui.contents().contains(EDITOR_HINT));

    // Once more, and a shell command typed right after q, in one burst
    // (q taken for "quit", the person goes on in what they think is the shell).
    tui.keys(&["n"]);
    tui.wait_for("my rating still holds");
    tui.write("qls -n notes");
    tui.wait_for("typed as the question closed were not used");
    assert!(!tui.contents().contains("my rating still holds"));
    assert!(
        !tui.contents().contains(EDITOR_HINT),
        "no note editor opened"
    );
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "nothing changed"
    );
}
