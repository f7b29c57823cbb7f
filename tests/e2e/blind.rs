//! A blind round from both sides, through the real binary in a
//! pseudo-terminal: Alex Doe starts a blind round, Sam Lee's review joins
//! it; until both have signed off no screen, no export format, no `team`
//! output, `diff` or `show-profile` shows one side the other's ratings or
//! notes. Once both have signed off, the summary opens on where they
//! disagree, the widest gap first.

use std::path::Path;

use rungs::model::{Mark, Profile, Role};

use crate::pty_support::*;

const ALEX: &str = "team/alex.toml";
const ALEX_NOTE: &str = "ALEXWROTETHIS";
const SAM_NOTE: &str = "SAMWROTETHIS";

fn rungs(home: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(args)
        .env("RUNGS_HOME", home)
        .env("USER", "tester")
        .current_dir(home)
        .output()
        .expect("rungs runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn profile(home: &Path) -> Profile {
    toml::from_str(&std::fs::read_to_string(home.join(ALEX)).expect("saved")).expect("valid")
}

/// Every output `viewer` can ask for (`--as` for a reviewer): none may hold
/// `secret`, and each that can say so says a round is blind.
fn no_output_shows(home: &Path, as_reviewer: Option<&str>, secret: &str) {
    let with = |args: &[&str]| {
        let mut args: Vec<&str> = args.to_vec();
        if let Some(name) = as_reviewer {
            args.extend(["--as", name]);
        }
        rungs(home, &args)
    };
    for format in ["markdown", "json", "csv", "html", "svg"] {
        let text = with(&["export", "--profile", ALEX, "--format", format]);
        assert!(!text.contains(secret), "{format}: {text}");
        let says = match format {
            "json" => text.contains("\"blind\": [\n    {"),
            _ => text.contains("lind round"),
        };
        assert!(says, "{format} says it: {text}");
    }
    for format in ["markdown", "json", "csv", "html"] {
        let text = with(&["team", "team", "--format", format]);
        assert!(!text.contains(secret), "team {format}: {text}");
    }
    let lines = rungs(home, &["show-profile", ALEX]);
    assert!(
        !lines.contains(ALEX_NOTE) && !lines.contains(SAM_NOTE),
        "{lines}"
    );
}

/// The review beside self in the JSON export, as `viewer` gets it: the
/// values of the first three statements.
fn values(home: &Path, as_reviewer: Option<&str>, side: &str) -> Vec<serde_json::Value> {
    let mut args = vec!["export", "--profile", ALEX, "--format", "json"];
    if let Some(name) = as_reviewer {
        args.extend(["--as", name]);
    }
    let data: serde_json::Value = serde_json::from_str(&rungs(home, &args)).expect("JSON");
    data["areas"][0]["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .take(3)
        .map(|s| s[side]["value"].clone())
        .collect()
}

#[test]
fn neither_side_sees_the_other_until_both_sign_off_then_disagreements_come_first() {
    let home = tempfile::tempdir().expect("a temp dir");
    let home = home.path();
    std::fs::create_dir(home.join("team")).expect("mkdir");

    // Alex starts a blind round: 4, 1, 3 and a note on the first.
    session(
        home,
        &[
            "assess",
            "--profile",
            ALEX,
            "--name",
            "Alex Doe",
            "--framework",
            "vaarst",
            "--craft",
            "devops-engineer",
            "--level",
            "level-4",
            "--manager",
            "Sam Lee",
            "--new-round",
            "--blind",
        ],
        "Rated   0/15",
        &[
            "n",
            ALEX_NOTE,
            ESC,
            "4",
            "1",
            "3",
            "wait:Rated   3/15",
            "wait:Your round is blind",
        ],
    );
    assert!(profile(home).assessments[0].blind);

    // Sam's review joins the blind round: Alex's ratings and note are
    // nowhere on his screen: the list, the detail pane, the summary.
    let mut sam = Tui::start(home, &["review", ALEX, "--as", "Sam Lee", "--new-round"]);
    sam.wait_for("review by Sam Lee · round 1");
    sam.keys(&["g"]);
    sam.wait_for("Blind round: Alex Doe's ratings and notes show once you both have signed off");
    let screen = sam.contents();
    assert!(!screen.contains(ALEX_NOTE), "{screen}");
    assert!(!screen.contains("(self): 4"), "{screen}");
    assert!(screen.contains("Alex Doe (self): blind"), "{screen}");
    sam.keys(&["n", SAM_NOTE, ESC, "1", "3", "3"]);
    sam.wait_for("Saved");
    sam.keys(&["s"]);
    sam.wait_for("Summary");
    let screen = sam.contents();
    assert!(!screen.contains("Disagreements"), "{screen}");
    sam.keys(&[ESC, "q"]);
    assert!(sam.wait_exit().success());
    let p = profile(home);
    let review = p.current(Role::Manager).expect("Sam's round");
    assert!(review.blind, "joined the blind round");
    assert_eq!(
        review.mark("level-4/engineering-maturity/1"),
        Mark::Value(1)
    );

    // Alex's screen shows none of Sam's.
    let mut alex = Tui::start(home, &["assess", "--profile", ALEX]);
    alex.wait_for("Blind round: Sam Lee's ratings and notes show once you both have signed off");
    assert!(!alex.contents().contains(SAM_NOTE));
    alex.keys(&["q"]);
    assert!(alex.wait_exit().success());

    // Every output, from each side.
    no_output_shows(home, None, SAM_NOTE);
    no_output_shows(home, Some("Sam Lee"), ALEX_NOTE);
    assert_eq!(
        values(home, None, "manager"),
        [const { serde_json::Value::Null }; 3]
    );
    assert_eq!(
        values(home, Some("Sam Lee"), "self"),
        [const { serde_json::Value::Null }; 3]
    );

    // Alex signs off: Sam still sees nothing until he signs off too.
    session(
        home,
        &["assess", "--profile", ALEX],
        "self assessment · round 1",
        &["F", "wait: y yes", "y", "wait:FINISHED"],
    );
    no_output_shows(home, None, SAM_NOTE);
    no_output_shows(home, Some("Sam Lee"), ALEX_NOTE);

    // Sam signs off: the round opens, and his summary starts with the
    // disagreements, the widest gap first (3, then 2).
    let mut sam = Tui::start(home, &["review", ALEX, "--as", "Sam Lee"]);
    sam.wait_for("review by Sam Lee · round 1");
    sam.keys(&["F"]);
    sam.wait_for(" y yes");
    sam.keys(&["y"]);
    sam.wait_for("FINISHED");
    sam.keys(&["s"]);
    sam.wait_for("Disagreements, the widest first (2 of 2)");
    let screen = sam.contents();
    let first = screen.find("   3  ").expect("the gap of 3");
    let second = screen.find("   2  ").expect("the gap of 2");
    assert!(first < second, "widest first: {screen}");
    assert!(
        screen.contains(ALEX_NOTE) && screen.contains(SAM_NOTE),
        "{screen}"
    );
    sam.keys(&[ESC, "q"]);
    assert!(sam.wait_exit().success());

    let md = rungs(home, &["export", "--profile", ALEX]);
    let section = md
        .find("## Disagreements, the widest first")
        .expect("the section");
    assert!(section < md.find("## Overview").expect("overview"), "first");
    let gaps: Vec<&str> = md[section..]
        .lines()
        .skip(4)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap_or("").trim())
        .collect();
    assert_eq!(gaps, ["3", "2"], "{md}");
    assert!(md.contains(ALEX_NOTE) && md.contains(SAM_NOTE), "{md}");
    assert!(!md.contains("Blind round:"), "open now: {md}");
}
