//! `rungs packet`: the promotion case of a profile on the atelier
//! framework, one level up, in every format.

use scraper::{Html, Selector};

use crate::common::*;

fn with_profile(text: &str) -> (tempfile::TempDir, String) {
    let home = home(true);
    let path = home.path().join("zoe.toml");
    std::fs::write(&path, text).expect("write");
    let path = path.to_str().expect("utf-8").to_owned();
    (home, path)
}

fn fixture_text() -> String {
    std::fs::read_to_string(fixture("packet-profile.toml")).expect("the fixture")
}

#[test]
fn markdown_packet_of_the_next_level() {
    let (home, path) = with_profile(&fixture_text());
    let run = run(home.path(), &["packet", &path]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_tables_whole(&run.stdout);
    insta::assert_snapshot!("packet_markdown", run.stdout);
    // The same inputs give the same document.
    let again = crate::common::run(home.path(), &["packet", &path]);
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn json_packet_holds_every_fact() {
    let (home, path) = with_profile(&fixture_text());
    let run = run(home.path(), &["packet", &path, "--format", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    insta::assert_snapshot!("packet_json", run.stdout);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(value["to"]["id"], "maitre");
    assert_eq!(value["met"], 1);
}

#[test]
fn an_item_linked_to_three_statements_shows_under_each() {
    let (home, path) = with_profile(&fixture_text());
    let markdown = run(home.path(), &["packet", &path]).stdout;
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("both mentees led a part"))
        .collect();
    assert_eq!(rows.len(), 3, "{markdown}");
}

#[test]
fn to_names_the_level_and_an_unknown_one_is_bad_input() {
    let (home, path) = with_profile(&fixture_text());
    let run = run(home.path(), &["packet", &path, "--to", "compagnon"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("Compagnon·ne → Compagnon·ne"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Raised the coverage floor"),
        "{}",
        run.stdout
    );
    let bad = crate::common::run(home.path(), &["packet", &path, "--to", "grand"]);
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stderr
            .contains("levels are: apprenti, compagnon, maitre"),
        "{}",
        bad.stderr
    );
    let top = fixture_text().replace("level = \"compagnon\"", "level = \"maitre\"");
    let (home, path) = with_profile(&top);
    let highest = crate::common::run(home.path(), &["packet", &path]);
    assert_eq!(highest.code, Some(2));
    assert!(highest.stderr.contains("--to LEVEL"), "{}", highest.stderr);
}

pub const HOSTILE: &str = r#"
[[evidence]]
id = "h1"
date = 2026-11-01
text = "<script>alert(1)</script> | cell \u001b[2J [a link](http://evil.example) <img src=x onerror=alert(2)>"
links = ["javascript:alert(3)", "https://ok.example/x\"onmouseover=\"alert(4)", "file:///etc/passwd"]
commits = ["billing@abcdef123456"]
statements = ["maitre/qualite/1"]
"#;

#[test]
fn html_packet_is_self_contained_and_hostile_evidence_stays_inert() {
    let (home, path) = with_profile(&format!("{}{HOSTILE}", fixture_text()));
    let out = home.path().join("case.html");
    let args = [
        "packet",
        &path,
        "--format",
        "html",
        "-o",
        out.to_str().expect("utf-8"),
    ];
    let run = run(home.path(), &args);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let html = std::fs::read_to_string(&out).expect("the page");
    assert_safe(&html);
    assert!(html.contains(r#"http-equiv="Content-Security-Policy" content="default-src 'none';"#));
    assert!(html.contains("@media print"));
    let doc = Html::parse_document(&html);
    let all = |css: &str| {
        doc.select(&Selector::parse(css).expect("selector"))
            .collect::<Vec<_>>()
    };
    assert!(all("script").is_empty());
    assert!(all("img").is_empty());
    assert!(all("[onmouseover]").is_empty() && all("[onerror]").is_empty());
    let hrefs: Vec<&str> = all("a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(!hrefs.is_empty());
    assert!(
        hrefs.iter().all(|h| h.starts_with("https://")),
        "only web links are links: {hrefs:?}"
    );
    assert!(html.contains("javascript:alert(3)"), "shown as text");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Written again: it is rungs' own page, replaced without --force.
    let again = crate::common::run(home.path(), &args);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
}

#[test]
fn hostile_evidence_stays_inert_in_markdown_and_json() {
    let (home, path) = with_profile(&format!("{}{HOSTILE}", fixture_text()));
    let markdown = run(home.path(), &["packet", &path]).stdout;
    assert_safe(&markdown);
    assert_tables_whole(&markdown);
    // Escaped as the exports escape (the sweep in tests/files/hostile.rs
    // renders it with a real GFM renderer).
    assert!(markdown.contains("\\<script>"), "{markdown}");
    assert!(markdown.contains("`javascript:alert(3)`"), "{markdown}");
    let json = crate::common::run(home.path(), &["packet", &path, "--format", "json"]).stdout;
    assert_safe(&json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let text = value["areas"][0]["statements"][0]["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .find(|e| e["id"] == "h1")
        .and_then(|e| e["text"].as_str())
        .expect("the hostile item");
    assert!(text.contains("<script>") && text.contains("␛[2J"), "{text}");
}

/// A blind round not open yet: the packet, the person's document, shows
/// none of the reviewer's ratings; once both sign off it does.
#[test]
fn a_blind_review_not_open_yet_stays_out_of_the_packet() {
    let blind = fixture_text().replace(
        "assessor = \"Sam Lee\"\n",
        "assessor = \"Sam Lee\"\nblind = true\n",
    );
    let blind = blind.replacen(
        "assessor = \"Zoë Ångström\"\n",
        "assessor = \"Zoë Ångström\"\nblind = true\n",
        1,
    );
    assert_eq!(blind.matches("blind = true").count(), 2, "{blind}");
    let (home, path) = with_profile(&blind);
    let json = run(home.path(), &["packet", &path, "--format", "json"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let reviewer_values: Vec<&serde_json::Value> = value["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .flat_map(|a| a["statements"].as_array().expect("statements"))
        .map(|s| &s["reviewer"]["value"])
        .filter(|v| !v.is_null())
        .collect();
    assert!(reviewer_values.is_empty(), "{}", json.stdout);
    let open = run(home.path(), &["packet", &path, "--format", "json"]);
    assert_eq!(
        open.stdout, json.stdout,
        "the same inputs, the same document"
    );
    let (home, path) = with_profile(&fixture_text());
    let seen = run(home.path(), &["packet", &path, "--format", "json"]).stdout;
    assert!(seen.contains("\"reviewer\""), "{seen}");
    let value: serde_json::Value = serde_json::from_str(&seen).expect("JSON");
    let rated = value["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .flat_map(|a| a["statements"].as_array().expect("statements"))
        .filter(|s| !s["reviewer"]["value"].is_null())
        .count();
    assert!(rated > 0, "without blind rounds Sam's ratings show: {seen}");
}
