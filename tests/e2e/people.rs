//! Two quarters of reviews between named people, through the real binary
//! in a pseudo-terminal: Alex Doe rates themselves; Sam Lee, the direct
//! manager the profile names, reviews and signs off; Kim Park, the
//! skip-level, reviews beside Sam's ratings; next quarter Alex moves to Lee
//! Chen's team, Sam reviews once more and Lee Chen reviews. After each step
//! the profile file, every export format, `team` in every format, `diff`
//! and the calibration grid are read back: whose ratings stand where, and
//! every label names its reviewer.

use std::path::Path;

use rungs::model::{Mark, Profile, Role};

use crate::pty_support::*;

const ALEX: &str = "team/alex.toml";

/// The command line, as a person runs it: exit code and standard output.
fn rungs(home: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rungs"))
        .args(args)
        .env("RUNGS_HOME", home)
        .env("USER", "tester")
        .current_dir(home)
        .output()
        .expect("rungs runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

fn ok(home: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = rungs(home, args);
    assert_eq!(code, Some(0), "{args:?}: {stderr}");
    stdout
}

fn json(home: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(home, args)).expect("JSON")
}

fn profile(home: &Path) -> Profile {
    toml::from_str(&std::fs::read_to_string(home.join(ALEX)).expect("saved")).expect("valid")
}

/// Each round in the file: who, which statement values of the first area,
/// and whether it is signed off.
fn rounds(profile: &Profile) -> Vec<(String, [Mark; 3], bool)> {
    profile
        .assessments
        .iter()
        .map(|a| {
            let mark = |n: u8| a.mark(format!("level-4/engineering-maturity/{n}"));
            let who = match a.role {
                Role::Own => format!("self {}", a.assessor),
                Role::Manager => a.assessor.clone(),
            };
            (who, [mark(1), mark(2), mark(3)], a.finished.is_some())
        })
        .collect()
}

/// Every export format says who stands beside self and why, and lists the
/// other reviewers' latest rounds.
fn exports_say(home: &Path, beside: &str, round: u64, because: &str, others: &[(&str, u64)]) {
    let md = ok(home, &["export", "--profile", ALEX]);
    assert!(
        md.contains(&format!(
            "- Manager assessment: {beside}, {because}, round {round}"
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!("| # | Statement | Self | {beside} | Gap | Note |")),
        "{md}"
    );
    for (name, n) in others {
        assert!(
            md.contains(&format!("## {name}'s review, round {n}")),
            "{md}"
        );
    }
    let data = json(home, &["export", "--profile", ALEX, "--format", "json"]);
    assert_eq!(data["manager"]["assessor"], beside);
    assert_eq!(data["manager"]["round"], round);
    assert_eq!(data["manager_because"], because);
    let listed: Vec<(String, u64)> = data["other_reviews"]
        .as_array()
        .expect("other reviews")
        .iter()
        .map(|o| {
            (
                o["round"]["assessor"].as_str().unwrap_or("").to_owned(),
                o["round"]["round"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = others.iter().map(|(n, r)| (n.to_string(), *r)).collect();
    assert_eq!(listed, expected);
    let html = ok(home, &["export", "--profile", ALEX, "--format", "html"]);
    assert!(
        html.contains(&format!("<dd>{beside}, {because}, round {round}")),
        "{html}"
    );
    assert!(html.contains(&format!("<th>{beside}</th>")), "{html}");
    for (name, n) in others {
        assert!(
            html.contains(&format!("<h2>{name}’s review, round {n}</h2>")),
            "{html}"
        );
    }
    let csv = ok(home, &["export", "--profile", ALEX, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let reviewers: Vec<String> = reader
        .records()
        .map(|r| r.expect("a row")[at("reviewer")].to_owned())
        .collect();
    assert_eq!(reviewers[0], beside, "the first rows are the review beside");
    for (name, _) in others {
        assert!(reviewers.iter().any(|r| r == name), "{name} in {csv}");
    }
}

/// `team` in every format names the review beside self and its sign-off.
fn team_says(home: &Path, beside: &str, round: u64, signed: &str) {
    let md = ok(home, &["team", "team"]);
    assert!(
        md.contains(&format!("| {beside} | ")) && md.contains(&format!(" | {signed} | ")),
        "{beside}, {signed}: {md}"
    );
    let data = json(home, &["team", "team", "--format", "json"]);
    let alex = &data["groups"][0]["people"][0];
    assert_eq!(alex["manager"]["assessor"], beside);
    assert_eq!(alex["manager"]["round"], round);
    let csv = ok(home, &["team", "team", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let row = reader.records().next().expect("Alex").expect("a row");
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(&row[at("manager")], beside);
    assert_eq!(row[at("manager_round")].parse::<u64>().ok(), Some(round));
    let html = ok(home, &["team", "team", "--format", "html"]);
    assert!(html.contains(&format!(r#"title="{beside}""#)), "{html}");
}

/// The calibration grid: the selected cell's line names the review beside.
fn grid_says(home: &Path, texts: &[&str]) {
    let mut tui = Tui::start(home, &["team", "team", "--tui"]);
    tui.wait_for("Calibration");
    for text in texts {
        tui.wait_for(text);
    }
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());
}

#[test]
fn two_quarters_with_a_direct_manager_a_skip_level_and_a_team_change() {
    let home = tempfile::tempdir().expect("a temp dir");
    let home = home.path();
    std::fs::create_dir(home.join("team")).expect("mkdir");
    use Mark::{Unrated, Value as V};

    // Quarter 1. Alex sets up, naming Sam Lee the direct manager, and rates.
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
        ],
        "Rated   0/15",
        &["3", "4", "2", "wait:Rated   3/15"],
    );
    let p = profile(home);
    assert_eq!(p.manager.as_deref(), Some("Sam Lee"));
    assert_eq!(
        rounds(&p),
        [("self Alex Doe".to_owned(), [V(3), V(4), V(2)], false)]
    );

    // Sam reviews (named already: nothing asked) and signs off his round.
    session(
        home,
        &["review", ALEX, "--as", "Sam Lee"],
        "review by Sam Lee · round 1",
        &[
            // One RUNGS_HOME here: the place Alex left is remembered for it.
            "g",
            "wait:self 3",
            "wait:Alex Doe (self): 3 Mostly",
            "2",
            "3",
            "4",
            "wait:Saved",
            "F",
            "wait:Sam Lee's review, round 1 becomes final",
            "wait: y yes",
            "y",
            "wait:FINISHED",
        ],
    );
    assert_eq!(
        rounds(&profile(home))[1],
        ("Sam Lee".to_owned(), [V(2), V(3), V(4)], true)
    );
    exports_say(home, "Sam Lee", 1, "the direct manager", &[]);
    team_says(home, "Sam Lee", 1, "Sam Lee ✓");
    grid_says(
        home,
        &[
            "Alex Doe · Engineering Maturity",
            "Sam Lee 2 (round 1, final)",
        ],
    );

    // Kim, the skip-level, sees the person and the direct manager, and
    // with m Sam's ratings beside her own; she rates one statement.
    session(
        home,
        &["review", ALEX, "--as", "Kim Park"],
        "review by Kim Park · round 1",
        &[
            "g",
            "wait:Sam Lee, the direct manager, round 1: 2 Sometimes",
            "m",
            "wait:Sam Lee 2",
            "wait:Sam Lee 3",
            "1",
            "wait:Saved",
        ],
    );
    assert_eq!(
        rounds(&profile(home))[2],
        ("Kim Park".to_owned(), [V(1), Unrated, Unrated], false)
    );
    // Updated last, Kim never replaces the direct manager; she is listed.
    exports_say(home, "Sam Lee", 1, "the direct manager", &[("Kim Park", 1)]);
    team_says(home, "Sam Lee", 1, "Sam Lee ✓");
    grid_says(home, &["Sam Lee 2 (round 1, final)"]);

    // Quarter 2. Alex starts a new round, then moves to Lee Chen's team.
    session(
        home,
        &["assess", "--profile", ALEX, "--new-round"],
        "self assessment · round 2",
        &["g", "4", "wait:Saved"],
    );
    session(
        home,
        &["assess", "--profile", ALEX, "--manager", "Lee Chen"],
        "self assessment · round 2",
        &["wait:Lee Chen is now Alex Doe's direct manager (was Sam Lee)."],
    );
    assert_eq!(profile(home).manager.as_deref(), Some("Lee Chen"));
    // Lee Chen has not reviewed yet: the rule stands in, and says so.
    let waiting =
        "the reviewer who rated the most (Lee Chen, the direct manager, has not reviewed yet)";
    exports_say(home, "Sam Lee", 1, waiting, &[("Kim Park", 1)]);

    // Sam reviews once more, in a new round: one statement changed, one
    // left unrated.
    session(
        home,
        &["review", ALEX, "--as", "Sam Lee", "--new-round"],
        "review by Sam Lee · round 2",
        &["g", "3", "wait:Saved", "j", "x", "wait:Rated   2/15"],
    );
    assert_eq!(
        rounds(&profile(home))[4],
        ("Sam Lee".to_owned(), [V(3), V(3), Unrated], false)
    );
    let diff = ok(home, &["diff", ALEX, "--as", "Sam Lee"]);
    assert!(
        diff.contains("From Sam Lee's round 1 (") && diff.contains(") to Sam Lee's round 2 ("),
        "{diff}"
    );
    assert!(
        diff.contains("Rounds of Sam Lee, named with --as."),
        "{diff}"
    );
    assert!(diff.contains("## Fell below met (0)"), "{diff}");
    assert!(
        diff.contains("## Not rated in Sam Lee's round 2 (1)"),
        "{diff}"
    );
    assert!(!diff.contains("Kim Park"), "one reviewer's rounds: {diff}");
    exports_say(home, "Sam Lee", 2, waiting, &[("Kim Park", 1)]);
    team_says(home, "Sam Lee", 2, "no");

    // Lee Chen, the direct manager now, is asked nothing and reviews.
    session(
        home,
        &["review", ALEX, "--as", "Lee Chen"],
        "review by Lee Chen · round 1",
        &[
            "g",
            "wait:Sam Lee, the other reviewer who rated the most, round 2: 3 Mostly",
            "4",
            "3",
            "wait:Saved",
        ],
    );
    assert_eq!(
        rounds(&profile(home))[5],
        ("Lee Chen".to_owned(), [V(4), V(3), Unrated], false)
    );
    exports_say(
        home,
        "Lee Chen",
        1,
        "the direct manager",
        &[("Sam Lee", 2), ("Kim Park", 1)],
    );
    team_says(home, "Lee Chen", 1, "no");
    grid_says(home, &["Lee Chen 2 (round 1)"]);
    // diff of the reviews beside self: Lee Chen's, who has one round.
    let (code, _, stderr) = rungs(home, &["diff", ALEX, "--role", "manager"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("Lee Chen has 1 round: nothing to compare yet"),
        "{stderr}"
    );
    // Kim's column is hers: --as keeps her beside self everywhere.
    let kim = json(
        home,
        &[
            "export",
            "--profile",
            ALEX,
            "--format",
            "json",
            "--as",
            "Kim Park",
        ],
    );
    assert_eq!(kim["manager"]["assessor"], "Kim Park");
    assert_eq!(kim["manager_because"], "named with --as");
    // The person's own screen names the direct manager beside them.
    session(
        home,
        &["assess", "--profile", ALEX],
        "self assessment · round 2",
        &[
            "g",
            "wait:Lee Chen 4",
            "wait:Lee Chen, the direct manager, round 1: 4 Consistently",
        ],
    );
}

/// A profile that names no manager: the first reviewer is asked, and
/// `--direct` answers up front (replacing a manager named before).
#[test]
fn the_first_reviewer_is_asked_or_says_so_with_direct() {
    let home = tempfile::tempdir().expect("a temp dir");
    let home = home.path();
    std::fs::create_dir(home.join("team")).expect("mkdir");
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
        ],
        "Rated   0/15",
        &["3", "wait:Rated   1/15"],
    );
    assert_eq!(profile(home).manager, None);
    // Kim says no: nothing is named, and her review is one among others.
    session(
        home,
        &["review", ALEX, "--as", "Kim Park"],
        "Are you Alex Doe's direct manager?",
        &[
            "wait: y yes",
            "n",
            "gone:Are you Alex Doe's direct manager?",
            "wait:Alex Doe names no direct manager",
            "g",
            "2",
            "wait:Saved",
        ],
    );
    assert_eq!(profile(home).manager, None);
    // Once she has reviewed, she is not asked again.
    session(
        home,
        &["review", ALEX, "--as", "Kim Park"],
        "review by Kim Park · round 1",
        &["g", "wait:Alex Doe (self): 3 Mostly"],
    );
    assert_eq!(profile(home).manager, None);
    session(
        home,
        &["review", ALEX, "--as", "Sam Lee", "--direct"],
        "Sam Lee is named Alex Doe's direct manager.",
        &[],
    );
    assert_eq!(profile(home).manager.as_deref(), Some("Sam Lee"));
    // Sam has not reviewed yet: Kim stands in, and the export says why.
    let md = ok(home, &["export", "--profile", ALEX]);
    assert!(
        md.contains("- Manager assessment: Kim Park, the only reviewer (Sam Lee, the direct manager, has not reviewed yet), round 1"),
        "{md}"
    );
}

/// `team --on DATE --tui`: the grid shows the team as it stood that day,
/// says so, and leaves out who began later.
#[test]
fn the_grid_on_a_date_shows_the_team_as_it_stood() {
    let home = tempfile::tempdir().expect("a temp dir");
    let team = home.path().join("team");
    std::fs::create_dir(&team).expect("mkdir");
    for (file, who, day) in [
        ("ana.toml", "Ana Lima", "2026-03-02"),
        ("cy.toml", "Cy Park", "2026-05-04"),
    ] {
        std::fs::write(
            team.join(file),
            format!(
                "format = 1\nperson = \"{who}\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"{who}\"\nstarted = {day}T09:00:00Z\nupdated = {day}T09:00:00Z\n\n[[assessments.ratings]]\nstatement = \"level-4/automation/1\"\nvalue = 3\n"
            ),
        )
        .expect("write");
    }
    let mut tui = Tui::start(
        home.path(),
        &["team", "team", "--on", "2026-03-31", "--tui"],
    );
    tui.wait_for("as of 2026-03-31");
    tui.wait_for("Ana Lima");
    let screen = tui.contents();
    assert!(!screen.contains("Cy Park"), "{screen}");
    tui.keys(&["q"]);
    assert!(tui.wait_exit().success());

    let mut now = Tui::start(home.path(), &["team", "team", "--tui"]);
    now.wait_for("Cy Park");
    assert!(!now.contents().contains("as of"), "{}", now.contents());
    now.keys(&["q"]);
    assert!(now.wait_exit().success());
}
