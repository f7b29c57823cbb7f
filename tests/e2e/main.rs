//! The real binary in a real pseudo-terminal: keys, pastes, resizes,
//! signals, suspend, failed saves and conflicts, read back from the emulated
//! screen and the files on disk. The slowest group: `cargo test --test e2e`.

#[path = "../common/git_history.rs"]
mod git_history;
#[path = "../pty_support/mod.rs"]
mod pty_support;

mod blind;
mod evidence;
mod harvest;
mod input;
mod no_loss;
mod people;
mod pty;
mod two_writers;
