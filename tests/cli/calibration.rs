//! `rungs team` calibrating reviewers against each other (issue 22, item
//! 2): a generated team of 30 with four fair reviewers, one planted
//! lenient and one planted severe; the means worked out here from the
//! generator's own ratings; exactly those two flagged, with the numbers, in
//! markdown, CSV, JSON and HTML; `--lenience` and `--min-shared`; and the
//! cases with too little data, said plainly.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use rungs_devtools::testgen::{Leaning, ReviewedPerson, reviewed_team, write_reviewed_team};

const LENIENT: &str = "Lou Bright";
const SEVERE: &str = "Ray Stern";

fn leanings() -> [Leaning; 6] {
    let fair = |name| Leaning { name, bias: 0 };
    [
        fair("Mika Laine"),
        fair("Noor Haddad"),
        Leaning {
            name: LENIENT,
            bias: 2,
        },
        fair("Sam Okafor"),
        Leaning {
            name: SEVERE,
            bias: -2,
        },
        fair("Ines Duarte"),
    ]
}

fn generated() -> (tempfile::TempDir, Vec<ReviewedPerson>) {
    let home = home(false);
    let team = reviewed_team(30, 22, &leanings());
    write_reviewed_team(&home.path().join("team"), &team).expect("written");
    (home, team)
}

fn two_places(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Per reviewer, from the generator's ratings: people, mean and others'
/// mean (per statement first, then averaged), the difference as printed.
fn expected(team: &[ReviewedPerson]) -> BTreeMap<String, (usize, f64, f64, f64)> {
    // statement → reviewer → values
    let mut by: BTreeMap<usize, BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
    let mut people: BTreeMap<&str, usize> = BTreeMap::new();
    for person in team {
        for (reviewer, values) in &person.reviews {
            *people.entry(reviewer).or_default() += 1;
            for (s, v) in values.iter().enumerate() {
                by.entry(s)
                    .or_default()
                    .entry(reviewer)
                    .or_default()
                    .push(f64::from(*v));
            }
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    people
        .iter()
        .map(|(&reviewer, &n)| {
            let (mut mine, mut theirs) = (Vec::new(), Vec::new());
            for statement in by.values() {
                let Some(own) = statement.get(reviewer) else {
                    continue;
                };
                let others: Vec<f64> = statement
                    .iter()
                    .filter(|(r, _)| **r != reviewer)
                    .flat_map(|(_, v)| v.iter().copied())
                    .collect();
                if !others.is_empty() {
                    mine.push(mean(own));
                    theirs.push(mean(&others));
                }
            }
            let (m, o) = (two_places(mean(&mine)), two_places(mean(&theirs)));
            (reviewer.to_owned(), (n, m, o, two_places(m - o)))
        })
        .collect()
}

fn team(home: &Path, args: &[&str]) -> String {
    let mut all = vec!["team", "team"];
    all.extend_from_slice(args);
    let run = run(home, &all);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    assert_safe(&run.stdout);
    run.stdout
}

fn json_reviewers(home: &Path, args: &[&str]) -> (serde_json::Value, Vec<serde_json::Value>) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let value: serde_json::Value = serde_json::from_str(&team(home, &all)).expect("JSON parses");
    let table = value["reviewers"][0].clone();
    let rows = table["reviewers"].as_array().cloned().unwrap_or_default();
    (table, rows)
}

#[test]
fn the_generated_team_is_what_its_specification_says() {
    let (_home, team) = generated();
    assert_eq!(team.len(), 30);
    let expected = expected(&team);
    assert_eq!(expected.len(), 6, "six reviewers");
    let outside: Vec<(&String, f64)> = expected
        .iter()
        .filter(|(_, e)| e.3.abs() >= 1.0)
        .map(|(name, e)| (name, e.3))
        .collect();
    assert_eq!(outside.len(), 2, "the two planted ones: {outside:?}");
    assert!(expected[LENIENT].3 >= 1.0 && expected[SEVERE].3 <= -1.0);
    assert!(
        expected.values().all(|e| e.0 >= 5),
        "each reviews five people or more"
    );
}

/// JSON: every reviewer's figures are the ones worked out here, and the
/// two planted reviewers, only they, are flagged.
#[test]
fn json_flags_exactly_the_planted_two_with_their_numbers() {
    let (home, people) = generated();
    let expected = expected(&people);
    let (table, rows) = json_reviewers(home.path(), &[]);
    assert_eq!(table["enough"], true);
    assert_eq!(table["rules"]["lenience"], 1.0);
    assert_eq!(table["rules"]["min_shared"], 10);
    assert_eq!(rows.len(), 6);
    let mut flagged = Vec::new();
    for row in &rows {
        let name = row["name"].as_str().expect("a name");
        let (n, mean, others, difference) = expected[name];
        assert_eq!(row["people"], n, "{name}");
        assert_eq!(row["shared"], 15, "{name}: every statement shared");
        assert_eq!(row["mean"].as_f64(), Some(mean), "{name}");
        assert_eq!(row["others"].as_f64(), Some(others), "{name}");
        assert_eq!(row["difference"].as_f64(), Some(difference), "{name}");
        assert_eq!(row["rated"], n * 15, "{name}");
        let standing = row["standing"].as_str().expect("a standing");
        if standing != "in_line" {
            flagged.push((name.to_owned(), standing.to_owned()));
        }
    }
    assert_eq!(
        flagged,
        [
            (LENIENT.to_owned(), "lenient".to_owned()),
            (SEVERE.to_owned(), "severe".to_owned())
        ],
        "most lenient first, most severe last"
    );
    let top = &table["disagreements"][0];
    assert_eq!(top["highest"]["reviewer"], LENIENT);
    assert!(top["range"].as_f64().expect("a range") >= 2.0, "{top}");
    assert!(table["disagreements"].as_array().expect("a list").len() <= 5);
}

/// Markdown, CSV and HTML say the same: the same two reviewers flagged,
/// with the same numbers as the JSON.
#[test]
fn every_format_flags_the_same_two_with_the_same_numbers() {
    let (home, _) = generated();
    let (_, rows) = json_reviewers(home.path(), &[]);
    let figures = |name: &str| -> (String, String, String) {
        let row = rows
            .iter()
            .find(|r| r["name"] == name)
            .expect("in the JSON");
        let f = |k: &str| format!("{:.2}", row[k].as_f64().expect("a number"));
        let d = row["difference"].as_f64().expect("a number");
        (f("mean"), f("others"), format!("{d:+.2}"))
    };

    let markdown = team(home.path(), &[]);
    assert_tables_whole(&markdown);
    assert!(markdown.contains("## Reviewers calibrated"), "{markdown}");
    let verdicts: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("- ⚠") && l.contains(" is "))
        .collect();
    assert_eq!(verdicts.len(), 2, "{markdown}");
    for (name, word) in [(LENIENT, "lenient"), (SEVERE, "severe")] {
        let (mean, others, difference) = figures(name);
        let said = format!(
            "- ⚠ {name} is {word}: a mean of {mean} against the others' {others} on 15 shared statements ({difference} points)"
        );
        assert!(verdicts.contains(&said.as_str()), "{said}\n{markdown}");
        let row = markdown
            .lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .expect("a row");
        assert!(
            row.contains(&format!("| {mean} | {others} | {difference} |")),
            "{row}"
        );
        assert!(row.ends_with(&format!("| ⚠ {word} |")), "{row}");
    }
    assert_eq!(markdown.matches("| in line |").count(), 4, "{markdown}");
    // By reviewer: the same section without the people tables.
    let only = team(home.path(), &["--by", "reviewer"]);
    assert!(!only.contains("## Vaarst Career Framework"), "{only}");
    assert!(only.contains(verdicts[0]), "{only}");

    let csv = team(home.path(), &["--format", "csv", "--by", "reviewer"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header.join(","),
        "framework,reviewer,people,shared,mean,others_mean,difference,rated,met,spread,standing,compared"
    );
    let mut flagged = Vec::new();
    for record in reader.records() {
        let record = record.expect("a record");
        let name = &record[1];
        let (mean, others, difference) = figures(name);
        assert_eq!(&record[4], mean, "{name}");
        assert_eq!(&record[5], others, "{name}");
        assert_eq!(
            record[6].parse::<f64>().expect("a number, sign and all"),
            difference.parse::<f64>().expect("a number"),
            "{name}"
        );
        if &record[10] != "in line" {
            flagged.push(format!("{name} {}", &record[10]));
        }
    }
    assert_eq!(
        flagged,
        [format!("{LENIENT} lenient"), format!("{SEVERE} severe")]
    );

    let html = team(home.path(), &["--format", "html"]);
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("a selector");
    let rows: Vec<Vec<String>> = page
        .select(&select("table.reviewers tbody tr"))
        .map(|tr| {
            tr.select(&select("td"))
                .map(|td| td.text().collect::<String>())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 6);
    let marked: Vec<String> = page
        .select(&select(
            "table.reviewers tr.lenient td:first-child, table.reviewers tr.severe td:first-child",
        ))
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(marked, [LENIENT, SEVERE]);
    for row in &rows {
        let (mean, others, difference) = figures(&row[0]);
        assert_eq!(row[3..6], [mean, others, difference], "{row:?}");
    }
    let verdicts: Vec<String> = page
        .select(&select("ul.flags li"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(verdicts.len(), 2, "{verdicts:?}");
}

/// `--lenience` sets the distance: wide enough, nobody is flagged; a
/// distance that is not a positive number is refused, exit 2.
#[test]
fn lenience_sets_the_distance_and_a_bad_one_is_refused() {
    let (home, people) = generated();
    let expected = expected(&people);
    let widest = expected.values().map(|e| e.3.abs()).fold(0.0, f64::max);
    let (table, rows) = json_reviewers(home.path(), &["--lenience", &format!("{}", widest + 0.01)]);
    assert_eq!(table["rules"]["lenience"].as_f64(), Some(widest + 0.01));
    assert!(rows.iter().all(|r| r["standing"] == "in_line"), "{rows:?}");
    // At the widest fair reviewer's distance, that reviewer is flagged too.
    let fair = expected
        .iter()
        .filter(|(n, _)| *n != LENIENT && *n != SEVERE)
        .max_by(|a, b| a.1.3.abs().total_cmp(&b.1.3.abs()))
        .expect("fair reviewers");
    let (_, rows) = json_reviewers(
        home.path(),
        &["--lenience", &format!("{:.2}", fair.1.3.abs())],
    );
    let flagged = rows.iter().filter(|r| r["standing"] != "in_line").count();
    assert_eq!(flagged, 3, "the planted two and {}", fair.0);
    for bad in ["0", "-1", "abc", "NaN"] {
        let run = run(home.path(), &["team", "team", &format!("--lenience={bad}")]);
        assert_eq!(run.code, Some(2), "{bad}");
        assert!(
            run.stderr.contains("is not a distance in points"),
            "{bad}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
}

/// Too little data is said plainly, nobody is flagged, in every format:
/// nobody reviewed; one reviewer alone; reviewers who share fewer
/// statements than `--min-shared`.
#[test]
fn not_enough_data_is_said_plainly_and_nobody_is_flagged() {
    let cases: [(&str, Vec<Leaning>, &[&str], &str); 3] = [
        (
            "nobody",
            Vec::new(),
            &[],
            "Not enough data to calibrate reviewers: nobody has reviewed yet",
        ),
        (
            "one",
            vec![Leaning {
                name: LENIENT,
                bias: 2,
            }],
            &[],
            "Not enough data to calibrate reviewers: Lou Bright is the only reviewer (it takes 2 or more reviewers who each share 10 or more statements with other reviewers).",
        ),
        (
            "too few shared",
            leanings().to_vec(),
            &["--min-shared", "16"],
            "Not enough data to calibrate reviewers: it takes 2 or more reviewers who each share 16 or more statements with other reviewers; 0 do (shared statements: ",
        ),
    ];
    for (what, reviewers, args, said) in cases {
        let home = home(false);
        let people = reviewed_team(6, 5, &reviewers);
        write_reviewed_team(&home.path().join("team"), &people).expect("written");
        let markdown = team(home.path(), args);
        assert!(markdown.contains(said), "{what}:\n{markdown}");
        assert!(!markdown.contains("- ⚠"), "{what}");
        assert!(!markdown.contains("disagree most"), "{what}");
        let mut html_args = vec!["--format", "html"];
        html_args.extend_from_slice(args);
        let html = team(home.path(), &html_args);
        assert!(
            html.contains(r#"<p class="not-enough">Not enough data"#),
            "{what}"
        );
        assert!(!html.contains(r#"<tr class="lenient""#), "{what}");
        let (table, rows) = json_reviewers(home.path(), args);
        assert_eq!(table["enough"], false, "{what}");
        assert_eq!(rows.len(), reviewers.len(), "{what}");
        assert!(
            rows.iter()
                .all(|r| r["standing"] == "not_compared" && r["mean"].is_null()),
            "{what}"
        );
        let mut csv_args = vec!["--format", "csv", "--by", "reviewer"];
        csv_args.extend_from_slice(args);
        let csv = team(home.path(), &csv_args);
        assert_eq!(csv.lines().count(), 1 + reviewers.len(), "{what}: {csv}");
        assert!(
            csv.lines().skip(1).all(|l| l.ends_with(",not compared,no")),
            "{what}: {csv}"
        );
    }
}
