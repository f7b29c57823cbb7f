//! `rungs evidence …` and `rungs validate --evidence` through the real
//! binary: what the file holds after each command, the refusals (exit 2,
//! the file untouched, the right form said), and commits checked in a real
//! git repository where one was removed by a reset and a gc.

use std::path::Path;
use std::process::Command as Process;

use crate::common;

use common::*;
use rungs::model::Profile;

const PROFILE: &str = r#"format = 1
person = "Alex Doe"
framework = "vaarst"
craft = "devops-engineer"
level = "level-4"
"#;

fn home_with_profile() -> tempfile::TempDir {
    let home = home(false);
    std::fs::write(home.path().join("p.toml"), PROFILE).expect("write");
    home
}

fn read(home: &Path) -> Profile {
    let text = std::fs::read_to_string(home.join("p.toml")).expect("read");
    toml::from_str(&text).expect("a profile")
}

fn ok(home: &Path, args: &[&str]) -> String {
    let run = run(home, args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run.stdout
}

fn refused(home: &Path, args: &[&str], says: &[&str]) {
    let before = std::fs::read(home.join("p.toml")).expect("read");
    let run = run(home, args);
    assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
    for s in says {
        assert!(run.stderr.contains(s), "{args:?} says {s}:\n{}", run.stderr);
    }
    assert_eq!(
        std::fs::read(home.join("p.toml")).expect("read"),
        before,
        "{args:?} leaves the file untouched"
    );
}

const EM1: &str = "level-4/engineering-maturity/1";
const EM2: &str = "level-4/engineering-maturity/2";
const AU1: &str = "level-4/automation/1";

/// Adds the design review on three statements; returns its id.
fn add_review(home: &Path) -> String {
    let said = ok(
        home,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "--statement",
            EM2,
            "--statement",
            AU1,
            "--link",
            "https://example.com/pr/7",
            "--date",
            "2026-10-04",
            "Led the design review",
        ],
    );
    assert!(said.starts_with("Added evidence "), "{said}");
    read(home).evidence[0].id.clone()
}

#[test]
fn add_writes_the_item_with_its_statements_date_and_link() {
    let home = home_with_profile();
    let id = add_review(home.path());
    let profile = read(home.path());
    assert_eq!(profile.evidence.len(), 1);
    let item = &profile.evidence[0];
    assert_eq!(item.id, id);
    assert_eq!(item.text, "Led the design review");
    assert_eq!(item.date.to_string(), "2026-10-04");
    assert_eq!(item.links, ["https://example.com/pr/7"]);
    assert_eq!(item.statements, [EM1, EM2, AU1]);
    let text = std::fs::read_to_string(home.path().join("p.toml")).expect("read");
    assert!(text.contains("date = 2026-10-04"), "{text}");
    assert!(text.starts_with("format = 1"), "{text}");
}

#[test]
fn an_unknown_statement_a_future_or_unreal_date_and_no_text_are_refused() {
    let home = home_with_profile();
    let h = home.path();
    refused(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            "level-4/nope/1",
            "x",
        ],
        &[
            "`level-4/nope/1` is not a statement of craft `devops-engineer`",
            "LEVEL/AREA/STATEMENT, like `level-4/engineering-maturity/1`",
        ],
    );
    refused(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "--date",
            "2999-01-01",
            "x",
        ],
        &["after today"],
    );
    refused(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "--date",
            "2026-02-30",
            "x",
        ],
        &["`2026-02-30` is not a day", "YYYY-MM-DD"],
    );
    refused(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "  ",
        ],
        &["no text"],
    );
    refused(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "--commit",
            "rungs@xyz",
            "x",
        ],
        &["`rungs@xyz` is not a commit link", "rungs@1a2b3c4"],
    );
}

#[test]
fn a_commit_of_an_unknown_repository_needs_its_path() {
    let home = home_with_profile();
    let h = home.path();
    refused(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "--commit",
            "tools@1a2b3c4",
            "x",
        ],
        &[
            "the profile does not say where repository `tools` is",
            "--repo-path DIR",
            "rungs evidence repo tools --path DIR",
        ],
    );
    std::fs::create_dir(h.join("tools")).expect("mkdir");
    ok(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "--commit",
            "tools@1a2b3c4",
            "--repo-path",
            "tools",
            "--date",
            "2026-10-04",
            "Wrote the tool",
        ],
    );
    let profile = read(h);
    assert_eq!(profile.evidence[0].commits, ["tools@1a2b3c4"]);
    let recorded = profile.repositories["tools"].path.clone().expect("a path");
    assert!(Path::new(&recorded).is_absolute(), "{recorded}");
    assert!(recorded.ends_with("tools"), "{recorded}");
    // Named once: the next commit of it needs no path.
    ok(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM2,
            "--commit",
            "tools@abcdef0",
            "y",
        ],
    );
}

#[test]
fn list_shows_every_item_or_a_statements_as_text_or_json() {
    let home = home_with_profile();
    let h = home.path();
    let id = add_review(h);
    ok(
        h,
        &[
            "evidence",
            "add",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "--date",
            "2026-11-02",
            "Wrote the runbook",
        ],
    );
    let all = ok(h, &["evidence", "list", "--profile", "p.toml"]);
    let lines: Vec<&str> = all.lines().collect();
    assert_eq!(lines.len(), 2, "{all}");
    assert_eq!(
        lines[0],
        format!(
            "{id}  2026-10-04  Led the design review  [{EM1}, {EM2}, {AU1}]  https://example.com/pr/7"
        )
    );
    assert!(lines[1].contains("2026-11-02  Wrote the runbook  [level-4/engineering-maturity/1]"));
    let of_automation = ok(
        h,
        &[
            "evidence",
            "list",
            "--profile",
            "p.toml",
            "--statement",
            AU1,
        ],
    );
    assert_eq!(of_automation.lines().count(), 1, "{of_automation}");
    let json = ok(
        h,
        &[
            "evidence",
            "list",
            "--profile",
            "p.toml",
            "--statement",
            EM1,
            "--format",
            "json",
        ],
    );
    let items: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(items.as_array().map(Vec::len), Some(2));
    assert_eq!(items[0]["date"], "2026-10-04");
    assert_eq!(items[0]["statements"][2], AU1);
    refused(
        h,
        &[
            "evidence",
            "list",
            "--profile",
            "p.toml",
            "--statement",
            "level-4/x/9",
        ],
        &["is not a statement"],
    );
}

#[test]
fn link_unlink_and_remove_change_only_what_they_name() {
    let home = home_with_profile();
    let h = home.path();
    let id = add_review(h);
    let said = ok(
        h,
        &[
            "evidence",
            "unlink",
            "--profile",
            "p.toml",
            &id,
            "--statement",
            EM2,
        ],
    );
    assert_eq!(said, format!("Evidence {id} unlinked from {EM2}.\n"));
    assert_eq!(read(h).evidence[0].statements, [EM1, AU1]);
    ok(
        h,
        &[
            "evidence",
            "link",
            "--profile",
            "p.toml",
            &id,
            "--statement",
            EM2,
        ],
    );
    assert_eq!(read(h).evidence[0].statements, [EM1, AU1, EM2]);
    refused(
        h,
        &[
            "evidence",
            "link",
            "--profile",
            "p.toml",
            &id,
            "--statement",
            EM2,
        ],
        &["is linked to", "already"],
    );
    refused(
        h,
        &[
            "evidence",
            "link",
            "--profile",
            "p.toml",
            "nope",
            "--statement",
            EM2,
        ],
        &["the profile has no evidence `nope`", "rungs evidence list"],
    );
    refused(
        h,
        &[
            "evidence",
            "link",
            "--profile",
            "p.toml",
            &id,
            "--statement",
            "level-9/a/1",
        ],
        &["is not a statement"],
    );
    let said = ok(h, &["evidence", "remove", "--profile", "p.toml", &id]);
    assert_eq!(
        said,
        format!("Removed evidence {id}: Led the design review.\n")
    );
    assert!(read(h).evidence.is_empty());
}

#[test]
fn repo_records_a_path_or_remote_once() {
    let home = home_with_profile();
    let h = home.path();
    std::fs::create_dir(h.join("work")).expect("mkdir");
    ok(
        h,
        &[
            "evidence",
            "repo",
            "--profile",
            "p.toml",
            "rungs",
            "--path",
            "work",
            "--remote",
            "https://example.com/rungs.git",
        ],
    );
    let repo = read(h).repositories["rungs"].clone();
    assert!(repo.path.expect("a path").ends_with("work"));
    assert_eq!(
        repo.remote.as_deref(),
        Some("https://example.com/rungs.git")
    );
    refused(
        h,
        &[
            "evidence",
            "repo",
            "--profile",
            "p.toml",
            "a@b",
            "--path",
            "work",
        ],
        &["cannot name a repository"],
    );
    refused(
        h,
        &[
            "evidence",
            "repo",
            "--profile",
            "p.toml",
            "x",
            "--path",
            "missing",
        ],
        &["no such folder"],
    );
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Alex Doe")
        .env("GIT_AUTHOR_EMAIL", "alex@example.com")
        .env("GIT_COMMITTER_NAME", "Alex Doe")
        .env("GIT_COMMITTER_EMAIL", "alex@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

/// A repository `tools` with two commits; the second is then removed by a
/// reset and a gc, as a rebase leaves it. Returns (kept, removed) shas.
fn repo_with_a_removed_commit(dir: &Path) -> (String, String) {
    std::fs::create_dir(dir).expect("mkdir");
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::write(dir.join("a"), "a").expect("write");
    git(dir, &["add", "a"]);
    git(dir, &["commit", "-q", "-m", "first"]);
    let kept = git(dir, &["rev-parse", "HEAD"]);
    std::fs::write(dir.join("b"), "b").expect("write");
    git(dir, &["add", "b"]);
    git(dir, &["commit", "-q", "-m", "second"]);
    let removed = git(dir, &["rev-parse", "HEAD"]);
    git(dir, &["reset", "-q", "--hard", &kept]);
    git(dir, &["reflog", "expire", "--expire=now", "--all"]);
    git(dir, &["gc", "-q", "--prune=now"]);
    (kept, removed)
}

#[test]
fn validate_evidence_finds_a_commit_removed_from_its_repository() {
    let home = home_with_profile();
    let h = home.path();
    let (kept, removed) = repo_with_a_removed_commit(&h.join("tools"));
    for (sha, text) in [(&kept, "The first tool"), (&removed, "The rebased tool")] {
        ok(
            h,
            &[
                "evidence",
                "add",
                "--profile",
                "p.toml",
                "--statement",
                EM1,
                "--commit",
                &format!("tools@{}", &sha[..10]),
                "--repo-path",
                "tools",
                "--date",
                "2026-10-04",
                text,
            ],
        );
    }
    let run = run(h, &["validate", "--evidence", "p.toml"]);
    assert_eq!(
        run.code,
        Some(0),
        "a warning, not a failure: {}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("evidence: 2 evidence items, 1 of 2 commits found"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(h.join("p.toml")).expect("read");
    let line = text
        .lines()
        .position(|l| l.contains(&removed[..10]))
        .expect("the commit's line")
        + 1;
    let id = &read(h).evidence[1].id;
    let warning = run
        .stderr
        .lines()
        .find(|l| l.contains("is not in"))
        .unwrap_or_else(|| panic!("a warning:\n{}", run.stderr));
    assert!(
        warning.starts_with(&format!("warning: p.toml:{line}:")),
        "{warning}"
    );
    assert!(
        warning.contains(&format!(
            "commit tools@{} of evidence `{id}` (“The rebased tool”)",
            &removed[..10]
        )),
        "{warning}"
    );
    assert!(run.stderr.contains("rebase"), "{}", run.stderr);
    assert!(!run.stderr.contains(&kept[..10]), "{}", run.stderr);
    // Without --evidence nothing is checked.
    let plain = run_plain(h);
    assert!(!plain.contains("is not in"), "{plain}");
}

fn run_plain(h: &Path) -> String {
    let run = run(h, &["validate", "p.toml"]);
    assert_eq!(run.code, Some(0));
    run.stderr
}

#[test]
fn validate_evidence_finds_a_repository_by_its_folder_name_with_repo() {
    let home = home_with_profile();
    let h = home.path();
    let (kept, _) = repo_with_a_removed_commit(&h.join("tools"));
    // The item names `tools`, the profile records no path for it.
    let text = format!(
        "{PROFILE}\n[[evidence]]\nid = \"e1\"\ndate = 2026-10-04\ntext = \"The tool\"\ncommits = [\"tools@{}\", \"elsewhere@abcd123\"]\nstatements = [\"{EM1}\"]\n",
        &kept[..8]
    );
    std::fs::write(h.join("p.toml"), &text).expect("write");
    let run1 = run(h, &["validate", "--evidence", "p.toml"]);
    assert_eq!(run1.code, Some(0), "{}", run1.stderr);
    assert!(
        run1.stderr
            .contains("no repository `tools` on this machine"),
        "{}",
        run1.stderr
    );
    assert!(run1.stderr.contains("p.toml:11:11:"), "{}", run1.stderr);
    let run2 = run(h, &["validate", "--evidence", "--repo", "tools", "p.toml"]);
    assert!(
        run2.stdout.contains("1 of 2 commits found"),
        "{}",
        run2.stdout
    );
    assert!(
        !run2.stderr.contains("`tools` on this machine"),
        "{}",
        run2.stderr
    );
    assert!(
        run2.stderr.contains("no repository `elsewhere`"),
        "{}",
        run2.stderr
    );
}

#[test]
fn validate_evidence_warns_of_a_date_after_today() {
    let home = home_with_profile();
    let h = home.path();
    let text = format!(
        "{PROFILE}\n[[evidence]]\nid = \"e1\"\ndate = 2999-01-01\ntext = \"Later\"\nstatements = [\"{EM1}\"]\n"
    );
    std::fs::write(h.join("p.toml"), &text).expect("write");
    let run = run(h, &["validate", "--evidence", "p.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("p.toml:9:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("evidence `e1` is dated 2999-01-01, after today"),
        "{}",
        run.stderr
    );
    // A date that is not a day at all is an error, with or without --evidence.
    std::fs::write(
        h.join("p.toml"),
        text.replace("2999-01-01", "2026-10-04T10:00:00Z"),
    )
    .expect("write");
    let bad = common::run(h, &["validate", "p.toml"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(bad.stderr.contains("p.toml:9:"), "{}", bad.stderr);
    assert!(bad.stderr.contains("is not a day"), "{}", bad.stderr);
}

#[test]
fn an_item_on_three_statements_shows_under_each_in_every_export() {
    let home = home_with_profile();
    let h = home.path();
    add_review(h);
    let markdown = ok(h, &["export", "--profile", "p.toml"]);
    assert_eq!(
        markdown
            .matches("2026-10-04 — Led the design review · `https://example.com/pr/7`")
            .count(),
        3,
        "{markdown}"
    );
    assert_tables_whole(&markdown);
    let html = ok(h, &["export", "--profile", "p.toml", "--format", "html"]);
    assert_eq!(
        html.matches(r#"<a href="https://example.com/pr/7" rel="noopener noreferrer nofollow">"#)
            .count(),
        3,
        "{html}"
    );
    let json = ok(h, &["export", "--profile", "p.toml", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let mut under = Vec::new();
    for area in report["areas"].as_array().expect("areas") {
        for s in area["statements"].as_array().expect("statements") {
            if let Some(items) = s["evidence"].as_array() {
                assert_eq!(items[0]["text"], "Led the design review");
                under.push(s["key"].as_str().expect("a key").to_owned());
            }
        }
    }
    assert_eq!(under, [EM1, EM2, AU1]);
    let lines = ok(h, &["show-profile", "p.toml"]);
    let id = &read(h).evidence[0].id;
    assert!(
        lines.contains(&format!(
            "evidence · {id} · 2026-10-04 · Led the design review · link https://example.com/pr/7 · supports Engineering Maturity 1, Engineering Maturity 2, Automation 1"
        )),
        "{lines}"
    );
}
