//! `rungs harvest --print`: a real repository made in a temporary folder
//! (two authors, two quarters, a squashed and a merged pull request), read
//! by the real binary.

use std::path::Path;

use crate::common::git_history::{self, ALEX, Made, PROFILE};
use crate::common::*;

struct Setup {
    home: tempfile::TempDir,
    repo: std::path::PathBuf,
    made: Vec<Made>,
}

fn setup(profile: &str) -> Setup {
    let home = home(false);
    let repo = home.path().join("demo");
    let made = git_history::make(&repo);
    std::fs::write(home.path().join("alex.toml"), profile).expect("write");
    Setup { home, repo, made }
}

fn harvest(s: &Setup, extra: &[&str]) -> Run {
    harvest_in(s, s.home.path(), extra)
}

fn harvest_in(s: &Setup, dir: &Path, extra: &[&str]) -> Run {
    let profile = s.home.path().join("alex.toml");
    let repo = s.repo.to_str().expect("utf-8");
    let mut args = vec![
        "harvest",
        "--print",
        "--profile",
        profile.to_str().expect("utf-8"),
    ];
    if dir == s.home.path() {
        args.extend(["--repo", repo]);
    }
    args.extend(extra);
    let out = rungs(s.home.path())
        .current_dir(dir)
        .env("HOME", s.home.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(&args)
        .output()
        .expect("rungs runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// The lines `--print` gives for these commits.
fn lines(made: &[&Made]) -> String {
    made.iter()
        .map(|m| {
            let kind = match m.subject {
                s if s.starts_with("Merge pull request #12") => "[merge · PR #12] ",
                s if s.ends_with("(#34)") => "[PR #34] ",
                _ => "",
            };
            format!("{}  {}  {kind}{}\n", m.date, m.link("demo"), m.subject)
        })
        .collect()
}

#[test]
fn it_proposes_exactly_her_commits_in_range() {
    let s = setup(PROFILE);
    let run = harvest(&s, &["--since", "2026-01-01"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let hers: Vec<&Made> = s
        .made
        .iter()
        .filter(|m| m.alexs && m.date >= "2026-01-01")
        .collect();
    assert_eq!(hers.len(), 4, "two quarters of hers, merge included");
    assert_eq!(run.stdout, lines(&hers));
    assert!(!run.stdout.contains("Sam"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("4 commits to decide from demo since 2026-01-01"),
        "{}",
        run.stderr
    );
}

#[test]
fn by_default_it_reads_from_the_current_folder_since_the_self_round() {
    let with_round = format!(
        "{PROFILE}\n[[assessments]]\nrole = \"self\"\nassessor = \"Alex Doe\"\nstarted = 2026-04-01T09:00:00Z\nupdated = 2026-04-01T09:00:00Z\n"
    );
    let s = setup(&with_round);
    let from_repo = harvest_in(&s, &s.repo.clone(), &[]);
    assert_eq!(from_repo.code, Some(0), "{}", from_repo.stderr);
    let since_round: Vec<&Made> = s
        .made
        .iter()
        .filter(|m| m.alexs && m.date >= "2026-04-01")
        .collect();
    assert_eq!(from_repo.stdout, lines(&since_round));
    let round = harvest(&s, &["--round"]);
    assert_eq!(round.stdout, from_repo.stdout);
    // Without a self round, all of her history.
    let all = setup(PROFILE);
    let run = harvest(&all, &[]);
    assert!(
        run.stdout.starts_with("2025-12-20  demo@"),
        "{}",
        run.stdout
    );
}

#[test]
fn accepted_and_skipped_commits_are_not_proposed_again() {
    let s = setup(PROFILE);
    let scripted = &s.made[1];
    let fix = &s.made[3];
    let profile = format!(
        "{PROFILE}\n[[evidence]]\nid = \"e1\"\ndate = 2026-02-03\ntext = \"Scripted the deploys\"\ncommits = [\"{}\"]\nstatements = [\"level-4/automation/1\"]\n\n[harvest.skipped]\n\"{}\" = 2026-03-30\n",
        // A shorter id than harvest writes still names the commit.
        &scripted.link("demo")[..12],
        fix.link("demo")
    );
    std::fs::write(s.home.path().join("alex.toml"), profile).expect("write");
    let run = harvest(&s, &["--since", "2026-01-01"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let left: Vec<&Made> = s.made[5..].iter().collect();
    assert_eq!(run.stdout, lines(&left));
}

#[test]
fn a_folder_outside_git_or_a_person_without_identity_is_bad_input() {
    let s = setup(PROFILE);
    let outside = tempfile::tempdir().expect("a temp dir");
    let run = harvest(&s, &["--repo", outside.path().to_str().expect("utf-8")]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("is not in a git repository"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--repo DIR"), "{}", run.stderr);

    git_history::git(
        &s.repo,
        ALEX,
        "2026-06-01",
        &["config", "--unset", "user.email"],
    );
    git_history::git(
        &s.repo,
        ALEX,
        "2026-06-01",
        &["config", "--unset", "user.name"],
    );
    let nobody = PROFILE.replace("identities = [\"alex@old.example\"]\n", "");
    std::fs::write(s.home.path().join("alex.toml"), nobody).expect("write");
    let run = harvest(&s, &[]);
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(
        run.stderr.contains("no identity to look for"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("identities"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(s.home.path().join("alex.toml")).expect("read"),
        PROFILE.replace("identities = [\"alex@old.example\"]\n", ""),
        "the profile is untouched"
    );
}

#[test]
fn hostile_subjects_reach_the_terminal_inert() {
    let s = setup(PROFILE);
    let subject = "wipe \u{1b}[2J title \u{1b}]2;pwned\u{7} bidi \u{202e}gnp.exe\u{1f}field";
    git_history::git(
        &s.repo,
        ALEX,
        "2026-06-01",
        &["commit", "-q", "--allow-empty", "-m", subject],
    );
    let run = harvest(&s, &["--since", "2026-06-01"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_safe(&run.stdout);
    assert!(
        run.stdout
            .contains("wipe ␛[2J title ␛]2;pwned␇ bidi �gnp.exe"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
}

#[test]
fn a_skipped_commit_that_is_no_link_is_bad_input_located() {
    let home = home(false);
    let path = home.path().join("alex.toml");
    let text = format!("{PROFILE}\n[harvest.skipped]\n\"no-sha\" = 2026-03-30\n");
    std::fs::write(&path, &text).expect("write");
    let run = run(home.path(), &["validate", path.to_str().expect("utf-8")]);
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("alex.toml:8:1: `no-sha` in `[harvest.skipped]` is not REPO@SHA"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}
