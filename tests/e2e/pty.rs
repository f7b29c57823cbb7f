//! The real binary in a real pseudo-terminal, driven by keys, read back
//! from the screen and from the saved profile.

use std::path::{Path, PathBuf};

use rungs::model::{Mark, Profile, Role};

use crate::pty_support::*;

fn read_profile(path: &PathBuf) -> Profile {
    let text = std::fs::read_to_string(path).expect("the profile was saved");
    toml::from_str(&text).expect("the profile is valid TOML")
}

#[test]
fn first_run_rate_note_quit_reopen_review_and_sigterm() {
    let home = tempfile::tempdir().expect("a temp dir");
    let profile_path = home.path().join("profile.toml");

    // First run: the setup asks the name and (optionally, Enter skips) the
    // direct manager; the single framework, craft and level are chosen.
    let mut tui = Tui::start(home.path(), &[]);
    tui.wait_for("Welcome to rungs");
    tui.keys(&[CTRL_U, "Pat Tester", ENTER, ENTER, ENTER, ENTER, ENTER]);
    tui.wait_for("Rated   0/15");
    tui.wait_for("Pat Tester · DevOps Engineer · Level 4 (Mid)");
    // Rate the first area, move to Automation, rate, write a note.
    tui.keys(&[
        "3",
        "4",
        "2",
        TAB,
        "4",
        "k",
        "n",
        "Wrote the CI pipeline | all of it",
        ENTER,
        "second line",
        ESC,
    ]);
    tui.wait_gone(EDITOR_HINT);
    tui.wait_for("Rated   4/15");
    tui.keys(&["j", "j", "1", "q"]);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!tui.alternate_screen(), "the terminal is restored");

    let profile = read_profile(&profile_path);
    assert_eq!(profile.person, "Pat Tester");
    let own = profile.current(Role::Own).expect("a self assessment");
    assert_eq!(own.mark("level-4/engineering-maturity/1"), Mark::Value(3));
    assert_eq!(own.mark("level-4/engineering-maturity/2"), Mark::Value(4));
    assert_eq!(own.mark("level-4/engineering-maturity/3"), Mark::Value(2));
    assert_eq!(own.mark("level-4/automation/1"), Mark::Value(4));
    assert_eq!(own.mark("level-4/automation/3"), Mark::Value(1));
    let note = own
        .rating("level-4/automation/1")
        .map(|r| r.note().to_owned());
    assert_eq!(
        note.as_deref(),
        Some("Wrote the CI pipeline | all of it\nsecond line")
    );

    // Second run: it opens where it was left; g goes to the first statement.
    let mut tui = Tui::start(home.path(), &[]);
    tui.wait_for("Rated   5/15");
    tui.wait_for("Software Development · 0/3 met");
    tui.keys(&["g"]);
    tui.wait_for("■■■□ Mostly");
    tui.wait_for("■■■■ Consistently");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());

    // The manager's review: their ratings beside, the self assessment untouched.
    let own_before = read_profile(&profile_path).current(Role::Own).cloned();
    let mut tui = Tui::start(home.path(), &["review", "profile.toml", "--as", "Sam Lee"]);
    tui.wait_for("review by Sam Lee");
    tui.wait_for("self 3");
    // The first reviewer of a profile that names no manager is asked; the
    // choices show once the question takes answers.
    tui.wait_for("Are you Pat Tester's direct manager?");
    tui.wait_for("y yes");
    tui.keys(&["n"]);
    tui.wait_gone("Are you Pat Tester's direct manager?");
    // n right after a digit: the note of the statement just rated.
    tui.keys(&["1", "4", "n", "Good mentoring", ESC]);
    tui.wait_gone(EDITOR_HINT);
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let profile = read_profile(&profile_path);
    let manager = profile
        .current(Role::Manager)
        .expect("a manager assessment");
    assert_eq!(manager.assessor, "Sam Lee");
    assert_eq!(
        manager.mark("level-4/engineering-maturity/1"),
        Mark::Value(1)
    );
    assert_eq!(
        manager.mark("level-4/engineering-maturity/2"),
        Mark::Value(4)
    );
    assert_eq!(
        manager
            .rating("level-4/engineering-maturity/2")
            .map(|r| r.note()),
        Some("Good mentoring")
    );
    assert_eq!(
        profile.current(Role::Own).cloned(),
        own_before,
        "the self assessment is unchanged"
    );
    let backups: Vec<_> = std::fs::read_dir(home.path().join("backups"))
        .expect("rungs' backups folder")
        .flatten()
        .map(|folder| folder.path().join("backup.toml"))
        .filter(|backup| backup.exists())
        .collect();
    assert_eq!(
        backups.len(),
        1,
        "the version found at the start is backed up, in rungs' own folder"
    );
    assert!(
        !home.path().join("profile.toml.bak").exists(),
        "never beside"
    );

    // SIGTERM mid-session: the file is intact and valid, the terminal restored.
    let mut tui = Tui::start(home.path(), &[]);
    tui.wait_for("Rated   5/15");
    tui.keys(&["g", "x"]);
    tui.wait_for("Saved");
    let pid = tui.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "SIGTERM leaves through the normal door: {status:?}"
    );
    assert!(
        !tui.alternate_screen(),
        "the terminal is restored after SIGTERM"
    );
    let profile = read_profile(&profile_path);
    let own = profile.current(Role::Own).expect("a self assessment");
    assert_eq!(
        own.mark("level-4/engineering-maturity/1"),
        Mark::Unrated,
        "the cleared rating was saved"
    );
    assert_eq!(own.mark("level-4/engineering-maturity/2"), Mark::Value(4));
    assert!(profile.current(Role::Manager).is_some());
}

#[test]
fn a_second_writer_opens_read_only() {
    let home = tempfile::tempdir().expect("a temp dir");
    let args = NEW_PROFILE;
    let mut first = Tui::start(home.path(), &args);
    first.wait_for("Rated   0/15");
    let mut second = Tui::start(home.path(), &[]);
    second.wait_for("READ-ONLY");
    second.keys(&["4"]);
    second.wait_for("Read-only");
    second.keys(&["q"]);
    assert!(second.wait_exit().success());
    first.keys(&["3", "q"]);
    assert!(first.wait_exit().success());
    let profile = read_profile(&home.path().join("profile.toml"));
    let own = profile
        .current(Role::Own)
        .expect("the first writer's assessment");
    assert_eq!(own.mark("level-4/engineering-maturity/1"), Mark::Value(3));
    assert_eq!(
        own.ratings().len(),
        1,
        "the read-only session wrote nothing"
    );
}

#[test]
fn a_tiny_terminal_says_so_and_a_resize_redraws() {
    let home = tempfile::tempdir().expect("a temp dir");
    let args = NEW_PROFILE;
    let tui = Tui::start(home.path(), &args);
    tui.wait_for("Rated   0/15");
    tui.resize(8, 30);
    tui.wait_for("too small");
    tui.resize(30, 100);
    tui.wait_for("Rated   0/15");
    let mut tui = tui;
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
}

#[test]
fn the_external_editor_and_a_new_round() {
    let home = tempfile::tempdir().expect("a temp dir");
    let editor = home.path().join("fake-editor");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Evidence from my editor\\n' > \"$1\"\n",
    )
    .expect("write the editor");
    let mut perms = std::fs::metadata(&editor).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).expect("chmod");

    let args = NEW_PROFILE;
    let mut tui = Tui::start_with(
        home.path(),
        &args,
        &[("VISUAL", editor.to_str().expect("utf-8"))],
    );
    tui.wait_for("Rated   0/15");
    tui.keys(&["3", "k", "E"]);
    tui.wait_for("Evidence from my editor");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());

    let mut tui = Tui::start(home.path(), &["assess", "--new-round"]);
    tui.wait_for("round 2");
    tui.wait_for("Rated   1/15");
    tui.keys(&["4", "s"]);
    tui.wait_for("Since last round");
    tui.keys(&[ESC]);
    tui.wait_gone("Since last round");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());

    let profile = read_profile(&home.path().join("profile.toml"));
    assert_eq!(
        profile.assessments.len(),
        2,
        "the first round stays as history"
    );
    let first = &profile.assessments[0];
    let second = &profile.assessments[1];
    assert_eq!(first.mark("level-4/engineering-maturity/1"), Mark::Value(3));
    assert_eq!(
        first
            .rating("level-4/engineering-maturity/1")
            .map(|r| r.note()),
        Some("Evidence from my editor")
    );
    assert_eq!(
        second.mark("level-4/engineering-maturity/1"),
        Mark::Value(4)
    );
    assert_eq!(
        second
            .rating("level-4/engineering-maturity/1")
            .map(|r| r.note()),
        Some("Evidence from my editor"),
        "pre-filled"
    );
}

#[test]
fn no_color_gives_a_monochrome_screen_that_still_shows_every_state() {
    let home = tempfile::tempdir().expect("a temp dir");
    let colours = |env: &[(&str, &str)]| {
        let mut tui = Tui::start_with(home.path(), &NEW_PROFILE, env);
        tui.wait_for("Rated   0/15");
        tui.keys(&["4", "k"]);
        tui.wait_for("■■■■ Consistently");
        let coloured: Option<bool> = tui.screen.lock().ok().map(|p| {
            let screen = p.screen();
            (0..30).any(|row| {
                (0..100).any(|col| {
                    screen.cell(row, col).is_some_and(|c| {
                        c.fgcolor() != vt100::Color::Default || c.bgcolor() != vt100::Color::Default
                    })
                })
            })
        });
        tui.keys(&["x", "q"]);
        assert!(tui.wait_exit().success());
        coloured.unwrap_or(true)
    };
    assert!(colours(&[]), "colour by default");
    assert!(
        !colours(&[("NO_COLOR", "1")]),
        "no colour at all with NO_COLOR"
    );
}

/// A spreadsheet imported into the user frameworks folder is rated in the
/// real app: the statement it gave is on screen and the rating is saved
/// under the ids the import made.
#[test]
fn an_imported_spreadsheet_is_assessed() {
    let home = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir(home.path().join("frameworks")).expect("mkdir");
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/long.csv");
    let import = std::process::Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args([
            "import",
            csv.to_str().expect("utf-8"),
            "-o",
            "frameworks/long.toml",
        ])
        .env("RUNGS_HOME", home.path())
        .current_dir(home.path())
        .output()
        .expect("import runs");
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let mut tui = Tui::start(
        home.path(),
        &[
            "assess",
            "--name",
            "Pat",
            "--framework",
            "long",
            "--craft",
            "platform",
            "--level",
            "junior",
        ],
    );
    tui.wait_for("I finish the tickets I pick up");
    tui.keys(&["3", "q"]);
    assert!(tui.wait_exit().success());
    let profile = read_profile(&home.path().join("profile.toml"));
    let own = profile.current(Role::Own).expect("a self assessment");
    assert_eq!(own.mark("junior/delivery/d1"), Mark::Value(3));
}

#[test]
fn show_diff_colours_words_on_a_terminal_and_brackets_them_elsewhere() {
    let home = tempfile::tempdir().expect("home");
    let frameworks = home.path().join("frameworks");
    std::fs::create_dir(&frameworks).expect("mkdir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evolution/forge-v2.toml"),
        frameworks.join("forge.toml"),
    )
    .expect("copy");
    let args = ["show", "forge", "--craft", "backend", "--diff", "l1", "l2"];
    let mut tui = Tui::start(home.path(), &args);
    tui.wait_for("in both, reworded:");
    let _ = tui.wait_exit();
    let screen = tui.screen.lock().expect("the screen");
    let contents = screen.screen().contents();
    assert!(
        !contents.contains("{+"),
        "colour, not brackets, on a terminal:\n{contents}"
    );
    let (row, col) = contents
        .lines()
        .enumerate()
        .find_map(|(r, l)| l.find("I split a large change").map(|c| (r, c)))
        .expect("the added statement");
    let cell = screen
        .screen()
        .cell(row as u16, col as u16)
        .expect("a cell");
    assert_eq!(
        cell.fgcolor(),
        vt100::Color::Idx(2),
        "added words are green"
    );
    drop(screen);
    let plain = std::process::Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(args)
        .env("RUNGS_HOME", home.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&plain.stdout);
    assert!(text.contains("{+4. I split a large change"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour into a pipe");
}

/// A mouse report as a terminal sends it (SGR 1006), 0-based cell.
fn click(column: usize, row: usize) -> String {
    format!(
        "\u{1b}[<0;{};{}M\u{1b}[<0;{};{}m",
        column + 1,
        row + 1,
        column + 1,
        row + 1
    )
}

#[test]
fn the_mouse_selects_an_area_and_rates_with_a_pip() {
    let home = tempfile::tempdir().expect("a temp dir");
    let args = [
        "assess",
        "--name",
        "Pat Tester",
        "--framework",
        "vaarst",
        "--craft",
        "devops-engineer",
        "--level",
        "level-4",
    ];
    let mut tui = Tui::start(home.path(), &args);
    tui.wait_for("Rated   0/15");
    let (row, _) = tui.wait_for_line("  Automation ");
    tui.keys(&[&click(4, row)]);
    tui.wait_for("Automation · 0/3 met");
    let (row, line) = tui.wait_for_line("  2 ·");
    // The pips follow "▶ 2 "; the fourth is value 4.
    let column = line.chars().position(|c| c == '·').expect("the gauge") + 3;
    tui.keys(&[&click(column, row)]);
    tui.wait_for("■■■■ Consistently");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let own = read_profile(&home.path().join("profile.toml"))
        .current(Role::Own)
        .cloned()
        .expect("a round");
    assert_eq!(own.mark("level-4/automation/2"), Mark::Value(4));

    // --no-mouse: a click on a pip changes nothing.
    let mut tui = Tui::start(home.path(), &["assess", "--no-mouse"]);
    tui.wait_for("Rated   1/15");
    tui.keys(&["g"]);
    tui.wait_for("Engineering Maturity · 0/3 met");
    let (row, line) = tui.wait_for_line("  2 ·");
    let column = line.chars().position(|c| c == '·').expect("the gauge") + 3;
    // Read before `q`, so handled before it: a rating would be in the file.
    tui.keys(&[&click(column, row)]);
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let own = read_profile(&home.path().join("profile.toml"))
        .current(Role::Own)
        .cloned()
        .expect("a round");
    assert_eq!(own.ratings().len(), 1);
}

#[test]
fn a_profile_reopens_where_it_was_left() {
    let home = tempfile::tempdir().expect("a temp dir");
    let args = [
        "assess",
        "--name",
        "Pat Tester",
        "--framework",
        "vaarst",
        "--craft",
        "devops-engineer",
        "--level",
        "level-4",
    ];
    let mut tui = Tui::start(home.path(), &args);
    tui.wait_for("Rated   0/15");
    // The seventh statement: the fourth of the second area.
    tui.keys(&["j", "j", "j", "j", "j", "j"]);
    tui.wait_for("Statement 4 of 4");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let state = std::fs::read_to_string(home.path().join("state.toml")).expect("the state file");
    assert!(
        state.contains("level-4/infrastructure-and-operations/4"),
        "{state}"
    );
    let profile = std::fs::read_to_string(home.path().join("profile.toml")).expect("profile");
    assert!(
        !profile.contains("infrastructure-and-operations/4"),
        "never in the profile"
    );

    let mut tui = Tui::start(home.path(), &["assess"]);
    tui.wait_for("Infrastructure and Operations · 0/4 met · area 2 of 5");
    tui.wait_for("Statement 4 of 4");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
}

fn rounds(profile: &Profile, role: Role) -> Vec<(String, Option<u8>, bool)> {
    profile
        .assessments
        .iter()
        .filter(|a| a.role == role)
        .map(|a| {
            let value = a
                .rating("level-4/engineering-maturity/1")
                .and_then(|r| r.value);
            (a.assessor.clone(), value, a.finished.is_some())
        })
        .collect()
}

/// A quarter in a real team, twice: the person rates, the manager rates
/// beside, both sign off, a new quarter starts pre-filled, the manager
/// starts a new review round, a skip-level reviews too; the file after each
/// step holds every round, and exports of both quarters say who and what.
#[test]
fn the_review_cycle_across_two_quarters_with_two_managers() {
    let home = tempfile::tempdir().expect("a temp dir");
    let path = home.path().join("profile.toml");
    // Quarter 1: Pat rates, Sam reviews and signs off, Pat signs off.
    session(
        home.path(),
        &NEW_PROFILE,
        "Rated   0/15",
        &["3", "wait:Rated   1/15"],
    );
    let sam = ["review", "profile.toml", "--as", "Sam Lee"];
    session(
        home.path(),
        &sam,
        "review by Sam Lee",
        &[
            "wait:direct manager?",
            "wait: y yes",
            "n",
            "gone:direct manager?",
            "g",
            "2",
            "wait:Saved",
            "F",
            "wait:Sign off this round?",
            "wait: y yes",
            "y",
            "wait:FINISHED",
        ],
    );
    session(
        home.path(),
        &["assess"],
        "Rated   1/15",
        &[
            "F",
            "wait:Sign off this round?",
            "wait: y yes",
            "y",
            "wait:FINISHED",
        ],
    );
    let profile = read_profile(&path);
    assert_eq!(
        rounds(&profile, Role::Own),
        [("Pat Tester".to_owned(), Some(3), true)]
    );
    assert_eq!(
        rounds(&profile, Role::Manager),
        [("Sam Lee".to_owned(), Some(2), true)]
    );

    // Quarter 2: a new round pre-filled, changed; Sam is offered a new round
    // and takes it with --new-round; Kim, a skip-level, reviews once.
    session(
        home.path(),
        &["assess", "--new-round"],
        "self assessment · round 2",
        &["g", "wait:■■■□ Mostly", "4", "wait:Rated   1/15"],
    );
    let sam_new = ["review", "profile.toml", "--as", "Sam Lee", "--new-round"];
    session(
        home.path(),
        &sam_new,
        "review by Sam Lee · round 2",
        &["g", "3", "wait:Saved"],
    );
    let kim = ["review", "profile.toml", "--as", "Kim Park"];
    session(
        home.path(),
        &kim,
        "review by Kim Park · round 1",
        &[
            "wait:direct manager?",
            "wait: y yes",
            "n",
            "gone:direct manager?",
            "g",
            "1",
            "wait:Saved",
        ],
    );
    let profile = read_profile(&path);
    assert_eq!(
        rounds(&profile, Role::Own),
        [
            ("Pat Tester".to_owned(), Some(3), true),
            ("Pat Tester".to_owned(), Some(4), false)
        ],
        "quarter 1 is kept as it was signed off"
    );
    assert_eq!(
        rounds(&profile, Role::Manager),
        [
            ("Sam Lee".to_owned(), Some(2), true),
            ("Sam Lee".to_owned(), Some(3), false),
            ("Kim Park".to_owned(), Some(1), false)
        ]
    );

    // The exports of both quarters.
    let export = |args: &[&str]| -> serde_json::Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rungs"))
            .args(["export", "--format", "json"])
            .args(args)
            .env("RUNGS_HOME", home.path())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let now = export(&[]);
    assert_eq!(now["self"]["round"], 2);
    assert_eq!(
        now["manager"]["assessor"], "Kim Park",
        "the manager round updated last"
    );
    let first = &now["areas"][0]["statements"][0];
    assert_eq!(
        (
            first["self"]["value"].as_u64(),
            first["manager"]["value"].as_u64()
        ),
        (Some(4), Some(1))
    );
    let reviewers: Vec<&str> = now["reviewers"]
        .as_array()
        .expect("reviewers")
        .iter()
        .map(|r| r["assessor"].as_str().expect("a name"))
        .collect();
    assert_eq!(reviewers, ["Sam Lee", "Kim Park"]);
    let sam_now = export(&["--as", "Sam Lee"]);
    assert_eq!(sam_now["areas"][0]["statements"][0]["manager"]["value"], 3);
    let quarter_one = export(&["--round", "1", "--as", "Sam Lee"]);
    assert_eq!(quarter_one["self"]["round"], 1);
    assert!(
        quarter_one["self"]["finished"].is_string(),
        "final: {}",
        quarter_one["self"]
    );
    assert_eq!(quarter_one["areas"][0]["statements"][0]["self"]["value"], 3);
}

/// A profile rated on v1 of a framework and opened on v2: the reworded
/// statement shows Δ, `c` finds it, rating it again clears the mark and
/// pins the rating to the new words.
#[test]
fn a_reworded_statement_is_marked_found_and_cleared_by_rating_again() {
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
    session(home.path(), &new, "Rated   0/", &["3", "wait:Rated   1/"]);
    std::fs::copy(fixture("v2"), frameworks.join("forge.toml")).expect("the framework moves on");

    let mut tui = Tui::start(home.path(), &["assess"]);
    tui.wait_for("Δ");
    tui.keys(&["G", "c"]);
    tui.wait_for("Reworded 1 of 1");
    tui.wait_for("Reworded since you rated it");
    tui.keys(&["4"]);
    tui.wait_for("Saved");
    assert!(!tui.contents().contains('Δ'), "{}", tui.contents());
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
    let profile = read_profile(&home.path().join("profile.toml"));
    let rating = profile
        .current(Role::Own)
        .and_then(|a| a.rating("l1/delivery/1"))
        .cloned()
        .expect("rated");
    assert_eq!(rating.value, Some(4));
    assert_eq!(
        rating.seen.as_deref(),
        Some(
            rungs::model::fingerprint::fingerprint("I ship small, reviewed changes every week.")
                .as_str()
        )
    );
}
