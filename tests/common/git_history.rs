//! A git repository made for harvest's tests: commits by two authors over
//! two quarters, with fixed names, addresses and dates, so every commit id
//! is the same on every run. Alex commits under two addresses (the old one
//! is listed in the profile's `identities`); Sam's commits are never hers.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub const ALEX: (&str, &str) = ("Alex Doe", "alex@example.com");
pub const ALEX_OLD: (&str, &str) = ("A. Doe", "alex@old.example");
pub const SAM: (&str, &str) = ("Sam Lee", "sam@example.com");

/// Runs git in `dir` with a clean environment: no user or system config,
/// author and committer `who` at `date` (noon UTC).
pub fn git(dir: &Path, who: (&str, &str), date: &str, args: &[&str]) -> String {
    let stamp = format!("{date}T12:00:00Z");
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", who.0)
        .env("GIT_AUTHOR_EMAIL", who.1)
        .env("GIT_COMMITTER_NAME", who.0)
        .env("GIT_COMMITTER_EMAIL", who.1)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .output()
        .expect("git runs (the tests need git on PATH)");
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

fn commit(dir: &Path, who: (&str, &str), date: &str, subject: &str) -> String {
    git(
        dir,
        who,
        date,
        &["commit", "-q", "--allow-empty", "-m", subject],
    );
    git(dir, who, date, &["rev-parse", "HEAD"])
}

/// One commit of the history: its full id, its day and its subject.
#[derive(Debug, Clone)]
pub struct Made {
    pub sha: String,
    pub date: &'static str,
    pub subject: &'static str,
    pub alexs: bool,
}

impl Made {
    /// `REPO@SHA` as harvest links it (twelve digits).
    pub fn link(&self, repo: &str) -> String {
        format!("{repo}@{}", &self.sha[..12])
    }
}

/// Makes the repository in `dir` (a new folder): git's own config names
/// Alex (`user.name`, `user.email`), as on her laptop. Returns the commits
/// oldest first.
pub fn make(dir: &Path) -> Vec<Made> {
    std::fs::create_dir_all(dir).expect("mkdir");
    git(dir, ALEX, "2025-12-01", &["init", "-q", "-b", "main"]);
    git(dir, ALEX, "2025-12-01", &["config", "user.name", ALEX.0]);
    git(dir, ALEX, "2025-12-01", &["config", "user.email", ALEX.1]);
    let plan: [((&str, &str), &'static str, &'static str); 5] = [
        (
            ALEX,
            "2025-12-20",
            "Before the range: set up the repository",
        ),
        (ALEX, "2026-02-03", "Scripted the deploys"),
        (SAM, "2026-02-10", "Sam's refactor of the queue"),
        (ALEX_OLD, "2026-03-30", "Fix the flaky test (#34)"),
        (SAM, "2026-04-02", "Sam again"),
    ];
    let mut made: Vec<Made> = plan
        .iter()
        .map(|(who, date, subject)| Made {
            sha: commit(dir, *who, date, subject),
            date,
            subject,
            alexs: who.1 != SAM.1,
        })
        .collect();
    // A pull request merged by Alex: a branch with a commit of hers, then
    // a merge commit.
    git(dir, ALEX, "2026-05-04", &["checkout", "-q", "-b", "queue"]);
    made.push(Made {
        sha: commit(dir, ALEX, "2026-05-04", "Queue the retries"),
        date: "2026-05-04",
        subject: "Queue the retries",
        alexs: true,
    });
    git(dir, ALEX, "2026-05-05", &["checkout", "-q", "main"]);
    let subject = "Merge pull request #12 from alex/queue";
    git(
        dir,
        ALEX,
        "2026-05-06",
        &["merge", "-q", "--no-ff", "queue", "-m", subject],
    );
    made.push(Made {
        sha: git(dir, ALEX, "2026-05-06", &["rev-parse", "HEAD"]),
        date: "2026-05-06",
        subject,
        alexs: true,
    });
    made
}

/// A profile for Alex on the embedded framework, listing her old address.
pub const PROFILE: &str = r#"format = 1
person = "Alex Doe"
framework = "vaarst"
craft = "devops-engineer"
level = "level-4"
identities = ["alex@old.example"]
"#;
