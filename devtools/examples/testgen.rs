//! Writes the data of the whole-process benchmarks (scripts/bench-process.sh)
//! into a folder, from `rungs_devtools::testgen` and a fixed seed:
//!
//! - `large-home/`: `frameworks/large.toml` (40,000 statements, ~9 MB) and
//!   `profile.toml` (4,000 ratings with notes), a `RUNGS_HOME`
//! - `large-home-{1,10}x/`: the same at 1 % and 10 %
//! - `team/`: 1,000 profiles of the embedded framework
//! - `team-10k/`: 10,000 of them (a large company's repository)
//! - `team-10k-reviewed/`: 10,000 reviewed by six managers, one lenient and
//!   one severe, half of them by a second one (reviewers calibrated)
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
    let leanings = [
        ("Mika Laine", 0),
        ("Noor Haddad", 0),
        ("Lou Bright", 2),
        ("Sam Okafor", 0),
        ("Ray Stern", -2),
        ("Ines Duarte", 0),
    ]
    .map(|(name, bias)| testgen::Leaning { name, bias });
    testgen::write_reviewed_team(
        &dir.join("team-10k-reviewed"),
        &testgen::reviewed_team(10_000, SEED, &leanings),
    )?;
    eprintln!("wrote {}", dir.display());
    Ok(())
}
