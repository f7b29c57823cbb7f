//! `rungs action` and `rungs agenda`: actions added, listed and done
//! through the real binary and read back from the file; a golden agenda in
//! markdown and JSON; bad input refused with the file untouched.

use crate::common;

use common::*;

/// The agenda fixture in a home that has its framework.
fn agenda_home() -> (tempfile::TempDir, std::path::PathBuf) {
    let home = home(true);
    let profile = home.path().join("zoe.toml");
    std::fs::copy(fixture("agenda-profile.toml"), &profile).expect("copy");
    (home, profile)
}

#[test]
fn the_agenda_in_markdown_and_json() {
    let (home, profile) = agenda_home();
    let path = profile.to_str().expect("utf-8");
    let md = run(home.path(), &["agenda", path]);
    assert_eq!(md.code, Some(0), "{}", md.stderr);
    insta::assert_snapshot!("agenda_markdown", md.stdout);
    let json = run(home.path(), &["agenda", path, "--format", "json"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    insta::assert_snapshot!("agenda_json", json.stdout);
    let nobody = run(home.path(), &["agenda", path, "--as", "Nobody"]);
    assert_eq!(nobody.code, Some(2));
    assert!(
        nobody.stderr.contains("no review by Nobody"),
        "{}",
        nobody.stderr
    );
}

#[test]
fn an_action_is_added_listed_and_done_and_keeps_its_day() {
    let (home, profile) = agenda_home();
    let path = profile.to_str().expect("utf-8");
    let added = run(
        home.path(),
        &[
            "action",
            "add",
            "--profile",
            path,
            "--statement",
            "apprenti/qualite/2",
            "--owner",
            "Mika Laine",
            "--due",
            "2999-01-31",
            "Show Zoë the log viewer",
        ],
    );
    assert_eq!(added.code, Some(0), "{}", added.stderr);
    assert_eq!(added.stdout, "Added action 4 on apprenti/qualite/2.\n");
    let list = run(home.path(), &["action", "list", "--profile", path]);
    assert_eq!(
        list.stdout,
        "1. [OVERDUE since 2000-01-10] apprenti/qualite/1 · Zoë Ångström: Write the test first on the next three changes\n\
         2. [open, due 2999-12-31] apprenti/collaboration/2 · Mika Laine: Pair with Ana on the release\n\
         3. [open] apprenti/qualite/2 · Zoë Ångström: Read the CI log guide\n\
         4. [open, due 2999-01-31] apprenti/qualite/2 · Mika Laine: Show Zoë the log viewer\n\
         5. [done 2026-06-01] apprenti/collaboration/3 · Zoë Ångström: Answer review comments the same day\n"
    );
    let done = run(home.path(), &["action", "done", "--profile", path, "4"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let saved: rungs::model::Profile =
        toml::from_str(&std::fs::read_to_string(&profile).expect("read")).expect("valid");
    let shown = saved
        .actions
        .iter()
        .find(|a| a.text == "Show Zoë the log viewer")
        .expect("kept");
    assert!(shown.done.is_some());
    assert_eq!(shown.due_day().as_deref(), Some("2999-01-31"));
    let old = saved.actions.iter().find(|a| a.id == "a3").expect("kept");
    assert_eq!(
        old.done_day().as_deref(),
        Some("2026-06-01"),
        "a done one keeps its day"
    );
    assert_eq!(saved.assessments.len(), 3, "no round touched");
}

#[test]
fn bad_actions_are_refused_and_the_file_is_untouched() {
    let (home, profile) = agenda_home();
    let path = profile.to_str().expect("utf-8");
    let before = std::fs::read(&profile).expect("read");
    for (args, said) in [
        (
            vec!["--statement", "apprenti/nope/9", "--owner", "Zoë", "x"],
            "`apprenti/nope/9` is not a statement of ingenierie",
        ),
        (
            vec![
                "--statement",
                "apprenti/qualite/1",
                "--owner",
                "Zoë",
                "--due",
                "2027-02-30",
                "x",
            ],
            "--due: `2027-02-30` is not a date like 2027-01-31",
        ),
        (
            vec!["--statement", "apprenti/qualite/1", "--owner", " ", "x"],
            "an action needs a text and an owner",
        ),
    ] {
        let mut all = vec!["action", "add", "--profile", path];
        all.extend(args);
        let refused = run(home.path(), &all);
        assert_eq!(refused.code, Some(2), "{all:?}");
        assert!(refused.stderr.contains(said), "{}", refused.stderr);
    }
    for number in ["0", "9", "5"] {
        let refused = run(home.path(), &["action", "done", "--profile", path, number]);
        assert_eq!(refused.code, Some(2), "{number}: {}", refused.stderr);
    }
    assert_eq!(std::fs::read(&profile).expect("read"), before);
}
