//! The terminal app without a terminal: screens drawn to ratatui's
//! `TestBackend` (insta snapshots), keys through `update`, the event loop on
//! scripted events, the setup form, the model-based test that plays
//! random sessions through the real loop, and the calibration grid (its two
//! runs of the real binary use the one pty harness, `pty_support`).
//! `cargo test --test tui` runs them all; `cargo test --test tui screens::`
//! one subject.

#[path = "../pty_support/mod.rs"]
mod pty_support;
#[path = "../tui_support/mod.rs"]
mod tui_support;

mod actions;
mod blind;
mod calibrate;
mod event_loop;
mod evidence;
mod harvest;
mod merge_conflict;
mod model_based;
mod notes;
mod screens;
mod setup;
mod update;
