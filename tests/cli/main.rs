//! The command line, one module per subject: the real binary run with
//! assert_cmd, its output and the files it writes read back.
//! `cargo test --test cli` runs them all; `cargo test --test cli import::`
//! one subject.

#[path = "../common/mod.rs"]
mod common;

mod actions;
mod atelier;
mod calibration;
mod ci;
mod dataset;
mod evidence;
mod evolution;
mod export;
mod git;
mod harvest;
mod help;
mod import;
mod opening;
mod packet;
mod people;
mod reports;
mod team;
mod validate;
