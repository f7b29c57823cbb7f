//! One bad file per validation rule, through the real binary: the message
//! names file:line:column and what would be right, the exit code is 2, and
//! the file is untouched.

use crate::common;

use common::*;

const GOOD_FRAMEWORK: &str = r#"format = 1
id = "tiny"
name = "Tiny"

[[crafts]]
id = "craft"
name = "Craft"

[[crafts.levels]]
id = "one"
rank = 1
title = "One"

[[crafts.levels.areas]]
id = "area"
name = "Area"
statements = [
  { id = "1", text = "I do one thing." },
  { id = "2", text = "I do another." },
]
"#;

/// Writes `text` as `name`, validates it, and checks the refusal.
fn refused(name: &str, text: &str, at: &str, says: &str) {
    let home = home(true);
    let path = home.path().join(name);
    std::fs::write(&path, text).expect("write");
    let run = run(home.path(), &["validate", name]);
    assert_eq!(run.code, Some(2), "{name}: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{name}:{at}")),
        "{name} names {at}:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(says),
        "{name} says {says}:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint:"),
        "{name} says what would be right:\n{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        text,
        "{name} is untouched"
    );
}

#[test]
fn a_good_framework_passes() {
    let home = home(false);
    std::fs::write(home.path().join("tiny.toml"), GOOD_FRAMEWORK).expect("write");
    let run = run(home.path(), &["validate", "tiny.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "ok  tiny.toml: framework `tiny` (1 craft, 1 level, 2 statements)\n"
    );
}

#[test]
fn unknown_and_newer_formats() {
    refused(
        "f0.toml",
        &GOOD_FRAMEWORK.replace("format = 1", "format = 0"),
        "1:10",
        "unknown format 0",
    );
    refused(
        "f2.toml",
        &GOOD_FRAMEWORK.replace("format = 1", "format = 2"),
        "1:10",
        "made by a newer rungs",
    );
}

#[test]
fn bad_ids_at_every_depth() {
    refused(
        "fid.toml",
        &GOOD_FRAMEWORK.replace("id = \"tiny\"", "id = \"Tiny Framework\""),
        "2:6",
        "not a valid framework id",
    );
    refused(
        "cid.toml",
        &GOOD_FRAMEWORK.replace("id = \"craft\"", "id = \"-craft\""),
        "6:6",
        "not a valid craft id",
    );
    refused(
        "lid.toml",
        &GOOD_FRAMEWORK.replace("id = \"one\"", "id = \"one_\""),
        "10:6",
        "not a valid level id",
    );
    refused(
        "aid.toml",
        &GOOD_FRAMEWORK.replace("id = \"area\"", "id = \"área\""),
        "15:6",
        "not a valid area id",
    );
    refused(
        "sid.toml",
        &GOOD_FRAMEWORK.replace("id = \"2\"", "id = \"two/2\""),
        "19:10",
        "not a valid statement id",
    );
}

#[test]
fn duplicate_ids_at_every_depth() {
    let two_crafts = format!(
        "{GOOD_FRAMEWORK}\n[[crafts]]\nid = \"craft\"\nname = \"Again\"\n[[crafts.levels]]\nid = \"x\"\nrank = 1\ntitle = \"X\"\n[[crafts.levels.areas]]\nid = \"a\"\nname = \"A\"\nstatements = [{{ id = \"1\", text = \"t\" }}]\n"
    );
    refused(
        "dc.toml",
        &two_crafts,
        "23:6",
        "id `craft` is used twice among these crafts",
    );
    let two_levels = format!(
        "{GOOD_FRAMEWORK}\n[[crafts.levels]]\nid = \"one\"\nrank = 2\ntitle = \"Again\"\n[[crafts.levels.areas]]\nid = \"a\"\nname = \"A\"\nstatements = [{{ id = \"1\", text = \"t\" }}]\n"
    );
    refused(
        "dl.toml",
        &two_levels,
        "23:6",
        "used twice among these levels",
    );
    let two_areas = format!(
        "{GOOD_FRAMEWORK}\n[[crafts.levels.areas]]\nid = \"area\"\nname = \"Again\"\nstatements = [{{ id = \"1\", text = \"t\" }}]\n"
    );
    refused(
        "da.toml",
        &two_areas,
        "23:6",
        "used twice among these areas",
    );
    refused(
        "ds.toml",
        &GOOD_FRAMEWORK.replace("id = \"2\"", "id = \"1\""),
        "19:10",
        "used twice among these statements",
    );
}

#[test]
fn empty_levels_and_areas() {
    let empty_level = GOOD_FRAMEWORK
        .split("[[crafts.levels.areas]]")
        .next()
        .expect("head")
        .to_owned();
    refused("el.toml", &empty_level, "10:6", "level `one` has no areas");
    refused("ea.toml", &GOOD_FRAMEWORK.replace("statements = [\n  { id = \"1\", text = \"I do one thing.\" },\n  { id = \"2\", text = \"I do another.\" },\n]", "statements = []"), "17:14", "area `area` has no statements");
}

#[test]
fn scales_with_too_few_or_too_many_points() {
    let one = "[scale]\nmet_from = 1\npoints = [{ value = 1, label = \"Only\" }]\n";
    refused(
        "s1.toml",
        &GOOD_FRAMEWORK.replace("[[crafts]]", &format!("{one}\n[[crafts]]")),
        "7:10",
        "the scale has 1 points",
    );
    let ten: Vec<String> = (0..10)
        .map(|v| format!("{{ value = {v}, label = \"P{v}\" }}"))
        .collect();
    let ten = format!("[scale]\nmet_from = 5\npoints = [{}]\n", ten.join(", "));
    refused(
        "s10.toml",
        &GOOD_FRAMEWORK.replace("[[crafts]]", &format!("{ten}\n[[crafts]]")),
        "7:10",
        "the scale has 10 points",
    );
}

#[test]
fn scale_values_must_increase_and_met_from_be_on_the_scale() {
    let down = "[scale]\nmet_from = 2\npoints = [{ value = 2, label = \"B\" }, { value = 1, label = \"A\" }]\n";
    refused(
        "sd.toml",
        &GOOD_FRAMEWORK.replace("[[crafts]]", &format!("{down}\n[[crafts]]")),
        "7:",
        "does not increase",
    );
    let off = "[scale]\nmet_from = 7\npoints = [{ value = 1, label = \"A\" }, { value = 2, label = \"B\" }]\n";
    refused(
        "sm.toml",
        &GOOD_FRAMEWORK.replace("[[crafts]]", &format!("{off}\n[[crafts]]")),
        "6:12",
        "met_from = 7 is not a value on the scale",
    );
}

#[test]
fn unknown_keys_in_a_framework_are_refused() {
    refused(
        "uk.toml",
        &GOOD_FRAMEWORK.replace("name = \"Tiny\"", "name = \"Tiny\"\ncolour = \"blue\""),
        "4:1",
        "unknown field `colour`",
    );
}

const PROFILE: &str = r#"format = 1
person = "Zoë Ångström"
framework = "atelier"
craft = "ingenierie"
level = "compagnon"

[[assessments]]
role = "self"
assessor = "Zoë Ångström"
started = 2026-11-20T10:00:00Z
updated = 2026-11-20T10:45:00Z

[[assessments.ratings]]
statement = "compagnon/qualite/1"
value = 5
"#;

#[test]
fn a_good_profile_passes() {
    let home = home(true);
    std::fs::write(home.path().join("p.toml"), PROFILE).expect("write");
    let run = run(home.path(), &["validate", "p.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("ok  p.toml: profile of Zoë Ångström (atelier / ingenierie / compagnon"),
        "{}",
        run.stdout
    );
}

#[test]
fn unknown_framework_craft_or_level_lists_what_exists() {
    refused(
        "pf.toml",
        &PROFILE.replace("framework = \"atelier\"", "framework = \"nope\""),
        "3:13",
        "frameworks are: vaarst, atelier",
    );
    refused(
        "pc.toml",
        &PROFILE.replace("craft = \"ingenierie\"", "craft = \"nope\""),
        "4:9",
        "crafts are: ingenierie",
    );
    refused(
        "pl.toml",
        &PROFILE.replace("level = \"compagnon\"", "level = \"nope\""),
        "5:9",
        "levels are: apprenti, compagnon, maitre",
    );
}

#[test]
fn a_value_off_the_scale() {
    refused(
        "pv.toml",
        &PROFILE.replace("value = 5", "value = 6"),
        "15:9",
        "use one of 1, 2, 3, 4, 5, or `na = true`",
    );
}

#[test]
fn a_malformed_statement_key() {
    refused(
        "pk.toml",
        &PROFILE.replace("compagnon/qualite/1", "compagnon qualite 1"),
        "14:13",
        "is not a statement key",
    );
}

#[test]
fn the_same_statement_rated_twice() {
    let twice = format!(
        "{PROFILE}\n[[assessments.ratings]]\nstatement = \"compagnon/qualite/1\"\nvalue = 2\n"
    );
    refused("pt.toml", &twice, "18:13", "rated twice");
}

#[test]
fn a_bad_role() {
    refused(
        "pr.toml",
        &PROFILE.replace("role = \"self\"", "role = \"peer\""),
        "8:8",
        "unknown variant `peer`",
    );
}

#[test]
fn frameworks_named_on_the_command_line_check_the_profiles() {
    let home = home(false);
    std::fs::write(home.path().join("tiny.toml"), GOOD_FRAMEWORK).expect("write");
    let profile =
        "format = 1\nperson = \"P\"\nframework = \"tiny\"\ncraft = \"craft\"\nlevel = \"one\"\n";
    std::fs::write(home.path().join("p.toml"), profile).expect("write");
    let run = run(home.path(), &["validate", "p.toml", "tiny.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("ok  p.toml: profile of P"));
}

/// A round dated in the future (a date set so the round ranks first) is a
/// warning at its line in `validate`, and said in every export.
#[test]
fn a_round_dated_in_the_future_is_said_where_it_counts() {
    let home = home(false);
    let path = home.path().join("alex.toml");
    std::fs::write(
        &path,
        "format = 1\nperson = \"Alex\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"Alex\"\nstarted = 2026-01-01T00:00:00Z\nupdated = 2099-01-01T00:00:00Z\n",
    )
    .expect("write");
    let p = path.to_str().expect("utf-8");
    let run = run(home.path(), &["validate", p]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("alex.toml:11:11: `updated` is 2099-01-01, after today"),
        "{}",
        run.stderr
    );
    for format in ["markdown", "html"] {
        let export = common::run(home.path(), &["export", "--profile", p, "--format", format]);
        assert!(
            export.stdout.contains("dated 2099-01-01, after today"),
            "{format}: {}",
            export.stdout
        );
    }
    let json = common::run(home.path(), &["export", "--profile", p, "--format", "json"]);
    assert!(
        json.stdout.contains(r#""dated_after_today": "2099-01-01""#),
        "{}",
        json.stdout
    );
}

/// Issue 23, item 10: an orphaned rating's hint names `rungs relink` with
/// the file, every count agrees with its noun, and a reworded rating is
/// named with its line (see `evolution`).
#[test]
fn an_orphan_points_to_relink_and_counts_read_right() {
    let home = home(false);
    let profile = home.path().join("alex.toml");
    std::fs::write(
        &profile,
        "format = 1\nperson = \"Alex Doe\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"Alex Doe\"\nstarted = 2026-11-26T09:00:00Z\nupdated = 2026-11-26T09:00:00Z\n\n[[assessments.ratings]]\nstatement = \"level-4/gone/1\"\nvalue = 3\n",
    )
    .expect("write");
    let out = run(home.path(), &["validate", "alex.toml"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "ok  alex.toml: profile of Alex Doe (vaarst / devops-engineer / level-4; 1 assessment, 1 rating)\n"
    );
    assert!(
        out.stderr
            .contains("alex.toml:14:13: `level-4/gone/1` is not a statement"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "hint: if the statement moved or was renumbered, `rungs relink alex.toml` finds it"
        ),
        "{}",
        out.stderr
    );
    let both = run(home.path(), &["validate", "alex.toml", "nope.toml"]);
    assert!(
        both.stderr.contains("1 of 2 files failed validation"),
        "{}",
        both.stderr
    );
}
