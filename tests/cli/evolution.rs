//! Frameworks change and people grow: a profile rated on v1 of a framework
//! and opened on v2 (one statement reworded, one renumbered, one removed,
//! one added, an area new at the next level); `show --diff`, `relink` and
//! `diff` across three rounds.

use crate::common;

use common::*;
use rungs::model::fingerprint::fingerprint;

/// A RUNGS_HOME whose `forge` framework is the given version.
fn forge_home(version: &str) -> tempfile::TempDir {
    let home = home(false);
    let dir = home.path().join("frameworks");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::copy(
        fixture(&format!("evolution/forge-{version}.toml")),
        dir.join("forge.toml"),
    )
    .expect("copy");
    home
}

fn rating(key: &str, value: u8, words: &str, note: &str) -> String {
    format!(
        "\n[[assessments.ratings]]\nstatement = \"{key}\"\nvalue = {value}\nnote = \"{note}\"\nseen = \"{}\"\n",
        fingerprint(words)
    )
}

fn round(started: &str, ratings: &[String]) -> String {
    format!(
        "\n[[assessments]]\nrole = \"self\"\nassessor = \"Robin Roe\"\nstarted = {started}\nupdated = {started}\n{}",
        ratings.concat()
    )
}

/// Three self rounds on v1: the third rates statement 3, which v2 renumbers to 5.
fn profile_on_v1(home: &std::path::Path) -> std::path::PathBuf {
    let ship = "I ship small changes behind a review.";
    let tests = "I write tests for the code I change.";
    let help = "I ask for help when I am stuck for an hour.";
    let logs = "I read the logs of the services I touch.";
    let text = format!(
        "format = 1\nperson = \"Robin Roe\"\nframework = \"forge\"\ncraft = \"backend\"\nlevel = \"l1\"\n{}{}{}",
        round(
            "2026-03-01T09:00:00Z",
            &[
                rating("l1/delivery/1", 2, ship, ""),
                rating("l1/delivery/2", 1, tests, "")
            ]
        ),
        round(
            "2026-06-01T09:00:00Z",
            &[
                rating("l1/delivery/1", 3, ship, "Shipped the queue"),
                rating("l1/delivery/2", 2, tests, ""),
                rating("l1/operations/1", 3, logs, "")
            ]
        ),
        round(
            "2026-09-01T09:00:00Z",
            &[
                rating(
                    "l1/delivery/1",
                    4,
                    ship,
                    "Shipped the queue; led the rollout"
                ),
                rating("l1/delivery/2", 2, tests, ""),
                rating("l1/delivery/3", 3, help, "Asked in the channel"),
                rating("l1/operations/1", 2, logs, "")
            ]
        ),
    );
    let path = home.join("robin.toml");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn show_diff_tells_what_changes_at_the_next_level() {
    let home = forge_home("v2");
    let run = run(
        home.path(),
        &["show", "forge", "--craft", "backend", "--diff", "l1", "l2"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    insta::assert_snapshot!("show_diff_l1_l2", run.stdout);
    assert!(
        run.stdout
            .contains("{+1. I pair with a newer engineer every week.+}")
    );
    let bad = run_args(
        home.path(),
        &["show", "forge", "--craft", "backend", "--diff", "l1", "l9"],
    );
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("no level `l9`"), "{}", bad.stderr);
}

fn run_args(home: &std::path::Path, args: &[&str]) -> Run {
    run(home, args)
}

#[test]
fn relink_moves_a_renumbered_statement_only_when_asked() {
    let home = forge_home("v1");
    let path = profile_on_v1(home.path());
    // The framework moves on to v2.
    std::fs::copy(
        fixture("evolution/forge-v2.toml"),
        home.path().join("frameworks/forge.toml"),
    )
    .expect("copy");
    let before = std::fs::read(&path).expect("read");
    let p = path.to_str().expect("utf-8");
    let dry = run(home.path(), &["relink", p]);
    assert_eq!(dry.code, Some(0), "{}", dry.stderr);
    assert!(
        dry.stdout.contains("move  l1/delivery/3 → l1/delivery/5"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .contains("keep  l1/delivery/2: no statement has its words now"),
        "a removed statement stays, orphaned: {}",
        dry.stdout
    );
    assert!(dry.stdout.contains("nothing was written"), "{}", dry.stdout);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "a dry run writes nothing"
    );

    let write = run(home.path(), &["relink", p, "--write"]);
    assert_eq!(write.code, Some(0), "{}", write.stderr);
    let after: rungs::model::Profile =
        toml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("a profile");
    let last = after.assessments.last().expect("rounds");
    let moved = last.rating("l1/delivery/5").expect("moved");
    assert_eq!(
        (moved.value, moved.note()),
        (Some(3), "Asked in the channel")
    );
    assert!(last.rating("l1/delivery/3").is_none());
    assert!(
        last.rating("l1/delivery/2").is_some(),
        "no rating is dropped"
    );
    assert_eq!(after.assessments.len(), 3);
    let backup = write
        .stdout
        .split("the file before is kept as ")
        .nth(1)
        .and_then(|rest| rest.trim_end().strip_suffix('.'))
        .unwrap_or_else(|| panic!("the backup is named: {}", write.stdout));
    assert!(
        std::path::Path::new(backup).starts_with(home.path().join("backups")),
        "in rungs' own folder, not beside the profile: {backup}"
    );
    assert_eq!(std::fs::read(backup).expect("the backup"), before);
    let again = run(home.path(), &["relink", p]);
    assert!(
        again.stdout.contains("Nothing to relink."),
        "{}",
        again.stdout
    );
}

/// Two orphans of one round carry the words of one statement: neither may
/// take it silently (the other would be lost); both stay and are listed.
#[test]
fn relink_never_drops_a_rating_when_two_orphans_share_the_words() {
    let home = common::home(false);
    let words = "I identify opportunities for automation, and apply it.";
    let text = format!(
        "format = 1\nperson = \"Alex\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n\n\
         [[assessments]]\nrole = \"self\"\nassessor = \"Alex\"\nstarted = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\n\
         [[assessments.ratings]]\nstatement = \"level-4/gone/1\"\nvalue = 3\nnote = \"first\"\nseen = \"{f}\"\n\n\
         [[assessments.ratings]]\nstatement = \"level-4/gone/2\"\nvalue = 1\nnote = \"second\"\nseen = \"{f}\"\n",
        f = fingerprint(words)
    );
    let path = home.path().join("alex.toml");
    std::fs::write(&path, &text).expect("write");
    let p = path.to_str().expect("utf-8");
    let write = run(home.path(), &["relink", p, "--write"]);
    assert_eq!(write.code, Some(0), "{}", write.stderr);
    assert!(
        write.stdout.contains("keep  level-4/gone/1: 2 orphaned ratings of this round have the words of level-4/automation/1"),
        "{}",
        write.stdout
    );
    assert!(
        write.stdout.contains("Nothing to relink."),
        "{}",
        write.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        text,
        "nothing moved, nothing lost"
    );
}

#[test]
fn diff_lists_what_changed_between_rounds() {
    let home = forge_home("v1");
    let path = profile_on_v1(home.path());
    let p = path.to_str().expect("utf-8");
    let last_two = run(home.path(), &["diff", p]);
    assert_eq!(last_two.code, Some(0), "{}", last_two.stderr);
    insta::assert_snapshot!("diff_rounds_2_3", last_two.stdout);
    let first_last = run(
        home.path(),
        &["diff", p, "--from", "1", "--to", "3", "--format", "json"],
    );
    assert_eq!(first_last.code, Some(0), "{}", first_last.stderr);
    let json: serde_json::Value = serde_json::from_str(&first_last.stdout).expect("json");
    let changed: Vec<&str> = json["ratings"]
        .as_array()
        .expect("ratings")
        .iter()
        .map(|r| r["statement"].as_str().expect("key"))
        .collect();
    assert_eq!(
        changed,
        [
            "l1/delivery/1",
            "l1/delivery/2",
            "l1/delivery/3",
            "l1/operations/1"
        ]
    );
    assert_eq!(json["ratings"][0]["from"], 2);
    assert_eq!(json["ratings"][0]["to"], 4);
    assert_eq!(json["ratings"][0]["met"], true);
    assert_eq!(json["areas"][0]["met_from"], 0);
    assert_eq!(json["areas"][0]["met_to"], 2);
    let none = run(home.path(), &["diff", p, "--from", "4"]);
    assert_eq!(none.code, Some(2));
    assert!(none.stderr.contains("no self round 4"), "{}", none.stderr);
}

#[test]
fn diff_compares_two_people_on_one_level() {
    let home = forge_home("v1");
    let robin = profile_on_v1(home.path());
    let text = std::fs::read_to_string(&robin)
        .expect("read")
        .replace("Robin Roe", "Sam Poe")
        .replace("value = 4", "value = 1");
    let sam = home.path().join("sam.toml");
    std::fs::write(&sam, text).expect("write");
    let run = run(
        home.path(),
        &[
            "diff",
            robin.to_str().expect("utf-8"),
            sam.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("# What changed: Robin Roe and Sam Poe"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("## Fell below met (1)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("4 Consistently → 1 Not yet"),
        "{}",
        run.stdout
    );
}

#[test]
fn exports_list_the_statements_reworded_since_rated() {
    let home = forge_home("v1");
    let path = profile_on_v1(home.path());
    std::fs::copy(
        fixture("evolution/forge-v2.toml"),
        home.path().join("frameworks/forge.toml"),
    )
    .expect("copy");
    let p = path.to_str().expect("utf-8");
    let md = run(home.path(), &["export", "--profile", p]);
    assert_eq!(md.code, Some(0), "{}", md.stderr);
    assert!(md.stdout.contains("version 2026.2"), "{}", md.stdout);
    assert!(
        md.stdout.contains("## Reworded since rated"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains(
            "| Delivery | l1/delivery/1 | self | I ship small, reviewed changes every week. |"
        ),
        "{}",
        md.stdout
    );
    let json = run(home.path(), &["export", "--profile", p, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(json["reworded"][0]["key"], "l1/delivery/1");
    assert_eq!(json["reworded"].as_array().map(Vec::len), Some(1));
}

#[test]
fn validate_warns_of_ratings_given_against_older_words() {
    let home = forge_home("v1");
    let path = profile_on_v1(home.path());
    let p = path.to_str().expect("utf-8");
    let same = run(home.path(), &["validate", p]);
    assert_eq!(same.code, Some(0), "{}", same.stderr);
    assert!(!same.stderr.contains("other words"), "{}", same.stderr);
    std::fs::copy(
        fixture("evolution/forge-v2.toml"),
        home.path().join("frameworks/forge.toml"),
    )
    .expect("copy");
    let moved = run(home.path(), &["validate", p]);
    assert_eq!(
        moved.code,
        Some(0),
        "a warning, not a failure: {}",
        moved.stderr
    );
    // Each reworded rating is named, at its line (the current round's).
    let text = std::fs::read_to_string(&path).expect("read");
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "statement = \"l1/delivery/1\"")
        .map(|(i, _)| i + 1)
        .last()
        .expect("rated");
    assert!(
        moved.stderr.contains(&format!(
            "robin.toml:{line}:13: `l1/delivery/1` (self) was rated against other words than the statement has now"
        )),
        "{}",
        moved.stderr
    );
    assert!(moved.stderr.contains("c jumps to it"), "{}", moved.stderr);
    assert!(!moved.stderr.contains("(s)"), "{}", moved.stderr);
}

#[test]
fn the_html_report_lists_them_too() {
    let home = forge_home("v2");
    let path = profile_on_v1(home.path());
    let html = run(
        home.path(),
        &[
            "export",
            "--profile",
            path.to_str().expect("utf-8"),
            "--format",
            "html",
        ],
    );
    assert_eq!(html.code, Some(0), "{}", html.stderr);
    assert!(
        html.stdout.contains("<h2>Reworded since rated</h2>"),
        "{}",
        html.stdout
    );
    assert!(
        html.stdout
            .contains("<td>I ship small, reviewed changes every week.</td>")
    );
}

/// The README's worked example: the seed framework grows a second level by
/// import, and `show --diff` tells what Level 5 asks beyond Level 4.
#[test]
fn the_readme_example_grows_vaarst_and_compares_its_levels() {
    let home = home(false);
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/examples/devops-engineer-level5.md");
    std::fs::create_dir(home.path().join("frameworks")).expect("mkdir");
    let out = home.path().join("frameworks/vaarst.toml");
    let import = run(
        home.path(),
        &[
            "import",
            page.to_str().expect("utf-8"),
            "--into",
            "vaarst",
            "-o",
            out.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(import.code, Some(0), "{}", import.stderr);
    assert!(
        import.stderr.contains("rank 5 level-5"),
        "{}",
        import.stderr
    );
    let diff = run(
        home.path(),
        &[
            "show",
            "vaarst",
            "--craft",
            "devops-engineer",
            "--diff",
            "level-4",
            "level-5",
        ],
    );
    assert_eq!(diff.code, Some(0), "{}", diff.stderr);
    assert!(
        diff.stdout
            .contains("Level 4 (Mid) (level-4) → Level 5 (Senior) (level-5)")
    );
    assert!(
        diff.stdout
            .contains("New in Level 5 (Senior):\n\nMentoring (mentoring)"),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout
            .contains("{+1. I mentor two engineers and help them plan their next step.+}")
    );
    // A Level 4 profile still reads, and rates Level 5 ahead.
    let profile = home.path().join("profile.toml");
    std::fs::write(
        &profile,
        "format = 1\nperson = \"Alex\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n",
    )
    .expect("write");
    let ok = run(home.path(), &["validate", profile.to_str().expect("utf-8")]);
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
}

/// A profile of the second round on the embedded framework: its `seen`
/// values were taken by that rungs, and the words have not changed.
#[test]
fn fingerprints_taken_by_the_second_round_still_match_unchanged_words() {
    let home = home(false);
    let profile = fixture("second-round-profile.toml");
    let p = profile.to_str().expect("utf-8");
    let run_ = run(home.path(), &["validate", p]);
    assert_eq!(run_.code, Some(0), "{}", run_.stderr);
    assert!(
        !run_.stderr.contains("other words"),
        "nothing reworded: {}",
        run_.stderr
    );
    let json = run(home.path(), &["export", "--profile", p, "--format", "json"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(json["reworded"].as_array().map(Vec::len), Some(0), "{json}");
}

/// A statement written over two lines, rated, then the framework saved
/// again with CRLF line endings and trailing spaces: the words are the
/// same, so the rating is not reworded.
#[test]
fn a_framework_saved_with_crlf_and_trailing_spaces_rewords_nothing() {
    let home = home(false);
    let dir = home.path().join("frameworks");
    std::fs::create_dir(&dir).expect("mkdir");
    let framework = "format = 1\nid = \"lines\"\nname = \"Lines\"\n\n[[crafts]]\nid = \"c\"\nname = \"Craft\"\n\n[[crafts.levels]]\nid = \"l1\"\nrank = 1\ntitle = \"One\"\n\n[[crafts.levels.areas]]\nid = \"a\"\nname = \"Area\"\n\n[[crafts.levels.areas.statements]]\nid = \"1\"\ntext = \"\"\"\nI ship small changes\nbehind a review, every week.\"\"\"\n";
    std::fs::write(dir.join("lines.toml"), framework).expect("write");
    // The fingerprint as the second round took it of these words (over
    // the text as shown, the line break a space) and as this one does.
    let seen = fingerprint("I ship small changes behind a review, every week.");
    let profile = format!(
        "format = 1\nperson = \"Robin Roe\"\nframework = \"lines\"\ncraft = \"c\"\nlevel = \"l1\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"Robin Roe\"\nstarted = 2026-03-01T09:00:00Z\nupdated = 2026-03-01T09:00:00Z\n\n[[assessments.ratings]]\nstatement = \"l1/a/1\"\nvalue = 3\nseen = \"{seen}\"\n"
    );
    let path = home.path().join("robin.toml");
    std::fs::write(&path, profile).expect("write");
    let p = path.to_str().expect("utf-8");
    let reworded = |home: &std::path::Path| {
        let out = run(home, &["validate", p]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        out.stderr.contains("other words")
    };
    assert!(!reworded(home.path()), "as written");
    let crlf = framework.replace('\n', "  \r\n");
    std::fs::write(dir.join("lines.toml"), crlf).expect("write");
    assert!(
        !reworded(home.path()),
        "saved with CRLF and trailing spaces"
    );
    let wrapped = framework.replace("changes\nbehind", "changes behind\n  ");
    std::fs::write(dir.join("lines.toml"), wrapped).expect("write");
    assert!(!reworded(home.path()), "wrapped elsewhere");
    let other = framework.replace("every week", "every day");
    std::fs::write(dir.join("lines.toml"), other).expect("write");
    assert!(reworded(home.path()), "other words are reworded");
}

/// A framework numbered per area: statement 1 of one level and statement
/// 1 of the next are unrelated, and the same words sit under other numbers.
fn per_area_home(long: &str) -> tempfile::TempDir {
    let home = home(false);
    let dir = home.path().join("frameworks");
    std::fs::create_dir(&dir).expect("mkdir");
    let level = |id: &str, rank: u32, craft: &[&str], ops: &[&str]| {
        let list = |texts: &[&str]| {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| format!("  {{ id = \"{}\", text = \"{t}\" }},\n", i + 1))
                .collect::<String>()
        };
        format!(
            "\n[[crafts.levels]]\nid = \"{id}\"\nrank = {rank}\ntitle = \"Level {rank}\"\n\n[[crafts.levels.areas]]\nid = \"craft\"\nname = \"Craft\"\nstatements = [\n{}]\n\n[[crafts.levels.areas]]\nid = \"ops\"\nname = \"Operations\"\nstatements = [\n{}]\n",
            list(craft),
            list(ops)
        )
    };
    let long_v2 = format!("{long} And I say so.");
    let text = format!(
        "format = 1\nid = \"pa\"\nname = \"Per Area\"\n\n[[crafts]]\nid = \"eng\"\nname = \"Engineer\"\n{}{}",
        level(
            "l1",
            1,
            &[
                "I write tests for the code I change.",
                "I ship small changes behind a review.",
                long,
            ],
            &["I read the logs of my services."],
        ),
        level(
            "l2",
            2,
            &[
                "I design the interfaces between our services.",
                "I write tests for the code I change and for the code I review.",
                "I ship small changes behind a review.",
                "I read the logs of my services.",
                &long_v2,
            ],
            &["I run the review after an incident."],
        )
    );
    std::fs::write(dir.join("pa.toml"), text).expect("write");
    home
}

#[test]
fn show_diff_pairs_statements_by_their_words_not_their_numbers() {
    let home = per_area_home("I keep my changes small.");
    let out = run(
        home.path(),
        &["show", "pa", "--craft", "eng", "--diff", "l1", "l2"],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = &out.stdout;
    assert!(
        text.contains("{+1. I design the interfaces between our services.+}"),
        "new, not a rewording of statement 1: {text}"
    );
    assert!(
        text.contains(
            "1 → 2. I write tests for the code I [-change.-]{+change and for the code I review.+}"
        ),
        "{text}"
    );
    assert!(
        text.contains("2 → 3. I ship small changes behind a review."),
        "the same words under another number: {text}"
    );
    assert!(
        text.contains("from Operations (ops) 1 → 4. I read the logs of my services."),
        "moved from another area: {text}"
    );
    assert!(
        text.contains("[-1. I run the review after an incident.-]")
            || text.contains("{+1. I run the review after an incident.+}"),
        "{text}"
    );
    assert!(
        !text.contains("[-I read the logs of my services.-] {+I run"),
        "unrelated sentences are never word-diffed: {text}"
    );
}

/// A long reworded statement: compared whole, at a bounded cost, and said so.
#[test]
fn show_diff_of_a_long_reworded_statement_shows_both_wordings_whole() {
    let long = "I state a long thing about how I work with others. ".repeat(400);
    let home = per_area_home(long.trim());
    let out = run(
        home.path(),
        &["show", "pa", "--craft", "eng", "--diff", "l1", "l2"],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("(too long to compare word by word: both wordings whole)"),
        "{}",
        &out.stdout[..out.stdout.len().min(2000)]
    );
}
