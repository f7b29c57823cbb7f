//! A second framework (three levels, a five-point scale, names beyond ASCII)
//! through every command: the tool is not tied to the embedded level.

use crate::common;

use common::*;

#[test]
fn frameworks_lists_it_with_its_levels_by_rank() {
    let home = home(true);
    let run = run(home.path(), &["frameworks"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let expected = format!(
        "vaarst  Vaarst Career Framework  (embedded)\n  devops-engineer  DevOps Engineer\n    level-4  Level 4 (Mid)  rank 4, 5 areas, 15 statements\natelier  Atelier Ladder — Écoles & Ateliers  ({})\n  ingenierie  Ingénierie logicielle\n    apprenti  Apprenti·e  rank 1, 2 areas, 5 statements\n    compagnon  Compagnon·ne  rank 2, 3 areas, 4 statements\n    maitre  Maître·sse d'atelier  rank 3, 2 areas, 3 statements\n",
        home.path().join("frameworks/atelier.toml").display()
    );
    assert!(run.stdout.starts_with(&expected), "{}", run.stdout);
}

#[test]
fn a_broken_user_framework_is_reported_and_the_others_listed() {
    let home = home(true);
    std::fs::write(
        home.path().join("frameworks/broken.toml"),
        "format = 1\nid = \"Broken\"\n",
    )
    .expect("write");
    let run = run(home.path(), &["frameworks"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stdout.contains("atelier"));
    assert!(run.stderr.contains("broken.toml:"), "{}", run.stderr);
}

#[test]
fn show_prints_a_level_of_it() {
    let home = home(true);
    let run = run(home.path(), &["show", "atelier", "--level", "apprenti"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    insta::assert_snapshot!("show_atelier_apprenti", run.stdout);
    let unknown = common::run(home.path(), &["show", "atelier", "--level", "nope"]);
    assert_eq!(unknown.code, Some(2));
    assert!(
        unknown
            .stderr
            .contains("levels are: apprenti, compagnon, maitre"),
        "{}",
        unknown.stderr
    );
    let by_path = common::run(
        home.path(),
        &[
            "show",
            fixture("frameworks/atelier.toml").to_str().expect("utf-8"),
            "--craft",
            "ingenierie",
        ],
    );
    assert_eq!(by_path.code, Some(0));
    let several = common::run(home.path(), &["show"]);
    assert_eq!(
        several.code,
        Some(2),
        "with two frameworks, show asks which"
    );
    assert!(several.stderr.contains("vaarst, atelier"));
}

#[test]
fn validate_export_and_team_work_on_it() {
    let home = home(true);
    let profile = fixture("atelier-profile.toml");
    let profile = profile.to_str().expect("utf-8");
    let run = run(home.path(), &["validate", profile]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let md = common::run(home.path(), &["export", "--profile", profile]);
    assert_eq!(md.code, Some(0), "{}", md.stderr);
    assert_tables_whole(&md.stdout);
    assert!(
        md.stdout
            .contains("# Zoë Ångström — Ingénierie logicielle, Compagnon·ne")
    );
    assert!(md.stdout.contains("met from 4 (Souvent)"));
    assert!(md.stdout.contains("| 1 | I choose what to test by the risk of a change, not by habit. | 5 Toujours | 3 Parfois | ⚠ 2 |"));
    assert!(
        md.stdout
            .contains("Readiness for Maître·sse d'atelier: 1 of its 3 statements met.")
    );
    assert!(
        md.stdout.contains("| Transmission 🌱 | 0 / 0 |"),
        "the n/a statement is out of the total"
    );
    for format in ["json", "csv"] {
        let out = common::run(
            home.path(),
            &["export", "--format", format, "--profile", profile],
        );
        assert_eq!(out.code, Some(0), "{format}: {}", out.stderr);
        assert!(out.stdout.contains("Zoë Ångström") || format == "csv");
    }
    let team = common::run(home.path(), &["team", profile]);
    assert_eq!(team.code, Some(0), "{}", team.stderr);
    assert!(team.stdout.contains("| Zoë Ångström | 2 of 3 | 1 | 1 | 2 | Mika Laine | 2 | no | 2026-11-22 | 1 · 1 of 2 | 0 · 0 of 1 | 0 · 0 of 0 |"), "{}", team.stdout);
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let home = home(true);
    // More output than a pipe holds, so a write meets the closed pipe.
    let mut big = String::from(
        "format = 1\nid = \"big\"\nname = \"Big\"\n[[crafts]]\nid = \"c\"\nname = \"C\"\n[[crafts.levels]]\nid = \"l\"\nrank = 1\ntitle = \"L\"\n[[crafts.levels.areas]]\nid = \"a\"\nname = \"A\"\nstatements = [\n",
    );
    for n in 1..=2000 {
        big.push_str(&format!("  {{ id = \"{n}\", text = \"I do a thing that takes a long sentence to say, number {n}.\" }},\n"));
    }
    big.push_str("]\n");
    std::fs::write(home.path().join("big.toml"), big).expect("write");
    for args in [vec!["show", "big.toml"], vec!["import", "big.toml"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rungs"))
            .args(&args)
            .env("RUNGS_HOME", home.path())
            .current_dir(home.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if args[0] == "show" {
            assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        }
    }
}
