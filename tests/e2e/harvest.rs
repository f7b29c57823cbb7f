//! `rungs harvest` in a real pseudo-terminal over a repository made in a
//! temporary folder: accept (picking statements), edit then accept, skip,
//! leave; then the saved profile is read back, and what was decided is
//! not proposed again.

use std::process::Command;

use rungs::model::Profile;

use crate::git_history::{self, PROFILE};
use crate::pty_support::*;

const BACKSPACE: &str = "\u{7f}";

#[test]
fn accept_edit_and_skip_are_saved_and_never_proposed_again() {
    let home = tempfile::tempdir().expect("a temp dir");
    let repo = home.path().join("demo");
    let made = git_history::make(&repo);
    let path = home.path().join("alex.toml");
    std::fs::write(&path, PROFILE).expect("write");
    let args = [
        "harvest",
        "--profile",
        path.to_str().expect("utf-8"),
        "--repo",
        repo.to_str().expect("utf-8"),
        "--since",
        "2026-01-01",
    ];
    let env = [("GIT_CONFIG_GLOBAL", "/dev/null")];
    let mut tui = Tui::start_with(home.path(), &args, &env);
    tui.wait_for("0 accepted · 0 skipped · 4 to decide");
    tui.wait_for("[PR #34] Fix the flaky test (#34)");
    tui.wait_for("[merge · PR #12] Merge pull request #12 from alex/queue");

    // Accept the first, linked to two statements.
    tui.keys(&["a"]);
    tui.wait_for("Statements this commit supports · Level 4 (Mid) · 0 picked");
    tui.keys(&[" ", "j", " "]);
    tui.wait_for("2 picked");
    tui.keys(&[ENTER]);
    tui.wait_for("1 accepted · 0 skipped · 3 to decide");
    // Skip the second.
    tui.keys(&["s"]);
    tui.wait_for("1 accepted · 1 skipped · 2 to decide");
    // Edit the third's text, then accept it for Automation 1.
    tui.keys(&["e"]);
    tui.wait_for("Text: Queue the retries");
    tui.keys(&[
        BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE,
    ]);
    tui.keys(&["retries with backoff", ENTER]);
    tui.wait_for("Text changed");
    tui.keys(&[ENTER]);
    tui.wait_for("0 picked");
    tui.keys(&["j", "j", "j", "j", "j", "j", "j", " "]);
    tui.wait_for("1 picked");
    tui.keys(&[ENTER]);
    tui.wait_for("2 accepted · 1 skipped · 1 to decide");
    tui.keys(&["q"]);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!tui.alternate_screen(), "the terminal is restored");

    let profile: Profile =
        toml::from_str(&std::fs::read_to_string(&path).expect("saved")).expect("a profile");
    assert_eq!(profile.identities, ["alex@old.example"], "kept as it was");
    assert_eq!(profile.evidence.len(), 2);
    let first = &profile.evidence[0];
    assert_eq!(first.text, "Scripted the deploys");
    assert_eq!(first.date.to_string(), "2026-02-03");
    assert_eq!(first.commits, [made[1].link("demo")]);
    assert_eq!(
        first.statements,
        [
            "level-4/engineering-maturity/1",
            "level-4/engineering-maturity/2"
        ]
    );
    let second = &profile.evidence[1];
    assert_eq!(second.text, "Queue the retries with backoff");
    assert_eq!(second.date.to_string(), "2026-05-04");
    assert_eq!(second.commits, [made[5].link("demo")]);
    assert_eq!(second.statements, ["level-4/automation/1"]);
    let recorded = profile.repositories.get("demo").expect("the repository");
    let top = std::fs::canonicalize(&repo).expect("the repository's path");
    assert_eq!(recorded.path.as_deref(), top.to_str());
    let skipped: Vec<(&String, String)> = profile
        .harvest
        .skipped
        .iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
    assert_eq!(skipped, [(&made[3].link("demo"), "2026-03-30".to_owned())]);

    // What was decided is not proposed again: only the merge is left.
    let out = Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(args)
        .arg("--print")
        .env("RUNGS_HOME", home.path())
        .env("HOME", home.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("rungs runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        format!(
            "2026-05-06  {}  [merge · PR #12] Merge pull request #12 from alex/queue\n",
            made[6].link("demo")
        )
    );
}

/// The self-assessment and harvest edit the same part of the profile: while
/// `rungs assess` has it open, harvest says who has it and writes nothing.
#[test]
fn harvest_writes_nothing_while_the_self_assessment_is_open() {
    let home = tempfile::tempdir().expect("a temp dir");
    let repo = home.path().join("demo");
    git_history::make(&repo);
    let path = home.path().join("alex.toml");
    std::fs::write(&path, PROFILE).expect("write");
    let profile = path.to_str().expect("utf-8");
    let mut assess = Tui::start(home.path(), &["assess", "--profile", profile]);
    assess.wait_for("Alex Doe");
    let before = std::fs::read_to_string(&path).expect("read");
    let env = [("GIT_CONFIG_GLOBAL", "/dev/null")];
    let mut harvest = Tui::start_with(
        home.path(),
        &[
            "harvest",
            "--profile",
            profile,
            "--repo",
            repo.to_str().expect("utf-8"),
        ],
        &env,
    );
    harvest.wait_for("cannot harvest into");
    harvest.wait_for("the self-assessment is open in another rungs");
    let status = harvest.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", harvest.contents());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    assess.keys(&["q"]);
    assert!(assess.wait_exit().success());
}
