//! What rungs does with files: the store's saves and locks, crash safety
//! under injected faults, hostile and untrusted files, property tests of the
//! round trips, the fuzzers' findings replayed, the seeded test data, and
//! the README's screens against the snapshots.
//! `cargo test --test files` runs them all; `cargo test --test files hostile::`
//! one subject.

#[path = "../timeout/mod.rs"]
mod timeout;
#[path = "../tui_support/mod.rs"]
mod tui_support;

mod crash_safety;
mod evidence_undo;
mod fuzz_regressions;
mod hostile;
mod layering;
mod merge;
mod properties;
mod readme;
mod store;
mod testgen;
