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

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const RUNS: usize = 30;
const ROWS: u16 = 60;
const COLS: u16 = 200;

fn one_run(home: &std::path::Path) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rungs"));
    cmd.env("RUNGS_HOME", home);
    cmd.env("HOME", home);
    cmd.env("TERM", "xterm-256color");
    cmd.env("USER", "bench");
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let mut writer = pty.master.take_writer().expect("a writer");
    // The reader blocks; a thread hands its chunks over.
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("rungs starts");
    let nz = |n: u16| std::num::NonZero::new(n).expect("a non-zero size");
    let mut screen = vt100::Parser::new(nz(ROWS), nz(COLS), 0);
    let elapsed = loop {
        let chunk = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("a first frame within 10 s");
        screen.process(&chunk);
        let last_row = screen
            .screen()
            .contents_between(ROWS - 1, 0, ROWS - 1, COLS);
        if last_row.contains("quit") {
            break start.elapsed();
        }
    };
    writer.write_all(b"q").expect("the key reaches rungs");
    child.wait().expect("rungs quits");
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
