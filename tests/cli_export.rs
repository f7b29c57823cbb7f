//! `rungs export` in all three formats on a profile with both roles, hostile
//! notes, unrated, not-applicable and orphaned statements.

mod common;

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
    assert!(md.contains("Chose the queue design \\| wrote the ADR.<br>Second line with \\[a `link](http://evil.example)` and \\<b\\>html\\</b\\>."));
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
