//! rungs: career self-assessment in the terminal.
//!
//! Data flows one way: files ([`store`]) → validated data ([`model`]) → app
//! state and views ([`tui`]) or text ([`export`]). A change flows input →
//! the open context's key table → action → update → an effect the loop
//! carries out against the store → a result the app applies
//! (`App::on_saved`); text typed into a note or the search line is the one
//! input that is not a table row.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod cli;
pub mod clock;
pub mod commands;
pub mod error;
pub mod export;
pub mod import;
pub mod model;
pub mod present;
pub mod store;
pub mod tui;
