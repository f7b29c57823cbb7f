//! What a command makes on disk for a profile, and what it reads: nothing
//! for a profile that fails its check (issue 18, item 10), no symbolic
//! link out of a team folder (item 18), and no installed framework the
//! profile does not use (issue 24, item 5).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;

/// Every file and folder under `dir`, relative to it, sorted.
fn everything_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder").flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                todo.push(path.clone());
            }
            found.push(path.strip_prefix(dir).expect("under").to_path_buf());
        }
    }
    found.sort();
    found
}

fn profile_text(person: &str, level: &str) -> String {
    format!(
        "format = 1\nperson = \"{person}\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"{level}\"\n\n\
         [[assessments]]\nrole = \"self\"\nassessor = \"{person}\"\nstarted = 2026-11-01T09:00:00Z\nupdated = 2026-11-02T09:00:00Z\n\n\
         [[assessments.ratings]]\nstatement = \"level-4/automation/1\"\nvalue = 3\n"
    )
}

/// Every command that opens a profile, on one that fails its check (a
/// level its framework lacks): exit code 2, and nothing made, beside it or
/// in rungs' own folder (no lock, no backup, no state).
#[test]
fn nothing_is_made_for_a_profile_that_fails_its_check() {
    let home = home(false);
    let people = home.path().join("people");
    std::fs::create_dir(&people).expect("mkdir");
    std::fs::write(people.join("bad.toml"), profile_text("Alex", "level-9")).expect("write");
    let before = everything_under(home.path());
    let bad = "people/bad.toml";
    for args in [
        vec!["assess", "--profile", bad],
        vec!["review", bad, "--as", "Sam Lee"],
        vec!["relink", bad],
        vec!["relink", bad, "--write"],
        vec!["export", "--profile", bad],
        vec!["diff", bad],
        vec!["team", bad],
        vec!["team", "people"],
        vec!["validate", bad],
    ] {
        let run = run(home.path(), &args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("bad.toml:5:9: craft `devops-engineer` has no level `level-9`"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(
            everything_under(home.path()),
            before,
            "{args:?} made something"
        );
    }
}

/// A dry run of `relink`, and every command that only reads, make nothing
/// anywhere for a sound profile either.
#[test]
fn reading_commands_and_a_dry_relink_make_nothing() {
    let home = home(false);
    let people = home.path().join("people");
    std::fs::create_dir(&people).expect("mkdir");
    std::fs::write(people.join("alex.toml"), profile_text("Alex", "level-4")).expect("write");
    std::fs::write(people.join("sam.toml"), profile_text("Sam", "level-4")).expect("write");
    let before = everything_under(home.path());
    let (alex, sam) = ("people/alex.toml", "people/sam.toml");
    for args in [
        vec!["relink", alex],
        vec!["relink", alex, "--write"],
        vec!["export", "--profile", alex],
        vec!["diff", alex, sam],
        vec!["team", "people"],
        vec!["validate", alex],
    ] {
        let run = run(home.path(), &args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert_eq!(
            everything_under(home.path()),
            before,
            "{args:?} made something"
        );
    }
}

/// A team folder (a shared repository) holding a symbolic link to a file
/// outside it: the file is not read, and every output says so.
#[test]
fn team_does_not_follow_a_link_out_of_its_folder() {
    let home = home(false);
    let team = home.path().join("team");
    let private = home.path().join("private");
    std::fs::create_dir(&team).expect("mkdir");
    std::fs::create_dir(&private).expect("mkdir");
    std::fs::write(team.join("alex.toml"), profile_text("Alex Doe", "level-4")).expect("write");
    std::fs::write(
        private.join("lead.toml"),
        profile_text("Lee Private", "level-4"),
    )
    .expect("write");
    std::os::unix::fs::symlink("../private/lead.toml", team.join("lead.toml")).expect("symlink");
    // A link that stays in the folder is followed as before.
    std::os::unix::fs::symlink("alex.toml", team.join("also-alex.toml")).expect("symlink");
    let said = "lead.toml was not read: a symbolic link to a file outside team";

    let markdown = run(home.path(), &["team", "team"]);
    assert_eq!(markdown.code, Some(0), "{}", markdown.stderr);
    assert!(markdown.stdout.contains("Alex Doe"), "{}", markdown.stdout);
    assert!(
        !markdown.stdout.contains("Lee Private"),
        "{}",
        markdown.stdout
    );
    assert!(markdown.stderr.contains(said), "{}", markdown.stderr);
    let notes = markdown
        .stdout
        .split("## Notes")
        .nth(1)
        .unwrap_or_else(|| panic!("a notes section: {}", markdown.stdout));
    assert!(notes.contains(said), "{notes}");

    let json = run(home.path(), &["team", "team", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let notes = value["notes"].as_array().expect("notes");
    assert!(
        notes
            .iter()
            .any(|n| n.as_str().is_some_and(|n| n.contains(said))),
        "{notes:?}"
    );
    assert!(!json.stdout.contains("Lee Private"));

    let html = run(home.path(), &["team", "team", "--format", "html"]);
    assert!(html.stdout.contains("<h2>Notes</h2>"), "{}", html.stdout);
    assert!(!html.stdout.contains("Lee Private"));
}

/// A user framework whose body is broken: a profile on another framework
/// does not notice it, and a profile on it is told what is wrong in that
/// file, where (not "no framework installed").
#[test]
fn a_broken_framework_is_reported_only_to_the_profile_that_uses_it() {
    let home = home(false);
    std::fs::create_dir(home.path().join("frameworks")).expect("mkdir");
    std::fs::write(
        home.path().join("frameworks/acme.toml"),
        "format = 1\nid = \"acme\"\nname = \"Acme\"\n\n[[crafts]]\nid = \"eng\"\nname = \n",
    )
    .expect("write");
    std::fs::write(
        home.path().join("vaarst.toml"),
        profile_text("Alex", "level-4"),
    )
    .expect("write");
    let fine = run(home.path(), &["export", "--profile", "vaarst.toml"]);
    assert_eq!(fine.code, Some(0), "{}", fine.stderr);
    assert!(fine.stderr.is_empty(), "{}", fine.stderr);

    let on_acme = profile_text("Alex", "level-4").replace("\"vaarst\"", "\"acme\"");
    std::fs::write(home.path().join("acme-profile.toml"), on_acme).expect("write");
    let broken = run(home.path(), &["export", "--profile", "acme-profile.toml"]);
    assert_eq!(broken.code, Some(2), "{}", broken.stderr);
    assert!(
        broken.stderr.contains(
            "acme-profile.toml:3:13: framework `acme` is installed, but its file cannot be loaded"
        ),
        "{}",
        broken.stderr
    );
    assert!(
        broken.stderr.contains("acme.toml:7:"),
        "its own place: {}",
        broken.stderr
    );

    let listed = run(home.path(), &["frameworks"]);
    assert_eq!(listed.code, Some(2));
    assert!(listed.stderr.contains("acme.toml:7:"), "{}", listed.stderr);
}

/// The most memory the process running `rungs ARGS` took (KiB), and its
/// exit code, as GNU time measures it. (`wait4` on a child of this test
/// would count the test's own memory, which the child shares until it runs
/// rungs.)
fn peak_kib(home: &Path, args: &[&str]) -> (i32, i64) {
    let time = Path::new("/usr/bin/time");
    assert!(
        time.exists(),
        "this test needs GNU time: apt-get install -y time"
    );
    let out = Command::new(time)
        .args(["-f", "peak %M"])
        .arg(env!("CARGO_BIN_EXE_rungs"))
        .args(args)
        .env("RUNGS_HOME", home)
        .current_dir(home)
        .stdout(Stdio::null())
        .output()
        .expect("rungs starts");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("peak "))
        .and_then(|kib| kib.trim().parse().ok())
        .unwrap_or_else(|| panic!("GNU time says the peak: {stderr}"));
    (out.status.code().unwrap_or(-1), peak)
}

/// A large framework installed beside the embedded one costs a command on
/// an embedded profile nothing: it reads that file's head, never its
/// statements. Memory, not time, so the shared machine's load cannot move it.
#[test]
fn a_framework_the_profile_does_not_use_is_not_read() {
    let home = home(false);
    std::fs::write(
        home.path().join("alex.toml"),
        profile_text("Alex", "level-4"),
    )
    .expect("write");
    let team = home.path().join("team");
    std::fs::create_dir(&team).expect("mkdir");
    for n in 0..20 {
        std::fs::write(
            team.join(format!("p{n}.toml")),
            profile_text(&format!("Person {n}"), "level-4"),
        )
        .expect("write");
    }
    let export = ["export", "--profile", "alex.toml"];
    let overview = ["team", "team"];
    let (code, export_alone) = peak_kib(home.path(), &export);
    assert_eq!(code, 0);
    let (code, team_alone) = peak_kib(home.path(), &overview);
    assert_eq!(code, 0);

    let large = rungs_devtools::testgen::framework_toml(rungs_devtools::testgen::Shape::LARGE, 7);
    assert!(large.len() > 9_000_000, "{}", large.len());
    std::fs::create_dir(home.path().join("frameworks")).expect("mkdir");
    std::fs::write(home.path().join("frameworks/large.toml"), &large).expect("write");
    let (code, export_beside) = peak_kib(home.path(), &export);
    assert_eq!(code, 0);
    let (code, team_beside) = peak_kib(home.path(), &overview);
    assert_eq!(code, 0);
    // Parsing the 9 MB file took some 60 MiB more; its head, nothing.
    for (what, alone, beside) in [
        ("export", export_alone, export_beside),
        ("team", team_alone, team_beside),
    ] {
        assert!(
            beside - alone < 4 * 1024,
            "{what}: {alone} KiB alone, {beside} KiB with the large framework installed"
        );
    }
}
