//! `rungs team` over a folder of profiles, one of them broken.

use crate::common;

use common::*;

fn profile(person: &str, values: &[(&str, u8)]) -> String {
    let mut text = format!(
        "format = 1\nperson = \"{person}\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n\n[[assessments]]\nrole = \"self\"\nassessor = \"{person}\"\nstarted = 2026-11-01T09:00:00Z\nupdated = 2026-11-0{}T09:00:00Z\n",
        person.len() % 9 + 1
    );
    for (key, value) in values {
        text.push_str(&format!(
            "\n[[assessments.ratings]]\nstatement = \"level-4/{key}\"\nvalue = {value}\n"
        ));
    }
    text
}

fn team_folder() -> tempfile::TempDir {
    let home = home(true);
    let dir = home.path().join("team");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(
        dir.join("ana.toml"),
        profile(
            "Ana",
            &[
                ("automation/1", 1),
                ("automation/2", 4),
                ("process-design/1", 2),
            ],
        ),
    )
    .expect("write");
    std::fs::write(
        dir.join("ben.toml"),
        profile(
            "Ben",
            &[
                ("automation/1", 2),
                ("automation/2", 3),
                ("process-design/1", 4),
            ],
        ),
    )
    .expect("write");
    std::fs::write(
        dir.join("cy.toml"),
        profile("Cy", &[("automation/1", 4), ("automation/2", 1)]),
    )
    .expect("write");
    std::fs::write(dir.join("broken.toml"), "format = 1\nperson = \"Broken\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-9\"\n").expect("write");
    std::fs::copy(fixture("atelier-profile.toml"), dir.join("zoe.toml")).expect("copy");
    std::fs::write(dir.join("notes.txt"), "not a profile").expect("write");
    home
}

#[test]
fn a_broken_file_is_reported_and_the_rest_summarised() {
    let home = team_folder();
    let run = run(home.path(), &["team", "team"]);
    assert_eq!(run.code, Some(2), "a bad file makes the exit code 2");
    assert!(
        run.stderr
            .contains("broken.toml:5:9: craft `devops-engineer` has no level `level-9`"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("team_markdown", run.stdout);
    assert_tables_whole(&run.stdout);
    for person in ["| Ana |", "| Ben |", "| Cy |", "| Zoë Ångström |"] {
        assert!(run.stdout.contains(person), "{person}");
    }
    // automation/1: Ana 1 and Ben 2 below met, Cy 4 met: 2 of 3.
    assert!(run.stdout.contains("| Automation | I identify opportunities for automation, and apply it. | 2 of 3 | Ana, Ben |"), "{}", run.stdout);
    // automation/2: only Cy is below (1 of 3): not shared.
    assert!(!run.stdout.contains("I understand the fundamentals"));
}

#[test]
fn csv_has_one_row_per_profile() {
    let home = team_folder();
    let run = run(
        home.path(),
        &["team", "team/ana.toml", "team/ben.toml", "--format", "csv"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "Ana");
    assert_eq!(&rows[0][5], "1", "Ana meets one statement");
}

#[test]
fn no_profiles_is_bad_input() {
    let home = home(false);
    std::fs::create_dir(home.path().join("empty")).expect("mkdir");
    let run = run(home.path(), &["team", "empty"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("no profiles found"));
}
