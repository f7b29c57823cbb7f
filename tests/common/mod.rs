//! Helpers for driving the real binary: a fresh RUNGS_HOME per test, the
//! fixtures, and checks on what a user would see.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod git_history;
#[path = "../timeout/mod.rs"]
mod limit;
pub use limit::timeout;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary RUNGS_HOME; with `atelier` its frameworks folder holds the
/// test framework.
pub fn home(with_atelier: bool) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("a temp dir");
    if with_atelier {
        let dir = home.path().join("frameworks");
        std::fs::create_dir(&dir).expect("mkdir");
        std::fs::copy(fixture("frameworks/atelier.toml"), dir.join("atelier.toml")).expect("copy");
    }
    home
}

pub fn rungs(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("rungs").expect("the binary");
    cmd.env("RUNGS_HOME", home)
        .env_remove("NO_COLOR")
        .current_dir(home);
    cmd
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(home: &Path, args: &[&str]) -> Run {
    let out = rungs(home).args(args).output().expect("rungs runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

/// No character that could drive a terminal.
pub fn assert_safe(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && c != '\t' && rungs::model::text::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "unsafe characters {bad:?} in:\n{text}");
}

/// Every markdown table row has as many cells as its header.
pub fn assert_tables_whole(markdown: &str) {
    let cells = |line: &str| {
        let mut n = 0;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '|' if !escaped => n += 1,
                _ => escaped = false,
            }
            if c != '\\' {
                escaped = false;
            }
        }
        n
    };
    let mut header = None;
    for line in markdown.lines() {
        if line.starts_with('|') {
            let n = cells(line);
            match header {
                None => header = Some(n),
                Some(h) => assert_eq!(n, h, "a row with another cell count:\n{line}"),
            }
        } else {
            header = None;
        }
    }
}
