//! Writes the data of the whole-process benchmarks (scripts/bench-process.sh)
//! into a folder, from `rungs_devtools::testgen` and a fixed seed:
//!
//! - `large-home/`: `frameworks/large.toml` (40,000 statements, ~9 MB) and
//!   `profile.toml` (4,000 ratings with notes), a `RUNGS_HOME`
//! - `large-home-{1,10}x/`: the same at 1 % and 10 %
//! - `team/`: 1,000 profiles of the embedded framework
//! - `team-10k/`: 10,000 of them (a large company's repository)
//!
//! Usage: `cargo run --release -p rungs-devtools --example testgen -- DIR`

use std::path::PathBuf;

use rungs_devtools::testgen::{self, Shape};

const SEED: u64 = 2026;

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: testgen DIR");
        std::process::exit(2);
    };
    testgen::write_large_home(&dir.join("large-home"), Shape::LARGE, SEED)?;
    for scale in [1, 10] {
        testgen::write_large_home(
            &dir.join(format!("large-home-{scale}x")),
            Shape::scaled(scale),
            SEED,
        )?;
    }
    testgen::write_vaarst_profiles(&dir.join("team"), 1000, SEED)?;
    testgen::write_vaarst_profiles(&dir.join("team-10k"), 10_000, SEED)?;
    eprintln!("wrote {}", dir.display());
    Ok(())
}
