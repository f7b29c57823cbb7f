//! `rungs import` of each format, as a user runs it: the TOML it writes
//! (a golden snapshot per fixture), what it says on stderr, that the result
//! validates, takes ratings and exports, and that bad input is located,
//! exits 2 and writes nothing.

use crate::common;

use std::path::Path;

use common::{assert_safe, assert_tables_whole, fixture, home, run};

/// Copies import fixtures into `dir`, so commands name them as a user would.
fn copy(dir: &Path, names: &[&str]) {
    for name in names {
        std::fs::copy(fixture(&format!("import/{name}")), dir.join(name)).expect("copy fixture");
    }
}

struct Case {
    snapshot: &'static str,
    files: &'static [&'static str],
    args: &'static [&'static str],
    /// Lines the summary on stderr must hold.
    says: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        snapshot: "csv_long",
        files: &["long.csv"],
        args: &[],
        says: &[
            "as csv: made framework `long` (id from the name \"long\" (the file name long.csv))",
            "2 craft(s), 10 statements",
            "rank 2 mid \"Mid Engineer\": 2 area(s), 2 statements (delivery 1, craft 1)",
            "long.csv:6: the row has no statement text",
            "long.csv:7: an empty row",
        ],
    },
    Case {
        snapshot: "csv_grid_semicolon",
        files: &["grid-semicolon.csv"],
        args: &["--craft", "Site Reliability", "--name", "SRE Ladder"],
        says: &[
            "made framework `sre-ladder` (id from the name \"SRE Ladder\" (--name))",
            "craft site-reliability \"Site Reliability\": 3 level(s)",
            "rank 4 lead \"Lead\"",
            "grid-semicolon.csv:6: an empty row",
            "grid-semicolon.csv:8: level \"Unused\" has no statements",
        ],
    },
    Case {
        snapshot: "csv_grid_tsv",
        files: &["grid.tsv"],
        args: &["--from", "csv", "--id", "testing-ladder"],
        says: &[
            "made framework `testing-ladder` (id from --id)",
            "Skipped nothing.",
        ],
    },
    Case {
        snapshot: "monzo_generic",
        files: &["mobile.md", "generic.md", "about.md"],
        args: &[],
        says: &[
            "as monzo: made framework `mobile-engineer` (id from the name \"Mobile Engineer\" (title of mobile.md))",
            "rank 1 level-1 \"Level 1\": 2 area(s), 4 statements (teamwork 2, building 2)",
            "generic.md:7: generic topic `teamwork` level 5 is beyond Mobile Engineer's 4 levels",
            "generic.md:19: generic topic `unused` is not imported: no craft file has a topic named `unused`",
            "mobile.md:30: topic `empty-topic` has no criteria at any level",
            "mobile.md:6: level 3 has no criteria in any topic",
            "about.md:1: `yaml: false` and the page reader cannot read it",
        ],
    },
    Case {
        snapshot: "ft_platform",
        files: &["platform.yml"],
        args: &[],
        says: &[
            "as ft: made framework `platform-engineering`",
            "rank 4 engineer-3 \"Principal Engineer\"",
            "platform.yml:11: level id `engineer-2` is listed twice",
            "platform.yml:41: competency `3c4d5e6f-7a8b-4c0d-9e2f-3a4b5c6d7e8f` has no summary",
            "platform.yml:20: theme `unused` has no competencies",
        ],
    },
    Case {
        snapshot: "snowflake_constants",
        files: &["constants.js"],
        args: &["--craft", "Product Engineer", "--name", "Growth Tracks"],
        says: &[
            "as snowflake: made framework `growth-tracks`",
            "rank 3 milestone-3 \"Milestone 3\": 1 area(s), 2 statements (servers 2)",
            "constants.js:38: track `EMPTY` has no milestones",
            "constants.js:12: `category` of 2 track(s) is not imported: rungs reads a track's displayName and milestones",
            "constants.js:13: `description` of 1 track(s) is not imported",
        ],
    },
];

#[test]
fn each_fixture_imports_to_a_framework_that_validates() {
    for case in CASES {
        let home = home(false);
        let dir = home.path();
        copy(dir, case.files);
        let mut args = vec!["import"];
        args.extend(case.files);
        args.extend(case.args);
        args.extend(["-o", "out.toml"]);
        let out = run(dir, &args);
        assert_eq!(out.code, Some(0), "{}: {}", case.snapshot, out.stderr);
        assert!(out.stdout.is_empty(), "the TOML went to -o");
        assert_safe(&out.stderr);
        for line in case.says {
            assert!(
                out.stderr.contains(line),
                "{} says {line:?}:\n{}",
                case.snapshot,
                out.stderr
            );
        }
        assert!(out.stderr.ends_with("Wrote out.toml\n"), "{}", out.stderr);
        let text = std::fs::read_to_string(dir.join("out.toml")).expect("written");
        assert_safe(&text);
        insta::assert_snapshot!(case.snapshot, text);
        let framework = rungs::store::read::parse_framework(Path::new("out.toml"), &text)
            .unwrap_or_else(|e| panic!("{}: {e}", case.snapshot));
        assert_eq!(
            rungs::import::to_toml(&framework),
            text,
            "reads back as written"
        );
        let validate = run(dir, &["validate", "out.toml"]);
        assert_eq!(validate.code, Some(0), "{}", validate.stderr);

        // Without -o the TOML is the only thing on stdout.
        let mut args = vec!["import"];
        args.extend(case.files);
        args.extend(case.args);
        let stdout = run(dir, &args);
        assert_eq!(stdout.code, Some(0));
        assert_eq!(stdout.stdout, text);
    }
}

/// A profile rating the first statement of every area of the craft's
/// lowest level, with a note that tries to break a table.
fn profile_for(framework: &rungs::model::Framework) -> String {
    let craft = &framework.crafts[0];
    let level = craft.levels_by_rank()[0];
    let mut text = format!(
        "format = 1\nperson = \"Robin =cmd|x\"\nframework = \"{}\"\ncraft = \"{}\"\nlevel = \"{}\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"Robin\"\nstarted = 2026-11-26T09:00:00Z\nupdated = 2026-11-26T09:40:00Z\n",
        framework.id, craft.id, level.id
    );
    for (i, area) in level.areas.iter().enumerate() {
        text.push_str(&format!(
            "\n[[assessments.ratings]]\nstatement = \"{}/{}/{}\"\nvalue = {}\nnote = \"did it | twice\"\n",
            level.id,
            area.id,
            area.statements[0].id,
            2 + i % 3
        ));
    }
    text
}

#[test]
fn an_imported_framework_of_each_format_takes_ratings_and_exports() {
    for case in CASES {
        let home = home(false);
        let dir = home.path();
        copy(dir, case.files);
        std::fs::create_dir(dir.join("frameworks")).expect("mkdir");
        let mut args = vec!["import"];
        args.extend(case.files);
        args.extend(case.args);
        args.extend(["-o", "frameworks/imported.toml"]);
        let out = run(dir, &args);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let text = std::fs::read_to_string(dir.join("frameworks/imported.toml")).expect("written");
        let framework =
            rungs::store::read::parse_framework(Path::new("imported.toml"), &text).expect("valid");
        std::fs::write(dir.join("p.toml"), profile_for(&framework)).expect("write");

        let listed = run(dir, &["frameworks"]);
        assert!(listed.stdout.contains(&framework.id), "{}", listed.stdout);
        let validate = run(dir, &["validate", "p.toml"]);
        assert_eq!(
            validate.code,
            Some(0),
            "{}: {}",
            case.snapshot,
            validate.stderr
        );
        let md = run(dir, &["export", "--profile", "p.toml"]);
        assert_eq!(md.code, Some(0), "{}", md.stderr);
        assert_tables_whole(&md.stdout);
        assert_safe(&md.stdout);
        let level = framework.crafts[0].levels_by_rank()[0];
        for area in &level.areas {
            assert!(
                md.stdout.contains(&area.name),
                "{}: {}",
                area.name,
                md.stdout
            );
        }
        let csv = run(dir, &["export", "--profile", "p.toml", "--format", "csv"]);
        assert_eq!(csv.code, Some(0), "{}", csv.stderr);
        assert!(
            !csv.stdout.contains(",=cmd"),
            "a formula cell: {}",
            csv.stdout
        );
    }
}

#[test]
fn bad_input_of_each_format_is_located_and_nothing_is_written() {
    let cases: [(&str, &[&str], &str, &str); 9] = [
        (
            "dup-rank.csv",
            &[],
            "dup-rank.csv:3:9:",
            "levels `one` and `two` of craft `web` both have rank 1",
        ),
        (
            "bad-rank.csv",
            &[],
            "bad-rank.csv:2:9:",
            "rank `first` is not a whole number",
        ),
        (
            "extra-cells.csv",
            &[],
            "extra-cells.csv:2:28:",
            "this row has 6 cells, the header 5",
        ),
        (
            "bad-monzo.md",
            &[],
            // The quote that is never closed.
            "bad-monzo.md:9:21:",
            "the YAML cannot be read: unclosed quote",
        ),
        (
            "level-too-high.md",
            &[],
            "level-too-high.md:11:9:",
            "criteria for level 3, the file has levels 1 to 2",
        ),
        (
            "bad-ft.yml",
            &[],
            "bad-ft.yml:12:14:",
            "the YAML cannot be read: `summary`: expected string scalar",
        ),
        (
            "unknown-level.yml",
            &[],
            "unknown-level.yml:11:9:",
            "names level `two`",
        ),
        (
            "bad-tracks.js",
            &[],
            "bad-tracks.js:4:35:",
            "`${…}` cannot be read as data",
        ),
        (
            "constants.js",
            &["--from", "ft"],
            "constants.js:",
            "the YAML cannot be read",
        ),
    ];
    for (name, extra, at, says) in cases {
        let home = home(false);
        let dir = home.path();
        copy(dir, &[name]);
        let before = std::fs::read(dir.join(name)).expect("read");
        let mut args = vec!["import", name, "-o", "out.toml"];
        args.extend(extra);
        let out = run(dir, &args);
        assert_eq!(out.code, Some(2), "{name}: {}", out.stderr);
        assert!(
            out.stderr.contains(at),
            "{name} names {at}:\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains(says),
            "{name} says {says}:\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("hint:") || name == "constants.js",
            "{}",
            out.stderr
        );
        assert!(!dir.join("out.toml").exists(), "{name}: nothing written");
        assert_eq!(
            std::fs::read(dir.join(name)).expect("read"),
            before,
            "untouched"
        );
        assert_safe(&out.stderr);
    }
}

#[test]
fn detection_asks_for_from_when_it_cannot_choose() {
    let home = home(false);
    let dir = home.path();
    std::fs::write(
        dir.join("both.md"),
        "---\ntitle: Both\nparent: Web Craft\ngrand_parent: F\ntopics:\n  - name: x\n---\n",
    )
    .expect("write");
    let out = run(dir, &["import", "both.md"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("both.md:1:1: this file could be in more than one format: seed, monzo"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--from seed"), "{}", out.stderr);

    std::fs::write(dir.join("notes.txt"), "just some words\n").expect("write");
    let out = run(dir, &["import", "notes.txt"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("notes.txt:1:1: rungs cannot tell which format"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("--from FORMAT (seed, csv, monzo, ft, snowflake)"),
        "{}",
        out.stderr
    );

    copy(dir, &["long.csv", "platform.yml"]);
    let out = run(dir, &["import", "long.csv", "platform.yml"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("long.csv is csv, platform.yml is ft"),
        "{}",
        out.stderr
    );

    // Content wins over a misleading extension.
    std::fs::copy(fixture("import/platform.yml"), dir.join("family.txt")).expect("copy");
    let out = run(dir, &["import", "family.txt"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("as ft"), "{}", out.stderr);
}

fn level5_page(dir: &Path) {
    let seed = std::fs::read_to_string(fixture("devops-engineer-level4.md")).expect("seed");
    let level5 = seed
        .replace("title: Level 4 (Mid)", "title: Level 5 (Senior)")
        .replace("nav_order: 2", "nav_order: 3")
        .replace(
            "I identify opportunities",
            "I lead the team's search for opportunities",
        );
    std::fs::write(dir.join("level5.md"), level5).expect("write");
}

#[test]
fn into_grows_a_copy_of_an_installed_framework() {
    let home = home(false);
    let dir = home.path();
    level5_page(dir);
    let out = run(
        dir,
        &[
            "import",
            "level5.md",
            "--into",
            "vaarst",
            "-o",
            "vaarst.toml",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains("grew a copy of framework `vaarst`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("rank 4 level-4 \"Level 4 (Mid)\""),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("rank 5 level-5 \"Level 5 (Senior)\""),
        "{}",
        out.stderr
    );
    let text = std::fs::read_to_string(dir.join("vaarst.toml")).expect("written");
    let grown =
        rungs::store::read::parse_framework(Path::new("vaarst.toml"), &text).expect("valid");
    let embedded = rungs::store::catalog::embedded_files()
        .iter()
        .find(|(n, _)| *n == "vaarst.toml")
        .map(|(n, t)| rungs::store::read::parse_framework(Path::new(n), t).expect("valid"))
        .expect("embedded vaarst");
    assert_eq!(grown.id, "vaarst");
    let craft = &grown.crafts[0];
    assert_eq!(craft.level_ids(), ["level-4", "level-5"]);
    assert_eq!(
        craft.levels[0], embedded.crafts[0].levels[0],
        "every old id kept"
    );

    // A profile of Level 4 still loads against the grown framework.
    std::fs::create_dir(dir.join("frameworks")).expect("mkdir");
    std::fs::copy(dir.join("vaarst.toml"), dir.join("frameworks/vaarst.toml")).expect("install");
    std::fs::write(dir.join("p.toml"), profile_for(&embedded)).expect("write");
    let validate = run(dir, &["validate", "p.toml"]);
    assert_eq!(validate.code, Some(0), "{}", validate.stderr);

    // The same level again is refused, then replaced on request.
    let again = run(
        dir,
        &[
            "import",
            "level5.md",
            "--into",
            "vaarst",
            "-o",
            "again.toml",
        ],
    );
    assert_eq!(again.code, Some(2), "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("craft `devops-engineer` of `vaarst` already has level `level-5` (rank 5)"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--replace-level"), "{}", again.stderr);
    assert!(!dir.join("again.toml").exists());
    let replaced = run(
        dir,
        &[
            "import",
            "level5.md",
            "--into",
            "vaarst",
            "--replace-level",
            "-o",
            "again.toml",
        ],
    );
    assert_eq!(replaced.code, Some(0), "{}", replaced.stderr);

    // A level of another id but a rank already taken is refused too.
    let seed = std::fs::read_to_string(dir.join("level5.md")).expect("read");
    std::fs::write(
        dir.join("renumbered.md"),
        seed.replace("title: Level 5 (Senior)", "title: Senior")
            .replace("nav_order: 3", "nav_order: 4"),
    )
    .expect("write");
    let clash = run(dir, &["import", "renumbered.md", "--into", "vaarst"]);
    assert_eq!(clash.code, Some(2), "{}", clash.stderr);
    assert!(
        clash
            .stderr
            .contains("already has level `level-4` (rank 4) where `senior` (rank 4) would go"),
        "{}",
        clash.stderr
    );
}

#[test]
fn an_installed_id_and_an_existing_output_need_force() {
    let home = home(false);
    let dir = home.path();
    let page = fixture("devops-engineer-level4.md");
    let page = page.to_str().expect("utf-8");
    let out = run(dir, &["import", page, "--id", "vaarst", "-o", "v.toml"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("an installed framework has the id `vaarst` already"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--into vaarst"), "{}", out.stderr);
    assert!(!dir.join("v.toml").exists());

    let out = run(dir, &["import", page]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains("made framework `vaarst-career-framework` (id from the name \"Vaarst Career Framework\" (grand_parent of "),
        "the message says which id it chose: {}",
        out.stderr
    );

    std::fs::write(dir.join("taken.toml"), "keep me\n").expect("write");
    let out = run(dir, &["import", page, "-o", "taken.toml"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("taken.toml exists already"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("taken.toml")).expect("read"),
        "keep me\n"
    );
    let out = run(dir, &["import", page, "-o", "taken.toml", "--force"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        std::fs::read_to_string(dir.join("taken.toml"))
            .expect("read")
            .starts_with("format = 1")
    );
}

#[test]
fn equal_ranks_in_a_craft_do_not_validate() {
    let home = home(false);
    let dir = home.path();
    let text = "format = 1\nid = \"f\"\nname = \"F\"\n\n[[crafts]]\nid = \"c\"\nname = \"C\"\n\n[[crafts.levels]]\nid = \"one\"\nrank = 1\ntitle = \"One\"\n\n[[crafts.levels.areas]]\nid = \"a\"\nname = \"A\"\nstatements = [{ id = \"1\", text = \"t\", hint = \"an example\" }]\n\n[[crafts.levels]]\nid = \"two\"\nrank = 1\ntitle = \"Two\"\n\n[[crafts.levels.areas]]\nid = \"a\"\nname = \"A\"\nstatements = [{ id = \"1\", text = \"t\" }]\n";
    std::fs::write(dir.join("f.toml"), text).expect("write");
    let out = run(dir, &["validate", "f.toml"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("f.toml:21:8: levels `one` and `two` of craft `c` both have rank 1"),
        "{}",
        out.stderr
    );
    std::fs::write(
        dir.join("f.toml"),
        text.replace("rank = 1\ntitle = \"Two\"", "rank = 2\ntitle = \"Two\""),
    )
    .expect("write");
    let out = run(dir, &["validate", "f.toml"]);
    assert_eq!(out.code, Some(0), "a hint is a known key: {}", out.stderr);
}

#[test]
fn into_keeps_a_user_framework_scale_and_adds_a_craft() {
    let home = home(true);
    let dir = home.path();
    std::fs::write(
        dir.join("more.csv"),
        "craft;level;rank;area;statement;level_title\ningenierie;expert;4;qualite;Je relis le travail des autres.;Expert·e\nnouveau;un;1;a;I do a new thing.;One\n",
    )
    .expect("write");
    let out = run(
        dir,
        &[
            "import",
            "more.csv",
            "--into",
            "atelier",
            "-o",
            "grown.toml",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains("rank 4 expert \"Expert·e\""),
        "{}",
        out.stderr
    );
    let text = std::fs::read_to_string(dir.join("grown.toml")).expect("written");
    let grown = rungs::store::read::parse_framework(Path::new("grown.toml"), &text).expect("valid");
    let atelier = rungs::store::read::parse_framework(
        Path::new("atelier.toml"),
        &std::fs::read_to_string(fixture("frameworks/atelier.toml")).expect("read"),
    )
    .expect("valid");
    assert_eq!(grown.scale, atelier.scale, "the scale is kept");
    assert_eq!(grown.crafts[0].levels[..3], atelier.crafts[0].levels[..]);
    assert_eq!(
        grown.crafts[0].level_ids(),
        ["apprenti", "compagnon", "maitre", "expert"]
    );
    assert_eq!(grown.crafts[1].id, "nouveau");
}

#[test]
fn a_hostile_unicode_escape_in_tracks_is_refused_at_its_place_not_a_panic() {
    let home = home(false);
    let dir = home.path();
    // A `\u{…}` escape whose eighth byte falls inside a multi-byte
    // character, in a string that also holds raw ESC and BEL bytes: it
    // used to end rungs with a panic (exit 101) that printed them raw.
    let text = "export const tracks = {\n  A: { displayName: 'A', milestones: [\n    { summary: \"\u{1b}]0;pwned\u{7}\\u{日本語}\u{1b}[2J\", signals: [] },\n  ] },\n}\n";
    std::fs::write(dir.join("constants.js"), text).expect("write");
    let out = run(dir, &["import", "constants.js", "-o", "out.toml"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("constants.js:3:27: a `\\u{…}` escape needs one to six hex digits"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(
        !out.stderr.contains('\u{1b}') && !out.stderr.contains('\u{7}'),
        "{:?}",
        out.stderr
    );
    assert_safe(&out.stderr);
    assert!(!dir.join("out.toml").exists());
}

#[test]
fn deep_nesting_and_alias_bombs_in_yaml_are_refused_at_their_place() {
    let home = home(false);
    let dir = home.path();
    // 200,000 levels of `[` under a key rungs ignores (400 KB): the YAML
    // reader used to take over a minute on it.
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    std::fs::write(
        dir.join("deep.md"),
        format!("---\ntitle: Deep\nlevels: 2\nignored: {deep}\ntopics: []\n---\n"),
    )
    .expect("write");
    std::fs::write(
        dir.join("deep.yml"),
        format!("name: Deep\nlevels: [{{id: a}}]\nthemes: [{{id: t}}]\ncompetencies: []\nignored: {deep}\n"),
    )
    .expect("write");
    let bomb = format!(
        "name: Bomb\nlevels: [{{id: a}}]\nthemes: [{{id: t}}]\ncompetencies:\n  - id: c\n    level: a\n    theme: t\n    summary: &s \"{}\"\n    examples: [{}]\n",
        "x".repeat(1 << 20),
        "*s, ".repeat(100)
    );
    std::fs::write(dir.join("bomb.yml"), bomb).expect("write");
    for (name, at, says) in [
        (
            "deep.md",
            "deep.md:4:42:",
            "the YAML nests deeper than 32 levels",
        ),
        (
            "deep.yml",
            "deep.yml:5:42:",
            "the YAML nests deeper than 32 levels",
        ),
        ("bomb.yml", "bomb.yml:9:", "comes to over 64 MiB"),
    ] {
        let out = run(dir, &["import", name, "-o", "out.toml"]);
        assert_eq!(out.code, Some(2), "{name}: {}", out.stderr);
        assert!(out.stderr.contains(at), "{name} names {at}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{name}: {}", out.stderr);
        assert!(out.stderr.contains("hint:"), "{}", out.stderr);
        assert!(!dir.join("out.toml").exists());
    }
}

#[test]
fn a_generic_topic_no_craft_names_is_listed_never_skipped_nothing() {
    let home = home(false);
    let dir = home.path();
    std::fs::write(
        dir.join("web.md"),
        "---\ntitle: Web\nyaml: true\nlevels: 1\ntopics:\n  - name: craft\n    content:\n      - level: 1\n        criteria: [\"I ship pages.\"]\n---\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("generic.md"),
        "---\ntitle: Shared\nyaml: true\nlevels: 1\ntopics:\n  - name: craft\n    content:\n      - level: 1\n        criteria: [\"I review.\"]\n  - name: mentoring\n    content:\n      - level: 1\n        criteria: [\"I mentor.\"]\n---\n",
    )
    .expect("write");
    let out = run(dir, &["import", "web.md", "generic.md", "-o", "out.toml"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(!out.stderr.contains("Skipped nothing"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Skipped 1 line(s):\n  generic.md:10: generic topic `mentoring` is not imported: no craft file has a topic named `mentoring`"),
        "{}",
        out.stderr
    );
    let text = std::fs::read_to_string(dir.join("out.toml")).expect("written");
    assert!(
        text.contains("I review.") && !text.contains("I mentor."),
        "{text}"
    );
}
