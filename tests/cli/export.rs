//! `rungs export` in all three formats on a profile with both roles, hostile
//! notes, unrated, not-applicable and orphaned statements.

use crate::common;

use common::*;

fn export(format: &str) -> Run {
    let home = home(false);
    let profile = fixture("mixed-profile.toml");
    let before = std::fs::read(&profile).expect("read");
    let run = run(
        home.path(),
        &[
            "export",
            "--format",
            format,
            "--profile",
            profile.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        std::fs::read(&profile).expect("read"),
        before,
        "export never writes the profile"
    );
    assert_safe(&run.stdout);
    run
}

#[test]
fn markdown() {
    let run = export("markdown");
    insta::assert_snapshot!("export_markdown", run.stdout);
    assert_tables_whole(&run.stdout);
    let md = &run.stdout;
    assert!(md.contains("Chose the queue design \\| wrote the ADR.<br>Second line with \\[a `link](http://evil.example)` and \\<b>html\\</b>."));
    assert!(
        md.contains("wipe ␛\\[2J clip ␛\\]52;c;cm0gLXJm␇ title ␛\\]2;pwned␇ bell ␇ bidi �gnp.exe")
    );
    assert!(md.contains("| 1 | I am able to pitch"), "{md}");
    assert!(
        md.contains("| 4 Consistently | 2 Sometimes | ⚠ 2 |"),
        "the gap is marked"
    );
    assert!(
        md.contains("| n/a | not rated |"),
        "not applicable and unrated are shown as such"
    );
    assert!(
        md.contains("| **Total** | 2 / 14 |"),
        "n/a is out of the total: {md}"
    );
    assert!(md.contains("## Orphaned ratings"));
    assert!(md.contains("| level-3/retired-area/2 | self | 1 Not yet | From the old framework |"));
    assert!(
        run.stderr.contains("orphaned"),
        "the orphan is reported: {}",
        run.stderr
    );
}

#[test]
fn json_holds_the_same_facts() {
    let run = export("json");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(json["person"], "Alex | Doe");
    assert_eq!(json["total"]["met"], 2);
    assert_eq!(json["total"]["total"], 14);
    assert_eq!(json["total"]["not_applicable"], 1);
    let first = &json["areas"][0]["statements"][0];
    assert_eq!(first["key"], "level-4/engineering-maturity/1");
    assert_eq!(first["self"]["value"], 4);
    assert_eq!(first["manager"]["value"], 2);
    assert_eq!(first["gap"], true);
    assert_eq!(
        json["areas"][2]["statements"][1]["self"]["status"],
        "not_applicable"
    );
    assert_eq!(
        json["areas"][1]["statements"][0]["self"]["status"],
        "unrated"
    );
    assert_eq!(json["orphans"][0]["statement"], "level-3/retired-area/2");
    let note = json["areas"][0]["statements"][1]["self"]["note"]
        .as_str()
        .expect("a note");
    assert!(note.starts_with("wipe ␛[2J"), "{note}");
}

#[test]
fn csv_has_one_row_per_statement() {
    let run = export("csv");
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[..4], ["area", "statement", "text", "self_value"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 15 + 1, "15 statements and the orphan");
    assert_eq!(&rows[0][1], "level-4/engineering-maturity/1");
    assert_eq!(&rows[0][3], "4");
    assert_eq!(&rows[0][6], "2");
    assert_eq!(&rows[0][9], "yes");
    assert!(
        rows[0][5].contains("Chose the queue design | wrote the ADR.\nSecond line"),
        "notes keep their text, CSV quotes them"
    );
    assert_eq!(&rows[15][1], "level-3/retired-area/2");
    assert_eq!(&rows[15][10], "yes");
}

#[test]
fn export_to_a_file_says_where() {
    let home = home(false);
    let profile = fixture("mixed-profile.toml");
    let out = home.path().join("summary.md");
    let run = run(
        home.path(),
        &[
            "export",
            "--profile",
            profile.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains(&format!("to {}", out.display())));
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .starts_with("# Alex \\| Doe")
    );
}

#[test]
fn a_missing_profile_is_bad_input() {
    let home = home(false);
    let run = run(home.path(), &["export"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("profile.toml: no such file"),
        "{}",
        run.stderr
    );
}

#[test]
fn formula_cells_are_defused_in_csv() {
    let home = home(false);
    let text = std::fs::read_to_string(fixture("mixed-profile.toml"))
        .expect("read")
        .replace(
            "Platform team owns this | not us",
            "=HYPERLINK(\\\"http://x\\\")",
        );
    std::fs::write(home.path().join("p.toml"), text).expect("write");
    let run = run(
        home.path(),
        &["export", "--format", "csv", "--profile", "p.toml"],
    );
    assert!(run.stdout.contains("'=HYPERLINK"), "{}", run.stdout);
}

#[test]
fn an_export_never_replaces_the_profile_or_a_file_it_did_not_write() {
    let home = home(false);
    let dir = home.path();
    let profile = dir.join("alex.toml");
    std::fs::copy(fixture("mixed-profile.toml"), &profile).expect("copy");
    let before = std::fs::read(&profile).expect("read");
    let p = profile.to_str().expect("utf-8");
    for format in ["markdown", "json", "csv", "html", "svg"] {
        let onto_profile = run(
            dir,
            &[
                "export",
                "--profile",
                p,
                "--format",
                format,
                "-o",
                p,
                "--force",
            ],
        );
        assert_eq!(
            onto_profile.code,
            Some(2),
            "{format}: {}",
            onto_profile.stderr
        );
        assert!(
            onto_profile
                .stderr
                .contains("is the profile being exported"),
            "{}",
            onto_profile.stderr
        );
        let out = dir.join(format!("summary.{format}"));
        let first = run(
            dir,
            &[
                "export",
                "--profile",
                p,
                "--format",
                format,
                "-o",
                out.to_str().expect("utf-8"),
            ],
        );
        assert_eq!(first.code, Some(0), "{format}: {}", first.stderr);
        let again = run(
            dir,
            &[
                "export",
                "--profile",
                p,
                "--format",
                format,
                "-o",
                out.to_str().expect("utf-8"),
            ],
        );
        assert_eq!(
            again.code,
            Some(0),
            "{format}: an earlier export is replaced: {}",
            again.stderr
        );
    }
    assert_eq!(std::fs::read(&profile).expect("read"), before);
    let mine = dir.join("notes.md");
    std::fs::write(&mine, "my own notes").expect("write");
    let refused = run(
        dir,
        &[
            "export",
            "--profile",
            p,
            "-o",
            mine.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(refused.code, Some(2));
    assert!(
        refused.stderr.contains("not an earlier export of rungs"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert_eq!(
        std::fs::read_to_string(&mine).expect("read"),
        "my own notes"
    );
    let forced = run(
        dir,
        &[
            "export",
            "--profile",
            p,
            "-o",
            mine.to_str().expect("utf-8"),
            "--force",
        ],
    );
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    // Another profile, even one not open anywhere, is never an export's target.
    let other = dir.join("sam.toml");
    std::fs::copy(fixture("mixed-profile.toml"), &other).expect("copy");
    let onto_other = run(
        dir,
        &[
            "export",
            "--profile",
            p,
            "-o",
            other.to_str().expect("utf-8"),
            "--force",
        ],
    );
    assert_eq!(onto_other.code, Some(2));
    assert!(
        onto_other.stderr.contains("is a rungs profile"),
        "{}",
        onto_other.stderr
    );
}

/// Two quarters with two managers: Alex's rounds 1 and 2 (round 1 signed
/// off), Sam's rounds in each quarter, Kim (skip-level) once in between.
fn two_quarters(dir: &std::path::Path) -> std::path::PathBuf {
    let round = |role: &str, who: &str, day: &str, finished: bool, value: u8| {
        format!(
            "\n[[assessments]]\nrole = \"{role}\"\nassessor = \"{who}\"\nstarted = {day}T09:00:00Z\nupdated = {day}T10:00:00Z\n{}\n[[assessments.ratings]]\nstatement = \"level-4/automation/1\"\nvalue = {value}\nnote = \"{who} on {day}\"\n",
            if finished {
                format!("finished = {day}T11:00:00Z")
            } else {
                String::new()
            }
        )
    };
    let text = format!(
        "format = 1\nperson = \"Alex Doe\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n{}{}{}{}{}",
        round("self", "Alex Doe", "2026-03-01", true, 2),
        round("manager", "Sam Lee", "2026-03-05", true, 1),
        round("manager", "Kim Park", "2026-03-09", false, 3),
        round("self", "Alex Doe", "2026-06-01", false, 3),
        round("manager", "Sam Lee", "2026-06-05", false, 4),
    );
    let path = dir.join("alex.toml");
    std::fs::write(&path, text).expect("write");
    path
}

fn json_export(dir: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let profile = two_quarters(dir);
    let mut args = vec![
        "export",
        "--format",
        "json",
        "--profile",
        profile.to_str().expect("utf-8"),
    ];
    args.extend(extra);
    let out = run(dir, &args);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("json")
}

#[test]
fn every_reviewer_is_listed_and_the_latest_stands_beside() {
    let home = home(false);
    let json = json_export(home.path(), &[]);
    let reviewers: Vec<(&str, u64)> = json["reviewers"]
        .as_array()
        .expect("reviewers")
        .iter()
        .map(|r| {
            (
                r["assessor"].as_str().expect("name"),
                r["round"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(
        reviewers,
        [("Sam Lee", 2), ("Kim Park", 1)],
        "rounds counted per manager"
    );
    assert_eq!(json["manager"]["assessor"], "Sam Lee", "updated last");
    assert_eq!(json["self"]["round"], 2);
    assert_eq!(json["self"]["finished"], serde_json::Value::Null);
    let automation = &json["areas"][2]["statements"][0];
    assert_eq!(automation["self"]["value"], 3);
    assert_eq!(automation["manager"]["value"], 4);
    let profile = home.path().join("alex.toml");
    let md = run(
        home.path(),
        &[
            "export",
            "--profile",
            profile.to_str().expect("utf-8"),
            "--round",
            "1",
            "--as",
            "Sam Lee",
        ],
    );
    assert!(
        md.stdout
            .contains("- Self assessment: Alex Doe, round 1 (final, signed off 2026-03-01)"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("- Also reviewed by: Kim Park, round 1, started 2026-03-09"),
        "{}",
        md.stdout
    );
    let html = run(
        home.path(),
        &[
            "export",
            "--profile",
            profile.to_str().expect("utf-8"),
            "--format",
            "html",
        ],
    );
    assert!(
        html.stdout
            .contains("<dt>Also reviewed by</dt><dd>Kim Park, round 1, started 2026-03-09"),
        "the page lists every reviewer: {}",
        html.stdout
    );
    let kim = json_export(home.path(), &["--as", "Kim Park"]);
    assert_eq!(kim["manager"]["assessor"], "Kim Park");
    assert_eq!(kim["areas"][2]["statements"][0]["manager"]["value"], 3);
}

#[test]
fn an_earlier_round_exports_and_says_it_is_final() {
    let home = home(false);
    let json = json_export(home.path(), &["--round", "1", "--as", "Sam Lee"]);
    assert_eq!(json["self"]["round"], 1);
    assert_eq!(json["self"]["finished"], "2026-03-01");
    assert_eq!(json["previous_self"], serde_json::Value::Null);
    assert_eq!(json["areas"][2]["statements"][0]["self"]["value"], 2);
    let profile = home.path().join("alex.toml");
    let bad = run(
        home.path(),
        &[
            "export",
            "--profile",
            profile.to_str().expect("utf-8"),
            "--round",
            "3",
        ],
    );
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("no self round 3"), "{}", bad.stderr);
    let nobody = run(
        home.path(),
        &[
            "export",
            "--profile",
            profile.to_str().expect("utf-8"),
            "--as",
            "Pat",
        ],
    );
    assert_eq!(nobody.code, Some(2));
    assert!(
        nobody.stderr.contains("reviewers are: Sam Lee, Kim Park"),
        "{}",
        nobody.stderr
    );
}

/// Issue 23, item 11: a profile nobody has reviewed exports without a
/// manager column and without the sentence about gaps, in markdown and HTML.
#[test]
fn a_profile_with_no_review_has_no_manager_column_or_gap_sentence() {
    let home = home(false);
    let profile = home.path().join("pat.toml");
    std::fs::write(
        &profile,
        "format = 1\nperson = \"Pat Roe\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"Pat Roe\"\nstarted = 2026-11-26T09:00:00Z\nupdated = 2026-11-26T09:00:00Z\n\n[[assessments.ratings]]\nstatement = \"level-4/automation/1\"\nvalue = 3\nnote = \"Built the pipeline.\"\n",
    )
    .expect("write");
    let p = profile.to_str().expect("utf-8");
    let md = run(home.path(), &["export", "--profile", p]);
    assert_eq!(md.code, Some(0), "{}", md.stderr);
    assert_tables_whole(&md.stdout);
    assert!(
        md.stdout.contains("- Manager assessment: none yet"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("| Area | Met | Progress | Self avg |\n"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("| # | Statement | Self | Note |\n"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("| 1 | I identify opportunities for automation, and apply it. | 3 Mostly | Built the pipeline. |"),
        "{}",
        md.stdout
    );
    for absent in ["Manager avg", "| Manager |", "| Gap |", "gap of 2 points"] {
        assert!(!md.stdout.contains(absent), "{absent}: {}", md.stdout);
    }
    let html = run(home.path(), &["export", "--profile", p, "--format", "html"]);
    assert_eq!(html.code, Some(0), "{}", html.stderr);
    for absent in [
        "Manager avg",
        "<th>Manager</th>",
        ">Gap<",
        "gap of 2 points",
        "dashed line",
    ] {
        assert!(!html.stdout.contains(absent), "{absent}: {}", html.stdout);
    }
}

/// Issue 19: every export names the reviewer beside self and why, and
/// lists each other reviewer's latest round with what they rated (CSV in
/// its `reviewer` column); a column is headed by the reviewer's name.
#[test]
fn every_export_names_the_reviewers_and_lists_each_latest_round() {
    let home = home(false);
    let profile = two_quarters(home.path());
    let text = std::fs::read_to_string(&profile).expect("read").replacen(
        "level = \"level-4\"\n",
        "level = \"level-4\"\nmanager = \"Sam Lee\"\n",
        1,
    );
    std::fs::write(&profile, text).expect("write");
    let p = profile.to_str().expect("utf-8");
    let md = run(home.path(), &["export", "--profile", p]).stdout;
    assert!(
        md.contains(
            "- Manager assessment: Sam Lee, the direct manager, round 2, started 2026-06-05"
        ),
        "{md}"
    );
    assert!(
        md.contains("| # | Statement | Self | Sam Lee | Gap | Note |"),
        "{md}"
    );
    assert!(md.contains("## Kim Park's review, round 1"), "{md}");
    assert!(md.contains("| Automation | 1 | I identify opportunities for automation, and apply it. | 3 Mostly | Kim Park on 2026-03-09 |"), "{md}");
    let html = run(home.path(), &["export", "--profile", p, "--format", "html"]).stdout;
    assert!(
        html.contains("<dd>Sam Lee, the direct manager, round 2,"),
        "{html}"
    );
    assert!(
        html.contains("<h2>Kim Park’s review, round 1</h2>"),
        "{html}"
    );
    assert!(html.contains("<th>Sam Lee</th>"), "{html}");
    let json = run(home.path(), &["export", "--profile", p, "--format", "json"]).stdout;
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["manager"]["assessor"], "Sam Lee");
    assert_eq!(json["manager_because"], "the direct manager");
    assert_eq!(json["other_reviews"][0]["round"]["assessor"], "Kim Park");
    assert_eq!(json["other_reviews"][0]["ratings"][0]["rating"]["value"], 3);
    let csv = run(home.path(), &["export", "--profile", p, "--format", "csv"]).stdout;
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("a row")).collect();
    let automation = records
        .iter()
        .find(|r| &r[at("statement")] == "level-4/automation/1" && &r[at("reviewer")] == "Sam Lee")
        .expect("Sam's row");
    assert_eq!(
        (
            &automation[at("manager_value")],
            &automation[at("reviewer_round")]
        ),
        ("4", "2")
    );
    let kim = records
        .iter()
        .find(|r| &r[at("reviewer")] == "Kim Park")
        .expect("Kim's row");
    assert_eq!(
        (
            &kim[at("statement")],
            &kim[at("manager_value")],
            &kim[at("self_value")],
            &kim[at("reviewer_round")]
        ),
        ("level-4/automation/1", "3", "", "1")
    );
}
