//! Reviews between people, on the command line: `diff` compares one
//! reviewer's rounds, named and numbered as everywhere; `team -o` writes
//! under the rules of `export -o`; a signed-off review shows as final.

use std::path::{Path, PathBuf};

use crate::common;

use common::*;

/// One round: role, assessor, day, signed off, and (statement, value, note)s.
fn round(role: &str, who: &str, day: &str, finished: bool, ratings: &[(&str, u8, &str)]) -> String {
    let mut out = format!(
        "\n[[assessments]]\nrole = \"{role}\"\nassessor = \"{who}\"\nstarted = {day}T09:00:00Z\nupdated = {day}T10:00:00Z\n"
    );
    if finished {
        out.push_str(&format!("finished = {day}T11:00:00Z\n"));
    }
    for (statement, value, note) in ratings {
        out.push_str(&format!(
            "\n[[assessments.ratings]]\nstatement = \"level-4/{statement}\"\nvalue = {value}\n"
        ));
        if !note.is_empty() {
            out.push_str(&format!("note = \"{note}\"\n"));
        }
    }
    out
}

/// Alex over two quarters: Sam Lee reviews in both (rating two statements,
/// then one, leaving the other unrated), Kim Park, the skip-level, once in
/// between; `manager` names the direct manager when given.
fn alex(dir: &Path, manager: Option<&str>) -> PathBuf {
    let mut text = String::from(
        "format = 1\nperson = \"Alex Doe\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n",
    );
    if let Some(m) = manager {
        text.push_str(&format!("manager = \"{m}\"\n"));
    }
    text.push_str(&round(
        "self",
        "Alex Doe",
        "2026-03-01",
        true,
        &[("automation/1", 3, ""), ("automation/2", 3, "")],
    ));
    text.push_str(&round(
        "manager",
        "Sam Lee",
        "2026-03-05",
        true,
        &[("automation/1", 3, "Good"), ("automation/2", 4, "Great")],
    ));
    text.push_str(&round(
        "manager",
        "Kim Park",
        "2026-03-09",
        false,
        &[("automation/1", 1, "")],
    ));
    text.push_str(&round(
        "self",
        "Alex Doe",
        "2026-06-01",
        false,
        &[("automation/1", 4, ""), ("automation/2", 3, "")],
    ));
    text.push_str(&round(
        "manager",
        "Sam Lee",
        "2026-06-05",
        true,
        &[("automation/1", 4, "Better")],
    ));
    let path = dir.join("alex.toml");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn diff_of_reviews_compares_one_reviewers_rounds_by_name() {
    let home = home(false);
    let p = alex(home.path(), None);
    let p = p.to_str().expect("utf-8");
    let out = run(home.path(), &["diff", p, "--role", "manager"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let md = out.stdout;
    assert!(
        md.contains("From Sam Lee's round 1 (2026-03-05) to Sam Lee's round 2 (2026-06-05)."),
        "never across reviewers: {md}"
    );
    assert!(
        md.contains(
            "Rounds of Sam Lee, the reviewer who rated the most (no direct manager is named)."
        ),
        "{md}"
    );
    assert!(!md.contains("Kim Park"), "{md}");
    // The statement Sam left unrated in round 2 did not fall below met.
    assert!(md.contains("## Fell below met (0)"), "{md}");
    assert!(md.contains("## Not rated in Sam Lee's round 2 (1)"), "{md}");
    assert!(
        md.contains("- Automation `level-4/automation/2`: I understand the fundamentals of best practice approaches and can apply them with the guidance of my team. — 4 Consistently → not rated"),
        "{md}"
    );

    // --as names the reviewer (and implies --role manager).
    let kim = run(home.path(), &["diff", p, "--as", "Kim Park"]);
    assert_eq!(kim.code, Some(2), "{}", kim.stdout);
    assert!(
        kim.stderr
            .contains("Kim Park has 1 round: nothing to compare yet"),
        "{}",
        kim.stderr
    );
    let sam = run(
        home.path(),
        &["diff", p, "--as", "Sam Lee", "--format", "json"],
    );
    assert_eq!(sam.code, Some(0), "{}", sam.stderr);
    let json: serde_json::Value = serde_json::from_str(&sam.stdout).expect("json");
    assert_eq!(json["from"], "Sam Lee's round 1");
    assert_eq!(json["to"], "Sam Lee's round 2");
    assert_eq!(json["reviewer"], "Rounds of Sam Lee, named with --as");
    let unrated = json["ratings"]
        .as_array()
        .expect("ratings")
        .iter()
        .find(|r| r["statement"] == "level-4/automation/2")
        .expect("the unrated one");
    assert_eq!(
        unrated["met"],
        serde_json::Value::Null,
        "not a fall below met"
    );

    let nobody = run(home.path(), &["diff", p, "--as", "Pat"]);
    assert_eq!(nobody.code, Some(2));
    assert!(
        nobody.stderr.contains("no review by Pat"),
        "{}",
        nobody.stderr
    );
    assert!(
        nobody.stderr.contains("reviewers are: Sam Lee, Kim Park"),
        "{}",
        nobody.stderr
    );
    let mixed = run(
        home.path(),
        &["diff", p, "--role", "self", "--as", "Sam Lee"],
    );
    assert_eq!(mixed.code, Some(2), "{}", mixed.stdout);
    assert!(
        mixed.stderr.contains("--as names a reviewer"),
        "{}",
        mixed.stderr
    );

    // The direct manager named in the profile stands, whoever rated more.
    let named = alex(home.path(), Some("Kim Park"));
    let k = run(
        home.path(),
        &["diff", named.to_str().expect("utf-8"), "--role", "manager"],
    );
    assert!(k.stderr.contains("Kim Park has 1 round"), "{}", k.stderr);
}

#[test]
fn team_to_a_file_follows_the_rules_of_export() {
    let home = home(false);
    let profile = alex(home.path(), Some("Sam Lee"));
    let p = profile.to_str().expect("utf-8");
    let out = home.path().join("team.md");
    let o = out.to_str().expect("utf-8");
    let wrote = run(home.path(), &["team", p, "-o", o]);
    assert_eq!(wrote.code, Some(0), "{}", wrote.stderr);
    assert_eq!(wrote.stdout, "", "nothing on standard output");
    assert!(
        wrote.stderr.contains("Wrote the overview of 1 person to"),
        "{}",
        wrote.stderr
    );
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.starts_with("# Team overview"), "{text}");
    // An earlier export is replaced without --force, in any format.
    for format in ["csv", "json", "html", "markdown"] {
        let again = run(home.path(), &["team", p, "--format", format, "-o", o]);
        assert_eq!(again.code, Some(0), "{format}: {}", again.stderr);
    }
    // A file rungs did not write needs --force; a profile never.
    let notes = home.path().join("notes.md");
    std::fs::write(&notes, "my own notes").expect("write");
    let n = notes.to_str().expect("utf-8");
    let refused = run(home.path(), &["team", p, "-o", n]);
    assert_eq!(refused.code, Some(2), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("is not an earlier export of rungs"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&notes).expect("read"),
        "my own notes"
    );
    let forced = run(home.path(), &["team", p, "-o", n, "--force"]);
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    let before = std::fs::read_to_string(&profile).expect("read");
    for target in [p, "alex.toml"] {
        let onto = run(home.path(), &["team", p, "-o", target, "--force"]);
        assert_eq!(onto.code, Some(2), "{}", onto.stderr);
    }
    assert_eq!(std::fs::read_to_string(&profile).expect("read"), before);
    // The file passes the same guard as the terminal.
    let hostile = home.path().join("mallory.toml");
    std::fs::write(
        &hostile,
        std::fs::read_to_string(&profile).expect("read").replace(
            "person = \"Alex Doe\"",
            "person = \"Mal\\u001b]2;pwned\\u0007lory\"",
        ),
    )
    .expect("write");
    let guarded = run(
        home.path(),
        &[
            "team",
            hostile.to_str().expect("utf-8"),
            "-o",
            o,
            "--format",
            "csv",
        ],
    );
    assert_eq!(guarded.code, Some(0), "{}", guarded.stderr);
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.contains("Mal␛]2;pwned␇lory"), "{text}");
    assert_safe(&text);
    let tui = run(home.path(), &["team", p, "--tui", "-o", o]);
    assert_eq!(tui.code, Some(2), "the grid writes no file: {}", tui.stderr);
}

#[test]
fn a_signed_off_review_is_final_in_the_team_overview() {
    let home = home(false);
    let profile = alex(home.path(), Some("Sam Lee"));
    let p = profile.to_str().expect("utf-8");
    let md = run(home.path(), &["team", p]);
    assert_eq!(md.code, Some(0), "{}", md.stderr);
    // Alex's current self round is open; Sam Lee's round 2 is signed off.
    assert!(
        md.stdout
            .contains("| Alex Doe | 2 of 15 | 2 | 1 | 0 | Sam Lee | 2 | Sam Lee ✓ |"),
        "{}",
        md.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(home.path(), &["team", p, "--format", "json"]).stdout)
            .expect("json");
    let alex = &json["groups"][0]["people"][0];
    assert_eq!(alex["manager"]["round"], 2);
    assert_eq!(alex["manager"]["finished"], "2026-06-05");
    assert_eq!(alex["manager_because"], "the direct manager");
}

/// Where the review beside self is not the direct manager's, `team` says
/// whose stands and why under the table.
#[test]
fn team_says_why_a_review_other_than_the_direct_managers_stands() {
    let home = home(false);
    let profile = alex(home.path(), Some("Lee Chen"));
    let p = profile.to_str().expect("utf-8");
    let md = run(home.path(), &["team", p]).stdout;
    assert!(
        md.contains("- Alex Doe: Sam Lee, the reviewer who rated the most (Lee Chen, the direct manager, has not reviewed yet)"),
        "{md}"
    );
    let html = run(home.path(), &["team", p, "--format", "html"]).stdout;
    assert!(
        html.contains("<li>Alex Doe: Sam Lee, the reviewer who rated the most (Lee Chen, the direct manager, has not reviewed yet)</li>"),
        "{html}"
    );
    let named = alex(home.path(), Some("Sam Lee"));
    let md = run(home.path(), &["team", named.to_str().expect("utf-8")]).stdout;
    assert!(
        !md.contains("Beside self, not a direct manager's review"),
        "{md}"
    );
}
