//! Process start to first frame: runs the real `rungs` binary in a 200×60
//! pseudo-terminal on a profile of the embedded framework, and times from
//! just before the spawn until the first frame's last row (the footer, which
//! ends with "quit") is on the emulated screen. Then presses `q`.
//!
//! This counts what a person waits for: exec, loading the catalog, opening
//! and locking the profile, entering raw mode and the alternate screen, and
//! drawing; plus the pseudo-terminal's own hand-over (tens of microseconds).
//! No hook in the program is needed. Not a criterion bench: each sample is
//! a whole process, so it prints the median, min and max of its runs.

#[path = "../tests/pty_support/mod.rs"]
mod pty_support;

use std::time::Duration;

use pty_support::Tui;

const RUNS: usize = 30;
const ROWS: u16 = 60;
const COLS: u16 = 200;

fn one_run(home: &std::path::Path) -> Duration {
    let mut tui = Tui::start_sized(home, &[], &[("USER", "bench")], ROWS, COLS);
    tui.wait_until("the first frame's footer", || {
        tui.screen.lock().is_ok_and(|p| {
            p.screen()
                .contents_between(ROWS - 1, 0, ROWS - 1, COLS)
                .contains("quit")
        })
    });
    let elapsed = tui.spawned.elapsed();
    tui.keys(&["q"]);
    tui.wait_exit();
    elapsed
}

fn main() {
    // `cargo bench -- FILTER` passes a filter: run only when it names us.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    if filter.is_some_and(|f| !"first_frame".contains(&f)) {
        return;
    }
    let home = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let text = rungs_devtools::testgen::vaarst_profile_toml(
        "Alex Doe",
        2026,
        &rungs_devtools::testgen::vaarst_keys(),
    );
    std::fs::write(home.path().join("profile.toml"), text).expect("writable");
    one_run(home.path()); // warm the page cache
    let mut times: Vec<Duration> = (0..RUNS).map(|_| one_run(home.path())).collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "first_frame/embedded     median {:.2} ms  (min {:.2} ms, max {:.2} ms, {RUNS} runs)",
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS - 1])
    );
}
