//! rungs: career self-assessment in the terminal.
//!
//! Data flows one way: files ([`store`]) → validated data ([`model`]) → app
//! state and views ([`tui`]) or text ([`export`]); a change flows key →
//! action → update → store.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod cli;
pub mod commands;
pub mod error;
pub mod export;
pub mod import;
pub mod model;
pub mod store;
pub mod tui;
