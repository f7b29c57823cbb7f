//! Profiles shared in git: the merge driver (`rungs merge-file`) on files
//! and in real repositories (two clones, two authors, `git pull` with the
//! driver set up by `rungs git-setup --write`), the history as ratings
//! (`rungs show-profile` as textconv, `git log -p`), conflict markers named,
//! and the team as it stood on a date (`rungs team --on`). git runs with no
//! system or user config of this machine.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use rungs::model::Profile;

const HEAD: &str = "format = 1\nperson = \"Alex Doe\"\nframework = \"vaarst\"\ncraft = \"devops-engineer\"\nlevel = \"level-4\"\n";

fn round(role: &str, who: &str, started: &str, extra: &str, ratings: &[(&str, &str)]) -> String {
    let mut text = format!(
        "\n[[assessments]]\nrole = \"{role}\"\nassessor = \"{who}\"\nstarted = {started}\nupdated = {started}\n{extra}"
    );
    for (key, body) in ratings {
        text.push_str(&format!(
            "\n[[assessments.ratings]]\nstatement = \"level-4/{key}\"\n{body}\n"
        ));
    }
    text
}

/// Alex's first round, and Sam's review of it.
fn base_profile() -> String {
    format!(
        "{HEAD}{}{}",
        round(
            "self",
            "Alex Doe",
            "2026-03-02T09:00:00Z",
            "",
            &[
                (
                    "automation/1",
                    "value = 2\nnote = \"Scripted the deploys.\""
                ),
                ("automation/2", "value = 3"),
            ]
        ),
        round(
            "manager",
            "Sam Lee",
            "2026-03-09T09:00:00Z",
            "",
            &[("automation/1", "value = 2")]
        )
    )
}

fn profile_of(path: &Path) -> Profile {
    let text = std::fs::read_to_string(path).expect("the profile");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Changes one rating of one round, as rungs itself writes a profile.
fn rate(
    path: &Path,
    role: &str,
    who: &str,
    key: &str,
    edit: impl FnOnce(&mut rungs::model::Rating),
) {
    let mut profile = profile_of(path);
    let round = profile
        .assessments
        .iter_mut()
        .rev()
        .find(|a| a.role.as_str() == role && a.assessor == who)
        .expect("the round");
    round.edit(
        &rungs::model::StatementKey::parse(key).expect("a key"),
        edit,
    );
    std::fs::write(path, toml::to_string(&profile).expect("toml")).expect("write");
}

fn merge_files(home: &Path, base: &str, ours: &str, theirs: &str) -> (Run, PathBuf) {
    let dir = home.join("merge");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (name, text) in [
        ("base.toml", base),
        ("ours.toml", ours),
        ("theirs.toml", theirs),
    ] {
        std::fs::write(dir.join(name), text).expect("write");
    }
    let ours = dir.join("ours.toml");
    let run = common::run(
        home,
        &[
            "merge-file",
            "merge/base.toml",
            "merge/ours.toml",
            "merge/theirs.toml",
            "--name",
            "team/alex.toml",
        ],
    );
    (run, ours)
}

#[test]
fn the_driver_merges_two_peoples_rounds_cleanly() {
    let home = home(false);
    let base = base_profile();
    // Alex rates more in the self round; Sam changes the review.
    let ours = base.replace("value = 3", "value = 4\nnote = \"Runbooks automated too.\"");
    let theirs = {
        let at = base.rfind("value = 2").expect("Sam's rating");
        format!(
            "{}value = 3\nnote = \"Agreed.\"{}",
            &base[..at],
            &base[at + 9..]
        )
    };
    let (run, merged) = merge_files(home.path(), &base, &ours, &theirs);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let profile = profile_of(&merged);
    let own = &profile.assessments[0];
    let sam = &profile.assessments[1];
    assert_eq!(
        own.rating("level-4/automation/2").and_then(|r| r.value),
        Some(4)
    );
    assert_eq!(
        sam.rating("level-4/automation/1").and_then(|r| r.value),
        Some(3)
    );
    assert_eq!(
        sam.rating("level-4/automation/1").map(|r| r.note()),
        Some("Agreed.")
    );
    assert!(
        !std::fs::read_to_string(&merged)
            .expect("text")
            .contains("conflict")
    );
}

#[test]
fn the_same_rating_changed_on_both_sides_is_recorded_and_exits_1() {
    let home = home(false);
    let base = base_profile();
    let ours = base.replacen(
        "value = 2\nnote = \"Scripted the deploys.\"",
        "value = 3\nnote = \"Scripted the deploys and the rollbacks.\"",
        1,
    );
    let theirs = base.replacen(
        "value = 2\nnote = \"Scripted the deploys.\"",
        "value = 1\nnote = \"Only with help so far.\"",
        1,
    );
    let (run, merged) = merge_files(home.path(), &base, &ours, &theirs);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("team/alex.toml: 1 merge conflict(s) recorded in the profile"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("self · Alex Doe · round 1 · level-4/automation/1: note, value (ours kept; theirs beside it)"),
        "{}",
        run.stderr
    );
    let profile = profile_of(&merged);
    let rating = profile.assessments[0]
        .rating("level-4/automation/1")
        .expect("rated");
    assert_eq!(rating.value, Some(3), "ours stays in place");
    let conflict = rating.conflict().expect("theirs is recorded");
    let (side, theirs) = &conflict.others()[0];
    assert_eq!(side.as_str(), "theirs");
    assert_eq!(theirs.note, "Only with help so far.");
    // validate reads it and warns with the place; the exit code stays 0.
    let run = common::run(home.path(), &["validate", "merge/ours.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(&merged).expect("text");
    let line = text
        .lines()
        .position(|l| l == "[assessments.ratings.conflict]")
        .expect("the record")
        + 1;
    assert!(
        run.stderr.contains(&format!("merge/ours.toml:{line}:1: merge conflict in self · Alex Doe · round 1 · level-4/automation/1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 merge conflict(s) to settle"),
        "{}",
        run.stderr
    );
    // Every export that lists ratings says it.
    let md = run_ok(home.path(), &["export", "--profile", "merge/ours.toml"]);
    assert!(md.contains("## Merge conflicts"), "{md}");
    assert!(md.contains("| Automation 1 | self · Alex Doe | 3 Mostly, note: Scripted the deploys and the rollbacks. | theirs: 1 Not yet, note: Only with help so far. |"), "{md}");
    let json = run_ok(
        home.path(),
        &["export", "--profile", "merge/ours.toml", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["conflicts"][0]["key"], "level-4/automation/1");
    let html = run_ok(
        home.path(),
        &["export", "--profile", "merge/ours.toml", "--format", "html"],
    );
    assert!(html.contains("<h2>Merge conflicts</h2>"), "{html}");
}

fn run_ok(home: &Path, args: &[&str]) -> String {
    let run = common::run(home, args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn a_round_changed_after_its_sign_off_is_a_conflict_never_a_silent_change() {
    let home = home(false);
    let signed = base_profile().replacen(
        "updated = 2026-03-09T09:00:00Z\n",
        "updated = 2026-03-09T09:00:00Z\nfinished = 2026-03-10T09:00:00Z\n",
        1,
    );
    let at = signed.rfind("value = 2").expect("Sam's rating");
    let changed = format!("{}value = 4{}", &signed[..at], &signed[at + 9..]);
    let (run, merged) = merge_files(home.path(), &signed, &signed, &changed);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("the signed-off version kept"),
        "{}",
        run.stderr
    );
    let profile = profile_of(&merged);
    let rating = profile.assessments[1]
        .rating("level-4/automation/1")
        .expect("rated");
    assert_eq!(rating.value, Some(2), "the signed-off value stays");
    assert!(rating.conflict().is_some());
}

#[test]
fn a_bad_input_is_named_and_ours_is_left_as_it_was() {
    let home = home(false);
    let base = base_profile();
    let broken = base.replace("value = 3", "value = \"three\"");
    let (run, ours) = merge_files(home.path(), &base, &base, &broken);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("merge/theirs.toml:"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&ours).expect("ours"),
        base,
        "untouched"
    );
    // A profile against a framework: not two profiles.
    let (run, ours) = merge_files(
        home.path(),
        &base,
        &base,
        "format = 1\nid = \"x\"\nname = \"X\"\n",
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("is a profile but"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&ours).expect("ours"), base);
}

#[test]
fn a_file_added_on_both_sides_merges_with_an_empty_or_missing_base() {
    let home = home(false);
    let ours = format!(
        "{HEAD}{}",
        round(
            "self",
            "Alex Doe",
            "2026-03-02T09:00:00Z",
            "",
            &[("automation/1", "value = 2")]
        )
    );
    let theirs = format!(
        "{HEAD}{}",
        round(
            "manager",
            "Sam Lee",
            "2026-03-05T09:00:00Z",
            "",
            &[("automation/1", "value = 3")]
        )
    );
    for base in ["", "/dev/null", "missing"] {
        let dir = home.path().join("both");
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("ours.toml"), &ours).expect("write");
        std::fs::write(dir.join("theirs.toml"), &theirs).expect("write");
        std::fs::write(dir.join("empty.toml"), "").expect("write");
        let base_path = match base {
            "" => "both/empty.toml",
            "/dev/null" => "/dev/null",
            _ => "both/no-such-base.toml",
        };
        let run = common::run(
            home.path(),
            &[
                "merge-file",
                base_path,
                "both/ours.toml",
                "both/theirs.toml",
            ],
        );
        assert_eq!(run.code, Some(0), "{base}: {}", run.stderr);
        let profile = profile_of(&dir.join("ours.toml"));
        assert_eq!(profile.assessments.len(), 2, "{base}: both rounds");
    }
}

#[test]
fn files_that_are_not_profiles_merge_as_text() {
    let home = home(false);
    let framework =
        "format = 1\nid = \"tiny\"\nname = \"Tiny\"\n\n[[crafts]]\nid = \"c\"\nname = \"C\"\n";
    let ours = framework.replace("name = \"Tiny\"", "name = \"Tiny framework\"");
    let theirs = framework.replace("name = \"C\"", "name = \"Craft\"");
    let (run, merged) = merge_files(home.path(), framework, &ours, &theirs);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(&merged).expect("merged");
    assert!(
        text.contains("name = \"Tiny framework\"") && text.contains("name = \"Craft\""),
        "{text}"
    );
    let clash = framework.replace("name = \"Tiny\"", "name = \"Other\"");
    let (run, merged) = merge_files(home.path(), framework, &ours, &clash);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("is not a profile: merged as text"),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&merged).expect("merged");
    assert!(text.contains("<<<<<<< team/alex.toml (ours)"), "{text}");
}

#[test]
fn show_profile_prints_one_line_per_fact() {
    let home = home(false);
    let run = common::run(
        home.path(),
        &[
            "show-profile",
            &fixture("report-profile.toml").display().to_string(),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_safe(&run.stdout);
    insta::assert_snapshot!("show_profile_report", run.stdout);
}

#[test]
fn show_profile_without_the_framework_and_with_a_conflict() {
    let home = home(false);
    let base = base_profile();
    let ours = base.replacen(
        "value = 2\nnote = \"Scripted the deploys.\"",
        "value = 3\nnote = \"Mine,\\non two lines.\"",
        1,
    );
    let theirs = base.replacen(
        "value = 2\nnote = \"Scripted the deploys.\"",
        "na = true",
        1,
    );
    let (run, merged) = merge_files(home.path(), &base, &ours, &theirs);
    assert_eq!(run.code, Some(1));
    let shown = run_ok(home.path(), &["show-profile", "merge/ours.toml"]);
    assert!(
        shown.contains(
            "self · Alex Doe · round 1 · Automation 1: 3 Mostly · note: Mine, ↵ on two lines."
        ),
        "{shown}"
    );
    assert!(shown.contains("self · Alex Doe · round 1 · Automation 1 · ≠ merge conflict (note, value, na): theirs n/a · no note"), "{shown}");
    // Another framework, not installed here: keys and values without names.
    let text = std::fs::read_to_string(&merged)
        .expect("merged")
        .replace("\"vaarst\"", "\"acme\"");
    std::fs::write(home.path().join("acme.toml"), text).expect("write");
    let shown = run_ok(home.path(), &["show-profile", "acme.toml"]);
    assert!(
        shown.contains("framework · `acme` is not installed here"),
        "{shown}"
    );
    assert!(
        shown.contains("self · Alex Doe · round 1 · level-4/automation/2: 3"),
        "{shown}"
    );
    insta::assert_snapshot!("show_profile_unknown_framework", shown);
}

#[test]
fn show_profile_never_fails_a_git_log_on_a_file_it_cannot_read() {
    let home = home(false);
    let marked = format!(
        "{HEAD}<<<<<<< HEAD\nmanager = \"Sam\"\n=======\nmanager = \"Kim\"\n>>>>>>> theirs\n"
    );
    std::fs::write(home.path().join("marked.toml"), &marked).expect("write");
    let run = common::run(home.path(), &["show-profile", "marked.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.starts_with("# rungs show-profile: not a profile rungs can read (line 6: a text merge left conflict markers"), "{}", run.stdout);
    assert!(run.stdout.ends_with(&marked), "{}", run.stdout);
}

#[test]
fn conflict_markers_are_named_with_their_line_and_how_to_merge_again() {
    let home = home(false);
    let dir = home.path().join("team");
    std::fs::create_dir(&dir).expect("mkdir");
    let marked = base_profile().replacen(
        "value = 2\nnote = \"Scripted the deploys.\"",
        "<<<<<<< HEAD\nvalue = 3\n=======\nvalue = 1\n>>>>>>> origin/main",
        1,
    );
    let line = marked
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .expect("marker")
        + 1;
    std::fs::write(dir.join("alex.toml"), &marked).expect("write");
    std::fs::write(
        dir.join("ben.toml"),
        base_profile().replace("Alex Doe", "Ben Ode"),
    )
    .expect("write");
    let run = common::run(home.path(), &["validate", "team/alex.toml"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains(&format!("team/alex.toml:{line}:1: a text merge left conflict markers (<<<<<<< … >>>>>>>) in this profile")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("git checkout -m team/alex.toml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("git show :1:team/alex.toml > base.toml"),
        "{}",
        run.stderr
    );
    // team skips it, says why, and summarises the others.
    let run = common::run(home.path(), &["team", "team"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "team/alex.toml:{line}:1: a text merge left conflict markers"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("Ben Ode"), "{}", run.stdout);
    // A framework's markers say to settle them by hand.
    std::fs::write(
        dir.join("fw.toml"),
        "format = 1\n<<<<<<< ours\nid = \"a\"\n=======\nid = \"b\"\n>>>>>>> theirs\n",
    )
    .expect("write");
    let run = common::run(home.path(), &["validate", "team/fw.toml"]);
    assert!(run.stderr.contains("team/fw.toml:2:1: a text merge left conflict markers (<<<<<<< … >>>>>>>) in this framework"), "{}", run.stderr);
}

/// git with nothing of this machine's config: no system file, a temporary
/// home, and the author named per call.
fn git(home: &Path, dir: &Path, who: &str, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("RUNGS_HOME", home)
        .env("GIT_AUTHOR_NAME", who)
        .env(
            "GIT_AUTHOR_EMAIL",
            format!("{}@example.com", who.to_lowercase().replace(' ', ".")),
        )
        .env("GIT_COMMITTER_NAME", who)
        .env("GIT_COMMITTER_EMAIL", "ci@example.com")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs")
}

fn git_ok(home: &Path, dir: &Path, who: &str, args: &[&str]) -> String {
    let out = git(home, dir, who, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// rungs run in a clone, as its owner would.
fn rungs_in(home: &Path, dir: &Path, args: &[&str]) -> Run {
    let out = rungs(home)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .args(args)
        .output()
        .expect("rungs runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// A shared repository with Alex's profile in `team/`, and two clones:
/// Alex's and Sam's, each set up with `rungs git-setup --write`.
struct Team {
    home: tempfile::TempDir,
    alex: PathBuf,
    sam: PathBuf,
}

impl Team {
    fn new(with_driver: bool) -> Team {
        let home = home(false);
        let h = home.path();
        let origin = h.join("origin.git");
        git_ok(
            h,
            h,
            "Alex Doe",
            &["init", "--bare", "-b", "main", "origin.git"],
        );
        let alex = h.join("alex");
        let sam = h.join("sam");
        git_ok(
            h,
            h,
            "Alex Doe",
            &["clone", "-q", &origin.display().to_string(), "alex"],
        );
        for (clone, name) in [(&alex, "Alex Doe"), (&sam, "Sam Lee")] {
            if clone == &sam {
                git_ok(
                    h,
                    h,
                    name,
                    &["clone", "-q", &origin.display().to_string(), "sam"],
                );
            }
            git_ok(h, clone, name, &["config", "user.name", name]);
            git_ok(h, clone, name, &["config", "user.email", "x@example.com"]);
            git_ok(h, clone, name, &["config", "pull.rebase", "false"]);
            if clone == &alex {
                std::fs::create_dir(alex.join("team")).expect("mkdir");
                std::fs::write(alex.join("team/alex.toml"), base_profile()).expect("write");
                std::fs::create_dir(alex.join("team/frameworks")).expect("mkdir");
                std::fs::write(
                    alex.join("team/frameworks/acme.toml"),
                    "format = 1\nid = \"acme\"\nname = \"Acme\"\n",
                )
                .expect("write");
                if with_driver {
                    let run = rungs_in(h, &alex, &["git-setup", "team", "--write"]);
                    assert_eq!(run.code, Some(0), "{}", run.stderr);
                }
                git_ok(h, &alex, name, &["add", "-A"]);
                git_ok(
                    h,
                    &alex,
                    name,
                    &["commit", "-qm", "Alex's first round, Sam's review"],
                );
                git_ok(h, &alex, name, &["push", "-q", "origin", "main"]);
            } else if with_driver {
                let run = rungs_in(h, &sam, &["git-setup", "team", "--write"]);
                assert_eq!(run.code, Some(0), "{}", run.stderr);
                assert!(
                    run.stdout.contains("team/.gitattributes: already set up"),
                    "{}",
                    run.stdout
                );
            }
        }
        Team { home, alex, sam }
    }

    fn h(&self) -> &Path {
        self.home.path()
    }

    fn commit(&self, clone: &Path, who: &str, message: &str) {
        git_ok(self.h(), clone, who, &["commit", "-qam", message]);
    }
}

#[test]
fn git_setup_prints_what_it_would_write_and_writes_it_once() {
    let team = Team::new(true);
    let h = team.h();
    let attributes =
        std::fs::read_to_string(team.alex.join("team/.gitattributes")).expect("written");
    assert_eq!(
        attributes,
        "# rungs: profiles merge by meaning and diff as ratings (rungs git-setup)\n*.toml merge=rungs diff=rungs\n# other TOML files here (frameworks) merge and diff as text\n/frameworks/acme.toml !merge !diff\n"
    );
    let exe = assert_cmd::cargo::cargo_bin("rungs");
    let driver = git_ok(h, &team.alex, "Alex Doe", &["config", "merge.rungs.driver"]);
    assert_eq!(
        driver.trim(),
        format!("{} merge-file %O %A %B --name %P", exe.display())
    );
    let textconv = git_ok(
        h,
        &team.alex,
        "Alex Doe",
        &["config", "diff.rungs.textconv"],
    );
    assert_eq!(textconv.trim(), format!("{} show-profile", exe.display()));
    // Again: nothing added twice.
    let run = rungs_in(h, &team.alex, &["git-setup", "team", "--write"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("already set up"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("git config merge.rungs.driver: already set"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(team.alex.join("team/.gitattributes")).expect("same"),
        attributes
    );
    let drivers = git_ok(
        h,
        &team.alex,
        "Alex Doe",
        &["config", "--get-all", "merge.rungs.driver"],
    );
    assert_eq!(drivers.lines().count(), 1);
    // Without --write it only prints.
    let run = rungs_in(h, &team.sam, &["git-setup", "team"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("*.toml merge=rungs diff=rungs"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("git config merge.rungs.driver"),
        "{}",
        run.stdout
    );
    // Outside a repository, --write refuses.
    let outside = h.join("outside");
    std::fs::create_dir(&outside).expect("mkdir");
    let run = rungs_in(h, &outside, &["git-setup", "--write"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("is not in a git repository"),
        "{}",
        run.stderr
    );
}

#[test]
fn engineer_and_manager_editing_their_own_rounds_merge_cleanly_on_pull() {
    let team = Team::new(true);
    let h = team.h();
    git_ok(h, &team.sam, "Sam Lee", &["pull", "-q"]);
    // Alex rates on their clone; Sam reviews on theirs; both commit.
    rate(
        &team.alex.join("team/alex.toml"),
        "self",
        "Alex Doe",
        "level-4/automation/1",
        |r| {
            r.value = Some(3);
            r.note = Some("Scripted the deploys and the rollbacks.".into());
        },
    );
    team.commit(&team.alex, "Alex Doe", "Alex: automation 1 is a 3 now");
    git_ok(h, &team.alex, "Alex Doe", &["push", "-q"]);
    rate(
        &team.sam.join("team/alex.toml"),
        "manager",
        "Sam Lee",
        "level-4/automation/1",
        |r| {
            r.value = Some(3);
            r.note = Some("Seen it in the incident review.".into());
        },
    );
    team.commit(&team.sam, "Sam Lee", "Sam: review of automation 1");
    let out = git(h, &team.sam, "Sam Lee", &["pull", "--no-edit"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profile = profile_of(&team.sam.join("team/alex.toml"));
    assert_eq!(
        profile.assessments[0]
            .rating("level-4/automation/1")
            .map(|r| r.note()),
        Some("Scripted the deploys and the rollbacks.")
    );
    assert_eq!(
        profile.assessments[1]
            .rating("level-4/automation/1")
            .map(|r| r.note()),
        Some("Seen it in the incident review.")
    );
    let run = rungs_in(h, &team.sam, &["validate", "team/alex.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("conflict"), "{}", run.stderr);
}

/// Evidence and actions travel through git as ratings do: an item Alex
/// adds on one clone and actions each of them adds on theirs all arrive,
/// with no conflict, on a pull through the driver.
#[test]
fn evidence_and_actions_added_in_two_clones_all_arrive_on_pull() {
    let team = Team::new(true);
    let h = team.h();
    git_ok(h, &team.sam, "Sam Lee", &["pull", "-q"]);
    let file = "team/alex.toml";
    let added = |dir: &Path, args: &[&str]| {
        let run = rungs_in(h, dir, args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    };
    added(
        &team.alex,
        &[
            "evidence",
            "add",
            "--profile",
            file,
            "--statement",
            "level-4/automation/1",
            "--date",
            "2026-10-04",
            "Scripted the rollbacks",
        ],
    );
    added(
        &team.alex,
        &[
            "action",
            "add",
            "--profile",
            file,
            "--statement",
            "level-4/automation/1",
            "--owner",
            "Alex Doe",
            "Write the runbook",
        ],
    );
    team.commit(&team.alex, "Alex Doe", "Alex: evidence and an action");
    git_ok(h, &team.alex, "Alex Doe", &["push", "-q"]);
    added(
        &team.sam,
        &[
            "action",
            "add",
            "--profile",
            file,
            "--statement",
            "level-4/automation/2",
            "--owner",
            "Sam Lee",
            "Pair on the pipeline",
        ],
    );
    team.commit(&team.sam, "Sam Lee", "Sam: an action");
    let out = git(h, &team.sam, "Sam Lee", &["pull", "--no-edit"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profile = profile_of(&team.sam.join(file));
    let texts: Vec<&str> = profile.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["Scripted the rollbacks"]);
    let mut actions: Vec<&str> = profile.actions.iter().map(|a| a.text.as_str()).collect();
    actions.sort();
    assert_eq!(actions, ["Pair on the pipeline", "Write the runbook"]);
    let run = rungs_in(h, &team.sam, &["validate", file]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stderr.contains("conflict"), "{}", run.stderr);
}

#[test]
fn the_same_rating_changed_in_two_clones_gives_a_recorded_conflict() {
    let team = Team::new(true);
    let h = team.h();
    git_ok(h, &team.sam, "Sam Lee", &["pull", "-q"]);
    rate(
        &team.alex.join("team/alex.toml"),
        "self",
        "Alex Doe",
        "level-4/automation/2",
        |r| r.value = Some(4),
    );
    team.commit(&team.alex, "Alex Doe", "Alex: automation 2 is a 4");
    git_ok(h, &team.alex, "Alex Doe", &["push", "-q"]);
    rate(
        &team.sam.join("team/alex.toml"),
        "self",
        "Alex Doe",
        "level-4/automation/2",
        |r| r.value = Some(1),
    );
    team.commit(
        &team.sam,
        "Sam Lee",
        "automation 2 set to 1 on the other clone",
    );
    let out = git(h, &team.sam, "Sam Lee", &["pull", "--no-edit"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "a conflict stops the merge: {said}");
    assert!(
        said.contains("1 merge conflict(s) recorded in the profile"),
        "{said}"
    );
    assert!(
        said.contains("CONFLICT (content): Merge conflict in team/alex.toml"),
        "{said}"
    );
    let text = std::fs::read_to_string(team.sam.join("team/alex.toml")).expect("text");
    assert!(!text.contains("<<<<<<<"), "no text markers:\n{text}");
    let profile = profile_of(&team.sam.join("team/alex.toml"));
    let rating = profile.assessments[0]
        .rating("level-4/automation/2")
        .expect("rated");
    assert_eq!(rating.value, Some(1), "ours in place");
    assert_eq!(
        rating.conflict().map(|c| c.others()[0].1.mark),
        Some(rungs::model::Mark::Value(4))
    );
    let run = rungs_in(h, &team.sam, &["validate", "team/alex.toml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("merge conflict in self · Alex Doe · round 1 · level-4/automation/2"),
        "{}",
        run.stderr
    );
    // Settled (here by keeping the file as it is), the merge is committed.
    git_ok(h, &team.sam, "Sam Lee", &["add", "team/alex.toml"]);
    git_ok(h, &team.sam, "Sam Lee", &["commit", "-qm", "merge"]);
}

#[test]
fn git_log_shows_ratings_and_notes_across_two_rounds() {
    let team = Team::new(true);
    let h = team.h();
    let path = team.alex.join("team/alex.toml");
    rate(&path, "self", "Alex Doe", "level-4/automation/1", |r| {
        r.value = Some(3);
        r.note = Some("Scripted the deploys.\nAnd the rollbacks.".into());
    });
    team.commit(&team.alex, "Alex Doe", "Round 1: automation 1 is a 3");
    let mut profile = profile_of(&path);
    profile.new_round(
        rungs::model::Role::Own,
        "Alex Doe",
        "2026-06-01T09:00:00Z".parse().expect("date"),
    );
    std::fs::write(&path, toml::to_string(&profile).expect("toml")).expect("write");
    rate(&path, "self", "Alex Doe", "level-4/automation/2", |r| {
        r.value = Some(4)
    });
    team.commit(&team.alex, "Alex Doe", "Round 2: automation 2 is a 4");
    let log = git_ok(
        h,
        &team.alex,
        "Alex Doe",
        &["log", "-p", "--format=commit %s", "team/alex.toml"],
    );
    assert!(
        log.contains("+self · Alex Doe · round 2 · Automation 2: 4 Consistently"),
        "{log}"
    );
    assert!(
        log.contains(
            "-self · Alex Doe · round 1 · Automation 1: 2 Sometimes · note: Scripted the deploys."
        ),
        "{log}"
    );
    assert!(log.contains("+self · Alex Doe · round 1 · Automation 1: 3 Mostly · note: Scripted the deploys. ↵ And the rollbacks."), "{log}");
    assert!(
        !log.contains("[[assessments.ratings]]"),
        "textconv lines, not TOML:\n{log}"
    );
    std::fs::write(h.join("git-log-p.txt"), &log).expect("kept for the report");
}

#[test]
fn a_text_merge_is_merged_again_by_meaning_once_the_driver_is_set_up() {
    let team = Team::new(false);
    let h = team.h();
    git_ok(h, &team.sam, "Sam Lee", &["pull", "-q"]);
    rate(
        &team.alex.join("team/alex.toml"),
        "self",
        "Alex Doe",
        "level-4/automation/1",
        |r| r.value = Some(3),
    );
    team.commit(&team.alex, "Alex Doe", "a 3");
    git_ok(h, &team.alex, "Alex Doe", &["push", "-q"]);
    rate(
        &team.sam.join("team/alex.toml"),
        "manager",
        "Sam Lee",
        "level-4/automation/1",
        |r| r.value = Some(1),
    );
    rate(
        &team.sam.join("team/alex.toml"),
        "self",
        "Alex Doe",
        "level-4/automation/1",
        |r| r.value = Some(1),
    );
    team.commit(&team.sam, "Sam Lee", "a 1");
    let out = git(h, &team.sam, "Sam Lee", &["pull", "--no-edit"]);
    assert!(!out.status.success());
    let run = rungs_in(h, &team.sam, &["validate", "team/alex.toml"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("a text merge left conflict markers"),
        "{}",
        run.stderr
    );
    // The hint's way out: set the driver up, merge the file again.
    let run = rungs_in(h, &team.sam, &["git-setup", "team", "--write"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    git(
        h,
        &team.sam,
        "Sam Lee",
        &["checkout", "-m", "team/alex.toml"],
    );
    let run = rungs_in(h, &team.sam, &["validate", "team/alex.toml"]);
    assert_eq!(run.code, Some(0), "merged by meaning now: {}", run.stderr);
    assert!(
        run.stderr
            .contains("merge conflict in self · Alex Doe · round 1 · level-4/automation/1"),
        "{}",
        run.stderr
    );
}

/// Three people over two quarters: the end of the first quarter, and now.
fn quarters() -> tempfile::TempDir {
    let home = home(false);
    let dir = home.path().join("team");
    std::fs::create_dir(&dir).expect("mkdir");
    let q1 = |who: &str, v: u8| {
        round(
            "self",
            who,
            "2026-03-02T09:00:00Z",
            "updated = 2026-03-20T09:00:00Z\nfinished = 2026-03-31T17:00:00Z\n",
            &[
                ("automation/1", &format!("value = {v}")),
                ("automation/2", "value = 2"),
            ],
        )
        .replacen("updated = 2026-03-02T09:00:00Z\n", "", 1)
    };
    let q2 = |who: &str, updated: &str, v: u8| {
        round(
            "self",
            who,
            "2026-04-02T09:00:00Z",
            &format!("updated = {updated}\n"),
            &[
                ("automation/1", &format!("value = {v}")),
                ("automation/2", "value = 4"),
            ],
        )
        .replacen("updated = 2026-04-02T09:00:00Z\n", "", 1)
    };
    let file = |who: &str, rounds: String| format!("{}{rounds}", HEAD.replace("Alex Doe", who));
    std::fs::write(
        dir.join("ana.toml"),
        file(
            "Ana Lima",
            format!(
                "{}{}",
                q1("Ana Lima", 2),
                q2("Ana Lima", "2026-06-10T09:00:00Z", 3)
            ),
        ),
    )
    .expect("write");
    // Ben's review was signed off after the end of the quarter.
    std::fs::write(
        dir.join("ben.toml"),
        file(
            "Ben Ode",
            format!(
                "{}{}",
                q1("Ben Ode", 3),
                round(
                    "manager",
                    "Sam Lee",
                    "2026-03-25T09:00:00Z",
                    "updated = 2026-04-03T09:00:00Z\nfinished = 2026-04-03T09:00:00Z\n",
                    &[("automation/1", "value = 1")]
                )
                .replacen("updated = 2026-03-25T09:00:00Z\n", "", 1)
            ),
        ),
    )
    .expect("write");
    // Cy joined in May: no round on March 31st.
    std::fs::write(
        dir.join("cy.toml"),
        file("Cy Park", q2("Cy Park", "2026-05-10T09:00:00Z", 4)),
    )
    .expect("write");
    home
}

#[test]
fn team_on_a_date_uses_the_rounds_that_existed_then() {
    let home = quarters();
    let run = common::run(home.path(), &["team", "team", "--on", "2026-03-31"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    insta::assert_snapshot!("team_on_end_of_q1", run.stdout);
    assert!(run.stdout.contains("As of 2026-03-31"), "{}", run.stdout);
    // Ben's review was signed off after the day, and saved after it.
    assert!(run.stderr.contains("as of 2026-03-31"), "{}", run.stderr);
    assert!(run.stderr.contains("Ben Ode"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("left out, with no round by that day: Cy Park"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("Cy Park"), "{}", run.stdout);
    let now = run_ok(home.path(), &["team", "team"]);
    assert!(now.contains("Cy Park"), "{now}");
    for format in ["csv", "json", "html"] {
        let out = run_ok(
            home.path(),
            &["team", "team", "--on", "2026-03-31", "--format", format],
        );
        assert!(
            !out.contains("Cy Park"),
            "{format}: nobody who began later:\n{out}"
        );
    }
    let json = run_ok(
        home.path(),
        &["team", "team", "--on", "2026-03-31", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["on"], "2026-03-31");
    let by_statement = run_ok(
        home.path(),
        &["team", "team", "--on", "2026-06-30", "--by", "statement"],
    );
    assert!(by_statement.contains("Cy Park"), "{by_statement}");
    let run = common::run(home.path(), &["team", "team", "--on", "31/03/2026"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("is not a date: write it as YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}
