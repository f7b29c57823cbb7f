//! Development tools for rungs, kept out of the shipped library: seeded test
//! data at any size ([`testgen`], for the benchmarks and the tests that
//! check them) and the whole path from untrusted bytes to every screen and
//! output ([`fuzzing`], for the fuzz targets in `fuzz/` and the tests that
//! replay their findings).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod fuzzing;
pub mod merging;
pub mod testgen;
