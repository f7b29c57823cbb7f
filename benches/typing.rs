//! How soon what a person types is on screen and in the file, in the real
//! binary in a 100×30 pseudo-terminal (the e2e tests check the order; the
//! times are measured here):
//!
//! - `typing/paste`: a 5 KB bracketed paste into the note editor, from the
//!   write until its last line is on screen, and until the whole note is in
//!   the profile (saved on the pause after it);
//! - `typing/steady`: a note typed without a pause, a key as soon as rungs
//!   has read the one before, from the first key until some of it is in the
//!   profile (the at-least-every-second save).
//!
//! Each sample is a whole session, so it prints the median, min and max.

#[path = "../tests/pty_support/mod.rs"]
mod pty_support;

use std::path::Path;
use std::time::{Duration, Instant};

use pty_support::{EDITOR_HINT, NEW_PROFILE, Tui};

const RUNS: usize = 9;

/// The first statement's note in the profile, once it has one.
fn note(home: &Path) -> String {
    let text = std::fs::read_to_string(home.join("profile.toml")).unwrap_or_default();
    let Ok(profile) = toml::from_str::<rungs::model::Profile>(&text) else {
        return String::new();
    };
    profile
        .current(rungs::model::Role::Own)
        .and_then(|a| a.rating("level-4/engineering-maturity/1"))
        .map(|r| r.note().to_owned())
        .unwrap_or_default()
}

/// A fresh profile with the note editor open on its first statement.
fn editor_open() -> (tempfile::TempDir, Tui) {
    let home = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let mut tui = Tui::start(home.path(), &NEW_PROFILE);
    tui.wait_for("Rated   0/15");
    tui.keys(&["n"]);
    tui.wait_for(EDITOR_HINT);
    (home, tui)
}

fn leave(mut tui: Tui) {
    tui.signal("TERM");
    tui.wait_exit();
}

/// (shown, saved) after the paste is written.
fn paste() -> (Duration, Duration) {
    let (home, mut tui) = editor_open();
    let text: String = (1..=40)
        .map(|i| format!("line {i:02}: {}", "evidence of the work done ".repeat(5)))
        .collect::<Vec<_>>()
        .join("\n");
    let start = Instant::now();
    tui.write(&format!("\u{1b}[200~{text}\u{1b}[201~"));
    tui.wait_for("line 40: evidence");
    let shown = start.elapsed();
    tui.wait_until("the paste in the file", || note(home.path()) == text);
    let saved = start.elapsed();
    leave(tui);
    (shown, saved)
}

/// From the first key of steady typing until the file holds some of it.
fn steady() -> Duration {
    let (home, mut tui) = editor_open();
    let start = Instant::now();
    for c in "steady typing with no pause ".chars().cycle() {
        tui.keys(&[&c.to_string()]);
        if !note(home.path()).is_empty() {
            break;
        }
    }
    let saved = start.elapsed();
    leave(tui);
    saved
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<24} median {:.1} ms  (min {:.1} ms, max {:.1} ms, {} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn main() {
    // `cargo bench -- FILTER` passes a filter: run only what it names.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    if "typing/paste".contains(&filter) {
        let runs: Vec<(Duration, Duration)> = (0..RUNS).map(|_| paste()).collect();
        report("typing/paste shown", runs.iter().map(|r| r.0).collect());
        report("typing/paste saved", runs.iter().map(|r| r.1).collect());
    }
    if "typing/steady".contains(&filter) {
        report("typing/steady saved", (0..RUNS).map(|_| steady()).collect());
    }
}
